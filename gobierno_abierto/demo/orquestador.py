"""Demostración de punta a punta con datos sintéticos, en una carpeta propia.

Simula el ciclo completo: las gerencias devuelven sus plantillas (algunas con errores, una
tarde, una dos veces, una por correo .eml, una en .ods), se consolida, los grupos puntúan, el
Comité elige, las gerencias perfilan los compromisos (uno con un hito vago, uno tarde, uno en .ods) y
se escriben el Plan de Acción y los documentos. Termina con 0 si la demostración corrió como se
esperaba: los errores plantados son parte de lo que se muestra.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ..cadena import anotar_publicacion, ejecutar
from ..etapa2.orquestador import consolidar, generar_plantillas
from ..etapa3.orquestador import generar_hojas_puntaje, priorizar
from ..etapa4.orquestador import generar_hoja_comite, seleccionar
from ..nucleo.configuracion import Configuracion
from ..perfilado.orquestador import generar_hojas_perfil, perfilar
from ..portal.orquestador import publicar
from ..salida.resumen import SALIDA_LIMPIA, SALIDA_USO, ErrorUso, Resumen
from ..salida.rutas import Rutas
from .configuracion import configuracion_demo
from .etapa2 import escribir_envios_etapa2
from .etapa3 import preparar_puntajes
from .etapa4 import preparar_comite_y_asistencia
from .perfilado import preparar_perfiles

MARCA = ".demo_procesar"


def preparar_carpeta(destino: Path) -> Rutas:
    """Crea (o limpia, si ya era una demostración) la carpeta de la demostración."""
    destino = destino.resolve()
    if destino.exists() and any(destino.iterdir()) and not (destino / MARCA).exists():
        raise ErrorUso(f"La carpeta «{destino}» ya existe y no es de una demostración; elija otra con "
                       "--destino.")
    for sub in ("entradas", "salidas", "plantillas_excel", "fichas"):
        shutil.rmtree(destino / sub, ignore_errors=True)
    rutas = Rutas(destino)
    rutas.crear()
    (destino / MARCA).write_text("Carpeta creada por «python procesar.py demo»; puede borrarse.\n",
                                 encoding="utf-8")
    return rutas


def _publicado(comando: str, config: Configuracion, rutas: Rutas, funcion: Callable[[], Resumen]) -> Resumen:
    """Un paso como lo ejecuta la línea de comandos: salidas publicadas juntas, con su registro."""
    with ejecutar(comando, config, rutas) as ejecucion:
        resumen = funcion()
    anotar_publicacion(resumen, ejecucion)
    return resumen


def ejecutar_demo(config: Configuracion | None, destino: Path, semilla: int = 2016) -> Resumen:
    """Sin `config`, la de la demostración: configuracion.toml con personas de ejemplo."""
    config = config or configuracion_demo()
    rutas = preparar_carpeta(destino)
    resumenes: list[Resumen] = [_publicado("plantillas", config, rutas, lambda: generar_plantillas(config, rutas))]
    plantado = escribir_envios_etapa2(config, rutas, semilla)
    resumenes.append(_publicado("consolidar", config, rutas, lambda: consolidar(config, rutas)))

    pasos: list[tuple[str, Callable[[], Resumen | None]]] = [
        ("hojas-puntaje", lambda: _publicado("hojas-puntaje", config, rutas,
                                             lambda: generar_hojas_puntaje(config, rutas))),
        ("puntajes de ejemplo", lambda: preparar_puntajes(config, rutas, semilla)),
        ("priorizar", lambda: _publicado("priorizar", config, rutas, lambda: priorizar(config, rutas))),
        ("hoja-comite", lambda: _publicado("hoja-comite", config, rutas, lambda: generar_hoja_comite(config, rutas))),
        ("selección de ejemplo", lambda: preparar_comite_y_asistencia(config, rutas, semilla)),
        ("seleccionar", lambda: _publicado("seleccionar", config, rutas, lambda: seleccionar(config, rutas))),
        ("hojas-perfil", lambda: _publicado("hojas-perfil", config, rutas, lambda: generar_hojas_perfil(config, rutas))),
        ("perfiles de ejemplo", lambda: plantado.extend(preparar_perfiles(config, rutas, semilla))),
        ("perfilar", lambda: _publicado("perfilar", config, rutas, lambda: perfilar(config, rutas))),
        ("publicar", lambda: _publicado("publicar", config, rutas, lambda: publicar(config, rutas))),
    ]
    fallo = ""
    for nombre, paso in pasos:
        try:
            resultado = paso()
        except ErrorUso as e:
            fallo = f"el paso «{nombre}» no pudo ejecutarse: {e}"
            break
        if isinstance(resultado, Resumen):
            resumenes.append(resultado)

    for r in resumenes:
        print(r.texto(rutas.raiz))
        print()
    final = Resumen("Demostración")
    final.leido.append(f"datos sintéticos (semilla {semilla}) para {len(config.gerencias)} gerencias")
    final.detalle.append(f"Carpeta de la demostración: {rutas.raiz}")
    final.detalle.append("Problemas plantados a propósito en los envíos:")
    final.detalle += [f"  · {p}" for p in plantado]
    final.detalle.append("Abra salidas/consolidado_fichas.xlsx y salidas/observaciones/perfiles.xlsx para ver cómo se "
                         "reportan, y salidas/plan_de_accion.docx para ver el Plan de Acción.")
    final.escrito += [rutas.consolidado]
    final.escrito += [p for p in (rutas.priorizacion, rutas.seleccion_final, rutas.actas,
                                  rutas.salidas / "oficio_ogp.docx", rutas.fichas_word, rutas.plan_de_accion_word,
                                  rutas.plan_de_accion) if p.exists()]
    sitio = rutas.publicacion / "sitio" / "index.html"
    if sitio.exists():
        final.escrito.append(sitio)
        final.detalle.append(f"Abra {sitio.relative_to(rutas.raiz)} en el navegador para ver el proceso publicado.")
    if fallo:
        final.atencion.append(fallo)
    final.codigo_salida = SALIDA_USO if fallo else SALIDA_LIMPIA
    return final
