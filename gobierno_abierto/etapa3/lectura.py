"""Etapa III: lectura de la carpeta de hojas de puntaje devueltas por los grupos.

Cada hoja se lee y valida en `leer_hoja_puntaje`; `leer_hojas` decide cuál vale por grupo (la regla común).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..entrada.archivos import Documento, recibir
from ..entrada.libro import (
    ErrorDeCelda,
    ErrorLibro,
    FormulaSinValor,
    Libro,
    abrir_libro,
    letra_columna,
)
from ..entrada.vigencia import elegir_vigente, observar_eleccion
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Ficha
from ..nucleo.modelos_secciones import AjustesPriorizacion, Grupo
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import texto_de_celda
from ..salida.progreso import barra_de_progreso
from ..salida.rutas import Rutas
from .hojas import (
    COLUMNA_CODIGO,
    NOMBRE_DATOS,
    NOMBRE_GRUPO,
    area_puntajes,
)

# --- lectura -------------------------------------------------------------------------------------


@dataclass
class HojaLeida:
    """Lo que se leyó de una hoja de puntaje: las notas completas y válidas, y las observaciones."""

    documento: Documento
    grupo: Grupo | None = None
    notas: dict[str, dict[str, float]] = field(default_factory=dict)  # código → clave → nota
    observaciones: list[Observacion] = field(default_factory=list)

    @property
    def archivo(self) -> str:
        return self.documento.archivo




def _vacia(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _leer_nota(valor: Any) -> tuple[float | None, bool]:
    """(nota, es_numero). Acepta números y textos con un número («4», « 4 »)."""
    if isinstance(valor, bool):
        return None, False
    if isinstance(valor, (int, float)):
        return float(valor), True
    texto = str(valor).strip().replace(",", ".")
    try:
        return float(texto), True
    except ValueError:
        return None, False


def leer_en_trabajador(documento: Documento, contexto: tuple[AjustesPriorizacion, Mapping[str, Ficha]]) -> HojaLeida:
    """`leer_hoja_puntaje` en un proceso trabajador: un archivo que tumba al lector no detiene la orden."""
    leida = leer_hoja_puntaje(documento, *contexto)
    leida.documento = replace(documento, datos=b"")
    return leida


def leer_hoja_puntaje(documento: Documento, ajustes: AjustesPriorizacion,
                      fichas: Mapping[str, Ficha]) -> HojaLeida:
    """Lee y valida una hoja devuelta. `fichas`: las fichas válidas del consolidado, por código.
    Nada detiene la lectura: cada problema es una observación con archivo, hoja y celda."""
    leida = HojaLeida(documento)
    try:
        libro = abrir_libro(documento, area_puntajes(ajustes, len(fichas)))
        _leer_hoja(libro, ajustes, fichas, leida)
        leida.observaciones.extend(libro.observaciones())
    except ErrorLibro as e:
        leida.grupo, leida.notas = None, {}
        leida.observaciones.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=documento.archivo, detalle=str(e)))
    return leida


def _leer_hoja(libro: Libro, ajustes: AjustesPriorizacion, fichas: Mapping[str, Ficha], leida: HojaLeida) -> None:
    archivo = leida.archivo
    obs = leida.observaciones
    cabecera = libro.buscar_cabecera(NOMBRE_DATOS, [COLUMNA_CODIGO], alguna_de=ajustes.claves)
    if cabecera is None:
        obs.append(observar(Codigo.NO_ES_HOJA_PUNTAJE, archivo=archivo))
        return
    valor_grupo, ref_grupo = libro.valor_de(NOMBRE_GRUPO)
    hoja_g, celda_g = (ref_grupo.hoja, ref_grupo.celda) if ref_grupo else ("", "")
    if _vacia(valor_grupo):
        obs.append(observar(Codigo.GRUPO_FALTANTE, archivo=archivo, hoja=hoja_g, celda=celda_g,
                            campo=NOMBRE_GRUPO))
        return
    grupo = ajustes.grupo(texto_de_celda(valor_grupo))
    if grupo is None:
        obs.append(observar(Codigo.GRUPO_DESCONOCIDO, archivo=archivo, hoja=hoja_g, celda=celda_g,
                            campo=NOMBRE_GRUPO, valor=texto_de_celda(valor_grupo),
                            grupos=", ".join(g.nombre for g in ajustes.grupos)))
        return
    leida.grupo = grupo
    g = grupo.nombre

    hoja, fila_cab, indice = cabecera
    filas = libro.filas(hoja)
    faltan = [c for c in ajustes.criterios if c.clave not in indice]
    for c in faltan:
        obs.append(observar(Codigo.CRITERIO_FALTANTE, archivo=archivo, hoja=hoja,
                            celda=f"{fila_cab + 1}:{fila_cab + 1}", campo=c.clave, valor=c.clave,
                            etiqueta=c.nombre, grupo=g))
    if faltan:
        return
    col_codigo = indice[COLUMNA_CODIGO]

    def celda(fila: int, col: int) -> str:
        return f"{letra_columna(col)}{fila + 1}"

    vistas: dict[str, int] = {}
    for f in range(fila_cab + 1, len(filas)):
        fila = filas[f]

        def valor(col: int, fila: list[Any] = fila) -> Any:
            return fila[col] if col < len(fila) else None

        codigo = texto_de_celda(valor(col_codigo)).upper()
        crudos = {c.clave: valor(indice[c.clave]) for c in ajustes.criterios}
        sin_notas = all(_vacia(v) for v in crudos.values())
        if not codigo:
            if not sin_notas:
                obs.append(observar(Codigo.FICHA_DESCONOCIDA, archivo=archivo, hoja=hoja,
                                    celda=celda(f, col_codigo), campo=COLUMNA_CODIGO, valor="(vacío)", grupo=g))
            continue
        ficha = fichas.get(codigo)
        if ficha is None:
            obs.append(observar(Codigo.FICHA_DESCONOCIDA, archivo=archivo, hoja=hoja, celda=celda(f, col_codigo),
                                campo=COLUMNA_CODIGO, valor=codigo, grupo=g))
            continue
        if codigo in vistas:
            obs.append(observar(Codigo.FICHA_REPETIDA_EN_HOJA, archivo=archivo, hoja=hoja,
                                celda=celda(f, col_codigo), campo=COLUMNA_CODIGO, valor=codigo, ficha=codigo, ficha_codigo=codigo,
                                otra_fila=vistas[codigo] + 1, grupo=g))
            continue
        vistas[codigo] = f
        if ajustes.excluida(grupo, ficha.codigo_gerencia):
            if not sin_notas:
                obs.append(observar(Codigo.PUNTAJE_PROPIA_GERENCIA, archivo=archivo, hoja=hoja,
                                    celda=celda(f, col_codigo), campo=COLUMNA_CODIGO, valor=codigo,
                                    ficha=codigo, ficha_codigo=codigo, gerencia_ficha=ficha.codigo_gerencia, grupo=g))
            continue
        if sin_notas:
            obs.append(observar(Codigo.FICHA_SIN_PUNTAJE, archivo=archivo, hoja=hoja, celda=celda(f, col_codigo),
                                campo=COLUMNA_CODIGO, ficha=codigo, ficha_codigo=codigo, grupo=g))
            continue
        notas: dict[str, float] = {}
        for c in ajustes.criterios:
            crudo = crudos[c.clave]
            donde = {"archivo": archivo, "hoja": hoja, "celda": celda(f, indice[c.clave]), "campo": c.clave,
                     "ficha": codigo, "ficha_codigo": codigo, "etiqueta": c.nombre, "minimo": c.minimo, "maximo": c.maximo,
                     "grupo": g}
            dicha = {**donde, "etiqueta": f"{c.nombre}, ficha {codigo}"}
            if isinstance(crudo, FormulaSinValor | ErrorDeCelda):
                obs.append(observar(Codigo.FORMULA_SIN_VALOR if isinstance(crudo, FormulaSinValor)
                                    else Codigo.CELDA_CON_ERROR, valor=str(crudo), **dicha))
                continue
            if _vacia(crudo):
                obs.append(observar(Codigo.PUNTAJE_VACIO, **donde))
                continue
            nota, es_numero = _leer_nota(crudo)
            if not es_numero or nota is None:
                obs.append(observar(Codigo.PUNTAJE_NO_NUMERO, valor=texto_de_celda(crudo), **donde))
                continue
            if not nota.is_integer() or not c.minimo <= nota <= c.maximo:
                obs.append(observar(Codigo.PUNTAJE_FUERA_DE_ESCALA, valor=texto_de_celda(crudo), **donde))
                continue
            formula = libro.formula(hoja, f, indice[c.clave])
            if formula:
                obs.append(observar(Codigo.FORMULA_CALCULADA, valor=texto_de_celda(crudo), formula=f"={formula}", **dicha))
            notas[c.clave] = nota
        if len(notas) == len(ajustes.criterios):
            leida.notas[codigo] = notas
    for codigo, ficha in fichas.items():
        if codigo not in vistas and not ajustes.excluida(grupo, ficha.codigo_gerencia):
            obs.append(observar(Codigo.FICHA_SIN_PUNTAJE, archivo=archivo, hoja=hoja, campo=COLUMNA_CODIGO,
                                ficha=codigo, ficha_codigo=codigo, grupo=g))


def leer_hojas(config: Configuracion, rutas: Rutas, ajustes: AjustesPriorizacion,
               fichas: list[Ficha]) -> tuple[list[HojaLeida], list[Observacion], int]:
    """Lee la carpeta de puntajes; si un grupo entregó dos hojas, vale la más reciente."""
    por_codigo = {f.codigo: f for f in fichas}
    recepcion = recibir(rutas.entradas_puntajes, config.tamanio_maximo_bytes, config.servidor_correo,
                        lector=leer_en_trabajador, contexto=(ajustes, por_codigo),
                        progreso=lambda total: barra_de_progreso(total, "Leyendo hojas de puntaje"))
    grupos = {g.nombre: g for g in ajustes.grupos}  # el trabajador devuelve copias: se vuelve a los propios
    leidas = [replace(h, grupo=grupos.get(h.grupo.nombre) if h.grupo else None) for h in recepcion.leidos]
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
