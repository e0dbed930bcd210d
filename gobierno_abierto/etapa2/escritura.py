"""El libro consolidado de la Etapa II: escritura y lectura (para las etapas siguientes).

Las columnas de la hoja «Fichas» salen del esquema; la misma función las usa para leer el
libro de vuelta. También se escribe un libro de observaciones por gerencia, listo para
enviarle por correo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..entrada.trabajadores import Caida, Trabajadores, en_procesos
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.modelo import EstadoFicha
from ..nucleo.observaciones import Observacion
from ..nucleo.textos import cantidad, fecha_hora
from ..salida import hoja_observaciones
from ..salida.excel import (
    Formatos,
    alto_de_lineas,
    escribir_tabla,
    escribir_titulo,
    escribir_valor,
    formatos,
    lineas_de_texto,
    nuevo_libro,
    preparar_impresion,
)
from ..salida.fichas_imprimir import escribir_fichas_para_imprimir
from ..salida.hoja_observaciones import HOJA_OBSERVACIONES
from ..salida.publicacion import (
    ErrorPublicacion,
    escribir_atomico,
    ruta_de_escritura,
    ruta_temporal,
)
from .calculo import EstadoGerencia, ResultadoConsolidacion

HOJA_RESUMEN = "Resumen"
HOJA_ESTADO = "Estado"
HOJA_FICHAS = "Fichas"
HOJA_FICHAS_IMPRIMIR = "Fichas (para imprimir)"
HOJA_REUNIONES = "Reuniones"
HOJA_PARTICIPANTES = "Participantes"

# Columnas fijas de «Fichas» antes y después de los campos del esquema: (clave, etiqueta, ancho).
_ANTES = (("codigo", "Código", 11), ("codigo_gerencia", "Código de gerencia", 11),
          ("gerencia", "Gerencia", 36), ("numero", "N.º de ficha", 8))
_DESPUES = (("estado", "Estado", 16), ("errores", "Errores", 9), ("advertencias", "Advertencias", 11),
            ("archivo", "Archivo de origen", 30), ("fecha_recepcion", "Fecha de recepción", 16))

# Columnas de «Observaciones» (de `salida.hoja_observaciones.COLUMNAS`); la versión para la gerencia
# omite las que ya dice el encabezado de su libro.
COLUMNAS_OBSERVACIONES = ("Gerencia", "Archivo", "Hoja", "Celda", "Ficha", "Campo", "Valor escrito",
                          "Severidad", "Qué corregir", "Código")
COLUMNAS_PARA_GERENCIA = ("Archivo", "Hoja", "Celda", "Ficha", "Campo", "Valor escrito", "Severidad",
                          "Qué corregir")
COLUMNAS_PARA_COMITE = ("Archivo", "Hoja", "Celda", "Ficha", "Campo", "Valor escrito", "Severidad",
                        "Qué corregir", "Código")
# Hojas ocultas de la plantilla: una persona no puede ir a esas celdas, así que no se las nombra.
HOJAS_OCULTAS = (E.HOJA_LISTAS, E.HOJA_CONTROL)


def columnas_fichas(config: Configuracion) -> list[tuple[str, str, int]]:
    campos = [(c.clave, c.etiqueta, c.ancho) for c in E.campos_ficha(config)]
    return [*_ANTES, *campos, *_DESPUES]


def _etiquetas_campos(config: Configuracion) -> dict[str, str]:
    todos = E.campos_ficha(config) + E.CAMPOS_REUNION + E.CAMPOS_PARTICIPANTE
    return {**{c.clave: c.etiqueta for c in todos}, **E.ETIQUETAS_OTROS_CAMPOS}


def _formato_campo(campo: Campo | None, fmt: Formatos) -> Any:
    if campo is None:
        return fmt.texto_ajustado
    return {Tipo.SOLES: fmt.soles, Tipo.ENTERO: fmt.entero, Tipo.NUMERO: fmt.numero,
            Tipo.FECHA: fmt.fecha}.get(campo.tipo, fmt.texto_ajustado)


# --- escritura ---------------------------------------------------------------------------


def escribir_consolidado(resultado: ResultadoConsolidacion, config: Configuracion, destino: Path) -> Path:
    return escribir_atomico(destino, lambda tmp: _escribir_consolidado(resultado, config, tmp))


def _escribir_consolidado(resultado: ResultadoConsolidacion, config: Configuracion, ruta: Path) -> None:
    libro = nuevo_libro(ruta, "Consolidado de fichas de Gobierno Abierto — Etapa II", config)
    fmt = formatos(libro)
    _hoja_resumen(libro, libro.add_worksheet(HOJA_RESUMEN), fmt, resultado, config)
    _hoja_estado(libro.add_worksheet(HOJA_ESTADO), fmt, resultado.estados)
    _hoja_fichas(libro.add_worksheet(HOJA_FICHAS), fmt, resultado, config)
    con_error = {(o.ficha, o.campo) for o in resultado.observaciones if o.es_error and o.ficha}
    escribir_fichas_para_imprimir(
        libro, libro.add_worksheet(HOJA_FICHAS_IMPRIMIR), config, resultado.fichas,
        "Fichas recibidas — Etapa II",
        f"Una ficha por bloque, en el orden de la hoja «{HOJA_FICHAS}»; los valores en rojo tienen un error "
        f"(vea «{HOJA_OBSERVACIONES}»). Para filtrar o comparar fichas, use la hoja «{HOJA_FICHAS}».",
        estado=lambda f: f.estado.value.capitalize(), con_error=con_error)
    escribir_observaciones(libro.add_worksheet(HOJA_OBSERVACIONES), fmt, resultado.observaciones, config)
    _hoja_reuniones(libro.add_worksheet(HOJA_REUNIONES), fmt, resultado, config)
    _hoja_participantes(libro.add_worksheet(HOJA_PARTICIPANTES), fmt, resultado, config)
    libro.close()


def nombre_breve(gerencia: Gerencia) -> str:
    """«Gerencia Regional de Educación» → «Educación» (para ejes de gráficos y tablas estrechas)."""
    for prefijo in ("Gerencia Regional de la ", "Gerencia Regional del ", "Gerencia Regional de ",
                    "Gerencia Regional "):
        if gerencia.nombre.startswith(prefijo):
            resto = gerencia.nombre[len(prefijo):]
            return resto[:1].upper() + resto[1:]
    return gerencia.nombre


def _hoja_resumen(libro: Any, hoja: Any, fmt: Formatos, r: ResultadoConsolidacion, config: Configuracion) -> None:
    hoja.hide_gridlines(2)
    anchos = (40, 14, 14, 14, 14)
    for c, ancho in enumerate(anchos):
        hoja.set_column(c, c, ancho)
    ultima = len(anchos) - 1
    fila = escribir_titulo(hoja, fmt, config, "Consolidado de fichas de Gobierno Abierto — Etapa II",
                           f"{config.entidad} · plazo de entrega: {fecha_hora(config.etapa('II').plazo)}",
                           columnas=len(anchos))
    enviaron = [e for e in r.estados if e.enviado]
    sin_envio = [e.gerencia.nombre for e in r.estados if not e.enviado]
    tarde = [e.gerencia.nombre for e in r.estados if e.enviado and not e.a_tiempo]
    esperadas = len(config.gerencias) * config.fichas_por_gerencia
    validas = sum(f.estado.es_valida for f in r.fichas)
    filas: list[tuple[str, Any]] = [
        ("Archivos y adjuntos leídos", r.envios_leidos),
        ("Gerencias que enviaron su libro", f"{len(enviaron)} de {len(config.gerencias)}"),
        ("Fichas recibidas", f"{len(r.fichas)} de {esperadas}"),
        ("Fichas válidas (pasan a la Etapa III)", validas),
        ("Fichas con errores por corregir", len(r.fichas) - validas),
        ("Observaciones de error", r.errores),
        ("Advertencias", r.advertencias),
        ("Envíos reemplazados por uno posterior", r.envios_reemplazados),
        ("Gerencias sin envío", "; ".join(sin_envio) or "Ninguna"),
        ("Envíos fuera de plazo", "; ".join(tarde) or "Ninguno"),
        ("Actas de la Etapa II con la sociedad civil",
         f"{sum(e.acta_completa for e in enviaron)} de {len(enviaron)} con datos completos"),
    ]
    valor_izq = libro.add_format({"font_name": "Calibri", "font_size": 10, "valign": "top", "text_wrap": True,
                                  "align": "left", "border": 1, "border_color": "#BFBFBF"})
    for etiqueta, valor in filas:
        hoja.write_string(fila, 0, etiqueta, fmt.etiqueta)
        hoja.merge_range(fila, 1, fila, ultima, "", valor_izq)
        escribir_valor(hoja, fila, 1, valor, valor_izq)
        if isinstance(valor, str):
            hoja.set_row(fila, alto_de_lineas(lineas_de_texto(valor, sum(anchos[1:]))))
        fila += 1
    fila += 1
    hoja.write_string(fila, 0, "Cómo leer este libro", fmt.negrita)
    ayudas = [
        f"«{HOJA_ESTADO}»: una fila por gerencia: si envió, si llegó a tiempo y cuántas fichas valen.",
        f"«{HOJA_FICHAS}»: una fila por ficha recibida, con todos sus campos, para filtrar en la pantalla; "
        "las celdas en rojo tienen un error.",
        f"«{HOJA_FICHAS_IMPRIMIR}»: las mismas fichas, una por bloque, para imprimir o leer en papel.",
        f"«{HOJA_OBSERVACIONES}»: un problema por fila, con archivo, hoja y celda, y qué corregir.",
        f"«{HOJA_REUNIONES}» y «{HOJA_PARTICIPANTES}»: datos para el Acta de Acuerdos de cada gerencia.",
        "El libro de observaciones de cada gerencia está en la carpeta «observaciones», listo para enviar.",
    ]
    for texto in ayudas:
        fila += 1
        hoja.merge_range(fila, 0, fila, ultima, f"•  {texto}", fmt.texto_ajustado)
        hoja.set_row(fila, alto_de_lineas(lineas_de_texto(f"•  {texto}", sum(anchos))))
    fila += 2
    _grafico_gerencias(libro, hoja, fmt, r, fila)
    preparar_impresion(hoja, horizontal=False)
    hoja.activate()


def _grafico_gerencias(libro: Any, hoja: Any, fmt: Formatos, r: ResultadoConsolidacion, fila: int) -> None:
    """La situación de cada gerencia de un vistazo: fichas válidas, con errores y faltantes (barras
    apiladas), con la tabla de la que sale el gráfico."""
    hoja.write_string(fila, 0, "Fichas de cada gerencia", fmt.negrita)
    cabeceras = ["Gerencia", "Válidas", "Con errores", "Faltantes", "Acta II"]
    fila += 1
    for c, t in enumerate(cabeceras):
        hoja.write_string(fila, c, t, fmt.cabecera)
    primera = fila + 1
    for e in r.estados:
        fila += 1
        hoja.write_string(fila, 0, nombre_breve(e.gerencia), fmt.texto)
        for c, n in enumerate((e.fichas_validas, e.fichas_con_errores, e.fichas_faltantes), start=1):
            hoja.write_number(fila, c, n, fmt.entero)
        hoja.write_string(fila, 4, ("Completa" if e.acta_completa else "Incompleta") if e.enviado else "Sin envío",
                          fmt.texto)
    ultima = fila
    if not r.estados:
        return
    grafico = libro.add_chart({"type": "bar", "subtype": "stacked"})
    nombre_hoja = HOJA_RESUMEN
    for c, color in ((1, "#70AD47"), (2, "#E46C0A"), (3, "#BFBFBF")):
        grafico.add_series({"name": [nombre_hoja, primera - 1, c],
                            "categories": [nombre_hoja, primera, 0, ultima, 0],
                            "values": [nombre_hoja, primera, c, ultima, c],
                            "fill": {"color": color}, "border": {"color": "#FFFFFF"}, "gap": 40})
    grafico.set_title({"name": "Situación de las fichas de cada gerencia", "name_font": {"size": 11}})
    grafico.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    grafico.set_x_axis({"min": 0, "max": max(5, max(e.fichas_validas + e.fichas_con_errores + e.fichas_faltantes
                                                        for e in r.estados)),
                        "major_unit": 1, "name": "Fichas", "major_gridlines": {"visible": True}})
    grafico.set_legend({"position": "bottom"})
    grafico.set_size({"width": 640, "height": 24 * len(r.estados) + 110})
    hoja.insert_chart(ultima + 2, 0, grafico, {"x_offset": 4, "y_offset": 4})


def _hoja_estado(hoja: Any, fmt: Formatos, estados: list[EstadoGerencia]) -> None:
    cabeceras = ["Código", "Gerencia", "Envío recibido", "Archivo vigente", "Fecha de recepción",
                 "Fecha tomada de", "Plazo", "Envíos recibidos", "Fichas válidas", "Fichas con errores",
                 "Fichas faltantes", "Datos del acta", "Errores", "Advertencias", "Situación"]
    filas = []
    for e in estados:
        filas.append([
            e.gerencia.codigo, e.gerencia.nombre, "Sí" if e.enviado else "No", e.archivo,
            e.fecha.replace(tzinfo=None) if e.fecha else None,
            {"correo": "fecha del correo", "archivo": "fecha del archivo"}.get(e.origen_fecha, e.origen_fecha),
            "—" if e.a_tiempo is None else "A tiempo" if e.a_tiempo else "Fuera de plazo",
            e.envios, e.fichas_validas, e.fichas_con_errores, e.fichas_faltantes,
            ("Completos" if e.acta_completa else "Incompletos") if e.enviado else "—",
            e.errores, e.advertencias, e.situacion,
        ])
    formatos_col = [None, None, None, None, fmt.fecha_hora, None, None, fmt.entero, fmt.entero, fmt.entero,
                    fmt.entero, None, fmt.entero, fmt.entero, None]
    escribir_tabla(hoja, cabeceras, filas, [9, 28, 9, 22, 17, 13, 12, 10, 10, 11, 10, 11, 9, 12, 22],
                   fmt, formatos_col)
    n = len(filas)
    if n:
        hoja.conditional_format(1, 14, n, 14, {"type": "text", "criteria": "begins with",
                                                "value": "Sin envío", "format": fmt.error})
        hoja.conditional_format(1, 14, n, 14, {"type": "text", "criteria": "begins with",
                                                "value": "Con errores", "format": fmt.error})
        hoja.conditional_format(1, 14, n, 14, {"type": "text", "criteria": "begins with",
                                                "value": "Completo,", "format": fmt.advertencia})
        hoja.conditional_format(1, 14, n, 14, {"type": "cell", "criteria": "==",
                                                "value": '"Completo"', "format": fmt.bien})
        hoja.conditional_format(1, 6, n, 6, {"type": "cell", "criteria": "==",
                                              "value": '"Fuera de plazo"', "format": fmt.advertencia})


def _hoja_fichas(hoja: Any, fmt: Formatos, r: ResultadoConsolidacion, config: Configuracion) -> None:
    columnas = columnas_fichas(config)
    campos = {c.clave: c for c in E.campos_ficha(config)}
    con_error = {(o.ficha, o.campo) for o in r.observaciones if o.es_error and o.ficha}
    formato_error = fmt.error
    for c, (_clave, etiqueta, ancho) in enumerate(columnas):
        hoja.write_string(0, c, etiqueta, fmt.cabecera)
        hoja.set_column(c, c, ancho)
    for f, ficha in enumerate(r.fichas, start=1):
        fila = {"codigo": ficha.codigo, "codigo_gerencia": ficha.codigo_gerencia, "gerencia": ficha.gerencia,
                "numero": ficha.numero, "estado": ficha.estado.value, "errores": ficha.errores,
                "advertencias": ficha.advertencias, "archivo": ficha.archivo,
                "fecha_recepcion": ficha.fecha_recepcion.replace(tzinfo=None) if ficha.fecha_recepcion else None,
                **ficha.valores}
        for c, (clave, _etiqueta, _ancho) in enumerate(columnas):
            formato = formato_error if (ficha.codigo, clave) in con_error else _formato_campo(campos.get(clave), fmt)
            if clave == "fecha_recepcion":
                formato = fmt.fecha_hora
            escribir_valor(hoja, f, c, fila.get(clave), formato)
        hoja.set_row(f, 48)  # tres líneas visibles; el texto completo está en la celda
    hoja.freeze_panes(1, 4)
    hoja.autofilter(0, 0, max(len(r.fichas), 1), len(columnas) - 1)
    hoja.set_row(0, 45)
    # Hoja para la pantalla: impresa daría decenas de páginas de cuatro columnas. Su área de impresión
    # es una nota, al final de la cabecera, que manda a la hoja para imprimir.
    nota = len(columnas) + 1
    hoja.set_column(nota, nota, 48)
    hoja.write_string(0, nota, f"Esta hoja es para consultar en la pantalla. Para imprimir las fichas, use "
                               f"la hoja «{HOJA_FICHAS_IMPRIMIR}».", fmt.ayuda)
    preparar_impresion(hoja, horizontal=False, area=(0, nota, 0, nota))
    col_estado = next(i for i, c in enumerate(columnas) if c[0] == "estado")
    if r.fichas:
        hoja.conditional_format(1, col_estado, len(r.fichas), col_estado,
                                {"type": "cell", "criteria": "==", "value": f'"{EstadoFicha.CON_ERRORES}"',
                                 "format": fmt.error})


def escribir_observaciones(hoja: Any, fmt: Formatos, observaciones: list[Observacion], config: Configuracion,
                           fila_inicio: int = 0,
                           columnas: tuple[str, ...] = COLUMNAS_OBSERVACIONES) -> None:
    """Las observaciones de las fichas, con los campos por su etiqueta y sin nombrar las hojas ocultas."""
    hoja_observaciones.escribir_observaciones(hoja, fmt, observaciones, columnas, _etiquetas_campos(config),
                                              HOJAS_OCULTAS, fila_inicio)


def _hoja_reuniones(hoja: Any, fmt: Formatos, r: ResultadoConsolidacion, config: Configuracion) -> None:
    cabeceras = ["Código de gerencia", "Gerencia"] + [c.etiqueta for c in E.CAMPOS_REUNION]
    nombres = {g.codigo: g.nombre for g in config.gerencias}
    filas = [[codigo, nombres.get(codigo, ""), *[reunion.valores.get(c.clave) for c in E.CAMPOS_REUNION]]
             for codigo, reunion in r.reuniones.items()]
    formatos_col = [None, None, *[_formato_campo(c, fmt) for c in E.CAMPOS_REUNION]]
    escribir_tabla(hoja, cabeceras, filas, [11, 30, *[c.ancho for c in E.CAMPOS_REUNION]], fmt, formatos_col)


def _hoja_participantes(hoja: Any, fmt: Formatos, r: ResultadoConsolidacion, config: Configuracion) -> None:
    cabeceras = ["Código de gerencia", "N.º", *[c.etiqueta for c in E.CAMPOS_PARTICIPANTE]]
    filas = [[codigo, i, *[getattr(p, c.clave) for c in E.CAMPOS_PARTICIPANTE]]
             for codigo, reunion in r.reuniones.items()
             for i, p in enumerate(reunion.participantes, start=1)]
    escribir_tabla(hoja, cabeceras, filas, [11, 6, 34, 40, 28], fmt)


# --- observaciones por gerencia ----------------------------------------------------------------


def escribir_observaciones_gerencias(resultado: ResultadoConsolidacion, config: Configuracion, carpeta: Path,
                                     trabajadores: Trabajadores | None = None,
                                     mientras: Callable[[], None] | None = None) -> list[Path]:
    """Un libro por gerencia con sus observaciones (o la constancia de que no tiene), escritos en
    procesos trabajadores (con cientos de gerencias es la mitad del trabajo de consolidar) mientras
    este proceso hace `mientras`."""
    por_gerencia: dict[str, list[Observacion]] = defaultdict(list)
    for o in resultado.observaciones:
        por_gerencia[o.gerencia].append(o)
    estados = {e.gerencia.codigo: e for e in resultado.estados}
    destinos = [carpeta / f"{g.codigo}.xlsx" for g in config.gerencias]
    tareas = [(g, por_gerencia.get(g.codigo, []), estados.get(g.codigo), ruta_de_escritura(d))
              for g, d in zip(config.gerencias, destinos, strict=True)]
    resultados = en_procesos(escribir_libro_observaciones, tareas, config, mientras=mientras,
                             trabajadores=trabajadores)
    for r in resultados:
        if isinstance(r, ErrorPublicacion):  # disco lleno, carpeta sin permiso: se explica y sale con 2
            raise r
    caidas = [r for r in resultados if isinstance(r, Caida)]
    if caidas:
        raise RuntimeError(f"No se pudo escribir un libro de observaciones: {caidas[0].causa}")
    return destinos


def escribir_libro_observaciones(tarea: tuple[Gerencia, list[Observacion], EstadoGerencia | None, Path],
                                 config: Configuracion) -> Path | ErrorPublicacion:
    """Un libro de observaciones (en un proceso trabajador), publicado de una vez en su destino. Un error
    del sistema al escribirlo vuelve como dato, para que el proceso principal lo explique."""
    gerencia, obs, estado, destino = tarea
    try:
        with ruta_temporal(destino) as tmp:
            _libro_observaciones(gerencia, obs, estado, config, tmp)
    except ErrorPublicacion as e:
        return e
    return destino


def _libro_observaciones(gerencia: Gerencia, obs: list[Observacion], estado: EstadoGerencia | None,
                         config: Configuracion, ruta: Path) -> None:
    errores = sum(o.es_error for o in obs)
    if not obs:
        texto = "Sus fichas no tienen observaciones. Gracias."
    elif errores:
        texto = (f"Hay {cantidad(errores, 'error por corregir', 'errores por corregir')}. Corrija las celdas "
                 f"indicadas en su libro y reenvíelo completo a {config.correo_coordinacion}; se tomará el "
                 "último envío.")
    else:
        texto = "Sus fichas son válidas; revise las advertencias por si algo no es lo que quiso decir."
    situacion = [texto]
    if estado and estado.enviado:
        situacion.append(f"Envío revisado: {estado.archivo} ({fecha_hora(estado.fecha)}). "
                         f"Situación: {estado.situacion}.")
    hoja_observaciones.escribir_libro_observaciones(
        ruta, config, f"Observaciones a las fichas de Gobierno Abierto — {gerencia.nombre}", "Etapa II", situacion,
        lambda hoja, fmt, fila: escribir_observaciones(hoja, fmt, obs, config, fila_inicio=fila,
                                                       columnas=COLUMNAS_PARA_GERENCIA),
        titulo_libro=f"Observaciones — {gerencia.nombre}")
