"""El sitio estático: páginas HTML desde plantillas Jinja2 (con escape), una hoja de estilo y un script.

Funciona abierto desde una carpeta o una memoria USB y en cualquier servidor web: no pide nada
fuera de la carpeta (la política de seguridad de contenido de cada página lo prohíbe), se lee
completo sin JavaScript y se imprime sin menús. La tabla de iniciativas va en la página de inicio;
si pasa de `filas_por_pagina`, se reparte en páginas y la búsqueda usa `indice.js`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..nucleo import textos
from ..nucleo.modelos_secciones import Criterio
from ..salida.publicacion import ErrorPublicacion, escribir_bytes_atomico, ruta_de_escritura
from .datos_abiertos import ARCHIVO_LEEME, ARCHIVO_LIBRO, ARCHIVO_PAQUETE
from .lectura import DocumentoFirmado
from .publicado import SITUACIONES, Contenido, Iniciativa

PLANTILLAS = Path(__file__).resolve().parent / "plantillas"
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; "
       "form-action 'none'")

# La paleta (nombre → color) y los pares texto/fondo que deben cumplir WCAG AA (contraste ≥ 4.5).
PALETA = {
    "texto": "#1a1a1a", "fondo": "#ffffff", "titulo": "#16385a", "enlace": "#0b4f8a", "suave": "#4d4d4d",
    "foco": "#b35c00", "borde": "#d0d7de", "borde-fuerte": "#6b7785", "panel": "#f3f6f9",
    "cabecera": "#1f4e79", "cabecera-texto": "#ffffff", "cabecera-tabla": "#ddebf7",
    "neutro-fondo": "#ececec", "neutro-texto": "#333333", "bien-fondo": "#dcefe0", "bien-texto": "#14532d",
    "info-fondo": "#e0ecf8", "info-texto": "#0b3d6b", "error-fondo": "#fbe3e3", "error-texto": "#7a1f1f",
    "aviso-fondo": "#fff1d6", "aviso-texto": "#6b4200",
}
PARES_CONTRASTE = [
    ("texto", "fondo"), ("titulo", "fondo"), ("enlace", "fondo"), ("suave", "fondo"), ("texto", "panel"),
    ("enlace", "panel"), ("cabecera-texto", "cabecera"), ("texto", "cabecera-tabla"),
    ("neutro-texto", "neutro-fondo"), ("bien-texto", "bien-fondo"), ("info-texto", "info-fondo"),
    ("error-texto", "error-fondo"), ("aviso-texto", "aviso-fondo"),
]
NOMBRES_ETAPA = {"II": "consolidación de las fichas", "III": "priorización en el taller",
                 "IV": "decisión del Comité de Gobierno Abierto"}


@dataclass(frozen=True)
class Pagina:
    numero: int
    archivo: str


def archivo_iniciativa(codigo: str) -> str:
    return "iniciativas/" + re.sub(r"[^A-Za-z0-9_.-]", "_", codigo) + ".html"


def archivo_documento(d: DocumentoFirmado) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", textos.normalizar(d.ruta.stem).replace(" ", "_")) + ".pdf"


def tamanio(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _puntaje(p: float | None) -> str:
    return "—" if p is None else f"{p:.2f}"


def _peso(c: Criterio, total: float) -> str:
    return f"{100 * c.peso / total:.0f} %" if total else "—"


def svg_embudo(embudo: list[tuple[str, int]]) -> Markup:
    """El embudo como barras horizontales en SVG en línea, con título y descripción accesibles."""
    ancho, alto_paso = 480, 60
    maximo = max((n for _, n in embudo), default=0) or 1
    partes = [f'<svg viewBox="0 0 {ancho} {alto_paso * len(embudo) + 8}" role="img" '
              'aria-labelledby="embudo-titulo embudo-desc" focusable="false">',
              '<title id="embudo-titulo">Embudo del proceso</title>',
              f'<desc id="embudo-desc">{escape("; ".join(f"{e}: {n}" for e, n in embudo))}.</desc>']
    colores = ("#1f4e79", "#2f6a9f", "#14532d", "#7a4a00")
    for k, (etiqueta, n) in enumerate(embudo):
        y = k * alto_paso + 4
        barra = max(round((ancho - 8) * n / maximo), 4)
        partes.append(f'<text x="4" y="{y + 18}" font-size="16" fill="#1a1a1a">{escape(etiqueta)}: '
                      f'<tspan font-weight="700">{n}</tspan></text>')
        partes.append(f'<rect x="4" y="{y + 26}" width="{barra}" height="26" rx="3" '
                      f'fill="{colores[k % len(colores)]}"/>')
    partes.append("</svg>")
    return Markup("".join(partes))


def escribir_varios(carpeta: Path, archivos: list[tuple[str, bytes]]) -> list[Path]:
    """Muchos archivos pequeños (las páginas de las iniciativas). Dentro de un comando van directo a su
    carpeta de preparación, que nadie ve hasta que se publica todo junto; fuera de un comando, cada
    uno se escribe de forma atómica."""
    preparada = ruta_de_escritura(carpeta)
    if preparada == carpeta:
        return [escribir_bytes_atomico(carpeta / nombre, datos) for nombre, datos in archivos]
    creadas: set[Path] = set()
    for nombre, datos in archivos:
        destino = preparada / nombre
        try:
            if destino.parent not in creadas:
                destino.parent.mkdir(parents=True, exist_ok=True)
                creadas.add(destino.parent)
            destino.write_bytes(datos)
        except OSError as e:
            raise ErrorPublicacion(carpeta / nombre, e) from e
    return [carpeta / nombre for nombre, _ in archivos]


def _entorno() -> Environment:
    entorno = Environment(loader=FileSystemLoader(PLANTILLAS), autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    entorno.globals.update(
        fecha_larga=lambda d, con_dia=True: textos.fecha_larga(d, con_dia) if d else "—",
        fecha_corta=lambda d: textos.fecha_corta(d) if isinstance(d, date) else "—",
        puntaje=_puntaje, tamanio=tamanio, archivo_documento=archivo_documento,
        situaciones=list(SITUACIONES.items()), nombres_etapa=NOMBRES_ETAPA, csp=Markup(CSP))
    return entorno


def _fila_indice(i: Iniciativa, nombres: Callable[[Iniciativa], str]) -> list[Any]:
    fila: list[Any] = [i.codigo, archivo_iniciativa(i.codigo), i.codigo_gerencia, i.gerencia, i.nombre,
                       " ".join(i.valores_ogp), nombres(i) or "—", i.situacion]
    for d in i.decisiones:
        fila += [d.decision, d.texto]
    return [*fila, _puntaje(i.puntaje), str(i.puesto or "—")]


def _aviso_compromisos(c: Contenido) -> str:
    if c.hay_comite and not c.ajustes.decision_publica():
        return (f"El Comité ya decidió; los compromisos se publican desde el "
                f"{textos.fecha_larga(c.ajustes.decision_comite_desde)}.")
    return "El Comité de Gobierno Abierto aún no ha elegido los compromisos."


def escribir_sitio(c: Contenido, carpeta: Path) -> list[Path]:
    """Escribe `sitio/` en `carpeta`, salvo la página de descargas (`escribir_descargas`)."""
    entorno = _entorno()
    nombres_valores = dict(c.valores_ogp)

    def valores(i: Iniciativa) -> str:
        return textos.lista_humana([nombres_valores[v] for v in i.valores_ogp if v in nombres_valores])

    total_pesos = sum(k.peso for k in c.criterios)
    comunes = {"c": c, "nombres_valores": valores, "enlace": lambda i: archivo_iniciativa(i.codigo),
               "enlace_codigo": archivo_iniciativa, "peso": lambda k: _peso(k, total_pesos),
               "aviso_compromisos": _aviso_compromisos(c)}
    escritos: list[Path] = []

    def escribir(nombre: str, plantilla: str, raiz: str = "", **contexto: Any) -> None:
        html = entorno.get_template(plantilla).render(**comunes, raiz=raiz, **contexto)
        escritos.append(escribir_bytes_atomico(carpeta / nombre, html.encode("utf-8")))

    por_pagina = c.ajustes.filas_por_pagina
    trozos = [c.iniciativas[k:k + por_pagina] for k in range(0, len(c.iniciativas), por_pagina)] or [[]]
    paginas = [Pagina(n, "index.html" if n == 1 else f"pagina-{n}.html") for n in range(1, len(trozos) + 1)]
    sin_fichas = textos.lista_humana([g.nombre for g in c.gerencias if not g.presentadas])
    escribir("index.html", "index.html.j2", filas=trozos[0], paginas=paginas, activa="inicio",
             svg_embudo=svg_embudo(c.embudo), sin_fichas=sin_fichas)
    for pagina, filas in zip(paginas[1:], trozos[1:], strict=True):
        escribir(pagina.archivo, "pagina.html.j2", filas=filas, paginas=paginas, actual=pagina.numero,
                 activa="inicio")
    if len(paginas) > 1:
        indice = [_fila_indice(i, valores) for i in c.iniciativas]
        codigo = "window.INICIATIVAS = " + json.dumps(indice, ensure_ascii=True, separators=(",", ":")) + ";\n"
        escritos.append(escribir_bytes_atomico(carpeta / "indice.js", codigo.encode("ascii")))
    plantilla = entorno.get_template("iniciativa.html.j2")
    escritos += escribir_varios(carpeta, [
        (archivo_iniciativa(i.codigo), plantilla.render(**comunes, raiz="../", i=i, activa="").encode("utf-8"))
        for i in c.iniciativas])
    escribir("compromisos.html", "compromisos.html.j2", activa="compromisos")
    escribir("metodo.html", "metodo.html.j2", activa="metodo")
    css = entorno.get_template("estilo.css.j2").render(paleta=PALETA)
    escritos.append(escribir_bytes_atomico(carpeta / "estilo.css", css.encode("utf-8")))
    for estatico in ("buscar.js", "icono.svg"):
        escritos.append(escribir_bytes_atomico(carpeta / estatico, (PLANTILLAS / estatico).read_bytes()))
    for d in c.documentos:
        escritos.append(escribir_bytes_atomico(carpeta / "documentos" / archivo_documento(d), d.ruta.read_bytes()))
    return escritos


def escribir_descargas(c: Contenido, carpeta: Path, datos: list[tuple[str, str, int]]) -> Path:
    """La página de descargas; `datos` son (archivo, descripción, bytes) de la carpeta `datos/`."""
    entorno = _entorno()
    archivos = [{"archivo": a, "descripcion": d, "tamanio": tamanio(n)} for a, d, n in datos]
    html = entorno.get_template("descargas.html.j2").render(c=c, raiz="", activa="descargas", datos=archivos)
    return escribir_bytes_atomico(carpeta / "descargas.html", html.encode("utf-8"))


def descripciones_datos(tablas_titulos: list[tuple[str, str]]) -> dict[str, str]:
    """Descripción de cada archivo de `datos/` para la página de descargas."""
    d = {archivo: titulo for archivo, titulo in tablas_titulos}
    d[ARCHIVO_PAQUETE] = "descripción del conjunto de datos (Frictionless Data Package)"
    d[ARCHIVO_LIBRO] = "todas las tablas en un libro de Excel"
    d[ARCHIVO_LEEME] = "qué es cada archivo, la licencia y la fecha"
    return d
