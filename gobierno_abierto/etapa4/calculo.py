"""Portafolio sugerido para el Comité: búsqueda exacta, sin E/S.

Entre las fichas priorizadas se buscan las `k` de mayor puntaje total que juntas cubren todos
los valores OGP obligatorios (transparencia, rendición de cuentas, participación ciudadana).
Un valor «acompañante» (tecnología e innovación) solo cuenta en una ficha que además marca uno
obligatorio. La búsqueda recorre todas las combinaciones con poda (ramificación y acotamiento),
así que el resultado es el óptimo exacto; ante un empate gana la combinación que aparece antes
en el orden del ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..nucleo.textos import lista_humana


@dataclass(frozen=True)
class Candidata:
    codigo: str
    puntaje: float
    valores: frozenset[str]  # claves de valores OGP marcados «Sí»
    nombre: str = ""


@dataclass(frozen=True)
class Portafolio:
    codigos: tuple[str, ...]       # en el orden del ranking
    total: float
    cubre: frozenset[str]          # valores obligatorios cubiertos
    faltan: tuple[str, ...]        # obligatorios que ninguna combinación pudo cubrir
    explicacion: str


def valores_efectivos(valores: frozenset[str], obligatorios: frozenset[str]) -> frozenset[str]:
    """Un valor acompañante solo cuenta si la ficha marca además un valor obligatorio."""
    if valores & obligatorios:
        return valores
    return frozenset()


def _redondeo(x: float) -> float:
    return round(x, 9)


def buscar_portafolio(candidatas: Sequence[Candidata], k: int, obligatorios: Sequence[str],
                      nombres: dict[str, str] | None = None) -> Portafolio:
    """El mejor portafolio de `k` fichas: primero cobertura máxima de obligatorios, luego puntaje.

    Si ninguna combinación cubre todos los obligatorios, se maximiza cuántos cubre y se dice cuáles
    faltan. Con menos de `k` candidatas se devuelven todas.
    """
    nombres = nombres or {}
    requeridos = frozenset(obligatorios)
    orden = list(candidatas)  # el orden recibido es el del ranking (desempate)
    k = min(k, len(orden))
    cubre = [valores_efectivos(c.valores, requeridos) & requeridos for c in orden]
    puntajes = [c.puntaje for c in orden]
    n = len(orden)
    # cota superior del puntaje que aún se puede sumar: los mejores `r` desde la posición i
    mejores_desde: list[list[float]] = []
    for i in range(n + 1):
        resto = sorted(puntajes[i:], reverse=True)
        acumulado = [0.0]
        for p in resto:
            acumulado.append(acumulado[-1] + p)
        mejores_desde.append(acumulado)
    cubrible_desde = [frozenset()] * (n + 1)
    for i in range(n - 1, -1, -1):
        cubrible_desde[i] = cubrible_desde[i + 1] | cubre[i]

    mejor: tuple[int, float] = (-1, float("-inf"))
    mejor_sel: tuple[int, ...] = ()
    seleccion: list[int] = []

    def clave(cubiertos: int, total: float) -> tuple[int, float]:
        return cubiertos, _redondeo(total)

    def explorar(i: int, total: float, cubiertos: frozenset[str]) -> None:
        nonlocal mejor, mejor_sel
        faltan = k - len(seleccion)
        if faltan == 0:
            actual = clave(len(cubiertos), total)
            if actual > mejor:
                mejor, mejor_sel = actual, tuple(seleccion)
            return
        if n - i < faltan:
            return
        cota = clave(len(cubiertos | cubrible_desde[i]), total + mejores_desde[i][faltan])
        if cota <= mejor:
            return
        seleccion.append(i)
        explorar(i + 1, total + puntajes[i], cubiertos | cubre[i])
        seleccion.pop()
        explorar(i + 1, total, cubiertos)

    explorar(0, 0.0, frozenset())
    elegidas = [orden[i] for i in mejor_sel]
    cubiertos = frozenset().union(*(cubre[i] for i in mejor_sel)) if mejor_sel else frozenset()
    faltan = tuple(v for v in obligatorios if v not in cubiertos)
    total = sum(c.puntaje for c in elegidas)
    return Portafolio(tuple(c.codigo for c in elegidas), total, cubiertos, faltan,
                      _explicar(elegidas, orden, k, obligatorios, cubiertos, faltan, total, nombres))


def _explicar(elegidas: list[Candidata], orden: list[Candidata], k: int, obligatorios: Sequence[str],
              cubiertos: frozenset[str], faltan: tuple[str, ...], total: float,
              nombres: dict[str, str]) -> str:
    def nombre(v: str) -> str:
        return nombres.get(v, v).lower()

    if not elegidas:
        return "No hay fichas priorizadas: no se puede sugerir un portafolio."
    mejores = orden[:k]
    partes = [f"De las {len(orden)} fichas priorizadas, estas {len(elegidas)} suman el mayor puntaje "
              f"total posible ({total:.2f} puntos)"]
    if faltan:
        partes[0] += (f" entre las combinaciones que cubren más valores; ninguna combinación de {k} "
                      f"fichas cubre {lista_humana([nombre(v) for v in faltan])}")
    else:
        partes[0] += (f" y juntas cubren {lista_humana([nombre(v) for v in obligatorios])}")
    partes[0] += ". Se revisaron todas las combinaciones posibles."
    if [c.codigo for c in elegidas] == [c.codigo for c in mejores]:
        partes.append(f"Coinciden con las {len(elegidas)} de mayor puntaje del ranking.")
    else:
        fuera = [c.codigo for c in mejores if c not in elegidas]
        dentro = [c.codigo for c in elegidas if c not in mejores]
        partes.append(f"Se prefirió {lista_humana(dentro)} en lugar de {lista_humana(fuera)} (de mayor "
                      "puntaje) para cubrir los valores de Gobierno Abierto; tecnología e innovación "
                      "solo cuenta junto a otro valor.")
    for c in elegidas:
        valores = sorted(valores_efectivos(c.valores, frozenset(obligatorios)), key=list(nombres).index
                         if all(v in nombres for v in c.valores) else str)
        texto = lista_humana([nombres.get(v, v) for v in valores]) or "ningún valor que cuente"
        partes.append(f"{c.codigo} ({c.puntaje:.2f} puntos): {texto}.")
    return " ".join(partes)
