"""Registros del perfilado: el compromiso perfilado con sus hitos y actores, y los cambios frente a la ficha."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..nucleo.conteos import Conteos


@dataclass(frozen=True)
class Hito:
    numero: int                # orden en la tabla (1, 2, …)
    entregable: str
    inicio: date | None
    fin: date | None
    responsable: str = ""

    @property
    def dias(self) -> int:
        return (self.fin - self.inicio).days + 1 if self.inicio and self.fin else 0


@dataclass(frozen=True)
class Actor:
    nombre: str
    tipo: str
    rol: str = ""


@dataclass(frozen=True)
class Compromiso:
    """Un compromiso tal como quedó tras la consulta; `valores` va por clave de `perfilado.esquema`."""

    codigo: str
    codigo_gerencia: str
    gerencia: str
    valores: dict[str, Any]
    hitos: tuple[Hito, ...]
    actores: tuple[Actor, ...]
    archivo: str = ""
    fecha_recepcion: datetime | None = None

    def __getitem__(self, clave: str) -> Any:
        return self.valores.get(clave)

    @property
    def nombre(self) -> str:
        return str(self.valores.get("nombre") or "")

    @property
    def inicio(self) -> date | None:
        v = self.valores.get("fecha_inicio")
        return v if isinstance(v, date) else None

    @property
    def fin(self) -> date | None:
        v = self.valores.get("fecha_fin")
        return v if isinstance(v, date) else None


@dataclass(frozen=True)
class Cambio:
    """Un campo del compromiso frente a la ficha de la Etapa II."""

    codigo: str
    campo: str        # clave del compromiso
    etiqueta: str
    antes: str        # como se lee en la ficha («—» si estaba vacío)
    despues: str
    tipo: str         # «Sin cambios», «Modificado», «Agregado», «Quitado», «Justificado»


@dataclass(frozen=True)
class Cifras(Conteos):
    """Las cifras del proceso (contadas en `nucleo.conteos`) y los compromisos perfilados: las mismas en el
    Plan, el oficio, el acta y los libros."""

    perfilados: int = 0

    def filas(self) -> list[tuple[str, int | None]]:
        return [("Fichas esperadas (Etapa II)", self.esperadas),
                ("Fichas presentadas por las Gerencias Regionales (Etapa II)", self.presentadas),
                ("Fichas válidas que pasaron a la priorización", self.validas),
                ("Fichas priorizadas en el taller (Etapa III)", self.priorizadas),
                ("Compromisos seleccionados por el Comité (Etapa IV)", self.seleccionadas),
                ("Compromisos perfilados con las Gerencias (Etapa IV)", self.perfilados)]
