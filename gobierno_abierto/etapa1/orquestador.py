"""Etapa I de punta a punta: la hoja de asistencia del taller. Solo encadena."""

from __future__ import annotations

from ..nucleo.configuracion import Configuracion
from ..salida.publicacion import escribir_atomico
from ..salida.resumen import Resumen
from ..salida.rutas import ARCHIVO_ASISTENCIA, Rutas
from .instrumento import escribir_hoja_asistencia


def generar_hoja_asistencia(config: Configuracion, rutas: Rutas) -> Resumen:
    destino = rutas.plantillas / ARCHIVO_ASISTENCIA
    escribir_atomico(destino, lambda tmp: escribir_hoja_asistencia(config, tmp))
    r = Resumen("Etapa I: hoja de asistencia del Taller de Inducción")
    r.escrito.append(destino)
    r.detalle.append(f"Llénela durante el taller y colóquela en "
                     f"{rutas.entradas_asistencia.relative_to(rutas.raiz)}/; el acta de la Etapa I la usa.")
    return r
