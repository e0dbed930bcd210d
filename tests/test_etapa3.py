"""Etapa III de punta a punta: consolidado → hojas-puntaje → hojas llenas → priorizar."""

from __future__ import annotations

import os
import random
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
import python_calamine

from gobierno_abierto.cli import main
from gobierno_abierto.demo import datos as D
from gobierno_abierto.demo.etapa3 import notas_sinteticas
from gobierno_abierto.demo.etapa3 import preparar_puntajes as preparar_demo
from gobierno_abierto.entrada.libro import texto_cabecera
from gobierno_abierto.etapa2.instrumento import escribir_plantilla
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.etapa3.hojas import nombre_archivo
from gobierno_abierto.etapa3.instrumento import escribir_hoja_puntaje
from gobierno_abierto.etapa3.orquestador import (
    fichas_validas,
    generar_hojas_puntaje,
    priorizar,
)
from gobierno_abierto.etapa3.priorizacion import leer_priorizacion
from gobierno_abierto.nucleo.configuracion import (
    ZONA_LIMA,
    ErrorConfiguracion,
    configuracion_desde_dict,
    validar_secciones,
)
from gobierno_abierto.nucleo.observaciones import Codigo
from gobierno_abierto.nucleo.textos import numero
from gobierno_abierto.salida.excel import alto_de_lineas
from gobierno_abierto.salida.resumen import ErrorUso
from gobierno_abierto.salida.rutas import Rutas


@pytest.fixture(scope="session")
def consolidado(config, tmp_path_factory) -> Path:
    """Un consolidado de la Etapa II con las 70 fichas válidas (se construye una vez)."""
    rutas = Rutas(tmp_path_factory.mktemp("etapa2"))
    rutas.crear()
    for g in config.gerencias:
        valores = D.libro_lleno(config, g, random.Random(f"7-{g.codigo}"))
        escribir_plantilla(config, g, rutas.entradas_fichas / f"fichas_{g.codigo}.xlsx", valores)
    assert consolidar(config, rutas).codigo_salida == 0
    return rutas.consolidado


@pytest.fixture
def proyecto(rutas, consolidado) -> Rutas:
    shutil.copy(consolidado, rutas.consolidado)
    return rutas


def _fecha(minutos: int) -> float:
    return datetime(2016, 9, 21, 12, minutos, tzinfo=ZONA_LIMA).timestamp()


def llenar(config, rutas: Rutas, cambios=None, grupos=None, nombre=None, minutos=0) -> list[Path]:
    """Escribe en entradas/puntajes las hojas llenas de los grupos (notas sintéticas)."""
    ajustes = config.priorizacion
    fichas = fichas_validas(config, rutas)
    escritas = []
    for i, grupo in enumerate(ajustes.grupos):
        if grupos is not None and i not in grupos:
            continue
        notas = {k: dict(v) for k, v in notas_sinteticas(fichas, ajustes, grupo, i, 11).items()}
        for (g, codigo, clave), valor in (cambios or {}).items():
            if g == i:
                notas.setdefault(codigo, {})[clave] = valor
        ruta = rutas.entradas_puntajes / (nombre or nombre_archivo(grupo))
        escribir_hoja_puntaje(config, ajustes, grupo, fichas, ruta, notas)
        os.utime(ruta, (_fecha(minutos), _fecha(minutos)))
        escritas.append(ruta)
    return escritas


def _hoja(ruta: Path, nombre: str) -> list[list]:
    return python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(nombre).to_python()


def test_hojas_puntaje_sin_consolidado_es_error_de_uso(config, rutas, capsys):
    with pytest.raises(ErrorUso, match="consolidar"):
        generar_hojas_puntaje(config, rutas)
    assert main(["--carpeta", str(rutas.raiz), "hojas-puntaje"]) == 2
    assert "Ejecute primero «python procesar.py consolidar»" in capsys.readouterr().err


def test_hojas_puntaje_una_por_grupo(config, proyecto):
    resumen = generar_hojas_puntaje(config, proyecto)
    ajustes = config.priorizacion
    assert sorted(p.name for p in proyecto.plantillas.iterdir()) == sorted(
        nombre_archivo(g) for g in ajustes.grupos)
    assert "70 fichas válidas" in resumen.texto()
    filas = _hoja(proyecto.plantillas / "puntajes_grupo_1.xlsx", "Puntajes")
    cabecera = next(f for f in filas if f and f[0] == "Código")
    assert [texto_cabecera(c) for c in cabecera] == ["codigo", "gerencia", "nombre de la actividad",
                                                      "descripcion breve", *ajustes.claves]
    assert sum(1 for f in filas if f and str(f[0]).startswith("GRE-")) == 5


