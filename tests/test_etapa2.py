"""De punta a punta: plantillas llenas → consolidar → libro consolidado, celda por celda."""

import random
from datetime import date

import openpyxl
import pytest
import python_calamine

from gobierno_abierto.demo import datos as D
from gobierno_abierto.etapa2.consolidado import leer_consolidado
from gobierno_abierto.etapa2.escritura import columnas_fichas
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo import esquema as E
from gobierno_abierto.nucleo.observaciones import Codigo
from tests.conftest import fecha_en_plazo, huella


def _hoja(ruta, nombre):
    return python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(nombre).to_python()


def test_consolidado_celda_por_celda(config, rutas, escribir_envio):
    for g in config.gerencias:
        escribir_envio(g.codigo)
    antes = huella(rutas.entradas_fichas)
    resumen = consolidar(config, rutas)
    assert resumen.codigo_salida == 0, resumen.texto()
    assert huella(rutas.entradas_fichas) == antes

    filas = _hoja(rutas.consolidado, "Fichas")
    columnas = columnas_fichas(config)
    assert filas[0][:len(columnas)] == [etiqueta for _, etiqueta, _ in columnas]
    # después de la cabecera, separada por una columna vacía, la nota que manda a la hoja para imprimir
    assert filas[0][len(columnas)] == "" and "«Fichas (para imprimir)»" in filas[0][len(columnas) + 1]
    assert len(filas) == 1 + 70
    indice = {clave: i for i, (clave, _, _) in enumerate(columnas)}
    for g in config.gerencias:
        esperado = D.libro_lleno(config, g, random.Random(f"7-{g.codigo}"))
        for n in range(1, 6):
            fila = next(f for f in filas if f[0] == f"{g.codigo}-{n}")
            assert fila[indice["gerencia"]] == g.nombre
            assert fila[indice["estado"]] == "válida"
            for c in E.campos_ficha(config):
                valor = esperado[E.nombre_ficha(n, c.clave)]
                assert fila[indice[c.clave]] == valor, (g.codigo, n, c.clave)

    estado = _hoja(rutas.consolidado, "Estado")
    assert [f[2] for f in estado[1:]] == ["Sí"] * 14
    assert all(f[6] == "A tiempo" for f in estado[1:])
    assert _hoja(rutas.consolidado, "Observaciones")[1:] == []
    assert sorted(p.name for p in rutas.observaciones.iterdir()) == sorted(
        f"{g.codigo}.xlsx" for g in config.gerencias)


def test_errores_quedan_como_observaciones_con_coordenadas(config, rutas, escribir_envio):
    escribir_envio("GRE", {"ficha3_descripcion": None,
                           E.nombre_ficha(2, E.PRESUPUESTO_ANIO_ACTUAL): "S/ 1,250,000.00",
                           E.nombre_ficha(4, E.PRESUPUESTO_ANIO_SIGUIENTE): "aprox. cien mil",
                           "ficha1_ambito": "Trujilo",
                           "ficha5_nombre_actividad": "x" * 250})
    resumen = consolidar(config, rutas)
    assert resumen.codigo_salida == 1
    obs = _hoja(rutas.consolidado, "Observaciones")
    cabecera = obs[0]
    filas = [dict(zip(cabecera, f, strict=True)) for f in obs[1:] if f[0] == "GRE"]
    codigos = {(f["Ficha"], f["Hoja"], f["Código"]) for f in filas}
    assert ("GRE-3", "Ficha 3", Codigo.CAMPO_OBLIGATORIO.value) in codigos
    assert ("GRE-4", "Ficha 4", Codigo.NO_ES_NUMERO.value) in codigos
    assert ("GRE-1", "Ficha 1", Codigo.FUERA_DE_LISTA.value) in codigos
    assert ("GRE-5", "Ficha 5", Codigo.TEXTO_LARGO.value) in codigos
    assert all(f["Celda"].startswith("C") for f in filas if f["Ficha"])
    # el monto con formato peruano se leyó bien
    consolidado = leer_consolidado(rutas.consolidado, config)
    assert consolidado.ficha("GRE-2")[E.PRESUPUESTO_ANIO_ACTUAL] == 1250000.0
    # el libro de la gerencia trae solo sus observaciones
    propias = _hoja(rutas.observaciones / "GRE.xlsx", "Observaciones")
    assert any("aprox. cien mil" in str(f) for f in propias)
    assert not any("GERESA" in str(f) for f in propias)


