"""Etapa IV: el libro de perfil de cada compromiso seleccionado, para consultarlo con su gerencia.

Viene prellenado con lo que ya dice la ficha de la Etapa II (editable: perfilar es el punto) y
pide lo que le falta para el formato de compromiso de la OGP. Contrato con la lectura: nombres
definidos `perfil_<clave>` para los campos sueltos y dos tablas de Excel, `hitos` y `actores`,
con cabeceras marcadas por `hitos_cabecera` y `actores_cabecera`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.modelo import Ficha, Reunion
from ..nucleo.textos import fecha_larga
from ..salida import instrumento
from ..salida.excel import Formatos, escribir_valor, formatos, nuevo_libro, recortar
from ..salida.instrumento import COL_AYUDA, COL_ENTRADA, COL_ETIQUETA
from ..salida.word import filas_ficha
from . import esquema as P
from .ajustes import AjustesPerfilado


def nombre_archivo(codigo: str) -> str:
    return f"perfil_{codigo}.xlsx"


@dataclass
class Llenado:
    """Lo que una gerencia escribió (demostración, pruebas): reemplaza lo prellenado; None deja vacío."""

    valores: dict[str, Any] = field(default_factory=dict)
    hitos: Sequence[Sequence[Any]] | None = None      # (entregable, inicio, fin, responsable)
    actores: Sequence[Sequence[Any]] | None = None    # (nombre, tipo, rol)
    control: dict[str, str] = field(default_factory=dict)


def prellenado(config: Configuracion, ajustes: AjustesPerfilado, ficha: Ficha,
               reunion: Reunion | None) -> dict[str, Any]:
    """Lo que la Etapa II ya dice de cada campo del compromiso (la ficha y el acta de su gerencia)."""
    valores: dict[str, Any] = {clave: ficha[desde] for clave, desde in P.origen(config).items()
                               if not clave.startswith("relevancia_")}
    valores.update({"fecha_inicio": ajustes.inicio, "fecha_fin": ajustes.fin})
    if reunion is not None:
        valores.update({"responsable_nombre": reunion["especialista_nombre"],
                        "responsable_correo": reunion["especialista_correo"]})
    return valores


def actores_prellenados(ficha: Ficha, reunion: Reunion | None) -> list[tuple[str, str, str]]:
    """La gerencia y las organizaciones que formularon la ficha con ella en la Etapa II."""
    actores = [(ficha.gerencia, "Estado", "Responsable de la implementación")]
    vistas: set[str] = set()
    for p in reunion.participantes if reunion else ():
        if p.organizacion and p.organizacion.casefold() not in vistas:
            vistas.add(p.organizacion.casefold())
            actores.append((p.organizacion, P.SOCIEDAD_CIVIL, "Formuló la iniciativa en la Etapa II"))
    return actores[:P.FILAS_ACTORES]


def escribir_hoja_perfil(config: Configuracion, ajustes: AjustesPerfilado, ficha: Ficha, reunion: Reunion | None,
                         ruta: Path, llenado: Llenado | None = None) -> None:
    llenado = llenado or Llenado()
    valores = {**prellenado(config, ajustes, ficha, reunion), **llenado.valores}
    libro = nuevo_libro(ruta, f"Perfil del compromiso {ficha.codigo} — {ficha.gerencia}")
    fmt = formatos(libro)
    instrucciones = _hoja_instrucciones(libro, fmt, config, ajustes, ficha)
    _hoja_compromiso(libro, fmt, config, ajustes, ficha, valores)
    hitos = llenado.hitos if llenado.hitos is not None else []
    _hoja_tabla(libro, fmt, config, ficha, P.HOJA_HITOS, P.TABLA_HITOS, P.CABECERA_HITOS, P.COLUMNAS_HITOS,
                P.AYUDA_HITOS, [40, 14, 14, 28], P.FILAS_HITOS, hitos, ajustes,
                f"Hitos del compromiso: al menos {ajustes.minimo_hitos}, cada uno un entregable verificable con "
                f"fechas entre el {ajustes.inicio:%d/%m/%Y} y el {ajustes.fin:%d/%m/%Y}.")
    actores = llenado.actores if llenado.actores is not None else actores_prellenados(ficha, reunion)
    _hoja_tabla(libro, fmt, config, ficha, P.HOJA_ACTORES, P.TABLA_ACTORES, P.CABECERA_ACTORES, P.COLUMNAS_ACTORES,
                P.AYUDA_ACTORES, [44, 16, 50], P.FILAS_ACTORES, actores, ajustes,
                "Otros actores involucrados: instituciones del Estado, organizaciones de la sociedad civil y otros "
                "(academia, empresa, cooperación). Incluya al menos una organización de la sociedad civil.")
    _hoja_ficha(libro, fmt, config, ficha)
    listas = {clave: config.listas[clave] for clave in ("objetivo_pdc", "objetivo_pei")}
    instrumento.escribir_hoja_listas(libro, P.HOJA_LISTAS, listas)
    instrumento.escribir_hoja_control(libro, P.CONTROL, llenado.control)
    instrucciones.activate()
    libro.close()


def _hoja_instrucciones(libro: Workbook, fmt: Formatos, config: Configuracion, ajustes: AjustesPerfilado,
                        ficha: Ficha) -> Worksheet:
    hoja = libro.add_worksheet(P.HOJA_INSTRUCCIONES)
    instrumento.disponer_columnas(hoja, 34, 62, 40)
    instrumento.encabezado(hoja, fmt, config, "Perfil del compromiso de Gobierno Abierto — Etapa IV",
                           f"{config.entidad} · {config.programa}")
    datos = [("Gerencia Regional", ficha.gerencia), ("Código del compromiso", ficha.codigo),
             ("Iniciativa seleccionada", ficha.nombre),
             ("Período de implementación", f"del {fecha_larga(ajustes.inicio, False)} al {fecha_larga(ajustes.fin, False)}"),
             ("Plazo de entrega", f"{fecha_larga(ajustes.plazo)}, hasta las 23:59"),
             ("Enviar a", config.correo_coordinacion), ("Asunto del correo", f"Perfil del compromiso {ficha.codigo}")]
    fila = 4
    for etiqueta, valor in datos:
        hoja.write_string(fila, COL_ETIQUETA, etiqueta, fmt.etiqueta)
        hoja.write_string(fila, COL_ENTRADA, valor, fmt.fijo)
        fila += 1
    pasos = [
        f"El Comité de Gobierno Abierto seleccionó esta iniciativa. Reúnase con las organizaciones de la sociedad "
        f"civil que la formularon y perfílenla juntos como compromiso para {ajustes.periodo}, en el formato de la "
        "Alianza para el Gobierno Abierto (OGP).",
        f"En la hoja «{P.HOJA_COMPROMISO}» revise lo que ya dice la ficha (puede cambiarlo) y complete lo que "
        "falta: el problema y su línea de base, el responsable, las fechas y la relevancia para cada valor. "
        "Escriba solo en las celdas de color crema; los campos con * son obligatorios.",
        f"En la hoja «{P.HOJA_HITOS}» escriba al menos {ajustes.minimo_hitos} hitos. El Mecanismo de Revisión "
        "Independiente (IRM) de la OGP solo da por cumplido un hito con un entregable que cualquiera pueda "
        "comprobar: «20 conjuntos de datos publicados en el portal regional», no «Fortalecer la transparencia».",
        f"En la hoja «{P.HOJA_ACTORES}» anote las instituciones y organizaciones que participarán; la hoja "
        f"«{P.HOJA_FICHA}» muestra la ficha original para comparar.",
        "Anote la fecha y los participantes de la consulta al final de la hoja «Compromiso»: irán al acta.",
        f"Guarde el libro en Excel (.xlsx) o LibreOffice (.ods), sin contraseña, y envíelo a "
        f"{config.correo_coordinacion}. Si corrige algo, reenvíe el libro completo: se tomará el último envío.",
    ]
    fila = instrumento.escribir_pasos(hoja, fmt, fila + 1, pasos,
                                      alto=lambda paso: instrumento.alto_texto((paso, 95), minimo=30))
    guia = [(instrumento.etiqueta_campo(c), c.ayuda, instrumento.limite(c)) for c in P.campos(config)]
    guia += [(f"Hitos: {col}" + (" *" if col != "responsable" else ""), ayuda, "")
             for col, ayuda in P.AYUDA_HITOS.items()]
    guia += [(f"Actores: {col}", ayuda, "Elegir de la lista" if col == "tipo" else "")
             for col, ayuda in P.AYUDA_ACTORES.items()]
    instrumento.escribir_guia(hoja, fmt, fila + 1, "Guía de los campos", guia)
    hoja.protect("", instrumento.PROTEGER_ENTRADAS)
    hoja.set_paper(9)
    hoja.fit_to_pages(1, 0)
    return hoja


def _validacion(hoja: Worksheet, f0: int, c0: int, f1: int, c1: int, campo: Campo, ajustes: AjustesPerfilado,
                config: Configuracion) -> None:
    propias: dict[str, Any] | None = None
    if campo.tipo is Tipo.FECHA:
        desde = config.etapa("IV").inicio if campo.clave == "consulta_fecha" else ajustes.inicio
        propias = {"validate": "date", "criteria": "between", "minimum": desde, "maximum": ajustes.fin,
                   "error_message": f"Escriba una fecha (dd/mm/aaaa) entre el {desde:%d/%m/%Y} y el "
                                    f"{ajustes.fin:%d/%m/%Y}."}
    elif campo.tipo is Tipo.SOLES:
        propias = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": campo.maximo,
                   "error_message": "Escriba solo cifras, sin «S/» ni letras."}
    instrumento.validar_entrada(hoja, (f0, c0, f1, c1), campo, recortar(campo.etiqueta, 32), propias)


def _hoja_compromiso(libro: Workbook, fmt: Formatos, config: Configuracion, ajustes: AjustesPerfilado,
                     ficha: Ficha, valores: dict[str, Any]) -> None:
    hoja = libro.add_worksheet(P.HOJA_COMPROMISO)
    instrumento.disponer_columnas(hoja, 36, 70, 44)
    instrumento.encabezado(hoja, fmt, config, "Compromiso de Gobierno Abierto (formato de la OGP)",
                           f"{ficha.codigo} · {ficha.gerencia} · {config.entidad}")
    fila = 4
    for campo, valor in ((P.CODIGO, valores.get("codigo", ficha.codigo)), (P.GERENCIA, ficha.gerencia)):
        hoja.write_string(fila, COL_ETIQUETA, campo.etiqueta, fmt.etiqueta)
        escribir_valor(hoja, fila, COL_ENTRADA, valor, fmt.fijo)
        hoja.write_string(fila, COL_AYUDA, campo.ayuda, fmt.ayuda)
        libro.define_name(P.nombre_definido(campo.clave), f"='{P.HOJA_COMPROMISO}'!$C${fila + 1}")
        fila += 1
    origen = P.origen(config)
    for seccion in P.secciones(config):
        fila += 1
        hoja.merge_range(fila, COL_ETIQUETA, fila, COL_AYUDA, seccion.titulo, fmt.cabecera)
        fila += 1
        for campo in seccion.campos:
            ayuda = campo.ayuda
            if campo.clave.startswith("relevancia_"):
                ayuda += f" En la ficha de la Etapa II: «{ficha[origen[campo.clave]] or 'No'}»."
            elif campo.clave in origen:
                ayuda += " Tomado de la ficha de la Etapa II: ajústelo si la consulta lo cambió."
            hoja.write_string(fila, COL_ETIQUETA, instrumento.etiqueta_campo(campo), fmt.etiqueta)
            escribir_valor(hoja, fila, COL_ENTRADA, valores.get(campo.clave), instrumento.formato_entrada(campo, fmt))
            hoja.write_string(fila, COL_AYUDA, ayuda, fmt.ayuda)
            largo = campo.max_largo or 0
            hoja.set_row(fila, max(instrumento.alto_texto((campo.etiqueta, 36), (ayuda, 50)),
                                   96 if largo > 1000 else 60 if largo > 300 else 18))
            _validacion(hoja, fila, COL_ENTRADA, fila, COL_ENTRADA, campo, ajustes, config)
            libro.define_name(P.nombre_definido(campo.clave), f"='{P.HOJA_COMPROMISO}'!$C${fila + 1}")
            fila += 1
    hoja.protect("", {**instrumento.PROTEGER_ENTRADAS, "format_rows": True})
    hoja.set_paper(9)
    hoja.fit_to_pages(1, 0)


def _hoja_tabla(libro: Workbook, fmt: Formatos, config: Configuracion, ficha: Ficha, nombre_hoja: str, tabla: str,
                cabecera: str, columnas: tuple[str, ...], ayudas: dict[str, str], anchos: list[int], filas: int,
                datos: Sequence[Sequence[Any]], ajustes: AjustesPerfilado, indicacion: str) -> None:
    """Una tabla de Excel con su fila de ayuda encima, validaciones y celdas editables."""
    hoja = libro.add_worksheet(nombre_hoja)
    hoja.hide_gridlines(2)
    hoja.set_column(0, 0, 6)
    for c, ancho in enumerate(anchos, start=1):
        hoja.set_column(c, c, ancho)
    ultima = len(columnas)
    instrumento.encabezado(hoja, fmt, config, f"{nombre_hoja} — {ficha.codigo}", ficha.nombre, 0, ultima)
    hoja.merge_range(3, 0, 3, ultima, indicacion, fmt.texto_ajustado)
    hoja.set_row(3, 30)
    hoja.write_string(5, 0, "", fmt.ayuda)
    for c, col in enumerate(columnas, start=1):
        hoja.write_string(5, c, ayudas[col], fmt.ayuda)
    hoja.set_row(5, instrumento.alto_texto(*((ayudas[col], anchos[i]) for i, col in enumerate(columnas)),
                                           minimo=30))
    f0 = 6
    n = max(filas, len(datos))
    hoja.add_table(f0, 0, f0 + n, ultima, {"name": tabla, "autofilter": False, "style": "Table Style Light 9",
                                           "columns": [{"header": "N.º"}, *({"header": c} for c in columnas)]})
    hoja.write_string(f0, 0, "N.º", fmt.cabecera)
    for c, col in enumerate(columnas, start=1):
        hoja.write_string(f0, c, col, fmt.cabecera)
    libro.define_name(cabecera, f"='{nombre_hoja}'!$A${f0 + 1}")
    for i in range(n):
        fila = f0 + 1 + i
        hoja.write_number(fila, 0, i + 1, fmt.fijo)
        valores = list(datos[i]) if i < len(datos) else []
        for c, col in enumerate(columnas, start=1):
            valor = valores[c - 1] if c - 1 < len(valores) else None
            escribir_valor(hoja, fila, c, valor, fmt.entrada_fecha if col.startswith("fecha") else fmt.entrada_ajustada)
        hoja.set_row(fila, 30)
    for c, col in enumerate(columnas, start=1):
        if col.startswith("fecha"):
            campo = Campo(col, "Fecha del hito", P.AYUDA_HITOS[col], Tipo.FECHA)
        elif col == "tipo":
            hoja.data_validation(f0 + 1, c, f0 + n, c, {
                "validate": "list", "source": list(P.TIPOS_ACTOR), "input_title": "Tipo de actor",
                "input_message": ayudas[col], "error_title": "Valor no válido",
                "error_message": "Elija Estado, Sociedad civil u Otro."})
            continue
        else:
            campo = Campo(col, col.capitalize(), ayudas[col], Tipo.TEXTO, max_largo=400 if col == "entregable" else 200)
        _validacion(hoja, f0 + 1, c, f0 + n, c, campo, ajustes, config)
    hoja.protect("", {**instrumento.PROTEGER_ENTRADAS, "format_rows": True})
    hoja.freeze_panes(f0 + 1, 0)
    hoja.set_paper(9)
    hoja.set_landscape()
    hoja.fit_to_pages(1, 0)
    hoja.repeat_rows(f0)


def _hoja_ficha(libro: Workbook, fmt: Formatos, config: Configuracion, ficha: Ficha) -> None:
    hoja = libro.add_worksheet(P.HOJA_FICHA)
    instrumento.disponer_columnas(hoja, 40, 80, 2)
    instrumento.encabezado(hoja, fmt, config, "Ficha de la Etapa II (como la presentó la gerencia)",
                           f"{ficha.codigo} · {ficha.gerencia} · solo para consultar", ultima=COL_ENTRADA)
    for f, fila in enumerate(filas_ficha(ficha, config), start=4):
        hoja.write_string(f, COL_ETIQUETA, fila["etiqueta"], fmt.etiqueta)
        hoja.write_string(f, COL_ENTRADA, fila["valor"], fmt.valor)
        hoja.set_row(f, instrumento.alto_texto((fila["etiqueta"], 40), (fila["valor"], 80)))
    hoja.protect("")
    hoja.set_paper(9)
    hoja.fit_to_pages(1, 0)
