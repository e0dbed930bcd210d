"""Piezas comunes para escribir libros de Excel con xlsxwriter.

Todos los libros del proyecto se abren aquí: el texto de los usuarios se escribe siempre como
texto (nunca como fórmula ni enlace), y los metadatos llevan una fecha fija para que la misma
entrada dé los mismos bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .publicacion import FECHA_FIJA

FORMATO_SOLES = '"S/" #,##0.00'
FORMATO_ENTERO = "#,##0"
FORMATO_NUMERO = "#,##0.##"
FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_FECHA_HORA = "dd/mm/yyyy hh:mm"

COLOR_TITULO = "#1F4E79"
COLOR_CABECERA = "#DDEBF7"
COLOR_ENTRADA = "#FFF9E5"
COLOR_ERROR = "#F8CBAD"
COLOR_ADVERTENCIA = "#FFE699"
COLOR_BIEN = "#C6EFCE"


def nuevo_libro(ruta: Path, titulo: str, autor: str = "Gobierno Regional de La Libertad") -> Workbook:
    libro = xlsxwriter.Workbook(str(ruta), {
        "strings_to_formulas": False,
        "in_memory": True,  # sin archivos temporales por cada parte del libro (3× más rápido)
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "default_date_format": FORMATO_FECHA,
    })
    libro.set_properties({"title": titulo, "author": autor, "company": autor,
                          "created": FECHA_FIJA, "comments": "Generado por procesar"})
    libro.set_calc_mode("auto")
    return libro


@dataclass
class Formatos:
    """Formatos con nombre, creados una vez por libro."""

    titulo: Any
    subtitulo: Any
    cabecera: Any
    etiqueta: Any
    etiqueta_obligatoria: Any
    ayuda: Any
    texto: Any
    texto_ajustado: Any
    valor: Any
    entrada: Any
    entrada_ajustada: Any
    entrada_soles: Any
    entrada_entero: Any
    entrada_numero: Any
    entrada_fecha: Any
    soles: Any
    entero: Any
    numero: Any
    fecha: Any
    fecha_hora: Any
    fijo: Any
    negrita: Any
    error: Any
    advertencia: Any
    bien: Any


def formatos(libro: Workbook) -> Formatos:
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    entrada = {**base, "locked": False, "bg_color": COLOR_ENTRADA, "border": 1, "border_color": "#BFBFBF"}

    def f(**kw: Any) -> Any:
        return libro.add_format({**base, **kw})

    return Formatos(
        titulo=f(bold=True, font_size=14, font_color=COLOR_TITULO, valign="vcenter"),
        subtitulo=f(italic=True, font_color="#595959"),
        cabecera=f(bold=True, bg_color=COLOR_CABECERA, border=1, text_wrap=True, valign="vcenter"),
        etiqueta=f(bold=True, text_wrap=True, bg_color="#F2F2F2", border=1, border_color="#BFBFBF"),
        etiqueta_obligatoria=f(bold=True, text_wrap=True, bg_color="#F2F2F2", border=1,
                               border_color="#BFBFBF"),
        ayuda=f(italic=True, font_color="#595959", font_size=9, text_wrap=True),
        texto=f(),
        texto_ajustado=f(text_wrap=True),
        valor=f(text_wrap=True, align="left"),
        entrada=libro.add_format({**entrada}),
        entrada_ajustada=libro.add_format({**entrada, "text_wrap": True}),
        entrada_soles=libro.add_format({**entrada, "num_format": FORMATO_SOLES}),
        entrada_entero=libro.add_format({**entrada, "num_format": FORMATO_ENTERO}),
        entrada_numero=libro.add_format({**entrada, "num_format": FORMATO_NUMERO}),
        entrada_fecha=libro.add_format({**entrada, "num_format": FORMATO_FECHA}),
        soles=f(num_format=FORMATO_SOLES),
        entero=f(num_format=FORMATO_ENTERO),
        numero=f(num_format=FORMATO_NUMERO),
        fecha=f(num_format=FORMATO_FECHA),
        fecha_hora=f(num_format=FORMATO_FECHA_HORA),
        fijo=f(bold=True, bg_color="#F2F2F2", border=1, border_color="#BFBFBF", text_wrap=True),
        negrita=f(bold=True),
        error=f(bg_color=COLOR_ERROR, text_wrap=True),
        advertencia=f(bg_color=COLOR_ADVERTENCIA, text_wrap=True),
        bien=f(bg_color=COLOR_BIEN, text_wrap=True),
    )


def escribir_valor(hoja: Worksheet, fila: int, col: int, valor: Any, formato: Any = None) -> None:
    """Escribe un valor respetando su tipo; los textos van siempre como texto."""
    if valor is None or valor == "":
        hoja.write_blank(fila, col, None, formato)
    elif isinstance(valor, bool):
        hoja.write_boolean(fila, col, valor, formato)
    elif isinstance(valor, (int, float)):
        hoja.write_number(fila, col, valor, formato)
    elif isinstance(valor, datetime):
        hoja.write_datetime(fila, col, valor.replace(tzinfo=None), formato)
    elif isinstance(valor, date):
        hoja.write_datetime(fila, col, datetime(valor.year, valor.month, valor.day), formato)
    else:
        hoja.write_string(fila, col, str(valor), formato)


def escribir_tabla(hoja: Worksheet, cabeceras: Sequence[str], filas: Sequence[Sequence[Any]],
                   anchos: Sequence[int], fmt: Formatos, formatos_columna: Sequence[Any] | None = None,
                   fila_inicio: int = 0) -> None:
    """Tabla de datos: cabecera fija, filtros, anchos y formatos por columna."""
    for c, texto in enumerate(cabeceras):
        hoja.write_string(fila_inicio, c, texto, fmt.cabecera)
        hoja.set_column(c, c, anchos[c] if c < len(anchos) else 15)
    for f, fila in enumerate(filas, start=fila_inicio + 1):
        lineas = 1
        for c, valor in enumerate(fila):
            formato = formatos_columna[c] if formatos_columna else None
            escribir_valor(hoja, f, c, valor, formato or fmt.texto_ajustado)
            if isinstance(valor, str) and c < len(anchos):
                lineas = max(lineas, lineas_de_texto(valor, anchos[c]))
        if lineas > 1:  # ni Excel ni Calc ajustan solos el alto de filas escritas por programa
            hoja.set_row(f, min(13 * lineas + 2, 300))
    hoja.freeze_panes(fila_inicio + 1, 0)
    if cabeceras:
        hoja.autofilter(fila_inicio, 0, fila_inicio + max(len(filas), 1), len(cabeceras) - 1)
    hoja.set_row(fila_inicio, 30)
    preparar_impresion(hoja, fila_cabecera=fila_inicio)


def lineas_de_texto(texto: str, ancho: int) -> int:
    """Líneas que ocupa un texto ajustado en una columna de `ancho` caracteres (estimación)."""
    util = max(ancho - 1, 1)
    return sum(max(1, -(-len(parte) // util)) for parte in texto.split("\n"))


def preparar_impresion(hoja: Worksheet, fila_cabecera: int | None = None) -> None:
    """A4 horizontal, ajustado al ancho de la página, con la cabecera repetida en cada hoja."""
    hoja.set_paper(9)
    hoja.set_landscape()
    hoja.fit_to_pages(1, 0)
    if fila_cabecera is not None:
        hoja.repeat_rows(fila_cabecera)


def recortar(texto: str, maximo: int) -> str:
    """Los mensajes de validación de Excel tienen topes (título 32, texto 255)."""
    return texto if len(texto) <= maximo else texto[: maximo - 1] + "…"
