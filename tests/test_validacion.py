from datetime import date

import pytest

from gobierno_abierto.entrada.libro import ErrorDeCelda, FormulaSinValor
from gobierno_abierto.etapa2.lectura import Celda, FichaLeida
from gobierno_abierto.etapa2.validacion import (
    Lugar,
    elegir_de_lista,
    interpretar_fecha,
    interpretar_numero,
    validar_campo,
    validar_ficha,
)
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.esquema import campo, campos_ficha
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar

LUGAR = Lugar("GRE", "fichas_GRE.xlsx", "GRE-3")


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("S/ 1,250,000.00", 1250000.0),
        ("S/. 50 000", 50000.0),
        ("1250000", 1250000.0),
        ("1'250,000.00", 1250000.0),
        ("1.250.000,00", 1250000.0),
        ("S/ 2 millones", 2000000.0),
        ("350 mil soles", 350000.0),
        ("  125000  ", 125000.0),
        ("S/\u00a01,000", 1000.0),
        (125000, 125000.0),
        (12.5, 12.5),
        ("-300", -300.0),
        ("(1,000)", -1000.0),
    ],
)
def test_numeros_a_la_peruana(texto, esperado):
    n = interpretar_numero(texto)
    assert n.problema is None
    assert n.valor == esperado


@pytest.mark.parametrize("texto", ["aprox. cien mil", "no sabe", "12,34,5", "1.2.3,4.5", "S/", "", "1e6x", True])
def test_basura_no_es_numero(texto):
    assert interpretar_numero(texto).problema is Codigo.NO_ES_NUMERO


def test_punto_de_miles_ambiguo_se_lee_como_miles_y_se_avisa():
    n = interpretar_numero("50.000")
    assert (n.valor, n.ambiguo) == (50000.0, True)
    assert interpretar_numero("12.50").valor == 12.5


def _validar(config, clave, valor):
    return validar_campo(campo(config, clave), Celda(valor, "Ficha 3", "C12"), LUGAR)


def test_campo_obligatorio_vacio(config):
    valor, obs = _validar(config, "descripcion", "   ")
    assert valor is None
    assert aplanar(obs, "hoja", "celda", "campo", "codigo") == [
        ("Ficha 3", "C12", "descripcion", Codigo.CAMPO_OBLIGATORIO)]
    assert "obligatorio" in obs[0].mensaje


def test_monto_como_texto_se_limpia_sin_observacion(config):
    assert _validar(config, E.PRESUPUESTO_ANIO_ACTUAL, "S/ 1,250,000.00") == (1250000.0, [])


@pytest.mark.parametrize(
    ("clave", "valor", "codigo"),
    [
        (E.PRESUPUESTO_ANIO_ACTUAL, "aprox. cien mil", Codigo.NO_ES_NUMERO),
        (E.PRESUPUESTO_ANIO_ACTUAL, -5, Codigo.NUMERO_NEGATIVO),
        (E.PRESUPUESTO_ANIO_ACTUAL, 9e9, Codigo.NUMERO_EXCESIVO),
        ("poblacion_numero", 1500.5, Codigo.NO_ES_ENTERO),
        ("poblacion_numero", 99_000_000, Codigo.NUMERO_EXCESIVO),
        ("ambito", "Lima", Codigo.FUERA_DE_LISTA),
        ("nombre_actividad", "x" * 201, Codigo.TEXTO_LARGO),
        ("ogp_transparencia", "tal vez", Codigo.NO_ES_SI_NO),
        ("reunion_fecha", "la semana pasada", Codigo.NO_ES_FECHA),
        ("especialista_correo", "juan.perez", Codigo.NO_ES_CORREO),
    ],
)
def test_cada_regla_de_campo(config, clave, valor, codigo):
    _, obs = _validar(config, clave, valor)
    assert [o.codigo for o in obs] == [codigo]
    assert obs[0].celda == "C12"
    assert obs[0].mensaje


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


def test_si_no_y_fechas(config):
    assert _validar(config, "ogp_transparencia", "si")[0] == "Sí"
    assert _validar(config, "ogp_transparencia", None)[0] == "No"
    assert interpretar_fecha("15/09/2016") == date(2016, 9, 15)
    assert interpretar_fecha("jueves 15 de setiembre de 2016") == date(2016, 9, 15)
    assert interpretar_fecha("2016-09-15") == date(2016, 9, 15)


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
        for clave in (E.POBLACION_NUMERO, *E.CAMPOS_PRESUPUESTO, *E.CAMPOS_META):
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

    from gobierno_abierto.nucleo.observaciones import REGLAS

    assert set(REGLAS) == set(Codigo)
    for codigo, regla in REGLAS.items():
        campos = {c for _, c, _, _ in string.Formatter().parse(regla.plantilla) if c}
        assert regla.plantilla.strip(), codigo
        assert all(c.isidentifier() for c in campos), codigo
