"""Demostración, Etapas I y IV: la hoja del Comité llena y la hoja de asistencia del taller llena."""

from __future__ import annotations

import os
import random
from datetime import datetime, timedelta

from ..etapa1.instrumento import escribir_hoja_asistencia
from ..etapa2.consolidado import cargar_consolidado
from ..etapa3.priorizacion import cargar_priorizacion
from ..etapa4 import comite as C
from ..etapa4.documentos import valores_ogp
from ..nucleo.configuracion import ZONA_LIMA, Configuracion
from ..nucleo.esquema import SI
from ..salida.publicacion import escribir_atomico
from ..salida.rutas import ARCHIVO_ASISTENCIA, ARCHIVO_HOJA_COMITE, Rutas


def preparar_comite_y_asistencia(config: Configuracion, rutas: Rutas, semilla: int) -> None:
    """Hoja del Comité llena (el portafolio sugerido, con motivos) y hoja de asistencia llena."""
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    sugerido = C.sugerir(priorizacion, consolidado, config)
    marcas = {}
    for r in priorizacion.priorizadas():
        ficha = consolidado.ficha(r.codigo)
        if r.codigo in sugerido.codigos:
            marcas[r.codigo] = (SI, f"Alto puntaje en el taller ({r.puntaje:.2f}) y aporta "
                                    f"{valores_ogp(ficha, config).lower() or 'a los valores de Gobierno Abierto'} "
                                    "al portafolio.")
        else:
            marcas[r.codigo] = ("No", "El portafolio seleccionado cubre mejor los valores de Gobierno Abierto.")
    rutas.entradas_comite.mkdir(parents=True, exist_ok=True)
    destino = rutas.entradas_comite / ARCHIVO_HOJA_COMITE
    escribir_atomico(destino, lambda tmp: C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido,
                                                                 tmp, marcas))
    fin = config.etapa("IV").fin
    marca = (datetime(fin.year, fin.month, fin.day, 17, 0, tzinfo=ZONA_LIMA) - timedelta(days=1)).timestamp()
    os.utime(destino, (marca, marca))

    azar = random.Random(semilla)
    nombres = ["Ana", "Luis", "Rosa", "Jorge", "Carmen", "Pedro", "Elena", "Víctor", "Lucía", "Raúl"]
    apellidos = ["Vásquez", "Rodríguez", "Castillo", "Sánchez", "Alvarado", "Reyes", "Gamarra", "Quispe"]
    asistentes = []
    for g in config.gerencias:
        for cargo in ("Gerente Regional", "Especialista responsable"):
            asistentes.append((f"{azar.choice(nombres)} {azar.choice(apellidos)} {azar.choice(apellidos)}",
                               cargo, g.nombre))
    rutas.entradas_asistencia.mkdir(parents=True, exist_ok=True)
    escribir_atomico(rutas.entradas_asistencia / ARCHIVO_ASISTENCIA,
                     lambda tmp: escribir_hoja_asistencia(config, tmp, asistentes))
