"""Recepción de archivos: de una carpeta de envíos a documentos de hoja de cálculo en memoria.

Reconoce el formato por los bytes (nunca por la extensión), abre correos `.eml` y toma sus
adjuntos, y rechaza con una observación, sin abrirlos, los archivos vacíos, demasiado grandes,
con contraseña, dañados o que se expanden demasiado al descomprimirse. Nunca modifica la entrada.
"""

from __future__ import annotations

import email
import email.policy
import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from enum import StrEnum
from pathlib import Path, PurePath

from .configuracion import ZONA_LIMA
from .observaciones import Codigo, Observacion, observar

MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
FIRMA_ZIP = b"PK\x03\x04"
FIRMA_ZIP_VACIO = b"PK\x05\x06"
FIRMA_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")

# Una plantilla llena ocupa menos de 1 MB descomprimida; estos topes dejan mucho margen.
MAX_DESCOMPRIMIDO = 64 * 1024 * 1024
MAX_RAZON_COMPRESION = 200
MAX_MIEMBROS_ZIP = 2000
TROZO_INFLADO = 1024 * 1024
PROFUNDIDAD_MAXIMA = 3  # entradas/fichas/<sub>/<sub>/<sub>/archivo

EXTENSIONES_IGNORADAS = (".tmp", ".bak", ".lnk", ".ini")


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
    remitente: str = ""     # correo del remitente, si vino en un .eml


@dataclass(frozen=True)
class Recepcion:
    documentos: list[Documento]
    observaciones: list[Observacion]
    archivos_leidos: int


class _Rechazo(Exception):
    def __init__(self, observacion: Observacion) -> None:
        super().__init__(observacion.mensaje)
        self.observacion = observacion


def _tamanio(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{n / 1024:.0f} KB"


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


def recibir(carpeta: Path, tamanio_maximo: int) -> Recepcion:
    """Lee todos los envíos de una carpeta; los problemas vuelven como observaciones."""
    documentos: list[Documento] = []
    observaciones: list[Observacion] = []
    rutas = listar_envios(carpeta)
    for ruta in rutas:
        docs, obs = recibir_archivo(ruta, tamanio_maximo)
        if ruta.parent != carpeta:  # en una subcarpeta: el archivo se nombra con ella
            prefijo = ruta.parent.relative_to(carpeta).as_posix() + "/"
            docs = [replace(d, archivo=prefijo + d.archivo) for d in docs]
            obs = [replace(o, archivo=prefijo + o.archivo) if o.archivo else o for o in obs]
        documentos.extend(docs)
        observaciones.extend(obs)
    return Recepcion(documentos, observaciones, len(rutas))


def recibir_archivo(ruta: Path, tamanio_maximo: int) -> tuple[list[Documento], list[Observacion]]:
    """Un archivo de la carpeta: una hoja de cálculo, o un correo con adjuntos."""
    archivo = ruta.name
    try:
        estado = ruta.stat()
        # Un correo lleva los adjuntos en base64 (un tercio más grande).
        tope = tamanio_maximo * 2 if ruta.suffix.lower() == ".eml" else tamanio_maximo
        if estado.st_size > tope:
            raise _Rechazo(observar(Codigo.ARCHIVO_GRANDE, archivo=archivo,
                                    tamanio=_tamanio(estado.st_size), maximo=_tamanio(tope)))
        datos = ruta.read_bytes()
    except _Rechazo as r:
        return [], [r.observacion]
    except OSError as e:
        return [], [observar(Codigo.ARCHIVO_ILEGIBLE, archivo=archivo, detalle=e.strerror or str(e))]

    fecha_archivo = datetime.fromtimestamp(estado.st_mtime, tz=ZONA_LIMA).replace(microsecond=0)
    if _parece_correo(ruta, datos):
        return _recibir_correo(ruta, datos, tamanio_maximo)
    try:
        formato = reconocer(datos, archivo, tamanio_maximo)
    except _Rechazo as r:
        return [], [r.observacion]
    return [Documento(archivo, ruta, datos, formato, fecha_archivo, "archivo")], []


def reconocer(datos: bytes, archivo: str, tamanio_maximo: int) -> Formato:
    """Reconoce el formato por los bytes; lanza _Rechazo con la observación si no sirve."""
    if not datos:
        raise _Rechazo(observar(Codigo.ARCHIVO_VACIO, archivo=archivo))
    if len(datos) > tamanio_maximo:
        raise _Rechazo(observar(Codigo.ARCHIVO_GRANDE, archivo=archivo, tamanio=_tamanio(len(datos)),
                                maximo=_tamanio(tamanio_maximo)))
    if datos.startswith(FIRMA_OLE2):
        raise _Rechazo(_observar_ole2(datos, archivo))
    if datos.startswith((FIRMA_ZIP, FIRMA_ZIP_VACIO)):
        return _reconocer_zip(datos, archivo)
    if datos.startswith(b"%PDF"):
        detalle = "es un PDF"
    elif datos[:5].lower() in (b"<html", b"<!doc"):
        detalle = "es una página web"
    elif datos.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
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


def _reconocer_zip(datos: bytes, archivo: str) -> Formato:
    try:
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            infos = z.infolist()
            revisar_zip(infos, archivo)
            revisar_inflado(datos, infos, archivo)
            nombres = {i.filename for i in infos}
            if "xl/workbook.xml" in nombres:
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
            raise _Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo, detalle="es un archivo ZIP"))
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise _Rechazo(observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
                                detalle="el ZIP interno está cortado")) from e


