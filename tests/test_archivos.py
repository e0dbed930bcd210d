"""Archivos hostiles o equivocados (issue 2, punto 5): cada uno deja su observación, el resto se consolida,
la carpeta de entrada queda intacta y el consolidado se escribe."""

from __future__ import annotations

import io
import os
import subprocess
import time
import tracemalloc
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
import python_calamine
import xlsxwriter

from gobierno_abierto.demo.correo import correo_con_adjunto
from gobierno_abierto.etapa2.escritura import COLUMNAS_OBSERVACIONES
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo.configuracion import configuracion_desde_dict
from tests.conftest import fecha_en_plazo, huella, zip_en_memoria

BUENA = "GERESA"  # gerencia cuyo envío correcto acompaña a cada archivo hostil


def _observaciones(ruta: Path) -> list[dict]:
    filas = python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Observaciones").to_python()
    assert tuple(filas[0]) == COLUMNAS_OBSERVACIONES
    return [dict(zip(filas[0], f, strict=True)) for f in filas[1:]]


def _codigos_fichas(ruta: Path) -> set[str]:
    filas = python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name("Fichas").to_python()
    return {str(f[0]) for f in filas[1:] if f and f[0]}


def _consolidar_con(config, rutas, escribir_envio, preparar) -> list[dict]:
    """Escribe un envío bueno, deja el archivo hostil con `preparar`, consolida y comprueba lo común."""
    escribir_envio(BUENA)
    preparar(rutas.entradas_fichas)
    antes = huella(rutas.entradas_fichas)
    consolidar(config, rutas)
    assert huella(rutas.entradas_fichas) == antes
    assert rutas.consolidado.exists()
    assert {f"{BUENA}-{n}" for n in range(1, 6)} <= _codigos_fichas(rutas.consolidado)
    return _observaciones(rutas.consolidado)


def _una(obs: list[dict], codigo: str, archivo: str) -> dict:
    hallada = [o for o in obs if o["Código"] == codigo and o["Archivo"] == archivo]
    assert len(hallada) == 1, [(o["Archivo"], o["Código"]) for o in obs]
    return hallada[0]


def test_archivo_vacio(config, rutas, escribir_envio):
    obs = _consolidar_con(config, rutas, escribir_envio, lambda c: (c / "vacio.xlsx").write_bytes(b""))
    o = _una(obs, "archivo_vacio", "vacio.xlsx")
    assert o["Severidad"] == "error" and "vacío" in o["Qué corregir"]


def test_xlsx_truncado(config, rutas, escribir_envio, tmp_path):
    entero = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "truncado.xlsx").write_bytes(entero[: len(entero) // 2]))
    o = _una(obs, "archivo_danado", "truncado.xlsx")
    assert "dañado" in o["Qué corregir"]
    assert not any(o["Gerencia"] == "GRE" and o["Código"] != "gerencia_sin_envio" for o in obs)


def test_xlsx_con_contrasena(config, rutas, escribir_envio, tmp_path):
    """Cifrado de verdad con msoffcrypto-tool (OOXMLFile.encrypt, ECMA-376 agile)."""
    claro = escribir_envio("GRE", carpeta=tmp_path)
    cifrado = io.BytesIO()
    with claro.open("rb") as f:
        msoffcrypto.OfficeFile(f).encrypt("secreto", cifrado)
    assert msoffcrypto.OfficeFile(io.BytesIO(cifrado.getvalue())).is_encrypted()
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "protegido.xlsx").write_bytes(cifrado.getvalue()))
    o = _una(obs, "archivo_con_contrasena", "protegido.xlsx")
    assert "contraseña" in o["Qué corregir"]


def test_xls_antiguo(config, rutas, escribir_envio, tmp_path, soffice):
    claro = escribir_envio("GRE", carpeta=tmp_path)
    salida = tmp_path / "xls"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'perfil').as_uri()}", "--headless",
                    "--convert-to", "xls", "--outdir", str(salida), str(claro)],
                   check=True, capture_output=True, timeout=120)
    xls = salida / "fichas_GRE.xls"
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "antiguo.xls").write_bytes(xls.read_bytes()))
    o = _una(obs, "formato_xls_antiguo", "antiguo.xls")
    assert "Guardar como" in o["Qué corregir"] and "(.xlsx)" in o["Qué corregir"]


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return b.getvalue()


