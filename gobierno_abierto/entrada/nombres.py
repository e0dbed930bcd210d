"""Textos que se muestran al usuario y vienen de afuera: nombres de archivo (que en Linux
pueden traer bytes que no son UTF-8), nombres de adjuntos y de partes de un .zip, cabeceras
de correo. Nunca fallan: lo que no se puede leer se muestra como «�»."""

from __future__ import annotations

from pathlib import PurePath


class CarpetaSinAcceso(OSError):
    """La carpeta de entrada no se puede abrir en esta computadora (permiso, unidad desconectada)."""


# Lo que viene dentro de otro archivo se nombra así: «correo.eml › fichas.xlsx», «fichas.zip › GRE.xlsx».
DENTRO = " › "


def sin_sustitutos(texto: str) -> str:
    """Reemplaza por «�» los bytes no decodificables que Python guarda como sustitutos
    (`os.fsdecode` de un nombre que no es UTF-8, una cabecera con bytes sueltos)."""
    try:
        crudo = texto.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # sustitutos sueltos de un nombre de Windows
        crudo = texto.encode("utf-8", "surrogatepass")
    return crudo.decode("utf-8", "replace")


def texto_visible(texto: str, maximo: int = 200) -> str:
    """Texto legible en una línea: sin sustitutos ni caracteres de control, recortado."""
    limpio = " ".join(sin_sustitutos(texto).split())
    return "".join(c for c in limpio if c.isprintable())[:maximo]


def nombre_visible(nombre: str) -> str:
    """Solo la última parte del nombre (nunca una ruta), legible y sin caracteres de control."""
    base = PurePath(sin_sustitutos(nombre).replace("\\", "/")).name
    return texto_visible(base, 120)


def texto_de_bytes(crudo: bytes) -> str:
    """Bytes de un nombre o una cabecera: UTF-8 si lo son; si no, Windows-1252 (Outlook en
    castellano), con «�» para lo que no existe en ninguno."""
    try:
        return crudo.decode("utf-8")
    except UnicodeDecodeError:
        return crudo.decode("cp1252", "replace")


def tamanio_legible(n: int) -> str:
    """«1,5 MB», «300 KB»."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{n / 1024:.0f} KB"
