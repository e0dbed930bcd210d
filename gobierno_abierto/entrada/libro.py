"""Lectura de un libro (.xlsx u .ods) en memoria: valores de celdas y nombres definidos.

Los valores se leen con python-calamine (rápido, no ejecuta nada); los nombres definidos,
que calamine no expone, se leen de `xl/workbook.xml` (.xlsx) o de `content.xml` (.ods)
con defusedxml. Las coordenadas se conservan tal como las ve el usuario.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import python_calamine
from defusedxml import ElementTree as ET

from ..nucleo.textos import normalizar
from .archivos import Documento, Formato

Valor = str | int | float | bool | date | datetime | time | None

_REF_CELDA = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
NS_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
NS_XLSX = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class ErrorLibro(Exception):
    """El libro no se pudo abrir o interpretar (se convierte en observación)."""


@dataclass(frozen=True)
class Referencia:
    hoja: str
    fila: int     # desde 0
    columna: int  # desde 0

    @property
    def celda(self) -> str:
        return f"{letra_columna(self.columna)}{self.fila + 1}"


def texto_cabecera(valor: Any) -> str:
    """Texto de una celda de cabecera, para comparar: sin tildes, minúsculas y espacios simples
    («Código» y «codigo» son la misma cabecera)."""
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return normalizar(str(valor))


def letra_columna(indice: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letras = ""
    indice += 1
    while indice:
        indice, resto = divmod(indice - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def indice_columna(letras: str) -> int:
    n = 0
    for c in letras.upper():
        n = n * 26 + (ord(c) - 64)
    return n - 1


def analizar_celda(texto: str) -> tuple[int, int] | None:
    """«$C$12» → (11, 2). Un rango «C12:F12» da su primera celda."""
    primera = texto.split(":")[0].strip()
    m = _REF_CELDA.match(primera)
    if not m:
        return None
    return int(m.group(2)) - 1, indice_columna(m.group(1))


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


def _nombres_xlsx(z: zipfile.ZipFile) -> dict[str, Referencia]:
    raiz = ET.fromstring(z.read("xl/workbook.xml"))
    nombres: dict[str, Referencia] = {}
    for nodo in raiz.iter(f"{{{NS_XLSX}}}definedName"):
        nombre = nodo.get("name") or ""
        if nodo.get("localSheetId") is not None or nombre.startswith("_xlnm"):
            continue  # nombres de hoja y de sistema (áreas de impresión, filtros)
        partes = _partir_hoja(nodo.text or "", "!")
        if not partes:
            continue
        celda = analizar_celda(partes[1])
        if celda:
            nombres[nombre.lower()] = Referencia(partes[0], *celda)
    return nombres


def _nombres_ods(z: zipfile.ZipFile) -> dict[str, Referencia]:
    raiz = ET.fromstring(z.read("content.xml"))
    nombres: dict[str, Referencia] = {}
    for nodo in raiz.iter(f"{{{NS_ODS_TABLE}}}named-range"):
        nombre = nodo.get(f"{{{NS_ODS_TABLE}}}name") or ""
        direccion = nodo.get(f"{{{NS_ODS_TABLE}}}cell-range-address") or ""
        partes = _partir_hoja(direccion.split(":")[0], ".")
        if not partes:
            continue
        celda = analizar_celda(partes[1])
        if celda:
            nombres[nombre.lower()] = Referencia(partes[0], *celda)
    return nombres


@dataclass
class Libro:
    """Un libro abierto: hojas (leídas al pedirlas) y nombres definidos."""

    documento: Documento
    nombres: dict[str, Referencia]
    _calamine: Any = field(repr=False)
    _hojas: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)

    @property
    def hojas(self) -> list[str]:
        return list(self._calamine.sheet_names)

    def filas(self, hoja: str) -> list[list[Any]]:
        """Todas las filas de una hoja desde A1 (sin recortar filas ni columnas vacías)."""
        if hoja not in self._hojas:
            try:
                self._hojas[hoja] = self._calamine.get_sheet_by_name(hoja).to_python(
                    skip_empty_area=False)
            except python_calamine.WorksheetNotFound:
                self._hojas[hoja] = []
            except Exception as e:  # XML dañado dentro de la hoja
                raise ErrorLibro(f"la hoja «{hoja}» no se pudo leer: {e}") from e
        return self._hojas[hoja]

    def valor(self, ref: Referencia) -> Valor:
        filas = self.filas(ref.hoja)
        if ref.fila >= len(filas) or ref.columna >= len(filas[ref.fila]):
            return None
        v = filas[ref.fila][ref.columna]
        return None if v == "" else v

    def nombre(self, nombre: str) -> Referencia | None:
        return self.nombres.get(nombre.lower())

    def valor_de(self, nombre: str) -> tuple[Valor, Referencia | None]:
        ref = self.nombre(nombre)
        return (self.valor(ref), ref) if ref else (None, None)

    def buscar_cabecera(self, nombre: str, obligatorias: Sequence[str], alguna_de: Sequence[str] = (),
                        filas_max: int = 60) -> tuple[str, int, dict[str, int]] | None:
        """Fila de cabecera de una tabla: la que marca el nombre definido `nombre` o, si se perdió
        (una tabla de Excel guardada en .ods), la primera que tenga las columnas buscadas.

        Devuelve (hoja, fila, columna de cada texto de cabecera normalizado con `texto_cabecera`).
        """
        requeridas = [texto_cabecera(c) for c in obligatorias]
        opcionales = {texto_cabecera(c) for c in alguna_de}

        def en_fila(hoja: str, f: int) -> dict[str, int] | None:
            filas = self.filas(hoja)
            if f >= len(filas):
                return None
            columnas: dict[str, int] = {}
            for i, v in enumerate(filas[f]):
                columnas.setdefault(texto_cabecera(v), i)
            if all(c in columnas for c in requeridas) and (not opcionales or opcionales & columnas.keys()):
                return columnas
            return None

        ref = self.nombre(nombre)
        candidatas = [(ref.hoja, ref.fila)] if ref is not None and self.tiene_hoja(ref.hoja) else []
        candidatas += [(h, f) for h in self.hojas for f in range(min(len(self.filas(h)), filas_max))]
        for hoja, f in candidatas:
            columnas = en_fila(hoja, f)
            if columnas:
                return hoja, f, columnas
        return None

    def tiene_hoja(self, hoja: str) -> bool:
        return hoja in self._calamine.sheet_names

    def tabla(self, nombre: str) -> Any:
        """Una tabla de Excel con nombre (solo .xlsx; en .ods las tablas no existen); None si no está."""
        try:
            return self._calamine.get_table_by_name(nombre)
        except Exception:
            return None


def abrir_libro(documento: Documento) -> Libro:
    """Abre un documento reconocido; lanza ErrorLibro con un detalle en castellano."""
    try:
        with zipfile.ZipFile(io.BytesIO(documento.datos)) as z:
            nombres = _nombres_xlsx(z) if documento.formato is Formato.XLSX else _nombres_ods(z)
    except KeyError as e:
        raise ErrorLibro(f"falta la parte interna {e}") from e
    except (zipfile.BadZipFile, ET.ParseError, ValueError) as e:
        raise ErrorLibro("la estructura interna del libro está dañada") from e
    except Exception as e:  # defusedxml rechaza entidades (ataques XML)
        raise ErrorLibro(f"contenido XML no permitido ({type(e).__name__})") from e
    try:
        calamine = python_calamine.CalamineWorkbook.from_filelike(
            io.BytesIO(documento.datos), load_tables=documento.formato is Formato.XLSX)
    except python_calamine.PasswordError as e:
        raise ErrorLibro("el libro tiene contraseña") from e
    except Exception as e:
        raise ErrorLibro(f"el libro no se pudo abrir ({str(e)[:60]})") from e
    return Libro(documento, nombres, calamine)
