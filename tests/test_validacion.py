from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gobierno_abierto.entrada.libro import ErrorDeCelda, FormulaSinValor
from gobierno_abierto.etapa2.lectura import Celda, FichaLeida
from gobierno_abierto.etapa2.validacion import (
    Lugar,
    Numero,
    elegir_de_lista,
    identificar_gerencia,
    interpretar_fecha,
    interpretar_numero,
    interpretar_si_no,
    sugerencia,
    validar_campo,
    validar_ficha,
    validar_reunion,
)
from gobierno_abierto.nucleo.esquema import Campo, Tipo, campo, campos_ficha
from gobierno_abierto.nucleo.observaciones import Codigo, Severidad, aplanar
from gobierno_abierto.nucleo.textos import texto_de_celda as texto_de
from tests.conftest import envio_leido

LUGAR = Lugar("GRE", "fichas_GRE.xlsx", "GRE-3")


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("S/ 1,250,000.00", Numero(1250000.0)),
        ("S/. 50 000", Numero(50000.0)),
        ("1250000", Numero(1250000.0)),
        ("1'250,000.00", Numero(1250000.0)),
        ("1.250.000,00", Numero(1250000.0)),
        ("1.250.000", Numero(1250000.0)),
        ("1,250", Numero(1250.0)),
        ("S/ 2 millones", Numero(2000000.0)),
        ("1.5 millones", Numero(1500000.0)),
        ("350 mil soles", Numero(350000.0)),
        ("50.000 mil", Numero(50000.0)),  # con «mil», el punto es decimal
        ("  125000  ", Numero(125000.0)),
        ("S/\u00a01,000", Numero(1000.0)),
        (125000, Numero(125000.0)),
        (12.5, Numero(12.5)),
        ("12.50", Numero(12.5)),
        ("-300", Numero(-300.0)),
        ("-S/ 500", Numero(-500.0)),
        ("S/ -500", Numero(-500.0)),
        ("(1,000)", Numero(-1000.0)),
        ("50.000", Numero(50000.0, ambiguo=True)),  # en soles no hay milésimos: se lee como miles
        ("12,5", Numero(12.5, ambiguo=True)),
    ],
)
def test_numeros_a_la_peruana(texto, esperado):
    assert interpretar_numero(texto) == esperado


@pytest.mark.parametrize("texto", ["aprox. cien mil", "no sabe", "12,34,5", "1.2.3,4.5", "S/", "", "1e6x", "1e6",
                                   "(1,000", "12,34.5", "1.2.3", "1.23.456", "...", ",", "1,234.5,6",
                                   "1.234,5.6", True, None,
                                   date(2016, 9, 1)])
def test_basura_no_es_numero(texto):
    assert interpretar_numero(texto) == Numero(None, Codigo.NO_ES_NUMERO)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,-() s/mil'", max_size=14))
def test_todo_texto_da_un_numero_o_su_problema(texto):
    n = interpretar_numero(texto)
    assert (n.valor is None) == (n.problema is Codigo.NO_ES_NUMERO)
    assert n.valor is None or isinstance(n.valor, float)


@pytest.mark.parametrize(("valor", "texto"), [(None, ""), (12.0, "12"), (12.5, "12.5"), ("  a b  ", "a b"),
                                              (datetime(2016, 9, 5, 10, 30), "05/09/2016"),
                                              (date(2016, 9, 5), "2016-09-05"), (7, "7")])
def test_texto_de_una_celda(valor, texto):
    assert texto_de(valor) == texto


@pytest.mark.parametrize(("valor", "marca"), [(True, True), (False, False), ("Sí", True), ("x", True),
                                              ("VERDADERO", True), (1.0, True), ("no", False), ("-", False),
                                              (0, False), ("FALSO", False), ("quizás", None), ("", None)])
def test_si_o_no(valor, marca):
    assert interpretar_si_no(valor) is marca


def test_sugerencia_de_la_lista():
    assert sugerencia("Trujilo", ("Regional", "Trujillo")) == " (¿quiso decir «Trujillo»?)"
    assert sugerencia("zzzz", ("Regional", "Trujillo")) == ""


def _validar(config, clave, valor):
    return validar_campo(campo(config, clave), Celda(valor, "Ficha 3", "C12"), LUGAR)


