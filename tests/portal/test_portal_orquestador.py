"""`publicar` de punta a punta, como lo ejecuta la coordinación: código de salida, resumen, archivos, la
cadena de etapas, mismos bytes al repetir y ningún dato personal en nada de lo publicado."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import Publicado, preparar
from python_calamine import CalamineWorkbook

from gobierno_abierto.cadena import ruta_registro
from gobierno_abierto.cli import main
from gobierno_abierto.demo.publicacion import CORREO_PLANTADO, TELEFONOS_PLANTADOS
from gobierno_abierto.nucleo.configuracion import cargar_configuracion
from gobierno_abierto.nucleo.textos import normalizar
from gobierno_abierto.salida.rutas import Rutas

CORREO = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
TELEFONO = re.compile(r"(?<![\d.,])(?:\+51[\s.-]*)?9\d{2}[\s.-]?\d{3}[\s.-]?\d{3}(?![\d])|\+51|\(0?\d{2,3}\)\s*\d{3}")


def textos_publicados(carpeta: Path) -> dict[str, str]:
    """Cada archivo publicado como texto; los .xlsx, miembro por miembro."""
    salida = {}
    for ruta in sorted(p for p in carpeta.rglob("*") if p.is_file()):
        if ruta.suffix == ".xlsx":
            with zipfile.ZipFile(ruta) as z:
                for nombre in z.namelist():
                    salida[f"{ruta.name}!{nombre}"] = z.read(nombre).decode("utf-8", "replace")
        else:
            salida[str(ruta.relative_to(carpeta))] = ruta.read_bytes().decode("utf-8", "replace")
    return salida


def test_ningun_dato_personal_en_lo_publicado(publicado: Publicado) -> None:
    config = publicado.config
    personas = list(publicado.ejemplo.personas)
    personas += [m.nombre for m in config.documentos.comite]
    personas += [config.documentos.coordinador.nombre, config.documentos.firmante_oficio.nombre]
    personas = [p for p in personas if p]  # la configuración del proyecto no trae nombres inventados
    assert len(personas) > 20
    # las entradas sí los tienen (si no, esta prueba no probaría nada)
    participantes = CalamineWorkbook.from_path(str(publicado.rutas.consolidado)).get_sheet_by_name("Participantes")
    assert {f[2] for f in participantes.to_python()[1:]} <= set(personas)
    assert len(participantes.to_python()) > 10
    textos = textos_publicados(publicado.rutas.publicacion)
    assert len(textos) > 40
    for archivo, texto in textos.items():
        assert not CORREO.findall(texto), (archivo, CORREO.findall(texto))
        assert not TELEFONO.findall(texto), (archivo, TELEFONO.findall(texto))
        plano = normalizar(texto)
        for persona in personas:
            assert normalizar(persona) not in plano, (archivo, persona)
    todo = "\n".join(textos.values())
    assert CORREO_PLANTADO not in todo and not any(t in todo for t in TELEFONOS_PLANTADOS)
    assert "[correo reservado]" in todo and "[teléfono reservado]" in todo and "[nombre reservado]" in todo
    # las organizaciones y las gerencias sí se publican
    assert "Gerencia Regional de Educación" in todo and "Consejo Consultivo Regional de Educación" in todo


def test_linea_de_comandos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rutas, _ = preparar(tmp_path / "p", cargar_configuracion())
    assert main(["--carpeta", str(rutas.raiz), "publicar"]) == 0
    salida = capsys.readouterr().out
    assert "== Publicación: sitio web y datos abiertos ==" in salida
    assert "20 iniciativas" in salida and "Se retiraron" in salida
    sitio = rutas.publicacion / "sitio"
    assert len(list((sitio / "iniciativas").glob("*.html"))) == 20
    assert (sitio / "documentos" / "acta_etapa_iii.pdf").read_bytes().startswith(b"%PDF-")
    assert (rutas.publicacion / "index.html").is_file()
    registro = json.loads(ruta_registro(rutas, "publicar").read_text(encoding="utf-8"))
    assert "salidas/publicacion/datos/datapackage.json" in registro["salidas"]
    assert "entradas/documentos_firmados/acta_etapa_III.pdf" in registro["entradas"]


def test_repetir_da_los_mismos_bytes(tmp_path: Path) -> None:
    rutas, _ = preparar(tmp_path / "p", cargar_configuracion())

    def huellas() -> dict[str, str]:
        assert main(["--carpeta", str(rutas.raiz), "publicar"]) == 0
        return {str(p.relative_to(rutas.publicacion)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(rutas.publicacion.rglob("*")) if p.is_file()}

    assert huellas() == huellas()


def test_sin_consolidado_dice_que_ejecutar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Rutas(tmp_path).crear()
    assert main(["--carpeta", str(tmp_path), "publicar"]) == 2
    assert "consolidar" in capsys.readouterr().err
    assert not (tmp_path / "salidas" / "publicacion").exists()


def test_se_niega_si_una_etapa_anterior_cambio(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rutas, _ = preparar(tmp_path / "p", cargar_configuracion())
    # «seleccionar» se hizo con otra priorización: la de ahora cambió después
    registro = {"comando": "seleccionar", "fecha": "2016-09-28T17:00:00-05:00", "version": "x", "configuracion": "",
                "previas": {"salidas/priorizacion.xlsx": "0" * 64}, "salidas": {}}
    ruta_registro(rutas, "seleccionar").parent.mkdir(parents=True, exist_ok=True)
    ruta_registro(rutas, "seleccionar").write_text(json.dumps(registro), encoding="utf-8")
    assert main(["--carpeta", str(rutas.raiz), "publicar"]) == 2
    assert "priorizacion.xlsx" in capsys.readouterr().err
    assert not rutas.publicacion.exists()
    assert main(["--carpeta", str(rutas.raiz), "--forzar", "publicar"]) == 0


def test_configuracion_invalida_sale_con_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rutas, _ = preparar(tmp_path / "p", cargar_configuracion())
    config = cargar_configuracion().ruta.read_text(encoding="utf-8") + '\n[publicacion]\nlicencia = ""\n'
    (tmp_path / "c.toml").write_text(config, encoding="utf-8")
    assert main(["--config", str(tmp_path / "c.toml"), "--carpeta", str(rutas.raiz), "publicar"]) == 2
    assert "publicacion.licencia" in capsys.readouterr().err
