"""Etapa IV: el libro `salidas/seleccion_final.xlsx` y el de observaciones de la hoja del Comité."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..etapa2.escritura import COLUMNAS_PARA_COMITE, escribir_observaciones
from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..nucleo.conteos import Conteos, conteos
from ..nucleo.esquema import SI
from ..nucleo.modelo import Consolidado, Priorizacion
from ..nucleo.observaciones import Observacion
from ..salida import excel, hoja_observaciones
from .documentos import Motivos, valores_ogp

HOJA_SELECCIONADAS = "Seleccionadas"
HOJA_EMBUDO = "Embudo"
HOJA_RESPUESTAS = "Respuesta por ficha"


def respuesta_etapa4(codigo: str, priorizada: bool, motivos: Motivos) -> str:
    if not priorizada:
        return "No llegó a la Etapa IV: no estuvo entre las fichas priorizadas en la Etapa III."
    elegida, motivo = motivos.get(codigo, (False, ""))
    texto = "Seleccionada por el Comité de Gobierno Abierto" if elegida else "No seleccionada por el Comité"
    return f"{texto}. Motivo: {motivo}" if motivo else f"{texto}."


def escribir_seleccion_final(destino: Path, config: Configuracion, consolidado: Consolidado,
                             priorizacion: Priorizacion, motivos: Motivos) -> None:
    libro = excel.nuevo_libro(destino, "Selección final de compromisos de Gobierno Abierto", config)
    fmt = excel.formatos(libro)
    resultados = {r.codigo: r for r in priorizacion.resultados}
    elegidas = [r for r in priorizacion.priorizadas() if motivos.get(r.codigo, (False, ""))[0]]
    cifras = conteos(config, consolidado, priorizacion, motivos)

    h = libro.add_worksheet(HOJA_SELECCIONADAS)
    fila0 = excel.escribir_titulo(h, fmt, config, "Compromisos seleccionados por el Comité de Gobierno Abierto",
                                  f"{config.entidad} · Etapa IV · {textos.fecha_larga(config.etapa('IV').fin)}",
                                  columnas=5)
    filas = []
    for r in elegidas:
        f = consolidado.ficha(r.codigo)
        filas.append([r.codigo, f.gerencia if f else "", r.nombre or (f.nombre if f else ""), r.puntaje, r.puesto,
                      valores_ogp(f, config), motivos[r.codigo][1]])
    excel.escribir_tabla(h, ["Código", "Gerencia", "Actividad", "Puntaje (0–100)", "Puesto", "Valores OGP",
                             "Motivo del Comité"], filas, [10, 24, 36, 15, 8, 26, 50], fmt,
                         [None, None, None, fmt.puntaje, fmt.entero, None, None], fila_inicio=fila0)

    _hoja_embudo(libro, libro.add_worksheet(HOJA_EMBUDO), fmt, config, cifras)

    h = libro.add_worksheet(HOJA_RESPUESTAS)
    fila0 = excel.escribir_titulo(h, fmt, config, "Respuesta a cada ficha, etapa por etapa",
                                  "Lo que se comunica a cada gerencia sobre sus fichas.", columnas=4)
    filas = []
    for f in consolidado.fichas:
        res = resultados.get(f.codigo)
        e2 = ("Válida: pasó a la priorización." if f.estado.es_valida
              else f"Con errores ({f.errores}): no pasó a la priorización; ver el consolidado.")
        e3 = res.respuesta if res else ("—" if not f.estado.es_valida else "Sin resultado de priorización.")
        e4 = respuesta_etapa4(f.codigo, bool(res and res.priorizada), motivos)
        final = SI if motivos.get(f.codigo, (False, ""))[0] else "No"
        filas.append([f.codigo, f.gerencia, f.nombre, e2, e3, e4, final])
    excel.escribir_tabla(h, ["Código", "Gerencia", "Actividad", "Etapa II (consolidación)",
                             "Etapa III (priorización)", "Etapa IV (Comité)", "Seleccionada"],
                         filas, [10, 22, 30, 26, 58, 40, 11], fmt, fila_inicio=fila0)
    libro.close()


def _hoja_embudo(libro: Any, h: Any, fmt: excel.Formatos, config: Configuracion, cifras: Conteos) -> None:
    """De las fichas presentadas a los compromisos: la tabla y un gráfico de embudo (barras centradas)."""
    fila0 = excel.escribir_titulo(h, fmt, config, "Del total de fichas a los compromisos",
                                  f"Se esperaban {cifras.esperadas} fichas ({len(config.gerencias)} gerencias × "
                                  f"{config.fichas_por_gerencia}).", columnas=3)
    pasos = cifras.embudo()
    mayor = max((n for _, n in pasos), default=0)
    # «Margen» es la mitad de lo que le falta a cada barra para la mayor: va sin color, a la izquierda,
    # y así las barras quedan centradas como en un embudo.
    filas = [[paso, n, (mayor - n) / 2] for paso, n in pasos]
    excel.escribir_tabla(h, ["Paso", "Fichas", "Margen del gráfico"], filas, [44, 10, 10], fmt,
                         [None, fmt.entero, fmt.numero], fila_inicio=fila0, horizontal=False, ocultas=[2])
    h.autofilter(0, 0, 0, 0)
    if not filas:
        return
    primera, ultima = fila0 + 1, fila0 + len(filas)
    grafico = libro.add_chart({"type": "bar", "subtype": "stacked"})
    grafico.add_series({"name": "Margen", "categories": [HOJA_EMBUDO, primera, 0, ultima, 0],
                        "values": [HOJA_EMBUDO, primera, 2, ultima, 2], "fill": {"none": True},
                        "border": {"none": True}})
    grafico.add_series({"name": [HOJA_EMBUDO, fila0, 1], "categories": [HOJA_EMBUDO, primera, 0, ultima, 0],
                        "values": [HOJA_EMBUDO, primera, 1, ultima, 1], "gap": 30,
                        "points": [{"fill": {"color": c}} for c in
                                   ("#9DC3E6", "#6FA8DC", "#2E75B6", "#1F4E79", "#548235")[:len(filas)]],
                        "data_labels": {"value": True, "position": "center",
                                        "font": {"bold": True, "color": "#FFFFFF", "size": 11}}})
    grafico.set_title({"name": "Del total de fichas a los compromisos", "name_font": {"size": 12}})
    grafico.set_y_axis({"reverse": True, "num_font": {"size": 9}, "line": {"none": True}})
    grafico.set_x_axis({"visible": False, "min": 0, "max": mayor or 1, "major_gridlines": {"visible": False}})
    grafico.set_legend({"none": True})
    grafico.set_size({"width": 600, "height": 70 * len(filas) + 90})
    h.insert_chart(ultima + 2, 0, grafico, {"x_offset": 4, "y_offset": 6})
    h.show_hidden_data = True
    grafico.show_hidden_data()


def escribir_observaciones_comite(destino: Path, observaciones: list[Observacion], config: Configuracion) -> None:
    errores = sum(o.es_error for o in observaciones)
    if not observaciones:
        texto = "La hoja del Comité no tiene observaciones."
    elif errores:
        texto = (f"Hay {textos.cantidad(errores, 'error', 'errores')} por corregir en la hoja del Comité: "
                 "corríjalos y vuelva a ejecutar «seleccionar».")
    else:
        texto = "La hoja del Comité es válida; revise las advertencias."
    hoja_observaciones.escribir_libro_observaciones(
        destino, config, "Observaciones a la hoja de selección del Comité", "Etapa IV", [texto],
        lambda hoja, fmt, fila: escribir_observaciones(hoja, fmt, observaciones, config, fila_inicio=fila,
                                                       columnas=COLUMNAS_PARA_COMITE),
        titulo_libro="Observaciones de la hoja del Comité")

