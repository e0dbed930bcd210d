"""Los errores de configuracion.toml en castellano: formato TOML, validación y la línea de cada clave.

pydantic y tomllib informan en inglés; aquí cada tipo de error tiene su mensaje (nunca se muestra el
original) y cada ubicación se escribe como la ve la coordinación: «priorizacion.criterios[2].peso
(línea 187)», con las listas numeradas desde 1.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .modelos_configuracion import Nucleo
from .modelos_secciones import SeccionesDocumentos, SeccionPriorizacion

_TOML = (
    ("Invalid statement", "la línea no es «clave = valor», un [encabezado] ni un comentario"),
    ("Expected newline or end of document after a statement",
     "sobra texto después del valor (¿falta un salto de línea o un # antes del comentario?)"),
    ("Expected '=' after a key in a key/value pair", "falta «=» después de la clave"),
    ("Expected ']' at the end of a table declaration", "falta «]» al final del encabezado de la sección"),
    ("Expected ']]' at the end of an array declaration", "falta «]]» al final del encabezado"),
    ("Expected '(.*)'", r"se esperaba «\1»"),
    ("Found invalid character '(.*)'", r"hay un carácter no válido («\1»)"),
    ("Cannot declare (.*) twice", r"la sección [\1] está declarada dos veces"),
    ("Cannot overwrite a value", "la clave ya tiene un valor: está repetida"),
    ("Cannot (?:mutate immutable|redefine) namespace (.*)", r"«\1» ya está definido más arriba"),
    ("Invalid initial character for a key part",
     "la clave empieza con un carácter no válido (use letras sin tilde, números, _ o -)"),
    ("Unclosed array", "una lista [ … ] no está cerrada (¿falta «]» o una coma?)"),
    ("Unclosed inline table", "una tabla { … } no está cerrada"),
    ("Duplicate inline table key '(.*)'", r"la clave «\1» está repetida"),
    ("Unescaped .* in a string", "hay una barra invertida en un texto: escríbala doble o use comillas simples"),
    ("Invalid hex value|Escaped character is not a Unicode scalar value", "hay un código de carácter no válido"),
    ("Unterminated string", "un texto no está cerrado: falta la comilla final"),
    ("Illegal character '(.*)'", r"un texto tiene un carácter no permitido («\1»)"),
    ("Invalid date or datetime", "la fecha no es válida (use AAAA-MM-DD)"),
    ("Invalid value", "valor no válido: los textos van entre comillas; los números y las fechas, sin "
                      "ellas; true y false, en minúsculas"),
)


def error_toml(nombre: str, mensaje: str) -> str:
    """«Expected '=' … (at line 3, column 9)» de tomllib, en castellano y con su línea y columna."""
    m = re.fullmatch(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", mensaje, re.S)
    causa, linea, columna = m.groups() if m else (mensaje, None, None)
    texto = next((re.sub(f"^(?:{patron})$", reemplazo, causa) for patron, reemplazo in _TOML
                  if re.fullmatch(patron, causa)), "error de formato")
    lugar = f", línea {linea}, columna {columna}" if linea else ", al final del archivo" if m else ""
    return f"«{nombre}»{lugar}: el formato TOML no es válido: {texto}."


# --- líneas del archivo --------------------------------------------------------------------------------

_PARTE = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_CLAVE = re.compile(rf"\s*({_PARTE}(?:\s*\.\s*{_PARTE})*)\s*=")
_TABLA = re.compile(rf"\s*(\[\[?)\s*({_PARTE}(?:\s*\.\s*{_PARTE})*)\s*\]")


def _partes(texto: str) -> list[str]:
    return [p.strip("\"'") for p in re.findall(_PARTE, texto)]


def _abierto(texto: str, estado: tuple[int, str]) -> tuple[int, str]:
    """(profundidad de [ y {, comillas triples sin cerrar) al terminar `texto`."""
    profundidad, triple = estado
    i = 0
    while i < len(texto):
        if triple:
            fin = texto.find(triple, i)
            if fin < 0:
                break
            i, triple = fin + 3, ""
        elif texto.startswith(('"""', "'''"), i):
            i, triple = i + 3, texto[i:i + 3]
        elif texto[i] in "\"'":
            j = i + 1
            while j < len(texto) and texto[j] != texto[i]:
                j += 2 if texto[i] == '"' and texto[j] == "\\" else 1
            i = j + 1
        elif texto[i] == "#":
            break
        else:
            profundidad += (texto[i] in "[{") - (texto[i] in "]}")
            i += 1
    return profundidad, triple


def lineas_toml(texto: str) -> dict[str, int]:
    """Línea de cada clave y sección, con la ruta de los mensajes: «priorizacion.criterios[2].peso»."""
    lineas: dict[str, int] = {}
    conteo: dict[str, int] = {}  # listas de secciones [[…]] vistas: ruta → cuántas

    def resolver(partes: list[str]) -> str:
        ruta = ""
        for p in partes:
            ruta = f"{ruta}.{p}" if ruta else p
            ruta = f"{ruta}[{conteo[ruta]}]" if ruta in conteo else ruta
        return ruta

    tabla, estado = "", (0, "")
    for n, linea in enumerate(texto.splitlines(), start=1):
        if estado != (0, ""):
            estado = _abierto(linea, estado)
        elif m := _TABLA.match(linea):
            partes = _partes(m.group(2))
            if m.group(1) == "[[":
                base = resolver(partes[:-1])
                base = f"{base}.{partes[-1]}" if base else partes[-1]
                lineas.setdefault(base, n)
                conteo[base] = conteo.get(base, 0) + 1
            tabla = resolver(partes)
            lineas.setdefault(tabla, n)
        elif m := _CLAVE.match(linea):
            ruta = tabla
            for p in _partes(m.group(1)):
                ruta = f"{ruta}.{p}" if ruta else p
                lineas.setdefault(ruta, n)
            estado = _abierto(linea[m.end():], (0, ""))
    return lineas



# --- errores de validación ------------------------------------------------------------------------------

_MENSAJES = {
    "missing": "falta esta clave",
    "extra_forbidden": "clave desconocida",
    "int_type": "debe ser un número entero",
    "float_type": "debe ser un número",
    "finite_number": "debe ser un número finito (no se admiten nan ni inf)",
    "bool_type": "debe ser true o false, en minúsculas y sin comillas",
    "string_type": "debe ser un texto entre comillas",
    "date_type": "debe ser una fecha AAAA-MM-DD, sin comillas ni hora",
    "tuple_type": "debe ser una lista [ … ]",
    "list_type": "debe ser una lista [ … ]",
    "model_type": "debe ser una sección",
    "dict_type": "debe ser una sección",
    "greater_than": "debe ser un número mayor que {gt}",
    "greater_than_equal": "debe ser un número mayor o igual que {ge}",
    "less_than": "debe ser un número menor que {lt}",
    "less_than_equal": "debe ser un número menor o igual que {le}",
    "string_too_short": "está vacía",
    "string_too_long": "admite como máximo {max_length} caracteres",
    "too_short": "debe tener al menos {min_length} elemento(s)",
    "too_long": "admite como máximo {max_length} elementos",
}
_SIN_VALOR = {"missing", "extra_forbidden", "string_too_short", "string_too_long", "too_short", "too_long"}


def traducir(error: ValidationError, lineas: dict[str, int]) -> list[str]:
    """Cada error de pydantic como «clave (línea N): qué está mal», en castellano y en el orden del archivo."""
    crudos = error.errors(include_url=False)
    salida: list[tuple[float, int, str]] = []
    for e in crudos:
        loc, tipo, ctx = tuple(e["loc"]), e["type"], e.get("ctx") or {}
        if tipo == "too_short" and any(o["loc"][:len(loc)] == loc and len(o["loc"]) > len(loc) for o in crudos):
            continue  # lo explican los errores de sus elementos
        problemas = ctx["problemas"] if tipo == "regla" else [((), _mensaje(tipo, ctx, e["input"], loc))]
        for sub, texto in problemas:
            linea = _linea(loc + tuple(sub), lineas)
            clave = ruta_de(loc + tuple(sub))
            donde = f"{clave} (línea {linea})" if linea else clave
            salida.append((linea or float("inf"), len(salida), f"{donde}: {texto}" if donde else texto))
    return [texto for *_, texto in sorted(salida)]


def ruta_de(loc: tuple[str | int, ...]) -> str:
    """('priorizacion', 'criterios', 1, 'peso') → «priorizacion.criterios[2].peso» (listas desde 1)."""
    texto = ""
    for p in loc:
        texto += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if texto else str(p))
    return texto


def _linea(loc: tuple[str | int, ...], lineas: dict[str, int]) -> int | None:
    """La línea de la clave o, si no está escrita, la de la sección que debería contenerla."""
    return next((lineas[r] for k in range(len(loc), 0, -1) if (r := ruta_de(loc[:k])) in lineas), None)


def _mensaje(tipo: str, ctx: dict[str, Any], valor: Any, loc: tuple[str | int, ...]) -> str:
    numeros = {k: _numero(v) for k, v in ctx.items() if isinstance(v, (int, float))}
    texto = _MENSAJES.get(tipo, "valor no válido").format(**numeros)
    if tipo == "extra_forbidden":
        return texto + _sugerencia(loc)
    if tipo == "missing" and ".".join(str(p) for p in loc if isinstance(p, str)) in _claves_validas():
        return "falta esta sección"
    if tipo in ("model_type", "dict_type"):
        nombre = ".".join(str(p) for p in loc if isinstance(p, str))
        texto += f" [[{nombre}]]" if loc and isinstance(loc[-1], int) else f" [{nombre}]"
    if tipo in ("tuple_type", "list_type") and isinstance(valor, dict):
        texto += f" (¿quiso escribir [[{loc[-1]}]] en lugar de [{loc[-1]}]?)"
    return texto if tipo in _SIN_VALOR else f"{texto}; se encontró {_describir(valor)}"


def _numero(valor: float) -> str:
    return str(int(valor)) if float(valor).is_integer() else str(valor)


def _describir(valor: Any) -> str:
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, str):
        return f"el texto «{valor if len(valor) <= 40 else valor[:40] + '…'}»"
    if isinstance(valor, datetime):
        return f"una fecha con hora ({valor.isoformat(sep=' ')})"
    if isinstance(valor, date):
        return f"la fecha {valor.isoformat()}"
    if isinstance(valor, (int, float)):
        return str(valor)
    return {list: "una lista", dict: "una sección"}.get(type(valor), "otro tipo de valor")


