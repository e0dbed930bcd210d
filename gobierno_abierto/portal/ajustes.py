"""Qué se publica y cuándo: la sección opcional `[publicacion]` de la configuración.

Todas las claves tienen un valor por omisión seguro: sin la sección, los puntajes del taller y la
decisión del Comité se publican recién desde el último día de la Etapa IV (cuando el Comité ya
decidió y firmó su acta), y no se publica ningún dato personal. Un error nombra la clave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..nucleo.configuracion import ZONA_LIMA, Configuracion, ErrorConfiguracion

SECCION = "publicacion"

# clave → (tipo, descripción): la lista completa, para el README y para quien tipa la configuración.
CLAVES: dict[str, tuple[type, str]] = {
    "puntajes_desde": (date, "fecha desde la que se publican los puntajes, puestos y notas del taller "
                             "(Etapa III); por omisión, el último día de la Etapa IV"),
    "decision_comite_desde": (date, "fecha desde la que se publican la decisión del Comité, sus motivos y "
                                    "los compromisos (Etapa IV); por omisión, el último día de la Etapa IV"),
    "datos_personales": (bool, "true publica nombres de personas (representantes de la sociedad civil, "
                               "participantes, Comité), correos y teléfonos; por omisión false"),
    "licencia": (str, "identificador de la licencia de los datos (por omisión «CC-BY-4.0»)"),
    "licencia_titulo": (str, "nombre de la licencia en palabras"),
    "licencia_url": (str, "dirección del texto de la licencia"),
    "titulo": (str, "título del sitio"),
    "fecha": (date, "fecha de la publicación (por omisión, la de hoy en Lima)"),
    "filas_por_pagina": (int, "iniciativas por página en la tabla del sitio (por omisión 1000)"),
}


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


def _valor(seccion: dict[str, Any], clave: str, defecto: Any) -> Any:
    if clave not in seccion:
        return defecto
    tipo = CLAVES[clave][0]
    valor = seccion[clave]
    donde = f"«{SECCION}.{clave}»"
    if tipo is date:
        if isinstance(valor, datetime) or not isinstance(valor, date):
            raise ErrorConfiguracion(f"La clave {donde} debe ser una fecha AAAA-MM-DD (sin hora); se encontró "
                                     f"{valor!r}.")
    elif tipo is bool:
        if not isinstance(valor, bool):
            raise ErrorConfiguracion(f"La clave {donde} debe ser true o false; se encontró {valor!r}.")
    elif tipo is int:
        if isinstance(valor, bool) or not isinstance(valor, int):
            raise ErrorConfiguracion(f"La clave {donde} debe ser un número entero; se encontró {valor!r}.")
    elif not isinstance(valor, str) or not valor.strip():
        raise ErrorConfiguracion(f"La clave {donde} debe ser un texto no vacío; se encontró {valor!r}.")
    return valor.strip() if isinstance(valor, str) else valor


def leer_ajustes(config: Configuracion, hoy: date | None = None) -> AjustesPublicacion:
    """Los ajustes de `[publicacion]` con sus valores por omisión; `hoy` fija la fecha (pruebas)."""
    seccion = config.crudo.get(SECCION, {})
    if not isinstance(seccion, dict):
        raise ErrorConfiguracion(f"«{SECCION}» debe ser una sección [{SECCION}].")
    desconocidas = sorted(set(seccion) - set(CLAVES))
    if desconocidas:
        raise ErrorConfiguracion(f"La sección [{SECCION}] tiene claves desconocidas: "
                                 f"{', '.join(desconocidas)}. Las válidas son: {', '.join(CLAVES)}.")
    fin_iv = config.etapa("IV").fin
    filas = _valor(seccion, "filas_por_pagina", 1000)
    if not 20 <= filas <= 5000:
        raise ErrorConfiguracion(f"«{SECCION}.filas_por_pagina» debe estar entre 20 y 5000; se encontró {filas}.")
    return AjustesPublicacion(
        puntajes_desde=_valor(seccion, "puntajes_desde", fin_iv),
        decision_comite_desde=_valor(seccion, "decision_comite_desde", fin_iv),
        datos_personales=_valor(seccion, "datos_personales", False),
        licencia=_valor(seccion, "licencia", "CC-BY-4.0"),
        licencia_titulo=_valor(seccion, "licencia_titulo", "Creative Commons Atribución 4.0 Internacional"),
        licencia_url=_valor(seccion, "licencia_url", "https://creativecommons.org/licenses/by/4.0/deed.es"),
        titulo=_valor(seccion, "titulo", "Selección de compromisos de Gobierno Abierto"),
        fecha=_valor(seccion, "fecha", hoy or datetime.now(ZONA_LIMA).date()),
        filas_por_pagina=filas,
    )
