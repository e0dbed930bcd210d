"""Archivos hostiles o equivocados (issue 2, punto 5): cada uno deja su observación, el resto se consolida,
la carpeta de entrada queda intacta y el consolidado se escribe."""

from __future__ import annotations

import copy
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

from gobierno_abierto.configuracion import configuracion_desde_dict
from gobierno_abierto.consolidado import COLUMNAS_OBSERVACIONES
from gobierno_abierto.demo import correo_con_adjunto
from gobierno_abierto.etapa2 import consolidar
from tests.conftest import fecha_en_plazo, huella

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
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/perfil", "--headless",
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
    from gobierno_abierto.archivos import recibir_archivo

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
    from gobierno_abierto.archivos import MAX_DESCOMPRIMIDO, recibir_archivo, revisar_zip

    bomba = tmp_path / "mentira.xlsx"
    _bomba(bomba, megas=80)
    _mentir_tamanio(bomba, "xl/worksheets/sheet1.xml", 4000)
    with zipfile.ZipFile(bomba) as z:
        infos = z.infolist()
    assert sum(i.file_size for i in infos) < 10_000 < 80 << 20 > MAX_DESCOMPRIMIDO
    revisar_zip(infos, "mentira.xlsx")  # lo declarado pasa

    tracemalloc.start()
    inicio = time.perf_counter()
    documentos, obs = recibir_archivo(bomba, config.tamanio_maximo_bytes)
    segundos = time.perf_counter() - inicio
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not documentos
    assert [(o.archivo, o.codigo.value) for o in obs] == [("mentira.xlsx", "archivo_descomprime_demasiado")]
    assert "más de 64,0 MB" in obs[0].mensaje
    assert segundos < 2 and pico < 8 * 1024 * 1024  # se cuenta por trozos, sin juntar lo expandido

    obs = _consolidar_con(config, rutas, escribir_envio,
                          lambda c: (c / "mentira.xlsx").write_bytes(bomba.read_bytes()))
    assert _una(obs, "archivo_descomprime_demasiado", "mentira.xlsx")["Severidad"] == "error"


def test_una_plantilla_normal_pasa_la_revision_del_zip(config, escribir_envio):
    """La revisión por lo que se expande deja pasar la plantilla llena y cuesta poco (la cifra de
    referencia está en benchmarks/bench_lectura_hostil.py)."""
    from gobierno_abierto.archivos import recibir_archivo, revisar_inflado

    ruta = escribir_envio("GRE")
    documentos, obs = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert obs == [] and len(documentos) == 1
    datos = ruta.read_bytes()
    with zipfile.ZipFile(io.BytesIO(datos)) as z:
        infos = z.infolist()
    inicio = time.perf_counter()
    for _ in range(20):
        revisar_inflado(datos, infos, ruta.name)
    assert (time.perf_counter() - inicio) / 20 < 0.02


def test_subcarpetas_se_leen_y_se_nombran(config, rutas, escribir_envio):
    """Un envío guardado en una subcarpeta cuenta, y se nombra con ella; las carpetas ocultas no."""
    from gobierno_abierto.archivos import recibir

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


def test_archivo_sobre_el_tope(config, rutas, escribir_envio):
    crudo = copy.deepcopy(config.crudo)
    crudo["limites"]["tamanio_maximo_mb"] = 0.05
    chica = configuracion_desde_dict(crudo)
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
    assert "viejo.xlsx" in reemplazo[0]["Qué corregir"], reemplazo[0]
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
