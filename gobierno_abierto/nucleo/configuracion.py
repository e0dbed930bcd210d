"""Configuración del ciclo: un solo archivo TOML, leído con la biblioteca estándar.

Todo lo que la coordinación cambia entre un ciclo y otro (gerencias, calendario, cuotas,
listas, valores OGP) se lee y se comprueba aquí; un error nombra la clave y termina con
código 2 en la línea de comandos.
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

RAIZ_PROYECTO = Path(__file__).resolve().parents[2]
RUTA_PREDETERMINADA = RAIZ_PROYECTO / "configuracion.toml"

# Hora de Lima (UTC−5, sin horario de verano).
ZONA_LIMA = timezone(timedelta(hours=-5), "America/Lima")

ETAPAS = ("I", "II", "III", "IV")


class ErrorConfiguracion(Exception):
    """Configuración ausente, ilegible o incoherente (código de salida 2)."""


@dataclass(frozen=True)
class Gerencia:
    codigo: str
    nombre: str
    correo: str


@dataclass(frozen=True)
class Etapa:
    etapa: str
    nombre: str
    inicio: date
    fin: date
    lugar: str

    @property
    def plazo(self) -> datetime:
        """Último instante del plazo: fin del día de cierre, hora de Lima."""
        return datetime.combine(self.fin, time(23, 59, 59), tzinfo=ZONA_LIMA)


@dataclass(frozen=True)
class ValorOGP:
    clave: str
    nombre: str
    acompania: bool  # solo cuenta junto a otro valor (tecnología e innovación)


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
    crudo: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def gerencia(self, codigo: str) -> Gerencia | None:
        codigo = codigo.strip().upper()
        return next((g for g in self.gerencias if g.codigo.upper() == codigo), None)

    def gerencia_por_correo(self, correo: str) -> Gerencia | None:
        correo = correo.strip().lower()
        return next((g for g in self.gerencias if g.correo.lower() == correo), None)

    def etapa(self, etapa: str) -> Etapa:
        return self.calendario[etapa]


# --- lectura -----------------------------------------------------------------


def exigir(d: dict[str, Any], clave: str, tipo: type | tuple[type, ...], donde: str) -> Any:
    if clave not in d:
        raise ErrorConfiguracion(f"Falta la clave «{donde}{clave}» en la configuración.")
    valor = d[clave]
    if tipo is int and isinstance(valor, bool):
        raise ErrorConfiguracion(f"La clave «{donde}{clave}» debe ser un número entero.")
    if not isinstance(valor, tipo):
        nombres = {str: "un texto", int: "un número entero", float: "un número", bool: "verdadero o falso",
                   list: "una lista", date: "una fecha AAAA-MM-DD", dict: "una sección"}
        esperado = nombres.get(tipo if isinstance(tipo, type) else tipo[0], "otro tipo")
        raise ErrorConfiguracion(
            f"La clave «{donde}{clave}» debe ser {esperado}; se encontró {valor!r}."
        )
    if isinstance(valor, str) and not valor.strip():
        raise ErrorConfiguracion(f"La clave «{donde}{clave}» está vacía.")
    return valor


def positivo(valor: float, nombre: str) -> None:
    if valor <= 0:
        raise ErrorConfiguracion(f"La clave «{nombre}» debe ser mayor que cero; se encontró {valor}.")


def cargar_configuracion(ruta: Path | str | None = None) -> Configuracion:
    """Lee y comprueba la configuración; sin ruta, usa `configuracion.toml` del proyecto."""
    ruta = Path(ruta) if ruta is not None else RUTA_PREDETERMINADA
    try:
        texto = ruta.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ErrorConfiguracion(f"No se encontró el archivo de configuración «{ruta}».") from None
    except UnicodeDecodeError:
        raise ErrorConfiguracion(
            f"El archivo de configuración «{ruta}» no está en UTF-8: guárdelo con esa codificación."
        ) from None
    except OSError as e:
        raise ErrorConfiguracion(f"No se pudo leer «{ruta}»: {e.strerror}.") from None
    try:
        datos = tomllib.loads(texto)
    except tomllib.TOMLDecodeError as e:
        raise ErrorConfiguracion(f"El archivo «{ruta.name}» tiene un error de formato TOML: {e}.") from None
    return configuracion_desde_dict(datos, ruta)


def configuracion_desde_dict(datos: dict[str, Any], ruta: Path | None = None) -> Configuracion:
    ruta = ruta or RUTA_PREDETERMINADA
    proceso = exigir(datos, "proceso", dict, "")
    cuotas = exigir(datos, "cuotas", dict, "")
    limites = exigir(datos, "limites", dict, "")
    listas_toml = exigir(datos, "listas", dict, "")

    fichas_por_gerencia = exigir(cuotas, "fichas_por_gerencia", int, "cuotas.")
    priorizadas = exigir(cuotas, "priorizadas", int, "cuotas.")
    seleccionadas = exigir(cuotas, "seleccionadas", int, "cuotas.")
    for nombre, valor in (("cuotas.fichas_por_gerencia", fichas_por_gerencia),
                          ("cuotas.priorizadas", priorizadas),
                          ("cuotas.seleccionadas", seleccionadas)):
        positivo(valor, nombre)
    if fichas_por_gerencia > 20:
        raise ErrorConfiguracion("La clave «cuotas.fichas_por_gerencia» admite como máximo 20 fichas.")
    if seleccionadas > priorizadas:
        raise ErrorConfiguracion(
            "«cuotas.seleccionadas» no puede ser mayor que «cuotas.priorizadas» "
            f"({seleccionadas} > {priorizadas})."
        )

    # Gerencias
    gerencias_toml = exigir(datos, "gerencias", list, "")
    if not gerencias_toml:
        raise ErrorConfiguracion("La lista «gerencias» está vacía: declare al menos una gerencia.")
    gerencias: list[Gerencia] = []
    vistos: set[str] = set()
    for i, g in enumerate(gerencias_toml, start=1):
        donde = f"gerencias[{i}]."
        if not isinstance(g, dict):
            raise ErrorConfiguracion(f"«gerencias[{i}]» debe ser una sección [[gerencias]].")
        codigo = exigir(g, "codigo", str, donde).strip().upper()
        if not codigo.replace("_", "").isalnum() or not codigo.isascii():
            raise ErrorConfiguracion(
                f"«{donde}codigo» = {codigo!r}: use solo letras sin tilde, números o guion bajo."
            )
        if codigo in vistos:
            raise ErrorConfiguracion(f"El código de gerencia «{codigo}» está repetido en «gerencias».")
        vistos.add(codigo)
        correo = exigir(g, "correo", str, donde).strip()
        if "@" not in correo:
            raise ErrorConfiguracion(f"«{donde}correo» = {correo!r} no parece un correo electrónico.")
        gerencias.append(Gerencia(codigo, exigir(g, "nombre", str, donde).strip(), correo))
    total = len(gerencias) * fichas_por_gerencia
    if priorizadas > total:
        raise ErrorConfiguracion(
            f"«cuotas.priorizadas» ({priorizadas}) supera el total de fichas esperadas ({total})."
        )

    # Calendario
    calendario_toml = exigir(datos, "calendario", list, "")
    calendario: dict[str, Etapa] = {}
    for i, e in enumerate(calendario_toml, start=1):
        donde = f"calendario[{i}]."
        etapa = exigir(e, "etapa", str, donde).strip().upper()
        if etapa not in ETAPAS:
            raise ErrorConfiguracion(f"«{donde}etapa» = {etapa!r}: use I, II, III o IV.")
        if etapa in calendario:
            raise ErrorConfiguracion(f"La etapa {etapa} aparece dos veces en «calendario».")
        inicio = exigir(e, "inicio", date, donde)
        fin = exigir(e, "fin", date, donde)
        if isinstance(inicio, datetime) or isinstance(fin, datetime):
            raise ErrorConfiguracion(f"«{donde}inicio» y «{donde}fin» deben ser fechas sin hora.")
        if fin < inicio:
            raise ErrorConfiguracion(f"En la etapa {etapa}, «fin» ({fin}) es anterior a «inicio» ({inicio}).")
        calendario[etapa] = Etapa(etapa, exigir(e, "nombre", str, donde), inicio, fin,
                                  str(e.get("lugar", "")).strip())
    faltan = [e for e in ETAPAS if e not in calendario]
    if faltan:
        raise ErrorConfiguracion(f"Faltan en «calendario» las etapas: {', '.join(faltan)}.")
    for a, b in itertools.pairwise(ETAPAS):
        if calendario[b].inicio < calendario[a].inicio:
            raise ErrorConfiguracion(
                f"El calendario está desordenado: la etapa {b} empieza antes que la etapa {a}."
            )

    # Listas
    listas: dict[str, tuple[str, ...]] = {}
    for clave in ("ambito", "objetivo_pdc", "objetivo_pei"):
        valores = exigir(listas_toml, clave, list, "listas.")
        if not valores or not all(isinstance(v, str) and v.strip() for v in valores):
            raise ErrorConfiguracion(f"«listas.{clave}» debe ser una lista de textos no vacíos.")
        limpios = tuple(v.strip() for v in valores)
        if len(set(limpios)) != len(limpios):
            raise ErrorConfiguracion(f"«listas.{clave}» tiene valores repetidos.")
        if any(len(v) > 255 for v in limpios):
            raise ErrorConfiguracion(f"«listas.{clave}»: cada opción admite como máximo 255 caracteres.")
        listas[clave] = limpios

    # Valores OGP
    valores_toml = exigir(datos, "valores_ogp", list, "")
    valores: list[ValorOGP] = []
    for i, v in enumerate(valores_toml, start=1):
        donde = f"valores_ogp[{i}]."
        clave = exigir(v, "clave", str, donde).strip()
        if not clave.isidentifier() or not clave.isascii():
            raise ErrorConfiguracion(f"«{donde}clave» = {clave!r}: use minúsculas sin tildes y guion bajo.")
        valores.append(ValorOGP(clave, exigir(v, "nombre", str, donde).strip(),
                                bool(v.get("acompania", False))))
    if len({v.clave for v in valores}) != len(valores):
        raise ErrorConfiguracion("«valores_ogp» tiene claves repetidas.")
    if not any(not v.acompania for v in valores):
        raise ErrorConfiguracion("«valores_ogp» necesita al menos un valor con acompania = false.")

    tamanio = exigir(limites, "tamanio_maximo_mb", (int, float), "limites.")
    positivo(tamanio, "limites.tamanio_maximo_mb")
    presupuesto_maximo = exigir(limites, "presupuesto_maximo", (int, float), "limites.")
    positivo(presupuesto_maximo, "limites.presupuesto_maximo")
    poblacion_maxima = exigir(limites, "poblacion_maxima", int, "limites.")
    positivo(poblacion_maxima, "limites.poblacion_maxima")
    meta_maxima = exigir(limites, "meta_fisica_maxima", (int, float), "limites.")
    positivo(meta_maxima, "limites.meta_fisica_maxima")
    anio_actual = exigir(proceso, "anio_actual", int, "proceso.")
    anio_siguiente = exigir(proceso, "anio_siguiente", int, "proceso.")
    if anio_siguiente != anio_actual + 1:
        raise ErrorConfiguracion("«proceso.anio_siguiente» debe ser «proceso.anio_actual» + 1.")

    return Configuracion(
        nombre_anio=exigir(proceso, "nombre_anio", str, "proceso.").strip(),
        entidad=exigir(proceso, "entidad", str, "proceso.").strip(),
        programa=exigir(proceso, "programa", str, "proceso.").strip(),
        ciudad=exigir(proceso, "ciudad", str, "proceso.").strip(),
        anio_actual=anio_actual,
        anio_siguiente=anio_siguiente,
        correo_coordinacion=exigir(proceso, "correo_coordinacion", str, "proceso.").strip(),
        coordinacion=exigir(proceso, "coordinacion", str, "proceso.").strip(),
        fichas_por_gerencia=fichas_por_gerencia,
        priorizadas=priorizadas,
        seleccionadas=seleccionadas,
        tamanio_maximo_bytes=int(tamanio * 1024 * 1024),
        presupuesto_maximo=float(presupuesto_maximo),
        poblacion_maxima=poblacion_maxima,
        meta_fisica_maxima=float(meta_maxima),
        calendario=calendario,
        gerencias=tuple(gerencias),
        listas=listas,
        valores_ogp=tuple(valores),
        ruta=ruta,
        crudo=datos,
    )
