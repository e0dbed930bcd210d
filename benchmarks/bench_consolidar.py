"""Banco de pruebas de la consolidación (Etapa II): 14, 140 y 1 400 envíos llenos.

Para que 1 400 envíos sean 7 000 fichas distintas (y no reenvíos de las mismas 14 gerencias), se arma una
configuración con tantas gerencias como envíos (`configuracion_desde_dict`). Los libros se generan una vez en
benchmarks/_datos/ (ignorada por git) y se reutilizan. Cada medición corre en un subproceso nuevo, para que
el pico de memoria (ru_maxrss) sea el de esa corrida y no el de las anteriores.

Uso:  python benchmarks/bench_consolidar.py [--tamanios 14 140 1400]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from gobierno_abierto.demo import datos as D  # noqa: E402
from gobierno_abierto.etapa2.instrumento import escribir_plantilla  # noqa: E402
from gobierno_abierto.nucleo.configuracion import (  # noqa: E402
    RUTA_PREDETERMINADA,
    Configuracion,
    configuracion_desde_dict,
    leer_toml,
)
from gobierno_abierto.salida.rutas import Rutas  # noqa: E402

DATOS = Path(__file__).resolve().parent / "_datos"


def config_con(n: int) -> Configuracion:
    """La configuración real con n gerencias (las 14 reales y, si faltan, genéricas)."""
    crudo, _ = leer_toml(RUTA_PREDETERMINADA)
    reales = crudo["gerencias"]
    extra = [{"codigo": f"G{i:04d}", "nombre": f"Gerencia Regional de Prueba {i}",
              "correo": f"prueba{i}@regionlalibertad.gob.pe"} for i in range(len(reales), n)]
    crudo["gerencias"] = (reales + extra)[:n]
    return configuracion_desde_dict(crudo)


def _generar_uno(args: tuple[int, int, str]) -> None:
    n, i, carpeta = args
    config = config_con(n)
    gerencia = config.gerencias[i]
    ruta = Path(carpeta) / f"fichas_{gerencia.codigo}.xlsx"
    if ruta.exists():
        return
    escribir_plantilla(config, gerencia, ruta, D.libro_lleno(config, gerencia, random.Random(i)))
    fin = config.etapa("II").fin
    marca = time.mktime((fin.year, fin.month, fin.day - 1, 12, 0, 0, 0, 0, -1))
    os.utime(ruta, (marca, marca))


def generar(n: int) -> Path:
    carpeta = DATOS / f"envios_{n}" / "entradas" / "fichas"
    carpeta.mkdir(parents=True, exist_ok=True)
    if len(list(carpeta.glob("*.xlsx"))) < n:
        with ProcessPoolExecutor() as ejecutor:
            list(ejecutor.map(_generar_uno, [(n, i, str(carpeta)) for i in range(n)], chunksize=20))
    return carpeta.parent.parent


def _medir_consolidar(n: int, raiz: str) -> dict:
    from gobierno_abierto.etapa2.orquestador import consolidar

    config = config_con(n)
    rutas = Rutas(Path(raiz))
    rutas.crear()
    inicio = time.perf_counter()
    resumen = consolidar(config, rutas)
    segundos = time.perf_counter() - inicio
    propio = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hijos = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # el árbol de procesos: el principal más los trabajadores (cota superior: sus picos sumados)
    return {"segundos": segundos, "pico_mb": propio, "pico_arbol_mb": propio + (os.cpu_count() or 1) * hijos,
            "resumen": resumen.detalle}


def _medir_lectura_procesar(n: int, raiz: str) -> dict:
    from gobierno_abierto.entrada.archivos import recibir
    from gobierno_abierto.etapa2.lectura import leer_envio

    config = config_con(n)
    inicio = time.perf_counter()
    recepcion = recibir(Path(raiz) / "entradas" / "fichas", config.tamanio_maximo_bytes)
    for d in recepcion.documentos:
        leer_envio(d, config)
    return {"segundos": time.perf_counter() - inicio,
            "pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _leer_desnudo(archivos: list[Path]) -> list[dict[str, object]]:
    """La lectura del límite desnudo: las celdas con nombre (python-calamine) y los nombres definidos
    de xl/workbook.xml, sin validar nada."""
    import io
    import re
    import zipfile

    import python_calamine

    patron = re.compile(rb'<definedName name="([^"]+)"[^>]*>([^<]+)</definedName>')
    celda = re.compile(r"^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$")
    fichas: list[dict[str, object]] = []
    for f in archivos:
        datos = f.read_bytes()
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            nombres = {k.decode(): v.decode() for k, v in patron.findall(z.read("xl/workbook.xml"))}
        libro = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(datos))
        hojas: dict[str, list[list[object]]] = {}
        por_ficha: dict[str, dict[str, object]] = {}
        for nombre, ref in nombres.items():
            m = celda.match(ref.lstrip("="))
            if not m or not nombre.startswith("ficha"):
                continue
            hoja, columna, fila = m.group(1), m.group(2), int(m.group(3)) - 1
            if hoja not in hojas:
                hojas[hoja] = libro.get_sheet_by_name(hoja).to_python(skip_empty_area=False)
            col = 0
            for letra in columna:
                col = col * 26 + ord(letra) - 64
            filas = hojas[hoja]
            valor = filas[fila][col - 1] if fila < len(filas) and col - 1 < len(filas[fila]) else None
            numero, _, clave = nombre[5:].partition("_")
            por_ficha.setdefault(numero, {})[clave] = valor
        fichas += por_ficha.values()
    return fichas


OPCIONES_XLSXWRITER = {"strings_to_formulas": False, "in_memory": True}  # los mismos ajustes que usa procesar


def _medir_limite(n: int, raiz: str) -> dict:
    """El límite desnudo, en un solo proceso: las celdas con nombre (python-calamine) y los nombres
    definidos de xl/workbook.xml, el libro de 5·n filas y n libros de observaciones de una hoja con
    xlsxwriter; sin validar nada."""
    import xlsxwriter

    archivos = sorted((Path(raiz) / "entradas" / "fichas").glob("*.xlsx"))
    salida = Path(raiz) / "limite"
    salida.mkdir(exist_ok=True)
    inicio = time.perf_counter()
    fichas = _leer_desnudo(archivos)
    claves = sorted({k for f in fichas for k in f})
    libro = xlsxwriter.Workbook(str(salida / "consolidado.xlsx"), OPCIONES_XLSXWRITER)
    hoja = libro.add_worksheet("Fichas")
    hoja.write_row(0, 0, claves)
    for i, f in enumerate(fichas, start=1):
        for j, k in enumerate(claves):
            v = f.get(k)
            if v is not None and v != "":
                hoja.write(i, j, v)
    libro.close()
    for k, f in enumerate(archivos):
        obs = xlsxwriter.Workbook(str(salida / f"obs_{k}.xlsx"), OPCIONES_XLSXWRITER)
        h = obs.add_worksheet("Observaciones")
        h.write_row(0, 0, ["Archivo", "Hoja", "Celda", "Qué corregir"])
        h.write_row(1, 0, [f.name, "", "", "Sin observaciones."])
        obs.close()
    return {"segundos": time.perf_counter() - inicio,
            "pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


Hoja = tuple[str, list[tuple[int, int, object]], list[tuple[int, int, int, int, object]]]


def _contenido(ruta: Path) -> list[Hoja]:
    """Cada hoja de un libro ya escrito: sus celdas sueltas (con valor o solo con formato) y sus rangos
    combinados con el valor de su primera celda, para volver a escribir exactamente eso."""
    import re
    import zipfile

    import python_calamine
    from xlsxwriter.utility import xl_cell_to_rowcol

    celda = re.compile(rb'<c r="([A-Z]+[0-9]+)"')
    combinada = re.compile(rb'<mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    hojas: list[Hoja] = []
    with zipfile.ZipFile(ruta) as z:
        for i, nombre in enumerate(libro.sheet_names, start=1):
            xml = z.read(f"xl/worksheets/sheet{i}.xml")
            filas = libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)

            def valor(f: int, c: int, filas: list[list[object]] = filas) -> object:
                return filas[f][c] if f < len(filas) and c < len(filas[f]) else ""

            rangos = []
            tapadas: set[tuple[int, int]] = set()
            for a, b in combinada.findall(xml):
                (f0, c0), (f1, c1) = xl_cell_to_rowcol(a.decode()), xl_cell_to_rowcol(b.decode())
                rangos.append((f0, c0, f1, c1, valor(f0, c0)))
                tapadas.update((f, c) for f in range(f0, f1 + 1) for c in range(c0, c1 + 1))
            celdas = [(f, c, valor(f, c)) for f, c in map(xl_cell_to_rowcol, (r.decode() for r in celda.findall(xml)))
                      if (f, c) not in tapadas]
            hojas.append((nombre, celdas, rangos))
    return hojas


def _escribir_igual(ruta: Path, hojas: list[Hoja]) -> None:
    """Las mismas celdas y combinaciones con xlsxwriter, con un solo formato y sin altos ni cálculos."""
    import xlsxwriter

    libro = xlsxwriter.Workbook(str(ruta), OPCIONES_XLSXWRITER)
    borde = libro.add_format({"border": 1})  # una celda sin valor solo se escribe si tiene formato
    for nombre, celdas, rangos in hojas:
        hoja = libro.add_worksheet(nombre)
        for f0, c0, f1, c1, v in rangos:
            hoja.merge_range(f0, c0, f1, c1, v, borde)
        for f, c, v in celdas:
            if v in ("", None):
                hoja.write_blank(f, c, None, borde)
            else:
                hoja.write(f, c, v)
    libro.close()


def _medir_piso(n: int, raiz: str) -> dict:
    """El piso de la misma salida: la lectura del límite desnudo y, con xlsxwriter, exactamente las
    celdas y combinaciones que escribió `consolidar` (el consolidado y los libros de observaciones),
    sin formatos ni cálculos; un proceso."""
    archivos = sorted((Path(raiz) / "entradas" / "fichas").glob("*.xlsx"))
    salidas = Path(raiz) / "salidas"
    libros = [salidas / "consolidado_fichas.xlsx", *sorted((salidas / "observaciones").glob("*.xlsx"))]
    contenidos = [_contenido(r) for r in libros]
    destino = Path(raiz) / "piso"
    destino.mkdir(exist_ok=True)
    celdas = sum(len(c) + sum((f1 - f0 + 1) * (c1 - c0 + 1) for f0, c0, f1, c1, _ in r)
                 for hojas in contenidos for _, c, r in hojas)
    inicio = time.perf_counter()
    _leer_desnudo(archivos)
    lectura = time.perf_counter() - inicio
    for k, hojas in enumerate(contenidos):
        _escribir_igual(destino / f"libro_{k}.xlsx", hojas)
        if k == 0:
            consolidado = time.perf_counter() - inicio - lectura
    return {"segundos": time.perf_counter() - inicio, "lectura": lectura, "consolidado": consolidado,
            "celdas": celdas,
            "pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _medir_pandas(n: int, raiz: str) -> dict:
    import pandas as pd

    archivos = sorted((Path(raiz) / "entradas" / "fichas").glob("*.xlsx"))
    inicio = time.perf_counter()
    for f in archivos:
        pd.read_excel(f, sheet_name=None, engine="openpyxl")
    return {"segundos": time.perf_counter() - inicio,
            "pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


MEDICIONES = {"consolidar": _medir_consolidar, "lectura": _medir_lectura_procesar, "pandas": _medir_pandas,
              "limite": _medir_limite, "piso": _medir_piso}


def en_subproceso(que: str, n: int, raiz: Path) -> dict:
    salida = subprocess.run([sys.executable, __file__, "--medir", que, str(n), str(raiz)],
                            check=True, capture_output=True, text=True)
    return json.loads(salida.stdout.strip().splitlines()[-1])


def main() -> int:
    p = argparse.ArgumentParser(description="Mide la consolidación de la Etapa II.")
    p.add_argument("--tamanios", type=int, nargs="+", default=[14, 140, 1400])
    p.add_argument("--medir", nargs=3, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.medir:
        que, n, raiz = a.medir
        print(json.dumps(MEDICIONES[que](int(n), raiz)))
        return 0
    filas = []
    for n in a.tamanios:
        inicio = time.perf_counter()
        raiz = generar(n)
        print(f"Datos de {n} envíos listos en {time.perf_counter() - inicio:.1f} s ({raiz})", file=sys.stderr)
        shutil.rmtree(raiz / "salidas", ignore_errors=True)
        c = en_subproceso("consolidar", n, raiz)
        limite = en_subproceso("limite", n, raiz)
        lectura = en_subproceso("lectura", n, raiz)
        pandas = en_subproceso("pandas", n, raiz)
        piso = en_subproceso("piso", n, raiz)
        filas.append((n, c, lectura, pandas, limite, piso))
    print()
    print(f"{'Envíos':>7} {'Fichas':>7} {'Consolidar (s)':>15} {'Límite (s)':>11} {'Razón':>7} "
          f"{'Pico árbol (MB)':>16} {'Lectura ms/arch':>16} {'pandas ms/arch':>15} {'vs pandas':>10}")
    for n, c, lectura, pandas, limite, _ in filas:
        ms_l = lectura["segundos"] * 1000 / n
        ms_p = pandas["segundos"] * 1000 / n
        print(f"{n:>7} {n * 5:>7} {c['segundos']:>15.2f} {limite['segundos']:>11.2f} "
              f"{c['segundos'] / limite['segundos']:>6.2f}× {c['pico_arbol_mb']:>16.0f} {ms_l:>16.2f} "
              f"{ms_p:>15.2f} {ms_p / ms_l:>9.1f}×")
    print("\nRazón = consolidar ÷ límite desnudo medido en esta misma corrida (celdas con nombre con "
          "python-calamine, nombres de xl/workbook.xml, el libro de fichas y un libro de observaciones por "
          "envío con xlsxwriter; sin validar; un proceso). Metas (issue 8): razón ≤ 0,8 con 1 400 envíos; "
          "pico de memoria del árbol de procesos < 500 MB.")
    print()
    print(f"{'Envíos':>7} {'Celdas escritas':>16} {'Piso (s)':>9} {'Consolidar ÷ piso':>18} "
          f"{'Piso con 2 núcleos ÷ límite':>28}")
    for n, c, _, _, limite, piso in filas:
        # con dos núcleos, lo mejor posible: la mitad del piso, salvo que el consolidado (un solo libro,
        # lo escribe un solo proceso) tarde más que eso
        dos = max(piso["segundos"] / 2, piso["consolidado"])
        print(f"{n:>7} {piso['celdas']:>16,} {piso['segundos']:>9.2f} {c['segundos'] / piso['segundos']:>17.2f}× "
              f"{dos / limite['segundos']:>27.2f}×")
    print("\nPiso = la misma lectura desnuda más, con xlsxwriter, exactamente las celdas y combinaciones que "
          "escribió consolidar (sin formatos, altos ni cálculos), en un proceso: lo que cuesta la salida misma. "
          "La última columna es la razón que lograría un programa perfecto con dos núcleos.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
