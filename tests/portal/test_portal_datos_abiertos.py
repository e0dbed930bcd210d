"""Datos abiertos: CSV en UTF-8 con una cabecera, fechas ISO y punto decimal; un Data Package que
`frictionless validate` acepta (y rechaza si se rompe una clave foránea); el mismo contenido en .xlsx."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import frictionless
import pytest
import python_calamine
from conftest import DESPUES_DE_TODO, Publicado

from gobierno_abierto.portal import datos_abiertos as D
from gobierno_abierto.portal import libro_abierto as L
from gobierno_abierto.portal.ajustes import leer_ajustes
from gobierno_abierto.portal.contenido import armar_contenido
from gobierno_abierto.portal.lectura import leer_fuentes
from gobierno_abierto.salida.publicacion import ErrorPublicacion


def filas(ruta: Path) -> list[list[str]]:
    with open(ruta, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_frictionless_acepta_el_paquete(publicado: Publicado) -> None:
    informe = frictionless.validate(str(publicado.datos / "datapackage.json"))
    assert informe.valid, informe.flatten(["type", "note"])
    paquete = json.loads((publicado.datos / "datapackage.json").read_text(encoding="utf-8"))
    nombres = [r["name"] for r in paquete["resources"]]
    assert nombres == ["etapas", "gerencias", "iniciativas", "decisiones", "criterios", "puntajes", "compromisos"]
    assert paquete["licenses"][0]["name"] == "CC-BY-4.0"
    esquema = {r["name"]: r["schema"] for r in paquete["resources"]}
    assert esquema["decisiones"]["primaryKey"] == ["codigo", "etapa"]
    assert {"fields": ["codigo"], "reference": {"resource": "iniciativas", "fields": ["codigo"]}} in \
        esquema["decisiones"]["foreignKeys"]
    tipos = {c["name"]: c["type"] for c in esquema["iniciativas"]["fields"]}
    assert (tipos["presupuesto_anio_actual"], tipos["poblacion_numero"], tipos["ogp_transparencia"], tipos["puntaje"]) == \
        ("number", "integer", "boolean", "number")


def test_frictionless_rechaza_una_clave_foranea_rota(publicado: Publicado, tmp_path: Path) -> None:
    copia = tmp_path / "datos"
    shutil.copytree(publicado.datos, copia)
    paquete = json.loads((copia / "datapackage.json").read_text(encoding="utf-8"))
    for r in paquete["resources"]:
        r.pop("hash"), r.pop("bytes")
    (copia / "datapackage.json").write_text(json.dumps(paquete), encoding="utf-8")
    texto = (copia / "decisiones.csv").read_text(encoding="utf-8")
    (copia / "decisiones.csv").write_text(texto.replace("GRE-1,II,", "GRE-99,II,", 1), encoding="utf-8")
    informe = frictionless.validate(str(copia / "datapackage.json"))
    assert not informe.valid
    assert "foreign-key" in {e[0] for e in informe.flatten(["type"])}


def test_csv_una_cabecera_fechas_iso_y_punto_decimal(publicado: Publicado) -> None:
    decisiones = filas(publicado.datos / "decisiones.csv")
    assert decisiones[0] == ["codigo", "etapa", "decision", "motivo", "fecha"]
    assert decisiones[1][:3] == ["GRE-1", "II", "valida"] and decisiones[1][4] == "2016-09-19"
    assert len(decisiones) == 1 + 3 * 20
    iniciativas = filas(publicado.datos / "iniciativas.csv")
    col = {c: i for i, c in enumerate(iniciativas[0])}
    puntajes = [f[col["puntaje"]] for f in iniciativas[1:] if f[col["puntaje"]]]
    assert len(puntajes) == 19 and all("," not in p and float(p) <= 100 for p in puntajes)
    assert any("." in p for p in puntajes)
    observada = next(f for f in iniciativas if f[0] == "GEPRO-5")
    assert observada[col["presupuesto_anio_siguiente"]] == "" and observada[col["situacion"]] == "observada"
    assert iniciativas[1][col["fecha_recepcion"]] == "2016-09-18T17:30:00"
    assert (publicado.datos / "iniciativas.csv").read_bytes().count(b"\r\n") == 21


def test_libro_con_las_mismas_tablas(publicado: Publicado) -> None:
    libro = python_calamine.CalamineWorkbook.from_path(str(publicado.datos / "gobierno_abierto.xlsx"))
    paquete = json.loads((publicado.datos / "datapackage.json").read_text(encoding="utf-8"))
    assert libro.sheet_names == ["Léame", *[r["name"] for r in paquete["resources"]]]
    for r in paquete["resources"]:
        hoja = libro.get_sheet_by_name(r["name"]).to_python()
        csv_ = filas(publicado.datos / r["path"])
        if r["name"] == "puntajes":   # en el libro, a lo ancho: una columna por criterio
            criterios = [f[0] for f in filas(publicado.datos / "criterios.csv")[1:]]
            assert hoja[0] == ["codigo", "grupo", *criterios]
            assert len(hoja) == 1 + len({(f[0], f[1]) for f in csv_[1:]})
            assert sum(1 for f in hoja[1:] for v in f[2:] if v != "") == len(csv_) - 1
            continue
        assert len(hoja) == len(csv_), r["name"]
        assert hoja[0] == [c["name"] for c in r["schema"]["fields"]]


def test_leeme_dice_que_es_cada_archivo_la_licencia_y_la_fecha(publicado: Publicado) -> None:
    texto = (publicado.datos / "LEEME.txt").read_text(encoding="utf-8")
    assert "Fecha de publicación: 2016-12-01" in texto
    assert "Creative Commons Atribución 4.0 Internacional (CC-BY-4.0)" in texto
    for archivo in sorted(p.name for p in publicado.datos.iterdir() if p.name != "LEEME.txt"):
        assert f"{archivo}:" in texto, archivo
    assert "Ley N.º 29733" in texto


def test_libro_en_otro_proceso_da_los_mismos_bytes(publicado: Publicado, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    config = publicado.config
    contenido = armar_contenido(config, leer_ajustes(config, DESPUES_DE_TODO), leer_fuentes(config, publicado.rutas))
    tablas = D.armar_tablas(contenido)
    with L.libro_en_paralelo(contenido, tablas, tmp_path / "a") as en_el_mismo:
        pass
    monkeypatch.setattr(L, "_FILAS_PARA_PARALELO", 0)
    with L.libro_en_paralelo(contenido, tablas, tmp_path / "b") as en_otro:
        assert en_otro == []   # todavía se está escribiendo
    assert en_el_mismo[0].read_bytes() == en_otro[0].read_bytes()
    assert en_el_mismo[0].read_bytes() == (publicado.datos / "gobierno_abierto.xlsx").read_bytes()


def _falla(*_: object) -> None:
    raise OSError("disco lleno")


def test_si_el_otro_proceso_falla_no_queda_libro(publicado: Publicado, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("con «spawn» el reemplazo de la función no llega al otro proceso")
    config = publicado.config
    contenido = armar_contenido(config, leer_ajustes(config, DESPUES_DE_TODO), leer_fuentes(config, publicado.rutas))
    monkeypatch.setattr(L, "_FILAS_PARA_PARALELO", 0)
    monkeypatch.setattr(L, "_escribir_libro", _falla)
    with pytest.raises(ErrorPublicacion, match=r"gobierno_abierto\.xlsx"), \
            L.libro_en_paralelo(contenido, D.armar_tablas(contenido), tmp_path):
        pass
    assert list(tmp_path.iterdir()) == []


def test_un_texto_que_empieza_como_formula_queda_como_texto_en_el_csv(tmp_path: Path, soffice: str) -> None:
    """Un texto escrito por una persona que empieza con =, +, -, @ (o un tabulador) lleva un apóstrofo en el
    CSV: LibreOffice y Excel lo muestran como texto y no lo ejecutan. Los números, también negativos, no."""
    import subprocess
    import zipfile

    textos = ['=HYPERLINK("http://ejemplo","x")', "+51 944 123 456", "-2+3", "@SUM(1)", "\tcon tabulador",
              "Texto normal", "GRE-1"]
    tabla = D.Tabla("prueba", "Prueba", "", [D.CampoDato("texto", "string", "Texto"),
                                                D.CampoDato("monto", "number", "Monto")],
                    [[t, -15000.5] for t in textos], ["texto"])
    ruta = tmp_path / "prueba.csv"
    ruta.write_bytes(D.csv_de(tabla))
    leidas = filas(ruta)[1:]
    assert [f[0] for f in leidas] == ["'" + t for t in textos[:5]] + textos[5:]
    assert {f[1] for f in leidas} == {"-15000.5"}
    subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(ruta)],
                   check=True, capture_output=True, timeout=120)
    hoja = zipfile.ZipFile(tmp_path / "prueba.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in hoja and b"<f " not in hoja  # ninguna fórmula


def test_leeme_explica_el_apostrofo(publicado: Publicado) -> None:
    leeme = (publicado.datos / "LEEME.txt").read_text(encoding="utf-8")
    assert "apóstrofo (')" in leeme and "nunca lo ejecute como fórmula" in leeme
