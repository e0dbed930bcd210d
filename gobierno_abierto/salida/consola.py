"""La consola nunca se cae por la codificación.

En Windows, la salida redirigida a un archivo o a otro programa usa la página de códigos del
sistema (cp1252, cp850), que no tiene «→», «✓» ni letras como «ő» de un nombre de archivo: en
lugar de detenerse con UnicodeEncodeError, esos caracteres se muestran como «?».
"""

from __future__ import annotations

import contextlib
import io
import sys
from typing import TextIO


def preparar_consola() -> None:
    """Que la salida y los errores reemplacen lo que su codificación no puede mostrar."""
    for flujo in (sys.stdout, sys.stderr):
        reconfigurar = getattr(flujo, "reconfigure", None)
        if reconfigurar is None:
            continue
        with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
            reconfigurar(errors="replace")


def imprimir(texto: str, archivo: TextIO | None = None) -> None:
    """`print` que no falla aunque el flujo no se haya podido reconfigurar."""
    flujo = archivo if archivo is not None else sys.stdout
    try:
        print(texto, file=flujo)
    except UnicodeEncodeError:
        codificacion = getattr(flujo, "encoding", None) or "ascii"
        print(texto.encode(codificacion, "replace").decode(codificacion, "replace"), file=flujo)
