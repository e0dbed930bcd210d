"""Perfilado de punta a punta sobre la demostración: el Plan de Acción en Word y Excel, las mismas cifras en
todos los documentos, el acta IV y el oficio con las consultas, y la cadena por la línea de comandos."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gobierno_abierto.cli import main
from gobierno_abierto.demo.orquestador import ejecutar_demo
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.salida.rutas import Rutas
from tests.conftest import zip_en_memoria


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Rutas:
    destino = tmp_path_factory.mktemp("perfilado") / "demo"
    r = ejecutar_demo(cargar_configuracion(), destino, semilla=2016)
    assert r.codigo_salida == 0, r.texto()
    return Rutas(destino)


@pytest.fixture
def copia(demo: Rutas, tmp_path: Path) -> Path:
    destino = tmp_path / "p"
    shutil.copytree(demo.raiz, destino)
    return destino


def hoja(ruta: Path, nombre: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(nombre).to_python()


def texto(ruta: Path) -> str:
    d = docx.Document(str(ruta))
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for f in t.rows for c in f.cells])


def test_el_plan_en_word_tiene_cada_compromiso_con_sus_hitos_y_fechas(demo: Rutas) -> None:
    hitos = hoja(demo.plan_de_accion, "Hitos")
    assert hitos[0][:7] == ["N.º de compromiso", "Código", "Compromiso", "N.º de hito", "Entregable verificable",
                            "Fecha de inicio", "Fecha de término"]
    esperado: dict[str, list[tuple[str, str, str]]] = {}
    for f in hitos[1:]:
        esperado.setdefault(str(f[2]), []).append((str(f[4]), f"{f[5]:%d/%m/%Y}", f"{f[6]:%d/%m/%Y}"))
    assert len(esperado) == 5 and all(len(v) >= 3 for v in esperado.values())

    d = docx.Document(str(demo.plan_de_accion_word))
    titulos = [p.text for p in d.paragraphs if re.match(r"Compromiso \d+: ", p.text)]
    tablas = [t for t in d.tables if len(t.columns) > 1 and t.rows[0].cells[1].text.startswith("Hito: actividad con un entregable")]
    assert len(titulos) == len(tablas) == 5
    for titulo, tabla in zip(titulos, tablas, strict=True):
        nombre = titulo.split(": ", 1)[1]
        filas = [(f.cells[1].text, f.cells[2].text, f.cells[3].text) for f in tabla.rows[1:]]
        assert filas == esperado[nombre], nombre
    assert "Sin cambios:" in texto(demo.plan_de_accion_word)
    anexo = [t for t in d.tables if len(t.columns) == 4 and t.rows[0].cells[0].text == "Campo" and t.rows[0].cells[3].text == "Cambio"]
    assert anexo and {f.cells[3].text for t in anexo for f in t.rows[1:]} <= {"Modificado", "Agregado", "Quitado",
                                                                               "Justificado"}


def test_las_mismas_cifras_en_todas_partes(demo: Rutas) -> None:
    filas = hoja(demo.seleccion_final, "Embudo")
    esperadas = int(next(str(f[0]) for f in filas if str(f[0]).startswith("Se esperaban")).split()[2])
    cabecera = next(i for i, f in enumerate(filas) if f[0] == "Paso")
    embudo = {str(f[0]): int(f[1]) for f in filas[cabecera + 1:] if f[0]}
    presentadas, validas = embudo["Fichas presentadas por las gerencias"], embudo["Fichas válidas (sin errores)"]
    priorizadas, seleccionadas = embudo["Iniciativas priorizadas"], embudo["Compromisos seleccionados por el Comité"]
    cifras = [int(f[1]) for f in hoja(demo.plan_de_accion, "Cifras")[1:]]
    assert cifras == [esperadas, presentadas, validas, priorizadas, seleccionadas, 5]
    d = docx.Document(str(demo.plan_de_accion_word))
    tabla = next(t for t in d.tables if t.rows[0].cells[0].text == "Paso")
    assert [int(f.cells[1].text) for f in tabla.rows[1:]] == cifras
    plan = texto(demo.plan_de_accion_word)
    assert f"presentaron {presentadas} fichas" in plan and f"{validas} cumplieron los requisitos" in plan
    assert f"priorizaron {priorizadas}" in plan and f"seleccionó {seleccionadas} de las {priorizadas}" in plan
    oficio = texto(demo.salidas / "oficio_ogp.docx")
    assert f"se formularon {presentadas} iniciativas y se priorizaron {priorizadas}" in oficio


def test_acta_iv_oficio_y_fichas_dicen_lo_que_paso_en_la_consulta(demo: Rutas) -> None:
    compromisos = hoja(demo.plan_de_accion, "Compromisos")
    cabecera = compromisos[0]
    i_fecha, i_nombre = cabecera.index("Fecha de la consulta"), cabecera.index("Nombre del compromiso")
    acta = texto(demo.actas / "acta_etapa_IV.docx")
    oficio = texto(demo.salidas / "oficio_ogp.docx")
    assert "CONSULTAS CON LAS GERENCIAS REGIONALES" in acta
    assert "Plan de Acción de Gobierno Abierto 2017" in oficio
    for fila in compromisos[1:]:
        codigo, gerencia, nombre = str(fila[1]), str(fila[2]), str(fila[i_nombre])
        assert f"{fila[i_fecha]:%d/%m/%Y}" in acta and gerencia in acta
        assert nombre in oficio
        ficha = texto(demo.fichas_word / f"{codigo}.docx")
        assert nombre in ficha and "perfilada con la gerencia" in ficha and "Línea de base" in ficha


def test_el_libro_del_plan_tiene_tablas_fechas_y_cronograma(demo: Rutas) -> None:
    libro = openpyxl.load_workbook(demo.plan_de_accion)
    tablas = {t for h in libro.worksheets for t in h.tables}
    assert {"compromisos", "hitos_plan", "cambios"} <= tablas
    hitos = libro["Hitos"]
    assert all(isinstance(hitos.cell(f, 6).value, datetime) for f in range(2, hitos.max_row + 1))
    assert len(libro["Cronograma"]._charts) == 1
    assert libro["Cronograma"].max_row - 1 == hitos.max_row - 1


def test_la_cadena_por_la_linea_de_comandos(copia: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--carpeta", str(copia), "hojas-perfil"]) == 0
    assert len(list((copia / "plantillas_excel").glob("perfil_*.xlsx"))) == 5
    assert main(["--carpeta", str(copia), "perfilar"]) == 0
    salida = capsys.readouterr().out
    assert "Plan de Acción 2017: 5 compromisos" in salida and "no es verificable" in salida
    registro = json.loads((copia / "salidas" / "registro" / "perfilar.json").read_text(encoding="utf-8"))
    assert "salidas/seleccion_final.xlsx" in registro["previas"]
    assert any(k.startswith("entradas/perfiles/") for k in registro["entradas"])
    antes = {n: (copia / "salidas" / n).read_bytes() for n in ("plan_de_accion.xlsx", "plan_de_accion.docx")}
    assert main(["--carpeta", str(copia), "perfilar"]) == 0          # mismas entradas, mismos bytes
    assert {n: (copia / "salidas" / n).read_bytes() for n in antes} == antes
    assert main(["--carpeta", str(copia), "estado"]) == 0
    assert "perfilar" in capsys.readouterr().out

    next((copia / "entradas" / "perfiles").glob("*.ods"), next((copia / "entradas" / "perfiles").glob("*.xlsx"))).unlink()
    assert main(["--carpeta", str(copia), "perfilar"]) == 1
    salida = capsys.readouterr().out
    assert "No se recibió el libro de perfil del compromiso" in salida and "No se escribieron el Plan" in salida
    # detenido antes del Plan: el anterior queda como estaba (no se archiva a medias) y el paso, desactualizado
    assert {n: (copia / "salidas" / n).read_bytes() for n in antes} == antes
    assert not (copia / "salidas" / "archivo").exists()
    main(["--carpeta", str(copia), "estado"])
    assert re.search(r"perfilar\s+desactualizado", capsys.readouterr().out)
    # «seleccionar» sigue funcionando sin perfilado: acta IV sin consultas
    assert main(["--carpeta", str(copia), "seleccionar"]) == 0
    assert "CONSULTAS CON LAS GERENCIAS" not in texto(copia / "salidas" / "actas" / "acta_etapa_IV.docx")


def test_sin_seleccion_pide_el_comando_previo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--carpeta", str(tmp_path), "hojas-perfil"]) == 2
    assert "consolidar" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_plan_en_pdf(copia: Path, soffice: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--carpeta", str(copia), "perfilar", "--pdf"]) == 0
    pdf = copia / "salidas" / "pdf" / "plan_de_accion.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    paginas = sorted(pdf.parent.glob("plan_de_accion-*.png"))
    assert len(paginas) >= 5 + 3 and all(p.stat().st_size > 1500 for p in paginas)


@pytest.mark.parametrize(("comando", "carpeta"), [("seleccionar", "comite"), ("perfilar", "perfiles")])
def test_un_archivo_que_no_es_hoja_no_detiene_la_etapa_iv(copia: Path, capsys: pytest.CaptureFixture[str],
                                                          comando: str, carpeta: str) -> None:
    """El acta escaneada guardada junto a la hoja del Comité o a los perfiles no puede traer lo que se
    lee: se dice que se ignoró (advertencia) y los documentos se escriben igual, sin archivar nada."""
    rutas = Rutas(copia)
    (copia / "entradas" / carpeta / "acta_escaneada.pdf").write_bytes(b"%PDF-1.4 acta firmada")
    (copia / "entradas" / carpeta / "fotos.zip").write_bytes(zip_en_memoria({"foto.jpg": b"\xff\xd8\xff"}))
    assert main(["--carpeta", str(copia), comando]) == 0
    salida = capsys.readouterr().out
    assert "acta_escaneada.pdf" in salida and "No se escribieron" not in salida
    assert not (rutas.salidas / "archivo").exists()
    libro = rutas.observaciones / ("comite.xlsx" if carpeta == "comite" else "perfiles.xlsx")
    filas = hoja(libro, "Observaciones")
    cabecera = next(f for f in filas if "Código" in f)
    ignorados = sorted((f[cabecera.index("Archivo")], f[cabecera.index("Severidad")]) for f in filas
                       if f[cabecera.index("Código")] == "archivo_ignorado")
    assert ignorados == [("acta_escaneada.pdf", "advertencia"), ("fotos.zip", "advertencia")]
    texto_obs = str(filas)
    assert "Se ignoró: es un PDF" in texto_obs and "foto.jpg" in texto_obs


def test_sin_hoja_del_comite_y_con_un_pdf_lo_dice(copia: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for libro in (copia / "entradas" / "comite").iterdir():
        libro.unlink()
    (copia / "entradas" / "comite" / "acta_escaneada.pdf").write_bytes(b"%PDF-1.4 acta firmada")
    assert main(["--carpeta", str(copia), "seleccionar"]) == 2
    error = capsys.readouterr().err
    assert "No hay ninguna hoja del Comité" in error and "se ignoró «acta_escaneada.pdf»" in error


def test_una_seleccion_detenida_deja_las_salidas_anteriores_como_estaban(copia: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Si la hoja del Comité vuelve con errores, «seleccionar» no escribe nada nuevo y tampoco archiva a medias
    lo que ya había (la selección, las actas y las fichas quedan, y el Plan que vino después, también): el
    paso queda desactualizado en «estado» hasta que se corrija, y al corregirlo se vuelve a escribir."""
    rutas = Rutas(copia)
    hoja_comite = next((copia / "entradas" / "comite").glob("*.xlsx"))
    original = hoja_comite.read_bytes()
    antes = {p: p.read_bytes() for p in rutas.salidas.rglob("*") if p.is_file() and "registro" not in p.parts
             and "observaciones" not in p.parts and "publicacion" not in p.parts}
    libro = openpyxl.load_workbook(hoja_comite)
    hoja_sel = libro["Selección"]
    cabecera = next(f for f in range(1, 30) if hoja_sel.cell(f, 1).value == "Código")
    columna = next(c for c in range(1, 30) if str(hoja_sel.cell(cabecera, c).value or "").startswith("Seleccionada"))
    hoja_sel.cell(cabecera + 1, columna).value = "tal vez"
    libro.save(hoja_comite)
    capsys.readouterr()
    assert main(["--carpeta", str(copia), "seleccionar"]) == 1
    salida = capsys.readouterr().out
    assert "No se escribieron" in salida and "quedan como estaban" in salida
    assert not (rutas.salidas / "archivo").exists()
    assert {p: p.read_bytes() for p in antes} == antes
    assert main(["--carpeta", str(copia), "estado"]) == 0
    estado = capsys.readouterr().out
    assert re.search(r"seleccionar\s+desactualizado", estado) and "archivos cambiados" in estado
    hoja_comite.write_bytes(original)  # corregida: vuelve a escribirse y queda al día
    assert main(["--carpeta", str(copia), "seleccionar"]) == 0
    main(["--carpeta", str(copia), "estado"])
    assert re.search(r"seleccionar\s+al día", capsys.readouterr().out)
