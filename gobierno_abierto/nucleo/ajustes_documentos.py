"""Ajustes de los documentos (Etapa IV): miembros del Comité, oficio, firmantes y acuerdos.

Se leen de `[[comite]]` y `[documentos]` de la configuración; un error nombra la clave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .configuracion import Configuracion, ErrorConfiguracion, exigir


@dataclass(frozen=True)
class Persona:
    nombre: str
    cargo: str


@dataclass(frozen=True)
class AjustesDocumentos:
    comite: tuple[Persona, ...]
    numero_oficio: str
    fecha_oficio: date | None
    coordinador: Persona
    firmante_oficio: Persona
    hora_cierre_etapa_I: str
    acuerdos: dict[str, tuple[str, ...]]
    destinatario: dict[str, str]


def leer_ajustes(config: Configuracion) -> AjustesDocumentos:
    crudo = config.crudo
    miembros = exigir(crudo, "comite", list, "")
    if not miembros:
        raise ErrorConfiguracion("La lista «comite» está vacía: declare los miembros del Comité.")
    comite = []
    for i, m in enumerate(miembros, start=1):
        if not isinstance(m, dict):
            raise ErrorConfiguracion(f"«comite[{i}]» debe ser una sección [[comite]].")
        comite.append(Persona(exigir(m, "nombre", str, f"comite[{i}].").strip(),
                              exigir(m, "cargo", str, f"comite[{i}].").strip()))
    d = exigir(crudo, "documentos", dict, "")
    fecha = d.get("fecha_oficio")
    if fecha is not None and (not isinstance(fecha, date) or isinstance(fecha, datetime)):
        raise ErrorConfiguracion("La clave «documentos.fecha_oficio» debe ser una fecha AAAA-MM-DD.")
    acuerdos = {}
    for etapa in ("I", "III", "IV"):
        lista = exigir(d, f"acuerdos_etapa_{etapa}", list, "documentos.")
        if not lista or not all(isinstance(a, str) and a.strip() for a in lista):
            raise ErrorConfiguracion(f"«documentos.acuerdos_etapa_{etapa}» debe ser una lista de textos no vacíos.")
        acuerdos[etapa] = tuple(a.strip() for a in lista)
    dest = exigir(d, "destinatario", dict, "documentos.")
    destinatario = {k: exigir(dest, k, str, "documentos.destinatario.").strip()
                    for k in ("nombre", "cargo", "direccion")}
    return AjustesDocumentos(
        comite=tuple(comite),
        numero_oficio=exigir(d, "numero_oficio", str, "documentos.").strip(),
        fecha_oficio=fecha,
        coordinador=Persona(exigir(d, "coordinador_nombre", str, "documentos.").strip(),
                            exigir(d, "coordinador_cargo", str, "documentos.").strip()),
        firmante_oficio=Persona(exigir(d, "firmante_oficio_nombre", str, "documentos.").strip(),
                                exigir(d, "firmante_oficio_cargo", str, "documentos.").strip()),
        hora_cierre_etapa_I=exigir(d, "hora_cierre_etapa_I", str, "documentos.").strip(),
        acuerdos=acuerdos,
        destinatario=destinatario,
    )

