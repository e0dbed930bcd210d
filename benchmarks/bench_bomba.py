"""Banco de pruebas: recibir una bomba de descompresión cuesta lo mismo que recibir una plantilla.

Escribe un .xlsx de ~1 MB que se expande a 300 MB y una plantilla llena normal, y mide para cada
uno el tiempo y el pico de memoria de Python (tracemalloc) de `recibir_archivo`, que debe rechazar
la bomba sin descomprimirla. La prueba de comportamiento está en tests/test_archivos.py.

Uso:  python benchmarks/bench_bomba.py [--megas 300]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gobierno_abierto.demo import datos as D
from gobierno_abierto.entrada.archivos import recibir_archivo
from gobierno_abierto.etapa2.instrumento import escribir_plantilla
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from tests.test_archivos import escribir_bomba


def medir(ruta: Path, tope: int) -> tuple[float, float, str]:
    """(segundos, pico de memoria en MB, resultado) de recibir un archivo."""
    tracemalloc.start()
    inicio = time.perf_counter()
    documentos, observaciones = recibir_archivo(ruta, tope)
    segundos = time.perf_counter() - inicio
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    resultado = ", ".join(o.codigo.value for o in observaciones) or f"{len(documentos)} documento(s)"
    return segundos, pico / 1024 / 1024, resultado


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megas", type=int, default=300, help="tamaño descomprimido de la bomba (MB)")
    args = parser.parse_args()
    config = cargar_configuracion()
    with tempfile.TemporaryDirectory() as carpeta:
        bomba = Path(carpeta) / "bomba.xlsx"
        escribir_bomba(bomba, args.megas)
        normal = Path(carpeta) / "fichas_GRE.xlsx"
        gerencia = config.gerencia("GRE")
        assert gerencia is not None
        escribir_plantilla(config, gerencia, normal, D.libro_lleno(config, gerencia, random.Random(7)))
        print(f"{'archivo':<34}{'tamaño':>10}{'segundos':>10}{'pico MB':>10}  resultado")
        for nombre, ruta in ((f"bomba ({args.megas} MB al descomprimir)", bomba), ("plantilla llena", normal)):
            segundos, pico, resultado = medir(ruta, config.tamanio_maximo_bytes)
            tamanio = f"{ruta.stat().st_size / 1024:,.0f} KB"
            print(f"{nombre:<34}{tamanio:>10}{segundos:>10.3f}{pico:>10.1f}  {resultado}")


if __name__ == "__main__":
    main()
