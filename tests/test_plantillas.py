import zipfile

import openpyxl

from gobierno_abierto.etapa2.instrumento import escribir_plantillas
from gobierno_abierto.etapa2.orquestador import generar_plantillas
from gobierno_abierto.nucleo import esquema as E


def test_una_plantilla_por_gerencia_con_nombres_definidos(config, rutas):
    resumen = generar_plantillas(config, rutas)
    assert resumen.escrito == ["plantillas_excel/fichas_<código>.xlsx (14 libros)"]
    assert len(list(rutas.plantillas.glob("fichas_*.xlsx"))) == 14
    ruta = rutas.plantillas / "fichas_GERESA.xlsx"
    libro = openpyxl.load_workbook(ruta)
    assert libro.sheetnames == ["Instrucciones", "Ficha 1", "Ficha 2", "Ficha 3", "Ficha 4", "Ficha 5",
                                "Reunión", "Listas", "Control"]
    nombres = libro.defined_names
    for n in range(1, 6):
        for c in E.campos_ficha(config):
            assert E.nombre_ficha(n, c.clave) in nombres
    hoja, celda = next(iter(nombres["codigo_gerencia"].destinations))
    assert libro[hoja][celda.replace("$", "")].value == "GERESA"
    hoja, celda = next(iter(nombres["plantilla_version"].destinations))
    assert libro[hoja][celda.replace("$", "")].value == E.PLANTILLA_VERSION
    assert libro["Listas"].sheet_state == "hidden"
    assert libro["Control"].sheet_state == "hidden"


def test_celdas_de_entrada_desbloqueadas_y_etiquetas_protegidas(config, tmp_path):
    ruta = escribir_plantillas(config, tmp_path, ["GRE"]).archivos[0]
    libro = openpyxl.load_workbook(ruta)
    hoja = libro["Ficha 2"]
    assert hoja.protection.sheet
    _, celda = next(iter(libro.defined_names["ficha2_descripcion"].destinations))
    entrada = hoja[celda.replace("$", "")]
    assert entrada.protection.locked is False
    etiqueta = hoja.cell(row=entrada.row, column=entrada.column - 1)
    assert etiqueta.value.startswith("Descripción de la actividad")
    assert etiqueta.protection.locked is True


def test_validaciones_con_mensajes_en_castellano_y_listas_en_hoja_oculta(config, tmp_path):
    ruta = escribir_plantillas(config, tmp_path, ["GRE"]).archivos[0]
    hoja = openpyxl.load_workbook(ruta)["Ficha 1"]
    validaciones = hoja.data_validations.dataValidation
    listas = [v for v in validaciones if v.type == "list"]
    assert any(v.formula1 == "lista_ambito" for v in listas)
    assert all(len(v.formula1) <= 255 for v in listas)
    decimales = [v for v in validaciones if v.type == "decimal"]
    assert decimales and all("cifras" in (v.error or "") for v in decimales)
    assert all(v.promptTitle and len(v.promptTitle) <= 32 for v in validaciones)
    # un título recortado no parte una palabra: lo que queda antes de «…» termina donde termina una palabra
    etiquetas = [c.etiqueta for c in E.campos_ficha(config)]
    for titulo in {v.promptTitle for v in validaciones if v.promptTitle.endswith("…")}:
        assert any(e.startswith(titulo[:-1] + " ") for e in etiquetas), titulo
    assert "Objetivo del PDC" in {v.promptTitle for v in validaciones}


def test_plantilla_reproducible_byte_a_byte(config, tmp_path):
    a = escribir_plantillas(config, tmp_path / "a", ["GRE"]).archivos[0].read_bytes()
    b = escribir_plantillas(config, tmp_path / "b", ["GRE"]).archivos[0].read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a" / "fichas_GRE.xlsx") as z:
        assert z.testzip() is None
