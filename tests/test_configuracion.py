import math
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gobierno_abierto.cli import main
from gobierno_abierto.nucleo.configuracion import (
    RUTA_PREDETERMINADA,
    SECCIONES,
    ErrorConfiguracion,
    cargar_configuracion,
    configuracion_desde_dict,
    leer_toml,
    lineas_toml,
    validar_secciones,
)
from gobierno_abierto.nucleo.esquema import campos_ficha
from gobierno_abierto.nucleo.modelos_secciones import Persona
from gobierno_abierto.nucleo.revision_configuracion import revisar_configuracion

TEXTO = RUTA_PREDETERMINADA.read_text(encoding="utf-8")


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
    assert config.tamanio_maximo_bytes == 10 * 1024 * 1024
    assert config.gerencia(" geresa ").codigo == "GERESA"
    assert config.gerencia_por_correo("SALUD.ga@regionlalibertad.gob.pe").codigo == "GERESA"


def test_secciones_de_las_etapas_iii_y_iv(config):
    p = config.priorizacion
    assert (p.agregacion, p.maximo_por_gerencia, p.cuota, p.perturbaciones, p.semilla) == ("media", 2, 14, 1000, 2016)
    assert p.claves == ("relevancia", "especificidad", "impacto", "factibilidad", "alineamiento")
    c = p.criterios[0]
    assert (c.peso, c.minimo, c.maximo, len(c.niveles)) == (30.0, 1, 5, 5)
    assert p.grupo("grupo  1").gerencias == ("GRE", "GERESA", "GRDS")
    assert p.excluida(p.grupos[0], "gre") and not p.excluida(p.grupos[0], "GRAG")
    d = config.documentos
    # La configuración que se distribuye trae cargos, no personas: ningún nombre inventado llega a un acta.
    assert len(d.comite) == 5 and all(m.nombre == "" for m in d.comite)
    assert d.comite[0].cargo == "Gerente General Regional — Presidente del Comité"
    assert d.coordinador == Persona(nombre="", cargo="Gerente General Regional")
    # el oficio lo numera y lo firma la misma oficina
    assert d.oficio.numero_completo(2016) == "OFICIO N.º ________-2016-GRLL-GOB"
    assert d.firmante_oficio == Persona(nombre="", cargo="Gobernador Regional de La Libertad")
    assert len(d.sin_nombre()) == 7 and "documentos.oficio.firmante_nombre" in d.sin_nombre()[-1]
    assert len(d.acuerdos["I"]) == 3 and d.fecha_oficio is None
    assert d.destinatario.nombre == "Unidad de Apoyo de la Alianza para el Gobierno Abierto"


def test_la_demostracion_pone_personas_de_ejemplo_encima():
    from gobierno_abierto.demo.configuracion import configuracion_demo, fusionar

    assert fusionar({"a": {"b": 1, "c": [1]}, "d": 2}, {"a": {"c": [3]}}) == {"a": {"b": 1, "c": [3]}, "d": 2}
    d = configuracion_demo().documentos
    assert d.comite[0] == Persona(nombre="Carlos Alberto Mendoza Ríos",
                                  cargo="Gerente General Regional — Presidente del Comité")
    assert d.sin_nombre() == []
    assert d.oficio.numero_completo(2016) == "OFICIO N.º 0123-2016-GRLL-GOB"
    assert d.acuerdos == cargar_configuracion().documentos.acuerdos  # lo demás, de configuracion.toml


