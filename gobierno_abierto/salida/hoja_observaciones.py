"""La hoja «Observaciones» de todos los libros: un problema por fila, con dónde está y qué corregir.

Cada libro elige sus columnas de `COLUMNAS` (la versión para una gerencia omite las que ya dice el
encabezado de su libro); «Código» es para programas y pruebas: va oculta. Las hojas ocultas de un
instrumento no se nombran (una persona no puede ir a esas celdas).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..nucleo.configuracion import Configuracion
from ..nucleo.observaciones import Observacion
from .excel import Formatos, escribir_tabla, escribir_titulo, formatos, nuevo_libro

HOJA_OBSERVACIONES = "Observaciones"

# Todas las columnas posibles, en el orden de `_fila`, con su ancho.
COLUMNAS = {
    "Gerencia": 10,
    "Grupo": 10,
    "Archivo": 24,
    "Hoja": 10,
    "Celda": 7,
    "Ficha": 10,
    "Campo": 24,
    "Valor escrito": 22,
    "Severidad": 11,
    "Qué corregir": 60,
    "Código": 24,
}
_ORDEN = tuple(COLUMNAS)


def _fila(
    o: Observacion, etiquetas: Mapping[str, str], hojas_ocultas: Collection[str]
) -> tuple[Any, ...]:
    hoja, celda = ("", "") if o.hoja in hojas_ocultas else (o.hoja, o.celda)
    return (
        o.gerencia,
        o.contexto.get("grupo", ""),
        o.archivo,
        hoja,
        celda,
        o.ficha,
        etiquetas.get(o.campo, o.campo),
        o.valor,
        o.severidad.value,
        o.mensaje,
        o.codigo.value,
    )


def escribir_observaciones(
    hoja: Any,
    fmt: Formatos,
    observaciones: Sequence[Observacion],
    columnas: Sequence[str],
    etiquetas: Mapping[str, str],
    hojas_ocultas: Collection[str] = (),
    fila_inicio: int = 0,
    anchos: Mapping[str, int] | None = None,
) -> None:
    """La tabla de observaciones con `columnas` (de `COLUMNAS`); `etiquetas` nombra los campos como los
    ve quien llena el libro; `anchos` cambia el de alguna columna."""
    indices = [_ORDEN.index(c) for c in columnas]
    medidas = {**COLUMNAS, **(anchos or {})}
    filas = []
    for o in observaciones:
        completa = _fila(o, etiquetas, hojas_ocultas)
        filas.append([completa[i] for i in indices])
    escribir_tabla(
        hoja,
        columnas,
        filas,
        [medidas[c] for c in columnas],
        fmt,
        fila_inicio=fila_inicio,
        ocultas=[i for i, c in enumerate(columnas) if c == "Código"],
    )
    if filas:
        col = list(columnas).index("Severidad")
        ultima = fila_inicio + len(filas)
        for valor, formato in (('"error"', fmt.error), ('"advertencia"', fmt.advertencia)):
            hoja.conditional_format(
                fila_inicio + 1,
                col,
                ultima,
                col,
                {"type": "cell", "criteria": "==", "value": valor, "format": formato},
            )


def escribir_libro_observaciones(
    ruta: Path,
    config: Configuracion,
    titulo: str,
    etapa: str,
    situacion: Sequence[str],
    tabla: Callable[[Any, Formatos, int], None],
    titulo_libro: str = "",
) -> None:
    """Un libro de observaciones para quien debe corregir (una gerencia, el Comité): título, la
    situación en pocas frases y la tabla, que escribe `tabla(hoja, fmt, fila)` desde `fila`."""
    libro = nuevo_libro(ruta, titulo_libro or titulo, config)
    fmt = formatos(libro)
    hoja = libro.add_worksheet(HOJA_OBSERVACIONES)
    fila = escribir_titulo(hoja, fmt, config, titulo, f"{config.entidad} · {etapa}", notas=situacion)
    tabla(hoja, fmt, fila)
    libro.close()
