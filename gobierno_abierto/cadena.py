"""La cadena de etapas: qué lee y qué escribe cada comando, y si lo anterior sigue igual.

Cada comando deja, junto a sus salidas, un registro (`salidas/registro/<comando>.json`): la
versión del programa, la huella (SHA-256) de la configuración, de cada archivo de entrada, de
cada salida previa que usó y de cada salida que escribió. Antes de ejecutar, un comando revisa
que las etapas de las que depende sigan al día; si una etapa anterior se volvió a ejecutar
después, se detiene (código 2) y dice qué ejecutar, salvo con `--forzar`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from . import __version__
from .nucleo.configuracion import ZONA_LIMA, Configuracion
from .nucleo.textos import cantidad, plural
from .salida.publicacion import ErrorPublicacion, Publicacion, publicacion
from .salida.resumen import ErrorUso, Resumen
from .salida.rutas import Rutas

CARPETA_REGISTRO = ("salidas", "registro")


@dataclass(frozen=True)
class Paso:
    """Un comando en la cadena: de qué pasos depende, qué carpetas de entrada lee y cuál es su
    salida principal (la que leen los pasos siguientes)."""

    comando: str
    depende_de: tuple[str, ...] = ()
    entradas: tuple[Callable[[Rutas], Path], ...] = ()
    principal: Callable[[Rutas], Path] | None = None
    instrumento: bool = False   # sus salidas se entregan a personas (no las lee otro paso)
    etapa: str = ""


CADENA: tuple[Paso, ...] = (
    Paso("plantillas", instrumento=True, etapa="I"),
    Paso("asistencia", instrumento=True, etapa="I"),
    Paso("consolidar", entradas=(lambda r: r.entradas_fichas,), principal=lambda r: r.consolidado, etapa="II"),
    Paso("hojas-puntaje", ("consolidar",), instrumento=True, etapa="III"),
    Paso("priorizar", ("consolidar", "hojas-puntaje"), (lambda r: r.entradas_puntajes,),
         principal=lambda r: r.priorizacion, etapa="III"),
    Paso("hoja-comite", ("consolidar", "priorizar"), instrumento=True, etapa="IV"),
    Paso("seleccionar", ("consolidar", "priorizar", "hoja-comite"),
         (lambda r: r.entradas_comite, lambda r: r.entradas_asistencia),
         principal=lambda r: r.seleccion_final, etapa="IV"),
    Paso("hojas-perfil", ("seleccionar",), instrumento=True, etapa="IV"),
    Paso("perfilar", ("consolidar", "priorizar", "seleccionar", "hojas-perfil"), (lambda r: r.entradas_perfiles,),
         principal=lambda r: r.plan_de_accion, etapa="IV"),
    Paso("documentos", ("consolidar", "priorizar"), (lambda r: r.entradas_asistencia,), etapa="I–III"),
    Paso("publicar", ("consolidar", "priorizar", "seleccionar", "perfilar"),
         (lambda r: r.entradas_firmados, lambda r: r.entradas_asistencia),
         principal=lambda r: r.publicacion / "datos" / "datapackage.json", etapa="I–IV"),
)
PASOS = {p.comando: p for p in CADENA}


def huella(ruta: Path) -> str:
    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def _archivos(carpeta: Path) -> Iterator[Path]:
    if carpeta.is_dir():
        yield from (p for p in sorted(carpeta.rglob("*")) if p.is_file() and not p.name.startswith("."))


def _relativa(ruta: Path, raiz: Path) -> str:
    try:
        return ruta.relative_to(raiz).as_posix()
    except ValueError:
        return str(ruta)


# --- registros ------------------------------------------------------------------------------------


@dataclass
class Registro:
    """Lo que un comando dejó escrito sobre su última ejecución."""

    comando: str
    fecha: str
    version: str
    configuracion: str
    entradas: dict[str, str] = field(default_factory=dict)
    previas: dict[str, str] = field(default_factory=dict)
    salidas: dict[str, str] = field(default_factory=dict)
    forzado: list[str] = field(default_factory=list)

    @property
    def momento(self) -> datetime:
        return datetime.fromisoformat(self.fecha)


def ruta_registro(rutas: Rutas, comando: str) -> Path:
    return rutas.raiz.joinpath(*CARPETA_REGISTRO, f"{comando}.json")


def leer_registro(rutas: Rutas, comando: str) -> Registro | None:
    ruta = ruta_registro(rutas, comando)
    try:
        datos = json.loads(ruta.read_text(encoding="utf-8"))
        return Registro(**{k: datos[k] for k in Registro.__dataclass_fields__ if k in datos})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _fecha_corta(momento: datetime) -> str:
    return momento.astimezone(ZONA_LIMA).strftime("%d/%m/%Y a las %H:%M")


# --- comprobación antes de ejecutar ---------------------------------------------------------------


def problemas_previos(paso: Paso, rutas: Rutas) -> list[str]:
    """Por qué las etapas de las que depende `paso` no están al día (vacío si lo están)."""
    problemas = []
    for nombre in paso.depende_de:
        previo = PASOS[nombre]
        registro = leer_registro(rutas, nombre)
        if registro is None:
            continue  # salidas de antes de los registros, o un instrumento que no se usó
        if previo.principal is not None:
            principal = previo.principal(rutas)
            clave = _relativa(principal, rutas.raiz)
            if principal.is_file() and registro.salidas.get(clave) not in (None, huella(principal)):
                problemas.append(f"«{principal.name}» cambió después de que «{nombre}» lo escribiera "
                                 f"({_fecha_corta(registro.momento)}); ¿se editó a mano? Vuelva a ejecutar "
                                 f"«python procesar.py {nombre}».")
        for clave, sha in registro.previas.items():
            ruta = rutas.raiz / clave
            if ruta.is_file() and huella(ruta) != sha:
                cambio = datetime.fromtimestamp(ruta.stat().st_mtime, ZONA_LIMA)
                if previo.instrumento:
                    problemas.append(
                        f"«{ruta.name}» cambió el {_fecha_corta(cambio)}, después de «{nombre}» "
                        f"({_fecha_corta(registro.momento)}): lo que se entregó a las personas ya no "
                        f"corresponde. Vuelva a ejecutar «python procesar.py {nombre}» y entréguelo de nuevo, "
                        "o, si el cambio no les afecta, use --forzar.")
                else:
                    problemas.append(f"«{ruta.name}» cambió el {_fecha_corta(cambio)}, después de «{nombre}» "
                                     f"({_fecha_corta(registro.momento)}): ejecute primero "
                                     f"«python procesar.py {nombre}».")
    return problemas


# --- una ejecución ---------------------------------------------------------------------------------


@dataclass
class Ejecucion:
    paso: Paso
    rutas: Rutas
    config: Configuracion
    forzado: list[str]
    publicacion: Publicacion
    detenida: bool = False  # no llegó a su salida principal: las anteriores quedaron como estaban


def _aviso_en_documentos(aviso: str) -> AbstractContextManager[None]:
    """El aviso de --forzar en cada documento Word que se escriba (Word se carga solo si hace falta)."""
    if not aviso:
        return nullcontext()
    from .salida.word import aviso_en_documentos

    return aviso_en_documentos(aviso)


@contextmanager
def ejecutar(comando: str, config: Configuracion, rutas: Rutas, forzar: bool = False) -> Iterator[Ejecucion]:
    """Comprueba la cadena, prepara las salidas aparte y, al terminar sin excepción, las publica
    juntas con su registro. Con excepción, nada visible cambia."""
    paso = PASOS.get(comando, Paso(comando))
    problemas = problemas_previos(paso, rutas)
    if problemas and not forzar:
        raise ErrorUso("Las etapas anteriores cambiaron:\n  - " + "\n  - ".join(problemas)
                       + "\n(Con --forzar se sigue igual, y el registro lo dice.)")
    previas = {}
    for nombre in paso.depende_de:
        principal = PASOS[nombre].principal
        if principal is not None and principal(rutas).is_file():
            previas[_relativa(principal(rutas), rutas.raiz)] = huella(principal(rutas))
    entradas = {_relativa(a, rutas.raiz): _huella_de_entrada(a) for c in paso.entradas for a in _archivos(c(rutas))}
    aviso = ("DOCUMENTO GENERADO CON --forzar: una etapa anterior cambió después (ver salidas/registro/)"
             if problemas else "")
    with publicacion(rutas.raiz) as pub, _aviso_en_documentos(aviso):
        ejecucion = Ejecucion(paso, rutas, config, problemas, pub)
        yield ejecucion
    anterior = leer_registro(rutas, comando)
    anteriores = {rutas.raiz / k: v for k, v in anterior.salidas.items()} if anterior else {}
    nuevas = {_relativa(destino, rutas.raiz): huella(origen) for origen, destino in pub.preparados()}
    principal = _relativa(paso.principal(rutas), rutas.raiz) if paso.principal is not None else ""
    if anterior is not None and principal in anterior.salidas and principal not in nuevas:
        # Se detuvo antes de su salida principal (la hoja del Comité tiene errores): lo anterior queda en su
        # lugar, sin archivar nada a medias, y el registro sigue describiendo esa ejecución (con sus
        # entradas), así «estado» muestra el paso desactualizado hasta que se corrija.
        registro = replace(anterior, salidas={**anterior.salidas, **nuevas})
        anteriores = {}
        ejecucion.detenida = True
    else:
        registro = Registro(
            comando=comando, fecha=datetime.now(ZONA_LIMA).isoformat(timespec="seconds"), version=__version__,
            configuracion=huella(config.ruta) if config.ruta.is_file() else "", entradas=entradas,
            previas=previas, salidas=nuevas, forzado=problemas)
    # El registro se publica con las salidas que describe: todo junto o nada.
    destino = ruta_registro(rutas, comando)
    try:
        preparado = pub.ruta_preparada(destino)
        preparado.parent.mkdir(parents=True, exist_ok=True)
        preparado.write_bytes(registro_en_json(registro))
    except OSError as e:
        pub.descartar()
        raise ErrorPublicacion(destino, e) from e
    pub.publicar(anteriores, huella)


def registro_en_json(registro: Registro) -> bytes:
    """El registro en UTF-8. Un nombre de archivo que no era UTF-8 en el disco (un byte \\xed de un .zip
    de Windows) llega como «\\udced» y se guarda así, escapado: al leerlo vuelve a ser el mismo nombre."""
    return json.dumps(registro.__dict__, ensure_ascii=False, indent=1).encode("utf-8", "backslashreplace")


def _huella_de_entrada(ruta: Path) -> str:
    """La huella de un archivo de entrada; uno que no se puede leer no detiene la ejecución (su lector
    lo dirá en una observación) y queda anotado así en el registro."""
    try:
        return huella(ruta)
    except OSError as e:
        return f"ilegible: {e.strerror or type(e).__name__}"


def anotar_publicacion(resumen: Resumen, ejecucion: Ejecucion) -> None:
    if ejecucion.detenida:
        principal = ejecucion.paso.principal(ejecucion.rutas) if ejecucion.paso.principal else None
        resumen.atencion.append("Las salidas de la ejecución anterior quedan como estaban"
                                + (f" («{principal.name}» y lo demás)" if principal else "")
                                + "; «estado» mostrará este paso desactualizado hasta que se corrija.")
    if ejecucion.publicacion.archivadas:
        carpeta = ejecucion.publicacion.archivadas[0].relative_to(ejecucion.rutas.raiz).parts[:3]
        n = len(ejecucion.publicacion.archivadas)
        resumen.atencion.append(f"{cantidad(n, 'salida', 'salidas')} de la ejecución anterior que esta ya no "
                                f"produce se {plural(n, 'movió', 'movieron')} a {'/'.join(carpeta)}/")
    if ejecucion.forzado:
        resumen.atencion.append("Se ejecutó con --forzar aunque las etapas anteriores cambiaron: "
                                + " ".join(ejecucion.forzado))


# --- estado ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EstadoPaso:
    paso: Paso
    estado: str            # «al día», «desactualizado», «pendiente»
    cuando: str
    salidas: int
    motivos: tuple[str, ...]


def estado_de(paso: Paso, rutas: Rutas, config: Configuracion) -> EstadoPaso:
    registro = leer_registro(rutas, paso.comando)
    if registro is None:
        existe = paso.principal is not None and paso.principal(rutas).is_file()
        return EstadoPaso(paso, "sin registro" if existe else "pendiente", "", 0, ())
    motivos = list(problemas_previos(paso, rutas))
    actuales = {_relativa(a, rutas.raiz): _huella_de_entrada(a) for c in paso.entradas for a in _archivos(c(rutas))}
    nuevas = sorted(set(actuales) - set(registro.entradas))
    cambiadas = sorted(k for k in set(actuales) & set(registro.entradas) if actuales[k] != registro.entradas[k])
    quitadas = sorted(set(registro.entradas) - set(actuales))
    for texto, lista in (("archivos nuevos", nuevas), ("archivos cambiados", cambiadas), ("archivos quitados", quitadas)):
        if lista:
            motivos.append(f"{texto} en las entradas: {', '.join(Path(x).name for x in lista[:5])}"
                           + (" …" if len(lista) > 5 else ""))
    if config.ruta.is_file() and registro.configuracion and huella(config.ruta) != registro.configuracion:
        motivos.append("la configuración cambió")
    return EstadoPaso(paso, "desactualizado" if motivos else "al día", _fecha_corta(registro.momento),
                      len(registro.salidas), tuple(motivos))


def estado(config: Configuracion, rutas: Rutas) -> Resumen:
    """La cadena como tabla: cada paso, cuándo se ejecutó, si está al día y el siguiente comando."""
    r = Resumen("Estado del proceso")
    filas = [estado_de(p, rutas, config) for p in CADENA]
    r.detalle.append(f"{'Etapa':<6} {'Comando':<14} {'Estado':<15} {'Ejecutado':<23} Salidas")
    for f in filas:
        r.detalle.append(f"{f.paso.etapa:<6} {f.paso.comando:<14} {f.estado:<15} {f.cuando or '—':<23} "
                         f"{f.salidas or '—'}")
        r.detalle += [f"{'':<22}· {m}" for m in f.motivos]
    siguiente = next((f for f in filas if f.estado in ("desactualizado", "pendiente")
                      and f.paso.comando not in ("asistencia", "documentos")), None)
    if siguiente is not None:
        r.atencion.append(f"Siguiente paso: «python procesar.py {siguiente.paso.comando}» "
                          f"({siguiente.estado}).")
    return r

