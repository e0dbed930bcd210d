"""Accesorios comunes: cada prueba construye sus propios archivos en tmp_path desde el esquema."""

from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gobierno_abierto.demo import datos as D
from gobierno_abierto.entrada.archivos import Documento, Formato
from gobierno_abierto.etapa2.instrumento import escribir_plantilla
from gobierno_abierto.etapa2.lectura import Celda, EnvioLeido, FichaLeida
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    ZONA_LIMA,
    Configuracion,
    cargar_configuracion,
    leer_toml,
)
from gobierno_abierto.nucleo.observaciones import Codigo, Observacion
from gobierno_abierto.salida.rutas import Rutas


@pytest.fixture(scope="session")
def config() -> Configuracion:
    return cargar_configuracion()


@pytest.fixture
def datos_config() -> dict[str, Any]:
    """El configuracion.toml del proyecto como diccionario nuevo, para variarlo en una prueba."""
    return leer_toml(RUTA_PREDETERMINADA)[0]


@pytest.fixture
def rutas(tmp_path: Path) -> Rutas:
    r = Rutas(tmp_path / "proyecto")
    r.crear()
    return r


def fecha_en_plazo(config: Configuracion, dias_antes: int = 1) -> datetime:
    fin = config.etapa("II").fin
    return datetime(fin.year, fin.month, fin.day, 12, 0, tzinfo=ZONA_LIMA) - timedelta(days=dias_antes)


EscribirEnvio = Callable[..., Path]


@pytest.fixture
def escribir_envio(config: Configuracion, rutas: Rutas) -> EscribirEnvio:
    """Escribe en entradas/fichas el libro lleno de una gerencia, con cambios opcionales.

    `cambios` va por nombre definido (p. ej. «ficha3_descripcion»); None deja la celda vacía.
    """

    def escribir(codigo: str, cambios: dict[str, Any] | None = None, nombre: str | None = None,
                 fecha: datetime | None = None, control: dict[str, str] | None = None,
                 semilla: int = 7, carpeta: Path | None = None) -> Path:
        gerencia = config.gerencia(codigo)
        assert gerencia is not None, codigo
        valores = D.libro_lleno(config, gerencia, random.Random(f"{semilla}-{codigo}"))
        valores.update(cambios or {})
        ruta = (carpeta or rutas.entradas_fichas) / (nombre or f"fichas_{codigo}.xlsx")
        escribir_plantilla(config, gerencia, ruta, valores, control)
        marca = (fecha or fecha_en_plazo(config)).timestamp()
        os.utime(ruta, (marca, marca))
        return ruta

    return escribir


