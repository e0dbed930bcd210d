"""Documentos Word: valores tal como se escribieron, escape, bytes idénticos y render por LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.nucleo.esquema import campos_ficha
from gobierno_abierto.nucleo.modelo import Ficha
from gobierno_abierto.salida.libreoffice import convertir
from gobierno_abierto.salida.word import CARPETA_PLANTILLAS, PlantillaWord, contexto_ficha


def ficha_prueba() -> Ficha:
    config = cargar_configuracion()
    valores = {c.clave: f"Texto de {c.etiqueta}" for c in campos_ficha(config)}
    valores.update({E.NOMBRE_ACTIVIDAD: "Datos abiertos & <rendición> «2016»",
                    E.PRESUPUESTO_ANIO_ACTUAL: 1250000.0, E.PRESUPUESTO_ANIO_SIGUIENTE: 0.0,
                    E.POBLACION_NUMERO: 35000, E.clave_valor_ogp("transparencia"): "Sí"})
    return Ficha("GRE-1", "GRE", "Gerencia Regional de Educación", 1, valores)


def test_ficha_lleva_cada_campo_del_esquema(tmp_path: Path) -> None:
    config = cargar_configuracion()
    ruta = PlantillaWord(CARPETA_PLANTILLAS / "ficha.docx").escribir(
        contexto_ficha(ficha_prueba(), config, "Priorizada", ["Puesto 1"],
                       [{"nombre": "Julia Sánchez", "cargo": "Gerente Regional"}]), tmp_path / "f.docx")
    d = docx.Document(str(ruta))
    filas = {f.cells[0].text.rstrip(":"): f.cells[1].text for f in d.tables[0].rows}
    for c in campos_ficha(config):
        assert c.etiqueta in filas
    assert filas["Nombre de la actividad"] == "Datos abiertos & <rendición> «2016»"
    assert filas["Presupuesto de la actividad 2016 (S/)"] == "S/ 1,250,000.00"
    assert filas["Población beneficiada (número)"] == "35,000"
    assert config.nombre_anio in d.sections[0].header.paragraphs[0].text
    assert "Julia Sánchez" in "\n".join(c.text for t in d.tables for f in t.rows for c in f.cells)


def test_mismos_bytes_y_mismo_texto_que_docxtpl(tmp_path: Path) -> None:
    config = cargar_configuracion()
    ctx = contexto_ficha(ficha_prueba(), config, "Priorizada", ["a\nb"], [])
    p = PlantillaWord(CARPETA_PLANTILLAS / "ficha.docx")
    assert p.render_bytes(ctx) == p.render_bytes(ctx)
    p.escribir(ctx, tmp_path / "rapido.docx")
    tpl = DocxTemplate(str(CARPETA_PLANTILLAS / "ficha.docx"))
    tpl.render(ctx, autoescape=True)
    tpl.save(str(tmp_path / "docxtpl.docx"))

    def texto(r: Path) -> list[str]:
        d = docx.Document(str(r))
        return [p.text for p in d.paragraphs] + [c.text for f in d.tables[0].rows for c in f.cells]

    assert texto(tmp_path / "rapido.docx") == texto(tmp_path / "docxtpl.docx")


def test_contrato_de_las_plantillas() -> None:
    for nombre in ("ficha", "acta_etapa_I", "acta_etapa_II", "acta_etapa_III", "acta_etapa_IV", "oficio_ogp"):
        variables = DocxTemplate(str(CARPETA_PLANTILLAS / f"{nombre}.docx")).get_undeclared_template_variables()
        assert {"nombre_anio", "firmas"} <= variables, nombre


@pytest.mark.libreoffice
def test_render_a_pdf_y_png(tmp_path: Path, soffice: str) -> None:
    config = cargar_configuracion()
    ficha = PlantillaWord(CARPETA_PLANTILLAS / "ficha.docx").escribir(
        contexto_ficha(ficha_prueba(), config, "Priorizada", ["Puesto 1"], []), tmp_path / "ficha.docx")
    acta = PlantillaWord(CARPETA_PLANTILLAS / "acta_etapa_I.docx").escribir(
        {"nombre_anio": config.nombre_anio, "entidad": config.entidad, "programa": config.programa,
         "ciudad": "Trujillo", "fecha": "viernes 2 de septiembre de 2016", "lugar": "Auditorio",
         "coordinacion": config.coordinacion, "pie": "Acta",
         "participantes": [{"nombre": f"Persona {i}", "cargo": "Gerente", "organizacion": "GRE"}
                           for i in range(30)],
         "acuerdos": ["Uno", "Dos"], "hora_cierre": "13:00",
         "firmas": [{"nombre": "Carlos Mendoza", "cargo": "Gerente General Regional"}]},
        tmp_path / "acta.docx")
    pdfs = convertir([ficha, acta], "pdf", tmp_path / "pdf")
    for pdf, minimo, maximo in ((pdfs[0], 1, 1), (pdfs[1], 2, 3)):
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
        pngs = sorted(pdf.parent.glob(pdf.stem + "-*.png"))
        assert minimo <= len(pngs) <= maximo, (pdf.name, len(pngs))
        for png in pngs:
            assert png.stat().st_size > 2000  # una página en blanco pesa mucho menos


def test_membrete_editado_en_word_sin_tocar_codigo(tmp_path: Path) -> None:
    """La coordinación cambia el membrete en la plantilla; el documento lo toma tal cual."""
    config = cargar_configuracion()
    editada = tmp_path / "ficha.docx"
    d = docx.Document(str(CARPETA_PLANTILLAS / "ficha.docx"))
    d.sections[0].header.paragraphs[1].runs[0].text = "GOBIERNO REGIONAL LA LIBERTAD — GERENCIA GENERAL"
    d.paragraphs[0].runs[0].text = "FICHA INFORMATIVA (versión {{ codigo }})"
    d.save(str(editada))
    ruta = PlantillaWord(editada).escribir(contexto_ficha(ficha_prueba(), config, "Priorizada"),
                                            tmp_path / "salida.docx")
    salida = docx.Document(str(ruta))
    assert salida.sections[0].header.paragraphs[1].text == "GOBIERNO REGIONAL LA LIBERTAD — GERENCIA GENERAL"
    assert salida.paragraphs[0].text == "FICHA INFORMATIVA (versión GRE-1)"


def test_plantillas_reconstruidas_tienen_las_mismas_variables(tmp_path: Path) -> None:
    """El script reconstruye plantillas con el mismo contrato (variables) que las del repositorio.

    No se comparan bytes: la coordinación puede editar las plantillas en Word."""
    import importlib.util

    ruta = Path(__file__).parent.parent / "herramientas" / "crear_plantillas_word.py"
    spec = importlib.util.spec_from_file_location("crear_plantillas_word", ruta)
    assert spec and spec.loader
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    for nueva in modulo.crear(tmp_path):
        vigente = CARPETA_PLANTILLAS / nueva.name
        assert (DocxTemplate(str(nueva)).get_undeclared_template_variables()
                == DocxTemplate(str(vigente)).get_undeclared_template_variables()), nueva.name


def test_caracteres_de_control_no_llegan_al_documento(tmp_path: Path) -> None:
    """XML 1.0 prohíbe el carácter 11 (un salto de línea pegado desde Word), U+FFFE y otros: aunque
    un texto los traiga, la ficha y el acta II se escriben y abren; el 11 queda como salto de línea."""
    from gobierno_abierto.salida.word import contexto_base

    config = cargar_configuracion()
    ficha = ficha_prueba()
    ficha.valores["descripcion"] = "Primera parte\x0bsegunda parte\x01\ufffe"
    ruta = PlantillaWord(CARPETA_PLANTILLAS / "ficha.docx").escribir(
        contexto_ficha(ficha, config, "Priorizada"), tmp_path / "ficha.docx")
    filas = {f.cells[0].text.rstrip(":"): f.cells[1].text for f in docx.Document(str(ruta)).tables[0].rows}
    assert filas["Descripción de la actividad"] == "Primera parte\nsegunda parte"

    ctx = {**contexto_base(config, "Acta de Acuerdos — Etapa II — GRE"), "gerencia": "GRE\x0b", "fecha": "—",
           "lugar": "Sala\x0c 1", "gerente": "Ana\x00 Ruiz", "especialista": "—", "consejo": "COPARE",
           "participantes": [{"nombre": "Luis\x1f Paz", "organizacion": "Org\x0b", "cargo": "Presidente"}],
           "fichas": [], "acuerdos": ["Primero\x0bsegundo"], "firmas": []}
    acta = PlantillaWord(CARPETA_PLANTILLAS / "acta_etapa_II.docx").escribir(ctx, tmp_path / "acta.docx")
    d = docx.Document(str(acta))
    texto = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for f in t.rows for c in f.cells])
    assert "Luis Paz" in texto and "Ana Ruiz" in texto and "Primero\nsegundo" in texto
