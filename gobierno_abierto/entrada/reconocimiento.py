"""Reconocer una hoja de cálculo por sus bytes (nunca por la extensión) y decir qué es lo que no lo es.

Un .xlsx (también «Open XML estricta»), un .ods, o un rechazo con la observación que dice qué es
(un .xls antiguo, un libro con contraseña, un PDF, un documento de Word…) y qué hacer. Un .zip
cualquiera no es un rechazo: puede traer hojas (lo abre `archivos`).
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum

from ..nucleo.observaciones import Codigo, Observacion, observar
from .comprimidos import revisar_inflado, revisar_zip
from .correo import FIRMA_OLE2
from .nombres import tamanio_legible

MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
FIRMA_ZIP = b"PK\x03\x04"
FIRMA_ZIP_VACIO = b"PK\x05\x06"
FIRMA_TNEF = b"\x78\x9f\x3e\x22"  # winmail.dat: formato enriquecido de Outlook
NS_ESTRICTO = b"http://purl.oclc.org/ooxml/"  # «Hoja de cálculo Open XML estricta» de Excel


class Formato(StrEnum):
    XLSX = "xlsx"
    ODS = "ods"


class Rechazo(Exception):
    """Un archivo que no se lee, con la observación que lo dice."""

    def __init__(self, observacion: Observacion) -> None:
        super().__init__(observacion.mensaje)
        self.observacion = observacion


def clasificar(datos: bytes, archivo: str, tamanio_maximo: int) -> Formato | None:
    """Formato de una hoja de cálculo, o None si es un .zip cualquiera (que puede traer hojas)."""
    if not datos:
        raise Rechazo(observar(Codigo.ARCHIVO_VACIO, archivo=archivo))
    if len(datos) > tamanio_maximo:
        raise Rechazo(observar(Codigo.ARCHIVO_GRANDE, archivo=archivo, tamanio=tamanio_legible(len(datos)),
                                maximo=tamanio_legible(tamanio_maximo)))
    if datos.startswith(FIRMA_OLE2):
        raise Rechazo(_observar_ole2(datos, archivo))
    if datos.startswith((FIRMA_ZIP, FIRMA_ZIP_VACIO)):
        return _reconocer_zip(datos, archivo)
    if datos.startswith(FIRMA_TNEF):
        raise Rechazo(observar(Codigo.CORREO_WINMAIL, archivo=archivo))
    if datos.startswith(b"%PDF"):
        detalle = "es un PDF"
    elif datos[:5].lower() in (b"<html", b"<!doc"):
        detalle = "es una página web"
    elif datos.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        detalle = "es una imagen"
    else:
        detalle = "su contenido no corresponde a Excel ni a LibreOffice"
    raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo, detalle=detalle))


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
                raise Rechazo(bomba)
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
                    raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                            detalle="es un documento de texto de LibreOffice"))
            if "xl/workbook.bin" in nombres:
                raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es un libro binario de Excel (.xlsb); ábralo y use "
                                                "«Guardar como» › «Libro de Excel (.xlsx)»"))
            if "word/document.xml" in nombres:
                raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es un documento de Word"))
            if "ppt/presentation.xml" in nombres:
                raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es una presentación"))
            if "[Content_Types].xml" in nombres or "mimetype" in nombres:
                raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=archivo,
                                        detalle="es otro tipo de documento de Office o LibreOffice"))
            return None
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise Rechazo(observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
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
        raise Rechazo(observar(Codigo.ARCHIVO_ESTRICTO, archivo=archivo)) from e
