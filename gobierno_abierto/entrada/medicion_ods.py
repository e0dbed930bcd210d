"""Medición de un .ods antes de que calamine lo cargue (ver `medicion`): `content.xml` trae todas las
hojas juntas, con filas y columnas repetidas (`number-rows-repeated`), y sus rangos con nombre.

Una fila repetida un millón de veces con un valor es una hoja «lejana» aunque el archivo pese
unos pocos KB: se recorta la repetición al área y la medida lo informa.
"""

from __future__ import annotations

import re

from .medicion import (
    ETIQUETA,
    Area,
    Edicion,
    ErrorDeCelda,
    ErrorMedicion,
    FormulaSinValor,
    Medida,
    Recorrido,
    agregar_edicion,
)

_T = "table:"
_VALORES_ODS = ("office:value", "office:string-value", "office:date-value", "office:time-value",
                "office:boolean-value", "office:value-type")
_REPETIR_FILAS = re.compile(rb"(\stable:number-rows-repeated\s*=\s*[\"'])\d+")
_REPETIR_COLUMNAS = re.compile(rb"(\stable:number-columns-repeated\s*=\s*[\"'])\d+")


class _RecorridoOds(Recorrido):
    """`content.xml` de un .ods: todas las hojas y los rangos con nombre. Los nombres de elemento van
    con su prefijo, como los busca calamine. Las repeticiones (`number-rows-repeated`,
    `number-columns-repeated`) cuentan: una fila con un valor repetida un millón de veces es contenido
    lejano, y se acorta hasta el borde del área."""

    def __init__(self, datos: bytes, area: Area) -> None:
        super().__init__(datos, area)
        self.p.CharacterDataHandler = self._texto
        self.medidas: dict[str, Medida] = {}
        self.nombres: dict[str, str] = {}  # rangos con nombre → dirección, tal como están
        self._medida = Medida()
        self._tablas = 0
        self._fila = 0
        self._repetir_fila = 1
        self._columna = 0
        self._cortes_fila: list[Edicion] = []
        self._fila_con_valor = False
        self._captura: list[str] | None = None
        self._celda: tuple[int, int, int, dict[str, str]] | None = None

    def _texto(self, texto: str) -> None:
        if self._captura is not None:
            self._captura.append(texto)

    def _entero(self, texto: str | None) -> int:
        if texto is None:
            return 1
        if not texto.strip().isdigit() or int(texto) < 1:
            raise ErrorMedicion(f"una repetición de filas o columnas no es válida («{texto[:20]}»)")
        return int(texto)

    def abrir(self, nombre: str, atributos: dict[str, str]) -> None:
        if not nombre.startswith(_T):
            return
        if nombre == "table:table":
            self._tablas += 1
            if self._tablas == 1:
                self._medida = self.medidas.setdefault(atributos.get("table:name", ""), Medida())
                self._fila = 0
        elif self._tablas != 1:
            if nombre == "table:named-range":
                self.nombres[atributos.get("table:name", "").lower()] = atributos.get(
                    "table:cell-range-address", "")
        elif nombre == "table:table-row":
            self._repetir_fila = self._entero(atributos.get("table:number-rows-repeated"))
            self._inicio_fila = self.p.CurrentByteIndex
            self._columna = 0
            self._cortes_fila = []
            self._fila_con_valor = False
        elif nombre in ("table:table-cell", "table:covered-table-cell"):
            repetir = self._entero(atributos.get("table:number-columns-repeated"))
            self._celda = (self.p.CurrentByteIndex, self._columna, repetir, atributos)
            self._columna += repetir
            if atributos.get("calcext:value-type") == "error":
                self._captura = []

    def cerrar(self, nombre: str) -> None:
        if nombre == "table:table":
            self._tablas -= 1
        elif self._tablas != 1:
            return
        elif nombre in ("table:table-cell", "table:covered-table-cell") and self._celda is not None:
            self._cerrar_celda(*self._celda)
            self._celda = None
            self._captura = None
        elif nombre == "table:table-row":
            self._cerrar_fila()

    def _cerrar_celda(self, inicio: int, columna: int, repetir: int, atributos: dict[str, str]) -> None:
        formula = atributos.get("table:formula")
        con_valor = any(a in atributos for a in _VALORES_ODS)
        if not con_valor and formula is None:
            return
        area, fila, filas = self.area, self._fila, self._repetir_fila
        filas_dentro = max(0, min(fila + filas, area.filas) - fila)
        columnas_dentro = max(0, min(columna + repetir, area.columnas) - columna)
        self._fila_con_valor = True
        if filas_dentro and columnas_dentro:
            especial: FormulaSinValor | ErrorDeCelda | None = None
            if self._captura is not None:
                especial = ErrorDeCelda("".join(self._captura).strip())
            elif formula is not None and not con_valor:
                especial = FormulaSinValor(_sin_prefijo(formula))
            for f in range(fila, fila + filas_dentro):
                for c in range(columna, columna + columnas_dentro):
                    if especial is not None:
                        self._medida.especiales[(f, c)] = especial
                    elif formula is not None:
                        self._medida.formulas[(f, c)] = _sin_prefijo(formula)
        fuera = filas * repetir - filas_dentro * columnas_dentro
        if fuera:
            primera = (fila, max(columna, area.columnas)) if columna + repetir > area.columnas else \
                (max(fila, area.filas), columna)
            self._medida.lejana(*primera, cuantas=fuera)
        if not con_valor or fila >= area.filas:
            return  # las filas enteras fuera del área se cortan al cerrar la fila
        if not columnas_dentro:
            self._cortar_al_terminar(inicio, self._cortes_fila)
        elif columna + repetir > area.columnas:
            self._cortes_fila.append(self._cambiar_repeticion(inicio, _REPETIR_COLUMNAS, columnas_dentro))

    def _cerrar_fila(self) -> None:
        fila, filas, area = self._fila, self._repetir_fila, self.area
        self._fila += filas
        if not self._fila_con_valor:
            return
        if fila >= area.filas:
            self._cortar_al_terminar(self._inicio_fila, self.ediciones)
            return
        if fila + filas > area.filas:
            desde, hasta, reemplazo = self._cambiar_repeticion(self._inicio_fila, _REPETIR_FILAS,
                                                               area.filas - fila)
            agregar_edicion(self.ediciones, desde, hasta, reemplazo)
        for desde, hasta, reemplazo in self._cortes_fila:
            agregar_edicion(self.ediciones, desde, hasta, reemplazo)

    def _cambiar_repeticion(self, inicio: int, patron: re.Pattern[bytes], cuantas: int) -> Edicion:
        etiqueta = ETIQUETA.match(self.datos, inicio)
        if etiqueta is None:
            raise ErrorMedicion("el XML interno está dañado (etiqueta ilegible)")
        nueva = patron.sub(lambda m: m.group(1) + str(cuantas).encode(), etiqueta.group(0), count=1)
        return inicio, etiqueta.end(), nueva


def _sin_prefijo(formula: str) -> str:
    """«of:=[.C15]/0» → «[.C15]/0»."""
    for prefijo in ("of:=", "oooc:=", "msoxl:=", "="):
        if formula.startswith(prefijo):
            return formula[len(prefijo):]
    return formula


def medir_contenido_ods(xml: bytes, area: Area) -> tuple[dict[str, Medida], dict[str, str], bytes | None]:
    """Medidas de todas las hojas, rangos con nombre (sus direcciones) y, si algo quedó fuera del área,
    el XML recortado."""
    recorrido = _RecorridoOds(xml, area)
    recorrido.recorrer()
    return recorrido.medidas, recorrido.nombres, recorrido.recortado() if recorrido.ediciones else None
