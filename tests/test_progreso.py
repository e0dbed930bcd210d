"""La barra de progreso solo aparece en una terminal: en un archivo, una tubería o CI no escribe nada."""

from __future__ import annotations

import io
import sys

from gobierno_abierto.salida.progreso import con_progreso


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_sin_terminal_no_escribe_nada(monkeypatch):
    redirigida = io.StringIO()
    monkeypatch.setattr(sys, "stderr", redirigida)
    assert list(con_progreso(range(200), "Leyendo fichas", total=200)) == list(range(200))
    assert redirigida.getvalue() == ""


def test_en_una_terminal_muestra_la_barra(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(con_progreso(range(200), "Leyendo fichas", total=200)) == list(range(200))
    assert "Leyendo fichas" in terminal.getvalue()


def test_terminal_cp850_no_se_cae(monkeypatch):
    """Una consola de Windows antigua: la barra se dibuja con caracteres que cp850 tiene."""

    class Cp850(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    crudo = io.BytesIO()
    terminal = Cp850(crudo, encoding="cp850")
    monkeypatch.setattr(sys, "stderr", terminal)
    assert len(list(con_progreso(range(50), "Leyendo fichas", total=50))) == 50
    terminal.flush()
    assert "Leyendo fichas" in crudo.getvalue().decode("cp850")
