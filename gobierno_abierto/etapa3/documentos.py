"""Etapa III: contexto del acta del Taller de priorización (función pura, sin render).

El acta dice lo que una persona necesita para firmarla: cuántas fichas se presentaron, cuántas se
calificaron y cuáles se priorizaron (con su puntaje, los grupos que las calificaron y qué tan firme
es su lugar), el método en palabras llanas y la lista de participantes para firmar. El orden completo
y el detalle técnico del método quedan en `priorizacion.xlsx`, que se adjunta.
"""

from __future__ import annotations

from typing import Any

from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..nucleo.conteos import Conteos, conteos
from ..nucleo.modelo import Consolidado, Priorizacion, ResultadoFicha
from ..nucleo.modelos_secciones import AjustesDocumentos, AjustesPriorizacion
from ..nucleo.textos import cantidad, plural
from ..salida.word import contexto_base, firmas
from .respuestas import grado_de_acuerdo

ARCHIVO_PRIORIZACION = "priorizacion.xlsx"
FILAS_POR_GRUPO_SIN_INTEGRANTES = 4
# Palabras con que empieza un cargo: un integrante así escrito es un cargo sin nombre todavía.
_CARGOS = {"especialista", "representante", "gerente", "subgerente", "jefe", "jefa", "director", "directora",
           "coordinador", "coordinadora", "miembro", "delegado", "delegada", "funcionario", "funcionaria",
           "presidente", "presidenta", "secretario", "secretaria", "asesor", "asesora", "tecnico", "tecnica",
           "responsable", "integrante", "vocal"}


def estabilidad(res: ResultadoFicha) -> str:
    """La robustez en palabras: «Firme (96 %)» o «En la frontera (62 %)»."""
    if res.robustez is None:
        return "—"
    pct = textos.porcentaje(res.robustez)
    return f"En la frontera ({pct})" if res.en_frontera else f"Firme ({pct})"


def fila_priorizada(res: ResultadoFicha, consolidado: Consolidado, config: Configuracion) -> dict[str, str]:
    ficha = consolidado.ficha(res.codigo)
    g = config.gerencia(res.codigo_gerencia or (ficha.codigo_gerencia if ficha else ""))
    return {"puesto": str(res.puesto or "—"), "codigo": res.codigo,
            "nombre": res.nombre or (ficha.nombre if ficha else ""),
            "gerencia": g.nombre if g else res.codigo_gerencia,
            "puntaje": "—" if res.puntaje is None else f"{res.puntaje:.2f}",
            "grupos": str(res.grupos), "estabilidad": estabilidad(res)}


def participante(integrante: str) -> tuple[str, str]:
    """«Nombres y apellidos — cargo» → (nombre, cargo); un cargo solo («Especialista de…») → ("", cargo)."""
    if " — " in integrante:
        nombre, cargo = integrante.split(" — ", 1)
        return nombre.strip(), cargo.strip()
    primera = textos.normalizar(integrante.split()[0]) if integrante.split() else ""
    return ("", integrante) if primera in _CARGOS else (integrante, "")


def participantes(criterios: AjustesPriorizacion) -> list[dict[str, str]]:
    """Los integrantes de cada grupo para firmar; un grupo sin integrantes, filas en blanco."""
    filas = []
    for g in criterios.grupos:
        personas = [participante(i) for i in g.integrantes] or [("", "")] * FILAS_POR_GRUPO_SIN_INTEGRANTES
        filas += [{"nombre": n, "cargo": c, "grupo": g.nombre} for n, c in personas]
    return filas


def resumen_cifras(c: Conteos, grupos: int) -> str:
    """«De las 64 fichas presentadas en la Etapa II, 56 cumplieron los requisitos y fueron calificadas por
    los 5 grupos de trabajo, que priorizaron 14.»"""
    presentadas = f"De las {cantidad(c.presentadas, 'ficha presentada', 'fichas presentadas')} en la Etapa II"
    if c.presentadas == 1:
        presentadas = "De la única ficha presentada en la Etapa II"
    validas = f"{c.validas} {plural(c.validas, 'cumplió', 'cumplieron')} los requisitos"
    por = f"{plural(grupos, 'el grupo', f'los {grupos} grupos')} de trabajo"
    if c.puntuadas == c.validas:
        calificadas = f" y {plural(c.validas, 'fue calificada', 'fueron calificadas')} por {por}"
    else:
        calificadas = (f"; {c.puntuadas} {plural(c.puntuadas, 'fue calificada', 'fueron calificadas')} "
                       f"por {por}")
    return f"{presentadas}, {validas}{calificadas}, que {plural(grupos, 'priorizó', 'priorizaron')} {c.priorizadas}."


