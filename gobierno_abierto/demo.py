"""Demostración de punta a punta con datos sintéticos, en una carpeta propia.

Simula el ciclo completo: las gerencias devuelven sus plantillas (algunas con errores, una
tarde, una dos veces, una por correo .eml, una en .ods), se consolida, y siguen las Etapas III
y IV si están disponibles. Termina con 0 si la demostración corrió como se esperaba: los
errores plantados son parte de lo que se muestra.
"""

from __future__ import annotations

import importlib
import os
import random
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from . import datos_demo as D
from . import esquema as E
from .configuracion import ZONA_LIMA, Configuracion, Gerencia
from .etapa2 import consolidar, generar_plantillas
from .libreoffice import ErrorLibreOffice, convertir, disponible
from .plantillas import escribir_plantilla, nombre_archivo_plantilla
from .resumen import SALIDA_LIMPIA, SALIDA_USO, ErrorUso, Resumen
from .rutas import Rutas
from .salida import escribir_bytes_atomico

MARCA = ".demo_procesar"


def _fecha(config: Configuracion, dias_antes_del_plazo: int, hora: int = 17) -> datetime:
    """Una fecha de recepción relativa al plazo de la Etapa II (negativa: después del plazo)."""
    fin = config.etapa("II").fin
    return datetime(fin.year, fin.month, fin.day, hora, 30, tzinfo=ZONA_LIMA) - timedelta(
        days=dias_antes_del_plazo)


def _poner_fecha(ruta: Path, fecha: datetime) -> None:
    marca = fecha.timestamp()
    os.utime(ruta, (marca, marca))


def correo_con_adjunto(remitente: str, destinatario: str, fecha: datetime, asunto: str,
                       nombre_adjunto: str, datos: bytes, cuerpo: str) -> bytes:
    """Un correo como lo guarda un cliente de correo (.eml), con la hoja adjunta."""
    mensaje = EmailMessage()
    mensaje["From"] = remitente
    mensaje["To"] = destinatario
    mensaje["Subject"] = asunto
    mensaje["Date"] = format_datetime(fecha)
    mensaje.set_content(cuerpo)
    mensaje.add_attachment(datos, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           filename=nombre_adjunto)
    return bytes(mensaje)


def preparar_carpeta(destino: Path) -> Rutas:
    """Crea (o limpia, si ya era una demostración) la carpeta de la demostración."""
    destino = destino.resolve()
    if destino.exists() and any(destino.iterdir()) and not (destino / MARCA).exists():
        raise ErrorUso(f"La carpeta «{destino}» ya existe y no es de una demostración; elija otra con "
                       "--destino.")
    for sub in ("entradas", "salidas", "plantillas_excel", "fichas"):
        shutil.rmtree(destino / sub, ignore_errors=True)
    rutas = Rutas(destino)
    rutas.crear()
    (destino / MARCA).write_text("Carpeta creada por «python procesar.py demo»; puede borrarse.\n",
                                 encoding="utf-8")
    return rutas


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

    for i, g in enumerate(gerencias):
        valores = D.libro_lleno(config, g, rng)
        nombre = nombre_archivo_plantilla(g)
        fecha = _fecha(config, dias_antes_del_plazo=1 + i % 4)
        if i == 0:  # llega por correo (.eml), con un PDF del acta también adjunto
            datos_tmp = carpeta / f".{nombre}.tmp"
            escribir_plantilla(config, g, datos_tmp, valores)
            eml = correo_con_adjunto(g.correo, config.correo_coordinacion, fecha,
                                     f"Fichas Gobierno Abierto – {g.codigo}", nombre, datos_tmp.read_bytes(),
                                     "Adjuntamos las fichas de nuestra gerencia.\nAtentamente,")
            datos_tmp.unlink()
            escribir_bytes_atomico(carpeta / f"correo_{g.codigo}.eml", eml)
            plantado.append(f"{g.codigo}: enviado por correo (.eml)")
        elif i == 1:  # montos escritos como texto, a la peruana; uno ambiguo
            valores[E.nombre_ficha(1, "presupuesto_2016")] = "S/ 1,250,000.00"
            valores[E.nombre_ficha(2, "presupuesto_2017")] = "S/. 50 000"
            valores[E.nombre_ficha(3, "presupuesto_2016")] = "80.000"
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: montos escritos como texto («S/ 1,250,000.00», «80.000»)")
        elif i == 2:  # envía dos veces: el primero con errores, el segundo corregido
            malo = dict(valores)
            malo[E.nombre_ficha(2, "descripcion")] = None
            escribir(g, f"fichas_{g.codigo}_borrador.xlsx", malo, _fecha(config, 4))
            escribir(g, f"fichas_{g.codigo}_corregido.xlsx", valores, _fecha(config, 1))
            plantado.append(f"{g.codigo}: envió dos veces (vale el último)")
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
            valores[E.nombre_ficha(3, "descripcion")] = None
            valores[E.nombre_ficha(2, "ambito")] = "Trujilo"
            valores[E.nombre_ficha(4, "presupuesto_2017")] = "aprox. cien mil"
            valores[E.nombre_ficha(5, "poblacion_numero")] = "unas 300 familias"
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: descripción vacía, ámbito mal escrito, montos con letras")
        elif i == 6:  # solo cuatro fichas
            for clave in [k for k in valores if k.startswith("ficha5_")]:
                del valores[clave]
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: presentó 4 de 5 fichas")
        elif i == 7:  # la misma actividad dos veces
            valores[E.nombre_ficha(4, "nombre_actividad")] = valores[E.nombre_ficha(2, "nombre_actividad")].upper()
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: la misma actividad en dos fichas")
        elif i == 8:  # texto que parece fórmula: debe quedar como texto
            valores[E.nombre_ficha(1, "descripcion")] = "=HIPERVINCULO(\"http://ejemplo\") " + str(
                valores[E.nombre_ficha(1, "descripcion")])
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: una descripción que empieza con «=» (queda como texto)")
        elif i == 9:  # no envía nada
            plantado.append(f"{g.codigo}: no envió su libro")
        elif i == 10:  # acta incompleta y texto demasiado largo
            for clave in ("reunion_lugar", *[E.nombre_participante(k, c) for k in range(1, 7)
                                             for c in ("nombre", "organizacion", "cargo")]):
                valores.pop(clave, None)
            valores[E.nombre_ficha(2, "nombre_actividad")] = "Programa " + "muy " * 60 + "largo"
            escribir(g, nombre, valores, fecha)
            plantado.append(f"{g.codigo}: acta sin lugar ni representantes; un nombre de más de 200 caracteres")
        elif i == 11:  # presupuesto negativo y población absurda
            valores[E.nombre_ficha(1, "presupuesto_2016")] = -15000.0
            valores[E.nombre_ficha(2, "poblacion_numero")] = 25000000
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