def test_faltan_fichas_repetidas_tarde_y_reemplazo(config, rutas, escribir_envio):
    vacias = {f"ficha5_{c.clave}": None for c in E.campos_ficha(config)}
    escribir_envio("GRE", vacias)
    escribir_envio("GERESA", {"ficha4_nombre_actividad": "  portal   de transparencia  "
                              , "ficha2_nombre_actividad": "Portal de Transparencia"})
    escribir_envio("GRAG", fecha=fecha_en_plazo(config, -3))
    escribir_envio("GRTC", {"ficha1_descripcion": None}, nombre="primero.xlsx", fecha=fecha_en_plazo(config, 5))
    escribir_envio("GRTC", nombre="segundo.xlsx", fecha=fecha_en_plazo(config, 2))
    consolidar(config, rutas)
    obs = [dict(zip(_hoja(rutas.consolidado, "Observaciones")[0], f, strict=True))
           for f in _hoja(rutas.consolidado, "Observaciones")[1:]]
    por_codigo = {(o["Gerencia"], o["Código"]) for o in obs}
    assert ("GRE", "fichas_incompletas") in por_codigo
    assert ("GERESA", "actividad_repetida") in por_codigo
    assert ("GRAG", "envio_fuera_de_plazo") in por_codigo
    assert ("GRTC", "envio_reemplazado") in por_codigo
    assert ("GRTC", "campo_obligatorio") not in por_codigo  # el primero fue reemplazado
    assert ("GRAMB", "gerencia_sin_envio") in por_codigo
    estado = {f[0]: f for f in _hoja(rutas.consolidado, "Estado")[1:]}
    assert estado["GRE"][10] == 1  # fichas faltantes
    assert estado["GRAG"][6] == "Fuera de plazo"
    assert estado["GRTC"][3] == "segundo.xlsx"
    assert estado["GRTC"][7] == 2
    assert estado["GRAMB"][2] == "No"


def test_texto_de_usuario_nunca_es_formula(config, rutas, escribir_envio):
    escribir_envio("GRE", {"ficha1_descripcion": "=1+1", "ficha2_descripcion": "+51 999 888 777",
                           "ficha3_descripcion": "@usuario", "ficha4_descripcion": "http://ejemplo.pe"})
    consolidar(config, rutas)
    hoja = openpyxl.load_workbook(rutas.consolidado)["Fichas"]
    textos = {hoja.cell(f, 1).value: hoja.cell(f, 6) for f in range(2, hoja.max_row + 1)}
    assert textos["GRE-1"].value == "=1+1" and textos["GRE-1"].data_type == "s"
    assert textos["GRE-2"].data_type == "s"
    assert textos["GRE-4"].hyperlink is None


def test_reuniones_y_participantes_para_el_acta(config, rutas, escribir_envio):
    escribir_envio("GRE")
    consolidar(config, rutas)
    consolidado = leer_consolidado(rutas.consolidado, config)
    reunion = consolidado.reuniones["GRE"]
    esperado = D.libro_lleno(config, config.gerencia("GRE"), random.Random("7-GRE"))
    assert reunion.fecha == esperado["reunion_fecha"]
    assert isinstance(reunion.fecha, date)
    assert reunion["reunion_lugar"] == esperado["reunion_lugar"]
    assert reunion.participantes[0].nombre == esperado["participante1_nombre"]
    assert reunion.completa
    assert len(consolidado.validas()) == 5


def test_reejecutar_da_los_mismos_bytes(config, rutas, escribir_envio):
    escribir_envio("GRE", {"ficha1_ambito": "Trujilo"})
    escribir_envio("GERESA")
    consolidar(config, rutas)
    primero = huella(rutas.salidas)
    consolidar(config, rutas)
    assert huella(rutas.salidas) == primero


