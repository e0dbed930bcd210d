"""Correos de ejemplo (.eml) con una hoja adjunta, como los guarda un cliente de correo."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime


def correo_con_adjunto(remitente: str, destinatario: str, fecha: datetime, asunto: str,
                       nombre_adjunto: str, datos: bytes, cuerpo: str) -> bytes:
    """Un correo como lo guarda un cliente de correo (.eml), con la hoja adjunta."""
    mensaje = EmailMessage()
    mensaje["From"] = remitente
    mensaje["To"] = destinatario
    mensaje["Subject"] = asunto
    mensaje["Date"] = format_datetime(fecha)
    mensaje.set_content(cuerpo)
    mensaje.add_attachment(datos, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           filename=nombre_adjunto)
    return bytes(mensaje)
