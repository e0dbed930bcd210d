"""Etapa II: de un documento recibido a fichas leídas (valores crudos con su celda).

Todo se lee por los nombres definidos de la plantilla (`fichaN_<clave>`, `codigo_gerencia`,
`reunion_…`, `participanteI_…`), nunca por posición: insertar filas o guardar en
LibreOffice no rompe la lectura. Aquí no se valida nada: solo se ubica y se lee.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..entrada.archivos import Documento
from ..entrada.libro import ErrorLibro, Libro, Valor, abrir_libro
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import Campo
from ..nucleo.observaciones import Codigo, Observacion, observar


@dataclass(frozen=True)
class Celda:
    """Un valor tal como vino, con su ubicación para las observaciones."""

    valor: Valor
    hoja: str
    celda: str

    @property
    def vacia(self) -> bool:
        return self.valor is None or (isinstance(self.valor, str) and not self.valor.strip())


@dataclass(frozen=True)
class FichaLeida:
    numero: int
    celdas: dict[str, Celda]

    @property
    def vacia(self) -> bool:
        """Sin nada escrito en los campos de texto, listas o números (los «No» no cuentan)."""
        return all(c.vacia or c.valor in (E.NO, False) for c in self.celdas.values())


@dataclass
class EnvioLeido:
    documento: Documento
    es_plantilla: bool = False
    codigo_gerencia: str = ""
    celda_gerencia: Celda | None = None
    version: str = ""
    fichas: list[FichaLeida] = field(default_factory=list)
    reunion: dict[str, Celda] = field(default_factory=dict)
    participantes: list[dict[str, Celda]] = field(default_factory=list)
    observaciones: list[Observacion] = field(default_factory=list)

    @property
    def archivo(self) -> str:
        return self.documento.archivo


def _celda(libro: Libro, nombre: str) -> Celda | None:
    ref = libro.nombre(nombre)
    if ref is None:
        return None
    return Celda(libro.valor(ref), ref.hoja, ref.celda)


def _texto(valor: Valor) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor).strip()


def leer_envio(documento: Documento, config: Configuracion) -> EnvioLeido:
    """Lee un libro de fichas; si no es la plantilla, lo dice en una observación y no sigue."""
    envio = EnvioLeido(documento)
    archivo = documento.archivo
    try:
        libro = abrir_libro(documento)
        _leer(libro, envio, config)
    except ErrorLibro as e:
        codigo = Codigo.ARCHIVO_PROTEGIDO if "contraseña" in str(e) else Codigo.ARCHIVO_ILEGIBLE
        envio.es_plantilla = False
        envio.fichas.clear()
        envio.observaciones.append(observar(codigo, archivo=archivo, detalle=str(e)))
    return envio


def _leer(libro: Libro, envio: EnvioLeido, config: Configuracion) -> None:
    archivo = envio.archivo
    identificador = _celda(libro, E.NOMBRE_PLANTILLA_ID)
    if identificador is None or _texto(identificador.valor) != E.PLANTILLA_ID:
        envio.observaciones.append(observar(Codigo.NO_ES_PLANTILLA, archivo=archivo,
                                            nombre=E.NOMBRE_PLANTILLA_ID))
        return
    envio.es_plantilla = True
    version = _celda(libro, E.NOMBRE_PLANTILLA_VERSION)
    envio.version = _texto(version.valor) if version else ""
    if envio.version != E.PLANTILLA_VERSION:
        envio.observaciones.append(observar(
            Codigo.PLANTILLA_ANTIGUA, archivo=archivo, hoja=version.hoja if version else "",
            celda=version.celda if version else "", valor=envio.version or "sin versión",
            vigente=E.PLANTILLA_VERSION))
    gerencia = _celda(libro, E.NOMBRE_CODIGO_GERENCIA)
    envio.celda_gerencia = gerencia
    envio.codigo_gerencia = _texto(gerencia.valor).upper() if gerencia else ""

    campos = E.campos_ficha(config)
    for n in range(1, config.fichas_por_gerencia + 1):
        celdas, faltan = _leer_campos(libro, campos, lambda clave, n=n: E.nombre_ficha(n, clave))
        if len(faltan) == len(campos):
            envio.observaciones.append(observar(
                Codigo.NOMBRE_FALTANTE, archivo=archivo, hoja=E.hoja_ficha(n), ficha=str(n),
                nombre=f"{E.nombre_ficha(n, '…')} (toda la hoja «{E.hoja_ficha(n)}»)"))
        else:
            envio.observaciones.extend(
                observar(Codigo.NOMBRE_FALTANTE, archivo=archivo, hoja=E.hoja_ficha(n), campo=c.clave,
                         ficha=str(n), nombre=E.nombre_ficha(n, c.clave)) for c in faltan)
        envio.fichas.append(FichaLeida(n, celdas))

    envio.reunion, faltan = _leer_campos(libro, E.CAMPOS_REUNION, lambda clave: clave)
    envio.observaciones.extend(
        observar(Codigo.NOMBRE_FALTANTE, archivo=archivo, hoja=E.HOJA_REUNION, campo=c.clave,
                 nombre=c.clave) for c in faltan)
    for i in range(1, E.MAX_PARTICIPANTES + 1):
        fila, _ = _leer_campos(libro, E.CAMPOS_PARTICIPANTE,
                               lambda clave, i=i: E.nombre_participante(i, clave))
        if any(not c.vacia for c in fila.values()):
            envio.participantes.append(fila)


def _leer_campos(libro: Libro, campos: tuple[Campo, ...], nombre_de) -> tuple[dict[str, Celda], list[Campo]]:
    celdas: dict[str, Celda] = {}
    faltan: list[Campo] = []
    for campo in campos:
        nombres = (campo.clave, *E.claves_anteriores(campo.clave))  # y los de plantillas anteriores
        celda = next(filter(None, (_celda(libro, nombre_de(c)) for c in nombres)), None)
        if celda is None:
            faltan.append(campo)
        else:
            celdas[campo.clave] = celda
    return celdas, faltan
