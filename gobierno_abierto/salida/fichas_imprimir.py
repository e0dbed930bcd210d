"""Una hoja para imprimir fichas: una ficha por bloque, en A4 vertical, sin partir un bloque.

La hoja ancha (una ficha por fila, una columna por campo) sirve en la pantalla para filtrar y
comparar; impresa da decenas de páginas de cuatro columnas. Aquí cada ficha es un bloque de
etiqueta y valor: los campos largos ocupan el ancho de la hoja y los cortos van de a dos por fila.
Los saltos de página se calculan con el alto de cada fila, así un bloque no queda partido.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..nucleo import esquema as E
from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.modelo import Ficha
from .excel import (
    ALTO_MAXIMO_FILA,
    COLOR_CABECERA,
    COLOR_ERROR,
    lineas_de_texto,
    preparar_impresion,
)

# Cuatro columnas: etiqueta, valor, etiqueta, valor (en caracteres de ancho de columna). En Calibri
# caben en el ancho útil de un A4 vertical a escala 100 %; la hoja se ajusta al ancho de la página
# para que tampoco se corte con otra fuente. Los saltos de página manuales entre bloques los respeta
# LibreOffice; Excel, al ajustar al ancho, pone los suyos (un bloque puede quedar partido).
ANCHOS = (21, 28, 18, 28)
PUNTOS_LINEA = 11.25         # alto de una línea de 9 puntos
RELLENO = 1.5                # espacio de más en cada fila
ALTO_PAGINA = 740.0          # puntos útiles de un A4 vertical (751 menos un margen de seguridad)
FACTOR_9_PUNTOS = 1.30       # caracteres de 9 puntos (Calibri, ~3.9 pt) por unidad de ancho (5.25 pt)
FACTOR_NEGRITA = 1.20
ETIQUETA_OGP = "Valores que promueve"
CLAVES_OGP_PREFIJO = E.clave_valor_ogp("")


@dataclass(frozen=True)
class _Fila:
    celdas: list[tuple[int, int, Any, str, tuple[str, ...]]]  # (col. inicial, final, valor, clase, claves)
    alto: float


def _es_corto(campo: Campo) -> bool:
    if campo.tipo in (Tipo.SOLES, Tipo.ENTERO, Tipo.NUMERO, Tipo.SI_NO):
        return True
    if campo.tipo is Tipo.LISTA:
        return max((len(o) for o in campo.lista), default=0) <= ANCHOS[1]
    return campo.tipo is Tipo.TEXTO and (campo.max_largo or 0) <= 80


def _lineas(valor: Any, ancho: float, negrita: bool = False) -> int:
    if not isinstance(valor, str):
        return 1
    return lineas_de_texto(valor, ancho * (FACTOR_NEGRITA if negrita else FACTOR_9_PUNTOS) + 1)


def _alto(lineas: int) -> float:
    """Alto de la fila, hasta el máximo de Excel (un texto de cientos de líneas se lee entero en «Fichas»)."""
    return min(lineas * PUNTOS_LINEA + RELLENO, ALTO_MAXIMO_FILA)


def _texto(valor: Any, campo: Campo) -> str:
    """Un valor como lo lee una persona: montos en soles, números con separador de miles."""
    if valor in (None, ""):
        return "—"
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        if campo.tipo is Tipo.SOLES:
            return textos.soles(float(valor))
        return textos.numero(valor, 0 if float(valor).is_integer() else 2)
    return str(valor)


def _compuestos(config: Configuracion) -> dict[str, tuple[str, tuple[str, ...], Callable[..., str]]]:
    """Campos que se leen mejor juntos, en una sola fila: primera clave → (etiqueta, claves, texto)."""
    a, b = config.anio_actual, config.anio_siguiente
    return {
        E.POBLACION_NUMERO: ("Población beneficiada", (E.POBLACION_NUMERO, E.POBLACION_UBICACION),
                             lambda n, u: f"{n} personas — {u}" if n != "—" else u),
        E.PRESUPUESTO_ANIO_ACTUAL: ("Presupuesto", (E.PRESUPUESTO_ANIO_ACTUAL, E.PRESUPUESTO_ANIO_SIGUIENTE),
                                    lambda x, y: f"{x} ({a}); {y} ({b})"),
        E.META_FISICA_UNIDAD: ("Meta física", (E.META_FISICA_UNIDAD, E.META_FISICA_ANIO_ACTUAL,
                                               E.META_FISICA_ANIO_SIGUIENTE),
                               lambda u, x, y: f"{x} ({a}) y {y} ({b}) {u}" if u != "—" else f"{x} ({a}) y {y} ({b})"),
    }


@dataclass(frozen=True)
class _Renglon:
    """Una fila lógica del bloque, igual para todas las fichas: su etiqueta, los campos que muestra,
    si es corta (va de a dos) y cómo se arma su texto."""

    etiqueta: str
    campos: tuple[Campo, ...]
    corto: bool
    texto: Callable[..., str] | None = None  # para los compuestos; None: el texto del único campo
    ogp: bool = False


def _renglones(config: Configuracion, campos: Sequence[Campo]) -> list[_Renglon]:
    """Las filas lógicas de una ficha, en el orden de la ficha del instructivo (una vez por hoja)."""
    por_clave = {c.clave: c for c in campos}
    compuestos = _compuestos(config)
    usadas: set[str] = set()
    salida = []
    for campo in campos:
        if campo.clave in usadas or campo.clave.startswith(CLAVES_OGP_PREFIJO):
            continue
        if campo.clave in compuestos and all(k in por_clave for k in compuestos[campo.clave][1]):
            etiqueta, claves, texto = compuestos[campo.clave]
            usadas.update(claves)
            salida.append(_Renglon(etiqueta, tuple(por_clave[k] for k in claves), False, texto))
            continue
        usadas.add(campo.clave)
        salida.append(_Renglon(campo.etiqueta_breve, (campo,), _es_corto(campo)))
    ogp = tuple(c for c in campos if c.clave.startswith(CLAVES_OGP_PREFIJO))
    if ogp:
        salida.append(_Renglon(ETIQUETA_OGP, ogp, False, ogp=True))
    return salida


def _celdas(ficha: Ficha, config: Configuracion,
            renglones: Sequence[_Renglon]) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """(etiqueta, valor, claves, corto) de cada fila lógica de una ficha."""
    salida = []
    for r in renglones:
        claves = tuple(c.clave for c in r.campos)
        if r.ogp:
            valor = _valor_ogp(ficha, config)
        elif r.texto is not None:
            valor = r.texto(*[_texto(ficha.valores.get(c.clave), c) for c in r.campos])
        else:
            valor = _texto(ficha.valores.get(claves[0]), r.campos[0])
        salida.append((r.etiqueta, valor, claves, r.corto))
    return salida


def _filas(ficha: Ficha, config: Configuracion, renglones: Sequence[_Renglon]) -> list[_Fila]:
    """Los campos largos ocupan el ancho; dos cortos seguidos comparten una fila."""
    ancho_largo = sum(ANCHOS[1:])
    logicas = _celdas(ficha, config, renglones)
    filas: list[_Fila] = []
    i = 0
    while i < len(logicas):
        etiqueta, valor, claves, corto = logicas[i]
        if corto and i + 1 < len(logicas) and logicas[i + 1][3]:
            etiqueta2, valor2, claves2, _ = logicas[i + 1]
            lineas = max(_lineas(etiqueta, ANCHOS[0], True), _lineas(valor, ANCHOS[1]),
                         _lineas(etiqueta2, ANCHOS[2], True), _lineas(valor2, ANCHOS[3]))
            filas.append(_Fila([(0, 0, etiqueta, "etiqueta", ()), (1, 1, valor, "valor", claves),
                                (2, 2, etiqueta2, "etiqueta", ()), (3, 3, valor2, "valor", claves2)],
                               _alto(lineas)))
            i += 2
            continue
        lineas = max(_lineas(etiqueta, ANCHOS[0], True), _lineas(valor, ancho_largo))
        filas.append(_Fila([(0, 0, etiqueta, "etiqueta", ()), (1, 3, valor, "valor", claves)], _alto(lineas)))
        i += 1
    return filas


def _valor_ogp(ficha: Ficha, config: Configuracion) -> str:
    """Los valores de Gobierno Abierto marcados «Sí»; lo que no sea Sí/No, tal como se escribió."""
    partes = []
    for v in config.valores_ogp:
        marca = ficha.valores.get(E.clave_valor_ogp(v.clave))
        if marca == E.SI:
            partes.append(v.nombre)
        elif marca not in (None, "", E.NO):
            partes.append(f"{v.nombre}: «{marca}»")
    return "; ".join(partes) or "Ninguno marcado"


def escribir_fichas_para_imprimir(libro: Workbook, hoja: Worksheet, config: Configuracion,
                                  fichas: Sequence[Ficha], titulo: str, nota: str = "",
                                  estado: Callable[[Ficha], str] | None = None,
                                  con_error: Collection[tuple[str, str]] = ()) -> None:
    """Una ficha por bloque. `estado` pone la situación de cada ficha en su barra de título;
    `con_error` (código, clave del campo) pinta de rojo los valores con error."""
    base = {"font_name": "Calibri", "font_size": 9, "valign": "top", "text_wrap": True, "border": 1,
            "border_color": "#BFBFBF"}
    f_titulo = libro.add_format({"font_name": "Calibri", "font_size": 13, "bold": True, "font_color": "#1F4E79"})
    f_nota = libro.add_format({"font_name": "Calibri", "font_size": 9, "italic": True, "font_color": "#595959",
                               "text_wrap": True, "valign": "top"})
    f_barra = libro.add_format({**base, "font_size": 10, "bold": True, "bg_color": COLOR_CABECERA})
    f_barra_der = libro.add_format({**base, "font_size": 10, "bold": True, "bg_color": COLOR_CABECERA,
                                    "align": "right"})
    f_etiqueta = libro.add_format({**base, "bold": True, "font_color": "#404040", "bg_color": "#F2F2F2"})
    f_valor = libro.add_format({**base, "align": "left"})
    f_valor_error = libro.add_format({**base, "align": "left", "bg_color": COLOR_ERROR})

    for c, ancho in enumerate(ANCHOS):
        hoja.set_column(c, c, ancho)
    hoja.hide_gridlines(2)
    hoja.merge_range(0, 0, 0, len(ANCHOS) - 1, titulo, f_titulo)
    hoja.set_row(0, 20)
    fila, usado = 1, 24.0
    if nota:
        alto_nota = _lineas(nota, sum(ANCHOS)) * PUNTOS_LINEA + 3
        hoja.merge_range(1, 0, 1, len(ANCHOS) - 1, nota, f_nota)
        hoja.set_row(1, alto_nota)
        fila, usado = 2, usado + alto_nota
    saltos: list[int] = []
    renglones = _renglones(config, E.campos_ficha(config))
    errores = set(con_error)
    for ficha in fichas:
        filas = _filas(ficha, config, renglones)
        alto_bloque = 15.0 + sum(f.alto for f in filas) + 5.0
        if usado + alto_bloque > ALTO_PAGINA and usado > 0:
            saltos.append(fila)
            usado = 0.0
        # barra de título del bloque: código y gerencia; a la derecha, su situación
        hoja.merge_range(fila, 0, fila, 2, f"{ficha.codigo} · {ficha.gerencia}", f_barra)
        hoja.write_string(fila, 3, estado(ficha) if estado else "", f_barra_der)
        hoja.set_row(fila, 15)
        fila += 1
        for f in filas:
            for c0, c1, valor, clase, claves in f.celdas:
                if clase == "etiqueta":
                    formato = f_etiqueta
                else:
                    error = any((ficha.codigo, k) in errores for k in claves)
                    formato = f_valor_error if error else f_valor
                if c1 > c0:  # el libro se crea sin convertir textos en fórmulas ni enlaces: queda texto
                    hoja.merge_range(fila, c0, fila, c1, str(valor), formato)
                else:
                    hoja.write_string(fila, c0, str(valor), formato)
            hoja.set_row(fila, f.alto)
            fila += 1
        hoja.set_row(fila, 5)
        fila += 1
        usado += alto_bloque
    if not fichas:
        hoja.write_string(fila, 0, "No hay fichas.", f_nota)
    hoja.set_h_pagebreaks(saltos)
    preparar_impresion(hoja, horizontal=False)
