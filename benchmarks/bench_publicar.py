#!/usr/bin/env python3
"""Banco de pruebas de la publicación: 70, 700 y 7 000 iniciativas (14, 140 y 1 400 gerencias).

Como en bench_consolidar.py, una configuración con tantas gerencias como hagan falta
(`configuracion_desde_dict`). Las salidas de las Etapas II a IV se escriben una vez con
`demo.publicacion.escribir_ejemplo` en benchmarks/_datos/ (ignorada por git); se mide el comando
`publicar` completo (lectura de los libros, sitio, datos abiertos, publicación de todo junto y
registro), cada tamaño en un subproceso nuevo para que el pico de memoria sea el suyo.
Objetivo: 7 000 iniciativas en menos de 10 s y la página de inicio por debajo de 2 MB.

Uso:  python benchmarks/bench_publicar.py [--tamanios 70 700 7000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from gobierno_abierto.nucleo.configuracion import (  # noqa: E402
    RUTA_PREDETERMINADA,
    Configuracion,
    configuracion_desde_dict,
    leer_toml,
)
from gobierno_abierto.salida.rutas import Rutas  # noqa: E402

DATOS = Path(__file__).resolve().parent / "_datos"
HOY = date(2016, 12, 1)


def config_con(gerencias: int) -> Configuracion:
    """La configuración real con `gerencias` gerencias (las 14 reales y, si faltan, genéricas)."""
    crudo, _ = leer_toml(RUTA_PREDETERMINADA)
    reales = crudo["gerencias"]
    extra = [{"codigo": f"G{i:04d}", "nombre": f"Gerencia Regional de Prueba {i}",
              "correo": f"prueba{i}@regionlalibertad.gob.pe"} for i in range(len(reales), gerencias)]
    crudo["gerencias"] = (reales + extra)[:gerencias]
    return configuracion_desde_dict(crudo, RUTA_PREDETERMINADA)


def preparar(n: int) -> Path:
    from gobierno_abierto.demo.publicacion import escribir_ejemplo

    raiz = DATOS / f"publicar_{n}"
    if not (raiz / "salidas" / "seleccion_final.xlsx").exists():
        shutil.rmtree(raiz, ignore_errors=True)
        rutas = Rutas(raiz)
        rutas.crear()
        inicio = time.perf_counter()
        escribir_ejemplo(config_con(n // 5), rutas, semilla=n)
        print(f"  (salidas de ejemplo de {n} fichas escritas en {time.perf_counter() - inicio:.1f} s)", flush=True)
    return raiz


def _medir(n: int, raiz: str) -> dict:
    from gobierno_abierto.cadena import ejecutar
    from gobierno_abierto.portal.orquestador import publicar

    config = config_con(n // 5)
    rutas = Rutas(Path(raiz))
    shutil.rmtree(rutas.publicacion, ignore_errors=True)
    (rutas.salidas / "registro" / "publicar.json").unlink(missing_ok=True)
    inicio, cpu = time.perf_counter(), os.times()
    with ejecutar("publicar", config, rutas):
        publicar(config, rutas, hoy=HOY)
    segundos = time.perf_counter() - inicio
    fin = os.times()
    cpu_total = sum(getattr(fin, k) - getattr(cpu, k) for k in ("user", "system", "children_user", "children_system"))
    sitio = rutas.publicacion / "sitio"
    datos = rutas.publicacion / "datos"
    return {
        "segundos": segundos,
        "cpu": cpu_total,
        "archivos_sitio": sum(1 for p in sitio.rglob("*") if p.is_file()),
        "mb_sitio": sum(p.stat().st_size for p in sitio.rglob("*") if p.is_file()) / 1e6,
        "kb_inicio": (sitio / "index.html").stat().st_size / 1e3,
        "kb_indice_js": (sitio / "indice.js").stat().st_size / 1e3 if (sitio / "indice.js").exists() else 0.0,
        "paginas_tabla": 1 + len(list(sitio.glob("pagina-*.html"))),
        "mb_datos": sum(p.stat().st_size for p in datos.rglob("*") if p.is_file()) / 1e6,
        "mb_memoria": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tamanios", type=int, nargs="+", default=[70, 700, 7000])
    ap.add_argument("--medir", nargs=2, metavar=("N", "RAIZ"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.medir:
        print(json.dumps(_medir(int(args.medir[0]), args.medir[1])))
        return
    print(f"carga del equipo al empezar: {os.getloadavg()[0]:.1f} (con 2 núcleos, más de 2 significa que otros "
          "procesos compiten por ellos)")
    print(f"{'fichas':>7} {'tiempo':>8} {'CPU':>7} {'archivos':>9} {'sitio':>9} {'inicio':>9} {'indice.js':>10} "
          f"{'páginas':>8} {'datos':>8} {'memoria':>8}")
    for n in args.tamanios:
        raiz = preparar(n)
        salida = subprocess.run([sys.executable, __file__, "--medir", str(n), str(raiz)], capture_output=True,
                                text=True, check=True).stdout
        r = json.loads(salida.strip().splitlines()[-1])
        print(f"{n:>7} {r['segundos']:>7.2f}s {r['cpu']:>6.2f}s {r['archivos_sitio']:>9} {r['mb_sitio']:>7.1f}MB "
              f"{r['kb_inicio']:>7.0f}KB {r['kb_indice_js']:>8.0f}KB {r['paginas_tabla']:>8} "
              f"{r['mb_datos']:>6.1f}MB {r['mb_memoria']:>6.0f}MB", flush=True)
        if n >= 7000:
            print(f"  objetivo: < 10 s → {'sí' if r['segundos'] < 10 else 'NO'}; inicio < 2 MB → "
                  f"{'sí' if r['kb_inicio'] < 2000 else 'NO'}")


if __name__ == "__main__":
    main()