@pytest.mark.parametrize(
    ("cambio", "fragmento"),
    [
        (lambda d: d["cuotas"].pop("priorizadas"), "cuotas.priorizadas: falta esta clave"),
        (lambda d: d["cuotas"].update(priorizadas="catorce"),
         "cuotas.priorizadas: debe ser un número entero; se encontró el texto «catorce»"),
        (lambda d: d["cuotas"].update(priorizadas=14.0),
         "cuotas.priorizadas: debe ser un número entero; se encontró 14.0"),
        (lambda d: d["cuotas"].update(seleccionadas=20),
         "cuotas.seleccionadas: no puede ser mayor que cuotas.priorizadas (20 > 14)"),
        (lambda d: d["cuotas"].update(fichas_por_gerencia=0),
         "cuotas.fichas_por_gerencia: debe ser un número mayor o igual que 1; se encontró 0"),
        (lambda d: d["cuotas"].update(fichas_por_gerencia=21),
         "cuotas.fichas_por_gerencia: debe ser un número menor o igual que 20"),
        (lambda d: d["cuotas"].update(priorizadas=71), "cuotas.priorizadas: (71) supera el total de fichas esperadas (70)"),
        (lambda d: d["gerencias"].append(dict(d["gerencias"][0])),
         "gerencias[15].codigo: el código «GRE» está repetido (ya aparece en el n.º 1)"),
        (lambda d: d["gerencias"][1].update(correo="sin-arroba"),
         "gerencias[2].correo: «sin-arroba» no parece un correo electrónico"),
        (lambda d: d["gerencias"][1].update(codigo="Salud Ñ"),
         "gerencias[2].codigo: «SALUD Ñ»: use solo letras sin tilde, números o guion bajo"),
        (lambda d: d.update(gerencias={"codigo": "GRE"}),
         "gerencias: debe ser una lista [ … ] (¿quiso escribir [[gerencias]] en lugar de [gerencias]?)"),
        (lambda d: d["gerencias"].__setitem__(0, "GRE"), "gerencias[1]: debe ser una sección [[gerencias]]"),
        (lambda d: d["calendario"].pop(), "calendario: faltan las etapas: IV"),
        (lambda d: d["calendario"][1].update(fin=d["calendario"][1]["inicio"].replace(day=1)),
         "calendario[2].fin: en la etapa II, el fin (2016-09-01) es anterior al inicio (2016-09-02)"),
        (lambda d: d["calendario"][2].update(inicio=date(2016, 9, 1), fin=date(2016, 9, 1)),
         "calendario[3].inicio: la etapa III empieza (2016-09-01) antes que la etapa II (2016-09-02)"),
        (lambda d: d["calendario"][3].update(etapa="II"), "calendario[4].etapa: la etapa «II» está repetido"),
        (lambda d: d["listas"].update(ambito=[]), "listas.ambito: debe tener al menos 1 elemento(s)"),
        (lambda d: d["listas"].update(ambito=["Trujillo", " Trujillo "]), "listas.ambito[2]: «Trujillo» está repetido"),
        (lambda d: d["listas"].update(ambito=["x" * 256]), "listas.ambito[1]: admite como máximo 255 caracteres"),
        (lambda d: d["listas"].update(ambito=["  "]), "listas.ambito[1]: está vacía"),
        (lambda d: d["limites"].update(presupuesto_maximo=-1),
         "limites.presupuesto_maximo: debe ser un número mayor que 0; se encontró -1"),
        (lambda d: d["limites"].update(tamanio_maximo_mb=math.inf),
         "limites.tamanio_maximo_mb: debe ser un número finito (no se admiten nan ni inf); se encontró inf"),
        (lambda d: d["limites"].update(tamanio_maximo_mb=500),
         "limites.tamanio_maximo_mb: debe ser un número menor o igual que 200"),
        (lambda d: d["proceso"].update(anio_siguiente=2020),
         "proceso.anio_siguiente: debe ser anio_actual + 1 (2017); se encontró 2020"),
        (lambda d: d["proceso"].update(anio_actual=True), "proceso.anio_actual: debe ser un número entero; se encontró true"),
        (lambda d: d["proceso"].update(ciudad=" "), "proceso.ciudad: está vacía"),
        (lambda d: d["valores_ogp"].append(dict(d["valores_ogp"][0])),
         "valores_ogp[5].clave: la clave «transparencia» está repetido"),
        (lambda d: [v.update(acompania=True) for v in d["valores_ogp"]],
         "valores_ogp: necesita al menos un valor con acompania = false"),
        (lambda d: d["valores_ogp"][0].update(acompania="false"),
         "valores_ogp[1].acompania: debe ser true o false, en minúsculas y sin comillas; se encontró el texto «false»"),
        (lambda d: d.pop("listas"), "listas: falta esta sección"),
    ],
)
def test_configuracion_incoherente_nombra_la_clave(datos_config, cambio, fragmento):
    cambio(datos_config)
    with pytest.raises(ErrorConfiguracion) as e:
        configuracion_desde_dict(datos_config)
    assert any(m.startswith(fragmento) for m in e.value.errores), e.value.errores


