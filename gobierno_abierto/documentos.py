"""Los documentos Word de todas las etapas: encadena los contextos de cada etapa y el render.

Cada etapa declara sus contextos como funciones puras (`etapaN/documentos.py`); aquí solo se
eligen los documentos que corresponden, se escriben y, con `--pdf`, se convierten.
"""

from __future__ import annotations

from pathlib import Path

from .etapa1.documentos import contexto_acta_etapa_I
from .etapa1.lectura import leer_asistencia
from .etapa2.documentos import contexto_acta_etapa_II
from .etapa3.documentos import contexto_acta_etapa_III
from .etapa4.documentos import Motivos, contexto_acta_etapa_IV, contexto_ficha_word, contexto_oficio
from .nucleo.configuracion import Configuracion
from .nucleo.modelo import Consolidado, Priorizacion
from .nucleo.modelos_secciones import AjustesDocumentos
from .nucleo.observaciones import Observacion
from .nucleo.textos import cantidad
from .perfilado import documentos as perfilado
from .perfilado.ajustes import AjustesPerfilado
from .perfilado.modelo import Cambio, Cifras, Compromiso
from .salida.resumen import Resumen
from .salida.rutas import Rutas
from .salida.word import a_pdf, escribir_muchos, plantilla


def escribir_documentos(config: Configuracion, rutas: Rutas, ajustes: AjustesDocumentos,
                        consolidado: Consolidado, priorizacion: Priorizacion, motivos: Motivos | None,
                        todas: bool, etapa4: bool = True) -> tuple[list[Path], list[Observacion]]:
    """Fichas Word (priorizadas o todas), actas I–III y, con la decisión del Comité, acta IV y oficio."""
    escritos: list[Path] = []
    priorizadas = {r.codigo for r in priorizacion.priorizadas()}
    fichas = consolidado.fichas if todas else [f for f in consolidado.fichas if f.codigo in priorizadas]
    tareas = [(contexto_ficha_word(f, config, consolidado, priorizacion, motivos),
               rutas.fichas_word / f"{f.codigo}.docx") for f in fichas]
    if motivos is not None and etapa4:  # las de los compromisos, aparte: van a la OGP con el oficio
        tareas += [(contexto_ficha_word(f, config, consolidado, priorizacion, motivos),
                    rutas.fichas_compromisos / f"{f.codigo}.docx")
                   for f in consolidado.fichas if motivos.get(f.codigo, (False, ""))[0]]
    escritos += escribir_muchos(plantilla("ficha.docx").ruta, tareas)

    asistencia = leer_asistencia(config, rutas)
    escritos.append(plantilla("acta_etapa_I.docx").escribir(
        contexto_acta_etapa_I(config, ajustes, asistencia), rutas.actas / "acta_etapa_I.docx"))

    for g in config.gerencias:  # una por gerencia con datos de reunión o fichas
        reunion = consolidado.reuniones.get(g.codigo)
        suyas = [f for f in consolidado.fichas if f.codigo_gerencia == g.codigo]
        if reunion is None and not suyas:
            continue
        escritos.append(plantilla("acta_etapa_II.docx").escribir(
            contexto_acta_etapa_II(config, g, reunion, suyas), rutas.actas / f"acta_etapa_II_{g.codigo}.docx"))

    escritos.append(plantilla("acta_etapa_III.docx").escribir(
        contexto_acta_etapa_III(config, ajustes, config.priorizacion, consolidado, priorizacion),
        rutas.actas / "acta_etapa_III.docx"))

    if motivos is not None and etapa4:
        escritos.append(plantilla("acta_etapa_IV.docx").escribir(
            contexto_acta_etapa_IV(config, ajustes, consolidado, priorizacion, motivos),
            rutas.actas / "acta_etapa_IV.docx"))
        escritos.append(plantilla("oficio_ogp.docx").escribir(
            contexto_oficio(config, ajustes, consolidado, priorizacion, motivos), rutas.salidas / "oficio_ogp.docx"))
    return escritos, asistencia.observaciones


