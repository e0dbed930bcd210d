"""Banco de pruebas de la lectura acotada (issue 8): un libro con una celda lejana se lee casi como uno
normal, sin agotar la memoria, y la revisión del ZIP por lo que de verdad se expande cuesta poco.

Escribe en una carpeta temporal la plantilla llena de una gerencia y sus variantes hostiles (un valor en
XFD1048576 o en Z1048576 de «Ficha 1», un ZIP que declara 4 KB y se expande a 80 MB), y mide cada una en
un subproceso nuevo, para que el pico de memoria (ru_maxrss) sea el de esa lectura: mediana de N lecturas
(recibir_archivo + leer_envio) y memoria sobre la base del proceso ya importado.

Objetivo: la celda lejana dentro de 2× el tiempo del libro normal.

Uso:  python benchmarks/bench_lectura_hostil.py [--repeticiones 200]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from gobierno_abierto.demo import datos as D  # noqa: E402
from gobierno_abierto.etapa2.instrumento import escribir_plantilla  # noqa: E402
from gobierno_abierto.nucleo.configuracion import cargar_configuracion  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def medir(ruta: Path, repeticiones: int) -> dict[str, float | str]:
    """En el subproceso: mediana de las lecturas y memoria pico sobre la base."""
    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.comprimidos import revisar_inflado
    from gobierno_abierto.etapa2.lectura import leer_envio

    config = cargar_configuracion()
    base = _rss_mb()
    tiempos, inflado = [], []
    resultado = ""
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        documentos, obs = recibir_archivo(ruta, config.tamanio_maximo_bytes)
        envio = leer_envio(documentos[0], config) if documentos else None
        tiempos.append(time.perf_counter() - inicio)
        resultado = ", ".join(sorted({o.codigo.value for o in (obs + (envio.observaciones if envio else []))})) \
            or "sin observaciones"
        datos = ruta.read_bytes()
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            infos = z.infolist()
        inicio = time.perf_counter()
        with contextlib.suppress(Exception):  # la bomba se rechaza con una excepción: se mide igual
            revisar_inflado(datos, infos, ruta.name)
        inflado.append(time.perf_counter() - inicio)
    return {"ms": 1000 * statistics.median(tiempos), "zip_ms": 1000 * statistics.median(inflado),
            "mb": _rss_mb() - base, "resultado": resultado}


def _cambiar_hoja(ruta: Path, parte: str, cambiar) -> None:
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for info, datos in miembros:
            z.writestr(info, cambiar(datos) if info.filename == parte else datos)


def _celda_lejana(ref: str):
    fila = "".join(c for c in ref if c.isdigit())
    return lambda xml: xml.replace(b"</sheetData>", f'<row r="{fila}"><c r="{ref}" t="inlineStr"><is><t>x</t>'
                                                    f"</is></c></row></sheetData>".encode())


def _zip_mentiroso(ruta: Path) -> None:
    """Una hoja de 80 MB que el directorio del ZIP declara de 4 KB."""
    trozo = b'<row><c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c></row>"
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            for _ in range(80 * 1024 * 1024 // len(trozo)):
                f.write(trozo)
    datos = bytearray(ruta.read_bytes())
    for firma, campo, nombre_en in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        i = 0
        while (i := datos.find(firma, i)) >= 0:
            if datos[i + nombre_en:].startswith(b"xl/worksheets/sheet1.xml"):
                datos[i + campo:i + campo + 4] = (4000).to_bytes(4, "little")
            i += 4
    ruta.write_bytes(bytes(datos))


def preparar(carpeta: Path) -> dict[str, Path]:
    config = cargar_configuracion()
    gerencia = config.gerencia("GRE")
    normal = carpeta / "normal.xlsx"
    escribir_plantilla(config, gerencia, normal, D.libro_lleno(config, gerencia, random.Random(1)))
    archivos = {"plantilla normal": normal}
    for ref in ("XFD1048576", "Z1048576"):
        ruta = carpeta / f"lejana_{ref}.xlsx"
        ruta.write_bytes(normal.read_bytes())
        _cambiar_hoja(ruta, "xl/worksheets/sheet2.xml", _celda_lejana(ref))  # «Ficha 1»
        archivos[f"valor en {ref}"] = ruta
    mentira = carpeta / "zip_mentiroso.xlsx"
    _zip_mentiroso(mentira)
    archivos["ZIP que declara 4 KB y se expande a 80 MB"] = mentira
    return archivos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeticiones", type=int, default=200)
    parser.add_argument("--medir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.medir:
        print(json.dumps(medir(args.medir, args.repeticiones)))
        return
    with tempfile.TemporaryDirectory() as temporal:
        archivos = preparar(Path(temporal))
        print(f"{'archivo':<44} {'lectura (ms)':>12} {'revisión ZIP (ms)':>18} {'memoria (MB)':>13}  resultado")
        cifras = {}
        for nombre, ruta in archivos.items():
            repeticiones = args.repeticiones if "ZIP" not in nombre else max(3, args.repeticiones // 40)
            salida = subprocess.run([sys.executable, __file__, "--medir", str(ruta), "--repeticiones",
                                     str(repeticiones)], capture_output=True, text=True, check=True)
            c = cifras[nombre] = json.loads(salida.stdout)
            print(f"{nombre:<44} {c['ms']:>12.2f} {c['zip_ms']:>18.2f} {c['mb']:>13.1f}  {c['resultado']}")
        normal = cifras["plantilla normal"]["ms"]
        for ref in ("XFD1048576", "Z1048576"):
            razon = cifras[f"valor en {ref}"]["ms"] / normal
            print(f"valor en {ref}: {razon:.2f}× el libro normal (objetivo: ≤ 2×) — "
                  f"{'cumple' if razon <= 2 else 'NO cumple'}")


if __name__ == "__main__":
    main()
