"""Etapa IV: lectura de los libros de perfil devueltos (valores crudos con su celda; aquí no se valida).

Los campos se leen por sus nombres definidos `perfil_<clave>`; las tablas `hitos` y `actores`, por
el nombre de su cabecera o, si se perdió (un .ods), por la fila que tiene sus columnas, comparadas
sin tildes ni mayúsculas. Si llegan varios libros del mismo compromiso, vale el más reciente.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..entrada.archivos import Documento, ignorar_lo_que_no_es_hoja, recibir
from ..entrada.libro import ErrorLibro, Libro, abrir_libro, letra_columna
from ..entrada.tablas import tabla_de_hoja
from ..entrada.vigencia import elegir_vigente, observar_eleccion
from ..etapa2.lectura import Celda
from ..etapa4 import comite as C
from ..etapa4.escritura import HOJA_SELECCIONADAS
from ..etapa4.lectura import leer_seleccion, motivos_de
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Consolidado, Priorizacion
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import normalizar, texto_de_celda
from ..salida.resumen import ErrorUso
from ..salida.rutas import Rutas
from . import esquema as P


@dataclass(frozen=True)
class FilaTabla:
    numero: int                 # posición en la tabla, como la columna «N.º»
    celdas: dict[str, Celda]    # columna del contrato → celda

    @property
    def vacia(self) -> bool:
        return all(c.vacia for c in self.celdas.values())


@dataclass
class Tabla:
    hoja: str = ""
    fila_cabecera: int = -1     # desde 0; -1 si no se encontró
    columnas: dict[str, int] = field(default_factory=dict)
    filas: list[FilaTabla] = field(default_factory=list)

    def celda(self, columna: str, numero: int = 1) -> str:
        """Dirección de una celda de la tabla (la de la primera fila de datos, por omisión)."""
        return f"{letra_columna(self.columnas.get(columna, 0))}{self.fila_cabecera + 1 + numero}"


@dataclass
class PerfilLeido:
    documento: Documento
    es_perfil: bool = False
    codigo: str = ""
    celda_codigo: Celda | None = None
    version: str = ""
    celdas: dict[str, Celda] = field(default_factory=dict)
    hitos: Tabla = field(default_factory=Tabla)
    actores: Tabla = field(default_factory=Tabla)
    observaciones: list[Observacion] = field(default_factory=list)

    @property
    def archivo(self) -> str:
        return self.documento.archivo




def _columna(valor: Any) -> str:
    """Texto de cabecera para el contrato: sin tildes ni mayúsculas, espacios como «_»."""
    return normalizar(texto_de_celda(valor)).replace(" ", "_")


def _celda(libro: Libro, clave: str) -> Celda | None:
    ref = libro.nombre(P.nombre_definido(clave) if not clave.startswith("perfil_") else clave)
    return None if ref is None else Celda(libro.valor(ref), ref.hoja, ref.celda)


def leer_tabla(libro: Libro, cabecera: str, columnas: tuple[str, ...], filas_max: int = 60) -> Tabla:
    """La tabla cuyo encabezado marca el nombre `cabecera` o, si falta, la primera fila con sus columnas."""
    ref = libro.nombre(cabecera)
    candidatas = [(ref.hoja, ref.fila)] if ref is not None and libro.tiene_hoja(ref.hoja) else []
    candidatas += [(h, f) for h in libro.hojas for f in range(min(len(libro.filas(h)), filas_max))]
    for hoja, f in candidatas:
        filas = libro.filas(hoja)
        if f >= len(filas):
            continue
        posiciones: dict[str, int] = {}
        for i, v in enumerate(filas[f]):
            posiciones.setdefault(_columna(v), i)
        if all(c in posiciones for c in columnas):
            tabla = Tabla(hoja, f, {c: posiciones[c] for c in columnas})
            for numero, fila in enumerate(filas[f + 1:], start=1):
                celdas = {}
                for c, i in tabla.columnas.items():
                    valor = fila[i] if i < len(fila) else None
                    celdas[c] = Celda(None if valor == "" else valor, hoja, f"{letra_columna(i)}{f + 1 + numero}")
                tabla.filas.append(FilaTabla(numero, celdas))
            return tabla
    return Tabla()


def leer_perfil(documento: Documento, config: Configuracion) -> PerfilLeido:
    """Lee un libro de perfil; si no lo es, lo dice en una observación."""
    perfil = PerfilLeido(documento)
    try:
        libro = abrir_libro(documento)
        identificador = _celda(libro, P.CONTROL.nombre_id)
        if identificador is None or texto_de_celda(identificador.valor) != P.CONTROL.plantilla_id:
            perfil.observaciones.append(observar(Codigo.NO_ES_HOJA_PERFIL, archivo=documento.archivo))
            return perfil
        perfil.es_perfil = True
        version = _celda(libro, P.CONTROL.nombre_version)
        perfil.version = texto_de_celda(version.valor) if version else ""
        perfil.celda_codigo = _celda(libro, P.CODIGO.clave)
        perfil.codigo = texto_de_celda(perfil.celda_codigo.valor).upper() if perfil.celda_codigo else ""
        for campo in P.campos(config):
            celda = _celda(libro, campo.clave)
            if celda is None:
                perfil.observaciones.append(observar(
                    Codigo.NOMBRE_FALTANTE, archivo=documento.archivo, hoja=P.HOJA_COMPROMISO, campo=campo.clave,
                    ficha=perfil.codigo, nombre=P.nombre_definido(campo.clave)))
            else:
                perfil.celdas[campo.clave] = celda
        perfil.hitos = leer_tabla(libro, P.CABECERA_HITOS, P.COLUMNAS_HITOS)
        perfil.actores = leer_tabla(libro, P.CABECERA_ACTORES, P.COLUMNAS_ACTORES)
        for tabla, nombre, hoja in ((perfil.hitos, P.TABLA_HITOS, P.HOJA_HITOS),
                                    (perfil.actores, P.TABLA_ACTORES, P.HOJA_ACTORES)):
            if tabla.fila_cabecera < 0:
                perfil.observaciones.append(observar(
                    Codigo.NOMBRE_FALTANTE, archivo=documento.archivo, hoja=hoja, campo=nombre, ficha=perfil.codigo,
                    nombre=f"tabla «{nombre}»"))
    except ErrorLibro as e:
        perfil.es_perfil = False
        codigo = Codigo.ARCHIVO_PROTEGIDO if "contraseña" in str(e) else Codigo.ARCHIVO_ILEGIBLE
        perfil.observaciones.append(observar(codigo, archivo=documento.archivo, detalle=str(e)))
    return perfil


@dataclass
class Lectura:
    perfiles: list[PerfilLeido]          # los que son libros de perfil (vigentes o no)
    observaciones: list[Observacion]     # de archivos que no se pudieron usar
    archivos: int


def leer_en_trabajador(documento: Documento, config: Configuracion) -> PerfilLeido:
    """`leer_perfil` en un proceso trabajador: devuelve el perfil sin los bytes del archivo."""
    perfil = leer_perfil(documento, config)
    perfil.documento = replace(documento, datos=b"")
    return perfil


def leer_perfiles(carpeta: Path, config: Configuracion) -> Lectura:
    recepcion = recibir(carpeta, config.tamanio_maximo_bytes, lector=leer_en_trabajador, contexto=config)
    obs = ignorar_lo_que_no_es_hoja(recepcion.observaciones)
    perfiles = []
    for perfil in recepcion.leidos:
        if perfil.es_perfil:
            perfiles.append(perfil)
        else:
            obs += perfil.observaciones
    return Lectura(perfiles, obs, recepcion.archivos_leidos)


def elegir_vigentes(perfiles: list[PerfilLeido]) -> tuple[dict[str, PerfilLeido], list[Observacion]]:
    """Qué envío cuenta por compromiso: la regla común a todas las etapas (`entrada.vigencia`)."""
    por_codigo: dict[str, list[PerfilLeido]] = {}
    for p in perfiles:
        por_codigo.setdefault(p.codigo, []).append(p)
    vigentes: dict[str, PerfilLeido] = {}
    obs: list[Observacion] = []
    for codigo, envios in por_codigo.items():  # la regla común (entrada.vigencia)
        eleccion = elegir_vigente(envios, lambda p: p.documento)
        assert eleccion.vigente is not None
        vigentes[codigo] = eleccion.vigente
        obs += observar_eleccion(eleccion, lambda p: p.documento, f"el compromiso {codigo}", ficha=codigo)
    return vigentes, obs


def cargar_seleccion(ruta: Path) -> dict[str, str]:
    """Los compromisos seleccionados (código → motivo del Comité) de `salidas/seleccion_final.xlsx`."""
    if not ruta.exists():
        raise ErrorUso(f"No se encontró «{ruta}». Ejecute primero «python procesar.py seleccionar» (Etapa IV).")
    filas = tabla_de_hoja(ruta, HOJA_SELECCIONADAS)
    if not filas:
        raise ErrorUso(f"«{ruta.name}» no tiene la hoja «{HOJA_SELECCIONADAS}» con la columna «Código»: vuelva a "
                       "ejecutar «python procesar.py seleccionar».")
    return {texto_de_celda(f.get("codigo")).upper(): texto_de_celda(f.get("motivo del comite"))
            for f in filas if texto_de_celda(f.get("codigo"))}


def decision_del_comite(config: Configuracion, rutas: Rutas, priorizacion: Priorizacion, consolidado: Consolidado,
                        seleccion: dict[str, str]) -> dict[str, tuple[bool, str]]:
    """La decisión del Comité (código → (seleccionada, motivo)) para el acta IV, que debe coincidir con
    `seleccion_final.xlsx`; si la hoja del Comité cambió después de «seleccionar», un error de uso."""
    motivos = motivos_de(leer_seleccion(config, rutas, priorizacion, consolidado,
                                        C.sugerir(priorizacion, consolidado, config)))
    if motivos is None or {c for c, (s, _) in motivos.items() if s} != set(seleccion):
        raise ErrorUso("La hoja del Comité de entradas/comite/ ya no coincide con salidas/seleccion_final.xlsx. "
                       "Ejecute «python procesar.py seleccionar» y luego «python procesar.py perfilar».")
    return motivos
