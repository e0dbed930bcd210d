"""Configuración del ciclo: un solo archivo TOML, comprobado contra `modelos_configuracion`.

pydantic v2, y no msgspec ni attrs: da la ubicación de cada error y todos a la vez, y trae
`extra="forbid"`, tipos estrictos y `allow_inf_nan=False`, que aquí son reglas del archivo.

Todo lo que la coordinación cambia entre un ciclo y otro se lee aquí. Los errores salen en
castellano, todos a la vez, con la clave y la línea: «priorizacion.criterios[2].peso (línea 187):
debe ser un número mayor que 0». El núcleo se comprueba al cargar; [priorizacion] y
[[comite]]/[documentos], la primera vez que un comando los usa (un error allí no detiene a los demás).
"""

from __future__ import annotations

import copy
import functools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errores_configuracion import error_toml, lineas_toml, traducir
from .modelos_configuracion import (
    ETAPAS,
    ZONA_LIMA,
    Etapa,
    Gerencia,
    Listas,
    Modelo,
    Nucleo,
    ValorOGP,
)
from .modelos_secciones import (
    AjustesDocumentos,
    AjustesPriorizacion,
    AjustesPublicacion,
    Perfilado,
    SeccionesDocumentos,
    SeccionPerfilado,
    SeccionPriorizacion,
    SeccionPublicacion,
)

__all__ = [
    "ETAPAS",
    "RAIZ_PROYECTO",
    "RUTA_PREDETERMINADA",
    "ZONA_LIMA",
    "Configuracion",
    "ErrorConfiguracion",
    "Etapa",
    "Gerencia",
    "ValorOGP",
    "cargar_configuracion",
    "configuracion_desde_dict",
    "leer_toml",
    "lineas_toml",
    "validar_secciones",
]

RAIZ_PROYECTO = Path(__file__).resolve().parents[2]
RUTA_PREDETERMINADA = RAIZ_PROYECTO / "configuracion.toml"

# Sección del archivo → propiedad de Configuracion que la comprueba (None: núcleo, ya comprobado).
SECCIONES: dict[str, str | None] = {
    **dict.fromkeys(("proceso", "cuotas", "limites", "calendario", "gerencias", "listas", "valores_ogp",
                     "recepcion")),
    "priorizacion": "priorizacion", "comite": "documentos", "documentos": "documentos", "perfilado": "perfilado",
    "publicacion": "publicacion",
}


class ErrorConfiguracion(Exception):
    """Configuración ausente, ilegible o incoherente (código de salida 2); `errores`, uno por línea."""

    def __init__(self, mensaje: str, errores: Iterable[str] = ()) -> None:
        errores = list(errores)
        super().__init__(mensaje + "".join(f"\n  - {e}" for e in errores))
        self.errores = errores or [mensaje]


@dataclass(frozen=True)
class Configuracion:
    nombre_anio: str
    entidad: str
    programa: str
    ciudad: str
    anio_actual: int
    anio_siguiente: int
    correo_coordinacion: str
    coordinacion: str
    fichas_por_gerencia: int
    priorizadas: int
    seleccionadas: int
    tamanio_maximo_bytes: int
    presupuesto_maximo: float
    poblacion_maxima: int
    meta_fisica_maxima: float
    calendario: dict[str, Etapa]
    gerencias: tuple[Gerencia, ...]
    listas: dict[str, tuple[str, ...]]
    valores_ogp: tuple[ValorOGP, ...]
    ruta: Path
    servidor_correo: str = ""   # [recepcion]: su «Received:» es el mejor testigo de la fecha de un correo
    # Secciones que se comprueban al usarse, y la línea de cada clave (para los mensajes).
    _pendientes: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    _lineas: dict[str, int] = field(repr=False, compare=False, default_factory=dict)

    def gerencia(self, codigo: str) -> Gerencia | None:
        return self._por_codigo.get(codigo.strip().upper())

    def gerencia_por_correo(self, correo: str) -> Gerencia | None:
        return self._por_correo.get(correo.strip().lower())

    @functools.cached_property
    def _por_codigo(self) -> dict[str, Gerencia]:
        return {g.codigo.upper(): g for g in reversed(self.gerencias)}  # si se repite, vale la primera

    @functools.cached_property
    def _por_correo(self) -> dict[str, Gerencia]:
        return {g.correo.lower(): g for g in reversed(self.gerencias)}

    @functools.cached_property
    def derivados(self) -> dict[str, Any]:
        """Lo que otros módulos calculan una vez a partir de esta configuración (los campos de la
        ficha con sus listas y límites, por ejemplo): se guarda aquí para no rehacerlo por ficha."""
        return {}

    def etapa(self, etapa: str) -> Etapa:
        return self.calendario[etapa]

    @functools.cached_property
    def priorizacion(self) -> AjustesPriorizacion:
        """[priorizacion] (Etapa III); lanza ErrorConfiguracion con todos sus errores."""
        contexto = {"gerencias": {g.codigo for g in self.gerencias}, "cuota": self.priorizadas}
        return validar_modelo(SeccionPriorizacion, self._pendientes, self._lineas, self.ruta, contexto).priorizacion

    @functools.cached_property
    def perfilado(self) -> Perfilado:
        """[perfilado] (Etapa IV, opcional); lanza ErrorConfiguracion con todos sus errores."""
        return validar_modelo(SeccionPerfilado, self._pendientes, self._lineas, self.ruta).perfilado

    @functools.cached_property
    def publicacion(self) -> AjustesPublicacion:
        """[publicacion] (sitio y datos abiertos, opcional); lanza ErrorConfiguracion con todos sus errores."""
        return validar_modelo(SeccionPublicacion, self._pendientes, self._lineas, self.ruta).publicacion

    @functools.cached_property
    def documentos(self) -> AjustesDocumentos:
        """[[comite]] y [documentos] (Etapa IV); lanza ErrorConfiguracion con todos sus errores."""
        return validar_modelo(SeccionesDocumentos, self._pendientes, self._lineas, self.ruta).documentos


