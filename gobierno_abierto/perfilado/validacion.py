"""Etapa IV: validación de los libros de perfil (funciones puras; nunca se detiene en el primer problema).

Errores: lo que impide escribir el Plan (un campo obligatorio vacío, un hito sin entregable o sin
fechas, fechas invertidas o fuera de período, un correo no válido, pocos hitos, un código que no
fue seleccionado, un compromiso sin libro). Advertencias, con el ojo del Mecanismo de Revisión
Independiente (IRM) de la OGP: hitos no verificables o tan largos como el compromiso, relevancia
solo por tecnología e innovación, ningún actor de la sociedad civil.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ..etapa2.lectura import Celda
from ..etapa2.validacion import Lugar, interpretar_fecha, validar_campo
from ..nucleo.configuracion import ZONA_LIMA, Configuracion
from ..nucleo.esquema import Campo, Tipo
from ..nucleo.modelo import Consolidado, Ficha
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import fecha_hora, fecha_larga, lista_humana, normalizar, texto_de_celda
from . import esquema as P
from .ajustes import AjustesPerfilado
from .lectura import Lectura, PerfilLeido, Tabla, elegir_vigentes
from .modelo import Actor, Compromiso, Hito


def _palabras(texto: str) -> frozenset[str]:
    return frozenset(texto.split())


# Palabras que nombran un producto que se puede comprobar (singular; se aceptan plurales en -s).
_PRODUCTOS = _palabras("""
    portal plataforma aplicativo aplicacion app sistema modulo tablero mapa registro padron directorio catalogo
    base datos dataset informe informes reporte reportes boletin boletines publicacion documento guia manual
    protocolo directiva ordenanza resolucion reglamento convenio acta plan estrategia diagnostico estudio
    encuesta evaluacion audiencia taller talleres sesion sesiones curso cursos ventanilla formulario pagina web
    observatorio expediente licencia certificado norma lineamiento procedimiento
    publicado publicada aprobado aprobada instalado instalada implementado implementada elaborado elaborada
    entregado entregada presentado presentada realizado realizada conformado conformada suscrito suscrita