@pytest.mark.parametrize(
    ("cambio", "fragmento"),
    [
        (lambda p: p.update(agregacion="moda"), "priorizacion.agregacion: use «media» o «mediana»; se encontró «moda»"),
        (lambda p: p["criterios"][1].update(niveles=["uno"]),
         "priorizacion.criterios[2].niveles: debe tener un texto por cada punto de la escala (5 textos, de 1 a 5); tiene 1"),
        (lambda p: p["criterios"][1].update(escala_minima=0, escala_maxima=11),
         "priorizacion.criterios[2].escala_maxima: la escala debe ir de un entero a otro mayor, con 11 puntos "
         "como máximo (se encontró 0 a 11)"),
        (lambda p: p["criterios"][3].update(clave="relevancia"),
         "priorizacion.criterios[4].clave: la clave «relevancia» está repetido (ya aparece en el n.º 1)"),
        (lambda p: p["criterios"][0].update(clave="codigo"),
         "priorizacion.criterios[1].clave: «codigo»: use minúsculas sin tildes y guion bajo (y no «codigo»)"),
        (lambda p: p["criterios"][0].update(peso=1001), "priorizacion.criterios[1].peso: debe ser un número menor o igual que 1000"),
        (lambda p: p["grupos"][1].update(nombre=" grupo   1 "), "priorizacion.grupos[2].nombre: el grupo «grupo 1» está repetido"),
        (lambda p: p["grupos"][0].update(nombre="G" * 61), "priorizacion.grupos[1].nombre: admite como máximo 60 caracteres"),
        (lambda p: p.update(semilla=2**32), "priorizacion.semilla: debe ser un número menor que 4294967296"),
        (lambda p: p.update(umbral_estabilidad=0.4), "priorizacion.umbral_estabilidad: debe ser un número mayor o igual que 0.5"),
        (lambda p: p.update(grupos=[]), "priorizacion.grupos: debe tener al menos 1 elemento(s)"),
    ],
)
def test_priorizacion_incoherente(datos_config, cambio, fragmento):
    cambio(datos_config["priorizacion"])
    config = configuracion_desde_dict(datos_config)
    with pytest.raises(ErrorConfiguracion) as e:
        validar_secciones(config, ["priorizacion"])
    assert any(m.startswith(fragmento) for m in e.value.errores), e.value.errores


def test_documentos_incoherentes(datos_config):
    datos_config["comite"] = []
    datos_config["documentos"]["fecha_oficio"] = datetime(2016, 9, 29, 10, 0)
    datos_config["documentos"]["acuerdos_etapa_III"] = ["Aprobar", ""]
    del datos_config["documentos"]["destinatario"]["direccion"]
    config = configuracion_desde_dict(datos_config)
    with pytest.raises(ErrorConfiguracion) as e:
        validar_secciones(config, ["documentos"])
    assert e.value.errores == [
        "comite: debe tener al menos 1 elemento(s)",
        "documentos.fecha_oficio: debe ser una fecha AAAA-MM-DD, sin comillas ni hora; se encontró una fecha con "
        "hora (2016-09-29 10:00:00)",
        "documentos.acuerdos_etapa_III[2]: está vacía",
        "documentos.destinatario.direccion: falta esta clave",
    ]


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


# --- desde el archivo: líneas, todos los errores a la vez -----------------------------------------------


