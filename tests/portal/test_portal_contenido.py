"""Qué se decide y qué se reserva: la decisión y el motivo de cada ficha en cada etapa."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import config_con, preparar

from gobierno_abierto.nucleo.configuracion import Configuracion
from gobierno_abierto.portal.ajustes import leer_ajustes
from gobierno_abierto.portal.contenido import armar_contenido
from gobierno_abierto.portal.lectura import leer_fuentes
from gobierno_abierto.portal.publicado import Contenido
from gobierno_abierto.salida.rutas import Rutas

CONFIG = config_con(puntajes_desde=date(2016, 10, 1), decision_comite_desde=date(2016, 10, 15))


@pytest.fixture(scope="module")
def rutas(tmp_path_factory: pytest.TempPathFactory) -> Rutas:
    return preparar(tmp_path_factory.mktemp("contenido") / "p", CONFIG)[0]


def contenido(rutas: Rutas, hoy: date, config: Configuracion = CONFIG) -> Contenido:
    return armar_contenido(config, leer_ajustes(config, hoy), leer_fuentes(config, rutas))


def decisiones(c: Contenido, codigo: str) -> list[tuple[str, str]]:
    i = next(i for i in c.iniciativas if i.codigo == codigo)
    return [(d.etapa, d.decision) for d in i.decisiones]


def test_cada_ficha_tiene_una_decision_por_etapa(rutas: Rutas) -> None:
    c = contenido(rutas, date(2016, 10, 20))
    priorizada = next(i for i in c.iniciativas if i.priorizada and not i.seleccionada)
    seleccionada = next(i for i in c.iniciativas if i.seleccionada)
    no_priorizada = next(i for i in c.iniciativas if i.priorizada is False)
    assert decisiones(c, "GEPRO-5") == [("II", "observada"), ("III", "no_participa"), ("IV", "no_participa")]
    assert decisiones(c, priorizada.codigo) == [("II", "valida"), ("III", "priorizada"), ("IV", "no_seleccionada")]
    assert decisiones(c, seleccionada.codigo) == [("II", "valida"), ("III", "priorizada"), ("IV", "seleccionada")]
    assert decisiones(c, no_priorizada.codigo) == [("II", "valida"), ("III", "no_priorizada"), ("IV", "no_participa")]
    assert [(i.situacion, i.codigo) for i in c.iniciativas if i.codigo == "GEPRO-5"] == [("observada", "GEPRO-5")]
    assert len(c.compromisos) == 5 and c.embudo == [("Fichas presentadas", 20), ("Fichas válidas", 19),
                                                    ("Iniciativas priorizadas", 14), ("Compromisos seleccionados", 5)]


def test_motivos_en_castellano_llano(rutas: Rutas) -> None:
    c = contenido(rutas, date(2016, 10, 20))
    observada = next(i for i in c.iniciativas if i.codigo == "GEPRO-5")
    motivo = observada.decisiones[0].motivo
    assert "«Descripción de la actividad»" in motivo and "«Presupuesto de la actividad 2017 (S/)»" in motivo
    seleccionada = next(i for i in c.iniciativas if i.seleccionada)
    assert seleccionada.decisiones[1].motivo.startswith("Priorizada: puesto ")
    assert "Seleccionada por el Comité de Gobierno Abierto. Motivo:" in seleccionada.decisiones[2].motivo
    assert all(d.fecha == CONFIG.etapa(d.etapa).fin for d in seleccionada.decisiones)


def test_reserva_puntajes_y_decision_hasta_su_fecha(rutas: Rutas) -> None:
    antes = contenido(rutas, date(2016, 9, 30))
    assert all(i.puntaje is None and i.puesto is None and not i.medias for i in antes.iniciativas)
    assert antes.notas == [] and antes.compromisos == [] and antes.metodo == ""
    seleccionada = next(i for i in antes.iniciativas if i.decisiones[2].decision == "reservada")
    assert seleccionada.decisiones[1].decision == "priorizada"   # la priorización sí es pública
    assert "se publican desde el 1 de octubre de 2016" in seleccionada.decisiones[1].motivo
    assert "se publican desde el 15 de octubre de 2016" in seleccionada.decisiones[2].motivo
    assert len(antes.reservas) == 3 and "1 de octubre de 2016" in antes.reservas[0]

    entre = contenido(rutas, date(2016, 10, 5))
    assert all(i.puntaje is not None for i in entre.iniciativas if i.priorizada is not None)
    assert entre.notas and not entre.compromisos
    assert {i.decisiones[2].decision for i in entre.iniciativas if i.priorizada} == {"reservada"}


def test_sin_etapas_posteriores(tmp_path: Path) -> None:
    rutas, _ = preparar(tmp_path / "p", CONFIG, priorizacion=False)
    c = contenido(rutas, date(2016, 9, 20))
    assert decisiones(c, "GRE-1") == [("II", "valida"), ("III", "pendiente"), ("IV", "pendiente")]
    assert {i.situacion for i in c.iniciativas} == {"valida", "observada"}
    assert [e.estado for e in c.etapas] == ["Concluida", "Concluida", "Próxima", "Próxima"]


def test_datos_personales_solo_si_la_configuracion_lo_dice(rutas: Rutas) -> None:
    reservado = contenido(rutas, date(2016, 10, 20))
    assert "[correo reservado]" in reservado.iniciativas[0].campos[1].texto
    assert all("@" not in m for m in reservado.comite)
    config = config_con(datos_personales=True)
    abierto = contenido(rutas, date(2016, 10, 20), config)
    assert "@gmail.com" in abierto.iniciativas[0].campos[1].texto
    assert abierto.comite[0].startswith(config.documentos.comite[0].nombre)
