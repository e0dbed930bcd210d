"""Etapa II: de un documento recibido a fichas leídas (valores crudos con su celda).

Todo se lee por los nombres definidos de la plantilla (`fichaN_<clave>`, `codigo_gerencia`,
`reunion_…`, `participanteI_…`), nunca por posición: insertar filas o guardar en
LibreOffice no rompe la lectura. Aquí no se valida nada: solo se ubica y se lee.

Presupuesto: `AREA_FICHAS` (A1:Z300 de cada hoja; la plantilla ocupa menos de A1:D60) en las hojas
que señalan los nombres (Instrucciones, Ficha 1…5, Reunión, Control): a lo más 7 800 celdas por hoja.
Un nombre que apunta a otra hoja, a un rango grande o fuera del área no se lee: es un error que nombra
el nombre. El contenido fuera del área es una advertencia (`Libro.observaciones`). Una hoja con nombre
de ficha que no es de la plantilla («Ficha 5 (2)») se nombra en una advertencia.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..entrada.archivos import Documento
from ..entrada.libro import Area, ErrorLibro, Libro, Valor, abrir_libro
from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import Campo
from ..nucleo.observaciones import Codigo, Observacion, observar
from ..nucleo.textos import lista_humana, normalizar, texto_de_celda

AREA_FICHAS = Area(filas=300, columnas=26)
MAX_CELDAS_NOMBRE = 4  # una celda, o unas pocas combinadas; más es un nombre cambiado


@dataclass(frozen=True)
class Celda:
    """Un valor tal como vino, con su ubicación para las observaciones."""

    valor: Valor
    hoja: str
    celda: str
    formula: str = ""       # la fórmula, si el valor es el resultado que guardó el archivo
    limpiado: bool = False  # se quitaron caracteres de control del texto

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
    revisado: Any = None  # revision.EnvioRevisado, si ya se revisó en el proceso trabajador

    @property
    def archivo(self) -> str:
        return self.documento.archivo


def _celda(libro: Libro, nombre: str, hoja: str) -> Celda | Observacion | None:
    """La celda de un nombre; una observación si el nombre ya no apunta a una celda de `hoja`."""
    ref = libro.nombre(nombre)
    if ref is None:
        return None
    if ref.hoja != hoja or ref.celdas > MAX_CELDAS_NOMBRE or not libro.en_area(ref):
        lejos = ref.hoja == hoja and ref.celdas <= MAX_CELDAS_NOMBRE  # la hoja y el tamaño están bien
        return observar(Codigo.NOMBRE_REDIRIGIDO, archivo=libro.documento.archivo, hoja=ref.hoja,
                        celda=ref.celda, nombre=nombre, esperada=hoja,
                        destino=f"«{ref.direccion}»" if ref.direccion else f"la hoja «{ref.hoja}»",
                        donde=f" dentro de A1:{libro.area.ultima}, la zona que se lee" if lejos else "")
    return Celda(libro.valor(ref), ref.hoja, ref.celda,
                 formula=libro.formula(ref.hoja, ref.fila, ref.columna) or "",
                 limpiado=libro.limpiada(ref.hoja, ref.fila, ref.columna))


def _celda_fija(libro: Libro, envio: EnvioLeido, nombre: str, hoja: str) -> Celda | None:
    celda = _celda(libro, nombre, hoja)
    if isinstance(celda, Observacion):
        envio.observaciones.append(celda)
        return None
    return celda




def leer_envio(documento: Documento, config: Configuracion) -> EnvioLeido:
    """Lee un libro de fichas; si no es la plantilla, lo dice en una observación y no sigue."""
    envio = EnvioLeido(documento)
    archivo = documento.archivo
    try:
        libro = abrir_libro(documento, AREA_FICHAS)
        _leer(libro, envio, config)
        envio.observaciones.extend(libro.observaciones())
    except ErrorLibro as e:
        codigo = Codigo.ARCHIVO_PROTEGIDO if "contraseña" in str(e) else Codigo.ARCHIVO_ILEGIBLE
        envio.es_plantilla = False
        envio.fichas.clear()
        envio.observaciones.append(observar(codigo, archivo=archivo, detalle=str(e)))
    return envio


def _leer(libro: Libro, envio: EnvioLeido, config: Configuracion) -> None:
    archivo = envio.archivo
    identificador = _celda_fija(libro, envio, E.NOMBRE_PLANTILLA_ID, E.HOJA_CONTROL)
    if identificador is None or texto_de_celda(identificador.valor) != E.PLANTILLA_ID:
        envio.observaciones.append(observar(Codigo.NO_ES_PLANTILLA, archivo=archivo,
                                            nombre=E.NOMBRE_PLANTILLA_ID))
        return
    envio.es_plantilla = True
    version = _celda_fija(libro, envio, E.NOMBRE_PLANTILLA_VERSION, E.HOJA_CONTROL)
    envio.version = texto_de_celda(version.valor) if version else ""
    if envio.version != E.PLANTILLA_VERSION:
        envio.observaciones.append(observar(
            Codigo.PLANTILLA_ANTIGUA, archivo=archivo, hoja=version.hoja if version else "",
            celda=version.celda if version else "", valor=envio.version or "sin versión",
            vigente=E.PLANTILLA_VERSION))
    gerencia = _celda_fija(libro, envio, E.NOMBRE_CODIGO_GERENCIA, E.HOJA_INSTRUCCIONES)
    envio.celda_gerencia = gerencia
    envio.codigo_gerencia = texto_de_celda(gerencia.valor).upper() if gerencia else ""

    campos = E.campos_ficha(config)
    for n in range(1, config.fichas_por_gerencia + 1):
        ficha = E.codigo_ficha(envio.codigo_gerencia, n) if envio.codigo_gerencia else str(n)  # «GRE-3»
        celdas, faltan, cambiados = _leer_campos(libro, campos, lambda clave, n=n: E.nombre_ficha(n, clave),
                                                 E.hoja_ficha(n))
        if cambiados and len(cambiados) == len(campos) and len({o.hoja for o in cambiados}) == 1:
            # toda la ficha apunta a otra hoja (¿se renombró la hoja?): una sola observación
            o = cambiados[0]
            envio.observaciones.append(observar(
                Codigo.NOMBRE_REDIRIGIDO, archivo=archivo, hoja=o.hoja, ficha=ficha, esperada=E.hoja_ficha(n),
                nombre=f"{E.nombre_ficha(n, '…')} (todos los campos)", destino=f"la hoja «{o.hoja}»", donde=""))
        else:
            envio.observaciones.extend(replace(o, ficha=ficha) for o in cambiados)
        if len(faltan) == len(campos):
            envio.observaciones.append(observar(
                Codigo.NOMBRE_FALTANTE, archivo=archivo, hoja=E.hoja_ficha(n), ficha=ficha,
                nombre=f"{E.nombre_ficha(n, '…')} (toda la hoja «{E.hoja_ficha(n)}»)"))
        else:
            envio.observaciones.extend(
                observar(Codigo.NOMBRE_FALTANTE, archivo=archivo, hoja=E.hoja_ficha(n), campo=c.clave,
                         ficha=ficha, nombre=E.nombre_ficha(n, c.clave)) for c in faltan)
        envio.fichas.append(FichaLeida(n, celdas))

    envio.reunion, faltan, cambiados = _leer_campos(libro, E.CAMPOS_REUNION, lambda clave: clave,
                                                    E.HOJA_REUNION)
    envio.observaciones.extend(cambiados)
    envio.observaciones.extend(
        observar(Codigo.NOMBRE_FALTANTE, archivo=archivo, hoja=E.HOJA_REUNION, campo=c.clave,
                 nombre=c.clave) for c in faltan)
    for i in range(1, E.MAX_PARTICIPANTES + 1):
        fila, _, cambiados = _leer_campos(libro, E.CAMPOS_PARTICIPANTE,
                                          lambda clave, i=i: E.nombre_participante(i, clave), E.HOJA_REUNION)
        envio.observaciones.extend(cambiados)
        if any(not c.vacia for c in fila.values()):
            envio.participantes.append(fila)
    envio.observaciones.extend(_hojas_ajenas(libro, config))


def _hojas_ajenas(libro: Libro, config: Configuracion) -> list[Observacion]:
    """Hojas con nombre de ficha que no son de la plantilla («Ficha 5 (2)», «Ficha 6»): no se leen,
    pero se dicen, para que una ficha escrita en una copia no se pierda en silencio."""
    propias = [E.hoja_ficha(n) for n in range(1, config.fichas_por_gerencia + 1)]
    hojas = lista_humana([f"«{h}»" for h in propias])
    return [observar(Codigo.HOJA_AJENA, archivo=libro.documento.archivo, hoja=h, hojas=hojas)
            for h in libro.hojas if h not in propias and normalizar(h).startswith("ficha")]


def _leer_campos(libro: Libro, campos: tuple[Campo, ...], nombre_de: Callable[[str], str],
                 hoja: str) -> tuple[dict[str, Celda], list[Campo], list[Observacion]]:
    """Las celdas de los campos; los que no tienen nombre; los nombres que ya no apuntan a `hoja`."""
    celdas: dict[str, Celda] = {}
    faltan: list[Campo] = []
    cambiados: list[Observacion] = []
    for campo in campos:
        nombres = (campo.clave, *E.claves_anteriores(campo.clave))  # y los de plantillas anteriores
        celda = next(filter(None, (_celda(libro, nombre_de(c), hoja) for c in nombres)), None)
        if celda is None:
            faltan.append(campo)
        elif isinstance(celda, Observacion):
            cambiados.append(replace(celda, campo=campo.clave))
        else:
            celdas[campo.clave] = celda
    return celdas, faltan, cambiados
