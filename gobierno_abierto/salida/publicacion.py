"""Escritura segura: cada archivo se escribe en un temporal, y cada comando publica todo junto.

Dentro de una `Publicacion`, `escribir_atomico` no toca las salidas visibles: escribe en una
carpeta de preparación (`.procesar/preparacion/…`, en la misma unidad). Al final, `publicar`
aparta las salidas anteriores, pone las nuevas y, si algo no se puede reemplazar (un libro
abierto en Excel en Windows, sin permiso, disco lleno), deshace lo hecho: no cambia nada visible
y el error nombra el archivo. Las salidas de una ejecución anterior que esta ya no produce se
mueven a `salidas/archivo/<fecha>/`, nunca se mezclan con las nuevas.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

# Fecha fija en los metadatos de los libros y documentos: mismas entradas, mismos bytes.
FECHA_FIJA = datetime(2016, 1, 1, 0, 0, 0)
CARPETA_INTERNA = ".procesar"


class ErrorPublicacion(Exception):
    """Una salida no se pudo escribir o reemplazar; nada visible cambió (código de salida 2)."""

    def __init__(self, ruta: Path, causa: OSError) -> None:
        self.ruta, self.causa = ruta_visible(Path(ruta)), causa
        super().__init__(explicar_error_de_escritura(self.ruta, causa))

    def __reduce__(self) -> tuple[type, tuple[Path, OSError]]:  # viaja desde un proceso trabajador
        return (ErrorPublicacion, (self.ruta, self.causa))


def ruta_visible(ruta: Path) -> Path:
    """La ruta que conoce la persona, para una de preparación o de respaldo del programa:
    «…/.procesar/preparacion/ab12…/salidas/x.xlsx» → «…/salidas/x.xlsx»."""
    partes = ruta.parts
    if CARPETA_INTERNA in partes:
        i = partes.index(CARPETA_INTERNA)
        if len(partes) > i + 3:
            return Path(*partes[:i], *partes[i + 3:])
    return ruta


def explicar_error_de_escritura(ruta: Path, causa: OSError) -> str:
    """Qué pasó y qué hacer, en castellano, para un error del sistema al escribir `ruta`."""
    nombre = ruta.name
    if causa.errno == errno.ENOSPC:
        return f"No hay espacio en el disco para escribir «{ruta}». Libere espacio y vuelva a ejecutar."
    if isinstance(causa, PermissionError) or causa.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return (f"No se pudo reemplazar «{ruta}»: está abierto en otro programa (¿Excel o Word?) o no "
                f"tiene permiso de escritura. Cierre «{nombre}» y vuelva a ejecutar; no se cambió ninguna "
                "salida.")
    if causa.errno == errno.EROFS:
        return f"La carpeta de «{ruta}» es de solo lectura. Elija otra carpeta con --carpeta."
    if causa.errno == errno.EXDEV:
        return (f"«{ruta.parent}» está en otro disco o unidad que la carpeta del proyecto, y las salidas se "
                "preparan aparte y se ponen en su lugar de una vez, dentro de un mismo disco. Use una carpeta "
                "de proyecto que esté entera en un solo disco (--carpeta). No se cambió ninguna salida.")
    return f"No se pudo escribir «{ruta}» ({causa.strerror or causa}). No se cambió ninguna salida."


@dataclass
class Publicacion:
    """Las salidas de un comando, preparadas aparte y publicadas juntas bajo `raiz`."""

    raiz: Path
    preparacion: Path = field(init=False)
    publicadas: dict[Path, Path] = field(default_factory=dict)   # destino → origen preparado
    archivadas: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.raiz = Path(self.raiz)
        self.preparacion = self.raiz / CARPETA_INTERNA / "preparacion" / uuid.uuid4().hex[:12]

    def ruta_preparada(self, destino: Path) -> Path:
        """Dónde se prepara `destino`; las rutas fuera de la raíz (o ya preparadas) no cambian."""
        destino = Path(destino)
        try:
            destino.relative_to(self.preparacion)
            return destino
        except ValueError:
            pass
        try:
            relativa = destino.resolve().relative_to(self.raiz.resolve())
        except ValueError:
            return destino
        return self.preparacion / relativa

    def preparados(self) -> list[tuple[Path, Path]]:
        """(origen preparado, destino visible) de todo lo escrito, en orden estable."""
        if not self.preparacion.exists():
            return []
        return [(p, self.raiz / p.relative_to(self.preparacion))
                for p in sorted(self.preparacion.rglob("*")) if p.is_file()]

    def publicar(self, anteriores: dict[Path, str] | None = None,
                 huella: Callable[[Path], str] | None = None) -> list[Path]:
        """Pone todo en su lugar o nada. `anteriores` (ruta → sha256) son las salidas de la ejecución
        previa del mismo comando: las que esta no produce y siguen intactas se archivan."""
        pares = self.preparados()
        respaldo = self.raiz / CARPETA_INTERNA / "respaldo" / self.preparacion.name
        apartadas: list[tuple[Path, Path]] = []   # (destino, respaldo)
        puestas: list[Path] = []
        try:
            for _, destino in pares:  # 1. apartar las anteriores (falla aquí si un archivo está abierto)
                if destino.exists():
                    copia = respaldo / destino.relative_to(self.raiz)
                    _crear_carpeta(copia.parent)
                    _mover(destino, copia)
                    apartadas.append((destino, copia))
            for origen, destino in pares:  # 2. poner las nuevas
                _crear_carpeta(destino.parent)
                _mover(origen, destino)
                puestas.append(destino)
        except ErrorPublicacion:
            for destino in reversed(puestas):
                with contextlib.suppress(OSError):
                    destino.unlink()
            for destino, copia in reversed(apartadas):
                with contextlib.suppress(OSError):
                    os.replace(copia, destino)
            raise
        finally:
            shutil.rmtree(respaldo, ignore_errors=True)
            self.descartar()
        nuevas = {d for _, d in pares}
        if anteriores and huella:
            self._archivar(anteriores, nuevas, huella)
        return [d for _, d in pares]

    def _archivar(self, anteriores: dict[Path, str], nuevas: set[Path], huella: Callable[[Path], str]) -> None:
        sello = datetime.now().strftime("%Y-%m-%d_%H%M%S")
        carpeta = self.raiz / "salidas" / "archivo" / sello
        for ruta, sha in sorted(anteriores.items()):
            if ruta in nuevas or not ruta.is_file() or huella(ruta) != sha:
                continue  # la reemplazó esta ejecución, ya no está o la cambió otro comando
            destino = carpeta / ruta.relative_to(self.raiz)
            destino.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.replace(ruta, destino)
                self.archivadas.append(destino)

    def descartar(self) -> None:
        shutil.rmtree(self.preparacion, ignore_errors=True)
        for vacia in (self.preparacion.parent, self.preparacion.parent.parent):
            with contextlib.suppress(OSError):
                vacia.rmdir()


def _crear_carpeta(carpeta: Path) -> None:
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
    except OSError as e:  # p. ej., un archivo con el nombre de la carpeta: se deshace lo hecho
        raise ErrorPublicacion(carpeta, e) from e


def _mover(origen: Path, destino: Path) -> None:
    try:
        os.replace(origen, destino)
    except OSError as e:
        raise ErrorPublicacion(destino, e) from e


_ACTIVA: Publicacion | None = None


@contextlib.contextmanager
def publicacion(raiz: Path) -> Iterator[Publicacion]:
    """Mientras dura, todo `escribir_atomico` bajo `raiz` se prepara aparte; al salir sin error
    no publica (lo hace quien llama, con `publicar`); con error, descarta lo preparado."""
    global _ACTIVA
    anterior, pub = _ACTIVA, Publicacion(raiz)
    _ACTIVA = pub
    try:
        yield pub
    except BaseException:
        pub.descartar()
        raise
    finally:
        _ACTIVA = anterior


def ruta_de_escritura(destino: Path) -> Path:
    """El lugar donde se escribe `destino` ahora: el de preparación si hay una publicación activa."""
    return _ACTIVA.ruta_preparada(destino) if _ACTIVA is not None else Path(destino)


@contextlib.contextmanager
def ruta_temporal(destino: Path) -> Iterator[Path]:
    """Da una ruta temporal junto a `destino`; al salir sin error la renombra a `destino`."""
    destino = Path(destino)
    try:
        destino.parent.mkdir(parents=True, exist_ok=True)
        fd, nombre = tempfile.mkstemp(prefix=f".{destino.stem}.", suffix=destino.suffix + ".tmp",
                                      dir=destino.parent)
    except OSError as e:
        raise ErrorPublicacion(destino, e) from e
    os.close(fd)
    temporal = Path(nombre)
    try:
        yield temporal
        os.chmod(temporal, 0o644)
        _mover(temporal, destino)
    except OSError as e:
        if isinstance(e, ErrorPublicacion):
            raise
        raise ErrorPublicacion(destino, e) from e
    finally:
        temporal.unlink(missing_ok=True)


def escribir_atomico(destino: Path, escribir: Callable[[Path], None]) -> Path:
    """Llama a `escribir(ruta_temporal)` y publica el resultado de una vez (o lo prepara, si hay
    una publicación activa). Devuelve el destino visible."""
    with ruta_temporal(ruta_de_escritura(destino)) as tmp:
        escribir(tmp)
    return Path(destino)


def escribir_bytes_atomico(destino: Path, datos: bytes) -> Path:
    return escribir_atomico(destino, lambda tmp: tmp.write_bytes(datos))


def normalizar_zip(ruta: Path) -> None:
    """Reescribe un ZIP (docx/xlsx) con fechas fijas y orden estable, para salidas idénticas."""
    with zipfile.ZipFile(ruta) as z:
        miembros = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    fecha = FECHA_FIJA.timetuple()[:6]
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in miembros:
            info = zipfile.ZipInfo(nombre, date_time=fecha)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, datos)
