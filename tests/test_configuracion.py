import copy
from pathlib import Path

import pytest

from gobierno_abierto.nucleo.configuracion import (
    ErrorConfiguracion,
    cargar_configuracion,
    configuracion_desde_dict,
)
from gobierno_abierto.nucleo.esquema import campos_ficha


def test_valores_por_omision_del_instructivo(config):
    assert config.nombre_anio == "Año de la Consolidación del Mar de Grau"
    assert len(config.gerencias) == 14
    assert (config.fichas_por_gerencia, config.priorizadas, config.seleccionadas) == (5, 14, 5)
    assert config.listas["ambito"][0] == "Regional"
    assert len(config.listas["ambito"]) == 13  # Regional + 12 provincias
    assert [v.clave for v in config.valores_ogp] == [
        "transparencia", "rendicion_cuentas", "participacion_ciudadana", "tecnologia_innovacion"]
    assert config.etapa("II").fin.isoformat() == "2016-09-19"
    assert config.etapa("II").plazo.hour == 23


def _con(config, cambio):
    datos = copy.deepcopy(config.crudo)
    cambio(datos)
    return datos


@pytest.mark.parametrize(
    ("cambio", "clave"),
    [
        (lambda d: d["cuotas"].pop("priorizadas"), "cuotas.priorizadas"),
        (lambda d: d["cuotas"].update(priorizadas="catorce"), "cuotas.priorizadas"),
        (lambda d: d["cuotas"].update(seleccionadas=20), "cuotas.seleccionadas"),
        (lambda d: d["cuotas"].update(fichas_por_gerencia=0), "cuotas.fichas_por_gerencia"),
        (lambda d: d["gerencias"].append(dict(d["gerencias"][0])), "GRE"),
        (lambda d: d["gerencias"][1].update(correo="sin-arroba"), "gerencias[2].correo"),
        (lambda d: d["gerencias"][1].update(codigo="Salud Ñ"), "gerencias[2].codigo"),
        (lambda d: d["calendario"].pop(), "IV"),
        (lambda d: d["calendario"][1].update(fin=d["calendario"][1]["inicio"].replace(day=1)), "etapa II"),
        (lambda d: d["listas"].update(ambito=[]), "listas.ambito"),
        (lambda d: d["listas"].update(ambito=["Trujillo", "Trujillo"]), "listas.ambito"),
        (lambda d: d["limites"].update(presupuesto_maximo=-1), "limites.presupuesto_maximo"),
        (lambda d: d["proceso"].update(anio_siguiente=2020), "proceso.anio_siguiente"),
        (lambda d: d["valores_ogp"].append(dict(d["valores_ogp"][0])), "valores_ogp"),
    ],
)
def test_configuracion_incoherente_nombra_la_clave(config, cambio, clave):
    with pytest.raises(ErrorConfiguracion) as e:
        configuracion_desde_dict(_con(config, cambio))
    assert clave in str(e.value)


def test_toml_roto_y_archivo_inexistente(tmp_path: Path):
    roto = tmp_path / "roto.toml"
    roto.write_text("[proceso\nnombre = 1", encoding="utf-8")
    with pytest.raises(ErrorConfiguracion, match="formato TOML"):
        cargar_configuracion(roto)
    with pytest.raises(ErrorConfiguracion, match="No se encontró"):
        cargar_configuracion(tmp_path / "no_existe.toml")


def test_el_esquema_toma_listas_limites_y_anios_de_la_configuracion(config):
    campos = {c.clave: c for c in campos_ficha(config)}
    claves_semilla = ["nombre_actividad", "descripcion", "ambito", "resultados_esperados", "objetivo_pdc",
                      "objetivo_pei", "indicador", "poblacion_numero", "poblacion_ubicacion",
                      "presupuesto_anio_actual", "presupuesto_anio_siguiente", "meta_fisica_anio_actual",
                      "meta_fisica_anio_siguiente",
                      "impacto_socioeconomico", "componente_gobierno_abierto"]
    assert all(k in campos for k in claves_semilla)
    assert campos["ambito"].lista == config.listas["ambito"]
    assert campos["presupuesto_anio_actual"].maximo == config.presupuesto_maximo
    assert "2016" in campos["presupuesto_anio_actual"].etiqueta
    assert "2017" in campos["meta_fisica_anio_siguiente"].etiqueta
    assert campos["ogp_transparencia"].lista == ("Sí", "No")
