"""El libro de Excel de los datos abiertos (`gobierno_abierto.xlsx`): las mismas tablas, para personas.

Una hoja por tabla (las notas, a lo ancho: una columna por criterio) y una hoja «Léame» con cada
columna. Con muchas filas se escribe en otro proceso mientras el sitio se escribe en este.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ..nucleo import textos
from ..salida import excel
from ..salida.publicacion import (
    ErrorPublicacion,
    escribir_atomico,
    ruta_de_escritura,
    ruta_temporal,
)
from .datos_abiertos import ARCHIVO_LIBRO, CampoDato, Tabla
from .publicado import Contenido

_FILAS_PARA_PARALELO = 20_000   # con menos filas, otro proceso cuesta más de lo que ahorra


def _a_lo_ancho(t: Tabla, contenido: Contenido) -> Tabla:
    """Las notas, para leerlas en Excel: una fila por ficha y grupo, una columna por criterio."""
    claves = [c.clave for c in contenido.criterios]
    filas: dict[tuple[str, str], dict[str, Any]] = {}
    for codigo, grupo, criterio, nota in t.filas:
        filas.setdefault((codigo, grupo), {})[criterio] = nota
    return Tabla(t.nombre, t.titulo, t.descripcion + " En este libro, una fila por ficha y grupo, con una "
                 "columna por criterio.", [*t.campos[:2], *[CampoDato(
        k, "number", f"Nota en «{c.nombre}»") for k, c in zip(claves, contenido.criterios, strict=True)]],
        [[codigo, grupo, *[notas.get(k) for k in claves]] for (codigo, grupo), notas in filas.items()], t.clave[:2])


def _escribir_libro(ruta: Path, contenido: Contenido, tablas: Sequence[Tabla]) -> None:
    """El mismo contenido para personas: una hoja por tabla y una hoja «Léame» con cada columna."""
    tablas = [_a_lo_ancho(t, contenido) if t.nombre == "puntajes" else t for t in tablas]
    libro = excel.nuevo_libro(ruta, contenido.ajustes.titulo)
    fmt = excel.formatos(libro)
    guia = libro.add_worksheet("Léame")
    guia.set_column(0, 0, 22)
    guia.set_column(1, 1, 40)
    guia.set_column(2, 2, 12)
    guia.set_column(3, 3, 80)
    guia.write_string(0, 0, contenido.ajustes.titulo, fmt.titulo)
    guia.write_string(1, 0, f"Publicado el {textos.fecha_larga(contenido.ajustes.fecha)}. Licencia: "
                            f"{contenido.ajustes.licencia_titulo} ({contenido.ajustes.licencia}).", fmt.subtitulo)
    fila = 3
    for c, t in enumerate(("Hoja y columna", "Título", "Tipo", "Descripción")):
        guia.write_string(fila, c, t, fmt.cabecera)
    for t in tablas:
        fila += 1
        guia.write_string(fila, 0, t.nombre, fmt.negrita)
        guia.write_string(fila, 1, t.titulo, fmt.negrita)
        guia.write_string(fila, 3, t.descripcion, fmt.texto_ajustado)
        for campo in t.campos:
            fila += 1
            guia.write_string(fila, 0, f"  {campo.nombre}", fmt.texto)
            guia.write_string(fila, 1, campo.titulo, fmt.texto_ajustado)
            guia.write_string(fila, 2, campo.tipo, fmt.texto)
            guia.write_string(fila, 3, campo.descripcion, fmt.texto_ajustado)
    por_tipo = {"date": fmt.fecha, "datetime": fmt.fecha_hora}
    for t in tablas:
        hoja = libro.add_worksheet(t.nombre[:31])
        for col, campo in enumerate(t.campos):
            hoja.write_string(0, col, campo.nombre, fmt.cabecera)
            hoja.set_column(col, col, 40 if campo.tipo == "string" else 14)
        formatos = [por_tipo.get(campo.tipo) for campo in t.campos]
        for f, valores in enumerate(t.filas, start=1):
            for col, v in enumerate(valores):
                if v is None:
                    continue
                if isinstance(v, bool):
                    hoja.write_string(f, col, "Sí" if v else "No")
                elif isinstance(v, str):
                    hoja.write_string(f, col, v)
                elif isinstance(v, (int, float)):
                    hoja.write_number(f, col, v)
                elif isinstance(v, datetime):
                    hoja.write_datetime(f, col, v.replace(tzinfo=None), formatos[col])
                else:
                    hoja.write_datetime(f, col, datetime(v.year, v.month, v.day), formatos[col])
        hoja.freeze_panes(1, 0)
        hoja.autofilter(0, 0, max(len(t.filas), 1), len(t.campos) - 1)
    libro.close()


_SALIDA_ERROR_DE_DISCO = 75


def _escribir_libro_aparte(ruta: Path, contenido: Contenido, tablas: Sequence[Tabla]) -> None:
    """En el otro proceso: un error del disco sale con un código que el proceso principal explica."""
    try:
        _escribir_libro(ruta, contenido, tablas)
    except OSError:
        sys.exit(_SALIDA_ERROR_DE_DISCO)


@contextmanager
def libro_en_paralelo(contenido: Contenido, tablas: Sequence[Tabla], carpeta: Path) -> Iterator[list[Path]]:
    """Escribe `gobierno_abierto.xlsx` en otro proceso mientras el bloque hace lo suyo (el sitio); al salir
    del bloque espera al libro y lo deja en la lista. Con pocas filas lo escribe en el mismo proceso."""
    destino = carpeta / ARCHIVO_LIBRO
    escrito: list[Path] = []
    if sum(len(t.filas) for t in tablas) < _FILAS_PARA_PARALELO:
        escrito.append(escribir_atomico(destino, lambda tmp: _escribir_libro(tmp, contenido, tablas)))
        yield escrito
        return
    contexto = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ruta_temporal(ruta_de_escritura(destino)) as tmp:
        proceso = contexto.Process(target=_escribir_libro_aparte, args=(tmp, contenido, list(tablas)), daemon=True)
        proceso.start()
        try:
            yield escrito
        finally:
            proceso.join()
        if proceso.exitcode == _SALIDA_ERROR_DE_DISCO:
            raise ErrorPublicacion(destino, OSError(errno.EIO, "error del disco al escribir el libro"))
        if proceso.exitcode != 0:
            raise RuntimeError(f"El proceso que escribe {ARCHIVO_LIBRO} terminó con el código {proceso.exitcode}.")
    escrito.append(destino)
