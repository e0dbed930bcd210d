"""Piezas comunes de los instrumentos: los libros que se entregan para llenar (fichas, perfil, puntaje).

Todos tienen la misma forma: columnas etiqueta · entrada · ayuda, un encabezado con el nombre
oficial del año, los pasos para llenarlo, la guía de los campos, validaciones de datos que salen
del esquema, listas ocultas y la hoja oculta «Control» que dice qué plantilla es y de qué versión.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..entrada.medicion import letra_columna
from ..nucleo.configuracion import Configuracion
from ..nucleo.control import ContratoControl
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.textos import numero
from .excel import Formatos, recortar

COL_ETIQUETA, COL_ENTRADA, COL_AYUDA = 1, 2, 3
PROTEGER_ENTRADAS = {"select_locked_cells": True, "select_unlocked_cells": True}


def disponer_columnas(hoja: Worksheet, etiqueta: int, entrada: int, ayuda: int) -> None:
    """Sin cuadrícula, un margen angosto y las tres columnas etiqueta · entrada · ayuda."""
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 2)
    hoja.set_column(COL_ETIQUETA, COL_ETIQUETA, etiqueta)
    hoja.set_column(COL_ENTRADA, COL_ENTRADA, entrada)
    hoja.set_column(COL_AYUDA, COL_AYUDA, ayuda)


def encabezado(
    hoja: Worksheet,
    fmt: Formatos,
    config: Configuracion,
    titulo: str,
    subtitulo: str,
    primera: int = COL_ETIQUETA,
    ultima: int = COL_AYUDA,
) -> None:
    """Nombre oficial del año, título y subtítulo en las tres primeras filas, de `primera` a `ultima`."""
    hoja.merge_range(0, primera, 0, ultima, f"“{config.nombre_anio}”", fmt.subtitulo)
    hoja.merge_range(1, primera, 1, ultima, titulo, fmt.titulo)
    hoja.merge_range(2, primera, 2, ultima, subtitulo, fmt.subtitulo)
    hoja.set_row(1, 24)


def alto_texto(*textos: tuple[str, int], minimo: int = 15) -> int:
    """Alto de fila (puntos) para que quepan textos ajustados, cada uno a su ancho de columna."""
    lineas = max(-(-len(texto) // max(ancho, 1)) for texto, ancho in textos)
    return max(minimo, 13 * lineas + 2)


def etiqueta_campo(campo: Campo) -> str:
    """La etiqueta de un campo como la ve quien llena: con * si es obligatorio."""
    return campo.etiqueta + (" *" if campo.obligatorio else "")


def limite(campo: Campo) -> str:
    """Lo que admite un campo, en palabras (columna «Límite» de la guía)."""
    if campo.tipo is Tipo.LISTA:
        return "Elegir de la lista"
    if campo.tipo is Tipo.SI_NO:
        return "Sí o No"
    if campo.tipo is Tipo.FECHA:
        return "Fecha dd/mm/aaaa"
    if campo.es_numero:
        return f"Entre {numero(campo.minimo or 0)} y {numero(campo.maximo or 0)}"
    if campo.max_largo:
        return f"Hasta {numero(campo.max_largo)} caracteres"
    return ""


def formato_entrada(campo: Campo, fmt: Formatos) -> Any:
    """El formato de la celda de entrada de un campo según su tipo."""
    return {
        Tipo.SOLES: fmt.entrada_soles,
        Tipo.ENTERO: fmt.entrada_entero,
        Tipo.NUMERO: fmt.entrada_numero,
        Tipo.FECHA: fmt.entrada_fecha,
    }.get(campo.tipo, fmt.entrada_ajustada)


def validar_entrada(
    hoja: Worksheet,
    celdas: tuple[int, int, int, int],
    campo: Campo,
    titulo: str,
    propias: dict[str, Any] | None = None,
) -> None:
    """La validación de datos de unas celdas de entrada: la lista o el largo que declara el campo, o
    `propias` (fechas y números, cuyos límites y mensajes dicen algo de cada libro)."""
    opciones: dict[str, Any]
    if campo.tipo is Tipo.LISTA:
        opciones = {
            "validate": "list",
            "source": f"=lista_{campo.clave_lista}",
            "error_message": "Elija una opción de la lista desplegable.",
        }
    elif propias is not None:
        opciones = propias
    elif campo.max_largo:
        opciones = {
            "validate": "length",
            "criteria": "<=",
            "value": campo.max_largo,
            "error_message": f"El texto admite como máximo {campo.max_largo:,} caracteres.",
        }
    else:
        return
    hoja.data_validation(
        *celdas,
        {
            "input_title": titulo,
            "input_message": recortar(campo.ayuda, 255),
            "error_title": "Valor no válido",
            "ignore_blank": True,
            **opciones,
        },
    )


def escribir_pasos(
    hoja: Worksheet, fmt: Formatos, fila: int, pasos: Sequence[str], alto: Callable[[str], float]
) -> int:
    """«Cómo llenar este libro»: un paso numerado por fila; devuelve la fila siguiente."""
    hoja.merge_range(fila, COL_ETIQUETA, fila, COL_AYUDA, "Cómo llenar este libro", fmt.titulo)
    fila += 1
    for i, paso in enumerate(pasos, start=1):
        hoja.write_string(fila, COL_ETIQUETA, f"Paso {i}", fmt.etiqueta)
        hoja.merge_range(fila, COL_ENTRADA, fila, COL_AYUDA, paso, fmt.texto_ajustado)
        hoja.set_row(fila, alto(paso))
        fila += 1
    return fila


def escribir_guia(
    hoja: Worksheet, fmt: Formatos, fila: int, titulo: str, guia: Sequence[tuple[str, str, str]]
) -> int:
    """La guía de los campos: (campo, qué escribir, límite) por fila; devuelve la fila siguiente."""
    hoja.merge_range(fila, COL_ETIQUETA, fila, COL_AYUDA, titulo, fmt.titulo)
    fila += 1
    for c, cabecera in (
        (COL_ETIQUETA, "Campo"),
        (COL_ENTRADA, "Qué escribir"),
        (COL_AYUDA, "Límite"),
    ):
        hoja.write_string(fila, c, cabecera, fmt.cabecera)
    fila += 1
    for nombre, ayuda, tope in guia:
        hoja.write_string(fila, COL_ETIQUETA, nombre, fmt.texto_ajustado)
        hoja.write_string(fila, COL_ENTRADA, ayuda, fmt.texto_ajustado)
        hoja.write_string(fila, COL_AYUDA, tope, fmt.texto_ajustado)
        hoja.set_row(fila, alto_texto((nombre, 34), (ayuda, 62)))
        fila += 1
    return fila


def escribir_hoja_listas(
    libro: Workbook,
    nombre_hoja: str,
    listas: Mapping[str, Sequence[str]],
    formato_cabecera: Any = None,
    ancho: int | None = None,
) -> None:
    """Hoja oculta con una columna por lista; el nombre definido `lista_<clave>` es la fuente de las
    listas desplegables."""
    hoja = libro.add_worksheet(nombre_hoja)
    for col, (clave, opciones) in enumerate(listas.items()):
        hoja.write_string(0, col, clave, formato_cabecera)
        if ancho is not None:
            hoja.set_column(col, col, ancho)
        for f, opcion in enumerate(opciones, start=1):
            hoja.write_string(f, col, opcion)
        letra = letra_columna(col)
        libro.define_name(
            f"lista_{clave}", f"='{nombre_hoja}'!${letra}$2:${letra}${len(opciones) + 1}"
        )
    hoja.protect("")
    hoja.hide()


def escribir_hoja_control(
    libro: Workbook,
    contrato: ContratoControl,
    cambios: Mapping[str, str] | None = None,
    otras: Sequence[tuple[str, str]] = (),
) -> None:
    """La hoja oculta «Control»: qué plantilla es el libro y de qué versión, en las celdas que nombra
    el contrato (las mismas que busca la lectura). `cambios` (clave → valor) simula una plantilla
    antigua o ajena (demostración y pruebas); `otras` son filas informativas sin nombre."""
    cambios = cambios or {}
    filas = [
        (contrato.clave_id, contrato.plantilla_id, contrato.nombre_id),
        (contrato.clave_version, contrato.version, contrato.nombre_version),
        *((clave, valor, None) for clave, valor in otras),
    ]
    hoja = libro.add_worksheet(contrato.hoja)
    for f, (clave, valor, nombre) in enumerate(filas):
        hoja.write_string(f, 0, clave)
        hoja.write_string(f, 1, cambios.get(clave, valor))
        if nombre:
            libro.define_name(nombre, f"='{contrato.hoja}'!$B${f + 1}")
    hoja.protect("")
    hoja.hide()
