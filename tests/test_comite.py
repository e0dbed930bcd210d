"""Hojas del Comité mal llenadas: cada problema es una observación; ida y vuelta por LibreOffice."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

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
    hoja.append(["GRE-6", "GRE", "No", ""])  # C6: una fórmula cuyo resultado guardado es vacío
    hoja["C7"] = "=B5"  # una fórmula arrastrada debajo de la tabla, sola en la última fila
    libro.save(ruta)
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(ruta, "w") as z:
        for info, datos in miembros:
            if info.filename == "xl/worksheets/sheet1.xml":
                datos = re.sub(rb'<c r="C5"[^>]*?(?:/>|>.*?</c>)',
                               '<c r="C5" t="str"><f>IF(1,"Sí","No")</f><v>Sí</v></c>'.encode(), datos, flags=re.S)
                datos = re.sub(rb'<c r="C6"[^>]*?(?:/>|>.*?</c>)',
                               b'<c r="C6" t="str"><f>IF(0,"S\xc3\xad","")</f><v></v></c>', datos, flags=re.S)
            z.writestr(info, datos)
    documentos, _ = recibir_archivo(ruta, 10 << 20)
    leida = C.leer_hoja_comite(abrir_libro(documentos[0]), documentos[0])
    assert aplanar(leida.observaciones, "hoja", "celda", "campo", "ficha", "codigo", "valor") == [
        ("Selección", "C2", "seleccionada", "GRE-1", Codigo.CELDA_CON_ERROR, "#REF!"),
        ("Selección", "D3", "motivo", "GRE-2", Codigo.FORMULA_SIN_VALOR, "=A2"),
        ("Selección", "A4", "codigo", "", Codigo.CELDA_CON_ERROR, "#N/A"),
        ("Selección", "C5", "seleccionada", "", Codigo.FORMULA_CALCULADA, "Sí"),
        ("Selección", "C7", "seleccionada", "", Codigo.FORMULA_SIN_VALOR, "=B5"),
    ]
    assert {o.archivo for o in leida.observaciones} == {"comite.xlsx"}
    assert [o.mensaje for o in leida.observaciones] == [
        "«seleccionada (ficha GRE-1)»: la celda muestra el error #REF!: escriba el valor.",
        "«motivo (ficha GRE-2)»: la celda tiene una fórmula sin valor calculado: escriba el número (o el "
        "texto) en lugar de la fórmula «=A2».",
        "«codigo»: la celda muestra el error #N/A: escriba el valor.",
        "«seleccionada» se calcula con la fórmula «=IF(1,\"Sí\",\"No\")»; se tomó el valor guardado en el "
        "archivo (Sí). Verifique que sea correcto o escriba el número directamente.",
        "«seleccionada»: la celda tiene una fórmula sin valor calculado: escriba el número (o el texto) en "
        "lugar de la fórmula «=B5».",
    ]
    assert [(f.codigo, f.seleccionada) for f in leida.filas] == [("GRE-4", True), ("GRE-6", None)]


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


# --- el libro del Comité, celda por celda -------------------------------------------------------


def _estilo(celda: Any) -> str:
    """Lo que una persona ve del formato de una celda, en pocas palabras."""
    partes = [nombre for nombre, tiene in (
        ("negrita", celda.font.b), ("cursiva", celda.font.i),
        ("fondo", celda.fill.fgColor.rgb not in ("00000000", None)),
        ("editable", not celda.protection.locked)) if tiene]
    if celda.number_format != "General":
        partes.append(celda.number_format)
    partes += [nombre for nombre, tiene in (("ajustado", celda.alignment.wrap_text),
                                             ("borde", celda.border.left.style)) if tiene]
    return " ".join(partes)


def _volcado(ruta: Path) -> dict[str, Any]:
    """El libro como lo ve una persona: por hoja, valores y formatos fila por fila, celdas combinadas,
    anchos, altos, paneles, impresión, tablas y listas desplegables; y los nombres del libro."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    libro = openpyxl.load_workbook(ruta)
    salida: dict[str, Any] = {"título": libro.properties.title, "activa": libro.active.title,
                              "nombres": {n: d.attr_text for n, d in libro.defined_names.items()}}
    for hoja in libro.worksheets:
        valores, estilos = [], []
        for fila in hoja.iter_rows():
            v, e = [c.value for c in fila], [_estilo(c) for c in fila]
            while v and v[-1] is None:
                v.pop()
            while e and not e[-1]:
                e.pop()
            valores.append(v)
            estilos.append(e)
        salida[hoja.title] = {
            "valores": valores, "estilos": estilos,
            "combinadas": sorted(str(r) for r in hoja.merged_cells.ranges),
            "anchos": {get_column_letter(d.min) + ("" if d.max == d.min else f":{get_column_letter(d.max)}"):
                       int(d.width) for d in hoja.column_dimensions.values()},
            "altos": {k: d.height for k, d in hoja.row_dimensions.items() if d.height},
            "inmovilizada": hoja.freeze_panes,
            "impresión": (hoja.page_setup.orientation, hoja.print_title_rows,
                          hoja.sheet_properties.pageSetUpPr.fitToPage),
            "cuadrícula": hoja.sheet_view.showGridLines,
            "encabezado": hoja.oddHeader.left.text,
            "tablas": [(t.name, t.ref, t.tableStyleInfo.name, t.autoFilter, [c.name for c in t.tableColumns])
                       for t in hoja.tables.values()],
            "validaciones": [(str(d.sqref), d.type, d.formula1, d.errorTitle, d.error)
                             for d in hoja.data_validations.dataValidation],
        }
    return salida


