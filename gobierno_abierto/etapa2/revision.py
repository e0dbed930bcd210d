"""Etapa II: lo que se puede decidir de un envío mirando solo ese envío.

De qué gerencia es, sus fichas validadas y los datos de su reunión. Se hace en el proceso trabajador
que leyó el libro (`leer_y_revisar`), así que con dos núcleos se valida el doble de rápido; lo que
compara envíos entre sí (cuál vale, actividades repetidas, quién no envió) queda en `calculo`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..entrada.archivos import Documento
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.observaciones import Observacion
from . import lectura
from .lectura import Celda, EnvioLeido
from .validacion import Lugar, identificar_gerencia, validar_ficha, validar_reunion


@dataclass(frozen=True)
class FichaRevisada:
    numero: int
    vacia: bool
    valores: dict[str, Any]
    observaciones: list[Observacion]
    celda_nombre: Celda | None  # dónde se escribió el nombre de la actividad (para «repetida»)


@dataclass(frozen=True)
class EnvioRevisado:
    gerencia: str                      # código, o "" si no se pudo saber
    problemas: list[Observacion]       # de la identificación de la gerencia
    fichas: list[FichaRevisada]
    reunion: dict[str, Any]
    participantes: list[dict[str, str]]
    observaciones_reunion: list[Observacion]


def revisar_envio(envio: EnvioLeido, config: Configuracion) -> EnvioRevisado:
    """La gerencia del envío y, si se sabe, sus fichas y su reunión validadas."""
    gerencia, problemas = identificar_gerencia(envio, config)
    if gerencia is None:
        return EnvioRevisado("", problemas, [], {}, [], [])
    fichas = []
    for leida in envio.fichas:
        if leida.vacia:
            fichas.append(FichaRevisada(leida.numero, True, {}, [], None))
            continue
        codigo = E.codigo_ficha(gerencia.codigo, leida.numero)
        validada = validar_ficha(leida, config, Lugar(gerencia.codigo, envio.archivo, codigo))
        fichas.append(FichaRevisada(leida.numero, False, validada.valores, list(validada.observaciones),
                                    leida.celdas.get(E.NOMBRE_ACTIVIDAD)))
    reunion, participantes, obs_reunion = validar_reunion(envio, Lugar(gerencia.codigo, envio.archivo),
                                                          config.anio_actual)
    return EnvioRevisado(gerencia.codigo, problemas, fichas, reunion, participantes, obs_reunion)


def leer_y_revisar(documento: Documento, config: Configuracion) -> EnvioLeido:
    """El lector de la Etapa II en un proceso trabajador: lee el libro y lo revisa. Devuelve el envío
    sin las celdas leídas ni los bytes del archivo (ya están en `revisado`): copiar 150 celdas por libro
    al proceso principal costaría más que leerlas."""
    envio = lectura.leer_envio(documento, config)
    if envio.es_plantilla:
        envio.revisado = revisar_envio(envio, config)
        envio.fichas, envio.reunion, envio.participantes = [], {}, []
    envio.documento = replace(documento, datos=b"")
    return envio
