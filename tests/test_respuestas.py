"""Respuesta razonada de cada ficha: el texto sale de sus propios puntajes."""

from __future__ import annotations

import pytest

from gobierno_abierto.etapa3.respuestas import DatosRespuesta, describir_metodo, redactar_respuesta


@pytest.fixture
def ajustes(config):
    return config.priorizacion


def datos(**cambios):
    base = {"puesto": 3, "puntaje": 81.25, "grupos": 4, "priorizada": True, "fuera_por_tope": False,
            "robustez": 0.97, "en_frontera": False, "desacuerdo": 4.0, "grupos_esperados": 4,
            "medias": {"relevancia": 5.0, "especificidad": 3.0, "impacto": 4.5, "factibilidad": 2.0,
                       "alineamiento": 4.0}}
    return DatosRespuesta(**{**base, **cambios})


def test_priorizada_estable(ajustes):
    assert redactar_respuesta(datos(), ajustes, 70.5, 60) == (
        "Priorizada: puesto 3 de 60, con 81.25 puntos de 100 (4 grupos). Destacó en «Relevancia para los "
        "valores de Gobierno Abierto» (5.0 de 5) y «Impacto potencial» (4.5 de 5). Su selección es estable: "
        "sigue entre las 14 en el 97\u00a0% de los recálculos.")


def test_no_priorizada_con_lo_que_le_falto(ajustes):
    texto = redactar_respuesta(datos(puesto=20, puntaje=60.0, priorizada=False, robustez=0.25, en_frontera=True,
                                     desacuerdo=18.0, grupos=3), ajustes, 70.5, 60)
    assert texto == (
        "No priorizada: puesto 20 de 60, con 60.00 puntos de 100 (3 grupos); le faltaron 10.50 puntos para "
        "el corte (70.50). Sus criterios más débiles: «Factibilidad (presupuesto y metas)» (2.0 de 5) y "
        "«Especificidad y verificabilidad» (3.0 de 5). Está en la frontera: entra entre las 14 en el 25\u00a0% de los "
        "recálculos (quitando un grupo o variando los pesos). 1 grupo no la calificó de forma válida "
        "(vea «Observaciones»). Los grupos discreparon bastante (desviación estándar de 18.0 puntos).")


def test_fuera_por_tope_y_sin_puntaje(ajustes):
    tope = redactar_respuesta(datos(puesto=9, priorizada=False, fuera_por_tope=True), ajustes, 70.5, 60)
    assert tope.startswith("No priorizada pese a su puntaje: puesto 9 de 60") and "máximo permitido" in tope
    nada = redactar_respuesta(datos(puesto=None, puntaje=None, grupos=0, priorizada=False), ajustes, 70.5, 60)
    assert nada.startswith("No priorizada: ningún grupo la calificó")


def test_metodo_en_palabras(ajustes):
    titulos = [t for t, _ in describir_metodo(ajustes)]
    assert titulos[:5] == ["Criterios y pesos", "Escala", "Puntaje de un grupo", "Puntaje final",
                           "Puesto y desempate"]
    texto = dict(describir_metodo(ajustes))
    assert "«Relevancia para los valores de Gobierno Abierto» 30\u00a0%" in texto["Criterios y pesos"]
    assert "1,000 veces" in texto["Robustez"] and "±20\u00a0%" in texto["Robustez"]


def test_un_solo_redondeo_la_mitad_hacia_arriba() -> None:
    from gobierno_abierto.nucleo.textos import redondear

    assert [redondear(x) for x in (80.625, 70.3125, 2.675, 85.9375, 1 / 3)] == [80.63, 70.31, 2.68, 85.94, 0.33]


def test_empate_en_el_corte_dice_que_desempate_decidio(config) -> None:
    """Dos fichas con 65.00: entra la de mayor nota media en el criterio de mayor peso."""
    from dataclasses import replace
    from types import SimpleNamespace

    import numpy as np

    from gobierno_abierto.etapa3.calculo import calcular
    from gobierno_abierto.etapa3.resultados import explicar_empate, metodo_de

    ajustes = config.priorizacion
    orden = [c.clave for c in ajustes.criterios]
    assert orden == ["relevancia", "especificidad", "impacto", "factibilidad", "alineamiento"]
    notas = np.array([[[5, 3, 3, 3, 3], [3, 5, 3, 3, 5], [1, 1, 1, 1, 1]]], dtype=float)
    calculo = calcular(notas, np.array([0, 1, 2]), replace(metodo_de(ajustes), cuota=1))
    assert calculo.puntaje.tolist()[:2] == [65.0, 65.0] and calculo.priorizada.tolist() == [True, False, False]
    fichas = [SimpleNamespace(codigo=c) for c in ("GRE-1", "GRTPE-3", "GRAD-2")]
    assert explicar_empate(1, calculo, fichas, ajustes) == (
        "empató con GRE-1 en 65.00 puntos (el corte) y quedó fuera por menor nota media en "
        f"{ajustes.criterios[0].nombre} (3.00 frente a 5.00)")
    assert explicar_empate(2, calculo, fichas, ajustes) == ""  # no empató: le faltaron puntos
