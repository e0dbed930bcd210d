"""Revisión de todo configuracion.toml: sus errores (todas las secciones) y un resumen en castellano.

Devuelve datos y no imprime: la línea de comandos decide cómo mostrarlos.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from . import textos
from .configuracion import (
    RUTA_PREDETERMINADA,
    Configuracion,
    ErrorConfiguracion,
    configuracion_desde_dict,
    leer_toml,
    validar_modelo,
)
from .modelos_configuracion import AGREGACIONES
from .modelos_secciones import SeccionesDocumentos, SeccionPriorizacion, SeccionPublicacion


class Revision(NamedTuple):
    config: Configuracion | None  # None si el núcleo (proceso … valores_ogp) tiene errores
    errores: list[str]
    resumen: list[str]


def revisar_configuracion(ruta: Path | str | None = None) -> Revision:
    """Comprueba todas las secciones, también las que los comandos comprueban al usarlas."""
    ruta = Path(ruta) if ruta is not None else RUTA_PREDETERMINADA
    try:
        datos, lineas = leer_toml(ruta)
    except ErrorConfiguracion as e:
        return Revision(None, e.errores, [])
    errores: list[str] = []
    config = None
    try:
        config = configuracion_desde_dict(datos, ruta, lineas)
    except ErrorConfiguracion as e:
        errores += e.errores
    for modelo, propiedad in ((SeccionPriorizacion, "priorizacion"), (SeccionesDocumentos, "documentos"),
                              (SeccionPublicacion, "publicacion")):
        try:  # sin núcleo válido, no se comprueba que los grupos nombren gerencias existentes
            getattr(config, propiedad) if config else validar_modelo(modelo, datos, lineas, ruta)
        except ErrorConfiguracion as e:
            errores += e.errores
    return Revision(config, errores, resumir(config) if config else [])


def resumir(config: Configuracion) -> list[str]:
    """Unas líneas con lo que el archivo dice, para que la coordinación lo compare con lo que quiso decir."""
    c = config
    r = [f"Configuración: {c.ruta}",
         f"Proceso: {c.entidad} ({c.ciudad}), {c.programa}; años {c.anio_actual} y {c.anio_siguiente}.",
         f"Gerencias ({len(c.gerencias)}): {', '.join(g.codigo for g in c.gerencias)}.",
         "Calendario:"]
    for e in c.calendario.values():
        fechas = (textos.fecha_corta(e.inicio) if e.inicio == e.fin else
                  f"del {textos.fecha_corta(e.inicio)} al {textos.fecha_corta(e.fin)}")
        r.append(f"  Etapa {e.etapa}: {e.nombre}, {fechas}" + (f" ({e.lugar})" if e.lugar else ""))
    r += [f"Cuotas: {c.fichas_por_gerencia} fichas por gerencia ({c.fichas_por_gerencia * len(c.gerencias)} en "
          f"total); {c.priorizadas} priorizadas; {c.seleccionadas} seleccionadas.",
          f"Límites: archivos de hasta {c.tamanio_maximo_bytes / 1024 / 1024:g} MB; presupuesto hasta "
          f"{textos.soles(c.presupuesto_maximo)}; población hasta {textos.numero(c.poblacion_maxima)}; "
          f"meta física hasta {textos.numero(c.meta_fisica_maxima)}.",
          "Listas: " + "; ".join(f"{k} ({len(v)} opciones)" for k, v in c.listas.items()) + ".",
          "Valores OGP: " + textos.lista_humana([v.nombre + (" (solo junto a otro)" if v.acompania else "")
                                                 for v in c.valores_ogp]) + "."]
    falta = [f"calendario: la etapa {e.etapa} no tiene lugar." for e in c.calendario.values() if not e.lugar]
    try:
        p = c.priorizacion
        total = sum(k.peso for k in p.criterios)
        r.append(f"Priorización: {AGREGACIONES[p.agregacion]} de los grupos; "
                 + (f"como máximo {p.maximo_por_gerencia} por gerencia; " if p.maximo_por_gerencia else "sin tope "
                    "por gerencia; ")
                 + ("cada grupo no puntúa sus propias gerencias; " if p.excluir_propia_gerencia else "")
                 + f"{p.perturbaciones} recálculos con pesos ±{p.variacion_pesos:.0%}, semilla {p.semilla}.")
        r.append(f"Criterios ({len(p.criterios)}):")
        r += [f"  {k.nombre}: peso {k.peso:g} ({k.peso / total:.0%}), escala {k.minimo} a {k.maximo}"
              for k in p.criterios]
        r.append(f"Grupos del taller ({len(p.grupos)}):")
        r += [f"  {g.nombre}: {textos.cantidad(len(g.integrantes), 'integrante', 'integrantes')}"
              + (f"; gerencias {', '.join(g.gerencias)}" if g.gerencias else "") for g in p.grupos]
        falta += [f"priorizacion: «{g.nombre}» no tiene integrantes." for g in p.grupos if not g.integrantes]
    except ErrorConfiguracion:
        falta.append("[priorizacion] tiene errores: los comandos de la Etapa III no funcionarán.")
    try:
        d = c.documentos
        fecha = d.fecha_oficio or c.etapa("IV").fin
        firmante = d.oficio.firmante_nombre or "sin nombre"
        r.append(f"Comité: {textos.cantidad(len(d.comite), 'miembro', 'miembros')}. Oficio "
                 f"«{d.oficio.numero_completo(fecha.year)}» del {textos.fecha_corta(fecha)}, firmado por "
                 f"{d.oficio.firmante_cargo} ({firmante}).")
        falta += [f"sin nombre: {f}; el documento deja la línea para firmar a mano." for f in d.sin_nombre()]
        if d.fecha_oficio is None:
            falta.append("documentos.fecha_oficio no está: el oficio lleva el último día de la Etapa IV.")
    except ErrorConfiguracion:
        falta.append("[[comite]] o [documentos] tienen errores: los comandos de la Etapa IV no funcionarán.")
    try:
        pub, fin_iv = c.publicacion, c.etapa("IV").fin
        r.append(f"Publicación: puntajes desde el {textos.fecha_corta(pub.puntajes_desde or fin_iv)}, decisión del "
                 f"Comité desde el {textos.fecha_corta(pub.decision_comite_desde or fin_iv)}; licencia "
                 f"{pub.licencia}; datos personales: {'sí' if pub.datos_personales else 'no'}.")
    except ErrorConfiguracion:
        falta.append("[publicacion] tiene errores: «publicar» no funcionará.")
    return r + (["Pendiente:", *(f"  - {f}" for f in falta)] if falta else [])