@pytest.mark.parametrize(("contenido", "tipo"), [(_pdf, "es un PDF"), (_png, "es una imagen"),
                                                  (_docx, "es un documento de Word")], ids=["pdf", "png", "docx"])
def test_no_es_hoja_de_calculo(config, rutas, escribir_envio, contenido, tipo):
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "renombrado.xlsx").write_bytes(contenido()))
    assert [o for o in obs if o["Archivo"] == "renombrado.xlsx"] == [_una(obs, "no_es_hoja_de_calculo",
                                                                          "renombrado.xlsx")]
    o = _una(obs, "no_es_hoja_de_calculo", "renombrado.xlsx")
    assert o["Severidad"] == "error" and tipo in o["Qué corregir"]


def _bomba(ruta: Path, megas: int = 300) -> None:
    """Un .xlsx pequeño cuya hoja descomprime a `megas` MB, escrito por trozos (sin tenerlo en memoria)."""
    trozo = b'<row><c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c></row>"
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b"<worksheet><sheetData>")
            for _ in range(megas * 1024 * 1024 // len(trozo)):
                f.write(trozo)
            f.write(b"</sheetData></worksheet>")


def test_bomba_de_descompresion(config, rutas, escribir_envio, tmp_path):
    bomba = tmp_path / "bomba.xlsx"
    _bomba(bomba)
    assert bomba.stat().st_size < 2 * 1024 * 1024
    from gobierno_abierto.entrada.archivos import recibir_archivo

    tracemalloc.start()
    inicio = time.perf_counter()
    documentos, obs_directas = recibir_archivo(bomba, config.tamanio_maximo_bytes)
    segundos = time.perf_counter() - inicio
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not documentos
    assert [o.codigo.value for o in obs_directas] == ["archivo_descomprime_demasiado"]
    assert segundos < 2 and pico < 50 * 1024 * 1024

    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "bomba.xlsx").write_bytes(bomba.read_bytes()))
    assert "no se abrió" in _una(obs, "archivo_descomprime_demasiado", "bomba.xlsx")["Qué corregir"]


def _mentir_tamanio(ruta: Path, miembro: str, declarado: int) -> None:
    """Escribe `declarado` como tamaño descomprimido de `miembro` en el directorio central y en la
    cabecera local: el ZIP dice que la parte es pequeña, pero al descomprimirla se expande igual."""
    datos = bytearray(ruta.read_bytes())
    nombre = miembro.encode()
    for firma, campo in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        inicio = 0
        while (inicio := datos.find(firma, inicio)) >= 0:
            desde_nombre = inicio + (46 if firma == b"PK\x01\x02" else 30)
            if datos[desde_nombre:desde_nombre + len(nombre)] == nombre:
                datos[inicio + campo:inicio + campo + 4] = declarado.to_bytes(4, "little")
            inicio += 4
    ruta.write_bytes(bytes(datos))


def test_zip_que_miente_sobre_su_tamanio(config, rutas, escribir_envio, tmp_path):
    """El directorio del ZIP lo escribe quien envía: una hoja que declara 4 KB y se expande a 80 MB
    pasa la revisión de lo declarado, pero no la de lo que de verdad se expande."""
    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.comprimidos import MAX_DESCOMPRIMIDO, revisar_zip

    bomba = tmp_path / "mentira.xlsx"
    _bomba(bomba, megas=80)
    _mentir_tamanio(bomba, "xl/worksheets/sheet1.xml", 4000)
    with zipfile.ZipFile(bomba) as z:
        infos = z.infolist()
    assert sum(i.file_size for i in infos) < 10_000 < 80 << 20 > MAX_DESCOMPRIMIDO
    assert revisar_zip(infos, "mentira.xlsx") is None  # lo declarado pasa

    tracemalloc.start()
    documentos, obs = recibir_archivo(bomba, config.tamanio_maximo_bytes)
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not documentos
    assert [(o.archivo, o.codigo.value) for o in obs] == [("mentira.xlsx", "archivo_descomprime_demasiado")]
    assert "más de 64,0 MB" in obs[0].mensaje
    assert pico < 8 * 1024 * 1024  # se cuenta por trozos, sin juntar lo expandido

    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "mentira.xlsx").write_bytes(bomba.read_bytes()))
    assert _una(obs, "archivo_descomprime_demasiado", "mentira.xlsx")["Severidad"] == "error"


