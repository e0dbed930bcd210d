"""Demostración, Etapa II: los envíos de las gerencias, con los problemas de la vida real."""

from __future__ import annotations

import os
import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..etapa2.instrumento import escribir_plantilla, nombre_archivo_plantilla
from ..nucleo import esquema as E
from ..nucleo.configuracion import ZONA_LIMA, Configuracion, Gerencia
from ..salida.libreoffice import ErrorLibreOffice, convertir, disponible
from ..salida.publicacion import escribir_bytes_atomico
from ..salida.rutas import Rutas
from . import datos as D
from .correo import correo_con_adjunto


def _fecha(config: Configuracion, dias_antes_del_plazo: int, hora: int = 17) -> datetime:
    """Una fecha de recepción relativa al plazo de la Etapa II (negativa: después del plazo)."""
    fin = config.etapa("II").fin
    return datetime(fin.year, fin.month, fin.day, hora, 30, tzinfo=ZONA_LIMA) - timedelta(
        days=dias_antes_del_plazo)


def _poner_fecha(ruta: Path, fecha: datetime) -> None:
    marca = fecha.timestamp()
    os.utime(ruta, (marca, marca))


def escribir_envios_etapa2(config: Configuracion, rutas: Rutas, semilla: int) -> list[str]:
    """Los envíos de las gerencias, con los problemas que se ven en la vida real. Devuelve
    la lista de lo plantado, para mostrarla en el resumen."""
    rng = random.Random(semilla)
    carpeta = rutas.entradas_fichas
    plantado: list[str] = []
    gerencias = list(config.gerencias)

    def escribir(g: Gerencia, nombre: str, valores: dict[str, Any], fecha: datetime,
                 control: dict[str, str] | None = None) -> Path:
        ruta = carpeta / nombre
        escribir_plantilla(config, g, ruta, valores, control)
        _poner_fecha(ruta, fecha)
        return ruta

    def por_correo(g: Gerencia, nombre_correo: str, valores: dict[str, Any], fecha: datetime) -> None:
        datos_tmp = carpeta / f".{nombre_correo}.tmp"
        escribir_plantilla(config, g, datos_tmp, valores)
        eml = correo_con_adjunto(g.correo, config.correo_coordinacion, fecha,
                                 f"Fichas Gobierno Abierto – {g.codigo}", nombre_archivo_plantilla(g),
                                 datos_tmp.read_bytes(), "Adjuntamos las fichas de nuestra gerencia.\nAtentamente,")
        datos_tmp.unlink()
        escribir_bytes_atomico(carpeta / nombre_correo, eml)

    for i, g in enumerate(gerencias):
        valores = D.libro_lleno(config, g, rng)
        nombre = nombre_archivo_plantilla(g)
        fecha = _fecha(config, dias_antes_del_plazo=1 + i % 4)
        if i == 0:  # llega por correo (.eml)
            por_correo(g, f"correo_{g.codigo}.eml", valores, fecha)
            plantado.append(f"{g.codigo}: enviado por correo (.eml)")
        elif i == 1:  # montos escritos como texto, a la peruana; uno ambiguo
            valores[E.nombre_ficha(1, E.PRESUPUESTO_ANIO_ACTUAL)] = "S/ 1,250,000.00"
            valores[E.nombre_ficha(2, E.PRESUPUESTO_ANIO_SIGUIENTE)] = "S/. 50 000"
            valores[E.nombre_ficha(3, E.PRESUPUESTO_ANIO_ACTUAL)] = "80.000"
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: montos escritos como texto («S/ 1,250,000.00», «80.000»)")
        elif i == 2:  # envía dos veces: el primero con errores, el segundo corregido
            malo = dict(valores)
            malo[E.nombre_ficha(2, E.DESCRIPCION)] = None
            por_correo(g, f"correo_{g.codigo}_borrador.eml", malo, _fecha(config, 4))
            por_correo(g, f"correo_{g.codigo}_corregido.eml", valores, _fecha(config, 1))
            plantado.append(f"{g.codigo}: envió dos veces por correo (vale el último, por la fecha del correo)")
        elif i == 3:  # llega tarde
            escribir(g, nombre, valores, _fecha(config, -2))
            plantado.append(f"{g.codigo}: llegó después del plazo")
        elif i == 4:  # guardado en LibreOffice (.ods)
            ruta = escribir(g, nombre, valores, fecha)
            if disponible():
                try:
                    ods = convertir([ruta], "ods", carpeta / ".conversion")
                    destino = carpeta / f"fichas_{g.codigo}.ods"
                    ods[0].replace(destino)
                    ruta.unlink()
                    _poner_fecha(destino, fecha)
                    plantado.append(f"{g.codigo}: guardado en LibreOffice (.ods)")
                except ErrorLibreOffice:
                    plantado.append(f"{g.codigo}: .xlsx (LibreOffice falló al convertir a .ods)")
                finally:
                    shutil.rmtree(carpeta / ".conversion", ignore_errors=True)
            else:
                plantado.append(f"{g.codigo}: .xlsx (LibreOffice no está instalado para el .ods)")
        elif i == 5:  # errores de tipeo
            valores[E.nombre_ficha(3, E.DESCRIPCION)] = None
            valores[E.nombre_ficha(2, E.AMBITO)] = "Trujilo"
            valores[E.nombre_ficha(4, E.PRESUPUESTO_ANIO_SIGUIENTE)] = "aprox. cien mil"
            valores[E.nombre_ficha(5, E.POBLACION_NUMERO)] = "unas 300 familias"
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: descripción vacía, ámbito mal escrito, montos con letras")
        elif i == 6:  # solo cuatro fichas
            for clave in [k for k in valores if k.startswith("ficha5_")]:
                del valores[clave]
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: presentó 4 de 5 fichas")
        elif i == 7:  # la misma actividad dos veces
            valores[E.nombre_ficha(4, E.NOMBRE_ACTIVIDAD)] = valores[E.nombre_ficha(2, E.NOMBRE_ACTIVIDAD)].upper()
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: la misma actividad en dos fichas")
        elif i == 8:  # texto que parece fórmula: debe quedar como texto
            valores[E.nombre_ficha(1, E.DESCRIPCION)] = "=HIPERVINCULO(\"http://ejemplo\") " + str(
                valores[E.nombre_ficha(1, E.DESCRIPCION)])
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: una descripción que empieza con «=» (queda como texto)")
        elif i == 9:  # no envía nada
            plantado.append(f"{g.codigo}: no envió su libro")
        elif i == 10:  # acta sin su contraparte de la sociedad civil (error) y texto demasiado largo
            for clave in (E.REUNION_LUGAR, *[E.nombre_participante(k, c.clave) for k in range(1, 7)
                                             for c in E.CAMPOS_PARTICIPANTE]):
                valores.pop(clave, None)
            valores[E.nombre_ficha(2, E.NOMBRE_ACTIVIDAD)] = "Programa " + "muy " * 60 + "largo"
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: reunión sin lugar ni representantes de la sociedad civil (error: el acta "
                            "debe firmarla su contraparte); un nombre de más de 200 caracteres")
        elif i == 11:  # presupuesto negativo y población absurda
            valores[E.nombre_ficha(1, E.PRESUPUESTO_ANIO_ACTUAL)] = -15000.0
            valores[E.nombre_ficha(2, E.POBLACION_NUMERO)] = 25000000
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: presupuesto negativo y población mayor que la de la región")
        elif i == 12:  # plantilla de una versión anterior
            escribir(g, nombre, valores, fecha, control={"plantilla_version": "2016.0"})
            plantado.append(f"{g.codigo}: usó una versión anterior de la plantilla")
        else:
            escribir(g, nombre, valores, fecha)
    # Un archivo que no es una hoja de cálculo (llegó junto con los demás).
    pdf = carpeta / "acta_reunion_escaneada.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% acta escaneada de ejemplo\n%%EOF\n")
    _poner_fecha(pdf, _fecha(config, 2))
    plantado.append("un PDF suelto en la carpeta (no es una hoja de cálculo)")
    return plantado
