"""Lectura de lo que dejaron las etapas: campos con error, notas de los grupos, decisión del Comité, el
Plan de Acción (opcional) y los PDF firmados."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import frictionless
import xlsxwriter
from conftest import DESPUES_DE_TODO, PDF_MINIMO, Publicado, preparar

from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.portal.lectura import (
    leer_decision_comite,
    leer_documentos,
    leer_errores,
    leer_notas,
    leer_plan_de_accion,
    titulo_documento,
)
from gobierno_abierto.portal.orquestador import publicar


def test_errores_notas_y_comite(publicado: Publicado) -> None:
    rutas = publicado.rutas
    assert leer_errores(rutas.consolidado) == {
        "GEPRO-5": ["Descripción de la actividad", "Presupuesto de la actividad 2017 (S/)"]}
    notas = leer_notas(rutas.priorizacion, publicado.config.priorizacion.criterios)
    assert len(notas) == 19 * 4 * 5
    assert {n.grupo for n in notas} == {"Grupo 1", "Grupo 2", "Grupo 3", "Grupo 4"}
    comite = leer_decision_comite(rutas.seleccion_final)
    assert len(comite) == 20 and sum(d.seleccionada for d in comite.values()) == 5
    assert publicado.ejemplo.motivos is not None
    assert {c: d.motivo for c, d in comite.items() if d.seleccionada} == \
        {c: m for c, (s, m) in publicado.ejemplo.motivos.items() if s}


def escribir_plan(ruta: Path, codigos: list[str]) -> None:
    """Un Plan de Acción con las hojas y cabeceras de `perfilar` (perfilado/escritura.py)."""
    libro = xlsxwriter.Workbook(str(ruta))
    fecha = libro.add_format({"num_format": "dd/mm/yyyy"})
    h = libro.add_worksheet("Compromisos")
    h.write_row(0, 0, ["N.º", "Código", "Institución responsable", "Nombre del compromiso", "Fecha de inicio",
                       "Fecha de término", "Persona responsable", "Cargo", "Correo electrónico", "Teléfono",
                       "Problema público que atiende", "Línea de base", "Objetivo principal", "Actores del Estado",
                       "Sociedad civil", "Otros actores", "N.º de hitos", "Participantes de la consulta"])
    for k, codigo in enumerate(codigos, start=1):
        h.write_row(k, 0, [k, codigo, "Gerencia Regional de Educación", f"Compromiso refinado {k}", None, None,
                           "Rosa Elena Castañeda Vera", "Gerente Regional", "rcastaneda@regionlalibertad.gob.pe",
                           "949 555 111", f"Problema {k}", f"Línea de base {k}", f"Objetivo {k} con Ana Torres Ríos",
                           "", "Mesa de Concertación para la Lucha Contra la Pobreza", "", 3,
                           "Ana Torres Ríos, Presidenta, CODESCILL\nLuis Paz Gil (Red de Jóvenes)"])
        h.write_datetime(k, 4, datetime(2017, 1, 2), fecha)
        h.write_datetime(k, 5, datetime(2017, 12, 29), fecha)
    h = libro.add_worksheet("Hitos")
    h.write_row(0, 0, ["N.º de compromiso", "Código", "Compromiso", "N.º de hito", "Entregable verificable",
                       "Fecha de inicio", "Fecha de término", "Días", "Responsable"])
    fila = 1
    for k, codigo in enumerate(codigos, start=1):
        for n in range(1, 4):
            h.write_row(fila, 0, [k, codigo, f"Compromiso refinado {k}", n,
                                  f"Entregable {n} del compromiso {k}: informe publicado", "2017-02-01",
                                  "15/03/2017", 43, "Rosa Elena Castañeda Vera"])
            fila += 1
    libro.add_worksheet("Cambios").write_row(0, 0, ["Código", "Compromiso", "Campo", "Ficha de la Etapa II",
                                                    "Compromiso perfilado"])
    libro.close()


def test_plan_de_accion_opcional(tmp_path: Path) -> None:
    config = cargar_configuracion()
    rutas, ejemplo = preparar(tmp_path / "p", config)
    assert ejemplo.motivos is not None
    seleccionadas = [c for c, (s, _) in ejemplo.motivos.items() if s]
    assert leer_plan_de_accion(rutas.salidas / "plan_de_accion.xlsx", seleccionadas) is None
    escribir_plan(rutas.salidas / "plan_de_accion.xlsx", seleccionadas)
    plan = leer_plan_de_accion(rutas.salidas / "plan_de_accion.xlsx", seleccionadas)
    assert plan is not None
    assert [(c.numero, c.codigo, c.fecha_inicio, c.fecha_fin) for c in plan.compromisos][:2] == [
        (1, seleccionadas[0], date(2017, 1, 2), date(2017, 12, 29)),
        (2, seleccionadas[1], date(2017, 1, 2), date(2017, 12, 29))]
    assert [(h.compromiso, h.numero, h.fecha_inicio, h.fecha_fin) for h in plan.hitos][:2] == [
        (1, 1, date(2017, 2, 1), date(2017, 3, 15)), (1, 2, date(2017, 2, 1), date(2017, 3, 15))]

    publicar(config, rutas, hoy=DESPUES_DE_TODO)
    datos = rutas.publicacion / "datos"
    assert frictionless.validate(str(datos / "datapackage.json")).valid
    hitos = (datos / "hitos.csv").read_text(encoding="utf-8").splitlines()
    assert hitos[0] == "compromiso,numero,entregable,fecha_inicio,fecha_fin"   # sin el nombre del responsable
    assert hitos[1] == "1,1,Entregable 1 del compromiso 1: informe publicado,2017-02-01,2017-03-15"
    pagina = (rutas.publicacion / "sitio" / "compromisos.html").read_text(encoding="utf-8")
    assert "Compromiso 1: Compromiso refinado 1" in pagina and "15/03/2017" in pagina
    assert "Problema 1" in pagina and "Mesa de Concertación para la Lucha Contra la Pobreza" in pagina
    assert "Objetivo 1 con [nombre reservado]" in pagina and "Torres" not in pagina
    assert "Castañeda" not in pagina and "Gerente Regional" in pagina
    publicado = "".join(p.read_text(encoding="utf-8") for p in datos.glob("*.csv"))
    assert "Castañeda" not in publicado and "rcastaneda" not in publicado and "555" not in publicado


def test_documentos_firmados(tmp_path: Path) -> None:
    (tmp_path / "acta_etapa_II_GRE.pdf").write_bytes(PDF_MINIMO)
    (tmp_path / "firmado.pdf").write_bytes(PDF_MINIMO.replace(b"trailer", b"/ByteRange [0 1 2 3] /Sig\ntrailer"))
    (tmp_path / "no_es_pdf.pdf").write_bytes(b"hola")
    (tmp_path / "notas.txt").write_text("x", encoding="utf-8")
    assert [(d.ruta.name, d.titulo, d.firma_digital) for d in leer_documentos(tmp_path)] == [
        ("acta_etapa_II_GRE.pdf", "Acta de la Etapa II (GRE)", False),
        ("firmado.pdf", "firmado", True)]
    assert titulo_documento("acta_etapa_IV.pdf") == "Acta de la Etapa IV — Comité de Gobierno Abierto"