def test_priorizar_de_punta_a_punta(config, proyecto, capsys):
    llenar(config, proyecto)
    resumen = priorizar(config, proyecto)
    assert resumen.codigo_salida == 0, resumen.texto()
    texto = resumen.texto()
    assert "Las 14 iniciativas priorizadas" in texto and "Hojas de puntaje vigentes: 5 de 5 grupos" in texto

    ranking = _hoja(proyecto.priorizacion, "Ranking")
    cab = ranking[0]
    assert cab[:7] == ["Puesto", "Código", "Gerencia", "Nombre de la actividad", "Puntaje final (0–100)",
                       "Grupos", "Priorizada"]
    assert len(ranking) == 71
    assert [f[0] for f in ranking[1:]] == list(range(1, 71))
    assert sum(f[6] == "Sí" for f in ranking[1:]) == 14
    puntajes = [f[4] for f in ranking[1:]]
    assert puntajes == sorted(puntajes, reverse=True)
    assert all(f[5] == 4 for f in ranking[1:])  # cada ficha: 5 grupos menos el de su gerencia
    assert all(f[-1] for f in ranking[1:])  # respuesta razonada en cada ficha
    with zipfile.ZipFile(proyecto.priorizacion) as z:
        assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= set(z.namelist())
        acuerdo = z.read("xl/charts/chart2.xml").decode()
    # el gráfico de acuerdo entre grupos: una serie de puntos por grupo sobre las barras del puntaje final
    assert acuerdo.count("<c:ser>") == 1 + 5 and "Acuerdo entre grupos" in acuerdo
    libro = python_calamine.CalamineWorkbook.from_path(str(proyecto.priorizacion))
    assert libro.sheet_names[:6] == ["Ranking", "Gráfico", "Acuerdo entre grupos", "Por grupo", "Observaciones",
                                     "Método"]
    acuerdo_filas = _hoja(proyecto.priorizacion, "Acuerdo entre grupos")
    cab = next(i for i, f in enumerate(acuerdo_filas) if f and f[0] == "Código")
    assert [f[0] for f in acuerdo_filas[cab + 1:cab + 15]] == [f[1] for f in ranking[1:] if f[6] == "Sí"]
    assert _hoja(proyecto.priorizacion, "Observaciones")[1:] == []
    assert len(_hoja(proyecto.priorizacion, "Por grupo")) == 1 + 5 * 70 - 70

    p = leer_priorizacion(proyecto.priorizacion, config)
    assert len(p.resultados) == 70 and len(p.priorizadas()) == 14
    assert p.grupos == ("Grupo 1", "Grupo 2", "Grupo 3", "Grupo 4", "Grupo 5")
    assert p.metodo_concordancia == "Spearman medio" and p.concordancia is not None
    assert [r.puesto for r in p.resultados] == list(range(1, 71))
    assert [r.codigo for r in p.resultados] == [f[1] for f in ranking[1:]]
    primera = p.resultados[0]
    assert primera.respuesta.startswith("Priorizada: puesto 1 de 70")
    assert set(primera.medias_criterios) == set(config.priorizacion.claves)
    assert len(primera.puntajes_grupos) == 4
    # un solo redondeo, la mitad hacia arriba: 95.625 → 95.63
    assert primera.puntaje == pytest.approx(sum(primera.puntajes_grupos.values()) / 4, abs=0.005)
    assert primera.puntaje == round(primera.puntaje, 2)
    from collections import Counter
    assert max(Counter(r.codigo_gerencia for r in p.priorizadas()).values()) <= 2
    no = next(r for r in p.resultados if not r.priorizada and not r.fuera_por_tope)
    assert no.respuesta.startswith("No priorizada")

    # misma entrada, mismos bytes
    antes = proyecto.priorizacion.read_bytes()
    priorizar(config, proyecto)
    assert proyecto.priorizacion.read_bytes() == antes

    # la línea de comandos imprime el resumen con las 14
    assert main(["--carpeta", str(proyecto.raiz), "priorizar"]) == 0
    salida = capsys.readouterr().out
    assert "Priorización de iniciativas (Etapa III)" in salida and "  14. " in salida


