"""Etapa III de punta a punta: hojas de puntaje para los grupos y priorización.

Solo encadena: la lectura y validación de las hojas está en `puntajes`, el cálculo en
`priorizacion`, los textos en `respuestas` y el libro de salida en `escritura_priorizacion`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..etapa2.consolidado import cargar_consolidado
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Ficha, Priorizacion
from ..nucleo.modelos_secciones import AjustesPriorizacion
from ..nucleo.observaciones import Codigo, Observacion, contar, observar
from ..nucleo.textos import cantidad, numero, recortar
from ..salida.publicacion import escribir_atomico
from ..salida.resumen import SALIDA_CON_ERRORES, SALIDA_LIMPIA, ErrorUso, Resumen
from ..salida.rutas import Rutas
from .calculo import calcular
from .escritura import (
    Informe,
    escribir_priorizacion,
)
from .hojas import nombre_archivo
from .instrumento import escribir_hoja_puntaje
from .lectura import leer_hojas
from .resultados import (
    armar_priorizacion,
    filas_por_grupo,
    matriz_notas,
    metodo_de,
    motivo_incompleta,
    resumen_por_grupo,
)

# --- hojas de puntaje --------------------------------------------------------------------------------


def fichas_validas(config: Configuracion, rutas: Rutas) -> list[Ficha]:
    """Las fichas válidas del consolidado, en el orden de las gerencias en la configuración."""
    consolidado = cargar_consolidado(config, rutas.consolidado)
    orden = {g.codigo: i for i, g in enumerate(config.gerencias)}
    return sorted(consolidado.validas(),
                  key=lambda f: (orden.get(f.codigo_gerencia, len(orden)), f.codigo_gerencia, f.numero, f.codigo))


def generar_hojas_puntaje(config: Configuracion, rutas: Rutas) -> Resumen:
    ajustes = config.priorizacion
    fichas = fichas_validas(config, rutas)
    if not fichas:
        raise ErrorUso("El consolidado no tiene fichas válidas: no hay nada que puntuar. Corrija las fichas "
                       "y vuelva a ejecutar «consolidar».")
    escritos = []
    for grupo in ajustes.grupos:
        destino = rutas.plantillas / nombre_archivo(grupo)
        escribir_atomico(destino, lambda tmp, g=grupo: escribir_hoja_puntaje(config, ajustes, g, fichas, tmp))
        escritos.append(destino)
    resumen = Resumen("Hojas de puntaje del taller (Etapa III)",
                      leido=[f"{cantidad(len(fichas), 'ficha válida', 'fichas válidas')} de «{rutas.consolidado.name}»"])
    resumen.detalle.append(f"Grupos: {len(ajustes.grupos)}; criterios: "
                           f"{', '.join(c.nombre for c in ajustes.criterios)}")
    resumen.escrito += escritos
    resumen.detalle.append(f"Entregue a cada grupo su hoja; al recibirlas, guárdelas en "
                           f"«{_relativa(rutas.entradas_puntajes, rutas)}» y ejecute «priorizar».")
    return resumen


def _relativa(ruta: Path, rutas: Rutas) -> str:
    try:
        return str(ruta.relative_to(rutas.raiz))
    except ValueError:
        return str(ruta)


# --- priorización ------------------------------------------------------------------------------------


def priorizar(config: Configuracion, rutas: Rutas) -> Resumen:
    ajustes = config.priorizacion
    fichas = fichas_validas(config, rutas)
    hojas, observaciones, leidos = leer_hojas(config, rutas, ajustes, fichas)
    if not hojas:
        motivos = "".join(f"\n  - {o.archivo}: {o.mensaje}" for o in observaciones if o.archivo)
        raise ErrorUso(f"No hay hojas de puntaje válidas en «{rutas.entradas_puntajes}»: guarde allí las hojas "
                       f"devueltas por los grupos. No se cambió ninguna salida.{motivos}")
    grupos = [h.grupo.nombre for h in hojas if h.grupo is not None]
    indice_gerencia = {g.codigo: i for i, g in enumerate(config.gerencias)}
    gerencia = np.array([indice_gerencia.get(f.codigo_gerencia, len(indice_gerencia)) for f in fichas], dtype=int)
    calculo = calcular(matriz_notas(hojas, fichas, ajustes), gerencia, metodo_de(ajustes))
    priorizacion = armar_priorizacion(calculo, fichas, grupos, ajustes)
    priorizadas = priorizacion.priorizadas()
    if len(priorizadas) < ajustes.cuota:
        observaciones.append(observar(Codigo.PRIORIZADAS_INCOMPLETAS, priorizadas=len(priorizadas),
                                      cuota=ajustes.cuota, motivo=motivo_incompleta(calculo, hojas, ajustes.cuota)))
    informe = Informe(priorizacion, {f.codigo: f for f in fichas}, filas_por_grupo(calculo, hojas, fichas),
                      resumen_por_grupo(calculo, hojas, grupos, ajustes), observaciones)
    destino = escribir_priorizacion(informe, config, ajustes, rutas.priorizacion)
    return _resumen(priorizacion, observaciones, ajustes, rutas, leidos, len(hojas), len(fichas), destino)


def _resumen(p: Priorizacion, observaciones: list[Observacion], ajustes: AjustesPriorizacion, rutas: Rutas,
             leidos: int, hojas: int, fichas: int, destino: Path) -> Resumen:
    resumen = Resumen("Priorización de iniciativas (Etapa III)")
    resumen.leido.append(f"{cantidad(leidos, 'archivo', 'archivos')} de «{_relativa(rutas.entradas_puntajes, rutas)}»; "
                         f"{cantidad(fichas, 'ficha válida', 'fichas válidas')} del consolidado")
    errores, advertencias = contar(observaciones)
    resumen.detalle.append(f"Hojas de puntaje vigentes: {hojas} de {len(ajustes.grupos)} grupos")
    resumen.detalle.append(f"Observaciones: {cantidad(errores, 'error', 'errores')}, "
                           f"{cantidad(advertencias, 'advertencia', 'advertencias')}")
    if p.concordancia is not None:
        resumen.detalle.append(f"Concordancia entre grupos ({p.metodo_concordancia}): {numero(p.concordancia, 2)}")
    priorizadas = p.priorizadas()
    resumen.detalle.append(f"Las {len(priorizadas)} iniciativas priorizadas (puntaje 0–100, robustez):")
    for r in priorizadas:
        marca = "  · en la frontera" if r.en_frontera else ""
        robustez = f"{100 * r.robustez:3.0f} %" if r.robustez is not None else "  —"
        resumen.detalle.append(f"  {r.puesto:>3}. {r.codigo:<11} {r.puntaje or 0:6.2f}  {robustez}  "
                               f"{recortar(r.nombre, 60)}{marca}")
    por_tope = [f"{r.codigo} (puesto {r.puesto})" for r in p.resultados if r.fuera_por_tope]
    if por_tope:
        resumen.detalle.append(f"No entran por el tope de {ajustes.maximo_por_gerencia} por gerencia: "
                               f"{', '.join(por_tope)}")
    resumen.escrito.append(destino)
    if hojas == 0:
        resumen.atencion.append(f"No hay hojas de puntaje válidas en «{rutas.entradas_puntajes}»: guarde allí "
                                "las hojas devueltas por los grupos.")
    sin_hoja = [o.contexto.get("grupo", "") for o in observaciones if o.codigo is Codigo.GRUPO_SIN_HOJA]
    if sin_hoja:
        resumen.atencion.append(f"Grupos sin hoja de puntaje: {', '.join(sin_hoja)}")
    if errores:
        resumen.atencion.append(f"{cantidad(errores, 'error', 'errores')} en las hojas de puntaje: vea la hoja «Observaciones» "
                                f"de {destino.name}")
    frontera = [r.codigo for r in p.resultados if r.en_frontera]
    if frontera:
        resumen.atencion.append(f"En la frontera (revisar con cuidado): {', '.join(frontera)}")
    if len(priorizadas) < ajustes.cuota:
        resumen.atencion.append(f"Solo {len(priorizadas)} de {ajustes.cuota} fichas pudieron priorizarse")
    resumen.codigo_salida = SALIDA_CON_ERRORES if errores else SALIDA_LIMPIA
    return resumen




# --- demostración ------------------------------------------------------------------------------------
