"""Hojas de puntaje: el contrato del libro, la lectura y cada error como observación."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import python_calamine
import xlsxwriter

from gobierno_abierto.entrada.archivos import recibir
from gobierno_abierto.entrada.libro import texto_cabecera
from gobierno_abierto.etapa3.hojas import nombre_archivo
from gobierno_abierto.etapa3.instrumento import escribir_hoja_puntaje
from gobierno_abierto.etapa3.lectura import HojaLeida, leer_hoja_puntaje
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.modelo import Ficha
from gobierno_abierto.nucleo.modelos_secciones import AjustesPriorizacion
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar
from gobierno_abierto.salida.libreoffice import convertir

# Grupo 1 pertenece a GRE (no puntúa sus fichas); GRAG es ajena.
FICHAS = ("GRE-1", "GRE-2", "GRAG-1", "GRAG-2", "GRAG-3")


def ficha(config, codigo: str) -> Ficha:
    gerencia, n = E.partir_codigo_ficha(codigo) or ("", 0)
    g = config.gerencia(gerencia)
    valores: dict[str, Any] = {c.clave: None for c in E.campos_ficha(config)}
    valores.update(nombre_actividad=f"Actividad {codigo}", descripcion=f"Descripción de {codigo} " * 5)
    return Ficha(codigo, gerencia, g.nombre if g else gerencia, n, valores)


@pytest.fixture
def ajustes(config) -> AjustesPriorizacion:
    return config.priorizacion


@pytest.fixture
def fichas(config) -> list[Ficha]:
    return [ficha(config, c) for c in FICHAS]


def notas_llenas(ajustes, codigos=("GRAG-1", "GRAG-2", "GRAG-3"), valor=4) -> dict[str, dict[str, Any]]:
    return {c: {k.clave: valor for k in ajustes.criterios} for c in codigos}


def leer(carpeta: Path, ajustes, fichas) -> HojaLeida:
    recepcion = recibir(carpeta, 10 * 1024 * 1024)
    assert len(recepcion.documentos) == 1, recepcion.observaciones
    return leer_hoja_puntaje(recepcion.documentos[0], ajustes, {f.codigo: f for f in fichas})


def escribir(config, ajustes, fichas, carpeta: Path, notas=None, grupo=0, nombre_grupo=None,
             fichas_hoja=None) -> Path:
    carpeta.mkdir(parents=True, exist_ok=True)
    g = ajustes.grupos[grupo]
    ruta = carpeta / nombre_archivo(g)
    escribir_hoja_puntaje(config, ajustes, g, fichas_hoja or fichas, ruta, notas, nombre_grupo)
    return ruta


def test_contrato_de_la_hoja(config, ajustes, fichas, tmp_path):
    ruta = escribir(config, ajustes, fichas, tmp_path)
    assert ruta.name == "puntajes_grupo_1.xlsx"
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta), load_tables=True)
    tabla = libro.get_table_by_name("puntajes")
    # cabeceras en castellano, que la lectura reconoce sin tildes ni mayúsculas (el contrato)
    assert tabla.columns == ["Código", "Gerencia", "Nombre de la actividad", "Descripción breve",
                             "Relevancia", "Especificidad", "Impacto", "Factibilidad", "Alineamiento"]
    assert [texto_cabecera(c) for c in tabla.columns[:1] + tabla.columns[4:]] == ["codigo", *ajustes.claves]
    filas = tabla.to_python()
    assert [f[0] for f in filas] == list(FICHAS)
    with zipfile.ZipFile(ruta) as z:
        libro_xml = z.read("xl/workbook.xml").decode()
    assert "<definedName name=\"grupo\">'Instrucciones'!$C$5</definedName>" in libro_xml
    assert libro.get_sheet_by_name("Instrucciones").to_python(skip_empty_area=False)[4][2] == "Grupo 1"
    assert libro.sheet_names == ["Instrucciones", "Puntajes", "Fichas", "Escala", "Control"]
    with zipfile.ZipFile(ruta) as z:
        hoja = z.read("xl/worksheets/sheet2.xml").decode()
    assert "<sheetProtection" in hoja  # todo bloqueado salvo las celdas de puntaje
    # lista desplegable de la escala solo en las filas que el grupo puede calificar (3 fichas × 5 criterios)
    assert hoja.count('<dataValidation type="list"') == 3 * len(ajustes.criterios)
    assert "<formula1>escala_relevancia</formula1>" in hoja
    # misma entrada, mismos bytes
    otra = escribir(config, ajustes, fichas, tmp_path / "otra")
    assert otra.read_bytes() == ruta.read_bytes()


def test_lectura_limpia_y_conflicto_de_interes(config, ajustes, fichas, tmp_path):
    notas = notas_llenas(ajustes)
    notas["GRAG-2"] = {k.clave: i + 1 for i, k in enumerate(ajustes.criterios)}
    escribir(config, ajustes, fichas, tmp_path, notas)
    leida = leer(tmp_path, ajustes, fichas)
    assert leida.observaciones == []
    assert leida.grupo is ajustes.grupos[0]
    assert sorted(leida.notas) == ["GRAG-1", "GRAG-2", "GRAG-3"]  # las de GRE no las puntúa
    assert leida.notas["GRAG-2"] == {k.clave: float(i + 1) for i, k in enumerate(ajustes.criterios)}


def test_notas_invalidas(config, ajustes, fichas, tmp_path):
    c = ajustes.claves
    notas = notas_llenas(ajustes)
    notas["GRAG-1"].update({c[0]: 6, c[1]: 0, c[2]: 2.5})
    notas["GRAG-2"].update({c[0]: "cuatro", c[3]: None})
    notas["GRAG-3"].update({c[4]: " 3 "})  # un número escrito como texto se acepta
    escribir(config, ajustes, fichas, tmp_path, notas)
    leida = leer(tmp_path, ajustes, fichas)
    # Puntajes: cabecera en la fila 6; GRAG-1 en la fila 9; criterios desde la columna E
    assert aplanar(leida.observaciones, "hoja", "celda", "ficha", "campo", "codigo") == [
        ("Puntajes", "E9", "GRAG-1", c[0], Codigo.PUNTAJE_FUERA_DE_ESCALA),
        ("Puntajes", "F9", "GRAG-1", c[1], Codigo.PUNTAJE_FUERA_DE_ESCALA),
        ("Puntajes", "G9", "GRAG-1", c[2], Codigo.PUNTAJE_FUERA_DE_ESCALA),
        ("Puntajes", "E10", "GRAG-2", c[0], Codigo.PUNTAJE_NO_NUMERO),
        ("Puntajes", "H10", "GRAG-2", c[3], Codigo.PUNTAJE_VACIO),
    ]
    assert sorted(leida.notas) == ["GRAG-3"]
    assert leida.notas["GRAG-3"][c[4]] == 3.0
    assert "fuera de la escala (1 a 5" in leida.observaciones[0].mensaje
    assert all(o.es_error for o in leida.observaciones)


def test_fichas_vacias_desconocidas_repetidas_y_faltantes(config, ajustes, fichas, tmp_path):
    extra = ficha(config, "GRAG-9")
    hoja = [*fichas[:3], fichas[3], extra, fichas[2]]  # falta GRAG-3, GRAG-1 repetida, GRAG-9 no existe
    notas = notas_llenas(ajustes, ("GRAG-1", "GRAG-9"))
    escribir(config, ajustes, fichas, tmp_path, notas, fichas_hoja=hoja)
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "celda", "ficha", "valor", "codigo") == [
        ("A10", "GRAG-2", "", Codigo.FICHA_SIN_PUNTAJE),
        ("A11", "", "GRAG-9", Codigo.FICHA_DESCONOCIDA),
        ("A12", "GRAG-1", "GRAG-1", Codigo.FICHA_REPETIDA_EN_HOJA),
        ("", "GRAG-3", "", Codigo.FICHA_SIN_PUNTAJE),
    ]
    assert sorted(leida.notas) == ["GRAG-1"]


def test_grupo_que_puntua_su_propia_gerencia(config, ajustes, fichas, tmp_path):
    # la hoja se generó sin la exclusión (celdas abiertas), pero la configuración la exige
    abierta = ajustes.model_copy(update={"excluir_propia_gerencia": False})
    escribir(config, abierta, fichas, tmp_path, notas_llenas(ajustes, FICHAS))
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "celda", "ficha", "codigo") == [
        ("A7", "GRE-1", Codigo.PUNTAJE_PROPIA_GERENCIA),
        ("A8", "GRE-2", Codigo.PUNTAJE_PROPIA_GERENCIA),
    ]
    assert sorted(leida.notas) == ["GRAG-1", "GRAG-2", "GRAG-3"]
    # sin la exclusión, las cinco cuentan
    assert sorted(leer(tmp_path, abierta, fichas).notas) == sorted(FICHAS)


@pytest.mark.parametrize(("nombre_grupo", "codigo"), [("", Codigo.GRUPO_FALTANTE),
                                                      ("Grupo 9", Codigo.GRUPO_DESCONOCIDO)])
def test_grupo_vacio_o_desconocido(config, ajustes, fichas, tmp_path, nombre_grupo, codigo):
    escribir(config, ajustes, fichas, tmp_path, notas_llenas(ajustes), nombre_grupo=nombre_grupo)
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "hoja", "celda", "codigo") == [("Instrucciones", "C5", codigo)]
    assert leida.grupo is None and leida.notas == {}


def test_grupo_con_otra_escritura_se_reconoce(config, ajustes, fichas, tmp_path):
    escribir(config, ajustes, fichas, tmp_path, notas_llenas(ajustes), nombre_grupo="  GRUPO   1 ")
    assert leer(tmp_path, ajustes, fichas).grupo is ajustes.grupos[0]


def test_libro_que_no_es_hoja_de_puntaje(config, ajustes, fichas, tmp_path):
    libro = xlsxwriter.Workbook(str(tmp_path / "otra_cosa.xlsx"))
    libro.add_worksheet("Hoja1").write_row(0, 0, ["nombre", "nota"])
    libro.close()
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "archivo", "codigo") == [("otra_cosa.xlsx", Codigo.NO_ES_HOJA_PUNTAJE)]


def test_columna_de_criterio_borrada(config, ajustes, fichas, tmp_path):
    libro = xlsxwriter.Workbook(str(tmp_path / "editada.xlsx"))
    hoja = libro.add_worksheet("Puntajes")
    hoja.write_string(0, 0, "Grupo 2")
    libro.define_name("grupo", "=Puntajes!$A$1")
    hoja.write_row(2, 0, ["codigo", *ajustes.claves[:-1]])
    hoja.write_row(3, 0, ["GRE-1", 4, 4, 4, 4])
    libro.close()
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "hoja", "celda", "campo", "codigo") == [
        ("Puntajes", "3:3", ajustes.claves[-1], Codigo.CRITERIO_FALTANTE)]
    assert leida.notas == {}


@pytest.mark.libreoffice
def test_ida_y_vuelta_por_libreoffice(config, ajustes, fichas, tmp_path, soffice):
    """Una hoja llena guardada en LibreOffice (.ods) y de vuelta a .xlsx se lee igual."""
    notas = notas_llenas(ajustes)
    notas["GRAG-2"] = {k.clave: i + 1 for i, k in enumerate(ajustes.criterios)}
    notas["GRAG-3"][ajustes.claves[0]] = 7  # el error también sobrevive con su celda
    original = escribir(config, ajustes, fichas, tmp_path / "original", notas)
    esperado = leer(tmp_path / "original", ajustes, fichas)
    ods = convertir([original], "ods", tmp_path / "ods")[0]
    leida_ods = leer(tmp_path / "ods", ajustes, fichas)
    xlsx = convertir([ods], "xlsx", tmp_path / "xlsx")[0]
    leida_xlsx = leer(tmp_path / "xlsx", ajustes, fichas)
    assert ods.suffix == ".ods" and xlsx.suffix == ".xlsx"
    for leida in (leida_ods, leida_xlsx):
        assert leida.grupo is ajustes.grupos[0]
        assert leida.notas == esperado.notas
        assert aplanar(leida.observaciones, "hoja", "celda", "codigo") == aplanar(
            esperado.observaciones, "hoja", "celda", "codigo") == [("Puntajes", "E11",
                                                                     Codigo.PUNTAJE_FUERA_DE_ESCALA)]


def test_notas_con_error_o_formula_se_dicen_como_son(config, ajustes, fichas, tmp_path):
    """Una nota que muestra #DIV/0! o una fórmula guardada sin resultado (openpyxl) se dicen como tales;
    una fórmula con resultado guardado cuenta, con una advertencia."""
    import re

    import openpyxl

    c = ajustes.claves
    ruta = escribir(config, ajustes, fichas, tmp_path, notas_llenas(ajustes))
    libro = openpyxl.load_workbook(ruta)
    libro["Puntajes"]["E9"] = "#DIV/0!"
    libro["Puntajes"]["F9"] = "=2+2"
    libro.save(ruta)
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(ruta, "w") as z:
        for info, datos in miembros:
            if info.filename == "xl/worksheets/sheet2.xml":
                datos = re.sub(rb'<c r="E10"[^>]*?(?:/>|>.*?</c>)', b'<c r="E10"><f>2+2</f><v>4</v></c>', datos,
                               flags=re.S)
            z.writestr(info, datos)
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "hoja", "celda", "ficha", "campo", "codigo", "valor") == [
        ("Puntajes", "E9", "GRAG-1", c[0], Codigo.CELDA_CON_ERROR, "#DIV/0!"),
        ("Puntajes", "F9", "GRAG-1", c[1], Codigo.FORMULA_SIN_VALOR, "=2+2"),
        ("Puntajes", "E10", "GRAG-2", c[0], Codigo.FORMULA_CALCULADA, "4"),
    ]
    assert leida.observaciones[0].mensaje.startswith(f"«{ajustes.criterios[0].nombre}, ficha GRAG-1»: la celda "
                                                     "muestra el error #DIV/0!: escriba el valor.")
    assert sorted(leida.notas) == ["GRAG-2", "GRAG-3"]  # GRAG-1 no cuenta; GRAG-2 sí, con la advertencia
    assert leida.notas["GRAG-2"][c[0]] == 4.0


def test_fila_lejana_en_la_hoja_de_puntaje(config, ajustes, fichas, tmp_path):
    """Una nota escrita mucho más abajo de la tabla no se lee, pero se dice dónde está."""
    ruta = escribir(config, ajustes, fichas, tmp_path, notas_llenas(ajustes))
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(ruta, "w") as z:
        for info, datos in miembros:
            if info.filename == "xl/worksheets/sheet2.xml":
                datos = datos.replace(b"</sheetData>", b'<row r="1048576"><c r="E1048576"><v>5</v></c></row>'
                                                       b"</sheetData>")
            z.writestr(info, datos)
    leida = leer(tmp_path, ajustes, fichas)
    assert aplanar(leida.observaciones, "hoja", "celda", "codigo") == [
        ("Puntajes", "E1048576", Codigo.CONTENIDO_LEJANO)]
    assert sorted(leida.notas) == ["GRAG-1", "GRAG-2", "GRAG-3"]
