"""Etapa III: del cálculo (arreglos de numpy) a los registros por ficha y por grupo (funciones puras).

`matriz_notas` arma la entrada del cálculo; `armar_priorizacion` convierte su salida en
`ResultadoFicha` en orden de puesto, con la respuesta razonada de cada ficha.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..nucleo.modelo import Ficha, Priorizacion, ResultadoFicha
from ..nucleo.modelos_secciones import AjustesPriorizacion
from ..nucleo.textos import redondear
from .calculo import Calculo, Metodo
from .escritura import FilaGrupo, ResumenGrupo
from .lectura import HojaLeida
from .respuestas import DatosRespuesta, describir_metodo, redactar_respuesta


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


def explicar_empate(i: int, calculo: Calculo, fichas: list[Ficha], ajustes: AjustesPriorizacion) -> str:
    """Para una ficha que quedó fuera con la misma cifra que la última priorizada: con quién empató
    y qué regla de desempate decidió («quedó fuera por menor nota media en Relevancia»)."""
    if calculo.priorizada[i] or calculo.fuera_por_tope[i] or calculo.corte is None \
            or math.isnan(calculo.puntaje[i]) or calculo.puntaje[i] != calculo.corte:
        return ""
    rivales = [j for j in calculo.orden.tolist() if calculo.priorizada[j] and calculo.puntaje[j] == calculo.puntaje[i]]
    if not rivales:
        return ""
    j = rivales[-1]
    cifra = f"{calculo.puntaje[i]:.2f}"
    por_peso = sorted(range(len(ajustes.criterios)), key=lambda c: (-ajustes.criterios[c].peso, c))
    for c in por_peso:
        propia, otra = redondear(calculo.medias_criterios[i, c]), redondear(calculo.medias_criterios[j, c])
        if propia != otra:
            return (f"empató con {fichas[j].codigo} en {cifra} puntos (el corte) y quedó fuera por menor nota "
                    f"media en {ajustes.criterios[c].nombre} ({propia:.2f} frente a {otra:.2f})")
    if calculo.grupos[i] != calculo.grupos[j]:
        return (f"empató con {fichas[j].codigo} en {cifra} puntos (el corte) y en todas las notas medias; quedó "
                f"fuera porque la calificaron menos grupos ({calculo.grupos[i]} frente a {calculo.grupos[j]})")
    return (f"empató con {fichas[j].codigo} en {cifra} puntos (el corte), en todas las notas medias y en número "
            "de grupos; quedó fuera por el último desempate: el orden de la gerencia en la configuración y el "
            "número de ficha")


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
        medias = {c.clave: redondear(calculo.medias_criterios[i, k]) for k, c in enumerate(ajustes.criterios)
                  if not math.isnan(calculo.medias_criterios[i, k])}
        robustez = _opcional(calculo.robustez[i]) if puntaje is not None else None
        datos = DatosRespuesta(
            puesto=int(calculo.puesto[i]) or None, puntaje=puntaje, grupos=int(calculo.grupos[i]),
            priorizada=bool(calculo.priorizada[i]), fuera_por_tope=bool(calculo.fuera_por_tope[i]),
            robustez=robustez, en_frontera=bool(calculo.en_frontera[i]),
            desacuerdo=_opcional(calculo.desacuerdo[i]), medias=medias,
            grupos_esperados=sum(not ajustes.excluida(g, ficha.codigo_gerencia) for g in presentes),
            empate=explicar_empate(i, calculo, fichas, ajustes))
        resultados.append(ResultadoFicha(
            codigo=ficha.codigo, puntaje=puntaje, puesto=datos.puesto, priorizada=datos.priorizada,
            grupos=datos.grupos, robustez=robustez, en_frontera=datos.en_frontera,
            respuesta=redactar_respuesta(datos, ajustes, calculo.corte, con_puntaje),
            codigo_gerencia=ficha.codigo_gerencia, nombre=ficha.nombre,
            robustez_sin_grupo=_opcional(calculo.robustez_sin_grupo[i]) if puntaje is not None else None,
            robustez_pesos=_opcional(calculo.robustez_pesos[i]) if puntaje is not None else None,
            desacuerdo=datos.desacuerdo, fuera_por_tope=datos.fuera_por_tope, medias_criterios=medias,
            puntajes_grupos={g: redondear(calculo.puntajes_grupo[k, i]) for k, g in enumerate(grupos)
                             if not math.isnan(calculo.puntajes_grupo[k, i])}))
    metodo = "\n".join(f"{titulo}: {texto}" for titulo, texto in describir_metodo(ajustes))
    return Priorizacion(resultados=tuple(resultados), grupos=tuple(grupos), metodo=metodo,
                        concordancia=calculo.concordancia, metodo_concordancia=calculo.metodo_concordancia,
                        corte=calculo.corte)


def filas_por_grupo(calculo: Calculo, hojas: list[HojaLeida], fichas: list[Ficha]) -> list[FilaGrupo]:
    """Las notas de cada grupo a cada ficha, con el puntaje 0–100 que le dio el grupo."""
    return [FilaGrupo(h.grupo.nombre, h.archivo, f.codigo, h.notas[f.codigo], redondear(calculo.puntajes_grupo[g, i]))
            for g, h in enumerate(hojas) if h.grupo is not None
            for i, f in enumerate(fichas) if f.codigo in h.notas]


def resumen_por_grupo(calculo: Calculo, hojas: list[HojaLeida], grupos: list[str],
                      ajustes: AjustesPriorizacion) -> list[ResumenGrupo]:
    """Por grupo configurado: su hoja, integrantes, fichas puntuadas, media y correlación con el resto."""
    archivos = {h.grupo.nombre: h.archivo for h in hojas if h.grupo is not None}
    salida = []
    for grupo in ajustes.grupos:
        k = grupos.index(grupo.nombre) if grupo.nombre in grupos else None
        fila = calculo.puntajes_grupo[k] if k is not None else np.array([])
        con = fila[~np.isnan(fila)] if fila.size else fila
        salida.append(ResumenGrupo(
            grupo.nombre, archivos.get(grupo.nombre, ""), "; ".join(grupo.integrantes), int(con.size),
            redondear(float(con.mean())) if con.size else None,
            _opcional(calculo.correlacion_grupo[k]) if k is not None else None))
    return salida


def motivo_incompleta(calculo: Calculo, hojas: list[HojaLeida], cuota: int) -> str:
    """Por qué no se llenó la cuota de priorizadas, en palabras."""
    if not hojas:
        return "ninguna hoja de puntaje válida"
    if int((calculo.puesto > 0).sum()) < cuota:
        return "no hay suficientes fichas con puntaje"
    return "el tope de fichas por gerencia no deja completar la cuota"
