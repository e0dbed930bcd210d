"""Ida y vuelta por LibreOffice sin pantalla: plantillas llenas guardadas como .ods y como .xlsx re-guardado
por LibreOffice se consolidan igual que el original; la plantilla vacía abre sin error y conserva nombres
definidos, validaciones, protección y hojas ocultas. Las conversiones van en lotes (≈1,5 s por llamada)."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from gobierno_abierto.demo import datos as D
from gobierno_abierto.etapa2.consolidado import leer_consolidado
from gobierno_abierto.etapa2.escritura import columnas_fichas
from gobierno_abierto.etapa2.instrumento import escribir_plantilla
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.salida.libreoffice import convertir, disponible
from gobierno_abierto.salida.rutas import Rutas
from tests.conftest import fecha_en_plazo, huella

XLSX_LO = "xlsx:Calc MS Excel 2007 XML"


def _esperado(config, g):
    return D.libro_lleno(config, g, random.Random(f"lo-{g.codigo}"))


def _destino(libro, nombre: str) -> list[tuple[str, str]]:
    return [(hoja, celda.replace("$", "")) for hoja, celda in libro.defined_names[nombre].destinations]


@pytest.fixture(scope="module")
def convertidos(config, tmp_path_factory) -> dict[str, Path]:
    """Tres llamadas a LibreOffice para todo el módulo: xlsx→ods (llenas y vacía), ods→xlsx, vacía→pdf."""
    if not disponible():
        if os.environ.get("REQUIERE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice es obligatorio en esta ejecución (REQUIERE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice no está instalado")
    base = tmp_path_factory.mktemp("lo")
    originales = base / "originales"
    originales.mkdir()
    for g in config.gerencias:
        escribir_plantilla(config, g, originales / f"fichas_{g.codigo}.xlsx", _esperado(config, g))
    vacia = originales / "vacia.xlsx"
    escribir_plantilla(config, config.gerencias[0], vacia)
    todos = sorted(originales.glob("*.xlsx"))
    convertir(todos, "ods", base / "ods")
    convertir(sorted((base / "ods").glob("*.ods")), XLSX_LO, base / "xlsx_lo")
    convertir([vacia], "pdf", base / "pdf")
    return {"originales": originales, "ods": base / "ods", "xlsx_lo": base / "xlsx_lo", "pdf": base / "pdf"}


@pytest.mark.parametrize("formato", ["ods", "xlsx_lo"])
def test_ida_y_vuelta_se_consolida_igual(config, tmp_path, soffice, convertidos, formato):
    rutas = Rutas(tmp_path / "proyecto")
    rutas.crear()
    marca = fecha_en_plazo(config).timestamp()
    for g in config.gerencias:
        origen = next(convertidos[formato].glob(f"fichas_{g.codigo}.*"))
        destino = rutas.entradas_fichas / origen.name
        shutil.copyfile(origen, destino)
        os.utime(destino, (marca, marca))
    antes = huella(rutas.entradas_fichas)
    resumen = consolidar(config, rutas)
    assert huella(rutas.entradas_fichas) == antes
    assert resumen.codigo_salida == 0, resumen.texto()

    filas = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name(
        "Fichas").to_python()
    indice = {clave: i for i, (clave, _, _) in enumerate(columnas_fichas(config))}
    assert len(filas) == 1 + 5 * len(config.gerencias)
    consolidado = leer_consolidado(rutas.consolidado, config)
    for g in config.gerencias:
        esperado = _esperado(config, g)
        for n in range(1, 6):
            fila = next(f for f in filas if f[0] == f"{g.codigo}-{n}")
            assert fila[indice["estado"]] == "válida", (g.codigo, n)
            for c in E.campos_ficha(config):
                assert fila[indice[c.clave]] == esperado[E.nombre_ficha(n, c.clave)], (formato, g.codigo, n, c.clave)
        reunion = consolidado.reuniones[g.codigo]
        for campo in E.CAMPOS_REUNION:
            assert reunion[campo.clave] == esperado[campo.clave], (formato, g.codigo, campo.clave)
        assert reunion.participantes[0].nombre == esperado["participante1_nombre"]


def test_plantilla_vacia_abre_en_libreoffice(soffice, convertidos):
    for ruta in (convertidos["ods"] / "vacia.ods", convertidos["pdf"] / "vacia.pdf"):
        assert ruta.stat().st_size > 1000, ruta
    assert (convertidos["pdf"] / "vacia.pdf").read_bytes().startswith(b"%PDF")


def test_nombres_validaciones_proteccion_y_hojas_ocultas_sobreviven(config, soffice, convertidos):
    libro = openpyxl.load_workbook(convertidos["xlsx_lo"] / "vacia.xlsx")
    original = openpyxl.load_workbook(convertidos["originales"] / "vacia.xlsx")
    assert set(original.defined_names) <= set(libro.defined_names)
    for nombre in [E.NOMBRE_CODIGO_GERENCIA, E.nombre_ficha(5, "descripcion"), "reunion_fecha"]:
        assert nombre in libro.defined_names, nombre
        assert _destino(libro, nombre) == _destino(original, nombre), nombre

    assert libro[E.HOJA_LISTAS].sheet_state != "visible"
    assert libro[E.HOJA_CONTROL].sheet_state != "visible"
    assert libro[E.HOJA_INSTRUCCIONES].sheet_state == "visible"

    hojas_ficha = [h for h in libro.worksheets if h.title not in
                   {E.HOJA_INSTRUCCIONES, E.HOJA_REUNION, E.HOJA_LISTAS, E.HOJA_CONTROL}]
    assert len(hojas_ficha) == config.fichas_por_gerencia
    for hoja in [*hojas_ficha, libro[E.HOJA_REUNION]]:
        assert hoja.protection.sheet, hoja.title
    hoja = hojas_ficha[0]
    listas = [v for v in hoja.data_validations.dataValidation if v.type == "list"]
    assert any((v.formula1 or "").lstrip("=").startswith("lista_") for v in listas), \
        [v.formula1 for v in listas]
    # la celda de entrada está desbloqueada y la etiqueta no
    destino = libro.defined_names[E.nombre_ficha(1, "descripcion")].destinations
    titulo, celda = next(iter(destino))
    entrada = libro[titulo][celda.replace("$", "")]
    assert entrada.protection.locked is False
    assert libro[titulo].cell(entrada.row, 1).protection.locked is not False
