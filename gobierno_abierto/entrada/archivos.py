"""Recepción de archivos: de una carpeta de envíos a documentos de hoja de cálculo en memoria.

Reconoce el formato por los bytes (`reconocimiento`, nunca por la extensión), abre correos `.eml` y
`.msg` (con `correo`) y archivos `.zip`, y toma las hojas que traen; rechaza con una observación, sin
abrirlos, los archivos vacíos, demasiado grandes, con contraseña, dañados o que se expanden
demasiado al descomprimirse. Nunca modifica la entrada.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from ..nucleo.configuracion import ZONA_LIMA
from ..nucleo.observaciones import Codigo, Observacion, observar
from .comprimidos import partes_zip
from .correo import Correo, Procedencia, Testigo, es_msg, leer_eml, parece_eml
from .correo_outlook import leer_msg
from .nombres import DENTRO, CarpetaSinAcceso, nombre_visible, tamanio_legible
from .reconocimiento import Formato, Rechazo, clasificar
from .registro_recepcion import ConsultaRegistro, RegistroRecepcion, huella_bytes
from .trabajadores import Caida, Trabajadores, en_procesos

MAX_NIVELES = 4  # correo › reenvío › .zip › libro

PROFUNDIDAD_MAXIMA = 3  # entradas/fichas/<sub>/<sub>/<sub>/archivo
EXTENSIONES_IGNORADAS = (".tmp", ".bak", ".lnk", ".ini")
EXTENSIONES_CORREO = (".eml", ".msg")


@dataclass(frozen=True)
class Documento:
    """Una hoja de cálculo recibida, ya en memoria y reconocida."""

    archivo: str            # como lo ve el usuario: «envio.eml › fichas.xlsx» o «fichas.xlsx»
    ruta: Path              # archivo en disco del que salió
    datos: bytes            # vacío en lo que devuelve un trabajador (allí se leyó; no se copia de vuelta)
    formato: Formato
    fecha: datetime         # fecha de recepción (del correo o del archivo), hora de Lima
    origen_fecha: str       # «correo» o «archivo»
    remitente: str = ""     # correo del remitente, si vino en un .eml o .msg (el del original, si se reenvió)
    testigo: str = ""       # de dónde salió la fecha: «correo: Date», «Outlook: hora de entrega»… (Testigo)
    fiable: bool = True     # la fecha la da un correo (servidor, mensaje u Outlook), no una copia del archivo
    visto: datetime | None = None  # primera vez que el programa vio el archivo (registro de recepción)
    huella: str = ""        # SHA-256 del contenido: dos archivos con la misma huella son un solo envío


@dataclass(frozen=True)
class Recepcion:
    documentos: list[Documento]
    observaciones: list[Observacion]
    archivos_leidos: int
    leidos: list[Any] = field(default_factory=list)  # con `lector`: lo leído de cada documento, en su orden


def listar_envios(carpeta: Path, sin_acceso: list[tuple[Path, OSError]] | None = None) -> list[Path]:
    """Archivos de la carpeta y de sus subcarpetas, en orden estable, sin temporales ni bloqueos de
    Office/LibreOffice.

    Las subcarpetas se leen, no se ignoran: quien guarda un libro en entradas/fichas/GRDS/ espera que
    cuente, y dejarlo fuera en silencio es el peor resultado. Si es un envío viejo, la regla «vale el
    más reciente» lo dice en una observación, y el archivo se nombra con su subcarpeta
    («GRDS/fichas.xlsx»). Hasta PROFUNDIDAD_MAXIMA niveles, sin carpetas ocultas («.git», «__MACOSX»)
    y sin seguir enlaces a carpetas (un ciclo no debe colgar la lectura). Las carpetas que no se pueden
    abrir van a `sin_acceso`."""
    if not carpeta.is_dir():
        return []
    rutas = []
    pendientes = [(carpeta, 0)]
    while pendientes:
        actual, nivel = pendientes.pop()
        try:
            hijos = list(actual.iterdir())
        except OSError as e:  # una subcarpeta sin permiso de lectura: se dice, y las demás se leen
            if sin_acceso is not None:
                sin_acceso.append((actual, e))
            continue
        for ruta in hijos:
            nombre = ruta.name
            if nombre.startswith((".", "~$", "__MACOSX")):
                continue
            try:
                es_carpeta, es_archivo = ruta.is_dir(), ruta.is_file()
            except OSError:  # no se puede ni mirar: al recibirlo se dirá por qué
                es_carpeta, es_archivo = False, True
            if es_carpeta:
                if nivel < PROFUNDIDAD_MAXIMA and not ruta.is_symlink():
                    pendientes.append((ruta, nivel + 1))
                continue
            if not es_archivo or nombre.lower().endswith(EXTENSIONES_IGNORADAS):
                continue
            rutas.append(ruta)
    return sorted(rutas, key=lambda r: (r.relative_to(carpeta).as_posix().lower(), r.as_posix()))


class Visto(Protocol):
    def visto(self, huella: str, archivo: str, tamanio: int) -> datetime: ...


@dataclass(frozen=True)
class _Pedido:
    """Lo que necesita un trabajador para recibir y leer un archivo de la carpeta."""

    tamanio_maximo: int
    servidor_correo: str
    registro: ConsultaRegistro
    lector: Callable[[Documento, Any], Any] | None
    contexto: Any


@dataclass(frozen=True)
class _Entrega:
    """Un archivo de la carpeta, recibido (y leído, si hay lector) en un trabajador."""

    documentos: list[Documento]
    observaciones: list[Observacion]
    leidos: list[Any]
    anotacion: tuple[str, str, int] | None  # (huella, nombre, tamaño) para el registro de recepción


def recibir(carpeta: Path, tamanio_maximo: int, servidor_correo: str = "", *,
            lector: Callable[[Documento, Any], Any] | None = None, contexto: Any = None,
            trabajadores: Trabajadores | None = None,
            progreso: Callable[[int], AbstractContextManager[Callable[[int], None]]] | None = None) -> Recepcion:
    """Lee todos los envíos de una carpeta; los problemas vuelven como observaciones. Anota en el
    registro de recepción (junto a la carpeta) cuándo vio cada archivo por primera vez.

    Con `lector`, cada archivo se recibe y se lee (`lector(documento, contexto)`) en un proceso
    trabajador: un archivo que tumba a su lector es una observación `archivo_ilegible` y los demás se
    leen igual; el proceso principal nunca tiene los bytes de los archivos (los documentos vuelven
    sin `datos`) y lo leído queda en `Recepcion.leidos`, en el orden de `documentos`."""
    registro = RegistroRecepcion.junto_a(carpeta)
    sin_acceso: list[tuple[Path, OSError]] = []
    rutas = listar_envios(carpeta, sin_acceso)
    for c, e in sin_acceso:
        if c == carpeta:  # la carpeta de entrada misma: no hay nada que leer, y no es culpa de un archivo
            raise CarpetaSinAcceso(e.errno, e.strerror, str(carpeta)) from e
    tareas = [(ruta, _prefijo(ruta, carpeta)) for ruta in rutas]
    pedido = _Pedido(tamanio_maximo, servidor_correo, registro.consulta(), lector, contexto)
    with progreso(len(tareas)) if progreso else contextlib.nullcontext(None) as avance:
        if lector is None:
            entregas: list[_Entrega | Caida] = []
            for tarea in tareas:
                entregas.append(_entregar(tarea, pedido))
                if avance:
                    avance(1)
        else:
            entregas = en_procesos(_entregar, tareas, pedido, avance=avance, trabajadores=trabajadores)
    documentos: list[Documento] = []
    observaciones = [observar(Codigo.ARCHIVO_SIN_ACCESO, archivo=_carpeta_visible(c, carpeta),
                              detalle=f"es una carpeta: {e.strerror or type(e).__name__}") for c, e in sin_acceso]
    leidos: list[Any] = []
    for (ruta, prefijo), entrega in zip(tareas, entregas, strict=True):
        if isinstance(entrega, Caida):
            observaciones.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=prefijo + nombre_visible(ruta.name),
                                          detalle=entrega.causa))
            continue
        if entrega.anotacion:
            registro.visto(*entrega.anotacion)
        documentos.extend(entrega.documentos)
        observaciones.extend(entrega.observaciones)
        leidos.extend(entrega.leidos)
    registro.guardar()
    return Recepcion(documentos, observaciones, len(rutas), leidos)


def ignorar_lo_que_no_es_hoja(observaciones: list[Observacion]) -> list[Observacion]:
    """En las carpetas de un instrumento del Comité o de las gerencias ya elegidas (la hoja del Comité,
    los perfiles), un archivo que no es una hoja de cálculo (el acta escaneada, una foto, un .zip sin
    libros) no puede traer lo que se lee: es una advertencia que dice que se ignoró, no un error que
    detenga el paso. Una hoja de cálculo dañada sigue siendo error: podría ser la versión más reciente."""
    salida = []
    for o in observaciones:
        if o.codigo is Codigo.ARCHIVO_NO_HOJA:
            o = observar(Codigo.ARCHIVO_IGNORADO, archivo=o.archivo, detalle=o.contexto["detalle"])
        elif o.codigo is Codigo.ZIP_SIN_HOJA:
            o = observar(Codigo.ARCHIVO_IGNORADO, archivo=o.archivo,
                         detalle=f"es un .zip sin hojas de cálculo ({o.contexto['contenido']})")
        salida.append(o)
    return salida


def _prefijo(ruta: Path, carpeta: Path) -> str:
    """En una subcarpeta, el archivo se nombra con ella («GRDS/fichas.xlsx»)."""
    return "".join(nombre_visible(parte) + "/" for parte in ruta.parent.relative_to(carpeta).parts)


def _carpeta_visible(subcarpeta: Path, carpeta: Path) -> str:
    """«GRDS/» para una subcarpeta de la de entrada; «fichas/» para la de entrada misma."""
    partes = subcarpeta.relative_to(carpeta).parts or (subcarpeta.name,)
    return "".join(nombre_visible(parte) + "/" for parte in partes)


def _entregar(tarea: tuple[Path, str], pedido: _Pedido) -> _Entrega:
    ruta, prefijo = tarea
    docs, obs, anotacion = _recibir(ruta, pedido.tamanio_maximo, pedido.servidor_correo, pedido.registro)
    if prefijo:
        docs = [replace(d, archivo=prefijo + d.archivo) for d in docs]
        obs = [replace(o, archivo=prefijo + o.archivo) if o.archivo else o for o in obs]
    if pedido.lector is None:
        return _Entrega(docs, obs, [], anotacion)
    leidos = [pedido.lector(d, pedido.contexto) for d in docs]
    return _Entrega([replace(d, datos=b"") for d in docs], obs, leidos, anotacion)


def recibir_archivo(ruta: Path, tamanio_maximo: int, servidor_correo: str = "",
                    registro: Visto | None = None) -> tuple[list[Documento], list[Observacion]]:
    """Un archivo de la carpeta: una hoja de cálculo, un correo con adjuntos o un .zip con hojas."""
    docs, obs, _ = _recibir(ruta, tamanio_maximo, servidor_correo, registro)
    return docs, obs


def _recibir(ruta: Path, tamanio_maximo: int, servidor_correo: str,
             registro: Visto | None) -> tuple[list[Documento], list[Observacion], tuple[str, str, int] | None]:
    archivo = nombre_visible(ruta.name)
    try:
        estado = ruta.stat()
        # Un correo lleva los adjuntos en base64 (un tercio más grande) o con su cuerpo y formato.
        tope = tamanio_maximo * 2 if ruta.suffix.lower() in EXTENSIONES_CORREO else tamanio_maximo
        if estado.st_size > tope:
            raise Rechazo(observar(Codigo.ARCHIVO_GRANDE, archivo=archivo,
                                    tamanio=tamanio_legible(estado.st_size), maximo=tamanio_legible(tope)))
        datos = ruta.read_bytes()
    except Rechazo as r:
        return [], [r.observacion], None
    except OSError as e:
        return [], [observar(Codigo.ARCHIVO_SIN_ACCESO, archivo=archivo, detalle=e.strerror or str(e))], None

    fecha_archivo = datetime.fromtimestamp(estado.st_mtime, tz=ZONA_LIMA).replace(microsecond=0)
    huella = huella_bytes(datos)
    procedencia, visto = Procedencia("", fecha_archivo, Testigo.ARCHIVO), None
    if registro is not None:
        # Una copia cambia la fecha de modificación, no la primera vez que el programa vio el contenido.
        visto = registro.visto(huella, archivo, estado.st_size)
        if visto < fecha_archivo:
            procedencia = Procedencia("", visto.replace(microsecond=0), Testigo.REGISTRO)
    origen = _Origen(ruta, procedencia, tamanio_maximo, servidor_correo, visto)
    docs, obs = _desplegar(datos, archivo, ruta.name, origen, 0)
    return docs, obs, (huella, archivo, estado.st_size)


@dataclass(frozen=True)
class _Origen:
    """De qué archivo en disco salen unos bytes, y quién los envió y cuándo."""

    ruta: Path
    procedencia: Procedencia
    tamanio_maximo: int
    servidor_correo: str = ""
    visto: datetime | None = None   # primera vez que el programa vio el archivo en disco


def _desplegar(datos: bytes, visible: str, nombre: str, origen: _Origen,
               nivel: int) -> tuple[list[Documento], list[Observacion]]:
    """Unos bytes (archivo, adjunto o parte de un .zip) → las hojas de cálculo que contienen."""
    if nivel < MAX_NIVELES and (es_msg(datos) or parece_eml(nombre, datos)):
        return _recibir_correo(datos, visible, origen, nivel)
    try:
        formato = clasificar(datos, visible, origen.tamanio_maximo)
        if formato is None:
            if nivel >= MAX_NIVELES:
                raise Rechazo(observar(Codigo.ARCHIVO_NO_HOJA, archivo=visible,
                                        detalle="es un archivo ZIP dentro de otros"))
            return _desplegar_zip(datos, visible, origen, nivel)
    except Rechazo as r:
        return [], [r.observacion]
    p = origen.procedencia
    fecha = p.fecha or datetime.fromtimestamp(0, tz=ZONA_LIMA)
    origen_fecha = "archivo" if p.testigo in (Testigo.ARCHIVO, Testigo.REGISTRO) else "correo"
    fiable = p.testigo not in (Testigo.ARCHIVO, Testigo.REGISTRO)
    return [Documento(visible, origen.ruta, datos, formato, fecha.replace(microsecond=0), origen_fecha,
                      p.remitente, p.testigo, fiable, origen.visto, huella_bytes(datos))], []


def _desplegar_zip(datos: bytes, visible: str, origen: _Origen,
                   nivel: int) -> tuple[list[Documento], list[Observacion]]:
    """Las hojas de cálculo de un .zip («archivo.zip › libro.xlsx»), con los topes de cualquier archivo."""
    documentos: list[Documento] = []
    observaciones: list[Observacion] = []
    otros: list[str] = []
    for parte in partes_zip(datos, visible, origen.tamanio_maximo, observaciones):
        docs, obs = _desplegar(parte.datos, parte.visible, parte.nombre, origen, nivel + 1)
        documentos.extend(docs)
        observaciones.extend(o for o in obs if o.codigo is not Codigo.ARCHIVO_NO_HOJA)
        if any(o.codigo is Codigo.ARCHIVO_NO_HOJA for o in obs):
            otros.append(nombre_visible(parte.nombre))
    if not documentos and not any(o.es_error for o in observaciones):
        contenido = ", ".join(otros[:5]) + (" …" if len(otros) > 5 else "") if otros else "está vacío"
        observaciones.append(observar(Codigo.ZIP_SIN_HOJA, archivo=visible, contenido=contenido))
    return documentos, observaciones


# --- correos ---------------------------------------------------------------------------


def _recibir_correo(datos: bytes, visible: str, origen: _Origen,
                    nivel: int) -> tuple[list[Documento], list[Observacion]]:
    """Un .eml o .msg: sus adjuntos pasan por el mismo reconocimiento que cualquier archivo."""
    correo: Correo = leer_msg(datos, visible) if es_msg(datos) else leer_eml(datos, visible, origen.servidor_correo)
    documentos: list[Documento] = []
    observaciones = list(correo.observaciones)
    otros: list[str] = []
    for adjunto in correo.adjuntos:
        p = adjunto.procedencia
        propio = _Origen(origen.ruta, Procedencia(p.remitente or origen.procedencia.remitente,
                                                  p.fecha or origen.procedencia.fecha,
                                                  p.testigo or origen.procedencia.testigo),
                         origen.tamanio_maximo, origen.servidor_correo, origen.visto)
        dentro = DENTRO.join([visible, *(nombre_visible(n) for n in adjunto.nombres)])
        docs, obs = _desplegar(adjunto.datos, dentro, adjunto.nombres[-1], propio, nivel + 1)
        documentos.extend(docs)
        # Un PDF del acta o una imagen de firma no son errores del envío.
        observaciones.extend(o for o in obs if o.codigo is not Codigo.ARCHIVO_NO_HOJA)
        if any(o.codigo is Codigo.ARCHIVO_NO_HOJA for o in obs):
            otros.append(nombre_visible(adjunto.nombres[-1]))
    if not documentos and not any(o.es_error for o in observaciones):
        remitente = correo.procedencia.remitente or origen.procedencia.remitente
        trae = f" (trae: {', '.join(otros[:5])}{' …' if len(otros) > 5 else ''})" if otros else ""
        observaciones.append(observar(Codigo.CORREO_SIN_ADJUNTO, archivo=visible,
                                      remitente=remitente or "remitente desconocido", trae=trae))
    return documentos, observaciones
