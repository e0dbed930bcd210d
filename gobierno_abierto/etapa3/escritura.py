"""El libro `salidas/priorizacion.xlsx` (Etapa III): escritura y lectura para la Etapa IV.

Hojas visibles: Ranking, Gráfico, Acuerdo entre grupos (las dos con gráfico, en `graficos`), Por grupo,
Observaciones y Método. Dos hojas ocultas, «Datos» y «Meta», guardan lo mismo en forma legible por programa; `leer_priorizacion` las
lee de vuelta.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Ficha, Priorizacion
from ..nucleo.modelos_secciones import AjustesPriorizacion, Criterio
from ..nucleo.observaciones import Observacion
from ..nucleo.textos import numero
from ..salida.excel import (
    CARACTERES_10_PUNTOS,
    COLOR_BIEN,
    Formatos,
    alto_de_lineas,
    escribir_tabla,
    escribir_titulo,
    escribir_valor,
    formatos,
    lineas_de_texto,
    nuevo_libro,
    preparar_impresion,
)
from ..salida.hoja_observaciones import HOJA_OBSERVACIONES, escribir_observaciones
from ..salida.publicacion import escribir_atomico
from .graficos import escribir_hoja_acuerdo, escribir_hoja_grafico
from .hojas import HOJA_CONTROL, HOJA_ESCALA, cabecera_criterio
from .respuestas import DESACUERDO_ALTO, concordancia_en_texto, describir_metodo

HOJA_RANKING = "Ranking"
HOJA_POR_GRUPO = "Por grupo"
HOJA_METODO = "Método"
HOJA_DATOS = "Datos"
HOJA_META = "Meta"
HOJAS_OCULTAS = (HOJA_ESCALA, HOJA_CONTROL)  # de la hoja de puntaje: una persona no llega a ellas
COLUMNAS_OBSERVACIONES = ("Grupo", "Archivo", "Hoja", "Celda", "Ficha", "Campo", "Valor escrito", "Severidad",
                          "Qué corregir", "Código")
ANCHOS_OBSERVACIONES = {"Campo": 22, "Valor escrito": 16, "Qué corregir": 62}
SI, NO = "Sí", "No"

COLUMNAS_DATOS = ("codigo", "codigo_gerencia", "nombre", "puesto", "puntaje", "priorizada", "grupos",
                  "robustez", "robustez_sin_grupo", "robustez_pesos", "en_frontera", "desacuerdo",
                  "fuera_por_tope", "respuesta")


@dataclass(frozen=True)
class FilaGrupo:
    """Las notas de un grupo a una ficha (una fila de «Por grupo»)."""

    grupo: str
    archivo: str
    codigo: str
    notas: dict[str, float]
    puntaje: float


@dataclass(frozen=True)
class ResumenGrupo:
    grupo: str
    archivo: str
    integrantes: str
    fichas: int
    media: float | None
    correlacion: float | None


@dataclass(frozen=True)
class Informe:
    priorizacion: Priorizacion
    fichas: dict[str, Ficha]
    filas_grupo: list[FilaGrupo] = field(default_factory=list)
    grupos: list[ResumenGrupo] = field(default_factory=list)
    observaciones: list[Observacion] = field(default_factory=list)


def cabecera_notas(c: Criterio) -> str:
    """La cabecera de las notas de un criterio en «Por grupo» (la que leen otras etapas): «Relevancia (1–5)»."""
    return f"{cabecera_criterio(c)} ({c.minimo}–{c.maximo})"


def _num(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


# --- escritura -----------------------------------------------------------------------------------


def escribir_priorizacion(informe: Informe, config: Configuracion, ajustes: AjustesPriorizacion,
                          destino: Path) -> Path:
    return escribir_atomico(destino, lambda tmp: _escribir(informe, config, ajustes, tmp))


def _escribir(informe: Informe, config: Configuracion, ajustes: AjustesPriorizacion, ruta: Path) -> None:
    libro = nuevo_libro(ruta, "Priorización de iniciativas de Gobierno Abierto — Etapa III", config)
    fmt = formatos(libro)
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top", "align": "center", "border": 1,
            "border_color": "#BFBFBF"}
    extra = {
        "decimal": libro.add_format({**base, "num_format": "0.00"}),
        "uno": libro.add_format({**base, "num_format": "0.0"}),
        "pct": libro.add_format({**base, "num_format": "0 %"}),
        "centrado": libro.add_format({**base}),
        "sin_ajuste": libro.add_format({"font_name": "Calibri", "font_size": 10, "valign": "top", "border": 1,
                                        "border_color": "#BFBFBF"}),
        "fila_priorizada": libro.add_format({"bg_color": COLOR_BIEN}),
    }
    _hoja_ranking(libro.add_worksheet(HOJA_RANKING), fmt, extra, informe, ajustes)
    escribir_hoja_grafico(libro, fmt, informe.priorizacion, ajustes)
    escribir_hoja_acuerdo(libro, fmt, extra, informe.priorizacion)
    _hoja_por_grupo(libro.add_worksheet(HOJA_POR_GRUPO), fmt, extra, informe, ajustes)
    _hoja_observaciones(libro.add_worksheet(HOJA_OBSERVACIONES), fmt, informe.observaciones, ajustes)
    _hoja_metodo(libro.add_worksheet(HOJA_METODO), fmt, extra, informe, config, ajustes)
    _hoja_datos(libro.add_worksheet(HOJA_DATOS), informe, ajustes)
    _hoja_meta(libro.add_worksheet(HOJA_META), informe)
    libro.close()


def _hoja_ranking(hoja: Any, fmt: Formatos, extra: dict[str, Any], informe: Informe,
                  ajustes: AjustesPriorizacion) -> None:
    """Una fila por ficha. Las diez primeras columnas son las que se imprimen (el área de impresión):
    puesto, ficha, puntaje, grupos, si quedó priorizada, su estabilidad y el desacuerdo entre grupos."""
    p = informe.priorizacion
    criterios = ajustes.criterios
    cabeceras = ["Puesto", "Código", "Gerencia", "Nombre de la actividad", "Puntaje final (0–100)", "Grupos",
                 "Priorizada", "Robustez", "En la frontera", "Desacuerdo (desv. estándar)",
                 "Robustez sin un grupo", "Robustez con pesos variados",
                 *[f"Nota media: {cabecera_criterio(c)} ({c.minimo}–{c.maximo})" for c in criterios],
                 *[f"Puntaje {g}" for g in p.grupos], "Respuesta razonada"]
    anchos = [7, 10, 26, 34, 11, 8, 10, 10, 10, 12, 10, 10, *[13] * len(criterios), *[10] * len(p.grupos), 80]
    filas = []
    for r in p.resultados:
        ficha = informe.fichas.get(r.codigo)
        filas.append([r.puesto, r.codigo, ficha.gerencia if ficha else r.codigo_gerencia, r.nombre, r.puntaje,
                      r.grupos, SI if r.priorizada else NO, r.robustez, SI if r.en_frontera else NO, r.desacuerdo,
                      r.robustez_sin_grupo, r.robustez_pesos,
                      *[r.medias_criterios.get(c.clave) for c in criterios],
                      *[r.puntajes_grupos.get(g) for g in p.grupos], r.respuesta])
    formatos_col = [fmt.entero, None, None, None, extra["decimal"], fmt.entero, extra["centrado"], extra["pct"],
                    extra["centrado"], extra["uno"], extra["pct"], extra["pct"], *[extra["decimal"]] * len(criterios),
                    *[extra["uno"]] * len(p.grupos), extra["sin_ajuste"]]
    # La respuesta razonada va en una línea (se lee en la pantalla hacia la derecha): así las filas
    # quedan bajas y la parte que se imprime cabe en pocas páginas.
    escribir_tabla(hoja, cabeceras, filas, anchos, fmt, formatos_col, alto_por=range(10))
    hoja.freeze_panes(1, 4)
    n = len(filas)
    preparar_impresion(hoja, fila_cabecera=0, horizontal=True, area=(0, 0, max(n, 1), 9))
    if not n:
        return
    # Las priorizadas en verde, solo en las columnas sin otro formato condicional (si dos formatos se
    # pisan, LibreOffice muestra uno solo y las barras o las escalas de color desaparecen).
    for c0, c1 in ((0, 3), (5, 6)):
        hoja.conditional_format(1, c0, n, c1, {"type": "formula", "criteria": f'=$G2="{SI}"',
                                                "format": extra["fila_priorizada"]})
    hoja.conditional_format(1, 8, n, 8, {"type": "cell", "criteria": "==", "value": f'"{SI}"',
                                         "format": fmt.advertencia})
    hoja.conditional_format(1, 4, n, 4, {"type": "data_bar", "bar_color": "#5B9BD5", "bar_solid": True,
                                         "min_type": "num", "min_value": 0, "max_type": "num",
                                         "max_value": 100, "data_bar_2010": True})
    escala = {"type": "3_color_scale", "min_type": "num", "min_value": 0, "mid_type": "num", "mid_value": 0.5,
              "max_type": "num", "max_value": 1, "min_color": "#F8696B", "mid_color": "#FFEB84",
              "max_color": "#63BE7B"}
    hoja.conditional_format(1, 7, n, 7, escala)
    hoja.conditional_format(1, 10, n, 11, escala)
    hoja.conditional_format(1, 9, n, 9, {"type": "cell", "criteria": ">=", "value": DESACUERDO_ALTO,
                                         "format": fmt.error})
    inicio = 12 + len(criterios)
    if p.grupos:
        hoja.conditional_format(1, inicio, n, inicio + len(p.grupos) - 1,
                                {"type": "3_color_scale", "min_type": "num", "min_value": 0, "mid_type": "num",
                                 "mid_value": 50, "max_type": "num", "max_value": 100,
                                 "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})


def nombre_corto(archivo: str) -> str:
    """El libro, sin el correo o el .zip que lo trajo: «puntajes_grupo_5.eml › puntajes_grupo_5.xlsx» →
    «puntajes_grupo_5.xlsx». En «Por grupo» se repite en cada fila; el nombre entero está en «Método»."""
    return archivo.rsplit(" › ", 1)[-1]


def _hoja_por_grupo(hoja: Any, fmt: Formatos, extra: dict[str, Any], informe: Informe,
                    ajustes: AjustesPriorizacion) -> None:
    criterios = ajustes.criterios
    finales = {r.codigo: r.puntaje for r in informe.priorizacion.resultados}
    cabeceras = ["Grupo", "Archivo", "Código", "Gerencia", "Nombre de la actividad",
                 *[cabecera_notas(c) for c in criterios],
                 "Puntaje del grupo (0–100)", "Puntaje final", "Diferencia con el final"]
    filas = []
    for f in informe.filas_grupo:
        ficha = informe.fichas.get(f.codigo)
        final = finales.get(f.codigo)
        filas.append([f.grupo, nombre_corto(f.archivo), f.codigo, ficha.codigo_gerencia if ficha else "",
                      ficha.nombre if ficha else "", *[f.notas.get(c.clave) for c in criterios], f.puntaje,
                      final, None if final is None else f.puntaje - final])
    formatos_col = [None, None, None, None, None, *[fmt.entero] * len(criterios), extra["uno"], extra["uno"],
                    extra["uno"]]
    escribir_tabla(hoja, cabeceras, filas, [10, 22, 10, 10, 34, *[11] * len(criterios), 11, 10, 11], fmt,
                   formatos_col)
    n = len(filas)
    if n:
        col = len(cabeceras) - 1
        hoja.conditional_format(1, col, n, col, {"type": "3_color_scale", "min_color": "#F8696B",
                                                 "mid_color": "#FFFFFF", "max_color": "#5B9BD5",
                                                 "mid_type": "num", "mid_value": 0})


def _hoja_observaciones(hoja: Any, fmt: Formatos, observaciones: list[Observacion],
                        ajustes: AjustesPriorizacion) -> None:
    etiquetas = {c.clave: c.nombre for c in ajustes.criterios}
    etiquetas.update({"codigo": "Código de ficha", "grupo": "Grupo"})
    escribir_observaciones(hoja, fmt, observaciones, COLUMNAS_OBSERVACIONES, etiquetas, HOJAS_OCULTAS,
                           anchos=ANCHOS_OBSERVACIONES)


# Columnas de «Método»: etiqueta o criterio, columna de la hoja de puntaje, cuatro angostas (peso,
# escala, cifras de los grupos; archivo recibido en las dos últimas) y el texto largo.
ANCHOS_METODO = (28, 14, 12, 12, 12, 12, 56)


def _lineas(texto: str, *columnas: int, negrita: bool = False) -> int:
    """Líneas de un texto de 10 puntos en las columnas `columnas` de «Método» (combinadas)."""
    ancho = sum(ANCHOS_METODO[c] for c in columnas)
    return lineas_de_texto(texto, ancho * (0.9 if negrita else 1.0), CARACTERES_10_PUNTOS)


def _hoja_metodo(hoja: Any, fmt: Formatos, extra: dict[str, Any], informe: Informe, config: Configuracion,
                 ajustes: AjustesPriorizacion) -> None:
    p = informe.priorizacion
    hoja.hide_gridlines(2)
    for c, ancho in enumerate(ANCHOS_METODO):
        hoja.set_column(c, c, ancho)
    texto_tabla = fmt.en_tabla(fmt.texto_ajustado)
    fila = escribir_titulo(hoja, fmt, config, "Cómo se priorizaron las iniciativas — Etapa III", config.entidad)
    for titulo, texto in describir_metodo(ajustes):
        hoja.write_string(fila, 0, titulo, fmt.etiqueta)
        hoja.merge_range(fila, 1, fila, 6, texto, texto_tabla)
        hoja.set_row(fila, alto_de_lineas(max(_lineas(texto, *range(1, 7)), _lineas(titulo, 0, negrita=True))))
        fila += 1
    fila += 1
    hoja.write_string(fila, 0, "Criterios", fmt.titulo)
    fila += 1
    total = sum(c.peso for c in ajustes.criterios)
    for c, t in enumerate(("Criterio", "Columna en la hoja de puntaje", "Peso", "Escala")):
        hoja.write_string(fila, c, t, fmt.cabecera)
    hoja.set_row(fila, 30)
    hoja.merge_range(fila, 4, fila, 6, "Qué evaluar y significado de cada punto", fmt.cabecera)
    fila += 1
    for criterio in ajustes.criterios:
        texto = criterio.descripcion + "\n" + "\n".join(
            f"{pt}: {n}" for pt, n in zip(criterio.puntos, criterio.niveles, strict=True))
        columna = cabecera_criterio(criterio)
        hoja.write_string(fila, 0, criterio.nombre, texto_tabla)
        hoja.write_string(fila, 1, columna, texto_tabla)
        hoja.write_number(fila, 2, criterio.peso / total, extra["pct"])
        hoja.write_string(fila, 3, f"{criterio.minimo} a {criterio.maximo}", extra["centrado"])
        hoja.merge_range(fila, 4, fila, 6, texto, texto_tabla)
        hoja.set_row(fila, alto_de_lineas(max(_lineas(texto, 4, 5, 6), _lineas(criterio.nombre, 0),
                                              _lineas(columna, 1))))
        fila += 1
    fila += 1
    hoja.write_string(fila, 0, "Grupos y concordancia", fmt.titulo)
    fila += 1
    for etiqueta, valor in (("Concordancia entre grupos", concordancia_en_texto(p.metodo_concordancia,
                                                                                 p.concordancia)),
                            ("Corte (puntaje de la última priorizada)",
                             "—" if p.corte is None else numero(p.corte, 2))):
        hoja.write_string(fila, 0, etiqueta, fmt.etiqueta)
        hoja.merge_range(fila, 1, fila, 6, valor, texto_tabla)
        hoja.set_row(fila, alto_de_lineas(max(_lineas(etiqueta, 0, negrita=True), _lineas(valor, *range(1, 7)))))
        fila += 1
    fila += 1
    for c, t in enumerate(("Grupo", "Fichas calificadas", "Puntaje medio", "Correlación con el final")):
        hoja.write_string(fila, c, t, fmt.cabecera)
    hoja.merge_range(fila, 4, fila, 5, "Archivo recibido", fmt.cabecera)
    hoja.write_string(fila, 6, "Integrantes", fmt.cabecera)
    hoja.set_row(fila, 30)
    fila += 1
    for g in informe.grupos:
        archivo = g.archivo or "sin hoja recibida"
        hoja.write_string(fila, 0, g.grupo, texto_tabla)
        hoja.write_number(fila, 1, g.fichas, fmt.en_tabla(fmt.entero))
        escribir_valor(hoja, fila, 2, g.media, extra["uno"])
        escribir_valor(hoja, fila, 3, g.correlacion, extra["decimal"])
        hoja.merge_range(fila, 4, fila, 5, archivo, texto_tabla)
        hoja.write_string(fila, 6, g.integrantes or "—", texto_tabla)
        hoja.set_row(fila, alto_de_lineas(max(_lineas(archivo, 4, 5), _lineas(g.integrantes or "—", 6))))
        fila += 1
    preparar_impresion(hoja, horizontal=True)


def _hoja_datos(hoja: Any, informe: Informe, ajustes: AjustesPriorizacion) -> None:
    p = informe.priorizacion
    cabeceras = [*COLUMNAS_DATOS, *[f"media:{c.clave}" for c in ajustes.criterios],
                 *[f"grupo:{g}" for g in p.grupos]]
    for c, t in enumerate(cabeceras):
        hoja.write_string(0, c, t)
    for f, r in enumerate(p.resultados, start=1):
        valores: list[Any] = [r.codigo, r.codigo_gerencia, r.nombre, r.puesto, r.puntaje, int(r.priorizada),
                              r.grupos, r.robustez, r.robustez_sin_grupo, r.robustez_pesos, int(r.en_frontera),
                              r.desacuerdo, int(r.fuera_por_tope), r.respuesta,
                              *[r.medias_criterios.get(c.clave) for c in ajustes.criterios],
                              *[r.puntajes_grupos.get(g) for g in p.grupos]]
        for c, v in enumerate(valores):
            if v is None:
                continue
            if isinstance(v, str):
                hoja.write_string(f, c, v)
            else:
                hoja.write_number(f, c, v)
    hoja.hide()


def _hoja_meta(hoja: Any, informe: Informe) -> None:
    p = informe.priorizacion
    filas: list[tuple[str, Any]] = [("concordancia", p.concordancia),
                                    ("metodo_concordancia", p.metodo_concordancia), ("corte", p.corte),
                                    ("metodo", p.metodo), *[("grupo", g) for g in p.grupos]]
    for f, (clave, valor) in enumerate(filas):
        hoja.write_string(f, 0, clave)
        if isinstance(valor, str):
            hoja.write_string(f, 1, valor)
        elif valor is not None:
            hoja.write_number(f, 1, valor)
    hoja.hide()
