"""Qué envío vale: una sola regla para fichas, hojas de puntaje, la hoja del Comité y la asistencia.

Vale el más reciente según el mejor testigo de su fecha (servidor de correo, fecha del mensaje,
registro de recepción); a igual fecha, el de nombre de archivo mayor. Dos archivos con la misma
huella SHA-256 son un solo envío. Si el más reciente lo es solo por su fecha de modificación (que una
copia adelanta), y no por un correo ni porque el programa vio el anterior en una ejecución previa, no
se adivina: se informa para que la coordinación quite uno. Un envío que llega del correo de otra gerencia no
reemplaza al que la gerencia envió desde el suyo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import fecha_hora
from .archivos import Documento

T = TypeVar("T")


@dataclass
class Eleccion(Generic[T]):
    """El envío que vale y lo que pasó con los demás."""

    vigente: T | None = None
    reemplazados: list[T] = field(default_factory=list)   # más antiguos, en orden
    sin_orden: T | None = None       # el anterior, que no se puede ordenar de forma fiable con el vigente
    ajenos: list[T] = field(default_factory=list)          # de otro remitente, posteriores al propio
    repetidos: list[T] = field(default_factory=list)       # mismo contenido que otro envío


def clave_de_orden(documento: Documento) -> tuple:
    return (documento.fecha, documento.archivo)


def orden_fiable(anterior: Documento, posterior: Documento) -> bool:
    """¿Se puede defender que `posterior` llegó después de `anterior`? Sí, si su fecha la da un correo,
    o si el programa vio `anterior` en una ejecución previa y `posterior` apareció después."""
    if posterior.fiable:
        return True
    return anterior.visto is not None and posterior.visto is not None and anterior.visto < posterior.visto


def elegir_vigente(candidatos: Sequence[T], documento: Callable[[T], Documento],
                   propio: Callable[[T], bool] = lambda _: True) -> Eleccion[T]:
    """Elige entre los envíos de una misma gerencia o grupo. `propio` dice si un envío llegó de su
    remitente (o sin remitente); los ajenos solo valen si no hay ninguno propio."""
    eleccion: Eleccion[T] = Eleccion()
    unicos: list[T] = []
    vistos: dict[str, T] = {}
    for c in sorted(candidatos, key=lambda c: clave_de_orden(documento(c))):
        huella = documento(c).huella
        if huella and huella in vistos:  # el mismo contenido otra vez: cuenta su última llegada
            eleccion.repetidos.append(vistos[huella])
            unicos.remove(vistos[huella])
        if huella:
            vistos[huella] = c
        unicos.append(c)
    propios = [c for c in unicos if propio(c)]
    base = propios or unicos
    if not base:
        return eleccion
    eleccion.vigente = base[-1]
    eleccion.reemplazados = base[:-1]
    if propios:
        ultimo = clave_de_orden(documento(eleccion.vigente))
        eleccion.ajenos = [c for c in unicos if not propio(c) and clave_de_orden(documento(c)) > ultimo]
        eleccion.reemplazados += [c for c in unicos if not propio(c) and c not in eleccion.ajenos]
        eleccion.reemplazados.sort(key=lambda c: clave_de_orden(documento(c)))
    if eleccion.reemplazados and not orden_fiable(documento(eleccion.reemplazados[-1]), documento(eleccion.vigente)):
        eleccion.sin_orden = eleccion.reemplazados[-1]
    return eleccion


def observar_eleccion(eleccion: Eleccion[T], documento: Callable[[T], Documento], quien: str,
                      otra_de: Callable[[Documento], str] = lambda _: "otra gerencia",
                      nombre_gerencia: str = "", **contexto: str) -> list[Observacion]:
    """Las observaciones de una elección, iguales en todas las etapas. `quien` nombra al que envía
    («la Gerencia Regional de Salud», «el grupo «Grupo 2»», «el Comité»)."""
    if eleccion.vigente is None:
        return []
    vigente = documento(eleccion.vigente)
    obs = []
    for c in eleccion.reemplazados:
        d = documento(c)
        obs.append(observar(Codigo.ENVIO_REEMPLAZADO, archivo=d.archivo, quien=quien, vigente=vigente.archivo,
                            fecha=fecha_hora(vigente.fecha), testigo=vigente.testigo or "fecha del archivo",
                            fecha_anterior=fecha_hora(d.fecha), testigo_anterior=d.testigo or "fecha del archivo",
                            **contexto))
    if eleccion.sin_orden is not None:
        obs.append(observar(Codigo.ENVIOS_SIN_ORDEN, archivo=vigente.archivo, quien=quien,
                            otro=documento(eleccion.sin_orden).archivo, **contexto))
    for c in eleccion.ajenos:
        d = documento(c)
        obs.append(observar(Codigo.ENVIO_DE_OTRA_GERENCIA, archivo=d.archivo, propio=vigente.archivo,
                            remitente=d.remitente, otra=otra_de(d), nombre_gerencia=nombre_gerencia or quien,
                            **contexto))
    return obs
