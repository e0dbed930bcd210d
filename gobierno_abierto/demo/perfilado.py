"""Demostración, Etapa IV (perfilado): las gerencias devuelven sus libros de perfil llenos.

Compromisos verosímiles a partir de cada ficha seleccionada: el problema con su línea de base,
hitos con entregables y fechas, actores y la consulta. Uno trae un hito vago («Fortalecer…»),
uno llega por correo, uno llega tarde, uno se guarda en LibreOffice (.ods) y uno se envía dos veces.
"""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..etapa2.consolidado import cargar_consolidado
from ..nucleo.configuracion import ZONA_LIMA, Configuracion
from ..nucleo.esquema import SI, clave_valor_ogp
from ..nucleo.modelo import Ficha, Reunion
from ..perfilado import esquema as P
from ..perfilado.ajustes import AjustesPerfilado, leer_ajustes_perfilado
from ..perfilado.instrumento import (
    Llenado,
    actores_prellenados,
    escribir_hoja_perfil,
    nombre_archivo,
)
from ..perfilado.lectura import cargar_seleccion
from ..salida.libreoffice import ErrorLibreOffice, convertir, disponible
from ..salida.publicacion import escribir_bytes_atomico
from ..salida.rutas import Rutas
from . import datos as D
from .correo import correo_con_adjunto

CARGOS = ("Subgerente de Planeamiento Sectorial", "Jefe de la Oficina de Estadística e Informática",
          "Subgerente de Gestión y Promoción", "Directora de Servicios al Ciudadano")


def _objeto_y_unidad(ficha: Ficha) -> tuple[str, str]:
    for actividades in D.ACTIVIDADES.values():
        for nombre, objeto, unidad in actividades:
            if nombre == ficha.nombre:
                return objeto, unidad
    return "los servicios de la gerencia", "reportes"


def _hitos(inicio: date, fin: date, objeto: str, unidad: str, meta: int, vago: bool) -> list[tuple[Any, ...]]:
    def d(fraccion: float) -> date:
        """Una fecha a esa fracción del período del compromiso."""
        return inicio + timedelta(days=round(fraccion * (fin - inicio).days))

    hitos = [
        (f"Diagnóstico de la información disponible sobre {objeto}, publicado en el portal regional", d(0), d(0.13)),
        ("Protocolo de publicación en datos abiertos aprobado por resolución gerencial", d(0.09), d(0.27)),
        (f"Plataforma en línea con {meta} {unidad} publicados y actualizados cada mes", d(0.22), d(0.72)),
        ("Dos audiencias públicas de rendición de cuentas con la sociedad civil, con actas publicadas", d(0.45), d(0.9)),
        ("Informe de evaluación ciudadana del compromiso publicado", d(0.85), d(1)),
    ]
    if vago:
        hitos.insert(3, (f"Fortalecer la participación de la sociedad civil en la gestión de {objeto}", d(0.35), d(0.8)))
    return [(e, i, f, "") for e, i, f in hitos]


def valores_perfil(config: Configuracion, ajustes: AjustesPerfilado, ficha: Ficha, reunion: Reunion | None,
                   rng: random.Random, indice: int) -> Llenado:
    """Lo que escribiría la gerencia tras la consulta; el índice varía qué cambia frente a la ficha."""
    objeto, unidad = _objeto_y_unidad(ficha)
    meta = rng.choice((12, 20, 24, 36, 50))
    inicio = ajustes.inicio + timedelta(days=rng.choice((31, 45, 59)))
    fin = ajustes.fin - timedelta(days=rng.choice((0, 15, 30)))
    relevancia = {
        "transparencia": f"Publica en datos abiertos y en lenguaje sencillo la información sobre {objeto}, que hoy "
                         "no es pública.",
        "rendicion_cuentas": f"La gerencia informa cada semestre, en audiencia pública, el avance de {objeto} y "
                             "responde a las preguntas de la ciudadanía.",
        "participacion_ciudadana": f"Las organizaciones de la sociedad civil vigilan {objeto} y proponen mejoras "
                                   "en sesiones de seguimiento semestrales.",
        "tecnologia_innovacion": "Usa el portal regional de datos abiertos y formularios en línea.",
    }
    valores: dict[str, Any] = {
        P.clave_relevancia(v.clave): relevancia.get(v.clave, "") for v in config.valores_ogp
        if ficha[clave_valor_ogp(v.clave)] == SI or v.clave == "transparencia"}
    participantes = [f"{p.nombre} ({p.cargo}, {p.organizacion})" for p in (reunion.participantes if reunion else ())]
    valores.update({
        "fecha_inicio": inicio, "fecha_fin": fin,
        "responsable_nombre": D.persona(rng), "responsable_cargo": CARGOS[indice % len(CARGOS)],
        "responsable_telefono": f"(044) 60-{rng.randint(1000, 9999)}",
        "problema": f"La información sobre {objeto} está dispersa, se publica tarde y no en formatos reutilizables: "
                    "la ciudadanía y las organizaciones del sector no pueden vigilarla ni proponer mejoras.",
        "linea_base": f"A diciembre de {config.anio_actual}: 0 {unidad} publicados en datos abiertos; ninguna "
                      f"audiencia de rendición de cuentas sobre {objeto}; {rng.randint(40, 180)} solicitudes de "
                      "acceso a la información sobre el tema en el año.",
        "consulta_fecha": config.etapa("IV").fin + timedelta(days=3 + indice),
        "consulta_participantes": "\n".join([f"{D.persona(rng)} (Gerente Regional, {ficha.gerencia})",
                                             *participantes[:4]]),
    })
    if indice % 2 == 0:  # la consulta cambió el nombre, los resultados y el presupuesto
        valores["nombre"] = f"{ficha.nombre} con seguimiento ciudadano"
        valores["resultados"] = (f"{meta} {unidad} publicados en datos abiertos; 2 audiencias públicas de rendición "
                                 "de cuentas; 1 informe ciudadano de evaluación.")
        presupuesto = ficha[P.PRESUPUESTO_FICHA]
        valores["presupuesto"] = round(float(presupuesto) * 1.1, 2) if isinstance(presupuesto, float) else 50000.0
    actores = actores_prellenados(ficha, reunion)
    actores += [a for a in (("Oficina de Tecnologías de la Información del Gobierno Regional", "Estado",
                             "Soporte del portal de datos abiertos"),
                            ("Universidad Nacional de Trujillo", "Otro", "Evaluación independiente de los resultados"))
                if a[0] not in {x[0] for x in actores}]
    if not any(a[1] == P.SOCIEDAD_CIVIL for a in actores):
        actores.append((D.ORGANIZACIONES[indice % len(D.ORGANIZACIONES)], P.SOCIEDAD_CIVIL, "Vigilancia ciudadana"))
    return Llenado(valores, _hitos(inicio, fin, objeto, unidad, meta, vago=indice == 1), actores)


