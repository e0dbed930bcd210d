"""El código pasa ruff (configurado en pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent


def test_ruff():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff no está instalado")
    rutas = [p for p in ("gobierno_abierto", "tests", "benchmarks", "herramientas", "procesar.py")
             if (RAIZ / p).exists()]
    r = subprocess.run([ruff, "check", *rutas], cwd=RAIZ, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
