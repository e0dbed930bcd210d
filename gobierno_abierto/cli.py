"""Línea de comandos: delgada, en castellano, sobre las funciones del paquete.

Cada comando llama a una función de la biblioteca, imprime su resumen y devuelve el código
de salida: 0 sin problemas, 1 con observaciones de error, 2 error de uso o de configuración.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from .configuracion import (
    RUTA_PREDETERMINADA,
    Configuracion,
    ErrorConfiguracion,
    cargar_configuracion,
)
from .consola import imprimir, preparar_consola
from .resumen import SALIDA_USO, ErrorUso, Resumen
from .rutas import Rutas

# --- argparse en castellano ---------------------------------------------------------------

_TRADUCCIONES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "optional arguments": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "the following arguments are required: %s": "faltan los argumentos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "expected one argument": "se esperaba un valor",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "valor no válido para %(type)s: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "expected at least one argument": "se esperaba al menos un valor",
    "not allowed with argument %s": "no se permite junto con %s",
    "one of the arguments %s is required": "se requiere uno de los argumentos %s",
    "%(prog)s: error: %(message)s": "%(prog)s: error: %(message)s",
}


def _traducir(texto: str) -> str:
    return _TRADUCCIONES.get(texto, texto)


argparse._ = _traducir  # type: ignore[attr-defined]


class _Formato(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=100)


def _parser_base() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="procesar.py",
        description=(
            "Selección de compromisos de Gobierno Abierto del Gobierno Regional de La Libertad.\n"
            "Cada comando corresponde a un paso del instructivo (Etapas I a IV)."
        ),
        epilog=(
            "Orden habitual:\n"
            "  1. plantillas      (Etapa I)   plantillas de fichas para cada gerencia\n"
            "  2. consolidar      (Etapa II)  lee las fichas devueltas y escribe el consolidado\n"
            "  3. hojas-puntaje   (Etapa III) hojas de puntaje para los grupos del taller\n"
            "  4. priorizar       (Etapa III) lee los puntajes y elige las iniciativas priorizadas\n"
            "  5. hoja-comite     (Etapa IV)  hoja de selección del Comité\n"
            "  6. seleccionar     (Etapa IV)  lee la selección del Comité y escribe los documentos\n"
            "Pruebe todo con datos de ejemplo:  python procesar.py demo\n"
            "Códigos de salida: 0 sin problemas, 1 hay observaciones de error, 2 error de uso o de "
            "configuración."
        ),
        formatter_class=_Formato,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    parser.add_argument("--config", type=Path, default=None, metavar="ARCHIVO",
                        help=f"archivo de configuración TOML (por omisión: {RUTA_PREDETERMINADA.name})")
    parser.add_argument("--carpeta", type=Path, default=None, metavar="CARPETA",
                        help="carpeta de trabajo con plantillas_excel/, entradas/, salidas/ y fichas/ "
                             "(por omisión: la carpeta del proyecto)")
    return parser


Comando = Callable[[argparse.Namespace, Configuracion, Rutas], Resumen]


def _subcomando(sub: argparse._SubParsersAction, nombre: str, ayuda: str, descripcion: str,
                funcion: Comando) -> argparse.ArgumentParser:
    p = sub.add_parser(nombre, help=ayuda, description=descripcion, formatter_class=_Formato,
                       add_help=False)
    p.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    p.set_defaults(funcion=funcion)
    return p


# --- comandos -----------------------------------------------------------------------------


def _cmd_plantillas(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    from .etapa2 import generar_plantillas

    return generar_plantillas(config, rutas, codigos=args.gerencia)


def _cmd_consolidar(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    from .etapa2 import consolidar

    return consolidar(config, rutas)


def _cmd_demo(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    from .demo import ejecutar_demo

    destino = args.destino or (rutas.raiz / "demo")
    return ejecutar_demo(config, destino, semilla=args.semilla)


def construir_parser() -> argparse.ArgumentParser:
    parser = _parser_base()
    sub = parser.add_subparsers(title="comandos", dest="comando", metavar="COMANDO")

    p = _subcomando(sub, "plantillas", "Etapa I: plantillas de fichas para cada gerencia",
                    "Escribe en plantillas_excel/ un libro fichas_<código>.xlsx por gerencia, con las "
                    "fichas, la hoja de la reunión con la sociedad civil, listas desplegables y "
                    "validaciones.", _cmd_plantillas)
    p.add_argument("--gerencia", action="append", metavar="CÓDIGO",
                   help="solo para esta gerencia (puede repetirse)")

    _subcomando(sub, "consolidar", "Etapa II: lee las fichas devueltas y escribe el consolidado",
                "Lee entradas/fichas/ (.xlsx, .ods, .zip o correos .eml/.msg), valida cada ficha y escribe "
                "salidas/consolidado_fichas.xlsx y salidas/observaciones/<código>.xlsx.",
                _cmd_consolidar)

    # -- Etapa III (hojas-puntaje, priorizar) y Etapa IV (hoja-comite, seleccionar): ver abajo --
    _registrar_etapas_siguientes(sub)

    p = _subcomando(sub, "demo", "prueba el proceso completo con datos de ejemplo",
                    "Crea un conjunto de envíos de ejemplo (con errores a propósito) en una carpeta "
                    "propia y ejecuta el proceso de punta a punta.", _cmd_demo)
    p.add_argument("--destino", type=Path, default=None, metavar="CARPETA",
                   help="carpeta de la demostración (por omisión: demo/ en el proyecto)")
    p.add_argument("--semilla", type=int, default=2016, help="semilla de los datos de ejemplo")
    return parser


MODULOS_ETAPAS_SIGUIENTES = ("etapa3", "etapa4")


def _modulos_etapas_siguientes() -> list[ModuleType]:
    modulos = []
    for nombre in MODULOS_ETAPAS_SIGUIENTES:
        try:
            modulos.append(importlib.import_module(f"{__package__}.{nombre}"))
        except ModuleNotFoundError as e:
            if e.name != f"{__package__}.{nombre}":
                raise
    return modulos


def _registrar_etapas_siguientes(sub: argparse._SubParsersAction) -> None:
    """Los comandos de las Etapas III y IV se registran en sus módulos (`registrar_comandos`)."""
    for modulo in _modulos_etapas_siguientes():
        modulo.registrar_comandos(sub, _subcomando)


def validar_configuracion_completa(config: Configuracion) -> None:
    """Cada etapa comprueba sus secciones (`validar_configuracion`): un error sale con código 2."""
    for modulo in _modulos_etapas_siguientes():
        validar = getattr(modulo, "validar_configuracion", None)
        if validar:
            validar(config)


def main(argv: Sequence[str] | None = None) -> int:
    preparar_consola()
    parser = construir_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "funcion", None):
        parser.print_help()
        return SALIDA_USO
    try:
        config = cargar_configuracion(args.config)
        validar_configuracion_completa(config)
    except ErrorConfiguracion as e:
        imprimir(f"Error de configuración: {e}", sys.stderr)
        return SALIDA_USO
    rutas = Rutas(args.carpeta.resolve()) if args.carpeta else Rutas()
    try:
        resumen = args.funcion(args, config, rutas)
    except ErrorConfiguracion as e:
        imprimir(f"Error de configuración: {e}", sys.stderr)
        return SALIDA_USO
    except ErrorUso as e:
        imprimir(f"Error: {e}", sys.stderr)
        return SALIDA_USO
    imprimir(resumen.texto(rutas.raiz))
    return resumen.codigo_salida
