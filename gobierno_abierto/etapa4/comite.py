"""La hoja de selección del Comité de Gobierno Abierto (Etapa IV): escritura y lectura.

Contrato: una tabla de Excel llamada «seleccion» con las columnas «Código», «Seleccionada»
(Sí/No) y «Motivo»; las cabeceras se comparan sin tildes ni mayúsculas (`texto_cabecera`), así que
«codigo» también vale. En .ods (tras guardar en LibreOffice) la tabla se vuelve un rango de base
de datos, así que se localiza por el nombre definido de su cabecera y, si falta, buscando la
fila de cabecera en las hojas.

Presupuesto de lectura: el de `libro.AREA_DEFECTO` (A1:BH1000 de cada hoja que se mira; la tabla
ocupa unas 20 filas y 16 columnas). Lo que haya fuera es una advertencia que nombra la celda. Una
celda con error (#REF!) o con una fórmula sin valor en «codigo», «seleccionada» o «motivo» se dice
como tal; una fórmula con resultado guardado en «seleccionada» se acepta con una advertencia.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..entrada.archivos import Documento
from ..entrada.libro import ErrorDeCelda, FormulaSinValor, Libro, letra_columna, texto_cabecera
from ..etapa2.validacion import interpretar_si_no
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import NO, SI
from ..nucleo.modelo import Consolidado, Priorizacion, ResultadoFicha
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import lista_humana
from ..salida import excel
from .calculo import Candidata, Portafolio, buscar_portafolio, valores_efectivos

TABLA = "seleccion"
NOMBRE_CABECERA = "seleccion_cabecera"
HOJA_SELECCION = "Selección"
HOJA_SUGERIDO = "Portafolio sugerido"
HOJA_INSTRUCCIONES = "Instrucciones"
COLUMNAS_CONTRATO = ("codigo", "seleccionada", "motivo")   # como las compara `texto_cabecera`
CABECERAS_CONTRATO = ("Código", "Seleccionada", "Motivo")   # como las lee una persona


# --- datos comunes ------------------------------------------------------------------------------


def obligatorios(config: Configuracion) -> list[str]:
    return [v.clave for v in config.valores_ogp if not v.acompania]


def nombres_valores(config: Configuracion) -> dict[str, str]:
    return {v.clave: v.nombre for v in config.valores_ogp}


def candidatas(priorizacion: Priorizacion, consolidado: Consolidado, config: Configuracion) -> list[Candidata]:
    """Las priorizadas en el orden del ranking, con sus valores OGP del consolidado."""
    salida = []
    for r in priorizacion.priorizadas():
        ficha = consolidado.ficha(r.codigo)
        valores = frozenset(ficha.valores_ogp(config)) if ficha else frozenset()
        salida.append(Candidata(r.codigo, float(r.puntaje or 0.0), valores, r.nombre or (ficha.nombre if ficha else "")))
    return salida


def sugerir(priorizacion: Priorizacion, consolidado: Consolidado, config: Configuracion) -> Portafolio:
    return buscar_portafolio(candidatas(priorizacion, consolidado, config), config.seleccionadas,
                             obligatorios(config), nombres_valores(config))


# --- escritura ----------------------------------------------------------------------------------


def escribir_hoja_comite(config: Configuracion, priorizacion: Priorizacion, consolidado: Consolidado,
                         sugerido: Portafolio, destino: Path,
                         marcas: dict[str, tuple[str, str]] | None = None) -> None:
    """Escribe el libro del Comité; `marcas` (código → (seleccionada, motivo)) lo llena (pruebas, demo)."""
    marcas = marcas or {}
    libro = excel.nuevo_libro(destino, "Selección del Comité de Gobierno Abierto", config)
    fmt = excel.formatos(libro)
    hoja = libro.add_worksheet(HOJA_SELECCION)
    cab_codigo, cab_seleccionada, cab_motivo = CABECERAS_CONTRATO
    fila0 = excel.escribir_titulo(
        hoja, fmt, config, f"Selección de los {config.seleccionadas} compromisos — Comité de Gobierno Abierto",
        f"Marque «Sí» en «{cab_seleccionada}» en exactamente {config.seleccionadas} fichas y escriba el motivo de cada "
        "decisión (también de las no seleccionadas, si lo desea). No cambie los códigos.", columnas=10)
    cabeceras = [cab_codigo, "Gerencia", "Actividad", "Puntaje (0–100)", "Puesto", "Estabilidad (%)",
                 "Valores de Gobierno Abierto", "Sugerida", cab_seleccionada, cab_motivo]
    anchos = [11, 24, 34, 15, 7, 10, 24, 9, 12, 40]  # «Puntaje (0–100)» en una línea
    filas = []
    for r in priorizacion.priorizadas():
        ficha = consolidado.ficha(r.codigo)
        sel, motivo = marcas.get(r.codigo, ("", ""))
        filas.append([r.codigo, ficha.gerencia if ficha else r.codigo_gerencia, r.nombre or (ficha.nombre if ficha else ""),
                      r.puntaje, r.puesto, None if r.robustez is None else round(100 * r.robustez, 1),
                      ", ".join(ficha.nombres_valores_ogp(config)) if ficha else "",
                      SI if r.codigo in sugerido.codigos else NO, sel, motivo])
    n = len(filas)
    col_sel = len(cabeceras) - 2
    columnas = [{"header": c} for c in cabeceras]
    datos = filas or [[""] * len(cabeceras)]
    hoja.add_table(fila0, 0, fila0 + len(datos), len(cabeceras) - 1, {
        "name": TABLA, "columns": columnas, "data": datos, "style": "Table Style Light 9",
        "autofilter": False})
    # la tabla escribe los datos sin formatos: se reescriben con su tipo y formato
    for c, (titulo, ancho) in enumerate(zip(cabeceras, anchos, strict=True)):
        hoja.set_column(c, c, ancho)
        hoja.write_string(fila0, c, titulo, fmt.cabecera)
    for f, fila in enumerate(filas, start=fila0 + 1):
        for c, valor in enumerate(fila):
            formato = fmt.entrada_ajustada if c >= col_sel else (fmt.numero if c in (3, 5) else fmt.texto_ajustado)
            excel.escribir_valor(hoja, f, c, valor, fmt.en_tabla(formato))
        hoja.set_row(f, max(45, excel.alto_de_lineas(max(excel.lineas_de_texto(str(v or ""), a)
                                                         for v, a in zip(fila, anchos, strict=True)))))
    hoja.set_row(fila0, excel.alto_cabecera(cabeceras, anchos))
    libro.define_name(NOMBRE_CABECERA, f"='{HOJA_SELECCION}'!$A${fila0 + 1}")
    if n:
        hoja.data_validation(fila0 + 1, col_sel, fila0 + n, col_sel, {
            "validate": "list", "source": [SI, NO], "error_title": "Sí o No",
            "error_message": "Escriba «Sí» o «No»."})
    hoja.freeze_panes(fila0 + 1, 1)
    excel.preparar_impresion(hoja, fila_cabecera=fila0, horizontal=True)

    # Portafolio sugerido
    h2 = libro.add_worksheet(HOJA_SUGERIDO)
    h2.set_row(1, excel.alto_de_lineas(excel.lineas_de_texto(sugerido.explicacion, 150)))
    resultados = {r.codigo: r for r in priorizacion.priorizadas()}
    filas2 = []
    for codigo in sugerido.codigos:
        r = resultados[codigo]
        ficha = consolidado.ficha(codigo)
        filas2.append([codigo, ficha.gerencia if ficha else r.codigo_gerencia, r.nombre or (ficha.nombre if ficha else ""),
                       r.puntaje, r.puesto,
                       ", ".join(nombres_valores(config)[v] for v in config_orden(config, ficha))])
    escribir_tabla_simple(h2, 4, ["Código", "Gerencia", "Actividad", "Puntaje", "Puesto", "Valores OGP"],
                          filas2, [11, 30, 42, 10, 8, 40], fmt)
    h2.merge_range(1, 0, 1, 5, sugerido.explicacion, fmt.texto_ajustado)
    h2.merge_range(0, 0, 0, 5, "Portafolio sugerido (búsqueda exacta sobre todas las combinaciones)", fmt.titulo)
    h2.merge_range(2, 0, 2, 5, "Es una sugerencia: el Comité decide y debe dar el motivo de cada selección.",
                   fmt.subtitulo)
    excel.preparar_impresion(h2, horizontal=True)

    # Instrucciones
    h3 = libro.add_worksheet(HOJA_INSTRUCCIONES)
    h3.hide_gridlines(2)
    h3.set_column(0, 0, 4)
    h3.set_column(1, 1, 86)
    acompania = [v.nombre for v in config.valores_ogp if v.acompania]
    pasos = [
        f"En la hoja «{HOJA_SELECCION}», escriba «Sí» en la columna «{cab_seleccionada}» de exactamente "
        f"{config.seleccionadas} fichas y «No» en las demás.",
        f"Escriba en «{cab_motivo}» la razón del Comité para cada ficha seleccionada (obligatorio) y, si lo desea, "
        "para las no seleccionadas. El motivo aparece en el acta y en la respuesta a cada gerencia.",
        "Procure que las fichas seleccionadas cubran juntas: "
        f"{lista_humana([nombres_valores(config)[v] for v in obligatorios(config)])}."
        + (f" {lista_humana(acompania)} solo cuenta junto a uno de esos valores." if acompania else ""),
        f"La hoja «{HOJA_SUGERIDO}» propone una combinación que cubre esos valores con el mayor puntaje; es "
        "solo una ayuda: el Comité decide.",
        f"No cambie los códigos ni los nombres de las columnas «{cab_codigo}», «{cab_seleccionada}» y «{cab_motivo}». "
        "Puede guardar el libro en Excel (.xlsx) o LibreOffice (.ods).",
        f"Cuando el Comité termine, guarde el libro y devuélvalo a la coordinación de Gobierno Abierto "
        f"({config.correo_coordinacion}).",
    ]
    fila = excel.escribir_titulo(h3, fmt, config, "Hoja de selección del Comité de Gobierno Abierto",
                                 config.entidad, columnas=2)
    for i, paso in enumerate(pasos, start=1):
        h3.write_string(fila, 0, f"{i}.", fmt.negrita)
        h3.write_string(fila, 1, paso, fmt.texto_ajustado)
        h3.set_row(fila, excel.alto_de_lineas(excel.lineas_de_texto(paso, 86)))
        fila += 1
    excel.preparar_impresion(h3, horizontal=False)
    hoja.activate()
    libro.close()


def config_orden(config: Configuracion, ficha: Any) -> list[str]:
    return ficha.valores_ogp(config) if ficha else []


def escribir_tabla_simple(hoja: Any, fila0: int, cabeceras: Sequence[str], filas: Sequence[Sequence[Any]],
                          anchos: Sequence[int], fmt: excel.Formatos) -> None:
    for c, t in enumerate(cabeceras):
        hoja.write_string(fila0, c, t, fmt.cabecera)
        hoja.set_column(c, c, anchos[c])
    for f, fila in enumerate(filas, start=fila0 + 1):
        for c, v in enumerate(fila):
            excel.escribir_valor(hoja, f, c, v, fmt.en_tabla(fmt.texto_ajustado))
        hoja.set_row(f, 30)


# --- lectura ------------------------------------------------------------------------------------


@dataclass
class FilaComite:
    codigo: str
    seleccionada: bool | None
    motivo: str
    fila: int      # desde 0
    hoja: str
    celda_codigo: str = ""


@dataclass
class HojaComite:
    archivo: str
    filas: list[FilaComite] = field(default_factory=list)
    observaciones: list[Observacion] = field(default_factory=list)

    @property
    def seleccionadas(self) -> list[FilaComite]:
        return [f for f in self.filas if f.seleccionada]


def _si_no(v: Any) -> bool | str | None:
    """True/False; None si está vacía; el texto original si no es ni «Sí» ni «No»."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    marca = interpretar_si_no(v)
    return str(v) if marca is None else marca


