"""El esquema: claves sin año (el año va en la etiqueta), códigos de ficha y claves anteriores."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter

from gobierno_abierto.demo import datos as D
from gobierno_abierto.etapa2.consolidado import leer_consolidado
from gobierno_abierto.etapa2.instrumento import escribir_plantilla
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    Configuracion,
    cargar_configuracion,
)
from gobierno_abierto.nucleo.modelo import Ficha
from gobierno_abierto.salida.resumen import ErrorUso
from gobierno_abierto.salida.rutas import Rutas
from gobierno_abierto.salida.word import filas_ficha


def config_de_anio(tmp_path: Path, anio: int) -> Configuracion:
    """La configuración del proyecto con otros años en [proceso] (lo único que cambia un ciclo)."""
    texto = RUTA_PREDETERMINADA.read_text(encoding="utf-8")
    assert "anio_actual = 2016\nanio_siguiente = 2017\n" in texto
    texto = texto.replace("anio_actual = 2016\nanio_siguiente = 2017\n",
                          f"anio_actual = {anio}\nanio_siguiente = {anio + 1}\n")
    ruta = tmp_path / f"configuracion_{anio}.toml"
    ruta.write_text(texto, encoding="utf-8")
    return cargar_configuracion(ruta)


def test_en_2018_las_claves_son_las_mismas_y_las_etiquetas_dicen_2018_y_2019(config, tmp_path):
    config_2018 = config_de_anio(tmp_path, 2018)
    campos_2016 = {c.clave: c for c in E.campos_ficha(config)}
    campos_2018 = {c.clave: c for c in E.campos_ficha(config_2018)}
    assert list(campos_2018) == list(campos_2016)
    etiquetas = {clave: campos_2018[clave].etiqueta for clave in (*E.CAMPOS_PRESUPUESTO, *E.CAMPOS_META)}
    assert etiquetas == {
        E.PRESUPUESTO_ANIO_ACTUAL: "Presupuesto de la actividad 2018 (S/)",
        E.PRESUPUESTO_ANIO_SIGUIENTE: "Presupuesto de la actividad 2019 (S/)",
        E.META_FISICA_ANIO_ACTUAL: "Meta física 2018",
        E.META_FISICA_ANIO_SIGUIENTE: "Meta física 2019",
    }
    assert campos_2016[E.PRESUPUESTO_ANIO_ACTUAL].etiqueta == "Presupuesto de la actividad 2016 (S/)"
    assert not any(ch.isdigit() for clave in campos_2018 for ch in clave)


def test_ciclo_2018_de_la_plantilla_al_consolidado(tmp_path):
    """Una plantilla de 2018 tiene los mismos nombres definidos, rotulados 2018/2019, y el
    consolidado pone los montos bajo «… 2018 (S/)» y los devuelve en las mismas claves."""
    config = config_de_anio(tmp_path, 2018)
    rutas = Rutas(tmp_path / "proyecto")
    rutas.crear()
    gerencia = config.gerencia("GRE")
    assert gerencia is not None
    valores = D.libro_lleno(config, gerencia, random.Random(3))
    valores[E.nombre_ficha(1, E.PRESUPUESTO_ANIO_ACTUAL)] = 111111.0
    valores[E.nombre_ficha(1, E.PRESUPUESTO_ANIO_SIGUIENTE)] = 222222.0
    ruta = rutas.entradas_fichas / "fichas_GRE.xlsx"
    escribir_plantilla(config, gerencia, ruta, valores)

    with zipfile.ZipFile(ruta) as z:
        libro = z.read("xl/workbook.xml").decode("utf-8")
    assert 'name="ficha1_presupuesto_anio_actual"' in libro
    hoja = python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Ficha 1").to_python(
        skip_empty_area=False)
    fila = next(f for f in hoja if f[2] == 111111.0)
    assert fila[1] == "Presupuesto de la actividad 2018 (S/) *"

    consolidar(config, rutas)
    fichas = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name(
        "Fichas").to_python()
    gre1 = next(f for f in fichas if f[0] == "GRE-1")
    assert gre1[fichas[0].index("Presupuesto de la actividad 2018 (S/)")] == 111111.0
    assert gre1[fichas[0].index("Presupuesto de la actividad 2019 (S/)")] == 222222.0
    assert not any("2016" in str(t) or "2017" in str(t) for t in fichas[0])
    ficha = leer_consolidado(rutas.consolidado, config).ficha("GRE-1")
    assert ficha is not None
    assert (ficha[E.PRESUPUESTO_ANIO_ACTUAL], ficha[E.PRESUPUESTO_ANIO_SIGUIENTE]) == (111111.0, 222222.0)

    # El mismo consolidado leído con la configuración de 2016: no hay columnas «… 2016 (S/)»;
    # se rechaza con un mensaje que dice qué hacer, en vez de leer los montos vacíos.
    with pytest.raises(ErrorUso) as error:
        leer_consolidado(rutas.consolidado, cargar_configuracion())
    mensaje = str(error.value)
    assert "«Presupuesto de la actividad 2016 (S/)»" in mensaje
    assert "«Meta física 2017»" in mensaje
    assert "python procesar.py consolidar" in mensaje


def test_un_libro_sin_hoja_fichas_no_es_un_consolidado(config, tmp_path):
    ruta = tmp_path / "otro.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    libro.add_worksheet("Datos").write(0, 0, "hola")
    libro.close()
    with pytest.raises(ErrorUso, match="no tiene la hoja «Fichas»: no es un consolidado"):
        leer_consolidado(ruta, config)


@pytest.mark.parametrize(
    ("codigo", "partes"),
    [
        ("GRE-3", ("GRE", 3)),
        ("GRE-12", ("GRE", 12)),
        (" GERESA-1 ", ("GERESA", 1)),
        ("GR-AMB-2", ("GR-AMB", 2)),
        ("GRE", None),
        ("GRE-", None),
        ("-3", None),
        ("GRE-x", None),
        ("GRE-²", None),
        ("", None),
    ],
)
def test_partir_codigo_ficha(codigo, partes):
    assert E.partir_codigo_ficha(codigo) == partes
    if partes:
        assert E.codigo_ficha(*partes) == codigo.strip()


def test_las_claves_anteriores_llevan_a_campos_vigentes(config):
    claves = {c.clave for c in E.campos_ficha(config)}
    assert set(E.CLAVES_ANTERIORES.values()) <= claves
    assert not set(E.CLAVES_ANTERIORES) & claves
    assert E.claves_anteriores(E.PRESUPUESTO_ANIO_ACTUAL) == ("presupuesto_2016",)
    assert E.claves_anteriores(E.META_FISICA_ANIO_SIGUIENTE) == ("meta_fisica_2017",)
    assert E.claves_anteriores(E.NOMBRE_ACTIVIDAD) == ()
    assert set(E.CAMPOS_PRESUPUESTO) | set(E.CAMPOS_META) <= claves


def test_las_metas_se_muestran_con_su_unidad(config):
    valores = {c.clave: None for c in E.campos_ficha(config)}
    valores.update({E.META_FISICA_UNIDAD: "talleres", E.META_FISICA_ANIO_ACTUAL: 12.0,
                    E.META_FISICA_ANIO_SIGUIENTE: 24.0, E.PRESUPUESTO_ANIO_ACTUAL: 5000.0})
    filas = {f["etiqueta"]: f["valor"] for f in filas_ficha(Ficha("GRE-1", "GRE", "GRE", 1, valores), config)}
    assert filas["Meta física 2016"] == "12 talleres"
    assert filas["Meta física 2017"] == "24 talleres"
    assert filas["Presupuesto de la actividad 2016 (S/)"] == "S/ 5,000.00"
    assert filas["Unidad de medida de la meta física"] == "talleres"