def revisar_zip(infos: list[zipfile.ZipInfo], archivo: str) -> None:
    """Rechaza bombas de descompresión antes de leer nada (por tamaño total y por razón)."""
    if len(infos) > MAX_MIEMBROS_ZIP:
        raise _Rechazo(observar(Codigo.ARCHIVO_BOMBA, archivo=archivo,
                                tamanio=f"{len(infos)} partes internas"))
    total = sum(i.file_size for i in infos)
    razon_maxima = max(((i.file_size / max(i.compress_size, 1)) for i in infos if i.file_size > 1 << 20),
                       default=0)
    if total > MAX_DESCOMPRIMIDO or razon_maxima > MAX_RAZON_COMPRESION:
        raise _Rechazo(observar(Codigo.ARCHIVO_BOMBA, archivo=archivo, tamanio=_tamanio(total)))


def revisar_inflado(datos: bytes, infos: list[zipfile.ZipInfo], archivo: str) -> None:
    """Descomprime cada parte en flujo, por trozos, con un tope que corre: cuenta lo que de verdad se
    expande, no lo que declara el directorio del ZIP (esos tamaños los escribe quien envía y una bomba
    puede declarar poco). Se mide lo mismo que descomprimirá el lector: los `compress_size` bytes que
    siguen a la cabecera local de cada parte."""
    total = 0
    for info in infos:
        inicio = info.header_offset
        cabecera = datos[inicio:inicio + 30]
        if len(cabecera) < 30 or not cabecera.startswith(FIRMA_ZIP):
            raise _Rechazo(observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
                                    detalle="una parte interna está cortada"))
        largo_nombre, largo_extra = struct.unpack("<HH", cabecera[26:30])
        desde = inicio + 30 + largo_nombre + largo_extra
        crudo = memoryview(datos)[desde:desde + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            inflado = len(crudo)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflado = _inflar(crudo, MAX_DESCOMPRIMIDO - total, archivo)
        else:
            raise _Rechazo(observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
                                    detalle="usa una compresión que ni Excel ni LibreOffice usan"))
        total += inflado
        if total > MAX_DESCOMPRIMIDO:
            raise _Rechazo(observar(Codigo.ARCHIVO_BOMBA, archivo=archivo,
                                    tamanio=f"más de {_tamanio(MAX_DESCOMPRIMIDO)}"))
        if inflado > TROZO_INFLADO and inflado / max(len(crudo), 1) > MAX_RAZON_COMPRESION:
            raise _Rechazo(observar(Codigo.ARCHIVO_BOMBA, archivo=archivo, tamanio=_tamanio(inflado)))


