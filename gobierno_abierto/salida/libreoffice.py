"""LibreOffice sin pantalla: convertir archivos (xlsx ↔ ods, docx → pdf) en una sola llamada.

Encuentra LibreOffice en Windows, macOS y Linux; si no termina a tiempo, cierra todos los
procesos que abrió (también `soffice.bin`, que si no quedaría bloqueando el perfil).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath
from typing import Any

VARIABLE_SOFFICE = "PROCESAR_SOFFICE"
MACOS_SOFFICE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
REGISTRO_WINDOWS = (r"SOFTWARE\LibreOffice\UNO\InstallPath",
                    r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath")


class ErrorLibreOffice(Exception):
    """LibreOffice no está instalado o la conversión falló."""


def _en_windows() -> bool:
    return sys.platform == "win32"


def _candidatos() -> Iterator[Path]:
    """Dónde buscar, en orden: la variable PROCESAR_SOFFICE, el PATH, las carpetas de instalación
    habituales y, en Windows, el registro."""
    propio = os.environ.get(VARIABLE_SOFFICE, "").strip().strip('"')
    if propio:
        ruta = Path(propio)
        yield from ((ruta / "soffice.exe", ruta / "soffice") if ruta.is_dir() else (ruta,))
    for nombre in ("soffice", "libreoffice"):
        encontrado = shutil.which(nombre)
        if encontrado:
            yield Path(encontrado)
    if _en_windows():
        for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
            base = os.environ.get(variable)
            if base:
                yield Path(base) / "LibreOffice" / "program" / "soffice.exe"
        yield from _desde_registro()
    if sys.platform == "darwin":
        yield MACOS_SOFFICE


def _desde_registro() -> Iterator[Path]:
    """HKLM\\SOFTWARE\\LibreOffice\\UNO\\InstallPath: la carpeta «program» de la instalación."""
    try:
        import winreg
    except ImportError:
        return
    for raiz in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for clave in REGISTRO_WINDOWS:
            try:
                with winreg.OpenKey(raiz, clave) as k:
                    valor, _ = winreg.QueryValueEx(k, "")
            except OSError:
                continue
            if valor:
                yield Path(str(valor)) / "soffice.exe"


def soffice() -> str | None:
    for candidato in _candidatos():
        if candidato.is_file():
            return str(candidato)
    return None


def disponible() -> bool:
    return soffice() is not None


def _no_encontrado() -> str:
    propio = os.environ.get(VARIABLE_SOFFICE, "").strip()
    detalle = f" La variable {VARIABLE_SOFFICE} dice «{propio}», que no existe." if propio else ""
    return ("LibreOffice no está instalado (falta el programa «soffice»)." + detalle
            + f" Instálelo o indique dónde está con la variable {VARIABLE_SOFFICE}.")


def orden_conversion(programa: str, perfil: PurePath, formato: str, destino: Path,
                     archivos: Sequence[Path]) -> list[str]:
    """La orden de LibreOffice. El perfil va como URL de archivo bien formada
    (`file:///C:/Users/Jos%C3%A9%20P%C3%A9rez/…` en Windows), no como `file://` + ruta."""
    return [programa, f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--norestore",
            "--convert-to", formato, "--outdir", str(destino), *[str(a) for a in archivos]]


def _opciones_de_grupo() -> dict[str, Any]:
    """Un grupo de procesos propio, para poder cerrar todo el árbol si no termina."""
    if _en_windows():
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def terminar_arbol(proceso: subprocess.Popen) -> None:
    """Cierra el proceso y todos sus hijos (soffice → oosplash → soffice.bin)."""
    if _en_windows():
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(proceso.pid)], capture_output=True,
                       timeout=60, check=False)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proceso.pid, signal.SIGKILL)
    if proceso.poll() is None:
        proceso.kill()


def ejecutar(orden: Sequence[str], tiempo_maximo: float) -> tuple[int, bytes]:
    """Ejecuta la orden; devuelve (código, error estándar). Si pasa el tiempo, cierra todo el árbol
    de procesos y lanza subprocess.TimeoutExpired."""
    with subprocess.Popen(list(orden), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, **_opciones_de_grupo()) as proceso:
        try:
            _, errores = proceso.communicate(timeout=tiempo_maximo)
        except subprocess.TimeoutExpired:
            terminar_arbol(proceso)
            # un nieto que escapó del grupo podría tener aún la tubería abierta: no esperarlo
            with contextlib.suppress(subprocess.TimeoutExpired):
                proceso.communicate(timeout=10)
            raise
    return proceso.returncode, errores or b""


def convertir(archivos: Sequence[Path], formato: str, destino: Path, tiempo_maximo: int = 300) -> list[Path]:
    """Convierte los archivos al formato («ods», «xlsx», «pdf») dentro de `destino`.

    Cada llamada usa su propio perfil de usuario, para no chocar con otro LibreOffice abierto.
    """
    programa = soffice()
    if programa is None:
        raise ErrorLibreOffice(_no_encontrado())
    destino.mkdir(parents=True, exist_ok=True)
    if not archivos:
        return []
    with tempfile.TemporaryDirectory(prefix="procesar_lo_") as perfil:
        orden = orden_conversion(programa, Path(perfil).resolve(), formato, destino, archivos)
        try:
            codigo, errores = ejecutar(orden, tiempo_maximo)
        except subprocess.TimeoutExpired as e:
            raise ErrorLibreOffice(f"LibreOffice no terminó en {tiempo_maximo} s.") from e
        except OSError as e:
            raise ErrorLibreOffice(f"No se pudo ejecutar LibreOffice ({programa}): {e}") from e
        if codigo != 0:
            raise ErrorLibreOffice(f"LibreOffice falló: {errores.decode(errors='replace')[:200]}")
    extension = formato.split(":")[0]
    salidas = [destino / f"{Path(a).stem}.{extension}" for a in archivos]
    faltan = [s.name for s in salidas if not s.exists()]
    if faltan:
        raise ErrorLibreOffice(f"LibreOffice no produjo: {', '.join(faltan)}")
    return salidas