PRESUPUESTO = "«Presupuesto de la actividad 2016 (S/)»"
POBLACION = "«Población beneficiada (número)»"
REGISTRO = ("gerencia", "archivo", "hoja", "celda", "campo", "ficha", "codigo", "valor", "mensaje")


@pytest.mark.parametrize(
    ("clave", "crudo", "limpio", "codigo", "valor", "mensaje"),
    [
        ("descripcion", "   ", None, Codigo.CAMPO_OBLIGATORIO, "",
         "«Descripción de la actividad» está vacío y es obligatorio. Complételo."),
        ("presupuesto_anio_actual", "aprox. cien mil", "aprox. cien mil", Codigo.NO_ES_NUMERO, "aprox. cien mil",
         f"{PRESUPUESTO} debe ser un número y dice «aprox. cien mil». Escriba solo cifras, por ejemplo 125000."),
        ("presupuesto_anio_actual", -5, -5.0, Codigo.NUMERO_NEGATIVO, "-5",
         f"{PRESUPUESTO} no puede ser negativo (-5)."),
        ("presupuesto_anio_actual", 9e9, 9e9, Codigo.NUMERO_EXCESIVO, "9,000,000,000.00",
         f"{PRESUPUESTO} = 9,000,000,000.00 supera el máximo razonable (50,000,000). Verifique ceros de "
         "más o la unidad."),
        ("presupuesto_anio_actual", "50.000", 50000.0, Codigo.NUMERO_AMBIGUO, "50.000",
         f"{PRESUPUESTO} dice «50.000» y se leyó como 50,000.00. Verifique que sea correcto."),
        ("poblacion_numero", 1500.5, "1500.5", Codigo.NO_ES_ENTERO, "1500.5",
         f"{POBLACION} debe ser un número entero de personas y dice «1500.5»."),
        ("poblacion_numero", "2,100,001", 2100001.0, Codigo.NUMERO_EXCESIVO, "2,100,001.00",
         f"{POBLACION} = 2,100,001.00 supera el máximo razonable (2,100,000). Verifique ceros de más o la "
         "unidad."),
        ("ambito", "Lima", "Lima", Codigo.FUERA_DE_LISTA, "Lima",
         "«Ámbito de intervención» dice «Lima», que no está en la lista. Elija una opción de la lista "
         "desplegable."),
        ("nombre_actividad", "x" * 201, "x" * 201, Codigo.TEXTO_LARGO, "x" * 201,
         "«Nombre de la actividad» tiene 201 caracteres y el máximo es 200. Acórtelo en 1 caracteres."),
        ("ogp_transparencia", "tal vez", "tal vez", Codigo.NO_ES_SI_NO, "tal vez",
         "«¿Promueve transparencia?» debe ser «Sí» o «No» y dice «tal vez»."),
        ("reunion_fecha", "la semana pasada", "la semana pasada", Codigo.NO_ES_FECHA, "la semana pasada",
         "«Fecha de la reunión» debe ser una fecha (dd/mm/aaaa) y dice «la semana pasada»."),
        ("especialista_correo", "juan.perez", "juan.perez", Codigo.NO_ES_CORREO, "juan.perez",
         "«Correo del especialista responsable» no parece un correo electrónico: «juan.perez»."),
    ],
)
def test_cada_regla_de_campo(config, clave, crudo, limpio, codigo, valor, mensaje):
    leido, obs = _validar(config, clave, crudo)
    assert leido == limpio
    assert aplanar(obs, *REGISTRO) == [("GRE", "fichas_GRE.xlsx", "Ficha 3", "C12", clave, "GRE-3", codigo, valor,
                                        mensaje)]


