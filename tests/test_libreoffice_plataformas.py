"""LibreOffice en Windows, macOS y Linux (issue 9.6), por simulación: dónde se encuentra, cómo se
pasa el perfil y que un LibreOffice colgado no deje procesos vivos. No necesita LibreOffice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from gobierno_abierto.salida import libreoffice as L


@pytest.fixture
def sin_soffice_en_path(monkeypatch):
    monkeypatch.delenv(L.VARIABLE_SOFFICE, raising=False)
    monkeypatch.setattr(L.shutil, "which", lambda _nombre: None)


def _ejecutable(ruta: Path) -> Path:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text("")
    return ruta


def test_windows_program_files(tmp_path, monkeypatch, sin_soffice_en_path):
    x86 = _ejecutable(tmp_path / "Program Files (x86)" / "LibreOffice" / "program" / "soffice.exe")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.setenv("ProgramFiles(x86)", str(tmp_path / "Program Files (x86)"))
    assert L.soffice() == str(x86)
    propio = _ejecutable(tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe")
    assert L.soffice() == str(propio)  # la de 64 bits antes que la de 32


def test_windows_registro(tmp_path, monkeypatch, sin_soffice_en_path):
    programa = _ejecutable(tmp_path / "D" / "Oficina" / "program" / "soffice.exe")
    consultas = []

    class Clave:
        def __init__(self, raiz, ruta):
            consultas.append((raiz, ruta))
            if (raiz, ruta) != ("HKLM", r"SOFTWARE\LibreOffice\UNO\InstallPath"):
                raise FileNotFoundError(ruta)

        def __enter__(self):
            return self

        def __exit__(self, *_):
            return False

    winreg = types.SimpleNamespace(HKEY_LOCAL_MACHINE="HKLM", HKEY_CURRENT_USER="HKCU", OpenKey=Clave,
                                   QueryValueEx=lambda _k, _n: (str(programa.parent), 1))
    monkeypatch.setitem(sys.modules, "winreg", winreg)
    monkeypatch.setattr(sys, "platform", "win32")
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.setenv(variable, str(tmp_path / "vacio"))
    assert L.soffice() == str(programa)
    assert consultas[0] == ("HKLM", r"SOFTWARE\LibreOffice\UNO\InstallPath")


def test_variable_procesar_soffice_va_primero(tmp_path, monkeypatch):
    propio = _ejecutable(tmp_path / "LibreOffice Portable" / "App" / "libreoffice" / "program" / "soffice.exe")
    monkeypatch.setattr(L.shutil, "which", lambda _n: "/usr/bin/soffice")
    monkeypatch.setenv(L.VARIABLE_SOFFICE, str(propio))
    assert L.soffice() == str(propio)
    monkeypatch.setenv(L.VARIABLE_SOFFICE, str(propio.parent))  # también la carpeta «program»
    assert L.soffice() == str(propio)


def test_variable_equivocada_se_explica(tmp_path, monkeypatch, sin_soffice_en_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv(L.VARIABLE_SOFFICE, str(tmp_path / "no" / "soffice.exe"))
    assert L.soffice() is None
    with pytest.raises(L.ErrorLibreOffice, match=r"PROCESAR_SOFFICE dice .*que no existe"):
        L.convertir([tmp_path / "a.xlsx"], "pdf", tmp_path / "salida")


def test_macos(monkeypatch, sin_soffice_en_path):
    vistos = []
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(L.Path, "is_file", lambda self: vistos.append(self) or self == L.MACOS_SOFFICE)
    assert L.soffice() == "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def test_perfil_como_url_de_archivo():
    windows = L.orden_conversion("soffice.exe", PureWindowsPath(r"C:\Users\José Pérez\AppData\Local\Temp\lo"),
                                 "pdf", Path("salida"), [Path("acta.docx")])
    assert windows[1] == "-env:UserInstallation=file:///C:/Users/Jos%C3%A9%20P%C3%A9rez/AppData/Local/Temp/lo"
    assert PureWindowsPath("C:/Users/José Pérez/Documentos").as_uri() == \
        "file:///C:/Users/Jos%C3%A9%20P%C3%A9rez/Documentos"
    posix = L.orden_conversion("soffice", PurePosixPath("/tmp/perfil con espacio"), "pdf", Path("s"), [])
    assert posix[1] == "-env:UserInstallation=file:///tmp/perfil%20con%20espacio"


def test_windows_cierra_el_arbol_con_taskkill(monkeypatch):
    ordenes = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(L.subprocess, "run", lambda orden, **_k: ordenes.append(orden))
    assert L._opciones_de_grupo() == {"creationflags": 0x200}

    class Proceso:
        pid = 4242

        def poll(self):
            return 1

    L.terminar_arbol(Proceso())
    assert ordenes == [["taskkill", "/T", "/F", "/PID", "4242"]]


def _vivo(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # un proceso zombi ya terminó: solo espera que su padre lo recoja
    estado = Path(f"/proc/{pid}/stat")
    return not (estado.exists() and estado.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.skipif(os.name != "posix", reason="grupos de procesos POSIX")
def test_tiempo_agotado_no_deja_procesos(tmp_path):
    """Un «soffice» falso que lanza un hijo (como soffice.bin) y se cuelga."""
    hijo = tmp_path / "hijo.pid"
    falso = tmp_path / "soffice"
    falso.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import subprocess, sys, time
        p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        open({str(hijo)!r}, "w").write(str(p.pid))
        time.sleep(120)
        """))
    falso.chmod(0o755)
    inicio = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        L.ejecutar([str(falso)], tiempo_maximo=1.5)
    assert time.monotonic() - inicio < 15
    pid = int(hijo.read_text())
    for _ in range(50):
        if not _vivo(pid):
            break
        time.sleep(0.1)
    assert not _vivo(pid), "el hijo de soffice quedó vivo"


def test_convertir_con_soffice_colgado_da_error_claro(tmp_path, monkeypatch):
    falso = tmp_path / "soffice"
    falso.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    falso.chmod(0o755)
    if os.name != "posix":
        pytest.skip("guion ejecutable POSIX")
    monkeypatch.setenv(L.VARIABLE_SOFFICE, str(falso))
    with pytest.raises(L.ErrorLibreOffice, match="no terminó en 1 s"):
        L.convertir([tmp_path / "a.docx"], "pdf", tmp_path / "salida", tiempo_maximo=1)
