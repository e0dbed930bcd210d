"""Qué envío vale: la regla común a fichas, hojas de puntaje, hoja del Comité y asistencia."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import python_calamine

from gobierno_abierto.demo.correo import correo_con_adjunto
from gobierno_abierto.entrada.archivos import Documento, Formato, recibir
from gobierno_abierto.entrada.correo import Testigo as FechaTestigo
from gobierno_abierto.entrada.correo import leer_eml
from gobierno_abierto.entrada.vigencia import elegir_vigente, observar_eleccion
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo.configuracion import ZONA_LIMA
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar

T0 = datetime(2016, 9, 15, 10, 0, tzinfo=ZONA_LIMA)


def doc(archivo: str, horas: float, fiable: bool = True, huella: str = "", visto: float | None = None,
        remitente: str = "") -> Documento:
    return Documento(archivo, Path(archivo), b"", Formato.XLSX, T0 + timedelta(hours=horas), "correo", remitente,
                     FechaTestigo.CORREO if fiable else FechaTestigo.ARCHIVO, fiable,
                     None if visto is None else T0 + timedelta(hours=visto), huella or archivo)


def test_vale_el_mas_reciente_y_se_dice_cual_reemplaza() -> None:
    e = elegir_vigente([doc("b.xlsx", 5), doc("a.xlsx", 1), doc("c.xlsx", 3)], lambda d: d)
    assert e.vigente.archivo == "b.xlsx" and [d.archivo for d in e.reemplazados] == ["a.xlsx", "c.xlsx"]
    obs = observar_eleccion(e, lambda d: d, "el grupo «Grupo 1»", grupo="Grupo 1")
    assert aplanar(obs, "archivo", "codigo") == [("a.xlsx", Codigo.ENVIO_REEMPLAZADO),
                                                 ("c.xlsx", Codigo.ENVIO_REEMPLAZADO)]
    assert "«b.xlsx»" in obs[0].mensaje and "correo: Date" in obs[0].mensaje


def test_misma_fecha_desempata_el_nombre_y_misma_huella_es_un_envio() -> None:
    e = elegir_vigente([doc("b.xlsx", 1), doc("a.xlsx", 1), doc("copia.xlsx", 0, huella="b.xlsx")], lambda d: d)
    assert e.vigente.archivo == "b.xlsx" and [d.archivo for d in e.reemplazados] == ["a.xlsx"]
    assert [d.archivo for d in e.repetidos] == ["copia.xlsx"]  # el mismo contenido: cuenta su última llegada


def test_sin_testigo_fiable_no_se_adivina() -> None:
    e = elegir_vigente([doc("final.xlsx", 5, fiable=False, visto=9), doc("borrador.xlsx", 1, fiable=False, visto=9)],
                       lambda d: d)
    assert e.vigente.archivo == "final.xlsx" and e.sin_orden.archivo == "borrador.xlsx"
    obs = observar_eleccion(e, lambda d: d, "la Gerencia Regional de Salud")
    assert aplanar(obs, "archivo", "codigo")[-1] == ("final.xlsx", Codigo.ENVIOS_SIN_ORDEN)
    # el borrador lo vio el programa en una ejecución anterior: el orden es defendible
    e = elegir_vigente([doc("final.xlsx", 5, fiable=False, visto=9), doc("borrador.xlsx", 1, fiable=False, visto=2)],
                       lambda d: d)
    assert e.vigente.archivo == "final.xlsx" and e.sin_orden is None


def test_un_envio_de_otro_remitente_no_reemplaza_al_propio() -> None:
    propio, ajeno = doc("gre.eml › f.xlsx", 1, remitente="gre@x"), doc("geresa.eml › f.xlsx", 30, remitente="s@x")
    e = elegir_vigente([ajeno, propio], lambda d: d, propio=lambda d: d.remitente == "gre@x")
    assert e.vigente is propio and e.ajenos == [ajeno] and not e.reemplazados
    obs = observar_eleccion(e, lambda d: d, "la Gerencia Regional de Educación", lambda d: "la Gerencia de Salud")
    assert aplanar(obs, "archivo", "codigo") == [("geresa.eml › f.xlsx", Codigo.ENVIO_DE_OTRA_GERENCIA)]
    assert "gre.eml › f.xlsx" in obs[0].mensaje and "s@x" in obs[0].mensaje
    # sin envío propio, vale el ajeno
    assert elegir_vigente([ajeno], lambda d: d, propio=lambda d: False).vigente is ajeno


def test_la_fecha_sobrevive_a_una_copia(tmp_path: Path) -> None:
    """La primera vez que el programa vio un contenido no cambia porque se copie el archivo."""
    entradas = tmp_path / "entradas" / "fichas"
    entradas.mkdir(parents=True)
    original = entradas / "f.xlsx"
    original.write_bytes(b"PK\x03\x04 contenido")  # no importa que no sea un libro válido
    antes = (T0 - timedelta(days=30)).timestamp()
    os.utime(original, (antes, antes))
    recibir(entradas, 10_000_000)
    visto = (tmp_path / "entradas" / "registro_de_recepcion.json").read_text(encoding="utf-8")
    shutil.copy(original, entradas / "copia.xlsx")  # copia con fecha de hoy
    recibir(entradas, 10_000_000)
    assert (tmp_path / "entradas" / "registro_de_recepcion.json").read_text(encoding="utf-8") == visto


def test_el_servidor_de_la_institucion_da_la_fecha() -> None:
    eml = correo_con_adjunto("gre@regionlalibertad.gob.pe", "ga@regionlalibertad.gob.pe", T0 + timedelta(days=400),
                             "Fichas", "f.xlsx", b"PK", "x")
    recibido = b"Received: from pc (pc [10.0.0.1]) by mx1.regionlalibertad.gob.pe with ESMTP; " \
               b"Sat, 17 Sep 2016 18:05:00 -0500\r\n"
    correo = leer_eml(recibido + eml, "c.eml", servidor="regionlalibertad.gob.pe")
    assert correo.procedencia.fecha == datetime(2016, 9, 17, 18, 5, tzinfo=ZONA_LIMA)
    assert correo.procedencia.testigo == FechaTestigo.SERVIDOR
    codigos = {o.codigo for o in correo.observaciones}
    assert Codigo.FECHAS_DISCREPANTES in codigos  # el reloj del remitente decía otra cosa
    # sin servidor configurado vale el Date del remitente, y una fecha futura se señala
    futuro = correo_con_adjunto("a@b.pe", "c@d.pe", datetime.now(ZONA_LIMA) + timedelta(days=3000), "x", "f.xlsx",
                                b"PK", "x")
    correo = leer_eml(futuro, "c.eml")
    assert correo.procedencia.testigo == FechaTestigo.CORREO
    assert aplanar(correo.observaciones, "codigo") == [(Codigo.FECHA_FUTURA,)]


def test_el_borrador_de_otra_gerencia_no_reemplaza_al_envio_propio(config, rutas, escribir_envio, tmp_path) -> None:
    """El correo de GERESA del 18 trae un borrador viejo del libro de GRE: no reemplaza al del 17."""
    final = escribir_envio("GRE", {"ficha1_nombre_actividad": "Versión final"}, carpeta=tmp_path)
    borrador = escribir_envio("GRE", {"ficha1_nombre_actividad": "Borrador"}, nombre="b.xlsx", carpeta=tmp_path)
    gre, geresa = config.gerencia("GRE").correo, config.gerencia("GERESA").correo
    fin = config.etapa("II").fin
    dia = datetime(fin.year, fin.month, fin.day, 10, tzinfo=ZONA_LIMA)
    for nombre, remitente, cuando, adjunto in (("gre.eml", gre, dia - timedelta(days=2), final),
                                               ("geresa.eml", geresa, dia - timedelta(days=1), borrador)):
        (rutas.entradas_fichas / nombre).write_bytes(correo_con_adjunto(
            remitente, config.correo_coordinacion, cuando, "Fichas", "fichas_GRE.xlsx", adjunto.read_bytes(), "x"))
    assert consolidar(config, rutas).codigo_salida == 1
    libro = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado))
    fichas = libro.get_sheet_by_name("Fichas").to_python()
    fila = next(f for f in fichas if f[0] == "GRE-1")
    assert "Versión final" in fila
    obs = libro.get_sheet_by_name("Observaciones").to_python()
    ajeno = [f for f in obs if "envio_desde_otra_gerencia" in f]
    assert len(ajeno) == 1 and "geresa.eml" in " ".join(map(str, ajeno[0]))
