"""Lectura acotada (issue 8): una celda lejana no mata ni agota el proceso, las celdas con fórmula o
error se dicen como son, nada de lo leído se pierde en silencio. Cada prueba arma su libro hostil."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import python_calamine
import xlsxwriter

from gobierno_abierto.entrada.archivos import Documento, recibir_archivo
from gobierno_abierto.entrada.libro import (
    Area,
    ErrorDeCelda,
    ErrorLibro,
    FormulaSinValor,
    abrir_libro,
)
from gobierno_abierto.entrada.medicion import _RecorridoXlsx, medir_hoja_xlsx
from gobierno_abierto.etapa2.lectura import AREA_FICHAS, leer_envio
from gobierno_abierto.etapa2.orquestador import procesar_envios
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar

RAIZ = Path(__file__).resolve().parent.parent


# --- fabricar libros hostiles ----------------------------------------------------------------------


def parte_de_hoja(z: zipfile.ZipFile, hoja: str) -> str:
    """La parte XML de una hoja, por workbook.xml y sus relaciones (como las escribe xlsxwriter)."""
    libro = z.read("xl/workbook.xml").decode()
    rid = re.search(rf'<sheet name="{re.escape(hoja)}"[^>]*r:id="(rId\d+)"', libro).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    return "xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)


def cambiar_hoja(ruta: Path, hoja: str, cambiar: Callable[[bytes], bytes]) -> None:
    """Reescribe el XML de una hoja; el resto del libro (y la fecha del archivo) queda igual."""
    estado = ruta.stat()
    with zipfile.ZipFile(ruta) as z:
        parte = parte_de_hoja(z, hoja)
        miembros = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for info, datos in miembros:
            z.writestr(info, cambiar(datos) if info.filename == parte else datos)
    os.utime(ruta, (estado.st_atime, estado.st_mtime))


def celda_lejana(ref: str, texto: str = "nota perdida") -> Callable[[bytes], bytes]:
    fila = re.sub(r"\D", "", ref)
    return lambda xml: xml.replace(b"</sheetData>", f'<row r="{fila}"><c r="{ref}" t="inlineStr"><is><t>{texto}'
                                                    f"</t></is></c></row></sheetData>".encode())


def reemplazar_celda(ref: str, xml_celda: str) -> Callable[[bytes], bytes]:
    patron = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    return lambda xml: patron.sub(xml_celda.encode(), xml, count=1)


def guardar(libro: openpyxl.Workbook, ruta: Path) -> None:
    """Guarda con openpyxl conservando la fecha del archivo (la del envío)."""
    estado = ruta.stat()
    libro.save(ruta)
    os.utime(ruta, (estado.st_atime, estado.st_mtime))


def documento(ruta: Path) -> Documento:
    documentos, obs = recibir_archivo(ruta, 10 << 20)
    assert len(documentos) == 1, obs
    return documentos[0]


def referencia(ruta: Path, nombre: str) -> tuple[str, str]:
    """(hoja, celda) de un nombre definido, leídos con openpyxl (no con el código que se prueba)."""
    texto = openpyxl.load_workbook(ruta).defined_names[nombre].attr_text
    hoja, celda = texto.rsplit("!", 1)
    return hoja.strip("'"), celda.replace("$", "")


# --- una celda lejana ------------------------------------------------------------------------------


def test_celda_en_xfd1048576_no_mata_el_proceso(config, rutas, escribir_envio):
    """De punta a punta, como lo ejecuta la coordinación: la celda lejana es una advertencia, las 14
    gerencias se consolidan y el programa termina con 0. Sin la lectura acotada, calamine pide 512 GB
    y el proceso muere con SIGABRT (código 134)."""
    for g in config.gerencias:
        escribir_envio(g.codigo)
    cambiar_hoja(rutas.entradas_fichas / "fichas_GRE.xlsx", "Ficha 2", celda_lejana("XFD1048576"))
    cambiar_hoja(rutas.entradas_fichas / "fichas_GRDS.xlsx", "Reunión", celda_lejana("Z1048576"))
    r = subprocess.run([sys.executable, str(RAIZ / "procesar.py"), "--carpeta", str(rutas.raiz), "consolidar"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Fichas: 70 recibidas de 70; 70 válidas" in r.stdout
    assert "Observaciones: 0 errores, 2 advertencias" in r.stdout
    libro = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado))
    obs = libro.get_sheet_by_name("Observaciones").to_python()
    cols = [obs[0].index(c) for c in ("Archivo", "Hoja", "Celda", "Código")]
    assert sorted(tuple(f[i] for i in cols) for f in obs[1:]) == [
        ("fichas_GRDS.xlsx", "Reunión", "Z1048576", "contenido_fuera_del_area"),
        ("fichas_GRE.xlsx", "Ficha 2", "XFD1048576", "contenido_fuera_del_area"),
    ]
    for escrito in rutas.observaciones.glob("*.xlsx"):
        python_calamine.CalamineWorkbook.from_path(str(escrito)).get_sheet_by_name("Observaciones")


@pytest.mark.parametrize("ref", ["XFD1048576", "Z1048576", "AA1", "A301"])
def test_celda_lejana_es_una_advertencia_y_la_ficha_se_lee(config, rutas, escribir_envio, ref):
    ruta = escribir_envio("GRE")
    cambiar_hoja(ruta, "Ficha 1", celda_lejana(ref))
    inicio = time.perf_counter()
    envio = leer_envio(documento(ruta), config)
    segundos = time.perf_counter() - inicio
    assert aplanar(envio.observaciones, "archivo", "hoja", "celda", "codigo") == [
        ("fichas_GRE.xlsx", "Ficha 1", ref, Codigo.CONTENIDO_LEJANO)]
    assert "fuera del área que se lee (hasta Z300)" in envio.observaciones[0].mensaje
    assert envio.observaciones[0].es_error is False
    assert [f.numero for f in envio.fichas] == [1, 2, 3, 4, 5]
    assert envio.fichas[0].celdas["nombre_actividad"].valor  # la ficha de la hoja con basura se leyó
    assert segundos < 0.5  # Z1048576 sin acotar cuesta ~1 GB y segundos


def test_el_borde_del_area_se_lee_entero(config, rutas, escribir_envio):
    """Z300 es la última celda del presupuesto de las fichas: se lee y no se advierte."""
    ruta = escribir_envio("GRE")
    cambiar_hoja(ruta, "Ficha 1", celda_lejana("Z300", "en el borde"))
    libro = abrir_libro(documento(ruta), AREA_FICHAS)
    assert libro.filas("Ficha 1")[299][25] == "en el borde"
    assert libro.observaciones() == []


def test_mucha_basura_fuera_del_area_cuenta_las_celdas(tmp_path):
    """Cien filas con algo en la columna AAA: un solo aviso con la primera celda y cuántas más."""
    ruta = tmp_path / "basura.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    hoja = libro.add_worksheet("Datos")
    hoja.write_string(0, 0, "cabecera")
    for f in range(100):
        hoja.write_string(f, 702, f"basura {f}")
    libro.close()
    leido = abrir_libro(documento(ruta), Area(filas=50, columnas=10))
    assert leido.filas("Datos") == [["cabecera"]]
    assert aplanar(leido.observaciones(), "hoja", "celda", "codigo") == [("Datos", "AAA1", Codigo.CONTENIDO_LEJANO)]
    assert "y en 99 celda(s) más" in leido.observaciones()[0].mensaje


def test_hoja_normal_va_directo_y_el_recorrido_lento_dice_lo_mismo(config, rutas, escribir_envio):
    """La búsqueda rápida deja pasar la plantilla sin recorrerla; el recorrido completo, sobre el mismo
    XML, no encuentra nada que cortar ni ninguna celda especial (las dos vías coinciden)."""
    ruta = escribir_envio("GRE")
    with zipfile.ZipFile(ruta) as z:
        for hoja in ("Instrucciones", "Ficha 1", "Reunión", "Control"):
            xml = z.read(parte_de_hoja(z, hoja))
            medida, recortado = medir_hoja_xlsx(xml, AREA_FICHAS)
            assert (medida.especiales, medida.lejanas, recortado) == ({}, 0, None)
            lento = _RecorridoXlsx(xml, AREA_FICHAS)
            lento.recorrer()
            assert (lento.medida.especiales, lento.medida.lejanas, lento.ediciones) == ({}, 0, [])


def _ods(tmp_path: Path, filas_xml: str) -> Documento:
    """Un .ods mínimo con la hoja «Datos» (las filas dadas) y un rango con nombre «dato» en B2."""
    contenido = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Datos">'
        f"{filas_xml}</table:table><table:named-expressions><table:named-range table:name=\"dato\" "
        "table:base-cell-address=\"$Datos.$B$2\" table:cell-range-address=\"$Datos.$B$2\"/>"
        "</table:named-expressions></office:spreadsheet></office:body></office:document-content>")
    ruta = tmp_path / "libro.ods"
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", contenido)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return documento(ruta)


def _texto(t: str, repetir: int = 1) -> str:
    extra = f' table:number-columns-repeated="{repetir}"' if repetir > 1 else ""
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{t}</text:p></table:table-cell>'


VACIAS = '<table:table-cell table:number-columns-repeated="16382"/>'


def test_ods_con_celda_y_filas_repetidas_lejos(tmp_path):
    """Así guarda LibreOffice una celda en XFD1048576 (filas vacías repetidas de por medio); además una
    fila con valor repetida un millón de veces y una celda repetida hasta la última columna: calamine
    las cargaría al abrir el libro. Se acortan al área y se avisa la primera celda de fuera."""
    filas = ("<table:table-row>" + _texto("a") + _texto("b") + VACIAS + "</table:table-row>"
             "<table:table-row>" + _texto("c") + _texto("dato") + _texto("x", 16000) + "</table:table-row>"
             '<table:table-row table:number-rows-repeated="1000000">' + _texto("r") + "</table:table-row>"
             '<table:table-row table:number-rows-repeated="48573"><table:table-cell '
             'table:number-columns-repeated="16384"/></table:table-row>'
             '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
             + _texto("lejos") + "</table:table-row>")
    leido = abrir_libro(_ods(tmp_path, filas), Area(filas=6, columnas=4))
    assert leido.filas("Datos") == [["a", "b", "", ""], ["c", "dato", "x", "x"]] + [["r", "", "", ""]] * 4
    assert leido.valor_de("dato")[0] == "dato"
    o = leido.observaciones()
    assert aplanar(o, "hoja", "celda", "codigo") == [("Datos", "E2", Codigo.CONTENIDO_LEJANO)]
    assert f"y en {15998 + 999996 + 1 - 1:,} celda(s) más" in o[0].mensaje


def test_ods_con_errores_y_formulas(tmp_path):
    filas = ("<table:table-row><table:table-cell/>"
             '<table:table-cell table:formula="of:=[.C15]/0" office:value-type="string" office:string-value="" '
             'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
             '<table:table-cell table:formula="of:=1000*2" office:value-type="float" office:value="2000">'
             "<text:p>2000</text:p></table:table-cell>"
             '<table:table-cell table:formula="of:=A1"/></table:table-row>')
    leido = abrir_libro(_ods(tmp_path, filas))
    assert leido.filas("Datos") == [["", ErrorDeCelda("#DIV/0!"), 2000.0, FormulaSinValor("A1")]]
    assert leido.formula("Datos", 0, 2) == "1000*2"
    assert leido.formula("Datos", 0, 1) is None


def test_xml_con_dtd_se_rechaza(tmp_path):
    """Un «billion laughs» dentro de una hoja no llega a expandirse."""
    bomba = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
             '<table:table-row><table:table-cell office:value-type="string"><text:p>&b;</text:p>'
             "</table:table-cell></table:table-row>")
    doc = _ods(tmp_path, "")
    with zipfile.ZipFile(io.BytesIO(doc.datos)) as z:
        contenido = z.read("content.xml").decode()
    contenido = contenido.replace("<office:document-content", bomba.split("]>")[0] + "]><office:document-content")
    hostil = tmp_path / "dtd.ods"
    with zipfile.ZipFile(hostil, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", contenido)
    with pytest.raises(ErrorLibro, match="no permitido"):
        abrir_libro(documento(hostil))


# --- celdas dichas como son --------------------------------------------------------------------------


def test_formulas_sin_valor_y_errores_de_openpyxl(config, rutas, escribir_envio):
    """openpyxl guarda las fórmulas sin resultado y escribe errores como celdas de tipo error; calamine
    da '' para todas. La ficha las dice como son, en vez de «está vacío y es obligatorio»."""
    ruta = escribir_envio("GRE")
    celdas = {clave: referencia(ruta, E.nombre_ficha(1, clave))
              for clave in ("presupuesto_anio_actual", "presupuesto_anio_siguiente", "poblacion_numero", "meta_fisica_anio_actual",
                            "meta_fisica_anio_siguiente", "indicador", "ambito")}
    libro = openpyxl.load_workbook(ruta)
    hoja = libro["Ficha 1"]
    hoja[celdas["presupuesto_anio_actual"][1]] = "=1000*2"
    hoja[celdas["presupuesto_anio_siguiente"][1]] = "#DIV/0!"
    hoja[celdas["poblacion_numero"][1]] = "#REF!"
    hoja[celdas["meta_fisica_anio_actual"][1]] = "#NAME?"
    hoja[celdas["meta_fisica_anio_siguiente"][1]] = "#N/A"
    hoja[celdas["indicador"][1]] = "#VALUE!"
    hoja[celdas["ambito"][1]] = '=IF(1,"Regional")'
    guardar(libro, ruta)

    resultado = procesar_envios(config, rutas)
    obs = [o for o in resultado.observaciones if o.archivo == "fichas_GRE.xlsx"]
    assert sorted(aplanar(obs, "hoja", "celda", "campo", "codigo", "valor")) == sorted([
        ("Ficha 1", celdas["presupuesto_anio_actual"][1], "presupuesto_anio_actual", Codigo.FORMULA_SIN_VALOR, "=1000*2"),
        ("Ficha 1", celdas["presupuesto_anio_siguiente"][1], "presupuesto_anio_siguiente", Codigo.CELDA_CON_ERROR, "#DIV/0!"),
        ("Ficha 1", celdas["poblacion_numero"][1], "poblacion_numero", Codigo.CELDA_CON_ERROR, "#REF!"),
        ("Ficha 1", celdas["meta_fisica_anio_actual"][1], "meta_fisica_anio_actual", Codigo.CELDA_CON_ERROR, "#NAME?"),
        ("Ficha 1", celdas["meta_fisica_anio_siguiente"][1], "meta_fisica_anio_siguiente", Codigo.CELDA_CON_ERROR, "#N/A"),
        ("Ficha 1", celdas["indicador"][1], "indicador", Codigo.CELDA_CON_ERROR, "#VALUE!"),
        ("Ficha 1", celdas["ambito"][1], "ambito", Codigo.FORMULA_SIN_VALOR, '=IF(1,"Regional")'),
    ])
    assert all(o.es_error for o in obs)
    assert not any(o.codigo is Codigo.CAMPO_OBLIGATORIO for o in obs)
    div = next(o for o in obs if o.valor == "#DIV/0!")
    assert div.mensaje == "«Presupuesto de la actividad 2017 (S/)»: la celda muestra el error #DIV/0!: escriba el valor."
    formula = next(o for o in obs if o.valor == "=1000*2")
    assert "la celda tiene una fórmula sin valor calculado: escriba el número" in formula.mensaje
    # las otras cuatro fichas siguen válidas
    assert sum(f.estado.es_valida for f in resultado.fichas if f.codigo_gerencia == "GRE") == 4


def test_formula_con_resultado_guardado_se_acepta_con_advertencia(config, rutas, escribir_envio):
    ruta = escribir_envio("GRE")
    hoja, celda = referencia(ruta, E.nombre_ficha(2, "presupuesto_anio_actual"))
    cambiar_hoja(ruta, hoja, reemplazar_celda(celda, f'<c r="{celda}"><f>1000*2</f><v>2000</v></c>'))
    resultado = procesar_envios(config, rutas)
    obs = [o for o in resultado.observaciones if o.archivo == "fichas_GRE.xlsx"]
    assert aplanar(obs, "hoja", "celda", "campo", "codigo") == [
        ("Ficha 2", celda, "presupuesto_anio_actual", Codigo.FORMULA_CALCULADA)]
    assert "«=1000*2»" in obs[0].mensaje and "2,000.00" in obs[0].mensaje
    assert next(f for f in resultado.fichas if f.codigo == "GRE-2").valores["presupuesto_anio_actual"] == 2000.0


def test_caracteres_de_control_se_limpian_al_leer(config, rutas, escribir_envio):
    """Un salto de línea pegado desde Word queda como `_x000B_` en Excel y calamine lo devuelve como
    el carácter 11, que XML 1.0 prohíbe: al leer pasa a ser un salto de línea, con una advertencia."""
    ruta = escribir_envio("GRE", {"ficha3_descripcion": "Primera parte\x0bsegunda parte",
                                  "reunion_lugar": "Sala\x01 de reuniones"})
    with zipfile.ZipFile(ruta) as z:
        assert b"_x000B_" in z.read("xl/sharedStrings.xml")
    resultado = procesar_envios(config, rutas)
    obs = [o for o in resultado.observaciones if o.archivo == "fichas_GRE.xlsx"]
    assert sorted(aplanar(obs, "hoja", "campo", "codigo")) == [
        ("Ficha 3", "descripcion", Codigo.TEXTO_CON_CONTROL), ("Reunión", "reunion_lugar", Codigo.TEXTO_CON_CONTROL)]
    assert next(f for f in resultado.fichas if f.codigo == "GRE-3").valores["descripcion"] == \
        "Primera parte\nsegunda parte"
    assert resultado.reuniones["GRE"].valores["reunion_lugar"] == "Sala de reuniones"


# --- nada se pierde en silencio -----------------------------------------------------------------------


def test_hoja_copiada_se_nombra(config, rutas, escribir_envio):
    ruta = escribir_envio("GRE")
    libro = openpyxl.load_workbook(ruta)
    libro.copy_worksheet(libro["Ficha 5"]).title = "Ficha 5 (2)"
    libro.create_sheet("Notas")
    guardar(libro, ruta)
    envio = leer_envio(documento(ruta), config)
    assert aplanar(envio.observaciones, "hoja", "codigo") == [("Ficha 5 (2)", Codigo.HOJA_AJENA)]
    assert "«Ficha 1», «Ficha 2», «Ficha 3», «Ficha 4» y «Ficha 5»" in envio.observaciones[0].mensaje
    assert len(envio.fichas) == 5 and not envio.fichas[4].vacia


def test_nombre_redirigido_a_otra_hoja_o_a_un_rango_enorme(config, rutas, escribir_envio):
    ruta = escribir_envio("GRE")
    libro = openpyxl.load_workbook(ruta)
    libro.defined_names["ficha2_descripcion"].attr_text = "'Ficha 3'!$C$7"
    libro.defined_names["ficha4_indicador"].attr_text = "'Ficha 4'!$C$1:$C$1048576"
    libro.defined_names["reunion_lugar"].attr_text = "'Reunión'!$C$5000"
    guardar(libro, ruta)
    resultado = procesar_envios(config, rutas)
    obs = [o for o in resultado.observaciones if o.archivo == "fichas_GRE.xlsx"]
    assert sorted(aplanar(obs, "hoja", "celda", "campo", "ficha", "codigo")) == [
        ("Ficha 3", "C7", "descripcion", "GRE-2", Codigo.NOMBRE_REDIRIGIDO),
        ("Ficha 4", "C1", "indicador", "GRE-4", Codigo.NOMBRE_REDIRIGIDO),
        ("Reunión", "C5000", "reunion_lugar", "", Codigo.NOMBRE_REDIRIGIDO),
    ]
    descripcion = next(o for o in obs if o.campo == "descripcion")
    assert descripcion.mensaje.startswith("El nombre «ficha2_descripcion» de la plantilla apunta a «'Ficha 3'!$C$7» "
                                     "y debe apuntar a una sola celda de la hoja «Ficha 2»")
    lejos = next(o for o in obs if o.campo == "reunion_lugar")  # la hoja está bien; la celda, fuera del área
    assert "debe apuntar a una sola celda de la hoja «Reunión» dentro de A1:Z300, la zona que se lee" in lejos.mensaje
    assert "la zona que se lee" not in descripcion.mensaje
    assert all(o.es_error for o in obs)


def test_hoja_renombrada_es_una_sola_observacion(config, rutas, escribir_envio):
    ruta = escribir_envio("GRE")
    libro = openpyxl.load_workbook(ruta)
    libro["Ficha 2"].title = "Agua potable"
    for n in libro.defined_names:
        libro.defined_names[n].attr_text = libro.defined_names[n].attr_text.replace("'Ficha 2'", "'Agua potable'")
    guardar(libro, ruta)
    envio = leer_envio(documento(ruta), config)
    assert aplanar(envio.observaciones, "hoja", "ficha", "codigo") == [("Agua potable", "GRE-2", Codigo.NOMBRE_REDIRIGIDO)]
    assert "ficha2_… (todos los campos)" in envio.observaciones[0].mensaje


def test_busqueda_de_cabecera_acotada(tmp_path):
    """La búsqueda mira solo hojas visibles y sus primeras filas; el nombre definido va primero, aunque
    apunte a una hoja oculta."""
    ruta = tmp_path / "tabla.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    visible = libro.add_worksheet("Visible")  # la primera hoja no se puede ocultar
    visible.write_row(80, 0, ["codigo", "seleccionada", "motivo"])
    oculta = libro.add_worksheet("Oculta")
    oculta.write_row(3, 1, ["CODIGO", "Seleccionada", " Motivo "])
    oculta.hide()
    libro.define_name("cabecera", "='Oculta'!$B$4")
    libro.close()
    leido = abrir_libro(documento(ruta))
    assert leido.buscar_cabecera("no_existe", ["codigo", "motivo"]) is None
    assert leido.buscar_cabecera("no_existe", ["codigo", "motivo"], filas_max=100)[:2] == ("Visible", 80)
    assert "Oculta" not in leido._hojas  # la hoja oculta nunca se cargó
    assert leido.buscar_cabecera("cabecera", ["codigo", "motivo"]) == (
        "Oculta", 3, {"": 0, "codigo": 1, "seleccionada": 2, "motivo": 3})


def test_documento_en_memoria_no_se_modifica(config, rutas, escribir_envio):
    """La copia recortada vive en memoria: el archivo recibido queda byte por byte igual."""
    ruta = escribir_envio("GRE")
    cambiar_hoja(ruta, "Ficha 1", celda_lejana("XFD1048576"))
    antes = ruta.read_bytes()
    doc = documento(ruta)
    leer_envio(doc, config)
    assert ruta.read_bytes() == antes == doc.datos


def test_area_del_lector_limita_las_filas(tmp_path):
    ruta = tmp_path / "largo.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    hoja = libro.add_worksheet("Datos")
    for f in range(40):
        hoja.write_number(f, 0, f)
    libro.close()
    leido = abrir_libro(documento(ruta), Area(filas=10, columnas=5))
    assert [f[0] for f in leido.filas("Datos")] == list(range(10))
    assert aplanar(leido.observaciones(), "celda") == [("A11",)]


@pytest.mark.parametrize(("datos", "primera", "lejanas"), [
    # celdas sin `r`: van a continuación de la anterior, como las pone calamine
    (b'<row r="1048576"><c><v>2</v></c><c><v>3</v></c></row>', (1048575, 0), 2),
    # una referencia lejana dentro de una fila cercana, y la celda sin `r` que le sigue
    (b'<row r="2"><c r="XFD5"><v>4</v></c><c><v>5</v></c></row>', (4, 16383), 2),
    # celdas sueltas, fuera de toda fila (calamine también las lee)
    (b'<c r="XFD1048576"><v>1</v></c>', (1048575, 16383), 1),
    # una fórmula sin valor lejos: no agranda la hoja, pero se avisa
    (b'<row r="900"><c r="A900"><f>1+1</f></c></row>', (899, 0), 1),
])
def test_medicion_sigue_las_posiciones_de_calamine(tmp_path, datos, primera, lejanas):
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           + datos + b'<row r="1"><c r="A1" t="inlineStr"><is><t>dentro</t></is></c></row></sheetData></worksheet>')
    medida, recortado = medir_hoja_xlsx(xml, AREA_FICHAS)
    assert (medida.primera_lejana, medida.lejanas) == (primera, lejanas)
    assert b"<v>" not in (recortado or xml)  # lo que tenía valor fuera del área ya no está
    # de punta a punta: calamine lee la copia recortada y no pide más que el área
    ruta = tmp_path / "suelta.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    libro.add_worksheet("H")
    libro.close()
    cambiar_hoja(ruta, "H", lambda _: xml)
    leido = abrir_libro(documento(ruta), AREA_FICHAS)
    assert leido.filas("H") == [["dentro"]]
    assert aplanar(leido.observaciones(), "hoja", "codigo") == [("H", Codigo.CONTENIDO_LEJANO)]


def test_millones_de_celdas_vacias_se_miden_sin_recorrerlas(monkeypatch):
    """Un rango con bordes hasta la fila 10 000 y miles de `<c/>` (celdas vacías que se cierran solas):
    calamine no las cuenta, así que la medición rápida no las mira una por una ni guarda nada por celda.
    Antes, una hoja así (0,6 MB comprimida) pedía más de 1 GB solo para medirse."""
    import tracemalloc

    def sin_recorrido(*_):
        raise AssertionError("no hacía falta el recorrido celda por celda")

    monkeypatch.setattr("gobierno_abierto.entrada.medicion._RecorridoXlsx", sin_recorrido)
    filas = b"".join(b'<row r="%d"><c r="A%d" s="1"/><c r="Z%d" s="1"/>' % (f, f, f) + b"<c/>" * 50 + b"</row>"
                     for f in range(301, 10_301))
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="1"><c r="A1" t="inlineStr"><is><t>dentro</t></is></c></row>' + filas + b"</sheetData></worksheet>")
    tracemalloc.start()
    medida, recortado = medir_hoja_xlsx(xml, AREA_FICHAS)
    pico = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (medida.lejanas, medida.especiales, recortado) == (0, {}, None)
    assert pico < len(xml) // 20, pico  # nada por celda: la hoja tiene medio millón
    # una sola celda con valor lejos sí se mide (y se recorta)
    monkeypatch.undo()
    lejos = xml[:xml.index(b'<row r="401">')] + b'<row r="401"><c r="Z401"><v>7</v></c></row></sheetData></worksheet>'
    medida, recortado = medir_hoja_xlsx(lejos, AREA_FICHAS)
    assert medida.primera_lejana == (400, 25) and recortado is not None and b"<v>7</v>" not in recortado


def test_dos_hojas_con_el_mismo_nombre_es_un_libro_danado(tmp_path):
    """Excel no permite dos hojas con el mismo nombre; un libro armado a mano que las trae podría hacer
    que se mida una hoja y calamine cargue otra (una lejana y enorme): se rechaza antes."""
    ruta = tmp_path / "doble.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    libro.add_worksheet("Ficha 1").write(0, 0, "a")
    libro.add_worksheet("Otra").write(0, 0, "b")
    libro.close()
    partes = {i.filename: zipfile.ZipFile(ruta).read(i) for i in zipfile.ZipFile(ruta).infolist()}
    partes["xl/workbook.xml"] = partes["xl/workbook.xml"].replace(b'name="Otra"', b'name="Ficha 1"')
    with zipfile.ZipFile(ruta, "w") as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
    with pytest.raises(ErrorLibro, match="dos hojas llamadas «Ficha 1»"):
        abrir_libro(documento(ruta))
