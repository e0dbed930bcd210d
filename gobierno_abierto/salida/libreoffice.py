"""LibreOffice sin pantalla: convertir archivos (xlsx ↔ ods, docx → pdf) en una sola llamada."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path


class ErrorLibreOffice(Exception):
    """LibreOffice no está instalado o la conversión falló."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def disponible() -> bool:
    return soffice() is not None


def convertir(archivos: Sequence[Path], formato: str, destino: Path, tiempo_maximo: int = 300) -> list[Path]:
    """Convierte los archivos al formato («ods», «xlsx», «pdf») dentro de `destino`.

    Cada llamada usa su propio perfil de usuario, para no chocar con otro LibreOffice abierto.
    """
    programa = soffice()
    if programa is None:
        raise ErrorLibreOffice("LibreOffice no está instalado (falta el programa «soffice»).")
    destino.mkdir(parents=True, exist_ok=True)
    if not archivos:
        return []
    with tempfile.TemporaryDirectory(prefix="procesar_lo_") as perfil:
        orden = [programa, f"-env:UserInstallation=file://{perfil}", "--headless", "--norestore",
                 "--convert-to", formato, "--outdir", str(destino), *[str(a) for a in archivos]]
        try:
            subprocess.run(orden, check=True, capture_output=True, timeout=tiempo_maximo)
        except subprocess.TimeoutExpired as e:
            raise ErrorLibreOffice(f"LibreOffice no terminó en {tiempo_maximo} s.") from e
        except subprocess.CalledProcessError as e:
            raise ErrorLibreOffice(f"LibreOffice falló: {e.stderr.decode(errors='replace')[:200]}") from e
    extension = formato.split(":")[0]
    salidas = [destino / f"{Path(a).stem}.{extension}" for a in archivos]
    faltan = [s.name for s in salidas if not s.exists()]
    if faltan:
        raise ErrorLibreOffice(f"LibreOffice no produjo: {', '.join(faltan)}")
    return salidas
