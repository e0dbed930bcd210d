"""La cadena de etapas: registros, etapas anteriores que cambiaron, «estado», --forzar y código 3."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gobierno_abierto.cli import main
from gobierno_abierto.demo.orquestador import ejecutar_demo
from gobierno_abierto.etapa2 import orquestador as orquestador_etapa2
from gobierno_abierto.nucleo.configuracion import cargar_configuracion


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    destino = tmp_path_factory.mktemp("cadena") / "demo"
    ejecutar_demo(cargar_configuracion(), destino)
    return destino


@pytest.fixture
def proyecto(demo: Path, tmp_path: Path) -> Path:
    copia = tmp_path / "p"
    shutil.copytree(demo, copia)
    return copia


def test_cada_comando_deja_su_registro(demo: Path) -> None:
    registro = json.loads((demo / "salidas" / "registro" / "priorizar.json").read_text(encoding="utf-8"))
    assert set(registro["previas"]) == {"salidas/consolidado_fichas.xlsx"}
    assert "salidas/priorizacion.xlsx" in registro["salidas"]
    assert any(k.startswith("entradas/puntajes/") for k in registro["entradas"])
    assert len(registro["configuracion"]) == 64 and registro["version"]


def test_una_etapa_anterior_que_cambio_detiene_a_las_siguientes(proyecto: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (next((proyecto / "entradas" / "fichas").glob("fichas_GRE*.xlsx"))).unlink()
    assert main(["--carpeta", str(proyecto), "consolidar"]) == 1
    capsys.readouterr()
    antes = (proyecto / "salidas" / "seleccion_final.xlsx").read_bytes()
    assert main(["--carpeta", str(proyecto), "seleccionar"]) == 2
    error = capsys.readouterr().err
    assert "consolidado_fichas.xlsx» cambió" in error and "«python procesar.py priorizar»" in error
    assert (proyecto / "salidas" / "seleccion_final.xlsx").read_bytes() == antes
    assert main(["--carpeta", str(proyecto), "estado"]) == 0
    estado = capsys.readouterr().out
    assert "priorizar" in estado and "desactualizado" in estado
    # con --forzar sigue, y el resumen y el registro lo dicen
    assert main(["--carpeta", str(proyecto), "--forzar", "hoja-comite"]) == 0
    assert "--forzar" in capsys.readouterr().out
    registro = json.loads((proyecto / "salidas" / "registro" / "hoja-comite.json").read_text(encoding="utf-8"))
    assert registro["forzado"]
    # los documentos escritos con --forzar lo dicen al pie
    assert main(["--carpeta", str(proyecto), "--forzar", "documentos"]) == 0
    import docx

    pie = " ".join(p.text for p in docx.Document(str(proyecto / "salidas" / "actas" / "acta_etapa_III.docx"))
                   .sections[0].footer.paragraphs)
    assert "GENERADO CON --forzar" in pie


def test_estado_de_una_cadena_al_dia(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--carpeta", str(demo), "estado"]) == 0
    salida = capsys.readouterr().out
    assert salida.count("al día") >= 5 and "desactualizado" not in salida


def test_error_interno_sale_con_3_y_deja_la_traza(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    def falla(*_: object, **__: object) -> None:
        raise ZeroDivisionError("un error que nadie previó")

    monkeypatch.setattr(orquestador_etapa2, "generar_plantillas", falla)
    assert main(["--carpeta", str(tmp_path), "plantillas"]) == 3
    error = capsys.readouterr().err
    assert "Error interno" in error and "ZeroDivisionError" not in error
    trazas = list((tmp_path / "salidas" / "registro").glob("error_*.log"))
    assert len(trazas) == 1 and "ZeroDivisionError" in trazas[0].read_text(encoding="utf-8")
    assert not (tmp_path / "plantillas_excel").exists() or not any((tmp_path / "plantillas_excel").iterdir())


def test_un_nombre_que_no_es_utf8_no_traba_la_cadena(rutas, escribir_envio, capsys) -> None:
    """Un byte que no es UTF-8 en el nombre de un archivo (un .zip o un USB de Windows) llega al registro
    de la ejecución: se guarda escapado, y la cadena sigue al día ejecución tras ejecución."""
    import os

    from gobierno_abierto.cadena import leer_registro

    escribir_envio("GRE")
    ruta = escribir_envio("GERESA")
    try:
        os.rename(os.fsencode(ruta), os.fsencode(ruta.parent) + b"/fichas_\xed.xlsx")
    except OSError:
        pytest.skip("este sistema de archivos no admite nombres que no son UTF-8")
    codigos = [main(["--carpeta", str(rutas.raiz), "consolidar"]) for _ in range(2)]
    assert codigos[0] == codigos[1] == 1  # 1: las gerencias que no enviaron
    assert "Error interno" not in capsys.readouterr().err
    registro = leer_registro(rutas, "consolidar")
    assert registro is not None and "entradas/fichas/fichas_\udced.xlsx" in registro.entradas
    assert main(["--carpeta", str(rutas.raiz), "estado"]) == 0
    assert "desactualizado" not in capsys.readouterr().out


def test_el_registro_se_publica_con_las_salidas(rutas, escribir_envio, capsys) -> None:
    """Si el registro de la ejecución no se puede poner en su lugar, tampoco cambian las salidas que
    describe (todo junto o nada), y el código es 2."""
    escribir_envio("GRE")
    assert main(["--carpeta", str(rutas.raiz), "consolidar"]) == 1
    antes = {p: p.read_bytes() for p in rutas.salidas.rglob("*.xlsx")}
    escribir_envio("GERESA")  # un envío nuevo: el consolidado cambiaría
    carpeta = rutas.salidas / "registro"
    shutil.rmtree(carpeta)
    carpeta.write_text("un archivo donde iba la carpeta de registros", encoding="utf-8")
    assert main(["--carpeta", str(rutas.raiz), "consolidar"]) == 2
    assert "registro" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in rutas.salidas.rglob("*.xlsx")} == antes
    assert not list((rutas.raiz / ".procesar").rglob("*.xlsx"))  # nada preparado quedó a medias


@pytest.mark.parametrize("donde", ["", "observaciones"])  # cualquier libro, o solo los de los trabajadores
def test_disco_lleno_al_escribir_un_libro_sale_con_2(rutas, escribir_envio, monkeypatch, capsys, donde) -> None:
    """Sin espacio en el disco al guardar un .xlsx (en este proceso o en un trabajador): un mensaje en
    castellano, código 2 (no 3: no es un error del programa) y las salidas anteriores intactas."""
    import errno
    import zipfile

    escribir_envio("GRE")
    assert main(["--carpeta", str(rutas.raiz), "consolidar"]) == 1
    antes = {p: p.read_bytes() for p in rutas.salidas.rglob("*.xlsx")}
    escribir_envio("GERESA")
    escribir_real = zipfile.ZipFile.writestr

    def sin_espacio(self, nombre, datos, *args, **kwargs):
        if str(getattr(nombre, "filename", nombre)).startswith("xl/worksheets/") and donde in str(self.filename):
            raise OSError(errno.ENOSPC, "No queda espacio en el dispositivo")
        return escribir_real(self, nombre, datos, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", sin_espacio)
    capsys.readouterr()
    assert main(["--carpeta", str(rutas.raiz), "consolidar"]) == 2
    error = capsys.readouterr().err
    assert "No hay espacio en el disco" in error and "Error interno" not in error
    assert "Exception ignored" not in error and ".procesar" not in error
    assert {p: p.read_bytes() for p in rutas.salidas.rglob("*.xlsx")} == antes
