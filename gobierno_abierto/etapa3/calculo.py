"""Cálculo de la priorización (Etapa III): funciones puras sobre arreglos de numpy, sin E/S.

Entrada: las notas de cada grupo a cada ficha en cada criterio, un arreglo (grupos × fichas ×
criterios) con NaN donde el grupo no puntuó la ficha. Salida: puntaje 0–100 por grupo y por ficha,
agregado, puesto con desempate determinista, las priorizadas con el tope por gerencia, la
concordancia entre grupos, el desacuerdo por ficha y la robustez de la selección (quitando un grupo
a la vez y variando los pesos al azar, con semilla). Los recálculos están vectorizados.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy import stats

from ..nucleo.textos import redondear

DECIMALES_EMPATE = 9  # dos puntajes que coinciden hasta aquí se consideran empatados
MINIMO_COMPARTIDAS = 3  # fichas en común para correlacionar a dos grupos


@dataclass(frozen=True)
class Metodo:
    """Lo que define el cálculo (sale de `criterios.AjustesPriorizacion`)."""

    pesos: np.ndarray        # (C,)
    minimos: np.ndarray      # (C,)
    maximos: np.ndarray      # (C,)
    agregacion: str = "media"
    cuota: int = 14
    tope: int = 0            # máximo por gerencia; 0 = sin tope
    perturbaciones: int = 1000
    variacion: float = 0.20
    semilla: int = 2016
    umbral: float = 0.90


@dataclass(frozen=True)
class Calculo:
    """Resultado completo; los arreglos por ficha siguen el orden de entrada de las fichas."""

    puntajes_grupo: np.ndarray      # (G, F) 0–100, NaN si el grupo no puntuó la ficha
    puntaje: np.ndarray             # (F,) agregado, NaN si nadie la puntuó
    grupos: np.ndarray              # (F,) cuántos grupos la puntuaron
    medias_criterios: np.ndarray    # (F, C) promedio de las notas en la escala de cada criterio
    orden: np.ndarray               # (F,) índices de ficha del primer al último puesto
    puesto: np.ndarray              # (F,) 1.., 0 si no tiene puntaje
    priorizada: np.ndarray          # (F,) bool
    fuera_por_tope: np.ndarray      # (F,) bool: le alcanzaba el puntaje pero su gerencia llegó al tope
    corte: float | None             # puntaje de la última priorizada
    desacuerdo: np.ndarray          # (F,) desviación estándar entre grupos (0–100), NaN con < 2 grupos
    rango: np.ndarray               # (F,) máximo − mínimo entre grupos
    robustez_sin_grupo: np.ndarray  # (F,) proporción de recálculos sin un grupo en que queda priorizada
    robustez_pesos: np.ndarray      # (F,) proporción de perturbaciones de pesos en que queda priorizada
    robustez: np.ndarray            # (F,) la menos favorable a su situación (ver `combinar_robustez`)
    en_frontera: np.ndarray         # (F,) bool
    concordancia: float | None
    metodo_concordancia: str        # «W de Kendall», «Spearman medio» o «»
    correlacion_grupo: np.ndarray   # (G,) Spearman de cada grupo con el puntaje final, en sus fichas


# --- puntajes ------------------------------------------------------------------------------


def normalizar(notas: np.ndarray, minimos: np.ndarray, maximos: np.ndarray) -> np.ndarray:
    """Notas (…, C) en su escala → 0–1 por criterio."""
    return (notas - minimos) / (maximos - minimos)


def puntajes_por_grupo(notas: np.ndarray, pesos: np.ndarray, minimos: np.ndarray,
                       maximos: np.ndarray) -> np.ndarray:
    """(G, F, C) → (G, F): promedio ponderado de los criterios normalizados, en 0–100."""
    z = normalizar(notas, minimos, maximos)
    return 100.0 * (z @ pesos) / pesos.sum()


def agregar(puntajes: np.ndarray, agregacion: str, eje: int = 0) -> np.ndarray:
    """Media o mediana sobre los grupos que puntuaron (ignora NaN); NaN si ninguno."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if agregacion == "mediana":
            return np.nanmedian(puntajes, axis=eje)
        return np.nanmean(puntajes, axis=eje)


def redondear_puntajes(x: np.ndarray) -> np.ndarray:
    """`textos.redondear` elemento a elemento (NaN se conserva)."""
    return np.array([redondear(v) for v in np.asarray(x, dtype=float).ravel()], dtype=float).reshape(np.shape(x))