@pytest.mark.parametrize(
    ("clave", "crudo", "limpio"),
    [
        ("presupuesto_anio_actual", "S/ 1,250,000.00", 1250000.0),
        ("presupuesto_anio_actual", 50_000_000, 50_000_000.0),  # justo el máximo
        ("poblacion_numero", 1500.0, 1500),
        ("poblacion_numero", 0, 0),
        ("nombre_actividad", "x" * 200, "x" * 200),  # justo el largo máximo
        ("descripcion", "  texto  ", "texto"),
        ("ambito", "sanchez carrion", "Sánchez Carrión"),
        ("ogp_transparencia", "x", "Sí"),
        ("ogp_transparencia", "no", "No"),
        ("ogp_transparencia", None, "No"),
        ("reunion_fecha", datetime(2016, 9, 5, 10, 0), date(2016, 9, 5)),
        ("reunion_fecha", "05/09/2016", date(2016, 9, 5)),
        ("especialista_correo", "ana@gob.pe", "ana@gob.pe"),
        ("nombre", None, None),  # participante: no es obligatorio
    ],
)
def test_valores_que_pasan_limpios(config, clave, crudo, limpio):
    leido, obs = _validar(config, clave, crudo)
    assert (leido, type(leido), obs) == (limpio, type(limpio), [])


def test_celda_ausente_no_se_observa_de_nuevo(config):
    assert validar_campo(campo(config, "descripcion"), None, LUGAR) == (None, [])


def test_el_minimo_de_un_campo(config):
    minimo_uno = Campo("metas", "Metas", "", Tipo.NUMERO, minimo=1)
    _, obs = validar_campo(minimo_uno, Celda(0.5, "Ficha 3", "C12"), LUGAR)
    assert aplanar(obs, "codigo", "valor") == [(Codigo.NUMERO_NEGATIVO, "0.5")]
    assert validar_campo(minimo_uno, Celda(1, "Ficha 3", "C12"), LUGAR) == (1.0, [])


def test_texto_demasiado_largo_dice_cuanto_acortar(config):
    _, obs = _validar(config, "nombre_actividad", "x" * 230)
    assert "230 caracteres" in obs[0].mensaje
    assert "Acórtelo en 30" in obs[0].mensaje


def test_lista_tolera_tildes_mayusculas_y_codigo(config):
    assert _validar(config, "ambito", "sanchez carrion") == ("Sánchez Carrión", [])
    assert _validar(config, "objetivo_pdc", "oe3")[0].startswith("OE3:")
    _, obs = _validar(config, "ambito", "Trujilo")
    assert "¿quiso decir «Trujillo»?" in obs[0].mensaje
    assert elegir_de_lista("Otra cosa", ("A", "B")) is None
    assert elegir_de_lista("oe2", ("OE1: Uno: dos", "OE2: Tres: cuatro")) == "OE2: Tres: cuatro"


def test_si_no_y_fechas(config):
    assert _validar(config, "ogp_transparencia", "si")[0] == "Sí"
    assert _validar(config, "ogp_transparencia", None)[0] == "No"
    assert interpretar_fecha("15/09/2016") == date(2016, 9, 15)
    assert interpretar_fecha("jueves 15 de setiembre de 2016") == date(2016, 9, 15)
    assert interpretar_fecha("2016-09-15") == date(2016, 9, 15)


def test_texto_que_parece_formula_se_conserva_tal_cual(config):
    assert _validar(config, "descripcion", "=SUMA(A1:A3)") == ("=SUMA(A1:A3)", [])


def test_ficha_sin_valores_ogp_y_solo_tecnologia(config):
    def ficha(marcados):
        celdas = {c.clave: Celda("texto", "Ficha 1", "C5") for c in campos_ficha(config)}
        for v in config.valores_ogp:
            celdas[f"ogp_{v.clave}"] = Celda("Sí" if v.clave in marcados else "No", "Ficha 1", "C30")
        celdas["ambito"] = Celda("Regional", "Ficha 1", "C8")
        celdas["objetivo_pdc"] = Celda(config.listas["objetivo_pdc"][0], "Ficha 1", "C10")
        celdas["objetivo_pei"] = Celda(config.listas["objetivo_pei"][0], "Ficha 1", "C11")
        for clave in ("poblacion_numero", "presupuesto_anio_actual", "presupuesto_anio_siguiente", "meta_fisica_anio_actual",
                      "meta_fisica_anio_siguiente"):
            celdas[clave] = Celda(10, "Ficha 1", "C13")
        return FichaLeida(1, celdas)

    assert validar_ficha(ficha({"transparencia"}), config, LUGAR).observaciones == []
    sin = validar_ficha(ficha(set()), config, LUGAR).observaciones
    assert [o.codigo for o in sin] == [Codigo.SIN_VALOR_OGP]
    solo = validar_ficha(ficha({"tecnologia_innovacion"}), config, LUGAR).observaciones
    assert [o.codigo for o in solo] == [Codigo.SOLO_TECNOLOGIA]