def leer_hoja_comite(libro: Libro, documento: Documento) -> HojaComite:
    """Filas de la tabla «seleccion» con su celda; los problemas de forma quedan como observaciones."""
    archivo = documento.archivo
    hoja_comite = HojaComite(archivo)
    encontrada = libro.buscar_cabecera(NOMBRE_CABECERA, COLUMNAS_CONTRATO)
    if encontrada is None:
        hoja_comite.observaciones.append(observar(Codigo.NO_ES_HOJA_COMITE, archivo=archivo))
        return hoja_comite
    hoja, f0, cols = encontrada
    filas = libro.filas(hoja)
    for f in range(f0 + 1, len(filas)):
        fila = filas[f]

        def celda(c: str, fila: list[Any] = fila) -> Any:
            i = cols[c]
            return fila[i] if i < len(fila) else None

        dichas = _celdas_dichas(hoja, f, cols, celda, archivo)
        if dichas:  # un error o una fórmula sin valor: se dice y la fila no se cuenta
            hoja_comite.observaciones += dichas
            continue
        formula = libro.formula(hoja, f, cols["seleccionada"])
        if formula and celda("seleccionada") not in (None, ""):
            hoja_comite.observaciones.append(observar(
                Codigo.FORMULA_CALCULADA, archivo=archivo, hoja=hoja,
                celda=f"{letra_columna(cols['seleccionada'])}{f + 1}", campo="seleccionada",
                valor=celda("seleccionada"), formula=f"={formula}", etiqueta="seleccionada"))
        codigo = texto_cabecera(celda("codigo")).upper()
        marca = _si_no(celda("seleccionada"))
        motivo = " ".join(str(celda("motivo") or "").split())
        if isinstance(marca, str):
            hoja_comite.observaciones.append(observar(
                Codigo.COMITE_NO_SI_NO, archivo=archivo, hoja=hoja,
                celda=f"{letra_columna(cols['seleccionada'])}{f + 1}", campo="seleccionada", valor=marca,
                ficha=codigo))
            marca = None
        if not codigo:
            if marca:
                hoja_comite.observaciones.append(observar(
                    Codigo.COMITE_CODIGO_VACIO, archivo=archivo, hoja=hoja,
                    celda=f"{letra_columna(cols['codigo'])}{f + 1}", campo="codigo", valor=SI))
            continue
        hoja_comite.filas.append(FilaComite(codigo, marca, motivo, f, hoja,
                                            f"{letra_columna(cols['codigo'])}{f + 1}"))
    hoja_comite.observaciones += libro.observaciones()
    return hoja_comite


