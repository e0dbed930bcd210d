"""Registros que pasan de una etapa a otra: la ficha consolidada y la reunión de cada gerencia."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any

from . import esquema as E
from .configuracion import Configuracion
from .esquema import SI, clave_valor_ogp


class EstadoFicha(StrEnum):
    VALIDA = "válida"
    CON_ADVERTENCIAS = "válida con advertencias"
    CON_ERRORES = "con errores"

    @property
    def es_valida(self) -> bool:
        return self is not EstadoFicha.CON_ERRORES


@dataclass(frozen=True)
class Ficha:
    """Una ficha ya leída y validada; `valores` va por clave del esquema (valores limpios)."""

    codigo: str                 # «GRE-1»: <codigo_gerencia>-<N>
    codigo_gerencia: str
    gerencia: str               # nombre completo
    numero: int
    valores: dict[str, Any]
    archivo: str = ""
    fecha_recepcion: datetime | None = None
    estado: EstadoFicha = EstadoFicha.VALIDA
    errores: int = 0
    advertencias: int = 0

    def __getitem__(self, clave: str) -> Any:
        return self.valores.get(clave)

    @property
    def nombre(self) -> str:
        return str(self.valores.get(E.NOMBRE_ACTIVIDAD) or "")

    def valores_ogp(self, config: Configuracion) -> list[str]:
        """Claves de los valores OGP marcados «Sí», en el orden de la configuración."""
        return [v.clave for v in config.valores_ogp if self.valores.get(clave_valor_ogp(v.clave)) == SI]

    def nombres_valores_ogp(self, config: Configuracion) -> list[str]:
        marcados = set(self.valores_ogp(config))
        return [v.nombre for v in config.valores_ogp if v.clave in marcados]


@dataclass(frozen=True)
class Participante:
    nombre: str
    organizacion: str = ""
    cargo: str = ""


@dataclass(frozen=True)
class Reunion:
    """Datos del Acta de Acuerdos de la Etapa II de una gerencia (hoja «Reunión»)."""

    codigo_gerencia: str
    valores: dict[str, Any]  # claves de esquema.CAMPOS_REUNION
    participantes: tuple[Participante, ...] = ()

    def __getitem__(self, clave: str) -> Any:
        return self.valores.get(clave)

    @property
    def fecha(self) -> date | None:
        v = self.valores.get(E.REUNION_FECHA)
        return v.date() if isinstance(v, datetime) else v

    @property
    def completa(self) -> bool:
        return bool(self.valores.get(E.REUNION_FECHA) and self.valores.get(E.REUNION_LUGAR)
                    and self.valores.get(E.REUNION_CONSEJO) and self.participantes)


@dataclass(frozen=True)
class Consolidado:
    """Lo que la Etapa II deja para las etapas siguientes."""

    fichas: tuple[Ficha, ...]
    reuniones: dict[str, Reunion] = field(default_factory=dict)

    def validas(self) -> list[Ficha]:
        return [f for f in self.fichas if f.estado.es_valida]

    def ficha(self, codigo: str) -> Ficha | None:
        return self._por_codigo.get(codigo)

    @cached_property
    def _por_codigo(self) -> dict[str, Ficha]:
        indice: dict[str, Ficha] = {}
        for f in self.fichas:
            indice.setdefault(f.codigo, f)
        return indice


@dataclass(frozen=True)
class ResultadoFicha:
    """Resultado de la Etapa III para una ficha (una fila de la hoja «Ranking»)."""

    codigo: str
    puntaje: float | None      # 0–100; None si ningún grupo la puntuó
    puesto: int | None
    priorizada: bool
    grupos: int                # cuántos grupos la puntuaron
    robustez: float | None     # 0–1: en qué proporción de recálculos sigue entre las priorizadas
    en_frontera: bool
    respuesta: str             # respuesta razonada en castellano
    codigo_gerencia: str = ""
    nombre: str = ""           # nombre de la actividad
    robustez_sin_grupo: float | None = None  # 0–1, quitando un grupo a la vez
    robustez_pesos: float | None = None      # 0–1, con los pesos variados al azar
    desacuerdo: float | None = None          # desviación estándar entre grupos (0–100)
    fuera_por_tope: bool = False             # no entró por el tope de fichas por gerencia
    medias_criterios: dict[str, float] = field(default_factory=dict)  # clave → nota media
    puntajes_grupos: dict[str, float] = field(default_factory=dict)   # grupo → puntaje 0–100


@dataclass(frozen=True)
class Priorizacion:
    """Lo que la Etapa III deja para la Etapa IV y para el acta del taller."""

    resultados: tuple[ResultadoFicha, ...]   # en orden de puesto
    grupos: tuple[str, ...]
    metodo: str                               # el método en palabras (hoja «Método»)
    concordancia: float | None = None         # W de Kendall o Spearman medio
    metodo_concordancia: str = ""             # «W de Kendall» o «Spearman medio»
    corte: float | None = None                # puntaje de la última priorizada

    def priorizadas(self) -> list[ResultadoFicha]:
        return [r for r in self.resultados if r.priorizada]

    def resultado(self, codigo: str) -> ResultadoFicha | None:
        return self._por_codigo.get(codigo)

    @cached_property
    def _por_codigo(self) -> dict[str, ResultadoFicha]:
        indice: dict[str, ResultadoFicha] = {}
        for r in self.resultados:
            indice.setdefault(r.codigo, r)
        return indice
