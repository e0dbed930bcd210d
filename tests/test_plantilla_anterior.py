"""Libros de la plantilla 2016.1 (ya entregada a las gerencias) se siguen leyendo y consolidando.

El libro se escribe con el escritor congelado de `tests/plantilla_2016_1` (copia del de la
versión 2016.1), así que lleva los nombres definidos de entonces: `fichaN_presupuesto_2016`, …
"""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path
from typing import Any

import python_calamine

from gobierno_abierto.demo import datos as D
from gobierno_abierto.etapa2.consolidado import leer_consolidado
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.configuracion import Configuracion, Gerencia
from gobierno_abierto.nucleo.observaciones import Codigo
from tests.conftest import fecha_en_plazo
from tests.plantilla_2016_1 import esquema as E_2016_1
from tests.plantilla_2016_1.instrumento import escribir_plantilla as escribir_plantilla_2016_1


def _valores_2016_1(config: Configuracion, gerencia: Gerencia) -> dict[str, Any]:
    """Un libro lleno y válido, por nombres definidos de la 2016.1; cada número es distinto."""
    valores: dict[str, Any] = {}
    for n in range(1, config.fichas_por_gerencia + 1):
        for i, c in enumerate(E_2016_1.campos_ficha(config)):
            if c.es_numero:
                valor: Any = 1000 * n + i if c.tipo is E_2016_1.Tipo.ENTERO else 1000.0 * n + i + 0.5
            elif c.tipo is E_2016_1.Tipo.LISTA:
                valor = c.lista[n % len(c.lista)]
            elif c.tipo is E_2016_1.Tipo.SI_NO:
                valor = E_2016_1.SI if i % 2 else E_2016_1.NO
            else:
                valor = f"{c.etiqueta} de la ficha {n}"
            valores[E_2016_1.nombre_ficha(n, c.clave)] = valor
    valores.update(D.valores_reunion(config, gerencia, random.Random(1)))
    return valores


def _escribir_2016_1(config: Configuracion, carpeta: Path, codigo: str) -> tuple[Path, dict[str, Any]]:
    gerencia = config.gerencia(codigo)
    assert gerencia is not None
    valores = _valores_2016_1(config, gerencia)
    ruta = carpeta / f"fichas_{codigo}.xlsx"
    escribir_plantilla_2016_1(config, gerencia, ruta, valores)
    marca = fecha_en_plazo(config).timestamp()
    os.utime(ruta, (marca, marca))
    return ruta, valores


def test_el_escritor_congelado_escribe_la_plantilla_2016_1(config, tmp_path):
    """Que el libro de prueba sea de verdad el de 2016.1 (si no, la prueba siguiente no probaría nada)."""
    ruta, _ = _escribir_2016_1(config, tmp_path, "GRE")
    with zipfile.ZipFile(ruta) as z:
        libro = z.read("xl/workbook.xml").decode("utf-8")
    assert 'name="ficha1_presupuesto_2016"' in libro
    assert 'name="ficha5_meta_fisica_2017"' in libro
    assert "anio_actual" not in libro and "anio_siguiente" not in libro
    control = python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Control").to_python()
    assert control[1][:2] == ["plantilla_version", "2016.1"]


def test_libro_2016_1_se_consolida_con_sus_valores_en_las_claves_vigentes(config, rutas):
    _, escritos = _escribir_2016_1(config, rutas.entradas_fichas, "GRE")
    resumen = consolidar(config, rutas)
    consolidado = leer_consolidado(rutas.consolidado, config)

    obs = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name(
        "Observaciones").to_python()
    cabecera = obs[0]
    propias = [dict(zip(cabecera, f, strict=True)) for f in obs[1:] if f[0] == "GRE"]
    assert [(o["Código"], o["Valor escrito"], o["Severidad"]) for o in propias] == [
        (Codigo.PLANTILLA_ANTIGUA.value, "2016.1", "advertencia")]
    assert resumen.codigo_salida == 1  # por las gerencias que no enviaron, no por GRE

    # Campo por campo: el campo de 2016.1 y el vigente se corresponden por su etiqueta (la misma
    # con la misma configuración), sin pasar por la tabla de alias que se está probando.
    vigentes = {c.etiqueta: c.clave for c in E.campos_ficha(config)}
    antiguos = E_2016_1.campos_ficha(config)
    assert sorted(vigentes) == sorted(c.etiqueta for c in antiguos)
    fichas_sheet = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name(
        "Fichas").to_python()
    columna = {etiqueta: i for i, etiqueta in enumerate(fichas_sheet[0])}
    for n in range(1, config.fichas_por_gerencia + 1):
        ficha = consolidado.ficha(E.codigo_ficha("GRE", n))
        assert ficha is not None and ficha.estado.es_valida, n
        fila = next(f for f in fichas_sheet if f[0] == ficha.codigo)
        for c in antiguos:
            escrito = escritos[E_2016_1.nombre_ficha(n, c.clave)]
            assert fila[columna[c.etiqueta]] == escrito, (n, c.clave)
            assert ficha[vigentes[c.etiqueta]] == escrito, (n, c.clave)

    # Y con los nombres a la vista: lo que estaba en «ficha2_presupuesto_2017» es el presupuesto
    # del año siguiente de la ficha GRE-2.
    gre2 = consolidado.ficha("GRE-2")
    assert gre2 is not None
    assert gre2[E.PRESUPUESTO_ANIO_SIGUIENTE] == escritos["ficha2_presupuesto_2017"]
    assert gre2[E.META_FISICA_ANIO_ACTUAL] == escritos["ficha2_meta_fisica_2016"]
    assert gre2[E.PRESUPUESTO_ANIO_ACTUAL] != gre2[E.PRESUPUESTO_ANIO_SIGUIENTE]


def test_sin_los_nombres_vigentes_ni_los_anteriores_se_observa_la_celda_faltante(config, rutas):
    """La tabla de alias no tapa una celda de verdad borrada: el nombre que se pide es el vigente."""
    gerencia = config.gerencia("GRE")
    assert gerencia is not None
    valores = _valores_2016_1(config, gerencia)
    ruta = rutas.entradas_fichas / "fichas_GRE.xlsx"
    escribir_plantilla_2016_1(config, gerencia, ruta, valores)
    with zipfile.ZipFile(ruta) as z:
        partes = {n: z.read(n) for n in z.namelist()}
    partes["xl/workbook.xml"] = partes["xl/workbook.xml"].replace(
        b'name="ficha3_presupuesto_2016"', b'name="otra_cosa"')
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
    consolidar(config, rutas)
    obs = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name(
        "Observaciones").to_python()
    faltantes = [dict(zip(obs[0], f, strict=True)) for f in obs[1:]
                 if f[0] == "GRE" and f[-1] == Codigo.NOMBRE_FALTANTE.value]
    assert [(o["Ficha"], o["Hoja"]) for o in faltantes] == [("GRE-3", "Ficha 3")]
    assert E.nombre_ficha(3, E.PRESUPUESTO_ANIO_ACTUAL) in faltantes[0]["Qué corregir"]
