"""El esquema de la ficha, declarado una sola vez.

Cada campo de la *FICHA INFORMATIVA DE ACTIVIDAD PRIORIZADA* del instructivo tiene aquí su
clave, etiqueta, ayuda, tipo, obligatoriedad, límites y lista. Las plantillas, la lectura,
la validación, las columnas del consolidado y los documentos Word se derivan de esto.
Los límites y las listas que cambian entre ciclos vienen de la configuración.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from gobierno_abierto.nucleo.configuracion import Configuracion

PLANTILLA_ID = "GRLL-OGP-FICHAS"
PLANTILLA_VERSION = "2016.1"
NOMBRE_CODIGO_GERENCIA = "codigo_gerencia"
NOMBRE_PLANTILLA_ID = "plantilla_id"
NOMBRE_PLANTILLA_VERSION = "plantilla_version"

TITULO_FICHA = "FICHA INFORMATIVA DE ACTIVIDAD PRIORIZADA"


class Tipo(StrEnum):
    TEXTO = "texto"              # una línea
    TEXTO_LARGO = "texto_largo"  # párrafo
    LISTA = "lista"              # una opción de una lista de la configuración
    SOLES = "soles"              # monto en soles, ≥ 0
    ENTERO = "entero"            # número entero, ≥ 0
    NUMERO = "numero"            # número, ≥ 0
    SI_NO = "si_no"              # «Sí» o «No»
    FECHA = "fecha"
    CORREO = "correo"


SI, NO = "Sí", "No"


@dataclass(frozen=True)
class Campo:
    clave: str
    etiqueta: str
    ayuda: str
    tipo: Tipo
    obligatorio: bool = True
    max_largo: int | None = None       # textos
    minimo: float | None = None        # números
    maximo: float | None = None        # números (se completa desde la configuración)
    lista: tuple[str, ...] = ()         # opciones (se completa desde la configuración)
    clave_lista: str | None = None     # de qué lista de la configuración sale
    clave_maximo: str | None = None    # de qué límite de la configuración sale
    item: str = ""                     # número del ítem en la ficha del instructivo
    ancho: int = 30                    # ancho de columna en el consolidado

    @property
    def es_numero(self) -> bool:
        return self.tipo in (Tipo.SOLES, Tipo.ENTERO, Tipo.NUMERO)

    @property
    def es_texto(self) -> bool:
        return self.tipo in (Tipo.TEXTO, Tipo.TEXTO_LARGO, Tipo.CORREO)


def _ficha_base() -> tuple[Campo, ...]:
    """Los ítems de la ficha del instructivo, en su orden."""
    return (
        Campo("nombre_actividad", "Nombre de la actividad",
              "Nombre corto y claro de la actividad, proceso, producto o servicio (según el POI).",
              Tipo.TEXTO, max_largo=200, item="2", ancho=40),
        Campo("descripcion", "Descripción de la actividad",
              "Qué se hace, para quién y cómo. Máximo 1 500 caracteres.",
              Tipo.TEXTO_LARGO, max_largo=1500, item="3", ancho=60),
        Campo("ambito", "Ámbito de intervención",
              "Elija «Regional» o la provincia de La Libertad donde se ejecuta.",
              Tipo.LISTA, clave_lista="ambito", item="4", ancho=18),
        Campo("resultados_esperados", "Resultados esperados",
              "Cambios concretos y verificables que logrará la actividad.",
              Tipo.TEXTO_LARGO, max_largo=1000, item="5", ancho=50),
        Campo("objetivo_pdc", "Objetivo estratégico del Plan de Desarrollo Concertado al que contribuye",
              "Elija el objetivo del Plan de Desarrollo Regional Concertado.",
              Tipo.LISTA, clave_lista="objetivo_pdc", item="6", ancho=40),
        Campo("objetivo_pei", "Objetivo estratégico del Plan Estratégico Institucional al que contribuye",
              "Elija el objetivo del Plan Estratégico Institucional (PEI).",
              Tipo.LISTA, clave_lista="objetivo_pei", item="7", ancho=40),
        Campo("indicador", "Indicador de medición de la actividad",
              "Cómo se medirá el avance, por ejemplo: «N.º de solicitudes atendidas en línea».",
              Tipo.TEXTO, max_largo=300, item="8", ancho=40),
        Campo("poblacion_numero", "Población beneficiada (número)",
              "Número de personas beneficiadas, solo cifras.",
              Tipo.ENTERO, minimo=0, clave_maximo="poblacion_maxima", item="9", ancho=14),
        Campo("poblacion_ubicacion", "Población beneficiada (ubicación)",
              "Dónde vive la población beneficiada: provincias, distritos o comunidades.",
              Tipo.TEXTO, max_largo=300, item="9", ancho=30),
        Campo("presupuesto_2016", "Presupuesto de la actividad {anio_actual} (S/)",
              "Monto en soles, solo cifras; por ejemplo 125000.",
              Tipo.SOLES, minimo=0, clave_maximo="presupuesto_maximo", item="10", ancho=16),
        Campo("presupuesto_2017", "Presupuesto de la actividad {anio_siguiente} (S/)",
              "Monto en soles, solo cifras; por ejemplo 125000.",
              Tipo.SOLES, minimo=0, clave_maximo="presupuesto_maximo", item="10", ancho=16),
        Campo("meta_fisica_unidad", "Unidad de medida de la meta física",
              "Por ejemplo: talleres, personas capacitadas, expedientes, kilómetros.",
              Tipo.TEXTO, max_largo=80, item="11", ancho=20),
        Campo("meta_fisica_2016", "Meta física {anio_actual}",
              "Cantidad a lograr en el año, en la unidad de medida indicada.",
              Tipo.NUMERO, minimo=0, clave_maximo="meta_fisica_maxima", item="11", ancho=12),
        Campo("meta_fisica_2017", "Meta física {anio_siguiente}",
              "Cantidad a lograr en el año, en la unidad de medida indicada.",
              Tipo.NUMERO, minimo=0, clave_maximo="meta_fisica_maxima", item="12", ancho=12),
        Campo("impacto_socioeconomico", "Impacto socio-económico",
              "Qué mejora en la vida de la población y en la economía regional.",
              Tipo.TEXTO_LARGO, max_largo=1000, item="13", ancho=50),
        Campo("componente_gobierno_abierto",
              "Propuesta de componente de Gobierno Abierto sobre la actividad propuesta",
              "Qué hará la actividad más transparente, participativa o sujeta a rendición de cuentas.",
              Tipo.TEXTO_LARGO, max_largo=1500, item="14", ancho=60),
    )


def _con_config(campo: Campo, config: Configuracion) -> Campo:
    cambios: dict[str, object] = {
        "etiqueta": campo.etiqueta.format(anio_actual=config.anio_actual,
                                          anio_siguiente=config.anio_siguiente)
    }
    if campo.clave_lista:
        cambios["lista"] = config.listas[campo.clave_lista]
    if campo.clave_maximo:
        cambios["maximo"] = getattr(config, campo.clave_maximo)
    return replace(campo, **cambios)


def campos_ficha(config: Configuracion) -> tuple[Campo, ...]:
    """Todos los campos de una ficha, con listas y límites de la configuración."""
    base = tuple(_con_config(c, config) for c in _ficha_base())
    valores = tuple(
        Campo(clave_valor_ogp(v.clave), f"¿Promueve {v.nombre.lower()}?",
              f"Marque «Sí» si la actividad promueve {v.nombre.lower()}"
              + (" (solo cuenta junto a otro valor)." if v.acompania else "."),
              Tipo.SI_NO, obligatorio=False, lista=(SI, NO), item="15", ancho=12)
        for v in config.valores_ogp
    )
    return base + valores


def clave_valor_ogp(clave: str) -> str:
    return f"ogp_{clave}"


def campo(config: Configuracion, clave: str) -> Campo:
    for c in campos_ficha(config) + CAMPOS_REUNION + CAMPOS_PARTICIPANTE:
        if c.clave == clave:
            return c
    raise KeyError(clave)


# --- reunión de la Etapa II con la sociedad civil (datos del acta de cada gerencia) ---

CAMPOS_REUNION: tuple[Campo, ...] = (
    Campo("reunion_fecha", "Fecha de la reunión",
          "Fecha en que la gerencia se reunió con la sociedad civil (dd/mm/aaaa).",
          Tipo.FECHA, ancho=14),
    Campo("reunion_lugar", "Lugar de la reunión", "Local y distrito.", Tipo.TEXTO, max_largo=200),
    Campo("reunion_consejo",
          "Consejo Consultivo Regional Sectorial u organizaciones de la sociedad civil convocadas",
          "Nombre del Consejo Consultivo o de las organizaciones, separadas por punto y coma.",
          Tipo.TEXTO_LARGO, max_largo=1000, ancho=50),
    Campo("gerente_nombre", "Nombre del Gerente Regional", "Nombres y apellidos.",
          Tipo.TEXTO, max_largo=120),
    Campo("especialista_nombre", "Especialista responsable ante el proceso",
          "Nombres y apellidos del especialista designado en el Taller de Inducción.",
          Tipo.TEXTO, max_largo=120),
    Campo("especialista_correo", "Correo del especialista responsable", "Correo institucional.",
          Tipo.CORREO, max_largo=120),
    Campo("reunion_acuerdos", "Acuerdos adoptados",
          "Acuerdos de la reunión, uno por línea.", Tipo.TEXTO_LARGO, max_largo=2000, ancho=60),
)

MAX_PARTICIPANTES = 12

CAMPOS_PARTICIPANTE: tuple[Campo, ...] = (
    Campo("nombre", "Nombres y apellidos", "Representante que participó.", Tipo.TEXTO,
          obligatorio=False, max_largo=120),
    Campo("organizacion", "Organización", "Organización o consejo al que representa.", Tipo.TEXTO,
          obligatorio=False, max_largo=160),
    Campo("cargo", "Cargo", "Cargo en su organización.", Tipo.TEXTO, obligatorio=False,
          max_largo=120),
)


def nombre_ficha(n: int, clave: str) -> str:
    """Nombre definido de la celda de un campo en la ficha n (contrato de la plantilla)."""
    return f"ficha{n}_{clave}"


def nombre_participante(i: int, clave: str) -> str:
    return f"participante{i}_{clave}"


def codigo_ficha(codigo_gerencia: str, n: int) -> str:
    """Código estable de una ficha: <codigo_gerencia>-<N>."""
    return f"{codigo_gerencia}-{n}"


def hoja_ficha(n: int) -> str:
    return f"Ficha {n}"


HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_REUNION = "Reunión"
HOJA_LISTAS = "Listas"
HOJA_CONTROL = "Control"
