"""El sitio sin navegador: nada externo, nada en línea que la política de contenido bloquee, el texto de
los usuarios siempre escapado, la tabla completa sin JavaScript, la paginación y la paleta en WCAG AA."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import DESPUES_DE_TODO, Publicado, preparar

from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.portal.orquestador import publicar
from gobierno_abierto.portal.sitio import PALETA, PARES_CONTRASTE, svg_embudo

ATRIBUTO_URL = re.compile(r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def luminancia(color: str) -> float:
    def canal(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * canal(r) + 0.7152 * canal(g) + 0.0722 * canal(b)


def contraste(a: str, b: str) -> float:
    la, lb = sorted((luminancia(a), luminancia(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def paginas(publicado: Publicado) -> list[Path]:
    return sorted(publicado.rutas.publicacion.rglob("*.html"))


def test_nada_externo_ni_en_linea(publicado: Publicado) -> None:
    html = paginas(publicado)
    assert len(html) == 20 + 5   # las fichas, inicio, compromisos, método, descargas y la entrada
    for ruta in html:
        texto = ruta.read_text(encoding="utf-8")
        assert '<html lang="es">' in texto
        assert "default-src 'none'" in texto and "script-src 'self'" in texto, ruta
        for url in ATRIBUTO_URL.findall(texto):
            assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url, re.IGNORECASE), (ruta.name, url)
        assert " style=" not in texto and "<style" not in texto, ruta.name
        assert all(s.startswith("<script src=") for s in re.findall(r"<script[^>]*>", texto)), ruta.name
    for recurso in ("estilo.css", "buscar.js"):
        texto = (publicado.sitio / recurso).read_text(encoding="utf-8")
        assert "http" not in texto and "@import" not in texto and "url(" not in texto


def test_texto_de_usuarios_siempre_escapado(tmp_path: Path) -> None:
    config = cargar_configuracion()
    malicioso = "<script>alert('x')</script> & \"Ñandú\" <b>negrita</b>"
    rutas, _ = preparar(tmp_path / "p", config, cambios={"GRE-2": {"nombre_actividad": malicioso,
                                                                   "descripcion": "=HIPERVINCULO(\"x\")"}})
    publicar(config, rutas, hoy=DESPUES_DE_TODO)
    sitio = rutas.publicacion / "sitio"
    for ruta in (sitio / "index.html", sitio / "iniciativas" / "GRE-2.html"):
        texto = ruta.read_text(encoding="utf-8")
        assert "<script>alert" not in texto and "<b>negrita" not in texto
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;Ñandú&#34; &lt;b&gt;" in texto
    csv = (rutas.publicacion / "datos" / "iniciativas.csv").read_text(encoding="utf-8")
    assert "\"<script>alert('x')</script> & \"\"Ñandú\"\" <b>negrita</b>\"" in csv
    assert "=HIPERVINCULO" in (sitio / "iniciativas" / "GRE-2.html").read_text(encoding="utf-8")


def test_tabla_completa_sin_javascript(publicado: Publicado) -> None:
    texto = (publicado.sitio / "index.html").read_text(encoding="utf-8")
    assert '<form id="filtros" class="filtros" hidden' in texto
    cuerpo = texto.split("<tbody>")[-1].split("</tbody>")[0]
    assert cuerpo.count("<tr ") == 20
    assert all(f'href="iniciativas/{c}.html"' in cuerpo for c in ("GRE-1", "GEPRO-5"))
    assert 'id="paginacion"' not in texto and "indice.js" not in texto


def test_paginas_cuando_la_tabla_es_grande(paginado: Publicado) -> None:
    indice = (paginado.sitio / "index.html").read_text(encoding="utf-8")
    assert indice.split("<tbody>")[-1].count("<tr ") == 20
    assert 'data-indice="indice.js"' in indice and 'href="pagina-3.html"' in indice
    assert "<script src=\"indice.js\">" not in indice   # se carga al buscar, no con la página
    ultima = (paginado.sitio / "pagina-3.html").read_text(encoding="utf-8")
    assert ultima.split("<tbody>")[-1].count("<tr ") == 45 - 40
    assert "<h1>Todas las iniciativas: página 3 de 3</h1>" in ultima
    datos = json.loads((paginado.sitio / "indice.js").read_text(encoding="ascii").split("=", 1)[1].rstrip(";\n"))
    assert len(datos) == 45 and datos[0][:2] == ["GRE-1", "iniciativas/GRE-1.html"]


def test_embudo_accesible() -> None:
    svg = str(svg_embudo([("Fichas presentadas", 64), ("Fichas válidas", 56), ("Iniciativas priorizadas", 14)]))
    assert 'role="img" aria-labelledby="embudo-titulo embudo-desc"' in svg
    assert '<desc id="embudo-desc">Fichas presentadas: 64; Fichas válidas: 56; Iniciativas priorizadas: 14.</desc>' in svg
    anchos = [int(w) for w in re.findall(r'<rect x="4" y="\d+" width="(\d+)"', svg)]
    assert anchos == sorted(anchos, reverse=True) and anchos[0] == 472


def test_paleta_cumple_wcag_aa() -> None:
    bajos = [(t, f, round(contraste(PALETA[t], PALETA[f]), 2)) for t, f in PARES_CONTRASTE
             if contraste(PALETA[t], PALETA[f]) < 4.5]
    assert bajos == []
    assert round(contraste("#777777", "#ffffff"), 2) == 4.48   # la cuenta es la de WCAG
