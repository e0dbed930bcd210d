"""Lectura acotada de un libro (.xlsx u .ods) en memoria: valores de celdas y nombres definidos.

Los valores se leen con python-calamine (rápido, no ejecuta nada); los nombres definidos, que
calamine no expone, se leen de `xl/workbook.xml` (.xlsx) o de `content.xml` (.ods) con expat, sin
DTD ni entidades. Las coordenadas se conservan tal como las ve el usuario.

**Presupuesto.** calamine arma cada hoja como un rectángulo denso hasta la última celda con valor
antes de devolver nada: un solo valor en `XFD1048576` le pide ~512 GB y el proceso muere (SIGABRT,
sin excepción que atrapar); `Z1048576` cuesta ~1 GB. Por eso ninguna hoja llega a calamine sin
medirla antes (`medicion.py`). Cada lector abre el libro con su `Area` (filas × columnas desde A1;
por omisión `AREA_DEFECTO`, A1:BH1000): lo que queda fuera se quita de una copia en memoria (el
archivo recibido no se toca) y `observaciones()` lo informa con una advertencia que nombra la hoja y
la celda. La dimensión que declara la hoja (`<dimension ref>`) la escribe quien envía: no se usa.
Así una hoja cuesta a lo más filas × columnas celdas, y solo se cargan las hojas que se piden (un
.ods se mide entero al abrirlo, porque calamine carga todas sus hojas); `buscar_cabecera` mira a lo
más `MAX_HOJAS_BUSQUEDA` hojas visibles y sus primeras `filas_max` filas.

**Celdas dichas como son.** Una fórmula guardada sin resultado (openpyxl las escribe así) y una celda
que muestra un error (#DIV/0!, #REF!, #N/A…) salen de calamine como `''`; la medición las reconoce
y `filas` las devuelve como `FormulaSinValor` y `ErrorDeCelda`, para que nadie las tome por vacías.
Una fórmula con resultado guardado devuelve el resultado, y `formula()` dice cuál era la fórmula.

**Textos.** Cada texto pasa por `textos.limpiar_texto` (XML 1.0 no admite caracteres de control;
Excel guarda `_x000B_` y calamine lo devuelve como carácter real); `limpiada()` dice dónde cambió algo.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import python_calamine

from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import hay_prohibidos, limpiar_texto, normalizar
from .archivos import Documento, Formato
from .medicion import (
    Area,
    ErrorDeCelda,
    ErrorMedicion,
    FormulaSinValor,
    Medida,
    indice_columna,
    letra_columna,
    medir_hoja_xlsx,
    rehacer_zip,
)
from .medicion_ods import medir_contenido_ods
from .nombres_definidos import Referencia, analizar_celda, nombres_xlsx, referencia

__all__ = ["AREA_DEFECTO", "Area", "ErrorDeCelda", "ErrorLibro", "FormulaSinValor", "Libro", "Referencia",
           "Valor", "abrir_libro", "analizar_celda", "indice_columna", "letra_columna", "texto_cabecera"]


Valor = (str | int | float | bool | date | datetime | time | timedelta | FormulaSinValor | ErrorDeCelda
         | None)
MAX_HOJAS_BUSQUEDA = 10


class ErrorLibro(Exception):
    """El libro no se pudo abrir o interpretar (se convierte en observación)."""


AREA_DEFECTO = Area(filas=1000, columnas=60)


def texto_cabecera(valor: Any) -> str:
    """Texto de una celda de cabecera, para comparar: sin tildes, minúsculas y espacios simples
    («Código» y «codigo» son la misma cabecera)."""
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return normalizar(str(valor))


# --- el libro ------------------------------------------------------------------------------------


@dataclass
class Libro:
    """Un libro abierto: hojas (medidas y leídas al pedirlas, dentro del área) y nombres definidos."""

    documento: Documento
    nombres: dict[str, Referencia]
    _calamine: Any = field(repr=False)
    area: Area = AREA_DEFECTO
    _partes: dict[str, str] = field(default_factory=dict, repr=False)      # hoja → parte (.xlsx)
    _medidas: dict[str, Medida] = field(default_factory=dict, repr=False)
    _recortadas: dict[str, bytes] = field(default_factory=dict, repr=False)  # parte → XML recortado
    _calamine_recortado: Any = field(default=None, repr=False)
    _zip: zipfile.ZipFile | None = field(default=None, repr=False)
    _hojas: dict[str, list[list[Valor]]] = field(default_factory=dict, repr=False)
    _limpiadas: set[tuple[str, int, int]] = field(default_factory=set, repr=False)

    @property
    def hojas(self) -> list[str]:
        return list(self._calamine.sheet_names)

    def hojas_visibles(self) -> list[str]:
        visible = python_calamine.SheetVisibleEnum.Visible
        return [m.name for m in self._calamine.sheets_metadata if m.visible == visible]

    def tiene_hoja(self, hoja: str) -> bool:
        return hoja in self._calamine.sheet_names

    def _medir(self, hoja: str) -> Medida:
        """Mide la hoja antes de que calamine la cargue; lo que sobra del área se recorta de una copia."""
        if hoja in self._medidas or self.documento.formato is Formato.ODS:
            return self._medidas.get(hoja) or Medida()
        parte = self._partes.get(hoja)
        if parte is None:
            raise ErrorLibro(f"no se encontró el contenido de la hoja «{hoja}»")
        try:
            xml = self._zip.read(parte) if self._zip else b""
        except KeyError as e:
            raise ErrorLibro(f"falta la parte interna de la hoja «{hoja}»") from e
        except (zipfile.BadZipFile, ValueError, EOFError) as e:
            raise ErrorLibro("la estructura interna del libro está dañada") from e
        try:
            medida, recortado = medir_hoja_xlsx(xml, self.area)
        except ErrorMedicion as e:
            raise ErrorLibro(f"la hoja «{hoja}»: {e}") from e
        self._medidas[hoja] = medida
        if recortado is not None:
            self._recortadas[parte] = recortado
            self._calamine_recortado = _abrir_calamine(rehacer_zip(self.documento.datos, self._recortadas),
                                                       self.documento.formato)
        return medida

    def _calamine_de(self, hoja: str) -> Any:
        parte = self._partes.get(hoja)
        return self._calamine_recortado if parte in self._recortadas else self._calamine

    def filas(self, hoja: str) -> list[list[Valor]]:
        """Las filas de una hoja desde A1 (sin recortar filas ni columnas vacías al comienzo), dentro
        del área del lector; las fórmulas sin valor y los errores vienen como tales, no como ''."""
        if hoja in self._hojas:
            return self._hojas[hoja]
        if not self.tiene_hoja(hoja):
            self._hojas[hoja] = []
            return []
        medida = self._medir(hoja)
        try:
            filas: list[list[Valor]] = self._calamine_de(hoja).get_sheet_by_name(hoja).to_python(
                skip_empty_area=False, nrows=self.area.filas)
        except python_calamine.WorksheetNotFound:
            filas = []
        except Exception as e:  # XML dañado dentro de la hoja
            raise ErrorLibro(f"la hoja «{hoja}» no se pudo leer: {str(e)[:80]}") from e
        ancho = self.area.columnas
        for fila in filas:
            if len(fila) > ancho:
                del fila[ancho:]
        # Una búsqueda sobre todos los textos juntos; celda por celda solo si algo hay que limpiar.
        if hay_prohibidos("\n".join([v for fila in filas for v in fila if type(v) is str])):
            for f, fila in enumerate(filas):
                for c, v in enumerate(fila):
                    if type(v) is str and v:
                        limpio = limpiar_texto(v)
                        if limpio is not v:
                            fila[c] = limpio
                            self._limpiadas.add((hoja, f, c))
        for (f, c), especial in medida.especiales.items():
            while len(filas) <= f:
                filas.append([])
            if len(filas[f]) <= c:
                filas[f].extend([""] * (c + 1 - len(filas[f])))
            filas[f][c] = especial
        self._hojas[hoja] = filas
        return filas

    def valor(self, ref: Referencia) -> Valor:
        if not self.area.contiene(ref.fila, ref.columna):
            return None
        filas = self.filas(ref.hoja)
        if ref.fila >= len(filas) or ref.columna >= len(filas[ref.fila]):
            return None
        v = filas[ref.fila][ref.columna]
        return None if v == "" else v

    def formula(self, hoja: str, fila: int, columna: int) -> str | None:
        """La fórmula de una celda que guardó su resultado (el valor es ese resultado); None si no hay."""
        if hoja not in self._hojas:
            self.filas(hoja)
        medida = self._medidas.get(hoja)
        return medida.formulas.get((fila, columna)) if medida and medida.formulas else None

    def limpiada(self, hoja: str, fila: int, columna: int) -> bool:
        """¿Se quitaron caracteres de control del texto de esta celda?"""
        return (hoja, fila, columna) in self._limpiadas

    def en_area(self, ref: Referencia) -> bool:
        return self.area.contiene(ref.fila, ref.columna)

    def nombre(self, nombre: str) -> Referencia | None:
        return self.nombres.get(nombre.lower())

    def valor_de(self, nombre: str) -> tuple[Valor, Referencia | None]:
        ref = self.nombre(nombre)
        return (self.valor(ref), ref) if ref else (None, None)

    def observaciones(self) -> list[Observacion]:
        """Contenido fuera del área en las hojas que se leyeron: una advertencia por hoja."""
        obs = []
        for hoja in self._hojas:
            medida = self._medidas.get(hoja)
            if medida is None or medida.primera_lejana is None:
                continue
            f, c = medida.primera_lejana
            otras = f" y en {medida.lejanas - 1:,} celda(s) más" if medida.lejanas > 1 else ""
            obs.append(observar(Codigo.CONTENIDO_LEJANO, archivo=self.documento.archivo, hoja=hoja,
                                celda=f"{letra_columna(c)}{f + 1}", otras=otras, limite=self.area.ultima))
        return obs

    def buscar_cabecera(self, nombre: str, obligatorias: Sequence[str], alguna_de: Sequence[str] = (),
                        filas_max: int = 60) -> tuple[str, int, dict[str, int]] | None:
        """Fila de cabecera de una tabla: la que marca el nombre definido `nombre` o, si se perdió
        (una tabla de Excel guardada en .ods), la primera que tenga las columnas buscadas entre las
        primeras `filas_max` filas de las primeras `MAX_HOJAS_BUSQUEDA` hojas visibles.

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

        def candidatas() -> Iterator[tuple[str, int]]:
            ref = self.nombre(nombre)
            if ref is not None and self.tiene_hoja(ref.hoja) and self.en_area(ref):
                yield ref.hoja, ref.fila
            for hoja in self.hojas_visibles()[:MAX_HOJAS_BUSQUEDA]:
                yield from ((hoja, f) for f in range(min(len(self.filas(hoja)), filas_max)))

        for hoja, f in candidatas():
            columnas = en_fila(hoja, f)
            if columnas:
                return hoja, f, columnas
        return None

    def tabla(self, nombre: str) -> Any:
        """Una tabla de Excel con nombre (solo .xlsx; en .ods las tablas no existen); None si no está.
        calamine carga la hoja entera de la tabla: antes se miden todas las hojas."""
        try:
            for hoja in self.hojas:
                self._medir(hoja)
            return (self._calamine_recortado or self._calamine).get_table_by_name(nombre)
        except Exception:
            return None


