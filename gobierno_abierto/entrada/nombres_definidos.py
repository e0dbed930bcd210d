"""Los nombres definidos de un libro y a dónde apuntan: «'Ficha 1'!$C$7» → hoja, fila y columna.

Se leen de `xl/workbook.xml` (.xlsx; los de .ods los da `medicion_ods`) con expat, sin DTD ni
entidades: calamine no los expone. Las direcciones se analizan aquí una vez por texto (los libros
de una misma plantilla repiten las mismas).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from .medicion import ErrorMedicion, elementos_xml, indice_columna, letra_columna

_REF_CELDA = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_REF_COLUMNA = re.compile(r"^\$?([A-Za-z]{1,3})$")
_REF_FILA = re.compile(r"^\$?(\d{1,7})$")
FILAS_HOJA = 1_048_576
COLUMNAS_HOJA = 16_384


@dataclass(frozen=True)
class Referencia:
    """A dónde apunta un nombre definido: su primera celda y el tamaño del rango."""

    hoja: str
    fila: int     # desde 0
    columna: int  # desde 0
    filas: int = field(default=1, compare=False)
    columnas: int = field(default=1, compare=False)
    direccion: str = field(default="", compare=False)  # tal como está en el libro

    @functools.cached_property
    def celda(self) -> str:
        return f"{letra_columna(self.columna)}{self.fila + 1}"

    @property
    def celdas(self) -> int:
        return self.filas * self.columnas


def analizar_celda(texto: str) -> tuple[int, int] | None:
    """«$C$12» → (11, 2). Un rango «C12:F12» da su primera celda."""
    primera = texto.split(":")[0].strip()
    m = _REF_CELDA.match(primera)
    if not m:
        return None
    return int(m.group(2)) - 1, indice_columna(m.group(1))


def analizar_rango(inicio: str, fin: str | None) -> tuple[int, int, int, int] | None:
    """(fila, columna, filas, columnas) de «C7», «C7:D9», «C:C» (columna entera) o «7:7» (fila entera)."""
    inicio, fin = inicio.strip(), (fin or "").strip()
    a = _REF_CELDA.match(inicio)
    if a:
        f0, c0 = int(a.group(2)) - 1, indice_columna(a.group(1))
        if not fin:
            return f0, c0, 1, 1
        b = _REF_CELDA.match(fin)
        if not b:
            return None
        f1, c1 = int(b.group(2)) - 1, indice_columna(b.group(1))
    elif _REF_COLUMNA.match(inicio) and _REF_COLUMNA.match(fin):
        f0, f1 = 0, FILAS_HOJA - 1
        c0, c1 = indice_columna(inicio.lstrip("$")), indice_columna(fin.lstrip("$"))
    elif _REF_FILA.match(inicio) and _REF_FILA.match(fin):
        f0, f1 = int(inicio.lstrip("$")) - 1, int(fin.lstrip("$")) - 1
        c0, c1 = 0, COLUMNAS_HOJA - 1
    else:
        return None
    f0, f1 = sorted((f0, f1))
    c0, c1 = sorted((c0, c1))
    return f0, c0, f1 - f0 + 1, c1 - c0 + 1


def _partir_hoja(texto: str, separador: str) -> tuple[str, str] | None:
    """«'Ficha 1'!$C$5» → («Ficha 1», «$C$5»), con comillas escapadas ('')."""
    texto = texto.strip().lstrip("$")
    if texto.startswith("'"):
        i, hoja = 1, []
        while i < len(texto):
            if texto[i] == "'":
                if i + 1 < len(texto) and texto[i + 1] == "'":
                    hoja.append("'")
                    i += 2
                    continue
                break
            hoja.append(texto[i])
            i += 1
        resto = texto[i + 1:]
        if not resto.startswith(separador):
            return None
        return "".join(hoja), resto[1:]
    if separador not in texto:
        return None
    hoja, celda = texto.split(separador, 1)
    return hoja, celda


# La forma de casi todos los nombres: «'Ficha 1'!$C$7» o «$'Ficha 1'.$C$7» (una celda, hoja con o sin
# comillas); lo demás (rangos, filas o columnas enteras) pasa por el análisis general.
_CELDA_CON_HOJA = {sep: re.compile(r"^\$?(?:'((?:[^']|'')*)'|([^'" + re.escape(sep) + r":]+))" + re.escape(sep)
                                   + r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$") for sep in ("!", ".")}


@functools.lru_cache(maxsize=4096)  # los libros de una misma plantilla repiten las mismas direcciones
def referencia(direccion: str, separador: str) -> Referencia | None:
    """«'Ficha 1'!$C$7:$D$9» (.xlsx) o «$'Ficha 1'.$C$7:.$D$9» (.ods) → Referencia."""
    direccion = direccion.strip()
    m = _CELDA_CON_HOJA[separador].match(direccion)
    if m:
        hoja = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
        return Referencia(hoja, int(m.group(4)) - 1, indice_columna(m.group(3)), 1, 1, direccion)
    inicio, _, fin = direccion.partition(":")
    partes = _partir_hoja(inicio, separador)
    if not partes:
        return None
    if fin:
        fin = fin.strip()
        if fin.startswith(separador):
            fin = fin[1:]
        else:
            otra = _partir_hoja(fin, separador)
            fin = otra[1] if otra else fin
    rango = analizar_rango(partes[1], fin or None)
    if rango is None:
        return None
    return Referencia(partes[0], rango[0], rango[1], rango[2], rango[3], direccion.strip())


def nombres_xlsx(z: zipfile.ZipFile) -> tuple[dict[str, Referencia], dict[str, str]]:
    """Nombres definidos del libro y la parte XML de cada hoja (por las relaciones del libro)."""
    nombres: dict[str, Referencia] = {}
    ids: dict[str, str] = {}
    for local, atributos, texto in elementos_xml(z.read("xl/workbook.xml"), ("definedName", "sheet")):
        if local == "sheet":
            hoja = atributos.get("name", "")
            if hoja in ids:  # Excel no lo permite: la hoja que se mide podría no ser la que lee calamine
                raise ErrorMedicion(f"el libro tiene dos hojas llamadas «{hoja}» (está dañado o armado a mano)")
            ids[hoja] = atributos.get("id", "")
            continue
        nombre = atributos.get("name", "")
        if "localSheetId" in atributos or nombre.startswith("_xlnm"):
            continue  # nombres de hoja y de sistema (áreas de impresión, filtros)
        ref = referencia(texto, "!")
        if ref:
            nombres[nombre.lower()] = ref
    destinos: dict[str, str] = {}
    try:
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        rels = b""
    for _, atributos, _ in elementos_xml(rels, ("Relationship",)) if rels else ():
        destino = atributos.get("Target", "")
        destino = destino.lstrip("/") if destino.startswith("/") else posixpath.join("xl", destino)
        destinos[atributos.get("Id", "")] = posixpath.normpath(destino)
    partes = {hoja: destinos[rid] for hoja, rid in ids.items() if rid in destinos}
    return nombres, partes
