"""Salidas de ejemplo de las Etapas II a IV escritas directamente (sin leer envíos ni correr el taller).

Para probar y medir `publicar` sin pasar por todo el proceso: escribe el consolidado, la priorización
y la selección final con los mismos escritores que usan las etapas, con datos sintéticos de
`datos.py`. Con `datos_personales=True` se plantan a propósito un correo, teléfonos y nombres de
personas en los textos, para comprobar que no se publican.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..etapa2.calculo import ResultadoConsolidacion
from ..etapa2.escritura import escribir_consolidado
from ..etapa3.escritura import FilaGrupo, Informe, escribir_priorizacion
from ..etapa4.escritura import escribir_seleccion_final
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.modelo import (
    Consolidado,
    EstadoFicha,
    Ficha,
    Participante,
    Priorizacion,
    ResultadoFicha,
    Reunion,
)
from ..nucleo.observaciones import Codigo, observar
from ..nucleo.textos import redondear
from ..salida.publicacion import escribir_atomico
from ..salida.rutas import Rutas
from . import datos as D

CORREO_PLANTADO = "ana.perez.vasquez@gmail.com"
TELEFONOS_PLANTADOS = ("949 123 456", "(044) 234567")


@dataclass
class Ejemplo:
    consolidado: Consolidado
    priorizacion: Priorizacion | None = None
    motivos: dict[str, tuple[bool, str]] | None = None
    personas: list[str] = field(default_factory=list)   # nombres de personas escritos en las salidas


def _reunion(config: Configuracion, g: Gerencia, rng: random.Random) -> Reunion:
    valores = D.valores_reunion(config, g, rng)
    participantes = []
    i = 1
    while E.nombre_participante(i, "nombre") in valores:
        participantes.append(Participante(valores[E.nombre_participante(i, "nombre")],
                                          valores[E.nombre_participante(i, "organizacion")],
                                          valores[E.nombre_participante(i, "cargo")]))
        i += 1
    return Reunion(g.codigo, {c.clave: valores.get(c.clave) for c in E.CAMPOS_REUNION}, tuple(participantes))


def escribir_ejemplo(config: Configuracion, rutas: Rutas, gerencias: int | None = None, semilla: int = 7,
                     priorizacion: bool = True, comite: bool = True, datos_personales: bool = False,
                     cambios: dict[str, dict[str, object]] | None = None) -> Ejemplo:
    """Escribe las salidas de las Etapas II (y III, y IV) para las primeras `gerencias` gerencias;
    `cambios` (código de ficha → campos) reemplaza valores de algunas fichas."""
    rng = random.Random(semilla)
    elegidas = config.gerencias[: gerencias or len(config.gerencias)]
    fin = config.etapa("II").fin
    recepcion = datetime(fin.year, fin.month, fin.day, 17, 30) - timedelta(days=1)
    fichas: list[Ficha] = []
    reuniones = {g.codigo: _reunion(config, g, rng) for g in elegidas}
    observaciones = []
    for k, g in enumerate(elegidas):
        for n in range(1, config.fichas_por_gerencia + 1):
            valores = D.valores_ficha(config, g, n, rng)
            estado, errores = EstadoFicha.VALIDA, 0
            codigo = E.codigo_ficha(g.codigo, n)
            valores.update((cambios or {}).get(codigo, {}))
            if k % 4 == 3 and n == config.fichas_por_gerencia:  # una ficha observada de cada cuatro gerencias
                valores[E.DESCRIPCION] = None
                valores[E.PRESUPUESTO_ANIO_SIGUIENTE] = "aprox. cien mil"
                estado, errores = EstadoFicha.CON_ERRORES, 2
                etiquetas = {c.clave: c.etiqueta for c in E.campos_ficha(config)}
                observaciones += [
                    observar(Codigo.CAMPO_OBLIGATORIO, gerencia=g.codigo, archivo=f"fichas_{g.codigo}.xlsx",
                             hoja=E.hoja_ficha(n), celda="C7", campo=E.DESCRIPCION, ficha=codigo,
                             etiqueta=etiquetas[E.DESCRIPCION]),
                    observar(Codigo.NO_ES_NUMERO, gerencia=g.codigo, archivo=f"fichas_{g.codigo}.xlsx",
                             hoja=E.hoja_ficha(n), celda="C16", campo=E.PRESUPUESTO_ANIO_SIGUIENTE,
                             ficha=codigo, valor="aprox. cien mil", etiqueta=etiquetas[E.PRESUPUESTO_ANIO_SIGUIENTE])]
            fichas.append(Ficha(codigo, g.codigo, g.nombre, n, valores, f"fichas_{g.codigo}.xlsx", recepcion,
                                estado, errores))
    personas = sorted({p.nombre for r in reuniones.values() for p in r.participantes}
                      | {str(r[c]) for r in reuniones.values() for c in ("gerente_nombre", "especialista_nombre")})
    if datos_personales and fichas:
        alguien = reuniones[elegidas[0].codigo].participantes[0].nombre
        primera = fichas[0]
        primera.valores[E.DESCRIPCION] = (f"{primera[E.DESCRIPCION]} Coordina {alguien.upper()}; escriba a "
                                          f"{CORREO_PLANTADO} o llame al {TELEFONOS_PLANTADOS[0]}.")
        primera.valores[E.COMPONENTE_GOBIERNO_ABIERTO] = (f"{primera[E.COMPONENTE_GOBIERNO_ABIERTO]} "
                                                          f"Informes: teléfono {TELEFONOS_PLANTADOS[1]}.")
    resultado = ResultadoConsolidacion(fichas=fichas, reuniones=reuniones, observaciones=observaciones)
    escribir_consolidado(resultado, config, rutas.consolidado)
    ejemplo = Ejemplo(Consolidado(tuple(fichas), reuniones), personas=personas)
    if not priorizacion:
        return ejemplo

    ajustes = config.priorizacion
    validas = [f for f in fichas if f.estado.es_valida]
    grupos = [g.nombre for g in ajustes.grupos]
    filas_grupo, puntajes = [], {}
    for f in validas:
        por_grupo = {}
        for grupo in grupos[:4]:
            notas = {c.clave: float(rng.randint(c.minimo, c.maximo)) for c in ajustes.criterios}
            total = sum(c.peso for c in ajustes.criterios)
            puntaje = 100 * sum(c.peso * (notas[c.clave] - c.minimo) / (c.maximo - c.minimo)
                                for c in ajustes.criterios) / total
            por_grupo[grupo] = redondear(puntaje, 2)
            filas_grupo.append(FilaGrupo(grupo, f"puntajes_{grupo}.xlsx", f.codigo, notas, puntaje))
        puntajes[f.codigo] = (redondear(sum(por_grupo.values()) / len(por_grupo), 2), por_grupo)
    orden = sorted(validas, key=lambda f: (-puntajes[f.codigo][0], f.codigo))
    cuota = min(config.priorizadas, len(orden))
    corte = puntajes[orden[cuota - 1].codigo][0] if orden else None
    notas_de: dict[str, list[FilaGrupo]] = {}
    for fg in filas_grupo:
        notas_de.setdefault(fg.codigo, []).append(fg)
    resultados = []
    for puesto, f in enumerate(orden, start=1):
        final, por_grupo = puntajes[f.codigo]
        dentro = puesto <= cuota
        medias = {c.clave: redondear(sum(fg.notas[c.clave] for fg in notas_de[f.codigo]) / len(por_grupo), 2)
                  for c in ajustes.criterios}
        respuesta = (f"{'Priorizada' if dentro else 'No priorizada'}: puesto {puesto} de {len(orden)}, con "
                     f"{final:.2f} puntos de 100 ({len(por_grupo)} grupo(s))"
                     + ("." if dentro or corte is None else f"; le faltaron {corte - final:.2f} puntos para el "
                                                            f"corte ({corte:.2f})."))
        resultados.append(ResultadoFicha(f.codigo, final, puesto, dentro, len(por_grupo), 1.0 if dentro else 0.0,
                                         False, respuesta, f.codigo_gerencia, f.nombre, medias_criterios=medias,
                                         puntajes_grupos=por_grupo))
    prio = Priorizacion(tuple(resultados), tuple(grupos), "Criterios y pesos: ejemplo.\nPuntaje final: la media "
                        "de los grupos.", 0.5, "Spearman medio", corte)
    escribir_priorizacion(Informe(prio, {f.codigo: f for f in fichas}, filas_grupo), config, ajustes,
                          rutas.priorizacion)
    ejemplo.priorizacion = prio
    if not comite:
        return ejemplo

    motivos = {}
    for k, r in enumerate(prio.priorizadas()):
        if k < config.seleccionadas:
            motivos[r.codigo] = (True, f"Alto puntaje en el taller ({r.puntaje:.2f}) y cubre los valores de "
                                       "Gobierno Abierto.")
        else:
            motivos[r.codigo] = (False, "El portafolio elegido cubre mejor los valores de Gobierno Abierto.")
    if datos_personales and motivos:
        primero = next(iter(motivos))
        miembro = config.documentos.comite[0].nombre
        motivos[primero] = (True, f"Lo propuso {miembro} (celular {TELEFONOS_PLANTADOS[0]}).")
    escribir_atomico(rutas.seleccion_final,
                     lambda tmp: escribir_seleccion_final(tmp, config, ejemplo.consolidado, prio, motivos))
    ejemplo.motivos = motivos
    return ejemplo