def escribir_documentos_perfilado(config: Configuracion, rutas: Rutas, ajustes: AjustesDocumentos,
                                  ajustes_perfil: AjustesPerfilado, consolidado: Consolidado,
                                  priorizacion: Priorizacion, motivos: Motivos, compromisos: list[Compromiso],
                                  cambios: dict[str, list[Cambio]], cifras: Cifras) -> list[Path]:
    """Plan de Acción, acta IV y oficio con las consultas, y las fichas Word con los valores perfilados."""
    fecha = perfilado.fecha_documentos(ajustes, ajustes_perfil, compromisos)
    escritos = [
        plantilla("plan_de_accion.docx").escribir(perfilado.contexto_plan(
            config, ajustes, ajustes_perfil, config.priorizacion, consolidado, priorizacion, compromisos, cambios,
            cifras, fecha), rutas.plan_de_accion_word),
        plantilla("acta_etapa_IV.docx").escribir(perfilado.contexto_acta_perfilado(
            config, ajustes, consolidado, priorizacion, motivos, compromisos), rutas.actas / "acta_etapa_IV.docx"),
        plantilla("oficio_ogp.docx").escribir(perfilado.contexto_oficio_perfilado(
            config, ajustes, ajustes_perfil, consolidado, priorizacion, motivos, compromisos, cifras, fecha),
            rutas.salidas / "oficio_ogp.docx")]
    tareas = [(perfilado.contexto_ficha_perfilada(c, cambios.get(c.codigo, []), config, consolidado, priorizacion,
                                                  motivos), rutas.fichas_word / f"{c.codigo}.docx") for c in compromisos]
    return escritos + escribir_muchos(plantilla("ficha.docx").ruta, tareas)


def convertir_pdf(escritos: list[Path], rutas: Rutas, r: Resumen) -> None:
    """Una carpeta pdf/ junto a cada grupo de documentos; sin LibreOffice, una nota en el resumen."""
    por_carpeta: dict[Path, list[Path]] = {}
    for p in escritos:
        por_carpeta.setdefault(p.parent, []).append(p)
    for carpeta, docs in por_carpeta.items():
        pdfs, nota = a_pdf(docs, carpeta / "pdf")
        if nota:
            r.atencion.append(nota)
            return
        r.escrito.append(f"{(carpeta / 'pdf').relative_to(rutas.raiz)}/ ({len(pdfs)} PDF)")


def agrupar_escritos(escritos: list[Path], rutas: Rutas) -> list[Path | str]:
    """Para el resumen: las actas II y las fichas Word se cuentan en una línea cada una."""
    fichas = [p for p in escritos if p.parent == rutas.fichas_word]
    compromisos = [p for p in escritos if p.parent == rutas.fichas_compromisos]
    actas_ii = [p for p in escritos if p.name.startswith("acta_etapa_II_")]
    otros: list[Path | str] = [p for p in escritos if p.parent not in (rutas.fichas_word, rutas.fichas_compromisos)
                               and p not in actas_ii]
    if actas_ii:
        otros.append(f"{rutas.actas.relative_to(rutas.raiz)}/acta_etapa_II_<código>.docx "
                     f"({cantidad(len(actas_ii), 'acta', 'actas')} de la Etapa II, una por gerencia)")
    if fichas:
        otros.append(f"{rutas.fichas_word.relative_to(rutas.raiz)}/ ({cantidad(len(fichas), 'ficha Word', 'fichas Word')})")
    if compromisos:
        otros.append(f"{rutas.fichas_compromisos.relative_to(rutas.raiz)}/ "
                     f"({cantidad(len(compromisos), 'ficha', 'fichas')} de los compromisos, para enviar con el oficio)")
    return otros


def anotar_sin_nombre(r: Resumen, ajustes: AjustesDocumentos) -> None:
    """Quien firma sin nombre en la configuración: el documento deja la línea; el resumen lo dice."""
    faltan = ajustes.sin_nombre()
    if faltan:
        r.atencion.append("Sin nombre en la configuración (los documentos ponen el cargo bajo una línea para "
                          "firmar a mano): " + "; ".join(faltan) + ".")


def anotar(r: Resumen, notas: list[Observacion]) -> None:
    r.atencion += [f"[{o.severidad.value}] {o.archivo}: {o.mensaje}" for o in notas]