def test_errores_en_las_hojas_son_observaciones(config, proyecto):
    ajustes = config.priorizacion
    c = ajustes.claves
    llenar(config, proyecto, cambios={(1, "GRE-1", c[0]): 9, (2, "GRE-2", c[1]): None},
           grupos=[0, 1, 2, 3], minutos=30)
    # el Grupo 1 entregó antes un borrador: vale la hoja más reciente; el Grupo 5 no entregó
    llenar(config, proyecto, grupos=[0], nombre="borrador_grupo1.xlsx", minutos=5,
           cambios={(0, "GRE-1", c[0]): 1})  # un borrador distinto de la hoja final
    (proyecto.entradas_puntajes / "acta.pdf").write_bytes(b"%PDF-1.4 acta del taller")
    resumen = priorizar(config, proyecto)
    assert resumen.codigo_salida == 1
    obs = _hoja(proyecto.priorizacion, "Observaciones")
    cab = obs[0]
    filas = [dict(zip(cab, f, strict=True)) for f in obs[1:]]
    assert sorted((f["Grupo"], f["Archivo"], f["Celda"], f["Código"]) for f in filas) == sorted([
        ("", "acta.pdf", "", Codigo.ARCHIVO_NO_HOJA.value),
        # dos archivos sueltos del mismo grupo, vistos juntos: vale el más reciente, y se pide confirmarlo
        ("Grupo 1", "borrador_grupo1.xlsx", "", Codigo.ENVIO_REEMPLAZADO.value),
        ("Grupo 1", "puntajes_grupo_1.xlsx", "", Codigo.ENVIOS_SIN_ORDEN.value),
        ("Grupo 2", "puntajes_grupo_2.xlsx", "E7", Codigo.PUNTAJE_FUERA_DE_ESCALA.value),
        ("Grupo 3", "puntajes_grupo_3.xlsx", "F8", Codigo.PUNTAJE_VACIO.value),
        ("Grupo 5", "", "", Codigo.GRUPO_SIN_HOJA.value),
    ])
    assert "Grupos sin hoja de puntaje: Grupo 5" in resumen.texto()
    p = leer_priorizacion(proyecto.priorizacion, config)
    assert p.grupos == ("Grupo 1", "Grupo 2", "Grupo 3", "Grupo 4")
    gre1 = p.resultado("GRE-1")
    assert gre1 is not None and set(gre1.puntajes_grupos) == {"Grupo 3", "Grupo 4"}
    assert "1 grupo no la calificó de forma válida" in gre1.respuesta


def test_tope_que_no_deja_completar_la_cuota(config, datos_config, proyecto):
    datos_config["priorizacion"]["maximo_por_gerencia"] = 1
    estricta = configuracion_desde_dict(datos_config, config.ruta)
    llenar(estricta, proyecto, grupos=[0])  # el Grupo 1 no califica GRE, GERESA ni GRDS: 11 gerencias
    resumen = priorizar(estricta, proyecto)
    assert resumen.codigo_salida == 0
    p = leer_priorizacion(proyecto.priorizacion, estricta)
    assert len(p.priorizadas()) == 11
    assert len({r.codigo_gerencia for r in p.priorizadas()}) == 11
    obs = _hoja(proyecto.priorizacion, "Observaciones")[1:]
    assert [(f[-3], f[-1]) for f in obs] == [
        ("advertencia", Codigo.GRUPO_SIN_HOJA.value)] * 4 + [("advertencia", Codigo.PRIORIZADAS_INCOMPLETAS.value)]
    assert "el tope de fichas por gerencia" in obs[-1][-2]
    assert "Solo 11 de 14 fichas pudieron priorizarse" in resumen.texto()
    tope = next(r for r in p.resultados if r.fuera_por_tope)
    assert "el máximo permitido por gerencia" in tope.respuesta


def test_sin_hojas_de_puntaje(config, proyecto):
    """Sin nada que priorizar no se escribe (ni se pisa) la priorización: error de uso."""
    with pytest.raises(ErrorUso, match="No hay hojas de puntaje válidas"):
        priorizar(config, proyecto)
    assert not proyecto.priorizacion.exists()
    (proyecto.entradas_puntajes / "nota.xlsx").write_bytes(b"no es una hoja")
    with pytest.raises(ErrorUso, match=r"nota\.xlsx"):  # dice por qué no sirvió cada archivo
        priorizar(config, proyecto)


def test_sin_puntajes_la_respuesta_lo_dice(config, proyecto):
    import numpy as np

    from gobierno_abierto.etapa3.calculo import calcular
    from gobierno_abierto.etapa3.resultados import armar_priorizacion, matriz_notas, metodo_de

    ajustes = config.priorizacion
    fichas = fichas_validas(config, proyecto)
    calculo = calcular(matriz_notas([], fichas, ajustes), np.zeros(len(fichas), dtype=int), metodo_de(ajustes))
    p = armar_priorizacion(calculo, fichas, [], ajustes)
    assert p.priorizadas() == [] and all(r.puntaje is None for r in p.resultados)
    assert p.resultados[0].respuesta.startswith("No priorizada: ningún grupo")