def _sugerencia(loc: tuple[str | int, ...]) -> str:
    padre = ".".join(str(p) for p in loc[:-1] if isinstance(p, str))
    validas = _claves_validas().get(padre, ())
    import difflib

    parecidas = difflib.get_close_matches(str(loc[-1]), validas, n=1, cutoff=0.6)
    if parecidas:
        return f"; ¿quiso decir «{parecidas[0]}»?"
    return f"; las claves válidas aquí son: {', '.join(validas)}" if validas else ""


@functools.cache
def _claves_validas() -> dict[str, tuple[str, ...]]:
    """Ruta de cada sección (sin índices) → sus claves, derivadas de los modelos."""
    claves: dict[str, dict[str, None]] = {}

    def recorrer(modelo: type[BaseModel], ruta: str) -> None:
        for nombre, campo in modelo.model_fields.items():
            clave = campo.alias or nombre
            claves.setdefault(ruta, {})[clave] = None
            for sub in _modelos_en(campo.annotation):
                recorrer(sub, f"{ruta}.{clave}" if ruta else clave)

    for modelo in (Nucleo, SeccionPriorizacion, SeccionesDocumentos):
        recorrer(modelo, "")
    return {ruta: tuple(v) for ruta, v in claves.items()}


def _modelos_en(anotacion: Any) -> list[type[BaseModel]]:
    if isinstance(anotacion, type) and issubclass(anotacion, BaseModel):
        return [anotacion]
    return [m for arg in get_args(anotacion) for m in _modelos_en(arg)]
