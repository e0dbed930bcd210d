"""Las secciones de configuracion.toml de las Etapas III y IV: priorización (criterios, grupos,
método), Comité y documentos, y la publicación. Se comprueban solo cuando un comando las usa
(`config.priorizacion`, `config.documentos`, `config.publicacion`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .modelos_configuracion import (
    AGREGACIONES,
    ESCALA,
    Codigo,
    Entero,
    Fecha,
    Logico,
    Modelo,
    Numero,
    Texto,
    TextoOpcional,
    _repetidos,
    _sin_problemas,
    regla,
)
from .textos import normalizar


def _escala_valida(minimo: Any, maximo: Any) -> bool:
    return (all(type(v) is int and ESCALA["ge"] <= v <= ESCALA["le"] for v in (minimo, maximo))
            and 0 < maximo - minimo <= 10)


class Criterio(Modelo):
    clave: Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    nombre: Texto
    descripcion: Texto
    peso: Numero = Field(gt=0, le=1000)
    minimo: Entero = Field(1, alias="escala_minima", **ESCALA)
    maximo: Entero = Field(5, alias="escala_maxima", **ESCALA)
    niveles: tuple[Texto, ...] = Field(max_length=11)  # del mínimo al máximo

    @field_validator("clave")
    @classmethod
    def _clave(cls, valor: str) -> str:
        if not valor.isidentifier() or not valor.isascii() or valor != valor.lower() or valor == "codigo":
            raise regla(((), f"«{valor}»: use minúsculas sin tildes y guion bajo (y no «codigo»)"))
        return valor

    @model_validator(mode="after")
    def _escala(self) -> Criterio:
        if not _escala_valida(self.minimo, self.maximo):
            raise regla((("escala_maxima",), "la escala debe ir de un entero a otro mayor, con 11 puntos "
                                             f"como máximo (se encontró {self.minimo} a {self.maximo})"))
        if len(self.niveles) != len(self.puntos):
            raise regla((("niveles",), f"debe tener un texto por cada punto de la escala ({len(self.puntos)} "
                                       f"textos, de {self.minimo} a {self.maximo}); tiene {len(self.niveles)}"))
        return self

    @property
    def puntos(self) -> tuple[int, ...]:
        return tuple(range(self.minimo, self.maximo + 1))


class Grupo(Modelo):
    nombre: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=60)]
    integrantes: tuple[Annotated[str, Strict(), StringConstraints(max_length=300)], ...] = Field((), max_length=50)
    gerencias: tuple[Codigo, ...] = Field((), max_length=100)  # de sus integrantes (conflicto de interés)

    @field_validator("nombre", mode="before")
    @classmethod
    def _espacios(cls, valor: Any) -> Any:
        return " ".join(valor.split()) if isinstance(valor, str) else valor

    @field_validator("integrantes")
    @classmethod
    def _sin_vacios(cls, valores: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip() for v in valores if v.strip())

    @field_validator("gerencias")
    @classmethod
    def _existentes(cls, codigos: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        conocidas = (info.context or {}).get("gerencias")
        desconocidas = [c for c in codigos if conocidas is not None and c not in conocidas]
        if desconocidas:
            raise regla(((), f"tiene códigos que no están en «gerencias»: {', '.join(desconocidas)}"))
        return codigos


class AjustesPriorizacion(Modelo):
    agregacion: Annotated[str, Strict(), StringConstraints(strip_whitespace=True, to_lower=True)]
    maximo_por_gerencia: Entero = Field(ge=0, le=20)  # 0: sin tope
    excluir_propia_gerencia: Logico
    escala_minima: Entero = Field(1, **ESCALA)
    escala_maxima: Entero = Field(5, **ESCALA)
    perturbaciones: Entero = Field(1000, ge=1000, le=100_000)
    variacion_pesos: Numero = Field(0.20, ge=0, lt=1)
    semilla: Entero = Field(2016, ge=0, lt=2**32)
    umbral_estabilidad: Numero = Field(0.90, ge=0.5, le=1)
    criterios: tuple[Criterio, ...] = Field(min_length=1, max_length=20)
    grupos: tuple[Grupo, ...] = Field(min_length=1, max_length=100)
    _cuota: int = PrivateAttr(0)

    @model_validator(mode="before")
    @classmethod
    def _escala_por_omision(cls, datos: Any) -> Any:
        """La escala de la sección vale para los criterios que no dan la suya."""
        if not isinstance(datos, dict) or not isinstance(datos.get("criterios"), list):
            return datos
        base = {"escala_minima": datos.get("escala_minima", 1), "escala_maxima": datos.get("escala_maxima", 5)}
        if not _escala_valida(*base.values()):
            return datos
        return {**datos, "criterios": [{**base, **c} if isinstance(c, dict) else c for c in datos["criterios"]]}

    @field_validator("agregacion")
    @classmethod
    def _agregacion(cls, valor: str) -> str:
        if valor not in AGREGACIONES:
            raise regla(((), f"use «media» o «mediana»; se encontró «{valor}»"))
        return valor

    @model_validator(mode="after")
    def _unicos(self, info: ValidationInfo) -> AjustesPriorizacion:
        problemas = [(("criterios", *u), m) for u, m in
                     _repetidos([c.clave for c in self.criterios], "clave", "la clave")]
        problemas += [(("grupos", *u), m) for u, m in
                      _repetidos([normalizar(g.nombre) for g in self.grupos], "nombre", "el grupo")]
        if not _escala_valida(self.escala_minima, self.escala_maxima):
            problemas.append((("escala_maxima",), "la escala debe ir de un entero a otro mayor, con 11 "
                                                  "puntos como máximo"))
        _sin_problemas(problemas)
        self._cuota = int((info.context or {}).get("cuota", 0))
        return self

    @property
    def cuota(self) -> int:
        """Fichas a priorizar: `cuotas.priorizadas`."""
        return self._cuota

    @property
    def claves(self) -> tuple[str, ...]:
        return tuple(c.clave for c in self.criterios)

    def grupo(self, nombre: str) -> Grupo | None:
        buscado = normalizar(nombre)
        return next((g for g in self.grupos if normalizar(g.nombre) == buscado), None)

    def excluida(self, grupo: Grupo, codigo_gerencia: str) -> bool:
        """¿El grupo no puede puntuar fichas de esta gerencia (conflicto de interés)?"""
        return self.excluir_propia_gerencia and codigo_gerencia.upper() in grupo.gerencias


class SeccionPriorizacion(Modelo):
    priorizacion: AjustesPriorizacion


# --- [[comite]] y [documentos]: Etapa IV ------------------------------------------------------------


class Persona(Modelo):
    """Quien firma un documento. Sin nombre, el documento pone el cargo bajo una línea en blanco para
    firmar a mano: la configuración que se distribuye trae cargos, no personas."""

    nombre: TextoOpcional = ""
    cargo: Texto


class Oficio(Modelo):
    """El oficio a la OGP lo numera y lo firma la misma oficina: su registro («siglas») y su titular."""

    siglas: Texto                       # «GRLL-GOB»: OFICIO N.º 0123-2016-GRLL-GOB
    numero: TextoOpcional = ""          # correlativo en ese registro; vacío: espacio para completarlo
    firmante_cargo: Texto
    firmante_nombre: TextoOpcional = ""

    def numero_completo(self, anio: int) -> str:
        return f"OFICIO N.º {self.numero or '________'}-{anio}-{self.siglas}"

    @property
    def firmante(self) -> Persona:
        return Persona(nombre=self.firmante_nombre, cargo=self.firmante_cargo)


class Destinatario(Modelo):
    nombre: Texto
    cargo: Texto
    direccion: Texto


class AjustesDocumentos(Modelo):
    fecha_oficio: Fecha | None = None  # por omisión, el último día de la Etapa IV
    coordinador_nombre: TextoOpcional = ""
    coordinador_cargo: Texto
    hora_cierre_etapa_I: Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1,
                                                                     max_length=40)]
    acuerdos_etapa_I: tuple[Texto, ...] = Field(min_length=1, max_length=30)
    acuerdos_etapa_III: tuple[Texto, ...] = Field(min_length=1, max_length=30)
    acuerdos_etapa_IV: tuple[Texto, ...] = Field(min_length=1, max_length=30)
    oficio: Oficio
    destinatario: Destinatario
    _comite: tuple[Persona, ...] = PrivateAttr(())

    @property
    def comite(self) -> tuple[Persona, ...]:
        """Los miembros de [[comite]] (firman el acta de la Etapa IV)."""
        return self._comite

    @property
    def coordinador(self) -> Persona:
        return Persona(nombre=self.coordinador_nombre, cargo=self.coordinador_cargo)

    @property
    def firmante_oficio(self) -> Persona:
        return self.oficio.firmante

    def sin_nombre(self) -> list[str]:
        """Quién firma sin nombre en la configuración (los documentos dejan la línea para firmar a
        mano), con la clave donde escribirlo."""
        faltan = [f"{p.cargo} ([[comite]] n.º {i})" for i, p in enumerate(self.comite, start=1) if not p.nombre]
        if not self.coordinador_nombre:
            faltan.append(f"{self.coordinador_cargo} (documentos.coordinador_nombre)")
        if not self.oficio.firmante_nombre:
            faltan.append(f"{self.oficio.firmante_cargo} (documentos.oficio.firmante_nombre)")
        return faltan

    @property
    def acuerdos(self) -> dict[str, tuple[str, ...]]:
        return {"I": self.acuerdos_etapa_I, "III": self.acuerdos_etapa_III, "IV": self.acuerdos_etapa_IV}


class SeccionesDocumentos(Modelo):
    comite: tuple[Persona, ...] = Field(min_length=1, max_length=50)
    documentos: AjustesDocumentos

    @model_validator(mode="after")
    def _unir(self) -> SeccionesDocumentos:
        self.documentos._comite = self.comite
        return self


# --- [perfilado]: Etapa IV, consulta a las gerencias y Plan de Acción (opcional) --------------------

TextoExtenso = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=6000)]
Verbo = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, to_lower=True, min_length=4,
                                                   max_length=40)]


class Perfilado(Modelo):
    """Sin la sección, el período de implementación es el año siguiente al del proceso, el plazo vence
    14 días después de la Etapa IV y los textos del Plan salen de los antecedentes del instructivo."""

    inicio_implementacion: Fecha | None = None
    fin_implementacion: Fecha | None = None
    plazo: Fecha | None = None
    minimo_hitos: Entero = Field(3, ge=1, le=10)
    verbos_vagos: tuple[Verbo, ...] = Field(("fortalecer", "promover", "impulsar", "sensibilizar"), max_length=50)
    introduccion: TextoExtenso | None = None
    antecedentes: TextoExtenso | None = None
    publicacion_respuesta: Texto | None = None

    @model_validator(mode="after")
    def _periodo(self) -> Perfilado:
        if self.inicio_implementacion and self.fin_implementacion \
                and self.fin_implementacion <= self.inicio_implementacion:
            raise regla((("fin_implementacion",), "debe ser posterior a «inicio_implementacion»"))
        return self


class SeccionPerfilado(Modelo):
    perfilado: Perfilado = Perfilado()


# --- [publicacion]: el sitio y los datos abiertos (opcional) ----------------------------------------


class AjustesPublicacion(Modelo):
    """Qué se publica y cuándo. Todo es opcional y lo que falta toma un valor seguro."""

    puntajes_desde: Fecha | None = None          # por omisión, el último día de la Etapa IV
    decision_comite_desde: Fecha | None = None   # por omisión, el último día de la Etapa IV
    datos_personales: Logico = False             # nombres, correos y teléfonos de personas
    licencia: Texto = "CC-BY-4.0"
    licencia_titulo: Texto = "Creative Commons Atribución 4.0 Internacional"
    licencia_url: Texto = "https://creativecommons.org/licenses/by/4.0/deed.es"
    titulo: Texto = "Selección de compromisos de Gobierno Abierto"
    fecha: Fecha | None = None                   # por omisión, hoy en Lima
    filas_por_pagina: Entero = Field(1000, ge=20, le=5000)


class SeccionPublicacion(Modelo):
    publicacion: AjustesPublicacion = AjustesPublicacion()
