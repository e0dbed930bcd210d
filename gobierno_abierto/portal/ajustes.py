"""Qué se publica y cuándo: la sección opcional `[publicacion]` ya resuelta para una fecha.

La sección se comprueba en `nucleo.modelos_secciones.AjustesPublicacion` (`config.publicacion`). Todas
sus claves tienen un valor por omisión seguro: sin la sección, los puntajes del taller y la decisión
del Comité se publican recién desde el último día de la Etapa IV (cuando el Comité ya decidió y firmó
su acta), y no se publica ningún dato personal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..nucleo.configuracion import ZONA_LIMA, Configuracion
from ..nucleo.modelos_secciones import AjustesPublicacion as Seccion

CLAVES = tuple(Seccion.model_fields)


@dataclass(frozen=True)
class AjustesPublicacion:
    puntajes_desde: date
    decision_comite_desde: date
    datos_personales: bool
    licencia: str
    licencia_titulo: str
    licencia_url: str
    titulo: str
    fecha: date
    filas_por_pagina: int

    def puntajes_publicos(self) -> bool:
        return self.fecha >= self.puntajes_desde

    def decision_publica(self) -> bool:
        return self.fecha >= self.decision_comite_desde


def leer_ajustes(config: Configuracion, hoy: date | None = None) -> AjustesPublicacion:
    """`[publicacion]` con sus fechas resueltas; `hoy` reemplaza la fecha de hoy (pruebas, banco).
    Lanza ErrorConfiguracion (código de salida 2) si la sección tiene errores."""
    s = config.publicacion
    fin_iv = config.etapa("IV").fin
    return AjustesPublicacion(
        puntajes_desde=s.puntajes_desde or fin_iv, decision_comite_desde=s.decision_comite_desde or fin_iv,
        datos_personales=s.datos_personales, licencia=s.licencia, licencia_titulo=s.licencia_titulo,
        licencia_url=s.licencia_url, titulo=s.titulo,
        fecha=s.fecha or hoy or datetime.now(ZONA_LIMA).date(), filas_por_pagina=s.filas_por_pagina)
