"""Hojas del Comité mal llenadas: cada problema es una observación; ida y vuelta por LibreOffice."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from gobierno_abierto.etapa2.consolidado import cargar_consolidado
from gobierno_abierto.etapa3.priorizacion import cargar_priorizacion
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
    """El borrador lo vio el programa en una ejecución anterior; la hoja final llegó después."""
    from gobierno_abierto.entrada.archivos import recibir

    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    (copia / "entradas" / "registro_de_recepcion.json").unlink()
    vigente = rutas.entradas_comite / etapa4.ARCHIVO_HOJA_COMITE
    final = vigente.read_bytes()
    vigente.unlink()
    shutil.copy(rutas.plantillas / etapa4.ARCHIVO_HOJA_COMITE, rutas.entradas_comite / "borrador.xlsx")
    recibir(rutas.entradas_comite, config.tamanio_maximo_bytes)  # primera ejecución: solo el borrador
    vigente.write_bytes(final)
    r = etapa4.seleccionar(config, rutas)
    assert r.codigo_salida == 0, r.texto()
    assert any("borrador.xlsx" in a and "Vale el más reciente" in a for a in r.atencion)


def test_dos_hojas_sin_orden_fiable_no_se_adivina(demo: Rutas, tmp_path: Path) -> None:  # noqa: F811
    """Dos archivos sueltos vistos por primera vez juntos: su fecha de modificación no decide."""
    config = cargar_configuracion()
    copia = tmp_path / "p"
    shutil.copytree(demo.raiz, copia)
    rutas = Rutas(copia)
    (copia / "entradas" / "registro_de_recepcion.json").unlink()
    shutil.copy(rutas.plantillas / etapa4.ARCHIVO_HOJA_COMITE, rutas.entradas_comite / "borrador.xlsx")
    r = etapa4.seleccionar(config, rutas)
    assert r.codigo_salida == 1
    aviso = next(a for a in r.atencion if "no se puede saber cuál llegó después" in a)
    assert "borrador.xlsx" in aviso and etapa4.ARCHIVO_HOJA_COMITE in aviso


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


def test_celdas_con_error_o_formula_en_la_hoja_del_comite(tmp_path: Path) -> None:
    """Un «#REF!» o una fórmula sin valor en la hoja del Comité se dicen como tales (con su celda) y la
    fila no se cuenta; una fórmula con resultado en «seleccionada» se acepta con una advertencia."""
    import openpyxl

    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.libro import abrir_libro
    from gobierno_abierto.nucleo.observaciones import aplanar

    ruta = tmp_path / "comite.xlsx"
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = C.HOJA_SELECCION
    hoja.append(["codigo", "Gerencia", "seleccionada", "motivo"])
    hoja.append(["GRE-1", "GRE", "#REF!", "Buen puntaje"])
    hoja.append(["GRE-2", "GRE", "Sí", "=A2"])
    hoja.append(["#N/A", "GRE", "No", ""])
    hoja.append(["GRE-4", "GRE", "Sí", "Cubre participación"])
    libro.save(ruta)
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(ruta, "w") as z:
        for info, datos in miembros:
            if info.filename == "xl/worksheets/sheet1.xml":
                datos = re.sub(rb'<c r="C5"[^>]*?(?:/>|>.*?</c>)',
                               '<c r="C5" t="str"><f>IF(1,"Sí","No")</f><v>Sí</v></c>'.encode(), datos, flags=re.S)
            z.writestr(info, datos)
    documentos, _ = recibir_archivo(ruta, 10 << 20)
    leida = C.leer_hoja_comite(abrir_libro(documentos[0]), documentos[0])
    assert aplanar(leida.observaciones, "hoja", "celda", "campo", "ficha", "codigo", "valor") == [
        ("Selección", "C2", "seleccionada", "GRE-1", Codigo.CELDA_CON_ERROR, "#REF!"),
        ("Selección", "D3", "motivo", "GRE-2", Codigo.FORMULA_SIN_VALOR, "=A2"),
        ("Selección", "A4", "codigo", "", Codigo.CELDA_CON_ERROR, "#N/A"),
        ("Selección", "C5", "seleccionada", "", Codigo.FORMULA_CALCULADA, "Sí"),
    ]
    assert leida.observaciones[0].mensaje == ("«seleccionada (ficha GRE-1)»: la celda muestra el error #REF!: "
                                              "escriba el valor.")
    assert [(f.codigo, f.seleccionada) for f in leida.filas] == [("GRE-4", True)]


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


def _hoja_simple(ruta: Path, filas: list[list[str]]) -> C.HojaComite:
    """Una hoja del Comité mínima (la tabla con su cabecera), leída como la lee `seleccionar`."""
    import openpyxl

    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.libro import abrir_libro

    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = C.HOJA_SELECCION
    hoja.append(["Código", "Gerencia", "Seleccionada", "Motivo"])
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)
    documentos, _ = recibir_archivo(ruta, 10 << 20)
    return C.leer_hoja_comite(abrir_libro(documentos[0]), documentos[0])


def test_codigo_vacio_y_repetido_en_la_hoja_del_comite(tmp_path: Path) -> None:
    from gobierno_abierto.nucleo.observaciones import aplanar

    leida = _hoja_simple(tmp_path / "comite.xlsx", [["", "GRE", "Sí", "Buen puntaje"],
                                                   ["GRE-4", "GRE", "Sí", "Cubre participación"],
                                                   ["GRE-4", "GRE", "No", ""]])
    assert aplanar(leida.observaciones, "hoja", "celda", "codigo") == [
        ("Selección", "A2", Codigo.COMITE_CODIGO_VACIO)]
    from gobierno_abierto.nucleo.modelo import Consolidado, Priorizacion, ResultadoFicha

    config = cargar_configuracion()
    priorizacion = Priorizacion((ResultadoFicha("GRE-4", 80.0, 1, True, 3, 1.0, False, "Priorizada.", "GRE", "x"),),
                                ("Grupo 1",), "")
    consolidado = Consolidado(())
    _, obs = C.validar_seleccion(leida, priorizacion, consolidado, config, C.sugerir(priorizacion, consolidado, config))
    repetido = [o for o in obs if o.codigo is Codigo.COMITE_CODIGO_REPETIDO]
    assert aplanar(repetido, "celda", "ficha") == [("A4", "GRE-4")]


def test_un_libro_que_no_es_la_hoja_del_comite(tmp_path: Path) -> None:
    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.libro import abrir_libro
    from gobierno_abierto.nucleo.observaciones import aplanar

    ruta = tmp_path / "otro.xlsx"
    import openpyxl

    libro = openpyxl.Workbook()
    libro.active.append(["Nombre", "Monto"])
    libro.save(ruta)
    documentos, _ = recibir_archivo(ruta, 10 << 20)
    leida = C.leer_hoja_comite(abrir_libro(documentos[0]), documentos[0])
    assert aplanar(leida.observaciones, "archivo", "codigo") == [("otro.xlsx", Codigo.NO_ES_HOJA_COMITE)]


def _portafolio_de_prueba():
    """Siete fichas de GRE (seis priorizadas) con valores OGP variados, sin pasar por la demostración."""
    from gobierno_abierto.nucleo import esquema as E
    from gobierno_abierto.nucleo.modelo import Consolidado, Ficha, Priorizacion, ResultadoFicha

    def si(condicion: bool) -> str:
        return "Sí" if condicion else "No"

    fichas = tuple(Ficha(f"GRE-{n}", "GRE", "Gerencia Regional de Educación", n,
                         {E.NOMBRE_ACTIVIDAD: f"Actividad {n}", "ogp_transparencia": si(n % 2 == 1),
                          "ogp_participacion_ciudadana": si(n % 3 == 0), "ogp_rendicion_cuentas": si(n >= 4),
                          "ogp_tecnologia_innovacion": si(n == 2)})
                   for n in range(1, 8))
    resultados = tuple(ResultadoFicha(f.codigo, 90.0 - f.numero, f.numero, f.numero <= 6, 3, 1.0, False,
                                      "Priorizada." if f.numero <= 6 else "No priorizada.", "GRE",
                                      f.valores[E.NOMBRE_ACTIVIDAD]) for f in fichas)
    return Consolidado(fichas), Priorizacion(resultados, ("Grupo 1",), "")


def test_hoja_del_comite_escrita_y_leida_de_vuelta(tmp_path: Path) -> None:
    """Lo que se escribe (orden del ranking, marcas, motivos, portafolio sugerido) se lee igual."""
    from python_calamine import CalamineWorkbook

    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.libro import abrir_libro

    config = cargar_configuracion()
    consolidado, priorizacion = _portafolio_de_prueba()
    sugerido = C.sugerir(priorizacion, consolidado, config)
    assert len(sugerido.codigos) == 5 and not sugerido.faltan
    marcas = {c: ("Sí", f"Motivo de {c}") for c in sugerido.codigos}
    ruta = tmp_path / "comite.xlsx"
    C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido, ruta, marcas)

    documentos, _ = recibir_archivo(ruta, 10 << 20)
    leida = C.leer_hoja_comite(abrir_libro(documentos[0]), documentos[0])
    assert leida.observaciones == []
    assert [(f.codigo, f.seleccionada, f.motivo) for f in leida.filas] == [
        (f"GRE-{n}", True, f"Motivo de GRE-{n}") if f"GRE-{n}" in sugerido.codigos
        else (f"GRE-{n}", None, "")  # sin marca: la celda quedó vacía
        for n in range(1, 7)]
    validas, obs = C.validar_seleccion(leida, priorizacion, consolidado, config, sugerido)
    assert obs == [] and [f.codigo for f in validas] == [f"GRE-{n}" for n in range(1, 7)]

    libro = CalamineWorkbook.from_path(str(ruta))
    assert {C.HOJA_INSTRUCCIONES, C.HOJA_SELECCION, C.HOJA_SUGERIDO} <= set(libro.sheet_names)
    seleccion = libro.get_sheet_by_name(C.HOJA_SELECCION).to_python()
    cabecera = next(i for i, f in enumerate(seleccion) if f and f[0] == "Código")
    filas = [f for f in seleccion[cabecera + 1:] if f[0]]
    assert [f[0] for f in filas] == [f"GRE-{n}" for n in range(1, 7)]  # la 7 no está priorizada
    assert all(f"Actividad {n}" in " ".join(map(str, filas[n - 1])) for n in range(1, 7))
    texto_sugerido = " ".join(str(c) for f in libro.get_sheet_by_name(C.HOJA_SUGERIDO).to_python() for c in f)
    assert all(c in texto_sugerido for c in sugerido.codigos)


def test_seleccion_con_menos_marcas_y_valores_sin_cubrir(tmp_path: Path) -> None:
    from gobierno_abierto.nucleo.observaciones import aplanar

    config = cargar_configuracion()
    consolidado, priorizacion = _portafolio_de_prueba()
    sugerido = C.sugerir(priorizacion, consolidado, config)
    # solo GRE-2 (transparencia no, tecnología sí) y GRE-1 (transparencia): falta participación y rendición
    leida = _hoja_simple(tmp_path / "c.xlsx", [["GRE-1", "GRE", "Sí", "Uno"], ["GRE-2", "GRE", "Sí", ""],
                                               ["GRE-3", "GRE", "No", ""]])
    _, obs = C.validar_seleccion(leida, priorizacion, consolidado, config, sugerido)
    assert sorted(aplanar(obs, "ficha", "codigo", "valor")) == sorted([
        ("GRE-2", Codigo.COMITE_SIN_MOTIVO, "Sí"),
        ("GRE-4", Codigo.COMITE_FICHA_FALTANTE, ""), ("GRE-5", Codigo.COMITE_FICHA_FALTANTE, ""),
        ("GRE-6", Codigo.COMITE_FICHA_FALTANTE, ""),
        ("", Codigo.COMITE_CANTIDAD, "2"),
        ("", Codigo.COMITE_VALOR_NO_CUBIERTO, "Participación ciudadana"),
        ("", Codigo.COMITE_VALOR_NO_CUBIERTO, "Rendición de cuentas"),
    ])