def test_una_plantilla_normal_pasa_la_revision_del_zip(config, escribir_envio):
    """La revisión por lo que se expande deja pasar la plantilla llena y cuesta poco (la cifra de
    referencia está en benchmarks/bench_lectura_hostil.py)."""
    from gobierno_abierto.entrada.archivos import recibir_archivo
    from gobierno_abierto.entrada.comprimidos import revisar_inflado

    ruta = escribir_envio("GRE")
    documentos, obs = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert obs == [] and len(documentos) == 1
    datos = ruta.read_bytes()
    with zipfile.ZipFile(io.BytesIO(datos)) as z:
        infos = z.infolist()
    assert revisar_inflado(datos, infos, ruta.name) is None  # su costo se mide en el banco de pruebas


def test_subcarpetas_se_leen_y_se_nombran(config, rutas, escribir_envio):
    """Un envío guardado en una subcarpeta cuenta, y se nombra con ella; las carpetas ocultas no."""
    from gobierno_abierto.entrada.archivos import recibir

    for carpeta, codigo in (("GRE", "GRE"), ("anteriores/2016", "GRDS"), (".oculta", "GRAG"), ("__MACOSX", "GRAMB")):
        destino = rutas.entradas_fichas / carpeta
        destino.mkdir(parents=True)
        escribir_envio(codigo, carpeta=destino)
    escribir_envio("GRTC")
    recepcion = recibir(rutas.entradas_fichas, config.tamanio_maximo_bytes)
    assert [d.archivo for d in recepcion.documentos] == [
        "anteriores/2016/fichas_GRDS.xlsx", "fichas_GRTC.xlsx", "GRE/fichas_GRE.xlsx"]
    (rutas.entradas_fichas / "GRE" / "vacio.xlsx").write_bytes(b"")
    obs = _consolidar_con(config, rutas, escribir_envio, lambda c: None)
    assert _una(obs, "archivo_vacio", "GRE/vacio.xlsx")["Severidad"] == "error"
    assert {f"GRE-{n}" for n in range(1, 6)} | {"GRDS-1", "GRTC-1"} <= _codigos_fichas(rutas.consolidado)


def test_archivo_sobre_el_tope(config, datos_config, rutas, escribir_envio):
    datos_config["limites"]["tamanio_maximo_mb"] = 0.05
    chica = configuracion_desde_dict(datos_config)
    grande = os.urandom(80 * 1024)
    obs = _consolidar_con(chica, rutas, escribir_envio, lambda c: (c / "grande.xlsx").write_bytes(grande))
    o = _una(obs, "archivo_demasiado_grande", "grande.xlsx")
    assert "el máximo es" in o["Qué corregir"]


def test_libro_que_no_es_la_plantilla(config, rutas, escribir_envio):
    def preparar(c: Path) -> None:
        libro = xlsxwriter.Workbook(str(c / "otro.xlsx"))
        libro.add_worksheet("Datos").write_row(0, 0, ["Actividad", "Presupuesto"])
        libro.close()

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    assert _una(obs, "no_es_la_plantilla", "otro.xlsx")["Severidad"] == "error"


def test_plantilla_de_version_antigua(config, rutas, escribir_envio, tmp_path):
    def preparar(c: Path) -> None:
        escribir_envio("GRE", nombre="viejo.xlsx", control={"plantilla_version": "0.1"})

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    assert _una(obs, "plantilla_version_antigua", "viejo.xlsx")["Severidad"] in {"error", "advertencia"}


