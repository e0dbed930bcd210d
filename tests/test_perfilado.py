"""Perfilado (Etapa IV): contrato del libro de perfil, cada regla con su observación, qué envío cuenta,
registro de cambios y ajustes de la configuración. Cada prueba escribe sus libros en tmp_path."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
import xlsxwriter

from gobierno_abierto.demo import datos as D
from gobierno_abierto.demo.perfilado import valores_perfil
from gobierno_abierto.entrada.archivos import Documento, Formato
from gobierno_abierto.entrada.libro import abrir_libro
from gobierno_abierto.nucleo.configuracion import (
    ZONA_LIMA,
    Configuracion,
    ErrorConfiguracion,
    configuracion_desde_dict,
)
from gobierno_abierto.nucleo.esquema import SI
from gobierno_abierto.nucleo.modelo import Consolidado, Ficha, Participante, Reunion
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar, observar
from gobierno_abierto.perfilado import calculo as K
from gobierno_abierto.perfilado import esquema as P
from gobierno_abierto.perfilado.ajustes import AjustesPerfilado, leer_ajustes_perfilado
from gobierno_abierto.perfilado.escritura import escribir_observaciones_perfiles
from gobierno_abierto.perfilado.instrumento import Llenado, escribir_hoja_perfil
from gobierno_abierto.perfilado.lectura import (
    Lectura,
    PerfilLeido,
    elegir_vigentes,
    leer_perfil,
    leer_tabla,
)
from gobierno_abierto.perfilado.validacion import (
    validar_perfil,
    validar_perfiles,
    verbo_no_verificable,
)
from gobierno_abierto.salida.libreoffice import convertir

CONTRATO = ("codigo", "nombre", "problema", "linea_base", "objetivo", "descripcion", "resultados", "contribucion",
            "relevancia_transparencia", "relevancia_participacion", "relevancia_rendicion_cuentas",
            "relevancia_tecnologia", "presupuesto", "responsable_nombre", "responsable_cargo", "responsable_correo",
            "responsable_telefono", "fecha_inicio", "fecha_fin", "consulta_fecha", "consulta_participantes")


@pytest.fixture(scope="module")
def ajustes(config: Configuracion) -> AjustesPerfilado:
    return leer_ajustes_perfilado(config)


@pytest.fixture(scope="module")
def ficha(config: Configuracion) -> Ficha:
    gerencia = config.gerencias[0]
    valores = D.valores_ficha(config, gerencia, 1, random.Random(3))
    valores.update({"ogp_transparencia": SI, "ogp_participacion_ciudadana": SI})
    return Ficha("GRE-1", gerencia.codigo, gerencia.nombre, 1, valores)


@pytest.fixture(scope="module")
def reunion(ficha: Ficha) -> Reunion:
    return Reunion(ficha.codigo_gerencia, {"especialista_nombre": "Ana Reyes Cruz",
                                           "especialista_correo": "educacion.ga@regionlalibertad.gob.pe"},
                   (Participante("Rosa Távara", "CODESCILL", "Presidenta"),))


@pytest.fixture(scope="module")
def bueno(config: Configuracion, ajustes: AjustesPerfilado, ficha: Ficha, reunion: Reunion) -> Llenado:
    """Un perfil completo y sin observaciones (el de la demostración, sin el hito vago)."""
    return valores_perfil(config, ajustes, ficha, reunion, random.Random(5), 0)


def documento(ruta: Path, fecha: datetime | None = None) -> Documento:
    formato = Formato.ODS if ruta.suffix == ".ods" else Formato.XLSX
    return Documento(ruta.name, ruta, ruta.read_bytes(), formato,
                     fecha or datetime(2016, 10, 5, 12, tzinfo=ZONA_LIMA), "archivo")


def escribir(tmp_path: Path, config: Configuracion, ajustes: AjustesPerfilado, ficha: Ficha, reunion: Reunion,
             llenado: Llenado, nombre: str = "perfil.xlsx") -> Path:
    ruta = tmp_path / nombre
    escribir_hoja_perfil(config, ajustes, ficha, reunion, ruta, llenado)
    return ruta


def validar(tmp_path: Path, config: Configuracion, ajustes: AjustesPerfilado, ficha: Ficha, reunion: Reunion,
            llenado: Llenado) -> list[tuple[Any, ...]]:
    perfil = leer_perfil(documento(escribir(tmp_path, config, ajustes, ficha, reunion, llenado)), config)
    _, obs = validar_perfil(perfil, ficha, config, ajustes)
    return aplanar(obs, "hoja", "celda", "codigo")


# --- el libro ---------------------------------------------------------------------------------------


def test_contrato_nombres_tablas_y_validaciones(tmp_path, config, ajustes, ficha, reunion):
    libro = openpyxl.load_workbook(escribir(tmp_path, config, ajustes, ficha, reunion, Llenado()))
    for clave in CONTRATO:
        assert P.nombre_definido(clave) in libro.defined_names, clave
    tablas = {t.name: (hoja, t) for hoja in libro.worksheets for t in hoja.tables.values()}
    hoja, hitos = tablas["hitos"]
    assert [c.name for c in hitos.tableColumns] == ["N.º", "entregable", "fecha_inicio", "fecha_fin", "responsable"]
    inicio, fin = hitos.ref.split(":")
    assert int("".join(filter(str.isdigit, fin))) - int("".join(filter(str.isdigit, inicio))) >= 10
    assert [c.name for c in tablas["actores"][1].tableColumns] == ["N.º", "nombre", "tipo", "rol"]
    fechas = [v for v in hoja.data_validations.dataValidation if v.type == "date"]
    assert fechas and all(v.formula1 == str((ajustes.inicio - date(1899, 12, 30)).days) for v in fechas)
    tipos = [v for v in tablas["actores"][0].data_validations.dataValidation if v.type == "list"]
    assert tipos and tipos[0].formula1 == '"Estado,Sociedad civil,Otro"'
    assert libro["Compromiso"].protection.sheet and libro["Control"].sheet_state == "hidden"


def test_viene_prellenado_con_la_ficha_y_el_acta(tmp_path, config, ajustes, ficha, reunion):
    perfil = leer_perfil(documento(escribir(tmp_path, config, ajustes, ficha, reunion, Llenado())), config)
    leido = {k: c.valor for k, c in perfil.celdas.items()}
    assert perfil.codigo == "GRE-1"
    assert leido["nombre"] == ficha.nombre and leido["descripcion"] == ficha["descripcion"]
    assert leido["presupuesto"] == ficha[P.PRESUPUESTO_FICHA]
    assert leido["responsable_nombre"] == "Ana Reyes Cruz"
    assert leido["fecha_inicio"] == ajustes.inicio and leido["problema"] is None
    actores = [tuple(c.valor for c in f.celdas.values()) for f in perfil.actores.filas if not f.vacia]
    assert actores == [(ficha.gerencia, "Estado", "Responsable de la implementación"),
                       ("CODESCILL", "Sociedad civil", "Formuló la iniciativa en la Etapa II")]


def test_cabeceras_con_tildes_y_sin_nombre_definido(tmp_path, config):
    ruta = tmp_path / "a_mano.xlsx"
    libro = xlsxwriter.Workbook(str(ruta))
    hoja = libro.add_worksheet("Mis hitos")
    for c, t in enumerate(["N.º", "Entregáble", "Fecha Inicio", "FECHA_FIN", "Responsable"]):
        hoja.write(3, c, t)
    hoja.write_row(4, 0, [1, "Portal publicado", "01/03/2017", "30/04/2017", "OTI"])
    libro.close()
    tabla = leer_tabla(abrir_libro(documento(ruta)), P.CABECERA_HITOS, P.COLUMNAS_HITOS)
    assert (tabla.hoja, tabla.fila_cabecera) == ("Mis hitos", 3)
    assert [c.celda for c in tabla.filas[0].celdas.values()] == ["B5", "C5", "D5", "E5"]
    assert tabla.filas[0].celdas["fecha_fin"].valor == "30/04/2017"


# --- las reglas ---------------------------------------------------------------------------------------


def _hitos(llenado: Llenado, n: int, **cambios: Any) -> list[list[Any]]:
    hitos = [list(h) for h in llenado.hitos or []]
    columnas = {"entregable": 0, "inicio": 1, "fin": 2}
    for clave, valor in cambios.items():
        hitos[n - 1][columnas[clave]] = valor
    return hitos


def test_un_perfil_completo_no_tiene_observaciones(tmp_path, config, ajustes, ficha, reunion, bueno):
    assert validar(tmp_path, config, ajustes, ficha, reunion, bueno) == []


def casos(b: Llenado) -> list[tuple[str, Llenado, list[tuple[str, str, Codigo]]]]:
    v = b.valores
    inicio, fin = v["fecha_inicio"], v["fecha_fin"]
    solo_tecnologia = {k: None for k in v if k.startswith("relevancia_")} | {"relevancia_tecnologia": "Usa el portal."}
    return [
        ("campo obligatorio vacío", replace(b, valores=v | {"responsable_cargo": None}),
         [("Compromiso", "C15", Codigo.CAMPO_OBLIGATORIO)]),
        ("correo no válido", replace(b, valores=v | {"responsable_correo": "ana.perez@"}),
         [("Compromiso", "C16", Codigo.PERFIL_CORREO)]),
        ("compromiso que termina antes de empezar", replace(b, valores=v | {"fecha_fin": inicio - timedelta(days=1)}),
         [("Compromiso", "C11", Codigo.FIN_ANTES_DE_INICIO)]),
        ("compromiso fuera del período", replace(b, valores=v | {"fecha_inicio": date(2016, 12, 1)}),
         [("Compromiso", "C10", Codigo.FUERA_DEL_PERIODO)]),
        ("hito sin entregable", replace(b, hitos=_hitos(b, 2, entregable=None)),
         [("Hitos", "B9", Codigo.HITO_SIN_ENTREGABLE)]),
        ("hito sin fecha de término", replace(b, hitos=_hitos(b, 3, fin=None)),
         [("Hitos", "D10", Codigo.HITO_SIN_FECHA)]),
        ("hito con fecha que no es fecha", replace(b, hitos=_hitos(b, 3, fin="pronto")),
         [("Hitos", "D10", Codigo.NO_ES_FECHA)]),
        ("hito que termina antes de empezar", replace(b, hitos=_hitos(b, 2, fin=inicio)),
         [("Hitos", "D9", Codigo.FIN_ANTES_DE_INICIO)]),
        ("hito fuera del período de implementación", replace(b, hitos=_hitos(b, 5, fin=date(2018, 1, 20))),
         [("Hitos", "D12", Codigo.FUERA_DEL_PERIODO)]),
        ("hito fuera del período del compromiso", replace(b, hitos=_hitos(b, 1, inicio=inicio - timedelta(days=10))),
         [("Hitos", "C8", Codigo.HITO_FUERA_DEL_COMPROMISO)]),
        ("menos hitos que el mínimo", replace(b, hitos=(b.hitos or [])[:2]),
         [("Hitos", "B8", Codigo.POCOS_HITOS)]),
        ("relevancia sin explicar", replace(b, valores=v | dict.fromkeys(solo_tecnologia)),
         [("Compromiso", "C29", Codigo.RELEVANCIA_VACIA)]),
        ("hito no verificable", replace(b, hitos=_hitos(b, 4, entregable="Fortalecer la transparencia de la gestión")),
         [("Hitos", "B11", Codigo.HITO_NO_VERIFICABLE)]),
        ("relevancia solo por tecnología", replace(b, valores=v | solo_tecnologia),
         [("Compromiso", "C29", Codigo.RELEVANCIA_SOLO_TECNOLOGIA)]),
        ("hito tan largo como el compromiso", replace(b, hitos=_hitos(b, 3, inicio=inicio, fin=fin)),
         [("Hitos", "C10", Codigo.HITO_TODO_EL_PERIODO)]),
        ("sin actor de la sociedad civil",
         replace(b, actores=[a for a in b.actores or [] if a[1] != P.SOCIEDAD_CIVIL]),
         [("Actores", "C8", Codigo.SIN_SOCIEDAD_CIVIL)]),
        ("tipo de actor fuera de la lista", replace(b, actores=[*(b.actores or []), ("Cámara de Comercio", "ONG", "")]),
         [("Actores", f"C{8 + len(b.actores or [])}", Codigo.FUERA_DE_LISTA)]),
    ]


@pytest.mark.parametrize("caso", range(17))
def test_cada_regla_con_su_observacion(tmp_path, config, ajustes, ficha, reunion, bueno, caso):
    todos = casos(bueno)
    assert len(todos) == 17
    nombre, llenado, esperado = todos[caso]
    assert validar(tmp_path, config, ajustes, ficha, reunion, llenado) == esperado, nombre


def test_severidades(tmp_path, config, ajustes, ficha, reunion, bueno):
    llenado = replace(bueno, hitos=_hitos(bueno, 4, entregable="Promover y sensibilizar a la población"),
                      valores=bueno.valores | {"responsable_correo": "no es correo"})
    perfil = leer_perfil(documento(escribir(tmp_path, config, ajustes, ficha, reunion, llenado)), config)
    _, obs = validar_perfil(perfil, ficha, config, ajustes)
    assert aplanar(obs, "codigo", "severidad", "ficha", "gerencia") == [
        (Codigo.PERFIL_CORREO, "error", "GRE-1", "GRE"), (Codigo.HITO_NO_VERIFICABLE, "advertencia", "GRE-1", "GRE")]
    assert "«promover»" in obs[1].mensaje and "IRM" in obs[1].mensaje


@pytest.mark.parametrize(("texto", "verbo"), [
    ("Fortalecer la participación ciudadana", "fortalecer"),
    ("Fortalecimiento de capacidades de los comités", "fortalecer"),
    ("Promoción del uso de la información", "promover"),
    ("Impulsar el gobierno abierto en la región", "impulsar"),
    ("Sensibilización a funcionarios", "sensibilizar"),
    ("Fortalecer 12 comités de vigilancia", None),          # un número
    ("Promover el portal de datos abiertos", None),          # un producto
    ("Sensibilizar a la población antes de marzo", None),    # una fecha
    ("Portal con 20 conjuntos de datos publicado", None),    # sin verbo vago
])
def test_verbos_vagos(texto, verbo):
    assert verbo_no_verificable(texto, ("fortalecer", "promover", "impulsar", "sensibilizar")) == verbo


def test_que_envio_cuenta_codigos_ajenos_faltantes_y_tardios(tmp_path, config, ajustes, ficha, reunion, bueno):
    otra = Ficha("GRE-2", ficha.codigo_gerencia, ficha.gerencia, 2, ficha.valores)
    martes = datetime(2016, 10, 4, 9, tzinfo=ZONA_LIMA)
    a = escribir(tmp_path, config, ajustes, ficha, reunion, bueno, "b_perfil.xlsx")
    b = escribir(tmp_path, config, ajustes, ficha, reunion, Llenado(), "a_perfil.xlsx")  # incompleto
    tardio = escribir(tmp_path, config, ajustes, ficha, reunion, bueno, "c_tarde.xlsx")
    ajeno = escribir(tmp_path, config, ajustes, ficha, reunion, replace(bueno, valores=bueno.valores), "d.xlsx")
    perfiles = [leer_perfil(documento(r, f), config) for r, f in
                ((a, martes), (b, martes), (ajeno, martes))]
    perfiles[2].codigo = "GRE-9"
    vigentes, obs = elegir_vigentes(perfiles[:2])
    assert vigentes["GRE-1"].archivo == "b_perfil.xlsx"   # misma fecha: el último por nombre
    assert aplanar(obs, "archivo", "codigo") == [("a_perfil.xlsx", Codigo.ENVIO_REEMPLAZADO)]
    consolidado = Consolidado((ficha, otra))
    seleccion = {"GRE-1": "motivo", "GRE-2": "motivo"}
    resultado = validar_perfiles(Lectura([*perfiles, leer_perfil(documento(tardio, martes + timedelta(days=30)),
                                                                  config)], [], 4),
                                 seleccion, consolidado, config, ajustes)
    assert aplanar(resultado.observaciones, "archivo", "hoja", "celda", "codigo") == [
        ("a_perfil.xlsx", "", "", Codigo.ENVIO_REEMPLAZADO),
        ("b_perfil.xlsx", "", "", Codigo.ENVIO_REEMPLAZADO),
        ("c_tarde.xlsx", "", "", Codigo.PERFIL_TARDIO),
        ("d.xlsx", "Compromiso", "C5", Codigo.PERFIL_CODIGO_DESCONOCIDO),
        ("", "", "", Codigo.PERFIL_FALTANTE)]
    assert [c.codigo for c in resultado.compromisos] == ["GRE-1"]
    assert "GRE-2" in resultado.observaciones[-1].mensaje


# --- el registro de cambios ---------------------------------------------------------------------------------


def test_registro_de_cambios(tmp_path, config, ajustes, ficha, reunion, bueno):
    llenado = replace(bueno, valores=bueno.valores | {
        "nombre": ficha.nombre + " con seguimiento ciudadano", "descripcion": "  " + ficha["descripcion"] + " ",
        "indicador": None, "presupuesto": 99000.0, "relevancia_participacion": None,
        "relevancia_rendicion_cuentas": "Audiencias públicas semestrales."})
    perfil = leer_perfil(documento(escribir(tmp_path, config, ajustes, ficha, reunion, llenado)), config)
    compromiso, _ = validar_perfil(perfil, ficha, config, ajustes)
    cambios = {c.campo: (c.antes, c.despues, c.tipo) for c in K.cambios(compromiso, ficha, config)}
    assert cambios["nombre"] == (ficha.nombre, ficha.nombre + " con seguimiento ciudadano", "Modificado")
    assert cambios["descripcion"][2] == "Sin cambios"            # solo espacios
    assert cambios["indicador"] == (ficha["indicador"], "—", "Quitado")
    assert cambios["presupuesto"][1:] == ("S/ 99,000.00", "Modificado")
    assert cambios["relevancia_transparencia"][0::2] == ("Marcado «Sí» en la ficha", "Justificado")
    assert cambios["relevancia_participacion"] == ("Marcado «Sí» en la ficha", "—", "Quitado")
    assert cambios["relevancia_rendicion_cuentas"] == ("Marcado «No» en la ficha", "Audiencias públicas semestrales.",
                                                       "Agregado")
    assert list(cambios) == list(P.origen(config))


# --- la configuración --------------------------------------------------------------------------------------------


def test_ajustes_por_omision_y_errores(config, datos_config):
    a = leer_ajustes_perfilado(config)
    assert (a.inicio, a.fin, a.periodo, a.minimo_hitos) == (date(2017, 1, 1), date(2017, 12, 31), "2017", 3)
    assert a.plazo == config.etapa("IV").fin + timedelta(days=14)
    assert config.entidad in a.antecedentes[0]
    otra = configuracion_desde_dict({**datos_config, "perfilado": {
        "inicio_implementacion": date(2017, 3, 1), "fin_implementacion": date(2018, 2, 28), "minimo_hitos": 4,
        "introduccion": "Plan de {entidad} para {periodo}."}})
    b = leer_ajustes_perfilado(otra)
    assert b.periodo == "del 01/03/2017 al 28/02/2018" and b.minimo_hitos == 4
    assert b.introduccion == (f"Plan de {config.entidad} para del 01/03/2017 al 28/02/2018.",)
    for malo, clave in (({"fin_implementacion": date(2016, 1, 1)}, "perfilado.fin_implementacion"),
                        ({"minimo_hitos": 0}, "perfilado.minimo_hitos"),
                        ({"plazo": "pronto"}, "perfilado.plazo"),
                        ({"antecedentes": "Desde {anio}"}, "perfilado.antecedentes")):
        with pytest.raises(ErrorConfiguracion, match=clave):
            leer_ajustes_perfilado(configuracion_desde_dict({**datos_config, "perfilado": malo}))


def test_leer_un_perfil_que_no_lo_es(tmp_path, config):
    ruta = tmp_path / "otro.xlsx"
    xlsxwriter.Workbook(str(ruta)).close()
    perfil: PerfilLeido = leer_perfil(documento(ruta), config)
    assert not perfil.es_perfil
    assert aplanar(perfil.observaciones, "archivo", "codigo") == [("otro.xlsx", Codigo.NO_ES_HOJA_PERFIL)]


@pytest.mark.libreoffice
def test_el_contrato_sobrevive_a_libreoffice(tmp_path, config, ajustes, ficha, reunion, bueno, soffice):
    """Guardado como .ods y vuelto a .xlsx por LibreOffice: nombres, tablas y valores se leen igual."""
    original = escribir(tmp_path, config, ajustes, ficha, reunion, bueno)
    ods = convertir([original], "ods", tmp_path / "ods")[0]
    de_vuelta = convertir([ods], "xlsx:Calc MS Excel 2007 XML", tmp_path / "xlsx")[0]

    def leido(ruta: Path) -> tuple[Any, ...]:
        compromiso, obs = validar_perfil(leer_perfil(documento(ruta), config), ficha, config, ajustes)
        return compromiso.valores, compromiso.hitos, compromiso.actores, aplanar(obs, "codigo")

    esperado = leido(original)
    assert esperado[1] and esperado[3] == []
    assert leido(ods) == esperado
    assert leido(de_vuelta) == esperado
    libro, antes = openpyxl.load_workbook(de_vuelta), openpyxl.load_workbook(original)
    for nombre in [*(P.nombre_definido(c) for c in CONTRATO), P.CABECERA_HITOS, P.CABECERA_ACTORES]:
        assert list(libro.defined_names[nombre].destinations) == list(antes.defined_names[nombre].destinations)


def test_observaciones_de_perfiles_nombran_el_campo_del_compromiso(config, tmp_path) -> None:
    """«nombre» en un libro de perfil es el nombre del compromiso, no «Nombres y apellidos» de la
    Etapa II; y la hoja oculta «Control» no se nombra."""
    destino = tmp_path / "obs.xlsx"
    obs = [observar(Codigo.CAMPO_OBLIGATORIO, archivo="perfil_GRE-1.xlsx", hoja="Compromiso", celda="C5",
                    campo="nombre", etiqueta="Nombre del compromiso"),
           observar(Codigo.PLANTILLA_ANTIGUA, archivo="perfil_GRE-1.xlsx", hoja="Control", celda="B2",
                    valor="0.1", vigente="2016.1")]
    escribir_observaciones_perfiles(destino, obs, config)
    filas = python_calamine.CalamineWorkbook.from_path(str(destino)).get_sheet_by_name("Observaciones").to_python()
    cabecera = filas[0]
    por_campo = [dict(zip(cabecera, f, strict=False)) for f in filas[1:]]
    assert [(f["Hoja"], f["Celda"], f["Campo"]) for f in por_campo] == [
        ("Compromiso", "C5", "Nombre del compromiso"), ("", "", "")]
