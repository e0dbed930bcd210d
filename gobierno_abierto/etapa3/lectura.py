"""Etapa III: lectura de la carpeta de hojas de puntaje devueltas por los grupos.

Cada hoja se lee y valida en `hojas.leer_hoja_puntaje`; aquí se decide cuál vale por grupo.
"""

from __future__ import annotations

from ..entrada.archivos import recibir
from ..entrada.vigencia import elegir_vigente, observar_eleccion
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Ficha
from ..nucleo.modelos_secciones import AjustesPriorizacion
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..salida.progreso import con_progreso
from ..salida.rutas import Rutas
from .hojas import HojaLeida, leer_hoja_puntaje


def leer_hojas(config: Configuracion, rutas: Rutas, ajustes: AjustesPriorizacion,
               fichas: list[Ficha]) -> tuple[list[HojaLeida], list[Observacion], int]:
    """Lee la carpeta de puntajes; si un grupo entregó dos hojas, vale la más reciente."""
    recepcion = recibir(rutas.entradas_puntajes, config.tamanio_maximo_bytes, config.servidor_correo)
    por_codigo = {f.codigo: f for f in fichas}
    leidas = [leer_hoja_puntaje(d, ajustes, por_codigo)
              for d in con_progreso(recepcion.documentos, "Leyendo hojas de puntaje",
                                    total=len(recepcion.documentos))]
    observaciones = list(recepcion.observaciones)
    vigentes: dict[str, HojaLeida] = {}
    for grupo in ajustes.grupos:  # qué hoja vale por grupo: la regla común (entrada.vigencia)
        eleccion = elegir_vigente([h for h in leidas if h.grupo is grupo], lambda h: h.documento)
        if eleccion.vigente is not None:
            vigentes[grupo.nombre] = eleccion.vigente
            observaciones += observar_eleccion(eleccion, lambda h: h.documento, f"el grupo «{grupo.nombre}»",
                                               grupo=grupo.nombre)
    for hoja in leidas:
        if hoja.grupo is None or vigentes.get(hoja.grupo.nombre) is hoja:
            observaciones += hoja.observaciones
    for grupo in ajustes.grupos:
        if grupo.nombre not in vigentes:
            observaciones.append(observar(Codigo.GRUPO_SIN_HOJA, grupo=grupo.nombre))
    hojas = [vigentes[g.nombre] for g in ajustes.grupos if g.nombre in vigentes]
    return hojas, observaciones, recepcion.archivos_leidos
