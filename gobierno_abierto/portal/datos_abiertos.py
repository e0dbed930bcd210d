"""Datos abiertos: un CSV por tabla, `datapackage.json` (Frictionless Data Package), un .xlsx y LEEME.txt.

Cada tabla se declara una vez (`Tabla`: campos con tipo, título, descripción y restricciones; clave
primaria y foráneas); el CSV, el esquema, la hoja del libro y la guía del LEEME salen de allí.
CSV en UTF-8, coma como separador, una fila de cabecera, punto decimal, fechas ISO 8601, lógicos
«true»/«false» y la celda vacía cuando no hay dato. El libro .xlsx lo escribe `libro_abierto`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..nucleo import esquema as E
from ..nucleo import textos
from ..salida.publicacion import (
    escribir_bytes_atomico,
)
from .publicado import DECISIONES, SITUACIONES, Contenido

ARCHIVO_PAQUETE = "datapackage.json"
ARCHIVO_LIBRO = "gobierno_abierto.xlsx"
ARCHIVO_LEEME = "LEEME.txt"


@dataclass(frozen=True)
class CampoDato:
    nombre: str
    tipo: str                     # string, integer, number, boolean, date, datetime
    titulo: str
    descripcion: str = ""
    restricciones: dict[str, Any] = field(default_factory=dict)

    def esquema(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.nombre, "type": self.tipo, "title": self.titulo}
        if self.descripcion:
            d["description"] = self.descripcion
        if self.tipo == "boolean":
            d["trueValues"], d["falseValues"] = ["true"], ["false"]
        if self.restricciones:
            d["constraints"] = self.restricciones
        return d


@dataclass
class Tabla:
    nombre: str
    titulo: str
    descripcion: str
    campos: list[CampoDato]
    filas: list[list[Any]]
    clave: list[str]
    foraneas: list[tuple[list[str], str, list[str]]] = field(default_factory=list)  # (campos, tabla, campos)

    @property
    def archivo(self) -> str:
        return f"{self.nombre}.csv"

    def esquema(self) -> dict[str, Any]:
        d: dict[str, Any] = {"fields": [c.esquema() for c in self.campos], "missingValues": [""],
                             "primaryKey": self.clave}
        if self.foraneas:
            d["foreignKeys"] = [{"fields": campos, "reference": {"resource": tabla, "fields": ref}}
                                for campos, tabla, ref in self.foraneas]
        return d


def _obligatorio(**extra: Any) -> dict[str, Any]:
    return {"required": True, **extra}


# --- las tablas -----------------------------------------------------------------------------------


def _campo_ficha(c: E.Campo) -> CampoDato:
    if c.tipo is E.Tipo.SI_NO:
        return CampoDato(c.clave, "boolean", c.etiqueta, "true si la ficha marca «Sí».")
    if c.tipo is E.Tipo.ENTERO:
        return CampoDato(c.clave, "integer", c.etiqueta, c.ayuda, {"minimum": 0})
    if c.tipo in (E.Tipo.SOLES, E.Tipo.NUMERO):
        return CampoDato(c.clave, "number", c.etiqueta, c.ayuda + (" En soles." if c.tipo is E.Tipo.SOLES else ""),
                         {"minimum": 0})
    return CampoDato(c.clave, "string", c.etiqueta, c.ayuda)


def armar_tablas(contenido: Contenido) -> list[Tabla]:
    """Las tablas del paquete, en el orden en que se leen (las referenciadas primero)."""
    c = contenido
    etapas = Tabla(
        "etapas", "Etapas del proceso", "Las cuatro etapas del instructivo, con sus fechas y su estado.",
        [CampoDato("etapa", "string", "Etapa", "I, II, III o IV.", _obligatorio(unique=True,
                                                                               enum=["I", "II", "III", "IV"])),
         CampoDato("nombre", "string", "Nombre", "", _obligatorio()),
         CampoDato("inicio", "date", "Inicio", "", _obligatorio()),
         CampoDato("fin", "date", "Fin", "El plazo vence al final del día, hora de Lima.", _obligatorio()),
         CampoDato("lugar", "string", "Lugar"),
         CampoDato("que_pasa", "string", "Qué pasa en la etapa"),
         CampoDato("estado", "string", "Estado en la fecha de publicación", "",
                   {"enum": ["Concluida", "En curso", "Próxima"]})],
        [[e.etapa, e.nombre, e.inicio, e.fin, e.lugar, e.que_pasa, e.estado] for e in c.etapas], ["etapa"])
    gerencias = Tabla(
        "gerencias", "Gerencias regionales", "Las gerencias que presentan fichas y las organizaciones de la "
        "sociedad civil que convocaron en la Etapa II.",
        [CampoDato("codigo", "string", "Código", "", _obligatorio(unique=True)),
         CampoDato("nombre", "string", "Gerencia", "", _obligatorio()),
         CampoDato("fichas_presentadas", "integer", "Fichas presentadas", "", _obligatorio(minimum=0)),
         CampoDato("fichas_validas", "integer", "Fichas válidas", "", _obligatorio(minimum=0)),
         CampoDato("organizaciones", "string", "Organizaciones de la sociedad civil",
                   "Separadas por punto y coma.")],
        [[g.codigo, g.nombre, g.presentadas, g.validas, "; ".join(g.organizaciones)] for g in c.gerencias],
        ["codigo"])
    campos_ficha = [_campo_ficha(x) for x in c.campos_ficha]
    iniciativas = Tabla(
        "iniciativas", "Iniciativas (una fila por ficha)", "Cada ficha presentada en la Etapa II, con todos sus "
        "campos, su situación en el proceso y, cuando ya se publican, su puntaje y puesto en el taller.",
        [CampoDato("codigo", "string", "Código", "<código de gerencia>-<número de ficha>.",
                   _obligatorio(unique=True, pattern=r"[A-Za-z0-9_]+-[0-9]+")),
         CampoDato("codigo_gerencia", "string", "Código de gerencia", "", _obligatorio()),
         CampoDato("gerencia", "string", "Gerencia", "", _obligatorio()),
         CampoDato("numero", "integer", "N.º de ficha", "", _obligatorio(minimum=1)),
         *campos_ficha,
         CampoDato("estado_etapa_II", "string", "Estado al consolidar (Etapa II)", "",
                   _obligatorio(enum=["válida", "válida con advertencias", "con errores"])),
         CampoDato("fecha_recepcion", "datetime", "Fecha de recepción", "Hora de Lima."),
         CampoDato("priorizada", "boolean", "Priorizada en la Etapa III", "Vacío si aún no hay resultado."),
         CampoDato("puntaje", "number", "Puntaje final del taller (0–100)", "Vacío si aún no se publica.",
                   {"minimum": 0, "maximum": 100}),
         CampoDato("puesto", "integer", "Puesto en el taller", "Vacío si aún no se publica.", {"minimum": 1}),
         CampoDato("grupos", "integer", "Grupos que la calificaron", "", {"minimum": 0}),
         CampoDato("seleccionada", "boolean", "Seleccionada por el Comité (Etapa IV)",
                   "Vacío si no llegó a la Etapa IV o la decisión aún no se publica."),
         CampoDato("situacion", "string", "Situación", "; ".join(f"{k}: {v}" for k, v in SITUACIONES.items()),
                   _obligatorio(enum=list(SITUACIONES)))],
        [[i.codigo, i.codigo_gerencia, i.gerencia, i.numero, *[x.dato for x in i.campos], i.estado_etapa_II,
          i.fecha_recepcion, i.priorizada, i.puntaje, i.puesto, i.grupos, i.seleccionada, i.situacion]
         for i in c.iniciativas],
        ["codigo"], [(["codigo_gerencia"], "gerencias", ["codigo"])])
    decisiones = Tabla(
        "decisiones", "Decisiones (una fila por ficha y etapa)", "La respuesta razonada: qué se decidió sobre cada "
        "ficha en las Etapas II (consolidación), III (priorización) y IV (Comité), y por qué.",
        [CampoDato("codigo", "string", "Código de la ficha", "", _obligatorio()),
         CampoDato("etapa", "string", "Etapa", "", _obligatorio(enum=["II", "III", "IV"])),
         CampoDato("decision", "string", "Decisión", "; ".join(f"{k}: {v}" for k, v in DECISIONES.items()),
                   _obligatorio(enum=list(DECISIONES))),
         CampoDato("motivo", "string", "Motivo", "En castellano llano.", _obligatorio()),
         CampoDato("fecha", "date", "Fecha de la decisión", "Último día de la etapa; vacío si está pendiente o "
                   "reservada.")],
        [[d.codigo, d.etapa, d.decision, d.motivo, d.fecha] for i in c.iniciativas for d in i.decisiones],
        ["codigo", "etapa"], [(["codigo"], "iniciativas", ["codigo"]), (["etapa"], "etapas", ["etapa"])])
    minimo = min((x.minimo for x in c.criterios), default=0)
    maximo = max((x.maximo for x in c.criterios), default=100)
    criterios = Tabla(
        "criterios", "Criterios del taller (Etapa III)", "Los criterios con que los grupos calificaron las fichas.",
        [CampoDato("clave", "string", "Clave", "", _obligatorio(unique=True)),
         CampoDato("nombre", "string", "Criterio", "", _obligatorio()),
         CampoDato("descripcion", "string", "Descripción"),
         CampoDato("peso", "number", "Peso relativo", "", _obligatorio(minimum=0)),
         CampoDato("minimo", "integer", "Nota mínima", "", _obligatorio()),
         CampoDato("maximo", "integer", "Nota máxima", "", _obligatorio())],
        [[x.clave, x.nombre, x.descripcion, x.peso, x.minimo, x.maximo] for x in c.criterios], ["clave"])
    puntajes = Tabla(
        "puntajes", "Notas del taller (una fila por ficha, grupo y criterio)",
        "La nota que cada grupo del taller puso a cada ficha en cada criterio (solo las que contaron). Vacía "
        "mientras los puntajes estén reservados.",
        [CampoDato("codigo", "string", "Código de la ficha", "", _obligatorio()),
         CampoDato("grupo", "string", "Grupo", "", _obligatorio()),
         CampoDato("criterio", "string", "Criterio", "", _obligatorio()),
         CampoDato("nota", "number", "Nota", "", _obligatorio(minimum=minimo, maximum=maximo))],
        [[n.codigo, n.grupo, n.criterio, n.nota] for n in c.notas], ["codigo", "grupo", "criterio"],
        [(["codigo"], "iniciativas", ["codigo"]), (["criterio"], "criterios", ["clave"])])
    tablas = [etapas, gerencias, iniciativas, decisiones, criterios, puntajes]
    if c.compromisos:
        tablas.append(Tabla(
            "compromisos", "Compromisos seleccionados", "Los compromisos que eligió el Comité de Gobierno Abierto, "
            "con su motivo" + (" y lo que dice el Plan de Acción." if c.hay_plan else "."),
            [CampoDato("numero", "integer", "N.º", "", _obligatorio(unique=True, minimum=1)),
             CampoDato("codigo", "string", "Código de la ficha de origen", "", _obligatorio()),
             CampoDato("nombre", "string", "Compromiso", "", _obligatorio()),
             CampoDato("gerencia", "string", "Gerencia responsable"),
             CampoDato("valores", "string", "Valores de Gobierno Abierto"),
             CampoDato("motivo", "string", "Motivo del Comité"),
             CampoDato("fecha_inicio", "date", "Inicio"),
             CampoDato("fecha_fin", "date", "Fin"),
             CampoDato("objetivo", "string", "Objetivo"),
             CampoDato("problema", "string", "Problema público que atiende"),
             CampoDato("linea_base", "string", "Línea de base"),
             CampoDato("descripcion", "string", "Descripción"),
             CampoDato("resultados", "string", "Resultados esperados"),
             CampoDato("sociedad_civil", "string", "Organizaciones de la sociedad civil involucradas"),
             CampoDato("responsable_cargo", "string", "Cargo del responsable")],
            [[x.numero, x.codigo, x.nombre, x.gerencia, x.valores, x.motivo, x.fecha_inicio, x.fecha_fin, x.objetivo,
              x.problema, x.linea_base, x.descripcion, x.resultados, x.sociedad_civil, x.responsable]
             for x in c.compromisos],
            ["numero"], [(["codigo"], "iniciativas", ["codigo"])]))
    if c.hay_plan:
        con_responsable = c.ajustes.datos_personales
        tablas.append(Tabla(
            "hitos", "Hitos de los compromisos (Plan de Acción)", "Cada hito es un entregable verificable con fecha "
            "de inicio y de fin.",
            [CampoDato("compromiso", "integer", "N.º del compromiso", "", _obligatorio()),
             CampoDato("numero", "integer", "N.º del hito", "", _obligatorio(minimum=1)),
             CampoDato("entregable", "string", "Entregable", "", _obligatorio()),
             CampoDato("fecha_inicio", "date", "Inicio"),
             CampoDato("fecha_fin", "date", "Fin"),
             *([CampoDato("responsable", "string", "Responsable")] if con_responsable else [])],
            [[h.compromiso, h.numero, h.entregable, h.fecha_inicio, h.fecha_fin,
              *([h.responsable] if con_responsable else [])] for x in c.compromisos for h in x.hitos],
            ["compromiso", "numero"], [(["compromiso"], "compromisos", ["numero"])]))
    return tablas


# --- escritura ------------------------------------------------------------------------------------


def _texto_csv(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, datetime):
        return valor.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, float):
        texto = repr(valor)
        return format(valor, "f") if "e" in texto else texto
    return str(valor)


# Lo que una hoja de cálculo, al abrir un CSV, toma por el comienzo de una fórmula (OWASP, «CSV injection»).
INICIO_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def texto_para_csv(texto: str) -> str:
    """Un texto escrito por una persona, tal como se lee en una hoja de cálculo: si empieza como una
    fórmula («=HIPERVINCULO(…)», «+51…», «-»), un apóstrofo delante lo deja como texto (lo dice LEEME)."""
    return "'" + texto if texto.startswith(INICIO_DE_FORMULA) else texto


def csv_de(tabla: Tabla) -> bytes:
    salida = io.StringIO(newline="")
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow([c.nombre for c in tabla.campos])
    escritor.writerows([texto_para_csv(v) if type(v) is str else _texto_csv(v) for v in fila] for fila in tabla.filas)
    return salida.getvalue().encode("utf-8")


def paquete(contenido: Contenido, tablas: Sequence[Tabla], archivos: dict[str, bytes]) -> dict[str, Any]:
    a = contenido.ajustes
    return {
        "profile": "tabular-data-package",
        "name": "gobierno-abierto-seleccion-de-compromisos",
        "title": a.titulo,
        "description": (f"Proceso de selección de compromisos de Gobierno Abierto del {contenido.entidad} "
                        f"({contenido.programa}): las fichas presentadas y la respuesta razonada a cada una en "
                        "cada etapa."),
        "created": f"{a.fecha.isoformat()}T00:00:00-05:00",
        "licenses": [{"name": a.licencia, "title": a.licencia_titulo, "path": a.licencia_url}],
        "contributors": [{"title": contenido.entidad, "role": "publisher"}],
        "keywords": ["gobierno abierto", "OGP", "participación ciudadana", "respuesta razonada"],
        "resources": [{
            "name": t.nombre, "path": t.archivo, "title": t.titulo, "description": t.descripcion,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": len(archivos[t.archivo]), "hash": "sha256:" + hashlib.sha256(archivos[t.archivo]).hexdigest(),
            "schema": t.esquema()} for t in tablas],
    }


def leeme(contenido: Contenido, tablas: Sequence[Tabla]) -> str:
    a = contenido.ajustes
    lineas = [a.titulo, "=" * len(a.titulo), "",
              f"Entidad: {contenido.entidad}", f"Fecha de publicación: {a.fecha.isoformat()} "
              f"({textos.fecha_larga(a.fecha)})",
              f"Licencia: {a.licencia_titulo} ({a.licencia}), {a.licencia_url}",
              f"Al reutilizar estos datos, cite la fuente: «{contenido.entidad}».", "",
              "Qué es cada archivo", "-------------------",
              f"{ARCHIVO_PAQUETE}: descripción del conjunto de datos (Frictionless Data Package): tablas, columnas, "
              "tipos, restricciones y claves. Se puede comprobar con «frictionless validate datapackage.json».",
              f"{ARCHIVO_LIBRO}: las mismas tablas en un libro de Excel, una hoja por tabla, para leerlas sin "
              "programas especiales.", f"{ARCHIVO_LEEME}: este archivo.", ""]
    for t in tablas:
        lineas.append(f"{t.archivo}: {t.titulo}. {t.descripcion} ({len(t.filas)} filas; clave: "
                      f"{', '.join(t.clave)})")
        lineas += [f"    {c.nombre} ({c.tipo}): {c.titulo}" + (f". {c.descripcion}" if c.descripcion else "")
                   for c in t.campos]
        lineas.append("")
    lineas += ["Formato", "-------",
               "CSV en UTF-8, separados por comas, con una fila de cabecera. Punto decimal, sin separador de miles. "
               "Fechas AAAA-MM-DD y fechas con hora AAAA-MM-DDThh:mm:ss (hora de Lima). Valores lógicos «true» o "
               "«false». Una celda vacía significa que no hay dato (o que aún no se publica).",
               "Para abrir un CSV en Excel con las tildes bien, use Datos › Obtener datos › Desde texto/CSV y elija "
               f"«65001: Unicode (UTF-8)»; o abra {ARCHIVO_LIBRO}.",
               "Un texto que empieza con =, +, -, @ o un tabulador lleva delante un apóstrofo (') en los CSV, para que "
               "una hoja de cálculo lo muestre como texto y nunca lo ejecute como fórmula; si procesa los datos con un "
               f"programa, quítelo (en {ARCHIVO_LIBRO} los textos van sin él). Los números no lo llevan.",
               "", "Qué no se publica", "-----------------"]
    lineas += [f"- {r}" for r in contenido.reservas] or ["- Nada reservado."]
    return "\r\n".join(lineas) + "\r\n"


def escribir_datos(contenido: Contenido, tablas: Sequence[Tabla], carpeta: Path) -> list[Path]:
    """Escribe en `datos/` los CSV, `datapackage.json` y LEEME.txt (el libro, con
    `libro_abierto.libro_en_paralelo`)."""
    archivos = {t.archivo: csv_de(t) for t in tablas}
    escritos = [escribir_bytes_atomico(carpeta / nombre, datos) for nombre, datos in archivos.items()]
    descripcion = json.dumps(paquete(contenido, tablas, archivos), ensure_ascii=False, indent=2, sort_keys=False)
    escritos.append(escribir_bytes_atomico(carpeta / ARCHIVO_PAQUETE, (descripcion + "\n").encode("utf-8")))
    escritos.append(escribir_bytes_atomico(carpeta / ARCHIVO_LEEME, leeme(contenido, tablas).encode("utf-8")))
    return escritos
