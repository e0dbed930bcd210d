"""Etapa IV: lectura de la hoja del Comité devuelta y validación de su decisión.

Si llegan varias hojas, vale la más reciente; las demás se informan como reemplazadas.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..entrada.archivos import Documento, ignorar_lo_que_no_es_hoja, recibir
from ..entrada.libro import ErrorLibro, abrir_libro
from ..entrada.vigencia import elegir_vigente, observar_eleccion
from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Consolidado, Priorizacion
from ..nucleo.observaciones import Codigo, Observacion, contar, observar
from ..nucleo.textos import lista_humana
from ..salida.resumen import ErrorUso
from ..salida.rutas import Rutas
from . import comite as C
from .calculo import Portafolio
from .documentos import Motivos


@dataclass
class Seleccion:
    hoja: C.HojaComite | None
    filas: list[C.FilaComite]
    observaciones: list[Observacion]


def leer_en_trabajador(documento: Documento, _: object) -> tuple[Documento, C.HojaComite | Observacion]:
    """Una hoja del Comité leída en un proceso trabajador (un archivo que tumba al lector no detiene
    la orden): la hoja leída o la observación de por qué no se pudo."""
    sin_bytes = replace(documento, datos=b"")
    try:
        return sin_bytes, C.leer_hoja_comite(abrir_libro(documento), sin_bytes)
    except ErrorLibro as e:
        return sin_bytes, observar(Codigo.ARCHIVO_ILEGIBLE, archivo=documento.archivo, detalle=str(e))


def leer_seleccion(config: Configuracion, rutas: Rutas, priorizacion: Priorizacion,
                   consolidado: Consolidado, sugerido: Portafolio) -> Seleccion:
    recepcion = recibir(rutas.entradas_comite, config.tamanio_maximo_bytes, config.servidor_correo,
                        lector=leer_en_trabajador)
    obs = ignorar_lo_que_no_es_hoja(recepcion.observaciones)
    if not recepcion.documentos:
        if not any(o.es_error for o in obs):
            ignorados = f" (se ignoró {lista_humana([f'«{o.archivo}»' for o in obs])})" if obs else ""
            raise ErrorUso(f"No hay ninguna hoja del Comité en «{rutas.entradas_comite}»{ignorados}. Ejecute "
                           "«python procesar.py hoja-comite», entregue el libro al Comité y coloque el libro "
                           "lleno en esa carpeta.")
        return Seleccion(None, [], obs)
    hojas: list[tuple[Documento, C.HojaComite]] = []
    for doc, hoja in recepcion.leidos:
        if isinstance(hoja, Observacion):
            obs.append(hoja)
            continue
        if hoja.observaciones and any(o.codigo is Codigo.NO_ES_HOJA_COMITE for o in hoja.observaciones):
            obs += hoja.observaciones
            continue
        hojas.append((doc, hoja))
    if not hojas:
        return Seleccion(None, [], obs)
    eleccion = elegir_vigente(hojas, lambda dh: dh[0])  # la regla común (entrada.vigencia)
    assert eleccion.vigente is not None
    _, vigente = eleccion.vigente
    obs += observar_eleccion(eleccion, lambda dh: dh[0], "el Comité")
    obs += vigente.observaciones
    filas, mas = C.validar_seleccion(vigente, priorizacion, consolidado, config, sugerido)
    return Seleccion(vigente, filas, obs + mas)


def motivos_de(seleccion: Seleccion) -> Motivos | None:
    """La decisión del Comité (código → (seleccionada, motivo)), o None si la hoja tiene errores."""
    if seleccion.hoja is None or contar(seleccion.observaciones)[0]:
        return None
    return {f.codigo: (bool(f.seleccionada), f.motivo) for f in seleccion.filas}