def test_toda_regla_tiene_mensaje_que_se_puede_formar():
    """Cada código tiene su plantilla de mensaje, y ninguna pide datos que nadie le pasa."""
    import string

    from gobierno_abierto.nucleo.codigos import REGLAS

    assert set(REGLAS) == set(Codigo)
    for codigo, regla in REGLAS.items():
        campos = {c for _, c, _, _ in string.Formatter().parse(regla.plantilla) if c}
        assert regla.plantilla.strip(), codigo
        assert all(c.isidentifier() for c in campos), codigo


def _marcas(n, *marcados):
    valores = ("transparencia", "rendicion_cuentas", "participacion_ciudadana", "tecnologia_innovacion")
    return {f"ficha{n}_ogp_{v}": "Sí" if v in marcados else "No" for v in valores}


def test_reglas_de_la_ficha_completa(config):
    cambios = {**_marcas(1), **_marcas(2, "tecnologia_innovacion"),
               **_marcas(3, "transparencia", "tecnologia_innovacion"),
               "ficha3_presupuesto_anio_actual": 0, "ficha3_presupuesto_anio_siguiente": "S/ 0.00",
               **_marcas(4, "participacion_ciudadana"),
               "ficha4_presupuesto_anio_actual": 0, "ficha4_presupuesto_anio_siguiente": 100}
    fichas = envio_leido(config, "GRE", cambios).fichas
    obs = [o for f in fichas for o in validar_ficha(f, config, Lugar("GRE", "fichas_GRE.xlsx", f"GRE-{f.numero}"))
           .observaciones]
    assert aplanar(obs, *REGISTRO) == [
        ("GRE", "fichas_GRE.xlsx", "Ficha 1", "C21", "valores_ogp", "GRE-1", Codigo.SIN_VALOR_OGP, "",
         "La ficha no marca ningún valor de Gobierno Abierto. Marque «Sí» en al menos uno: Transparencia, "
         "Rendición de cuentas, Participación ciudadana o Tecnología e innovación."),
        ("GRE", "fichas_GRE.xlsx", "Ficha 2", "C21", "valores_ogp", "GRE-2", Codigo.SOLO_TECNOLOGIA,
         "Tecnología e innovación",
         "La ficha solo marca «Tecnología e innovación», que cuenta únicamente junto a transparencia, "
         "rendición de cuentas o participación ciudadana."),
        ("GRE", "fichas_GRE.xlsx", "Ficha 3", "C14", "presupuesto_anio_actual", "GRE-3", Codigo.SIN_PRESUPUESTO, "",
         "La ficha no tiene presupuesto en ningún año. Confirme que la actividad se financia."),
    ]
    validada = validar_ficha(fichas[3], config, LUGAR)
    assert (validada.numero, validada.valores["ogp_participacion_ciudadana"], validada.valores["ambito"]) == (
        4, "Sí", fichas[3].celdas["ambito"].valor)


def test_ficha_sin_la_celda_del_primer_valor(config):
    """Si se borró la fila de transparencia, la observación no tiene celda (y lo demás sigue)."""
    for marcados, esperado in (((), [("", Codigo.SIN_VALOR_OGP)]), (("rendicion_cuentas",), [])):
        ficha = envio_leido(config, "GRE", _marcas(1, *marcados)).fichas[0]
        sin_fila = FichaLeida(1, {k: c for k, c in ficha.celdas.items() if k != "ogp_transparencia"})
        assert aplanar(validar_ficha(sin_fila, config, LUGAR).observaciones, "celda", "codigo") == esperado