def test_salida_anterior_intacta_si_la_escritura_falla(config, rutas, escribir_envio, monkeypatch):
    escribir_envio("GRE")
    consolidar(config, rutas)
    antes = rutas.consolidado.read_bytes()
    escribir_envio("GERESA")

    from gobierno_abierto.etapa2 import escritura as modulo

    def falla(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(modulo, "_hoja_participantes", falla)
    with pytest.raises(KeyboardInterrupt):
        consolidar(config, rutas)
    assert rutas.consolidado.read_bytes() == antes
    assert not [p for p in rutas.salidas.iterdir() if p.name.endswith(".tmp")]


def test_correo_de_otra_gerencia_se_advierte(config, rutas, escribir_envio, tmp_path):
    from gobierno_abierto.demo.correo import correo_con_adjunto

    adjunto = escribir_envio("GRE", carpeta=tmp_path)
    eml = correo_con_adjunto(config.gerencia("GERESA").correo, config.correo_coordinacion,
                             fecha_en_plazo(config), "Fichas", "fichas.xlsx", adjunto.read_bytes(), "Adjunto")
    (rutas.entradas_fichas / "correo.eml").write_bytes(eml)
    consolidar(config, rutas)
    obs = _hoja(rutas.consolidado, "Observaciones")
    fila = next(f for f in obs if f[-1] == Codigo.GERENCIA_OTRO_REMITENTE.value)
    assert fila[0] == "GRE"
    assert fila[1] == "correo.eml › fichas.xlsx"
    assert "Gerencia Regional de Salud" in fila[8]
    estado = {f[0]: f for f in _hoja(rutas.consolidado, "Estado")[1:]}
    assert estado["GRE"][5] == "correo: Date"


def test_tablas_de_excel_se_leen_por_nombre(tmp_path):
    import xlsxwriter

    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.libro import abrir_libro

    ruta = tmp_path / "tabla.xlsx"
    libro = xlsxwriter.Workbook(ruta)
    hoja = libro.add_worksheet("Datos")
    hoja.add_table(0, 0, 2, 1, {"name": "seleccion", "columns": [{"header": "codigo"}, {"header": "x"}],
                                "data": [["GRE-1", 1], ["GRE-2", 2]]})
    libro.close()
    documentos, _ = recibir_archivo(ruta, 10 << 20)
    leido = abrir_libro(documentos[0])
    assert leido.tabla("seleccion") is not None
    assert leido.tabla("no_existe") is None


def test_sin_contraparte_de_la_sociedad_civil_es_error(config, rutas, escribir_envio):
    """El acta de la Etapa II la firman la gerencia y su sociedad civil: sin representantes ni fecha
    de la reunión es un error de la gerencia (las fichas se consolidan igual); sin lugar, advertencia."""
    sin_nadie = {E.nombre_participante(i, c.clave): None for i in range(1, E.MAX_PARTICIPANTES + 1)
                 for c in E.CAMPOS_PARTICIPANTE}
    escribir_envio("GRE", sin_nadie)
    escribir_envio("GERESA", {"reunion_fecha": None, "reunion_lugar": None})
    escribir_envio("GRAG")
    resumen = consolidar(config, rutas)
    assert resumen.codigo_salida == 1
    obs = [dict(zip(_hoja(rutas.consolidado, "Observaciones")[0], f, strict=True))
           for f in _hoja(rutas.consolidado, "Observaciones")[1:]]
    acta = sorted((o["Gerencia"], o["Severidad"], o["Código"]) for o in obs if o["Hoja"] == "Reunión")
    assert acta == [("GERESA", "advertencia", Codigo.ACTA_INCOMPLETA.value),
                    ("GERESA", "error", Codigo.ACTA_SIN_CONTRAPARTE.value),
                    ("GRE", "error", Codigo.ACTA_SIN_CONTRAPARTE.value)]
    mensajes = {o["Gerencia"]: o["Qué corregir"] for o in obs if o["Código"] == Codigo.ACTA_SIN_CONTRAPARTE.value}
    assert "ningún representante de la sociedad civil" in mensajes["GRE"]
    assert "la fecha de la reunión" in mensajes["GERESA"] and "ningún representante" not in mensajes["GERESA"]
    assert len(leer_consolidado(rutas.consolidado, config).validas()) == 15  # las fichas valen igual
    estado = {f[0]: f for f in _hoja(rutas.consolidado, "Estado")[1:]}
    assert estado["GRE"][14] == "Con errores por corregir" and estado["GRAG"][14] == "Completo"


def test_una_descripcion_de_cientos_de_lineas_no_pasa_el_alto_maximo_de_excel(config, rutas, escribir_envio):
    """Una descripción válida de 700 líneas cortas: en «Fichas (para imprimir)» su fila llega al alto
    máximo de Excel (409 puntos) y no a miles, que Excel no admite y LibreOffice corta al imprimir."""
    import re
    import zipfile

    escribir_envio("GRE", {"ficha1_descripcion": "Padrón abierto." + "\n-" * 700})
    consolidar(config, rutas)
    with zipfile.ZipFile(rutas.consolidado) as z:
        nombres = re.findall(rb'<sheet name="([^"]+)"', z.read("xl/workbook.xml"))
        indice = nombres.index(b"Fichas (para imprimir)") + 1
        altos = [float(a) for a in re.findall(rb' ht="([0-9.]+)"', z.read(f"xl/worksheets/sheet{indice}.xml"))]
    assert 400 < max(altos) <= 409  # xlsxwriter lo guarda en píxeles: 408.75
