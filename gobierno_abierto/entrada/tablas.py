"""Las tablas de los libros que el propio programa escribió (consolidado, priorización, selección
final), leídas de vuelta por otras etapas: la cabecera se busca (las hojas llevan filas de título
arriba) y cada fila queda como diccionario por nombre de columna normalizado (sin tildes ni
mayúsculas), así el orden de las columnas no importa."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import python_calamine

from ..nucleo.textos import normalizar, texto_de_celda


def tabla_de_hoja(ruta: Path, hoja: str, columna: str = "codigo") -> list[dict[str, Any]]:
    """Las filas bajo la primera fila que tiene `columna`, con las celdas vacías como None; sin la
    hoja o sin esa columna, una lista vacía."""
    try:
        filas = python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(hoja).to_python()
    except (python_calamine.WorksheetNotFound, python_calamine.CalamineError, OSError):
        return []
    for i, fila in enumerate(filas):
        cabecera = [normalizar(texto_de_celda(v)) for v in fila]
        if columna in cabecera:
            return [{c: (None if v == "" else v) for c, v in zip(cabecera, f, strict=False) if c}
                    for f in filas[i + 1:] if any(v not in ("", None) for v in f)]
    return []
