"""Etapa I: la hoja de asistencia del Taller de Inducción (se imprime o se llena en el taller).

Contrato con la lectura: nombres definidos `taller_fecha`, `taller_lugar` y
`asistencia_cabecera` (la celda «N.º» de la fila de cabecera de la tabla de asistentes).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..nucleo.configuracion import Configuracion
from ..salida import excel

NOMBRE_ASISTENCIA = "asistencia_cabecera"
COLUMNAS_ASISTENCIA = ("Nombres y apellidos", "Cargo", "Gerencia u organización")
FILAS_EN_BLANCO = 40


def escribir_hoja_asistencia(config: Configuracion, destino: Path,
                             asistentes: list[tuple[str, str, str]] | None = None) -> None:
    e1 = config.etapa("I")
    libro = excel.nuevo_libro(destino, "Asistencia al Taller de Inducción", config)
    fmt = excel.formatos(libro)
    h = libro.add_worksheet("Asistencia")
    h.set_column(0, 0, 6)
    h.set_column(1, 3, 30)
    h.set_column(4, 4, 20)
    h.write_string(0, 0, f"Asistencia al {e1.nombre} — Etapa I", fmt.titulo)
    h.write_string(2, 0, "Fecha", fmt.etiqueta)
    h.write_datetime(2, 1, datetime(e1.inicio.year, e1.inicio.month, e1.inicio.day), fmt.entrada_fecha)
    h.write_string(3, 0, "Lugar", fmt.etiqueta)
    h.write_string(3, 1, e1.lugar, fmt.entrada_ajustada)
    libro.define_name("taller_fecha", "=Asistencia!$B$3")
    libro.define_name("taller_lugar", "=Asistencia!$B$4")
    fila0 = 5
    h.write_string(fila0, 0, "N.º", fmt.cabecera)
    for c, t in enumerate(COLUMNAS_ASISTENCIA, start=1):
        h.write_string(fila0, c, t, fmt.cabecera)
    h.write_string(fila0, len(COLUMNAS_ASISTENCIA) + 1, "Firma", fmt.cabecera)
    libro.define_name(NOMBRE_ASISTENCIA, f"=Asistencia!$A${fila0 + 1}")
    filas = asistentes or []
    for i in range(max(FILAS_EN_BLANCO, len(filas))):
        h.write_number(fila0 + 1 + i, 0, i + 1, fmt.en_tabla(fmt.entero))
        datos = filas[i] if i < len(filas) else ("", "", "")
        for c, v in enumerate(datos, start=1):
            excel.escribir_valor(h, fila0 + 1 + i, c, v, fmt.entrada)
        h.write_blank(fila0 + 1 + i, len(COLUMNAS_ASISTENCIA) + 1, None, fmt.entrada)
        h.set_row(fila0 + 1 + i, 24)  # alto para firmar a mano sobre la hoja impresa
    excel.preparar_impresion(h, fila_cabecera=fila0, horizontal=True)
    libro.close()
