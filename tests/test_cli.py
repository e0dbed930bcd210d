"""Cada comando como lo ejecuta la coordinación: código de salida, resumen y archivos."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gobierno_abierto.cli import main

RAIZ = Path(__file__).resolve().parent.parent


def test_ayuda_en_castellano(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    salida = capsys.readouterr().out
    assert "uso: procesar.py" in salida
    assert "consolidar" in salida and "plantillas" in salida
    with pytest.raises(SystemExit):
        main(["consolidar", "--help"])
    assert "entradas/fichas" in capsys.readouterr().out


def _modulos_cargados(codigo: str) -> set[str]:
    """Los módulos que quedan cargados en un Python nuevo después de ejecutar `codigo`."""
    salida = subprocess.run([sys.executable, "-c", codigo + "\nimport sys; print('\\n'.join(sys.modules))"],
                            cwd=RAIZ, capture_output=True, text=True, check=True)
    return set(salida.stdout.split())


def test_cada_comando_carga_solo_lo_suyo():
    """La línea de comandos no carga las etapas al arrancar (scipy, Word): las importa el comando."""
    cargados = _modulos_cargados("import gobierno_abierto.cli")
    pesados = {"scipy", "docx", "docxtpl", "gobierno_abierto.etapa3.orquestador",
               "gobierno_abierto.etapa4.orquestador", "gobierno_abierto.portal.orquestador"}
    assert not pesados & cargados
    assert "gobierno_abierto.etapa3.orquestador" in _modulos_cargados(
        "from gobierno_abierto.cli import COMANDOS\n"
        "try:\n    next(c for c in COMANDOS if c.nombre == 'priorizar').funcion(None, None, None)\n"
        "except Exception:\n    pass")


def test_un_trabajador_de_windows_no_carga_el_programa():
    """En Windows cada proceso trabajador vuelve a ejecutar procesar.py como «__mp_main__»: fuera de
    la guarda no debe quedar nada que cargue el programa (se cargaría entero en cada trabajador)."""
    cargados = _modulos_cargados("import runpy; runpy.run_path('procesar.py', run_name='__mp_main__')")
    assert not {m for m in cargados if m.startswith("gobierno_abierto")}


def test_error_de_uso_sale_con_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["no-existe"])
    assert e.value.code == 2
    assert "opción no válida" in capsys.readouterr().err
    assert main([]) == 2


def test_configuracion_rota_sale_con_2(tmp_path, capsys):
    roto = tmp_path / "c.toml"
    roto.write_text("[cuotas]\npriorizadas = 'x'\n", encoding="utf-8")
    assert main(["--config", str(roto), "consolidar"]) == 2
    assert "Error de configuración" in capsys.readouterr().err


def test_plantillas_y_consolidar(tmp_path, capsys):
    carpeta = tmp_path / "p"
    # una carpeta mal escrita no crea un árbol nuevo
    assert main(["--carpeta", str(carpeta), "plantillas", "--gerencia", "GRE"]) == 2
    assert "no existe" in capsys.readouterr().err and not carpeta.exists()
    carpeta.mkdir()
    assert main(["--carpeta", str(carpeta), "plantillas", "--gerencia", "GRE"]) == 0
    assert (carpeta / "plantillas_excel" / "fichas_GRE.xlsx").exists()
    assert "Plantillas de fichas" in capsys.readouterr().out
    assert main(["--carpeta", str(carpeta), "plantillas", "--gerencia", "NADA"]) == 2
    # sin envíos no hay nada que consolidar: código 2 y nada escrito
    assert main(["--carpeta", str(carpeta), "consolidar"]) == 2
    assert "No hay archivos" in capsys.readouterr().err
    assert not (carpeta / "salidas" / "consolidado_fichas.xlsx").exists()
    # con un envío: las demás gerencias faltan → errores → 1
    origen = carpeta / "plantillas_excel" / "fichas_GRE.xlsx"
    (carpeta / "entradas" / "fichas").mkdir(parents=True)
    shutil.copy(origen, carpeta / "entradas" / "fichas" / "fichas_GRE.xlsx")
    assert main(["--carpeta", str(carpeta), "consolidar"]) == 1
    salida = capsys.readouterr().out
    assert "Gerencias con envío: 1 de 14" in salida
    assert "Sin envío: GERESA" in salida
    assert (carpeta / "salidas" / "consolidado_fichas.xlsx").exists()
    assert (carpeta / "salidas" / "registro" / "consolidar.json").exists()


def test_procesar_py_como_programa(tmp_path):
    r = subprocess.run([sys.executable, str(RAIZ / "procesar.py"), "--carpeta", str(tmp_path), "consolidar"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2
    assert "No hay archivos" in r.stderr


def test_demo_corre_de_punta_a_punta(tmp_path, capsys):
    destino = tmp_path / "demo"
    assert main(["demo", "--destino", str(destino)]) == 0
    salida = capsys.readouterr().out
    assert "Problemas plantados a propósito" in salida
    assert (destino / "salidas" / "consolidado_fichas.xlsx").exists()
    assert len(list((destino / "entradas" / "fichas").iterdir())) >= 14
    # se puede repetir sobre la misma carpeta; una carpeta ajena no se toca
    assert main(["demo", "--destino", str(destino)]) == 0
    ajena = tmp_path / "ajena"
    ajena.mkdir()
    (ajena / "importante.txt").write_text("no borrar")
    assert main(["demo", "--destino", str(ajena)]) == 2
    assert (ajena / "importante.txt").exists()


@pytest.mark.parametrize("codificacion", ["cp1252", "cp850"])
def test_consola_que_no_es_utf8_no_se_cae(tmp_path, monkeypatch, codificacion):
    """Windows con la salida redirigida: cp1252 o cp850, sin «→», «✓» ni «ő»."""
    import io

    with pytest.raises(UnicodeEncodeError):  # lo que pasaba antes
        print("acta_Kőrösi→✓.pdf", file=io.TextIOWrapper(io.BytesIO(), encoding=codificacion))
    carpeta = tmp_path / "p"
    entradas = carpeta / "entradas" / "fichas"
    entradas.mkdir(parents=True)
    (entradas / "acta_Kőrösi→✓.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    salida, errores = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(salida, encoding=codificacion))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(errores, encoding=codificacion))

    assert main(["--carpeta", str(carpeta), "consolidar"]) == 1
    assert main(["--config", str(tmp_path / "configuración→✓.toml"), "consolidar"]) == 2
    sys.stdout.flush()
    sys.stderr.flush()
    texto = salida.getvalue().decode(codificacion)
    assert "Consolidación de fichas (Etapa II)" in texto
    assert "acta_K?rösi??.pdf" in texto
    assert "configuración??.toml" in errores.getvalue().decode(codificacion)
