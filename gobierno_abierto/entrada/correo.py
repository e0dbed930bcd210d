"""Correos recibidos: `.eml` (cualquier cliente de correo) y `.msg` (Outlook, «Guardar como»).

De cada correo se toman el remitente, la fecha con su testigo (de dónde salió esa fecha) y
los adjuntos, también los de un mensaje reenviado como adjunto: entonces valen la fecha y el
remitente del mensaje original. Una cabecera rota nunca detiene la lectura: queda como
observación y los adjuntos se leen igual. Este módulo no reconoce hojas de cálculo; eso lo
hace `archivos`, que lo llama. Los .msg se leen en `correo_outlook`, con las mismas cabeceras.
"""

from __future__ import annotations

import base64
import email
import email.header
import io
import quopri
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import Message
from email.policy import Compat32
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any

from ..nucleo.configuracion import ZONA_LIMA
from ..nucleo.observaciones import Codigo, Observacion, observar
from .nombres import DENTRO, nombre_visible, texto_de_bytes, texto_visible

FIRMA_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_ANIDADOS = 3  # un reenvío dentro de otro reenvío, hasta tres niveles
CABECERAS_CORREO = (b"from:", b"received:", b"return-path:", b"mime-version:", b"date:",
                    b"message-id:", b"delivered-to:")


class Testigo(StrEnum):
    """De dónde salió la fecha de un envío (se muestra en el consolidado)."""

    SERVIDOR = "servidor de correo de la institución: Received"
    CORREO = "correo: Date"
    OUTLOOK_ENTREGA = "Outlook: hora de entrega"
    OUTLOOK_ENVIO = "Outlook: hora de envío"
    REGISTRO = "registro de recepción: primera vez que el programa vio el archivo"
    ARCHIVO = "fecha de modificación del archivo (poco fiable: una copia la cambia)"


@dataclass(frozen=True)
class Procedencia:
    """Quién envió un mensaje y cuándo, con el testigo de esa fecha."""

    remitente: str = ""
    fecha: datetime | None = None
    testigo: str = ""


@dataclass(frozen=True)
class Adjunto:
    nombres: tuple[str, ...]  # («Asunto del original», «fichas.xlsx») si vino en un reenvío
    datos: bytes
    procedencia: Procedencia


@dataclass
class Correo:
    procedencia: Procedencia = field(default_factory=Procedencia)
    adjuntos: list[Adjunto] = field(default_factory=list)
    observaciones: list[Observacion] = field(default_factory=list)


def es_msg(datos: bytes) -> bool:
    """Un mensaje de Outlook: contenedor OLE2 con las propiedades MAPI de un mensaje."""
    if not datos.startswith(FIRMA_OLE2) or len(datos) < 1536:
        return False
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(datos)) as ole:
            raiz = {e[0] for e in ole.listdir(streams=True, storages=True)}
    except Exception:
        return False
    return "__properties_version1.0" in raiz and any(n.startswith("__substg1.0_") for n in raiz)


def parece_eml(nombre: str, datos: bytes) -> bool:
    if nombre.lower().endswith(".eml"):
        return True
    return not datos.startswith((b"PK", FIRMA_OLE2)) and datos[:2048].lower().startswith(CABECERAS_CORREO)


# --- cabeceras ----------------------------------------------------------------------------

_DIRECCION = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_ENTRE_ANGULOS = re.compile(r"<\s*([^<>\s]{3,320})\s*>")


def direccion(texto: str) -> str:
    """La dirección de correo de un «From:», sin analizador recursivo (no se cae con `(((…`)."""
    texto = texto[:1000]
    for m in _ENTRE_ANGULOS.finditer(texto):
        if _DIRECCION.fullmatch(m.group(1)):
            return m.group(1).lower()
    m = _DIRECCION.search(texto)
    return m.group(0).lower() if m else ""


def decodificar(valor: Any) -> str:
    """Una cabecera como texto: palabras codificadas (=?utf-8?…?=) resueltas si se puede."""
    texto = "" if valor is None else str(valor)
    if "=?" not in texto:
        return texto
    try:
        return str(email.header.make_header(email.header.decode_header(texto)))
    except Exception:  # codificación desconocida o palabra mal formada: se muestra tal cual
        return texto


