"""Formatos en castellano del Perú para lo que lee una persona: fechas, soles, números."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre")
DIAS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def fecha_larga(d: date, con_dia: bool = True) -> str:
    """«lunes 19 de septiembre de 2016»."""
    texto = f"{d.day} de {MESES[d.month - 1]} de {d.year}"
    return f"{DIAS[d.weekday()]} {texto}" if con_dia else texto


def fecha_corta(d: date) -> str:
    """«19/09/2016»."""
    return d.strftime("%d/%m/%Y")


def fecha_hora(d: datetime) -> str:
    """«19/09/2016 18:05»."""
    return d.strftime("%d/%m/%Y %H:%M")


def redondear(valor: float, decimales: int = 2) -> float:
    """El único redondeo de puntajes: a `decimales`, la mitad hacia arriba (80.625 → 80.63), desde
    la representación decimal más corta del número (2.675 → 2.68). Se redondea una vez, se guarda
    redondeado y todo lo que una persona lee muestra esa misma cifra."""
    if valor != valor:  # NaN
        return valor
    return float(Decimal(repr(float(valor))).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP))


def numero(valor: float, decimales: int = 0) -> str:
    """1250000 → «1,250,000» (separador de miles con coma, como en el Perú)."""
    return f"{valor:,.{decimales}f}"


def soles(valor: float | None) -> str:
    """1250000 → «S/ 1,250,000.00»."""
    if valor is None:
        return ""
    return f"S/ {valor:,.2f}"


def porcentaje(fraccion: float) -> str:
    """0.8 → «80 %», redondeado como todo (`redondear`: 0.125 → «13 %»), con un espacio que no se
    parte: «80» y «%» nunca quedan en líneas distintas."""
    return f"{redondear(100 * fraccion, 0):.0f}\u00a0%"


def normalizar(texto: str) -> str:
    """Para comparar lo que escribe una persona: sin tildes, sin mayúsculas, espacios simples."""
    return _normalizar(texto if type(texto) is str else str(texto))


@functools.lru_cache(maxsize=16384)  # las opciones de las listas se comparan miles de veces
def _normalizar(texto: str) -> str:
    if not texto.isascii():
        texto = "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
    return " ".join(texto.casefold().split())


def lista_humana(elementos: list[str], conjuncion: str = "y") -> str:
    """[a, b, c] → «a, b y c»."""
    elementos = [e for e in elementos if e]
    if len(elementos) <= 1:
        return "".join(elementos)
    return f"{', '.join(elementos[:-1])} {conjuncion} {elementos[-1]}"


# XML 1.0 no admite los caracteres de control C0 (salvo tabulador, salto de línea y retorno), ni
# U+FFFE/U+FFFF, ni sustitutos sueltos: un .docx que los contiene no abre en ninguna parte.
_PROHIBIDOS_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SALTOS = re.compile("[\x0b\x0c]")


def hay_prohibidos(texto: str) -> bool:
    """¿Trae el texto algo que XML 1.0 prohíbe?"""
    return _PROHIBIDOS_XML.search(texto) is not None


def limpiar_texto(texto: str) -> str:
    """Quita lo que XML 1.0 prohíbe. El tabulador vertical y el salto de página (lo que deja un salto
    de línea pegado desde Word, `_x000B_` en Excel) pasan a ser saltos de línea; lo demás se quita."""
    if not _PROHIBIDOS_XML.search(texto):
        return texto
    return _PROHIBIDOS_XML.sub("", _SALTOS.sub("\n", texto))


def texto_de_celda(valor: object) -> str:
    """Lo que una persona ve en una celda, como texto: 5.0 → «5», una fecha → «19/09/2016», sin
    espacios en los extremos; una celda vacía → «»."""
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime):
        return valor.strftime("%d/%m/%Y")
    return str(valor).strip()


def recortar(texto: str, maximo: int, una_linea: bool = False) -> str:
    """El texto hasta `maximo` caracteres, con «…» si se cortó; con `una_linea`, los espacios y
    saltos de línea seguidos quedan en uno."""
    if una_linea:
        texto = " ".join(texto.split())
    return texto if len(texto) <= maximo else texto[: maximo - 1].rstrip() + "…"


def plural(n: int, singular: str, plural: str) -> str:
    """La palabra que corresponde a `n`: plural(1, "ficha", "fichas") → «ficha»."""
    return singular if n == 1 else plural


def cantidad(n: int, singular: str, plural_: str) -> str:
    """«1 ficha», «3 fichas», «0 fichas»: el número y la palabra en el número que le toca."""
    return f"{numero(n)} {plural(n, singular, plural_)}"


# El artículo de los nombres comunes con que suelen empezar un lugar o una organización.
_ARTICULO = {
    "el": ("auditorio", "salon", "local", "centro", "consejo", "comite", "colegio", "frente", "hotel", "coliseo",
           "teatro", "instituto", "hospital", "despacho", "sindicato", "gremio", "colectivo", "consorcio",
           "palacio", "complejo", "edificio", "aula", "parque", "museo", "mercado", "foro", "grupo",
           "observatorio", "programa", "proyecto", "patio", "ambiente", "club", "circulo"),
    "la": ("sala", "sede", "oficina", "casa", "municipalidad", "mesa", "organizacion", "asociacion", "camara",
           "federacion", "red", "gerencia", "subgerencia", "biblioteca", "universidad", "plaza", "direccion",
           "agencia", "unidad", "cooperativa", "junta", "comunidad", "asamblea", "plataforma", "coordinadora",
           "defensoria", "confederacion", "liga", "fundacion", "iglesia", "parroquia", "escuela", "institucion"),
    "los": ("consejos", "representantes", "ambientes", "grupos", "comites", "salones", "locales", "gremios"),
    "las": ("organizaciones", "instalaciones", "juntas", "rondas", "comunidades", "asociaciones", "oficinas",
            "mesas", "federaciones"),
}
_GENERO = {palabra: articulo for articulo, palabras in _ARTICULO.items() for palabra in palabras}
_DETERMINANTES = {"el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus", "nuestra", "nuestro",
                  "dicha", "dicho", "del", "al"}


def con_articulo(texto: str) -> str:
    """«Auditorio de la Sede» → «el Auditorio de la Sede»; «Consejo Consultivo…; Mesa de…» → «el
    Consejo Consultivo… y la Mesa de…». Lo que ya trae artículo o empieza con un nombre propio
    («Trujillo», «CODESCILL») queda igual."""
    partes = [p.strip() for p in str(texto).split(";") if p.strip()]
    salida = []
    for parte in partes:
        primera = normalizar(parte.split()[0]).strip(",.:")
        if primera in _DETERMINANTES or primera not in _GENERO:
            salida.append(parte)
        else:
            salida.append(f"{_GENERO[primera]} {parte}")
    return lista_humana(salida)
