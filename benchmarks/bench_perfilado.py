#!/usr/bin/env python3
"""Banco de pruebas del perfilado: 5, 50 y 500 compromisos con 10 hitos cada uno a través de la lectura y
validación de `perfilar` y del Plan de Acción (libro y documentos Word), junto al render ingenuo de docxtpl
(un `DocxTemplate(...).render(...)` y un `save` por documento), medido en la misma ejecución.

Uso: python benchmarks/bench_perfilado.py [--tamanios 5 50 500]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docxtpl import DocxTemplate

from gobierno_abierto.demo import datos as D
from gobierno_abierto.demo.perfilado import valores_perfil
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.nucleo.modelo import (
    Consolidado,
    Ficha,
    Participante,
    Priorizacion,
    ResultadoFicha,
    Reunion,
)
from gobierno_abierto.nucleo.observaciones import contar
from gobierno_abierto.perfilado import calculo as K
from gobierno_abierto.perfilado import documentos as W
from gobierno_abierto.perfilado.ajustes import leer_ajustes_perfilado
from gobierno_abierto.perfilado.escritura import escribir_plan
from gobierno_abierto.perfilado.instrumento import escribir_hoja_perfil, nombre_archivo
from gobierno_abierto.perfilado.lectura import leer_perfiles
from gobierno_abierto.perfilado.validacion import validar_perfiles
from gobierno_abierto.salida.word import CARPETA_PLANTILLAS, PlantillaWord, escribir_muchos

HITOS = 10


def preparar(n: int, carpeta: Path) -> tuple:
    """n fichas seleccionadas, su consolidado y priorización, y sus libros de perfil llenos en `carpeta`."""
    config = cargar_configuracion()
    ajustes = leer_ajustes_perfilado(config)
    rng = random.Random(n)
    gerencias = config.gerencias
    fichas, reuniones = [], {}
    for i in range(n):
        g = gerencias[i % len(gerencias)]
        fichas.append(Ficha(f"{g.codigo}-{i + 1}", g.codigo, g.nombre, i + 1, D.valores_ficha(config, g, 1 + i % 5, rng)))
        reuniones.setdefault(g.codigo, Reunion(g.codigo, {"especialista_nombre": D.persona(rng),
                                                          "especialista_correo": g.correo},
                                               (Participante(D.persona(rng), "CODESCILL", "Presidenta"),)))
    consolidado = Consolidado(tuple(fichas), reuniones)
    priorizacion = Priorizacion(tuple(ResultadoFicha(f.codigo, 80.0, i + 1, True, 4, 1.0, False, "", f.codigo_gerencia,
                                                     f.nombre) for i, f in enumerate(fichas)), ("Grupo 1",), "")
    carpeta.mkdir(parents=True)
    for f in fichas:
        llenado = valores_perfil(config, ajustes, f, reuniones[f.codigo_gerencia], rng, 3)
        inicio, fin = llenado.valores["fecha_inicio"], llenado.valores["fecha_fin"]
        paso = (fin - inicio).days // HITOS
        hitos = [(f"Entregable {k + 1}: informe con {k + 2} reportes publicado en el portal",
                  inicio + timedelta(days=k * paso), inicio + timedelta(days=(k + 1) * paso - 1), "") for k in range(HITOS)]
        escribir_hoja_perfil(config, ajustes, f, reuniones[f.codigo_gerencia], carpeta / nombre_archivo(f.codigo),
                             replace(llenado, hitos=hitos))
    return config, ajustes, consolidado, priorizacion, {f.codigo: "Motivo del Comité" for f in fichas}


def medir(n: int, tmp: Path) -> dict[str, float]:
    config, ajustes, consolidado, priorizacion, seleccion = preparar(n, tmp / "perfiles")
    ajustes_doc, criterios = config.documentos, config.priorizacion
    t = {}
    inicio = time.perf_counter()
    resultado = validar_perfiles(leer_perfiles(tmp / "perfiles", config), seleccion, consolidado, config, ajustes)
    t["lectura"] = time.perf_counter() - inicio
    compromisos = resultado.compromisos
    assert len(compromisos) == n and contar(resultado.observaciones)[0] == 0, resultado.observaciones[:3]
    assert all(len(c.hitos) == HITOS for c in compromisos)

    inicio = time.perf_counter()
    cambios = {c.codigo: K.cambios(c, consolidado.ficha(c.codigo), config) for c in compromisos}
    cifras = K.cifras(config, consolidado, priorizacion, seleccion, compromisos)
    escribir_plan(tmp / "plan.xlsx", config, ajustes, compromisos, cambios, cifras, resultado.observaciones)
    t["libro"] = time.perf_counter() - inicio

    motivos = {c: (True, m) for c, m in seleccion.items()}
    fecha = W.fecha_documentos(ajustes_doc, ajustes, compromisos)
    inicio = time.perf_counter()
    plan = W.contexto_plan(config, ajustes_doc, ajustes, criterios, consolidado, priorizacion, compromisos, cambios,
                           cifras, fecha)
    fichas = [(W.contexto_ficha_perfilada(c, cambios[c.codigo], config, consolidado, priorizacion, motivos),
               tmp / "rapido" / f"{c.codigo}.docx") for c in compromisos]
    t["contextos"] = time.perf_counter() - inicio

    inicio = time.perf_counter()
    PlantillaWord(CARPETA_PLANTILLAS / "plan_de_accion.docx").escribir(plan, tmp / "rapido" / "plan.docx")
    escribir_muchos(CARPETA_PLANTILLAS / "ficha.docx", fichas)
    t["word"] = time.perf_counter() - inicio

    (tmp / "ingenuo").mkdir()
    inicio = time.perf_counter()
    for contexto, nombre, destino in [(plan, "plan_de_accion.docx", tmp / "ingenuo" / "plan.docx"),
                                      *((c, "ficha.docx", tmp / "ingenuo" / d.name) for c, d in fichas)]:
        documento = DocxTemplate(str(CARPETA_PLANTILLAS / nombre))
        documento.render(contexto, autoescape=True)
        documento.save(str(destino))
    t["ingenuo"] = time.perf_counter() - inicio
    t["tamanio_plan_mb"] = (tmp / "rapido" / "plan.docx").stat().st_size / 1e6
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tamanios", type=int, nargs="+", default=[5, 50, 500])
    args = ap.parse_args()
    print(f"{'Compromisos':>11} {'Lectura+validación':>18} {'Libro del Plan':>14} {'Contextos':>9} "
          f"{'Word (Plan+fichas)':>18} {'docxtpl ingenuo':>15} {'Ingenuo/nuestro':>15} {'Plan .docx':>10}")
    for n in args.tamanios:
        with tempfile.TemporaryDirectory() as tmp:
            t = medir(n, Path(tmp))
        print(f"{n:>11} {t['lectura']:>16.2f} s {t['libro']:>12.2f} s {t['contextos']:>7.2f} s {t['word']:>16.2f} s "
              f"{t['ingenuo']:>13.2f} s {t['ingenuo'] / t['word']:>14.1f}× {t['tamanio_plan_mb']:>7.2f} MB")


if __name__ == "__main__":
    main()
