"""Los problemas son datos: una observación por problema, con las coordenadas del usuario.

Cada código tiene una severidad y una plantilla de mensaje que dice qué corregir (`codigos`). Los
validadores producen observaciones y nunca se detienen en la primera.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .codigos import REGLAS, Codigo, Severidad
from .textos import recortar


@dataclass(frozen=True, order=True)
class Observacion:
    """Un problema, con las coordenadas que ve el usuario: archivo, hoja, celda, campo."""

    gerencia: str
    archivo: str
    hoja: str
    celda: str
    campo: str
    codigo: Codigo
    severidad: Severidad
    mensaje: str
    valor: str = ""
    ficha: str = ""
    contexto: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def es_error(self) -> bool:
        return self.severidad is Severidad.ERROR

    @property
    def ubicacion(self) -> str:
        """`'Ficha 3'!C12`, como lo escribe Excel."""
        if not self.hoja:
            return ""
        hoja = f"'{self.hoja}'" if not self.hoja.isalnum() else self.hoja
        return f"{hoja}!{self.celda}" if self.celda else hoja


def observar(codigo: Codigo, *, gerencia: str = "", archivo: str = "", hoja: str = "",
             celda: str = "", campo: str = "", valor: Any = "", ficha: str = "",
             severidad: Severidad | None = None, **contexto: Any) -> Observacion:
    """Crea una observación con el mensaje de la plantilla de su código."""
    regla = REGLAS[codigo]
    texto_valor = "" if valor is None else str(valor)
    datos = {"gerencia": gerencia, "archivo": archivo, "hoja": hoja, "celda": celda, "campo": campo,
             "ficha": ficha, "valor": recortar(texto_valor, 80, una_linea=True), **contexto}
    try:
        mensaje = regla.plantilla.format(**datos)
    except KeyError as e:  # un error de programación: que se note en las pruebas
        raise KeyError(f"Falta {e} para el mensaje de {codigo}") from None
    return Observacion(gerencia=gerencia, archivo=archivo, hoja=hoja, celda=celda, campo=campo,
                       codigo=codigo, severidad=severidad or regla.severidad, mensaje=mensaje,
                       valor=texto_valor, ficha=ficha, contexto=dict(contexto))


def hay_errores(observaciones: Iterable[Observacion]) -> bool:
    return any(o.es_error for o in observaciones)


def contar(observaciones: Iterable[Observacion]) -> tuple[int, int]:
    """(errores, advertencias)."""
    errores = advertencias = 0
    for o in observaciones:
        if o.es_error:
            errores += 1
        else:
            advertencias += 1
    return errores, advertencias


def aplanar(observaciones: Iterable[Observacion], *campos: str) -> list[tuple[Any, ...]]:
    """Tabla literal para las pruebas: `aplanar(obs, "hoja", "celda", "codigo")`."""
    return [tuple(getattr(o, c) for c in campos) for o in observaciones]
