"""La configuración de la demostración: configuracion.toml con personas de ejemplo encima.

Las personas de ejemplo (Comité, quien firma actas y oficio, integrantes de los grupos) viven en
`configuracion_demo.toml`, junto a este módulo, y no en la configuración que se distribuye.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    Configuracion,
    configuracion_desde_dict,
    leer_toml,
)

RUTA_PERSONAS_DEMO = Path(__file__).with_name("configuracion_demo.toml")


def fusionar(base: dict[str, Any], encima: dict[str, Any]) -> dict[str, Any]:
    """Las tablas se combinan clave por clave; las listas (y [[tablas]]) de `encima` reemplazan."""
    salida = dict(base)
    for clave, valor in encima.items():
        if isinstance(valor, dict) and isinstance(salida.get(clave), dict):
            salida[clave] = fusionar(salida[clave], valor)
        else:
            salida[clave] = valor
    return salida


def configuracion_demo(base: Path = RUTA_PREDETERMINADA) -> Configuracion:
    """`base` (configuracion.toml) con las personas de ejemplo de la demostración."""
    datos, lineas = leer_toml(base)
    personas, _ = leer_toml(RUTA_PERSONAS_DEMO)
    return configuracion_desde_dict(fusionar(datos, personas), base, lineas)
