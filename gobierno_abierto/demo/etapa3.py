"""Demostración, Etapa III: hojas de puntaje llenas por los grupos, con desacuerdos y errores."""

from __future__ import annotations

import os
import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..etapa3.hojas import nombre_archivo
from ..etapa3.instrumento import escribir_hoja_puntaje
from ..etapa3.orquestador import fichas_validas
from ..nucleo.configuracion import ZONA_LIMA, Configuracion
from ..nucleo.modelo import Ficha
from ..nucleo.modelos_secciones import AjustesPriorizacion, Grupo
from ..salida.libreoffice import ErrorLibreOffice, convertir, disponible
from ..salida.publicacion import escribir_atomico
from ..salida.rutas import Rutas
from .correo import correo_con_adjunto


def notas_sinteticas(fichas: list[Ficha], ajustes: AjustesPriorizacion, grupo: Grupo, indice: int,
                     semilla: int) -> dict[str, dict[str, int]]:
    """Notas verosímiles: una calidad propia de cada ficha, el sesgo de cada grupo y ruido."""
    rng_grupo = random.Random(f"{semilla}-grupo-{indice}")
    sesgo = rng_grupo.gauss(0, 0.35)
    ruido = 0.6 if indice % 3 else 1.1  # un grupo de cada tres es más disperso
    notas: dict[str, dict[str, int]] = {}
    for ficha in fichas:
        if ajustes.excluida(grupo, ficha.codigo_gerencia):
            continue
        rng_ficha = random.Random(f"{semilla}-ficha-{ficha.codigo}")
        calidad = rng_ficha.uniform(1.6, 4.7)
        fila = {}
        for c in ajustes.criterios:
            propia = calidad + rng_ficha.gauss(0, 0.5)
            valor = propia + sesgo + rng_grupo.gauss(0, ruido)
            fila[c.clave] = int(min(c.maximo, max(c.minimo, round(valor))))
        notas[ficha.codigo] = fila
    return notas


def preparar_puntajes(config: Configuracion, rutas: Rutas, semilla: int) -> None:
    """Hojas de puntaje llenas por los grupos, con desacuerdos realistas y algunos errores: una
    nota fuera de escala, una celda vacía, un borrador reemplazado, una hoja en .ods (si hay
    LibreOffice) y otra llegada por correo (.eml)."""
    ajustes = config.priorizacion
    fichas = fichas_validas(config, rutas)
    rutas.entradas_puntajes.mkdir(parents=True, exist_ok=True)
    etapa = config.etapa("III")
    fecha = datetime(etapa.inicio.year, etapa.inicio.month, etapa.inicio.day, 12, 0, tzinfo=ZONA_LIMA)

    def escribir(grupo: Grupo, notas: dict[str, dict[str, Any]], destino: Path, minutos: int) -> Path:
        escribir_atomico(destino, lambda tmp: escribir_hoja_puntaje(config, ajustes, grupo, fichas, tmp, notas))
        marca = (fecha + timedelta(minutes=minutos)).timestamp()
        os.utime(destino, (marca, marca))
        return destino

    def por_correo(grupo: Grupo, notas: dict[str, dict[str, Any]], destino: Path, minutos: int) -> None:
        with tempfile.TemporaryDirectory(prefix="procesar_demo_") as tmp:
            origen = escribir(grupo, notas, Path(tmp) / nombre_archivo(grupo), minutos)
            datos = correo_con_adjunto("taller.ga@regionlalibertad.gob.pe", config.correo_coordinacion,
                                       fecha + timedelta(minutes=minutos), f"Puntajes {grupo.nombre}",
                                       nombre_archivo(grupo), origen.read_bytes(),
                                       f"Adjuntamos la hoja de puntaje del {grupo.nombre}.")
            escribir_atomico(destino, lambda tmp_eml: tmp_eml.write_bytes(datos))

    for i, grupo in enumerate(ajustes.grupos):
        notas: dict[str, dict[str, Any]] = {k: dict(v) for k, v in notas_sinteticas(
            fichas, ajustes, grupo, i, semilla).items()}
        codigos = list(notas)
        clave = ajustes.criterios[-1].clave
        nombre = nombre_archivo(grupo)
        if i == 0 and codigos:
            # un borrador incompleto enviado antes por correo: lo reemplaza la hoja final, también por correo
            borrador = {k: v for k, v in notas.items() if k in codigos[: len(codigos) // 2]}
            por_correo(grupo, borrador, rutas.entradas_puntajes / nombre.replace(".xlsx", "_borrador.eml"), 10)
            por_correo(grupo, notas, rutas.entradas_puntajes / nombre.replace(".xlsx", ".eml"), 40)
            continue
        if i == 1 and codigos:
            notas[codigos[len(codigos) // 3]][clave] = ajustes.criterios[-1].maximo + 1  # fuera de escala
        if i == 2 and len(codigos) > 1:
            notas[codigos[-2]][ajustes.criterios[0].clave] = None  # celda vacía
        if i == 3 and disponible():
            with tempfile.TemporaryDirectory(prefix="procesar_demo_") as tmp:
                origen = escribir(grupo, notas, Path(tmp) / nombre, 40 + i)
                try:
                    ods = convertir([origen], "ods", rutas.entradas_puntajes)[0]
                    marca = (fecha + timedelta(minutes=40 + i)).timestamp()
                    os.utime(ods, (marca, marca))
                    continue
                except ErrorLibreOffice:
                    pass  # sin conversión, se entrega en .xlsx
        if i == 4:
            por_correo(grupo, notas, rutas.entradas_puntajes / nombre.replace(".xlsx", ".eml"), 40 + i)
            continue
        escribir(grupo, notas, rutas.entradas_puntajes / nombre, 40 + i)
