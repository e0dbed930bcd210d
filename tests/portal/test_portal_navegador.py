"""El sitio en un navegador de verdad (Chromium sin pantalla, con Selenium y el chromedriver de Debian),
abierto desde file:// como desde una memoria USB: buscar, filtrar, abrir una ficha y leer sus motivos;
sin errores en la consola ni pedidos a la red; accesibilidad básica; capturas de teléfono y escritorio.

Sin Chromium la prueba se salta, salvo con REQUIERE_NAVEGADOR=1 (CI), donde falla.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Publicado

from gobierno_abierto.nucleo.textos import normalizar

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TELEFONO = (390, 844)
ESCRITORIO = (1280, 900)


def _navegador(javascript: bool = True) -> Any:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()) or shutil.which("chromium") is None:
        if os.environ.get("REQUIERE_NAVEGADOR") == "1":
            pytest.fail("Chromium y chromedriver son obligatorios en esta ejecución (REQUIERE_NAVEGADOR=1)")
        pytest.skip("Chromium o chromedriver no están instalados")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opciones = webdriver.ChromeOptions()
    opciones.binary_location = str(CHROMIUM)
    for argumento in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                      "--disable-extensions", "--no-first-run", f"--window-size={ESCRITORIO[0]},{ESCRITORIO[1]}"):
        opciones.add_argument(argumento)
    opciones.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if not javascript:
        opciones.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opciones)


@pytest.fixture(scope="module")
def navegador() -> Iterator[Any]:
    driver = _navegador()
    yield driver
    driver.quit()


@pytest.fixture
def nav(navegador: Any) -> Iterator[Any]:
    """El navegador de cada prueba: al terminar, ni un error en la consola ni un pedido fuera de file://."""
    pantalla(navegador, *ESCRITORIO)
    navegador.get_log("browser"), navegador.get_log("performance")   # vacía lo anterior
    yield navegador
    assert errores_de_consola(navegador) == []
    assert [u for u in pedidos(navegador) if not u.startswith("file://")] == []