def test_reunion_incompleta(config):
    participante = {f"participante{i}_{c}": None for i in range(1, 13) for c in ("nombre", "organizacion", "cargo")}
    envio = envio_leido(config, "GRE", {**participante, "reunion_fecha": None, "reunion_consejo": "  ",
                                        "participante1_nombre": "x" * 121})
    lugar = Lugar("GRE", "fichas_GRE.xlsx")
    valores, participantes, obs = validar_reunion(envio, lugar)
    assert aplanar(obs, *REGISTRO) == [
        ("GRE", "fichas_GRE.xlsx", "Reunión", "B15", "nombre", "", Codigo.TEXTO_LARGO, "x" * 121,
         "«Nombres y apellidos» tiene 121 caracteres y el máximo es 120. Acórtelo en 1 caracteres."),
        # sin fecha de la reunión no hay acta firmada con la sociedad civil: error
        ("GRE", "fichas_GRE.xlsx", "Reunión", "C4", "reunion", "", Codigo.ACTA_SIN_CONTRAPARTE, "",
         "La hoja «Reunión» no registra la fecha de la reunión. El producto de la Etapa II es un Acta de Acuerdos "
         "firmada por la gerencia y su contraparte de la sociedad civil: anote la reunión y a sus representantes, "
         "y reenvíe el libro."),
        ("GRE", "fichas_GRE.xlsx", "Reunión", "C4", "reunion", "", Codigo.ACTA_INCOMPLETA, "",
         "Faltan datos de la reunión con la sociedad civil para el acta: Consejo Consultivo Regional Sectorial u "
         "organizaciones de la sociedad civil convocadas."),
    ]
    assert (valores["reunion_fecha"], valores["reunion_consejo"]) == (None, None)
    assert participantes == [{"nombre": "x" * 121, "organizacion": "", "cargo": ""}]
    # sin la hoja «Reunión» (nombres borrados): sin representantes es un error, y sin celda
    _, _, obs = validar_reunion(replace(envio, reunion={}, participantes=[]), lugar)
    assert aplanar(obs, "hoja", "celda", "codigo") == [("Reunión", "", Codigo.ACTA_SIN_CONTRAPARTE)]
    # sin fecha y sin representantes: las dos faltas en la misma observación
    _, _, obs = validar_reunion(replace(envio, participantes=[]), lugar)
    sin = next(o for o in obs if o.codigo is Codigo.ACTA_SIN_CONTRAPARTE)
    assert "no registra la fecha de la reunión ni ningún representante de la sociedad civil" in sin.mensaje
    assert "ningún representante de la sociedad civil" in obs[0].mensaje


def test_identificar_la_gerencia(config):
    gre, geresa = config.gerencia("GRE"), config.gerencia("GERESA")

    def identificar(codigo, remitente="", celda=True):
        envio = replace(envio_leido(config, "GRE", remitente=remitente), codigo_gerencia=codigo)
        if not celda:
            envio.celda_gerencia = None
        gerencia, obs = identificar_gerencia(envio, config)
        return gerencia, aplanar(obs, *REGISTRO)

    donde = ("fichas_GRE.xlsx", "Instrucciones", "C4", "codigo_gerencia", "")
    assert identificar("GRE") == (gre, [])
    assert identificar("GRE", gre.correo) == (gre, [])
    assert identificar("GRE", geresa.correo.upper()) == (gre, [(
        "GRE", *donde, Codigo.GERENCIA_OTRO_REMITENTE, "GRE",
        "El libro es la plantilla de Gerencia Regional de Educación, pero lo envió "
        f"{geresa.correo.upper()}, correo de Gerencia Regional de Salud. Verifique que no se haya enviado "
        "la plantilla de otra gerencia.")])
    assert identificar("", geresa.correo) == (geresa, [(
        "GERESA", *donde, Codigo.GERENCIA_POR_CORREO, "",
        "El libro no trae un código de gerencia válido; se atribuyó a Gerencia Regional de Salud por el "
        f"remitente {geresa.correo}. Verifíquelo.")])
    assert identificar("XYZ", geresa.correo)[1][0][6:8] == (Codigo.GERENCIA_POR_CORREO, "XYZ")
    assert identificar("XYZ") == (None, [(
        "", *donde, Codigo.GERENCIA_DESCONOCIDA, "XYZ",
        "El código de gerencia «XYZ» no está en la configuración. Revise la plantilla o agregue la "
        "gerencia a configuracion.toml.")])
    assert identificar("", "alguien@otro.pe") == (None, [(
        "", *donde, Codigo.GERENCIA_FALTANTE, "",
        "El libro no indica la gerencia (celda «codigo_gerencia» vacía) y no se pudo deducir del remitente. "
        "Use la plantilla personalizada de la gerencia.")])
    assert identificar("", celda=False)[1][0][:5] == ("", "fichas_GRE.xlsx", "", "", "codigo_gerencia")


