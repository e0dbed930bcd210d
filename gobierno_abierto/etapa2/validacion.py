"""Validación de fichas: funciones puras que limpian valores y producen observaciones.

Los montos escritos como texto al estilo peruano («S/ 1,250,000.00», «S/. 50 000»,
«1'250,000») se leen bien; lo que no es un número se rechaza con un mensaje que dice qué
escribir. Nunca se detiene en el primer problema.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..entrada.libro import ErrorDeCelda, FormulaSinValor
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import fecha_corta, lista_humana, normalizar, texto_de_celda
from .lectura import Celda, EnvioLeido, FichaLeida

# --- números ------------------------------------------------------------------------------

_MONEDA = re.compile(r"^(?:s/\.?|s\.\s*/|s\.|pen|nuevos\s+soles|soles)\s*", re.IGNORECASE)
_SUFIJO_MONEDA = re.compile(r"\s*(?:nuevos\s+soles|soles|pen|s/\.?)$", re.IGNORECASE)
_MULTIPLICADORES = (("millones", 1e6), ("millon", 1e6), ("millón", 1e6), ("mil", 1e3))
_ESPACIOS = re.compile(r"[\s\u00a0\u202f\u2009'’´]")


@dataclass(frozen=True)
class Numero:
    """Resultado de interpretar un número: valor, o el código del problema."""

    valor: float | None
    problema: Codigo | None = None
    ambiguo: bool = False


def interpretar_numero(valor: Any) -> Numero:
    """Lee un número de una celda: número real, o texto con formato peruano."""
    if isinstance(valor, bool):
        return Numero(None, Codigo.NO_ES_NUMERO)
    if isinstance(valor, (int, float)):
        return Numero(float(valor))
    if not isinstance(valor, str):
        return Numero(None, Codigo.NO_ES_NUMERO)
    texto = valor.strip().lower()
    negativo = False
    if texto.startswith("(") and texto.endswith(")"):
        negativo, texto = True, texto[1:-1].strip()
    texto = _MONEDA.sub("", texto)
    texto = _SUFIJO_MONEDA.sub("", texto).strip()
    if texto.startswith("-"):
        negativo, texto = True, texto[1:].strip()
    texto = _MONEDA.sub("", texto)
    multiplicador = 1.0
    for palabra, factor in _MULTIPLICADORES:
        if texto.endswith(palabra):
            multiplicador, texto = factor, texto[: -len(palabra)].strip()
            break
    texto = _ESPACIOS.sub("", texto)
    if not texto or not re.fullmatch(r"[\d.,]+", texto) or not re.search(r"\d", texto):
        return Numero(None, Codigo.NO_ES_NUMERO)
    ambiguo = False
    if "," in texto and "." in texto:
        decimal = "," if texto.rfind(",") > texto.rfind(".") else "."
        miles = "." if decimal == "," else ","
        entera, _, fraccion = texto.rpartition(decimal)
        if decimal in entera or not re.fullmatch(r"\d+(?:" + re.escape(miles) + r"\d{3})*", entera):
            return Numero(None, Codigo.NO_ES_NUMERO)
        texto = entera.replace(miles, "") + "." + fraccion
    elif "," in texto:
        if re.fullmatch(r"\d+(?:,\d{3})+", texto):
            texto = texto.replace(",", "")
        elif re.fullmatch(r"\d+,\d+", texto):
            ambiguo = True
            texto = texto.replace(",", ".")
        else:
            return Numero(None, Codigo.NO_ES_NUMERO)
    elif "." in texto:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", texto):
            texto = texto.replace(".", "")
        elif re.fullmatch(r"\d{1,3}\.\d{3}", texto) and multiplicador == 1.0:
            # «50.000»: en soles no hay milésimos; se lee como miles y se avisa.
            ambiguo = True
            texto = texto.replace(".", "")
        elif not re.fullmatch(r"\d+\.\d+", texto):
            return Numero(None, Codigo.NO_ES_NUMERO)
    try:
        numero = float(texto) * multiplicador
    except ValueError:
        return Numero(None, Codigo.NO_ES_NUMERO)
    return Numero(-numero if negativo else numero, ambiguo=ambiguo)


# --- textos, listas, fechas ----------------------------------------------------------------


def elegir_de_lista(texto: str, opciones: tuple[str, ...]) -> str | None:
    """La opción que el usuario quiso escribir (tildes, mayúsculas o solo el código «OE3»)."""
    buscado = normalizar(texto)
    for opcion in opciones:
        if normalizar(opcion) == buscado:
            return opcion
    for opcion in opciones:
        codigo, separador, _ = opcion.partition(":")
        if separador and normalizar(codigo) == buscado:
            return opcion
    return None


def sugerencia(texto: str, opciones: tuple[str, ...]) -> str:
    normales = {normalizar(o): o for o in opciones}
    cercanas = difflib.get_close_matches(normalizar(texto), list(normales), n=1, cutoff=0.6)
    return f" (¿quiso decir «{normales[cercanas[0]]}»?)" if cercanas else ""


_FORMATOS_FECHA = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%y")
_MESES = {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
          "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}


def interpretar_fecha(valor: Any) -> date | None:
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    if not isinstance(valor, str):
        return None
    texto = valor.strip()
    for formato in _FORMATOS_FECHA:
        try:
            return datetime.strptime(texto, formato).date()
        except ValueError:
            pass
    m = re.fullmatch(r"(?:\w+\s+)?(\d{1,2})\s+de\s+(\w+)\s+(?:de|del)\s+(\d{4})", normalizar(texto))
    if m and m.group(2) in _MESES:
        try:
            return date(int(m.group(3)), _MESES[m.group(2)], int(m.group(1)))
        except ValueError:
            return None
    return None




_SI = {"si", "s", "x", "yes", "1", "true", "verdadero"}
_NO = {"no", "n", "0", "false", "falso", "-"}


def interpretar_si_no(valor: Any) -> bool | None:
    """«Sí», «si», «x», VERDADERO… → True; «No», «n», FALSO… → False; otra cosa → None."""
    texto = str(valor).lower() if isinstance(valor, bool) else normalizar(texto_de_celda(valor))
    if texto in _SI:
        return True
    if texto in _NO:
        return False
    return None


# --- un campo -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lugar:
    """Dónde está lo que se valida (para las observaciones)."""

    gerencia: str
    archivo: str
    ficha: str = ""


def validar_campo(campo: Campo, celda: Celda | None, lugar: Lugar) -> tuple[Any, list[Observacion]]:
    """Devuelve el valor limpio (o el texto original si no sirve) y las observaciones."""
    if celda is None:
        return None, []  # la ausencia de la celda ya se observó al leer
    obs: list[Observacion] = []

    def o(codigo: Codigo, valor: Any = None, **ctx: Any) -> None:
        obs.append(observar(codigo, gerencia=lugar.gerencia, archivo=lugar.archivo, hoja=celda.hoja,
                            celda=celda.celda, campo=campo.clave, ficha=lugar.ficha,
                            valor=texto_de_celda(celda.valor) if valor is None else valor,
                            etiqueta=campo.etiqueta, **ctx))

    crudo = celda.valor
    # Una fórmula sin resultado o una celda con error no están vacías: se dicen como son.
    if isinstance(crudo, FormulaSinValor):
        o(Codigo.FORMULA_SIN_VALOR)
        return str(crudo), obs
    if isinstance(crudo, ErrorDeCelda):
        o(Codigo.CELDA_CON_ERROR)
        return str(crudo), obs
    if celda.limpiado:
        o(Codigo.TEXTO_CON_CONTROL)

    if celda.vacia:
        if campo.tipo is Tipo.SI_NO:
            return E.NO, []
        if campo.obligatorio:
            o(Codigo.CAMPO_OBLIGATORIO, "")
        return None, obs

    if campo.es_numero:
        numero = interpretar_numero(crudo)
        if numero.problema or numero.valor is None:
            o(Codigo.NO_ES_NUMERO)
            return texto_de_celda(crudo), obs
        valor = numero.valor
        if campo.tipo is Tipo.ENTERO and not float(valor).is_integer():
            o(Codigo.NO_ES_ENTERO)
            return texto_de_celda(crudo), obs
        if valor < (campo.minimo or 0):
            o(Codigo.NUMERO_NEGATIVO)
            return valor, obs
        if campo.maximo is not None and valor > campo.maximo:
            o(Codigo.NUMERO_EXCESIVO, maximo=f"{campo.maximo:,.0f}", valor=f"{valor:,.2f}")
            return valor, obs
        if numero.ambiguo:
            o(Codigo.NUMERO_AMBIGUO, leido=f"{valor:,.2f}")
        if celda.formula:
            o(Codigo.FORMULA_CALCULADA, f"{valor:,.2f}", formula=f"={celda.formula}")
        return (int(valor) if campo.tipo is Tipo.ENTERO else valor), obs

    if campo.tipo is Tipo.LISTA:
        texto = texto_de_celda(crudo)
        elegido = elegir_de_lista(texto, campo.lista)
        if elegido is None:
            o(Codigo.FUERA_DE_LISTA, sugerencia=sugerencia(texto, campo.lista))
            return texto, obs
        return elegido, obs

    if campo.tipo is Tipo.SI_NO:
        marca = interpretar_si_no(crudo)
        if marca is not None:
            return (E.SI if marca else E.NO), obs
        o(Codigo.NO_ES_SI_NO)
        return texto_de_celda(crudo), obs

    if campo.tipo is Tipo.FECHA:
        fecha = interpretar_fecha(crudo)
        if fecha is None:
            o(Codigo.NO_ES_FECHA)
            return texto_de_celda(crudo), obs
        return fecha, obs

    # Textos: se guardan como los escribió el usuario (sin espacios sobrantes al inicio y final).
    texto = texto_de_celda(crudo)
    if campo.max_largo and len(texto) > campo.max_largo:
        o(Codigo.TEXTO_LARGO, largo=f"{len(texto):,}", maximo=f"{campo.max_largo:,}",
          exceso=f"{len(texto) - campo.max_largo:,}")
    if campo.tipo is Tipo.CORREO and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", texto):
        o(Codigo.NO_ES_CORREO)
    return texto, obs


# --- una ficha, una reunión ---------------------------------------------------------------------


@dataclass(frozen=True)
class FichaValidada:
    numero: int
    valores: dict[str, Any]
    observaciones: list[Observacion]

def validar_ficha(ficha: FichaLeida, config: Configuracion, lugar: Lugar) -> FichaValidada:
    campos = E.campos_ficha(config)
    valores: dict[str, Any] = {}
    obs: list[Observacion] = []
    for campo in campos:
        valor, problemas = validar_campo(campo, ficha.celdas.get(campo.clave), lugar)
        valores[campo.clave] = valor
        obs.extend(problemas)
    obs.extend(_reglas_de_ficha(ficha, valores, config, lugar))
    return FichaValidada(ficha.numero, valores, obs)


def _reglas_de_ficha(ficha: FichaLeida, valores: dict[str, Any], config: Configuracion,
                     lugar: Lugar) -> Iterator[Observacion]:
    hoja = E.hoja_ficha(ficha.numero)
    marcados = [v for v in config.valores_ogp if valores.get(E.clave_valor_ogp(v.clave)) == E.SI]
    primera = ficha.celdas.get(E.clave_valor_ogp(config.valores_ogp[0].clave))
    celda = primera.celda if primera else ""
    if not marcados:
        yield observar(Codigo.SIN_VALOR_OGP, gerencia=lugar.gerencia, archivo=lugar.archivo, hoja=hoja,
                       celda=celda, campo=E.CAMPO_VALORES_OGP, ficha=lugar.ficha,
                       valores=lista_humana([v.nombre for v in config.valores_ogp], "o"))
    elif all(v.acompania for v in marcados):
        yield observar(Codigo.SOLO_TECNOLOGIA, gerencia=lugar.gerencia, archivo=lugar.archivo, hoja=hoja,
                       celda=celda, campo=E.CAMPO_VALORES_OGP, ficha=lugar.ficha,
                       valor=lista_humana([v.nombre for v in marcados]))
    montos = [valores.get(clave) for clave in E.CAMPOS_PRESUPUESTO]
    if all(isinstance(m, float) for m in montos) and not any(montos):
        celda_p = ficha.celdas.get(E.CAMPOS_PRESUPUESTO[0])
        yield observar(Codigo.SIN_PRESUPUESTO, gerencia=lugar.gerencia, archivo=lugar.archivo, hoja=hoja,
                       celda=celda_p.celda if celda_p else "", campo=E.CAMPOS_PRESUPUESTO[0], ficha=lugar.ficha)


def validar_reunion(envio: EnvioLeido, lugar: Lugar, anio: int | None = None
                    ) -> tuple[dict[str, Any], list[dict[str, str]], list[Observacion]]:
    """Datos del acta de la Etapa II. El acta la firman la gerencia y su contraparte de la sociedad
    civil: sin fecha de la reunión o sin ningún representante es un error; lo demás que falte, una
    advertencia. Ninguno impide consolidar las fichas. Con `anio` (el del proceso), una fecha de otro
    año (un 1 que Excel muestra como 1900, un 2099) es una advertencia."""
    valores: dict[str, Any] = {}
    obs: list[Observacion] = []
    faltan: list[str] = []
    for campo in E.CAMPOS_REUNION:
        celda = envio.reunion.get(campo.clave)
        if celda is not None and celda.vacia:
            faltan.append(campo.clave)
            valores[campo.clave] = None
            continue
        valor, problemas = validar_campo(campo, celda, lugar)
        valores[campo.clave] = valor
        obs.extend(problemas)
        if anio is not None and celda is not None and isinstance(valor, date) and valor.year != anio:
            obs.append(observar(Codigo.FECHA_DE_OTRO_ANIO, gerencia=lugar.gerencia, archivo=lugar.archivo,
                                hoja=celda.hoja, celda=celda.celda, campo=campo.clave, etiqueta=campo.etiqueta,
                                valor=fecha_corta(valor), anio=anio))
    participantes: list[dict[str, str]] = []
    for fila in envio.participantes:
        datos: dict[str, str] = {}
        for campo in E.CAMPOS_PARTICIPANTE:
            valor, problemas = validar_campo(campo, fila.get(campo.clave), lugar)
            datos[campo.clave] = valor or ""
            obs.extend(problemas)
        participantes.append(datos)
    primera = next(iter(envio.reunion.values()), None)
    donde = {"gerencia": lugar.gerencia, "archivo": lugar.archivo, "hoja": E.HOJA_REUNION,
             "celda": primera.celda if primera else "", "campo": E.CAMPO_REUNION}
    sin_contraparte = []
    if E.REUNION_FECHA in faltan:
        faltan.remove(E.REUNION_FECHA)
        sin_contraparte.append("la fecha de la reunión")
    if not any(p.get(E.PARTICIPANTE_NOMBRE) for p in participantes):
        sin_contraparte.append("ningún representante de la sociedad civil (nombre, organización y cargo)")
    if sin_contraparte:
        obs.append(observar(Codigo.ACTA_SIN_CONTRAPARTE, faltan=" ni ".join(sin_contraparte), **donde))
    if faltan:
        etiquetas = {c.clave: c.etiqueta for c in E.CAMPOS_REUNION}
        obs.append(observar(Codigo.ACTA_INCOMPLETA, faltan=lista_humana([etiquetas[c] for c in faltan]), **donde))
    return valores, participantes, obs


# --- la gerencia del envío -----------------------------------------------------------------


def identificar_gerencia(envio: EnvioLeido, config: Configuracion) -> tuple[Gerencia | None, list[Observacion]]:
    """Por el código de la plantilla; si falta o no existe, por el correo del remitente."""
    celda = envio.celda_gerencia
    hoja, ref = (celda.hoja, celda.celda) if celda else ("", "")
    gerencia = config.gerencia(envio.codigo_gerencia) if envio.codigo_gerencia else None
    por_correo = config.gerencia_por_correo(envio.documento.remitente) if envio.documento.remitente else None
    if gerencia:
        if por_correo and por_correo != gerencia:
            return gerencia, [observar(Codigo.GERENCIA_OTRO_REMITENTE, gerencia=gerencia.codigo,
                                       archivo=envio.archivo, hoja=hoja, celda=ref, campo=E.NOMBRE_CODIGO_GERENCIA,
                                       valor=envio.codigo_gerencia, remitente=envio.documento.remitente,
                                       otra=por_correo.nombre, nombre_gerencia=gerencia.nombre)]
        return gerencia, []
    if por_correo:
        return por_correo, [observar(Codigo.GERENCIA_POR_CORREO, gerencia=por_correo.codigo,
                                     archivo=envio.archivo, hoja=hoja, celda=ref, campo=E.NOMBRE_CODIGO_GERENCIA,
                                     valor=envio.codigo_gerencia, remitente=envio.documento.remitente,
                                     nombre_gerencia=por_correo.nombre)]
    if envio.codigo_gerencia:
        return None, [observar(Codigo.GERENCIA_DESCONOCIDA, archivo=envio.archivo, hoja=hoja, celda=ref,
                               campo=E.NOMBRE_CODIGO_GERENCIA, valor=envio.codigo_gerencia)]
    return None, [observar(Codigo.GERENCIA_FALTANTE, archivo=envio.archivo, hoja=hoja, celda=ref,
                           campo=E.NOMBRE_CODIGO_GERENCIA)]