class _Politica(Compat32):
    """compat32 no analiza las cabeceras al leerlas (el analizador moderno se cae con
    `From: salud.ga@` o mil paréntesis); los bytes no ASCII se leen como UTF-8 o Windows-1252."""

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]
        if value.isascii():
            return value
        return texto_de_bytes(value.encode("utf-8", "surrogateescape"))


POLITICA = _Politica()


def fecha_valida(fecha: datetime) -> datetime | None:
    if not 1980 <= fecha.year <= 2100:
        return None
    if fecha.tzinfo is None:
        fecha = fecha.replace(tzinfo=ZONA_LIMA)
    return fecha.astimezone(ZONA_LIMA)


def remitente_de_cabecera(valor: Any, visible: str, observaciones: list[Observacion],
                           consecuencia: str) -> str:
    texto = decodificar(valor).strip()
    if not texto:
        return ""
    remitente = direccion(texto)
    if not remitente:
        observaciones.append(observar(Codigo.CORREO_CABECERA_DANADA, archivo=visible, campo="From",
                                      que="remitente", valor=texto_visible(texto), consecuencia=consecuencia))
    return remitente


_ANIO_DE_FECHA = re.compile(r"\b[A-Za-z]{3}\s+(\d{1,4})\s+\d{1,2}:\d{2}")  # «… Sep 2016 10:00…»


def fecha_de_cabecera(valor: Any, visible: str, observaciones: list[Observacion],
                       consecuencia: str) -> datetime | None:
    texto = decodificar(valor).strip()
    if not texto:
        return None
    try:
        leida = parsedate_to_datetime(texto)
        # el analizador pasa un año de dos cifras a 19xx o 20xx, y también «0001» (→ 2001): ese no
        anio = _ANIO_DE_FECHA.search(texto)
        fecha = fecha_valida(leida) if not anio or len(anio[1]) < 4 or int(anio[1]) == leida.year else None
    except Exception:  # ValueError, TypeError, IndexError, OverflowError según la versión
        fecha = None
    if fecha is None:
        observaciones.append(observar(Codigo.CORREO_CABECERA_DANADA, archivo=visible, campo="Date",
                                      que="fecha", valor=texto_visible(texto), consecuencia=consecuencia))
    return fecha


def consecuencias(reenvio: bool) -> tuple[str, str]:
    if reenvio:
        return ("se toma el remitente del correo que lo reenvía",
                "se toma la fecha del correo que lo reenvía")
    return ("la gerencia se identifica solo por el código de la plantilla",
            "se toma la fecha de modificación del archivo")


def con_testigo(testigo: Testigo, reenvio: bool) -> str:
    return f"{testigo} (mensaje original adjunto)" if reenvio else str(testigo)


def texto_asunto(valor: Any) -> str:
    return texto_visible(decodificar(valor), 80) or "mensaje adjunto"


# --- .eml ---------------------------------------------------------------------------------


def leer_eml(datos: bytes, archivo: str, servidor: str = "") -> Correo:
    """Un correo guardado como .eml (Thunderbird, Gmail, Outlook «Guardar como» › .eml). Con
    `servidor` (el dominio del servidor de correo de la institución), la fecha de recepción es la
    que ese servidor escribió en su cabecera `Received:`, no la que puso el equipo del remitente."""
    try:
        mensaje = email.message_from_bytes(datos, policy=POLITICA)
    except Exception as e:  # el analizador casi nunca falla; si falla, es dato
        return Correo(observaciones=[observar(Codigo.CORREO_ILEGIBLE, archivo=archivo,
                                              detalle=texto_visible(str(e), 80))])
    correo = Correo()
    correo.procedencia = _procedencia_eml(mensaje, archivo, Procedencia(), correo.observaciones, False)
    recibido = _fecha_del_servidor(mensaje, servidor)
    if recibido is not None:
        declarada = correo.procedencia.fecha
        if declarada is not None and abs(declarada - recibido) > timedelta(days=1):
            correo.observaciones.append(observar(
                Codigo.FECHAS_DISCREPANTES, archivo=archivo, fecha=_corta(recibido), testigo=Testigo.SERVIDOR,
                otra=_corta(declarada), otro_testigo=Testigo.CORREO))
        correo.procedencia = Procedencia(correo.procedencia.remitente, recibido, str(Testigo.SERVIDOR))
    fecha = correo.procedencia.fecha
    if fecha is not None and fecha > datetime.now(ZONA_LIMA) + timedelta(hours=1):
        correo.observaciones.append(observar(Codigo.FECHA_FUTURA, archivo=archivo, fecha=_corta(fecha),
                                             testigo=correo.procedencia.testigo))
    _adjuntos_eml(mensaje, (), correo.procedencia, archivo, correo, 0)
    return correo


