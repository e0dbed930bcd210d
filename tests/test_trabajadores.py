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