def _archivo(tmp_path: Path, *cambios: tuple[str, str], extra: str = "") -> Path:
    texto = TEXTO
    for viejo, nuevo in cambios:
        assert texto.count(viejo) == 1, viejo
        texto = texto.replace(viejo, nuevo)
    ruta = tmp_path / "configuracion.toml"
    ruta.write_text(texto + extra, encoding="utf-8")
    return ruta


def _linea(ruta: Path, texto: str) -> int:
    """La línea del archivo donde está `texto`, buscada a mano."""
    return next(n for n, linea in enumerate(ruta.read_text(encoding="utf-8").splitlines(), 1) if texto in linea)


def test_todos_los_errores_a_la_vez_con_clave_y_linea(tmp_path):
    ruta = _archivo(tmp_path, ("seleccionadas = 5", "seleccionadas = 5\nseleccionada = 3"),
                    ("inicio = 2016-09-21", "inicio = 2016-09-21T10:00:00"),
                    ("tamanio_maximo_mb = 10", "tamanio_maximo_mb = nan"),
                    ("peso = 20", "peso = 0"),
                    ("perturbaciones = 1000", "perturbaciones = 1_000_000_000_000"),
                    ("excluir_propia_gerencia = true", 'excluir_propia_gerencia = "true"'),
                    ("# fecha_oficio = 2016-09-29", "fecha_ofico = 2016-09-29"))
    with pytest.raises(ErrorConfiguracion) as e:
        cargar_configuracion(ruta)
    assert e.value.errores == [
        f"cuotas.seleccionada (línea {_linea(ruta, 'seleccionada = 3')}): clave desconocida; "
        "¿quiso decir «seleccionadas»?",
        f"limites.tamanio_maximo_mb (línea {_linea(ruta, 'tamanio_maximo_mb')}): debe ser un número finito "
        "(no se admiten nan ni inf); se encontró nan",
        f"calendario[3].inicio (línea {_linea(ruta, 'T10:00')}): debe ser una fecha AAAA-MM-DD, sin comillas ni "
        "hora; se encontró una fecha con hora (2016-09-21 10:00:00)",
    ]
    assert str(e.value).startswith("3 errores en «configuracion.toml»:\n  - cuotas.seleccionada")
    revision = revisar_configuracion(ruta)
    assert revision.config is None and revision.resumen == []
    assert revision.errores[3:] == [
        f"priorizacion.excluir_propia_gerencia (línea {_linea(ruta, 'excluir_propia')}): debe ser true o false, "
        "en minúsculas y sin comillas; se encontró el texto «true»",
        f"priorizacion.perturbaciones (línea {_linea(ruta, 'perturbaciones =')}): debe ser un número menor o "
        "igual que 100000; se encontró 1000000000000",
        f"priorizacion.criterios[2].peso (línea {_linea(ruta, 'peso = 0')}): debe ser un número mayor que 0; "
        "se encontró 0",
        f"documentos.fecha_ofico (línea {_linea(ruta, 'fecha_ofico')}): clave desconocida; ¿quiso decir "
        "«fecha_oficio»?",
    ]


def test_seccion_desconocida_al_cargar(tmp_path):
    ruta = _archivo(tmp_path, extra="\n[valores]\nclave = 1\n")
    with pytest.raises(ErrorConfiguracion) as e:
        cargar_configuracion(ruta)
    assert e.value.errores == [f"valores (línea {_linea(ruta, '[valores]')}): clave desconocida; "
                               "¿quiso decir «valores_ogp»?"]


def test_clave_sin_parecido_lista_las_validas(tmp_path):
    ruta = _archivo(tmp_path, ('direccion = "1110', 'zzz = 1\ndireccion = "1110'))
    with pytest.raises(ErrorConfiguracion) as e:
        validar_secciones(cargar_configuracion(ruta), ["documentos"])
    assert e.value.errores == [f"documentos.destinatario.zzz (línea {_linea(ruta, 'zzz')}): clave desconocida; "
                               "las claves válidas aquí son: nombre, cargo, direccion"]


