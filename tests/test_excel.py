"""La impresión de los libros: una sola función y, al cerrar, encabezado y pie en cada hoja visible."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gobierno_abierto.salida.excel import alto_de_lineas, escribir_tabla, formatos, nuevo_libro


def test_cada_hoja_visible_con_impresion_encabezado_y_pie(config, tmp_path: Path) -> None:
    ruta = tmp_path / "libro.xlsx"
    libro = nuevo_libro(ruta, "Prueba", config)
    fmt = formatos(libro)
    escribir_tabla(libro.add_worksheet("Tabla"), ["Código", "Cantidad"], [["GRE-1", 1500]], [10, 10], fmt,
                   [None, fmt.entero])
    libro.add_worksheet("Sin preparar").write_string(0, 0, "Nota")
    libro.add_worksheet("Oculta").hide()
    libro.close()
    with zipfile.ZipFile(ruta) as z:
        hojas = [z.read(f"xl/worksheets/sheet{i}.xml").decode() for i in (1, 2, 3)]
    tabla, sin_preparar, oculta = hojas
    for xml in (tabla, sin_preparar):
        assert 'paperSize="9"' in xml
        assert "<oddFooter>" in xml and "&amp;F" in xml and "Página &amp;P de &amp;N" in xml
        assert config.entidad in xml and config.nombre_anio in xml
    assert 'orientation="landscape"' in tabla and 'fitToHeight="0"' in tabla  # ajustada al ancho
    assert "<oddFooter>" not in oculta
    # las celdas de la tabla llevan su borde: no hace falta imprimir la cuadrícula de la hoja
    assert 'gridLines="1"' not in tabla


def test_texto_del_encabezado_escapa_ampersand(config, tmp_path: Path) -> None:
    from dataclasses import replace

    otra = replace(config, entidad="Gobierno Regional & Asociados")
    ruta = tmp_path / "a.xlsx"
    libro = nuevo_libro(ruta, "Prueba", otra)
    libro.add_worksheet("H").write_string(0, 0, "x")
    libro.close()
    with zipfile.ZipFile(ruta) as z:
        assert "Gobierno Regional &amp;&amp; Asociados" in z.read("xl/worksheets/sheet1.xml").decode()


def test_filas_de_tabla_altas_lo_que_su_texto(tmp_path: Path) -> None:
    """Un nombre de 34 caracteres en una columna de 34 cabe en una línea (Excel y LibreOffice ponen ~44):
    su fila queda de una línea; el doble pide dos, y el mismo en mayúsculas también."""
    import openpyxl

    ruta = tmp_path / "tabla.xlsx"
    libro = nuevo_libro(ruta, "Prueba")
    fmt = formatos(libro)
    nombre = "Bolsa de trabajo regional en línea"
    escribir_tabla(libro.add_worksheet("Tabla"), ["Código", "Nombre de la actividad"],
                   [["GRTPE-1", nombre], ["GRTPE-2", f"{nombre} y {nombre}"], ["GRTPE-3", nombre.upper()]],
                   [10, 34], fmt)
    libro.close()
    altos = {n: d.height for n, d in openpyxl.load_workbook(ruta)["Tabla"].row_dimensions.items() if d.height}
    assert 2 not in altos  # una línea: el alto de omisión
    assert altos[3] == altos[4] == pytest.approx(alto_de_lineas(2), abs=0.75)  # Excel redondea a 0,75 pt
