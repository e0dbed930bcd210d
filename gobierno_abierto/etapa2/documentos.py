"""Etapa II: contexto del Acta de Acuerdos de cada gerencia con su sociedad civil (función pura)."""

from __future__ import annotations

from typing import Any

from ..nucleo import esquema as E
from ..nucleo import textos
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.modelo import Ficha, Reunion
from ..salida.word import contexto_base, firmas, mostrar


def presupuesto_total(ficha: Ficha) -> str:
    """Suma de ambos años en soles; si un monto no es número, los valores tal como se escribieron."""
    montos = [ficha[k] for k in E.CAMPOS_PRESUPUESTO]
    if all(m is None or (isinstance(m, (int, float)) and not isinstance(m, bool)) for m in montos):
        return textos.soles(sum(float(m or 0) for m in montos))
    return " + ".join(str(m) for m in montos if m not in (None, ""))


def contexto_acta_etapa_II(config: Configuracion, gerencia: Gerencia, reunion: Reunion | None,
                           fichas: list[Ficha]) -> dict[str, Any]:
    v = reunion.valores if reunion else {}
    participantes = list(reunion.participantes) if reunion else []
    fecha = v.get(E.REUNION_FECHA)
    acuerdos = [a.strip() for a in str(v.get(E.REUNION_ACUERDOS) or "").split("\n") if a.strip()]
    return {**contexto_base(config, f"Acta de Acuerdos — Etapa II — {gerencia.codigo}"),
            "gerencia": gerencia.nombre, "fecha": mostrar(fecha) if fecha else "—",
            "lugar": v.get(E.REUNION_LUGAR) or "—", "gerente": v.get(E.GERENTE_NOMBRE) or "—",
            "especialista": v.get(E.ESPECIALISTA_NOMBRE) or "—",
            "consejo": v.get(E.REUNION_CONSEJO) or "las organizaciones de la sociedad civil del sector",
            "participantes": [p.__dict__ for p in participantes],
            "fichas": [{"codigo": f.codigo, "nombre": f.nombre, "ambito": mostrar(f[E.AMBITO]),
                        "presupuesto": presupuesto_total(f)} for f in fichas],
            "acuerdos": [a.lstrip("0123456789.-) ").strip() for a in acuerdos],
            "firmas": firmas((v.get(E.GERENTE_NOMBRE) or "", f"Gerente Regional — {gerencia.nombre}"),
                             *[(p.nombre, f"{p.cargo}, {p.organizacion}".strip(", ")) for p in participantes])}