def _abrir_calamine(datos: bytes, formato: Formato) -> Any:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(datos),
                                                              load_tables=formato is Formato.XLSX)
    except python_calamine.PasswordError as e:
        raise ErrorLibro("el libro tiene contraseña") from e
    except Exception as e:
        raise ErrorLibro(f"el libro no se pudo abrir ({str(e)[:60]})") from e


def abrir_libro(documento: Documento, area: Area = AREA_DEFECTO) -> Libro:
    """Abre un documento reconocido con el presupuesto `area`; lanza ErrorLibro con un detalle en
    castellano. Un .ods se mide entero aquí (calamine carga todas sus hojas al abrirlo)."""
    partes: dict[str, str] = {}
    medidas: dict[str, Medida] = {}
    datos = documento.datos
    try:
        z = zipfile.ZipFile(io.BytesIO(documento.datos))
        if documento.formato is Formato.XLSX:
            nombres, partes = nombres_xlsx(z)
        else:
            medidas, direcciones, recortado = medir_contenido_ods(z.read("content.xml"), area)
            nombres = {n: ref for n, d in direcciones.items() if (ref := referencia(d, "."))}
            if recortado is not None:
                datos = rehacer_zip(documento.datos, {"content.xml": recortado})
    except ErrorMedicion as e:
        raise ErrorLibro(str(e)) from e
    except KeyError as e:
        raise ErrorLibro(f"falta la parte interna {e}") from e
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise ErrorLibro("la estructura interna del libro está dañada") from e
    except Exception as e:  # cualquier otra sorpresa del XML es un dato, no una caída
        raise ErrorLibro(f"contenido XML no permitido ({type(e).__name__})") from e
    return Libro(documento, nombres, _abrir_calamine(datos, documento.formato), area, partes, medidas,
                 _zip=z)