def _ranking_con_casos() -> tuple[Any, Any]:
    """El portafolio de prueba con los casos que cambian lo escrito: una priorizada sin ficha en el
    consolidado (GRS-1, primera del ranking), un nombre del ranking distinto del de la ficha (GRE-1),
    uno vacío (GRE-4), una estabilidad con decimales (GRE-3) y otra sin calcular (GRE-6)."""
    from dataclasses import replace

    from gobierno_abierto.nucleo.modelo import Priorizacion, ResultadoFicha

    consolidado, priorizacion = _portafolio_de_prueba()
    cambios: dict[str, dict[str, Any]] = {"GRE-1": {"nombre": "Actividad uno"}, "GRE-3": {"robustez": 0.8765},
                                          "GRE-4": {"nombre": ""}, "GRE-6": {"robustez": None}}
    sin_ficha = ResultadoFicha("GRS-1", 95.0, 1, True, 3, 0.5, False, "Priorizada.", "GRS", "")
    resultados = [replace(r, puesto=r.puesto + 1, **cambios.get(r.codigo, {})) for r in priorizacion.resultados]
    return consolidado, Priorizacion((sin_ficha, *resultados), ("Grupo 1",), "")


MOTIVO_LARGO = ("El Comité valora que la actividad llegue a los colegios rurales de la sierra, con metas y "
                "plazos que la gerencia puede cumplir este año.")


