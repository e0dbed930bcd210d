"""Partes de un .zip: nombres de Windows y macOS, y tamaños declarados que mienten."""

from __future__ import annotations

import io
import struct
import zipfile

from gobierno_abierto.entrada.comprimidos import nombre_en_zip, partes_zip
from gobierno_abierto.nucleo.observaciones import Codigo, aplanar
from tests.conftest import zip_en_memoria


def _nombres_sin_marca(nombre: bytes) -> zipfile.ZipInfo:
    """Un .zip con el nombre en bytes crudos y sin la marca UTF-8 (como Windows y macOS)."""
    relleno = b"X" * len(nombre)
    crudo = zip_en_memoria({relleno.decode(): b"hola"}).replace(relleno, nombre)
    return zipfile.ZipFile(io.BytesIO(crudo)).infolist()[0]


def test_nombres_en_cp850_y_en_utf8_sin_marca():
    assert nombre_en_zip(_nombres_sin_marca("Educación.xlsx".encode("cp850"))) == "Educación.xlsx"
    assert nombre_en_zip(_nombres_sin_marca("Educación.xlsx".encode())) == "Educación.xlsx"
    con_marca = zipfile.ZipFile(io.BytesIO(zip_en_memoria({"Educación.xlsx": b"x"}))).infolist()[0]
    assert nombre_en_zip(con_marca) == "Educación.xlsx"


def test_tamanio_declarado_que_miente_no_se_lee_entero():
    """El .zip dice 1 000 bytes y la parte se expande a 5 MB: se corta en lo declarado y se
    informa como dañado; nunca se descomprime todo."""
    datos = bytearray(zip_en_memoria({"fichas.xlsx": b"A" * (5 << 20)}))
    local = datos.find(b"PK\x03\x04")
    central = datos.find(b"PK\x01\x02")
    struct.pack_into("<I", datos, local + 22, 1000)
    struct.pack_into("<I", datos, central + 24, 1000)
    observaciones: list = []
    partes = list(partes_zip(bytes(datos), "envio.zip", 10 << 20, observaciones))
    assert partes == []
    assert aplanar(observaciones, "archivo", "codigo") == [("envio.zip › fichas.xlsx", Codigo.ARCHIVO_DANADO)]


def test_parte_cifrada():
    datos = bytearray(zip_en_memoria({"fichas.xlsx": b"PK" * 100}))
    for firma, desplazamiento in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = datos.find(firma)
        struct.pack_into("<H", datos, i + desplazamiento, struct.unpack_from("<H", datos, i + desplazamiento)[0] | 1)
    observaciones: list = []
    assert list(partes_zip(bytes(datos), "e.zip", 10 << 20, observaciones)) == []
    assert aplanar(observaciones, "codigo") == [(Codigo.ARCHIVO_PROTEGIDO,)]
