"""Lo que se publica, como registros: cada ficha con la decisión de cada etapa, las etapas, las
gerencias, los compromisos y el `Contenido` completo que el sitio y los datos abiertos solo escriben.

Los arma `contenido.armar_contenido`; aquí no hay reglas, solo la forma de lo publicado.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..nucleo import esquema as E
from ..nucleo.modelos_secciones import Criterio
from .ajustes import AjustesPublicacion
from .lectura import DocumentoFirmado, Hito, Nota

# Decisión de una etapa: clave (datos abiertos) → texto (sitio).
DECISIONES = {
    "valida": "Válida", "observada": "Observada", "priorizada": "Priorizada", "no_priorizada": "No priorizada",
    "seleccionada": "Seleccionada", "no_seleccionada": "No seleccionada", "no_participa": "No participó",
    "pendiente": "Pendiente", "reservada": "Reservada",
}
# Situación final de una ficha (el filtro «situación» del sitio).
SITUACIONES = {
    "seleccionada": "Seleccionada como compromiso",
    "no_seleccionada": "Priorizada, no seleccionada",
    "priorizada": "Priorizada, espera la decisión del Comité",
    "no_priorizada": "Válida, no priorizada",
    "valida": "Válida, espera la priorización",
    "observada": "Observada en la Etapa II",
}


@dataclass(frozen=True)
class Decision:
    codigo: str
    etapa: str
    decision: str          # clave de DECISIONES
    motivo: str
    fecha: date | None

    @property
    def texto(self) -> str:
        return DECISIONES[self.decision]


@dataclass(frozen=True)
class Campo:
    clave: str
    etiqueta: str
    texto: str           # como se lee en el sitio
    dato: Any            # como va a los datos abiertos (None si falta o no es válido)


@dataclass(frozen=True)
class Iniciativa:
    codigo: str
    codigo_gerencia: str
    gerencia: str
    numero: int
    nombre: str
    valores_ogp: tuple[str, ...]            # claves de los valores marcados «Sí»
    campos: tuple[Campo, ...]
    decisiones: tuple[Decision, ...]        # II, III, IV
    situacion: str                          # clave de SITUACIONES
    estado_etapa_II: str                    # «válida», «válida con advertencias», «con errores»
    fecha_recepcion: datetime | None
    priorizada: bool | None = None
    seleccionada: bool | None = None
    puntaje: float | None = None            # None si no hay o está reservado
    puesto: int | None = None
    grupos: int | None = None
    medias: tuple[tuple[str, float, int, int], ...] = ()     # (criterio, nota media, mínimo, máximo)
    puntajes_grupos: tuple[tuple[str, float], ...] = ()

    @property
    def texto_situacion(self) -> str:
        return SITUACIONES[self.situacion]


@dataclass(frozen=True)
class EtapaPublicada:
    etapa: str
    nombre: str
    inicio: date
    fin: date
    lugar: str
    que_pasa: str
    estado: str          # «Concluida», «En curso», «Próxima»


@dataclass(frozen=True)
class GerenciaPublicada:
    codigo: str
    nombre: str
    presentadas: int
    validas: int
    organizaciones: tuple[str, ...]


@dataclass(frozen=True)
class CompromisoPublicado:
    numero: int
    codigo: str
    nombre: str
    gerencia: str
    motivo: str
    valores: str
    fecha_inicio: date | None = None
    fecha_fin: date | None = None
    objetivo: str = ""
    responsable: str = ""
    problema: str = ""
    linea_base: str = ""
    descripcion: str = ""
    resultados: str = ""
    sociedad_civil: str = ""
    hitos: tuple[Hito, ...] = ()


@dataclass
class Contenido:
    titulo: str
    entidad: str
    programa: str
    ajustes: AjustesPublicacion
    etapas: list[EtapaPublicada]
    gerencias: list[GerenciaPublicada]
    iniciativas: list[Iniciativa]
    embudo: list[tuple[str, int]]
    valores_ogp: list[tuple[str, str]]                 # (clave, nombre)
    criterios: tuple[Criterio, ...] = ()
    notas: list[Nota] = field(default_factory=list)    # vacía si está reservada
    compromisos: list[CompromisoPublicado] = field(default_factory=list)
    hay_plan: bool = False
    reservas: list[str] = field(default_factory=list)
    grupos: tuple[str, ...] = ()
    comite: tuple[str, ...] = ()                        # cargos de los miembros del Comité
    metodo: str = ""
    documentos: list[DocumentoFirmado] = field(default_factory=list)
    campos_ficha: tuple[E.Campo, ...] = ()
    cuotas: dict[str, int] = field(default_factory=dict)
    hay_comite: bool = False
    retirados: int = 0      # datos personales retirados de los textos