def test_libro_del_comite_celda_por_celda(tmp_path: Path) -> None:
    """Lo que ve el Comité al abrir el libro: textos, formatos, anchos y altos, la tabla «seleccion»
    con su lista Sí/No solo en «Seleccionada», el portafolio sugerido y las instrucciones."""
    config = cargar_configuracion()
    consolidado, priorizacion = _ranking_con_casos()
    sugerido = C.sugerir(priorizacion, consolidado, config)
    ruta = tmp_path / "comite.xlsx"
    C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido, ruta,
                           {"GRS-1": ("Sí", "Sin ficha"), "GRE-1": ("Sí", MOTIVO_LARGO), "GRE-2": ("No", "")})
    volcado = _volcado(ruta)

    anio = "“Año de la Consolidación del Mar de Grau”"
    entidad = "Gobierno Regional de La Libertad"
    educacion = "Gerencia Regional de Educación"
    cabecera = "negrita fondo ajustado borde"
    texto, numero, entrada = "ajustado borde", "#,##0.## borde", "fondo editable ajustado borde"
    assert {k: volcado[k] for k in ("título", "activa", "nombres")} == {
        "título": "Selección del Comité de Gobierno Abierto", "activa": "Selección",
        "nombres": {"seleccion_cabecera": "'Selección'!$A$5"}}
    cabeceras = ["Código", "Gerencia", "Actividad", "Puntaje (0–100)", "Puesto", "Estabilidad (%)",
                 "Valores de Gobierno Abierto", "Sugerida", "Seleccionada", "Motivo"]
    assert volcado["Selección"] == {
        "valores": [
            [anio],
            ["Selección de los 5 compromisos — Comité de Gobierno Abierto"],
            ["Marque «Sí» en «Seleccionada» en exactamente 5 fichas y escriba el motivo de cada decisión "
             "(también de las no seleccionadas, si lo desea). No cambie los códigos."],
            [],
            cabeceras,
            ["GRS-1", "GRS", None, 95, 1, 50, None, "Sí", "Sí", "Sin ficha"],
            ["GRE-1", educacion, "Actividad uno", 89, 2, 100, "Transparencia", "Sí", "Sí", MOTIVO_LARGO],
            ["GRE-2", educacion, "Actividad 2", 88, 3, 100, "Tecnología e innovación", "Sí", "No"],
            ["GRE-3", educacion, "Actividad 3", 87, 4, 87.6, "Transparencia, Participación ciudadana", "Sí"],
            ["GRE-4", educacion, "Actividad 4", 86, 5, 100, "Rendición de cuentas", "Sí"],
            ["GRE-5", educacion, "Actividad 5", 85, 6, 100, "Transparencia, Rendición de cuentas", "No"],
            ["GRE-6", educacion, "Actividad 6", 84, 7, None, "Rendición de cuentas, Participación ciudadana",
             "No"],
        ],
        # las líneas del título se ajustan al ancho impreso (salida.excel.escribir_titulo)
        "estilos": [["cursiva ajustado"], ["negrita ajustado"], ["cursiva ajustado"], [], [cabecera] * 10,
                    *[[texto, texto, texto, numero, texto, numero, texto, texto, entrada, entrada]] * 7],
        "combinadas": ["A1:J1", "A2:J2", "A3:J3"],
        "anchos": {"A": 11, "B": 24, "C": 34, "D": 15, "E": 7, "F": 10, "G": 24, "H": 9, "I": 12, "J": 40},
        # el motivo largo pide 4 líneas; las demás filas, el mínimo de 45 puntos
        "altos": {1: 16.5, 2: 21.75, 3: 16.5, 5: 30.0, 6: 45.0, 7: 54.75, 8: 45.0, 9: 45.0, 10: 45.0, 11: 45.0,
                  12: 45.0},
        "inmovilizada": "B6",
        "impresión": ("landscape", "$5:$5", True),
        "cuadrícula": None,
        "encabezado": entidad,
        "tablas": [("seleccion", "A5:J12", "TableStyleLight9", None, cabeceras)],
        "validaciones": [("I6:I12", "list", '"Sí,No"', "Sí o No", "Escriba «Sí» o «No».")],
    }
    assert volcado["Portafolio sugerido"] == {
        "valores": [
            ["Portafolio sugerido (búsqueda exacta sobre todas las combinaciones)"],
            ["De las 7 fichas priorizadas, estas 5 suman el mayor puntaje total posible (445.00 puntos) y "
             "juntas cubren transparencia, rendición de cuentas y participación ciudadana. Se revisaron todas "
             "las combinaciones posibles. Coinciden con las 5 de mayor puntaje del ranking. GRS-1 (95.00 "
             "puntos): ningún valor que cuente. GRE-1 (89.00 puntos): Transparencia. GRE-2 (88.00 puntos): "
             "ningún valor que cuente. GRE-3 (87.00 puntos): Transparencia y Participación ciudadana. GRE-4 "
             "(86.00 puntos): Rendición de cuentas."],
            ["Es una sugerencia: el Comité decide y debe dar el motivo de cada selección."],
            [],
            ["Código", "Gerencia", "Actividad", "Puntaje", "Puesto", "Valores OGP"],
            ["GRS-1", "GRS", None, 95, 1],
            ["GRE-1", educacion, "Actividad uno", 89, 2, "Transparencia"],
            ["GRE-2", educacion, "Actividad 2", 88, 3, "Tecnología e innovación"],
            ["GRE-3", educacion, "Actividad 3", 87, 4, "Transparencia, Participación ciudadana"],
            ["GRE-4", educacion, "Actividad 4", 86, 5, "Rendición de cuentas"],
        ],
        "estilos": [["negrita"], ["ajustado"], ["cursiva"], [], [cabecera] * 6, *[[texto] * 6] * 5],
        "combinadas": ["A1:F1", "A2:F2", "A3:F3"],
        "anchos": {"A": 11, "B": 30, "C": 42, "D": 10, "E": 8, "F": 40},
        "altos": {2: 54.75, 6: 30.0, 7: 30.0, 8: 30.0, 9: 30.0, 10: 30.0},
        "inmovilizada": None,
        "impresión": ("landscape", None, True),
        "cuadrícula": None,
        "encabezado": entidad,
        "tablas": [],
        "validaciones": [],
    }
    assert volcado["Instrucciones"] == {
        "valores": [
            [anio], ["Hoja de selección del Comité de Gobierno Abierto"], [entidad], [],
            ["1.", "En la hoja «Selección», escriba «Sí» en la columna «Seleccionada» de exactamente 5 fichas "
                   "y «No» en las demás."],
            ["2.", "Escriba en «Motivo» la razón del Comité para cada ficha seleccionada (obligatorio) y, si lo "
                   "desea, para las no seleccionadas. El motivo aparece en el acta y en la respuesta a cada "
                   "gerencia."],
            ["3.", "Procure que las fichas seleccionadas cubran juntas: Transparencia, Rendición de cuentas y "
                   "Participación ciudadana. Tecnología e innovación solo cuenta junto a uno de esos valores."],
            ["4.", "La hoja «Portafolio sugerido» propone una combinación que cubre esos valores con el mayor "
                   "puntaje; es solo una ayuda: el Comité decide."],
            ["5.", "No cambie los códigos ni los nombres de las columnas «Código», «Seleccionada» y «Motivo». "
                   "Puede guardar el libro en Excel (.xlsx) o LibreOffice (.ods)."],
            ["6.", "Cuando el Comité termine, guarde el libro y devuélvalo a la coordinación de Gobierno Abierto "
                   "(gobiernoabierto@regionlalibertad.gob.pe)."],
        ],
        "estilos": [["cursiva ajustado"], ["negrita ajustado"], ["cursiva ajustado"], [],
                    *[["negrita", "ajustado"]] * 6],
        "combinadas": ["A1:B1", "A2:B2", "A3:B3"],
        "anchos": {"A": 4, "B": 86},
        "altos": {1: 16.5, 2: 21.75, 3: 16.5, 5: 29.25, 6: 42.0, 7: 42.0, 8: 29.25, 9: 29.25, 10: 29.25},
        "inmovilizada": None,
        "impresión": ("portrait", None, True),
        "cuadrícula": False,
        "encabezado": entidad,
        "tablas": [],
        "validaciones": [],
    }


