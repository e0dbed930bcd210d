"""Etapa II: el consolidado leído de vuelta por las etapas siguientes (`cargar_consolidado`).

Las columnas se reconocen por las etiquetas del esquema, las mismas con que `escritura` las escribe.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import python_calamine

from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import Tipo
from ..nucleo.modelo import Consolidado, EstadoFicha, Ficha, Participante, Reunion
from ..nucleo.textos import lista_humana
from ..salida.resumen import ErrorUso
from .escritura import HOJA_FICHAS, HOJA_PARTICIPANTES, HOJA_REUNIONES, columnas_fichas

# --- lectura (para las Etapas III y IV) ----------------------------------------------------


def _filas_hoja(libro: Any, hoja: str) -> list[list[Any]]:
    try:
        return libro.get_sheet_by_name(hoja).to_python(skip_empty_area=False)
    except python_calamine.WorksheetNotFound:
        return []


def _limpio(valor: Any) -> Any:
    return None if valor == "" else valor


def leer_consolidado(ruta: Path, config: Configuracion) -> Consolidado:
    """Lee el consolidado escrito por `consolidar`: fichas y datos de las reuniones.

    Las columnas de «Fichas» se buscan por su cabecera, que sale del esquema y de la
    configuración (los años van en las etiquetas, no en las claves). Si falta alguna, el libro
    se escribió con otra configuración y se rechaza con un error de uso en lugar de leer celdas
    vacías."""
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    columnas = columnas_fichas(config)
    campos = {c.clave: c for c in E.campos_ficha(config)}
    filas = _filas_hoja(libro, HOJA_FICHAS)
    if not filas:
        raise ErrorUso(f"«{ruta}» no tiene la hoja «{HOJA_FICHAS}»: no es un consolidado de fichas. "
                       "Ejecute «python procesar.py consolidar» (Etapa II).")
    indice = {str(t).strip(): i for i, t in enumerate(filas[0])}
    faltan = [etiqueta for _, etiqueta, _ in columnas if etiqueta not in indice]
    if faltan:
        raise ErrorUso(f"El consolidado «{ruta}» no tiene en la hoja «{HOJA_FICHAS}» las columnas "
                       f"{lista_humana([f'«{f}»' for f in faltan])}, que espera la configuración actual "
                       "(¿cambiaron los años o los valores de Gobierno Abierto después de consolidar?). "
                       "Vuelva a ejecutar «python procesar.py consolidar».")
    fichas: list[Ficha] = []
    posiciones = {clave: indice.get(etiqueta) for clave, etiqueta, _ in columnas}
    for fila in filas[1:]:
        def v(clave: str, fila: list[Any] = fila) -> Any:
            i = posiciones.get(clave)
            return _limpio(fila[i]) if i is not None and i < len(fila) else None

        if not v("codigo"):
            continue
        valores = {}
        for clave, campo in campos.items():
            valor = v(clave)
            if campo.tipo is Tipo.ENTERO and isinstance(valor, float) and valor.is_integer():
                valor = int(valor)
            elif campo.es_texto and valor is not None and not isinstance(valor, str):
                valor = str(int(valor)) if isinstance(valor, float) and valor.is_integer() else str(valor)
            valores[clave] = valor
        fecha = v("fecha_recepcion")
        fichas.append(Ficha(
            codigo=str(v("codigo")), codigo_gerencia=str(v("codigo_gerencia") or ""),
            gerencia=str(v("gerencia") or ""), numero=int(v("numero") or 0), valores=valores,
            archivo=str(v("archivo") or ""),
            fecha_recepcion=fecha if isinstance(fecha, datetime) else None,
            estado=EstadoFicha(v("estado")) if v("estado") in {e.value for e in EstadoFicha}
            else EstadoFicha.CON_ERRORES,
            errores=int(v("errores") or 0), advertencias=int(v("advertencias") or 0)))

    reuniones: dict[str, Reunion] = {}
    filas = _filas_hoja(libro, HOJA_REUNIONES)
    participantes: dict[str, list[Participante]] = defaultdict(list)
    for fila in _filas_hoja(libro, HOJA_PARTICIPANTES)[1:]:
        if fila and fila[0]:
            participantes[str(fila[0])].append(Participante(**{
                c.clave: str(x) for c, x in zip(E.CAMPOS_PARTICIPANTE, fila[2:], strict=False)}))
    for fila in filas[1:]:
        if not fila or not fila[0]:
            continue
        valores = {}
        for i, campo in enumerate(E.CAMPOS_REUNION, start=2):
            valor = _limpio(fila[i]) if i < len(fila) else None
            if campo.tipo is Tipo.FECHA and isinstance(valor, datetime):
                valor = valor.date()
            valores[campo.clave] = valor
        codigo = str(fila[0])
        reuniones[codigo] = Reunion(codigo, valores, tuple(participantes.get(codigo, [])))
    return Consolidado(tuple(fichas), reuniones)


def cargar_consolidado(config: Configuracion, ruta: Path) -> Consolidado:
    """El consolidado para las etapas siguientes; si no existe, un error de uso que dice qué ejecutar."""
    if not ruta.exists():
        raise ErrorUso(f"No se encontró «{ruta}». Ejecute primero «python procesar.py consolidar» (Etapa II).")
    return leer_consolidado(ruta, config)