def _empate(x: np.ndarray) -> np.ndarray:
    """Puntajes redondeados para comparar (sin ruido de coma flotante); NaN → −∞."""
    r = np.round(x, DECIMALES_EMPATE)
    return np.where(np.isnan(r), -np.inf, r)


def orden_base(medias_criterios: np.ndarray, pesos: np.ndarray, grupos: np.ndarray,
               posicion_codigo: np.ndarray) -> np.ndarray:
    """Orden de desempate, de mejor a peor, entre fichas con el mismo puntaje final.

    1) mayor promedio en el criterio de mayor peso, luego en el siguiente (a igual peso, en el
    orden de la configuración); 2) más grupos que la puntuaron; 3) el orden del código (gerencia
    en el orden de la configuración y número de ficha).
    """
    por_peso = sorted(range(len(pesos)), key=lambda c: (-pesos[c], c))
    medias = np.where(np.isnan(medias_criterios), -np.inf, np.round(medias_criterios, DECIMALES_EMPATE))
    claves = [posicion_codigo, -grupos] + [-medias[:, c] for c in reversed(por_peso)]
    return np.lexsort(claves)


def ordenar(puntajes: np.ndarray, base: np.ndarray) -> np.ndarray:
    """(R, F) → (R, F) índices de ficha de mejor a peor en cada fila; empates por `base`."""
    en_base = _empate(puntajes)[:, base]
    return base[np.argsort(-en_base, axis=1, kind="stable")]


def seleccionar(puntajes: np.ndarray, base: np.ndarray, gerencia: np.ndarray, cuota: int,
                tope: int) -> np.ndarray:
    """(R, F) puntajes → (R, F) bool: las `cuota` mejores de cada fila, con a lo más `tope` por
    gerencia (0: sin tope). Vectorizado: ninguna vuelta de Python por fila ni por ficha."""
    filas, n = puntajes.shape
    orden = ordenar(puntajes, base)
    con_puntaje = np.isfinite(_empate(puntajes))[np.arange(filas)[:, None], orden]
    elegible = con_puntaje
    if tope > 0:
        ger = gerencia[orden]                                   # gerencia en cada puesto
        por_ger = np.argsort(ger, axis=1, kind="stable")        # agrupa por gerencia, en orden de puesto
        ger_ordenada = np.take_along_axis(ger, por_ger, axis=1)
        inicio = np.ones_like(ger_ordenada, dtype=bool)
        inicio[:, 1:] = ger_ordenada[:, 1:] != ger_ordenada[:, :-1]
        indices = np.broadcast_to(np.arange(n), (filas, n))
        comienzo = np.maximum.accumulate(np.where(inicio, indices, 0), axis=1)
        lugar = np.empty_like(indices)
        np.put_along_axis(lugar, por_ger, indices - comienzo, axis=1)  # 0 = primera de su gerencia
        elegible = con_puntaje & (lugar < tope)
    elegida = elegible & (np.cumsum(elegible, axis=1) <= cuota)
    salida = np.zeros((filas, n), dtype=bool)
    np.put_along_axis(salida, orden, elegida, axis=1)
    return salida


# --- concordancia y desacuerdo -------------------------------------------------------------------


def kendall_w(puntajes: np.ndarray) -> float:
    """W de Kendall con corrección por empates; `puntajes` (m jueces × n objetos), sin NaN."""
    m, n = puntajes.shape
    if m < 2 or n < 2:
        return float("nan")
    rangos = stats.rankdata(puntajes, axis=1)  # empates: rango promedio
    suma = rangos.sum(axis=0)
    s = float(((suma - m * (n + 1) / 2) ** 2).sum())
    t = 0.0
    for fila in np.round(puntajes, DECIMALES_EMPATE):
        _, cuentas = np.unique(fila, return_counts=True)
        t += float((cuentas**3 - cuentas).sum())
    denominador = m**2 * (n**3 - n) - m * t
    return float(12 * s / denominador) if denominador > 0 else float("nan")


def spearman_medio(puntajes: np.ndarray) -> float:
    """Promedio de Spearman entre cada par de grupos, en las fichas que ambos puntuaron."""
    valores = []
    for a, b in combinations(range(puntajes.shape[0]), 2):
        comun = ~np.isnan(puntajes[a]) & ~np.isnan(puntajes[b])
        if comun.sum() < MINIMO_COMPARTIDAS:
            continue
        x, y = puntajes[a, comun], puntajes[b, comun]
        if np.ptp(x) == 0 or np.ptp(y) == 0:
            continue
        valores.append(stats.spearmanr(x, y).statistic)
    return float(np.mean(valores)) if valores else float("nan")


