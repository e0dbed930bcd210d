"""La sección [publicacion]: valores por omisión seguros y errores que nombran la clave."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import config_con

from gobierno_abierto.nucleo.configuracion import ErrorConfiguracion, cargar_configuracion
from gobierno_abierto.nucleo.revision_configuracion import resumir
from gobierno_abierto.portal.ajustes import CLAVES, leer_ajustes


def test_valores_por_omision() -> None:
    config = cargar_configuracion()
    a = leer_ajustes(config, hoy=date(2016, 9, 27))
    fin_iv = config.etapa("IV").fin
    assert (a.puntajes_desde, a.decision_comite_desde, a.datos_personales, a.licencia, a.filas_por_pagina) == \
        (fin_iv, fin_iv, False, "CC-BY-4.0", 1000)
    assert not a.puntajes_publicos() and not a.decision_publica()   # un día antes del fin de la Etapa IV
    assert leer_ajustes(config, hoy=fin_iv).puntajes_publicos()


def test_claves_configuradas() -> None:
    a = leer_ajustes(config_con(puntajes_desde=date(2016, 9, 22), licencia="CC0-1.0", filas_por_pagina=50,
                                fecha=date(2016, 10, 3)), hoy=date(2030, 1, 1))
    assert (a.puntajes_desde, a.licencia, a.filas_por_pagina, a.fecha) == \
        (date(2016, 9, 22), "CC0-1.0", 50, date(2016, 10, 3))


@pytest.mark.parametrize(("seccion", "error"), [
    ({"puntajes_desde": "pronto"}, "publicacion.puntajes_desde: debe ser una fecha AAAA-MM-DD"),
    ({"datos_personales": "sí"}, "publicacion.datos_personales: debe ser true o false"),
    ({"filas_por_pagina": 5}, "publicacion.filas_por_pagina: debe ser un número mayor o igual que 20"),
    ({"licencia": "  "}, "publicacion.licencia: está vacía"),
    ({"publicar_todo": True}, "publicacion.publicar_todo: clave desconocida"),
])
def test_errores_nombran_la_clave(seccion: dict[str, object], error: str) -> None:
    with pytest.raises(ErrorConfiguracion) as e:
        leer_ajustes(config_con(**seccion))
    assert len(e.value.errores) == 1 and e.value.errores[0].startswith(error)


def test_la_revision_de_la_configuracion_resume_la_publicacion() -> None:
    lineas = resumir(config_con(puntajes_desde=date(2016, 9, 22)))
    assert "Publicación: puntajes desde el 22/09/2016, decisión del Comité desde el 28/09/2016; licencia " \
           "CC-BY-4.0; datos personales: no." in lineas


def test_claves_documentadas_en_el_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert all(f"`{clave}`" in readme for clave in CLAVES)