def _poner_fecha(ruta: Any, fecha: datetime) -> None:
    os.utime(ruta, (fecha.timestamp(), fecha.timestamp()))


def preparar_perfiles(config: Configuracion, rutas: Rutas, semilla: int) -> list[str]:
    """Escribe en entradas/perfiles/ los libros de perfil llenos; devuelve lo plantado."""
    ajustes = leer_ajustes_perfilado(config)
    consolidado = cargar_consolidado(config, rutas.consolidado)
    rng = random.Random(semilla)
    carpeta = rutas.entradas_perfiles
    carpeta.mkdir(parents=True, exist_ok=True)
    plantado: list[str] = []
    plazo = datetime.combine(ajustes.plazo, time(17, 0), tzinfo=ZONA_LIMA)
    for i, codigo in enumerate(cargar_seleccion(rutas.seleccion_final)):
        ficha = consolidado.ficha(codigo)
        if ficha is None:
            continue
        reunion = consolidado.reuniones.get(ficha.codigo_gerencia)
        llenado = valores_perfil(config, ajustes, ficha, reunion, rng, i)
        ruta = carpeta / nombre_archivo(codigo)
        fecha = plazo - timedelta(days=2 + i)
        gerencia = config.gerencia(ficha.codigo_gerencia)

        def por_correo(ruta: Path, fecha: datetime, nombre: str, gerencia: Any = gerencia, codigo: str = codigo) -> None:
            eml = correo_con_adjunto(gerencia.correo if gerencia else config.correo_coordinacion,
                                     config.correo_coordinacion, fecha, f"Perfil del compromiso {codigo}",
                                     nombre_archivo(codigo), ruta.read_bytes(),
                                     "Adjuntamos el perfil del compromiso.\nAtentamente,")
            ruta.unlink()
            escribir_bytes_atomico(carpeta / nombre, eml)

        if i == 4:  # un borrador sin hitos y luego el libro corregido, los dos por correo
            borrador = carpeta / f"perfil_{codigo}_borrador.xlsx"
            escribir_hoja_perfil(config, ajustes, ficha, reunion, borrador, Llenado(llenado.valores, [], llenado.actores))
            por_correo(borrador, fecha - timedelta(days=3), f"correo_perfil_{codigo}_borrador.eml")
            plantado.append(f"{codigo}: envió por correo un borrador sin hitos y luego el libro corregido "
                            "(vale el último, por la fecha del correo)")
        escribir_hoja_perfil(config, ajustes, ficha, reunion, ruta, llenado)
        _poner_fecha(ruta, fecha)
        if i in (0, 4):  # por correo, con la fecha del correo
            por_correo(ruta, fecha, f"correo_perfil_{codigo}.eml")
            if i == 0:
                plantado.append(f"{codigo}: llegó por correo (.eml)")
        elif i == 1:
            plantado.append(f"{codigo}: un hito vago («Fortalecer la participación…»), sin producto ni número")
        elif i == 2:  # llega tarde
            _poner_fecha(ruta, plazo + timedelta(days=2))
            plantado.append(f"{codigo}: llegó después del plazo del perfilado")
        elif i == 3:  # guardado en LibreOffice
            plantado.append(_a_ods(ruta, fecha, codigo))
    return plantado


def _a_ods(ruta: Any, fecha: datetime, codigo: str) -> str:
    if not disponible():
        return f"{codigo}: .xlsx (LibreOffice no está instalado para el .ods)"
    temporal = ruta.parent / ".conversion"
    try:
        ods = convertir([ruta], "ods", temporal)
        destino = ruta.with_suffix(".ods")
        ods[0].replace(destino)
        ruta.unlink()
        _poner_fecha(destino, fecha)
        return f"{codigo}: guardado en LibreOffice (.ods)"
    except ErrorLibreOffice:
        return f"{codigo}: .xlsx (LibreOffice falló al convertir a .ods)"
    finally:
        shutil.rmtree(temporal, ignore_errors=True)