def concordancia(puntajes: np.ndarray) -> tuple[float | None, str]:
    """W de Kendall si todos los grupos puntuaron las mismas fichas; si no, Spearman medio."""
    puntuadas = ~np.isnan(puntajes).all(axis=0)
    matriz = puntajes[:, puntuadas]
    if matriz.shape[0] < 2 or matriz.shape[1] < 2:
        return None, ""
    if not np.isnan(matriz).any():
        w = kendall_w(matriz)
        return (None, "") if np.isnan(w) else (w, "W de Kendall")
    r = spearman_medio(matriz)
    return (None, "") if np.isnan(r) else (r, "Spearman medio")


def correlacion_con_final(puntajes: np.ndarray, final: np.ndarray) -> np.ndarray:
    """Spearman de cada grupo con el puntaje final, en las fichas que puntuó (NaN si < 3)."""
    salida = np.full(puntajes.shape[0], np.nan)
    for g in range(puntajes.shape[0]):
        comun = ~np.isnan(puntajes[g]) & ~np.isnan(final)
        x, y = puntajes[g, comun], final[comun]
        if comun.sum() >= MINIMO_COMPARTIDAS and np.ptp(x) > 0 and np.ptp(y) > 0:
            salida[g] = stats.spearmanr(x, y).statistic
    return salida


# --- robustez ------------------------------------------------------------------------------------


def pesos_perturbados(pesos: np.ndarray, n: int, variacion: float, semilla: int) -> np.ndarray:
    """(n, C): cada peso multiplicado por un factor uniforme en [1 − v, 1 + v], con semilla."""
    rng = np.random.default_rng(semilla)
    return pesos * rng.uniform(1 - variacion, 1 + variacion, size=(n, len(pesos)))


def puntajes_perturbados(notas: np.ndarray, metodo: Metodo, pesos: np.ndarray,
                         bloque: int = 50) -> np.ndarray:
    """(P, F): el puntaje agregado de cada ficha con cada juego de pesos.

    Con la media, por linealidad basta el promedio por criterio: (P×C) @ (C×F). Con la mediana
    se calculan los puntajes de cada grupo, por bloques de perturbaciones para acotar la memoria.
    """
    z = normalizar(notas, metodo.minimos, metodo.maximos)           # (G, F, C)
    total = pesos.sum(axis=1)[:, None]
    if metodo.agregacion != "mediana":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            medias = np.nanmean(z, axis=0)                          # (F, C)
        return 100.0 * (pesos @ medias.T) / total
    salida = np.empty((pesos.shape[0], z.shape[1]))
    for i in range(0, pesos.shape[0], bloque):
        p = pesos[i:i + bloque]
        por_grupo = 100.0 * np.einsum("pc,gfc->pgf", p, z) / total[i:i + bloque, :, None]
        salida[i:i + bloque] = agregar(por_grupo, "mediana", eje=1)
    return salida


def puntajes_sin_un_grupo(puntajes_grupo: np.ndarray, agregacion: str) -> np.ndarray:
    """(G, F): el puntaje agregado de cada ficha quitando cada grupo a su turno."""
    g = puntajes_grupo.shape[0]
    if agregacion != "mediana":
        presente = ~np.isnan(puntajes_grupo)
        suma = np.nansum(puntajes_grupo, axis=0)
        cuenta = presente.sum(axis=0)
        resto = cuenta[None, :] - presente
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(resto > 0, (suma[None, :] - np.nan_to_num(puntajes_grupo)) / resto, np.nan)
    salida = np.empty_like(puntajes_grupo)
    for quitado in range(g):
        salida[quitado] = agregar(np.delete(puntajes_grupo, quitado, axis=0), agregacion)
    return salida


def combinar_robustez(priorizada: np.ndarray, sin_grupo: np.ndarray, pesos: np.ndarray) -> np.ndarray:
    """Una cifra por ficha: la proporción de recálculos en que queda priorizada, tomando el tipo
    de recálculo menos favorable a su situación (la menor de las dos si está priorizada, la mayor
    si no lo está). NaN en «sin_grupo» (un solo grupo) se ignora."""
    a = np.where(np.isnan(sin_grupo), pesos, sin_grupo)
    return np.where(priorizada, np.minimum(a, pesos), np.maximum(a, pesos))


