"""Etapa IV: contextos de las fichas Word, el acta del Comité y el oficio a la OGP (funciones puras).

`motivos` es la decisión del Comité: código → (seleccionada, motivo).
"""

from __future__ import annotations

from typing import Any

from ..nucleo import esquema as E
from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..nucleo.conteos import conteos
from ..nucleo.modelo import Consolidado, Ficha, Priorizacion
from ..nucleo.modelos_secciones import AjustesDocumentos
from ..salida.word import contexto_base, contexto_ficha, firmas

Motivos = dict[str, tuple[bool, str]]


def valores_ogp(ficha: Ficha | None, config: Configuracion) -> str:
    """«Transparencia y Participación ciudadana»: los valores que marca la ficha, en prosa."""
    return textos.lista_humana(ficha.nombres_valores_ogp(config)) if ficha else ""


def contexto_ficha_word(ficha: Ficha, config: Configuracion, consolidado: Consolidado,
                        priorizacion: Priorizacion, motivos: Motivos | None) -> dict[str, Any]:
    """La ficha con su historia en el proceso: puesto en la Etapa III y decisión del Comité."""
    res = priorizacion.resultado(ficha.codigo)
    lineas = []
    estado = "Presentada en la Etapa II"
    if res is not None and res.puesto is not None:
        lineas.append(f"Etapa III: puesto {res.puesto} de {len(priorizacion.resultados)}, con "
                      f"{res.puntaje:.2f} puntos de 100" + (" — priorizada." if res.priorizada else " — no priorizada."))
        estado = "Priorizada en la Etapa III" if res.priorizada else "No priorizada"
    if motivos is not None and ficha.codigo in motivos:
        elegida, motivo = motivos[ficha.codigo]
        estado = "Seleccionada por el Comité de Gobierno Abierto" if elegida else estado
        lineas.append(f"Etapa IV: {'seleccionada' if elegida else 'no seleccionada'} por el Comité"
                      + (f". Motivo: {motivo}" if motivo else "."))
    reunion = consolidado.reuniones.get(ficha.codigo_gerencia)
    firmantes = firmas((reunion[E.GERENTE_NOMBRE] if reunion else "", "Gerente Regional"),
                       (reunion[E.ESPECIALISTA_NOMBRE] if reunion else "", "Especialista responsable"))
    return contexto_ficha(ficha, config, estado, lineas, firmantes)


def _fila_seleccion(codigo: str, config: Configuracion, consolidado: Consolidado, priorizacion: Priorizacion,
                    motivos: Motivos) -> dict[str, str]:
    ficha = consolidado.ficha(codigo)
    res = priorizacion.resultado(codigo)
    return {"codigo": codigo, "nombre": (ficha.nombre if ficha else "") or (res.nombre if res else ""),
            "gerencia": ficha.gerencia if ficha else "", "valores": valores_ogp(ficha, config),
            "motivo": motivos[codigo][1] or "—"}


def filas_decision(config: Configuracion, consolidado: Consolidado, priorizacion: Priorizacion,
                   motivos: Motivos) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(seleccionadas, no seleccionadas), en el orden del ranking."""
    orden = [r.codigo for r in priorizacion.priorizadas() if r.codigo in motivos]
    filas = {c: _fila_seleccion(c, config, consolidado, priorizacion, motivos) for c in orden}
    return ([filas[c] for c in orden if motivos[c][0]], [filas[c] for c in orden if not motivos[c][0]])


def contexto_acta_etapa_IV(config: Configuracion, ajustes: AjustesDocumentos, consolidado: Consolidado,
                           priorizacion: Priorizacion, motivos: Motivos) -> dict[str, Any]:
    e4 = config.etapa("IV")
    seleccionadas, no_seleccionadas = filas_decision(config, consolidado, priorizacion, motivos)
    cifras = conteos(config, consolidado, priorizacion, motivos)
    return {**contexto_base(config, "Acta de Acuerdos — Etapa IV"),
            "fecha": textos.fecha_larga(e4.fin), "lugar": textos.con_articulo(e4.lugar),
            "total_priorizadas": cifras.priorizadas, "total_seleccionadas": cifras.seleccionadas,
            "comite": [p.__dict__ for p in ajustes.comite], "seleccionadas": seleccionadas,
            "no_seleccionadas": no_seleccionadas, "acuerdos": list(ajustes.acuerdos["IV"]),
            "consultas": [],  # las escribe `perfilar`, después de consultar a las gerencias
            "firmas": firmas(*ajustes.comite)}


def contexto_oficio(config: Configuracion, ajustes: AjustesDocumentos, consolidado: Consolidado,
                    priorizacion: Priorizacion, motivos: Motivos) -> dict[str, Any]:
    e4 = config.etapa("IV")
    seleccionadas, _ = filas_decision(config, consolidado, priorizacion, motivos)
    cifras = conteos(config, consolidado, priorizacion, motivos)
    fecha = ajustes.fecha_oficio or e4.fin
    return {**contexto_base(config, "Oficio a la Alianza para el Gobierno Abierto"),
            "fecha": textos.fecha_larga(fecha, con_dia=False),
            "numero_oficio": ajustes.oficio.numero_completo(fecha.year), "destinatario": ajustes.destinatario,
            "seleccionadas": seleccionadas, "fecha_acta": textos.fecha_larga(e4.fin, con_dia=False),
            "total_fichas": cifras.presentadas, "total_priorizadas": cifras.priorizadas,
            "adjuntos": "las fichas informativas de cada compromiso y el acta de acuerdos del Comité",
            "firmas": firmas(ajustes.oficio.firmante)}
