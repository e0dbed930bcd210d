"""Etapa IV y documentos: hoja del Comité, selección final, actas, fichas Word y oficio a la OGP.

Solo encadena: la hoja del Comité está en `comite`, la búsqueda del portafolio en `portafolio`
y el render de Word en `documentos`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from . import comite as C
from . import excel, textos
from .archivos import Documento, recibir
from .configuracion import ZONA_LIMA, Configuracion, ErrorConfiguracion, exigir
from .documentos import a_pdf, contexto_base, contexto_ficha, escribir_muchos, mostrar, plantilla
from .esquema import SI
from .libro import ErrorLibro, abrir_libro, texto_cabecera
from .modelo import Consolidado, Ficha, Priorizacion
from .observaciones import Codigo, Observacion, contar, observar
from .portafolio import Portafolio
from .resumen import SALIDA_CON_ERRORES, ErrorUso, Resumen
from .rutas import Rutas
from .salida import escribir_atomico

ARCHIVO_HOJA_COMITE = "seleccion_comite.xlsx"
ARCHIVO_ASISTENCIA = "asistencia_etapa_I.xlsx"
NOMBRE_ASISTENCIA = "asistencia_cabecera"
COLUMNAS_ASISTENCIA = ("Nombres y apellidos", "Cargo", "Gerencia u organización")


# --- configuración ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    nombre: str
    cargo: str


@dataclass(frozen=True)
class AjustesDocumentos:
    comite: tuple[Persona, ...]
    numero_oficio: str
    fecha_oficio: date | None
    coordinador: Persona
    firmante_oficio: Persona
    hora_cierre_etapa_I: str
    acuerdos: dict[str, tuple[str, ...]]
    destinatario: dict[str, str]


def leer_ajustes(config: Configuracion) -> AjustesDocumentos:
    crudo = config.crudo
    miembros = exigir(crudo, "comite", list, "")
    if not miembros:
        raise ErrorConfiguracion("La lista «comite» está vacía: declare los miembros del Comité.")
    comite = []
    for i, m in enumerate(miembros, start=1):
        if not isinstance(m, dict):
            raise ErrorConfiguracion(f"«comite[{i}]» debe ser una sección [[comite]].")
        comite.append(Persona(exigir(m, "nombre", str, f"comite[{i}].").strip(),
                              exigir(m, "cargo", str, f"comite[{i}].").strip()))
    d = exigir(crudo, "documentos", dict, "")
    fecha = d.get("fecha_oficio")
    if fecha is not None and (not isinstance(fecha, date) or isinstance(fecha, datetime)):
        raise ErrorConfiguracion("La clave «documentos.fecha_oficio» debe ser una fecha AAAA-MM-DD.")
    acuerdos = {}
    for etapa in ("I", "III", "IV"):
        lista = exigir(d, f"acuerdos_etapa_{etapa}", list, "documentos.")
        if not lista or not all(isinstance(a, str) and a.strip() for a in lista):
            raise ErrorConfiguracion(f"«documentos.acuerdos_etapa_{etapa}» debe ser una lista de textos no vacíos.")
        acuerdos[etapa] = tuple(a.strip() for a in lista)
    dest = exigir(d, "destinatario", dict, "documentos.")
    destinatario = {k: exigir(dest, k, str, "documentos.destinatario.").strip()
                    for k in ("nombre", "cargo", "direccion")}
    return AjustesDocumentos(
        comite=tuple(comite),
        numero_oficio=exigir(d, "numero_oficio", str, "documentos.").strip(),
        fecha_oficio=fecha,
        coordinador=Persona(exigir(d, "coordinador_nombre", str, "documentos.").strip(),
                            exigir(d, "coordinador_cargo", str, "documentos.").strip()),
        firmante_oficio=Persona(exigir(d, "firmante_oficio_nombre", str, "documentos.").strip(),
                                exigir(d, "firmante_oficio_cargo", str, "documentos.").strip()),
        hora_cierre_etapa_I=exigir(d, "hora_cierre_etapa_I", str, "documentos.").strip(),
        acuerdos=acuerdos,
        destinatario=destinatario,
    )


def validar_configuracion(config: Configuracion) -> None:
    """Comprueba [[comite]] y [documentos]; lanza ErrorConfiguracion (código de salida 2)."""
    leer_ajustes(config)


# --- línea de comandos -------------------------------------------------------------------------------


def _cmd_hoja(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    return generar_hoja_comite(config, rutas)


def _cmd_seleccionar(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    return seleccionar(config, rutas, pdf=args.pdf)


def _cmd_documentos(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    return generar_documentos(config, rutas, todas=args.todas, pdf=args.pdf)


def _cmd_asistencia(args: argparse.Namespace, config: Configuracion, rutas: Rutas) -> Resumen:
    return generar_hoja_asistencia(config, rutas)


def registrar_comandos(sub: Any, subcomando: Callable[..., Any]) -> None:
    subcomando(sub, "asistencia", "Etapa I: hoja de asistencia del Taller de Inducción",
               f"Escribe plantillas_excel/{ARCHIVO_ASISTENCIA}: fecha, lugar y la lista de asistentes del "
               "taller. Llénela y colóquela en entradas/asistencia/; el acta de la Etapa I la usa.",
               _cmd_asistencia)
    subcomando(sub, "hoja-comite", "Etapa IV: hoja de selección del Comité",
               f"Lee salidas/priorizacion.xlsx y salidas/consolidado_fichas.xlsx y escribe "
               f"plantillas_excel/{ARCHIVO_HOJA_COMITE}: las fichas priorizadas, las columnas "
               "«seleccionada» (Sí/No) y «motivo», y un portafolio sugerido que cubre los valores de "
               "Gobierno Abierto con el mayor puntaje.", _cmd_hoja)
    p = subcomando(sub, "seleccionar", "Etapa IV: lee la selección del Comité y escribe los documentos",
                   "Lee la hoja del Comité devuelta en entradas/comite/ (.xlsx, .ods o correo .eml), la "
                   "valida y escribe salidas/seleccion_final.xlsx, las fichas Word en fichas/, las actas "
                   "de las Etapas I a IV en salidas/actas/ y el oficio a la OGP.", _cmd_seleccionar)
    p.add_argument("--pdf", action="store_true", help="además, copias en PDF (necesita LibreOffice)")
    p = subcomando(sub, "documentos", "Etapas I a III: actas y fichas Word de las priorizadas",
                   "Escribe las actas de las Etapas I, II y III en salidas/actas/ y las fichas Word de las "
                   "iniciativas priorizadas en fichas/ (no necesita la decisión del Comité).",
                   _cmd_documentos)
    p.add_argument("--todas", action="store_true", help="fichas Word de todas las fichas del consolidado")
    p.add_argument("--pdf", action="store_true", help="además, copias en PDF (necesita LibreOffice)")


# --- entradas de las etapas anteriores -----------------------------------------------------------------


def cargar_consolidado(config: Configuracion, rutas: Rutas) -> Consolidado:
    if not rutas.consolidado.exists():
        raise ErrorUso(f"No se encontró «{rutas.consolidado}». Ejecute primero «python procesar.py consolidar».")
    from .consolidado import leer_consolidado

    return leer_consolidado(rutas.consolidado, config)


def cargar_priorizacion(config: Configuracion, rutas: Rutas) -> Priorizacion:
    if not rutas.priorizacion.exists():
        raise ErrorUso(f"No se encontró «{rutas.priorizacion}». Ejecute primero «python procesar.py priorizar».")
    from .etapa3 import leer_priorizacion

    return leer_priorizacion(rutas.priorizacion, config)


# --- hoja del Comité -------------------------------------------------------------------------------------


def generar_hoja_comite(config: Configuracion, rutas: Rutas) -> Resumen:
    consolidado = cargar_consolidado(config, rutas)
    priorizacion = cargar_priorizacion(config, rutas)
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


@dataclass
class Seleccion:
    hoja: C.HojaComite | None
    filas: list[C.FilaComite]
    observaciones: list[Observacion]


def leer_seleccion(config: Configuracion, rutas: Rutas, priorizacion: Priorizacion,
                   consolidado: Consolidado, sugerido: Portafolio) -> Seleccion:
    recepcion = recibir(rutas.entradas_comite, config.tamanio_maximo_bytes)
    obs = list(recepcion.observaciones)
    if not recepcion.documentos:
        if not obs:
            raise ErrorUso(f"No hay ninguna hoja del Comité en «{rutas.entradas_comite}». Ejecute «python "
                           "procesar.py hoja-comite», entregue el libro al Comité y coloque el libro lleno en "
                           "esa carpeta.")
        return Seleccion(None, [], obs)
    hojas: list[tuple[Documento, C.HojaComite]] = []
    for doc in recepcion.documentos:
        try:
            hoja = C.leer_hoja_comite(abrir_libro(doc), doc)
        except ErrorLibro as e:
            obs.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=doc.archivo, detalle=str(e)))
            continue
        if hoja.observaciones and any(o.codigo is Codigo.NO_ES_HOJA_COMITE for o in hoja.observaciones):
            obs += hoja.observaciones
            continue
        hojas.append((doc, hoja))
    if not hojas:
        return Seleccion(None, [], obs)
    hojas.sort(key=lambda dh: (dh[0].fecha, dh[0].archivo))
    vigente_doc, vigente = hojas[-1]
    for doc, _ in hojas[:-1]:
        obs.append(observar(Codigo.COMITE_REEMPLAZADA, archivo=doc.archivo, otro=doc.archivo,
                            vigente=vigente_doc.archivo))
    obs += vigente.observaciones
    filas, mas = C.validar_seleccion(vigente, priorizacion, consolidado, config, sugerido)
    return Seleccion(vigente, filas, obs + mas)


def seleccionar(config: Configuracion, rutas: Rutas, pdf: bool = False) -> Resumen:
    ajustes = leer_ajustes(config)
    consolidado = cargar_consolidado(config, rutas)
    priorizacion = cargar_priorizacion(config, rutas)
    sugerido = C.sugerir(priorizacion, consolidado, config)
    sel = leer_seleccion(config, rutas, priorizacion, consolidado, sugerido)
    errores, advertencias = contar(sel.observaciones)
    r = Resumen("Etapa IV: selección del Comité y documentos")
    r.leido.append(f"hoja del Comité: {sel.hoja.archivo if sel.hoja else 'ninguna válida'}")
    for o in sel.observaciones:
        donde = " ".join(x for x in (o.archivo, o.ubicacion) if x)
        r.atencion.append(f"[{o.severidad.value}] {donde}: {o.mensaje}" if donde else
                          f"[{o.severidad.value}] {o.mensaje}")
    destino_obs = rutas.observaciones / "comite.xlsx"
    escribir_atomico(destino_obs, lambda tmp: _escribir_observaciones(tmp, sel.observaciones, config))
    r.escrito.append(destino_obs)
    if errores:
        r.atencion.append(f"La selección tiene {errores} error(es): corrija la hoja del Comité y vuelva a "
                          "ejecutar. No se escribieron la selección final ni los documentos.")
        r.codigo_salida = SALIDA_CON_ERRORES
        return r
    motivos = {f.codigo: (bool(f.seleccionada), f.motivo) for f in sel.filas}
    escribir_atomico(rutas.seleccion_final,
                     lambda tmp: escribir_seleccion_final(tmp, config, consolidado, priorizacion, motivos))
    r.escrito.append(rutas.seleccion_final)
    notas: list[Observacion] = []
    escritos = _documentos(config, rutas, ajustes, consolidado, priorizacion, motivos, todas=False, notas=notas)
    r.atencion += [f"[{o.severidad.value}] {o.archivo}: {o.mensaje}" for o in notas]
    if pdf:
        nota = _pdf(escritos, rutas, r)
        if nota:
            r.atencion.append(nota)
    r.escrito += _agrupar(escritos, rutas)
    sel_codigos = [c for c, (s, _) in motivos.items() if s]
    r.detalle.append(f"Seleccionadas: {', '.join(sel_codigos)}.")
    if advertencias:
        r.detalle.append(f"{advertencias} advertencia(s): revise salidas/observaciones/comite.xlsx.")
    return r


def generar_documentos(config: Configuracion, rutas: Rutas, todas: bool = False, pdf: bool = False) -> Resumen:
    """Actas de las Etapas I–III y fichas de las priorizadas (o todas); no necesitan al Comité."""
    ajustes = leer_ajustes(config)
    consolidado = cargar_consolidado(config, rutas)
    priorizacion = cargar_priorizacion(config, rutas)
    motivos = None
    if rutas.entradas_comite.exists() and any(rutas.entradas_comite.iterdir()):
        try:  # si el Comité ya decidió, las fichas lo dicen (sin reescribir el acta IV ni el oficio)
            sel = leer_seleccion(config, rutas, priorizacion, consolidado,
                                 C.sugerir(priorizacion, consolidado, config))
            if sel.hoja is not None and not contar(sel.observaciones)[0]:
                motivos = {f.codigo: (bool(f.seleccionada), f.motivo) for f in sel.filas}
        except ErrorUso:
            motivos = None
    notas: list[Observacion] = []
    escritos = _documentos(config, rutas, ajustes, consolidado, priorizacion, motivos, todas=todas,
                           etapa4=False, notas=notas)
    r = Resumen("Documentos de las Etapas I a III")
    r.atencion += [f"[{o.severidad.value}] {o.archivo}: {o.mensaje}" for o in notas]
    r.leido.append(f"{len(consolidado.fichas)} fichas del consolidado y {len(priorizacion.priorizadas())} priorizadas")
    if pdf:
        nota = _pdf(escritos, rutas, r)
        if nota:
            r.atencion.append(nota)
    r.escrito += _agrupar(escritos, rutas)
    return r


def _pdf(escritos: list[Path], rutas: Rutas, r: Resumen) -> str:
    por_carpeta: dict[Path, list[Path]] = {}
    for p in escritos:
        por_carpeta.setdefault(p.parent, []).append(p)
    for carpeta, docs in por_carpeta.items():
        pdfs, nota = a_pdf(docs, carpeta / "pdf")
        if nota:
            return nota
        r.escrito.append(f"{(carpeta / 'pdf').relative_to(rutas.raiz)}/ ({len(pdfs)} PDF)")
    return ""


def _agrupar(escritos: list[Path], rutas: Rutas) -> list[Path | str]:
    fichas = [p for p in escritos if p.parent == rutas.fichas_word]
    actas_ii = [p for p in escritos if p.name.startswith("acta_etapa_II_")]
    otros: list[Path | str] = [p for p in escritos if p.parent != rutas.fichas_word and p not in actas_ii]
    if actas_ii:
        otros.append(f"{rutas.actas.relative_to(rutas.raiz)}/acta_etapa_II_<código>.docx "
                     f"({len(actas_ii)} actas de la Etapa II, una por gerencia)")
    if fichas:
        otros.append(f"{rutas.fichas_word.relative_to(rutas.raiz)}/ ({len(fichas)} fichas Word)")
    return otros


# --- documentos -------------------------------------------------------------------------------------------


def _firmas(*personas: Persona | tuple[str, str]) -> list[dict[str, str]]:
    salida = []
    for p in personas:
        nombre, cargo = (p.nombre, p.cargo) if isinstance(p, Persona) else p
        salida.append({"nombre": nombre or "", "cargo": cargo or ""})
    return salida


def _presupuesto(ficha: Ficha) -> str:
    """Suma de ambos años en soles; si un monto no es número, los valores tal como se escribieron."""
    montos = [ficha[k] for k in ("presupuesto_2016", "presupuesto_2017")]
    if all(m is None or (isinstance(m, (int, float)) and not isinstance(m, bool)) for m in montos):
        return textos.soles(sum(float(m or 0) for m in montos))
    return " + ".join(str(m) for m in montos if m not in (None, ""))


def _valores(ficha: Ficha | None, config: Configuracion) -> str:
    return textos.lista_humana(ficha.nombres_valores_ogp(config)) if ficha else ""


def _documentos(config: Configuracion, rutas: Rutas, ajustes: AjustesDocumentos, consolidado: Consolidado,
                priorizacion: Priorizacion, motivos: dict[str, tuple[bool, str]] | None,
                todas: bool, etapa4: bool = True, notas: list[Observacion] | None = None) -> list[Path]:
    escritos: list[Path] = []
    actas = rutas.actas
    gerencias = {g.codigo: g for g in config.gerencias}
    resultados = {r.codigo: r for r in priorizacion.resultados}
    total = len(priorizacion.resultados)

    # Fichas Word
    priorizadas = {r.codigo for r in priorizacion.priorizadas()}
    fichas = consolidado.fichas if todas else [f for f in consolidado.fichas if f.codigo in priorizadas]
    tareas = []
    for f in fichas:
        res = resultados.get(f.codigo)
        lineas = []
        estado = "Presentada en la Etapa II"
        if res is not None and res.puesto is not None:
            lineas.append(f"Etapa III: puesto {res.puesto} de {total}, con {res.puntaje:.2f} puntos de 100"
                          + (" — priorizada." if res.priorizada else " — no priorizada."))
            estado = "Priorizada en la Etapa III" if res.priorizada else "No priorizada"
        if motivos is not None and f.codigo in motivos:
            elegida, motivo = motivos[f.codigo]
            estado = "Seleccionada por el Comité de Gobierno Abierto" if elegida else estado
            lineas.append(f"Etapa IV: {'seleccionada' if elegida else 'no seleccionada'} por el Comité"
                          + (f". Motivo: {motivo}" if motivo else "."))
        reunion = consolidado.reuniones.get(f.codigo_gerencia)
        firmas = _firmas((reunion["gerente_nombre"] if reunion else "", "Gerente Regional"),
                         (reunion["especialista_nombre"] if reunion else "", "Especialista responsable"))
        tareas.append((contexto_ficha(f, config, estado, lineas, firmas), rutas.fichas_word / f"{f.codigo}.docx"))
    escritos += escribir_muchos(plantilla("ficha.docx").ruta, tareas)

    # Acta Etapa I
    e1 = config.etapa("I")
    participantes, fecha1, lugar1 = leer_asistencia(config, rutas, notas)
    if not participantes:
        participantes = [{"nombre": "", "cargo": "Gerente Regional", "organizacion": g.nombre}
                         for g in config.gerencias]
    ctx = {**contexto_base(config, "Acta de Acuerdos — Etapa I"),
           "fecha": textos.fecha_larga(fecha1 or e1.inicio), "lugar": lugar1 or e1.lugar,
           "participantes": participantes, "acuerdos": list(ajustes.acuerdos["I"]),
           "hora_cierre": ajustes.hora_cierre_etapa_I, "firmas": _firmas(ajustes.coordinador)}
    escritos.append(plantilla("acta_etapa_I.docx").escribir(ctx, actas / "acta_etapa_I.docx"))

    # Actas Etapa II (una por gerencia con datos de reunión o fichas)
    for g in config.gerencias:
        reunion = consolidado.reuniones.get(g.codigo)
        suyas = [f for f in consolidado.fichas if f.codigo_gerencia == g.codigo]
        if reunion is None and not suyas:
            continue
        v = reunion.valores if reunion else {}
        fecha = v.get("reunion_fecha")
        acuerdos = [a.strip() for a in str(v.get("reunion_acuerdos") or "").split("\n") if a.strip()]
        ctx = {**contexto_base(config, f"Acta de Acuerdos — Etapa II — {g.codigo}"),
               "gerencia": g.nombre, "fecha": mostrar(fecha) if fecha else "—",
               "lugar": v.get("reunion_lugar") or "—", "gerente": v.get("gerente_nombre") or "—",
               "especialista": v.get("especialista_nombre") or "—",
               "consejo": v.get("reunion_consejo") or "las organizaciones de la sociedad civil del sector",
               "participantes": [p.__dict__ for p in (reunion.participantes if reunion else ())],
               "fichas": [{"codigo": f.codigo, "nombre": f.nombre, "ambito": mostrar(f["ambito"]),
                           "presupuesto": _presupuesto(f)}
                          for f in suyas],
               "acuerdos": [a.lstrip("0123456789.-) ").strip() for a in acuerdos],
               "firmas": _firmas((v.get("gerente_nombre") or "", f"Gerente Regional — {g.nombre}"),
                                 *[(p.nombre, f"{p.cargo}, {p.organizacion}".strip(", "))
                                   for p in (reunion.participantes if reunion else ())])}
        escritos.append(plantilla("acta_etapa_II.docx").escribir(ctx, actas / f"acta_etapa_II_{g.codigo}.docx"))

    # Acta Etapa III
    e3 = config.etapa("III")
    integrantes = {str(g.get("nombre")): g.get("integrantes", [])
                   for g in config.crudo.get("priorizacion", {}).get("grupos", []) if isinstance(g, dict)}
    def fila_rank(res: Any) -> dict[str, str]:
        ficha = consolidado.ficha(res.codigo)
        g = gerencias.get(res.codigo_gerencia or (ficha.codigo_gerencia if ficha else ""))
        return {"puesto": str(res.puesto or "—"), "codigo": res.codigo, "nombre": res.nombre or (ficha.nombre if ficha else ""),
                "gerencia": g.nombre if g else res.codigo_gerencia,
                "puntaje": "—" if res.puntaje is None else f"{res.puntaje:.2f}",
                "priorizada": SI if res.priorizada else "No"}
    metodo = [m.strip() for m in priorizacion.metodo.split("\n") if m.strip()]
    if priorizacion.concordancia is not None:
        metodo.append(f"Concordancia entre grupos ({priorizacion.metodo_concordancia}): "
                      f"{priorizacion.concordancia:.2f}.")
    ctx = {**contexto_base(config, "Acta de Acuerdos — Etapa III"),
           "fecha": textos.fecha_larga(e3.inicio), "lugar": e3.lugar, "total_fichas": len(consolidado.fichas),
           "grupos": [{"nombre": g, "integrantes": "; ".join(integrantes.get(g, []))} for g in priorizacion.grupos],
           "metodo": metodo, "ranking": [fila_rank(x) for x in priorizacion.resultados],
           "priorizadas": [fila_rank(x) for x in priorizacion.priorizadas()],
           "acuerdos": list(ajustes.acuerdos["III"]), "firmas": _firmas(ajustes.coordinador)}
    escritos.append(plantilla("acta_etapa_III.docx").escribir(ctx, actas / "acta_etapa_III.docx"))

    if motivos is None or not etapa4:
        return escritos

    # Acta Etapa IV y oficio
    e4 = config.etapa("IV")
    def fila_sel(codigo: str) -> dict[str, str]:
        ficha = consolidado.ficha(codigo)
        res = resultados.get(codigo)
        return {"codigo": codigo, "nombre": (ficha.nombre if ficha else "") or (res.nombre if res else ""),
                "gerencia": ficha.gerencia if ficha else "", "valores": _valores(ficha, config),
                "motivo": motivos[codigo][1] or "—"}
    orden = [r.codigo for r in priorizacion.priorizadas() if r.codigo in motivos]
    seleccionadas = [fila_sel(c) for c in orden if motivos[c][0]]
    no_sel = [fila_sel(c) for c in orden if not motivos[c][0]]
    ctx = {**contexto_base(config, "Acta de Acuerdos — Etapa IV"),
           "fecha": textos.fecha_larga(e4.fin), "lugar": e4.lugar,
           "total_priorizadas": len(priorizacion.priorizadas()), "total_seleccionadas": len(seleccionadas),
           "comite": [p.__dict__ for p in ajustes.comite], "seleccionadas": seleccionadas,
           "no_seleccionadas": no_sel, "acuerdos": list(ajustes.acuerdos["IV"]),
           "firmas": _firmas(*ajustes.comite)}
    escritos.append(plantilla("acta_etapa_IV.docx").escribir(ctx, actas / "acta_etapa_IV.docx"))
    fecha_oficio = ajustes.fecha_oficio or e4.fin
    ctx = {**contexto_base(config, "Oficio a la Alianza para el Gobierno Abierto"),
           "fecha": textos.fecha_larga(fecha_oficio, con_dia=False), "numero_oficio": ajustes.numero_oficio,
           "destinatario": ajustes.destinatario, "seleccionadas": seleccionadas,
           "fecha_acta": textos.fecha_larga(e4.fin, con_dia=False),
           "total_fichas": len(consolidado.fichas), "total_priorizadas": len(priorizacion.priorizadas()),
           "firmas": _firmas(ajustes.firmante_oficio)}
    escritos.append(plantilla("oficio_ogp.docx").escribir(ctx, rutas.salidas / "oficio_ogp.docx"))
    return escritos


# --- libro de la selección final -----------------------------------------------------------------------


def respuesta_etapa4(codigo: str, priorizada: bool, motivos: dict[str, tuple[bool, str]]) -> str:
    if not priorizada:
        return "No llegó a la Etapa IV: no estuvo entre las fichas priorizadas en la Etapa III."
    elegida, motivo = motivos.get(codigo, (False, ""))
    texto = "Seleccionada por el Comité de Gobierno Abierto" if elegida else "No seleccionada por el Comité"
    return f"{texto}. Motivo: {motivo}" if motivo else f"{texto}."


def escribir_seleccion_final(destino: Path, config: Configuracion, consolidado: Consolidado,
                             priorizacion: Priorizacion, motivos: dict[str, tuple[bool, str]]) -> None:
    libro = excel.nuevo_libro(destino, "Selección final de compromisos de Gobierno Abierto")
    fmt = excel.formatos(libro)
    resultados = {r.codigo: r for r in priorizacion.resultados}
    elegidas = [r for r in priorizacion.priorizadas() if motivos.get(r.codigo, (False, ""))[0]]

    h = libro.add_worksheet("Seleccionadas")
    filas = []
    for r in elegidas:
        f = consolidado.ficha(r.codigo)
        filas.append([r.codigo, f.gerencia if f else "", r.nombre or (f.nombre if f else ""), r.puntaje, r.puesto,
                      _valores(f, config), motivos[r.codigo][1]])
    excel.escribir_tabla(h, ["Código", "Gerencia", "Actividad", "Puntaje (0–100)", "Puesto", "Valores OGP",
                             "Motivo del Comité"], filas, [10, 30, 40, 10, 8, 30, 60], fmt,
                         [None, None, None, fmt.numero, None, None, None])

    esperadas = len(config.gerencias) * config.fichas_por_gerencia
    validas = consolidado.validas()
    h = libro.add_worksheet("Embudo")
    filas = [["Fichas esperadas (Etapa II)", esperadas],
             ["Fichas recibidas", len(consolidado.fichas)],
             ["Fichas válidas que pasaron a la priorización", len(validas)],
             ["Fichas priorizadas (Etapa III)", len(priorizacion.priorizadas())],
             ["Compromisos seleccionados (Etapa IV)", len(elegidas)]]
    excel.escribir_tabla(h, ["Paso", "Fichas"], filas, [50, 10], fmt)

    h = libro.add_worksheet("Respuesta por ficha")
    filas = []
    for f in consolidado.fichas:
        res = resultados.get(f.codigo)
        e2 = ("Válida: pasó a la priorización." if f.estado.es_valida
              else f"Con errores ({f.errores}): no pasó a la priorización; ver el consolidado.")
        e3 = res.respuesta if res else ("—" if not f.estado.es_valida else "Sin resultado de priorización.")
        e4 = respuesta_etapa4(f.codigo, bool(res and res.priorizada), motivos)
        final = SI if motivos.get(f.codigo, (False, ""))[0] else "No"
        filas.append([f.codigo, f.gerencia, f.nombre, e2, e3, e4, final])
    excel.escribir_tabla(h, ["Código", "Gerencia", "Actividad", "Etapa II (consolidación)",
                             "Etapa III (priorización)", "Etapa IV (Comité)", "Seleccionada"],
                         filas, [10, 28, 36, 34, 50, 44, 12], fmt)
    libro.close()


def _escribir_observaciones(destino: Path, observaciones: list[Observacion], config: Configuracion) -> None:
    from .consolidado import escribir_observaciones

    libro = excel.nuevo_libro(destino, "Observaciones de la hoja del Comité")
    fmt = excel.formatos(libro)
    escribir_observaciones(libro.add_worksheet("Observaciones"), fmt, observaciones, config)
    libro.close()


# --- hoja de asistencia del Taller de Inducción (Etapa I) ------------------------------------------------


def escribir_hoja_asistencia(config: Configuracion, destino: Path,
                             asistentes: list[tuple[str, str, str]] | None = None) -> None:
    e1 = config.etapa("I")
    libro = excel.nuevo_libro(destino, "Asistencia al Taller de Inducción")
    fmt = excel.formatos(libro)
    h = libro.add_worksheet("Asistencia")
    h.set_column(0, 0, 6)
    h.set_column(1, 3, 40)
    h.write_string(0, 0, f"Asistencia al {e1.nombre} — Etapa I", fmt.titulo)
    h.write_string(2, 0, "Fecha", fmt.etiqueta)
    h.write_datetime(2, 1, datetime(e1.inicio.year, e1.inicio.month, e1.inicio.day), fmt.entrada_fecha)
    h.write_string(3, 0, "Lugar", fmt.etiqueta)
    h.write_string(3, 1, e1.lugar, fmt.entrada_ajustada)
    libro.define_name("taller_fecha", "=Asistencia!$B$3")
    libro.define_name("taller_lugar", "=Asistencia!$B$4")
    fila0 = 5
    h.write_string(fila0, 0, "N.º", fmt.cabecera)
    for c, t in enumerate(COLUMNAS_ASISTENCIA, start=1):
        h.write_string(fila0, c, t, fmt.cabecera)
    libro.define_name(NOMBRE_ASISTENCIA, f"=Asistencia!$A${fila0 + 1}")
    filas = asistentes or []
    for i in range(max(40, len(filas))):
        h.write_number(fila0 + 1 + i, 0, i + 1, fmt.texto)
        datos = filas[i] if i < len(filas) else ("", "", "")
        for c, v in enumerate(datos, start=1):
            excel.escribir_valor(h, fila0 + 1 + i, c, v, fmt.entrada)
    excel.preparar_impresion(h, fila_cabecera=fila0)
    libro.close()


def generar_hoja_asistencia(config: Configuracion, rutas: Rutas) -> Resumen:
    destino = rutas.plantillas / ARCHIVO_ASISTENCIA
    escribir_atomico(destino, lambda tmp: escribir_hoja_asistencia(config, tmp))
    r = Resumen("Etapa I: hoja de asistencia del Taller de Inducción")
    r.escrito.append(destino)
    r.detalle.append(f"Llénela durante el taller y colóquela en "
                     f"{rutas.entradas_asistencia.relative_to(rutas.raiz)}/; el acta de la Etapa I la usa.")
    return r


def leer_asistencia(config: Configuracion, rutas: Rutas,
                    notas: list[Observacion] | None = None) -> tuple[list[dict[str, str]], date | None, str]:
    """Asistentes, fecha y lugar de la hoja de asistencia más reciente; vacío si no hay.

    Los libros que no son la hoja de asistencia se anotan en `notas` como observaciones."""
    notas = notas if notas is not None else []
    if not rutas.entradas_asistencia.exists():
        return [], None, ""
    recepcion = recibir(rutas.entradas_asistencia, config.tamanio_maximo_bytes)
    notas += recepcion.observaciones
    for doc in sorted(recepcion.documentos, key=lambda d: d.fecha, reverse=True):
        try:
            libro = abrir_libro(doc)
        except ErrorLibro as e:
            notas.append(observar(Codigo.ARCHIVO_ILEGIBLE, archivo=doc.archivo, detalle=str(e)))
            continue
        encontrada = libro.buscar_cabecera(NOMBRE_ASISTENCIA, COLUMNAS_ASISTENCIA)
        if encontrada is None:
            notas.append(observar(Codigo.ASISTENCIA_ILEGIBLE, archivo=doc.archivo))
            continue
        hoja, f0, cols = encontrada
        personas = []
        for fila in libro.filas(hoja)[f0 + 1:]:
            valores = [str(fila[cols[texto_cabecera(c)]] if cols[texto_cabecera(c)] < len(fila) else "").strip()
                       for c in COLUMNAS_ASISTENCIA]
            if valores[0]:
                personas.append({"nombre": valores[0], "cargo": valores[1], "organizacion": valores[2]})
        fecha, _ = libro.valor_de("taller_fecha")
        lugar, _ = libro.valor_de("taller_lugar")
        if isinstance(fecha, datetime):
            fecha = fecha.date()
        return personas, fecha if isinstance(fecha, date) else None, str(lugar or "")
    return [], None, ""


# --- demostración --------------------------------------------------------------------------------------------


def preparar_demo(config: Configuracion, rutas: Rutas, semilla: int) -> None:
    """Hoja del Comité llena (el portafolio sugerido, con motivos) y hoja de asistencia llena."""
    import random

    consolidado = cargar_consolidado(config, rutas)
    priorizacion = cargar_priorizacion(config, rutas)
    sugerido = C.sugerir(priorizacion, consolidado, config)
    marcas = {}
    for r in priorizacion.priorizadas():
        ficha = consolidado.ficha(r.codigo)
        if r.codigo in sugerido.codigos:
            marcas[r.codigo] = (SI, f"Alto puntaje en el taller ({r.puntaje:.2f}) y aporta "
                                    f"{_valores(ficha, config).lower() or 'a los valores de Gobierno Abierto'} "
                                    "al portafolio.")
        else:
            marcas[r.codigo] = ("No", "El portafolio seleccionado cubre mejor los valores de Gobierno Abierto.")
    rutas.entradas_comite.mkdir(parents=True, exist_ok=True)
    destino = rutas.entradas_comite / ARCHIVO_HOJA_COMITE
    escribir_atomico(destino, lambda tmp: C.escribir_hoja_comite(config, priorizacion, consolidado, sugerido,
                                                                 tmp, marcas))
    fin = config.etapa("IV").fin
    marca = (datetime(fin.year, fin.month, fin.day, 17, 0, tzinfo=ZONA_LIMA) - timedelta(days=1)).timestamp()
    os.utime(destino, (marca, marca))

    azar = random.Random(semilla)
    nombres = ["Ana", "Luis", "Rosa", "Jorge", "Carmen", "Pedro", "Elena", "Víctor", "Lucía", "Raúl"]
    apellidos = ["Vásquez", "Rodríguez", "Castillo", "Sánchez", "Alvarado", "Reyes", "Gamarra", "Quispe"]
    asistentes = []
    for g in config.gerencias:
        for cargo in ("Gerente Regional", "Especialista responsable"):
            asistentes.append((f"{azar.choice(nombres)} {azar.choice(apellidos)} {azar.choice(apellidos)}",
                               cargo, g.nombre))
    rutas.entradas_asistencia.mkdir(parents=True, exist_ok=True)
    escribir_atomico(rutas.entradas_asistencia / ARCHIVO_ASISTENCIA,
                     lambda tmp: escribir_hoja_asistencia(config, tmp, asistentes))