@pytest.mark.parametrize("clave", ["presupuesto_anio_actual", "poblacion_numero", "descripcion", "ambito",
                                   "ogp_transparencia", "reunion_fecha"])
def test_celdas_con_error_o_formula_sin_valor_no_estan_vacias(config, clave):
    """Antes decían «está vacío y es obligatorio»; ahora dicen lo que la celda muestra."""
    valor, obs = _validar(config, clave, ErrorDeCelda("#DIV/0!"))
    assert (valor, aplanar(obs, "celda", "campo", "codigo", "valor")) == (
        "#DIV/0!", [("C12", clave, Codigo.CELDA_CON_ERROR, "#DIV/0!")])
    assert obs[0].mensaje.endswith("la celda muestra el error #DIV/0!: escriba el valor.")
    valor, obs = _validar(config, clave, FormulaSinValor("C15*2"))
    assert (valor, aplanar(obs, "celda", "campo", "codigo", "valor")) == (
        "=C15*2", [("C12", clave, Codigo.FORMULA_SIN_VALOR, "=C15*2")])
    assert "la celda tiene una fórmula sin valor calculado: escriba el número" in obs[0].mensaje
    assert all(o.es_error for o in obs)


def test_formula_con_resultado_valido_se_acepta_con_advertencia(config):
    celda = Celda(2000.0, "Ficha 3", "C15", formula="1000*2")
    valor, obs = validar_campo(campo(config, "presupuesto_anio_actual"), celda, LUGAR)
    assert valor == 2000.0
    assert aplanar(obs, "celda", "codigo", "valor") == [("C15", Codigo.FORMULA_CALCULADA, "2,000.00")]
    assert not obs[0].es_error and "«=1000*2»" in obs[0].mensaje
    # un resultado que no es número sigue siendo el error de siempre, sin la nota de la fórmula
    _, obs = validar_campo(campo(config, "presupuesto_anio_actual"), Celda("n/d", "Ficha 3", "C15", formula="X1"), LUGAR)
    assert [o.codigo for o in obs] == [Codigo.NO_ES_NUMERO]


def test_texto_limpiado_al_leer_se_advierte(config):
    celda = Celda("línea uno\nlínea dos", "Ficha 3", "C7", limpiado=True)
    valor, obs = validar_campo(campo(config, "descripcion"), celda, LUGAR)
    assert valor == "línea uno\nlínea dos"
    assert aplanar(obs, "celda", "campo", "codigo") == [("C7", "descripcion", Codigo.TEXTO_CON_CONTROL)]
    assert not obs[0].es_error


@pytest.mark.parametrize(("fecha", "otro_anio"), [
    (datetime(1900, 1, 1), True),    # un 1 en la celda: Excel lo muestra como 01/01/1900
    (datetime(2099, 9, 15), True),
    (datetime(2015, 12, 30), True),
    ("15/09/2016", False),
    (datetime(2016, 1, 1), False),
])
def test_fecha_de_la_reunion_de_otro_anio(config, fecha, otro_anio):
    envio = envio_leido(config, "GRE", {"reunion_fecha": fecha})
    lugar = Lugar("GRE", "fichas_GRE.xlsx")
    _, _, obs = validar_reunion(envio, lugar, config.anio_actual)
    otras = [o for o in obs if o.codigo is Codigo.FECHA_DE_OTRO_ANIO]
    if not otro_anio:
        assert otras == []
        return
    assert aplanar(otras, "gerencia", "archivo", "hoja", "celda", "campo", "severidad") == [
        ("GRE", "fichas_GRE.xlsx", "Reunión", "C4", "reunion_fecha", Severidad.ADVERTENCIA)]
    assert otras[0].mensaje == (f"«Fecha de la reunión» dice {fecha:%d/%m/%Y}, y el proceso es de 2016: revise "
                                "la fecha (en Excel, un número suelto como 1 se muestra como 01/01/1900).")
    assert not [o for o in validar_reunion(envio, lugar)[2] if o.codigo is Codigo.FECHA_DE_OTRO_ANIO]
