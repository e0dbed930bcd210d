"""Textos para personas: artículos, singular y plural, recortes sin partir palabras y alto de filas."""

from __future__ import annotations

import pytest

from gobierno_abierto.nucleo.textos import cantidad, con_articulo, plural
from gobierno_abierto.salida.excel import (
    CARACTERES_10_PUNTOS,
    CARACTERES_TITULO,
    lineas_de_texto,
    recortar_palabras,
)


@pytest.mark.parametrize(("texto", "esperado"), [
    ("Auditorio de la Sede del Gobierno Regional", "el Auditorio de la Sede del Gobierno Regional"),
    ("Sala de reuniones de la Gerencia Regional de Salud, Trujillo",
     "la Sala de reuniones de la Gerencia Regional de Salud, Trujillo"),
    ("Consejo Consultivo Regional de Salud; Mesa de Concertación para la Lucha Contra la Pobreza",
     "el Consejo Consultivo Regional de Salud y la Mesa de Concertación para la Lucha Contra la Pobreza"),
    ("organizaciones de la sociedad civil", "las organizaciones de la sociedad civil"),
    ("la Sala 3", "la Sala 3"),            # ya trae artículo
    ("Trujillo", "Trujillo"),              # nombre propio
    ("CODESCILL; Universidad Nacional de Trujillo", "CODESCILL y la Universidad Nacional de Trujillo"),
])
def test_con_articulo(texto: str, esperado: str) -> None:
    assert con_articulo(texto) == esperado


def test_singular_y_plural() -> None:
    assert [cantidad(n, "ficha", "fichas") for n in (0, 1, 2, 1500)] == [
        "0 fichas", "1 ficha", "2 fichas", "1,500 fichas"]
    assert plural(1, "priorizó", "priorizaron") == "priorizó"


def test_recortar_sin_partir_palabras() -> None:
    titulo = recortar_palabras("Objetivo estratégico del Plan de Desarrollo Concertado al que contribuye", 32)
    assert titulo == "Objetivo estratégico del Plan…" and len(titulo) <= 32
    assert recortar_palabras("Corto", 32) == "Corto"


def test_lineas_de_texto_corta_por_palabras() -> None:
    assert lineas_de_texto("uno dos tres", 20) == 1
    assert lineas_de_texto("palabras largas separadas", 10) == 3   # cada palabra a su línea
    assert lineas_de_texto("a\nb\nc", 30) == 3
    assert lineas_de_texto("x" * 45, 10) == 5                        # una palabra más larga que la columna


def test_lineas_de_texto_en_el_ancho_de_una_columna() -> None:
    """Con `por_unidad`, el ancho es el de la columna: en una de 56 caben unos 65 caracteres de 10
    puntos (LibreOffice con DejaVu Sans pone ~78, Excel con Calibri ~73), y menos en mayúsculas."""
    texto = "Ana Vásquez Rodríguez — Especialista, Gerencia Regional de Educación; José Castillo Reyes"
    assert lineas_de_texto(texto[:60], 56) == 2  # contando un carácter por unidad
    assert lineas_de_texto(texto[:60], 56, CARACTERES_10_PUNTOS) == 1
    assert lineas_de_texto(texto, 56, CARACTERES_10_PUNTOS) == 2
    assert lineas_de_texto(texto[:60].upper(), 56, CARACTERES_10_PUNTOS) == 2
    titulo = "Compromisos seleccionados por el Comité de Gobierno Abierto y su respuesta"  # 74 caracteres
    assert lineas_de_texto(titulo, 90, CARACTERES_TITULO) == 1
    assert lineas_de_texto(titulo, 80, CARACTERES_TITULO) == 2


def test_porcentaje_no_se_parte() -> None:
    from gobierno_abierto.nucleo.textos import porcentaje

    assert [porcentaje(x) for x in (0.8, 0.125, 1, 0)] == ["80\u00a0%", "13\u00a0%", "100\u00a0%", "0\u00a0%"]
