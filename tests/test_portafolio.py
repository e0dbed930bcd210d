"""El portafolio sugerido contra la fuerza bruta sobre todas las combinaciones."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from gobierno_abierto.etapa4.calculo import Candidata, buscar_portafolio, valores_efectivos

OBL = ["transparencia", "rendicion_cuentas", "participacion_ciudadana"]
TODOS = [*OBL, "tecnologia_innovacion"]


def fuerza_bruta(cands: list[Candidata], k: int) -> tuple[int, float]:
    mejor = (-1, float("-inf"))
    for combo in itertools.combinations(cands, min(k, len(cands))):
        cub = set()
        for c in combo:
            cub |= valores_efectivos(c.valores, frozenset(OBL)) & set(OBL)
        mejor = max(mejor, (len(cub), round(sum(c.puntaje for c in combo), 9)))
    return mejor


candidatas = st.lists(
    st.tuples(st.integers(0, 100), st.sets(st.sampled_from(TODOS))), min_size=1, max_size=9
).map(lambda xs: [Candidata(f"F-{i}", float(p), frozenset(v)) for i, (p, v) in enumerate(xs)])


@settings(max_examples=300, deadline=None)
@given(candidatas, st.integers(1, 5))
def test_igual_a_fuerza_bruta(cands: list[Candidata], k: int) -> None:
    p = buscar_portafolio(cands, k, OBL)
    cub = set()
    for c in cands:
        if c.codigo in p.codigos:
            cub |= valores_efectivos(c.valores, frozenset(OBL)) & set(OBL)
    assert (len(cub), round(p.total, 9)) == fuerza_bruta(cands, k)
    assert len(p.codigos) == min(k, len(cands))
    assert set(p.faltan) == set(OBL) - cub


def test_prefiere_cobertura_y_lo_explica() -> None:
    cands = [Candidata("A", 90, frozenset({"transparencia"})), Candidata("B", 85, frozenset({"transparencia"})),
             Candidata("C", 80, frozenset({"tecnologia_innovacion"})),
             Candidata("D", 50, frozenset({"rendicion_cuentas"})),
             Candidata("E", 40, frozenset({"participacion_ciudadana", "tecnologia_innovacion"}))]
    p = buscar_portafolio(cands, 3, OBL, {"transparencia": "Transparencia"})
    assert p.codigos == ("A", "D", "E")
    assert p.faltan == ()
    assert "todas las combinaciones" in p.explicacion
    assert "Se prefirió" in p.explicacion


def test_tecnologia_sola_no_cuenta() -> None:
    cands = [Candidata("A", 90, frozenset({"tecnologia_innovacion"})), Candidata("B", 10, frozenset())]
    p = buscar_portafolio(cands, 1, OBL)
    assert p.codigos == ("A",) and set(p.faltan) == set(OBL)