""")
_NUMEROS = _palabras("dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta cuarenta "
                     "cincuenta cien ciento cientos mil")
_MESES = _palabras("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
                   "diciembre trimestre semestre")


def verbo_no_verificable(texto: str, verbos: tuple[str, ...]) -> str | None:
    """El verbo vago del entregable («fortalecer»…) si no nombra un producto, un número ni una fecha."""
    palabras = re.findall(r"[a-zñ0-9]+", normalizar(texto))
    encontrado = None
    for verbo in verbos:
        raices = [verbo[:-2]] + ([verbo[:-3]] if len(verbo) >= 8 else [])
        if any(p.startswith(r) for p in palabras for r in raices):
            encontrado = verbo
            break
    if encontrado is None:
        return None
    concreto = any(any(c.isdigit() for c in p) or p in _PRODUCTOS or p.rstrip("s") in _PRODUCTOS
                   or p in _NUMEROS or p in _MESES for p in palabras)
    return None if concreto else encontrado


@dataclass
class Resultado:
    compromisos: list[Compromiso]          # en el orden de la selección
    observaciones: list[Observacion]
    vigentes: dict[str, PerfilLeido]


def validar_perfiles(lectura: Lectura, seleccion: dict[str, str], consolidado: Consolidado, config: Configuracion,
                     ajustes: AjustesPerfilado) -> Resultado:
    """Elige el envío vigente de cada compromiso, lo valida y anota los compromisos sin libro."""
    vigentes, obs = elegir_vigentes(lectura.perfiles)
    obs = list(lectura.observaciones) + obs
    compromisos: dict[str, Compromiso] = {}
    plazo = datetime.combine(ajustes.plazo, time(23, 59, 59), tzinfo=ZONA_LIMA)
    for codigo, perfil in sorted(vigentes.items()):
        ficha = consolidado.ficha(codigo) if codigo in seleccion else None
        if ficha is None:
            celda = perfil.celda_codigo
            obs.append(observar(Codigo.PERFIL_CODIGO_DESCONOCIDO, archivo=perfil.archivo,
                                hoja=celda.hoja if celda else "", celda=celda.celda if celda else "", campo="codigo",
                                valor=codigo or "(vacío)", cuota=len(seleccion), seleccionados=", ".join(seleccion)))
            continue
        if perfil.documento.fecha > plazo:
            obs.append(observar(Codigo.PERFIL_TARDIO, gerencia=ficha.codigo_gerencia, archivo=perfil.archivo,
                                ficha=codigo, fecha=fecha_hora(perfil.documento.fecha), plazo=fecha_larga(ajustes.plazo)))
        compromiso, problemas = validar_perfil(perfil, ficha, config, ajustes)
        compromisos[codigo] = compromiso
        obs += problemas
    for codigo in seleccion:
        if codigo not in compromisos and codigo not in vigentes:
            ficha = consolidado.ficha(codigo)
            obs.append(observar(Codigo.PERFIL_FALTANTE, gerencia=ficha.codigo_gerencia if ficha else "", ficha=codigo,
                                nombre=ficha.nombre if ficha else codigo,
                                nombre_gerencia=ficha.gerencia if ficha else "gerencia desconocida"))
    return Resultado([compromisos[c] for c in seleccion if c in compromisos], obs, vigentes)


class _Anotador:
    """Crea las observaciones de un perfil con su archivo, gerencia y compromiso."""

    def __init__(self, perfil: PerfilLeido, ficha: Ficha) -> None:
        self.lugar = Lugar(ficha.codigo_gerencia, perfil.archivo, perfil.codigo)
        self.obs: list[Observacion] = []

    def __call__(self, codigo: Codigo, celda: Celda | None, campo: str, valor: Any = "",
                 hoja: str = "", ref: str = "", **ctx: Any) -> None:
        self.obs.append(observar(codigo, gerencia=self.lugar.gerencia, archivo=self.lugar.archivo,
                                 hoja=celda.hoja if celda else hoja, celda=celda.celda if celda else ref, campo=campo,
                                 ficha=self.lugar.ficha, valor=valor, **ctx))


def validar_perfil(perfil: PerfilLeido, ficha: Ficha, config: Configuracion,
                   ajustes: AjustesPerfilado) -> tuple[Compromiso, list[Observacion]]:
    o = _Anotador(perfil, ficha)
    o.obs += perfil.observaciones
    valores: dict[str, Any] = {"codigo": perfil.codigo}
    for campo in P.campos(config):
        celda = perfil.celdas.get(campo.clave)
        valor, problemas = validar_campo(campo, celda, o.lugar)
        if campo.tipo is Tipo.CORREO:
            for p in problemas:
                o.obs.append(observar(Codigo.PERFIL_CORREO, gerencia=p.gerencia, archivo=p.archivo, hoja=p.hoja,
                                      celda=p.celda, campo=p.campo, ficha=p.ficha, valor=p.valor,
                                      etiqueta=campo.etiqueta) if p.codigo is Codigo.NO_ES_CORREO else p)
        else:
            o.obs += problemas
        valores[campo.clave] = valor
    periodo = _fechas_del_compromiso(o, perfil, valores, ajustes)
    _relevancia(o, perfil, valores, config)
    hitos = _hitos(o, perfil.hitos, periodo, ajustes)
    actores = _actores(o, perfil.actores)
    compromiso = Compromiso(perfil.codigo, ficha.codigo_gerencia, ficha.gerencia, valores, tuple(hitos),
                            tuple(actores), perfil.archivo, perfil.documento.fecha)
    return compromiso, o.obs


def _d(valor: date) -> str:
    return f"{valor:%d/%m/%Y}"


def _fechas_del_compromiso(o: _Anotador, perfil: PerfilLeido, valores: dict[str, Any],
                           ajustes: AjustesPerfilado) -> tuple[date, date] | None:
    """El período del compromiso si sus fechas sirven (para revisar los hitos contra él)."""
    inicio, fin = valores.get("fecha_inicio"), valores.get("fecha_fin")
    for clave, etiqueta, valor in (("fecha_inicio", "Fecha de inicio", inicio), ("fecha_fin", "Fecha de término", fin)):
        if isinstance(valor, date) and not ajustes.inicio <= valor <= ajustes.fin:
            o(Codigo.FUERA_DEL_PERIODO, perfil.celdas.get(clave), clave, _d(valor), etiqueta=etiqueta,
              fecha=_d(valor), inicio=_d(ajustes.inicio), fin=_d(ajustes.fin))
    if isinstance(inicio, date) and isinstance(fin, date):
        if fin < inicio:
            o(Codigo.FIN_ANTES_DE_INICIO, perfil.celdas.get("fecha_fin"), "fecha_fin", _d(fin),
              que="El compromiso", inicio=_d(inicio), fin=_d(fin))
            return None
        return inicio, fin
    return None


def _relevancia(o: _Anotador, perfil: PerfilLeido, valores: dict[str, Any], config: Configuracion) -> None:
    relevancias = P.relevancias(config)
    escritas = [(nombre, acompania) for clave, nombre, acompania in relevancias if valores.get(clave)]
    principales = [n for _, n, a in relevancias if not a]
    primera = perfil.celdas.get(relevancias[0][0])
    if not escritas:
        o(Codigo.RELEVANCIA_VACIA, primera, relevancias[0][0], valores=lista_humana(principales, "o"))
    elif all(acompania for _, acompania in escritas):
        o(Codigo.RELEVANCIA_SOLO_TECNOLOGIA, primera, relevancias[0][0], lista_humana([n for n, _ in escritas]),
          valores=lista_humana(principales, "o"))


def _fecha_hito(o: _Anotador, celda: Celda, numero: int, cual: str, entregable: str,
                periodo: tuple[date, date] | None, ajustes: AjustesPerfilado) -> date | None:
    etiqueta = f"Fecha de {cual} del hito {numero}"
    campo = "fecha_inicio" if cual == "inicio" else "fecha_fin"
    if celda.vacia:
        o(Codigo.HITO_SIN_FECHA, celda, campo, entregable, numero=numero, cual=f"fecha de {cual}")
        return None
    fecha = interpretar_fecha(celda.valor)
    if fecha is None:
        o(Codigo.NO_ES_FECHA, celda, campo, texto_de_celda(celda.valor), etiqueta=etiqueta)
        return None
    if not ajustes.inicio <= fecha <= ajustes.fin:
        o(Codigo.FUERA_DEL_PERIODO, celda, campo, _d(fecha), etiqueta=etiqueta, fecha=_d(fecha),
          inicio=_d(ajustes.inicio), fin=_d(ajustes.fin))
    elif periodo and not periodo[0] <= fecha <= periodo[1]:
        o(Codigo.HITO_FUERA_DEL_COMPROMISO, celda, campo, _d(fecha), etiqueta=etiqueta, fecha=_d(fecha),
          inicio=_d(periodo[0]), fin=_d(periodo[1]))
    return fecha


def _hitos(o: _Anotador, tabla: Tabla, periodo: tuple[date, date] | None, ajustes: AjustesPerfilado) -> list[Hito]:
    hitos: list[Hito] = []
    completos = 0
    for fila in tabla.filas:
        if fila.vacia:
            continue
        c = fila.celdas
        n = fila.numero
        entregable = texto_de_celda(c["entregable"].valor)
        if not entregable:
            o(Codigo.HITO_SIN_ENTREGABLE, c["entregable"], "entregable", numero=n)
        inicio = _fecha_hito(o, c["fecha_inicio"], n, "inicio", entregable, periodo, ajustes)
        fin = _fecha_hito(o, c["fecha_fin"], n, "término", entregable, periodo, ajustes)
        if inicio and fin and fin < inicio:
            o(Codigo.FIN_ANTES_DE_INICIO, c["fecha_fin"], "fecha_fin", _d(fin), que=f"El hito {n}",
              inicio=_d(inicio), fin=_d(fin))
        if entregable:
            verbo = verbo_no_verificable(entregable, ajustes.verbos_vagos)
            if verbo:
                o(Codigo.HITO_NO_VERIFICABLE, c["entregable"], "entregable", entregable, numero=n, verbo=verbo)
        hito = Hito(n, entregable, inicio, fin, texto_de_celda(c["responsable"].valor))
        if periodo and inicio and fin and inicio <= fin:
            dias_compromiso = (periodo[1] - periodo[0]).days + 1
            if hito.dias >= dias_compromiso:
                o(Codigo.HITO_TODO_EL_PERIODO, c["fecha_inicio"], "fecha_inicio", entregable, numero=n,
                  dias=hito.dias, dias_compromiso=dias_compromiso)
        completos += bool(entregable and inicio and fin and inicio <= fin)
        hitos.append(hito)
    if completos < ajustes.minimo_hitos and tabla.fila_cabecera >= 0:
        o(Codigo.POCOS_HITOS, None, "hitos", completos, hoja=tabla.hoja, ref=tabla.celda("entregable"),
          hitos=completos, minimo=ajustes.minimo_hitos)
    return hitos


def _actores(o: _Anotador, tabla: Tabla) -> list[Actor]:
    actores: list[Actor] = []
    for fila in tabla.filas:
        if fila.vacia:
            continue
        n = fila.numero
        nombre, problemas = validar_campo(Campo("nombre", f"Nombre del actor {n}", "", Tipo.TEXTO, max_largo=200),
                                          fila.celdas["nombre"], o.lugar)
        tipo, mas = validar_campo(Campo("tipo", f"Tipo del actor {n}", "", Tipo.LISTA, lista=P.TIPOS_ACTOR),
                                  fila.celdas["tipo"], o.lugar)
        o.obs += problemas + mas
        actores.append(Actor(str(nombre or ""), str(tipo or ""), texto_de_celda(fila.celdas["rol"].valor)))
    if tabla.fila_cabecera >= 0 and not any(a.tipo == P.SOCIEDAD_CIVIL for a in actores):
        o(Codigo.SIN_SOCIEDAD_CIVIL, None, "actores", hoja=tabla.hoja, ref=tabla.celda("tipo"))
    return actores
