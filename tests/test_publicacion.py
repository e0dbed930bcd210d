"""Publicación atómica de un comando: todo junto o nada, y lo que ya no se produce se archiva."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gobierno_abierto.cadena import huella
from gobierno_abierto.salida import publicacion as P


def test_nada_visible_hasta_publicar(tmp_path: Path) -> None:
    destino = tmp_path / "salidas" / "a.txt"
    with P.publicacion(tmp_path) as pub:
        P.escribir_bytes_atomico(destino, b"nuevo")
        assert not destino.exists()
    assert pub.publicar() == [destino]
    assert destino.read_bytes() == b"nuevo"
    assert not (tmp_path / P.CARPETA_INTERNA / "preparacion").exists()


def test_un_error_descarta_todo(tmp_path: Path) -> None:
    destino = tmp_path / "salidas" / "a.txt"
    with pytest.raises(RuntimeError), P.publicacion(tmp_path):
        P.escribir_bytes_atomico(destino, b"nuevo")
        raise RuntimeError("falla a mitad de camino")
    assert not destino.exists()
    assert not (tmp_path / P.CARPETA_INTERNA / "preparacion").exists()


def test_archivo_bloqueado_no_cambia_nada(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """En Windows, un libro abierto en Excel no se puede reemplazar: os.replace da PermissionError."""
    a, b = tmp_path / "salidas" / "a.xlsx", tmp_path / "salidas" / "b.xlsx"
    a.parent.mkdir(parents=True)
    a.write_bytes(b"viejo a")
    b.write_bytes(b"viejo b")
    with P.publicacion(tmp_path) as pub:
        P.escribir_bytes_atomico(a, b"nuevo a")
        P.escribir_bytes_atomico(b, b"nuevo b")
    real = os.replace

    def bloqueado(origen: os.PathLike, destino: os.PathLike) -> None:
        if Path(origen) == b:
            raise PermissionError(13, "El proceso no tiene acceso al archivo")
        real(origen, destino)

    monkeypatch.setattr(P.os, "replace", bloqueado)
    with pytest.raises(P.ErrorPublicacion) as e:
        pub.publicar()
    assert "Cierre «b.xlsx»" in str(e.value) and "no se cambió ninguna salida" in str(e.value)
    assert a.read_bytes() == b"viejo a" and b.read_bytes() == b"viejo b"


def test_disco_lleno_se_explica(tmp_path: Path) -> None:
    texto = P.explicar_error_de_escritura(tmp_path / "x.xlsx", OSError(28, "No space left on device"))
    assert "No hay espacio en el disco" in texto


def test_lo_que_ya_no_se_produce_se_archiva(tmp_path: Path) -> None:
    viejo, ajeno = tmp_path / "fichas" / "GRE-1.docx", tmp_path / "fichas" / "GRE-2.docx"
    viejo.parent.mkdir(parents=True)
    viejo.write_bytes(b"de la ejecucion anterior")
    ajeno.write_bytes(b"de la anterior, luego cambiado por otro comando")
    anteriores = {viejo: huella(viejo), ajeno: "otra-huella"}
    with P.publicacion(tmp_path) as pub:
        P.escribir_bytes_atomico(tmp_path / "fichas" / "GRE-3.docx", b"nueva")
    pub.publicar(anteriores, huella)
    assert not viejo.exists() and ajeno.exists()
    assert [p.name for p in pub.archivadas] == ["GRE-1.docx"]
    assert pub.archivadas[0].read_bytes() == b"de la ejecucion anterior"
    assert "archivo" in pub.archivadas[0].parts


def test_un_error_de_escritura_nombra_la_ruta_que_conoce_la_persona(tmp_path: Path) -> None:
    """Las rutas de preparación y de respaldo son del programa: el mensaje nombra la salida visible, y el
    error viaja desde un proceso trabajador sin perder nada."""
    import errno
    import pickle

    interna = tmp_path / P.CARPETA_INTERNA / "respaldo" / "ab12cd34" / "salidas" / "consolidado_fichas.xlsx"
    error = P.ErrorPublicacion(interna, PermissionError(errno.EACCES, "Permiso denegado"))
    assert error.ruta == tmp_path / "salidas" / "consolidado_fichas.xlsx"
    assert P.CARPETA_INTERNA not in str(error) and "consolidado_fichas.xlsx" in str(error)
    copia = pickle.loads(pickle.dumps(error))
    assert (copia.ruta, str(copia), copia.causa.errno) == (error.ruta, str(error), errno.EACCES)
    assert P.ruta_visible(tmp_path / P.CARPETA_INTERNA) == tmp_path / P.CARPETA_INTERNA


def test_salidas_en_otro_disco_se_explican(tmp_path: Path) -> None:
    """Con «salidas» montada en otro disco, mover lo preparado falla (EXDEV): se dice qué pasa y qué hacer,
    en castellano, sin el texto del sistema operativo."""
    import errno

    mensaje = P.explicar_error_de_escritura(tmp_path / "salidas" / "consolidado_fichas.xlsx",
                                            OSError(errno.EXDEV, "Invalid cross-device link"))
    assert "otro disco" in mensaje and "Invalid" not in mensaje and str(tmp_path / "salidas") in mensaje
