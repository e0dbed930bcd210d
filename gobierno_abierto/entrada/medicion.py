"""Medir una hoja antes de cargarla: cuánto ocupa de verdad, qué celdas son fórmulas o errores, y una
copia recortada al área del lector si algo queda fuera.

calamine arma cada hoja como un rectángulo denso desde la primera hasta la última celda con valor
antes de devolver nada (un valor en XFD1048576 le pide ~512 GB y aborta el proceso). Aquí se recorre
el XML de la hoja en flujo, sin construir celdas, con expat (sin DTD ni entidades), siguiendo las
mismas reglas de posición que calamine; lo que cae fuera del `Area` se corta de una copia en memoria.
Una búsqueda rápida en C (`_sin_sorpresas_xlsx`) evita el recorrido en Python cuando la hoja
seguro cabe y no tiene fórmulas ni errores, que es el caso de una plantilla normal (y el de una hoja
con miles de celdas vacías con formato más allá del área).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name

_REF_CELDA = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


class ErrorMedicion(ValueError):
    """El XML de una hoja no se pudo recorrer (dañado, con DTD, con posiciones imposibles)."""


@dataclass(frozen=True)
class FormulaSinValor:
    """Una fórmula guardada sin su resultado: no hay valor que leer."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}" if self.formula else "(fórmula)"


@dataclass(frozen=True)
class ErrorDeCelda:
    """Una celda que muestra un error de Excel o LibreOffice: #DIV/0!, #REF!, #NAME?, #N/A…"""

    texto: str

    def __str__(self) -> str:
        return self.texto or "#ERROR"


@dataclass(frozen=True)
class Area:
    """El presupuesto de un lector: cuántas filas y columnas, desde A1, se leen de cada hoja."""

    filas: int
    columnas: int

    def contiene(self, fila: int, columna: int) -> bool:
        return 0 <= fila < self.filas and 0 <= columna < self.columnas

    @property
    def ultima(self) -> str:
        """La última celda del área, como la escribe Excel: «BH1000»."""
        return f"{letra_columna(self.columnas - 1)}{self.filas}"


def letra_columna(indice: int) -> str:
    """0 → A, 25 → Z, 26 → AA (la de xlsxwriter: una sola conversión en todo el programa)."""
    return xl_col_to_name(indice)


def indice_columna(letras: str) -> int:
    """A → 0, AA → 26."""
    return xl_cell_to_rowcol(f"{letras.upper()}1")[1]


@dataclass
class Medida:
    """Lo que se sabe de una hoja sin cargarla: celdas especiales dentro del área y lo que queda fuera."""

    especiales: dict[tuple[int, int], FormulaSinValor | ErrorDeCelda] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    lejanas: int = 0
    primera_lejana: tuple[int, int] | None = None

    def lejana(self, fila: int, columna: int, cuantas: int = 1) -> None:
        self.lejanas += cuantas
        if self.primera_lejana is None:
            self.primera_lejana = (fila, columna)


