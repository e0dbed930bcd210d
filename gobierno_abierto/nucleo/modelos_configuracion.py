"""Las secciones de configuracion.toml, declaradas una vez: un modelo por sección, con sus reglas.

Cada sección prohíbe claves desconocidas, usa tipos estrictos (un "true" entre comillas no es un
booleano) y pone un tope sensato a cada número. Los modelos son también los objetos que usa el
resto del código (Gerencia, Etapa, Criterio…). Una regla entre varios campos lanza un error
«regla» con sus ubicaciones; `errores_configuracion` lo muestra en castellano.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# Hora de Lima (UTC−5, sin horario de verano).
ZONA_LIMA = timezone(timedelta(hours=-5), "America/Lima")
ETAPAS = ("I", "II", "III", "IV")
AGREGACIONES = {"media": "promedio", "mediana": "mediana"}

Ubicacion = tuple[str | int, ...]


def regla(*problemas: tuple[Ubicacion, str]) -> PydanticCustomError:
    """Error de una regla propia: (ubicación relativa, mensaje en castellano) por problema."""
    return PydanticCustomError("regla", "regla", {"problemas": problemas})


def _sin_problemas(problemas: list[tuple[Ubicacion, str]]) -> None:
    if problemas:
        raise regla(*problemas)


def _repetidos(valores: list[str], campo: str, nombre: str) -> list[tuple[Ubicacion, str]]:
    """Un problema en cada aparición repetida (de la segunda en adelante)."""
    primera: dict[str, int] = {}
    problemas: list[tuple[Ubicacion, str]] = []
    for i, v in enumerate(valores):
        if v in primera:
            problemas.append(((i, campo), f"{nombre} «{v}» está repetido (ya aparece en el n.º {primera[v] + 1})"))
        primera.setdefault(v, i)
    return problemas


Texto = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
TextoOpcional = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, max_length=1000)]
Opcion = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Codigo = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=20)]
Entero = Annotated[int, Strict()]
Numero = Annotated[float, Strict()]  # acepta enteros; nan e inf, no (allow_inf_nan=False)
Logico = Annotated[bool, Strict()]
Fecha = Annotated[date, Strict()]    # una fecha con hora no es una fecha


class Modelo(BaseModel):
    # defer_build: el esquema de cada sección se arma al validarla por primera vez, no al importar.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


def _correo(valor: str) -> str:
    if "@" not in valor or " " in valor:
        raise regla(((), f"«{valor}» no parece un correo electrónico"))
    return valor


# --- núcleo: lo que usan todos los comandos ---------------------------------------------------------


class Proceso(Modelo):
    nombre_anio: Texto
    entidad: Texto
    programa: Texto
    ciudad: Texto
    anio_actual: Entero = Field(ge=2000, le=2100)
    anio_siguiente: Entero = Field(ge=2000, le=2100)
    correo_coordinacion: Texto
    coordinacion: Texto

    _correo = field_validator("correo_coordinacion")(_correo)

    @model_validator(mode="after")
    def _anios(self) -> Proceso:
        if self.anio_siguiente != self.anio_actual + 1:
            raise regla((("anio_siguiente",), f"debe ser anio_actual + 1 ({self.anio_actual + 1}); "
                                              f"se encontró {self.anio_siguiente}"))
        return self


class Cuotas(Modelo):
    fichas_por_gerencia: Entero = Field(ge=1, le=20)
    priorizadas: Entero = Field(ge=1, le=10_000)
    seleccionadas: Entero = Field(ge=1, le=10_000)

    @model_validator(mode="after")
    def _orden(self) -> Cuotas:
        if self.seleccionadas > self.priorizadas:
            raise regla((("seleccionadas",), "no puede ser mayor que cuotas.priorizadas "
                                             f"({self.seleccionadas} > {self.priorizadas})"))
        return self


class Limites(Modelo):
    tamanio_maximo_mb: Numero = Field(gt=0, le=200)
    presupuesto_maximo: Numero = Field(gt=0, le=1e12)
    poblacion_maxima: Entero = Field(ge=1, le=1_000_000_000)
    meta_fisica_maxima: Numero = Field(gt=0, le=1e12)


class Etapa(Modelo):
    etapa: Codigo
    nombre: Texto
    inicio: Fecha
    fin: Fecha
    lugar: TextoOpcional = ""

    @field_validator("etapa")
    @classmethod
    def _etapa(cls, valor: str) -> str:
        if valor not in ETAPAS:
            raise regla(((), f"use I, II, III o IV; se encontró «{valor}»"))
        return valor

    @model_validator(mode="after")
    def _fechas(self) -> Etapa:
        if self.fin < self.inicio:
            raise regla((("fin",), f"en la etapa {self.etapa}, el fin ({self.fin}) es anterior al "
                                   f"inicio ({self.inicio})"))
        return self

    @property
    def plazo(self) -> datetime:
        """Último instante del plazo: fin del día de cierre, hora de Lima."""
        return datetime.combine(self.fin, time(23, 59, 59), tzinfo=ZONA_LIMA)


class Gerencia(Modelo):
    codigo: Codigo
    nombre: Texto
    correo: Texto

    _correo = field_validator("correo")(_correo)

    @field_validator("codigo")
    @classmethod
    def _codigo(cls, valor: str) -> str:
        if not valor.replace("_", "").isalnum() or not valor.isascii():
            raise regla(((), f"«{valor}»: use solo letras sin tilde, números o guion bajo"))
        return valor


class Listas(Modelo):
    ambito: tuple[Opcion, ...] = Field(min_length=1, max_length=500)
    objetivo_pdc: tuple[Opcion, ...] = Field(min_length=1, max_length=500)
    objetivo_pei: tuple[Opcion, ...] = Field(min_length=1, max_length=500)

    @field_validator("ambito", "objetivo_pdc", "objetivo_pei")
    @classmethod
    def _sin_repetidos(cls, valores: tuple[str, ...]) -> tuple[str, ...]:
        vistos: set[str] = set()
        for i, v in enumerate(valores):
            if v in vistos:
                raise regla(((i,), f"«{v}» está repetido"))
            vistos.add(v)
        return valores


class ValorOGP(Modelo):
    clave: Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    nombre: Texto
    acompania: Logico = False  # solo cuenta junto a otro valor (tecnología e innovación)

    @field_validator("clave")
    @classmethod
    def _clave(cls, valor: str) -> str:
        if not valor.isidentifier() or not valor.isascii() or valor != valor.lower():
            raise regla(((), f"«{valor}»: use minúsculas sin tildes y guion bajo"))
        return valor


class Recepcion(Modelo):
    """`[recepcion]`: de dónde sale la fecha de recepción que decide plazos y reemplazos."""

    # Dominio del servidor de correo de la institución: su cabecera «Received:» fecha cada envío.
    servidor_correo: Annotated[str, Strict(), StringConstraints(strip_whitespace=True, to_lower=True,
                                                                max_length=253, pattern=r"^[a-z0-9.-]*$")] = ""


class Nucleo(Modelo):
    """Las secciones que todo comando necesita; las demás se comprueban al usarse."""

    proceso: Proceso
    cuotas: Cuotas
    limites: Limites
    calendario: tuple[Etapa, ...] = Field(min_length=1, max_length=10)
    gerencias: tuple[Gerencia, ...] = Field(min_length=1, max_length=5000)
    listas: Listas
    valores_ogp: tuple[ValorOGP, ...] = Field(min_length=1, max_length=20)
    recepcion: Recepcion = Recepcion()
    priorizacion: Any = None   # ver AjustesPriorizacion
    comite: Any = None         # ver SeccionesDocumentos
    documentos: Any = None
    perfilado: Any = None      # ver Perfilado
    publicacion: Any = None    # ver SeccionPublicacion

    @field_validator("calendario")
    @classmethod
    def _calendario(cls, etapas: tuple[Etapa, ...]) -> tuple[Etapa, ...]:
        problemas = _repetidos([e.etapa for e in etapas], "etapa", "la etapa")
        presentes = {e.etapa: (i, e) for i, e in enumerate(etapas)}
        faltan = [e for e in ETAPAS if e not in presentes]
        if faltan:
            problemas.append(((), f"faltan las etapas: {', '.join(faltan)}"))
        for a, b in itertools.pairwise(e for e in ETAPAS if e in presentes):
            (_, ea), (j, eb) = presentes[a], presentes[b]
            if eb.inicio < ea.inicio:
                problemas.append(((j, "inicio"), f"la etapa {b} empieza ({eb.inicio}) antes que la "
                                                 f"etapa {a} ({ea.inicio})"))
        _sin_problemas(problemas)
        return etapas

    @field_validator("gerencias")
    @classmethod
    def _gerencias(cls, gerencias: tuple[Gerencia, ...]) -> tuple[Gerencia, ...]:
        _sin_problemas(_repetidos([g.codigo for g in gerencias], "codigo", "el código")
                       + _repetidos([g.correo.lower() for g in gerencias], "correo", "el correo"))
        return gerencias

    @field_validator("valores_ogp")
    @classmethod
    def _valores(cls, valores: tuple[ValorOGP, ...]) -> tuple[ValorOGP, ...]:
        problemas = _repetidos([v.clave for v in valores], "clave", "la clave")
        if all(v.acompania for v in valores):
            problemas.append(((), "necesita al menos un valor con acompania = false"))
        _sin_problemas(problemas)
        return valores

    @model_validator(mode="after")
    def _cuota_posible(self) -> Nucleo:
        total = len(self.gerencias) * self.cuotas.fichas_por_gerencia
        if self.cuotas.priorizadas > total:
            raise regla((("cuotas", "priorizadas"), f"({self.cuotas.priorizadas}) supera el total de "
                                                    f"fichas esperadas ({total})"))
        return self


# --- [priorizacion]: Etapa III ---------------------------------------------------------------------

ESCALA = {"ge": 0, "le": 100}
