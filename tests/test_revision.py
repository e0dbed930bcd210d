"""Etapa II, lo que se decide de un envío solo (etapa2/revision.py): en el trabajador y en el proceso
principal da lo mismo, y al proceso principal no vuelven ni las celdas ni los bytes del archivo."""

from __future__ import annotations

from dataclasses import replace

import xlsxwriter

from gobierno_abierto.entrada.archivos import recibir_archivo
from gobierno_abierto.etapa2 import lectura
from gobierno_abierto.etapa2.revision import (
    EnvioRevisado,
    FichaRevisada,
    leer_y_revisar,
    revisar_envio,
)
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar
from tests.conftest import envio_leido


def test_leer_y_revisar_da_lo_mismo_que_leer_y_revisar_por_separado(config, escribir_envio) -> None:
    ruta = escribir_envio("GRE", {"ficha2_nombre_actividad": None, "ficha4_nombre_actividad": "Repetida"})
    (documento,), _ = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert documento.datos  # el lector los necesita

    en_trabajador = leer_y_revisar(documento, config)
    por_separado = lectura.leer_envio(documento, config)
    esperado = revisar_envio(por_separado, config)

    assert en_trabajador.revisado == esperado
    assert esperado.gerencia == "GRE" and [f.numero for f in esperado.fichas] == [1, 2, 3, 4, 5]
    assert not any(f.vacia for f in esperado.fichas)
    assert esperado.fichas[3].valores[E.NOMBRE_ACTIVIDAD] == "Repetida"
    assert (esperado.fichas[3].celda_nombre.hoja, esperado.fichas[3].celda_nombre.valor) == ("Ficha 4", "Repetida")
    # la ficha 2 sin nombre: su error, con la celda, viaja en la ficha revisada
    assert aplanar(esperado.fichas[1].observaciones, "ficha", "hoja", "campo", "codigo") == [
        ("GRE-2", "Ficha 2", E.NOMBRE_ACTIVIDAD, Codigo.CAMPO_OBLIGATORIO)]
    assert list(esperado.reunion) == [c.clave for c in E.CAMPOS_REUNION]
    assert esperado.reunion[E.REUNION_FECHA] is not None and esperado.observaciones_reunion == []
    assert esperado.participantes and all(p[E.PARTICIPANTE_NOMBRE] for p in esperado.participantes)
    # lo que vuelve al proceso principal: sin celdas leídas ni bytes, con lo demás del envío
    assert (en_trabajador.fichas, en_trabajador.reunion, en_trabajador.participantes) == ([], {}, [])
    assert en_trabajador.documento == replace(documento, datos=b"")
    assert (en_trabajador.es_plantilla, en_trabajador.codigo_gerencia, en_trabajador.observaciones) == (
        True, "GRE", por_separado.observaciones)


def test_leer_y_revisar_un_libro_que_no_es_la_plantilla(config, tmp_path) -> None:
    ruta = tmp_path / "otro.xlsx"
    libro = xlsxwriter.Workbook(str(ruta))
    libro.add_worksheet("Hoja1").write(0, 0, "nada que ver")
    libro.close()
    (documento,), _ = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    envio = leer_y_revisar(documento, config)
    assert (envio.es_plantilla, envio.revisado, envio.documento.datos) == (False, None, b"")
    assert aplanar(envio.observaciones, "archivo", "codigo") == [("otro.xlsx", Codigo.NO_ES_PLANTILLA)]


def test_revisar_un_envio_de_gerencia_desconocida(config) -> None:
    envio = replace(envio_leido(config, "GRE"), codigo_gerencia="XYZ")
    revisado = revisar_envio(envio, config)
    assert revisado == EnvioRevisado("", revisado.problemas, [], {}, [], [])
    assert aplanar(revisado.problemas, "celda", "valor", "codigo") == [("C4", "XYZ", Codigo.GERENCIA_DESCONOCIDA)]


def test_revisar_fichas_vacias_y_llenas(config) -> None:
    revisado = revisar_envio(envio_leido(config, "GERESA", vacias=(2, 5)), config)
    assert revisado.fichas[1] == FichaRevisada(2, True, {}, [], None)
    assert revisado.fichas[4] == FichaRevisada(5, True, {}, [], None)
    llena = revisado.fichas[0]
    assert llena.vacia is False and llena.numero == 1 and llena.celda_nombre is not None
    assert llena.valores[E.NOMBRE_ACTIVIDAD] and llena.celda_nombre.hoja == "Ficha 1"


def test_revisar_una_reunion_de_otro_anio(config) -> None:
    """La fecha de la reunión se compara con el año del proceso de la configuración."""
    from datetime import datetime

    otro = revisar_envio(envio_leido(config, "GRE", {"reunion_fecha": datetime(config.anio_actual + 1, 3, 1)}), config)
    assert aplanar([o for o in otro.observaciones_reunion if o.codigo is Codigo.FECHA_DE_OTRO_ANIO], "gerencia", "celda") == [
        ("GRE", "C4")]
    mismo = revisar_envio(envio_leido(config, "GRE", {"reunion_fecha": datetime(config.anio_actual, 3, 1)}), config)
    assert not [o for o in mismo.observaciones_reunion if o.codigo is Codigo.FECHA_DE_OTRO_ANIO]