Edicion = tuple[int, int, bytes]  # (desde, hasta, reemplazo) en bytes del XML
ETIQUETA = re.compile(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")


def agregar_edicion(ediciones: list[Edicion], desde: int, hasta: int, reemplazo: bytes = b"") -> None:
    """Agrega una edición; dos cortes seguidos se juntan en uno (la lista no crece con la basura)."""
    if ediciones and not reemplazo and not ediciones[-1][2] and ediciones[-1][1] == desde:
        ediciones[-1] = (ediciones[-1][0], hasta, b"")
    else:
        ediciones.append((desde, hasta, reemplazo))


def aplicar_ediciones(datos: bytes, ediciones: Sequence[Edicion]) -> bytes:
    partes, previo = [], 0
    for desde, hasta, reemplazo in ediciones:
        partes += [datos[previo:desde], reemplazo]
        previo = hasta
    partes.append(datos[previo:])
    return b"".join(partes)


def _sin_dtd(*_: Any) -> None:
    raise ErrorMedicion("contenido XML no permitido (declaración de tipo de documento)")


class Recorrido:
    """Un recorrido en flujo del XML (expat, sin DTD ni entidades) que anota cortes por posición en bytes.

    Un corte empieza donde empieza un elemento y termina donde empieza la marca siguiente a su cierre
    (expat da la posición de cada etiqueta, no la del final del cierre)."""

    def __init__(self, datos: bytes, area: Area) -> None:
        self.datos = datos
        self.area = area
        self.ediciones: list[Edicion] = []
        self._pendiente: tuple[int, list[Edicion]] | None = None
        p = expat.ParserCreate()
        p.buffer_text = True
        p.StartDoctypeDeclHandler = _sin_dtd
        p.EntityDeclHandler = _sin_dtd
        p.StartElementHandler = self._al_abrir
        p.EndElementHandler = self._al_cerrar
        self.p = p

    def recorrer(self) -> None:
        try:
            self.p.Parse(self.datos, True)
        except expat.ExpatError as e:
            raise ErrorMedicion(f"el XML interno está dañado ({expat.errors.messages[e.code]})") from e

    def _cerrar_pendiente(self) -> None:
        if self._pendiente is not None:
            desde, destino = self._pendiente
            self._pendiente = None
            agregar_edicion(destino, desde, self.p.CurrentByteIndex)

    def _cortar_al_terminar(self, desde: int, destino: list[Edicion]) -> None:
        self._pendiente = (desde, destino)

    def _al_abrir(self, nombre: str, atributos: dict[str, str]) -> None:
        self._cerrar_pendiente()
        self.abrir(nombre, atributos)

    def _al_cerrar(self, nombre: str) -> None:
        self._cerrar_pendiente()
        self.cerrar(nombre)

    def abrir(self, nombre: str, atributos: dict[str, str]) -> None:
        raise NotImplementedError

    def cerrar(self, nombre: str) -> None:
        raise NotImplementedError

    def recortado(self) -> bytes:
        return aplicar_ediciones(self.datos, self.ediciones)


def _posicion(ref: str) -> tuple[int, int]:
    m = _REF_CELDA.match(ref)
    if not m:
        raise ErrorMedicion(f"una celda tiene una referencia no válida («{ref[:20]}»)")
    return int(m.group(2)) - 1, indice_columna(m.group(1))


class _RecorridoXlsx(Recorrido):
    """Una hoja de .xlsx (`xl/worksheets/sheetN.xml`). Sigue la misma regla de posiciones que calamine:
    una celda sin `r` va a continuación de la anterior, una fila sin `r` a continuación de la anterior."""

    _TIPOS_SIN_TEXTO = (None, "n", "s", "b", "e")

    def __init__(self, datos: bytes, area: Area) -> None:
        super().__init__(datos, area)
        self.medida = Medida()
        self.p.CharacterDataHandler = self._texto
        self._fila = 0
        self._columna = 0
        self._cortes_fila: list[Edicion] = []
        self._inicio_fila = -1
        self._fila_con_dentro = False
        self._captura: list[str] | None = None
        self._celda: tuple[int, int] | None = None

    def _texto(self, texto: str) -> None:
        if self._captura is not None:
            self._captura.append(texto)

    def abrir(self, nombre: str, atributos: dict[str, str]) -> None:
        local = nombre.rpartition(":")[2]
        if local == "c":
            r = atributos.get("r")
            if r is not None:
                self._celda = _posicion(r)
                self._columna = self._celda[1]
            else:
                self._celda = (self._fila, self._columna)
            self._inicio_celda = self.p.CurrentByteIndex
            self._tipo = atributos.get("t")
            self._valor: list[str] | None = None
            self._formula: list[str] | None = None
            self._inline = False
        elif self._celda is not None:
            if local == "v":
                self._valor = self._captura = []
            elif local == "f":
                self._formula = self._captura = []
            elif local == "is":
                self._inline = True
        elif local == "row":
            r = atributos.get("r")
            if r is not None:
                if not r.isdigit():
                    raise ErrorMedicion(f"una fila tiene un número no válido («{r[:20]}»)")
                self._fila = int(r) - 1
            self._vaciar_cortes()  # las celdas sueltas antes de esta fila
            self._inicio_fila = self.p.CurrentByteIndex
            self._fila_con_dentro = False

    def cerrar(self, nombre: str) -> None:
        local = nombre.rpartition(":")[2]
        if local in ("v", "f"):
            self._captura = None
        elif local == "c" and self._celda is not None:
            self._cerrar_celda(self._celda)
            self._celda = None
            self._columna += 1
        elif local == "row":
            if self._cortes_fila:
                if self._fila_con_dentro:
                    for desde, hasta, reemplazo in self._cortes_fila:
                        agregar_edicion(self.ediciones, desde, hasta, reemplazo)
                else:  # toda la fila está fuera: un solo corte, que se junta con las filas siguientes
                    self._cortar_al_terminar(self._inicio_fila, self.ediciones)
            self._cortes_fila = []
            self._fila += 1
            self._columna = 0
        elif local == "sheetData":  # celdas sueltas, fuera de toda fila: calamine también las lee
            self._vaciar_cortes()

    def _vaciar_cortes(self) -> None:
        for desde, hasta, reemplazo in self._cortes_fila:
            agregar_edicion(self.ediciones, desde, hasta, reemplazo)
        self._cortes_fila = []

    def _cerrar_celda(self, pos: tuple[int, int]) -> None:
        texto = "".join(self._valor) if self._valor is not None else None
        con_valor = self._inline or (texto is not None and (bool(texto) or
                                                            self._tipo not in self._TIPOS_SIN_TEXTO))
        formula = "".join(self._formula) if self._formula is not None else None
        if not con_valor and formula is None:
            return
        if self.area.contiene(*pos):
            self._fila_con_dentro = True
            if self._tipo == "e":
                self.medida.especiales[pos] = ErrorDeCelda((texto or "").strip())
            elif formula is not None and not con_valor:
                self.medida.especiales[pos] = FormulaSinValor(formula.strip())
            elif formula is not None:
                self.medida.formulas[pos] = formula.strip()
            return
        self.medida.lejana(*pos)
        if con_valor:  # una fórmula sin valor no agranda la hoja de calamine: basta con avisar
            self._cortar_al_terminar(self._inicio_celda, self._cortes_fila)


# Búsquedas en C que no arman nada por celda (una hoja con millones de `<c/>` no debe costar memoria).
# Una celda vacía que se cierra sola (`<c r="Z9000" s="3"/>`, el borde de un rango con formato) no
# importa: calamine no la cuenta y su posición explícita no mueve a las demás. De las otras, es una
# «sorpresa» la que no trae su `r` al comienzo, una fórmula o un elemento con prefijo; y las que
# podrían caer fuera del área (columna o fila con tantas cifras como el límite, o más) se comparan.
_SORPRESA_XLSX = re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,7}")(?:\s[^>]*)?(?<!/)>|<f[\s/>]')
_CON_PREFIJO_XLSX = re.compile(rb':[cf][\s/>]')


