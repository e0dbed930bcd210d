"""Documentos Word desde las plantillas editables de plantillas_word/ (docxtpl) y copias en PDF.

Cada plantilla se prepara una sola vez (docxtpl corrige las etiquetas partidas en el XML y Jinja
la compila con `autoescape=True`); luego cada documento es un render de texto y un ZIP escrito
con fechas fijas, así la misma entrada da los mismos bytes. Muchas fichas se reparten entre los
núcleos del equipo.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment

from ..nucleo import textos
from ..nucleo.configuracion import RAIZ_PROYECTO, Configuracion
from ..nucleo.esquema import Campo, Tipo, campos_ficha
from ..nucleo.modelo import Ficha
from .libreoffice import ErrorLibreOffice, convertir, disponible
from .publicacion import FECHA_FIJA, escribir_atomico, ruta_de_escritura

CARPETA_PLANTILLAS = RAIZ_PROYECTO / "plantillas_word"
_PARTES = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_DECLARACION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class PlantillaWord:
    """Una plantilla .docx preparada una vez y lista para muchos renders."""

    def __init__(self, ruta: Path) -> None:
        self.ruta = Path(ruta)
        self._tpl = DocxTemplate(str(self.ruta))
        self._entorno = Environment(autoescape=True)
        with zipfile.ZipFile(self.ruta) as z:
            self._miembros = [(i.filename, z.read(i.filename)) for i in z.infolist()]
        self._plantillas = {}
        for nombre, datos in self._miembros:
            if _PARTES.match(nombre):
                xml = datos.decode("utf-8")
                xml = re.sub(r"^<\?xml[^>]*\?>\s*", "", xml)
                xml = self._tpl.patch_xml(xml)
                xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
                self._plantillas[nombre] = self._entorno.from_string(xml)

    def render_bytes(self, contexto: dict[str, Any]) -> bytes:
        salida = io.BytesIO()
        fecha = FECHA_FIJA.timetuple()[:6]
        with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as z:
            for nombre, datos in self._miembros:
                plantilla = self._plantillas.get(nombre)
                if plantilla is not None:
                    # Nada que XML 1.0 prohíba llega al documento, venga de donde venga el texto
                    # (un carácter de control deja el .docx sin abrir en ninguna parte).
                    xml = textos.limpiar_texto(plantilla.render(contexto))
                    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
                    xml = (xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
                           .replace("%_}", "%}"))
                    datos = (_DECLARACION + self._tpl.resolve_listing(xml)).encode("utf-8")
                info = zipfile.ZipInfo(nombre, date_time=fecha)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, datos)
        return salida.getvalue()

    def escribir(self, contexto: dict[str, Any], destino: Path) -> Path:
        datos = self.render_bytes(contexto)
        return escribir_atomico(destino, lambda tmp: tmp.write_bytes(datos))


@lru_cache(maxsize=16)
def plantilla(nombre: str, carpeta: str = str(CARPETA_PLANTILLAS)) -> PlantillaWord:
    ruta = Path(carpeta) / nombre
    if not ruta.exists():
        from .resumen import ErrorUso

        raise ErrorUso(f"Falta la plantilla Word «{ruta}». Restáurela desde el repositorio o ejecute "
                       "«python herramientas/crear_plantillas_word.py».")
    return PlantillaWord(ruta)


# --- valores como los lee una persona ------------------------------------------------------------


def mostrar(valor: Any, campo: Campo | None = None) -> str:
    """Un valor para un documento: soles con «S/», fechas en castellano, textos tal como se escribieron."""
    if valor is None or valor == "":
        return "—"
    tipo = campo.tipo if campo else None
    if tipo is Tipo.SOLES and isinstance(valor, (int, float)):
        return textos.soles(float(valor))
    if tipo is Tipo.ENTERO and isinstance(valor, (int, float)):
        return textos.numero(valor)
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, float):
        return textos.numero(valor, 0 if valor.is_integer() else 2)
    if isinstance(valor, int):
        return textos.numero(valor)
    if isinstance(valor, datetime):
        return textos.fecha_larga(valor.date(), con_dia=False)
    if isinstance(valor, date):
        return textos.fecha_larga(valor, con_dia=False)
    return str(valor)


_AVISO: list[str] = []  # mientras un comando corre con --forzar: lo que cada documento dice al pie


@contextlib.contextmanager
def aviso_en_documentos(texto: str) -> Iterator[None]:
    """Mientras dura, el pie de cada documento Word lleva `texto` (p. ej., que se usó --forzar)."""
    _AVISO.append(texto)
    try:
        yield
    finally:
        _AVISO.pop()


def contexto_base(config: Configuracion, pie: str) -> dict[str, Any]:
    if _AVISO:
        pie = f"{pie} — {_AVISO[-1]}"
    return {"nombre_anio": config.nombre_anio, "entidad": config.entidad, "programa": config.programa,
            "ciudad": config.ciudad, "coordinacion": config.coordinacion,
            "correo_coordinacion": config.correo_coordinacion, "pie": pie}


def filas_ficha(ficha: Ficha, config: Configuracion) -> list[dict[str, str]]:
    """Una fila (etiqueta, valor) por campo del esquema, en el orden de la ficha del instructivo."""
    filas = []
    for c in campos_ficha(config):
        valor = mostrar(ficha.valores.get(c.clave), c)
        if c.clave_unidad:
            unidad = ficha.valores.get(c.clave_unidad)
            if unidad and valor != "—":
                valor = f"{valor} {unidad}"
        filas.append({"etiqueta": c.etiqueta, "valor": valor})
    return filas


def contexto_ficha(ficha: Ficha, config: Configuracion, estado: str, resultados: Sequence[str] = (),
                   firmas: Sequence[dict[str, str]] = ()) -> dict[str, Any]:
    return {**contexto_base(config, f"Ficha {ficha.codigo}"), "codigo": ficha.codigo,
            "gerencia": ficha.gerencia, "estado": estado, "filas": filas_ficha(ficha, config),
            "resultados": list(resultados), "firmas": list(firmas)}


# --- muchas fichas a la vez -------------------------------------------------------------------------

_PLANTILLA_PROCESO: PlantillaWord | None = None


def _iniciar_proceso(ruta: str) -> None:
    global _PLANTILLA_PROCESO
    _PLANTILLA_PROCESO = PlantillaWord(Path(ruta))


def _escribir_uno(tarea: tuple[dict[str, Any], str]) -> str:
    contexto, destino = tarea
    assert _PLANTILLA_PROCESO is not None
    _PLANTILLA_PROCESO.escribir(contexto, Path(destino))
    return destino


def escribir_muchos(ruta_plantilla: Path, tareas: Sequence[tuple[dict[str, Any], Path]],
                    procesos: int | None = None) -> list[Path]:
    """Escribe muchos documentos de una plantilla; con más de 200 reparte entre los núcleos."""
    from .progreso import con_progreso

    procesos = procesos or os.cpu_count() or 1
    if procesos <= 1 or len(tareas) < 200:
        p = PlantillaWord(ruta_plantilla)
        return [p.escribir(c, d) for c, d in con_progreso(tareas, "Escribiendo documentos",
                                                          total=len(tareas), unidad="documento")]
    contexto_mp = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with contexto_mp.Pool(procesos, initializer=_iniciar_proceso, initargs=(str(ruta_plantilla),)) as pool:
        # Con «spawn» (Windows) los procesos no heredan la publicación activa: cada destino va ya
        # resuelto a su lugar de preparación.
        trabajos = [(c, str(ruta_de_escritura(d))) for c, d in tareas]
        list(con_progreso(pool.imap(_escribir_uno, trabajos, chunksize=50),
                          "Escribiendo documentos", total=len(trabajos), unidad="documento"))
    return [Path(d) for _, d in tareas]


# --- PDF -------------------------------------------------------------------------------------------


def a_pdf(documentos: Sequence[Path], destino: Path) -> tuple[list[Path], str]:
    """Convierte en una sola llamada a LibreOffice; sin LibreOffice devuelve ([], nota en castellano)."""
    if not documentos:
        return [], ""
    if not disponible():
        return [], ("No se escribieron las copias en PDF: LibreOffice no está instalado (falta «soffice»). "
                    "Instálelo o abra los .docx en Word y use «Guardar como PDF».")
    try:
        convertidos = convertir([ruta_de_escritura(d) for d in documentos], "pdf", ruta_de_escritura(destino))
        return [destino / p.name for p in convertidos], ""
    except ErrorLibreOffice as e:
        return [], f"No se pudieron escribir las copias en PDF: {e}"


def firmas(*personas: Any) -> list[dict[str, str]]:
    """Bloques de firma: cada persona es un registro con `nombre` y `cargo` o un par (nombre, cargo)."""
    salida = []
    for p in personas:
        nombre, cargo = (p.nombre, p.cargo) if hasattr(p, "nombre") else p
        salida.append({"nombre": nombre or "", "cargo": cargo or ""})
    return salida