def test_libro_del_comite_sin_priorizadas(tmp_path: Path) -> None:
    """Sin priorizadas la tabla lleva una fila vacía (Excel no admite tablas sin filas) y sin lista
    Sí/No; se lee de vuelta sin filas ni observaciones. Sin valores acompañantes, las instrucciones no
    los mencionan."""
    from dataclasses import replace

    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.libro import abrir_libro
    from gobierno_abierto.nucleo.modelo import Consolidado, Priorizacion

    config = cargar_configuracion()
    config = replace(config, valores_ogp=tuple(v for v in config.valores_ogp if not v.acompania))
    priorizacion, consolidado = Priorizacion((), ("Grupo 1",), ""), Consolidado(())
    sugerido = C.sugerir(priorizacion, consolidado, config)
    ruta = tmp_path / "comite.xlsx"
    C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido, ruta)
    volcado = _volcado(ruta)

    seleccion = volcado["Selección"]
    assert seleccion["valores"][4:] == [["Código", "Gerencia", "Actividad", "Puntaje (0–100)", "Puesto",
                                         "Estabilidad (%)", "Valores de Gobierno Abierto", "Sugerida",
                                         "Seleccionada", "Motivo"]]
    assert [t[1] for t in seleccion["tablas"]] == ["A5:J6"] and seleccion["validaciones"] == []
    assert volcado["Portafolio sugerido"]["valores"][1] == [
        "No hay fichas priorizadas: no se puede sugerir un portafolio."]
    assert volcado["Instrucciones"]["valores"][6] == [
        "3.", "Procure que las fichas seleccionadas cubran juntas: Transparencia, Rendición de cuentas y "
              "Participación ciudadana."]

    documentos, _ = recibir_archivo(ruta, 10 << 20)
    leida = C.leer_hoja_comite(abrir_libro(documentos[0]), documentos[0])
    assert (leida.filas, leida.observaciones) == ([], [])


