"""Etapa III: contexto del acta del Taller de priorización (función pura, sin render)."""

from __future__ import annotations

from typing import Any

from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import SI
from ..nucleo.modelo import Consolidado, Priorizacion, ResultadoFicha
from ..nucleo.modelos_secciones import AjustesDocumentos, AjustesPriorizacion
from ..salida.word import contexto_base, firmas


def fila_ranking(res: ResultadoFicha, consolidado: Consolidado, config: Configuracion) -> dict[str, str]:
    ficha = consolidado.ficha(res.codigo)
    g = config.gerencia(res.codigo_gerencia or (ficha.codigo_gerencia if ficha else ""))
    return {"puesto": str(res.puesto or "—"), "codigo": res.codigo,
            "nombre": res.nombre or (ficha.nombre if ficha else ""),
            "gerencia": g.nombre if g else res.codigo_gerencia,
            "puntaje": "—" if res.puntaje is None else f"{res.puntaje:.2f}",
            "priorizada": SI if res.priorizada else "No"}


def contexto_acta_etapa_III(config: Configuracion, ajustes: AjustesDocumentos, criterios: AjustesPriorizacion,
                            consolidado: Consolidado, priorizacion: Priorizacion) -> dict[str, Any]:
    e3 = config.etapa("III")
    integrantes = {g.nombre: g.integrantes for g in criterios.grupos}
    metodo = [m.strip() for m in priorizacion.metodo.split("\n") if m.strip()]
    if priorizacion.concordancia is not None:
        metodo.append(f"Concordancia entre grupos ({priorizacion.metodo_concordancia}): "
                      f"{priorizacion.concordancia:.2f}.")
    return {**contexto_base(config, "Acta de Acuerdos — Etapa III"),
            "fecha": textos.fecha_larga(e3.inicio), "lugar": e3.lugar, "total_fichas": len(consolidado.fichas),
            "grupos": [{"nombre": g, "integrantes": "; ".join(integrantes.get(g, ()))} for g in priorizacion.grupos],
            "metodo": metodo, "ranking": [fila_ranking(x, consolidado, config) for x in priorizacion.resultados],
            "priorizadas": [fila_ranking(x, consolidado, config) for x in priorizacion.priorizadas()],
            "acuerdos": list(ajustes.acuerdos["III"]), "firmas": firmas(ajustes.coordinador)}
