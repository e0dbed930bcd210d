"""Ajustes de la Etapa III leídos de la configuración: criterios, grupos del taller y método.

Se leen de `config.crudo["priorizacion"]` (la sección `[priorizacion]` de configuracion.toml);
un error nombra la clave y la línea de comandos termina con código 2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .configuracion import Configuracion, ErrorConfiguracion, exigir, positivo
from .textos import normalizar

AGREGACIONES = {"media": "promedio", "mediana": "mediana"}


@dataclass(frozen=True)
class Criterio:
    clave: str
    nombre: str
    descripcion: str
    peso: float
    minimo: int
    maximo: int
    niveles: tuple[str, ...]  # significado de cada punto, del mínimo al máximo

    @property
    def puntos(self) -> tuple[int, ...]:
        return tuple(range(self.minimo, self.maximo + 1))


@dataclass(frozen=True)
class Grupo:
    nombre: str
    integrantes: tuple[str, ...]
    gerencias: tuple[str, ...]  # códigos de gerencia de sus integrantes (conflicto de interés)


@dataclass(frozen=True)
class AjustesPriorizacion:
    criterios: tuple[Criterio, ...]
    grupos: tuple[Grupo, ...]
    agregacion: str               # «media» o «mediana»
    maximo_por_gerencia: int      # 0: sin tope
    excluir_propia_gerencia: bool
    cuota: int                    # config.priorizadas
    perturbaciones: int
    variacion_pesos: float
    semilla: int
    umbral_estabilidad: float

    @property
    def claves(self) -> tuple[str, ...]:
        return tuple(c.clave for c in self.criterios)

    def grupo(self, nombre: str) -> Grupo | None:
        buscado = normalizar(nombre)
        return next((g for g in self.grupos if normalizar(g.nombre) == buscado), None)

    def excluida(self, grupo: Grupo, codigo_gerencia: str) -> bool:
        """¿El grupo no puede puntuar fichas de esta gerencia (conflicto de interés)?"""
        return self.excluir_propia_gerencia and codigo_gerencia.upper() in grupo.gerencias




def leer_ajustes(config: Configuracion) -> AjustesPriorizacion:
    """Lee y comprueba la sección `[priorizacion]`; lanza ErrorConfiguracion nombrando la clave."""
    seccion = exigir(config.crudo, "priorizacion", dict, "")
    donde = "priorizacion."
    agregacion = exigir(seccion, "agregacion", str, donde).strip().lower()
    if agregacion not in AGREGACIONES:
        raise ErrorConfiguracion(f"«priorizacion.agregacion» = {agregacion!r}: use \"media\" o \"mediana\".")
    tope = exigir(seccion, "maximo_por_gerencia", int, donde)
    if tope < 0:
        raise ErrorConfiguracion("«priorizacion.maximo_por_gerencia» no puede ser negativo (0 = sin tope).")
    excluir = exigir(seccion, "excluir_propia_gerencia", bool, donde)
    minimo_base = seccion.get("escala_minima", 1)
    maximo_base = seccion.get("escala_maxima", 5)
    for nombre, valor in (("escala_minima", minimo_base), ("escala_maxima", maximo_base)):
        if not isinstance(valor, int) or isinstance(valor, bool):
            raise ErrorConfiguracion(f"«priorizacion.{nombre}» debe ser un número entero.")
    perturbaciones = seccion.get("perturbaciones", 1000)
    if not isinstance(perturbaciones, int) or isinstance(perturbaciones, bool) or perturbaciones < 1000:
        raise ErrorConfiguracion("«priorizacion.perturbaciones» debe ser un número entero de al menos 1000.")
    variacion = seccion.get("variacion_pesos", 0.20)
    if not isinstance(variacion, (int, float)) or isinstance(variacion, bool) or not 0 <= variacion < 1:
        raise ErrorConfiguracion("«priorizacion.variacion_pesos» debe ser un número entre 0 y 1 (p. ej. 0.20).")
    semilla = seccion.get("semilla", 2016)
    if not isinstance(semilla, int) or isinstance(semilla, bool) or semilla < 0:
        raise ErrorConfiguracion("«priorizacion.semilla» debe ser un número entero no negativo.")
    umbral = seccion.get("umbral_estabilidad", 0.90)
    if not isinstance(umbral, (int, float)) or isinstance(umbral, bool) or not 0.5 <= umbral <= 1:
        raise ErrorConfiguracion("«priorizacion.umbral_estabilidad» debe estar entre 0.5 y 1.")

    criterios = _leer_criterios(seccion, minimo_base, maximo_base)
    grupos = _leer_grupos(seccion, config)
    return AjustesPriorizacion(criterios, grupos, agregacion, tope, excluir, config.priorizadas,
                               perturbaciones, float(variacion), semilla, float(umbral))


def _leer_criterios(seccion: dict[str, Any], minimo_base: int, maximo_base: int) -> tuple[Criterio, ...]:
    lista = exigir(seccion, "criterios", list, "priorizacion.")
    if not lista:
        raise ErrorConfiguracion("«priorizacion.criterios» está vacía: declare al menos un criterio.")
    criterios: list[Criterio] = []
    for i, c in enumerate(lista, start=1):
        donde = f"priorizacion.criterios[{i}]."
        if not isinstance(c, dict):
            raise ErrorConfiguracion(f"«priorizacion.criterios[{i}]» debe ser una sección [[priorizacion.criterios]].")
        clave = exigir(c, "clave", str, donde).strip()
        if not clave.isidentifier() or not clave.isascii() or clave != clave.lower() or clave == "codigo":
            raise ErrorConfiguracion(f"«{donde}clave» = {clave!r}: use minúsculas sin tildes y guion bajo "
                                     "(y no «codigo»).")
        peso = exigir(c, "peso", (int, float), donde)
        if isinstance(peso, bool) or not math.isfinite(peso):
            raise ErrorConfiguracion(f"«{donde}peso» debe ser un número.")
        positivo(peso, f"{donde}peso")
        minimo = c.get("escala_minima", minimo_base)
        maximo = c.get("escala_maxima", maximo_base)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (minimo, maximo)) or maximo <= minimo:
            raise ErrorConfiguracion(f"La escala de «{donde}» debe ir de un entero a otro mayor "
                                     f"(se encontró {minimo} a {maximo}).")
        if maximo - minimo > 10:
            raise ErrorConfiguracion(f"La escala de «{donde}» admite como máximo 11 puntos.")
        niveles = exigir(c, "niveles", list, donde)
        if len(niveles) != maximo - minimo + 1 or not all(isinstance(n, str) and n.strip() for n in niveles):
            raise ErrorConfiguracion(f"«{donde}niveles» debe tener un texto por cada punto de la escala "
                                     f"({maximo - minimo + 1} textos, de {minimo} a {maximo}).")
        criterios.append(Criterio(clave, exigir(c, "nombre", str, donde).strip(),
                                  exigir(c, "descripcion", str, donde).strip(), float(peso), minimo, maximo,
                                  tuple(n.strip() for n in niveles)))
    claves = [c.clave for c in criterios]
    repetidas = sorted({c for c in claves if claves.count(c) > 1})
    if repetidas:
        raise ErrorConfiguracion(f"«priorizacion.criterios» repite la clave {', '.join(repetidas)}.")
    return tuple(criterios)


def _leer_grupos(seccion: dict[str, Any], config: Configuracion) -> tuple[Grupo, ...]:
    lista = exigir(seccion, "grupos", list, "priorizacion.")
    if not lista:
        raise ErrorConfiguracion("«priorizacion.grupos» está vacía: declare al menos un grupo del taller.")
    grupos: list[Grupo] = []
    vistos: set[str] = set()
    for i, g in enumerate(lista, start=1):
        donde = f"priorizacion.grupos[{i}]."
        if not isinstance(g, dict):
            raise ErrorConfiguracion(f"«priorizacion.grupos[{i}]» debe ser una sección [[priorizacion.grupos]].")
        nombre = " ".join(exigir(g, "nombre", str, donde).split())
        if len(nombre) > 60:
            raise ErrorConfiguracion(f"«{donde}nombre» admite como máximo 60 caracteres.")
        if normalizar(nombre) in vistos:
            raise ErrorConfiguracion(f"El grupo «{nombre}» está repetido en «priorizacion.grupos».")
        vistos.add(normalizar(nombre))
        integrantes = g.get("integrantes", [])
        if not isinstance(integrantes, list) or not all(isinstance(x, str) for x in integrantes):
            raise ErrorConfiguracion(f"«{donde}integrantes» debe ser una lista de textos.")
        gerencias = g.get("gerencias", [])
        if not isinstance(gerencias, list) or not all(isinstance(x, str) for x in gerencias):
            raise ErrorConfiguracion(f"«{donde}gerencias» debe ser una lista de códigos de gerencia.")
        codigos = tuple(x.strip().upper() for x in gerencias)
        desconocidas = [x for x in codigos if config.gerencia(x) is None]
        if desconocidas:
            raise ErrorConfiguracion(f"«{donde}gerencias» tiene códigos que no están en «gerencias»: "
                                     f"{', '.join(desconocidas)}.")
        grupos.append(Grupo(nombre, tuple(x.strip() for x in integrantes if x.strip()), codigos))
    return tuple(grupos)
