"""Lo que se publica se lee solo de las salidas de las etapas que ya corrieron.

- Etapa II: `salidas/consolidado_fichas.xlsx` (fichas, reuniones y, de «Observaciones», los campos con
  error de cada ficha observada).
- Etapa III: `salidas/priorizacion.xlsx` (resultado de cada ficha y, de «Por grupo», la nota de cada
  grupo en cada criterio).
- Etapa IV: `salidas/seleccion_final.xlsx` (hoja «Respuesta por ficha»: decisión y motivo del Comité).
- Plan de Acción (opcional): `salidas/plan_de_accion.xlsx`, leído en una sola función
  (`leer_plan_de_accion`) para ajustarla al formato de ese libro.
- Documentos firmados (opcional): los PDF de `entradas/documentos_firmados/`.

Los nombres de las personas de las entradas se reúnen aquí solo para retirarlos de lo publicado.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import python_calamine

from ..entrada.tablas import tabla_de_hoja
from ..etapa1.lectura import leer_asistencia
from ..etapa2.consolidado import cargar_consolidado
from ..etapa2.escritura import HOJA_OBSERVACIONES
from ..etapa3.escritura import HOJA_POR_GRUPO, cabecera_notas
from ..etapa3.priorizacion import cargar_priorizacion
from ..etapa4.escritura import HOJA_RESPUESTAS, HOJA_SELECCIONADAS
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, ErrorConfiguracion
from ..nucleo.modelo import Consolidado, Priorizacion
from ..nucleo.modelos_secciones import Criterio
from ..nucleo.textos import normalizar
from ..salida.rutas import Rutas


@dataclass(frozen=True)
class Nota:
    codigo: str
    grupo: str
    criterio: str   # clave del criterio
    nota: float


@dataclass(frozen=True)
class DecisionComite:
    seleccionada: bool
    respuesta: str   # la respuesta de la Etapa IV, como la escribió `seleccionar`
    motivo: str


@dataclass(frozen=True)
class Compromiso:
    numero: int
    codigo: str          # código de la ficha de origen
    nombre: str
    gerencia: str = ""
    fecha_inicio: date | None = None
    fecha_fin: date | None = None
    objetivo: str = ""
    responsable_cargo: str = ""
    responsable_nombre: str = ""
    problema: str = ""
    linea_base: str = ""
    descripcion: str = ""
    resultados: str = ""
    sociedad_civil: str = ""
    consultados: tuple[str, ...] = ()   # nombres de los participantes de la consulta (no se publican)


@dataclass(frozen=True)
class Hito:
    compromiso: int      # número del compromiso
    numero: int
    entregable: str
    fecha_inicio: date | None = None
    fecha_fin: date | None = None
    responsable: str = ""


@dataclass(frozen=True)
class Plan:
    compromisos: tuple[Compromiso, ...]
    hitos: tuple[Hito, ...]


@dataclass(frozen=True)
class DocumentoFirmado:
    ruta: Path
    titulo: str
    bytes: int
    firma_digital: bool


@dataclass
class Fuentes:
    """Todo lo que la publicación necesita, tal como lo dejaron las etapas."""

    consolidado: Consolidado
    errores_por_ficha: dict[str, list[str]] = field(default_factory=dict)   # código → campos con error
    priorizacion: Priorizacion | None = None
    criterios: tuple[Criterio, ...] = ()
    notas: list[Nota] = field(default_factory=list)
    comite: dict[str, DecisionComite] | None = None
    plan: Plan | None = None
    documentos: list[DocumentoFirmado] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)   # nombres que no se publican
    leidos: list[str] = field(default_factory=list)     # para el resumen


def _celda(fila: list[Any], i: int | None) -> Any:
    if i is None or i >= len(fila):
        return None
    v = fila[i]
    return None if v == "" else v


def _columnas(cabecera: list[Any]) -> dict[str, int]:
    return {normalizar(str(c)): i for i, c in enumerate(cabecera) if str(c).strip()}


def leer_errores(ruta: Path) -> dict[str, list[str]]:
    """Código de ficha → etiquetas de los campos con error (hoja «Observaciones» del consolidado)."""
    errores: dict[str, list[str]] = defaultdict(list)
    for fila in tabla_de_hoja(ruta, HOJA_OBSERVACIONES, "ficha"):
        codigo = fila.get("ficha")
        if not codigo or fila.get("severidad") != "error":
            continue
        etiqueta = str(fila.get("campo") or "")
        if etiqueta and etiqueta not in errores[str(codigo)]:
            errores[str(codigo)].append(etiqueta)
    return dict(errores)


def leer_notas(ruta: Path, criterios: tuple[Criterio, ...]) -> list[Nota]:
    """Las notas que contaron, una por grupo, ficha y criterio (hoja «Por grupo» de la priorización)."""
    por_criterio = {c.clave: normalizar(cabecera_notas(c)) for c in criterios}
    notas = []
    for fila in tabla_de_hoja(ruta, HOJA_POR_GRUPO, "codigo"):
        g, c = fila.get("grupo"), fila.get("codigo")
        if not g or not c:
            continue
        for clave, columna in por_criterio.items():
            v = fila.get(columna)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                notas.append(Nota(str(c), str(g), clave, float(v)))
    return notas


def leer_decision_comite(ruta: Path) -> dict[str, DecisionComite]:
    """Código → decisión del Comité, de `seleccion_final.xlsx` («Respuesta por ficha» y «Seleccionadas»)."""
    motivos = {str(f["codigo"]): str(f.get("motivo del comite") or "")
               for f in tabla_de_hoja(ruta, HOJA_SELECCIONADAS) if f.get("codigo")}
    decisiones = {}
    for f in tabla_de_hoja(ruta, HOJA_RESPUESTAS):
        codigo = f.get("codigo")
        if codigo:
            decisiones[str(codigo)] = DecisionComite(normalizar(str(f.get("seleccionada") or "")) == "si",
                                                     str(f.get("etapa iv (comite)") or ""), motivos.get(str(codigo), ""))
    return decisiones


# --- Plan de Acción (opcional) --------------------------------------------------------------------
# El libro lo escribe «perfilar». Esta es la única función que conoce su forma: hojas cuyo nombre
# contiene «compromiso» y «hito», con una fila de cabecera; las columnas se reconocen por su nombre,
# sin tildes ni mayúsculas.

# Cabeceras de `perfilado/escritura.py` primero; las demás, por si el libro se arma a mano.
_SINONIMOS_COMPROMISO = {
    "numero": ("n.o", "n", "no", "numero", "nro", "numero del compromiso"),
    "codigo": ("codigo", "codigo de ficha", "ficha", "codigo de la ficha"),
    "nombre": ("nombre del compromiso", "nombre", "compromiso"),
    "gerencia": ("institucion responsable", "gerencia", "entidad responsable", "gerencia responsable"),
    "fecha_inicio": ("fecha de inicio", "inicio", "fecha_inicio"),
    "fecha_fin": ("fecha de termino", "fecha de fin", "fin", "termino", "fecha_fin"),
    "objetivo": ("objetivo principal", "objetivo", "objetivo del compromiso"),
    "problema": ("problema publico que atiende", "problema"),
    "linea_base": ("linea de base", "linea base"),
    "descripcion": ("breve descripcion del compromiso", "descripcion"),
    "resultados": ("resultados esperados", "resultados"),
    "sociedad_civil": ("sociedad civil", "actores de la sociedad civil"),
    "responsable_cargo": ("cargo", "cargo del responsable", "responsable_cargo"),
    "responsable_nombre": ("persona responsable", "responsable", "nombre del responsable", "responsable_nombre"),
    "consulta_participantes": ("participantes de la consulta",),   # solo para no publicar sus nombres
}
_SINONIMOS_HITO = {
    "compromiso": ("n.o de compromiso", "numero del compromiso", "n.o compromiso", "codigo", "codigo de ficha"),
    "numero": ("n.o de hito", "numero del hito", "hito n.o", "n.o", "n", "numero"),
    "entregable": ("entregable verificable", "entregable", "hito", "descripcion del hito"),
    "fecha_inicio": ("fecha de inicio", "inicio", "fecha_inicio"),
    "fecha_fin": ("fecha de termino", "fecha de fin", "fin", "termino", "fecha_fin"),
    "responsable": ("responsable",),
}


def _fecha(v: Any) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    texto = str(v or "").strip()
    for formato in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(texto[:10], formato).date()
        except ValueError:
            continue
    return None


def _entero(v: Any) -> int | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
        return int(v)
    texto = str(v or "").strip()
    return int(texto) if texto.isdigit() else None


def _tabla(libro: Any, palabra: str, sinonimos: dict[str, tuple[str, ...]]) -> Iterator[dict[str, Any]]:
    for nombre in libro.sheet_names:
        if palabra not in normalizar(nombre):
            continue
        filas = libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)[:20000]
        for f0, fila in enumerate(filas[:15]):
            col = _columnas(fila)
            mapa = {clave: next((col[s] for s in opciones if s in col), None) for clave, opciones in sinonimos.items()}
            if sum(i is not None for i in mapa.values()) >= 3:
                for resto in filas[f0 + 1:]:
                    registro = {clave: _celda(resto, i) for clave, i in mapa.items()}
                    if any(v is not None for v in registro.values()):
                        yield registro
                return


def leer_plan_de_accion(ruta: Path, codigos_seleccionados: list[str]) -> Plan | None:
    """Compromisos e hitos del Plan de Acción, o None si el libro no existe o no se reconoce."""
    if not ruta.is_file():
        return None
    try:
        libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    except (python_calamine.CalamineError, OSError):
        return None
    compromisos = []
    for i, r in enumerate(_tabla(libro, "compromiso", _SINONIMOS_COMPROMISO), start=1):
        nombre = str(r["nombre"] or "").strip()
        if not nombre:
            continue
        numero = _entero(r["numero"]) or i
        codigo = str(r["codigo"] or "").strip()
        if not codigo and numero <= len(codigos_seleccionados):
            codigo = codigos_seleccionados[numero - 1]
        def texto(clave: str, r: dict[str, Any] = r) -> str:
            return str(r[clave] or "").strip()

        compromisos.append(Compromiso(
            numero, codigo, nombre, texto("gerencia"), _fecha(r["fecha_inicio"]), _fecha(r["fecha_fin"]),
            texto("objetivo"), texto("responsable_cargo"), texto("responsable_nombre"), texto("problema"),
            texto("linea_base"), texto("descripcion"), texto("resultados"), texto("sociedad_civil"),
            tuple(re.split(r"[,;—–(]| - ", linea)[0].strip() for linea in texto("consulta_participantes").splitlines())))
    if not compromisos:
        return None
    por_codigo = {c.codigo: c.numero for c in compromisos if c.codigo}
    numeros = {c.numero for c in compromisos}
    hitos = []
    contador: dict[int, int] = defaultdict(int)
    for r in _tabla(libro, "hito", _SINONIMOS_HITO):
        entregable = str(r["entregable"] or "").strip()
        referencia = r["compromiso"]
        numero_c = _entero(referencia) or por_codigo.get(str(referencia or "").strip())
        if not entregable or numero_c not in numeros:
            continue
        contador[numero_c] += 1
        hitos.append(Hito(numero_c, _entero(r["numero"]) or contador[numero_c], entregable,
                          _fecha(r["fecha_inicio"]), _fecha(r["fecha_fin"]), str(r["responsable"] or "").strip()))
    unicos = {(h.compromiso, h.numero): h for h in hitos}
    return Plan(tuple(sorted(compromisos, key=lambda c: c.numero)), tuple(sorted(unicos.values(),
                key=lambda h: (h.compromiso, h.numero))))


# --- documentos firmados ------------------------------------------------------------------------

_TITULOS = {"acta_etapa_i": "Acta de la Etapa I — Taller de inducción",
            "acta_etapa_ii": "Acta de la Etapa II",
            "acta_etapa_iii": "Acta de la Etapa III — Taller de priorización",
            "acta_etapa_iv": "Acta de la Etapa IV — Comité de Gobierno Abierto",
            "oficio_ogp": "Oficio a la Alianza para el Gobierno Abierto",
            "plan_de_accion": "Plan de Acción"}


def titulo_documento(nombre: str) -> str:
    base = normalizar(Path(nombre).stem).replace(" ", "_")
    for prefijo, titulo in sorted(_TITULOS.items(), key=lambda t: -len(t[0])):
        if base == prefijo:
            return titulo
        if base.startswith(prefijo + "_"):
            return f"{titulo} ({Path(nombre).stem[len(prefijo) + 1:].replace('_', ' ')})"
    return Path(nombre).stem.replace("_", " ")


def leer_documentos(carpeta: Path) -> list[DocumentoFirmado]:
    """Los PDF que la coordinación dejó para publicar (un archivo que no es PDF se ignora)."""
    if not carpeta.is_dir():
        return []
    documentos = []
    for ruta in sorted(carpeta.iterdir()):
        if not ruta.is_file() or ruta.suffix.lower() != ".pdf" or ruta.name.startswith("."):
            continue
        with open(ruta, "rb") as f:
            inicio = f.read(5)
        if inicio != b"%PDF-":
            continue
        datos = ruta.read_bytes()
        documentos.append(DocumentoFirmado(ruta, titulo_documento(ruta.name), len(datos),
                                           b"/ByteRange" in datos and b"/Sig" in datos))
    return documentos


# --- todo junto ---------------------------------------------------------------------------------


def personas_de_las_entradas(config: Configuracion, rutas: Rutas, consolidado: Consolidado,
                             plan: Plan | None) -> list[str]:
    """Nombres de personas en las entradas y en la configuración: no se publican."""
    nombres: list[str] = []
    for reunion in consolidado.reuniones.values():
        nombres += [str(reunion[c] or "") for c in (E.GERENTE_NOMBRE, E.ESPECIALISTA_NOMBRE)]
        nombres += [p.nombre for p in reunion.participantes]
    nombres += [p["nombre"] for p in leer_asistencia(config, rutas).personas]
    try:
        d = config.documentos
        nombres += [p.nombre for p in (*d.comite, d.coordinador, d.firmante_oficio)]
    except ErrorConfiguracion:
        pass   # sin [[comite]] ni [documentos] válidos no hay nombres que buscar allí
    nombres += [x for g in config.priorizacion.grupos for x in g.integrantes]
    if plan is not None:
        nombres += [c.responsable_nombre for c in plan.compromisos]
        nombres += [h.responsable for h in plan.hitos]
        nombres += [n for c in plan.compromisos for n in c.consultados]
    return sorted({n.strip() for n in nombres if n and n.strip()})


def leer_fuentes(config: Configuracion, rutas: Rutas) -> Fuentes:
    """Lee las salidas de las etapas que ya corrieron; sin consolidado no hay nada que publicar."""
    consolidado = cargar_consolidado(config, rutas.consolidado)
    fuentes = Fuentes(consolidado, leer_errores(rutas.consolidado))
    fuentes.leidos.append(f"{len(consolidado.fichas)} fichas de {rutas.consolidado.name}")
    fuentes.criterios = config.priorizacion.criterios
    if rutas.priorizacion.is_file():
        fuentes.priorizacion = cargar_priorizacion(config, rutas.priorizacion)
        fuentes.notas = leer_notas(rutas.priorizacion, fuentes.criterios)
        fuentes.leidos.append(f"{len(fuentes.priorizacion.resultados)} resultados de {rutas.priorizacion.name}")
    if fuentes.priorizacion is not None and rutas.seleccion_final.is_file():
        fuentes.comite = leer_decision_comite(rutas.seleccion_final)
        fuentes.leidos.append(f"la decisión del Comité de {rutas.seleccion_final.name}")
        seleccionadas = [r.codigo for r in fuentes.priorizacion.priorizadas()
                         if fuentes.comite.get(r.codigo, DecisionComite(False, "", "")).seleccionada]
        fuentes.plan = leer_plan_de_accion(rutas.plan_de_accion, seleccionadas)
        if fuentes.plan is not None:
            fuentes.leidos.append(f"{len(fuentes.plan.compromisos)} compromisos y {len(fuentes.plan.hitos)} hitos "
                                  f"de {rutas.plan_de_accion.name}")
    fuentes.documentos = leer_documentos(rutas.entradas_firmados)
    if fuentes.documentos:
        fuentes.leidos.append(f"{len(fuentes.documentos)} documento(s) firmado(s) en PDF")
    fuentes.personas = personas_de_las_entradas(config, rutas, consolidado, fuentes.plan)
    return fuentes