def resumen_resto(priorizacion: Priorizacion, c: Conteos) -> str:
    """Las que no se priorizaron, en una frase, y dónde está el orden completo."""
    otras = [r.puntaje for r in priorizacion.resultados if not r.priorizada and r.puntaje is not None]
    partes = []
    if len(otras) == 1:
        partes.append(f"La otra iniciativa calificada obtuvo {otras[0]:.2f} puntos.")
    elif otras:
        partes.append(f"Las otras {len(otras)} iniciativas calificadas obtuvieron entre {min(otras):.2f} y "
                      f"{max(otras):.2f} puntos.")
    for r in priorizacion.resultados:
        if r.fuera_por_tope:
            partes.append(f"{r.codigo} (puesto {r.puesto}) no se priorizó porque su gerencia ya tenía el máximo "
                          "de iniciativas priorizadas por gerencia.")
    sin_puntaje = c.validas - c.puntuadas
    if sin_puntaje > 0:
        partes.append(f"{cantidad(sin_puntaje, 'ficha válida no recibió', 'fichas válidas no recibieron')} "
                      "un puntaje completo de ningún grupo.")
    partes.append(f"El orden completo, con el puntaje de cada grupo y la respuesta razonada a cada ficha, está en "
                  f"el libro «{ARCHIVO_PRIORIZACION}» (hoja «Ranking»), que se adjunta a la presente acta.")
    return " ".join(partes)


def metodo_en_palabras(criterios: AjustesPriorizacion, priorizacion: Priorizacion) -> list[str]:
    """El método para quien firma el acta, sin estadística: el detalle está en la hoja «Método»."""
    total = sum(c.peso for c in criterios.criterios)
    lista = textos.lista_humana([f"«{c.nombre}» ({textos.porcentaje(c.peso / total)})" for c in criterios.criterios])
    escalas = textos.lista_humana(list(dict.fromkeys(f"de {c.minimo} a {c.maximo}" for c in criterios.criterios)),
                                  "o")
    n = len(priorizacion.grupos)
    parrafos = [
        f"Cada {plural(n, 'grupo', 'uno de los ' + str(n) + ' grupos')} calificó las fichas en una escala "
        f"{escalas}, con {cantidad(len(criterios.criterios), 'criterio', 'criterios')} y sus pesos: {lista}."
        + (" Ningún grupo calificó las fichas de las gerencias de sus integrantes."
           if criterios.excluir_propia_gerencia else ""),
        "Las notas de cada grupo se convirtieron en un puntaje de 0 a 100 según el peso de cada criterio, y el "
        f"puntaje final de cada iniciativa es {'el promedio' if criterios.agregacion == 'media' else 'la mediana'} "
        f"de los grupos que la calificaron. Se priorizaron las {criterios.cuota} de mayor puntaje"
        + (f", con un máximo de {criterios.maximo_por_gerencia} por gerencia." if criterios.maximo_por_gerencia
           else "."),
        "Para comprobar que el resultado no depende de un solo grupo ni de los pesos exactos, el cálculo se "
        "repitió quitando un grupo a la vez y variando los pesos. La columna «Estabilidad» dice en qué proporción "
        "de esos cálculos cada iniciativa siguió entre las priorizadas: «firme» si fue en al menos el "
        f"{textos.porcentaje(criterios.umbral_estabilidad)} de ellos, «en la frontera» si no.",
    ]
    if priorizacion.concordancia is not None:
        parrafos.append(f"Los grupos {grado_de_acuerdo(priorizacion.concordancia)} en el orden de las iniciativas.")
    parrafos.append(f"El detalle del cálculo está en la hoja «Método» del libro «{ARCHIVO_PRIORIZACION}».")
    return parrafos


def contexto_acta_etapa_III(config: Configuracion, ajustes: AjustesDocumentos, criterios: AjustesPriorizacion,
                            consolidado: Consolidado, priorizacion: Priorizacion) -> dict[str, Any]:
    e3 = config.etapa("III")
    cifras = conteos(config, consolidado, priorizacion)
    return {**contexto_base(config, "Acta de Acuerdos — Etapa III"),
            "fecha": textos.fecha_larga(e3.inicio), "lugar": textos.con_articulo(e3.lugar),
            "resumen_cifras": resumen_cifras(cifras, len(priorizacion.grupos)),
            "metodo": metodo_en_palabras(criterios, priorizacion),
            "priorizadas": [fila_priorizada(x, consolidado, config) for x in priorizacion.priorizadas()],
            "resto": resumen_resto(priorizacion, cifras),
            "participantes": participantes(criterios),
            "acuerdos": list(ajustes.acuerdos["III"]), "firmas": firmas(ajustes.coordinador)}
