"""Hojas del Comité mal llenadas: cada problema es una observación; ida y vuelta por LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gobierno_abierto.etapa2.escritura import cargar_consolidado
from gobierno_abierto.etapa3.escritura import cargar_priorizacion
from gobierno_abierto.etapa4 import comite as C
from gobierno_abierto.etapa4 import orquestador as etapa4
from gobierno_abierto.etapa4.lectura import leer_seleccion
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.nucleo.observaciones import Codigo
from gobierno_abierto.salida.libreoffice import convertir
from gobierno_abierto.salida.rutas import Rutas
from tests.test_etapa4 import demo  # noqa: F401  (accesorio compartido)


def preparar(demo: Rutas, tmp_path: Path, cambiar) -> tuple[list[Codigo], int]:  # noqa: F811
    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    shutil.rmtree(rutas.entradas_comite)
    rutas.entradas_comite.mkdir()
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    sugerido = C.sugerir(priorizacion, consolidado, config)
    marcas = {r.codigo: ("Sí" if r.codigo in sugerido.codigos else "No", "Motivo del Comité")
              for r in priorizacion.priorizadas()}
    cambiar(marcas, priorizacion, consolidado)
    C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido,
                           rutas.entradas_comite / "comite.xlsx", marcas)
    r = etapa4.seleccionar(config, rutas)
    sel = leer_seleccion(config, rutas, priorizacion, consolidado, sugerido)
    return [o.codigo for o in sel.observaciones], r.codigo_salida


def test_correcta(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    assert preparar(demo, tmp_path, lambda m, p, c: None) == ([], 0)


def test_seis_seleccionadas(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    def cambiar(m, p, c):
        otra = next(k for k, v in m.items() if v[0] == "No")
        m[otra] = ("Sí", "Otra")
    codigos, salida = preparar(demo, tmp_path, cambiar)
    assert codigos == [Codigo.COMITE_CANTIDAD] and salida == 1


def test_sin_motivo_y_valor_no_cubierto(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    config = cargar_configuracion()

    def cambiar(m, p, c):
        for k in m:
            m[k] = ("No", "")
        sin_part = [r.codigo for r in p.priorizadas()
                    if "participacion_ciudadana" not in c.ficha(r.codigo).valores_ogp(config)]
        for k in sin_part[:5]:
            m[k] = ("Sí", "")
        assert len(sin_part) >= 5
    codigos, salida = preparar(demo, tmp_path, cambiar)
    assert codigos.count(Codigo.COMITE_SIN_MOTIVO) == 5
    assert Codigo.COMITE_VALOR_NO_CUBIERTO in codigos and salida == 1


def test_codigo_desconocido_y_si_no(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    origen = rutas.entradas_comite / etapa4.ARCHIVO_HOJA_COMITE
    import openpyxl  # solo para simular la edición de una persona

    wb = openpyxl.load_workbook(origen)
    ws = wb["Selección"]
    cabecera = next(f for f in range(1, 20) if ws.cell(f, 1).value == "Código")
    ws.cell(cabecera + 1, 1).value = "XYZ-9"
    ws.cell(cabecera + 2, ws.max_column - 1).value = "tal vez"
    wb.save(origen)
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    sel = leer_seleccion(config, rutas, priorizacion, consolidado,
                                C.sugerir(priorizacion, consolidado, config))
    codigos = {o.codigo for o in sel.observaciones}
    assert {Codigo.COMITE_CODIGO_DESCONOCIDO, Codigo.COMITE_NO_SI_NO, Codigo.COMITE_FICHA_FALTANTE} <= codigos
    assert etapa4.seleccionar(config, rutas).codigo_salida == 1


def test_no_es_hoja_del_comite(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    shutil.rmtree(rutas.entradas_comite)
    rutas.entradas_comite.mkdir()
    shutil.copy(rutas.consolidado, rutas.entradas_comite / "otro.xlsx")
    r = etapa4.seleccionar(config, rutas)
    assert r.codigo_salida == 1 and any("no es la hoja de selección" in a for a in r.atencion)


@pytest.mark.libreoffice
def test_ida_y_vuelta_por_libreoffice(demo: Rutas, tmp_path: Path, soffice: str) -> None:  # noqa: F811
    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    origen = rutas.entradas_comite / etapa4.ARCHIVO_HOJA_COMITE
    convertir([origen], "ods", rutas.entradas_comite)
    origen.unlink()
    r = etapa4.seleccionar(config, rutas)
    assert r.codigo_salida == 0, r.texto()
    assert "seleccion_comite.ods" in r.leido[0]


def test_carpeta_vacia_es_error_de_uso(demo: Rutas, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    from gobierno_abierto.cli import main

    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    shutil.rmtree(copia / "entradas" / "comite")
    (copia / "entradas" / "comite").mkdir()
    assert main(["--carpeta", str(copia), "seleccionar"]) == 2
    assert "hoja-comite" in capsys.readouterr().err


def test_dos_hojas_vale_la_mas_reciente(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    import os

    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    vigente = rutas.entradas_comite / etapa4.ARCHIVO_HOJA_COMITE
    antigua = rutas.entradas_comite / "borrador.xlsx"
    shutil.copy(vigente, antigua)
    marca = vigente.stat().st_mtime - 3600
    os.utime(antigua, (marca, marca))
    r = etapa4.seleccionar(config, rutas)
    assert r.codigo_salida == 0
    assert any("borrador.xlsx" in a and "más reciente" in a for a in r.atencion)


def test_hoja_por_correo(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    from datetime import datetime

    from gobierno_abierto.demo.correo import correo_con_adjunto
    from gobierno_abierto.nucleo.configuracion import ZONA_LIMA

    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    origen = rutas.entradas_comite / etapa4.ARCHIVO_HOJA_COMITE
    datos = correo_con_adjunto("comite@regionlalibertad.gob.pe", config.correo_coordinacion,
                               datetime(2016, 9, 28, 18, 0, tzinfo=ZONA_LIMA), "Selección del Comité",
                               origen.name, origen.read_bytes(), "Adjuntamos la selección.")
    (rutas.entradas_comite / "seleccion.eml").write_bytes(datos)
    origen.unlink()
    r = etapa4.seleccionar(config, rutas)
    assert r.codigo_salida == 0 and "seleccion.eml" in r.leido[0]


def test_hoja_del_comite_en_castellano(demo: Rutas) -> None:  # noqa: F811
    """Cabeceras con tildes (el contrato las lee sin ellas) e instrucciones sin órdenes de terminal."""
    from python_calamine import CalamineWorkbook

    libro = CalamineWorkbook.from_path(str(demo.entradas_comite / etapa4.ARCHIVO_HOJA_COMITE))
    seleccion = libro.get_sheet_by_name("Selección").to_python()
    cabecera = next(f for f in seleccion if f and f[0] == "Código")
    assert {"Código", "Seleccionada", "Motivo"} <= set(cabecera)
    instrucciones = " ".join(str(c) for f in libro.get_sheet_by_name("Instrucciones").to_python() for c in f)
    assert "«Código», «Seleccionada» y «Motivo»" in instrucciones
    assert "python" not in instrucciones and "procesar" not in instrucciones
