"""Etapa II de punta a punta: plantillas y consolidación. Solo encadena; las reglas están
en lectura, validación y consolidación."""

from __future__ import annotations

from ..entrada.archivos import recibir
from ..entrada.trabajadores import Trabajadores
from ..nucleo.configuracion import Configuracion
from ..nucleo.textos import cantidad, fecha_larga
from ..salida.progreso import barra_de_progreso
from ..salida.resumen import SALIDA_CON_ERRORES, SALIDA_LIMPIA, ErrorUso, Resumen
from ..salida.rutas import Rutas
from .calculo import ResultadoConsolidacion, consolidar_envios
from .escritura import escribir_consolidado, escribir_observaciones_gerencias
from .instrumento import escribir_plantillas
from .revision import leer_y_revisar


def generar_plantillas(config: Configuracion, rutas: Rutas, codigos: list[str] | None = None) -> Resumen:
    desconocidos = [c for c in codigos or [] if config.gerencia(c) is None]
    if desconocidos:
        raise ErrorUso(f"Gerencia desconocida: {', '.join(desconocidos)}. Códigos válidos: "
                       f"{', '.join(g.codigo for g in config.gerencias)}.")
    codigos = [c.upper() for c in codigos] if codigos else None
    resultado = escribir_plantillas(config, rutas.plantillas, codigos)
    resumen = Resumen("Plantillas de fichas (Etapas I y II)",
                      leido=[f"configuración «{config.ruta.name}»: {len(config.gerencias)} gerencias, "
                             f"{config.fichas_por_gerencia} fichas por gerencia"])
    if len(resultado.archivos) == 1:
        resumen.escrito.append(resultado.archivos[0])
    else:
        resumen.escrito.append(f"{rutas.plantillas.relative_to(rutas.raiz)}/fichas_<código>.xlsx "
                               f"({len(resultado.archivos)} libros)")
    resumen.detalle.append(f"Plazo de entrega que figura en las plantillas: "
                           f"{fecha_larga(config.etapa('II').fin)}.")
    resumen.detalle.append(f"Envíe a cada gerencia su libro; al recibirlos, guárdelos en "
                           f"«{rutas.entradas_fichas.relative_to(rutas.raiz)}» y ejecute «consolidar».")
    return resumen


def procesar_envios(config: Configuracion, rutas: Rutas,
                    trabajadores: Trabajadores | None = None) -> ResultadoConsolidacion:
    """Lee la carpeta de envíos y consolida (sin escribir nada). Cada archivo se recibe, se lee y se
    revisa en un proceso trabajador; aquí solo se junta lo que compara envíos entre sí."""
    recepcion = recibir(rutas.entradas_fichas, config.tamanio_maximo_bytes, config.servidor_correo,
                        lector=leer_y_revisar, contexto=config, trabajadores=trabajadores,
                        progreso=lambda total: barra_de_progreso(total, "Leyendo fichas"))
    if recepcion.archivos_leidos == 0:
        raise ErrorUso(f"No hay archivos en «{rutas.entradas_fichas}»: guarde allí los libros devueltos por las "
                       "gerencias (o revise --carpeta). No se cambió ninguna salida.")
    resultado = consolidar_envios(recepcion.leidos, config, recepcion.observaciones)
    resultado.envios_leidos = recepcion.archivos_leidos
    return resultado


def consolidar(config: Configuracion, rutas: Rutas) -> Resumen:
    # Un solo grupo de trabajadores, creado antes de cargar nada: lee los envíos y después escribe los
    # libros de observaciones mientras este proceso escribe el consolidado.
    with Trabajadores() as trabajadores:
        resultado = procesar_envios(config, rutas, trabajadores)
        escritos = [rutas.consolidado]
        escritos += escribir_observaciones_gerencias(
            resultado, config, rutas.observaciones, trabajadores,
            mientras=lambda: escribir_consolidado(resultado, config, rutas.consolidado))
    return resumen_consolidacion(resultado, config, rutas, escritos)


def resumen_consolidacion(resultado: ResultadoConsolidacion, config: Configuracion, rutas: Rutas,
                          escritos: list) -> Resumen:
    enviaron = [e for e in resultado.estados if e.enviado]
    validas = sum(f.estado.es_valida for f in resultado.fichas)
    esperadas = len(config.gerencias) * config.fichas_por_gerencia
    resumen = Resumen("Consolidación de fichas (Etapa II)")
    resumen.leido.append(f"{cantidad(resultado.envios_leidos, 'archivo', 'archivos')} de "
                         f"«{rutas.entradas_fichas.relative_to(rutas.raiz)}»")
    resumen.detalle.append(f"Gerencias con envío: {len(enviaron)} de {len(config.gerencias)}")
    resumen.detalle.append(f"Fichas: {len(resultado.fichas)} recibidas de {esperadas}; {validas} válidas, "
                           f"{len(resultado.fichas) - validas} con errores")
    resumen.detalle.append(f"Observaciones: {cantidad(resultado.errores, 'error', 'errores')}, "
                           f"{cantidad(resultado.advertencias, 'advertencia', 'advertencias')}")
    resumen.escrito.append(escritos[0])
    resumen.escrito.append(f"{rutas.observaciones.relative_to(rutas.raiz)}/<código>.xlsx "
                           f"({len(escritos) - 1} libros)")
    sin_envio = [e.gerencia.codigo for e in resultado.estados if not e.enviado]
    if sin_envio:
        resumen.atencion.append(f"Sin envío: {', '.join(sin_envio)}")
    con_errores = [e.gerencia.codigo for e in resultado.estados if e.enviado and e.errores]
    if con_errores:
        resumen.atencion.append(f"Gerencias con errores por corregir: {', '.join(con_errores)} "
                                f"(envíeles su libro de observaciones)")
    tarde = [e.gerencia.codigo for e in resultado.estados if e.enviado and not e.a_tiempo]
    if tarde:
        resumen.atencion.append(f"Fuera de plazo: {', '.join(tarde)}")
    sueltos = [o for o in resultado.observaciones if not o.gerencia and o.es_error]
    if sueltos:
        resumen.atencion.append(f"{cantidad(len(sueltos), 'archivo', 'archivos')} sin gerencia identificada o ilegible"
                                f"{'' if len(sueltos) == 1 else 's'}: "
                                + "; ".join(sorted({o.archivo for o in sueltos})))
    if resultado.envios_reemplazados:
        resumen.atencion.append(f"{cantidad(resultado.envios_reemplazados, 'envío reemplazado', 'envíos reemplazados')} "
                                "por uno posterior")
    resumen.codigo_salida = SALIDA_CON_ERRORES if resultado.errores else SALIDA_LIMPIA
    return resumen
