"""Observaciones: cada código lo produce el programa en alguna prueba, y alguna prueba lo afirma.

Así, quitar una regla (o dejar un código sin uso) hace fallar la suite aunque ninguna otra prueba
se dé cuenta. Un código nuevo necesita una prueba que lo produzca y lo afirme como tabla literal:
`aplanar(obs, "hoja", "celda", "codigo") == [("Ficha 3", "C12", Codigo.X)]`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gobierno_abierto.nucleo.observaciones import Codigo
from tests.conftest import Registro

CARPETA = Path(__file__).parent


def _suite_incompleta(session: pytest.Session, registro: Registro) -> str:
    """Por qué esta sesión no ejecutó toda la suite ('' si la ejecutó entera)."""
    en_disco = {p.name for p in CARPETA.glob("test_*.py")}
    recogidos = {item.path.name for item in session.items}
    if en_disco - recogidos:
        return f"se recogieron {len(en_disco & recogidos)} de los {len(en_disco)} archivos de pruebas"
    if registro.deseleccionadas:
        return f"{registro.deseleccionadas} prueba(s) deseleccionadas (-k, -m, --deselect, --lf)"
    if registro.saltadas:
        return f"{registro.saltadas} prueba(s) saltadas (¿falta LibreOffice?)"
    if registro.fallidas:
        return f"{registro.fallidas} prueba(s) fallaron"
    return ""


@pytest.mark.al_final
def test_cada_codigo_lo_produce_alguna_prueba(request: pytest.FixtureRequest,
                                              registro_de_codigos: Registro) -> None:
    """Cada `Codigo` lo creó el paquete durante alguna prueba de esta sesión.

    `tests/conftest.py` envuelve `Observacion.__init__` al iniciar pytest y anota el código de
    cada observación que crea el paquete (no las que una prueba arma a mano). Esta prueba va al
    final (marca `al_final`) y compara lo anotado con `set(Codigo)`. Solo juzga una sesión que
    ejecutó toda la suite: todos los tests/test_*.py recogidos, nada deseleccionado, saltado ni
    fallido (salvo las otras `al_final`); si no, se salta y dice por qué: correr un archivo, usar
    -k o no tener LibreOffice no la hace fallar. En CI (`.ci/run`) corre siempre entera.
    """
    motivo = _suite_incompleta(request.session, registro_de_codigos)
    if motivo:
        pytest.skip(f"la cuenta de códigos solo vale con la suite completa: {motivo}")
    faltan = [c.name for c in Codigo if c not in registro_de_codigos.producidos]
    assert faltan == [], (f"Ninguna prueba hace que el programa produzca {', '.join(faltan)}: "
                          "agregue una prueba que lo provoque y afirme la observación.")


@pytest.mark.al_final
def test_cada_codigo_lo_nombra_alguna_prueba() -> None:
    """Cada código aparece (por nombre `Codigo.X` o por su valor entre comillas) en otro archivo
    de pruebas: producirlo de paso, sin afirmarlo, no basta. Corre siempre (solo lee archivos)."""
    texto = "\n".join(p.read_text(encoding="utf-8") for p in CARPETA.glob("test_*.py")
                      if p.name != Path(__file__).name)
    faltan = [c.name for c in Codigo
              if not re.search(rf"\b{c.name}\b", texto) and f'"{c.value}"' not in texto]
    assert faltan == [], f"Ninguna prueba afirma {', '.join(faltan)}."
