"""Escritura segura de archivos: todo se escribe en un temporal y se renombra al final.

Así, una ejecución interrumpida deja intactas las salidas anteriores.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

# Fecha fija en los metadatos de los libros y documentos: mismas entradas, mismos bytes.
FECHA_FIJA = datetime(2016, 1, 1, 0, 0, 0)


@contextlib.contextmanager
def ruta_temporal(destino: Path) -> Iterator[Path]:
    """Da una ruta temporal junto a `destino`; al salir sin error la renombra a `destino`."""
    destino = Path(destino)
    destino.parent.mkdir(parents=True, exist_ok=True)
    fd, nombre = tempfile.mkstemp(prefix=f".{destino.stem}.", suffix=destino.suffix + ".tmp",
                                  dir=destino.parent)
    os.close(fd)
    temporal = Path(nombre)
    try:
        yield temporal
        os.chmod(temporal, 0o644)
        os.replace(temporal, destino)
    finally:
        temporal.unlink(missing_ok=True)


def escribir_atomico(destino: Path, escribir: Callable[[Path], None]) -> Path:
    """Llama a `escribir(ruta_temporal)` y publica el resultado de una vez."""
    with ruta_temporal(destino) as tmp:
        escribir(tmp)
    return Path(destino)


def escribir_bytes_atomico(destino: Path, datos: bytes) -> Path:
    return escribir_atomico(destino, lambda tmp: tmp.write_bytes(datos))


def normalizar_zip(ruta: Path) -> None:
    """Reescribe un ZIP (docx/xlsx) con fechas fijas y orden estable, para salidas idénticas."""
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    fecha = FECHA_FIJA.timetuple()[:6]
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in miembros:
            info = zipfile.ZipInfo(nombre, date_time=fecha)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, datos)