_POR = re.compile(r"\bby\s+([^\s;()]+)", re.IGNORECASE)


def _corta(fecha: datetime) -> str:
    return fecha.astimezone(ZONA_LIMA).strftime("%d/%m/%Y %H:%M")


def _fecha_del_servidor(mensaje: Message, servidor: str) -> datetime | None:
    """La fecha de la cabecera `Received:` más alta escrita por el servidor de la institución."""
    dominio = servidor.strip().lower()
    if not dominio:
        return None
    try:
        cabeceras = mensaje.get_all("Received") or []
    except Exception:
        return None
    for cabecera in cabeceras:  # la primera es la más reciente: la del último servidor
        texto = " ".join(decodificar(cabecera).split())
        por = _POR.search(texto)
        if por is None or not (por.group(1).lower() == dominio or por.group(1).lower().endswith("." + dominio)):
            continue
        try:
            return fecha_valida(parsedate_to_datetime(texto.rsplit(";", 1)[-1].strip()))
        except Exception:
            return None
    return None


def _procedencia_eml(mensaje: Message, visible: str, base: Procedencia,
                     observaciones: list[Observacion], reenvio: bool) -> Procedencia:
    sin_remitente, sin_fecha = consecuencias(reenvio)
    remitente = remitente_de_cabecera(mensaje.get("From"), visible, observaciones, sin_remitente)
    fecha = fecha_de_cabecera(mensaje.get("Date"), visible, observaciones, sin_fecha)
    return Procedencia(remitente or base.remitente, fecha or base.fecha,
                       con_testigo(Testigo.CORREO, reenvio) if fecha else base.testigo)


def _adjuntos_eml(parte: Message, nombres: tuple[str, ...], procedencia: Procedencia, visible: str,
                  correo: Correo, nivel: int) -> None:
    try:
        tipo = parte.get_content_type()
        if parte.is_multipart():
            hijos = [h for h in parte.get_payload() if isinstance(h, Message)]
            if tipo == "message/rfc822" and hijos and nivel < MAX_ANIDADOS:  # reenviado como adjunto
                interno = _mensaje_incrustado(parte, hijos[0])
                asunto = texto_asunto(interno.get("Subject"))
                dentro = f"{visible}{DENTRO}{nombre_visible(asunto)}"
                propia = _procedencia_eml(interno, dentro, procedencia, correo.observaciones, True)
                _adjuntos_eml(interno, (*nombres, asunto), propia, dentro, correo, nivel + 1)
            else:
                for hijo in hijos:
                    _adjuntos_eml(hijo, nombres, procedencia, visible, correo, nivel)
            return
        nombre = decodificar(parte.get_filename() or "")
        if not nombre and parte.get_content_disposition() != "attachment" and tipo.startswith("text/"):
            return  # el cuerpo del mensaje
        contenido = parte.get_payload(decode=True)
        if isinstance(contenido, bytes) and contenido:
            numero = len(correo.adjuntos) + 1
            correo.adjuntos.append(Adjunto((*nombres, nombre or f"adjunto {numero}"), contenido, procedencia))
    except Exception:  # una parte con estructura imposible: se informa y se sigue con las demás
        correo.observaciones.append(observar(Codigo.CORREO_ILEGIBLE, archivo=visible,
                                             detalle="una parte del correo está dañada"))


def _mensaje_incrustado(parte: Message, interno: Message) -> Message:
    """El mensaje de una parte message/rfc822. Algunos programas (y el propio Python) lo codifican
    en base64, que la norma no permite: el analizador lo toma por un mensaje sin cabeceras."""
    codificacion = str(parte.get("Content-Transfer-Encoding", "")).strip().lower()
    if codificacion not in ("base64", "quoted-printable") or interno.keys():
        return interno
    texto = interno.get_payload()
    if not isinstance(texto, str):
        return interno
    crudo = texto.encode("ascii", "surrogateescape")
    datos = base64.b64decode(crudo) if codificacion == "base64" else quopri.decodestring(crudo)
    return email.message_from_bytes(datos, policy=POLITICA)
