"""Banco de pruebas de la priorización (Etapa III): 7 000 fichas × 30 grupos, 1 000 perturbaciones.

Mide el cálculo vectorizado completo (puntajes, desempate, selección con tope, concordancia,
desacuerdo, robustez sin un grupo y con 1 000 juegos de pesos) y, en la misma ejecución, un bucle
ingenuo de Python ficha por ficha que hace lo mismo. El bucle ingenuo con las 1 000 perturbaciones
tardaría muchos minutos: se mide con menos perturbaciones y se extrapola (se indica en la salida).
Comprueba además que ambos eligen las mismas fichas.

Uso:  python benchmarks/bench_priorizacion.py [--fichas 7000] [--grupos 30] [--perturbaciones 1000]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gobierno_abierto.etapa3.calculo import (
    Metodo,
    calcular,
    orden_base,
    pesos_perturbados,
)

LIMITE_SEGUNDOS = 10.0


def datos(fichas: int, grupos: int, criterios: int, semilla: int) -> tuple[np.ndarray, np.ndarray]:
    """Notas 1–5 verosímiles (calidad de la ficha + sesgo del grupo + ruido), con un 5 % sin calificar."""
    rng = np.random.default_rng(semilla)
    calidad = rng.uniform(1.5, 4.8, size=(1, fichas, 1))
    sesgo = rng.normal(0, 0.35, size=(grupos, 1, 1))
    notas = np.clip(np.rint(calidad + sesgo + rng.normal(0, 0.7, size=(grupos, fichas, criterios))), 1, 5)
    notas[rng.random((grupos, fichas)) < 0.05] = np.nan
    gerencia = np.arange(fichas) // 5  # 5 fichas por gerencia
    return notas, gerencia


# --- la versión ingenua: bucles de Python, ficha por ficha ---------------------------------------


def _puntaje_ingenuo(notas: np.ndarray, pesos: list[float], minimos: list[float], maximos: list[float],
                     f: int) -> float:
    total = sum(pesos)
    por_grupo = []
    for g in range(notas.shape[0]):
        fila = [float(x) for x in notas[g, f]]
        if any(math.isnan(x) for x in fila):
            continue
        por_grupo.append(100 * sum(p * (x - lo) / (hi - lo) for p, x, lo, hi in
                                   zip(pesos, fila, minimos, maximos, strict=True)) / total)
    return sum(por_grupo) / len(por_grupo) if por_grupo else float("nan")


def _seleccion_ingenua(puntajes: list[float], rango_base: list[int], gerencia: list[int], cuota: int,
                       tope: int) -> set[int]:
    orden = sorted(range(len(puntajes)), key=lambda f: (-round(puntajes[f], 9) if not math.isnan(puntajes[f])
                                                        else math.inf, rango_base[f]))
    elegidas: set[int] = set()
    cuenta: dict[int, int] = {}
    for f in orden:
        if len(elegidas) >= cuota or math.isnan(puntajes[f]):
            break
        if tope and cuenta.get(gerencia[f], 0) >= tope:
            continue
        cuenta[gerencia[f]] = cuenta.get(gerencia[f], 0) + 1
        elegidas.add(f)
    return elegidas


def ingenuo(notas: np.ndarray, gerencia: np.ndarray, metodo: Metodo, pesos_p: np.ndarray,
            base: np.ndarray) -> tuple[set[int], list[int], float, float]:
    """(seleccion base, veces priorizada por ficha, segundos base, segundos por perturbación)."""
    f = notas.shape[1]
    minimos, maximos = metodo.minimos.tolist(), metodo.maximos.tolist()
    rango_base = [0] * f
    for i, x in enumerate(base.tolist()):
        rango_base[x] = i
    ger = gerencia.tolist()
    t0 = time.perf_counter()
    puntajes = [_puntaje_ingenuo(notas, metodo.pesos.tolist(), minimos, maximos, i) for i in range(f)]
    seleccion = _seleccion_ingenua(puntajes, rango_base, ger, metodo.cuota, metodo.tope)
    t_base = time.perf_counter() - t0
    veces = [0] * f
    t0 = time.perf_counter()
    for pesos in pesos_p:
        p = [_puntaje_ingenuo(notas, pesos.tolist(), minimos, maximos, i) for i in range(f)]
        for i in _seleccion_ingenua(p, rango_base, ger, metodo.cuota, metodo.tope):
            veces[i] += 1
    t_pert = (time.perf_counter() - t0) / max(len(pesos_p), 1)
    return seleccion, veces, t_base, t_pert


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fichas", type=int, default=7000)
    parser.add_argument("--grupos", type=int, default=30)
    parser.add_argument("--perturbaciones", type=int, default=1000)
    parser.add_argument("--ingenuas", type=int, default=3,
                        help="perturbaciones que se miden con el bucle ingenuo (luego se extrapola)")
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()

    criterios = 5
    notas, gerencia = datos(args.fichas, args.grupos, criterios, 2016)
    metodo = Metodo(pesos=np.array([30, 20, 25, 15, 10], dtype=float), minimos=np.ones(criterios),
                    maximos=np.full(criterios, 5.0), agregacion="media", cuota=14, tope=2,
                    perturbaciones=args.perturbaciones, variacion=0.20, semilla=2016, umbral=0.9)
    print(f"Priorización: {args.fichas:,} fichas × {args.grupos} grupos × {criterios} criterios, "
          f"{args.perturbaciones:,} perturbaciones de pesos (±20 %), tope 2 por gerencia, cuota 14")

    tiempos = []
    for _ in range(args.repeticiones):
        t0 = time.perf_counter()
        calculo = calcular(notas, gerencia, metodo)
        tiempos.append(time.perf_counter() - t0)
    vectorizado = min(tiempos)

    base = orden_base(calculo.medias_criterios, metodo.pesos, calculo.grupos, np.arange(args.fichas))
    pesos_p = pesos_perturbados(metodo.pesos, args.perturbaciones, metodo.variacion, metodo.semilla)
    seleccion, veces, t_base, t_pert = ingenuo(notas, gerencia, metodo, pesos_p[: args.ingenuas], base)
    ingenuo_total = t_base + t_pert * args.perturbaciones

    # mismas fichas elegidas por ambos caminos
    iguales_base = seleccion == set(np.flatnonzero(calculo.priorizada).tolist())
    parcial = calcular(notas, gerencia, Metodo(**{**metodo.__dict__, "perturbaciones": args.ingenuas}))
    iguales_pert = np.allclose(np.array(veces) / max(args.ingenuas, 1), parcial.robustez_pesos)

    print()
    print(f"  {'camino':<48}{'segundos':>12}")
    print(f"  {'vectorizado (numpy), todo el cálculo':<48}{vectorizado:>12.2f}"
          f"   (mejor de {args.repeticiones}: {', '.join(f'{t:.2f}' for t in tiempos)})")
    print(f"  {'ingenuo (Python por ficha), puntajes y selección':<48}{t_base:>12.2f}   (medido)")
    print(f"  {'ingenuo, una perturbación':<48}{t_pert:>12.2f}   (medido con {args.ingenuas})")
    print(f"  {f'ingenuo, {args.perturbaciones:,} perturbaciones':<48}{ingenuo_total:>12.0f}   (extrapolado)")
    print(f"  aceleración ≈ {ingenuo_total / vectorizado:,.0f}×")
    print(f"  misma selección base: {'sí' if iguales_base else 'NO'}; "
          f"misma robustez en {args.ingenuas} perturbaciones: {'sí' if iguales_pert else 'NO'}")
    ok = vectorizado < LIMITE_SEGUNDOS and iguales_base and iguales_pert
    print(f"  límite {LIMITE_SEGUNDOS:.0f} s: {'cumple' if vectorizado < LIMITE_SEGUNDOS else 'NO cumple'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