def test_un_error_en_documentos_no_detiene_otros_comandos(tmp_path, capsys):
    ruta = _archivo(tmp_path, ("# fecha_oficio = 2016-09-29", "fecha_ofico = 2016-09-29"))
    config = cargar_configuracion(ruta)  # el núcleo está bien
    assert config.priorizacion.cuota == 14
    validar_secciones(config, ["proceso", "gerencias", "priorizacion"])
    with pytest.raises(ErrorConfiguracion, match=r"documentos\.fecha_ofico"):
        validar_secciones(config, ["comite"])
    carpeta = tmp_path / "p"
    carpeta.mkdir()
    assert main(["--config", str(ruta), "--carpeta", str(carpeta), "plantillas", "--gerencia", "GRE"]) == 0
    (carpeta / "entradas" / "fichas").mkdir(parents=True, exist_ok=True)
    (carpeta / "entradas" / "fichas" / "fichas_GRE.xlsx").write_bytes(
        (carpeta / "plantillas_excel" / "fichas_GRE.xlsx").read_bytes())  # una plantilla sin llenar
    assert main(["--config", str(ruta), "--carpeta", str(carpeta), "consolidar"]) == 1
    assert "Error de configuración" not in capsys.readouterr().err
    assert main(["--config", str(ruta), "--carpeta", str(carpeta), "documentos"]) == 2
    assert f"documentos.fecha_ofico (línea {_linea(ruta, 'fecha_ofico')})" in capsys.readouterr().err


def test_lineas_de_claves_y_secciones():
    texto = ('a = 1\n[b]\nc = [\n  "x]", # ]\n  2,\n]\nd.e = """\n[no]\nf = 1\n"""\n[[b.g]]\nh = {i = 1}\n'
             "[[b.g]]\n'h' = 2\n[b.g.j]\nk = 3\n[[l]]\n")
    assert lineas_toml(texto) == {"a": 1, "b": 2, "b.c": 3, "b.d": 7, "b.d.e": 7, "b.g": 11, "b.g[1]": 11,
                                  "b.g[1].h": 12, "b.g[2]": 13, "b.g[2].h": 14, "b.g[2].j": 15,
                                  "b.g[2].j.k": 16, "l": 17, "l[1]": 17}


# --- el archivo en sí: formato, codificación ----------------------------------------------------------


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("[proceso\nnombre = 1", "«c.toml», línea 1, columna 9: el formato TOML no es válido: falta «]» al final "
                                 "del encabezado de la sección."),
        ("a = 1\na = 2\n", "«c.toml», línea 2, columna 6: el formato TOML no es válido: la clave ya tiene un valor: "
                           "está repetida."),
        ("a = tru\n", "«c.toml», línea 1, columna 5: el formato TOML no es válido: valor no válido: los textos van "
                      "entre comillas; los números y las fechas, sin ellas; true y false, en minúsculas."),
        ("x = 1\na = [1, 2\nb = 3\n", "«c.toml», línea 3, columna 1: el formato TOML no es válido: una lista [ … ] "
                                      "no está cerrada (¿falta «]» o una coma?)."),
        ('a = "sin cerrar', "«c.toml», al final del archivo: el formato TOML no es válido: un texto no está "
                            "cerrado: falta la comilla final."),
        ("a = 1 b\n", "«c.toml», línea 1, columna 7: el formato TOML no es válido: sobra texto después del valor "
                      "(¿falta un salto de línea o un # antes del comentario?)."),
    ],
)
def test_error_de_formato_toml_en_castellano(tmp_path, texto, mensaje):
    ruta = tmp_path / "c.toml"
    ruta.write_text(texto, encoding="utf-8")
    with pytest.raises(ErrorConfiguracion) as e:
        cargar_configuracion(ruta)
    assert str(e.value) == mensaje


