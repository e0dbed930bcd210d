"""Etapa IV, perfilado: contextos del Plan de Acción, del acta IV y el oficio con las consultas, y de las
fichas Word con los valores perfilados (funciones puras, sin render)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..etapa4.documentos import (
    Motivos,
    contexto_acta_etapa_IV,
    contexto_ficha_word,
    contexto_oficio,
)
from ..nucleo import textos
from ..nucleo.configuracion import ETAPAS, Configuracion
from ..nucleo.esquema import campos_ficha
from ..nucleo.modelo import Consolidado, Priorizacion
from ..nucleo.modelos_secciones import AjustesDocumentos, AjustesPriorizacion
from ..salida.word import contexto_base, firmas, mostrar
from . import calculo as K
from . import esquema as P
from .ajustes import AjustesPerfilado
from .modelo import Cambio, Cifras, Compromiso

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def limpiar(valor: Any) -> Any:
    """Quita los caracteres de control que Excel guarda como _x000B_ (un .docx con ellos no abre)."""
    if isinstance(valor, str):
        return _CONTROL.sub(" ", valor)
    if isinstance(valor, dict):
        return {k: limpiar(v) for k, v in valor.items()}
    if isinstance(valor, list):
        return [limpiar(v) for v in valor]
    return valor


def rango_fechas(inicio: date, fin: date) -> str:
    """«2 de septiembre de 2016», «del 2 al 19 de septiembre de 2016», «del 28 de septiembre al 5 de octubre de 2016»."""
    if inicio == fin:
        return textos.fecha_larga(inicio, con_dia=False)
    if (inicio.year, inicio.month) == (fin.year, fin.month):
        return f"del {inicio.day} al {textos.fecha_larga(fin, con_dia=False)}"
    if inicio.year == fin.year:
        return f"del {inicio.day} de {textos.MESES[inicio.month - 1]} al {textos.fecha_larga(fin, con_dia=False)}"
    return f"del {textos.fecha_larga(inicio, con_dia=False)} al {textos.fecha_larga(fin, con_dia=False)}"


def _d(valor: Any) -> str:
    return f"{valor:%d/%m/%Y}" if isinstance(valor, date) else "—"


def _texto(valor: Any) -> str:
    return "—" if valor is None or (isinstance(valor, str) and not valor.strip()) else str(valor)


def fecha_documentos(ajustes_doc: AjustesDocumentos, ajustes: AjustesPerfilado, compromisos: list[Compromiso]) -> date:
    """Fecha del Plan y del oficio: la configurada o, si no, el plazo del perfilado o la última consulta."""
    if ajustes_doc.fecha_oficio:
        return ajustes_doc.fecha_oficio
    consultas = [c["consulta_fecha"] for c in compromisos if isinstance(c["consulta_fecha"], date)]
    return max([ajustes.plazo, *consultas])


def consultas(compromisos: list[Compromiso], config: Configuracion) -> list[dict[str, str]]:
    """Una fila por compromiso, ordenadas por gerencia: fecha y participantes de la consulta."""
    orden = {g.codigo: i for i, g in enumerate(config.gerencias)}
    filas = []
    for c in sorted(compromisos, key=lambda c: (orden.get(c.codigo_gerencia, len(orden)), c.codigo)):
        participantes = [p.strip() for p in str(c["consulta_participantes"] or "").split("\n") if p.strip()]
        filas.append({"gerencia": c.gerencia, "codigo": c.codigo, "compromiso": c.nombre,
                      "fecha": _d(c["consulta_fecha"]), "participantes": "; ".join(participantes) or "—"})
    return filas


def _valores_con_relevancia(c: Compromiso, config: Configuracion) -> str:
    return textos.lista_humana([nombre for clave, nombre, _ in P.relevancias(config) if c[clave]])


def contexto_compromiso(i: int, c: Compromiso, cambios: list[Cambio], config: Configuracion) -> dict[str, Any]:
    """Un compromiso en el orden del formato de la OGP, con sus hitos y su registro de cambios."""
    campos = {x.clave: x for x in P.campos(config)}
    correo = " · ".join(x for x in (str(c["responsable_correo"] or ""), str(c["responsable_telefono"] or "")) if x)
    distintos = [x for x in cambios if x.tipo != K.SIN_CAMBIOS]
    return {
        "numero": i, "codigo": c.codigo, "nombre": c.nombre, "gerencia": c.gerencia,
        "periodo": f"Del {_d(c.inicio)} al {_d(c.fin)}", "inicio": _d(c.inicio), "fin": _d(c.fin),
        "responsable": _texto(c["responsable_nombre"]), "cargo": _texto(c["responsable_cargo"]),
        "contacto": correo or "—",
        "actores_estado": K.actores_de(c, "Estado") or "—",
        "actores_sociedad": K.actores_de(c, P.SOCIEDAD_CIVIL) or "—",
        "actores_otros": K.actores_de(c, "Otro") or "—",
        **{clave: _texto(c[clave]) for clave in ("problema", "linea_base", "objetivo", "descripcion", "resultados",
                                                 "contribucion", "indicador")},
        "relevancia": [{"valor": nombre, "texto": _texto(c[clave])} for clave, nombre, _ in P.relevancias(config)],
        "valores": _valores_con_relevancia(c, config),
        "presupuesto": mostrar(c["presupuesto"], campos["presupuesto"]),
        "pdc": _texto(c["objetivo_pdc"]), "pei": _texto(c["objetivo_pei"]),
        "hitos": [{"numero": h.numero, "entregable": h.entregable, "inicio": _d(h.inicio), "fin": _d(h.fin),
                   "responsable": h.responsable or _texto(c["responsable_nombre"])} for h in c.hitos],
        "consulta": _d(c["consulta_fecha"]),
        "cambios": [{"etiqueta": x.etiqueta, "antes": x.antes, "despues": x.despues, "tipo": x.tipo} for x in distintos],
        "sin_cambios": textos.lista_humana([x.etiqueta for x in cambios if x.tipo == K.SIN_CAMBIOS]) or "—",
    }


def contexto_plan(config: Configuracion, ajustes_doc: AjustesDocumentos, ajustes: AjustesPerfilado,
                  criterios: AjustesPriorizacion, consolidado: Consolidado, priorizacion: Priorizacion,
                  compromisos: list[Compromiso], cambios: dict[str, list[Cambio]], cifras: Cifras,
                  fecha: date) -> dict[str, Any]:
    """El Plan de Acción: introducción, antecedentes, proceso de co-creación desde los datos y compromisos."""
    etapas = [{"etapa": e, "nombre": config.etapa(e).nombre, "fechas": rango_fechas(config.etapa(e).inicio,
                                                                                    config.etapa(e).fin),
               "lugar": config.etapa(e).lugar or "—"} for e in ETAPAS]
    fechas_consulta = sorted(c["consulta_fecha"] for c in compromisos if isinstance(c["consulta_fecha"], date))
    if fechas_consulta:
        etapas.append({"etapa": "IV", "nombre": "Consultas con las Gerencias Regionales para perfilar los compromisos",
                       "fechas": rango_fechas(fechas_consulta[0], fechas_consulta[-1]),
                       "lugar": "Sede de cada Gerencia Regional responsable"})
    integrantes = {g.nombre: "; ".join(g.integrantes) for g in criterios.grupos}
    organizaciones = K.organizaciones(consolidado, config)
    gerencias = K.gerencias_participantes(consolidado, config)
    return limpiar({
        **contexto_base(config, f"Plan de Acción de Gobierno Abierto {ajustes.periodo}"),
        "periodo": ajustes.periodo, "fecha": textos.fecha_larga(fecha, con_dia=False),
        "introduccion": list(ajustes.introduccion), "antecedentes": list(ajustes.antecedentes),
        "etapas": etapas, "gerencias": textos.lista_humana(gerencias), "n_gerencias": len(gerencias),
        "organizaciones": organizaciones, "n_organizaciones": len(organizaciones),
        "n_representantes": K.representantes(consolidado),
        "grupos": [{"nombre": g, "integrantes": integrantes.get(g, "—")} for g in priorizacion.grupos],
        "n_grupos": len(priorizacion.grupos),
        "cifras": [{"paso": p, "valor": v} for p, v in cifras.filas()], "presentadas": cifras.presentadas,
        "validas": cifras.validas, "priorizadas": cifras.priorizadas, "seleccionadas": cifras.seleccionadas,
        "perfilados": cifras.perfilados, "publicacion": ajustes.publicacion_respuesta,
        "consultas": consultas(compromisos, config),
        "compromisos": [contexto_compromiso(i, c, cambios.get(c.codigo, []), config)
                        for i, c in enumerate(compromisos, start=1)],
        "firmas": firmas(ajustes_doc.firmante_oficio),
    })


def contexto_acta_perfilado(config: Configuracion, ajustes_doc: AjustesDocumentos, consolidado: Consolidado,
                            priorizacion: Priorizacion, motivos: Motivos, compromisos: list[Compromiso]) -> dict[str, Any]:
    """El acta IV de `seleccionar`, con las consultas a las gerencias (fechas y participantes)."""
    return limpiar({**contexto_acta_etapa_IV(config, ajustes_doc, consolidado, priorizacion, motivos),
                    "consultas": consultas(compromisos, config)})


def contexto_oficio_perfilado(config: Configuracion, ajustes_doc: AjustesDocumentos, ajustes: AjustesPerfilado,
                              consolidado: Consolidado, priorizacion: Priorizacion, motivos: Motivos,
                              compromisos: list[Compromiso], cifras: Cifras, fecha: date) -> dict[str, Any]:
    """El oficio que presenta el Plan y las fichas perfiladas, con los nombres perfilados y las mismas cifras."""
    base = contexto_oficio(config, ajustes_doc, consolidado, priorizacion, motivos)
    return limpiar({
        **base, "fecha": textos.fecha_larga(fecha, con_dia=False),
        "total_fichas": cifras.presentadas, "total_priorizadas": cifras.priorizadas,
        "seleccionadas": [{"codigo": c.codigo, "nombre": c.nombre, "gerencia": c.gerencia,
                           "valores": _valores_con_relevancia(c, config), "motivo": motivos.get(c.codigo, (True, ""))[1]}
                          for c in compromisos],
        "adjuntos": (f"el Plan de Acción de Gobierno Abierto {ajustes.periodo}, las fichas de los {len(compromisos)} "
                     "compromisos perfilados con las Gerencias Regionales responsables y el acta de acuerdos del "
                     "Comité, que registra las consultas"),
    })


def contexto_ficha_perfilada(c: Compromiso, cambios: list[Cambio], config: Configuracion, consolidado: Consolidado,
                             priorizacion: Priorizacion, motivos: Motivos) -> dict[str, Any]:
    """La ficha Word del compromiso con los valores perfilados y lo que la OGP pide y la ficha no tenía."""
    ficha = consolidado.ficha(c.codigo)
    assert ficha is not None
    base = contexto_ficha_word(ficha, config, consolidado, priorizacion, motivos)
    hacia = {desde: clave for clave, desde in P.origen(config).items()}
    campos = {x.clave: x for x in P.campos(config)}
    filas = []
    for campo, fila in zip(campos_ficha(config), base["filas"], strict=True):
        clave = hacia.get(campo.clave)
        if clave is None:
            filas.append(fila)
        elif clave.startswith("relevancia_"):
            filas.append({"etiqueta": fila["etiqueta"], "valor": f"Sí: {c[clave]}" if c[clave] else "No"})
        else:
            filas.append({"etiqueta": fila["etiqueta"], "valor": mostrar(c[clave], campos[clave])})
    hitos = "\n".join(f"{h.numero}. {h.entregable} ({_d(h.inicio)} – {_d(h.fin)})" for h in c.hitos)
    filas += [{"etiqueta": e, "valor": v} for e, v in (
        ("Problema público que atiende", _texto(c["problema"])), ("Línea de base", _texto(c["linea_base"])),
        ("Período del compromiso", f"Del {_d(c.inicio)} al {_d(c.fin)}"),
        ("Persona responsable", " — ".join(x for x in (_texto(c["responsable_nombre"]), str(c["responsable_cargo"] or ""),
                                                      str(c["responsable_correo"] or "")) if x)),
        ("Otros actores involucrados", "; ".join(f"{a.nombre} ({a.tipo})" for a in c.actores) or "—"),
        ("Hitos", hitos or "—"),
        ("Consulta con la gerencia", f"{_d(c['consulta_fecha'])}: {_texto(c['consulta_participantes'])}"))]
    modificados = [x.etiqueta for x in cambios if x.tipo != K.SIN_CAMBIOS]
    resultados = [*base["resultados"],
                  f"Perfilado con la gerencia ({_d(c['consulta_fecha'])}): {len(c.hitos)} hitos entre el "
                  f"{_d(c.inicio)} y el {_d(c.fin)}."
                  + (f" Cambió respecto de la ficha de la Etapa II: {textos.lista_humana(modificados)}." if modificados
                     else " Sin cambios respecto de la ficha de la Etapa II.")]
    return limpiar({**base, "estado": "Seleccionada por el Comité de Gobierno Abierto y perfilada con la gerencia", "filas": filas,
                    "resultados": resultados})
