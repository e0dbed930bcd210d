"""El esquema de la ficha, declarado una sola vez.

Cada campo de la *FICHA INFORMATIVA DE ACTIVIDAD PRIORIZADA* del instructivo tiene aquí su
clave, etiqueta, ayuda, tipo, obligatoriedad, límites y lista. Las plantillas, la lectura,
la validación, las columnas del consolidado y los documentos Word se derivan de esto.
Los límites y las listas que cambian entre ciclos vienen de la configuración.

Las claves no llevan año: «presupuesto_anio_actual» es el presupuesto del año que la
configuración llama `anio_actual`, sea 2016 o 2018; el año aparece solo en la etiqueta.
El resto del código nombra los campos por las constantes de este módulo, nunca con literales.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from .configuracion import Configuracion
from .control import ContratoControl

# La hoja oculta «Control» de la plantilla de fichas: qué plantilla es y de qué versión.
CONTROL = ContratoControl(plantilla_id="GRLL-OGP-FICHAS", version="2016.2",
                          nombre_id="plantilla_id", nombre_version="plantilla_version")
PLANTILLA_ID, PLANTILLA_VERSION = CONTROL.plantilla_id, CONTROL.version
NOMBRE_PLANTILLA_ID, NOMBRE_PLANTILLA_VERSION = CONTROL.nombre_id, CONTROL.nombre_version
NOMBRE_CODIGO_GERENCIA = "codigo_gerencia"

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

# --- claves de los campos de la ficha (nombres definidos `fichaN_<clave>`) -------------------

NOMBRE_ACTIVIDAD = "nombre_actividad"
DESCRIPCION = "descripcion"
AMBITO = "ambito"
RESULTADOS_ESPERADOS = "resultados_esperados"
OBJETIVO_PDC = "objetivo_pdc"
OBJETIVO_PEI = "objetivo_pei"
INDICADOR = "indicador"
POBLACION_NUMERO = "poblacion_numero"
POBLACION_UBICACION = "poblacion_ubicacion"
PRESUPUESTO_ANIO_ACTUAL = "presupuesto_anio_actual"
PRESUPUESTO_ANIO_SIGUIENTE = "presupuesto_anio_siguiente"
META_FISICA_UNIDAD = "meta_fisica_unidad"
META_FISICA_ANIO_ACTUAL = "meta_fisica_anio_actual"
META_FISICA_ANIO_SIGUIENTE = "meta_fisica_anio_siguiente"
IMPACTO_SOCIOECONOMICO = "impacto_socioeconomico"
COMPONENTE_GOBIERNO_ABIERTO = "componente_gobierno_abierto"

# Los montos que suman el presupuesto de una actividad (acta de la Etapa II) y que no pueden
# ser todos cero (observación «sin presupuesto»); el primero es donde se señala.
CAMPOS_PRESUPUESTO = (PRESUPUESTO_ANIO_ACTUAL, PRESUPUESTO_ANIO_SIGUIENTE)
# Las metas físicas; su unidad de medida está en el campo `Campo.clave_unidad`.
CAMPOS_META = (META_FISICA_ANIO_ACTUAL, META_FISICA_ANIO_SIGUIENTE)

# Claves de la plantilla 2016.1 (ya entregada a las gerencias) → claves vigentes. La lectura
# las prueba cuando falta el nombre definido vigente, para que esos libros se sigan leyendo.
CLAVES_ANTERIORES: dict[str, str] = {
    "presupuesto_2016": PRESUPUESTO_ANIO_ACTUAL,
    "presupuesto_2017": PRESUPUESTO_ANIO_SIGUIENTE,
    "meta_fisica_2016": META_FISICA_ANIO_ACTUAL,
    "meta_fisica_2017": META_FISICA_ANIO_SIGUIENTE,
}


def claves_anteriores(clave: str) -> tuple[str, ...]:
    """Las claves con que plantillas anteriores nombraban este campo (vacío si no cambió)."""
    return tuple(antigua for antigua, vigente in CLAVES_ANTERIORES.items() if vigente == clave)


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
    clave_unidad: str | None = None    # campo que da la unidad de medida de este número
    ancho: int = 30                    # ancho de columna en el consolidado
    corta: str = ""                    # etiqueta breve para vistas estrechas (vacía: la etiqueta)

    @property
    def etiqueta_breve(self) -> str:
        return self.corta or self.etiqueta

    @property
    def es_numero(self) -> bool:
        return self.tipo in (Tipo.SOLES, Tipo.ENTERO, Tipo.NUMERO)

    @property
    def es_texto(self) -> bool:
        return self.tipo in (Tipo.TEXTO, Tipo.TEXTO_LARGO, Tipo.CORREO)


def _ficha_base() -> tuple[Campo, ...]:
    """Los ítems de la ficha del instructivo, en su orden."""
    return (
        Campo(NOMBRE_ACTIVIDAD, "Nombre de la actividad",
              "Nombre corto y claro de la actividad, proceso, producto o servicio (según el POI).",
              Tipo.TEXTO, max_largo=200, item="2", ancho=40),
        Campo(DESCRIPCION, "Descripción de la actividad",
              "Qué se hace, para quién y cómo. Máximo 1,500 caracteres.",
              Tipo.TEXTO_LARGO, max_largo=1500, item="3", ancho=60),
        Campo(AMBITO, "Ámbito de intervención",
              "Elija «Regional» o la provincia de La Libertad donde se ejecuta.",
              Tipo.LISTA, clave_lista="ambito", item="4", ancho=18),
        Campo(RESULTADOS_ESPERADOS, "Resultados esperados",
              "Cambios concretos y verificables que logrará la actividad.",
              Tipo.TEXTO_LARGO, max_largo=1000, item="5", ancho=50),
        Campo(OBJETIVO_PDC, "Objetivo estratégico del Plan de Desarrollo Concertado al que contribuye",
              "Elija el objetivo del Plan de Desarrollo Regional Concertado.",
              Tipo.LISTA, clave_lista="objetivo_pdc", item="6", ancho=40, corta="Objetivo del PDC"),
        Campo(OBJETIVO_PEI, "Objetivo estratégico del Plan Estratégico Institucional al que contribuye",
              "Elija el objetivo del Plan Estratégico Institucional (PEI).",
              Tipo.LISTA, clave_lista="objetivo_pei", item="7", ancho=40, corta="Objetivo del PEI"),
        Campo(INDICADOR, "Indicador de medición de la actividad",
              "Cómo se medirá el avance, por ejemplo: «N.º de solicitudes atendidas en línea».",
              Tipo.TEXTO, max_largo=300, item="8", ancho=40, corta="Indicador"),
        Campo(POBLACION_NUMERO, "Población beneficiada (número)",
              "Número de personas beneficiadas, solo cifras.",
              Tipo.ENTERO, minimo=0, clave_maximo="poblacion_maxima", item="9", ancho=14,
              corta="Población (número)"),
        Campo(POBLACION_UBICACION, "Población beneficiada (ubicación)",
              "Dónde vive la población beneficiada: provincias, distritos o comunidades.",
              Tipo.TEXTO, max_largo=300, item="9", ancho=30, corta="Población (ubicación)"),
        Campo(PRESUPUESTO_ANIO_ACTUAL, "Presupuesto de la actividad {anio_actual} (S/)",
              "Monto en soles, solo cifras; por ejemplo 125000.",
              Tipo.SOLES, minimo=0, clave_maximo="presupuesto_maximo", item="10", ancho=16,
              corta="Presupuesto {anio_actual}"),
        Campo(PRESUPUESTO_ANIO_SIGUIENTE, "Presupuesto de la actividad {anio_siguiente} (S/)",
              "Monto en soles, solo cifras; por ejemplo 125000.",
              Tipo.SOLES, minimo=0, clave_maximo="presupuesto_maximo", item="10", ancho=16,
              corta="Presupuesto {anio_siguiente}"),
        Campo(META_FISICA_UNIDAD, "Unidad de medida de la meta física",
              "Por ejemplo: talleres, personas capacitadas, expedientes, kilómetros.",
              Tipo.TEXTO, max_largo=80, item="11", ancho=20, corta="Unidad de la meta física"),
        Campo(META_FISICA_ANIO_ACTUAL, "Meta física {anio_actual}",
              "Cantidad a lograr en el año, en la unidad de medida indicada.",
              Tipo.NUMERO, minimo=0, clave_maximo="meta_fisica_maxima", item="11", ancho=12,
              clave_unidad=META_FISICA_UNIDAD),
        Campo(META_FISICA_ANIO_SIGUIENTE, "Meta física {anio_siguiente}",
              "Cantidad a lograr en el año, en la unidad de medida indicada.",
              Tipo.NUMERO, minimo=0, clave_maximo="meta_fisica_maxima", item="12", ancho=12,
              clave_unidad=META_FISICA_UNIDAD),
        Campo(IMPACTO_SOCIOECONOMICO, "Impacto socio-económico",
              "Qué mejora en la vida de la población y en la economía regional.",
              Tipo.TEXTO_LARGO, max_largo=1000, item="13", ancho=50, corta="Impacto socio-económico"),
        Campo(COMPONENTE_GOBIERNO_ABIERTO,
              "Propuesta de componente de Gobierno Abierto sobre la actividad propuesta",
              "Qué hará la actividad más transparente, participativa o sujeta a rendición de cuentas.",
              Tipo.TEXTO_LARGO, max_largo=1500, item="14", ancho=60,
              corta="Componente de Gobierno Abierto"),
    )


def _con_config(campo: Campo, config: Configuracion) -> Campo:
    cambios: dict[str, object] = {
        "etiqueta": campo.etiqueta.format(anio_actual=config.anio_actual,
                                          anio_siguiente=config.anio_siguiente),
        "corta": campo.corta.format(anio_actual=config.anio_actual, anio_siguiente=config.anio_siguiente),
    }
    if campo.clave_lista:
        cambios["lista"] = config.listas[campo.clave_lista]
    if campo.clave_maximo:
        cambios["maximo"] = getattr(config, campo.clave_maximo)
    return replace(campo, **cambios)


def campos_ficha(config: Configuracion) -> tuple[Campo, ...]:
    """Todos los campos de una ficha, con listas y límites de la configuración (calculados una vez por
    configuración)."""
    campos = config.derivados.get("campos_ficha")
    if campos is None:
        campos = config.derivados["campos_ficha"] = _campos_ficha(config)
    return campos


def _campos_ficha(config: Configuracion) -> tuple[Campo, ...]:
    base = tuple(_con_config(c, config) for c in _ficha_base())
    valores = tuple(
        Campo(clave_valor_ogp(v.clave), f"¿Promueve {v.nombre.lower()}?",
              f"Marque «Sí» si la actividad promueve {v.nombre.lower()}"
              + (" (solo cuenta junto a otro valor)." if v.acompania else "."),
              Tipo.SI_NO, obligatorio=False, lista=(SI, NO), item="15", ancho=12, corta=v.nombre)
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

REUNION_FECHA = "reunion_fecha"
REUNION_LUGAR = "reunion_lugar"
REUNION_CONSEJO = "reunion_consejo"
GERENTE_NOMBRE = "gerente_nombre"
ESPECIALISTA_NOMBRE = "especialista_nombre"
ESPECIALISTA_CORREO = "especialista_correo"
REUNION_ACUERDOS = "reunion_acuerdos"

CAMPOS_REUNION: tuple[Campo, ...] = (
    Campo(REUNION_FECHA, "Fecha de la reunión",
          "Fecha en que la gerencia se reunió con la sociedad civil (dd/mm/aaaa).",
          Tipo.FECHA, ancho=14),
    Campo(REUNION_LUGAR, "Lugar de la reunión", "Local y distrito.", Tipo.TEXTO, max_largo=200),
    Campo(REUNION_CONSEJO,
          "Consejo Consultivo Regional Sectorial u organizaciones de la sociedad civil convocadas",
          "Nombre del Consejo Consultivo o de las organizaciones, separadas por punto y coma.",
          Tipo.TEXTO_LARGO, max_largo=1000, ancho=50),
    Campo(GERENTE_NOMBRE, "Nombre del Gerente Regional", "Nombres y apellidos.",
          Tipo.TEXTO, max_largo=120),
    Campo(ESPECIALISTA_NOMBRE, "Especialista responsable ante el proceso",
          "Nombres y apellidos del especialista designado en el Taller de Inducción.",
          Tipo.TEXTO, max_largo=120),
    Campo(ESPECIALISTA_CORREO, "Correo del especialista responsable", "Correo institucional.",
          Tipo.CORREO, max_largo=120),
    Campo(REUNION_ACUERDOS, "Acuerdos adoptados",
          "Acuerdos de la reunión, uno por línea.", Tipo.TEXTO_LARGO, max_largo=2000, ancho=60),
)

MAX_PARTICIPANTES = 12

# Claves de cada representante (nombres definidos `participanteI_<clave>`); son también los
# atributos de `modelo.Participante`.
PARTICIPANTE_NOMBRE = "nombre"
PARTICIPANTE_ORGANIZACION = "organizacion"
PARTICIPANTE_CARGO = "cargo"

CAMPOS_PARTICIPANTE: tuple[Campo, ...] = (
    Campo(PARTICIPANTE_NOMBRE, "Nombres y apellidos", "Representante que participó.", Tipo.TEXTO,
          obligatorio=False, max_largo=120),
    Campo(PARTICIPANTE_ORGANIZACION, "Organización", "Organización o consejo al que representa.", Tipo.TEXTO,
          obligatorio=False, max_largo=160),
    Campo(PARTICIPANTE_CARGO, "Cargo", "Cargo en su organización.", Tipo.TEXTO, obligatorio=False,
          max_largo=120),
)


# --- «campos» de las observaciones que no son una celda de la ficha ----------------------------

CAMPO_VALORES_OGP = "valores_ogp"   # los valores OGP de una ficha, en conjunto
CAMPO_REUNION = "reunion"           # los datos del acta de la hoja «Reunión», en conjunto

ETIQUETAS_OTROS_CAMPOS: dict[str, str] = {
    CAMPO_VALORES_OGP: "Valores de Gobierno Abierto",
    NOMBRE_CODIGO_GERENCIA: "Código de gerencia",
    CAMPO_REUNION: "Datos de la reunión",
}


def nombre_ficha(n: int, clave: str) -> str:
    """Nombre definido de la celda de un campo en la ficha n (contrato de la plantilla)."""
    return f"ficha{n}_{clave}"


def nombre_participante(i: int, clave: str) -> str:
    return f"participante{i}_{clave}"


def codigo_ficha(codigo_gerencia: str, n: int) -> str:
    """Código estable de una ficha: <codigo_gerencia>-<N>."""
    return f"{codigo_gerencia}-{n}"


def partir_codigo_ficha(codigo: str) -> tuple[str, int] | None:
    """«GRE-3» → («GRE», 3); None si el texto no tiene la forma <codigo_gerencia>-<N>."""
    gerencia, guion, numero = codigo.strip().rpartition("-")
    if not guion or not gerencia or not (numero.isascii() and numero.isdigit()):
        return None
    return gerencia, int(numero)


def hoja_ficha(n: int) -> str:
    return f"Ficha {n}"


HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_REUNION = "Reunión"
HOJA_LISTAS = "Listas"
HOJA_CONTROL = CONTROL.hoja