def test_archivo_inexistente_con_bom_y_en_otra_codificacion(tmp_path, config):
    with pytest.raises(ErrorConfiguracion, match="No se encontró"):
        cargar_configuracion(tmp_path / "no_existe.toml")
    con_bom = tmp_path / "bom.toml"
    con_bom.write_bytes(b"\xef\xbb\xbf" + TEXTO.encode("utf-8"))
    assert cargar_configuracion(con_bom).gerencias == config.gerencias
    latin = tmp_path / "latin.toml"
    latin.write_bytes(TEXTO.split("—")[0].encode("latin-1"))
    with pytest.raises(ErrorConfiguracion, match=r"«latin\.toml» no está en UTF-8 \(véase la línea 1"):
        cargar_configuracion(latin)
    utf16 = tmp_path / "utf16.toml"
    utf16.write_bytes(TEXTO.encode("utf-16"))
    with pytest.raises(ErrorConfiguracion, match=r"«utf16\.toml» está en UTF-16: guárdelo como UTF-8"):
        cargar_configuracion(utf16)


# --- revisión completa y línea de comandos -------------------------------------------------------------


def test_revisar_configuracion_del_proyecto():
    revision = revisar_configuracion()
    assert revision.errores == [] and revision.config is not None
    texto = "\n".join(revision.resumen)
    for fragmento in ("Gerencias (14): GRE, GERESA,", "Etapa II: Formulación de las iniciativas de Gobierno "
                      "Abierto, del 02/09/2016 al 19/09/2016", "Cuotas: 5 fichas por gerencia (70 en total); 14 "
                      "priorizadas; 5 seleccionadas.", "Relevancia para los valores de Gobierno Abierto: peso 30 "
                      "(30%), escala 1 a 5", "Grupo 5: 4 integrantes; gerencias GRAD, GRCTI",
                      "Comité: 5 miembros.", "documentos.fecha_oficio no está",
                      "sin nombre: Gobernador Regional de La Libertad (documentos.oficio.firmante_nombre)"):
        assert fragmento in texto


def test_comando_configuracion(tmp_path, capsys):
    assert main(["configuracion"]) == 0
    assert "La configuración no tiene errores." in capsys.readouterr().out
    ruta = _archivo(tmp_path, ('agregacion = "media"', 'agregacion = "moda"'))
    assert main(["--config", str(ruta), "configuracion"]) == 2
    salida = capsys.readouterr()
    assert "[priorizacion] tiene errores" in salida.out
    assert f"priorizacion.agregacion (línea {_linea(ruta, 'moda')}): use «media» o «mediana»" in salida.err


# --- ningún valor hace caer el programa ni deja un mensaje en inglés --------------------------------------


def _hojas(valor, ruta=()):
    if isinstance(valor, dict):
        return [h for k, v in valor.items() for h in _hojas(v, (*ruta, k))]
    if isinstance(valor, list):
        return [h for i, v in enumerate(valor) for h in _hojas(v, (*ruta, i))]
    return [ruta]


HOJAS = _hojas(leer_toml(RUTA_PREDETERMINADA)[0])
VALORES = st.sampled_from(["", "texto", "true", 0, -1, 10**12, 2**70, 1.5, math.nan, -math.inf, True,
                           date(2016, 1, 1), datetime(2016, 1, 1, 8), [], ["x"], {}, {"zz": 1}])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hoja=st.sampled_from(HOJAS), valor=VALORES)
def test_cualquier_valor_da_errores_en_castellano(hoja, valor):
    datos = leer_toml(RUTA_PREDETERMINADA)[0]
    destino = datos
    for parte in hoja[:-1]:
        destino = destino[parte]
    destino[hoja[-1]] = valor
    try:
        validar_secciones(configuracion_desde_dict(datos), SECCIONES)
    except ErrorConfiguracion as e:
        for mensaje in e.errores:
            assert "valor no válido" not in mensaje and "Input" not in mensaje and "Field" not in mensaje
            assert re.match(r"[a-z_]+", mensaje).group() in SECCIONES, mensaje
