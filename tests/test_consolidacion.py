"""Consolidación de la Etapa II (etapa2/calculo.py): funciones puras sobre envíos ya leídos.

Los envíos se arman en memoria desde los datos de la demostración (sin escribir libros), así
que cada regla se prueba en milisegundos y con una tabla literal de observaciones.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from gobierno_abierto.demo import datos as D
from gobierno_abierto.etapa2.calculo import EstadoGerencia, consolidar_envios, ordenar_observaciones
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.configuracion import ZONA_LIMA, Configuracion, configuracion_desde_dict
from gobierno_abierto.nucleo.modelo import EstadoFicha, Participante
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar, observar
from tests.conftest import EN_PLAZO, envio_leido

PLAZO = datetime(2016, 9, 19, 23, 59, 59, tzinfo=ZONA_LIMA)
REGISTRO = ("gerencia", "archivo", "hoja", "celda", "campo", "ficha", "codigo")  # aplanar(obs, *REGISTRO)


@pytest.fixture(scope="module")
def config3() -> Configuracion:
    """La configuración con solo tres gerencias (GRE, GERESA, GRAG): tablas cortas."""
    from gobierno_abierto.nucleo.configuracion import RUTA_PREDETERMINADA, leer_toml

    datos = copy.deepcopy(leer_toml(RUTA_PREDETERMINADA)[0])
    datos["gerencias"] = datos["gerencias"][:3]
    return configuracion_desde_dict(datos)


def _estado(e: EstadoGerencia) -> tuple:
    return (e.gerencia.codigo, e.enviado, e.archivo, e.a_tiempo, e.fichas_validas, e.fichas_con_errores,
            e.fichas_faltantes, e.acta_completa, e.envios, e.errores, e.advertencias, e.situacion)


def test_todo_en_orden(config3):
    envios = [envio_leido(config3, c) for c in ("GRAG", "GRE", "GERESA")]
    r = consolidar_envios(envios, config3)
    assert r.observaciones == []
    assert (r.envios_leidos, r.envios_reemplazados, r.errores, r.advertencias) == (3, 0, 0, 0)
    assert [f.codigo for f in r.fichas] == [f"{g}-{n}" for g in ("GRE", "GERESA", "GRAG") for n in range(1, 6)]
    assert {f.estado for f in r.fichas} == {EstadoFicha.VALIDA}
    assert [_estado(e) for e in r.estados] == [
        (g, True, f"fichas_{g}.xlsx", True, 5, 0, 0, True, 1, 0, 0, "Completo")
        for g in ("GRE", "GERESA", "GRAG")]
    assert [(e.fecha, e.origen_fecha) for e in r.estados] == [(EN_PLAZO, "archivo")] * 3


def test_la_ficha_consolidada(config3):
    r = consolidar_envios([envio_leido(config3, "GERESA", {"ficha2_presupuesto_anio_actual": "S/ 1,250,000.00"})], config3)
    ficha = r.fichas[1]
    esperado = D.libro_lleno(config3, config3.gerencia("GERESA"), random.Random("7-GERESA"))
    assert (ficha.codigo, ficha.codigo_gerencia, ficha.gerencia, ficha.numero) == (
        "GERESA-2", "GERESA", "Gerencia Regional de Salud", 2)
    assert (ficha.archivo, ficha.fecha_recepcion, ficha.estado, ficha.errores, ficha.advertencias) == (
        "fichas_GERESA.xlsx", EN_PLAZO, EstadoFicha.VALIDA, 0, 0)
    assert ficha["presupuesto_anio_actual"] == 1250000.0
    assert ficha["nombre_actividad"] == esperado["ficha2_nombre_actividad"]


def test_la_reunion_y_sus_participantes(config3):
    cambios = {"participante2_organizacion": None, "participante2_cargo": None}
    r = consolidar_envios([envio_leido(config3, "GRE", cambios)], config3)
    esperado = D.libro_lleno(config3, config3.gerencia("GRE"), random.Random("7-GRE"))
    reunion = r.reuniones["GRE"]
    assert list(r.reuniones) == ["GRE"]
    assert reunion.codigo_gerencia == "GRE"
    assert reunion["reunion_lugar"] == esperado["reunion_lugar"]
    assert reunion.fecha == esperado["reunion_fecha"]
    assert reunion.participantes[:2] == (
        Participante(esperado["participante1_nombre"], esperado["participante1_organizacion"],
                     esperado["participante1_cargo"]),
        Participante(esperado["participante2_nombre"], "", ""))


def test_sin_envio_tarde_y_reemplazo(config3):
    envios = [
        envio_leido(config3, "GRE", archivo="primero.xlsx", fecha=EN_PLAZO - timedelta(days=3),
              cambios={"ficha1_descripcion": None}),
        envio_leido(config3, "GRE", archivo="segundo.xlsx", fecha=EN_PLAZO - timedelta(days=1)),
        envio_leido(config3, "GRE", archivo="tercero.xlsx", fecha=EN_PLAZO),
        envio_leido(config3, "GRAG", fecha=PLAZO + timedelta(seconds=1)),
    ]
    r = consolidar_envios(envios[::-1], config3)  # el orden de llegada lo da la fecha, no la lista
    assert aplanar(r.observaciones, "gerencia", "archivo", "codigo", "mensaje") == [
        ("GRE", "primero.xlsx", Codigo.ENVIO_REEMPLAZADO,
         "No se usa: Gerencia Regional de Educación envió después «tercero.xlsx» (18/09/2016 12:00, según "
         "fecha del archivo); este envío es del 15/09/2016 12:00 (según fecha del archivo). Vale el más reciente."),
        ("GRE", "segundo.xlsx", Codigo.ENVIO_REEMPLAZADO,
         "No se usa: Gerencia Regional de Educación envió después «tercero.xlsx» (18/09/2016 12:00, según "
         "fecha del archivo); este envío es del 17/09/2016 12:00 (según fecha del archivo). Vale el más reciente."),
        ("GERESA", "", Codigo.SIN_ENVIO,
         "No se recibió el libro de fichas de esta gerencia (plazo: 19/09/2016 23:59)."),
        ("GRAG", "fichas_GRAG.xlsx", Codigo.ENVIO_TARDIO,
         "Recibido el 20/09/2016 00:00, después del plazo de la Etapa II (19/09/2016 23:59)."),
    ]
    assert (r.envios_leidos, r.envios_reemplazados, r.errores, r.advertencias) == (4, 2, 1, 3)
    assert [_estado(e) for e in r.estados] == [
        ("GRE", True, "tercero.xlsx", True, 5, 0, 0, True, 3, 0, 2, "Completo, con advertencias"),
        ("GERESA", False, "", None, 0, 0, 5, False, 0, 0, 0, "Sin envío"),
        ("GRAG", True, "fichas_GRAG.xlsx", False, 5, 0, 0, True, 1, 0, 1, "Completo, con advertencias"),
    ]
    assert [f.archivo for f in r.fichas] == ["tercero.xlsx"] * 5 + ["fichas_GRAG.xlsx"] * 5


def test_envio_desde_el_correo_de_otra_gerencia(config3):
    """Un libro de GRE que llega después desde el correo de GERESA no reemplaza al que GRE envió desde
    el suyo: se avisa nombrando a la otra gerencia. Un correo que no es de ninguna gerencia cuenta
    como propio (y aquí lo reemplaza el más reciente)."""
    envios = [
        envio_leido(config3, "GRE", archivo="propio.xlsx", fecha=EN_PLAZO - timedelta(days=1),
                    remitente="educacion.ga@regionlalibertad.gob.pe"),
        envio_leido(config3, "GRE", archivo="ajeno.xlsx", fecha=EN_PLAZO, remitente="salud.ga@regionlalibertad.gob.pe"),
        envio_leido(config3, "GRE", archivo="externo.xlsx", fecha=EN_PLAZO - timedelta(days=2),
                    remitente="alguien@correo.pe"),
    ]
    r = consolidar_envios(envios, config3)
    assert aplanar([o for o in r.observaciones if o.gerencia == "GRE"], "archivo", "codigo", "mensaje") == [
        ("ajeno.xlsx", Codigo.ENVIO_DE_OTRA_GERENCIA,
         "«ajeno.xlsx» es el libro de Gerencia Regional de Educación, pero llegó del correo de Gerencia Regional "
         "de Salud (salud.ga@regionlalibertad.gob.pe) y es posterior a «propio.xlsx», que la gerencia envió "
         "desde su propio correo. Se mantiene «propio.xlsx» hasta que usted decida: si el nuevo vale, pida a "
         "la gerencia que lo reenvíe desde su correo o quite «propio.xlsx» de la carpeta."),
        ("externo.xlsx", Codigo.ENVIO_REEMPLAZADO,
         "No se usa: Gerencia Regional de Educación envió después «propio.xlsx» (17/09/2016 12:00, según "
         "fecha del archivo); este envío es del 16/09/2016 12:00 (según fecha del archivo). Vale el más reciente."),
    ]
    assert (r.estados[0].archivo, r.estados[0].envios, r.envios_reemplazados) == ("propio.xlsx", 3, 1)
    assert {f.archivo for f in r.fichas} == {"propio.xlsx"}

def test_llega_justo_al_cierre_del_plazo(config3):
    r = consolidar_envios([envio_leido(config3, c, fecha=PLAZO) for c in ("GRE", "GERESA", "GRAG")], config3)
    assert r.observaciones == []
    assert [e.a_tiempo for e in r.estados] == [True, True, True]


def test_misma_fecha_gana_el_nombre_posterior(config3):
    a = envio_leido(config3, "GRE", archivo="a.xlsx", cambios={"ficha1_nombre_actividad": "Versión A"})
    b = envio_leido(config3, "GRE", archivo="b.xlsx", cambios={"ficha1_nombre_actividad": "Versión B"})
    for envios in ([a, b], [b, a]):
        r = consolidar_envios(envios, config3)
        assert (r.fichas[0]["nombre_actividad"], r.estados[0].archivo) == ("Versión B", "b.xlsx")


def test_fichas_vacias_errores_y_advertencias(config3):
    cambios = {"ficha1_descripcion": None, "ficha1_presupuesto_anio_actual": "mucho",
               "ficha2_presupuesto_anio_actual": 0, "ficha2_presupuesto_anio_siguiente": 0,
               "ficha3_presupuesto_anio_actual": "50.000"}
    r = consolidar_envios([envio_leido(config3, "GRE", cambios, vacias=(4, 5))], config3)
    gre = [o for o in r.observaciones if o.gerencia == "GRE"]
    x = "fichas_GRE.xlsx"
    assert aplanar(gre, *REGISTRO) == [
        ("GRE", x, "", "", "", "", Codigo.FICHAS_INCOMPLETAS),
        ("GRE", x, "Ficha 1", "C6", "descripcion", "GRE-1", Codigo.CAMPO_OBLIGATORIO),
        ("GRE", x, "Ficha 1", "C14", "presupuesto_anio_actual", "GRE-1", Codigo.NO_ES_NUMERO),
        ("GRE", x, "Ficha 2", "C14", "presupuesto_anio_actual", "GRE-2", Codigo.SIN_PRESUPUESTO),
        ("GRE", x, "Ficha 3", "C14", "presupuesto_anio_actual", "GRE-3", Codigo.NUMERO_AMBIGUO),
    ]
    assert gre[0].mensaje == "La gerencia presentó 3 de 5 fichas. Faltan: Ficha 4 y Ficha 5."
    assert [(f.codigo, f.estado, f.errores, f.advertencias) for f in r.fichas[:3]] == [
        ("GRE-1", EstadoFicha.CON_ERRORES, 2, 0),
        ("GRE-2", EstadoFicha.CON_ADVERTENCIAS, 0, 1),
        ("GRE-3", EstadoFicha.CON_ADVERTENCIAS, 0, 1),
    ]
    assert len(r.fichas) == 3
    assert _estado(r.estados[0]) == ("GRE", True, "fichas_GRE.xlsx", True, 2, 1, 2, True, 1, 3, 2,
                                     "Con errores por corregir")


def test_actividad_repetida_en_la_gerencia_y_en_otra(config3):
    nombre = "Portal de transparencia"
    r = consolidar_envios([
        envio_leido(config3, "GRE", {"ficha2_nombre_actividad": nombre, "ficha4_nombre_actividad": "  portal DE "
                               "transparencia ", "ficha5_nombre_actividad": nombre}),
        envio_leido(config3, "GERESA", {"ficha1_nombre_actividad": "PORTAL de transparencia"}),
        envio_leido(config3, "GRAG"),
    ], config3)
    x, y = "fichas_GRE.xlsx", "fichas_GERESA.xlsx"
    assert aplanar(r.observaciones, *REGISTRO, "valor", "mensaje") == [
        ("GRE", x, "Ficha 4", "C5", "nombre_actividad", "GRE-4", Codigo.ACTIVIDAD_REPETIDA,
         "portal DE transparencia",
         "La actividad «portal DE transparencia» aparece también en la ficha GRE-2. Cada ficha debe ser "
         "una actividad distinta."),
        ("GRE", x, "Ficha 5", "C5", "nombre_actividad", "GRE-5", Codigo.ACTIVIDAD_REPETIDA, nombre,
         "La actividad «Portal de transparencia» aparece también en la ficha GRE-2. Cada ficha debe ser "
         "una actividad distinta."),
        ("GERESA", y, "Ficha 1", "C5", "nombre_actividad", "GERESA-1", Codigo.ACTIVIDAD_REPETIDA_OTRA,
         "PORTAL de transparencia",
         "Una actividad con el mismo nombre «PORTAL de transparencia» fue presentada por la ficha GRE-2. "
         "Verifique si es la misma."),
    ]
    assert [(f.codigo, f.estado) for f in r.fichas if f.estado is not EstadoFicha.VALIDA] == [
        ("GRE-4", EstadoFicha.CON_ERRORES), ("GRE-5", EstadoFicha.CON_ERRORES),
        ("GERESA-1", EstadoFicha.CON_ADVERTENCIAS)]


def test_fichas_sin_nombre_no_se_repiten_entre_si(config3):
    sin_nombre = {"ficha1_nombre_actividad": None, "ficha2_nombre_actividad": "  "}
    r = consolidar_envios([envio_leido(config3, "GRE", sin_nombre), envio_leido(config3, "GERESA", sin_nombre)], config3)
    assert aplanar([o for o in r.observaciones if o.codigo is not Codigo.SIN_ENVIO], "ficha", "codigo") == [
        ("GRE-1", Codigo.CAMPO_OBLIGATORIO), ("GRE-2", Codigo.CAMPO_OBLIGATORIO),
        ("GERESA-1", Codigo.CAMPO_OBLIGATORIO), ("GERESA-2", Codigo.CAMPO_OBLIGATORIO)]


def test_observaciones_de_la_reunion(config3):
    cambios = {"reunion_lugar": None, "especialista_correo": "juan.perez"}
    cambios |= {E.nombre_participante(i, c.clave): None for i in range(1, 13) for c in E.CAMPOS_PARTICIPANTE}
    r = consolidar_envios([envio_leido(config3, "GRE", cambios)], config3)
    x = "fichas_GRE.xlsx"
    assert aplanar([o for o in r.observaciones if o.gerencia == "GRE"], *REGISTRO, "mensaje") == [
        ("GRE", x, "Reunión", "C4", "reunion", "", Codigo.ACTA_SIN_CONTRAPARTE,
         "La hoja «Reunión» no registra ningún representante de la sociedad civil (nombre, organización y "
         "cargo). El producto de la Etapa II es un Acta de Acuerdos firmada por la gerencia y su contraparte "
         "de la sociedad civil: anote la reunión y a sus representantes, y reenvíe el libro."),
        ("GRE", x, "Reunión", "C4", "reunion", "", Codigo.ACTA_INCOMPLETA,
         "Faltan datos de la reunión con la sociedad civil para el acta: Lugar de la reunión."),
        ("GRE", x, "Reunión", "C9", "especialista_correo", "", Codigo.NO_ES_CORREO,
         "«Correo del especialista responsable» no parece un correo electrónico: «juan.perez»."),
    ]
    reunion = r.reuniones["GRE"]
    assert (reunion["reunion_lugar"], reunion.participantes, reunion.completa) == (None, (), False)
    assert _estado(r.estados[0])[7:] == (False, 1, 1, 2, "Con errores por corregir")  # sin sociedad civil: error


def test_envios_que_no_son_de_una_gerencia(config3):
    previa = observar(Codigo.ARCHIVO_VACIO, archivo="vacio.xlsx")
    # los que no sirven llegan primero: no cortan la lectura de los siguientes
    no_plantilla = replace(envio_leido(config3, "GRE", archivo="otro.xlsx", fecha=EN_PLAZO - timedelta(2)),
                           es_plantilla=False, fichas=[],
                           observaciones=[observar(Codigo.NO_ES_PLANTILLA, archivo="otro.xlsx", nombre="x")])
    sin_codigo = replace(envio_leido(config3, "GRE", archivo="sin_codigo.xlsx", fecha=EN_PLAZO - timedelta(1)),
                         codigo_gerencia="",
                         observaciones=[observar(Codigo.PLANTILLA_ANTIGUA, archivo="sin_codigo.xlsx",
                                                 valor="0.1", vigente="2016.1")])
    propia = observar(Codigo.PLANTILLA_ANTIGUA, archivo="fichas_GRAG.xlsx", valor="0.1", vigente="2016.1")
    ajena = replace(propia, gerencia="GRE")
    grag = replace(envio_leido(config3, "GRAG"), observaciones=[propia, ajena])
    r = consolidar_envios([no_plantilla, sin_codigo, grag], config3, [previa])
    assert aplanar(r.observaciones, "gerencia", "archivo", "codigo") == [
        ("GRE", "", Codigo.SIN_ENVIO),
        ("GRE", "fichas_GRAG.xlsx", Codigo.PLANTILLA_ANTIGUA),
        ("GERESA", "", Codigo.SIN_ENVIO),
        ("GRAG", "fichas_GRAG.xlsx", Codigo.PLANTILLA_ANTIGUA),
        ("", "otro.xlsx", Codigo.NO_ES_PLANTILLA),
        ("", "sin_codigo.xlsx", Codigo.PLANTILLA_ANTIGUA),  # hoja «» antes que «Instrucciones»
        ("", "sin_codigo.xlsx", Codigo.GERENCIA_FALTANTE),
        ("", "vacio.xlsx", Codigo.ARCHIVO_VACIO),
    ]
    assert r.envios_leidos == 3
    assert [(e.gerencia.codigo, e.enviado, e.errores, e.advertencias) for e in r.estados] == [
        ("GRE", False, 0, 0), ("GERESA", False, 0, 0), ("GRAG", True, 0, 1)]


def test_orden_de_las_observaciones(config3):
    def o(gerencia, archivo="", ficha="", hoja="", celda="", codigo=Codigo.CAMPO_OBLIGATORIO, campo=""):
        return observar(codigo, gerencia=gerencia, archivo=archivo, ficha=ficha, hoja=hoja, celda=celda,
                        campo=campo, etiqueta="x")

    esperado = [
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", ""),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "A1"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "C9"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "C10"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "B11"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "C11"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "C11", Codigo.NO_ES_NUMERO, campo="a"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 1", "C11", Codigo.NO_ES_NUMERO, campo="b"),
        o("GRE", "a.xlsx", "GRE-1", "Ficha 2", "A1"),
        o("GRE", "a.xlsx", "GRE-2", "Ficha 1", "A1"),
        o("GRE", "b.xlsx", "", "", "A1"),
        o("GERESA", "a.xlsx"),
        o("GRAG", "a.xlsx"),
        o("", "a.xlsx"),
        o("OTRA", "a.xlsx"),
        o("ZZZ", "a.xlsx"),
    ]
    desordenado = random.Random(3).sample(esperado, len(esperado))
    assert ordenar_observaciones(desordenado, config3) == esperado


def test_lo_observado_al_recibir_un_correo_va_a_la_gerencia_de_su_libro(config3):
    """Una cabecera dañada del correo (vista al recibirlo, sin gerencia) es de la gerencia cuyo libro traía,
    también a través de un .zip; un correo con libros de dos gerencias no se atribuye a ninguna."""
    envios = [envio_leido(config3, "GRE", archivo="correo.eml › fichas.zip › fichas_GRE.xlsx"),
              envio_leido(config3, "GERESA", archivo="dos.eml › fichas_GERESA.xlsx"),
              envio_leido(config3, "GRAG", archivo="dos.eml › fichas_GRAG.xlsx")]
    previas = [observar(Codigo.CORREO_CABECERA_DANADA, archivo=archivo, campo="From", que="remitente",
                        valor="<", consecuencia="…")
               for archivo in ("correo.eml", "correo.eml › fichas.zip", "dos.eml", "otro.eml", "fichas_GRE.xlsx", "")]
    r = consolidar_envios(envios, config3, previas)
    atribuidas = {o.archivo: o.gerencia for o in r.observaciones if o.codigo is Codigo.CORREO_CABECERA_DANADA}
    assert atribuidas == {"correo.eml": "GRE", "correo.eml › fichas.zip": "GRE", "dos.eml": "",
                          "otro.eml": "", "fichas_GRE.xlsx": "", "": ""}
    assert next(e for e in r.estados if e.gerencia.codigo == "GRE").advertencias >= 2
    # una observación sin archivo (de la carpeta, no de un correo) no es de nadie, aunque haya un solo libro
    sola = consolidar_envios(envios[:1], config3, [replace(previas[0], archivo="")])
    assert [o.gerencia for o in sola.observaciones if o.codigo is Codigo.CORREO_CABECERA_DANADA] == [""]