# --- todo junto ----------------------------------------------------------------------------------


def calcular(notas: np.ndarray, gerencia: Sequence[int] | np.ndarray, metodo: Metodo,
             posicion_codigo: Sequence[int] | np.ndarray | None = None) -> Calculo:
    """Priorización completa. `notas` (G, F, C) con NaN donde el grupo no puntuó la ficha;
    `gerencia` (F,) un entero por gerencia; `posicion_codigo` (F,) el orden de los códigos para el
    último desempate (por omisión, el orden de entrada)."""
    notas = np.asarray(notas, dtype=float)
    g, f, _c = notas.shape
    gerencia = np.asarray(gerencia)
    posicion = np.arange(f) if posicion_codigo is None else np.asarray(posicion_codigo)
    # una ficha cuenta para un grupo solo si tiene nota en todos los criterios
    completa = ~np.isnan(notas).any(axis=2)
    notas = np.where(completa[:, :, None], notas, np.nan)

    por_grupo = puntajes_por_grupo(notas, metodo.pesos, metodo.minimos, metodo.maximos)
    # Un solo redondeo (a centésimos, la mitad hacia arriba): el puesto, el corte y lo que se
    # muestra usan la misma cifra; dos fichas con la misma cifra van al desempate.
    final = redondear_puntajes(agregar(por_grupo, metodo.agregacion))
    grupos = completa.sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        medias = np.nanmean(notas, axis=0)
        desacuerdo = np.full(f, np.nan)
        rango = np.full(f, np.nan)
        if g >= 2:
            desacuerdo = np.where(grupos >= 2, np.nanstd(por_grupo, axis=0), np.nan)
            rango = np.where(grupos >= 2, np.nanmax(por_grupo, axis=0) - np.nanmin(por_grupo, axis=0), np.nan)

    base = orden_base(medias, metodo.pesos, grupos, posicion)
    orden = ordenar(final[None, :], base)[0]
    puesto = np.zeros(f, dtype=int)
    con_puntaje = ~np.isnan(final)
    puesto[orden] = np.arange(1, f + 1)
    puesto[~con_puntaje] = 0
    orden = orden[con_puntaje[orden]]

    priorizada = seleccionar(final[None, :], base, gerencia, metodo.cuota, metodo.tope)[0]
    sin_tope = seleccionar(final[None, :], base, gerencia, metodo.cuota, 0)[0]
    fuera_por_tope = np.zeros(f, dtype=bool)
    if metodo.tope > 0 and priorizada.any():
        ultima = max(puesto[priorizada])
        # no entró, pero estaba por encima de la última priorizada (o entraba sin el tope)
        fuera_por_tope = ~priorizada & con_puntaje & ((puesto < ultima) | sin_tope)
    corte = float(final[priorizada].min()) if priorizada.any() else None

    if g >= 2:
        sin_grupo = seleccionar(puntajes_sin_un_grupo(por_grupo, metodo.agregacion), base, gerencia,
                                metodo.cuota, metodo.tope).mean(axis=0)
    else:
        sin_grupo = np.full(f, np.nan)
    pesos = pesos_perturbados(metodo.pesos, metodo.perturbaciones, metodo.variacion, metodo.semilla)
    con_pesos = seleccionar(puntajes_perturbados(notas, metodo, pesos), base, gerencia, metodo.cuota,
                            metodo.tope).mean(axis=0)
    robustez = combinar_robustez(priorizada, sin_grupo, con_pesos)
    estabilidad = np.where(priorizada, robustez, 1 - robustez)
    en_frontera = con_puntaje & (estabilidad < metodo.umbral)

    valor, nombre = concordancia(por_grupo)
    return Calculo(
        puntajes_grupo=por_grupo, puntaje=final, grupos=grupos, medias_criterios=medias, orden=orden,
        puesto=puesto, priorizada=priorizada, fuera_por_tope=fuera_por_tope, corte=corte,
        desacuerdo=desacuerdo, rango=rango, robustez_sin_grupo=sin_grupo, robustez_pesos=con_pesos,
        robustez=robustez, en_frontera=en_frontera, concordancia=valor, metodo_concordancia=nombre,
        correlacion_grupo=correlacion_con_final(por_grupo, final),
    )
