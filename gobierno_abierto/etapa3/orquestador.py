"""Etapa III de punta a punta: hojas de puntaje para los grupos y priorización.

Solo encadena: la lectura y validación de las hojas está en `puntajes`, el cálculo en
`priorizacion`, los textos en `respuestas` y el libro de salida en `escritura_priorizacion`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from ..entrada.archivos import recibir
from ..etapa2.escritura import cargar_consolidado
from ..nucleo.configuracion import Configuracion
from ..nucleo.criterios import AjustesPriorizacion, leer_ajustes
from ..nucleo.modelo import Ficha, Priorizacion, ResultadoFicha
from ..nucleo.observaciones import Codigo, Observacion, contar, observar
from ..salida.progreso import con_progreso
from ..salida.publicacion import escribir_atomico
from ..salida.resumen import SALIDA_CON_ERRORES, SALIDA_LIMPIA, ErrorUso, Resumen
from ..salida.rutas import Rutas
from .calculo import Calculo, Metodo, calcular
from .escritura import (
    FilaGrupo,
    Informe,
    ResumenGrupo,
    escribir_priorizacion,
)
from .hojas import HojaLeida, escribir_hoja_puntaje, leer_hoja_puntaje, nombre_archivo
from .respuestas import DatosRespuesta, describir_metodo, redactar_respuesta

# --- hojas de puntaje --------------------------------------------------------------------------------


def fichas_validas(config: Configuracion, rutas: Rutas) -> list[Ficha]:
    """Las fichas válidas del consolidado, en el orden de las gerencias en la configuración."""
    consolidado = cargar_consolidado(config, rutas.consolidado)
    orden = {g.codigo: i for i, g in enumerate(config.gerencias)}
    return sorted(consolidado.validas(),
                  key=lambda f: (orden.get(f.codigo_gerencia, len(orden)), f.codigo_gerencia, f.numero, f.codigo))


def generar_hojas_puntaje(config: Configuracion, rutas: Rutas) -> Resumen:
    ajustes = leer_ajustes(config)
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
                      leido=[f"{len(fichas)} ficha(s) válidas de «{rutas.consolidado.name}»"])
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


def leer_hojas(config: Configuracion, rutas: Rutas, ajustes: AjustesPriorizacion,
               fichas: list[Ficha]) -> tuple[list[HojaLeida], list[Observacion], int]:
    """Lee la carpeta de puntajes; si un grupo entregó dos hojas, vale la más reciente."""
    recepcion = recibir(rutas.entradas_puntajes, config.tamanio_maximo_bytes)
    por_codigo = {f.codigo: f for f in fichas}
    leidas = [leer_hoja_puntaje(d, ajustes, por_codigo)
              for d in con_progreso(recepcion.documentos, "Leyendo hojas de puntaje",
                                    total=len(recepcion.documentos))]
    observaciones = list(recepcion.observaciones)
    vigentes: dict[str, HojaLeida] = {}
    for hoja in sorted((h for h in leidas if h.grupo is not None),
                       key=lambda h: (h.documento.fecha, h.archivo), reverse=True):
        assert hoja.grupo is not None
        actual = vigentes.get(hoja.grupo.nombre)
        if actual is None:
            vigentes[hoja.grupo.nombre] = hoja
        else:
            observaciones.append(observar(Codigo.GRUPO_REPETIDO, archivo=hoja.archivo, grupo=hoja.grupo.nombre,
                                          otro=hoja.archivo, vigente=actual.archivo))
    for hoja in leidas:
        if hoja.grupo is None or vigentes.get(hoja.grupo.nombre) is hoja:
            observaciones += hoja.observaciones
    for grupo in ajustes.grupos:
        if grupo.nombre not in vigentes:
            observaciones.append(observar(Codigo.GRUPO_SIN_HOJA, grupo=grupo.nombre))
    hojas = [vigentes[g.nombre] for g in ajustes.grupos if g.nombre in vigentes]
    return hojas, observaciones, recepcion.archivos_leidos


def metodo_de(ajustes: AjustesPriorizacion) -> Metodo:
    return Metodo(pesos=np.array([c.peso for c in ajustes.criterios], dtype=float),
                  minimos=np.array([c.minimo for c in ajustes.criterios], dtype=float),
                  maximos=np.array([c.maximo for c in ajustes.criterios], dtype=float),
                  agregacion=ajustes.agregacion, cuota=ajustes.cuota, tope=ajustes.maximo_por_gerencia,
                  perturbaciones=ajustes.perturbaciones, variacion=ajustes.variacion_pesos,
                  semilla=ajustes.semilla, umbral=ajustes.umbral_estabilidad)


def matriz_notas(hojas: list[HojaLeida], fichas: list[Ficha], ajustes: AjustesPriorizacion) -> np.ndarray:
    """(grupos × fichas × criterios), NaN donde el grupo no dejó una calificación válida."""
    notas = np.full((len(hojas), len(fichas), len(ajustes.criterios)), np.nan)
    for g, hoja in enumerate(hojas):
        for f, ficha in enumerate(fichas):
            fila = hoja.notas.get(ficha.codigo)
            if fila:
                notas[g, f] = [fila[c.clave] for c in ajustes.criterios]
    return notas


def _opcional(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def armar_priorizacion(calculo: Calculo, fichas: list[Ficha], grupos: list[str],
                       ajustes: AjustesPriorizacion) -> Priorizacion:
    """Del cálculo a los resultados por ficha (en orden de puesto), con su respuesta razonada."""
    presentes = [g for g in ajustes.grupos if g.nombre in grupos]
    con_puntaje = int((calculo.puesto > 0).sum())
    sin_puntaje = [i for i in range(len(fichas)) if calculo.puesto[i] == 0]
    resultados = []
    for i in [*calculo.orden.tolist(), *sin_puntaje]:
        ficha = fichas[i]
        puntaje = _opcional(calculo.puntaje[i])
        medias = {c.clave: float(calculo.medias_criterios[i, k]) for k, c in enumerate(ajustes.criterios)
                  if not math.isnan(calculo.medias_criterios[i, k])}
        robustez = _opcional(calculo.robustez[i]) if puntaje is not None else None
        datos = DatosRespuesta(
            puesto=int(calculo.puesto[i]) or None, puntaje=puntaje, grupos=int(calculo.grupos[i]),
            priorizada=bool(calculo.priorizada[i]), fuera_por_tope=bool(calculo.fuera_por_tope[i]),
            robustez=robustez, en_frontera=bool(calculo.en_frontera[i]),
            desacuerdo=_opcional(calculo.desacuerdo[i]), medias=medias,
            grupos_esperados=sum(not ajustes.excluida(g, ficha.codigo_gerencia) for g in presentes))
        resultados.append(ResultadoFicha(
            codigo=ficha.codigo, puntaje=puntaje, puesto=datos.puesto, priorizada=datos.priorizada,
            grupos=datos.grupos, robustez=robustez, en_frontera=datos.en_frontera,
            respuesta=redactar_respuesta(datos, ajustes, calculo.corte, con_puntaje),
            codigo_gerencia=ficha.codigo_gerencia, nombre=ficha.nombre,
            robustez_sin_grupo=_opcional(calculo.robustez_sin_grupo[i]) if puntaje is not None else None,
            robustez_pesos=_opcional(calculo.robustez_pesos[i]) if puntaje is not None else None,
            desacuerdo=datos.desacuerdo, fuera_por_tope=datos.fuera_por_tope, medias_criterios=medias,
            puntajes_grupos={g: float(calculo.puntajes_grupo[k, i]) for k, g in enumerate(grupos)
                             if not math.isnan(calculo.puntajes_grupo[k, i])}))
    metodo = "\n".join(f"{titulo}: {texto}" for titulo, texto in describir_metodo(ajustes))
    return Priorizacion(resultados=tuple(resultados), grupos=tuple(grupos), metodo=metodo,
                        concordancia=calculo.concordancia, metodo_concordancia=calculo.metodo_concordancia,
                        corte=calculo.corte)


def priorizar(config: Configuracion, rutas: Rutas) -> Resumen:
    ajustes = leer_ajustes(config)
    fichas = fichas_validas(config, rutas)
    hojas, observaciones, leidos = leer_hojas(config, rutas, ajustes, fichas)
    grupos = [h.grupo.nombre for h in hojas if h.grupo is not None]
    indice_gerencia = {g.codigo: i for i, g in enumerate(config.gerencias)}
    gerencia = np.array([indice_gerencia.get(f.codigo_gerencia, len(indice_gerencia)) for f in fichas], dtype=int)
    calculo = calcular(matriz_notas(hojas, fichas, ajustes), gerencia, metodo_de(ajustes))
    priorizacion = armar_priorizacion(calculo, fichas, grupos, ajustes)

    priorizadas = priorizacion.priorizadas()
    if len(priorizadas) < ajustes.cuota:
        motivo = ("ninguna hoja de puntaje válida" if not hojas else
                  "no hay suficientes fichas con puntaje" if int((calculo.puesto > 0).sum()) < ajustes.cuota
                  else "el tope de fichas por gerencia no deja completar la cuota")
        observaciones.append(observar(Codigo.PRIORIZADAS_INCOMPLETAS, priorizadas=len(priorizadas),
                                      cuota=ajustes.cuota, motivo=motivo))

    filas_grupo = [FilaGrupo(h.grupo.nombre, h.archivo, f.codigo, h.notas[f.codigo],
                             float(calculo.puntajes_grupo[g, i]))
                   for g, h in enumerate(hojas) if h.grupo is not None
                   for i, f in enumerate(fichas) if f.codigo in h.notas]
    archivos = {h.grupo.nombre: h.archivo for h in hojas if h.grupo is not None}
    resumen_grupos = []
    for grupo in ajustes.grupos:
        k = grupos.index(grupo.nombre) if grupo.nombre in grupos else None
        fila = calculo.puntajes_grupo[k] if k is not None else np.array([])
        con = fila[~np.isnan(fila)] if fila.size else fila
        resumen_grupos.append(ResumenGrupo(
            grupo.nombre, archivos.get(grupo.nombre, ""), "; ".join(grupo.integrantes), int(con.size),
            float(con.mean()) if con.size else None,
            _opcional(calculo.correlacion_grupo[k]) if k is not None else None))
    informe = Informe(priorizacion, {f.codigo: f for f in fichas}, filas_grupo, resumen_grupos, observaciones)
    destino = escribir_priorizacion(informe, config, ajustes, rutas.priorizacion)
    return _resumen(priorizacion, observaciones, ajustes, rutas, leidos, len(hojas), len(fichas), destino)


def _resumen(p: Priorizacion, observaciones: list[Observacion], ajustes: AjustesPriorizacion, rutas: Rutas,
             leidos: int, hojas: int, fichas: int, destino: Path) -> Resumen:
    resumen = Resumen("Priorización de iniciativas (Etapa III)")
    resumen.leido.append(f"{leidos} archivo(s) de «{_relativa(rutas.entradas_puntajes, rutas)}»; "
                         f"{fichas} ficha(s) válidas del consolidado")
    errores, advertencias = contar(observaciones)
    resumen.detalle.append(f"Hojas de puntaje vigentes: {hojas} de {len(ajustes.grupos)} grupos")
    resumen.detalle.append(f"Observaciones: {errores} error(es), {advertencias} advertencia(s)")
    if p.concordancia is not None:
        resumen.detalle.append(f"Concordancia entre grupos: {p.metodo_concordancia} = {p.concordancia:.3f}")
    priorizadas = p.priorizadas()
    resumen.detalle.append(f"Las {len(priorizadas)} iniciativas priorizadas (puntaje 0–100, robustez):")
    for r in priorizadas:
        marca = "  · en la frontera" if r.en_frontera else ""
        robustez = f"{100 * r.robustez:3.0f} %" if r.robustez is not None else "  —"
        resumen.detalle.append(f"  {r.puesto:>3}. {r.codigo:<11} {r.puntaje or 0:6.2f}  {robustez}  "
                               f"{_recorte(r.nombre, 60)}{marca}")
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
        resumen.atencion.append(f"{errores} error(es) en las hojas de puntaje: vea la hoja «Observaciones» "
                                f"de {destino.name}")
    frontera = [r.codigo for r in p.resultados if r.en_frontera]
    if frontera:
        resumen.atencion.append(f"En la frontera (revisar con cuidado): {', '.join(frontera)}")
    if len(priorizadas) < ajustes.cuota:
        resumen.atencion.append(f"Solo {len(priorizadas)} de {ajustes.cuota} fichas pudieron priorizarse")
    resumen.codigo_salida = SALIDA_CON_ERRORES if errores else SALIDA_LIMPIA
    return resumen


def _recorte(texto: str, largo: int) -> str:
    return texto if len(texto) <= largo else texto[: largo - 1] + "…"


# --- demostración ------------------------------------------------------------------------------------
