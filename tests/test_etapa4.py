"""Etapa IV de punta a punta sobre la demostración: hoja del Comité, selección, documentos."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gobierno_abierto.cli import main
from gobierno_abierto.demo.configuracion import configuracion_demo
from gobierno_abierto.demo.orquestador import ejecutar_demo
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.salida.rutas import Rutas


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Rutas:
    destino = tmp_path_factory.mktemp("e4") / "demo"
    r = ejecutar_demo(None, destino, semilla=2016)  # la configuración de la demostración
    assert r.codigo_salida == 0, r.texto()
    return Rutas(destino)


def tabla(ruta: Path, hoja: str, primera: tuple[str, ...] = ("Código", "Paso")) -> list[list]:
    """Las filas de la tabla de una hoja, desde su cabecera (debajo del título del libro)."""
    filas = CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(hoja).to_python()
    inicio = next(i for i, f in enumerate(filas) if f and f[0] in primera)
    return [f for f in filas[inicio:] if any(str(c).strip() for c in f)]


def texto_docx(ruta: Path) -> str:
    d = docx.Document(str(ruta))
    partes = [p.text for p in d.paragraphs]
    for t in d.tables:
        partes += [c.text for fila in t.rows for c in fila.cells]
    partes += [p.text for p in d.sections[0].header.paragraphs]
    return "\n".join(partes)


def test_demo_escribe_todos_los_documentos(demo: Rutas) -> None:
    config = cargar_configuracion()
    assert demo.seleccion_final.exists()
    assert (demo.salidas / "oficio_ogp.docx").exists()
    for nombre in ("acta_etapa_I", "acta_etapa_III", "acta_etapa_IV"):
        assert (demo.actas / f"{nombre}.docx").exists()
    assert len(list(demo.fichas_word.glob("*.docx"))) == config.priorizadas
    seleccionadas = tabla(demo.seleccion_final, "Seleccionadas")
    assert len(seleccionadas) == 1 + config.seleccionadas
    # el puntaje con dos decimales, como en «Ranking» y las actas (90.00, no «90.» en Excel)
    hoja = openpyxl.load_workbook(demo.seleccion_final)["Seleccionadas"]
    columna = next(c.column for c in hoja[next(r for r in range(1, 9) if hoja.cell(r, 1).value == "Código")]
                   if c.value == "Puntaje (0–100)")
    assert {hoja.cell(r, columna).number_format for r in range(hoja.max_row - 4, hoja.max_row + 1)} == {"0.00"}
    assert [f[1] for f in tabla(demo.seleccion_final, "Embudo")] == ["Fichas", 64, 56, 56, 14, 5]
    respuestas = tabla(demo.seleccion_final, "Respuesta por ficha")
    assert len(respuestas) == 1 + 64
    assert all(all(str(c).strip() for c in fila[3:6]) for fila in respuestas[1:])


def test_acta_iv_y_oficio_nombran_a_las_cinco(demo: Rutas) -> None:
    config = configuracion_demo()
    codigos = [f[0] for f in tabla(demo.seleccion_final, "Seleccionadas")[1:]]
    acta = texto_docx(demo.actas / "acta_etapa_IV.docx")
    assert config.nombre_anio in acta
    assert all(c in acta for c in codigos)
    assert all(m.nombre in acta for m in config.documentos.comite)
    oficio = texto_docx(demo.salidas / "oficio_ogp.docx")
    assert "Unidad de Apoyo de la Alianza para el Gobierno Abierto" in oficio
    assert "septiembre de 2016" in oficio
    for c in codigos:
        ficha = texto_docx(demo.fichas_word / f"{c}.docx")
        assert "Seleccionada por el Comité" in ficha
        assert "S/ " in ficha


def test_sin_priorizacion_pide_el_comando_previo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--carpeta", str(tmp_path), "hoja-comite"]) == 2
    assert "consolidar" in capsys.readouterr().err


def test_linea_de_comandos(demo: Rutas, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    assert main(["--carpeta", str(copia), "hoja-comite"]) == 0
    assert main(["--carpeta", str(copia), "seleccionar"]) == 0
    assert "Seleccionadas:" in capsys.readouterr().out
    assert main(["--carpeta", str(copia), "documentos", "--todas"]) == 0
    assert len(list((copia / "fichas").glob("*.docx"))) == 64
    assert main(["--carpeta", str(copia), "asistencia"]) == 0


def test_repetir_da_los_mismos_bytes(demo: Rutas, tmp_path: Path) -> None:
    import hashlib

    from gobierno_abierto.etapa4.orquestador import seleccionar

    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)

    def huellas() -> dict[str, str]:
        return {str(p.relative_to(copia)): hashlib.sha256(p.read_bytes()).hexdigest()
                for carpeta in (rutas.salidas, rutas.fichas_word) for p in sorted(carpeta.rglob("*.*"))
                if p.suffix in (".docx", ".xlsx")}

    seleccionar(cargar_configuracion(), rutas)
    antes = huellas()
    seleccionar(cargar_configuracion(), rutas)
    assert huellas() == antes


def test_configuracion_del_comite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texto = (Path(__file__).parent.parent / "configuracion.toml").read_text(encoding="utf-8")
    mala = tmp_path / "c.toml"
    mala.write_text(texto.replace('cargo = "Representante del CODESCILL"', 'cargo = ""'), encoding="utf-8")
    assert main(["--config", str(mala), "--carpeta", str(tmp_path), "seleccionar"]) == 2
    assert "comite[5].cargo" in capsys.readouterr().err
    mala.write_text(texto.replace("[documentos.destinatario]", "[documentos.otro]"), encoding="utf-8")
    assert main(["--config", str(mala), "--carpeta", str(tmp_path), "documentos"]) == 2
    err = capsys.readouterr().err
    assert "documentos.destinatario (línea " in err and "falta esta sección" in err
    # Un error en [documentos] no detiene a los comandos que no lo usan.
    assert main(["--config", str(mala), "--carpeta", str(tmp_path), "plantillas"]) == 0


def test_asistencia_que_no_es_la_hoja(demo: Rutas, tmp_path: Path) -> None:
    from gobierno_abierto.etapa4.orquestador import generar_documentos

    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    for p in rutas.entradas_asistencia.iterdir():
        p.unlink()
    shutil.copy(rutas.consolidado, rutas.entradas_asistencia / "otra.xlsx")
    from gobierno_abierto.etapa1.lectura import leer_asistencia
    from gobierno_abierto.nucleo.observaciones import Codigo, aplanar

    asistencia = leer_asistencia(cargar_configuracion(), rutas)
    assert aplanar(asistencia.observaciones, "archivo", "codigo") == [("otra.xlsx", Codigo.ASISTENCIA_ILEGIBLE)]
    r = generar_documentos(cargar_configuracion(), rutas)
    assert any("no es la hoja de asistencia" in a for a in r.atencion)
    acta = texto_docx(rutas.actas / "acta_etapa_I.docx")
    assert "Gerencia Regional de Educación" in acta  # filas en blanco, una por gerencia


def test_acta_etapa_i_con_asistentes(demo: Rutas) -> None:
    from gobierno_abierto.etapa1.lectura import leer_asistencia

    asistencia = leer_asistencia(cargar_configuracion(), demo)
    personas = asistencia.personas
    assert len(personas) == 28 and asistencia.fecha is not None and asistencia.lugar
    acta = texto_docx(demo.actas / "acta_etapa_I.docx")
    assert personas[0]["nombre"] in acta and "viernes 2 de septiembre de 2016" in acta


@pytest.mark.libreoffice
def test_seleccionar_con_pdf(demo: Rutas, tmp_path: Path, soffice: str) -> None:
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    assert main(["--carpeta", str(copia), "seleccionar", "--pdf"]) == 0
    assert (copia / "salidas" / "pdf" / "oficio_ogp.pdf").exists()
    assert len(list((copia / "fichas" / "pdf").glob("*.pdf"))) == 14


def test_acta_iii_en_palabras_y_con_las_mismas_cifras(demo: Rutas) -> None:
    config = configuracion_demo()
    acta = texto_docx(demo.actas / "acta_etapa_III.docx")
    assert not any(p in acta for p in ("Kendall", "Spearman", "semilla", "(s)", "ficha(s)"))
    # las cifras de la demostración: 64 presentadas, 56 válidas y puntuadas, 14 priorizadas, 5 seleccionadas
    assert "De las 64 fichas presentadas en la Etapa II, 56 cumplieron los requisitos y fueron calificadas por " \
           "los 5 grupos de trabajo, que priorizaron 14." in acta
    assert "Las otras 42 iniciativas calificadas" in acta and "priorizacion.xlsx" in acta
    integrantes = [i.split(" — ")[0] for g in config.priorizacion.grupos for i in g.integrantes]
    assert len(integrantes) == 20 and all(n in acta for n in integrantes)  # la lista para firmar
    oficio = texto_docx(demo.salidas / "oficio_ogp.docx")
    assert "OFICIO N.º 0123-2016-GRLL-GOB" in oficio and "Gobernador Regional de La Libertad" in oficio
    assert "se formularon 64 iniciativas y se priorizaron 14" in oficio
    assert "analizar las 14 iniciativas priorizadas" in texto_docx(demo.actas / "acta_etapa_IV.docx")


def test_fichas_de_los_compromisos_aparte_y_graficos(demo: Rutas) -> None:
    import zipfile

    seleccionadas = [f[0] for f in tabla(demo.seleccion_final, "Seleccionadas")[1:]]
    assert sorted(p.stem for p in demo.fichas_compromisos.glob("*.docx")) == sorted(seleccionadas)
    for libro, graficos in ((demo.consolidado, 1), (demo.priorizacion, 2), (demo.seleccion_final, 1)):
        with zipfile.ZipFile(libro) as z:
            assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == graficos, libro.name


def test_sin_nombres_en_la_configuracion(demo: Rutas, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Con la configuración que se distribuye (cargos, sin nombres): líneas para firmar y el aviso."""
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    assert main(["--carpeta", str(copia), "seleccionar"]) == 0
    salida = capsys.readouterr().out
    assert "Sin nombre en la configuración" in salida and "documentos.oficio.firmante_nombre" in salida
    acta = texto_docx(copia / "salidas" / "actas" / "acta_etapa_IV.docx")
    assert "Carlos Alberto Mendoza Ríos" not in acta and "Gerente General Regional — Presidente del Comité" in acta
    oficio = texto_docx(copia / "salidas" / "oficio_ogp.docx")
    assert "OFICIO N.º ________-2016-GRLL-GOB" in oficio and "Manuel Antonio Ferrer Linares" not in oficio