@pytest.mark.parametrize(("valor", "codigo"), [("XYZ", "codigo_gerencia_desconocido"),
                                                (None, "codigo_gerencia_faltante")])
def test_codigo_de_gerencia_desconocido_o_faltante(config, rutas, escribir_envio, valor, codigo):
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: escribir_envio("GRE", {"codigo_gerencia": valor}, nombre="sin_codigo.xlsx"))
    o = _una(obs, codigo, "sin_codigo.xlsx")
    assert o["Hoja"] and o["Celda"]
    assert not any(f.startswith("GRE-") for f in _codigos_fichas(rutas.consolidado))


def test_gerencia_por_remitente_del_correo(config, rutas, escribir_envio, tmp_path):
    adjunto = escribir_envio("GRE", {"codigo_gerencia": None}, carpeta=tmp_path)

    def preparar(c: Path) -> None:
        eml = correo_con_adjunto(config.gerencia("GRE").correo, config.correo_coordinacion,
                                 fecha_en_plazo(config), "Fichas", "fichas.xlsx", adjunto.read_bytes(), "Adjunto")
        (c / "correo.eml").write_bytes(eml)

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    o = _una(obs, "gerencia_identificada_por_correo", "correo.eml › fichas.xlsx")
    assert o["Gerencia"] == "GRE"
    assert {f"GRE-{n}" for n in range(1, 6)} <= _codigos_fichas(rutas.consolidado)


def test_correo_sin_adjunto(config, rutas, escribir_envio):
    def preparar(c: Path) -> None:
        from email.message import EmailMessage

        m = EmailMessage()
        m["From"] = config.gerencia("GRE").correo
        m["To"] = config.correo_coordinacion
        m["Subject"] = "Fichas"
        m.set_content("Olvidé adjuntar el archivo.")
        (c / "olvido.eml").write_bytes(bytes(m))

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    assert _una(obs, "correo_sin_adjunto", "olvido.eml")["Severidad"] == "error"


def test_adjunto_con_ruta_en_el_nombre(config, rutas, escribir_envio, tmp_path):
    (tmp_path / "fuente").mkdir()
    adjunto = escribir_envio("GRE", carpeta=tmp_path / "fuente")
    fuera = set(tmp_path.rglob("*"))

    def preparar(c: Path) -> None:
        eml = correo_con_adjunto(config.gerencia("GRE").correo, config.correo_coordinacion,
                                 fecha_en_plazo(config), "Fichas", "../../etc/passwd.xlsx",
                                 adjunto.read_bytes(), "Adjunto")
        (c / "ruta.eml").write_bytes(eml)

    _consolidar_con(config, rutas, escribir_envio, preparar)
    nuevos = {p for p in set(tmp_path.rglob("*")) - fuera if rutas.raiz not in p.parents and p != rutas.raiz}
    assert nuevos == set()
    assert not Path("/etc/passwd.xlsx").exists()
    estado = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name("Estado")
    fila = next(f for f in estado.to_python() if f[0] == "GRE")
    assert str(fila[3]).startswith("ruta.eml") and ".." not in fila[3] and "/" not in fila[3], fila[3]
    assert {f"GRE-{n}" for n in range(1, 6)} <= _codigos_fichas(rutas.consolidado)


