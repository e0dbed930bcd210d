"""Pruebas de mutantes de los módulos de reglas, con mutmut 3 (no corre en CI).

mutmut cambia el código de a una cosa por vez (un `<` por `<=`, un 1 por un 2, un texto por otro)
y corre las pruebas que pasan por esa función: si ninguna falla, el mutante «sobrevive» y señala
una regla que ninguna prueba vigila. Qué módulos y qué pruebas se usan está en
`[tool.mutmut]` de pyproject.toml: las pruebas unitarias que reflejan cada módulo, sin las de
punta a punta sobre la demostración (marca `demo`, 4 s por mutante).

Uso (desde la raíz del proyecto; tarda unos minutos con 2 núcleos):
    .venv/bin/pip install -r requirements-dev.txt
    .venv/bin/python herramientas/mutantes.py                 # corre todo desde cero y da la tabla
    .venv/bin/python herramientas/mutantes.py --tabla         # solo la tabla de la última corrida
    .venv/bin/python herramientas/mutantes.py --sobrevivientes etapa4/comite.py   # con su diff

La tabla da, por módulo: mutantes, excluidos (equivalentes: ver EQUIVALENTES), muertos,
sobrevivientes, sin pruebas y tiempo agotado; «% muertos» = muertos / (mutantes − excluidos).
Un tiempo agotado no cuenta como muerto.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
CARPETA_MUTANTES = RAIZ / "mutants"

# Códigos de salida de mutmut 3.8 (mutmut/stats.py) → estado.
ESTADOS = {1: "muerto", 3: "muerto", 0: "sobrevive", 5: "sin pruebas", 33: "sin pruebas",
           36: "tiempo", 24: "tiempo", -24: "tiempo", 152: "tiempo", 255: "tiempo"}

# Mutantes equivalentes: el programa hace lo mismo con el cambio, así que ninguna prueba puede
# matarlos. Motivo → mutantes (sin el prefijo «gobierno_abierto.»). Si uno de estos muere, la
# tabla lo avisa: entonces no era equivalente y hay que sacarlo de aquí.
_EQUIVALENTES_POR_MOTIVO: dict[str, list[str]] = {
    "observaciones sin celda: (-1, -1), (-2, -1), (-1, 1) o (-1, -2) quedan igual antes que toda celda "
    "(filas y columnas desde 0)": [
        "etapa2.calculo.x_ordenar_observaciones__mutmut_7", "etapa2.calculo.x_ordenar_observaciones__mutmut_8",
        "etapa2.calculo.x_ordenar_observaciones__mutmut_9"],
    "negativo = None: None y False valen igual en `if negativo`": [
        "etapa2.validacion.x_interpretar_numero__mutmut_12"],
    "rfind(',') >= rfind('.'): en esa rama hay coma y punto, nunca en la misma posición": [
        "etapa2.validacion.x_interpretar_numero__mutmut_91"],
    "difflib: se usa solo la más parecida ([0]); n=1, 2 o 3 la dan igual, y 0.6 es el corte por omisión": [
        "etapa2.validacion.x_sugerencia__mutmut_10", "etapa2.validacion.x_sugerencia__mutmut_11",
        "etapa2.validacion.x_sugerencia__mutmut_14"],
    "portafolio: la cota solo poda; más holgada o con una fila o centinela de más que nadie lee, el "
    "resultado es el mismo": [
        "etapa4.calculo.x_buscar_portafolio__mutmut_23", "etapa4.calculo.x_buscar_portafolio__mutmut_31",
        "etapa4.calculo.x_buscar_portafolio__mutmut_40"],
    "portafolio: el valor inicial de «mejor» (cualquier cobertura negativa, float('-INF')) y de la "
    "selección se reemplaza siempre con la primera combinación completa": [
        "etapa4.calculo.x_buscar_portafolio__mutmut_59", "etapa4.calculo.x_buscar_portafolio__mutmut_62",
        "etapa4.calculo.x_buscar_portafolio__mutmut_63"],
    "portafolio: con `cota < mejor` se exploran empates, pero `actual > mejor` conserva la primera": [
        "etapa4.calculo.x_buscar_portafolio__mutmut_86"],
    "portafolio: sumar 1 a todos los totales no cambia cuál es mayor; el total se suma aparte": [
        "etapa4.calculo.x_buscar_portafolio__mutmut_113"],
    "warnings.simplefilter('ignore') sin categoría silencia más avisos, pero no cambia ningún número": [
        "etapa3.calculo.x_agregar__mutmut_5", "etapa3.calculo.x_calcular__mutmut_48",
        "etapa3.calculo.x_puntajes_perturbados__mutmut_18"],
    "np.errstate sin alguno de sus argumentos solo deja pasar avisos; el resultado es NaN igual": [
        "etapa3.calculo.x_puntajes_sin_un_grupo__mutmut_20", "etapa3.calculo.x_puntajes_sin_un_grupo__mutmut_21",
        "etapa3.calculo.x_puntajes_sin_un_grupo__mutmut_22", "etapa3.calculo.x_puntajes_sin_un_grupo__mutmut_23"],
    "resto >= 0: con resto 0 el cociente es 0/0 = NaN, lo mismo que el NaN de la otra rama": [
        "etapa3.calculo.x_puntajes_sin_un_grupo__mutmut_34"],
    "numpy: axis=-1 es axis=1 en 2-D, kind='STABLE' vale como 'stable', unos enteros valen como True, "
    "y las notas pasan a float en el np.where siguiente": [
        "etapa3.calculo.x_ordenar__mutmut_7", "etapa3.calculo.x_ordenar__mutmut_12",
        "etapa3.calculo.x_seleccionar__mutmut_20", "etapa3.calculo.x_seleccionar__mutmut_24",
        "etapa3.calculo.x_seleccionar__mutmut_31", "etapa3.calculo.x_seleccionar__mutmut_35",
        "etapa3.calculo.x_seleccionar__mutmut_37", "etapa3.calculo.x_calcular__mutmut_3",
        "etapa3.calculo.x_calcular__mutmut_5"],
    "float('NAN') es NaN; np.mean([]) también da NaN": [
        "etapa3.calculo.x_kendall_w__mutmut_9", "etapa3.calculo.x_kendall_w__mutmut_66",
        "etapa3.calculo.x_spearman_medio__mutmut_37", "etapa3.calculo.x_spearman_medio__mutmut_32"],
    "kendall_w: el denominador es múltiplo de 6 (n³−n y c³−c lo son): si es positivo ya es mayor que 1": [
        "etapa3.calculo.x_kendall_w__mutmut_63"],
    "concordancia: con un solo grupo o una sola ficha, kendall_w y spearman_medio ya devuelven NaN": [
        "etapa3.calculo.x_concordancia__mutmut_7", "etapa3.calculo.x_concordancia__mutmut_8"],
    "spearmanr de una serie constante ya da NaN: no hace falta saltarla": [
        "etapa3.calculo.x_correlacion_con_final__mutmut_20", "etapa3.calculo.x_correlacion_con_final__mutmut_23"],
    "NaN o −∞ para «sin puntaje»: numpy ordena NaN al final igual que +∞, e isfinite es falso en ambos; "
    "y una ficha sin medias no tiene puntaje en ningún recálculo, así que solo empata con otras así": [
        "etapa3.calculo.x__empate__mutmut_6", "etapa3.calculo.x_orden_base__mutmut_10",
        "etapa3.calculo.x_orden_base__mutmut_17"],
    "sin tope (0) la selección no mira la gerencia, y nada por encima de la última priorizada quedó "
    "fuera; la última priorizada nunca es «no priorizada»": [
        "etapa3.calculo.x_calcular__mutmut_153", "etapa3.calculo.x_calcular__mutmut_169",
        "etapa3.calculo.x_calcular__mutmut_178"],
    "zip(strict=…) sobre listas que se arman del mismo largo (cabeceras, anchos y cada fila)": [
        "etapa4.comite.x_escribir_hoja_comite__mutmut_146", "etapa4.comite.x_escribir_hoja_comite__mutmut_149",
        "etapa4.comite.x_escribir_hoja_comite__mutmut_150", "etapa4.comite.x_escribir_hoja_comite__mutmut_212",
        "etapa4.comite.x_escribir_hoja_comite__mutmut_215", "etapa4.comite.x_escribir_hoja_comite__mutmut_216"],
    "una celda vacía y «XXXX» ocupan una línea en columnas de 7 o más caracteres: el alto no cambia": [
        "etapa4.comite.x_escribir_hoja_comite__mutmut_209"],
    "preparar_impresion: horizontal=True es su valor por omisión, y horizontal=None imprime vertical como "
    "False": [
        "etapa4.comite.x_escribir_hoja_comite__mutmut_272", "etapa4.comite.x_escribir_hoja_comite__mutmut_400",
        "etapa4.comite.x_escribir_hoja_comite__mutmut_500"],
    "xlsxwriter: hide_gridlines con cualquier valor que no sea 0 ni 1 oculta la cuadrícula igual que 2": [
        "etapa4.comite.x_escribir_hoja_comite__mutmut_404", "etapa4.comite.x_escribir_hoja_comite__mutmut_405"],
    "xlsxwriter guarda el ancho columna por columna: poner 4 también a la B no se ve, porque la línea "
    "siguiente le pone 86": [
        "etapa4.comite.x_escribir_hoja_comite__mutmut_412", "etapa4.comite.x_escribir_hoja_comite__mutmut_413"],
    "bloques de 51 o de a uno (reescribiendo) dan los mismos números; einsum acepta mayúsculas": [
        "etapa3.calculo.x_puntajes_perturbados__mutmut_1", "etapa3.calculo.x_puntajes_perturbados__mutmut_39",
        "etapa3.calculo.x_puntajes_perturbados__mutmut_55"],
}
EQUIVALENTES: dict[str, str] = {f"gobierno_abierto.{nombre}": motivo
                                for motivo, nombres in _EQUIVALENTES_POR_MOTIVO.items() for nombre in nombres}


def modulos() -> list[str]:
    """Los archivos que muta mutmut, según pyproject.toml."""
    datos = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    return list(datos["tool"]["mutmut"]["only_mutate"])


def nombre_modulo(archivo: str) -> str:
    """«gobierno_abierto/etapa2/calculo.py» → «gobierno_abierto.etapa2.calculo»."""
    return archivo.removesuffix(".py").replace("/", ".")


def correr(max_hijos: int, nombres: list[str]) -> int:
    """Corre mutmut desde cero (borra mutants/) sobre los módulos o mutantes pedidos."""
    programa = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if programa is None:
        print("mutmut no está instalado: .venv/bin/pip install -r requirements-dev.txt", file=sys.stderr)
        return 2
    if not nombres:
        shutil.rmtree(CARPETA_MUTANTES, ignore_errors=True)
    orden = [programa, "run", "--max-children", str(max_hijos), *nombres]
    return subprocess.run(orden, cwd=RAIZ, stdout=subprocess.DEVNULL).returncode


def resultados() -> dict[str, dict[str, int]]:
    """Módulo → (mutante → código de salida), de los .meta que deja mutmut."""
    salida: dict[str, dict[str, int]] = {}
    for archivo in modulos():
        meta = CARPETA_MUTANTES / f"{archivo}.meta"
        if meta.exists():
            salida[archivo] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return salida


def tabla(datos: dict[str, dict[str, int]]) -> str:
    columnas = ("módulo", "mutantes", "excluidos", "muertos", "sobreviven", "sin pruebas", "tiempo",
                "% muertos")
    filas = []
    total: Counter[str] = Counter()
    for archivo, codigos in datos.items():
        cuenta: Counter[str] = Counter()
        for nombre, codigo in codigos.items():
            cuenta["mutantes"] += 1
            if nombre in EQUIVALENTES:
                cuenta["excluidos"] += 1
            else:
                cuenta[ESTADOS.get(codigo, "otro")] += 1
        total += cuenta
        filas.append((archivo.removeprefix("gobierno_abierto/"), cuenta))
    filas.append(("total", total))
    todos = {nombre: codigo for codigos in datos.values() for nombre, codigo in codigos.items()}
    avisos = [f"aviso: {n} está en EQUIVALENTES pero murió: no es equivalente" for n in EQUIVALENTES
              if ESTADOS.get(todos.get(n, 0)) == "muerto"]
    avisos += [f"aviso: {n} está en EQUIVALENTES pero ya no existe (¿cambió el código?)" for n in EQUIVALENTES
               if n not in todos and any(n.startswith(nombre_modulo(m)) for m in datos)]
    lineas = [f"{columnas[0]:<22}" + "".join(f"{c:>12}" for c in columnas[1:])]
    for nombre, c in filas:
        considerados = c["mutantes"] - c["excluidos"]
        porcentaje = f"{100 * c['muerto'] / considerados:.1f}" if considerados else "-"
        lineas.append(f"{nombre:<22}" + "".join(f"{n:>12}" for n in (
            c["mutantes"], c["excluidos"], c["muerto"], c["sobrevive"], c["sin pruebas"], c["tiempo"],
            porcentaje)))
    return "\n".join(lineas + avisos)


def sobrevivientes(datos: dict[str, dict[str, int]], filtro: list[str]) -> None:
    """Cada mutante que no murió (ni está excluido), con su diff."""
    sys.path.insert(0, str(RAIZ))
    from mutmut.__main__ import get_diff_for_mutant  # API interna de mutmut 3.8

    for archivo, codigos in datos.items():
        if filtro and not any(f in archivo for f in filtro):
            continue
        for nombre, codigo in sorted(codigos.items(), key=lambda x: _orden_natural(x[0])):
            if ESTADOS.get(codigo) != "muerto" and nombre not in EQUIVALENTES:
                print(f"# {nombre}: {ESTADOS.get(codigo, codigo)}")
                print(get_diff_for_mutant(nombre, path=Path(archivo)))


def _orden_natural(nombre: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", nombre))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modulos", nargs="*", help="solo estos módulos (p. ej. etapa4/comite.py)")
    parser.add_argument("--tabla", action="store_true", help="no corre mutmut: tabla de la última corrida")
    parser.add_argument("--sobrevivientes", action="store_true", help="lista los que sobreviven, con su diff")
    parser.add_argument("--max-hijos", type=int, default=2, help="procesos de prueba a la vez (2)")
    args = parser.parse_args()
    os.chdir(RAIZ)  # mutmut lee pyproject.toml y mutants/ de la carpeta actual
    if not (args.tabla or args.sobrevivientes):
        nombres = [f"{nombre_modulo(m)}.*" for m in modulos() if any(f in m for f in args.modulos)]
        codigo = correr(args.max_hijos, nombres)
        if codigo not in (0, 1):
            return codigo
    datos = resultados()
    if not datos:
        print("No hay resultados en mutants/: corra primero sin --tabla.", file=sys.stderr)
        return 2
    if args.sobrevivientes:
        sobrevivientes(datos, args.modulos)
    print(tabla(datos))
    return 0


if __name__ == "__main__":
    sys.exit(main())
