"""Leer en procesos aparte: un archivo que tumba a su lector no tumba la ejecución.

Los envíos se leen en procesos trabajadores (así se usan también los demás núcleos). Si un
trabajador muere —una señal, la memoria agotada, un error que nadie previó—, los archivos que
quedaban se vuelven a leer de a uno, cada uno en su propio proceso: el que vuelve a caer recibe una
`Caida` con la causa (que el llamador convierte en observación) y todos los demás se leen igual.

Cada trabajador tiene un tope de memoria donde el sistema lo permite (`RLIMIT_AS` en Linux y
macOS; en Windows no hay tope por proceso) y, al releer de a uno, un tope de tiempo por archivo.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MEMORIA_MB = 1536          # por trabajador
SEGUNDOS_POR_ARCHIVO = 60  # al releer de a uno


@dataclass(frozen=True)
class Caida:
    """Un archivo cuyo lector no terminó: la causa, en castellano."""

    causa: str


@dataclass(frozen=True)
class _Trabajo(Generic[T]):
    funcion: Callable[[T, Any], Any]
    contexto: Any


_TRABAJO: _Trabajo[Any] | None = None


def _contexto_mp() -> Any:
    metodos = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in metodos and sys.platform != "darwin" else "spawn")


def _iniciar(trabajo: _Trabajo[Any], memoria_mb: int) -> None:
    global _TRABAJO
    _TRABAJO = trabajo
    faulthandler.disable()  # la causa de una caída la informa el proceso principal, sin volcados
    with contextlib.suppress(Exception):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C lo atiende el proceso principal
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        tope = memoria_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (tope, tope))


def _uno(tarea: Any) -> Any:
    assert _TRABAJO is not None
    try:
        return _TRABAJO.funcion(tarea, _TRABAJO.contexto)
    except MemoryError:
        return Caida("el lector se quedó sin memoria al abrirlo")
    except Exception as e:  # lo que nadie previó: dato, no fin de la ejecución
        return Caida(f"error inesperado del lector ({type(e).__name__}: {str(e)[:120]})")


def _lote(tareas: list[Any]) -> list[Any]:
    return [_uno(t) for t in tareas]


def _causa_de_salida(codigo: int | None) -> str:
    if codigo is None:
        return f"el lector no terminó en {SEGUNDOS_POR_ARCHIVO} s"
    if codigo < 0:
        try:
            nombre = signal.Signals(-codigo).name
        except ValueError:
            nombre = f"señal {-codigo}"
        if nombre == "SIGKILL":
            return "el sistema detuvo al lector (SIGKILL), probablemente por falta de memoria"
        return f"el lector se detuvo con la señal {nombre}"
    return f"el lector terminó de forma anormal (código {codigo})"


def _aislado(trabajo: _Trabajo[Any], tarea: Any, memoria_mb: int) -> Any:
    """Lee una tarea en su propio proceso, con tope de tiempo; si muere, devuelve la causa."""
    ctx = _contexto_mp()
    recibe, envia = ctx.Pipe(duplex=False)
    proceso = ctx.Process(target=_hijo, args=(trabajo, tarea, memoria_mb, envia), daemon=True)
    proceso.start()
    envia.close()
    resultado: Any = None
    try:
        if recibe.poll(SEGUNDOS_POR_ARCHIVO):
            resultado = recibe.recv()
    except (EOFError, OSError):
        resultado = None
    proceso.join(5)
    if proceso.is_alive():
        proceso.kill()
        proceso.join()
        return Caida(_causa_de_salida(None))
    return resultado if resultado is not None else Caida(_causa_de_salida(proceso.exitcode))


def _hijo(trabajo: _Trabajo[Any], tarea: Any, memoria_mb: int, envia: Any) -> None:
    _iniciar(trabajo, memoria_mb)
    envia.send(_uno(tarea))
    envia.close()


def en_procesos(funcion: Callable[[T, Any], R], tareas: Sequence[T], contexto: Any = None,
                procesos: int | None = None, memoria_mb: int = MEMORIA_MB,
                avance: Callable[[int], None] | None = None,
                mientras: Callable[[], None] | None = None) -> list[R | Caida]:
    """`funcion(tarea, contexto)` para cada tarea, en procesos trabajadores; el resultado de cada una,
    en orden, o una `Caida` si su lector murió. `funcion` debe poder importarse (nivel de módulo).
    `mientras` se ejecuta en este proceso, una vez repartido el trabajo (los trabajadores ya
    arrancaron: nunca se bifurca un proceso con otro hilo trabajando)."""
    trabajo = _Trabajo(funcion, contexto)
    procesos = procesos or os.cpu_count() or 1
    resultados: list[Any] = [None] * len(tareas)
    if not tareas:
        if mientras:
            mientras()
        return []
    # Siempre en procesos aparte, aunque sea uno: así ningún archivo puede detener al programa.
    pendientes = _en_pool(trabajo, tareas, min(procesos, len(tareas)), memoria_mb, resultados, avance, mientras)
    for i in pendientes:  # un trabajador murió: los que quedaban, de a uno y aislados
        resultados[i] = _aislado(trabajo, tareas[i], memoria_mb)
        if avance:
            avance(1)
    return resultados


def _en_pool(trabajo: _Trabajo[Any], tareas: Sequence[Any], procesos: int, memoria_mb: int,
             resultados: list[Any], avance: Callable[[int], None] | None,
             mientras: Callable[[], None] | None = None) -> list[int]:
    """Reparte en lotes; devuelve los índices que no llegaron a leerse porque un trabajador murió."""
    tamanio = max(1, min(50, len(tareas) // (procesos * 4) or 1))
    lotes = [list(range(i, min(i + tamanio, len(tareas)))) for i in range(0, len(tareas), tamanio)]
    sin_leer: list[int] = []
    with ProcessPoolExecutor(procesos, mp_context=_contexto_mp(), initializer=_iniciar,
                             initargs=(trabajo, memoria_mb)) as pool:
        futuros: dict[Future[list[Any]], list[int]] = {
            pool.submit(_lote, [tareas[i] for i in lote]): lote for lote in lotes}
        if mientras:
            mientras()
        while futuros:
            hechos, _ = wait(futuros, return_when=FIRST_COMPLETED)
            for futuro in hechos:
                lote = futuros.pop(futuro)
                try:
                    for i, r in zip(lote, futuro.result(), strict=True):
                        resultados[i] = r
                except BrokenProcessPool:
                    sin_leer += lote
                    continue
                if avance:
                    avance(len(lote))
    return sorted(sin_leer)