def test_misma_gerencia_dos_veces_gana_la_posterior(config, rutas, escribir_envio, tmp_path):
    adjunto = escribir_envio("GRE", {"ficha1_nombre_actividad": "Versión del correo"}, carpeta=tmp_path)

    def preparar(c: Path) -> None:
        # el archivo suelto es más antiguo que el correo: gana el correo (por su fecha Date)
        escribir_envio("GRE", {"ficha1_nombre_actividad": "Versión vieja"}, nombre="viejo.xlsx",
                       fecha=fecha_en_plazo(config, 4))
        eml = correo_con_adjunto(config.gerencia("GRE").correo, config.correo_coordinacion,
                                 fecha_en_plazo(config, 1), "Fichas", "nuevo.xlsx", adjunto.read_bytes(), "Adjunto")
        (c / "nuevo.eml").write_bytes(eml)
        marca = fecha_en_plazo(config, 10).timestamp()  # la fecha del archivo .eml no cuenta
        os.utime(c / "nuevo.eml", (marca, marca))

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    reemplazo = [o for o in obs if o["Código"] == "envio_reemplazado"]
    assert len(reemplazo) == 1 and reemplazo[0]["Gerencia"] == "GRE"
    assert reemplazo[0]["Archivo"] == "viejo.xlsx" and "nuevo.eml" in reemplazo[0]["Qué corregir"], reemplazo[0]
    hoja = openpyxl.load_workbook(rutas.consolidado, read_only=True)["Fichas"]
    nombres = {f[0]: f for f in hoja.iter_rows(min_row=2, values_only=True)}
    assert "Versión del correo" in nombres["GRE-1"]


def test_envio_fuera_de_plazo(config, rutas, escribir_envio):
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: escribir_envio("GRE", fecha=fecha_en_plazo(config, -2)))
    o = _una(obs, "envio_fuera_de_plazo", "fichas_GRE.xlsx")
    assert o["Gerencia"] == "GRE" and o["Severidad"] == "advertencia"


def test_texto_que_parece_formula_queda_como_texto(config, rutas, escribir_envio):
    textos = {1: "=HYPERLINK(\"http://x\",\"y\")", 2: "@SUMA(A1)", 3: "+51 944 000 111", 4: "-5 talleres",
              5: "http://transparencia.regionlalibertad.gob.pe"}
    _consolidar_con(config, rutas, escribir_envio,
                    lambda c: escribir_envio("GRE", {f"ficha{n}_descripcion": t for n, t in textos.items()}))
    hoja = openpyxl.load_workbook(rutas.consolidado)["Fichas"]
    encabezado = [c.value for c in hoja[1]]
    col = encabezado.index(next(e for e in encabezado if e and str(e).startswith("Descripción"))) + 1
    filas = {hoja.cell(f, 1).value: hoja.cell(f, col) for f in range(2, hoja.max_row + 1)}
    for n, texto in textos.items():
        celda = filas[f"GRE-{n}"]
        assert celda.value == texto and celda.data_type == "s", (n, celda.value, celda.data_type)
        assert celda.hyperlink is None


# --- diagnóstico correcto: winmail.dat, .zip, Open XML estricto (issue 8.8) ---------------------

FIRMA_TNEF = b"\x78\x9f\x3e\x22"


def test_winmail_dat(config, rutas, escribir_envio):
    def preparar(c: Path) -> None:
        from email.message import EmailMessage

        m = EmailMessage()
        m["From"] = config.gerencia("GRE").correo
        m["Subject"] = "Fichas"
        m.set_content("Adjunto las fichas.")
        m.add_attachment(FIRMA_TNEF + b"\x01\x00" * 200, maintype="application", subtype="ms-tnef",
                         filename="winmail.dat")
        (c / "rtf.eml").write_bytes(bytes(m))

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    o = _una(obs, "correo_en_formato_winmail_dat", "rtf.eml › winmail.dat")
    assert o["Severidad"] == "error" and "HTML o texto sin formato" in o["Qué corregir"]
    assert not [x for x in obs if x["Archivo"] == "rtf.eml"]  # no se dice además «sin adjunto»


