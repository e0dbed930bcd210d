"""Etapa I: lectura de la hoja de asistencia devuelta (para el acta del Taller de Inducción)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..entrada.archivos import recibir
from ..entrada.libro import ErrorLibro, abrir_libro, texto_cabecera
from ..entrada.vigencia import clave_de_orden
from ..nucleo.configuracion import Configuracion
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..salida.rutas import Rutas
from .instrumento import COLUMNAS_ASISTENCIA, NOMBRE_ASISTENCIA


@dataclass
class Asistencia:
    """Asistentes, fecha y lugar del taller; vacía si no llegó ninguna hoja legible."""

    personas: list[dict[str, str]] = field(default_factory=list)
    fecha: date | None = None
    lugar: str = ""
    observaciones: list[Observacion] = field(default_factory=list)


def leer_asistencia(config: Configuracion, rutas: Rutas) -> Asistencia:
    """La hoja de asistencia más reciente de entradas/asistencia/; los libros que no lo son se
    anotan como observaciones."""
    asistencia = Asistencia()
    if not rutas.entradas_asistencia.exists():
        return asistencia
    recepcion = recibir(rutas.entradas_asistencia, config.tamanio_maximo_bytes, config.servidor_correo)
    asistencia.observaciones += recepcion.observaciones
    # La más reciente que sea una hoja de asistencia, con la regla común de orden (entrada.vigencia).
    for doc in sorted(recepcion.documentos, key=clave_de_orden, reverse=True):
        try:
            libro = abrir_libro(doc)
        except ErrorLibro as e:
            asistencia.observaciones.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=doc.archivo, detalle=str(e)))
            continue
        encontrada = libro.buscar_cabecera(NOMBRE_ASISTENCIA, COLUMNAS_ASISTENCIA)
        if encontrada is None:
            asistencia.observaciones.append(observar(Codigo.ASISTENCIA_ILEGIBLE, archivo=doc.archivo))
            continue
        hoja, f0, cols = encontrada
        for fila in libro.filas(hoja)[f0 + 1:]:
            valores = [str(fila[cols[texto_cabecera(c)]] if cols[texto_cabecera(c)] < len(fila) else "").strip()
                       for c in COLUMNAS_ASISTENCIA]
            if valores[0]:
                asistencia.personas.append({"nombre": valores[0], "cargo": valores[1],
                                            "organizacion": valores[2]})
        fecha, _ = libro.valor_de("taller_fecha")
        lugar, _ = libro.valor_de("taller_lugar")
        if isinstance(fecha, datetime):
            fecha = fecha.date()
        asistencia.fecha = fecha if isinstance(fecha, date) else None
        asistencia.lugar = str(lugar or "")
        return asistencia
    return asistencia