def zip_en_memoria(partes: dict[str, bytes]) -> bytes:
    """Un .zip con esas partes (nombre → contenido), armado en memoria."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
    return b.getvalue()


def huella(carpeta: Path) -> dict[str, str]:
    """Contenido de una carpeta (nombre → sha256), para comprobar que no se modificó nada."""
    return {str(p.relative_to(carpeta)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(carpeta.rglob("*")) if p.is_file()}


@pytest.fixture
def soffice() -> str:
    """Ruta de LibreOffice; sin él la prueba se salta, salvo con REQUIERE_LIBREOFFICE=1 (CI)."""
    from gobierno_abierto.salida.libreoffice import soffice as buscar_soffice

    programa = buscar_soffice()
    if programa is None:
        if os.environ.get("REQUIERE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice es obligatorio en esta ejecución (REQUIERE_LIBREOFFICE=1)")
        pytest.skip("LibreOffice no está instalado")
    return programa


CARPETA_MUESTRAS = Path(__file__).resolve().parents[2] / "shared" / "muestras"


@pytest.fixture(scope="session")
def muestras() -> Path:
    """Archivos reales de ../shared/muestras (no vienen con el proyecto): sin ellos la prueba se
    salta, salvo con REQUIERE_MUESTRAS=1 (CI)."""
    if not CARPETA_MUESTRAS.is_dir():
        if os.environ.get("REQUIERE_MUESTRAS") == "1":
            pytest.fail(f"Faltan las muestras reales en {CARPETA_MUESTRAS} (REQUIERE_MUESTRAS=1)")
        pytest.skip("Sin la carpeta ../shared/muestras")
    return CARPETA_MUESTRAS


EN_PLAZO = datetime(2016, 9, 18, 12, 0, tzinfo=ZONA_LIMA)  # un día antes del cierre de la Etapa II


def envio_leido(config: Configuracion, codigo: str, cambios: dict[str, Any] | None = None, *,
                archivo: str = "", fecha: datetime = EN_PLAZO, vacias: tuple[int, ...] = (),
                remitente: str = "", semilla: int = 7) -> EnvioLeido:
    """Lo que `leer_envio` devolvería para el libro lleno de una gerencia, sin escribir el libro.

    Los valores son los de `escribir_envio` (misma semilla) más `cambios` (por nombre definido);
    las fichas en `vacias` quedan en blanco. Celdas: la ficha en C5, C6…; la reunión en C4, C5…
    """
    gerencia = config.gerencia(codigo)
    valores = D.libro_lleno(config, gerencia, random.Random(f"{semilla}-{codigo}")) if gerencia else {}
    valores.update(cambios or {})
    fichas = []
    for n in range(1, config.fichas_por_gerencia + 1):
        celdas = {c.clave: Celda(None if n in vacias else valores.get(E.nombre_ficha(n, c.clave)),
                                 E.hoja_ficha(n), f"C{i + 5}")
                  for i, c in enumerate(E.campos_ficha(config))}
        fichas.append(FichaLeida(n, celdas))
    reunion = {c.clave: Celda(valores.get(c.clave), E.HOJA_REUNION, f"C{i + 4}")
               for i, c in enumerate(E.CAMPOS_REUNION)}
    participantes = []
    for i in range(1, E.MAX_PARTICIPANTES + 1):
        fila = {c.clave: Celda(valores.get(E.nombre_participante(i, c.clave)), E.HOJA_REUNION,
                               f"{'BCD'[j]}{i + 14}") for j, c in enumerate(E.CAMPOS_PARTICIPANTE)}
        if any(not c.vacia for c in fila.values()):
            participantes.append(fila)
    nombre = archivo or f"fichas_{codigo}.xlsx"
    documento = Documento(nombre, Path(nombre), b"", Formato.XLSX, fecha, "archivo", remitente)
    return EnvioLeido(documento, es_plantilla=True, codigo_gerencia=codigo,
                      celda_gerencia=Celda(codigo, E.HOJA_INSTRUCCIONES, "C4"),
                      version=E.PLANTILLA_VERSION, fichas=fichas, reunion=reunion,
                      participantes=participantes)


# --- Qué códigos de observación produce el programa durante las pruebas --------------------------
# Lo usa tests/test_observaciones.py::test_cada_codigo_lo_produce_alguna_prueba (ver su docstring).
# pytest llama a estos ganchos solo en el conftest que registró, así que el registro es uno por
# sesión aunque una prueba importe `tests.conftest` otra vez.


@dataclass
class Registro:
    """Lo que pasó en esta sesión de pytest: códigos producidos y lo que no se ejecutó.

    Los envíos se leen y validan en procesos trabajadores (entrada/trabajadores.py): lo que producen
    allí lo anotan en `archivo` (una línea por código y proceso) y `producidos` lo junta al leerse."""

    propios: set[Codigo] = field(default_factory=set)
    archivo: Path | None = None
    pid: int = field(default_factory=os.getpid)
    deseleccionadas: int = 0
    saltadas: int = 0
    fallidas: int = 0  # sin contar las `al_final`, que no producen observaciones

    def anotar(self, codigo: Codigo) -> None:
        if codigo in self.propios:
            return
        self.propios.add(codigo)
        if os.getpid() != self.pid and self.archivo is not None:  # en un trabajador
            with open(self.archivo, "a", encoding="utf-8") as f:
                f.write(codigo.name + "\n")

    @property
    def producidos(self) -> set[Codigo]:
        en_trabajadores = set()
        if self.archivo is not None and self.archivo.exists():
            en_trabajadores = {Codigo[n] for n in self.archivo.read_text(encoding="utf-8").split()}
        return self.propios | en_trabajadores


_registro = Registro()
_MODULOS_DE_PASO = ("gobierno_abierto.nucleo.observaciones", "dataclasses")


def _lo_crea_el_programa() -> bool:
    """¿La observación la creó el paquete (y no una prueba que la arma a mano)?"""
    marco = sys._getframe(2)  # 0: esta función, 1: el __init__ envuelto, 2: quien lo llamó
    while marco is not None and marco.f_globals.get("__name__") in _MODULOS_DE_PASO:
        marco = marco.f_back  # observar() y dataclasses.replace() no son el origen
    return marco is not None and str(marco.f_globals.get("__name__", "")).startswith("gobierno_abierto.")


def pytest_configure(config: pytest.Config) -> None:
    original = Observacion.__init__

    def registrar(self: Observacion, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if _lo_crea_el_programa():
            _registro.anotar(self.codigo)

    descriptor, nombre = tempfile.mkstemp(prefix="codigos_en_trabajadores_", suffix=".txt")
    os.close(descriptor)
    _registro.archivo = Path(nombre)
    Observacion.__init__ = registrar  # type: ignore[method-assign]
    config.add_cleanup(lambda: setattr(Observacion, "__init__", original))
    config.add_cleanup(lambda: Path(nombre).unlink(missing_ok=True))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marca `demo` a las pruebas que usan la demostración completa (para saltarlas con
    `-m "not demo"`, como hacen las pruebas de mutantes) y deja al final las marcadas `al_final`."""
    for item in items:
        if "demo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.demo)
    items.sort(key=lambda item: item.get_closest_marker("al_final") is not None)


def pytest_deselected(items: list[pytest.Item]) -> None:
    _registro.deseleccionadas += len(items)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _registro.saltadas += 1
    elif report.failed and "al_final" not in report.keywords:
        _registro.fallidas += 1


@pytest.fixture
def registro_de_codigos() -> Registro:
    return _registro
