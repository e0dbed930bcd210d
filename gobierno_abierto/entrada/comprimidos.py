"""Las partes de un archivo .zip que trae hojas de cálculo, leídas con los mismos topes que
cualquier archivo: el tamaño que declara el .zip lo escribe el remitente, así que se lee con
límite y no se confía en él."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..nucleo.observaciones import Codigo, Observacion, observar
from .nombres import DENTRO, nombre_visible, tamanio_legible

# Una plantilla llena ocupa menos de 1 MB descomprimida; estos topes dejan mucho margen.
MAX_DESCOMPRIMIDO = 64 * 1024 * 1024
MAX_RAZON_COMPRESION = 200
MAX_MIEMBROS_ZIP = 2000
_ERRORES_ZIP = (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error, NotImplementedError)


@dataclass(frozen=True)
class Parte:
    visible: str  # «fichas.zip › fichas_GRE.xlsx»
    nombre: str   # nombre dentro del .zip, con su carpeta
    datos: bytes


def revisar_zip(infos: list[zipfile.ZipInfo], archivo: str) -> Observacion | None:
    """Una bomba de descompresión, vista antes de leer nada (por tamaño total y por razón)."""
    if len(infos) > MAX_MIEMBROS_ZIP:
        return observar(Codigo.ARCHIVO_BOMBA, archivo=archivo, tamanio=f"{len(infos)} partes internas")
    total = sum(i.file_size for i in infos)
    razon_maxima = max(((i.file_size / max(i.compress_size, 1)) for i in infos if i.file_size > 1 << 20),
                       default=0)
    if total > MAX_DESCOMPRIMIDO or razon_maxima > MAX_RAZON_COMPRESION:
        return observar(Codigo.ARCHIVO_BOMBA, archivo=archivo, tamanio=tamanio_legible(total))
    return None


TROZO_INFLADO = 1024 * 1024


def revisar_inflado(datos: bytes, infos: list[zipfile.ZipInfo], archivo: str) -> Observacion | None:
    """Descomprime cada parte en flujo, por trozos, con un tope que corre: cuenta lo que de verdad se
    expande, no lo que declara el directorio del ZIP (esos tamaños los escribe quien envía y una bomba
    puede declarar poco). Se mide lo mismo que descomprimirá el lector: los `compress_size` bytes que
    siguen a la cabecera local de cada parte."""
    total = 0
    for info in infos:
        inicio = info.header_offset
        cabecera = datos[inicio:inicio + 30]
        if len(cabecera) < 30 or not cabecera.startswith(b"PK\x03\x04"):
            return observar(Codigo.ARCHIVO_DANADO, archivo=archivo, detalle="una parte interna está cortada")
        largo_nombre, largo_extra = struct.unpack("<HH", cabecera[26:30])
        desde = inicio + 30 + largo_nombre + largo_extra
        crudo = memoryview(datos)[desde:desde + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            inflado = len(crudo)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflado = _inflar(crudo, MAX_DESCOMPRIMIDO - total)
            if inflado < 0:
                return observar(Codigo.ARCHIVO_DANADO, archivo=archivo, detalle="una parte interna está dañada")
        else:
            return observar(Codigo.ARCHIVO_DANADO, archivo=archivo,
                            detalle="usa una compresión que ni Excel ni LibreOffice usan")
        total += inflado
        if total > MAX_DESCOMPRIMIDO:
            return observar(Codigo.ARCHIVO_BOMBA, archivo=archivo,
                            tamanio=f"más de {tamanio_legible(MAX_DESCOMPRIMIDO)}")
        if inflado > TROZO_INFLADO and inflado / max(len(crudo), 1) > MAX_RAZON_COMPRESION:
            return observar(Codigo.ARCHIVO_BOMBA, archivo=archivo, tamanio=tamanio_legible(inflado))
    return None


def _inflar(crudo: memoryview, tope: int) -> int:
    """Bytes que produce un flujo deflate (−1 si está dañado); deja de contar, y de gastar memoria,
    apenas pasa el tope."""
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
    except zlib.error:
        return -1


def nombre_en_zip(info: zipfile.ZipInfo) -> str:
    """El nombre de una parte: los .zip de Windows en castellano lo guardan en CP850 sin decirlo
    (y los de macOS, en UTF-8 sin decirlo)."""
    if info.flag_bits & 0x800:
        return info.filename
    crudo = info.filename.encode("cp437", "replace")
    try:
        return crudo.decode("utf-8")
    except UnicodeDecodeError:
        return crudo.decode("cp850", "replace")


def _ignorada(info: zipfile.ZipInfo, nombre: str, base: str) -> bool:
    """Carpetas, archivos ocultos y los duplicados «__MACOSX» que agrega el Finder."""
    return info.is_dir() or not base or base.startswith((".", "~$")) or nombre.startswith("__MACOSX/")


def partes_zip(datos: bytes, visible: str, tamanio_maximo: int,
               observaciones: list[Observacion]) -> Iterator[Parte]:
    """Cada parte del .zip, ya descomprimida; los problemas van a `observaciones`."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            for info in z.infolist():
                nombre = nombre_en_zip(info)
                base = nombre_visible(nombre)
                if _ignorada(info, nombre, base):
                    continue
                dentro = f"{visible}{DENTRO}{base}"
                if info.file_size > tamanio_maximo:
                    observaciones.append(observar(Codigo.ARCHIVO_GRANDE, archivo=dentro,
                                                  tamanio=tamanio_legible(info.file_size),
                                                  maximo=tamanio_legible(tamanio_maximo)))
                    continue
                try:
                    with z.open(info) as f:
                        contenido = f.read(tamanio_maximo + 1)
                except RuntimeError:  # parte cifrada con contraseña
                    observaciones.append(observar(Codigo.ARCHIVO_PROTEGIDO, archivo=dentro))
                    continue
                except _ERRORES_ZIP:
                    observaciones.append(observar(Codigo.ARCHIVO_DANADO, archivo=dentro,
                                                  detalle="no se pudo descomprimir"))
                    continue
                if len(contenido) > tamanio_maximo:  # declaró un tamaño y se expande a más
                    observaciones.append(observar(Codigo.ARCHIVO_BOMBA, archivo=dentro,
                                                  tamanio=f"más de {tamanio_legible(tamanio_maximo)}"))
                    continue
                total += len(contenido)
                if total > MAX_DESCOMPRIMIDO:
                    observaciones.append(observar(Codigo.ARCHIVO_BOMBA, archivo=visible,
                                                  tamanio=tamanio_legible(total)))
                    return
                yield Parte(dentro, nombre, contenido)
    except _ERRORES_ZIP as e:
        observaciones.append(observar(Codigo.ARCHIVO_DANADO, archivo=visible,
                                      detalle=f"el ZIP está cortado o dañado ({type(e).__name__})"))
