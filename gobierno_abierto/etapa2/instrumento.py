"""Etapa I/II: una plantilla de fichas personalizada por gerencia.

La disposición sigue la ficha del instructivo. Contrato con la lectura: cada celda de
entrada tiene un nombre definido de libro `fichaN_<clave>` (y `participanteI_<clave>`,
`reunion_…`), y el código de la gerencia está en `codigo_gerencia`. Leer por nombres hace
que insertar filas o guardar en LibreOffice no rompa nada.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..entrada.medicion import letra_columna
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.textos import fecha_larga, numero
from ..salida.excel import (
    Formatos,
    escribir_valor,
    formatos,
    nuevo_libro,
    preparar_impresion,
    recortar,
    recortar_palabras,
)
from ..salida.publicacion import escribir_atomico

COL_ETIQUETA, COL_ENTRADA, COL_AYUDA = 1, 2, 3


@dataclass(frozen=True)
class ResultadoPlantillas:
    archivos: list[Path]


def nombre_archivo_plantilla(gerencia: Gerencia) -> str:
    return f"fichas_{gerencia.codigo}.xlsx"


def escribir_plantillas(config: Configuracion, carpeta: Path,
                        codigos: list[str] | None = None) -> ResultadoPlantillas:
    """Escribe `fichas_<codigo>.xlsx` para cada gerencia (o solo las indicadas)."""
    archivos = []
    for gerencia in config.gerencias:
        if codigos and gerencia.codigo not in codigos:
            continue
        destino = carpeta / nombre_archivo_plantilla(gerencia)
        escribir_atomico(destino, lambda tmp, g=gerencia: escribir_plantilla(config, g, tmp))
        archivos.append(destino)
    return ResultadoPlantillas(archivos)


def escribir_plantilla(config: Configuracion, gerencia: Gerencia, ruta: Path,
                       valores: Mapping[str, Any] | None = None,
                       control: Mapping[str, str] | None = None) -> None:
    """Escribe la plantilla; `valores` (nombre definido → valor) la devuelve ya llena, como
    la llenaría una gerencia (lo usan la demostración, las pruebas y el banco de pruebas)."""
    libro = nuevo_libro(ruta, f"Fichas de Gobierno Abierto — {gerencia.nombre}", config)
    fmt = formatos(libro)
    campos = E.campos_ficha(config)
    llenar = _Llenado(dict(valores or {}))
    _hoja_instrucciones(libro, fmt, config, gerencia, campos, llenar)
    for n in range(1, config.fichas_por_gerencia + 1):
        _hoja_ficha(libro, fmt, config, gerencia, campos, n, llenar)
    _hoja_reunion(libro, fmt, config, gerencia, llenar)
    _hoja_listas(libro, fmt, config, campos)
    _hoja_control(libro, fmt, gerencia, dict(control or {}))
    libro.close()


@dataclass
class _Llenado:
    valores: dict[str, Any]

    def escribir(self, hoja: Worksheet, fila: int, col: int, nombre: str, formato: object) -> None:
        escribir_valor(hoja, fila, col, self.valores.get(nombre), formato)


def _encabezado(hoja: Worksheet, fmt: Formatos, config: Configuracion, titulo: str, subtitulo: str,
                ultima_col: int = COL_AYUDA) -> None:
    hoja.merge_range(0, COL_ETIQUETA, 0, ultima_col, f"“{config.nombre_anio}”", fmt.subtitulo)
    hoja.merge_range(1, COL_ETIQUETA, 1, ultima_col, titulo, fmt.titulo)
    hoja.merge_range(2, COL_ETIQUETA, 2, ultima_col, subtitulo, fmt.subtitulo)
    hoja.set_row(1, 24)


def _hoja_instrucciones(libro: Workbook, fmt: Formatos, config: Configuracion, gerencia: Gerencia,
                        campos: tuple[Campo, ...], llenar: _Llenado) -> None:
    hoja = libro.add_worksheet(E.HOJA_INSTRUCCIONES)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 2)
    hoja.set_column(COL_ETIQUETA, COL_ETIQUETA, 34)
    hoja.set_column(COL_ENTRADA, COL_ENTRADA, 62)
    hoja.set_column(COL_AYUDA, COL_AYUDA, 40)
    _encabezado(hoja, fmt, config, "Fichas de iniciativas de Gobierno Abierto — Etapa II",
                f"{config.entidad} · {config.programa}")
    etapa = config.etapa("II")
    datos = [
        ("Gerencia Regional", gerencia.nombre),
        ("Código de la gerencia", gerencia.codigo),
        ("Plazo de entrega", f"{fecha_larga(etapa.fin)}, hasta las 23:59"),
        ("Enviar a", config.correo_coordinacion),
        ("Asunto del correo", f"Fichas Gobierno Abierto – {gerencia.codigo}"),
    ]
    fila = 4
    for etiqueta, valor in datos:
        hoja.write_string(fila, COL_ETIQUETA, etiqueta, fmt.etiqueta)
        if etiqueta == "Código de la gerencia" and E.NOMBRE_CODIGO_GERENCIA in llenar.valores:
            valor = llenar.valores[E.NOMBRE_CODIGO_GERENCIA]  # solo para simular plantillas alteradas
        escribir_valor(hoja, fila, COL_ENTRADA, valor, fmt.fijo)
        if etiqueta == "Código de la gerencia":
            libro.define_name(E.NOMBRE_CODIGO_GERENCIA,
                              f"='{E.HOJA_INSTRUCCIONES}'!$C${fila + 1}")
        fila += 1
    fila += 1
    pasos = [
        f"Convoque a su Consejo Consultivo Regional Sectorial o, en su defecto, a las organizaciones de "
        f"la sociedad civil de su sector, y definan juntos {config.fichas_por_gerencia} actividades "
        f"(procesos, productos o servicios del POI {config.anio_actual}-{config.anio_siguiente}).",
        f"Llene una hoja por actividad: «{E.hoja_ficha(1)}» a «{E.hoja_ficha(config.fichas_por_gerencia)}». "
        "Escriba solo en las celdas de color crema; los campos con * son obligatorios.",
        "Use las listas desplegables para el ámbito y los objetivos estratégicos. Escriba los montos "
        "en soles y solo con cifras (por ejemplo 125000); no escriba «S/» ni puntos de miles.",
        f"En la hoja «{E.HOJA_REUNION}» anote la fecha, el lugar, las organizaciones y los representantes "
        "de la reunión con la sociedad civil: con esos datos se prepara el Acta de Acuerdos de su gerencia.",
        "Guarde el libro en Excel (.xlsx) o LibreOffice (.ods), sin contraseña, y envíelo como adjunto "
        f"a {config.correo_coordinacion} antes del plazo. Si corrige algo, reenvíe el libro completo: "
        "se tomará el último envío.",
        "No cambie los nombres de las hojas. Puede ajustar el alto de las filas o agregar filas si lo "
        "necesita: los datos se leen por el nombre de cada celda.",
    ]
    hoja.merge_range(fila, COL_ETIQUETA, fila, COL_AYUDA, "Cómo llenar este libro", fmt.titulo)
    fila += 1
    for i, paso in enumerate(pasos, start=1):
        hoja.write_string(fila, COL_ETIQUETA, f"Paso {i}", fmt.etiqueta)
        hoja.merge_range(fila, COL_ENTRADA, fila, COL_AYUDA, paso, fmt.texto_ajustado)
        hoja.set_row(fila, 42)
        fila += 1
    fila += 1
    hoja.merge_range(fila, COL_ETIQUETA, fila, COL_AYUDA, "Guía de los campos de cada ficha", fmt.titulo)
    fila += 1
    for c, titulo in ((COL_ETIQUETA, "Campo"), (COL_ENTRADA, "Qué escribir"), (COL_AYUDA, "Límite")):
        hoja.write_string(fila, c, titulo, fmt.cabecera)
    fila += 1
    for campo in campos:
        hoja.write_string(fila, COL_ETIQUETA, campo.etiqueta + (" *" if campo.obligatorio else ""),
                          fmt.texto_ajustado)
        hoja.write_string(fila, COL_ENTRADA, campo.ayuda, fmt.texto_ajustado)
        hoja.write_string(fila, COL_AYUDA, _limite(campo), fmt.texto_ajustado)
        hoja.set_row(fila, _alto_texto((campo.etiqueta, 34), (campo.ayuda, 62)))
        fila += 1
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    preparar_impresion(hoja, horizontal=True)
    hoja.activate()


def _limite(campo: Campo) -> str:
    if campo.tipo is Tipo.LISTA:
        return "Elegir de la lista"
    if campo.tipo is Tipo.SI_NO:
        return "Sí o No"
    if campo.es_numero:
        return f"Entre {numero(campo.minimo or 0)} y {numero(campo.maximo or 0)}"
    if campo.max_largo:
        return f"Hasta {numero(campo.max_largo)} caracteres"
    return ""


def _formato_entrada(campo: Campo, fmt: Formatos) -> object:
    return {
        Tipo.SOLES: fmt.entrada_soles,
        Tipo.ENTERO: fmt.entrada_entero,
        Tipo.NUMERO: fmt.entrada_numero,
        Tipo.FECHA: fmt.entrada_fecha,
        Tipo.TEXTO_LARGO: fmt.entrada_ajustada,
    }.get(campo.tipo, fmt.entrada_ajustada)


def _alto_texto(*textos: tuple[str, int]) -> int:
    """Alto de fila (puntos) para que quepan textos ajustados a un ancho de columna dado."""
    lineas = max(-(-len(texto) // max(ancho, 1)) for texto, ancho in textos)
    return max(15, 13 * lineas + 2)


def _alto_fila(campo: Campo) -> int:
    if campo.tipo is Tipo.TEXTO_LARGO:
        return 96 if (campo.max_largo or 0) > 1000 else 72
    minimo = 30 if campo.tipo is Tipo.LISTA or (campo.max_largo or 0) > 150 else 18
    return max(minimo, _alto_texto((campo.etiqueta, 36), (campo.ayuda, 46)))


def _validacion(hoja: Worksheet, fila: int, col: int, campo: Campo, config: Configuracion) -> None:
    titulo = next((t for t in (campo.etiqueta, campo.etiqueta_breve) if len(t) <= 32),
                  recortar_palabras(campo.etiqueta, 32))
    comun = {"input_title": titulo, "input_message": recortar(campo.ayuda, 255),
             "error_title": recortar("Valor no válido", 32), "ignore_blank": True}
    if campo.tipo is Tipo.LISTA:
        opciones = {"validate": "list", "source": f"=lista_{campo.clave_lista}",
                    "error_message": "Elija una opción de la lista desplegable."}
    elif campo.tipo is Tipo.SI_NO:
        opciones = {"validate": "list", "source": [E.SI, E.NO],
                    "error_message": "Elija «Sí» o «No»."}
    elif campo.tipo is Tipo.SOLES or campo.tipo is Tipo.NUMERO:
        opciones = {"validate": "decimal", "criteria": "between", "minimum": campo.minimo or 0,
                    "maximum": campo.maximo,
                    "error_message": recortar(f"Escriba solo cifras, entre {campo.minimo or 0:,.0f} y "
                                              f"{campo.maximo:,.0f}, sin «S/» ni letras.", 255)}
    elif campo.tipo is Tipo.ENTERO:
        opciones = {"validate": "integer", "criteria": "between", "minimum": int(campo.minimo or 0),
                    "maximum": int(campo.maximo or 0),
                    "error_message": recortar(f"Escriba un número entero de personas, entre 0 y "
                                              f"{campo.maximo:,.0f}.", 255)}
    elif campo.tipo is Tipo.FECHA:
        opciones = {"validate": "date", "criteria": "between",
                    "minimum": date(config.anio_actual - 1, 1, 1),
                    "maximum": date(config.anio_siguiente, 12, 31),
                    "error_message": "Escriba una fecha con el formato dd/mm/aaaa."}
    elif campo.max_largo:
        opciones = {"validate": "length", "criteria": "<=", "value": campo.max_largo,
                    "error_message": f"El texto admite como máximo {campo.max_largo:,} caracteres."}
    else:
        return
    hoja.data_validation(fila, col, fila, col, {**comun, **opciones})


def _fila_campo(libro: Workbook, hoja: Worksheet, fmt: Formatos, config: Configuracion, fila: int,
                campo: Campo, nombre: str, hoja_nombre: str, llenar: _Llenado) -> None:
    etiqueta = campo.etiqueta + (" *" if campo.obligatorio else "")
    hoja.write_string(fila, COL_ETIQUETA, etiqueta, fmt.etiqueta)
    llenar.escribir(hoja, fila, COL_ENTRADA, nombre, _formato_entrada(campo, fmt))
    hoja.write_string(fila, COL_AYUDA, campo.ayuda, fmt.ayuda)
    hoja.set_row(fila, _alto_fila(campo))
    _validacion(hoja, fila, COL_ENTRADA, campo, config)
    libro.define_name(nombre, f"='{hoja_nombre}'!$C${fila + 1}")


def _hoja_ficha(libro: Workbook, fmt: Formatos, config: Configuracion, gerencia: Gerencia,
                campos: tuple[Campo, ...], n: int, llenar: _Llenado) -> None:
    nombre_hoja = E.hoja_ficha(n)
    hoja = libro.add_worksheet(nombre_hoja)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 2)
    hoja.set_column(COL_ETIQUETA, COL_ETIQUETA, 38)
    hoja.set_column(COL_ENTRADA, COL_ENTRADA, 70)
    hoja.set_column(COL_AYUDA, COL_AYUDA, 42)
    _encabezado(hoja, fmt, config, E.TITULO_FICHA,
                f"Ficha {n} de {config.fichas_por_gerencia} · {config.entidad} · Gobierno Abierto")
    fila = 4
    hoja.write_string(fila, COL_ETIQUETA, "Nombre de la Gerencia Regional", fmt.etiqueta)
    hoja.write_string(fila, COL_ENTRADA, gerencia.nombre, fmt.fijo)
    hoja.write_string(fila, COL_AYUDA, "Completado por la coordinación.", fmt.ayuda)
    fila += 1
    primero_ogp = next((c for c in campos if c.tipo is Tipo.SI_NO), None)
    for campo in campos:
        if campo is primero_ogp:
            fila += 1
            hoja.merge_range(fila, COL_ETIQUETA, fila, COL_AYUDA,
                             "Valores de Gobierno Abierto que promueve la actividad "
                             "(marque «Sí» en al menos uno)", fmt.cabecera)
            fila += 1
        _fila_campo(libro, hoja, fmt, config, fila, campo, E.nombre_ficha(n, campo.clave), nombre_hoja,
                    llenar)
        fila += 1
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True,
                      "format_rows": True})
    preparar_impresion(hoja, horizontal=True, paginas_alto=1)


def _hoja_reunion(libro: Workbook, fmt: Formatos, config: Configuracion, gerencia: Gerencia,
                  llenar: _Llenado) -> None:
    hoja = libro.add_worksheet(E.HOJA_REUNION)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 5)
    hoja.set_column(1, 1, 40)
    hoja.set_column(2, 2, 40)
    hoja.set_column(3, 3, 34)
    _encabezado(hoja, fmt, config, "Reunión con la sociedad civil — datos para el Acta de Acuerdos",
                f"{gerencia.nombre} · Etapa II")
    fila = 4
    for campo in E.CAMPOS_REUNION:
        hoja.write_string(fila, 1, campo.etiqueta + (" *" if campo.obligatorio else ""), fmt.etiqueta)
        llenar.escribir(hoja, fila, 2, campo.clave, _formato_entrada(campo, fmt))
        hoja.write_string(fila, 3, campo.ayuda, fmt.ayuda)
        hoja.set_row(fila, _alto_fila(campo))
        _validacion(hoja, fila, 2, campo, config)
        libro.define_name(campo.clave, f"='{E.HOJA_REUNION}'!$C${fila + 1}")
        fila += 1
    fila += 1
    hoja.merge_range(fila, 0, fila, 3, "Representantes de la sociedad civil que participaron",
                     fmt.titulo)
    fila += 1
    hoja.write_string(fila, 0, "N.º", fmt.cabecera)
    for c, campo in enumerate(E.CAMPOS_PARTICIPANTE, start=1):
        hoja.write_string(fila, c, campo.etiqueta, fmt.cabecera)
    fila += 1
    for i in range(1, E.MAX_PARTICIPANTES + 1):
        hoja.write_number(fila, 0, i, fmt.fijo)
        for c, campo in enumerate(E.CAMPOS_PARTICIPANTE, start=1):
            llenar.escribir(hoja, fila, c, E.nombre_participante(i, campo.clave), fmt.entrada)
            _validacion(hoja, fila, c, campo, config)
            libro.define_name(E.nombre_participante(i, campo.clave),
                              f"='{E.HOJA_REUNION}'!${letra_columna(c)}${fila + 1}")
        fila += 1
    hoja.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True})
    preparar_impresion(hoja, horizontal=False)


def _hoja_listas(libro: Workbook, fmt: Formatos, config: Configuracion, campos: tuple[Campo, ...]) -> None:
    hoja = libro.add_worksheet(E.HOJA_LISTAS)
    claves = sorted({c.clave_lista for c in campos if c.clave_lista})
    for col, clave in enumerate(claves):
        opciones = config.listas[clave]
        hoja.write_string(0, col, clave, fmt.cabecera)
        hoja.set_column(col, col, 40)
        for f, opcion in enumerate(opciones, start=1):
            hoja.write_string(f, col, opcion)
        letra = letra_columna(col)
        libro.define_name(f"lista_{clave}", f"='{E.HOJA_LISTAS}'!${letra}$2:${letra}${len(opciones) + 1}")
    hoja.protect("")
    hoja.hide()


def _hoja_control(libro: Workbook, fmt: Formatos, gerencia: Gerencia, control: dict[str, str]) -> None:
    hoja = libro.add_worksheet(E.HOJA_CONTROL)
    filas = [("plantilla_id", control.get("plantilla_id", E.PLANTILLA_ID), E.NOMBRE_PLANTILLA_ID),
             ("plantilla_version", control.get("plantilla_version", E.PLANTILLA_VERSION),
              E.NOMBRE_PLANTILLA_VERSION),
             ("gerencia", gerencia.nombre, None)]
    for f, (clave, valor, nombre) in enumerate(filas):
        hoja.write_string(f, 0, clave)
        hoja.write_string(f, 1, valor)
        if nombre:
            libro.define_name(nombre, f"='{E.HOJA_CONTROL}'!$B${f + 1}")
    hoja.protect("")
    hoja.hide()
