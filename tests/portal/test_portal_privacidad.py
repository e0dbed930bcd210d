"""Reserva de datos personales: correos, teléfonos y nombres de personas fuera de lo publicado."""

from __future__ import annotations

import pytest

from gobierno_abierto.portal.privacidad import MARCA_CORREO, MARCA_NOMBRE, MARCA_TELEFONO, Reserva

NOMBRES = ["María del Pilar Quispe Rodríguez", "Julia Sánchez Benites", "Ana Pérez", "Luis"]


@pytest.mark.parametrize(("texto", "esperado"), [
    ("Escriba a ana.perez@gmail.com hoy.", f"Escriba a {MARCA_CORREO} hoy."),
    ("Correo: j.sanchez+ogp@regionlalibertad.gob.pe", f"Correo: {MARCA_CORREO}"),
    ("Llame al 949 123 456.", f"Llame al {MARCA_TELEFONO}."),
    ("Celular 949123456", f"Celular {MARCA_TELEFONO}"),
    ("Fijo (044) 234567 o (01) 415-1234", f"Fijo {MARCA_TELEFONO} o {MARCA_TELEFONO}"),
    ("WhatsApp: +51 987 654 321", f"WhatsApp: {MARCA_TELEFONO}"),
    ("Telf. 231-4567", f"Telf. {MARCA_TELEFONO}"),
    ("Lo dijo MARIA DEL PILAR QUISPE RODRIGUEZ.", f"Lo dijo {MARCA_NOMBRE}."),
    ("julia  sanchez benites y Ana Pérez firmaron", f"{MARCA_NOMBRE} y {MARCA_NOMBRE} firmaron"),
])
def test_retira_datos_personales(texto: str, esperado: str) -> None:
    assert Reserva(NOMBRES).limpiar(texto) == esperado


@pytest.mark.parametrize("texto", [
    "Presupuesto S/ 1,250,000.00 y S/. 50 000; población 2,100,000 (450000 en 2016).",
    "Meta: 999 talleres al 19/09/2016; OEI6; 2016-09-21; puesto 9 de 56 con 93.75 puntos.",
    "Luis y Ana presentaron la ficha GRE-1 a la Anapérez Asociación.",   # una sola palabra no es un nombre
    "Julia Sánchez",                                                    # ni un nombre incompleto
])
def test_no_toca_montos_fechas_ni_palabras_sueltas(texto: str) -> None:
    reserva = Reserva(NOMBRES)
    assert reserva.limpiar(texto) == texto
    assert reserva.retirados == 0


def test_cuenta_y_se_desactiva() -> None:
    reserva = Reserva(NOMBRES)
    reserva.limpiar("Ana Pérez, ana@x.pe, 949 123 456")
    assert reserva.retirados == 3
    assert Reserva(NOMBRES, activa=False).limpiar("Ana Pérez, ana@x.pe") == "Ana Pérez, ana@x.pe"
