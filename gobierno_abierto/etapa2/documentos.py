"""Etapa II: contexto del Acta de Acuerdos de cada gerencia con su sociedad civil (función pura).

El acta la firman la gerencia y su contraparte de la sociedad civil. Lo que la hoja «Reunión» no
trae queda en blanco para completarlo a mano: la fecha, el lugar, los nombres y, si no hay
representantes, filas con su línea para firmar.
"""

from __future__ import annotations

from typing import Any

from ..nucleo import esquema as E
from ..nucleo import textos
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.modelo import Ficha, Reunion
from ..salida.word import contexto_base, firmas, mostrar

BLANCO = "____________________"
FILAS_SOCIEDAD_CIVIL = 3   # filas para firmar cuando la hoja no trae representantes
CARGO_SOCIEDAD_CIVIL = "Representante de la sociedad civil"


def presupuesto_total(ficha: Ficha) -> str:
    """Suma de ambos años en soles; si un monto no es número, los valores tal como se escribieron."""
    montos = [ficha[k] for k in E.CAMPOS_PRESUPUESTO]
    if all(m is None or (isinstance(m, (int, float)) and not isinstance(m, bool)) for m in montos):
        return textos.soles(sum(float(m or 0) for m in montos))
    return " + ".join(str(m) for m in montos if m not in (None, ""))


def contexto_acta_etapa_II(config: Configuracion, gerencia: Gerencia, reunion: Reunion | None,
                           fichas: list[Ficha]) -> dict[str, Any]:
    v = reunion.valores if reunion else {}
    participantes = [p for p in (reunion.participantes if reunion else ()) if p.nombre]
    fecha = v.get(E.REUNION_FECHA)
    lugar = str(v.get(E.REUNION_LUGAR) or "").strip()
    consejo = str(v.get(E.REUNION_CONSEJO) or "").strip()
    gerente = str(v.get(E.GERENTE_NOMBRE) or "").strip()
    especialista = str(v.get(E.ESPECIALISTA_NOMBRE) or "").strip()
    acuerdos = [a.strip() for a in str(v.get(E.REUNION_ACUERDOS) or "").split("\n") if a.strip()]
    filas = [p.__dict__ for p in participantes] or [
        {"nombre": "", "organizacion": "", "cargo": CARGO_SOCIEDAD_CIVIL} for _ in range(FILAS_SOCIEDAD_CIVIL)]
    return {**contexto_base(config, f"Acta de Acuerdos — Etapa II — {gerencia.codigo}"),
            "gerencia": gerencia.nombre,
            "lugar": f"En {textos.con_articulo(lugar)}" if lugar else f"En {BLANCO}",
            "fecha": f"el {mostrar(fecha)}" if fecha else f"el ____ de ____________ de {config.anio_actual}",
            "gerente": gerente or BLANCO, "especialista": especialista or BLANCO,
            "consejo": textos.con_articulo(consejo) if consejo else "las organizaciones de la sociedad civil del sector",
            "participantes": filas,
            "fichas": [{"codigo": f.codigo, "nombre": f.nombre, "ambito": mostrar(f[E.AMBITO]),
                        "presupuesto": presupuesto_total(f)} for f in fichas],
            "acuerdos": [a.lstrip("0123456789.-) ").strip() for a in acuerdos] or ["_" * 70] * 2,
            # la sociedad civil firma en su tabla; la gerencia, en los bloques de firma
            "firmas": firmas((gerente, f"Gerente Regional — {gerencia.nombre}"),
                             (especialista, "Especialista responsable ante el proceso"))}
