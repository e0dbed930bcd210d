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
import pickle
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


# En cada trabajador: el último trabajo recibido, ya desempaquetado (la función y su contexto viajan una
# vez por lote como bytes, y se desempaquetan una sola vez por trabajador y por `mapear`).
_TRABAJO: tuple[int, _Trabajo[Any]] | None = None


def _contexto_mp() -> Any:
    metodos = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in metodos and sys.platform != "darwin" else "spawn")


def _iniciar(memoria_mb: int) -> None:
    faulthandler.disable()  # la causa de una caída la informa el proceso principal, sin volcados
    with contextlib.suppress(OSError):  # ni los mensajes en inglés de un lector que aborta (p. ej. de Rust)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    with contextlib.suppress(Exception):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C lo atiende el proceso principal
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        tope = memoria_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (tope, tope))


def _uno(trabajo: _Trabajo[Any], tarea: Any) -> Any:
    try:
        return trabajo.funcion(tarea, trabajo.contexto)
    except MemoryError:
        return Caida("el lector se quedó sin memoria al abrirlo")
    except Exception as e:  # lo que nadie previó: dato, no fin de la ejecución
        return Caida(f"error inesperado del lector ({type(e).__name__}: {str(e)[:120]})")


def _lote(numero: int, empaquetado: bytes, tareas: list[Any]) -> list[Any]:
    global _TRABAJO
    if _TRABAJO is None or _TRABAJO[0] != numero:
        _TRABAJO = (numero, pickle.loads(empaquetado))
    trabajo = _TRABAJO[1]
    return [_uno(trabajo, t) for t in tareas]


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
    _iniciar(memoria_mb)
    envia.send(_uno(trabajo, tarea))
    envia.close()


class Trabajadores:
    """Un grupo de procesos trabajadores para toda una orden: se crea una vez (antes de que el proceso
    principal cargue datos, para que los trabajadores nazcan livianos) y sirve para leer y luego para
    escribir. Si un trabajador muere, el grupo se rehace para la tarea siguiente."""

    def __init__(self, procesos: int | None = None, memoria_mb: int = MEMORIA_MB) -> None:
        self.procesos = max(1, procesos or os.cpu_count() or 1)
        self.memoria_mb = memoria_mb
        self._pool: ProcessPoolExecutor | None = None
        self._trabajos = 0

    def __enter__(self) -> Trabajadores:
        return self

    def __exit__(self, *_: object) -> None:
        self.cerrar()

    def cerrar(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _grupo(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.procesos, mp_context=_contexto_mp(), initializer=_iniciar,
                                             initargs=(self.memoria_mb,))
        return self._pool

    def mapear(self, funcion: Callable[[T, Any], R], tareas: Sequence[T], contexto: Any = None,
               avance: Callable[[int], None] | None = None,
               mientras: Callable[[], None] | None = None) -> list[R | Caida]:
        """`funcion(tarea, contexto)` para cada tarea; el resultado de cada una, en orden, o una `Caida`
        si su lector murió. `funcion` debe poder importarse (nivel de módulo). `mientras` se ejecuta en
        este proceso una vez repartido el trabajo (los trabajadores ya arrancaron: nunca se bifurca un
        proceso con otro hilo trabajando)."""
        trabajo = _Trabajo(funcion, contexto)
        resultados: list[Any] = [None] * len(tareas)
        if not tareas:
            if mientras:
                mientras()
            return []
        self._trabajos += 1
        pendientes = self._repartir(trabajo, tareas, resultados, avance, mientras)
        for i in pendientes:  # un trabajador murió: los que quedaban, de a uno y aislados
            resultados[i] = _aislado(trabajo, tareas[i], self.memoria_mb)
            if avance:
                avance(1)
        return resultados

    def _repartir(self, trabajo: _Trabajo[Any], tareas: Sequence[Any], resultados: list[Any],
                  avance: Callable[[int], None] | None, mientras: Callable[[], None] | None) -> list[int]:
        """Reparte en lotes; devuelve los índices que no llegaron a hacerse porque un trabajador murió."""
        tamanio = max(1, min(50, len(tareas) // (self.procesos * 4) or 1))
        lotes = [list(range(i, min(i + tamanio, len(tareas)))) for i in range(0, len(tareas), tamanio)]
        empaquetado = pickle.dumps(trabajo, protocol=pickle.HIGHEST_PROTOCOL)
        pool = self._grupo()
        futuros: dict[Future[list[Any]], list[int]] = {
            pool.submit(_lote, self._trabajos, empaquetado, [tareas[i] for i in lote]): lote for lote in lotes}
        if mientras:
            mientras()
        sin_hacer: list[int] = []
        while futuros:
            hechos, _ = wait(futuros, return_when=FIRST_COMPLETED)
            for futuro in hechos:
                lote = futuros.pop(futuro)
                try:
                    for i, r in zip(lote, futuro.result(), strict=True):
                        resultados[i] = r
                except BrokenProcessPool:
                    sin_hacer += lote
                    continue
                if avance:
                    avance(len(lote))
        if sin_hacer:  # el grupo quedó roto: el próximo `mapear` usa uno nuevo
            self.cerrar()
        return sorted(sin_hacer)


def en_procesos(funcion: Callable[[T, Any], R], tareas: Sequence[T], contexto: Any = None,
                procesos: int | None = None, memoria_mb: int = MEMORIA_MB,
                avance: Callable[[int], None] | None = None,
                mientras: Callable[[], None] | None = None,
                trabajadores: Trabajadores | None = None) -> list[R | Caida]:
    """`Trabajadores.mapear` con un grupo propio (o el que se da). Siempre en procesos aparte, aunque
    sea uno: así ningún archivo puede detener al programa."""
    if trabajadores is not None:
        return trabajadores.mapear(funcion, tareas, contexto, avance, mientras)
    with Trabajadores(min(procesos or os.cpu_count() or 1, max(len(tareas), 1)), memoria_mb) as propios:
        return propios.mapear(funcion, tareas, contexto, avance, mientras)
