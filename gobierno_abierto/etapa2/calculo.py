"""Etapa II: de los envíos leídos al consolidado (funciones puras, sin archivos).

Elige el último envío de cada gerencia (por fecha del correo o del archivo), valida sus
fichas, detecta actividades repetidas, fichas que faltan, envíos fuera de plazo y gerencias
que no enviaron, y arma el estado por gerencia. El orden es determinista.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from ..entrada.libro import analizar_celda
from ..entrada.nombres import DENTRO
from ..entrada.vigencia import elegir_vigente, observar_eleccion
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, Gerencia
from ..nucleo.modelo import EstadoFicha, Ficha, Participante, Reunion
from ..nucleo.observaciones import Codigo, Observacion, contar, observar
from ..nucleo.textos import fecha_hora, lista_humana, normalizar
from .lectura import EnvioLeido
from .revision import EnvioRevisado, revisar_envio


@dataclass(frozen=True)
class EstadoGerencia:
    gerencia: Gerencia
    enviado: bool
    archivo: str = ""
    fecha: datetime | None = None
    origen_fecha: str = ""
    a_tiempo: bool | None = None
    fichas_validas: int = 0
    fichas_con_errores: int = 0
    fichas_faltantes: int = 0
    acta_completa: bool = False
    envios: int = 0           # cuántos envíos llegaron (el último es el que vale)
    errores: int = 0
    advertencias: int = 0

    @property
    def situacion(self) -> str:
        if not self.enviado:
            return "Sin envío"
        if self.errores:
            return "Con errores por corregir"
        if self.advertencias:
            return "Completo, con advertencias"
        return "Completo"


@dataclass
class ResultadoConsolidacion:
    fichas: list[Ficha] = field(default_factory=list)
    reuniones: dict[str, Reunion] = field(default_factory=dict)
    observaciones: list[Observacion] = field(default_factory=list)
    estados: list[EstadoGerencia] = field(default_factory=list)
    envios_leidos: int = 0
    envios_reemplazados: int = 0

    @property
    def errores(self) -> int:
        return contar(self.observaciones)[0]

    @property
    def advertencias(self) -> int:
        return contar(self.observaciones)[1]


_Envio = tuple[EnvioLeido, EnvioRevisado, list[Observacion]]  # con sus observaciones ya de su gerencia


def _clave_orden(envio: EnvioLeido) -> tuple:
    return (envio.documento.fecha, envio.archivo)


def consolidar_envios(envios: list[EnvioLeido], config: Configuracion,
                      observaciones_previas: list[Observacion] | None = None) -> ResultadoConsolidacion:
    """El corazón de la Etapa II: de envíos leídos a fichas, observaciones y estados."""
    resultado = ResultadoConsolidacion(envios_leidos=len(envios))
    obs = resultado.observaciones
    obs.extend(observaciones_previas or [])
    plazo = config.etapa("II").plazo

    # 1. A qué gerencia pertenece cada envío que es una plantilla.
    por_gerencia: dict[str, list[_Envio]] = defaultdict(list)
    for envio in sorted(envios, key=_clave_orden):
        if not envio.es_plantilla:
            obs.extend(envio.observaciones)
            continue
        revisado = envio.revisado or revisar_envio(envio, config)  # en el trabajador, si vino de allí
        if not revisado.gerencia:
            obs.extend(envio.observaciones)
            obs.extend(revisado.problemas)
            continue
        propias = [_con_gerencia(o, revisado.gerencia) for o in envio.observaciones + revisado.problemas]
        por_gerencia[revisado.gerencia].append((envio, revisado, propias))
    obs[:] = _atribuir_contenedores(obs, por_gerencia)

    # 2. Qué envío vale por gerencia: una sola regla para todas las etapas (entrada.vigencia).
    vigentes: dict[str, _Envio] = {}
    for codigo, lista in por_gerencia.items():
        gerencia = config.gerencia(codigo)

        def es_propio(par: _Envio, g: Gerencia | None = gerencia) -> bool:
            otra = config.gerencia_por_correo(par[0].documento.remitente or "")
            return otra is None or otra == g

        eleccion = elegir_vigente(lista, lambda par: par[0].documento, es_propio)
        assert eleccion.vigente is not None
        vigentes[codigo] = eleccion.vigente
        obs.extend(observar_eleccion(eleccion, lambda par: par[0].documento, gerencia.nombre if gerencia else codigo,
                                     lambda d: _nombre_gerencia_de(config, d.remitente), gerencia=codigo))
        resultado.envios_reemplazados += len(eleccion.reemplazados)

    # 3. Fichas y reunión de cada envío vigente, en el orden de la configuración. Cada observación va a
    # la lista de su gerencia (las que no tienen, a la de ""): contar las de una gerencia no recorre todas.
    por_codigo: dict[str, list[Observacion]] = defaultdict(list)

    def anotar(nuevas: list[Observacion]) -> None:
        for o in nuevas:
            por_codigo[o.gerencia].append(o)

    anotar(obs)
    nombres_vistos: dict[str, str] = {}  # nombre normalizado → código de ficha
    for gerencia in config.gerencias:
        if gerencia.codigo not in vigentes:
            anotar([observar(Codigo.SIN_ENVIO, gerencia=gerencia.codigo, plazo=fecha_hora(plazo))])
            resultado.estados.append(EstadoGerencia(gerencia, enviado=False,
                                                    fichas_faltantes=config.fichas_por_gerencia))
            continue
        envio, revisado, propias = vigentes[gerencia.codigo]
        nuevas = list(propias)
        a_tiempo = envio.documento.fecha <= plazo
        if not a_tiempo:
            nuevas.append(observar(Codigo.ENVIO_TARDIO, gerencia=gerencia.codigo, archivo=envio.archivo,
                                   fecha=fecha_hora(envio.documento.fecha), plazo=fecha_hora(plazo)))
        fichas_gerencia, faltantes = _fichas_de_envio(envio, revisado, gerencia, config, nuevas, nombres_vistos)
        resultado.fichas.extend(fichas_gerencia)
        nuevas.extend(revisado.observaciones_reunion)
        anotar(nuevas)
        reunion = Reunion(gerencia.codigo, revisado.reunion,
                          tuple(Participante(**{c.clave: p.get(c.clave, "") for c in E.CAMPOS_PARTICIPANTE})
                                for p in revisado.participantes))
        resultado.reuniones[gerencia.codigo] = reunion
        propias_gerencia = por_codigo[gerencia.codigo]
        resultado.estados.append(EstadoGerencia(
            gerencia, enviado=True, archivo=envio.archivo, fecha=envio.documento.fecha,
            origen_fecha=envio.documento.testigo or envio.documento.origen_fecha, a_tiempo=a_tiempo,
            fichas_validas=sum(f.estado.es_valida for f in fichas_gerencia),
            fichas_con_errores=sum(not f.estado.es_valida for f in fichas_gerencia),
            fichas_faltantes=faltantes, acta_completa=reunion.completa,
            envios=len(por_gerencia[gerencia.codigo]),
            errores=sum(o.es_error for o in propias_gerencia),
            advertencias=sum(not o.es_error for o in propias_gerencia)))

    resultado.observaciones = ordenar_observaciones([o for lista in por_codigo.values() for o in lista], config)
    return resultado


def _nombre_gerencia_de(config: Configuracion, remitente: str) -> str:
    g = config.gerencia_por_correo(remitente or "")
    return g.nombre if g else "otra gerencia"


def _con_gerencia(o: Observacion, codigo: str) -> Observacion:
    return o if o.gerencia else replace(o, gerencia=codigo)


def _atribuir_contenedores(obs: list[Observacion], por_gerencia: dict[str, list[_Envio]]) -> list[Observacion]:
    """Lo observado al recibir un correo o un .zip (una cabecera dañada) es de la gerencia cuyo libro
    venía dentro, para que llegue a su libro de observaciones; si traía libros de varias, de ninguna."""
    duenos: dict[str, set[str]] = defaultdict(set)
    for codigo, lista in por_gerencia.items():
        for envio, _, _ in lista:
            partes = envio.archivo.split(DENTRO)
            for i in range(1, len(partes)):
                duenos[DENTRO.join(partes[:i])].add(codigo)
    return [_con_gerencia(o, next(iter(duenos[o.archivo])))
            if not o.gerencia and len(duenos.get(o.archivo, ())) == 1 else o for o in obs]


def _fichas_de_envio(envio: EnvioLeido, revisado: EnvioRevisado, gerencia: Gerencia, config: Configuracion,
                     obs: list[Observacion], nombres_vistos: dict[str, str]) -> tuple[list[Ficha], int]:
    fichas: list[Ficha] = []
    vacias: list[int] = []
    for validada in revisado.fichas:
        if validada.vacia:
            vacias.append(validada.numero)
            continue
        codigo = E.codigo_ficha(gerencia.codigo, validada.numero)
        propias = list(validada.observaciones)
        nombre = normalizar(str(validada.valores.get(E.NOMBRE_ACTIVIDAD) or ""))
        if nombre:
            repetida = nombres_vistos.get(nombre)
            celda = validada.celda_nombre
            if repetida and _gerencia_de(repetida) == gerencia.codigo:
                propias.append(observar(Codigo.ACTIVIDAD_REPETIDA, gerencia=gerencia.codigo,
                                        archivo=envio.archivo, hoja=celda.hoja if celda else "",
                                        celda=celda.celda if celda else "", campo=E.NOMBRE_ACTIVIDAD,
                                        ficha=codigo, valor=validada.valores[E.NOMBRE_ACTIVIDAD],
                                        otra=f"la ficha {repetida}"))
            elif repetida:
                propias.append(observar(Codigo.ACTIVIDAD_REPETIDA_OTRA, gerencia=gerencia.codigo,
                                        archivo=envio.archivo, hoja=celda.hoja if celda else "",
                                        celda=celda.celda if celda else "", campo=E.NOMBRE_ACTIVIDAD,
                                        ficha=codigo, valor=validada.valores[E.NOMBRE_ACTIVIDAD],
                                        otra=f"la ficha {repetida}"))
            else:
                nombres_vistos[nombre] = codigo
        errores = sum(o.es_error for o in propias)
        advertencias = len(propias) - errores
        estado = (EstadoFicha.CON_ERRORES if errores else
                  EstadoFicha.CON_ADVERTENCIAS if advertencias else EstadoFicha.VALIDA)
        fichas.append(Ficha(codigo, gerencia.codigo, gerencia.nombre, validada.numero, validada.valores,
                            envio.archivo, envio.documento.fecha, estado, errores, advertencias))
        obs.extend(propias)
    esperadas = config.fichas_por_gerencia
    if len(fichas) < esperadas:
        obs.append(observar(Codigo.FICHAS_INCOMPLETAS, gerencia=gerencia.codigo, archivo=envio.archivo,
                            presentadas=len(fichas), esperadas=esperadas,
                            faltan=lista_humana([f"Ficha {n}" for n in vacias])))
    return fichas, len(vacias)


def _gerencia_de(codigo: str) -> str:
    partes = E.partir_codigo_ficha(codigo)
    return partes[0] if partes else ""


def ordenar_observaciones(obs: list[Observacion], config: Configuracion) -> list[Observacion]:
    """Orden estable: gerencias en el orden de la configuración, luego archivo, ficha, hoja, celda."""
    orden = {g.codigo: i for i, g in enumerate(config.gerencias)}

    def clave(o: Observacion) -> tuple:
        posicion = analizar_celda(o.celda) or (-1, -1)
        return (orden.get(o.gerencia, len(orden)), o.gerencia, o.archivo, o.ficha, o.hoja,
                posicion, o.codigo.value, o.campo)

    return sorted(obs, key=clave)
