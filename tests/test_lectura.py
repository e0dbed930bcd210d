"""Lectura de un libro de fichas (etapa2/lectura.py): por nombres definidos, y lo que falta se dice."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from gobierno_abierto.entrada.archivos import recibir_archivo
from gobierno_abierto.etapa2.lectura import leer_envio
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar


def _sin_nombres(ruta: Path, patron: str) -> None:
    """Borra del libro los nombres definidos que calzan con `patron` (como al borrar filas u hojas)."""
    entrada = zipfile.ZipFile(io.BytesIO(ruta.read_bytes()))
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as salida:
        for parte in entrada.infolist():
            datos = entrada.read(parte)
            if parte.filename == "xl/workbook.xml":
                datos = re.sub(rf'<definedName name="(?:{patron})"[^>]*>[^<]*</definedName>', "",
                               datos.decode()).encode()
            salida.writestr(parte, datos)


def _leer(config, ruta: Path):
    (documento,), _ = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    return leer_envio(documento, config)


def test_libro_completo(config, escribir_envio):
    envio = _leer(config, escribir_envio("GRE"))
    assert (envio.es_plantilla, envio.codigo_gerencia, envio.observaciones) == (True, "GRE", [])
    assert [f.numero for f in envio.fichas] == [1, 2, 3, 4, 5]
    assert envio.celda_gerencia is not None and envio.celda_gerencia.hoja == "Instrucciones"


def test_celdas_y_hojas_borradas(config, escribir_envio):
    ruta = escribir_envio("GRE")
    _sin_nombres(ruta, r"ficha3_\w+|ficha2_descripcion|reunion_lugar")
    envio = _leer(config, ruta)
    plantilla = "(¿se borró una fila o una hoja?). Pida a la gerencia que use la plantilla original."
    assert aplanar(envio.observaciones, "archivo", "hoja", "celda", "campo", "ficha", "codigo", "mensaje") == [
        ("fichas_GRE.xlsx", "Ficha 2", "", "descripcion", "GRE-2", Codigo.NOMBRE_FALTANTE,
         f"No se encontró la celda «ficha2_descripcion» de la plantilla {plantilla}"),
        ("fichas_GRE.xlsx", "Ficha 3", "", "", "GRE-3", Codigo.NOMBRE_FALTANTE,
         f"No se encontró la celda «ficha3_… (toda la hoja «Ficha 3»)» de la plantilla {plantilla}"),
        ("fichas_GRE.xlsx", "Reunión", "", "reunion_lugar", "", Codigo.NOMBRE_FALTANTE,
         f"No se encontró la celda «reunion_lugar» de la plantilla {plantilla}"),
    ]
    assert "descripcion" not in envio.fichas[1].celdas and envio.fichas[2].celdas == {}
    assert "reunion_lugar" not in envio.reunion


def test_libro_con_la_estructura_danada(config, tmp_path):
    ruta = tmp_path / "danado.xlsx"
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook")
    envio = _leer(config, ruta)
    assert (envio.es_plantilla, envio.fichas) == (False, [])
    assert aplanar(envio.observaciones, "archivo", "codigo", "mensaje") == [
        ("danado.xlsx", Codigo.ARCHIVO_ILEGIBLE, "No se pudo leer el archivo (el XML interno está dañado (unclosed "
         "token)). Pida a la gerencia que lo guarde de nuevo como .xlsx.")]


def test_un_libro_que_no_es_la_plantilla(config, tmp_path):
    """Leído en este proceso (en `consolidar` lo leen los trabajadores): el libro no es la plantilla."""
    import openpyxl

    ruta = tmp_path / "presupuesto.xlsx"
    libro = openpyxl.Workbook()
    libro.active.append(["Actividad", "Monto"])
    libro.save(ruta)
    envio = _leer(config, ruta)
    assert (envio.es_plantilla, envio.fichas) == (False, [])
    assert aplanar(envio.observaciones, "archivo", "codigo") == [("presupuesto.xlsx", Codigo.NO_ES_PLANTILLA)]
