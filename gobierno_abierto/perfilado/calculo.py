"""Etapa IV, perfilado: cálculos puros — qué cambió frente a la ficha, las cifras del proceso, quiénes
participaron y los datos del cronograma."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from ..nucleo.configuracion import Configuracion
from ..nucleo.conteos import conteos
from ..nucleo.esquema import SI
from ..nucleo.modelo import Consolidado, Ficha, Priorizacion
from ..nucleo.textos import normalizar
from ..salida.word import mostrar
from . import esquema as P
from .modelo import Cambio, Cifras, Compromiso

SIN_CAMBIOS, MODIFICADO, AGREGADO, QUITADO, JUSTIFICADO = ("Sin cambios", "Modificado", "Agregado", "Quitado",
                                                          "Justificado")


def _igual(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 0.005
    return " ".join(str(a).split()) == " ".join(str(b).split())


def _vacio(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def cambios(compromiso: Compromiso, ficha: Ficha, config: Configuracion) -> list[Cambio]:
    """Campo por campo, la ficha de la Etapa II frente al compromiso perfilado (también los que no cambiaron)."""
    campos = {c.clave: c for c in P.campos(config)}
    salida = []
    for clave, desde in P.origen(config).items():
        campo = campos[clave]
        antes, despues = ficha[desde], compromiso[clave]
        if clave.startswith("relevancia_"):
            marcado = antes == SI
            texto_antes = f"Marcado «{SI if marcado else 'No'}» en la ficha"
            if marcado:
                tipo = QUITADO if _vacio(despues) else JUSTIFICADO
            else:
                tipo = SIN_CAMBIOS if _vacio(despues) else AGREGADO
        else:
            texto_antes = mostrar(antes, campo)
            if _vacio(antes) and _vacio(despues):
                tipo = SIN_CAMBIOS
            elif _vacio(antes):
                tipo = AGREGADO
            elif _vacio(despues):
                tipo = QUITADO
            else:
                tipo = SIN_CAMBIOS if _igual(antes, despues) else MODIFICADO
        salida.append(Cambio(compromiso.codigo, clave, campo.etiqueta, texto_antes, mostrar(despues, campo), tipo))
    return salida


def cifras(config: Configuracion, consolidado: Consolidado, priorizacion: Priorizacion, seleccion: dict[str, str],
           compromisos: list[Compromiso]) -> Cifras:
    """Las cifras de `nucleo.conteos` (la selección del Comité: código → motivo) y los compromisos perfilados."""
    base = conteos(config, consolidado, priorizacion, {codigo: (True, motivo) for codigo, motivo in seleccion.items()})
    return Cifras(**asdict(base), perfilados=len(compromisos))


def organizaciones(consolidado: Consolidado, config: Configuracion) -> list[dict[str, str]]:
    """Las organizaciones de la sociedad civil de las actas de la Etapa II, con sus gerencias y representantes."""
    orden = {g.codigo: i for i, g in enumerate(config.gerencias)}
    grupos: dict[str, dict[str, Any]] = {}
    for codigo in sorted(consolidado.reuniones, key=lambda c: orden.get(c, len(orden))):
        for p in consolidado.reuniones[codigo].participantes:
            nombre = " ".join((p.organizacion or "Sin organización indicada").split())
            g = grupos.setdefault(normalizar(nombre), {"nombre": nombre, "gerencias": [], "representantes": []})
            if codigo not in g["gerencias"]:
                g["gerencias"].append(codigo)
            persona = f"{p.nombre} ({p.cargo})" if p.cargo else p.nombre
            if p.nombre and persona not in g["representantes"]:
                g["representantes"].append(persona)
    return [{"nombre": g["nombre"], "gerencias": ", ".join(g["gerencias"]),
             "representantes": "; ".join(g["representantes"])}
            for _, g in sorted(grupos.items())]


def representantes(consolidado: Consolidado) -> int:
    return len({(normalizar(p.nombre), normalizar(p.organizacion)) for r in consolidado.reuniones.values()
                for p in r.participantes if p.nombre})


def gerencias_participantes(consolidado: Consolidado, config: Configuracion) -> list[str]:
    presentes = {f.codigo_gerencia for f in consolidado.fichas}
    return [g.nombre for g in config.gerencias if g.codigo in presentes]


def actores_de(compromiso: Compromiso, tipo: str) -> str:
    return "; ".join(f"{a.nombre} ({a.rol})" if a.rol else a.nombre for a in compromiso.actores if a.tipo == tipo)


def cronograma(compromisos: list[Compromiso], maximo_hitos: int = 100) -> tuple[bool, list[tuple[str, date, int, int]]]:
    """(¿una barra por hito?, barras del diagrama de Gantt: (etiqueta, inicio, días, n.º de compromiso)). Una
    por hito; con más de `maximo_hitos` hitos, una por compromiso (el gráfico dejaría de leerse)."""
    por_hito = sum(len(c.hitos) for c in compromisos) <= maximo_hitos
    barras = []
    for i, c in enumerate(compromisos, start=1):
        if not por_hito:
            if c.inicio and c.fin:
                barras.append((f"{i}. {c.nombre[:60]}", c.inicio, (c.fin - c.inicio).days + 1, i))
            continue
        for h in c.hitos:
            if h.inicio and h.fin:
                texto = h.entregable if len(h.entregable) <= 55 else h.entregable[:54] + "…"
                barras.append((f"{i}.{h.numero} {texto}", h.inicio, h.dias, i))
    return por_hito, barras
