#!/usr/bin/env python3
"""Banco de pruebas de las fichas Word: 70 y 7 000 fichas, junto al bucle ingenuo de docxtpl.

Uso: python benchmarks/bench_documentos.py [--grande 7000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docxtpl import DocxTemplate

from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.nucleo.esquema import campos_ficha
from gobierno_abierto.nucleo.modelo import Ficha
from gobierno_abierto.salida.publicacion import normalizar_zip
from gobierno_abierto.salida.word import CARPETA_PLANTILLAS, contexto_ficha, escribir_muchos


def tareas(n: int, carpeta: Path) -> list:
    config = cargar_configuracion()
    base = {c.clave: f"Texto de prueba para {c.etiqueta} " * 3 for c in campos_ficha(config)}
    base.update({E.PRESUPUESTO_ANIO_ACTUAL: 125000.0, E.PRESUPUESTO_ANIO_SIGUIENTE: 250000.0,
                 E.POBLACION_NUMERO: 35000})
    salida = []
    for i in range(n):
        f = Ficha(E.codigo_ficha(f"G{i // 5}", i % 5 + 1), "GRE", "Gerencia Regional de Educación", i % 5 + 1, base)
        salida.append((contexto_ficha(f, config, "Priorizada", [f"Puesto {i + 1}"],
                                      [{"nombre": "Julia Sánchez", "cargo": "Gerente Regional"}]),
                       carpeta / f"{f.codigo}.docx"))
    return salida


def ingenuo(lista: list) -> float:
    t = time.perf_counter()
    for ctx, destino in lista:
        tpl = DocxTemplate(str(CARPETA_PLANTILLAS / "ficha.docx"))
        tpl.render(ctx, autoescape=True)
        tpl.save(str(destino))
        normalizar_zip(destino)
    return time.perf_counter() - t


def rapido(lista: list, procesos: int | None = None) -> float:
    t = time.perf_counter()
    escribir_muchos(CARPETA_PLANTILLAS / "ficha.docx", lista, procesos=procesos)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grande", type=int, default=7000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n, meta in ((70, 3.0), (args.grande, 60.0)):
            carpeta = Path(tmp) / str(n)
            carpeta.mkdir()
            lista = tareas(n, carpeta)
            r = rapido(lista)
            muestra = lista[: min(n, 200)]
            i = ingenuo(muestra) * n / len(muestra)
            estimado = "" if len(muestra) == n else f" (estimado de {len(muestra)})"
            print(f"{n:>5} fichas: plantilla preparada + 2 núcleos {r:6.2f} s (meta < {meta:.0f} s: "
                  f"{'cumple' if r < meta else 'NO cumple'}); bucle ingenuo docxtpl {i:7.2f} s{estimado}")


if __name__ == "__main__":
    main()
