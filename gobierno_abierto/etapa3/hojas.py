"""Etapa III: el contrato de la hoja de puntaje de los grupos (la escribe `instrumento`, la lee `lectura`).

Contrato de la hoja (README): una tabla de Excel llamada `puntajes` con la columna `codigo` y
una columna por clave de criterio, y un nombre definido `grupo` con el nombre del grupo. Además
el nombre definido `puntajes_datos` apunta a la cabecera de la tabla. La lectura encuentra la
cabecera por ese nombre o, si se perdió, por la fila que tiene «codigo»; así sirve también con
libros guardados en LibreOffice (.ods), donde la tabla pasa a ser un rango de base de datos.

Presupuesto de lectura (`area_puntajes`): de cada hoja, las filas de la tabla (cabecera + una por
ficha) más `MARGEN_FILAS`, y sus columnas más `MARGEN_COLUMNAS`; lo que haya fuera es una advertencia
que nombra la celda. Una nota con error (#DIV/0!) o con una fórmula sin valor se dice como tal; una
fórmula con resultado guardado se acepta con una advertencia.
"""

from __future__ import annotations

import re

from ..entrada.libro import (
    Area,
)
from ..nucleo.control import ContratoControl
from ..nucleo.modelos_secciones import AjustesPriorizacion, Criterio, Grupo
from ..nucleo.textos import normalizar

# La hoja oculta «Control» de la hoja de puntaje (solo el identificador tiene nombre).
CONTROL = ContratoControl(plantilla_id="GRLL-OGP-PUNTAJES", version="2016.1", nombre_id="puntajes_plantilla_id")
TABLA = "puntajes"
NOMBRE_GRUPO = "grupo"
NOMBRE_DATOS = "puntajes_datos"
COLUMNA_CODIGO = "codigo"
# (clave, cabecera de la tabla, ancho). La lectura compara cabeceras sin tildes ni mayúsculas
# (`entrada.libro.texto_cabecera`): «Código» es la columna «codigo» del contrato.
COLUMNAS_FIJAS = (("codigo", "Código", 10), ("gerencia", "Gerencia", 14),
                  ("actividad", "Nombre de la actividad", 30), ("descripcion", "Descripción breve", 44))
HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_PUNTAJES = "Puntajes"
HOJA_FICHAS = "Fichas"
HOJA_ESCALA = "Escala"
HOJA_CONTROL = CONTROL.hoja
FILA_CABECERA = 5          # fila (desde 0) de la cabecera de la tabla en «Puntajes»
LARGO_DESCRIPCION = 220
MARCA_EXCLUIDA = "su gerencia: no puntúe"
MARGEN_FILAS = 200
MARGEN_COLUMNAS = 26


def area_puntajes(ajustes: AjustesPriorizacion, fichas: int) -> Area:
    """Lo que se lee de cada hoja: la tabla esperada y un margen amplio para filas o columnas agregadas."""
    return Area(filas=FILA_CABECERA + 1 + fichas + MARGEN_FILAS,
                columnas=len(COLUMNAS_FIJAS) + len(ajustes.criterios) + MARGEN_COLUMNAS)


def nombre_archivo(grupo: Grupo) -> str:
    """«Grupo 1» → «puntajes_grupo_1.xlsx»."""
    base = re.sub(r"[^a-z0-9]+", "_", normalizar(grupo.nombre)).strip("_") or "grupo"
    return f"puntajes_{base}.xlsx"


def cabecera_criterio(criterio: Criterio) -> str:
    """La cabecera de la columna de un criterio en la tabla «puntajes»: su clave como palabra
    («Relevancia»), que la lectura reconoce sin mirar mayúsculas ni tildes."""
    return criterio.clave[:1].upper() + criterio.clave[1:]
