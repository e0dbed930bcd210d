"""Etapa III de punta a punta: hojas de puntaje para los grupos y priorización.

Solo encadena: la lectura y validación de las hojas está en `puntajes`, el cálculo en
`priorizacion`, los textos en `respuestas` y el libro de salida en `escritura_priorizacion`.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from .archivos import recibir
from .configuracion import ZONA_LIMA, Configuracion
from .consolidado import leer_consolidado
from .criterios import AjustesPriorizacion, Grupo, leer_ajustes
from .escritura_priorizacion import (
    FilaGrupo,
    Informe,
    ResumenGrupo,
    escribir_priorizacion,
)
from .escritura_priorizacion import leer_priorizacion as _leer_priorizacion
from .modelo import Ficha, Priorizacion, ResultadoFicha
from .observaciones import Codigo, Observacion, contar, observar
from .priorizacion import Calculo, Metodo, calcular
from .progreso import con_progreso
from .puntajes import HojaLeida, escribir_hoja_puntaje, leer_hoja_puntaje, nombre_archivo
from .respuestas import DatosRespuesta, describir_metodo, redactar_respuesta
from .resumen import SALIDA_CON_ERRORES, SALIDA_LIMPIA, ErrorUso, Resumen
from .rutas import Rutas
from .salida import escribir_atomico

# --- ganchos para la línea de comandos y la demostración -------------------------------------------


def validar_configuracion(config: Configuracion) -> None:
    """Comprueba la sección [priorizacion]; lanza ErrorConfiguracion (código de salida 2)."""
    leer_ajustes(config)


def _cmd_hojas(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    return generar_hojas_puntaje(config, rutas)


def _cmd_priorizar(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    return priorizar(config, rutas)


def registrar_comandos(sub: Any, subcomando: Callable[..., Any]) -> None:
    subcomando(sub, "hojas-puntaje", "Etapa III: hojas de puntaje para los grupos del taller",
               "Lee salidas/consolidado_fichas.xlsx y escribe en plantillas_excel/ un libro "
               "puntajes_<grupo>.xlsx por grupo del taller, con las fichas válidas, una columna por "
               "criterio con lista desplegable y el texto completo de las fichas.", _cmd_hojas)
    subcomando(sub, "priorizar", "Etapa III: lee los puntajes y elige las iniciativas priorizadas",
               "Lee las hojas de puntaje devueltas en entradas/puntajes/ (.xlsx, .ods o correos .eml), "
               "las valida, calcula el puntaje de cada ficha, la concordancia entre grupos y la robustez "
               "de la selección, y escribe salidas/priorizacion.xlsx.", _cmd_priorizar)


def leer_priorizacion(ruta: Path, config: Configuracion | None = None) -> Priorizacion:
    """Lee `salidas/priorizacion.xlsx` de vuelta (para la Etapa IV)."""
    return _leer_priorizacion(ruta, config)


# --- hojas de puntaje --------------------------------------------------------------------------------


def fichas_validas(config: Configuracion, rutas: Rutas) -> list[Ficha]:
    """Las fichas válidas del consolidado, en el orden de las gerencias en la configuración."""
    if not rutas.consolidado.exists():
        raise ErrorUso(f"No se encontró «{rutas.consolidado}». Ejecute primero «python procesar.py "
                       "consolidar» (Etapa II).")
    consolidado = leer_consolidado(rutas.consolidado, config)
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


def notas_sinteticas(fichas: list[Ficha], ajustes: AjustesPriorizacion, grupo: Grupo, indice: int,
                     semilla: int) -> dict[str, dict[str, int]]:
    """Notas verosímiles: una calidad propia de cada ficha, el sesgo de cada grupo y ruido."""
    rng_grupo = random.Random(f"{semilla}-grupo-{indice}")
    sesgo = rng_grupo.gauss(0, 0.35)
    ruido = 0.6 if indice % 3 else 1.1  # un grupo de cada tres es más disperso
    notas: dict[str, dict[str, int]] = {}
    for ficha in fichas:
        if ajustes.excluida(grupo, ficha.codigo_gerencia):
            continue
        rng_ficha = random.Random(f"{semilla}-ficha-{ficha.codigo}")
        calidad = rng_ficha.uniform(1.6, 4.7)
        fila = {}
        for c in ajustes.criterios:
            propia = calidad + rng_ficha.gauss(0, 0.5)
            valor = propia + sesgo + rng_grupo.gauss(0, ruido)
            fila[c.clave] = int(min(c.maximo, max(c.minimo, round(valor))))
        notas[ficha.codigo] = fila
    return notas


def preparar_demo(config: Configuracion, rutas: Rutas, semilla: int) -> None:
    """Hojas de puntaje llenas por los grupos, con desacuerdos realistas y algunos errores: una
    nota fuera de escala, una celda vacía, un borrador reemplazado, una hoja en .ods (si hay
    LibreOffice) y otra llegada por correo (.eml)."""
    from .demo import correo_con_adjunto
    from .libreoffice import ErrorLibreOffice, convertir, disponible

    ajustes = leer_ajustes(config)
    fichas = fichas_validas(config, rutas)
    rutas.entradas_puntajes.mkdir(parents=True, exist_ok=True)
    etapa = config.etapa("III")
    fecha = datetime(etapa.inicio.year, etapa.inicio.month, etapa.inicio.day, 12, 0, tzinfo=ZONA_LIMA)

    def escribir(grupo: Grupo, notas: dict[str, dict[str, Any]], destino: Path, minutos: int) -> Path:
        escribir_atomico(destino, lambda tmp: escribir_hoja_puntaje(config, ajustes, grupo, fichas, tmp, notas))
        marca = (fecha + timedelta(minutes=minutos)).timestamp()
        os.utime(destino, (marca, marca))
        return destino

    for i, grupo in enumerate(ajustes.grupos):
        notas: dict[str, dict[str, Any]] = {k: dict(v) for k, v in notas_sinteticas(
            fichas, ajustes, grupo, i, semilla).items()}
        codigos = list(notas)
        clave = ajustes.criterios[-1].clave
        nombre = nombre_archivo(grupo)
        if i == 0 and codigos:
            # un borrador incompleto entregado antes: se reemplaza por la hoja final
            borrador = {k: v for k, v in notas.items() if k in codigos[: len(codigos) // 2]}
            escribir(grupo, borrador, rutas.entradas_puntajes / nombre.replace(".xlsx", "_borrador.xlsx"), 10)
        if i == 1 and codigos:
            notas[codigos[len(codigos) // 3]][clave] = ajustes.criterios[-1].maximo + 1  # fuera de escala
        if i == 2 and len(codigos) > 1:
            notas[codigos[-2]][ajustes.criterios[0].clave] = None  # celda vacía
        if i == 3 and disponible():
            with tempfile.TemporaryDirectory(prefix="procesar_demo_") as tmp:
                origen = escribir(grupo, notas, Path(tmp) / nombre, 40 + i)
                try:
                    ods = convertir([origen], "ods", rutas.entradas_puntajes)[0]
                    marca = (fecha + timedelta(minutes=40 + i)).timestamp()
                    os.utime(ods, (marca, marca))
                    continue
                except ErrorLibreOffice:
                    pass  # sin conversión, se entrega en .xlsx
        if i == 4:
            with tempfile.TemporaryDirectory(prefix="procesar_demo_") as tmp:
                origen = escribir(grupo, notas, Path(tmp) / nombre, 40 + i)
                datos = correo_con_adjunto("taller.ga@regionlalibertad.gob.pe", config.correo_coordinacion,
                                           fecha + timedelta(minutes=40 + i), f"Puntajes {grupo.nombre}",
                                           nombre, origen.read_bytes(),
                                           f"Adjuntamos la hoja de puntaje del {grupo.nombre}.")
                destino = rutas.entradas_puntajes / nombre.replace(".xlsx", ".eml")
                escribir_atomico(destino, lambda tmp_eml, d=datos: tmp_eml.write_bytes(d))
            continue
        escribir(grupo, notas, rutas.entradas_puntajes / nombre, 40 + i)
