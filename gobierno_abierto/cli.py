"""Línea de comandos: delgada, en castellano, sobre las funciones del paquete.

Cada comando llama a una función de la biblioteca, imprime su resumen y devuelve el código
de salida: 0 sin problemas, 1 con observaciones de error, 2 error de uso o de configuración.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .cadena import CARPETA_REGISTRO, anotar_publicacion, ejecutar, estado
from .entrada.nombres import CarpetaSinAcceso
from .nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    Configuracion,
    ErrorConfiguracion,
    cargar_configuracion,
    validar_secciones,
)
from .salida.consola import imprimir, preparar_consola
from .salida.publicacion import ErrorPublicacion, explicar_error_de_escritura
from .salida.resumen import SALIDA_ERROR_INTERNO, SALIDA_USO, ErrorUso, Resumen
from .salida.rutas import ARCHIVO_ASISTENCIA, ARCHIVO_HOJA_COMITE, Rutas

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
            "  7. hojas-perfil    (Etapa IV)  libros para perfilar cada compromiso con su gerencia\n"
            "  8. perfilar        (Etapa IV)  lee los libros de perfil y escribe el Plan de Acción\n"
            "  9. publicar        (I a IV)    sitio web y datos abiertos con la respuesta a cada ficha\n"
            "Pruebe todo con datos de ejemplo:  python procesar.py demo\n"
            "Códigos de salida: 0 sin problemas, 1 hay observaciones de error en los datos, 2 error de uso, "
            "de configuración o del equipo (carpeta, disco, archivo abierto), 3 error interno del programa."
        ),
        formatter_class=_Formato,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    parser.add_argument("--config", type=Path, default=None, metavar="ARCHIVO",
                        help=f"archivo de configuración TOML (por omisión: {RUTA_PREDETERMINADA.name})")
    parser.add_argument("--forzar", action="store_true",
                        help="seguir aunque una etapa anterior haya cambiado (el registro lo dice)")
    parser.add_argument("--carpeta", type=Path, default=None, metavar="CARPETA",
                        help="carpeta de trabajo con plantillas_excel/, entradas/, salidas/ y fichas/ "
                             "(por omisión: la carpeta del proyecto)")
    return parser


@dataclass(frozen=True)
class Argumento:
    """Un argumento de un comando, tal como se pasa a `add_argument`."""

    nombres: tuple[str, ...]
    opciones: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Comando:
    """Un comando: nombre, ayuda, descripción, argumentos, secciones de la configuración que usa
    y la función de la biblioteca que lo ejecuta."""

    nombre: str
    ayuda: str
    descripcion: str
    funcion: Callable[[argparse.Namespace, Configuracion, Rutas], Resumen]
    argumentos: tuple[Argumento, ...] = ()
    secciones: tuple[str, ...] = ()
    publica: bool = True   # sus salidas se preparan aparte y se publican juntas, con registro


def _etapa(modulo: str) -> Any:
    """El orquestador de un comando, importado al ejecutarlo: cada comando carga solo lo suyo (la
    Etapa III carga scipy; la IV, Word) y arranca antes, también en los procesos trabajadores."""
    return importlib.import_module(f"{__package__}.{modulo}")


_PDF = Argumento(("--pdf",), {"action": "store_true", "help": "además, copias en PDF (necesita LibreOffice)"})


def _demo(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    """Sin --config, la demostración usa su configuración de ejemplo (con personas inventadas)."""
    return _etapa("demo.orquestador").ejecutar_demo(config if args.config is not None else None,
                                                    args.destino or (rutas.raiz / "demo"), semilla=args.semilla)


# Todos los comandos, en el orden del proceso.
COMANDOS: tuple[Comando, ...] = (
    Comando("plantillas", "Etapa I: plantillas de fichas para cada gerencia",
            "Escribe en plantillas_excel/ un libro fichas_<código>.xlsx por gerencia, con las fichas, la hoja "
            "de la reunión con la sociedad civil, listas desplegables y validaciones.",
            lambda a, c, r: _etapa("etapa2.orquestador").generar_plantillas(c, r, codigos=a.gerencia),
            (Argumento(("--gerencia",), {"action": "append", "metavar": "CÓDIGO",
                                         "help": "solo para esta gerencia (puede repetirse)"}),)),
    Comando("asistencia", "Etapa I: hoja de asistencia del Taller de Inducción",
            f"Escribe plantillas_excel/{ARCHIVO_ASISTENCIA}: fecha, lugar y la lista de asistentes del taller. "
            "Llénela y colóquela en entradas/asistencia/; el acta de la Etapa I la usa.",
            lambda a, c, r: _etapa("etapa1.orquestador").generar_hoja_asistencia(c, r)),
    Comando("consolidar", "Etapa II: lee las fichas devueltas y escribe el consolidado",
            "Lee entradas/fichas/ (.xlsx, .ods, .zip o correos .eml/.msg), valida cada ficha y escribe "
            "salidas/consolidado_fichas.xlsx y salidas/observaciones/<código>.xlsx.",
            lambda a, c, r: _etapa("etapa2.orquestador").consolidar(c, r)),
    Comando("hojas-puntaje", "Etapa III: hojas de puntaje para los grupos del taller",
            "Lee salidas/consolidado_fichas.xlsx y escribe en plantillas_excel/ un libro puntajes_<grupo>.xlsx "
            "por grupo del taller, con las fichas válidas, una columna por criterio con lista desplegable y el "
            "texto completo de las fichas.",
            lambda a, c, r: _etapa("etapa3.orquestador").generar_hojas_puntaje(c, r), secciones=("priorizacion",)),
    Comando("priorizar", "Etapa III: lee los puntajes y elige las iniciativas priorizadas",
            "Lee las hojas de puntaje devueltas en entradas/puntajes/ (.xlsx, .ods o correos .eml), las valida, "
            "calcula el puntaje de cada ficha, la concordancia entre grupos y la robustez de la selección, y "
            "escribe salidas/priorizacion.xlsx.",
            lambda a, c, r: _etapa("etapa3.orquestador").priorizar(c, r), secciones=("priorizacion",)),
    Comando("hoja-comite", "Etapa IV: hoja de selección del Comité",
            f"Lee salidas/priorizacion.xlsx y salidas/consolidado_fichas.xlsx y escribe "
            f"plantillas_excel/{ARCHIVO_HOJA_COMITE}: las fichas priorizadas, las columnas «seleccionada» "
            "(Sí/No) y «motivo», y un portafolio sugerido que cubre los valores de Gobierno Abierto con el "
            "mayor puntaje.",
            lambda a, c, r: _etapa("etapa4.orquestador").generar_hoja_comite(c, r), secciones=("priorizacion",)),
    Comando("seleccionar", "Etapa IV: lee la selección del Comité y escribe los documentos",
            "Lee la hoja del Comité devuelta en entradas/comite/ (.xlsx, .ods o correo .eml), la valida y "
            "escribe salidas/seleccion_final.xlsx, las fichas Word en fichas/, las actas de las Etapas I a IV "
            "en salidas/actas/ y el oficio a la OGP.",
            lambda a, c, r: _etapa("etapa4.orquestador").seleccionar(c, r, pdf=a.pdf),
            (_PDF,), ("priorizacion", "documentos")),
    Comando("hojas-perfil", "Etapa IV: libros para perfilar cada compromiso con su gerencia",
            "Lee salidas/seleccion_final.xlsx y escribe en plantillas_excel/ un libro perfil_<código>.xlsx por "
            "compromiso seleccionado, prellenado con la ficha de la Etapa II, para completar con la gerencia lo que "
            "pide la OGP: problema y línea de base, responsable, hitos verificables con fechas y otros actores.",
            lambda a, c, r: _etapa("perfilado.orquestador").generar_hojas_perfil(c, r)),
    Comando("perfilar", "Etapa IV: lee los libros de perfil y escribe el Plan de Acción",
            "Lee los libros de perfil devueltos en entradas/perfiles/ (.xlsx, .ods o correos), los valida y "
            "escribe salidas/plan_de_accion.docx y .xlsx (con los cambios frente a las fichas y el cronograma), "
            "el acta de la Etapa IV y el oficio con las consultas, y las fichas Word perfiladas.",
            lambda a, c, r: _etapa("perfilado.orquestador").perfilar(c, r, pdf=a.pdf),
            (_PDF,), ("priorizacion", "documentos")),
    Comando("documentos", "Etapas I a III: actas y fichas Word de las priorizadas",
            "Escribe las actas de las Etapas I, II y III en salidas/actas/ y las fichas Word de las iniciativas "
            "priorizadas en fichas/ (no necesita la decisión del Comité).",
            lambda a, c, r: _etapa("etapa4.orquestador").generar_documentos(c, r, todas=a.todas, pdf=a.pdf),
            (Argumento(("--todas",), {"action": "store_true",
                                      "help": "fichas Word de todas las fichas del consolidado"}), _PDF),
            ("priorizacion", "documentos")),
    Comando("publicar", "Etapas I a IV: sitio web y datos abiertos del proceso",
            "Lee las salidas de las etapas que ya corrieron y escribe salidas/publicacion/: un sitio web estático "
            "(sitio/index.html, sin conexión a internet) con cada iniciativa, la decisión y el motivo en cada "
            "etapa y los compromisos, y los datos abiertos (datos/: CSV, datapackage.json, .xlsx y LEEME.txt). "
            "Qué se publica y desde cuándo se ajusta en la sección [publicacion] de la configuración.",
            lambda a, c, r: _etapa("portal.orquestador").publicar(c, r), secciones=("priorizacion", "publicacion")),
    Comando("configuracion", "revisa configuracion.toml y muestra un resumen",
            "Comprueba todas las secciones de la configuración y muestra todos sus errores, con su clave y "
            "su línea, y un resumen: gerencias, calendario, cuotas, criterios, grupos y Comité.",
            lambda a, c, r: Resumen(""), publica=False),  # lo atiende main(): el archivo puede estar mal
    Comando("estado", "muestra en qué punto está el proceso y qué ejecutar después",
            "Lee los registros de salidas/registro/ y muestra cada paso: cuándo se ejecutó, si está al día o "
            "desactualizado (y por qué) o pendiente, y el siguiente comando.",
            lambda a, c, r: estado(c, r), publica=False),
    Comando("demo", "prueba el proceso completo con datos de ejemplo",
            "Crea un conjunto de envíos de ejemplo (con errores a propósito) en una carpeta propia y ejecuta "
            "el proceso de punta a punta.",
            _demo,
            (Argumento(("--destino",), {"type": Path, "default": None, "metavar": "CARPETA",
                                        "help": "carpeta de la demostración (por omisión: demo/ en el proyecto)"}),
             Argumento(("--semilla",), {"type": int, "default": 2016, "help": "semilla de los datos de ejemplo"})),
            ("priorizacion", "documentos"), publica=False),
)


def construir_parser() -> argparse.ArgumentParser:
    parser = _parser_base()
    sub = parser.add_subparsers(title="comandos", dest="comando", metavar="COMANDO")
    for comando in COMANDOS:
        p = sub.add_parser(comando.nombre, help=comando.ayuda, description=comando.descripcion,
                           formatter_class=_Formato, add_help=False)
        p.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
        for argumento in comando.argumentos:
            p.add_argument(*argumento.nombres, **argumento.opciones)
        p.set_defaults(comando_elegido=comando)
    return parser



def _revisar_configuracion(args: argparse.Namespace) -> int:
    """`configuracion`: todos los errores del archivo y su resumen (no necesita que esté bien)."""
    from .nucleo.revision_configuracion import revisar_configuracion

    revision = revisar_configuracion(args.config)
    print("\n".join(revision.resumen))
    if revision.errores:
        print("Errores de configuración:", *(f"  - {e}" for e in revision.errores), sep="\n", file=sys.stderr)
        return SALIDA_USO
    print("La configuración no tiene errores.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    preparar_consola()
    parser = construir_parser()
    args = parser.parse_args(argv)
    comando: Comando | None = getattr(args, "comando_elegido", None)
    if comando is None:
        parser.print_help()
        return SALIDA_USO
    if comando.nombre == "configuracion":
        return _revisar_configuracion(args)
    try:
        config = cargar_configuracion(args.config)
        validar_secciones(config, comando.secciones)
    except ErrorConfiguracion as e:
        imprimir(f"Error de configuración: {e}", sys.stderr)
        return SALIDA_USO
    if args.carpeta is not None and not args.carpeta.is_dir() and comando.nombre != "demo":
        imprimir(f"Error: la carpeta «{args.carpeta}» no existe. Revise --carpeta.", sys.stderr)
        return SALIDA_USO
    rutas = Rutas(args.carpeta.resolve()) if args.carpeta else Rutas()
    try:
        if comando.publica:
            with ejecutar(comando.nombre, config, rutas, forzar=args.forzar) as ejecucion:
                resumen = comando.funcion(args, config, rutas)
            anotar_publicacion(resumen, ejecucion)
        else:
            resumen = comando.funcion(args, config, rutas)
    except ErrorConfiguracion as e:
        imprimir(f"Error de configuración: {e}", sys.stderr)
        return SALIDA_USO
    except (ErrorUso, ErrorPublicacion) as e:
        imprimir(f"Error: {e}", sys.stderr)
        return SALIDA_USO
    except CarpetaSinAcceso as e:
        imprimir(f"Error: no se pudo abrir la carpeta «{e.filename}» ({e.strerror}). Revise que exista, que la "
                 "unidad esté conectada y que su usuario pueda leerla; no se cambió ninguna salida.", sys.stderr)
        return SALIDA_USO
    except OSError as e:
        destino = Path(e.filename) if e.filename else rutas.raiz
        imprimir(f"Error: {explicar_error_de_escritura(destino, e)}", sys.stderr)
        return SALIDA_USO
    except Exception:
        return _error_interno(rutas)
    imprimir(resumen.texto(rutas.raiz))
    return resumen.codigo_salida


def _error_interno(rutas: Rutas) -> int:
    """Un error que nadie previó: la traza completa a un archivo, un mensaje corto en pantalla."""
    registro = rutas.raiz.joinpath(*CARPETA_REGISTRO, f"error_{datetime.now():%Y%m%d_%H%M%S}.log")
    try:
        registro.parent.mkdir(parents=True, exist_ok=True)
        registro.write_text(traceback.format_exc(), encoding="utf-8")
        donde = f"Los detalles quedaron en «{registro}»."
    except OSError:
        donde = "Los detalles:\n" + traceback.format_exc()
    imprimir(f"Error interno del programa: no es un problema de sus archivos. {donde} Envíe ese archivo a "
             "quien mantiene el programa.", sys.stderr)
    return SALIDA_ERROR_INTERNO
