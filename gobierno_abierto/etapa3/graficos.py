"""Las dos hojas con gráfico de `priorizacion.xlsx`: el ranking con la línea de corte y el acuerdo
entre grupos en las priorizadas. Cada gráfico sale de una tabla escrita en su misma hoja."""

from __future__ import annotations

from typing import Any

from ..nucleo.modelo import Priorizacion
from ..nucleo.modelos_secciones import AjustesPriorizacion
from ..salida.excel import Formatos, escribir_tabla, escribir_titulo, preparar_impresion

HOJA_GRAFICO = "Gráfico"
HOJA_ACUERDO = "Acuerdo entre grupos"


def escribir_hoja_grafico(libro: Any, fmt: Formatos, p: Priorizacion, ajustes: AjustesPriorizacion) -> None:
    """Puntaje final de cada ficha (columnas: priorizadas y no) con la línea de corte."""
    hoja = libro.add_worksheet(HOJA_GRAFICO)
    con_puntaje = [r for r in p.resultados if r.puntaje is not None]
    hoja.write_string(0, 0, f"Puntaje final de cada ficha y línea de corte de las {ajustes.cuota} priorizadas",
                      fmt.titulo)
    cabeceras = ["Código", "Priorizada", "No priorizada", "Corte"]
    for c, t in enumerate(cabeceras):
        hoja.write_string(2, c, t, fmt.cabecera)
    decimal = libro.add_format({"font_name": "Calibri", "font_size": 10, "num_format": "0.00"})
    for i, r in enumerate(con_puntaje, start=3):
        hoja.write_string(i, 0, r.codigo)
        if r.priorizada:
            hoja.write_number(i, 1, round(r.puntaje or 0, 2), decimal)
        else:
            hoja.write_number(i, 2, round(r.puntaje or 0, 2), decimal)
        if p.corte is not None:
            hoja.write_number(i, 3, round(p.corte, 2), decimal)
    hoja.set_row(2, 30)
    hoja.set_column(0, 3, 12)
    if not con_puntaje:
        hoja.write_string(3, 0, "Ninguna ficha tiene puntaje.", fmt.subtitulo)
        return
    ultima = 2 + len(con_puntaje)
    grafico = libro.add_chart({"type": "column"})
    for col, color in ((1, "#2E75B6"), (2, "#BFBFBF")):
        grafico.add_series({"name": [HOJA_GRAFICO, 2, col], "categories": [HOJA_GRAFICO, 3, 0, ultima, 0],
                            "values": [HOJA_GRAFICO, 3, col, ultima, col], "fill": {"color": color},
                            "gap": 30, "overlap": 100})
    if p.corte is not None:
        linea = libro.add_chart({"type": "line"})
        linea.add_series({"name": [HOJA_GRAFICO, 2, 3], "categories": [HOJA_GRAFICO, 3, 0, ultima, 0],
                          "values": [HOJA_GRAFICO, 3, 3, ultima, 3],
                          "line": {"color": "#C00000", "width": 2, "dash_type": "dash"}})
        grafico.combine(linea)
    grafico.set_title({"name": "Ranking de fichas (puntaje final 0–100)"})
    grafico.set_x_axis({"name": "Ficha (en orden de puesto)", "num_font": {"rotation": -90, "size": 8}})
    grafico.set_y_axis({"name": "Puntaje", "min": 0, "max": 100, "major_gridlines": {"visible": True}})
    grafico.set_legend({"position": "top"})
    grafico.set_size({"width": max(720, 14 * len(con_puntaje) + 160), "height": 420})
    hoja.insert_chart(2, 5, grafico)
    preparar_impresion(hoja, horizontal=True)


