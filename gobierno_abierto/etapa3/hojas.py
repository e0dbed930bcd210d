"""Etapa III: las hojas de puntaje de los grupos del taller (escritura y lectura).

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook

from ..entrada.archivos import Documento
from ..entrada.libro import (
    Area,
    ErrorDeCelda,
    ErrorLibro,
    FormulaSinValor,
    Libro,
    abrir_libro,
    letra_columna,
)
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Ficha
from ..nucleo.modelos_secciones import AjustesPriorizacion, Criterio, Grupo
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import fecha_larga, normalizar, texto_de_celda
from ..nucleo.textos import recortar as recortar_texto
from ..salida.excel import (
    Formatos,
    alto_de_lineas,
    escribir_valor,
    formatos,
    lineas_de_texto,
    nuevo_libro,
    preparar_impresion,
    recortar,
    recortar_palabras,
)
from ..salida.fichas_imprimir import escribir_fichas_para_imprimir

PLANTILLA_ID = "GRLL-OGP-PUNTAJES"
PLANTILLA_VERSION = "2016.1"
TABLA = "puntajes"
NOMBRE_GRUPO = "grupo"
NOMBRE_DATOS = "puntajes_datos"
NOMBRE_PLANTILLA = "puntajes_plantilla_id"
COLUMNA_CODIGO = "codigo"
# (clave, cabecera de la tabla, ancho). La lectura compara cabeceras sin tildes ni mayúsculas
# (`entrada.libro.texto_cabecera`): «Código» es la columna «codigo» del contrato.
COLUMNAS_FIJAS = (("codigo", "Código", 10), ("gerencia", "Gerencia", 14),
                  ("actividad", "Nombre de la actividad", 30), ("descripcion", "Descripción breve", 44))
HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_PUNTAJES = "Puntajes"
HOJA_FICHAS = "Fichas"
HOJA_ESCALA = "Escala"
HOJA_CONTROL = "Control"
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



# --- escritura -----------------------------------------------------------------------------------


def escribir_hoja_puntaje(config: Configuracion, ajustes: AjustesPriorizacion, grupo: Grupo,
                          fichas: Sequence[Ficha], ruta: Path,
                          notas: Mapping[str, Mapping[str, Any]] | None = None,
                          nombre_grupo: str | None = None) -> None:
    """Escribe la hoja de puntaje de un grupo; `notas` (código → clave → valor) la devuelve llena,
    como la llenaría el grupo (demostración y pruebas). `nombre_grupo` simula una hoja alterada."""
    libro = nuevo_libro(ruta, f"Hoja de puntaje — {grupo.nombre}", config)
    fmt = formatos(libro)
    _hoja_instrucciones(libro, fmt, config, ajustes, grupo, nombre_grupo)
    _hoja_puntajes(libro, fmt, ajustes, grupo, fichas, dict(notas or {}))
    _hoja_fichas(libro, config, fichas)
    _hoja_escala(libro, ajustes)
    _hoja_control(libro)
    libro.close()


def _hoja_instrucciones(libro: Workbook, fmt: Formatos, config: Configuracion, ajustes: AjustesPriorizacion,
                        grupo: Grupo, nombre_grupo: str | None) -> None:
    hoja = libro.add_worksheet(HOJA_INSTRUCCIONES)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 24)
    hoja.set_column(1, 1, 12)
    hoja.set_column(2, 2, 60)
    etapa = config.etapa("III")
    hoja.write_string(0, 0, f"“{config.nombre_anio}”", fmt.subtitulo)
    hoja.write_string(1, 0, "Taller de presentación y priorización de iniciativas — Etapa III", fmt.titulo)
    subtitulo = f"{config.entidad} · {fecha_larga(etapa.inicio)} · {etapa.lugar}"
    hoja.merge_range(2, 0, 2, 2, subtitulo, fmt.ayuda)  # en el ancho de la hoja, sin cortarse al imprimir
    hoja.set_row(2, alto_de_lineas(lineas_de_texto(subtitulo, 24 + 12 + 60)))
    hoja.write_string(4, 0, "Grupo", fmt.etiqueta)
    hoja.write_string(4, 2, nombre_grupo if nombre_grupo is not None else grupo.nombre, fmt.fijo)
    libro.define_name(NOMBRE_GRUPO, f"='{HOJA_INSTRUCCIONES}'!$C$5")
    hoja.write_string(5, 0, "Integrantes", fmt.etiqueta)
    hoja.write_string(5, 2, "; ".join(grupo.integrantes) or "—", fmt.texto_ajustado)
    hoja.set_row(5, alto_de_lineas(lineas_de_texto("; ".join(grupo.integrantes) or "—", 60)))
    fila = 7
    pasos = [
        f"En la hoja «{HOJA_PUNTAJES}», califique cada ficha en cada criterio con un número entero "
        "de la escala; use la lista desplegable de cada celda de color crema.",
        "Califique todas las fichas y todos los criterios: una ficha con una celda vacía no se cuenta "
        "para su grupo.",
        f"La hoja «{HOJA_FICHAS}» tiene el texto completo de cada ficha, para consultarlo.",
    ]
    if ajustes.excluir_propia_gerencia and grupo.gerencias:
        pasos.append("Las filas grises son fichas de las gerencias de su grupo: no las califique "
                     "(conflicto de interés); las califican los demás grupos.")
    pasos.append("No cambie los códigos, no borre filas ni columnas y no renombre las hojas. Guarde el "
                 "libro en Excel (.xlsx) o LibreOffice (.ods) y entréguelo a la coordinación.")
    hoja.write_string(fila, 0, "Cómo llenar la hoja", fmt.titulo)
    fila += 1
    for i, paso in enumerate(pasos, start=1):
        hoja.write_string(fila, 0, f"Paso {i}", fmt.etiqueta)
        hoja.merge_range(fila, 1, fila, 2, paso, fmt.texto_ajustado)
        hoja.set_row(fila, alto_de_lineas(lineas_de_texto(paso, 72)))
        fila += 1
    fila += 1
    hoja.write_string(fila, 0, "Criterios y escala", fmt.titulo)
    fila += 1
    total = sum(c.peso for c in ajustes.criterios)
    for c, titulo in enumerate(("Criterio", "Puntos", "Qué significa")):
        hoja.write_string(fila, c, titulo, fmt.cabecera)
    fila += 1
    for criterio in ajustes.criterios:
        nombre = f"{criterio.nombre} (peso {100 * criterio.peso / total:.0f} %)"
        hoja.write_string(fila, 0, nombre, fmt.etiqueta)
        hoja.write_string(fila, 1, f"columna «{cabecera_criterio(criterio)}»", fmt.ayuda)
        hoja.write_string(fila, 2, criterio.descripcion, fmt.texto_ajustado)
        hoja.set_row(fila, alto_de_lineas(max(lineas_de_texto(nombre, 21), lineas_de_texto(criterio.descripcion, 60),
                                              lineas_de_texto(f"columna «{cabecera_criterio(criterio)}»", 12))))
        fila += 1
        for punto, nivel in zip(criterio.puntos, criterio.niveles, strict=True):
            hoja.write_number(fila, 1, punto, fmt.fijo)
            hoja.write_string(fila, 2, nivel, fmt.texto_ajustado)
            if lineas_de_texto(nivel, 60) > 1:
                hoja.set_row(fila, alto_de_lineas(lineas_de_texto(nivel, 60)))
            fila += 1
        fila += 1
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    preparar_impresion(hoja, horizontal=False)
    hoja.activate()


def _mensaje_escala(criterio: Criterio) -> str:
    return recortar("\n".join(f"{p}: {n}" for p, n in zip(criterio.puntos, criterio.niveles, strict=True)),
                    255)


def _hoja_puntajes(libro: Workbook, fmt: Formatos, ajustes: AjustesPriorizacion, grupo: Grupo,
                   fichas: Sequence[Ficha], notas: dict[str, Mapping[str, Any]]) -> None:
    hoja = libro.add_worksheet(HOJA_PUNTAJES)
    criterios = ajustes.criterios
    total = sum(c.peso for c in criterios)
    ncol = len(COLUMNAS_FIJAS) + len(criterios)
    hoja.write_string(0, 0, f"Hoja de puntaje — {grupo.nombre}", fmt.titulo)
    escala = "; ".join(dict.fromkeys(f"{c.minimo} a {c.maximo}" for c in criterios))
    hoja.write_string(1, 0, f"Califique cada ficha en cada criterio ({escala}; el mayor es el mejor). "
                            "Pase el cursor por la cabecera de un criterio para ver qué significa cada "
                            "punto.", fmt.subtitulo)
    if ajustes.excluir_propia_gerencia and grupo.gerencias:
        hoja.write_string(2, 0, "Las filas grises son fichas de su gerencia: no las califique.", fmt.subtitulo)
    gris = libro.add_format({"font_name": "Calibri", "font_size": 10, "valign": "top", "bg_color": "#D9D9D9",
                             "text_wrap": True, "border": 1, "border_color": "#BFBFBF"})
    # sobre la cabecera de la tabla, el nombre completo de cada criterio y su peso
    for c, (_clave, _etiqueta, ancho) in enumerate(COLUMNAS_FIJAS):
        hoja.set_column(c, c, ancho)
    hoja.merge_range(FILA_CABECERA - 1, 0, FILA_CABECERA - 1, len(COLUMNAS_FIJAS) - 1, "Ficha", fmt.cabecera)
    for c, criterio in enumerate(criterios, start=len(COLUMNAS_FIJAS)):
        hoja.write_string(FILA_CABECERA - 1, c, f"{criterio.nombre} ({100 * criterio.peso / total:.0f} %)",
                          fmt.cabecera)
        hoja.write_comment(FILA_CABECERA - 1, c, f"{criterio.descripcion}\n\n" + "\n".join(
            f"{p}: {n}" for p, n in zip(criterio.puntos, criterio.niveles, strict=True)),
            {"x_scale": 3, "y_scale": 3})
        hoja.set_column(c, c, 15)
    hoja.set_row(FILA_CABECERA - 1, max(alto_de_lineas(lineas_de_texto(
        f"{c.nombre} ({100 * c.peso / total:.0f} %)", 13.5)) for c in criterios))
    ultima = FILA_CABECERA + max(len(fichas), 1)
    columnas = ([{"header": etiqueta} for _, etiqueta, _ in COLUMNAS_FIJAS]
                + [{"header": cabecera_criterio(c)} for c in criterios])
    hoja.add_table(FILA_CABECERA, 0, ultima, ncol - 1,
                   {"name": TABLA, "columns": columnas, "style": "Table Style Light 1", "autofilter": False})
    libro.define_name(NOMBRE_DATOS, f"='{HOJA_PUNTAJES}'!$A${FILA_CABECERA + 1}:"
                                    f"${letra_columna(ncol - 1)}${ultima + 1}")
    for f, ficha in enumerate(fichas, start=FILA_CABECERA + 1):
        excluida = ajustes.excluida(grupo, ficha.codigo_gerencia)
        fijo = gris if excluida else fmt.texto_ajustado
        hoja.write_string(f, 0, ficha.codigo, fijo)
        hoja.write_string(f, 1, f"{ficha.codigo_gerencia} ({MARCA_EXCLUIDA})" if excluida else ficha.codigo_gerencia,
                          fijo)
        hoja.write_string(f, 2, ficha.nombre, fijo)
        breve = recortar_texto(str(ficha.valores.get(E.DESCRIPCION) or ""), LARGO_DESCRIPCION, una_linea=True)
        hoja.write_string(f, 3, breve, fijo)
        propias = notas.get(ficha.codigo, {})
        for c, criterio in enumerate(criterios, start=len(COLUMNAS_FIJAS)):
            escribir_valor(hoja, f, c, propias.get(criterio.clave), gris if excluida else fmt.entrada)
        hoja.set_row(f, max(45, alto_de_lineas(max(lineas_de_texto(ficha.nombre, 30),
                                                    lineas_de_texto(breve, 44)))))
    if fichas:
        for c, criterio in enumerate(criterios, start=len(COLUMNAS_FIJAS)):
            filas_entrada = [f for f, ficha in enumerate(fichas, start=FILA_CABECERA + 1)
                             if not ajustes.excluida(grupo, ficha.codigo_gerencia)]
            for f in filas_entrada:
                hoja.data_validation(f, c, f, c, {
                    "validate": "list", "source": f"=escala_{criterio.clave}",
                    "input_title": recortar_palabras(criterio.nombre, 32),
                    "input_message": _mensaje_escala(criterio),
                    "error_title": "Puntaje no válido",
                    "error_message": f"Elija un número entero de {criterio.minimo} a {criterio.maximo}.",
                    "ignore_blank": True})
    hoja.freeze_panes(FILA_CABECERA + 1, 1)
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True,
                      "format_columns": True})
    preparar_impresion(hoja, horizontal=True, filas_repetidas=(FILA_CABECERA - 1, FILA_CABECERA))


def _hoja_fichas(libro: Workbook, config: Configuracion, fichas: Sequence[Ficha]) -> None:
    """El texto completo de cada ficha, una por bloque: se lee en la pantalla y se imprime igual."""
    hoja = libro.add_worksheet(HOJA_FICHAS)
    escribir_fichas_para_imprimir(libro, hoja, config, fichas, "Fichas a calificar — texto completo",
                                  f"En el mismo orden que la hoja «{HOJA_PUNTAJES}».")
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True,
                      "format_columns": True})


def _hoja_escala(libro: Workbook, ajustes: AjustesPriorizacion) -> None:
    hoja = libro.add_worksheet(HOJA_ESCALA)
    for col, criterio in enumerate(ajustes.criterios):
        hoja.write_string(0, col, criterio.clave)
        for f, punto in enumerate(criterio.puntos, start=1):
            hoja.write_number(f, col, punto)
        letra = letra_columna(col)
        libro.define_name(f"escala_{criterio.clave}",
                          f"='{HOJA_ESCALA}'!${letra}$2:${letra}${len(criterio.puntos) + 1}")
    hoja.protect("")
    hoja.hide()


def _hoja_control(libro: Workbook) -> None:
    hoja = libro.add_worksheet(HOJA_CONTROL)
    hoja.write_string(0, 0, "plantilla_id")
    hoja.write_string(0, 1, PLANTILLA_ID)
    hoja.write_string(1, 0, "plantilla_version")
    hoja.write_string(1, 1, PLANTILLA_VERSION)
    libro.define_name(NOMBRE_PLANTILLA, f"='{HOJA_CONTROL}'!$B$1")
    hoja.protect("")
    hoja.hide()


# --- lectura -------------------------------------------------------------------------------------


@dataclass
class HojaLeida:
    """Lo que se leyó de una hoja de puntaje: las notas completas y válidas, y las observaciones."""

    documento: Documento
    grupo: Grupo | None = None
    notas: dict[str, dict[str, float]] = field(default_factory=dict)  # código → clave → nota
    observaciones: list[Observacion] = field(default_factory=list)

    @property
    def archivo(self) -> str:
        return self.documento.archivo




def _vacia(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _leer_nota(valor: Any) -> tuple[float | None, bool]:
    """(nota, es_numero). Acepta números y textos con un número («4», « 4 »)."""
    if isinstance(valor, bool):
        return None, False
    if isinstance(valor, (int, float)):
        return float(valor), True
    texto = str(valor).strip().replace(",", ".")
    try:
        return float(texto), True
    except ValueError:
        return None, False


def leer_hoja_puntaje(documento: Documento, ajustes: AjustesPriorizacion,
                      fichas: Mapping[str, Ficha]) -> HojaLeida:
    """Lee y valida una hoja devuelta. `fichas`: las fichas válidas del consolidado, por código.
    Nada detiene la lectura: cada problema es una observación con archivo, hoja y celda."""
    leida = HojaLeida(documento)
    try:
        libro = abrir_libro(documento, area_puntajes(ajustes, len(fichas)))
        _leer_hoja(libro, ajustes, fichas, leida)
        leida.observaciones.extend(libro.observaciones())
    except ErrorLibro as e:
        leida.grupo, leida.notas = None, {}
        leida.observaciones.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=documento.archivo, detalle=str(e)))
    return leida


def _leer_hoja(libro: Libro, ajustes: AjustesPriorizacion, fichas: Mapping[str, Ficha], leida: HojaLeida) -> None:
    archivo = leida.archivo
    obs = leida.observaciones
    cabecera = libro.buscar_cabecera(NOMBRE_DATOS, [COLUMNA_CODIGO], alguna_de=ajustes.claves)
    if cabecera is None:
        obs.append(observar(Codigo.NO_ES_HOJA_PUNTAJE, archivo=archivo))
        return
    valor_grupo, ref_grupo = libro.valor_de(NOMBRE_GRUPO)
    hoja_g, celda_g = (ref_grupo.hoja, ref_grupo.celda) if ref_grupo else ("", "")
    if _vacia(valor_grupo):
        obs.append(observar(Codigo.GRUPO_FALTANTE, archivo=archivo, hoja=hoja_g, celda=celda_g,
                            campo=NOMBRE_GRUPO))
        return
    grupo = ajustes.grupo(texto_de_celda(valor_grupo))
    if grupo is None:
        obs.append(observar(Codigo.GRUPO_DESCONOCIDO, archivo=archivo, hoja=hoja_g, celda=celda_g,
                            campo=NOMBRE_GRUPO, valor=texto_de_celda(valor_grupo),
                            grupos=", ".join(g.nombre for g in ajustes.grupos)))
        return
    leida.grupo = grupo
    g = grupo.nombre

    hoja, fila_cab, indice = cabecera
    filas = libro.filas(hoja)
    faltan = [c for c in ajustes.criterios if c.clave not in indice]
    for c in faltan:
        obs.append(observar(Codigo.CRITERIO_FALTANTE, archivo=archivo, hoja=hoja,
                            celda=f"{fila_cab + 1}:{fila_cab + 1}", campo=c.clave, valor=c.clave,
                            etiqueta=c.nombre, grupo=g))
    if faltan:
        return
    col_codigo = indice[COLUMNA_CODIGO]

    def celda(fila: int, col: int) -> str:
        return f"{letra_columna(col)}{fila + 1}"

    vistas: dict[str, int] = {}
    for f in range(fila_cab + 1, len(filas)):
        fila = filas[f]

        def valor(col: int, fila: list[Any] = fila) -> Any:
            return fila[col] if col < len(fila) else None

        codigo = texto_de_celda(valor(col_codigo)).upper()
        crudos = {c.clave: valor(indice[c.clave]) for c in ajustes.criterios}
        sin_notas = all(_vacia(v) for v in crudos.values())
        if not codigo:
            if not sin_notas:
                obs.append(observar(Codigo.FICHA_DESCONOCIDA, archivo=archivo, hoja=hoja,
                                    celda=celda(f, col_codigo), campo=COLUMNA_CODIGO, valor="(vacío)", grupo=g))
            continue
        ficha = fichas.get(codigo)
        if ficha is None:
            obs.append(observar(Codigo.FICHA_DESCONOCIDA, archivo=archivo, hoja=hoja, celda=celda(f, col_codigo),
                                campo=COLUMNA_CODIGO, valor=codigo, grupo=g))
            continue
        if codigo in vistas:
            obs.append(observar(Codigo.FICHA_REPETIDA_EN_HOJA, archivo=archivo, hoja=hoja,
                                celda=celda(f, col_codigo), campo=COLUMNA_CODIGO, valor=codigo, ficha=codigo, ficha_codigo=codigo,
                                otra_fila=vistas[codigo] + 1, grupo=g))
            continue
        vistas[codigo] = f
        if ajustes.excluida(grupo, ficha.codigo_gerencia):
            if not sin_notas:
                obs.append(observar(Codigo.PUNTAJE_PROPIA_GERENCIA, archivo=archivo, hoja=hoja,
                                    celda=celda(f, col_codigo), campo=COLUMNA_CODIGO, valor=codigo,
                                    ficha=codigo, ficha_codigo=codigo, gerencia_ficha=ficha.codigo_gerencia, grupo=g))
            continue
        if sin_notas:
            obs.append(observar(Codigo.FICHA_SIN_PUNTAJE, archivo=archivo, hoja=hoja, celda=celda(f, col_codigo),
                                campo=COLUMNA_CODIGO, ficha=codigo, ficha_codigo=codigo, grupo=g))
            continue
        notas: dict[str, float] = {}
        for c in ajustes.criterios:
            crudo = crudos[c.clave]
            donde = {"archivo": archivo, "hoja": hoja, "celda": celda(f, indice[c.clave]), "campo": c.clave,
                     "ficha": codigo, "ficha_codigo": codigo, "etiqueta": c.nombre, "minimo": c.minimo, "maximo": c.maximo,
                     "grupo": g}
            dicha = {**donde, "etiqueta": f"{c.nombre}, ficha {codigo}"}
            if isinstance(crudo, FormulaSinValor | ErrorDeCelda):
                obs.append(observar(Codigo.FORMULA_SIN_VALOR if isinstance(crudo, FormulaSinValor)
                                    else Codigo.CELDA_CON_ERROR, valor=str(crudo), **dicha))
                continue
            if _vacia(crudo):
                obs.append(observar(Codigo.PUNTAJE_VACIO, **donde))
                continue
            nota, es_numero = _leer_nota(crudo)
            if not es_numero or nota is None:
                obs.append(observar(Codigo.PUNTAJE_NO_NUMERO, valor=texto_de_celda(crudo), **donde))
                continue
            if not nota.is_integer() or not c.minimo <= nota <= c.maximo:
                obs.append(observar(Codigo.PUNTAJE_FUERA_DE_ESCALA, valor=texto_de_celda(crudo), **donde))
                continue
            formula = libro.formula(hoja, f, indice[c.clave])
            if formula:
                obs.append(observar(Codigo.FORMULA_CALCULADA, valor=texto_de_celda(crudo), formula=f"={formula}", **dicha))
            notas[c.clave] = nota
        if len(notas) == len(ajustes.criterios):
            leida.notas[codigo] = notas
    for codigo, ficha in fichas.items():
        if codigo not in vistas and not ajustes.excluida(grupo, ficha.codigo_gerencia):
            obs.append(observar(Codigo.FICHA_SIN_PUNTAJE, archivo=archivo, hoja=hoja, campo=COLUMNA_CODIGO,
                                ficha=codigo, ficha_codigo=codigo, grupo=g))
