"""Correos guardados por Outlook como `.msg` (contenedor OLE2 con propiedades MAPI), con extract-msg.

Lo mismo que `correo` saca de un `.eml`: remitente, fecha con su testigo y adjuntos, también los de
un mensaje reenviado como adjunto; las cabeceras de Internet que Outlook guarda se leen igual que allá.
"""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import datetime
from email.message import Message
from typing import Any

from ..nucleo.observaciones import Codigo, Observacion, observar
from .correo import (
    MAX_ANIDADOS,
    POLITICA,
    Adjunto,
    Correo,
    Procedencia,
    Testigo,
    con_testigo,
    consecuencias,
    direccion,
    fecha_de_cabecera,
    fecha_valida,
    remitente_de_cabecera,
    texto_asunto,
)
from .nombres import DENTRO, nombre_visible, texto_visible


def leer_msg(datos: bytes, archivo: str) -> Correo:
    """Un mensaje guardado por Outlook como .msg, con extract-msg (sin ejecutar nada)."""
    try:
        import extract_msg
        from extract_msg.enums import ErrorBehavior

        tolerar = (ErrorBehavior.ATTACH_SUPPRESS_ALL | ErrorBehavior.STANDARDS_VIOLATION
                   | ErrorBehavior.NAMED_NAME_STREAM)
        msg = extract_msg.openMsg(datos, strict=False, errorBehavior=tolerar)
    except Exception:
        return Correo(observaciones=[observar(Codigo.CORREO_ILEGIBLE, archivo=archivo,
                                              detalle="el mensaje de Outlook (.msg) está dañado")])
    correo = Correo()
    try:
        correo.procedencia = _procedencia_msg(msg, archivo, Procedencia(), correo.observaciones, False)
        _adjuntos_msg(msg, (), correo.procedencia, archivo, correo, 0)
    except Exception:
        correo.observaciones.append(observar(Codigo.CORREO_ILEGIBLE, archivo=archivo,
                                             detalle="parte del mensaje de Outlook está dañada"))
    finally:
        msg.close()
    return correo


def _cadena(msg: Any, propiedad: str) -> str:
    """Una propiedad de texto MAPI (`__substg1.0_XXXX`), o «» si no está o no se lee."""
    try:
        valor = msg.getStringStream(f"__substg1.0_{propiedad}")
    except Exception:
        return ""
    return texto_visible(valor or "", 400)


def _smtp(msg: Any, propiedad: str, tipo: str | None = None) -> str:
    """La dirección SMTP de una propiedad; nunca la forma X.500 de Exchange («/O=…/CN=…»)."""
    valor = _cadena(msg, propiedad)
    if not valor or valor.startswith("/") or (tipo and _cadena(msg, tipo).upper() not in ("SMTP", "")):
        return ""
    return direccion(valor)


def _fecha_msg(msg: Any, propiedad: str) -> datetime | None:
    try:
        valor = msg.getPropertyVal(propiedad)
        return fecha_valida(valor) if isinstance(valor, datetime) else None
    except Exception:
        return None


def _cabeceras_msg(msg: Any) -> Message | None:
    """Las cabeceras de transporte que Outlook guarda de un correo llegado de Internet."""
    texto = _cadena_cruda(msg, "007D")
    if not texto:
        return None
    try:
        return email.message_from_string(texto, policy=POLITICA)
    except Exception:
        return None


def _cadena_cruda(msg: Any, propiedad: str) -> str:
    try:
        return msg.getStringStream(f"__substg1.0_{propiedad}") or ""
    except Exception:
        return ""


def _procedencia_msg(msg: Any, visible: str, base: Procedencia, observaciones: list[Observacion],
                     reenvio: bool) -> Procedencia:
    """Remitente: «De» (en nombre de) antes que «Remitente», SMTP antes que X.500. Fecha: hora de
    entrega, hora de envío o la cabecera Date, en ese orden."""
    sin_remitente, sin_fecha = consecuencias(reenvio)
    cabeceras = _cabeceras_msg(msg)
    candidatos: list[Callable[[], str]] = [
        lambda: _smtp(msg, "5D02"),            # PR_SENT_REPRESENTING_SMTP_ADDRESS
        lambda: _smtp(msg, "0065", "0064"),    # PR_SENT_REPRESENTING_EMAIL_ADDRESS si es SMTP
        lambda: remitente_de_cabecera(cabeceras.get("From"), visible, observaciones, sin_remitente)
        if cabeceras is not None else "",
        lambda: _smtp(msg, "5D01"),            # PR_SENDER_SMTP_ADDRESS
        lambda: _smtp(msg, "0C1F", "0C1E"),    # PR_SENDER_EMAIL_ADDRESS si es SMTP
        lambda: (_cadena(msg, "0065") or _cadena(msg, "0C1F")).lower(),  # X.500: lo único que hay
    ]
    remitente = next((r for r in (c() for c in candidatos) if r), "")
    fecha, testigo = _fecha_msg(msg, "0E060040"), Testigo.OUTLOOK_ENTREGA  # PR_MESSAGE_DELIVERY_TIME
    if fecha is None:
        fecha, testigo = _fecha_msg(msg, "00390040"), Testigo.OUTLOOK_ENVIO  # PR_CLIENT_SUBMIT_TIME
    if fecha is None and cabeceras is not None:
        fecha, testigo = fecha_de_cabecera(cabeceras.get("Date"), visible, observaciones,
                                            sin_fecha), Testigo.CORREO
    return Procedencia(remitente or base.remitente, fecha or base.fecha,
                       con_testigo(testigo, reenvio) if fecha else base.testigo)


def _adjuntos_msg(msg: Any, nombres: tuple[str, ...], procedencia: Procedencia, visible: str,
                  correo: Correo, nivel: int) -> None:
    for numero, adjunto in enumerate(msg.attachments, start=1):
        try:
            datos = adjunto.data
            if isinstance(datos, bytes):
                nombre = (getattr(adjunto, "longFilename", None) or getattr(adjunto, "shortFilename", None)
                          or getattr(adjunto, "displayName", None) or f"adjunto {numero}")
                correo.adjuntos.append(Adjunto((*nombres, str(nombre)), datos, procedencia))
            elif hasattr(datos, "attachments") and nivel < MAX_ANIDADOS:  # mensaje reenviado como adjunto
                asunto = texto_asunto(getattr(datos, "subject", None) or getattr(adjunto, "displayName", None))
                dentro = f"{visible}{DENTRO}{nombre_visible(asunto)}"
                propia = _procedencia_msg(datos, dentro, procedencia, correo.observaciones, True)
                _adjuntos_msg(datos, (*nombres, asunto), propia, dentro, correo, nivel + 1)
            elif datos is None and "BROKEN" in str(getattr(adjunto, "type", "")):
                raise ValueError("adjunto dañado")
        except Exception:
            correo.observaciones.append(observar(Codigo.ARCHIVO_DANADO, archivo=f"{visible}{DENTRO}adjunto {numero}",
                                                 detalle="adjunto de Outlook ilegible"))