def _etapa(nombre: str) -> Any | None:
    try:
        return importlib.import_module(f"{__package__}.{nombre}")
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.{nombre}":
            raise
        return None


def ejecutar_demo(config: Configuracion, destino: Path, semilla: int = 2016) -> Resumen:
    rutas = preparar_carpeta(destino)
    resumenes: list[Resumen] = [generar_plantillas(config, rutas)]
    plantado = escribir_envios_etapa2(config, rutas, semilla)
    resumenes.append(consolidar(config, rutas))

    pasos: list[tuple[str, Callable[[], Any]]] = []
    etapa3 = _etapa("etapa3")
    if etapa3 is not None:
        pasos += [("hojas-puntaje", lambda: etapa3.generar_hojas_puntaje(config, rutas)),
                  ("puntajes de ejemplo", lambda: etapa3.preparar_demo(config, rutas, semilla)),
                  ("priorizar", lambda: etapa3.priorizar(config, rutas))]
    etapa4 = _etapa("etapa4")
    if etapa4 is not None and etapa3 is not None:
        pasos += [("hoja-comite", lambda: etapa4.generar_hoja_comite(config, rutas)),
                  ("selección de ejemplo", lambda: etapa4.preparar_demo(config, rutas, semilla)),
                  ("seleccionar", lambda: etapa4.seleccionar(config, rutas))]
    fallo = ""
    for nombre, paso in pasos:
        try:
            resultado = paso()
        except ErrorUso as e:
            fallo = f"el paso «{nombre}» no pudo ejecutarse: {e}"
            break
        if isinstance(resultado, Resumen):
            resumenes.append(resultado)

    for r in resumenes:
        print(r.texto(rutas.raiz))
        print()
    final = Resumen("Demostración")
    final.leido.append(f"datos sintéticos (semilla {semilla}) para {len(config.gerencias)} gerencias")
    final.detalle.append(f"Carpeta de la demostración: {rutas.raiz}")
    final.detalle.append("Problemas plantados a propósito en los envíos:")
    final.detalle += [f"  · {p}" for p in plantado]
    final.detalle.append("Abra salidas/consolidado_fichas.xlsx para ver cómo se reportan.")
    final.escrito += [rutas.consolidado]
    final.escrito += [p for p in (rutas.priorizacion, rutas.seleccion_final, rutas.actas,
                                  rutas.salidas / "oficio_ogp.docx", rutas.fichas_word) if p.exists()]
    if fallo:
        final.atencion.append(fallo)
    final.codigo_salida = SALIDA_USO if fallo else SALIDA_LIMPIA
    return final
