"""Lo que ve quien imprime: cada documento y libro de la demostración pasa por LibreOffice a PDF (una
sola llamada) y se revisa como lo haría un miembro del Comité: cuántas páginas, ninguna página con
solo firmas, códigos enteros, y en los libros el pie «Página N de M» con el archivo y la hoja y el
encabezado con la entidad y el nombre del año en cada página."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from gobierno_abierto.demo.configuracion import configuracion_demo
from gobierno_abierto.demo.orquestador import ejecutar_demo
from gobierno_abierto.salida.excel import (
    escribir_tabla,
    escribir_titulo,
    formatos,
    nuevo_libro,
    preparar_impresion,
)
from gobierno_abierto.salida.libreoffice import convertir, disponible
from gobierno_abierto.salida.rutas import Rutas

pytestmark = pytest.mark.libreoffice

# Páginas que se esperan (mínimo, máximo) de cada salida de la demostración: 70 fichas esperadas,
# 64 presentadas, 14 priorizadas, 5 seleccionadas. El consolidado imprimía 94 páginas.
PAGINAS = {
    "salidas/consolidado_fichas.xlsx": (20, 40),
    "salidas/priorizacion.xlsx": (8, 24),
    "salidas/seleccion_final.xlsx": (3, 10),
    "salidas/observaciones/GRDS.xlsx": (1, 1),
    "salidas/observaciones/comite.xlsx": (1, 1),
    "plantillas_excel/seleccion_comite.xlsx": (2, 4),
    "plantillas_excel/puntajes_grupo_1.xlsx": (4, 32),
    "plantillas_excel/fichas_GRE.xlsx": (6, 9),
    "salidas/actas/acta_etapa_I.docx": (1, 3),
    "salidas/actas/acta_etapa_III.docx": (2, 4),
    "salidas/actas/acta_etapa_IV.docx": (1, 3),
    "salidas/oficio_ogp.docx": (1, 1),  # con el Plan y los compromisos perfilados, y la firma
}
FIRMA = re.compile(r"^\s*_{20,40}(\s+_{20,40})?\s*$")


@pytest.fixture(scope="module")
def impreso(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """La demostración completa y su PDF, por ruta relativa de cada salida."""
    if not disponible() or shutil.which("pdftotext") is None:
        if os.environ.get("REQUIERE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice y poppler-utils son obligatorios en esta ejecución (REQUIERE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice o pdftotext (poppler-utils) no están instalados")
    base = tmp_path_factory.mktemp("impresion")
    r = ejecutar_demo(None, base / "demo", semilla=2016)
    assert r.codigo_salida == 0, r.texto()
    rutas = Rutas(base / "demo")
    # las actas II que antes dejaban la firma sola o sin la sociedad civil (GRDS)
    actas_ii = [f"salidas/actas/acta_etapa_II_{g}.docx" for g in ("GRDS", "GERCETUR", "GRTC", "GRAD", "GERESA")]
    rutas_relativas = [*PAGINAS, "fichas/GERESA-2.docx", "fichas/compromisos/GRDS-1.docx", *actas_ii]
    copias = base / "copias"
    copias.mkdir()
    nombres = {}
    for relativa in rutas_relativas:
        nombre = relativa.replace("/", "__")
        shutil.copy(rutas.raiz / relativa, copias / nombre)
        nombres[relativa] = nombre
    pdfs = convertir(sorted(copias.iterdir()), "pdf", base / "pdf")
    por_nombre = {p.stem: p for p in pdfs}
    return {relativa: por_nombre[Path(nombre).stem] for relativa, nombre in nombres.items()}


def paginas(pdf: Path) -> list[str]:
    """El texto de cada página, con la disposición de la página (columnas de firmas lado a lado)."""
    texto = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout
    return texto.split("\f")[:-1] if texto.endswith("\f") else texto.split("\f")


def test_paginas_de_cada_salida(impreso: dict[str, Path]) -> None:
    cuentas = {relativa: len(paginas(impreso[relativa])) for relativa in PAGINAS}
    fuera = {r: (n, PAGINAS[r]) for r, n in cuentas.items() if not PAGINAS[r][0] <= n <= PAGINAS[r][1]}
    assert not fuera, fuera


def test_ninguna_pagina_en_blanco(impreso: dict[str, Path]) -> None:
    """Ni los libros ni los documentos imprimen una hoja de papel vacía (antes LibreOffice contaba una
    página más de las que dibujaba al final de «Por grupo», ver `excel.cerrar_hojas`)."""
    en_blanco = [(relativa, n) for relativa, pdf in impreso.items()
                 for n, pagina in enumerate(paginas(pdf), start=1) if not pagina.strip()]
    assert en_blanco == []


def test_oficio_con_membrete_y_numero_en_cada_pagina(impreso: dict[str, Path]) -> None:
    """El oficio de la demostración ocupa una página; uno más largo lleva en cada página el membrete y su
    número."""
    config = configuracion_demo()
    hojas = paginas(impreso["salidas/oficio_ogp.docx"])
    for n, pagina in enumerate(hojas, start=1):
        assert config.entidad.upper() in pagina and f"Página {n}" in pagina, n


def test_ninguna_pagina_con_solo_firmas(impreso: dict[str, Path]) -> None:
    """En cada página con líneas de firma, antes de la primera hay texto del documento (acuerdos, el
    párrafo de cierre o la tabla que se firma), no solo el membrete."""
    config = configuracion_demo()
    membrete = (config.nombre_anio, config.entidad.upper(), config.programa)
    documentos = [r for r in impreso if r.endswith(".docx")]
    assert len(documentos) >= 10
    solas = []
    for relativa in documentos:
        for n, pagina in enumerate(paginas(impreso[relativa]), start=1):
            lineas = [x for x in pagina.splitlines() if x.strip() and not any(m in x for m in membrete)]
            firma = next((i for i, x in enumerate(lineas) if FIRMA.match(x)), None)
            if firma is not None and len(" ".join(lineas[:firma]).split()) < 15:
                solas.append((relativa, n))
    assert solas == []


def test_codigos_enteros_en_actas_y_oficio(impreso: dict[str, Path]) -> None:
    """Un código como «GERCETUR-5» nunca se parte en su celda: aparece entero en el texto del PDF."""
    def texto(relativa: str) -> str:
        return subprocess.run(["pdftotext", str(impreso[relativa]), "-"], check=True, capture_output=True,
                              text=True).stdout

    acta_iii, acta_iv = texto("salidas/actas/acta_etapa_III.docx"), texto("salidas/actas/acta_etapa_IV.docx")
    codigos = re.findall(r"\b[A-Z]{2,}-\d\b", acta_iv)
    assert len(set(codigos)) == 14  # las 14 priorizadas: 5 seleccionadas y 9 no
    assert all(c in acta_iii for c in set(codigos))
    partidos = re.findall(r"\b[A-Z]{2,}-\s*\n\s*\d\b", acta_iii + acta_iv + texto("salidas/oficio_ogp.docx"))
    assert partidos == []
    gercetur = texto("salidas/actas/acta_etapa_II_GERCETUR.docx")
    assert [c for c in (f"GERCETUR-{n}" for n in range(1, 6)) if c not in gercetur] == []


def test_acta_ii_sin_sociedad_civil_deja_filas_para_firmar(impreso: dict[str, Path]) -> None:
    """GRDS no anotó a sus representantes: el acta tiene filas en blanco con su cargo para firmar."""
    texto = "\n".join(paginas(impreso["salidas/actas/acta_etapa_II_GRDS.docx"]))
    assert texto.count("Representante de") == 3  # «Representante de la sociedad civil», en su celda
    assert "En ____" in texto and "En —" not in texto


def test_cada_hoja_impresa_con_pie_y_encabezado(impreso: dict[str, Path]) -> None:
    config = configuracion_demo()
    for relativa in [r for r in impreso if r.endswith(".xlsx")]:
        nombre = Path(relativa).name
        visibles = [h.title for h in openpyxl.load_workbook(impreso_origen(impreso, relativa), read_only=True)
                    .worksheets if h.sheet_state == "visible"]
        hojas = set()
        paginas_libro = paginas(impreso[relativa])
        for n, pagina in enumerate(paginas_libro, start=1):
            assert f"Página {n} de {len(paginas_libro)}" in pagina, (relativa, n)
            assert config.entidad in pagina and config.nombre_anio in pagina, (relativa, n)
            pie = re.search(re.escape(nombre) + r" — (.+?)\s{2,}Página", pagina)
            assert pie, (relativa, n)
            hojas.add(pie.group(1).strip())
        assert hojas == set(visibles), relativa


def impreso_origen(impreso: dict[str, Path], relativa: str) -> Path:
    """El libro original junto a la demostración (el PDF está en …/pdf, la demostración en …/demo)."""
    return impreso[relativa].parent.parent / "demo" / relativa


def _libro_con_titulo(ruta: Path, titulo: str, anchos: list[int], area: bool = False) -> Path:
    """Un libro con un título (`escribir_titulo`) sobre una tabla de tres columnas de `anchos`."""
    config = configuracion_demo()
    libro = nuevo_libro(ruta, "Prueba", config)
    fmt = formatos(libro)
    hoja = libro.add_worksheet("Tabla")
    fila = escribir_titulo(hoja, fmt, config, titulo, config.entidad)
    escribir_tabla(hoja, ["Código", "Campo", "Valor"], [["GRE-1", "Nombre", "x"]], anchos, fmt,
                   fila_inicio=fila, horizontal=False)
    if area:
        preparar_impresion(hoja, fila_cabecera=fila, horizontal=False, area=(0, 0, fila + 1, 2))
    libro.close()
    return ruta


def _palabras_de_la_primera_pagina(pdf: Path) -> tuple[float, dict[str, tuple[float, float, float, float]]]:
    """Ancho de la página 1 y (x0, y0, x1, y1) de cada palabra, según `pdftotext -bbox`."""
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    ancho = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    return ancho, {p: (float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, p in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', bbox)}


def test_titulo_largo_se_ajusta_al_ancho_impreso(tmp_path: Path) -> None:
    """Un título más largo que la tabla (tres columnas angostas) se imprime entero, a su tamaño (14 pt),
    en varias líneas dentro del ancho de la página: ni cortado en el borde derecho (con un área de
    impresión) ni achicando toda la hoja para que quepa en una línea."""
    if not disponible() or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice o pdftotext (poppler-utils) no están instalados")
    titulo = ("Observaciones a las fichas de Gobierno Abierto de la Gerencia Regional de Comercio Exterior, "
              "Turismo y Artesanía, con el detalle de cada celda por corregir antes del cierre de la etapa")
    libros = [_libro_con_titulo(tmp_path / f"{nombre}.xlsx", titulo, [10, 14, 14], area)
              for nombre, area in (("sin_area", False), ("con_area", True))]
    pdfs = convertir(libros, "pdf", tmp_path / "pdf")
    assert len(pdfs) == 2
    for pdf in pdfs:
        texto = " ".join(" ".join(paginas(pdf)).split())
        assert titulo in texto, pdf.stem
        ancho, palabras = _palabras_de_la_primera_pagina(pdf)
        for palabra in ("Observaciones", "Turismo", "etapa"):
            _x0, y0, x1, y1 = palabras[palabra]
            assert x1 <= ancho - 36, (pdf.stem, palabra, x1)  # dentro del margen derecho (0,5")
            assert y1 - y0 >= 12, (pdf.stem, palabra, y1 - y0)  # a su tamaño, no achicado


def test_titulo_que_cabe_en_una_linea_no_deja_espacio(tmp_path: Path) -> None:
    """Un título de 74 caracteres sobre una tabla de 90 de ancho se imprime en una línea, y su fila es de
    una línea: antes se estimaba en dos y quedaba una línea en blanco sobre el título."""
    if not disponible() or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice o pdftotext (poppler-utils) no están instalados")
    titulo = "Compromisos seleccionados por el Comité de Gobierno Abierto y su respuesta"
    ruta = _libro_con_titulo(tmp_path / "una_linea.xlsx", titulo, [20, 30, 40])
    assert openpyxl.load_workbook(ruta)["Tabla"].row_dimensions[2].height < 25  # una línea de 14 pt
    (pdf,) = convertir([ruta], "pdf", tmp_path / "pdf")
    _, palabras = _palabras_de_la_primera_pagina(pdf)
    assert abs(palabras["Compromisos"][1] - palabras["respuesta"][1]) < 1  # en la misma línea
