"""Recepción de archivos: de una carpeta de envíos a documentos de hoja de cálculo en memoria.

Reconoce el formato por los bytes (nunca por la extensión), abre correos `.eml` y `.msg` (con
`correo`) y archivos `.zip`, y toma las hojas que traen; rechaza con una observación, sin
abrirlos, los archivos vacíos, demasiado grandes, con contraseña, dañados o que se expanden
demasiado al descomprimirse. Nunca modifica la entrada.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from ..nucleo.configuracion import ZONA_LIMA
from ..nucleo.observaciones import Codigo, Observacion, observar
from .comprimidos import partes_zip, revisar_inflado, revisar_zip
from .correo import FIRMA_OLE2, Correo, Procedencia, Testigo, es_msg, leer_eml, parece_eml
from .correo_outlook import leer_msg
from .nombres import nombre_visible, tamanio_legible
from .registro_recepcion import ConsultaRegistro, RegistroRecepcion, huella_bytes
from .trabajadores import Caida, Trabajadores, en_procesos

MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
FIRMA_ZIP = b"PK\x03\x04"
FIRMA_ZIP_VACIO = b"PK\x05\x06"
FIRMA_TNEF = b"\x78\x9f\x3e\x22"  # winmail.dat: formato enriquecido de Outlook
NS_ESTRICTO = b"http://purl.oclc.org/ooxml/"  # «Hoja de cálculo Open XML estricta» de Excel

MAX_NIVELES = 4  # correo › reenvío › .zip › libro

PROFUNDIDAD_MAXIMA = 3  # entradas/fichas/<sub>/<sub>/<sub>/archivo
EXTENSIONES_IGNORADAS = (".tmp", ".bak", ".lnk", ".ini")
EXTENSIONES_CORREO = (".eml", ".msg")


class Formato(StrEnum):
    XLSX = "xlsx"
    ODS = "ods"


@dataclass(frozen=True)
class Documento:
    """Una hoja de cálculo recibida, ya en memoria y reconocida."""

    archivo: str            # como lo ve el usuario: «envio.eml › fichas.xlsx» o «fichas.xlsx»
    ruta: Path              # archivo en disco del que salió
    datos: bytes
    formato: Formato
    fecha: datetime         # fecha de recepción (del correo o del archivo), hora de Lima
    origen_fecha: str       # «correo» o «archivo»
    remitente: str = ""     # correo del remitente, si vino en un .eml o .msg (el del original, si se reenvió)
    testigo: str = ""       # de dónde salió la fecha: «correo: Date», «Outlook: hora de entrega»… (Testigo)
    fiable: bool = True     # la fecha la da un correo (servidor, mensaje u Outlook), no una copia del archivo
    visto: datetime | None = None  # primera vez que el programa vio el archivo (registro de recepción)
    huella: str = ""        # SHA-256 del contenido: dos archivos con la misma huella son un solo envío


@dataclass(frozen=True)
class Recepcion:
    documentos: list[Documento]
    observaciones: list[Observacion]
    archivos_leidos: int
    leidos: list[Any] = field(default_factory=list)  # con `lector`: lo leído de cada documento, en su orden


class _Rechazo(Exception):
    def __init__(self, observacion: Observacion) -> None:
        super().__init__(observacion.mensaje)
        self.observacion = observacion


def listar_envios(carpeta: Path) -> list[Path]:
    """Archivos de la carpeta y de sus subcarpetas, en orden estable, sin temporales ni bloqueos de
    Office/LibreOffice.

    Las subcarpetas se leen, no se ignoran: quien guarda un libro en entradas/fichas/GRDS/ espera que
    cuente, y dejarlo fuera en silencio es el peor resultado. Si es un envío viejo, la regla «vale el
    más reciente» lo dice en una observación, y el archivo se nombra con su subcarpeta
    («GRDS/fichas.xlsx»). Hasta PROFUNDIDAD_MAXIMA niveles, sin carpetas ocultas («.git», «__MACOSX»)
    y sin seguir enlaces a carpetas (un ciclo no debe colgar la lectura)."""
    if not carpeta.is_dir():
        return []
    rutas = []
    pendientes = [(carpeta, 0)]
    while pendientes:
        actual, nivel = pendientes.pop()
        for ruta in actual.iterdir():
            nombre = ruta.name
            if nombre.startswith((".", "~$", "__MACOSX")):
                continue
            if ruta.is_dir():
                if nivel < PROFUNDIDAD_MAXIMA and not ruta.is_symlink():
                    pendientes.append((ruta, nivel + 1))
                continue
            if not ruta.is_file() or nombre.lower().endswith(EXTENSIONES_IGNORADAS):
                continue
            rutas.append(ruta)
    return sorted(rutas, key=lambda r: (r.relative_to(carpeta).as_posix().lower(), r.as_posix()))


class Visto(Protocol):
    def visto(self, huella: str, archivo: str, tamanio: int) -> datetime: ...


@dataclass(frozen=True)
class _Pedido:
    """Lo que necesita un trabajador para recibir y leer un archivo de la carpeta."""

    tamanio_maximo: int
    servidor_correo: str
    registro: ConsultaRegistro
    lector: Callable[[Documento, Any], Any] | None
    contexto: Any


@dataclass(frozen=True)
class _Entrega:
    """Un archivo de la carpeta, recibido (y leído, si hay lector) en un trabajador."""

    documentos: list[Documento]
    observaciones: list[Observacion]
    leidos: list[Any]
    anotacion: tuple[str, str, int] | None  # (huella, nombre, tamaño) para el registro de recepción


def recibir(carpeta: Path, tamanio_maximo: int, servidor_correo: str = "", *,
            lector: Callable[[Documento, Any], Any] | None = None, contexto: Any = None,
            trabajadores: Trabajadores | None = None,
            progreso: Callable[[int], AbstractContextManager[Callable[[int], None]]] | None = None) -> Recepcion:
    """Lee todos los envíos de una carpeta; los problemas vuelven como observaciones. Anota en el
    registro de recepción (junto a la carpeta) cuándo vio cada archivo por primera vez.

    Con `lector`, cada archivo se recibe y se lee (`lector(documento, contexto)`) en un proceso
    trabajador: un archivo que tumba a su lector es una observación `archivo_ilegible` y los demás se
    leen igual; el proceso principal nunca tiene los bytes de los archivos (los documentos vuelven
    sin `datos`) y lo leído queda en `Recepcion.leidos`, en el orden de `documentos`."""
    registro = RegistroRecepcion.junto_a(carpeta)
    rutas = listar_envios(carpeta)
    tareas = [(ruta, _prefijo(ruta, carpeta)) for ruta in rutas]
    pedido = _Pedido(tamanio_maximo, servidor_correo, registro.consulta(), lector, contexto)
    with progreso(len(tareas)) if progreso else contextlib.nullcontext(None) as avance:
        if lector is None:
            entregas: list[_Entrega | Caida] = []
            for tarea in tareas:
                entregas.append(_entregar(tarea, pedido))
                if avance:
                    avance(1)
        else:
            entregas = en_procesos(_entregar, tareas, pedido, avance=avance, trabajadores=trabajadores)
    documentos: list[Documento] = []
    observaciones: list[Observacion] = []
    leidos: list[Any] = []
    for (ruta, prefijo), entrega in zip(tareas, entregas, strict=True):
        if isinstance(entrega, Caida):
            observaciones.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=prefijo + nombre_visible(ruta.name),
                                          detalle=entrega.causa))
            continue
        if entrega.anotacion:
            registro.visto(*entrega.anotacion)
        documentos.extend(entrega.documentos)
        observaciones.extend(entrega.observaciones)
        leidos.extend(entrega.leidos)
    registro.guardar()
    return Recepcion(documentos, observaciones, len(rutas), leidos)


def _prefijo(ruta: Path, carpeta: Path) -> str:
    """En una subcarpeta, el archivo se nombra con ella («GRDS/fichas.xlsx»)."""
    return "".join(nombre_visible(parte) + "/" for parte in ruta.parent.relative_to(carpeta).parts)


def _entregar(tarea: tuple[Path, str], pedido: _Pedido) -> _Entrega:
    ruta, prefijo = tarea
    docs, obs, anotacion = _recibir(ruta, pedido.tamanio_maximo, pedido.servidor_correo, pedido.registro)
    if prefijo:
        docs = [replace(d, archivo=prefijo + d.archivo) for d in docs]
        obs = [replace(o, archivo=prefijo + o.archivo) if o.archivo else o for o in obs]
    if pedido.lector is None:
        return _Entrega(docs, obs, [], anotacion)
    leidos = [pedido.lector(d, pedido.contexto) for d in docs]
    return _Entrega([replace(d, datos=b"") for d in docs], obs, leidos, anotacion)


def recibir_archivo(ruta: Path, tamanio_maximo: int, servidor_correo: str = "",
                    registro: Visto | None = None) -> tuple[list[Documento], list[Observacion]]:
    """Un archivo de la carpeta: una hoja de cálculo, un correo con adjuntos o un .zip con hojas."""
    docs, obs, _ = _recibir(ruta, tamanio_maximo, servidor_correo, registro)
    return docs, obs


def _recibir(ruta: Path, tamanio_maximo: int, servidor_correo: str,
             registro: Visto | None) -> tuple[list[Documento], list[Observacion], tuple[str, str, int] | None]:
    archivo = nombre_visible(ruta.name)
    try:
        estado = ruta.stat()
        # Un correo lleva los adjuntos en base64 (un tercio más grande) o con su cuerpo y formato.
        tope = tamanio_maximo * 2 if ruta.suffix.lower() in EXTENSIONES_CORREO else tamanio_maximo
        if estado.st_size > tope:
            raise _Rechazo(observar(Codigo.ARCHIVO_GRANDE, archivo=archivo,
                                    tamanio=tamanio_legible(estado.st_size), maximo=tamanio_legible(tope)))
        datos = ruta.read_bytes()
    except _Rechazo as r:
        return [], [r.observacion], None
    except OSError as e:
        return [], [observar(Codigo.ARCHIVO_ILEGIBLE, archivo=archivo, detalle=e.strerror or str(e))], None

    fecha_archivo = datetime.fromtimestamp(estado.st_mtime, tz=ZONA_LIMA).replace(microsecond=0)
    huella = huella_bytes(datos)
    procedencia, visto = Procedencia("", fecha_archivo, Testigo.ARCHIVO), None
    if registro is not None:
        # Una copia cambia la fecha de modificación, no la primera vez que el programa vio el contenido.
        visto = registro.visto(huella, archivo, estado.st_size)
        if visto < fecha_archivo:
            procedencia = Procedencia("", visto.replace(microsecond=0), Testigo.REGISTRO)
    origen = _Origen(ruta, procedencia, tamanio_maximo, servidor_correo, visto)
    docs, obs = _desplegar(datos, archivo, ruta.name, origen, 0)
    return docs, obs, (huella, archivo, estado.st_size)


@dataclass(frozen=True)
class _Origen:
    """De qué archivo en disco salen unos bytes, y quién los envió y cuándo."""

    ruta: Path
    procedencia: Procedencia
    tamanio_maximo: int
    servidor_correo: str = ""
    visto: datetime | None = None   # primera vez que el programa vio el archivo en disco


def _desplegar(datos: bytes, visible: str, nombre: str, origen: _Origen,
               nivel: int) -> tuple[list[Documento], list[Observacion]]:
    """Unos bytes (archivo, adjunto o parte de un .zip) → las hojas de cálculo que contienen."""
    if nivel < MAX_NIVELES and (es_msg(datos) or parece_eml(nombre, datos)):
        return _recibir_correo(datos, visible, origen, nivel)
    try:
        formato = _clasificar(datos, visible, origen.tamanio_maximo)
        if formato is None:
            if nivel >= MAX_NIVELES:
                raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=visible,
                                        detalle="es un archivo ZIP dentro de otros"))
            return _desplegar_zip(datos, visible, origen, nivel)
    except _Rechazo as r:
        return [], [r.observacion]
    p = origen.procedencia
    fecha = p.fecha or datetime.fromtimestamp(0, tz=ZONA_LIMA)
    origen_fecha = "archivo" if p.testigo in (Testigo.ARCHIVO, Testigo.REGISTRO) else "correo"
    fiable = p.testigo not in (Testigo.ARCHIVO, Testigo.REGISTRO)
    return [Documento(visible, origen.ruta, datos, formato, fecha.replace(microsecond=0), origen_fecha,
                      p.remitente, p.testigo, fiable, origen.visto, huella_bytes(datos))], []


def reconocer(datos: bytes, archivo: str, tamanio_maximo: int) -> Formato:
    """Reconoce el formato por los bytes; lanza _Rechazo con la observación si no sirve."""
    formato = _clasificar(datos, archivo, tamanio_maximo)
    if formato is None:
        raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo, detalle="es un archivo ZIP"))
    return formato


def _clasificar(datos: bytes, archivo: str, tamanio_maximo: int) -> Formato | None:
    """Formato de una hoja de cálculo, o None si es un .zip cualquiera (que puede traer hojas)."""
    if not datos:
        raise _Rechazo(observar(Codigo.ARCHIVO_VACIO, archivo=archivo))
    if len(datos) > tamanio_maximo:
        raise _Rechazo(observar(Codigo.ARCHIVO_GRANDE, archivo=archivo, tamanio=tamanio_legible(len(datos)),
                                maximo=tamanio_legible(tamanio_maximo)))
    if datos.startswith(FIRMA_OLE2):
        raise _Rechazo(_observar_ole2(datos, archivo))
    if datos.startswith((FIRMA_ZIP, FIRMA_ZIP_VACIO)):
        return _reconocer_zip(datos, archivo)
    if datos.startswith(FIRMA_TNEF):
        raise _Rechazo(observar(Codigo.CORREO_WINMAIL, archivo=archivo))
    if datos.startswith(b"%PDF"):
        detalle = "es un PDF"
    elif datos[:5].lower() in (b"<html", b"<!doc"):
        detalle = "es una página web"
    elif datos.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        detalle = "es una imagen"
    else:
        detalle = "su contenido no corresponde a Excel ni a LibreOffice"
    raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo, detalle=detalle))


def _observar_ole2(datos: bytes, archivo: str) -> Observacion:
    """OLE2: un .xlsx cifrado con contraseña, un .xls antiguo o un .doc."""
    try:
        import olefile

        ole = olefile.OleFileIO(io.BytesIO(datos))
        flujos = {"/".join(f).lower() for f in ole.listdir()}
        ole.close()
    except Exception:  # archivo OLE2 cortado o dañado
        return observar(Codigo.ARCHIVO_DANADO, archivo=archivo, detalle="contenedor de Office ilegible")
    if "encryptioninfo" in flujos or "encryptedpackage" in flujos:
        return observar(Codigo.ARCHIVO_PROTEGIDO, archivo=archivo)
    if "workbook" in flujos or "book" in flujos:
        try:
            import msoffcrypto

            if msoffcrypto.OfficeFile(io.BytesIO(datos)).is_encrypted():
                return observar(Codigo.ARCHIVO_PROTEGIDO, archivo=archivo)
        except Exception:
            pass
        return observar(Codigo.ARCHIVO_XLS, archivo=archivo)
    if "worddocument" in flujos:
        return observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo, detalle="es un documento de Word antiguo")
    return observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo, detalle="es otro tipo de archivo de Office")


def _reconocer_zip(datos: bytes, archivo: str) -> Formato | None:
    try:
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            infos = z.infolist()
            bomba = revisar_zip(infos, archivo) or revisar_inflado(datos, infos, archivo)
            if bomba:
                raise _Rechazo(bomba)
            nombres = {i.filename for i in infos}
            if "xl/workbook.xml" in nombres:
                if _es_estricto(z):
                    _probar_estricto(datos, archivo)
                return Formato.XLSX
            if "mimetype" in nombres:
                mime = z.read("mimetype").strip()
                if mime == MIME_ODS:
                    return Formato.ODS
                if b"opendocument.text" in mime:
                    raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                            detalle="es un documento de texto de LibreOffice"))
            if "xl/workbook.bin" in nombres:
                raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es un libro binario de Excel (.xlsb); ábralo y use "
                                                "«Guardar como» › «Libro de Excel (.xlsx)»"))
            if "word/document.xml" in nombres:
                raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es un documento de Word"))
            if "ppt/presentation.xml" in nombres:
                raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es una presentación"))
            if "[Content_Types].xml" in nombres or "mimetype" in nombres:
                raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es otro tipo de documento de Office o LibreOffice"))
            return None
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise _Rechazo(observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
                                detalle="el ZIP interno está cortado")) from e


def _es_estricto(z: zipfile.ZipFile) -> bool:
    """Excel «Hoja de cálculo Open XML estricta»: los espacios de nombres purl.oclc.org/ooxml."""
    with z.open("xl/workbook.xml") as f:
        return NS_ESTRICTO in f.read(64 * 1024)


def _probar_estricto(datos: bytes, archivo: str) -> None:
    """python-calamine 0.9 lee los libros estrictos; si una versión futura no, se dice qué hacer
    (y no que «no es la plantilla»)."""
    import python_calamine

    try:
        libro = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(datos))
        if not libro.sheet_names:
            raise ValueError("sin hojas")
    except Exception as e:
        raise _Rechazo(observar(Codigo.ARCHIVO_ESTRICTO, archivo=archivo)) from e


def _desplegar_zip(datos: bytes, visible: str, origen: _Origen,
                   nivel: int) -> tuple[list[Documento], list[Observacion]]:
    """Las hojas de cálculo de un .zip («archivo.zip › libro.xlsx»), con los topes de cualquier archivo."""
    documentos: list[Documento] = []
    observaciones: list[Observacion] = []
    otros: list[str] = []
    for parte in partes_zip(datos, visible, origen.tamanio_maximo, observaciones):
        docs, obs = _desplegar(parte.datos, parte.visible, parte.nombre, origen, nivel + 1)
        documentos.extend(docs)
        observaciones.extend(o for o in obs if o.codigo is not Codigo.ARCHIVO_NO_HOJA)
        if any(o.codigo is Codigo.ARCHIVO_NO_HOJA for o in obs):
            otros.append(nombre_visible(parte.nombre))
    if not documentos and not any(o.es_error for o in observaciones):
        contenido = ", ".join(otros[:5]) + (" …" if len(otros) > 5 else "") if otros else "está vacío"
        observaciones.append(observar(Codigo.ZIP_SIN_HOJA, archivo=visible, contenido=contenido))
    return documentos, observaciones


# --- correos ---------------------------------------------------------------------------


def _recibir_correo(datos: bytes, visible: str, origen: _Origen,
                    nivel: int) -> tuple[list[Documento], list[Observacion]]:
    """Un .eml o .msg: sus adjuntos pasan por el mismo reconocimiento que cualquier archivo."""
    correo: Correo = leer_msg(datos, visible) if es_msg(datos) else leer_eml(datos, visible, origen.servidor_correo)
    documentos: list[Documento] = []
    observaciones = list(correo.observaciones)
    otros: list[str] = []
    for adjunto in correo.adjuntos:
        p = adjunto.procedencia
        propio = _Origen(origen.ruta, Procedencia(p.remitente or origen.procedencia.remitente,
                                                  p.fecha or origen.procedencia.fecha,
                                                  p.testigo or origen.procedencia.testigo),
                         origen.tamanio_maximo, origen.servidor_correo, origen.visto)
        dentro = " › ".join([visible, *(nombre_visible(n) for n in adjunto.nombres)])
        docs, obs = _desplegar(adjunto.datos, dentro, adjunto.nombres[-1], propio, nivel + 1)
        documentos.extend(docs)
        # Un PDF del acta o una imagen de firma no son errores del envío.
        observaciones.extend(o for o in obs if o.codigo is not Codigo.ARCHIVO_NO_HOJA)
        if any(o.codigo is Codigo.ARCHIVO_NO_HOJA for o in obs):
            otros.append(nombre_visible(adjunto.nombres[-1]))
    if not documentos and not any(o.es_error for o in observaciones):
        remitente = correo.procedencia.remitente or origen.procedencia.remitente
        trae = f" (trae: {', '.join(otros[:5])}{' …' if len(otros) > 5 else ''})" if otros else ""
        observaciones.append(observar(Codigo.CORREO_SIN_ADJUNTO, archivo=visible,
                                      remitente=remitente or "remitente desconocido", trae=trae))
    return documentos, observaciones