def test_lectura_de_la_hoja_del_comite_dice_donde_y_que(tmp_path: Path) -> None:
    """Cada observación de la lectura nombra archivo, hoja, celda, campo, valor y ficha; las filas
    vacías se saltan, los motivos se leen con los espacios normalizados."""
    from gobierno_abierto.nucleo.observaciones import aplanar

    leida = _hoja_simple(tmp_path / "comite.xlsx", [
        ["GRE-1", "GRE", "tal vez", "Lo pensamos"],
        ["", "GRE", "", ""],  # fila vacía: no se dice nada
        ["", "GRE", "", "Un motivo sin ficha ni marca"],
        ["", "GRE", "Sí", ""],
        ["gre-2", "GRE", "No", "  Cubre   participación\n en la sierra "],
    ])
    assert aplanar(leida.observaciones, "archivo", "hoja", "celda", "campo", "valor", "ficha", "codigo") == [
        ("comite.xlsx", "Selección", "C2", "seleccionada", "tal vez", "GRE-1", Codigo.COMITE_NO_SI_NO),
        ("comite.xlsx", "Selección", "A5", "codigo", "Sí", "", Codigo.COMITE_CODIGO_VACIO),
    ]
    assert [o.mensaje for o in leida.observaciones] == [
        "En la ficha GRE-1, «Seleccionada» dice «tal vez»: escriba «Sí» o «No».",
        "La fila marca «Sí» en «Seleccionada» pero no tiene código de ficha. No borre los códigos de la hoja.",
    ]
    assert [(f.codigo, f.seleccionada, f.motivo, f.fila, f.hoja, f.celda_codigo) for f in leida.filas] == [
        ("GRE-1", None, "Lo pensamos", 1, "Selección", "A2"),
        ("GRE-2", False, "Cubre participación en la sierra", 5, "Selección", "A6"),
    ]


