"""Arranque de los comandos: lo que espera la coordinación antes y alrededor del trabajo mismo.

Mide en la misma corrida, con la demostración (14 gerencias), la mediana de varias ejecuciones de:
- Python vacío (`python -c pass`): la base;
- `procesar.py estado`, y lo mismo cargando todo el programa al arrancar (como antes);
- `procesar.py consolidar` con procesos trabajadores por «fork» (Linux) y por «spawn» (como en
  Windows, donde cada trabajador es un Python nuevo que vuelve a ejecutar procesar.py);
- lo mismo por «spawn» cargando todo el programa en cada proceso, como hacía procesar.py cuando
  importaba la línea de comandos (y esta todas las etapas) fuera de la guarda `__main__`.

La demostración se genera una vez en benchmarks/_datos/demo_arranque/ (ignorada por git).
Uso:  python benchmarks/bench_arranque.py [--veces 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
DATOS = Path(__file__).resolve().parent / "_datos"
DEMO = DATOS / "demo_arranque"

# procesar.py tal cual, salvo que los trabajadores arrancan por «spawn» (lo que hace Windows).
_SPAWN = f"""
import multiprocessing
import sys

sys.path.insert(0, {str(RAIZ)!r})
if __name__ == "__main__":
    import gobierno_abierto.entrada.trabajadores as T
    T._contexto_mp = lambda: multiprocessing.get_context("spawn")
    from gobierno_abierto.cli import main
    sys.exit(main())
"""

# Como antes: todo el programa se carga fuera de la guarda, así que también en cada trabajador.
_SPAWN_TODO = f"""
import multiprocessing
import sys

sys.path.insert(0, {str(RAIZ)!r})
import gobierno_abierto.cli
import gobierno_abierto.demo.orquestador
import gobierno_abierto.etapa3.orquestador
import gobierno_abierto.etapa4.orquestador
import gobierno_abierto.perfilado.orquestador
import gobierno_abierto.portal.orquestador
if __name__ == "__main__":
    import gobierno_abierto.entrada.trabajadores as T
    T._contexto_mp = lambda: multiprocessing.get_context("spawn")
    sys.exit(gobierno_abierto.cli.main())
"""


def _mediana(orden: list[str], veces: int) -> float:
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        r = subprocess.run(orden, cwd=RAIZ, capture_output=True, text=True)
        tiempos.append(time.perf_counter() - inicio)
        if r.returncode not in (0, 1):  # 1: la demostración trae errores a propósito
            raise SystemExit(f"falló {' '.join(orden)} (código {r.returncode}):\n{r.stderr[-2000:]}")
    return statistics.median(tiempos)


def main() -> int:
    p = argparse.ArgumentParser(description="Mide el arranque de los comandos.")
    p.add_argument("--veces", type=int, default=5)
    a = p.parse_args()
    py = sys.executable
    if not (DEMO / "entradas" / "fichas").is_dir():
        print("Generando la demostración (una sola vez)…", file=sys.stderr)
        subprocess.run([py, "procesar.py", "demo", "--destino", str(DEMO)], cwd=RAIZ, check=True,
                       capture_output=True)
    DATOS.mkdir(exist_ok=True)
    spawn, spawn_todo = DATOS / "procesar_spawn.py", DATOS / "procesar_spawn_todo.py"
    spawn.write_text(_SPAWN, encoding="utf-8")
    spawn_todo.write_text(_SPAWN_TODO, encoding="utf-8")
    carpeta = ["--carpeta", str(DEMO)]
    filas = [
        ("Python vacío (python -c pass)", [py, "-c", "pass"]),
        ("procesar.py estado", [py, "procesar.py", *carpeta, "estado"]),
        ("  ídem, cargando todo el programa (antes)", [py, str(spawn_todo), *carpeta, "estado"]),
        ("consolidar, trabajadores por fork (Linux)", [py, "procesar.py", *carpeta, "consolidar"]),
        ("consolidar, trabajadores por spawn (Windows)", [py, str(spawn), *carpeta, "consolidar"]),
        ("  ídem, todo el programa en cada proceso (antes)", [py, str(spawn_todo), *carpeta, "consolidar"]),
    ]
    medidas = [(nombre, _mediana(orden, a.veces)) for nombre, orden in filas]
    base = medidas[0][1]
    print(f"\n{'Medición':<50} {'Segundos':>9} {'× Python vacío':>15}")
    for nombre, segundos in medidas:
        print(f"{nombre:<50} {segundos:>9.2f} {segundos / base:>14.1f}×")
    antes, ahora = medidas[5][1], medidas[4][1]
    print(f"\nCon trabajadores por spawn, consolidar la demostración toma {ahora / antes:.2f} veces lo que "
          f"tomaba cargando todo el programa en cada proceso (mediana de {a.veces} ejecuciones).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
