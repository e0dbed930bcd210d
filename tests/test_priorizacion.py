"""Cálculo de la priorización: ejemplos hechos a mano y propiedades (hypothesis)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from gobierno_abierto.etapa3.calculo import (
    Metodo,
    agregar,
    calcular,
    concordancia,
    correlacion_con_final,
    kendall_w,
    orden_base,
    ordenar,
    pesos_perturbados,
    puntajes_perturbados,
    puntajes_por_grupo,
    puntajes_sin_un_grupo,
    seleccionar,
    spearman_medio,
)

NAN = np.nan


def metodo(pesos=(1.0,), cuota=14, tope=0, agregacion="media", perturbaciones=200, minimo=1, maximo=5):
    c = len(pesos)
    return Metodo(pesos=np.array(pesos, dtype=float), minimos=np.full(c, float(minimo)),
                  maximos=np.full(c, float(maximo)), agregacion=agregacion, cuota=cuota, tope=tope,
                  perturbaciones=perturbaciones, variacion=0.2, semilla=7, umbral=0.9)


# --- ejemplos a mano ------------------------------------------------------------------------------


def test_puntaje_de_un_grupo_a_mano():
    # pesos 3 y 1, escala 1–5: (5, 1) → (1, 0) → 100·3/4 = 75; (3, 3) → (0.5, 0.5) → 50
    notas = np.array([[[5, 1], [3, 3], [1, 1], [5, 5]]], dtype=float)
    p = puntajes_por_grupo(notas, np.array([3.0, 1.0]), np.array([1.0, 1.0]), np.array([5.0, 5.0]))
    assert p.tolist() == [[75.0, 50.0, 0.0, 100.0]]


def test_agregacion_media_y_mediana_a_mano():
    # un criterio: notas 1, 2, 5 → 0, 25, 100; media 41.67, mediana 25; NaN se ignora
    p = np.array([[0.0, NAN], [25.0, 80.0], [100.0, NAN]])
    assert agregar(p, "media").tolist() == pytest.approx([125 / 3, 80.0])
    assert agregar(p, "mediana").tolist() == [25.0, 80.0]


def test_calculo_completo_a_mano():
    # 2 grupos, 3 fichas, 1 criterio: ficha 0 → 100 y 50 (media 75), ficha 1 → 25 y 25, ficha 2 sin notas
    notas = np.array([[[5], [2], [NAN]], [[3], [2], [NAN]]], dtype=float)
    c = calcular(notas, [0, 1, 2], metodo(cuota=1))
    assert c.puntaje[:2].tolist() == [75.0, 25.0] and np.isnan(c.puntaje[2])
    assert c.grupos.tolist() == [2, 2, 0]
    assert c.puesto.tolist() == [1, 2, 0]
    assert c.orden.tolist() == [0, 1]
    assert c.priorizada.tolist() == [True, False, False]
    assert c.corte == 75.0
    assert c.desacuerdo[0] == 25.0 and c.desacuerdo[1] == 0.0 and np.isnan(c.desacuerdo[2])
    assert c.medias_criterios[:2, 0].tolist() == [4.0, 2.0]
    assert (c.puesto.dtype.kind, c.priorizada.dtype, c.fuera_por_tope.dtype) == ("i", bool, bool)
    # sin el grupo 1 (50, 25) o sin el 2 (100, 25), la ficha 0 sigue primera
    assert c.robustez_sin_grupo.tolist() == [1.0, 0.0, 0.0]
    assert (c.concordancia, c.metodo_concordancia) == (1.0, "W de Kendall")
    assert c.correlacion_grupo.shape == (2,) and np.isnan(c.correlacion_grupo).all()  # < 3 fichas en común


def test_desempate_por_criterio_de_mayor_peso():
    # pesos 2 y 1: A (3, 5) → (0.5·2 + 1)/3; B (4, 3) → (0.75·2 + 0.5)/3: empatan en 66.67;
    # B tiene mejor nota en el criterio de mayor peso y va primero aunque su código va después
    notas = np.array([[[3, 5], [4, 3]]], dtype=float)
    c = calcular(notas, [0, 1], metodo(pesos=(2, 1), cuota=1))
    assert c.puntaje[0] == pytest.approx(c.puntaje[1])
    assert c.orden.tolist() == [1, 0]
    assert c.priorizada.tolist() == [False, True]


def test_desempate_por_numero_de_grupos_y_por_codigo():
    # mismas notas; A la calificaron dos grupos, B uno → A primero; C y D idénticas → orden del código
    notas = np.array([[[4], [NAN], [3], [3]], [[4], [4], [NAN], [NAN]]], dtype=float)
    c = calcular(notas, [0, 1, 2, 3], metodo(cuota=1), posicion_codigo=[3, 2, 1, 0])
    assert c.orden.tolist() == [0, 1, 3, 2]
    base = orden_base(np.array([[4.0], [4.0]]), np.array([1.0]), np.array([1, 1]), np.array([1, 0]))
    assert base.tolist() == [1, 0]


def test_tope_por_gerencia_a_mano():
    # puntajes decrecientes; gerencias 0,0,0,1,1,2; cuota 3 con tope 1 → fichas 0, 3 y 5
    notas = np.array([[[5], [4.5], [4], [3.5], [3], [2]]], dtype=float)
    notas = np.round(notas)  # enteros: 5, 4, 4, 4, 3, 2 (los empates se resuelven por código)
    c = calcular(notas, [0, 0, 0, 1, 1, 2], metodo(cuota=3, tope=1))
    assert np.flatnonzero(c.priorizada).tolist() == [0, 3, 5]
    assert np.flatnonzero(c.fuera_por_tope).tolist() == [1, 2, 4]
    sin_tope = calcular(notas, [0, 0, 0, 1, 1, 2], metodo(cuota=3, tope=0))
    assert np.flatnonzero(sin_tope.priorizada).tolist() == [0, 1, 2]
    assert not sin_tope.fuera_por_tope.any()


def test_tope_que_no_deja_completar_la_cuota():
    c = calcular(np.array([[[5], [4], [3]]], dtype=float), [0, 0, 0], metodo(cuota=2, tope=1))
    assert c.priorizada.tolist() == [True, False, False]
    assert c.fuera_por_tope.tolist() == [False, True, False]  # la 3 no entraba ni sin tope


def test_kendall_w_a_mano():
    # rangos de 3 jueces a 4 objetos: sumas 4, 6, 8, 12; S = 35; W = 12·35 / (9·60) = 0.7778
    r = np.array([[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]], dtype=float)
    assert kendall_w(r) == pytest.approx(420 / 540)
    assert kendall_w(np.array([[1, 2, 3], [1, 2, 3]], dtype=float)) == pytest.approx(1.0)
    assert kendall_w(np.array([[1, 2], [2, 1]], dtype=float)) == pytest.approx(0.0)


def test_kendall_w_con_empates_a_mano():
    # J1 (10, 10, 20, 30) → rangos 1.5 1.5 3 4; J2 (10, 20, 20, 30) → 1 2.5 2.5 4
    # sumas 2.5 4 5.5 8; S = 16.5; T = 6 + 6; W = 12·16.5 / (4·60 − 2·12) = 198/216
    r = np.array([[10, 10, 20, 30], [10, 20, 20, 30]], dtype=float)
    assert kendall_w(r) == pytest.approx(198 / 216)


def test_kendall_w_casos_limite():
    assert np.isnan(kendall_w(np.array([[1.0, 2.0, 3.0]])))  # un solo juez
    assert np.isnan(kendall_w(np.array([[5.0], [4.0]])))  # un solo objeto
    # rangos (1, 2, 3) y (2, 1, 3): sumas 3, 3, 6; S = 6; sin empates: W = 12·6 / (4·24) = 0.75
    assert kendall_w(np.array([[10.2, 10.4, 20.0], [10.4, 10.2, 20.0]])) == pytest.approx(0.75)


def test_concordancia_casos_limite():
    assert concordancia(np.array([[1.0, 2.0], [1.0, 2.0]])) == (1.0, "W de Kendall")
    assert concordancia(np.array([[50.0, 50.0], [50.0, 50.0]])) == (None, "")  # todo empatado
    assert concordancia(np.array([[1.0, 2.0, NAN, NAN], [NAN, NAN, 3.0, 4.0]])) == (None, "")  # nada en común


def test_spearman_medio_salta_pares_sin_datos():
    # el grupo 2 (constante) no se correlaciona con nadie: solo cuenta el par (0, 2)
    p = np.array([[10, 20, 30, 40], [50, 50, 50, 50], [15, 25, 20, NAN]], dtype=float)
    assert spearman_medio(p) == pytest.approx(0.5)
    assert spearman_medio(p[[2, 1, 0]]) == pytest.approx(0.5)
    # el primer par comparte solo 2 fichas: se salta y se sigue con los demás
    p = np.array([[10, NAN, NAN, 40], [10, 20, 30, 40], [40, 30, 20, 10]], dtype=float)
    assert spearman_medio(p) == pytest.approx(-1.0)
    assert np.isnan(spearman_medio(p[:1]))


def test_correlacion_de_cada_grupo_con_el_final():
    puntajes = np.array([[10, 20, 30, 40], [50, 50.5, 50.25, NAN], [NAN, NAN, 1, 2]], dtype=float)
    final = np.array([0.1, 0.2, 0.3, 0.4])
    r = correlacion_con_final(puntajes, final)
    assert r.shape == (3,)
    assert r[:2].tolist() == pytest.approx([1.0, 0.5]) and np.isnan(r[2])


def test_concordancia_elige_el_metodo():
    completa = np.array([[10, 20, 30, 40], [15, 25, 20, 45]], dtype=float)
    valor, nombre = concordancia(completa)
    assert nombre == "W de Kendall" and valor == pytest.approx(kendall_w(completa))
    incompleta = np.array([[10, 20, 30, 40, NAN], [NAN, 25, 20, 45, 50], [12, 22, NAN, 41, 60]])
    valor, nombre = concordancia(incompleta)
    pares = [stats.spearmanr([20, 30, 40], [25, 20, 45]).statistic,
             stats.spearmanr([10, 20, 40], [12, 22, 41]).statistic,
             stats.spearmanr([25, 45, 50], [22, 41, 60]).statistic]
    assert nombre == "Spearman medio" and valor == pytest.approx(np.mean(pares))
    assert concordancia(np.array([[1.0, 2.0]])) == (None, "")


def test_robustez_evidente_y_frontera():
    # 3 grupos; la ficha 0 muy arriba, la 3 muy abajo; 1 y 2 se disputan el segundo lugar
    notas = np.array([[[5, 5], [4, 3], [3, 4], [1, 1]],
                      [[5, 5], [3, 4], [4, 3], [1, 1]],
                      [[5, 5], [4, 3], [3, 4], [1, 1]]], dtype=float)
    c = calcular(notas, [0, 1, 2, 3], metodo(pesos=(1, 1), cuota=2, perturbaciones=1000))
    assert c.robustez[0] == 1.0 and c.robustez[3] == 0.0
    assert not c.en_frontera[0] and not c.en_frontera[3]
    assert c.en_frontera[1] and c.en_frontera[2]
    assert 0 < c.robustez_pesos[1] < 1 and c.robustez_pesos[1] + c.robustez_pesos[2] == pytest.approx(1.0)


def test_un_solo_grupo_sin_recalculo_por_grupo():
    c = calcular(np.array([[[5], [3]]], dtype=float), [0, 1], metodo(cuota=1))
    assert np.isnan(c.robustez_sin_grupo).all()
    assert c.robustez.tolist() == [1.0, 0.0]
    assert c.desacuerdo.dtype == float and np.isnan(c.desacuerdo).all()
    assert (c.concordancia, c.metodo_concordancia) == (None, "")


@pytest.mark.parametrize("tope", [0, 1])
def test_sin_grupos_no_falla(tope):
    c = calcular(np.empty((0, 3, 2)), [0, 1, 2], metodo(pesos=(1, 1), cuota=2, tope=tope))
    assert not c.priorizada.any() and np.isnan(c.puntaje).all() and c.corte is None
    assert not c.fuera_por_tope.any()


def test_mediana_a_mano():
    # 4 grupos, 1 criterio: ficha 0 → 100, 100, 100, 0 (media 75, mediana 100); ficha 1 → 75 los cuatro
    notas = np.array([[[5], [4]], [[5], [4]], [[5], [4]], [[1], [4]]], dtype=float)
    c = calcular(notas, [0, 1], metodo(cuota=1, agregacion="mediana"))
    assert c.puntaje.tolist() == [100.0, 75.0] and c.priorizada.tolist() == [True, False]
    # sin cualquier grupo la mediana de la ficha 0 sigue en 100 (la media bajaría a 66.7)
    assert c.robustez_sin_grupo.tolist() == [1.0, 0.0]


def test_umbral_de_frontera_estricto():
    # con umbral 1, una ficha que queda (o no queda) en todos los recálculos no está en la frontera
    notas = np.array([[[5], [3], [1]], [[5], [3], [1]]], dtype=float)
    c = calcular(notas, [0, 1, 2], replace(metodo(cuota=1), umbral=1.0))
    assert c.robustez.tolist() == [1.0, 0.0, 0.0]
    assert not c.en_frontera.any()


def test_empate_hasta_el_noveno_decimal():
    base = np.array([0, 1, 2])
    assert ordenar(np.array([[75.3, 75.4, NAN]]), base).tolist() == [[1, 0, 2]]
    assert ordenar(np.array([[75.0, 75.0 + 1e-12, NAN]]), base).tolist() == [[0, 1, 2]]  # empate: base


def test_desempate_por_el_criterio_de_mayor_peso_aunque_vaya_despues():
    # pesos 1 y 2: manda el segundo criterio; A (5, 3) y B (3, 4)
    base = orden_base(np.array([[5.0, 3.0], [3.0, 4.0]]), np.array([1.0, 2.0]), np.array([1, 1]), np.array([0, 1]))
    assert base.tolist() == [1, 0]
    # medias que difieren en decimales no empatan
    base = orden_base(np.array([[4.2], [4.4]]), np.array([1.0]), np.array([1, 1]), np.array([0, 1]))
    assert base.tolist() == [1, 0]


def test_seleccion_perturbada_con_mediana():
    notas = np.random.default_rng(3).integers(1, 6, size=(5, 12, 3)).astype(float)
    c = calcular(notas, np.arange(12) // 3, metodo(pesos=(3, 2, 1), cuota=4, tope=1, agregacion="mediana"))
    assert c.priorizada.sum() == 4
    assert ((c.robustez_pesos >= 0) & (c.robustez_pesos <= 1)).all()


def _seleccion_ingenua(puntajes, base, gerencia, cuota, tope):
    salida = np.zeros(puntajes.shape, dtype=bool)
    for r, fila in enumerate(puntajes):
        claves = sorted(range(len(fila)), key=lambda f: (-(np.round(fila[f], 9) if not np.isnan(fila[f])
                                                           else -np.inf), list(base).index(f)))
        cuenta: dict[int, int] = {}
        elegidas = 0
        for f in claves:
            if np.isnan(fila[f]) or elegidas >= cuota:
                continue
            if tope and cuenta.get(gerencia[f], 0) >= tope:
                continue
            cuenta[gerencia[f]] = cuenta.get(gerencia[f], 0) + 1
            salida[r, f] = True
            elegidas += 1
    return salida


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_seleccion_vectorizada_igual_a_la_ingenua(data):
    f = data.draw(st.integers(1, 12))
    r = data.draw(st.integers(1, 4))
    puntajes = data.draw(arrays(float, (r, f), elements=st.sampled_from([NAN, 0.0, 25.0, 50.0, 62.5, 100.0])))
    gerencia = np.array(data.draw(st.lists(st.integers(0, 3), min_size=f, max_size=f)))
    base = np.array(data.draw(st.permutations(range(f))))
    cuota = data.draw(st.integers(1, 6))
    tope = data.draw(st.integers(0, 3))
    assert (seleccionar(puntajes, base, gerencia, cuota, tope)
            == _seleccion_ingenua(puntajes, base, gerencia, cuota, tope)).all()


# --- propiedades -------------------------------------------------------------------------------------


@st.composite
def casos(draw):
    g = draw(st.integers(1, 4))
    f = draw(st.integers(1, 9))
    c = draw(st.integers(1, 3))
    notas = draw(arrays(float, (g, f, c), elements=st.sampled_from([NAN, 1.0, 2.0, 3.0, 4.0, 5.0]) |
                        st.integers(1, 5).map(float)))
    gerencia = np.array(draw(st.lists(st.integers(0, 3), min_size=f, max_size=f)))
    pesos = draw(st.lists(st.integers(1, 5), min_size=c, max_size=c))
    m = metodo(pesos=pesos, cuota=draw(st.integers(1, 5)), tope=draw(st.integers(0, 2)),
               agregacion=draw(st.sampled_from(["media", "mediana"])), perturbaciones=100)
    return notas, gerencia, m


@settings(max_examples=40, deadline=None)
@given(casos())
def test_puntajes_entre_0_y_100_y_tope_respetado(caso):
    notas, gerencia, m = caso
    c = calcular(notas, gerencia, m)
    for x in (c.puntaje, c.puntajes_grupo):
        finitos = x[~np.isnan(x)]
        assert ((finitos >= -1e-9) & (finitos <= 100 + 1e-9)).all()
    assert c.priorizada.sum() <= m.cuota
    if m.tope:
        assert np.bincount(gerencia[c.priorizada], minlength=4).max(initial=0) <= m.tope
    assert ((c.robustez >= 0) & (c.robustez <= 1)).all()
    assert not (c.priorizada & np.isnan(c.puntaje)).any()


@settings(max_examples=30, deadline=None)
@given(casos(), st.randoms(use_true_random=False))
def test_permutar_grupos_no_cambia_nada(caso, azar):
    notas, gerencia, m = caso
    orden = list(range(notas.shape[0]))
    azar.shuffle(orden)
    a = calcular(notas, gerencia, m)
    b = calcular(notas[orden], gerencia, m)
    np.testing.assert_allclose(a.puntaje, b.puntaje, equal_nan=True)
    assert (a.priorizada == b.priorizada).all() and (a.puesto == b.puesto).all()
    np.testing.assert_allclose(a.robustez, b.robustez, equal_nan=True)
    assert (a.concordancia is None) == (b.concordancia is None)
    if a.concordancia is not None:
        assert a.concordancia == pytest.approx(b.concordancia)


@settings(max_examples=30, deadline=None)
@given(casos(), st.randoms(use_true_random=False))
def test_permutar_fichas_no_cambia_nada(caso, azar):
    notas, gerencia, m = caso
    f = notas.shape[1]
    orden = list(range(f))
    azar.shuffle(orden)
    codigo = np.arange(f)  # el código de cada ficha viaja con ella
    a = calcular(notas, gerencia, m, posicion_codigo=codigo)
    b = calcular(notas[:, orden], gerencia[orden], m, posicion_codigo=codigo[orden])
    np.testing.assert_allclose(a.puntaje[orden], b.puntaje, equal_nan=True)
    assert (a.priorizada[orden] == b.priorizada).all()
    assert (a.puesto[orden] == b.puesto).all()
    np.testing.assert_allclose(a.robustez[orden], b.robustez, equal_nan=True)


def test_semilla_fija_da_el_mismo_resultado():
    notas = np.random.default_rng(5).integers(1, 6, size=(4, 20, 3)).astype(float)
    m = metodo(pesos=(3, 2, 1), cuota=5, perturbaciones=1000)
    a, b = calcular(notas, np.arange(20) % 4, m), calcular(notas, np.arange(20) % 4, m)
    assert (a.robustez_pesos == b.robustez_pesos).all()
    c = calcular(notas, np.arange(20) % 4, replace(m, semilla=8))
    assert (a.priorizada == c.priorizada).all()


def test_pesos_perturbados_dentro_del_rango():
    pesos = np.array([1.0, 2.0, 4.0])
    factores = pesos_perturbados(pesos, 1000, 0.2, 7) / pesos
    assert factores.shape == (1000, 3)
    assert 0.8 <= factores.min() < 0.81 and 1.19 < factores.max() <= 1.2
    assert (pesos_perturbados(pesos, 5, 0.2, 7) == pesos_perturbados(pesos, 5, 0.2, 7)).all()


def _notas_con_huecos(semilla: int, g: int = 4, f: int = 6, c: int = 3) -> np.ndarray:
    rng = np.random.default_rng(semilla)
    notas = rng.integers(1, 6, size=(g, f, c)).astype(float)
    notas[rng.random((g, f)) < 0.3] = NAN  # el grupo no puntuó la ficha (todos sus criterios)
    return notas


@pytest.mark.parametrize("agregacion", ["media", "mediana"])
def test_recalculos_vectorizados_igual_a_los_ingenuos(agregacion):
    notas = _notas_con_huecos(11)
    m = metodo(pesos=(3, 2, 1), agregacion=agregacion)
    pesos = pesos_perturbados(m.pesos, 7, 0.2, 3)
    ingenuo = np.array([agregar(puntajes_por_grupo(notas, w, m.minimos, m.maximos), agregacion) for w in pesos])
    np.testing.assert_allclose(puntajes_perturbados(notas, m, pesos, bloque=3), ingenuo, equal_nan=True)
    por_grupo = puntajes_por_grupo(notas, m.pesos, m.minimos, m.maximos)
    ingenuo = np.array([agregar(np.delete(por_grupo, g, axis=0), agregacion) for g in range(len(notas))])
    np.testing.assert_allclose(puntajes_sin_un_grupo(por_grupo, agregacion), ingenuo, equal_nan=True)
