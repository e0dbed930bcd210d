"""Accesorios de la publicación: un proyecto con las salidas de las Etapas II a IV escritas directamente
(`demo.publicacion.escribir_ejemplo`), con datos personales plantados a propósito, y su publicación."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from gobierno_abierto.demo.publicacion import Ejemplo, escribir_ejemplo
from gobierno_abierto.nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    Configuracion,
    cargar_configuracion,
    configuracion_desde_dict,
    leer_toml,
)
from gobierno_abierto.portal.orquestador import publicar
from gobierno_abierto.salida.rutas import Rutas

# Un PDF mínimo y válido (una página en blanco): el «acta firmada» que la coordinación deja para publicar.
PDF_MINIMO = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
              b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n"
              b"%%EOF\n")
DESPUES_DE_TODO = date(2016, 12, 1)


@dataclass
class Publicado:
    rutas: Rutas
    config: Configuracion
    ejemplo: Ejemplo

    @property
    def sitio(self) -> Path:
        return self.rutas.publicacion / "sitio"

    @property
    def datos(self) -> Path:
        return self.rutas.publicacion / "datos"


def config_con(**publicacion: object) -> Configuracion:
    """La configuración del proyecto con una sección [publicacion]."""
    datos, lineas = leer_toml(RUTA_PREDETERMINADA)
    return configuracion_desde_dict({**datos, "publicacion": publicacion}, RUTA_PREDETERMINADA, lineas)


def preparar(raiz: Path, config: Configuracion, **opciones: object) -> tuple[Rutas, Ejemplo]:
    rutas = Rutas(raiz)
    rutas.crear()
    ejemplo = escribir_ejemplo(config, rutas, gerencias=opciones.pop("gerencias", 4), datos_personales=True,
                               **opciones)  # type: ignore[arg-type]
    (rutas.entradas_firmados / "acta_etapa_III.pdf").write_bytes(PDF_MINIMO)
    return rutas, ejemplo


@pytest.fixture(scope="session")
def publicado(tmp_path_factory: pytest.TempPathFactory) -> Publicado:
    """Las cuatro etapas hechas y todo público (fecha de publicación posterior a la Etapa IV)."""
    config = cargar_configuracion()
    rutas, ejemplo = preparar(tmp_path_factory.mktemp("portal") / "proyecto", config)
    publicar(config, rutas, hoy=DESPUES_DE_TODO)
    return Publicado(rutas, config, ejemplo)


@pytest.fixture(scope="session")
def paginado(tmp_path_factory: pytest.TempPathFactory) -> Publicado:
    """Más iniciativas que filas por página: la tabla se reparte y la búsqueda usa indice.js."""
    config = config_con(filas_por_pagina=20)
    rutas, ejemplo = preparar(tmp_path_factory.mktemp("paginado") / "proyecto", config, gerencias=9)
    publicar(config, rutas, hoy=DESPUES_DE_TODO)
    return Publicado(rutas, config, ejemplo)
