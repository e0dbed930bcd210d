"""El contrato de la hoja oculta «Control» de cada instrumento, declarado una vez por plantilla.

La escribe `salida.instrumento.escribir_hoja_control` y la lectura busca las mismas celdas por
sus nombres definidos: así un libro ajeno o de una versión anterior se reconoce antes de leerlo.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContratoControl:
    plantilla_id: str  # qué plantilla es («GRLL-OGP-FICHAS»)
    version: str  # la versión vigente; un libro con otra es de una plantilla antigua
    nombre_id: str  # nombre definido de la celda con el identificador
    nombre_version: str = ""  # nombre definido de la celda con la versión ("": no se nombra)
    clave_id: str = "plantilla_id"  # texto de la columna A junto a cada valor
    clave_version: str = "plantilla_version"
    hoja: str = "Control"
