"""Textos de la Etapa III: la respuesta razonada de cada ficha y el método en palabras.

Los estándares de co-creación de la OGP piden explicar por qué no se adoptó una propuesta; cada
ficha recibe una línea que lo dice a partir de sus propios puntajes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..nucleo.modelos_secciones import AjustesPriorizacion, Criterio
from ..nucleo.textos import cantidad, numero, porcentaje

DESACUERDO_ALTO = 15.0  # desviación estándar entre grupos (puntos de 0–100) que se menciona


@dataclass(frozen=True)
class DatosRespuesta:
    puesto: int | None
    puntaje: float | None
    grupos: int
    priorizada: bool
    fuera_por_tope: bool
    robustez: float | None
    en_frontera: bool
    desacuerdo: float | None
    medias: Mapping[str, float]  # clave de criterio → nota media
    grupos_esperados: int = 0    # grupos que debían calificarla (sin conflicto de interés)
    empate: str = ""             # con quién empató en el corte y qué desempate decidió


def _criterios(medias: Mapping[str, float], criterios: Sequence[Criterio], mejores: bool) -> str:
    """Los dos criterios mejor (o peor) calificados, con su nota media en la escala."""
    con_nota = [(c, medias[c.clave]) for c in criterios if medias.get(c.clave) is not None]
    if not con_nota:
        return ""
    orden = {c.clave: i for i, c in enumerate(sorted(criterios, key=lambda c: -c.peso))}

    def relativa(par: tuple[Criterio, float]) -> float:
        c, m = par
        return (m - c.minimo) / (c.maximo - c.minimo)

    elegidos = sorted(con_nota, key=lambda p: ((-relativa(p) if mejores else relativa(p)), orden[p[0].clave]))[:2]
    partes = [f"«{c.nombre}» ({m:.1f} de {c.maximo})" for c, m in elegidos]
    return " y ".join(partes)


def redactar_respuesta(d: DatosRespuesta, ajustes: AjustesPriorizacion, corte: float | None,
                       con_puntaje: int) -> str:
    """Por qué la ficha fue o no priorizada, en castellano, desde sus puntajes."""
    cuota = ajustes.cuota
    if d.puntaje is None:
        return ("No priorizada: ningún grupo la calificó de forma completa y válida; revise la hoja "
                "«Observaciones».")
    base = (f"puesto {d.puesto} de {con_puntaje}, con {d.puntaje:.2f} puntos de 100 "
            f"({cantidad(d.grupos, 'grupo', 'grupos')})")
    partes: list[str] = []
    if d.priorizada:
        partes.append(f"Priorizada: {base}.")
        mejores = _criterios(d.medias, ajustes.criterios, mejores=True)
        if mejores:
            partes.append(f"Destacó en {mejores}.")
        if d.robustez is not None:
            if d.en_frontera:
                partes.append(f"Está en la frontera: sigue entre las {cuota} solo en el {porcentaje(d.robustez)} "
                              "de los recálculos (quitando un grupo o variando los pesos).")
            else:
                partes.append(f"Su selección es estable: sigue entre las {cuota} en el {porcentaje(d.robustez)} de "
                              "los recálculos.")
    elif d.fuera_por_tope:
        partes.append(f"No priorizada pese a su puntaje: {base}. Su gerencia ya tiene "
                      f"{cantidad(ajustes.maximo_por_gerencia, 'ficha priorizada', 'fichas priorizadas')} con mejor puesto, el máximo "
                      "permitido por gerencia.")
    else:
        if d.empate:
            falta = f"; {d.empate}"
        elif corte is not None:
            falta = f"; le faltaron {corte - d.puntaje:.2f} puntos para el corte ({corte:.2f})"
        else:
            falta = ""
        partes.append(f"No priorizada: {base}{falta}.")
        peores = _criterios(d.medias, ajustes.criterios, mejores=False)
        if peores:
            partes.append(f"Sus criterios más débiles: {peores}.")
        if d.en_frontera and d.robustez is not None:
            partes.append(f"Está en la frontera: entra entre las {cuota} en el {porcentaje(d.robustez)} de los "
                          "recálculos (quitando un grupo o variando los pesos).")
    if d.grupos_esperados > d.grupos:
        faltan = d.grupos_esperados - d.grupos
        partes.append(f"{cantidad(faltan, 'grupo no la calificó', 'grupos no la calificaron')} de forma válida "
                      "(vea «Observaciones»).")
    if d.desacuerdo is not None and d.desacuerdo >= DESACUERDO_ALTO:
        partes.append(f"Los grupos discreparon bastante (desviación estándar de {d.desacuerdo:.1f} puntos).")
    return " ".join(partes)


def grado_de_acuerdo(concordancia: float) -> str:
    """Cuánto coincidieron los grupos en el orden de las iniciativas, en palabras (acta III, hoja «Método»)."""
    if concordancia >= 0.7:
        return "coincidieron mucho"
    return "coincidieron de forma moderada" if concordancia >= 0.4 else "coincidieron poco"


def concordancia_en_texto(metodo: str, concordancia: float | None) -> str:
    """«Spearman medio: 0.78 (los grupos coincidieron mucho en el orden de las iniciativas)»: la cifra
    con dos decimales, como las correlaciones de la hoja «Método» y los puntajes de las actas."""
    if concordancia is None:
        return "no se pudo calcular (hacen falta al menos dos grupos con fichas en común)"
    return (f"{metodo}: {numero(concordancia, 2)} (los grupos {grado_de_acuerdo(concordancia)} en el orden de "
            "las iniciativas)")


def describir_metodo(ajustes: AjustesPriorizacion) -> list[tuple[str, str]]:
    """El método en palabras que un miembro del Comité puede seguir y comprobar a mano."""
    total = sum(c.peso for c in ajustes.criterios)
    criterios = "; ".join(f"«{c.nombre}» {porcentaje(c.peso / total)}" for c in ajustes.criterios)
    escala = "; ".join(dict.fromkeys(f"de {c.minimo} a {c.maximo}" for c in ajustes.criterios))
    agregacion = ("el promedio (media) de los grupos que la calificaron" if ajustes.agregacion == "media"
                  else "la mediana de los grupos que la calificaron")
    por_peso = sorted(ajustes.criterios, key=lambda c: -c.peso)
    tope = (f"Ninguna gerencia puede tener más de "
            f"{cantidad(ajustes.maximo_por_gerencia, 'ficha priorizada', 'fichas priorizadas')}: si "
            "una ficha entra por puntaje pero su gerencia ya llegó al tope, se salta y entra la siguiente."
            if ajustes.maximo_por_gerencia else "No hay tope de fichas por gerencia.")
    conflicto = ("Un grupo no califica las fichas de las gerencias a las que pertenecen sus integrantes "
                 "(conflicto de interés); esas fichas las califican los demás grupos."
                 if ajustes.excluir_propia_gerencia else
                 "Todos los grupos califican todas las fichas.")
    return [
        ("Criterios y pesos", f"Cada grupo califica cada ficha en {len(ajustes.criterios)} criterios, "
                              f"inspirados en cómo el Mecanismo de Revisión Independiente de la OGP evalúa "
                              f"los compromisos. Pesos: {criterios}."),
        ("Escala", f"Cada criterio se califica con un número entero {escala}; la hoja de puntaje explica qué "
                   "significa cada punto."),
        ("Puntaje de un grupo", "Cada nota se lleva a 0–1 ((nota − mínimo) ÷ (máximo − mínimo)); el puntaje "
                                "del grupo es el promedio ponderado de esas notas por los pesos, por 100. "
                                "Ejemplo: con todas las notas en el máximo, 100; todas en el mínimo, 0. "
                                "Una ficha con alguna nota vacía o inválida no cuenta para ese grupo."),
        ("Puntaje final", f"El puntaje final de una ficha es {agregacion}. {conflicto}"),
        ("Puesto y desempate", "Se ordena de mayor a menor puntaje final. Si dos fichas empatan, va primero la "
                               "de mayor nota media en el criterio de mayor peso ("
                               + ", luego ".join(f"«{c.nombre}»" for c in por_peso)
                               + "); si siguen empatadas, la que calificaron más grupos; y al final, el orden "
                               "de la gerencia en la configuración y el número de ficha."),
        ("Selección", f"Se priorizan las {ajustes.cuota} primeras. {tope}"),
        ("Concordancia entre grupos", "Si todos los grupos calificaron las mismas fichas se informa la W de "
                                      "Kendall (0: ningún acuerdo, 1: acuerdo total, con corrección por empates); "
                                      "si no, el promedio de la correlación de Spearman entre cada par de "
                                      "grupos en las fichas que ambos calificaron (−1 a 1)."),
        ("Desacuerdo por ficha", "La desviación estándar de los puntajes de los grupos (en puntos de 0–100) y "
                                 "la diferencia entre el mayor y el menor. Se señala desde "
                                 f"{DESACUERDO_ALTO:.0f} puntos."),
        ("Robustez", f"Se repite la selección (a) quitando un grupo a la vez y (b) {numero(ajustes.perturbaciones)} veces "
                     f"con los pesos variados al azar hasta ±{porcentaje(ajustes.variacion_pesos)} (semilla "
                     f"{ajustes.semilla}, siempre los mismos resultados). Para cada ficha se informa en qué "
                     "proporción de los recálculos queda priorizada; la «Robustez» es la menos favorable a su "
                     "situación: la menor de (a) y (b) si está priorizada, la mayor si no lo está."),
        ("En la frontera", f"Una ficha está en la frontera si su situación (priorizada o no) no se mantiene "
                           f"en al menos el {porcentaje(ajustes.umbral_estabilidad)} de los recálculos. El "
                           "Comité debería mirarlas con especial cuidado."),
    ]