def test_zip_con_libros_en_la_carpeta_y_en_un_correo(config, rutas, escribir_envio, tmp_path):
    gre = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    gra = escribir_envio("GRAG", carpeta=tmp_path).read_bytes()

    def preparar(c: Path) -> None:
        (c / "fichas.zip").write_bytes(zip_en_memoria({"GRE/fichas_GRE.xlsx": gre, "léame.txt": b"hola",
                                             "__MACOSX/GRE/._fichas_GRE.xlsx": b"\x00\x05"}))
        marca = fecha_en_plazo(config).timestamp()
        os.utime(c / "fichas.zip", (marca, marca))
        eml = correo_con_adjunto(config.gerencia("GRAG").correo, config.correo_coordinacion,
                                 fecha_en_plazo(config), "Fichas", "envio.zip", zip_en_memoria({"fichas_GRAG.xlsx": gra}),
                                 "Adjunto")
        (c / "correo.eml").write_bytes(eml)

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    codigos = _codigos_fichas(rutas.consolidado)
    assert {f"GRE-{n}" for n in range(1, 6)} | {f"GRAG-{n}" for n in range(1, 6)} <= codigos
    assert not [o for o in obs if o["Archivo"].startswith(("fichas.zip", "correo.eml"))]
    estado = {f[0]: f for f in python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado))
              .get_sheet_by_name("Estado").to_python()}
    assert estado["GRE"][3] == "fichas.zip › fichas_GRE.xlsx"
    assert estado["GRAG"][3] == "correo.eml › envio.zip › fichas_GRAG.xlsx"


def test_zip_sin_libros_y_zip_con_problemas(datos_config, rutas, escribir_envio, tmp_path):
    datos_config["limites"]["tamanio_maximo_mb"] = 0.2
    chica = configuracion_desde_dict(datos_config)

    def preparar(c: Path) -> None:
        (c / "fotos.zip").write_bytes(zip_en_memoria({"acta.pdf": _pdf(), "foto.png": _png()}))
        (c / "vacio.zip").write_bytes(zip_en_memoria({}))
        (c / "grande.zip").write_bytes(zip_en_memoria({"enorme.xlsx": b"PK" * 150 * 1024}))
        (c / "cortado.zip").write_bytes(zip_en_memoria({"a.xlsx": os.urandom(50 * 1024)})[:30 * 1024])

    escribir_envio(BUENA)
    preparar(rutas.entradas_fichas)
    consolidar(chica, rutas)
    obs = _observaciones(rutas.consolidado)
    assert "acta.pdf, foto.png" in _una(obs, "zip_sin_hoja_de_calculo", "fotos.zip")["Qué corregir"]
    assert "está vacío" in _una(obs, "zip_sin_hoja_de_calculo", "vacio.zip")["Qué corregir"]
    assert _una(obs, "archivo_demasiado_grande", "grande.zip › enorme.xlsx")["Severidad"] == "error"
    assert [o["Código"] for o in obs if o["Archivo"].startswith("cortado.zip")] == ["archivo_danado"]


def test_zip_de_windows_con_nombres_en_cp850(config, rutas, escribir_envio, tmp_path):
    """El «Enviar a › Carpeta comprimida» de Windows en castellano guarda los nombres en CP850."""
    gre = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    datos = zip_en_memoria({"Fichas_EducaciXn.xlsx": gre}).replace(b"Fichas_EducaciXn", b"Fichas_Educaci\xa2n")
    def preparar(c: Path) -> None:
        (c / "comprimido.zip").write_bytes(datos)
        marca = fecha_en_plazo(config).timestamp()
        os.utime(c / "comprimido.zip", (marca, marca))

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    assert not [o for o in obs if o["Archivo"].startswith("comprimido")]
    estado = {f[0]: f for f in python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado))
              .get_sheet_by_name("Estado").to_python()}
    assert estado["GRE"][3] == "comprimido.zip › Fichas_Educación.xlsx"


def test_zip_que_se_expande_dentro_de_otro_zip(config, rutas, escribir_envio, tmp_path):
    bomba = tmp_path / "bomba.xlsx"
    _bomba(bomba, megas=80)
    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "envio.zip").write_bytes(zip_en_memoria({"fichas.xlsx": bomba.read_bytes()})))
    assert _una(obs, "archivo_descomprime_demasiado", "envio.zip › fichas.xlsx")["Severidad"] == "error"


ESTRICTO = [("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
             "http://purl.oclc.org/ooxml/spreadsheetml/main"),
            ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
             "http://purl.oclc.org/ooxml/officeDocument/relationships"),
            ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main")]


