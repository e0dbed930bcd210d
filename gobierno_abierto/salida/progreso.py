"""Barra de progreso en la terminal (se apaga sola cuando la salida no es una terminal)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def con_progreso(elementos: Iterable[T], descripcion: str, total: int | None = None,
                 unidad: str = "archivo") -> Iterator[T]:
    barra = tqdm(elementos, desc=descripcion, total=total, unit=f" {unidad}", file=sys.stderr,
                 disable=None, leave=False, dynamic_ncols=True)
    yield from barra


@contextlib.contextmanager
def barra_de_progreso(total: int, descripcion: str, unidad: str = "archivo") -> Iterator[Callable[[int], None]]:
    """Una barra que se avanza a mano (`avance(n)`), para trabajo repartido en procesos."""
    with tqdm(total=total, desc=descripcion, unit=f" {unidad}", file=sys.stderr, disable=None, leave=False,
              dynamic_ncols=True) as barra:
        yield barra.update
