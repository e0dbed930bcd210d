"""Qué se publica: la decisión y el motivo de cada ficha en cada etapa, en castellano llano (sin E/S).

`armar_contenido` recibe lo leído de las etapas y devuelve un `Contenido` (sus registros están en
`publicado`) que el sitio y los datos abiertos solo escriben. Aquí se decide lo que se reserva (puntajes y decisión del Comité antes de
su fecha; datos personales siempre, salvo que la configuración diga lo contrario).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..etapa4.escritura import respuesta_etapa4
from ..nucleo import esquema as E
from ..nucleo import textos
from ..nucleo.configuracion import Configuracion, ErrorConfiguracion
from ..nucleo.modelo import Ficha, ResultadoFicha
from .ajustes import AjustesPublicacion
from .lectura import DecisionComite, Fuentes, Hito
from .privacidad import Reserva
from .publicado import (
    Campo,
    CompromisoPublicado,
    Contenido,
    Decision,
    EtapaPublicada,
    GerenciaPublicada,
    Iniciativa,
)

ETAPAS_DECISION = ("II", "III", "IV")
QUE_PASA = {
    "I": "Taller de inducción: se presentan el proceso y los instrumentos a las gerencias regionales.",
    "II": "Cada gerencia, con su Consejo Consultivo o la sociedad civil de su sector, formula {fichas} fichas "
          "de iniciativas y las presenta.",
    "III": "Taller de priorización: grupos de funcionarios y sociedad civil califican las fichas válidas y se "
           "priorizan {priorizadas}.",
    "IV": "El Comité de Gobierno Abierto elige {seleccionadas} compromisos entre las priorizadas y los "
          "presenta a la Alianza para el Gobierno Abierto.",
}


# --- campos de la ficha ---------------------------------------------------------------------------


def _numero_valido(valor: Any, campo: E.Campo) -> float | None:
    if isinstance(valor, bool) or not isinstance(valor, (int, float)) or valor != valor:
        return None
    if campo.minimo is not None and valor < campo.minimo:
        return None
    return valor


def _campo(campo: E.Campo, valor: Any, limpiar: Any) -> Campo:
    if campo.es_numero:
        numero = _numero_valido(valor, campo)
        if numero is None:
            texto = limpiar(str(valor)) if valor not in (None, "") else "—"
            return Campo(campo.clave, campo.etiqueta, texto, None)
        if campo.tipo is E.Tipo.SOLES:
            return Campo(campo.clave, campo.etiqueta, textos.soles(float(numero)), round(float(numero), 2))
        if campo.tipo is E.Tipo.ENTERO or float(numero).is_integer():
            return Campo(campo.clave, campo.etiqueta, textos.numero(numero), int(numero))
        return Campo(campo.clave, campo.etiqueta, textos.numero(numero, 2), float(numero))
    if campo.tipo is E.Tipo.SI_NO:
        return Campo(campo.clave, campo.etiqueta, valor if valor in (E.SI, E.NO) else "—", valor == E.SI)
    texto = limpiar(str(valor)) if valor not in (None, "") else ""
    return Campo(campo.clave, campo.etiqueta, texto or "—", texto or None)


# --- decisiones -----------------------------------------------------------------------------------


def _decision_II(ficha: Ficha, errores: list[str], fecha: date) -> Decision:
    if ficha.estado.es_valida:
        return Decision(ficha.codigo, "II", "valida", "Cumplió los requisitos de la ficha y pasó a la priorización.",
                        fecha)
    if errores:
        campos = textos.lista_humana([f"«{e}»" for e in errores])
        motivo = (f"No pasó a la priorización: la ficha tenía errores en {campos}. La gerencia recibió las "
                  "observaciones para corregirlas dentro del plazo.")
    else:
        motivo = (f"No pasó a la priorización: la ficha tenía {ficha.errores or 'algún'} error(es) por corregir. "
                  "La gerencia recibió las observaciones dentro del plazo.")
    return Decision(ficha.codigo, "II", "observada", motivo, fecha)


def _decision_III(ficha: Ficha, resultado: ResultadoFicha | None, hay_priorizacion: bool, publicos: bool,
                  desde: date, fecha: date, cuota: int, limpiar: Any) -> Decision:
    if not ficha.estado.es_valida:
        return Decision(ficha.codigo, "III", "no_participa", "No llegó al taller: quedó observada en la Etapa II.",
                        None)
    if not hay_priorizacion:
        return Decision(ficha.codigo, "III", "pendiente", "El taller de priorización aún no tiene resultados.", None)
    if resultado is None:
        return Decision(ficha.codigo, "III", "no_priorizada",
                        "Ningún grupo del taller la calificó, así que no tuvo puntaje para entrar a la priorización.",
                        fecha)
    clave = "priorizada" if resultado.priorizada else "no_priorizada"
    if publicos:
        return Decision(ficha.codigo, "III", clave, limpiar(resultado.respuesta), fecha)
    texto = (f"Estuvo entre las {cuota} iniciativas priorizadas en el taller." if resultado.priorizada
             else f"No estuvo entre las {cuota} iniciativas priorizadas en el taller.")
    return Decision(ficha.codigo, "III", clave,
                    f"{texto} El puntaje, el puesto y la respuesta razonada se publican desde el "
                    f"{textos.fecha_larga(desde, con_dia=False)}.", fecha)


def _decision_IV(ficha: Ficha, resultado: ResultadoFicha | None, hay_priorizacion: bool,
                 comite: dict[str, DecisionComite] | None, publica: bool, desde: date, fecha: date,
                 limpiar: Any) -> Decision:
    if not ficha.estado.es_valida:
        return Decision(ficha.codigo, "IV", "no_participa", "No llegó a la Etapa IV: quedó observada en la Etapa II.",
                        None)
    if not hay_priorizacion:
        return Decision(ficha.codigo, "IV", "pendiente", "Primero debe concluir la priorización de la Etapa III.", None)
    if resultado is None or not resultado.priorizada:
        return Decision(ficha.codigo, "IV", "no_participa", respuesta_etapa4(ficha.codigo, False, {}), None)
    if comite is None:
        return Decision(ficha.codigo, "IV", "pendiente", "El Comité de Gobierno Abierto aún no ha decidido.", None)
    if not publica:
        return Decision(ficha.codigo, "IV", "reservada", "La decisión del Comité y su motivo se publican desde el "
                        f"{textos.fecha_larga(desde, con_dia=False)}.", None)
    d = comite.get(ficha.codigo)
    if d is None:
        return Decision(ficha.codigo, "IV", "no_seleccionada", "No figura en la decisión del Comité.", fecha)
    texto = d.respuesta or respuesta_etapa4(ficha.codigo, True, {ficha.codigo: (d.seleccionada, d.motivo)})
    return Decision(ficha.codigo, "IV", "seleccionada" if d.seleccionada else "no_seleccionada", limpiar(texto),
                    fecha)


def _situacion(decisiones: dict[str, Decision]) -> str:
    ii, iii, iv = decisiones["II"].decision, decisiones["III"].decision, decisiones["IV"].decision
    if ii == "observada":
        return "observada"
    if iii == "pendiente":
        return "valida"
    if iii == "no_priorizada":
        return "no_priorizada"
    if iv in ("seleccionada", "no_seleccionada"):
        return iv
    return "priorizada"


# --- el contenido completo ------------------------------------------------------------------------


def _estado_etapa(inicio: date, fin: date, hoy: date) -> str:
    if hoy > fin:
        return "Concluida"
    return "En curso" if hoy >= inicio else "Próxima"


def _organizaciones(fuentes: Fuentes, codigo: str, limpiar: Any) -> tuple[str, ...]:
    reunion = fuentes.consolidado.reuniones.get(codigo)
    if reunion is None:
        return ()
    nombres = [p.strip() for p in str(reunion[E.REUNION_CONSEJO] or "").split(";")]
    nombres += [p.organizacion.strip() for p in reunion.participantes]
    vistos: dict[str, str] = {}
    for n in nombres:
        n = limpiar(n)
        if n and textos.normalizar(n) not in vistos:
            vistos[textos.normalizar(n)] = n
    return tuple(vistos.values())


def armar_contenido(config: Configuracion, ajustes: AjustesPublicacion, fuentes: Fuentes) -> Contenido:
    reserva = Reserva(fuentes.personas, activa=not ajustes.datos_personales)
    limpiar = reserva.limpiar
    hoy = ajustes.fecha
    campos = E.campos_ficha(config)
    prio = fuentes.priorizacion
    publicos = prio is not None and ajustes.puntajes_publicos()
    decision_publica = fuentes.comite is not None and ajustes.decision_publica()
    fin = {e: config.etapa(e).fin for e in ETAPAS_DECISION}
    nombres_criterios = {c.clave: c for c in fuentes.criterios}

    iniciativas = []
    for ficha in fuentes.consolidado.fichas:
        res = prio.resultado(ficha.codigo) if prio else None
        decisiones = {
            "II": _decision_II(ficha, fuentes.errores_por_ficha.get(ficha.codigo, []), fin["II"]),
            "III": _decision_III(ficha, res, prio is not None, publicos, ajustes.puntajes_desde, fin["III"],
                                 config.priorizadas, limpiar),
            "IV": _decision_IV(ficha, res, prio is not None, fuentes.comite, ajustes.decision_publica(),
                               ajustes.decision_comite_desde, fin["IV"], limpiar),
        }
        situacion = _situacion(decisiones)
        medias: tuple[tuple[str, float, int, int], ...] = ()
        if res is not None and publicos:
            medias = tuple((nombres_criterios[c].nombre, textos.redondear(v, 2), nombres_criterios[c].minimo,
                            nombres_criterios[c].maximo)
                           for c, v in res.medias_criterios.items() if c in nombres_criterios)
        iniciativas.append(Iniciativa(
            codigo=ficha.codigo, codigo_gerencia=ficha.codigo_gerencia, gerencia=ficha.gerencia, numero=ficha.numero,
            nombre=limpiar(ficha.nombre) or "(sin nombre)", valores_ogp=tuple(ficha.valores_ogp(config)),
            campos=tuple(_campo(c, ficha[c.clave], limpiar) for c in campos), decisiones=tuple(decisiones.values()),
            situacion=situacion, estado_etapa_II=ficha.estado.value, fecha_recepcion=ficha.fecha_recepcion,
            priorizada=None if decisiones["III"].decision in ("pendiente", "no_participa")
            else decisiones["III"].decision == "priorizada",
            seleccionada=None if decisiones["IV"].decision in ("pendiente", "reservada", "no_participa")
            else decisiones["IV"].decision == "seleccionada",
            puntaje=textos.redondear(res.puntaje, 2) if res and publicos and res.puntaje is not None else None,
            puesto=res.puesto if res and publicos else None,
            grupos=res.grupos if res and publicos else None,
            medias=medias,
            puntajes_grupos=tuple((g, textos.redondear(p, 2)) for g, p in res.puntajes_grupos.items())
            if res and publicos else ()))

    etapas = [EtapaPublicada(e.etapa, e.nombre, e.inicio, e.fin, e.lugar,
                             QUE_PASA[e.etapa].format(fichas=config.fichas_por_gerencia, priorizadas=config.priorizadas,
                                                      seleccionadas=config.seleccionadas),
                             _estado_etapa(e.inicio, e.fin, hoy))
              for e in (config.etapa(x) for x in ("I", "II", "III", "IV"))]
    presentadas = Counter(i.codigo_gerencia for i in iniciativas)
    validas = Counter(i.codigo_gerencia for i in iniciativas if i.situacion != "observada")
    gerencias = [GerenciaPublicada(g.codigo, g.nombre, presentadas[g.codigo], validas[g.codigo],
                                   _organizaciones(fuentes, g.codigo, limpiar))
                 for g in config.gerencias]

    embudo = [("Fichas presentadas", len(iniciativas)),
              ("Fichas válidas", sum(1 for i in iniciativas if i.situacion != "observada"))]
    if prio is not None:
        embudo.append(("Iniciativas priorizadas", sum(1 for i in iniciativas if i.priorizada)))
    if decision_publica:
        embudo.append(("Compromisos seleccionados", sum(1 for i in iniciativas if i.seleccionada)))

    reservas = []
    if prio is not None and not publicos:
        reservas.append("Los puntajes, los puestos y las notas de los grupos del taller (Etapa III) se publican "
                        f"desde el {textos.fecha_larga(ajustes.puntajes_desde)}, cuando ya se firmó el acta.")
    if fuentes.comite is not None and not decision_publica:
        reservas.append("La decisión del Comité, sus motivos y los compromisos (Etapa IV) se publican desde el "
                        f"{textos.fecha_larga(ajustes.decision_comite_desde)}, cuando ya se firmó el acta.")
    if not ajustes.datos_personales:
        reservas.append("No se publican datos personales (Ley N.º 29733, de Protección de Datos Personales): ni "
                        "nombres de representantes de la sociedad civil o de participantes de los talleres, ni "
                        "correos, ni teléfonos. Se publican las organizaciones, las gerencias y los cargos.")

    compromisos = (_compromisos(config, fuentes, iniciativas, limpiar, ajustes.datos_personales)
                   if decision_publica else [])
    try:
        comite = tuple(f"{p.nombre}, {p.cargo}" if ajustes.datos_personales else p.cargo
                       for p in config.documentos.comite)
    except ErrorConfiguracion:  # [[comite]] y [documentos] son de la Etapa IV: sin ellos, no se lista
        comite = ()
    return Contenido(
        titulo=ajustes.titulo, entidad=config.entidad, programa=config.programa, ajustes=ajustes, etapas=etapas,
        gerencias=gerencias, iniciativas=iniciativas, embudo=embudo,
        valores_ogp=[(v.clave, v.nombre) for v in config.valores_ogp], criterios=fuentes.criterios,
        notas=fuentes.notas if publicos else [], compromisos=compromisos,
        hay_plan=fuentes.plan is not None and decision_publica, reservas=reservas,
        grupos=prio.grupos if prio else (), comite=comite, metodo=limpiar(prio.metodo) if prio and publicos else "",
        documentos=fuentes.documentos, campos_ficha=campos,
        cuotas={"fichas": config.fichas_por_gerencia, "priorizadas": config.priorizadas,
                "seleccionadas": config.seleccionadas},
        hay_comite=fuentes.comite is not None, retirados=reserva.retirados)


def _compromisos(config: Configuracion, fuentes: Fuentes, iniciativas: list[Iniciativa], limpiar: Any,
                 datos_personales: bool) -> list[CompromisoPublicado]:
    """Las seleccionadas por el Comité en el orden del ranking y, si existe, lo que dice el Plan de Acción."""
    assert fuentes.priorizacion is not None and fuentes.comite is not None
    por_codigo = {i.codigo: i for i in iniciativas}
    nombres = dict((v.clave, v.nombre) for v in config.valores_ogp)
    plan = fuentes.plan
    del_plan = {c.codigo: c for c in plan.compromisos} if plan else {}
    salida = []
    for numero, r in enumerate((r for r in fuentes.priorizacion.priorizadas()
                                if fuentes.comite.get(r.codigo, DecisionComite(False, "", "")).seleccionada),
                               start=1):
        ini = por_codigo.get(r.codigo)
        if ini is None:
            continue
        c = del_plan.get(r.codigo)
        hitos = tuple(h for h in plan.hitos if c is not None and h.compromiso == c.numero) if plan else ()
        hitos = tuple(Hito(h.compromiso, h.numero, limpiar(h.entregable), h.fecha_inicio, h.fecha_fin,
                           h.responsable if datos_personales else "") for h in hitos)
        salida.append(CompromisoPublicado(
            numero=c.numero if c else numero, codigo=r.codigo, nombre=limpiar(c.nombre) if c else ini.nombre,
            gerencia=limpiar(c.gerencia) if c and c.gerencia else ini.gerencia,
            motivo=limpiar(fuentes.comite[r.codigo].motivo),
            valores=textos.lista_humana([nombres[v] for v in ini.valores_ogp]),
            fecha_inicio=c.fecha_inicio if c else None, fecha_fin=c.fecha_fin if c else None,
            objetivo=limpiar(c.objetivo) if c else "", responsable=limpiar(c.responsable_cargo) if c else "",
            problema=limpiar(c.problema) if c else "", linea_base=limpiar(c.linea_base) if c else "",
            descripcion=limpiar(c.descripcion) if c else "", resultados=limpiar(c.resultados) if c else "",
            sociedad_civil=limpiar(c.sociedad_civil) if c else "", hitos=hitos))
    return salida