def _estricto(transicional: bytes) -> bytes:
    """Lo que escribe Excel con «Hoja de cálculo Open XML estricta»: los mismos partes con los
    espacios de nombres de purl.oclc.org/ooxml en el libro, las hojas y las relaciones."""
    salida = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(transicional)) as z, zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            datos = z.read(info)
            if info.filename.endswith((".xml", ".rels")):
                texto = datos.decode("utf-8")
                for antes, despues in ESTRICTO:
                    texto = texto.replace(antes, despues)
                datos = texto.encode("utf-8")
            w.writestr(info, datos)
    return salida.getvalue()


def test_libro_open_xml_estricto_se_lee(config, rutas, escribir_envio, tmp_path):
    """python-calamine 0.9.1 lee el formato estricto; los nombres definidos se leen también."""
    gre = _estricto(escribir_envio("GRE", carpeta=tmp_path).read_bytes())
    assert b"purl.oclc.org/ooxml/spreadsheetml/main" in zipfile.ZipFile(io.BytesIO(gre)).read("xl/workbook.xml")
    def preparar(c: Path) -> None:
        (c / "estricto.xlsx").write_bytes(gre)
        marca = fecha_en_plazo(config).timestamp()
        os.utime(c / "estricto.xlsx", (marca, marca))

    obs = _consolidar_con(config, rutas, escribir_envio, preparar)
    assert not [o for o in obs if o["Archivo"] == "estricto.xlsx"]
    from gobierno_abierto.etapa2.escritura import columnas_fichas

    indice = {clave: i for i, (clave, _, _) in enumerate(columnas_fichas(config))}
    filas = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado)).get_sheet_by_name(
        "Fichas").to_python()
    estados = {f[0]: f[indice["estado"]] for f in filas[1:]}
    assert [estados[f"GRE-{n}"] for n in range(1, 6)] == ["válida"] * 5, estados


def test_libro_estricto_ilegible_dice_guardar_como_xlsx(config, rutas, escribir_envio, tmp_path, monkeypatch):
    """Si una versión de python-calamine no lo leyera: la observación dice qué hacer, y nunca
    «no es la plantilla»."""
    gre = _estricto(escribir_envio("GRE", carpeta=tmp_path).read_bytes())
    original = python_calamine.CalamineWorkbook.from_filelike

    def sin_estricto(archivo, *a, **k):
        datos = archivo.getvalue()
        if b"purl.oclc.org" in zipfile.ZipFile(io.BytesIO(datos)).read("xl/workbook.xml"):
            raise python_calamine.CalamineError("unsupported namespace")
        return original(io.BytesIO(datos), *a, **k)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", sin_estricto)
    obs = _consolidar_con(config, rutas, escribir_envio, lambda c: (c / "estricto.xlsx").write_bytes(gre))
    propias = [o for o in obs if o["Archivo"] == "estricto.xlsx"]
    assert [o["Código"] for o in propias] == ["libro_open_xml_estricto"]
    assert "Libro de Excel (.xlsx)" in propias[0]["Qué corregir"]


# --- nombres de archivo que no son UTF-8 (issue 8.8, punto 5) -----------------------------------