def test_demo_de_la_etapa3(config, proyecto):
    generar_hojas_puntaje(config, proyecto)
    preparar_demo(config, proyecto, 2016)
    nombres = sorted(p.name for p in proyecto.entradas_puntajes.iterdir())
    assert "puntajes_grupo_5.eml" in nombres and "puntajes_grupo_1_borrador.eml" in nombres
    if shutil.which("soffice") or os.environ.get("REQUIERE_LIBREOFFICE") == "1":
        assert "puntajes_grupo_4.ods" in nombres
    resumen = priorizar(config, proyecto)
    assert resumen.codigo_salida == 1
    codigos = {f[-1] for f in _hoja(proyecto.priorizacion, "Observaciones")[1:]}
    assert codigos == {Codigo.PUNTAJE_FUERA_DE_ESCALA.value, Codigo.PUNTAJE_VACIO.value,
                       Codigo.ENVIO_REEMPLAZADO.value}
    assert len(leer_priorizacion(proyecto.priorizacion, config).priorizadas()) == 14
    _revisar_metodo_y_por_grupo(proyecto.priorizacion, config)


def _revisar_metodo_y_por_grupo(ruta: Path, config) -> None:
    """Lo que lee el Comité en «Método» y «Por grupo»: cabeceras con nombre, la concordancia con dos
    decimales y en palabras, filas altas lo que su texto, y el archivo de cada grupo corto en «Por grupo»
    (se repite en cada fila) y entero, con el correo que lo trajo, en «Método»."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():  # las barras de datos de «Ranking» son una extensión que openpyxl no lee
        warnings.filterwarnings("ignore", "(Unknown|Conditional Formatting) extension", UserWarning)
        libro = openpyxl.load_workbook(ruta)
    hoja = libro["Método"]
    filas = {f[0].row: [c.value for c in f] for f in hoja.iter_rows()}
    combinadas = {(r.min_row, c) for r in hoja.merged_cells.ranges for c in range(r.min_col, r.max_col + 1)}
    cabecera = next(n for n, f in filas.items() if f[0] == "Grupo")
    assert [v for v in filas[cabecera] if v] == ["Grupo", "Fichas calificadas", "Puntaje medio",
                                                 "Correlación con el final", "Archivo recibido", "Integrantes"]
    assert all(v or (cabecera, c + 1) in combinadas for c, v in enumerate(filas[cabecera][:7]))
    concordancia = [f[1] for f in filas.values() if f[0] == "Concordancia entre grupos"][-1]
    p = leer_priorizacion(ruta, config)
    assert concordancia == (f"Spearman medio: {numero(p.concordancia, 2)} (los grupos coincidieron "
                            "mucho en el orden de las iniciativas)")
    # cada criterio: su descripción en una o dos líneas y cada nivel en una (no en dos)
    for criterio in config.priorizacion.criterios:
        n = next(n for n, f in filas.items() if f[0] == criterio.nombre)
        assert hoja.row_dimensions[n].height <= alto_de_lineas(2 + len(criterio.niveles)), criterio.nombre
    archivos = [f[4] for n, f in filas.items() if n > cabecera and f[0]]
    assert "puntajes_grupo_5.eml › puntajes_grupo_5.xlsx" in archivos
    por_grupo = _hoja(ruta, "Por grupo")
    assert por_grupo[0][1] == "Archivo"
    cortos = {f[1] for f in por_grupo[1:]}
    assert "puntajes_grupo_5.xlsx" in cortos and not any(" › " in a for a in cortos)
    assert all(any(a.endswith(c) for a in archivos) for c in cortos)


@pytest.mark.parametrize(("cambio", "clave"), [
    (lambda p: p.update(agregacion="moda"), "priorizacion.agregacion"),
    (lambda p: p.update(maximo_por_gerencia=-1), "priorizacion.maximo_por_gerencia"),
    (lambda p: p["criterios"][0].update(peso=0), "priorizacion.criterios[1].peso"),
    (lambda p: p["criterios"][1].update(niveles=["uno"]), "priorizacion.criterios[2].niveles"),
    (lambda p: p["criterios"][2].pop("nombre"), "priorizacion.criterios[3].nombre"),
    (lambda p: p["grupos"][0].update(gerencias=["XYZ"]), "priorizacion.grupos[1].gerencias"),
    (lambda p: p.update(perturbaciones=10), "priorizacion.perturbaciones"),
    (lambda p: p.pop("grupos"), "priorizacion.grupos"),
])
def test_configuracion_invalida(datos_config, cambio, clave):
    cambio(datos_config["priorizacion"])
    config = configuracion_desde_dict(datos_config)  # [priorizacion] se comprueba al usarse
    with pytest.raises(ErrorConfiguracion, match=clave.replace("[", r"\[").replace("]", r"\]")):
        validar_secciones(config, ["priorizacion"])


def test_configuracion_invalida_sale_con_2(config, tmp_path, capsys):
    texto = config.ruta.read_text(encoding="utf-8").replace('agregacion = "media"', 'agregacion = "moda"')
    ruta = tmp_path / "config.toml"
    ruta.write_text(texto, encoding="utf-8")
    assert main(["--config", str(ruta), "--carpeta", str(tmp_path), "priorizar"]) == 2
    assert "priorizacion.agregacion" in capsys.readouterr().err
