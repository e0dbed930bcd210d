"""Etapa III: la hoja de puntaje que recibe cada grupo del taller (el instrumento).

El contrato con la lectura (nombres, tabla, columnas) está en `hojas`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook

from ..entrada.libro import (
    letra_columna,
)
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Ficha
from ..nucleo.modelos_secciones import AjustesPriorizacion, Criterio, Grupo
from ..nucleo.textos import fecha_larga
from ..nucleo.textos import recortar as recortar_texto
from ..salida.excel import (
    Formatos,
    alto_de_lineas,
    escribir_valor,
    formatos,
    lineas_de_texto,
    nuevo_libro,
    preparar_impresion,
    recortar,
    recortar_palabras,
)
from ..salida.fichas_imprimir import escribir_fichas_para_imprimir
from ..salida.instrumento import escribir_hoja_control
from .hojas import (
    COLUMNAS_FIJAS,
    CONTROL,
    FILA_CABECERA,
    HOJA_ESCALA,
    HOJA_FICHAS,
    HOJA_INSTRUCCIONES,
    HOJA_PUNTAJES,
    LARGO_DESCRIPCION,
    MARCA_EXCLUIDA,
    NOMBRE_DATOS,
    NOMBRE_GRUPO,
    TABLA,
    cabecera_criterio,
)

# --- escritura -----------------------------------------------------------------------------------


def escribir_hoja_puntaje(config: Configuracion, ajustes: AjustesPriorizacion, grupo: Grupo,
                          fichas: Sequence[Ficha], ruta: Path,
                          notas: Mapping[str, Mapping[str, Any]] | None = None,
                          nombre_grupo: str | None = None) -> None:
    """Escribe la hoja de puntaje de un grupo; `notas` (código → clave → valor) la devuelve llena,
    como la llenaría el grupo (demostración y pruebas). `nombre_grupo` simula una hoja alterada."""
    libro = nuevo_libro(ruta, f"Hoja de puntaje — {grupo.nombre}", config)
    fmt = formatos(libro)
    _hoja_instrucciones(libro, fmt, config, ajustes, grupo, nombre_grupo)
    _hoja_puntajes(libro, fmt, ajustes, grupo, fichas, dict(notas or {}))
    _hoja_fichas(libro, config, fichas)
    _hoja_escala(libro, ajustes)
    escribir_hoja_control(libro, CONTROL)
    libro.close()


def _hoja_instrucciones(libro: Workbook, fmt: Formatos, config: Configuracion, ajustes: AjustesPriorizacion,
                        grupo: Grupo, nombre_grupo: str | None) -> None:
    hoja = libro.add_worksheet(HOJA_INSTRUCCIONES)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 24)
    hoja.set_column(1, 1, 12)
    hoja.set_column(2, 2, 60)
    etapa = config.etapa("III")
    hoja.write_string(0, 0, f"“{config.nombre_anio}”", fmt.subtitulo)
    hoja.write_string(1, 0, "Taller de presentación y priorización de iniciativas — Etapa III", fmt.titulo)
    subtitulo = f"{config.entidad} · {fecha_larga(etapa.inicio)} · {etapa.lugar}"
    hoja.merge_range(2, 0, 2, 2, subtitulo, fmt.ayuda)  # en el ancho de la hoja, sin cortarse al imprimir
    hoja.set_row(2, alto_de_lineas(lineas_de_texto(subtitulo, 24 + 12 + 60)))
    hoja.write_string(4, 0, "Grupo", fmt.etiqueta)
    hoja.write_string(4, 2, nombre_grupo if nombre_grupo is not None else grupo.nombre, fmt.fijo)
    libro.define_name(NOMBRE_GRUPO, f"='{HOJA_INSTRUCCIONES}'!$C$5")
    hoja.write_string(5, 0, "Integrantes", fmt.etiqueta)
    hoja.write_string(5, 2, "; ".join(grupo.integrantes) or "—", fmt.texto_ajustado)
    hoja.set_row(5, alto_de_lineas(lineas_de_texto("; ".join(grupo.integrantes) or "—", 60)))
    fila = 7
    pasos = [
        f"En la hoja «{HOJA_PUNTAJES}», califique cada ficha en cada criterio con un número entero "
        "de la escala; use la lista desplegable de cada celda de color crema.",
        "Califique todas las fichas y todos los criterios: una ficha con una celda vacía no se cuenta "
        "para su grupo.",
        f"La hoja «{HOJA_FICHAS}» tiene el texto completo de cada ficha, para consultarlo.",
    ]
    if ajustes.excluir_propia_gerencia and grupo.gerencias:
        pasos.append("Las filas grises son fichas de las gerencias de su grupo: no las califique "
                     "(conflicto de interés); las califican los demás grupos.")
    pasos.append("No cambie los códigos, no borre filas ni columnas y no renombre las hojas. Guarde el "
                 "libro en Excel (.xlsx) o LibreOffice (.ods) y entréguelo a la coordinación.")
    hoja.write_string(fila, 0, "Cómo llenar la hoja", fmt.titulo)
    fila += 1
    for i, paso in enumerate(pasos, start=1):
        hoja.write_string(fila, 0, f"Paso {i}", fmt.etiqueta)
        hoja.merge_range(fila, 1, fila, 2, paso, fmt.texto_ajustado)
        hoja.set_row(fila, alto_de_lineas(lineas_de_texto(paso, 72)))
        fila += 1
    fila += 1
    hoja.write_string(fila, 0, "Criterios y escala", fmt.titulo)
    fila += 1
    total = sum(c.peso for c in ajustes.criterios)
    for c, titulo in enumerate(("Criterio", "Puntos", "Qué significa")):
        hoja.write_string(fila, c, titulo, fmt.cabecera)
    fila += 1
    for criterio in ajustes.criterios:
        nombre = f"{criterio.nombre} (peso {100 * criterio.peso / total:.0f} %)"
        hoja.write_string(fila, 0, nombre, fmt.etiqueta)
        hoja.write_string(fila, 1, f"columna «{cabecera_criterio(criterio)}»", fmt.ayuda)
        hoja.write_string(fila, 2, criterio.descripcion, fmt.texto_ajustado)
        hoja.set_row(fila, alto_de_lineas(max(lineas_de_texto(nombre, 21), lineas_de_texto(criterio.descripcion, 60),
                                              lineas_de_texto(f"columna «{cabecera_criterio(criterio)}»", 12))))
        fila += 1
        for punto, nivel in zip(criterio.puntos, criterio.niveles, strict=True):
            hoja.write_number(fila, 1, punto, fmt.fijo)
            hoja.write_string(fila, 2, nivel, fmt.texto_ajustado)
            if lineas_de_texto(nivel, 60) > 1:
                hoja.set_row(fila, alto_de_lineas(lineas_de_texto(nivel, 60)))
            fila += 1
        fila += 1
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    preparar_impresion(hoja, horizontal=False)
    hoja.activate()


def _mensaje_escala(criterio: Criterio) -> str:
    return recortar("\n".join(f"{p}: {n}" for p, n in zip(criterio.puntos, criterio.niveles, strict=True)),
                    255)


def _hoja_puntajes(libro: Workbook, fmt: Formatos, ajustes: AjustesPriorizacion, grupo: Grupo,
                   fichas: Sequence[Ficha], notas: dict[str, Mapping[str, Any]]) -> None:
    hoja = libro.add_worksheet(HOJA_PUNTAJES)
    criterios = ajustes.criterios
    total = sum(c.peso for c in criterios)
    ncol = len(COLUMNAS_FIJAS) + len(criterios)
    hoja.write_string(0, 0, f"Hoja de puntaje — {grupo.nombre}", fmt.titulo)
    escala = "; ".join(dict.fromkeys(f"{c.minimo} a {c.maximo}" for c in criterios))
    hoja.write_string(1, 0, f"Califique cada ficha en cada criterio ({escala}; el mayor es el mejor). "
                            "Pase el cursor por la cabecera de un criterio para ver qué significa cada "
                            "punto.", fmt.subtitulo)
    if ajustes.excluir_propia_gerencia and grupo.gerencias:
        hoja.write_string(2, 0, "Las filas grises son fichas de su gerencia: no las califique.", fmt.subtitulo)
    gris = libro.add_format({"font_name": "Calibri", "font_size": 10, "valign": "top", "bg_color": "#D9D9D9",
                             "text_wrap": True, "border": 1, "border_color": "#BFBFBF"})
    # sobre la cabecera de la tabla, el nombre completo de cada criterio y su peso
    for c, (_clave, _etiqueta, ancho) in enumerate(COLUMNAS_FIJAS):
        hoja.set_column(c, c, ancho)
    hoja.merge_range(FILA_CABECERA - 1, 0, FILA_CABECERA - 1, len(COLUMNAS_FIJAS) - 1, "Ficha", fmt.cabecera)
    for c, criterio in enumerate(criterios, start=len(COLUMNAS_FIJAS)):
        hoja.write_string(FILA_CABECERA - 1, c, f"{criterio.nombre} ({100 * criterio.peso / total:.0f} %)",
                          fmt.cabecera)
        hoja.write_comment(FILA_CABECERA - 1, c, f"{criterio.descripcion}\n\n" + "\n".join(
            f"{p}: {n}" for p, n in zip(criterio.puntos, criterio.niveles, strict=True)),
            {"x_scale": 3, "y_scale": 3})
        hoja.set_column(c, c, 15)
    hoja.set_row(FILA_CABECERA - 1, max(alto_de_lineas(lineas_de_texto(
        f"{c.nombre} ({100 * c.peso / total:.0f} %)", 13.5)) for c in criterios))
    ultima = FILA_CABECERA + max(len(fichas), 1)
    columnas = ([{"header": etiqueta} for _, etiqueta, _ in COLUMNAS_FIJAS]
                + [{"header": cabecera_criterio(c)} for c in criterios])
    hoja.add_table(FILA_CABECERA, 0, ultima, ncol - 1,
                   {"name": TABLA, "columns": columnas, "style": "Table Style Light 1", "autofilter": False})
    libro.define_name(NOMBRE_DATOS, f"='{HOJA_PUNTAJES}'!$A${FILA_CABECERA + 1}:"
                                    f"${letra_columna(ncol - 1)}${ultima + 1}")
    for f, ficha in enumerate(fichas, start=FILA_CABECERA + 1):
        excluida = ajustes.excluida(grupo, ficha.codigo_gerencia)
        fijo = gris if excluida else fmt.texto_ajustado
        hoja.write_string(f, 0, ficha.codigo, fijo)
        hoja.write_string(f, 1, f"{ficha.codigo_gerencia} ({MARCA_EXCLUIDA})" if excluida else ficha.codigo_gerencia,
                          fijo)
        hoja.write_string(f, 2, ficha.nombre, fijo)
        breve = recortar_texto(str(ficha.valores.get(E.DESCRIPCION) or ""), LARGO_DESCRIPCION, una_linea=True)
        hoja.write_string(f, 3, breve, fijo)
        propias = notas.get(ficha.codigo, {})
        for c, criterio in enumerate(criterios, start=len(COLUMNAS_FIJAS)):
            escribir_valor(hoja, f, c, propias.get(criterio.clave), gris if excluida else fmt.entrada)
        hoja.set_row(f, max(45, alto_de_lineas(max(lineas_de_texto(ficha.nombre, 30),
                                                    lineas_de_texto(breve, 44)))))
    if fichas:
        for c, criterio in enumerate(criterios, start=len(COLUMNAS_FIJAS)):
            filas_entrada = [f for f, ficha in enumerate(fichas, start=FILA_CABECERA + 1)
                             if not ajustes.excluida(grupo, ficha.codigo_gerencia)]
            for f in filas_entrada:
                hoja.data_validation(f, c, f, c, {
                    "validate": "list", "source": f"=escala_{criterio.clave}",
                    "input_title": recortar_palabras(criterio.nombre, 32),
                    "input_message": _mensaje_escala(criterio),
                    "error_title": "Puntaje no válido",
                    "error_message": f"Elija un número entero de {criterio.minimo} a {criterio.maximo}.",
                    "ignore_blank": True})
    hoja.freeze_panes(FILA_CABECERA + 1, 1)
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True,
                      "format_columns": True})
    preparar_impresion(hoja, horizontal=True, filas_repetidas=(FILA_CABECERA - 1, FILA_CABECERA))


def _hoja_fichas(libro: Workbook, config: Configuracion, fichas: Sequence[Ficha]) -> None:
    """El texto completo de cada ficha, una por bloque: se lee en la pantalla y se imprime igual."""
    hoja = libro.add_worksheet(HOJA_FICHAS)
    escribir_fichas_para_imprimir(libro, hoja, config, fichas, "Fichas a calificar — texto completo",
                                  f"En el mismo orden que la hoja «{HOJA_PUNTAJES}».")
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True,
                      "format_columns": True})


def _hoja_escala(libro: Workbook, ajustes: AjustesPriorizacion) -> None:
    hoja = libro.add_worksheet(HOJA_ESCALA)
    for col, criterio in enumerate(ajustes.criterios):
        hoja.write_string(0, col, criterio.clave)
        for f, punto in enumerate(criterio.puntos, start=1):
            hoja.write_number(f, col, punto)
        letra = letra_columna(col)
        libro.define_name(f"escala_{criterio.clave}",
                          f"='{HOJA_ESCALA}'!${letra}$2:${letra}${len(criterio.puntos) + 1}")
    hoja.protect("")
    hoja.hide()