def escribir_hoja_acuerdo(libro: Any, fmt: Formatos, extra: dict[str, Any], p: Priorizacion) -> None:
    """El puntaje que dio cada grupo a cada priorizada: puntos juntos, acuerdo; dispersos, desacuerdo."""
    hoja = libro.add_worksheet(HOJA_ACUERDO)
    priorizadas = p.priorizadas()
    fila0 = escribir_titulo(hoja, fmt, None, f"Puntaje de cada grupo en las {len(priorizadas)} iniciativas "
                            "priorizadas",
                            "Cada punto es el puntaje (0–100) que dio un grupo; la barra gris, el puntaje "
                            "final. Puntos juntos: los grupos coincidieron; separados: discreparon.",
                            columnas=4 + len(p.grupos))
    # El gráfico arriba, sobre filas de 20 puntos (26,7 píxeles); la tabla de la que sale, debajo.
    alto_grafico, fila_grafico = 380, fila0
    fila_tabla = fila_grafico + -(-alto_grafico * 3 // (4 * 20)) + 1
    cabeceras = ["Código", "Puntaje final", "Diferencia entre grupos (mayor − menor)", *p.grupos,
                 "Nombre de la actividad"]
    anchos = [10, 10, 12, *[9] * len(p.grupos), 50]
    filas = []
    for r in priorizadas:
        puntajes = [v for v in r.puntajes_grupos.values() if v is not None]
        filas.append([r.codigo, r.puntaje, (max(puntajes) - min(puntajes)) if len(puntajes) > 1 else None,
                      *[r.puntajes_grupos.get(g) for g in p.grupos], r.nombre])
    escribir_tabla(hoja, cabeceras, filas, anchos, fmt,
                   [None, extra["decimal"], extra["uno"], *[extra["uno"]] * len(p.grupos), None],
                   fila_inicio=fila_tabla)
    hoja.autofilter(0, 0, 0, 0)  # la tabla es la fuente del gráfico: sin filtros que la reordenen
    hoja.freeze_panes(0, 0)
    for f in range(fila_grafico, fila_tabla):
        hoja.set_row(f, 20)
    if not filas:
        hoja.write_string(fila_tabla + 1, 0, "No hay fichas priorizadas.", fmt.subtitulo)
        return
    primera, ultima = fila_tabla + 1, fila_tabla + len(filas)
    grafico = libro.add_chart({"type": "column"})
    grafico.add_series({"name": [HOJA_ACUERDO, fila_tabla, 1], "categories": [HOJA_ACUERDO, primera, 0, ultima, 0],
                        "values": [HOJA_ACUERDO, primera, 1, ultima, 1], "fill": {"color": "#D9D9D9"},
                        "border": {"color": "#BFBFBF"}, "gap": 60})
    puntos = libro.add_chart({"type": "line"})
    colores = ("#1F4E79", "#C00000", "#548235", "#BF8F00", "#7030A0", "#00B0F0", "#FF6600", "#808080")
    marcas = ("circle", "diamond", "triangle", "square", "x", "star", "plus", "circle")
    for i, _grupo in enumerate(p.grupos):
        color = colores[i % len(colores)]
        puntos.add_series({"name": [HOJA_ACUERDO, fila_tabla, 3 + i],
                           "categories": [HOJA_ACUERDO, primera, 0, ultima, 0],
                           "values": [HOJA_ACUERDO, primera, 3 + i, ultima, 3 + i],
                           "line": {"none": True},
                           "marker": {"type": marcas[i % len(marcas)], "size": 7, "fill": {"color": color},
                                      "border": {"color": color}}})
    grafico.combine(puntos)
    grafico.set_title({"name": "Acuerdo entre grupos en las iniciativas priorizadas", "name_font": {"size": 12}})
    grafico.set_x_axis({"name": "Iniciativa priorizada (en orden de puesto)", "num_font": {"rotation": -45, "size": 8}})
    grafico.set_y_axis({"name": "Puntaje (0–100)", "min": 0, "max": 100, "major_unit": 20,
                        "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}}})
    grafico.set_legend({"position": "bottom"})
    grafico.set_size({"width": max(760, 48 * len(filas) + 160), "height": alto_grafico})
    hoja.insert_chart(fila_grafico, 0, grafico, {"x_offset": 4, "y_offset": 2})
    preparar_impresion(hoja, horizontal=True)
