"""Piezas comunes para escribir libros de Excel con xlsxwriter.

Todos los libros del proyecto se abren aquí: el texto de los usuarios se escribe siempre como
texto (nunca como fórmula ni enlace), y los metadatos llevan una fecha fija para que la misma
entrada dé los mismos bytes. Al cerrarse, cada hoja visible queda lista para imprimir: A4, la
configuración de `preparar_impresion` (la única que hay), un encabezado con la entidad y el nombre
oficial del año y un pie «Página N de M» con el nombre del archivo.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..nucleo.configuracion import Configuracion
from ..nucleo.textos import recortar  # los mensajes de validación de Excel tienen topes (32, 255)
from .publicacion import FECHA_FIJA

FORMATO_SOLES = '"S/" #,##0.00'
FORMATO_ENTERO = "#,##0"
FORMATO_NUMERO = "#,##0.##"
FORMATO_PUNTAJE = "0.00"  # como en «Ranking» y en las actas: 90.00 (con «#,##0.##» Excel muestra «90.»)
FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_FECHA_HORA = "dd/mm/yyyy hh:mm"

COLOR_TITULO = "#1F4E79"
COLOR_CABECERA = "#DDEBF7"
COLOR_ENTRADA = "#FFF9E5"
COLOR_ERROR = "#F8CBAD"
COLOR_ADVERTENCIA = "#FFE699"
COLOR_BIEN = "#C6EFCE"


class LibroImprimible(Workbook):
    """Un libro que, al cerrarse, deja cada hoja visible lista para imprimir (ver `cerrar_hojas`)."""

    def __init__(self, ruta: str, opciones: dict[str, Any], config: Configuracion | None) -> None:
        super().__init__(ruta, opciones)
        self.config = config

    def close(self) -> None:
        """Un error del sistema al guardar (disco lleno, carpeta sin permiso) sale como el OSError que es,
        para que se explique como tal (código 2), y no como un error del programa."""
        cerrar_hojas(self, self.config)
        anterior = sys.unraisablehook
        # el .zip a medio escribir que deja xlsxwriter se cierra al soltarlo y vuelve a fallar: ese segundo
        # aviso (en inglés, en la consola) no dice nada que el error de abajo no diga
        sys.unraisablehook = lambda _: None
        try:
            try:
                super().close()
                return
            except FileCreateError as e:
                causa = e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(str(e))
                causa.__traceback__ = None
        finally:
            sys.unraisablehook = anterior
        raise causa


def nuevo_libro(ruta: Path, titulo: str, config: Configuracion | None = None,
                autor: str = "Gobierno Regional de La Libertad") -> Workbook:
    """Con `config`, el encabezado impreso de cada hoja lleva la entidad y el nombre oficial del año."""
    libro = LibroImprimible(str(ruta), {
        "strings_to_formulas": False,
        "in_memory": True,  # sin archivos temporales por cada parte del libro (3× más rápido)
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "default_date_format": FORMATO_FECHA,
    }, config)
    libro.set_properties({"title": titulo, "author": autor, "company": autor,
                          "created": FECHA_FIJA, "comments": "Generado por procesar"})
    libro.set_calc_mode("auto")
    return libro


_BASE = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
_ENTRADA = {**_BASE, "locked": False, "bg_color": COLOR_ENTRADA, "border": 1, "border_color": "#BFBFBF"}
_BORDE = {"border": 1, "border_color": "#BFBFBF"}
# Los formatos para datos sueltos; cada uno tiene su gemelo con el borde gris de una tabla (`en_tabla`):
# las tablas se imprimen con sus celdas separadas sin imprimir la cuadrícula de toda la hoja.
_SUELTOS: dict[str, dict[str, Any]] = {
    "texto": {}, "texto_ajustado": {"text_wrap": True}, "valor": {"text_wrap": True, "align": "left"},
    "soles": {"num_format": FORMATO_SOLES}, "entero": {"num_format": FORMATO_ENTERO, "align": "center"},
    "numero": {"num_format": FORMATO_NUMERO}, "puntaje": {"num_format": FORMATO_PUNTAJE},
    "fecha": {"num_format": FORMATO_FECHA},
    "fecha_hora": {"num_format": FORMATO_FECHA_HORA}}
# Cada formato con nombre: sus propiedades completas, declaradas una vez.
ESTILOS: dict[str, dict[str, Any]] = {
    "titulo": {**_BASE, "bold": True, "font_size": 14, "font_color": COLOR_TITULO, "valign": "vcenter"},
    "subtitulo": {**_BASE, "italic": True, "font_color": "#595959"},
    # los de `escribir_titulo`: combinados a lo ancho de la hoja, con ajuste de texto
    "titulo_ajustado": {**_BASE, "bold": True, "font_size": 14, "font_color": COLOR_TITULO, "valign": "vcenter",
                        "text_wrap": True},
    "subtitulo_ajustado": {**_BASE, "italic": True, "font_color": "#595959", "text_wrap": True},
    "cabecera": {**_BASE, "bold": True, "bg_color": COLOR_CABECERA, "border": 1, "text_wrap": True,
                 "valign": "vcenter"},
    "etiqueta": {**_BASE, "bold": True, "text_wrap": True, "bg_color": "#F2F2F2", **_BORDE},
    "ayuda": {**_BASE, "italic": True, "font_color": "#595959", "font_size": 9, "text_wrap": True},
    **{nombre: {**_BASE, **kw} for nombre, kw in _SUELTOS.items()},
    **{f"{nombre}_con_borde": {**_BASE, **kw, **_BORDE} for nombre, kw in _SUELTOS.items()},
    "entrada": _ENTRADA,
    "entrada_ajustada": {**_ENTRADA, "text_wrap": True},
    "entrada_soles": {**_ENTRADA, "num_format": FORMATO_SOLES},
    "entrada_entero": {**_ENTRADA, "num_format": FORMATO_ENTERO},
    "entrada_numero": {**_ENTRADA, "num_format": FORMATO_NUMERO},
    "entrada_fecha": {**_ENTRADA, "num_format": FORMATO_FECHA},
    "fijo": {**_BASE, "bold": True, "bg_color": "#F2F2F2", **_BORDE, "text_wrap": True},
    "negrita": {**_BASE, "bold": True},
    "error": {**_BASE, "bg_color": COLOR_ERROR, "text_wrap": True},
    "advertencia": {**_BASE, "bg_color": COLOR_ADVERTENCIA, "text_wrap": True},
    "bien": {**_BASE, "bg_color": COLOR_BIEN, "text_wrap": True},
}


class Formatos:
    """Los formatos con nombre de un libro (`ESTILOS`), creados la primera vez que se usan: un libro
    de observaciones usa seis de veintiocho, y crearlos todos costaba la mitad de escribirlo. Un
    formato que no se usa no llega al libro, así que el archivo es el mismo."""

    titulo: Any
    subtitulo: Any
    titulo_ajustado: Any  # los de `escribir_titulo`: combinados a lo ancho de la hoja, con ajuste de texto
    subtitulo_ajustado: Any
    cabecera: Any
    etiqueta: Any
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
    puntaje: Any
    fecha: Any
    fecha_hora: Any
    fijo: Any
    negrita: Any
    error: Any
    advertencia: Any
    bien: Any

    def __init__(self, libro: Workbook) -> None:
        self._libro = libro
        self._sueltos: dict[int, str] = {}  # id de un formato suelto → su nombre

    def __getattr__(self, nombre: str) -> Any:
        estilo = ESTILOS.get(nombre) if not nombre.startswith("_") else None
        if estilo is None:
            raise AttributeError(nombre)
        formato = self._libro.add_format(estilo)
        self.__dict__[nombre] = formato  # la próxima vez no pasa por aquí
        if nombre in _SUELTOS:
            self._sueltos[id(formato)] = nombre
        return formato

    def en_tabla(self, formato: Any) -> Any:
        """El mismo formato con el borde de una tabla (si es uno de los sueltos)."""
        nombre = self._sueltos.get(id(formato))
        return getattr(self, f"{nombre}_con_borde") if nombre else formato


def formatos(libro: Workbook) -> Formatos:
    return Formatos(libro)


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
                   fila_inicio: int = 0, horizontal: bool = True, ocultas: Sequence[int] = (),
                   alto_por: Sequence[int] | None = None) -> None:
    """Tabla de datos: cabecera fija (alta lo que pida su texto), filtros, anchos y formatos por
    columna, y su impresión (cuadrícula, cabecera repetida). `ocultas`: columnas para programas, no
    para personas (no se ven ni se imprimen). `alto_por`: las columnas que deciden el alto de cada
    fila (por omisión, todas)."""
    for c, texto in enumerate(cabeceras):
        hoja.write_string(fila_inicio, c, texto, fmt.cabecera)
        ancho = anchos[c] if c < len(anchos) else 15
        hoja.set_column(c, c, ancho, None, {"hidden": True} if c in ocultas else None)
    for f, fila in enumerate(filas, start=fila_inicio + 1):
        lineas = 1
        for c, valor in enumerate(fila):
            formato = formatos_columna[c] if formatos_columna else None
            escribir_valor(hoja, f, c, valor, fmt.en_tabla(formato or fmt.texto_ajustado))
            if (isinstance(valor, str) and c < len(anchos) and c not in ocultas
                    and (alto_por is None or c in alto_por)):
                lineas = max(lineas, lineas_de_texto(valor, anchos[c], CARACTERES_10_PUNTOS))
        if lineas > 1:  # ni Excel ni Calc ajustan solos el alto de filas escritas por programa
            hoja.set_row(f, alto_de_lineas(lineas))
    hoja.freeze_panes(fila_inicio + 1, 0)
    if cabeceras:
        hoja.autofilter(fila_inicio, 0, fila_inicio + max(len(filas), 1), len(cabeceras) - 1)
    hoja.set_row(fila_inicio, alto_cabecera([t for c, t in enumerate(cabeceras) if c not in ocultas],
                                            [a for c, a in enumerate(anchos) if c not in ocultas]))
    preparar_impresion(hoja, fila_cabecera=fila_inicio, horizontal=horizontal)


# Caracteres por unidad de ancho de columna (el dígito de Calibri 11), medidos en texto en castellano
# con mayúsculas y minúsculas: a 10 puntos, ~1,3 en Excel (Calibri) y ~1,4 en LibreOffice con DejaVu
# Sans (la que usa donde no está Calibri); a 14 puntos en negrita, ~0,9 en los dos. Se toma algo menos
# para no cortar nunca un texto; uno todo en mayúsculas ocupa ~25 % más (`lineas_de_texto` lo cuenta).
CARACTERES_10_PUNTOS = 1.2
CARACTERES_TITULO = 0.85


def lineas_de_texto(texto: str, ancho: float, por_unidad: float | None = None) -> int:
    """Líneas que ocupa un texto ajustado en una columna de `ancho` caracteres: se simula el corte
    por palabras (una palabra que no cabe pasa entera a la línea siguiente). Con `por_unidad`
    (`CARACTERES_10_PUNTOS`, `CARACTERES_TITULO`), `ancho` es el de la columna y caben `por_unidad`
    caracteres en cada unidad, menos si el texto trae mayúsculas."""
    texto = str(texto)
    if por_unidad is not None:
        # si cabe aun siendo todo mayúsculas, no hace falta contarlas (la mayoría de las celdas)
        if len(texto) <= max(ancho * por_unidad / 1.25 - 1, 1) and "\n" not in texto:
            return 1
        mayusculas = sum(map(str.isupper, texto)) / max(len(texto), 1)
        ancho = ancho * por_unidad / (1 + 0.25 * mayusculas)
    util = max(ancho - 1, 1)
    if len(texto) <= util and "\n" not in texto:
        return 1  # lo más común: cabe en una línea
    total = 0
    for parrafo in texto.split("\n"):
        lineas, largo = 1, 0
        for palabra in parrafo.split():
            n = len(palabra)
            if largo and largo + 1 + n > util:
                lineas += 1
                largo = 0
            largo = largo + 1 + n if largo else n
            while largo > util:  # palabra más larga que la columna
                lineas += 1
                largo -= int(util)
        total += lineas
    return max(total, 1)


ALTO_MAXIMO_FILA = 409  # puntos: Excel no admite una fila más alta


def alto_de_lineas(lineas: int, punto: float = 13) -> float:
    """Alto de fila (puntos) para `lineas` de texto de 10 puntos, hasta `ALTO_MAXIMO_FILA`."""
    return min(punto * lineas + 3, ALTO_MAXIMO_FILA)


def alto_cabecera(cabeceras: Sequence[str], anchos: Sequence[float], minimo: float = 30) -> float:
    """La fila de cabecera alta lo que pida su texto más largo (en negrita ocupa ~10 % más)."""
    lineas = max((lineas_de_texto(t, 0.9 * (anchos[c] if c < len(anchos) else 15))
                  for c, t in enumerate(cabeceras)), default=1)
    return max(minimo, alto_de_lineas(lineas))


def preparar_impresion(hoja: Worksheet, fila_cabecera: int | None = None, *, horizontal: bool = True,
                       ajustar_ancho: bool = True, paginas_alto: int = 0,
                       filas_repetidas: tuple[int, int] | None = None, columnas_repetidas: int | None = None,
                       area: tuple[int, int, int, int] | None = None, cuadricula: bool = False,
                       escala: int | None = None) -> None:
    """La configuración de impresión de una hoja, la única del proyecto: A4, orientación, márgenes,
    ajuste al ancho de la página (o una escala fija, que respeta los saltos de página manuales), la
    cabecera repetida en cada página, el área de impresión y la cuadrícula de las tablas."""
    hoja.set_paper(9)
    if horizontal:
        hoja.set_landscape()
    else:
        hoja.set_portrait()
    hoja.set_margins(left=0.5, right=0.5, top=0.65, bottom=0.6)
    if escala is not None:
        hoja.set_print_scale(escala)
    elif ajustar_ancho:
        hoja.fit_to_pages(1, paginas_alto)
    if filas_repetidas is not None:
        hoja.repeat_rows(*filas_repetidas)
    elif fila_cabecera is not None:
        hoja.repeat_rows(fila_cabecera)
    if columnas_repetidas is not None:
        hoja.repeat_columns(0, columnas_repetidas)
    if area is not None:
        hoja.print_area(*area)
        hoja.area_impresion = area  # type: ignore[attr-defined]  # el ancho de los títulos (`_ajustar_titulos`)
    if cuadricula:
        hoja.hide_gridlines(0)
    hoja.preparada_para_imprimir = True  # type: ignore[attr-defined]


def _texto_encabezado(texto: str) -> str:
    return texto.replace("&", "&&")


# LibreOffice, al abrir un .xlsx, da al encabezado y al pie un alto «dinámico» (el texto medido más
# el espacio hasta los datos) cuando el texto declarado (8 pt) cabe en la franja entre margen y
# encabezado; y lo mide distinto al contar las páginas y al dibujarlas. Una franja de ~1 punto más
# al contar basta para que cuente una página más de las que dibuja: sale una hoja de papel en blanco
# al final de una tabla larga (p. ej. «Por grupo»). Un espacio de 20 pt en la sección central (no se
# ve) hace que la franja (0,25", 18 pt) sea menor que el texto declarado: LibreOffice fija entonces
# el alto del encabezado y del pie en la franja, igual al contar y al dibujar. Excel no cambia.
_FIJAR_ALTO = "&C&20 "
_MARGEN_ENCABEZADO = 0.4  # pulgadas: superior 0,65 − 0,4 = 0,25" de franja
_MARGEN_PIE = 0.35  # inferior 0,6 − 0,35 = 0,25"


def cerrar_hojas(libro: Workbook, config: Configuracion | None) -> None:
    """Antes de cerrar un libro: cada hoja visible tiene su impresión (la de omisión si su escritor
    no la preparó), un encabezado con la entidad y el nombre oficial del año, y un pie con el
    archivo y «Página N de M»."""
    encabezado = ""
    if config is not None:
        encabezado = (f'&L&"Calibri,Regular"&8{_texto_encabezado(recortar(config.entidad, 90))}{_FIJAR_ALTO}'
                      f'&R&"Calibri,Italic"&8“{_texto_encabezado(recortar(config.nombre_anio, 90))}”')
    pie = f'&L&"Calibri,Regular"&8&F — &A{_FIJAR_ALTO}&R&"Calibri,Regular"&8Página &P de &N'
    for hoja in libro.worksheets():
        if hoja.hidden:
            continue
        if not getattr(hoja, "preparada_para_imprimir", False):
            preparar_impresion(hoja, horizontal=False)
        _ajustar_titulos(hoja)
        if encabezado:
            hoja.set_header(encabezado, {"margin": _MARGEN_ENCABEZADO})
        hoja.set_footer(pie, {"margin": _MARGEN_PIE})


def escribir_titulo(hoja: Worksheet, fmt: Formatos, config: Configuracion | None, titulo: str,
                    subtitulo: str = "", columnas: int = 1, notas: Sequence[str] = ()) -> int:
    """Nombre oficial del año, título, subtítulo y `notas` (una por fila: la situación de un libro de
    observaciones, por ejemplo) en las primeras filas; devuelve la fila siguiente, que queda en blanco.

    Al cerrarse el libro cada línea se combina a lo ancho de la hoja (al menos `columnas`; el área
    de impresión si la hay) y se ajusta en varias líneas: un título largo no se corta en el borde
    derecho de la página impresa (ver `_ajustar_titulos`)."""
    lineas = [(f"“{config.nombre_anio}”", fmt.subtitulo_ajustado, 10)] if config is not None else []
    lineas += [(titulo, fmt.titulo_ajustado, 14)] + ([(subtitulo, fmt.subtitulo_ajustado, 10)] if subtitulo else [])
    lineas += [(nota, fmt.subtitulo_ajustado, 10) for nota in notas]
    for f, (texto, formato, _punto) in enumerate(lineas):
        hoja.write_string(f, 0, texto, formato)
    hoja.titulos_por_ajustar = [(f, *linea) for f, linea in enumerate(lineas)]  # type: ignore[attr-defined]
    hoja.columnas_de_titulo = columnas  # type: ignore[attr-defined]
    return len(lineas) + 1


def _ajustar_titulos(hoja: Worksheet) -> None:
    """Las líneas de `escribir_titulo`, ya con los anchos de columna puestos: cada una se combina de la
    columna A a la última que se imprime y su fila alta lo que pidan sus líneas. (Los anchos se leen de
    xlsxwriter: `col_info` en píxeles, `dim_colmax` la última columna con datos.)"""
    pendientes = getattr(hoja, "titulos_por_ajustar", None)
    if not pendientes:
        return
    area = getattr(hoja, "area_impresion", None)
    ultima = area[3] if area is not None else (hoja.dim_colmax or 0)
    ultima = max(ultima, getattr(hoja, "columnas_de_titulo", 1) - 1)
    ancho = 0.0  # en caracteres de la fuente de la hoja
    for c in range(ultima + 1):
        info = hoja.col_info.get(c)
        if info is None or info.width is None:
            ancho += (hoja.default_col_width - 5) / 7
        elif not info.hidden:
            ancho += max(info.width - 5, 0) / 7
    for fila, texto, formato, punto in pendientes:
        if ultima > 0:
            hoja.merge_range(fila, 0, fila, ultima, texto, formato)
        lineas = lineas_de_texto(texto, ancho, CARACTERES_TITULO if punto > 10 else CARACTERES_10_PUNTOS)
        hoja.set_row(fila, max(20.0 if punto > 10 else 15.0, alto_de_lineas(lineas, 1.35 * punto)))


def recortar_palabras(texto: str, maximo: int) -> str:
    """Como `recortar`, pero sin partir una palabra: «Objetivo estratégico del Plan…»."""
    if len(texto) <= maximo:
        return texto
    inicio = texto[: maximo - 1]
    corte = inicio.rsplit(" ", 1)[0].rstrip(" ,;:(") if " " in inicio else ""
    return (corte + "…") if corte else recortar(texto, maximo)