def validar_secciones(config: Configuracion, secciones: Iterable[str]) -> None:
    """Comprueba de una vez las secciones que un comando declara usar; reúne todos los errores."""
    secciones = tuple(secciones)
    desconocidas = [s for s in secciones if s not in SECCIONES]
    if desconocidas:
        raise ValueError(f"secciones desconocidas: {desconocidas}")
    errores: list[str] = []
    for propiedad in dict.fromkeys(SECCIONES[s] for s in secciones):
        try:
            if propiedad:
                getattr(config, propiedad)
        except ErrorConfiguracion as e:
            errores += e.errores
    if errores:
        raise ErrorConfiguracion(_titulo(len(errores), config.ruta), errores)


# --- lectura -----------------------------------------------------------------------------------------


def cargar_configuracion(ruta: Path | str | None = None) -> Configuracion:
    """Lee y comprueba el núcleo de la configuración; sin ruta, usa `configuracion.toml` del proyecto."""
    ruta = Path(ruta) if ruta is not None else RUTA_PREDETERMINADA
    datos, lineas = leer_toml(ruta)
    return configuracion_desde_dict(datos, ruta, lineas)


def configuracion_desde_dict(datos: dict[str, Any], ruta: Path | None = None,
                             lineas: dict[str, int] | None = None) -> Configuracion:
    ruta = ruta or RUTA_PREDETERMINADA
    n: Nucleo = validar_modelo(Nucleo, datos, lineas or {}, ruta)
    return Configuracion(
        nombre_anio=n.proceso.nombre_anio, entidad=n.proceso.entidad, programa=n.proceso.programa,
        ciudad=n.proceso.ciudad, anio_actual=n.proceso.anio_actual, anio_siguiente=n.proceso.anio_siguiente,
        correo_coordinacion=n.proceso.correo_coordinacion, coordinacion=n.proceso.coordinacion,
        fichas_por_gerencia=n.cuotas.fichas_por_gerencia, priorizadas=n.cuotas.priorizadas,
        seleccionadas=n.cuotas.seleccionadas,
        tamanio_maximo_bytes=int(n.limites.tamanio_maximo_mb * 1024 * 1024),
        presupuesto_maximo=n.limites.presupuesto_maximo, poblacion_maxima=n.limites.poblacion_maxima,
        meta_fisica_maxima=n.limites.meta_fisica_maxima,
        calendario={e.etapa: e for e in n.calendario}, gerencias=n.gerencias,
        listas={clave: getattr(n.listas, clave) for clave in Listas.model_fields},
        valores_ogp=n.valores_ogp, ruta=ruta, servidor_correo=n.recepcion.servidor_correo,
        _pendientes=copy.deepcopy({k: datos[k] for k in SECCIONES if SECCIONES[k] and k in datos}),
        _lineas=dict(lineas or {}),
    )


def leer_toml(ruta: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """El archivo como diccionario, y la línea de cada clave; acepta UTF-8 con o sin BOM."""
    try:
        crudo = ruta.read_bytes()
    except FileNotFoundError:
        raise ErrorConfiguracion(f"No se encontró el archivo de configuración «{ruta}».") from None
    except OSError as e:
        raise ErrorConfiguracion(f"No se pudo leer «{ruta}»: {e.strerror}.") from None
    guardar = "guárdelo como UTF-8 (en el Bloc de notas: Guardar como → Codificación: UTF-8)"
    if crudo.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ErrorConfiguracion(f"El archivo de configuración «{ruta.name}» está en UTF-16: {guardar}.")
    try:
        texto = crudo.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        linea = crudo.count(b"\n", 0, e.start) + 1
        raise ErrorConfiguracion(f"El archivo de configuración «{ruta.name}» no está en UTF-8 (véase la "
                                 f"línea {linea}, quizá una tilde o una ñ): {guardar}.") from None
    try:
        datos = tomllib.loads(texto)
    except tomllib.TOMLDecodeError as e:
        raise ErrorConfiguracion(error_toml(ruta.name, str(e))) from None
    return datos, lineas_toml(texto)


def validar_modelo(modelo: type[Modelo], datos: dict[str, Any], lineas: dict[str, int], ruta: Path,
                   contexto: dict[str, Any] | None = None) -> Any:
    """Valida las secciones del modelo (el núcleo ve todo el archivo: así nota secciones desconocidas)."""
    entrada = datos if modelo is Nucleo else {k: datos[k] for k in modelo.model_fields if k in datos}
    try:
        return modelo.model_validate(entrada, context=contexto)
    except ValidationError as e:
        errores = traducir(e, lineas)
        raise ErrorConfiguracion(_titulo(len(errores), ruta), errores) from None


def _titulo(cuantos: int, ruta: Path) -> str:
    return f"{cuantos} error{'es' if cuantos > 1 else ''} en «{ruta.name}»:"
