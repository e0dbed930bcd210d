"""Etapa IV, perfilado: `salidas/plan_de_accion.xlsx` (compromisos e hitos como tablas de Excel, cronograma
de Gantt nativo, cambios frente a las fichas, cifras y observaciones) y el libro de observaciones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..etapa2.escritura import COLUMNAS_OBSERVACIONES
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import Tipo
from ..nucleo.observaciones import Observacion
from ..salida import excel, hoja_observaciones
from ..salida.hoja_observaciones import HOJA_OBSERVACIONES
from . import calculo as K
from . import esquema as P
from .ajustes import AjustesPerfilado
from .modelo import Cambio, Cifras, Compromiso

COLORES = ("#2E75B6", "#C55A11", "#548235", "#7030A0", "#BF9000", "#1F4E79", "#A9D18E", "#F4B183")


def _serial(d: date) -> int:
    """Número de serie de Excel de una fecha (para los límites del eje del cronograma)."""
    return (d - date(1899, 12, 30)).days


def _tabla(hoja: Worksheet, fmt: excel.Formatos, nombre: str, cabeceras: Sequence[str], filas: Sequence[Sequence[Any]],
           anchos: Sequence[int], formatos: Sequence[Any], fila0: int = 0) -> None:
    """Una tabla de Excel con nombre: cabecera con formato, valores con su tipo y formato por columna."""
    n = max(len(filas), 1)
    hoja.add_table(fila0, 0, fila0 + n, len(cabeceras) - 1, {
        "name": nombre, "style": "Table Style Light 9", "columns": [{"header": c} for c in cabeceras]})
    for c, (titulo, ancho) in enumerate(zip(cabeceras, anchos, strict=True)):
        hoja.set_column(c, c, ancho)
        hoja.write_string(fila0, c, titulo, fmt.cabecera)
    for f, fila in enumerate(filas, start=fila0 + 1):
        lineas = 1
        for c, valor in enumerate(fila):
            excel.escribir_valor(hoja, f, c, valor, formatos[c])
            if isinstance(valor, str):
                lineas = max(lineas, excel.lineas_de_texto(valor, anchos[c]))
        if lineas > 1:
            hoja.set_row(f, min(13 * lineas + 2, 300))
    hoja.set_row(fila0, 30)
    hoja.freeze_panes(fila0 + 1, 0)
    excel.preparar_impresion(hoja, fila_cabecera=fila0)


def escribir_plan(destino: Path, config: Configuracion, ajustes: AjustesPerfilado, compromisos: list[Compromiso],
                  cambios: dict[str, list[Cambio]], cifras: Cifras, observaciones: list[Observacion]) -> None:
    libro = excel.nuevo_libro(destino, f"Plan de Acción de Gobierno Abierto {ajustes.periodo}")
    fmt = excel.formatos(libro)
    _hoja_compromisos(libro, fmt, config, compromisos)
    _hoja_hitos(libro, fmt, compromisos)
    _hoja_cronograma(libro, fmt, ajustes, compromisos)
    h = libro.add_worksheet("Cambios")
    filas = [[x.codigo, c.nombre, x.etiqueta, x.antes, x.despues, x.tipo]
             for c in compromisos for x in cambios.get(c.codigo, [])]
    _tabla(h, fmt, "cambios", ["Código", "Compromiso", "Campo", "Ficha de la Etapa II", "Compromiso perfilado",
                               "Cambio"], filas, [10, 32, 26, 50, 50, 12], [fmt.texto_ajustado] * 6)
    h.conditional_format(1, 5, max(len(filas), 1), 5, {"type": "cell", "criteria": "!=", "value": '"Sin cambios"',
                                                       "format": fmt.advertencia})
    h = libro.add_worksheet("Cifras")
    excel.escribir_tabla(h, ["Paso", "Número"], [list(f) for f in cifras.filas()], [60, 10], fmt,
                         [fmt.texto_ajustado, fmt.entero])
    _observaciones(libro.add_worksheet(HOJA_OBSERVACIONES), fmt, observaciones, config)
    libro.close()


def _observaciones(hoja: Worksheet, fmt: excel.Formatos, observaciones: list[Observacion],
                   config: Configuracion) -> None:
    """Los campos por la etiqueta del libro de perfil (su «nombre» es el del compromiso, no el de una
    persona); los de la ficha de la Etapa II, por la suya. Las hojas ocultas no se nombran."""
    etiquetas = {**{c.clave: c.etiqueta for c in E.campos_ficha(config)},
                 **{c.clave: c.etiqueta for c in P.campos(config)}}
    hoja_observaciones.escribir_observaciones(hoja, fmt, observaciones, COLUMNAS_OBSERVACIONES, etiquetas,
                                              (P.CONTROL.hoja, P.HOJA_LISTAS))


def _hoja_compromisos(libro: Workbook, fmt: excel.Formatos, config: Configuracion,
                      compromisos: list[Compromiso]) -> None:
    campos = P.campos(config)
    formatos = {Tipo.FECHA: fmt.fecha, Tipo.SOLES: fmt.soles}
    cabeceras = ["N.º", "Código", "Institución responsable", *[c.etiqueta for c in campos], "Actores del Estado",
                 "Sociedad civil", "Otros actores", "N.º de hitos", "Archivo", "Fecha de recepción"]
    anchos = [6, 10, 30, *[c.ancho for c in campos], 30, 30, 30, 9, 28, 16]
    columnas = [fmt.entero, fmt.texto, fmt.texto_ajustado, *[formatos.get(c.tipo, fmt.texto_ajustado) for c in campos],
                fmt.texto_ajustado, fmt.texto_ajustado, fmt.texto_ajustado, fmt.entero, fmt.texto_ajustado,
                fmt.fecha_hora]
    filas = [[i, c.codigo, c.gerencia, *[c[x.clave] for x in campos], K.actores_de(c, "Estado"),
              K.actores_de(c, P.SOCIEDAD_CIVIL), K.actores_de(c, "Otro"), len(c.hitos), c.archivo,
              c.fecha_recepcion.replace(tzinfo=None) if c.fecha_recepcion else None]
             for i, c in enumerate(compromisos, start=1)]
    _tabla(libro.add_worksheet("Compromisos"), fmt, "compromisos", cabeceras, filas, anchos, columnas)


def _hoja_hitos(libro: Workbook, fmt: excel.Formatos, compromisos: list[Compromiso]) -> None:
    filas = [[i, c.codigo, c.nombre, h.numero, h.entregable, h.inicio, h.fin, h.dias,
              h.responsable or str(c["responsable_nombre"] or "")]
             for i, c in enumerate(compromisos, start=1) for h in c.hitos]
    _tabla(libro.add_worksheet("Hitos"), fmt, "hitos_plan",
           ["N.º de compromiso", "Código", "Compromiso", "N.º de hito", "Entregable verificable", "Fecha de inicio",
            "Fecha de término", "Días", "Responsable"], filas, [11, 10, 34, 8, 60, 12, 12, 7, 28],
           [fmt.entero, fmt.texto, fmt.texto_ajustado, fmt.entero, fmt.texto_ajustado, fmt.fecha, fmt.fecha,
            fmt.entero, fmt.texto_ajustado])


def _hoja_cronograma(libro: Workbook, fmt: excel.Formatos, ajustes: AjustesPerfilado,
                     compromisos: list[Compromiso]) -> None:
    """Diagrama de Gantt nativo: barras apiladas cuya primera serie (el inicio) es invisible."""
    hoja = libro.add_worksheet("Cronograma")
    por_hito, barras = K.cronograma(compromisos)
    hoja.write_string(0, 0, "Hito" if por_hito else "Compromiso", fmt.cabecera)
    hoja.write_string(0, 1, "Inicio", fmt.cabecera)
    hoja.write_string(0, 2, "Días", fmt.cabecera)
    hoja.set_column(0, 0, 50)
    hoja.set_column(1, 2, 11)
    for f, (etiqueta, inicio, dias, _) in enumerate(barras, start=1):
        hoja.write_string(f, 0, etiqueta, fmt.texto)
        excel.escribir_valor(hoja, f, 1, inicio, fmt.fecha)
        hoja.write_number(f, 2, dias, fmt.entero)
    n = len(barras)
    if not n:
        return
    grafico = libro.add_chart({"type": "bar", "subtype": "stacked"})
    categorias = ["Cronograma", 1, 0, n, 0]
    grafico.add_series({"name": "Inicio", "categories": categorias, "values": ["Cronograma", 1, 1, n, 1],
                        "fill": {"none": True}, "border": {"none": True}})
    grafico.add_series({"name": "Duración (días)", "categories": categorias, "values": ["Cronograma", 1, 2, n, 2],
                        "points": [{"fill": {"color": COLORES[(b[3] - 1) % len(COLORES)]}} for b in barras],
                        "gap": 40})
    grafico.set_x_axis({"min": _serial(ajustes.inicio), "max": _serial(ajustes.fin) + 1, "major_unit": 30.4,
                        "num_format": "[$-280A]d mmm", "num_font": {"rotation": -45, "size": 8},
                        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    grafico.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    grafico.set_legend({"none": True})
    grafico.set_title({"name": f"Cronograma de los hitos — {ajustes.periodo}", "name_font": {"size": 12}})
    grafico.set_size({"width": 980, "height": min(max(320, 20 * n + 140), 20000)})
    hoja.insert_chart(0, 4, grafico)
    hoja.freeze_panes(1, 0)
    excel.preparar_impresion(hoja)


def escribir_observaciones_perfiles(destino: Path, observaciones: list[Observacion], config: Configuracion) -> None:
    libro = excel.nuevo_libro(destino, "Observaciones de los libros de perfil")
    fmt = excel.formatos(libro)
    _observaciones(libro.add_worksheet(HOJA_OBSERVACIONES), fmt, observaciones, config)
    libro.close()
