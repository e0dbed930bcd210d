"""El portafolio sugerido contra la fuerza bruta sobre todas las combinaciones."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from gobierno_abierto.etapa4.calculo import (
    Candidata,
    Portafolio,
    buscar_portafolio,
    valores_efectivos,
)

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


NOMBRES = {"transparencia": "Transparencia", "rendicion_cuentas": "Rendición de cuentas",
           "participacion_ciudadana": "Participación ciudadana", "tecnologia_innovacion": "Tecnología e innovación"}


def _c(codigo: str, puntaje: float, *valores: str) -> Candidata:
    return Candidata(codigo, puntaje, frozenset(valores))


def test_la_explicacion_completa() -> None:
    cands = [_c("A", 90, "transparencia"), _c("B", 85, "transparencia"), _c("C", 80, "tecnologia_innovacion"),
             _c("D", 50, "rendicion_cuentas"), _c("E", 40, "tecnologia_innovacion", "participacion_ciudadana")]
    p = buscar_portafolio(cands, 3, OBL, {"transparencia": "Transparencia"})  # sin nombre: su clave
    assert (p.codigos, p.total, p.cubre, p.faltan) == (("A", "D", "E"), 180.0, frozenset(OBL), ())
    assert p.explicacion == (
        "De las 5 fichas priorizadas, estas 3 suman el mayor puntaje total posible (180.00 puntos) y juntas "
        "cubren transparencia, rendicion_cuentas y participacion_ciudadana. Se revisaron todas las "
        "combinaciones posibles. Se prefirió D y E en lugar de B y C (de mayor puntaje) para cubrir los "
        "valores de Gobierno Abierto; tecnología e innovación solo cuenta junto a otro valor. "
        "A (90.00 puntos): Transparencia. D (50.00 puntos): rendicion_cuentas. "
        "E (40.00 puntos): participacion_ciudadana y tecnologia_innovacion.")


def test_explicacion_cuando_coinciden_con_el_ranking() -> None:
    cands = [_c("A", 90, "rendicion_cuentas", "transparencia"), _c("B", 80, "participacion_ciudadana"),
             _c("C", 70, "transparencia")]
    p = buscar_portafolio(cands, 2, OBL, NOMBRES)
    assert p.explicacion == (
        "De las 3 fichas priorizadas, estas 2 suman el mayor puntaje total posible (170.00 puntos) y juntas "
        "cubren transparencia, rendición de cuentas y participación ciudadana. Se revisaron todas las "
        "combinaciones posibles. Coinciden con las 2 de mayor puntaje del ranking. "
        "A (90.00 puntos): Transparencia y Rendición de cuentas. B (80.00 puntos): Participación ciudadana.")


def test_explicacion_cuando_ningun_portafolio_cubre_todo() -> None:
    cands = [_c("A", 90, "transparencia"), _c("B", 80, "rendicion_cuentas"), _c("C", 70.5, "tecnologia_innovacion")]
    p = buscar_portafolio(cands, 3, OBL, NOMBRES)
    assert (p.codigos, p.cubre, p.faltan) == (("A", "B", "C"), frozenset(OBL[:2]), ("participacion_ciudadana",))
    assert p.explicacion == (
        "De las 3 fichas priorizadas, estas 3 suman el mayor puntaje total posible (240.50 puntos) entre las "
        "combinaciones que cubren más valores; ninguna combinación de 3 fichas cubre participación ciudadana. "
        "Se revisaron todas las combinaciones posibles. Coinciden con las 3 de mayor puntaje del ranking. "
        "A (90.00 puntos): Transparencia. B (80.00 puntos): Rendición de cuentas. "
        "C (70.50 puntos): ningún valor que cuente.")


def test_sin_candidatas() -> None:
    texto = "No hay fichas priorizadas: no se puede sugerir un portafolio."
    assert buscar_portafolio([], 5, OBL, NOMBRES) == Portafolio((), 0, frozenset(), tuple(OBL), texto)


def test_ante_un_empate_gana_la_que_va_antes() -> None:
    """Aunque una ficha posterior infle la cota (D: 90 puntos sin valores), C no desplaza a A."""
    assert buscar_portafolio([_c("A", 50, "transparencia"), _c("C", 50, "transparencia"), _c("D", 90)],
                             1, OBL).codigos == ("A",)
    # puntajes que coinciden hasta el noveno decimal empatan; una diferencia mayor ya no
    assert buscar_portafolio([_c("A", 1.0, "transparencia"), _c("B", 1.0000000003, "transparencia")],
                             1, OBL).codigos == ("A",)
    assert buscar_portafolio([_c("A", 50.3, "transparencia"), _c("B", 50.4, "transparencia")],
                             1, OBL).codigos == ("B",)


def test_valores_que_cuentan() -> None:
    obligatorios = frozenset(OBL)
    assert valores_efectivos(frozenset({"tecnologia_innovacion"}), obligatorios) == frozenset()
    assert valores_efectivos(frozenset(), obligatorios) == frozenset()
    ambos = frozenset({"tecnologia_innovacion", "transparencia"})
    assert valores_efectivos(ambos, obligatorios) == ambos