def test_validar_seleccion_dice_donde_y_que(tmp_path: Path) -> None:
    """Cada problema de la selección nombra su archivo, hoja, celda y ficha, y su mensaje dice cuántas
    se esperaban, en qué otra fila está la repetida y qué propone el portafolio sugerido."""
    from gobierno_abierto.nucleo.observaciones import aplanar

    config = cargar_configuracion()
    consolidado, priorizacion = _portafolio_de_prueba()
    sugerido = C.sugerir(priorizacion, consolidado, config)
    leida = _hoja_simple(tmp_path / "comite.xlsx", [
        ["XYZ-9", "GRE", "Sí", "No es nuestra"], ["GRE-1", "GRE", "Sí", "Uno"], ["GRE-2", "GRE", "Sí", ""],
        ["GRE-1", "GRE", "No", ""], ["GRE-3", "GRE", "No", ""]])
    validas, obs = C.validar_seleccion(leida, priorizacion, consolidado, config, sugerido)
    assert [(f.codigo, f.seleccionada) for f in validas] == [("GRE-1", True), ("GRE-2", True), ("GRE-3", False)]
    assert aplanar(obs, "archivo", "hoja", "celda", "campo", "valor", "ficha", "codigo", "mensaje") == [
        ("comite.xlsx", "Selección", "A2", "codigo", "XYZ-9", "XYZ-9", Codigo.COMITE_CODIGO_DESCONOCIDO,
         "El código «XYZ-9» no está entre las 6 fichas priorizadas en la Etapa III. Revise que no se haya "
         "cambiado el código."),
        ("comite.xlsx", "Selección", "", "motivo", "Sí", "GRE-2", Codigo.COMITE_SIN_MOTIVO,
         "La ficha GRE-2 está marcada «Sí» pero no tiene motivo. Escriba en «Motivo» la razón del Comité; irá "
         "al acta y a la respuesta a la gerencia."),
        ("comite.xlsx", "Selección", "A5", "codigo", "GRE-1", "GRE-1", Codigo.COMITE_CODIGO_REPETIDO,
         "La ficha GRE-1 aparece más de una vez en la hoja (también en la fila 3); solo se cuenta la primera."),
        *[("comite.xlsx", "", "", "", "", f"GRE-{n}", Codigo.COMITE_FICHA_FALTANTE,
           f"La ficha priorizada GRE-{n} no aparece en la hoja del Comité; se considera no seleccionada.")
          for n in (4, 5, 6)],
        ("comite.xlsx", "", "", "", "2", "", Codigo.COMITE_CANTIDAD,
         "Fichas marcadas «Sí» por el Comité: 2; deben ser exactamente 5. Corrija la columna «Seleccionada»."),
        *[("comite.xlsx", "", "", "", valor, "", Codigo.COMITE_VALOR_NO_CUBIERTO,
           f"Ninguna ficha seleccionada promueve «{valor}» (contando tecnología e innovación solo junto a otro "
           "valor). El portafolio sugerido sí cubre todos los valores: GRE-1, GRE-2, GRE-3, GRE-4, GRE-5.")
          for valor in ("Rendición de cuentas", "Participación ciudadana")],
    ]


def test_candidatas_en_el_orden_del_ranking() -> None:
    """Las priorizadas, en el orden del ranking, con su puntaje, sus valores OGP y su nombre (el del
    ranking; si falta, el de la ficha; sin ficha, ninguno)."""
    from dataclasses import replace

    config = cargar_configuracion()
    consolidado, priorizacion = _ranking_con_casos()
    assert [(c.codigo, c.puntaje, sorted(c.valores), c.nombre)
            for c in C.candidatas(priorizacion, consolidado, config)] == [
        ("GRS-1", 95.0, [], ""),
        ("GRE-1", 89.0, ["transparencia"], "Actividad uno"),
        ("GRE-2", 88.0, ["tecnologia_innovacion"], "Actividad 2"),
        ("GRE-3", 87.0, ["participacion_ciudadana", "transparencia"], "Actividad 3"),
        ("GRE-4", 86.0, ["rendicion_cuentas"], "Actividad 4"),
        ("GRE-5", 85.0, ["rendicion_cuentas", "transparencia"], "Actividad 5"),
        ("GRE-6", 84.0, ["participacion_ciudadana", "rendicion_cuentas"], "Actividad 6"),
    ]
    # un priorizacion.xlsx editado a mano puede dejar una priorizada sin puntaje: suma 0
    sin_puntaje = replace(priorizacion, resultados=(replace(priorizacion.resultados[0], puntaje=None),
                                                    *priorizacion.resultados[1:]))
    assert C.candidatas(sin_puntaje, consolidado, config)[0].puntaje == 0.0