def _celdas_dichas(hoja: str, f: int, cols: dict[str, int], celda: Any, archivo: str) -> list[Observacion]:
    """Las celdas de la fila que muestran un error o tienen una fórmula sin valor, como observaciones."""
    codigo = celda("codigo")
    ficha = "" if isinstance(codigo, FormulaSinValor | ErrorDeCelda) else texto_cabecera(codigo).upper()
    obs = []
    for c in COLUMNAS_CONTRATO:
        v = celda(c)
        if isinstance(v, FormulaSinValor | ErrorDeCelda):
            obs.append(observar(Codigo.FORMULA_SIN_VALOR if isinstance(v, FormulaSinValor) else Codigo.CELDA_CON_ERROR,
                                archivo=archivo, hoja=hoja, celda=f"{letra_columna(cols[c])}{f + 1}", campo=c,
                                valor=str(v), ficha=ficha, etiqueta=f"{c} (ficha {ficha})" if ficha else c))
    return obs


def validar_seleccion(hoja: HojaComite, priorizacion: Priorizacion, consolidado: Consolidado,
                      config: Configuracion, sugerido: Portafolio) -> tuple[list[FilaComite], list[Observacion]]:
    """Comprueba la selección contra las priorizadas; devuelve las filas válidas y las observaciones."""
    obs: list[Observacion] = []
    priorizadas: dict[str, ResultadoFicha] = {r.codigo: r for r in priorizacion.priorizadas()}
    vistas: dict[str, FilaComite] = {}
    validas: list[FilaComite] = []
    for fila in hoja.filas:
        donde = {"archivo": hoja.archivo, "hoja": fila.hoja, "ficha": fila.codigo}
        if fila.codigo not in priorizadas:
            obs.append(observar(Codigo.COMITE_CODIGO_DESCONOCIDO, celda=fila.celda_codigo,
                                campo="codigo", valor=fila.codigo, cuota=len(priorizadas), **donde))
            continue
        if fila.codigo in vistas:
            obs.append(observar(Codigo.COMITE_CODIGO_REPETIDO, celda=fila.celda_codigo, campo="codigo",
                                valor=fila.codigo, otra_fila=vistas[fila.codigo].fila + 1, **donde))
            continue
        vistas[fila.codigo] = fila
        if fila.seleccionada and not fila.motivo:
            obs.append(observar(Codigo.COMITE_SIN_MOTIVO, campo="motivo", valor=SI, **donde))
        validas.append(fila)
    for codigo in priorizadas:
        if codigo not in vistas:
            obs.append(observar(Codigo.COMITE_FICHA_FALTANTE, archivo=hoja.archivo, ficha=codigo))
    marcadas = [f for f in validas if f.seleccionada]
    if len(marcadas) != config.seleccionadas:
        obs.append(observar(Codigo.COMITE_CANTIDAD, archivo=hoja.archivo, valor=len(marcadas),
                            marcadas=len(marcadas), cuota=config.seleccionadas))
    requeridos = frozenset(obligatorios(config))
    cubiertos: set[str] = set()
    for f in marcadas:
        ficha = consolidado.ficha(f.codigo)
        if ficha:
            cubiertos |= valores_efectivos(frozenset(ficha.valores_ogp(config)), requeridos)
    nombres = nombres_valores(config)
    for v in obligatorios(config):
        if marcadas and v not in cubiertos:
            obs.append(observar(Codigo.COMITE_VALOR_NO_CUBIERTO, archivo=hoja.archivo, valor=nombres[v],
                                sugerido=", ".join(sugerido.codigos)))
    return validas, obs