def test_nombres_de_archivo_que_no_son_utf8(config, rutas, escribir_envio, tmp_path):
    carpeta = os.fsencode(rutas.entradas_fichas)
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    try:
        with open(os.path.join(carpeta, b"fichas_GRE_\xed.xlsx"), "wb") as f:
            f.write(libro)
        with open(os.path.join(carpeta, b"acta_\xff\xfe.pdf"), "wb") as f:
            f.write(_pdf())
    except (OSError, UnicodeError):
        pytest.skip("este sistema de archivos no admite nombres que no son UTF-8")
    marca = fecha_en_plazo(config).timestamp()
    os.utime(os.path.join(carpeta, b"fichas_GRE_\xed.xlsx"), (marca, marca))

    obs = _consolidar_con(config, rutas, escribir_envio, lambda c: None)
    libro_salida = python_calamine.CalamineWorkbook.from_path(str(rutas.consolidado))
    estado = {f[0]: f for f in libro_salida.get_sheet_by_name("Estado").to_python()}
    assert estado["GRE"][3] == "fichas_GRE_\ufffd.xlsx"
    assert _una(obs, "no_es_hoja_de_calculo", "acta_\ufffd\ufffd.pdf")["Severidad"] == "error"
    fichas = libro_salida.get_sheet_by_name("Fichas").to_python()
    assert {f"GRE-{n}" for n in range(1, 6)} <= {str(f[0]) for f in fichas[1:]}
    # el libro de observaciones de la gerencia también se abre y nombra el archivo
    por_gerencia = python_calamine.CalamineWorkbook.from_path(str(rutas.observaciones / "GRE.xlsx"))
    texto = str([por_gerencia.get_sheet_by_name(h).to_python() for h in por_gerencia.sheet_names])
    assert "fichas_GRE_\ufffd.xlsx" in texto


def test_un_archivo_o_una_carpeta_que_no_se_pueden_abrir(config, rutas, escribir_envio, monkeypatch):
    """Un archivo que esta computadora no deja abrir (abierto en otro programa, sin permiso, OneDrive
    sin descargar) y una subcarpeta sin permiso: cada uno es una observación que dice qué revisar, y los
    demás se consolidan. (Con permisos de verdad no se puede probar como administrador: se simula.)"""
    import pathlib

    from gobierno_abierto import cadena

    escribir_envio(BUENA)
    escribir_envio("GRE")
    (rutas.entradas_fichas / "GRDS").mkdir()
    escribir_envio("GRDS", carpeta=rutas.entradas_fichas / "GRDS")
    leer, listar, huella_real = pathlib.Path.read_bytes, pathlib.Path.iterdir, cadena.huella
    negado = PermissionError(13, "Permiso denegado")

    def read_bytes(self):
        if self.name == "fichas_GRE.xlsx":
            raise negado
        return leer(self)

    def iterdir(self):
        if self.name == "GRDS":
            raise negado
        return listar(self)

    def huella_o_error(ruta):
        if ruta.name == "fichas_GRE.xlsx":
            raise negado
        return huella_real(ruta)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pathlib.Path, "iterdir", iterdir)
    monkeypatch.setattr(cadena, "huella", huella_o_error)  # el registro de la ejecución también lee
    from gobierno_abierto.cli import main

    assert main(["--carpeta", str(rutas.raiz), "consolidar"]) == 1
    obs = _observaciones(rutas.consolidado)
    archivo = _una(obs, "archivo_sin_acceso", "fichas_GRE.xlsx")
    assert "Permiso denegado" in archivo["Qué corregir"] and "otro programa" in archivo["Qué corregir"]
    assert _una(obs, "archivo_sin_acceso", "GRDS/")["Severidad"] == "error"
    assert {f"{BUENA}-{n}" for n in range(1, 6)} == _codigos_fichas(rutas.consolidado)
    registro = cadena.leer_registro(rutas, "consolidar")
    assert registro is not None and registro.entradas["entradas/fichas/fichas_GRE.xlsx"].startswith("ilegible")


def test_la_carpeta_de_entrada_sin_acceso_sale_con_2(rutas, escribir_envio, monkeypatch, capsys):
    """Si no se puede abrir la carpeta de entrada misma (permiso, unidad desconectada) no hay nada que
    leer: código 2 y un mensaje que lo dice, no «no hay archivos»."""
    import pathlib

    from gobierno_abierto.cli import main

    escribir_envio(BUENA)
    listar = pathlib.Path.iterdir

    def iterdir(self):
        if self == rutas.entradas_fichas:
            raise PermissionError(13, "Permiso denegado")
        return listar(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", iterdir)
    assert main(["--carpeta", str(rutas.raiz), "consolidar"]) == 2
    error = capsys.readouterr().err
    assert "no se pudo abrir la carpeta" in error and "Permiso denegado" in error and "No hay archivos" not in error
    assert not rutas.consolidado.exists()