def _inflar(crudo: memoryview, tope: int, archivo: str) -> int:
    """Bytes que produce un flujo deflate; deja de contar (y de gastar memoria) apenas pasa el tope."""
    inflador = zlib.decompressobj(-zlib.MAX_WBITS)
    total, pendiente = 0, bytes(crudo)
    try:
        while True:
            salida = inflador.decompress(pendiente, TROZO_INFLADO)
            total += len(salida)
            resto = inflador.unconsumed_tail
            if total > tope or inflador.eof or (not salida and len(resto) == len(pendiente)):
                return total
            pendiente = resto
    except zlib.error as e:
        raise _Rechazo(observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
                                detalle="una parte interna está dañada")) from e


# --- correos ---------------------------------------------------------------------------


def _parece_correo(ruta: Path, datos: bytes) -> bool:
    if ruta.suffix.lower() == ".eml":
        return True
    cabeza = datos[:2048].lower()
    return not datos.startswith((FIRMA_ZIP, FIRMA_OLE2)) and (
        cabeza.startswith((b"from:", b"received:", b"return-path:", b"mime-version:", b"date:",
                           b"message-id:", b"delivered-to:"))
    )


def _recibir_correo(ruta: Path, datos: bytes, tamanio_maximo: int) -> tuple[list[Documento], list[Observacion]]:
    archivo = ruta.name
    try:
        mensaje = email.message_from_bytes(datos, policy=email.policy.default)
    except Exception as e:  # el analizador de correo casi nunca falla; si falla, es dato
        return [], [observar(Codigo.CORREO_ILEGIBLE, archivo=archivo, detalle=str(e)[:80])]
    remitente = parseaddr(str(mensaje.get("From", "")))[1].strip().lower()
    fecha = _fecha_correo(mensaje) or datetime.fromtimestamp(ruta.stat().st_mtime, tz=ZONA_LIMA)
    origen = "correo" if _fecha_correo(mensaje) else "archivo"
    documentos: list[Documento] = []
    observaciones: list[Observacion] = []
    for i, (nombre, contenido) in enumerate(_adjuntos(mensaje), start=1):
        visible = f"{archivo} › {nombre or f'adjunto {i}'}"
        try:
            formato = reconocer(contenido, visible, tamanio_maximo)
        except _Rechazo as r:
            # Un PDF del acta o una imagen de firma no son errores del envío.
            if r.observacion.codigo is Codigo.ARCHIVO_NO_HOJA:
                continue
            observaciones.append(r.observacion)
            continue
        documentos.append(Documento(visible, ruta, contenido, formato, fecha.replace(microsecond=0),
                                    origen, remitente))
    if not documentos and not observaciones:
        observaciones.append(observar(Codigo.CORREO_SIN_ADJUNTO, archivo=archivo,
                                      remitente=remitente or "remitente desconocido"))
    return documentos, observaciones


def _fecha_correo(mensaje: EmailMessage) -> datetime | None:
    try:
        fecha = parsedate_to_datetime(str(mensaje.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    if fecha is None:
        return None
    if fecha.tzinfo is None:
        fecha = fecha.replace(tzinfo=ZONA_LIMA)
    return fecha.astimezone(ZONA_LIMA)


def _adjuntos(mensaje: EmailMessage) -> Iterator[tuple[str, bytes]]:
    """Partes con contenido binario; el nombre del adjunto solo se muestra, nunca se usa como ruta."""
    for parte in mensaje.walk():
        if parte.is_multipart():
            continue
        nombre = parte.get_filename() or ""
        tipo = parte.get_content_type()
        if not nombre and parte.get_content_disposition() != "attachment" and tipo.startswith("text/"):
            continue
        contenido = parte.get_payload(decode=True)
        if not isinstance(contenido, bytes) or not contenido:
            continue
        yield _nombre_visible(nombre), contenido


def _nombre_visible(nombre: str) -> str:
    """Solo la última parte del nombre, sin separadores ni caracteres de control."""
    base = PurePath(nombre.replace("\\", "/")).name
    return "".join(c for c in base if c.isprintable())[:120]
