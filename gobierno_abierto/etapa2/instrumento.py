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
from ..nucleo.textos import fecha_larga
from ..salida import instrumento
from ..salida.excel import (
    Formatos,
    escribir_valor,
    formatos,
    nuevo_libro,
    preparar_impresion,
    recortar,
    recortar_palabras,
)
from ..salida.instrumento import COL_AYUDA, COL_ENTRADA, COL_ETIQUETA
from ..salida.publicacion import escribir_atomico


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
    claves = sorted({c.clave_lista for c in campos if c.clave_lista})
    instrumento.escribir_hoja_listas(libro, E.HOJA_LISTAS, {clave: config.listas[clave] for clave in claves},
                                     fmt.cabecera, ancho=40)
    instrumento.escribir_hoja_control(libro, E.CONTROL, control, otras=[("gerencia", gerencia.nombre)])
    libro.close()


@dataclass
class _Llenado:
    valores: dict[str, Any]

    def escribir(self, hoja: Worksheet, fila: int, col: int, nombre: str, formato: object) -> None:
        escribir_valor(hoja, fila, col, self.valores.get(nombre), formato)


def _hoja_instrucciones(libro: Workbook, fmt: Formatos, config: Configuracion, gerencia: Gerencia,
                        campos: tuple[Campo, ...], llenar: _Llenado) -> None:
    hoja = libro.add_worksheet(E.HOJA_INSTRUCCIONES)
    instrumento.disponer_columnas(hoja, 34, 62, 40)
    instrumento.encabezado(hoja, fmt, config, "Fichas de iniciativas de Gobierno Abierto — Etapa II",
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
    fila = instrumento.escribir_pasos(hoja, fmt, fila, pasos, alto=lambda _paso: 42)
    instrumento.escribir_guia(hoja, fmt, fila + 1, "Guía de los campos de cada ficha",
                              [(instrumento.etiqueta_campo(c), c.ayuda, instrumento.limite(c)) for c in campos])
    hoja.protect("", instrumento.PROTEGER_ENTRADAS)
    preparar_impresion(hoja, horizontal=True)
    hoja.activate()


def _alto_fila(campo: Campo) -> int:
    if campo.tipo is Tipo.TEXTO_LARGO:
        return 96 if (campo.max_largo or 0) > 1000 else 72
    minimo = 30 if campo.tipo is Tipo.LISTA or (campo.max_largo or 0) > 150 else 18
    return max(minimo, instrumento.alto_texto((campo.etiqueta, 36), (campo.ayuda, 46)))


def _validacion(hoja: Worksheet, fila: int, col: int, campo: Campo, config: Configuracion) -> None:
    titulo = next((t for t in (campo.etiqueta, campo.etiqueta_breve) if len(t) <= 32),
                  recortar_palabras(campo.etiqueta, 32))
    propias: dict[str, Any] | None = None
    if campo.tipo is Tipo.SI_NO:
        propias = {"validate": "list", "source": [E.SI, E.NO], "error_message": "Elija «Sí» o «No»."}
    elif campo.tipo is Tipo.SOLES or campo.tipo is Tipo.NUMERO:
        propias = {"validate": "decimal", "criteria": "between", "minimum": campo.minimo or 0,
                   "maximum": campo.maximo,
                   "error_message": recortar(f"Escriba solo cifras, entre {campo.minimo or 0:,.0f} y "
                                             f"{campo.maximo:,.0f}, sin «S/» ni letras.", 255)}
    elif campo.tipo is Tipo.ENTERO:
        propias = {"validate": "integer", "criteria": "between", "minimum": int(campo.minimo or 0),
                   "maximum": int(campo.maximo or 0),
                   "error_message": recortar(f"Escriba un número entero de personas, entre 0 y "
                                             f"{campo.maximo:,.0f}.", 255)}
    elif campo.tipo is Tipo.FECHA:
        propias = {"validate": "date", "criteria": "between",
                   "minimum": date(config.anio_actual - 1, 1, 1),
                   "maximum": date(config.anio_siguiente, 12, 31),
                   "error_message": "Escriba una fecha con el formato dd/mm/aaaa."}
    instrumento.validar_entrada(hoja, (fila, col, fila, col), campo, titulo, propias)


def _fila_campo(libro: Workbook, hoja: Worksheet, fmt: Formatos, config: Configuracion, fila: int,
                campo: Campo, nombre: str, hoja_nombre: str, llenar: _Llenado) -> None:
    hoja.write_string(fila, COL_ETIQUETA, instrumento.etiqueta_campo(campo), fmt.etiqueta)
    llenar.escribir(hoja, fila, COL_ENTRADA, nombre, instrumento.formato_entrada(campo, fmt))
    hoja.write_string(fila, COL_AYUDA, campo.ayuda, fmt.ayuda)
    hoja.set_row(fila, _alto_fila(campo))
    _validacion(hoja, fila, COL_ENTRADA, campo, config)
    libro.define_name(nombre, f"='{hoja_nombre}'!$C${fila + 1}")


def _hoja_ficha(libro: Workbook, fmt: Formatos, config: Configuracion, gerencia: Gerencia,
                campos: tuple[Campo, ...], n: int, llenar: _Llenado) -> None:
    nombre_hoja = E.hoja_ficha(n)
    hoja = libro.add_worksheet(nombre_hoja)
    instrumento.disponer_columnas(hoja, 38, 70, 42)
    instrumento.encabezado(hoja, fmt, config, E.TITULO_FICHA,
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
    hoja.protect("", {**instrumento.PROTEGER_ENTRADAS, "format_rows": True})
    preparar_impresion(hoja, horizontal=True, paginas_alto=1)


def _hoja_reunion(libro: Workbook, fmt: Formatos, config: Configuracion, gerencia: Gerencia,
                  llenar: _Llenado) -> None:
    hoja = libro.add_worksheet(E.HOJA_REUNION)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 5)
    hoja.set_column(1, 1, 40)
    hoja.set_column(2, 2, 40)
    hoja.set_column(3, 3, 34)
    instrumento.encabezado(hoja, fmt, config, "Reunión con la sociedad civil — datos para el Acta de Acuerdos",
                           f"{gerencia.nombre} · Etapa II")
    fila = 4
    for campo in E.CAMPOS_REUNION:
        hoja.write_string(fila, 1, instrumento.etiqueta_campo(campo), fmt.etiqueta)
        llenar.escribir(hoja, fila, 2, campo.clave, instrumento.formato_entrada(campo, fmt))
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
    hoja.protect("", {**instrumento.PROTEGER_ENTRADAS, "format_rows": True})
    preparar_impresion(hoja, horizontal=False)