@functools.lru_cache(maxsize=16)
def _candidatas_lejanas(area: Area) -> re.Pattern[bytes]:
    """Celdas con contenido cuya referencia tiene tantas letras o cifras como el límite del área, o más."""
    ultima_columna, ultima_fila = letra_columna(area.columnas - 1), str(area.filas)
    # con el límite en «Z» (o «ZZ», o 999) nada del mismo largo queda fuera: basta mirar las más largas
    letras = len(ultima_columna) + (set(ultima_columna) == {"Z"})
    cifras = len(ultima_fila) + (set(ultima_fila) == {"9"})
    return re.compile(rb'<c r="(?:([A-Z]{%d,})([0-9]+)|([A-Z]+)([0-9]{%d,}))"[^>]*(?<!/)>' % (letras, cifras))


def _sin_sorpresas_xlsx(xml: bytes, area: Area) -> bool:
    """Búsqueda rápida: toda celda con contenido tiene su referencia y cabe en el área, y no hay fórmulas
    ni errores. Si dice que sí, la hoja va directo a calamine; si no, se recorre con `_RecorridoXlsx`."""
    if b't="e"' in xml or b"t='e'" in xml or _SORPRESA_XLSX.search(xml) or _CON_PREFIJO_XLSX.search(xml):
        return False
    for m in _candidatas_lejanas(area).finditer(xml):
        columna, fila = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if not area.contiene(int(fila) - 1, indice_columna(columna.decode())):
            return False
    return True


def medir_hoja_xlsx(xml: bytes, area: Area) -> tuple[Medida, bytes | None]:
    """La medida de una hoja y, si algo quedó fuera del área, su XML recortado."""
    if _sin_sorpresas_xlsx(xml, area):
        return Medida(), None
    recorrido = _RecorridoXlsx(xml, area)
    recorrido.recorrer()
    return recorrido.medida, recorrido.recortado() if recorrido.ediciones else None


def elementos_xml(xml: bytes, buscados: tuple[str, ...]) -> list[tuple[str, dict[str, str], str]]:
    """(nombre local, atributos, texto) de los elementos buscados, con expat sin DTD: leer así
    `xl/workbook.xml` cuesta una fracción de armar el árbol con defusedxml."""
    hallados: list[tuple[str, dict[str, str], str]] = []
    texto: list[str] | None = None
    p = expat.ParserCreate()
    p.buffer_text = True
    p.StartDoctypeDeclHandler = _sin_dtd
    p.EntityDeclHandler = _sin_dtd

    def abrir(nombre: str, atributos: dict[str, str]) -> None:
        nonlocal texto
        local = nombre.rpartition(":")[2]
        if local in buscados:
            texto = []
            hallados.append((local, {k.rpartition(":")[2]: v for k, v in atributos.items()}, ""))

    def cerrar(nombre: str) -> None:
        nonlocal texto
        if texto is not None:
            local, atributos, _ = hallados[-1]
            hallados[-1] = (local, atributos, "".join(texto))
            texto = None

    def datos(trozo: str) -> None:
        if texto is not None:
            texto.append(trozo)

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = abrir, cerrar, datos
    try:
        p.Parse(xml, True)
    except expat.ExpatError as e:
        raise ErrorMedicion(f"el XML interno está dañado ({expat.errors.messages[e.code]})") from e
    return hallados


def rehacer_zip(datos: bytes, reemplazos: dict[str, bytes]) -> bytes:
    """Una copia en memoria del libro con algunas partes cambiadas (el archivo recibido no se toca)."""
    salida = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(datos)) as origen, zipfile.ZipFile(salida, "w", zipfile.ZIP_STORED) as copia:
        for info in origen.infolist():
            if info.is_dir():
                continue
            copia.writestr(info.filename, reemplazos.get(info.filename) or origen.read(info))
    return salida.getvalue()


