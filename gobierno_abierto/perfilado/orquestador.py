"""Etapa IV, segunda mitad, de punta a punta: libros de perfil, lectura, validación, Plan de Acción y
documentos. Solo encadena.

El libro de perfil está en `instrumento`, su lectura en `lectura`, las reglas en `validacion`, los cambios
y las cifras en `calculo`, el libro del Plan en `escritura` y los contextos de los documentos en `documentos`.
"""

from __future__ import annotations

from ..documentos import agrupar_escritos, convertir_pdf, escribir_documentos_perfilado
from ..etapa2.consolidado import cargar_consolidado
from ..etapa3.priorizacion import cargar_priorizacion
from ..nucleo.configuracion import Configuracion
from ..nucleo.observaciones import contar
from ..nucleo.textos import fecha_larga
from ..salida.publicacion import escribir_atomico
from ..salida.resumen import SALIDA_CON_ERRORES, ErrorUso, Resumen
from ..salida.rutas import Rutas
from . import calculo as K
from .ajustes import leer_ajustes_perfilado
from .escritura import escribir_observaciones_perfiles, escribir_plan
from .instrumento import escribir_hoja_perfil, nombre_archivo
from .lectura import cargar_seleccion, decision_del_comite, leer_perfiles
from .validacion import validar_perfiles

MAXIMO_EN_PANTALLA = 40


def generar_hojas_perfil(config: Configuracion, rutas: Rutas) -> Resumen:
    ajustes = leer_ajustes_perfilado(config)
    consolidado = cargar_consolidado(config, rutas.consolidado)
    seleccion = cargar_seleccion(rutas.seleccion_final)
    if not seleccion:
        raise ErrorUso("La selección final no tiene compromisos: ejecute «python procesar.py seleccionar».")
    r = Resumen("Etapa IV: libros de perfil para consultar a las gerencias")
    r.leido.append(f"{len(seleccion)} compromisos seleccionados de {rutas.seleccion_final.name}")
    for codigo in seleccion:
        ficha = consolidado.ficha(codigo)
        if ficha is None:
            r.atencion.append(f"{codigo}: no está en el consolidado; vuelva a ejecutar «consolidar» y «seleccionar».")
            continue
        destino = rutas.plantillas / nombre_archivo(codigo)
        reunion = consolidado.reuniones.get(ficha.codigo_gerencia)
        escribir_atomico(destino, lambda tmp, f=ficha, m=reunion: escribir_hoja_perfil(config, ajustes, f, m, tmp))
        r.escrito.append(destino)
        gerencia = config.gerencia(ficha.codigo_gerencia)
        r.detalle.append(f"{codigo} — {ficha.nombre}: para {gerencia.correo if gerencia else ficha.gerencia}")
    r.detalle.append(f"Envíe cada libro a su gerencia; plazo: {fecha_larga(ajustes.plazo)}. Coloque los libros llenos "
                     f"en {rutas.entradas_perfiles.relative_to(rutas.raiz)}/ y ejecute «python procesar.py perfilar».")
    return r


def perfilar(config: Configuracion, rutas: Rutas, pdf: bool = False) -> Resumen:
    ajustes_doc = config.documentos
    ajustes = leer_ajustes_perfilado(config)
    consolidado = cargar_consolidado(config, rutas.consolidado)
    priorizacion = cargar_priorizacion(config, rutas.priorizacion)
    seleccion = cargar_seleccion(rutas.seleccion_final)
    lectura = leer_perfiles(rutas.entradas_perfiles, config)
    if not lectura.perfiles and not lectura.observaciones:
        raise ErrorUso(f"No hay ningún libro de perfil en «{rutas.entradas_perfiles}». Ejecute «python procesar.py "
                       "hojas-perfil», envíe los libros a las gerencias y coloque los libros llenos en esa carpeta.")
    resultado = validar_perfiles(lectura, seleccion, consolidado, config, ajustes)
    compromisos, obs = resultado.compromisos, resultado.observaciones
    errores, advertencias = contar(obs)
    destino_obs = rutas.observaciones / "perfiles.xlsx"
    escribir_atomico(destino_obs, lambda tmp: escribir_observaciones_perfiles(tmp, obs, config))

    r = Resumen("Etapa IV: perfilado de los compromisos y Plan de Acción")
    r.leido.append(f"{lectura.archivos} archivo(s) en {rutas.entradas_perfiles.relative_to(rutas.raiz)}/: "
                   f"{len(resultado.vigentes)} libro(s) de perfil vigentes para {len(seleccion)} compromisos")
    for c in compromisos:
        r.detalle.append(f"{c.codigo} — {c.nombre}: {len(c.hitos)} hitos"
                         + (f", del {c.inicio:%d/%m/%Y} al {c.fin:%d/%m/%Y}" if c.inicio and c.fin else ""))
    for o in obs[:MAXIMO_EN_PANTALLA]:
        donde = " ".join(x for x in (o.archivo, o.ubicacion) if x)
        r.atencion.append(f"[{o.severidad.value}] {donde}: {o.mensaje}" if donde else f"[{o.severidad.value}] {o.mensaje}")
    if len(obs) > MAXIMO_EN_PANTALLA:
        r.atencion.append(f"… y {len(obs) - MAXIMO_EN_PANTALLA} observaciones más en {destino_obs.relative_to(rutas.raiz)}.")
    r.escrito.append(destino_obs)
    if errores:
        r.atencion.append(f"Los libros de perfil tienen {errores} error(es): corríjalos con las gerencias y vuelva a "
                          "ejecutar. No se escribieron el Plan de Acción, el acta IV, el oficio ni las fichas.")
        r.codigo_salida = SALIDA_CON_ERRORES
        return r

    motivos = decision_del_comite(config, rutas, priorizacion, consolidado, seleccion)
    cambios = {c.codigo: K.cambios(c, consolidado.ficha(c.codigo), config) for c in compromisos}  # type: ignore[arg-type]
    cifras = K.cifras(config, consolidado, priorizacion, seleccion, compromisos)
    escribir_atomico(rutas.plan_de_accion,
                     lambda tmp: escribir_plan(tmp, config, ajustes, compromisos, cambios, cifras, obs))
    r.escrito.append(rutas.plan_de_accion)
    escritos = escribir_documentos_perfilado(config, rutas, ajustes_doc, ajustes, consolidado, priorizacion, motivos,
                                             compromisos, cambios, cifras)
    if pdf:
        convertir_pdf(escritos, rutas, r)
    r.escrito += agrupar_escritos(escritos, rutas)
    modificados = sum(x.tipo != K.SIN_CAMBIOS for v in cambios.values() for x in v)
    r.detalle.append(f"Plan de Acción {ajustes.periodo}: {len(compromisos)} compromisos, "
                     f"{sum(len(c.hitos) for c in compromisos)} hitos; {modificados} campo(s) cambiaron frente a las "
                     "fichas de la Etapa II (hoja «Cambios» y anexo del Plan).")
    if advertencias:
        r.detalle.append(f"{advertencias} advertencia(s): revise {destino_obs.relative_to(rutas.raiz)}.")
    return r
