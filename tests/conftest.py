"""Accesorios comunes: cada prueba construye sus propios archivos en tmp_path desde el esquema."""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gobierno_abierto.demo import datos as D
from gobierno_abierto.etapa2.instrumento import escribir_plantilla
from gobierno_abierto.nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    ZONA_LIMA,
    Configuracion,
    cargar_configuracion,
    leer_toml,
)
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