def errores_de_consola(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def pedidos(driver: Any) -> list[str]:
    urls = []
    for entrada in driver.get_log("performance"):
        mensaje = json.loads(entrada["message"])["message"]
        if mensaje["method"] == "Network.requestWillBeSent":
            urls.append(mensaje["params"]["request"]["url"])
    return urls


def pantalla(driver: Any, ancho: int, alto: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": ancho, "height": alto, "deviceScaleFactor": 1, "mobile": ancho < 600})


def visibles(driver: Any) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#tabla-iniciativas tbody tr'))"
        ".filter(f => f.offsetParent !== null).map(f => f.cells[0].textContent.trim());")


def escribir(driver: Any, id_: str, texto: str) -> None:
    campo = driver.find_element("id", id_)
    campo.clear()
    campo.send_keys(texto)


def elegir(driver: Any, id_: str, valor: str) -> None:
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", id_)).select_by_value(valor)


def seguir(driver: Any, texto_enlace: str, fin_de_url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait
    driver.find_element("link text", texto_enlace).click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith(fin_de_url)
                                   and d.execute_script("return document.readyState") == "complete")


def motivos_publicados(publicado: Publicado, codigo: str) -> dict[str, str]:
    with open(publicado.datos / "decisiones.csv", encoding="utf-8", newline="") as f:
        return {fila["etapa"]: fila["motivo"] for fila in csv.DictReader(f) if fila["codigo"] == codigo}


def test_buscar_filtrar_y_leer_los_motivos(nav: Any, publicado: Publicado) -> None:
    nav.get((publicado.sitio / "index.html").as_uri())
    assert nav.find_element("id", "filtros").is_displayed()   # el script mostró el formulario
    assert len(visibles(nav)) == 20
    ficha = publicado.ejemplo.consolidado.ficha("GRE-1")
    assert ficha is not None
    palabra = max(ficha.nombre.split(), key=len)   # una palabra del nombre, la más larga
    esperadas = sorted(f.codigo for f in publicado.ejemplo.consolidado.fichas
                       if normalizar(palabra) in normalizar(f"{f.codigo} {f.nombre} {f.gerencia}"))
    escribir(nav, "f-texto", palabra.upper())
    assert sorted(visibles(nav)) == esperadas and "GRE-1" in esperadas
    assert nav.find_element("id", "f-resultado").text == f"{len(esperadas)} de 20 iniciativas."
    elegir(nav, "f-gerencia", "GERESA")
    assert [c for c in visibles(nav) if not c.startswith("GERESA")] == []
    elegir(nav, "f-gerencia", "GRE")
    assert visibles(nav) == ["GRE-1"]
    escribir(nav, "f-texto", "educacion")   # sin tilde encuentra «Educación»
    assert len(visibles(nav)) == 5
    elegir(nav, "f-situacion", "observada")
    elegir(nav, "f-gerencia", "")
    escribir(nav, "f-texto", "")
    assert visibles(nav) == ["GEPRO-5"]
    nav.find_element("id", "f-limpiar").click()   # el formulario se vacía y la tabla vuelve entera
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(nav, 5).until(lambda d: len(visibles(d)) == 20)

    seguir(nav, "GRE-1", "/sitio/iniciativas/GRE-1.html")
    assert nav.find_element("tag name", "h1").text == ficha.nombre
    decisiones = nav.find_elements("css selector", "ol.decisiones > li")
    textos = [d.text for d in decisiones]
    assert [t.splitlines()[0] for t in textos] == ["Etapa II: consolidación de las fichas",
                                                   "Etapa III: priorización en el taller",
                                                   "Etapa IV: decisión del Comité de Gobierno Abierto"]
    for texto, (etapa, motivo) in zip(textos, sorted(motivos_publicados(publicado, "GRE-1").items(),
                                                     key=lambda x: len(x[0]) if x[0] != "IV" else 9), strict=True):
        assert motivo in texto, etapa
    assert "[correo reservado]" in nav.find_element("css selector", "dl.ficha").text


def test_busca_en_todas_las_paginas(nav: Any, paginado: Publicado) -> None:
    nav.get((paginado.sitio / "index.html").as_uri())
    assert len(visibles(nav)) == 20 and nav.find_element("id", "paginacion").is_displayed()
    ultima = paginado.ejemplo.consolidado.fichas[-1]   # está en la página 3
    assert nav.execute_script("return window.INICIATIVAS === undefined;")   # el índice aún no se cargó
    escribir(nav, "f-texto", ultima.codigo)
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(nav, 5).until(lambda d: ultima.codigo in visibles(d))
    assert nav.find_element("id", "f-resultado").text == "1 de 45 iniciativas."
    assert not nav.find_element("id", "paginacion").is_displayed()
    seguir(nav, ultima.codigo, f"/sitio/iniciativas/{ultima.codigo}.html")
    assert nav.find_element("tag name", "h1").text == ultima.nombre
    nav.get((paginado.sitio / "pagina-3.html").as_uri())
    assert visibles(nav)[-1] == ultima.codigo


def test_se_lee_sin_javascript(publicado: Publicado) -> None:
    driver = _navegador(javascript=False)
    try:
        driver.get((publicado.sitio / "index.html").as_uri())
        assert not driver.find_element("id", "filtros").is_displayed()
        assert len(visibles(driver)) == 20
        seguir(driver, "GEPRO-5", "/sitio/iniciativas/GEPRO-5.html")
        assert "Descripción de la actividad" in driver.find_element("css selector", "ol.decisiones").text
        assert errores_de_consola(driver) == []
    finally:
        driver.quit()


ACCESIBILIDAD = """
const encabezados = Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1]);
const sinEtiqueta = Array.from(document.querySelectorAll('input,select,textarea,button')).filter(c => {
  if (c.getAttribute('aria-label')) return false;
  if (c.tagName === 'BUTTON') return !c.textContent.trim();
  return !(c.id && document.querySelector('label[for="' + c.id + '"]'));
}).map(c => c.outerHTML);
const graficos = Array.from(document.querySelectorAll('svg')).map(s => {
  const ids = (s.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
  return {rol: s.getAttribute('role'), textos: ids.map(i => (document.getElementById(i) || {}).textContent || '')};
});
function fondo(e) {
  for (; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
const colores = Array.from(document.querySelectorAll(
  'p, a, th, td, caption, dt, dd, li, label, h1, h2, h3, [class^="marca-"], .resultado'))
  .filter(e => e.offsetParent !== null && e.textContent.trim())
  .map(e => [e.tagName + '.' + e.className, getComputedStyle(e).color, fondo(e)]);
return {encabezados, sinEtiqueta, graficos, colores, lang: document.documentElement.lang};
"""


def _rgb(texto: str) -> tuple[float, ...]:
    return tuple(float(x) for x in texto[texto.index("(") + 1:texto.index(")")].split(",")[:3])


def _contraste(a: str, b: str) -> float:
    def lum(rgb: tuple[float, ...]) -> float:
        c = [x / 255 for x in rgb]
        c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    la, lb = sorted((lum(_rgb(a)), lum(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("pagina", ["index.html", "iniciativas/GRE-1.html", "compromisos.html", "metodo.html",
                                    "descargas.html"])
def test_accesibilidad_basica(nav: Any, publicado: Publicado, pagina: str) -> None:
    nav.get((publicado.sitio / pagina).as_uri())
    r = nav.execute_script(ACCESIBILIDAD)
    assert r["lang"] == "es"
    assert r["encabezados"].count(1) == 1 and r["encabezados"][0] == 1
    saltos = [(a, b) for a, b in zip(r["encabezados"], r["encabezados"][1:], strict=False) if b > a + 1]
    assert saltos == []
    assert r["sinEtiqueta"] == []
    assert all(g["rol"] == "img" and len(g["textos"]) == 2 and all(t.strip() for t in g["textos"])
               for g in r["graficos"])
    if pagina == "index.html":
        assert len(r["graficos"]) == 1
        assert "Fichas presentadas: 20" in nav.find_element("id", "embudo-texto").text
    bajos = {(e, c, f) for e, c, f in r["colores"] if _contraste(c, f) < 4.5}
    assert bajos == set()
    assert len(r["colores"]) > 10


def test_imprimible(nav: Any, publicado: Publicado) -> None:
    nav.get((publicado.sitio / "index.html").as_uri())
    nav.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not nav.find_element("css selector", ".cabecera nav").is_displayed()
        assert not nav.find_element("id", "filtros").is_displayed()
        assert len(visibles(nav)) == 20
    finally:
        nav.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def captura(driver: Any, destino: Path) -> None:
    """Captura de la página completa (no solo de lo visible)."""
    datos = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    destino.write_bytes(base64.b64decode(datos["data"]))


@pytest.mark.parametrize("pagina", ["index.html", "iniciativas/GRE-1.html"])
@pytest.mark.parametrize(("nombre", "tamanio"), [("telefono", TELEFONO), ("escritorio", ESCRITORIO)])
def test_capturas_de_telefono_y_escritorio(nav: Any, publicado: Publicado, tmp_path: Path, pagina: str,
                                           nombre: str, tamanio: tuple[int, int]) -> None:
    pantalla(nav, *tamanio)
    nav.get((publicado.sitio / pagina).as_uri())
    ancho = nav.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert ancho[0] <= ancho[1], f"la página se desborda a lo ancho en {nombre}: {ancho}"
    carpeta = Path(os.environ.get("CAPTURAS_PORTAL", tmp_path))
    carpeta.mkdir(parents=True, exist_ok=True)
    destino = carpeta / f"{Path(pagina).stem}_{nombre}.png"
    captura(nav, destino)
    assert destino.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and destino.stat().st_size > 20_000


def test_ninguna_pagina_se_desborda_en_el_telefono(nav: Any, publicado: Publicado) -> None:
    pantalla(nav, *TELEFONO)
    desbordadas = {}
    for pagina in ("index.html", "iniciativas/GRE-1.html", "iniciativas/GEPRO-5.html", "compromisos.html",
                   "metodo.html", "descargas.html"):
        nav.get((publicado.sitio / pagina).as_uri())
        ancho, visible = nav.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        if ancho > visible:
            desbordadas[pagina] = ancho
    assert desbordadas == {}
