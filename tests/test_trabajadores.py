"""Lectura en procesos trabajadores: un lector que muere es una observación, no el fin de la ejecución."""

from __future__ import annotations

import os
import sys

import pytest
import python_calamine

from gobierno_abierto.entrada import trabajadores as T
from gobierno_abierto.etapa2 import lectura
from gobierno_abierto.etapa2.orquestador import consolidar

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="las señales de prueba son de POSIX")


def _leer(tarea: str, contexto: str) -> str:
    if tarea == "aborta":
        os.abort()
    if tarea == "falla":
        raise ValueError("algo que nadie previó")
    if tarea == "memoria":
        return "x" * (4 << 30)  # 4 GB: supera el tope del trabajador
    return f"{contexto}:{tarea}"


@pytest.mark.parametrize("procesos", [1, 2])
def test_los_demas_se_leen_aunque_uno_muera(procesos: int) -> None:
    tareas = ["a", "aborta", "b", "falla", "c", "memoria", "d", "e"]
    salida = T.en_procesos(_leer, tareas, "ok", procesos=procesos, memoria_mb=512)
    assert [s for s in salida if not isinstance(s, T.Caida)] == ["ok:a", "ok:b", "ok:c", "ok:d", "ok:e"]
    caidas = {t: s.causa for t, s in zip(tareas, salida, strict=True) if isinstance(s, T.Caida)}
    assert set(caidas) == {"aborta", "falla", "memoria"}
    assert "SIGABRT" in caidas["aborta"]
    assert "ValueError" in caidas["falla"] and "algo que nadie previó" in caidas["falla"]
    assert "memoria" in caidas["memoria"]


def test_un_lector_que_se_cae_en_consolidar(config, rutas, escribir_envio, monkeypatch) -> None:
    for codigo in ("GRE", "GERESA", "GRAG", "GEPRO", "GRTPE"):
        escribir_envio(codigo)
    original = lectura.leer_envio

    def lector_que_aborta(documento, config):  # el lector real, salvo para un archivo
        if "GRAG" in documento.archivo:
            os.abort()
        return original(documento, config)

    monkeypatch.setattr(lectura, "leer_envio", lector_que_aborta)
    resumen = consolidar(config, rutas)
    assert resumen.codigo_salida == 1
    libro = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado))
    codigos = {f[0] for f in libro.get_sheet_by_name("Fichas").to_python()[1:]}
    assert {f"{g}-{n}" for g in ("GRE", "GERESA", "GEPRO", "GRTPE") for n in range(1, 6)} <= codigos
    assert not any(c.startswith("GRAG") for c in codigos)
    obs = libro.get_sheet_by_name("Observaciones").to_python()
    fila = next(f for f in obs if "fichas_GRAG.xlsx" in f)
    assert "SIGABRT" in " ".join(map(str, fila)) and "archivo_ilegible" in fila


def _lector_de_prueba(documento, contexto: str) -> tuple[str, str, int]:
    """El lector de una etapa cualquiera, que en un archivo muere (como calamine ante una hoja lejana)."""
    if "aborta" in documento.archivo:
        os.abort()
    return contexto, documento.archivo, len(documento.datos)


def test_recibir_con_lector_en_trabajadores(tmp_path) -> None:
    """`recibir(lector=…)`, el camino de todas las etapas: cada archivo se recibe y se lee en un
    trabajador; el que tumba al lector es `archivo_ilegible` con la causa y los demás se leen; los
    documentos vuelven sin sus bytes (lo leído ya vino) y el registro de recepción anota a todos."""
    import json

    import xlsxwriter

    from gobierno_abierto.entrada.archivos import recibir
    from gobierno_abierto.entrada.registro_recepcion import NOMBRE_REGISTRO
    from gobierno_abierto.nucleo.observaciones import Codigo, aplanar

    carpeta = tmp_path / "entradas" / "puntajes"
    (carpeta / "sub").mkdir(parents=True)
    for nombre in ("a.xlsx", "aborta.xlsx", "sub/b.xlsx"):
        libro = xlsxwriter.Workbook(str(carpeta / nombre))
        libro.add_worksheet().write(0, 0, nombre)
        libro.close()
    recepcion = recibir(carpeta, 10 << 20, lector=_lector_de_prueba, contexto="leído")
    assert [(d.archivo, d.datos) for d in recepcion.documentos] == [("a.xlsx", b""), ("sub/b.xlsx", b"")]
    assert [(c, a) for c, a, _ in recepcion.leidos] == [("leído", "a.xlsx"), ("leído", "sub/b.xlsx")]
    assert all(n > 0 for _, _, n in recepcion.leidos)  # el lector sí tuvo los bytes
    assert aplanar(recepcion.observaciones, "archivo", "codigo") == [("aborta.xlsx", Codigo.ARCHIVO_ILEGIBLE)]
    assert "SIGABRT" in recepcion.observaciones[0].mensaje
    registro = json.loads((tmp_path / "entradas" / NOMBRE_REGISTRO).read_text(encoding="utf-8"))
    assert sorted(v["archivo"] for v in registro.values()) == ["a.xlsx", "b.xlsx"]


def test_con_trabajadores_como_en_windows_sale_lo_mismo(config, rutas, escribir_envio, tmp_path,
                                                        monkeypatch) -> None:
    """En Windows no hay «fork»: cada trabajador es un Python nuevo («spawn») que recibe su tarea por
    pickle. La coordinación lo usa allí, así que se prueba aquí: los mismos libros, byte a byte."""
    import multiprocessing
    import shutil

    from gobierno_abierto.salida.rutas import Rutas

    for codigo in ("GRE", "GERESA", "GRAG"):
        escribir_envio(codigo)
    escribir_envio("GEPRO", {"ficha2_presupuesto_anio_actual": -5})  # con observaciones de error
    (rutas.entradas_fichas / "suelto.pdf").write_bytes(b"%PDF-1.4 no es una hoja")
    otra = Rutas(tmp_path / "con_spawn")
    otra.crear()
    shutil.copytree(rutas.entradas_fichas, otra.entradas_fichas, dirs_exist_ok=True, copy_function=shutil.copy2)

    con_fork = consolidar(config, rutas)
    usados = []
    monkeypatch.setattr(T, "_contexto_mp", lambda: usados.append("spawn") or multiprocessing.get_context("spawn"))
    con_spawn = consolidar(config, otra)
    assert usados  # de verdad se leyó y escribió con trabajadores por «spawn»

    assert con_spawn.codigo_salida == con_fork.codigo_salida == 1
    assert con_spawn.detalle == con_fork.detalle and con_spawn.atencion == con_fork.atencion
    libros = sorted(p.relative_to(rutas.salidas) for p in rutas.salidas.rglob("*.xlsx"))
    assert len(libros) >= 6  # el consolidado y un libro de observaciones por gerencia que envió
    assert libros == sorted(p.relative_to(otra.salidas) for p in otra.salidas.rglob("*.xlsx"))
    for libro in libros:
        assert (rutas.salidas / libro).read_bytes() == (otra.salidas / libro).read_bytes(), libro
