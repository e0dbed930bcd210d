"""Etapa I: contexto del acta del Taller de Inducción (función pura, sin render)."""

from __future__ import annotations

from typing import Any

from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelos_secciones import AjustesDocumentos
from ..salida.word import contexto_base, firmas
from .lectura import Asistencia


def contexto_acta_etapa_I(config: Configuracion, ajustes: AjustesDocumentos, asistencia: Asistencia) -> dict[str, Any]:
    """Sin hoja de asistencia, una fila por gerencia con el cargo y la línea para firmar."""
    e1 = config.etapa("I")
    participantes = asistencia.personas or [
        {"nombre": "", "cargo": "Gerente Regional", "organizacion": g.nombre} for g in config.gerencias]
    return {**contexto_base(config, "Acta de Acuerdos — Etapa I"),
            "fecha": textos.fecha_larga(asistencia.fecha or e1.inicio),
            "lugar": textos.con_articulo(asistencia.lugar or e1.lugar) or "____________________",
            "participantes": participantes, "acuerdos": list(ajustes.acuerdos["I"]),
            "hora_cierre": ajustes.hora_cierre_etapa_I, "firmas": firmas(ajustes.coordinador)}
