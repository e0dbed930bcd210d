"""Correos de Outlook (.msg) y correos hostiles (issues 9.4 y 8.3).

Los .msg de prueba se construyen desde uno real guardado por Outlook (../shared/muestras): se
copia con el escritor OLE de extract-msg y se cambia el adjunto, el remitente o las fechas.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
from datetime import UTC, datetime
from pathlib import Path

import olefile
import pytest
import python_calamine
from extract_msg import openMsg
from extract_msg.ole_writer import OleWriter

from gobierno_abierto.demo.correo import correo_con_adjunto
from gobierno_abierto.entrada import correo as C
from gobierno_abierto.entrada.archivos import recibir_archivo
from gobierno_abierto.entrada.correo import direccion, leer_eml
from gobierno_abierto.entrada.correo_outlook import leer_msg
from gobierno_abierto.etapa2.orquestador import consolidar
from gobierno_abierto.nucleo.configuracion import ZONA_LIMA
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar
from gobierno_abierto.salida.rutas import Rutas
from tests.conftest import fecha_en_plazo, huella

ADJUNTO = "__attach_version1.0_#00000000/"
PROPIEDADES = "__properties_version1.0"
ENVIADO = datetime(2013, 11, 18, 8, 26, 24, tzinfo=UTC)    # PR_CLIENT_SUBMIT_TIME de la muestra
ENTREGADO = datetime(2013, 11, 18, 8, 26, 29, tzinfo=UTC)  # PR_MESSAGE_DELIVERY_TIME de la muestra


# --- construir .msg desde la muestra real --------------------------------------------------


def _escritor(fuente: Path | bytes) -> OleWriter:
    msg = openMsg(fuente)
    escritor = OleWriter()
    escritor.fromMsg(msg)
    msg.close()
    return escritor


def _bytes(escritor: OleWriter) -> bytes:
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def _cadena(escritor: OleWriter, ruta: str, texto: str) -> None:
    """Una propiedad de texto MAPI (UTF-16-LE, sin terminador, como las guarda Outlook)."""
    try:
        escritor.editEntry(ruta, data=texto.encode("utf-16-le"))
    except OSError:
        escritor.addEntry(ruta, data=texto.encode("utf-16-le"))


def _propiedad_fija(escritor: OleWriter, ruta: str, cabecera: int, tipo: int, ident: int, valor: int) -> None:
    """Cambia (o agrega) una propiedad de 8 bytes en un flujo __properties_version1.0."""
    datos = bytearray(escritor.getEntry(ruta).data)
    for i in range(cabecera, len(datos), 16):
        if struct.unpack_from("<HH", datos, i) == (tipo, ident):
            struct.pack_into("<Q", datos, i + 8, valor)
            break
    else:
        datos += struct.pack("<HHIQ", tipo, ident, 6, valor)
    escritor.editEntry(ruta, data=bytes(datos))


def _filetime(fecha: datetime) -> int:
    return int((fecha.timestamp() + 11644473600) * 10**7)


def msg_con_adjunto(real: Path, nombre: str, datos: bytes, **cadenas: str) -> OleWriter:
    """La muestra real con su primer adjunto reemplazado; `cadenas` cambia propiedades de texto
    de la raíz (p. ej. `_0065001F="gre@…"`); un valor vacío borra la propiedad."""
    escritor = _escritor(real)
    escritor.editEntry(ADJUNTO + "__substg1.0_37010102", data=datos)
    _cadena(escritor, ADJUNTO + "__substg1.0_3707001F", nombre)
    for propiedad, texto in cadenas.items():
        ruta = f"__substg1.0{propiedad}"
        if texto:
            _cadena(escritor, ruta, texto)
        else:
            escritor.deleteEntry(ruta)
    return escritor


def msg_reenviado(real: Path, interno: bytes, reenvia: str, entregado: datetime) -> bytes:
    """Un reenvío «como datos adjuntos»: el mensaje `interno` va incrustado en el primer adjunto."""
    escritor = _escritor(real)
    escritor.deleteEntry(ADJUNTO + "__substg1.0_37010102")
    with olefile.OleFileIO(io.BytesIO(interno)) as ole:
        for ruta in ole.listdir(streams=True, storages=False):
            if ruta[0] == "__nameid_version1.0":
                continue  # los nombres de propiedad son del mensaje exterior
            datos = ole.openstream(ruta).read()
            if ruta == [PROPIEDADES]:
                datos = datos[:24] + datos[32:]  # un mensaje incrustado tiene cabecera de 24 bytes
            escritor.addEntry([ADJUNTO.rstrip("/"), "__substg1.0_3701000D", *ruta], data=datos)
    _propiedad_fija(escritor, ADJUNTO + PROPIEDADES, 8, 0x0003, 0x3705, 5)  # ATTACH_EMBEDDED_MSG
    _propiedad_fija(escritor, PROPIEDADES, 32, 0x0040, 0x0E06, _filetime(entregado))
    _cadena(escritor, "__substg1.0_0065001F", reenvia)
    return _bytes(escritor)


def _hoja(ruta: Path, nombre: str) -> list[list]:
    return python_calamine.CalamineWorkbook.from_path(str(ruta)).get_sheet_by_name(nombre).to_python()


def _observaciones(ruta: Path) -> list[dict]:
    filas = _hoja(ruta, "Observaciones")
    return [dict(zip(filas[0], f, strict=True)) for f in filas[1:]]


# --- la muestra real ------------------------------------------------------------------------


def test_msg_real_remitente_fechas_y_adjuntos(muestras):
    correo = leer_msg((muestras / "outlook_real.msg").read_bytes(), "outlook_real.msg")
    assert correo.observaciones == []
    assert correo.procedencia.remitente == "brizhou@gmail.com"
    assert correo.procedencia.fecha == ENTREGADO.astimezone(ZONA_LIMA)
    assert correo.procedencia.testigo == C.Testigo.OUTLOOK_ENTREGA
    assert [(a.nombres, len(a.datos)) for a in correo.adjuntos] == [
        (("import OleFileIO.tif",), 969674), (("raised value error.tif",), 1033142)]


def test_msg_real_sin_hoja_de_calculo(config, rutas, escribir_envio, muestras):
    escribir_envio("GERESA")
    shutil.copyfile(muestras / "outlook_real.msg", rutas.entradas_fichas / "outlook_real.msg")
    antes = huella(rutas.entradas_fichas)
    consolidar(config, rutas)
    assert huella(rutas.entradas_fichas) == antes
    propias = [o for o in _observaciones(rutas.consolidado) if o["Archivo"].startswith("outlook_real")]
    assert [(o["Archivo"], o["Código"], o["Severidad"]) for o in propias] == [
        ("outlook_real.msg", "correo_sin_adjunto", "error")]
    assert "brizhou@gmail.com" in propias[0]["Qué corregir"]
    assert "no trae ninguna hoja de cálculo" in propias[0]["Qué corregir"]
    assert "import OleFileIO.tif" in propias[0]["Qué corregir"]


# --- .msg con la plantilla llena -----------------------------------------------------------


def test_msg_con_ficha_se_consolida_como_eml(config, tmp_path, escribir_envio, muestras):
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    remitente = "brizhou@gmail.com"
    msg = _bytes(msg_con_adjunto(muestras / "outlook_real.msg", "fichas_GRE.xlsx", libro))
    eml = correo_con_adjunto(remitente, config.correo_coordinacion, ENTREGADO, "Fichas", "fichas_GRE.xlsx",
                             libro, "Adjunto las fichas.")
    resultados = {}
    for extension, datos in (("msg", msg), ("eml", eml)):
        rutas = Rutas(tmp_path / extension)
        rutas.crear()
        (rutas.entradas_fichas / f"envio.{extension}").write_bytes(datos)
        consolidar(config, rutas)
        resultados[extension] = rutas.consolidado

    def normalizado(ruta: Path, hoja: str) -> list[list]:
        return [[c.replace("envio.msg", "envio.eml") if isinstance(c, str) else c for c in f]
                for f in _hoja(ruta, hoja)]

    fichas = normalizado(resultados["msg"], "Fichas")
    assert fichas == normalizado(resultados["eml"], "Fichas")
    assert {f[0] for f in fichas[1:]} >= {f"GRE-{n}" for n in range(1, 6)}
    estado = {f[0]: f for f in _hoja(resultados["msg"], "Estado")[1:]}
    assert estado["GRE"][3] == "envio.msg › fichas_GRE.xlsx"
    assert estado["GRE"][5] == "Outlook: hora de entrega"
    assert {f[0]: f for f in _hoja(resultados["eml"], "Estado")[1:]}["GRE"][5] == "correo: Date"


def test_msg_remitente_smtp_y_no_x500(config, tmp_path, escribir_envio, muestras):
    """Un correo interno de Exchange: De y Remitente en forma X.500, la dirección SMTP aparte."""
    libro = escribir_envio("GRE", {"codigo_gerencia": None}, carpeta=tmp_path).read_bytes()
    x500 = "/O=GRLL/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=SALUD"
    exchange = {"_007D001F": "", "_0065001F": x500, "_0064001F": "EX", "_0C1F001F": x500, "_0C1E001F": "EX"}
    correo_gre = config.gerencia("GRE").correo
    con_smtp = _bytes(msg_con_adjunto(muestras / "outlook_real.msg", "fichas.xlsx", libro,
                                      _5D01001F=correo_gre.upper(), **exchange))
    solo_x500 = _bytes(msg_con_adjunto(muestras / "outlook_real.msg", "fichas.xlsx", libro, **exchange))

    assert leer_msg(con_smtp, "a.msg").procedencia.remitente == correo_gre
    assert leer_msg(solo_x500, "b.msg").procedencia.remitente == x500.lower()

    rutas = Rutas(tmp_path / "p")
    rutas.crear()
    (rutas.entradas_fichas / "interno.msg").write_bytes(con_smtp)
    consolidar(config, rutas)
    obs = _observaciones(rutas.consolidado)
    atribuida = [o for o in obs if o["Código"] == "gerencia_identificada_por_correo"]
    assert [(o["Gerencia"], o["Archivo"]) for o in atribuida] == [("GRE", "interno.msg › fichas.xlsx")]
    assert correo_gre in atribuida[0]["Qué corregir"]


def test_msg_reenviado_como_adjunto_toma_fecha_y_remitente_del_original(config, tmp_path, escribir_envio,
                                                                         muestras):
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    correo_gre = config.gerencia("GRE").correo
    original = _bytes(msg_con_adjunto(muestras / "outlook_real.msg", "fichas.xlsx", libro,
                                      _0065001F=correo_gre))
    reenvio = msg_reenviado(muestras / "outlook_real.msg", original, "asistente@regionlalibertad.gob.pe",
                            datetime(2013, 11, 25, 15, 0, tzinfo=UTC))
    ruta = tmp_path / "reenvio.msg"
    ruta.write_bytes(reenvio)

    documentos, observaciones = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert observaciones == []
    assert [(d.archivo, d.remitente, d.fecha, d.testigo, d.origen_fecha) for d in documentos] == [
        ("reenvio.msg › Test for TIF files › fichas.xlsx", correo_gre, ENTREGADO.astimezone(ZONA_LIMA),
         "Outlook: hora de entrega (mensaje original adjunto)", "correo")]
    assert documentos[0].datos == libro

    exterior = leer_msg(reenvio, "reenvio.msg").procedencia
    assert exterior.remitente == "asistente@regionlalibertad.gob.pe"
    assert exterior.fecha == datetime(2013, 11, 25, 15, 0, tzinfo=UTC)


def test_msg_danado_no_detiene_nada(config, rutas, escribir_envio, muestras):
    real = (muestras / "outlook_real.msg").read_bytes()
    escribir_envio("GERESA")
    (rutas.entradas_fichas / "cortado.msg").write_bytes(real[: len(real) // 3])
    (rutas.entradas_fichas / "cabecera.msg").write_bytes(real[:4096])
    consolidar(config, rutas)
    obs = _observaciones(rutas.consolidado)
    for nombre in ("cortado.msg", "cabecera.msg"):
        propias = [o for o in obs if o["Archivo"].startswith(nombre)]
        assert propias and all(o["Severidad"] == "error" for o in propias), (nombre, propias)
    assert {f"GERESA-{n}" for n in range(1, 6)} <= {f[0] for f in _hoja(rutas.consolidado, "Fichas")[1:]}


# --- cabeceras hostiles (.eml) -------------------------------------------------------------


def _eml(config, libro: bytes, **cabeceras: bytes) -> bytes:
    datos = correo_con_adjunto("gre@example.org", config.correo_coordinacion, fecha_en_plazo(config),
                               "Fichas", "fichas.xlsx", libro, "Adjunto.")
    for nombre, valor in cabeceras.items():
        datos = re.sub(rb"^" + nombre.encode() + rb": .*$", lambda _m, n=nombre, v=valor: n.encode() + b": " + v,
                       datos, count=1, flags=re.M)
    return datos


@pytest.mark.parametrize("valor", [b"salud.ga@", b'"', b"<", b"(" * 1000, b"\xff\xfe<>", b'"Jos\xe9 <'],
                         ids=["sin-dominio", "comilla", "angulo", "mil-parentesis", "bytes", "comilla-y-angulo"])
def test_from_roto_es_observacion_y_el_adjunto_se_lee(config, tmp_path, escribir_envio, valor):
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    ruta = tmp_path / "roto.eml"
    ruta.write_bytes(_eml(config, libro, From=valor))
    documentos, observaciones = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert [(d.archivo, d.remitente, d.testigo) for d in documentos] == [
        ("roto.eml › fichas.xlsx", "", "correo: Date")]
    assert aplanar(observaciones, "archivo", "campo", "codigo") == [
        ("roto.eml", "From", Codigo.CORREO_CABECERA_DANADA)]
    assert "gerencia se identifica solo por el código" in observaciones[0].mensaje
    assert observaciones[0].valor.isprintable()


@pytest.mark.parametrize("valor", [b"Mon, 32 Foo 2016 99:99", b"ayer", b"(" * 1000, b"Tue, 1 Jan 99999 00:00 +0000",
                                   b"\xe9\xe9", b"Mon, 01 Jan 0001 00:00:00 +1400"])
def test_date_roto_usa_la_fecha_del_archivo(config, tmp_path, escribir_envio, valor):
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    ruta = tmp_path / "fecha.eml"
    ruta.write_bytes(_eml(config, libro, Date=valor))
    marca = fecha_en_plazo(config, 3)
    os.utime(ruta, (marca.timestamp(), marca.timestamp()))
    documentos, observaciones = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert [(d.fecha, d.testigo, d.origen_fecha, d.remitente) for d in documentos] == [
        (marca, C.Testigo.ARCHIVO, "archivo", "gre@example.org")]
    assert aplanar(observaciones, "campo", "codigo") == [("Date", Codigo.CORREO_CABECERA_DANADA)]


def test_remitente_con_bytes_no_utf8_se_lee():
    crudo = b"From: Jos\xe9 P\xe9rez <Jose.Perez@Example.org>\r\nDate: Tue, 10 May 2016 10:00:00 -0500\r\n\r\nhola"
    correo = leer_eml(crudo, "x.eml")
    assert correo.observaciones == []
    assert correo.procedencia.remitente == "jose.perez@example.org"
    assert correo.procedencia.fecha == datetime(2016, 5, 10, 10, 0, tzinfo=ZONA_LIMA)


def test_cabeceras_de_adjunto_rotas_no_impiden_leerlo(config, tmp_path, escribir_envio):
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    datos = _eml(config, libro)
    datos = datos.replace(b'Content-Disposition: attachment; filename="fichas.xlsx"',
                          b'Content-Disposition: attachment; filename="fichas_\xed.xlsx"; x=' + b"(" * 1000)
    datos = re.sub(rb"Content-Type: application/vnd[^\n]*", b"Content-Type: " + b"(" * 1000, datos, count=1)
    ruta = tmp_path / "adjunto.eml"
    ruta.write_bytes(datos)
    documentos, observaciones = recibir_archivo(ruta, config.tamanio_maximo_bytes)
    assert observaciones == []
    assert [d.archivo for d in documentos] == ["adjunto.eml › fichas_í.xlsx"]


@pytest.mark.parametrize("como", ["mensaje", "base64"])
def test_eml_con_mensaje_reenviado_adjunto(config, tmp_path, escribir_envio, como):
    """Reenviar «como datos adjuntos»: message/rfc822 tal cual (Thunderbird, Outlook) o en base64
    (lo que hace el propio Python, y algunos webmails)."""
    import email
    from email.message import EmailMessage
    from email.utils import format_datetime

    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    original = correo_con_adjunto(config.gerencia("GRE").correo, "asistente@example.org",
                                  fecha_en_plazo(config, 5), "Fichas GRE", "fichas.xlsx", libro, "Adjunto.")
    reenvio = EmailMessage()
    reenvio["From"] = "asistente@example.org"
    reenvio["Date"] = format_datetime(fecha_en_plazo(config, -3))
    reenvio["Subject"] = "RV: Fichas GRE"
    reenvio.set_content("Reenvío el correo de la gerencia.")
    if como == "mensaje":
        reenvio.add_attachment(email.message_from_bytes(original))
    else:
        reenvio.add_attachment(original, maintype="message", subtype="rfc822")
    correo = leer_eml(bytes(reenvio), "rv.eml")
    assert [(a.nombres, a.procedencia.remitente, a.procedencia.fecha, a.procedencia.testigo)
            for a in correo.adjuntos] == [
        (("Fichas GRE", "fichas.xlsx"), config.gerencia("GRE").correo, fecha_en_plazo(config, 5),
         "correo: Date (mensaje original adjunto)")]


@pytest.mark.parametrize(("texto", "esperada"), [
    ("José Pérez <JPerez@GRLL.gob.pe>", "jperez@grll.gob.pe"),
    ('"a@b.pe" <c@d.pe>', "c@d.pe"),
    ("c@d.pe (Carlos)", "c@d.pe"),
    ("salud.ga@", ""), ("<", ""), ("(" * 5000, ""), ("/O=GRLL/CN=RECIPIENTS/CN=SALUD", ""),
])
def test_direccion(texto, esperada):
    assert direccion(texto) == esperada


def test_correos_hostiles_juntos_se_consolidan(config, rutas, escribir_envio, tmp_path):
    libro = escribir_envio("GRE", carpeta=tmp_path).read_bytes()
    for i, valor in enumerate([b"salud.ga@", b'"', b"<", b"(" * 1000]):
        (rutas.entradas_fichas / f"roto_{i}.eml").write_bytes(_eml(config, libro, From=valor, Date=b"("))
    resumen = consolidar(config, rutas)
    assert resumen.codigo_salida == 1  # faltan gerencias: el proceso terminó con su resumen
    obs = _observaciones(rutas.consolidado)
    rotas = sorted((o["Archivo"], o["Campo"], o["Gerencia"]) for o in obs if o["Código"] == "cabecera_de_correo_danada")
    assert rotas == sorted((f"roto_{i}.eml", c, "GRE") for i in range(4) for c in ("From", "Date"))
    # son de la gerencia cuyo libro venía en el correo: llegan a su libro de observaciones
    por_gerencia = python_calamine.CalamineWorkbook.from_path(str(rutas.observaciones / "GRE.xlsx"))
    assert str(por_gerencia.get_sheet_by_name("Observaciones").to_python()).count("roto_") >= 8


def test_un_correo_que_el_analizador_no_puede_leer_es_una_observacion(monkeypatch) -> None:
    """El analizador de correo casi nunca falla; si falla, el archivo queda como observación."""
    from gobierno_abierto.entrada import correo as modulo

    def falla(*_: object, **__: object) -> None:
        raise ValueError("estructura imposible")

    monkeypatch.setattr(modulo.email, "message_from_bytes", falla)
    correo = modulo.leer_eml(b"From: a@b.pe\r\n\r\nhola", "roto.eml")
    assert aplanar(correo.observaciones, "archivo", "codigo") == [("roto.eml", Codigo.CORREO_ILEGIBLE)]
    assert "estructura imposible" in correo.observaciones[0].mensaje
