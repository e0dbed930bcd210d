"""Etapa IV de punta a punta: hoja del Comité, selección final y documentos. Solo encadena.

La hoja del Comité está en `comite`, su lectura en `lectura`, el portafolio en `calculo`, el
libro final en `escritura` y los contextos de los documentos en `documentos`.
"""

from __future__ import annotations

from ..documentos import (
    agrupar_escritos,
    anotar,
    anotar_sin_nombre,
    convertir_pdf,
    escribir_documentos,
)
from ..etapa2.consolidado import cargar_consolidado
from ..etapa3.priorizacion import cargar_priorizacion
from ..nucleo.configuracion import Configuracion
from ..nucleo.observaciones import contar
from ..nucleo.textos import cantidad
from ..salida.publicacion import escribir_atomico
from ..salida.resumen import SALIDA_CON_ERRORES, ErrorUso, Resumen
from ..salida.rutas import ARCHIVO_HOJA_COMITE, Rutas
from . import comite as C
from .escritura import escribir_observaciones_comite, escribir_seleccion_final
from .lectura import leer_seleccion, motivos_de


def generar_hoja_comite(config: Configuracion, rutas: Rutas) -> Resumen:
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    if not priorizacion.priorizadas():
        raise ErrorUso("La priorización no tiene fichas priorizadas: corrija los puntajes y ejecute "
                       "«python procesar.py priorizar».")
    sugerido = C.sugerir(priorizacion, consolidado, config)
    destino = rutas.plantillas / ARCHIVO_HOJA_COMITE
    escribir_atomico(destino, lambda tmp: C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido, tmp))
    r = Resumen("Etapa IV: hoja de selección del Comité")
    r.leido.append(f"{len(priorizacion.priorizadas())} fichas priorizadas de {rutas.priorizacion.name}")
    r.detalle.append(f"Portafolio sugerido: {', '.join(sugerido.codigos)} ({sugerido.total:.2f} puntos).")
    r.detalle.append(f"Entregue el libro al Comité; cuando vuelva lleno, colóquelo en "
                     f"{rutas.entradas_comite.relative_to(rutas.raiz)}/ y ejecute «python procesar.py seleccionar».")
    if sugerido.faltan:
        r.atencion.append("Ninguna combinación de fichas priorizadas cubre: "
                          + ", ".join(C.nombres_valores(config)[v] for v in sugerido.faltan) + ".")
    r.escrito.append(destino)
    return r


def seleccionar(config: Configuracion, rutas: Rutas, pdf: bool = False) -> Resumen:
    ajustes = config.documentos
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    sel = leer_seleccion(config, rutas, priorizacion, consolidado, C.sugerir(priorizacion, consolidado, config))
    errores, advertencias = contar(sel.observaciones)
    r = Resumen("Etapa IV: selección del Comité y documentos")
    r.leido.append(f"hoja del Comité: {sel.hoja.archivo if sel.hoja else 'ninguna válida'}")
    for o in sel.observaciones:
        donde = " ".join(x for x in (o.archivo, o.ubicacion) if x)
        r.atencion.append(f"[{o.severidad.value}] {donde}: {o.mensaje}" if donde else
                          f"[{o.severidad.value}] {o.mensaje}")
    destino_obs = rutas.observaciones / "comite.xlsx"
    escribir_atomico(destino_obs, lambda tmp: escribir_observaciones_comite(tmp, sel.observaciones, config))
    r.escrito.append(destino_obs)
    motivos = motivos_de(sel)
    if errores or motivos is None:
        r.atencion.append(f"La selección tiene {cantidad(errores, 'error', 'errores')}: corrija la hoja del Comité y vuelva a "
                          "ejecutar. No se escribieron la selección final ni los documentos.")
        r.codigo_salida = SALIDA_CON_ERRORES
        return r
    escribir_atomico(rutas.seleccion_final,
                     lambda tmp: escribir_seleccion_final(tmp, config, consolidado, priorizacion, motivos))
    r.escrito.append(rutas.seleccion_final)
    escritos, notas = escribir_documentos(config, rutas, ajustes, consolidado, priorizacion, motivos, todas=False)
    anotar(r, notas)
    anotar_sin_nombre(r, ajustes)
    if pdf:
        convertir_pdf(escritos, rutas, r)
    r.escrito += agrupar_escritos(escritos, rutas)
    r.detalle.append(f"Seleccionadas: {', '.join(c for c, (s, _) in motivos.items() if s)}.")
    if advertencias:
        r.detalle.append(f"{cantidad(advertencias, 'advertencia', 'advertencias')}: revise salidas/observaciones/comite.xlsx.")
    return r


def generar_documentos(config: Configuracion, rutas: Rutas, todas: bool = False, pdf: bool = False) -> Resumen:
    """Actas de las Etapas I–III y fichas de las priorizadas (o todas); no necesitan al Comité.

    Si el Comité ya decidió, las fichas lo dicen (sin reescribir el acta IV ni el oficio)."""
    ajustes = config.documentos
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    if not consolidado.fichas:
        raise ErrorUso("El consolidado no tiene fichas: no hay documentos que escribir. Ejecute «consolidar» "
                       "con los libros de las gerencias.")
    motivos = None
    if rutas.entradas_comite.exists() and any(rutas.entradas_comite.iterdir()):
        try:
            motivos = motivos_de(leer_seleccion(config, rutas, priorizacion, consolidado,
                                                C.sugerir(priorizacion, consolidado, config)))
        except ErrorUso:
            motivos = None
    escritos, notas = escribir_documentos(config, rutas, ajustes, consolidado, priorizacion, motivos,
                                          todas=todas, etapa4=False)
    r = Resumen("Documentos de las Etapas I a III")
    anotar(r, notas)
    anotar_sin_nombre(r, ajustes)
    r.leido.append(f"{len(consolidado.fichas)} fichas del consolidado y {len(priorizacion.priorizadas())} priorizadas")
    if pdf:
        convertir_pdf(escritos, rutas, r)
    r.escrito += agrupar_escritos(escritos, rutas)
    return r
