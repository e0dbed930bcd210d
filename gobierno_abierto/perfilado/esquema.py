"""El compromiso perfilado, declarado una sola vez (formato de compromiso de la OGP).

Cada campo tiene aquí su clave, etiqueta, ayuda, tipo y límites; el libro de perfil, la lectura,
la validación, el registro de cambios y el Plan de Acción se derivan de esto. `ORIGEN` dice de
qué campo de la ficha de la Etapa II sale cada campo (para prellenar y para el registro de cambios).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..nucleo.configuracion import Configuracion
from ..nucleo.control import ContratoControl
from ..nucleo.esquema import PRESUPUESTO_ANIO_SIGUIENTE, Campo, Tipo, clave_valor_ogp

# La hoja oculta «Control» del libro de perfil: sus claves son los nombres definidos de sus celdas.
CONTROL = ContratoControl(plantilla_id="GRLL-OGP-PERFIL", version="2016.1",
                          nombre_id="perfil_plantilla_id", nombre_version="perfil_plantilla_version",
                          clave_id="perfil_plantilla_id", clave_version="perfil_plantilla_version")

HOJA_INSTRUCCIONES = "Instrucciones"
HOJA_COMPROMISO = "Compromiso"
HOJA_HITOS = "Hitos"
HOJA_ACTORES = "Actores"
HOJA_FICHA = "Ficha Etapa II"
HOJA_LISTAS = "Listas"

# Tablas de Excel (en .ods pasan a ser rangos: se ubican por el nombre de su cabecera o por sus columnas).
TABLA_HITOS = "hitos"
CABECERA_HITOS = "hitos_cabecera"
COLUMNAS_HITOS = ("entregable", "fecha_inicio", "fecha_fin", "responsable")
FILAS_HITOS = 12
TABLA_ACTORES = "actores"
CABECERA_ACTORES = "actores_cabecera"
COLUMNAS_ACTORES = ("nombre", "tipo", "rol")
FILAS_ACTORES = 10
TIPOS_ACTOR = ("Estado", "Sociedad civil", "Otro")
SOCIEDAD_CIVIL = "Sociedad civil"

# Qué escribir en cada columna de las tablas (fila de ayuda sobre la cabecera y hoja de instrucciones).
AYUDA_HITOS = {
    "entregable": "Entregable verificable: un producto que cualquiera pueda comprobar, con número o fecha "
                  "(«Portal con 20 conjuntos de datos publicado»), no una intención («Fortalecer…»).",
    "fecha_inicio": "Fecha de inicio del hito (dd/mm/aaaa), dentro del período del compromiso.",
    "fecha_fin": "Fecha de término del hito (dd/mm/aaaa), igual o posterior a la de inicio.",
    "responsable": "Oficina o persona a cargo del hito (opcional; por omisión, el responsable del compromiso).",
}
AYUDA_ACTORES = {
    "nombre": "Institución u organización que participa en la implementación.",
    "tipo": "Estado, Sociedad civil u Otro (academia, empresa, cooperación).",
    "rol": "Qué hará: ejecutar, vigilar, financiar, asesorar…",
}

# Presupuesto de la ficha que corresponde al año de implementación (el año siguiente al del proceso).
PRESUPUESTO_FICHA = PRESUPUESTO_ANIO_SIGUIENTE

# Claves fijas del contrato para los cuatro valores de la OGP; otros valores: «relevancia_<clave>».
_RELEVANCIA = {"transparencia": "relevancia_transparencia", "participacion_ciudadana": "relevancia_participacion",
               "rendicion_cuentas": "relevancia_rendicion_cuentas", "tecnologia_innovacion": "relevancia_tecnologia"}


def clave_relevancia(clave_valor: str) -> str:
    return _RELEVANCIA.get(clave_valor, f"relevancia_{clave_valor}")


def nombre_definido(clave: str) -> str:
    """Nombre definido de libro de un campo del perfil (contrato de la plantilla)."""
    return f"perfil_{clave}"


@dataclass(frozen=True)
class Seccion:
    titulo: str
    campos: tuple[Campo, ...]


CODIGO = Campo("codigo", "Código del compromiso", "Código de la ficha seleccionada; no lo cambie.", Tipo.TEXTO)
GERENCIA = Campo("gerencia", "Institución responsable de la implementación",
                 "Gerencia Regional a cargo del compromiso.", Tipo.TEXTO)


def _t(clave: str, etiqueta: str, ayuda: str, largo: int, obligatorio: bool = True, tipo: Tipo = Tipo.TEXTO_LARGO,
       ancho: int = 50) -> Campo:
    return Campo(clave, etiqueta, ayuda, tipo, obligatorio=obligatorio, max_largo=largo, ancho=ancho)


def secciones(config: Configuracion) -> tuple[Seccion, ...]:
    """Los campos del compromiso en el orden del formato de la OGP, agrupados como en el libro."""
    relevancias = tuple(
        _t(clave_relevancia(v.clave), f"Relevancia: {v.nombre.lower()}",
           f"Por qué el compromiso promueve {v.nombre.lower()}: qué información se abre, quién participa o quién "
           "rinde cuentas. Déjelo vacío si no corresponde."
           + (" Solo cuenta junto a otro valor." if v.acompania else ""), 800, obligatorio=False)
        for v in config.valores_ogp)
    return (
        Seccion("1. El compromiso", (
            _t("nombre", "Nombre del compromiso", "Nombre corto que diga qué se hará.", 200, tipo=Tipo.TEXTO, ancho=40),
            Campo("fecha_inicio", "Fecha de inicio", "Fecha en que empieza el compromiso (dd/mm/aaaa).",
                  Tipo.FECHA, ancho=12),
            Campo("fecha_fin", "Fecha de término", "Fecha en que termina el compromiso (dd/mm/aaaa).",
                  Tipo.FECHA, ancho=12))),
        Seccion("2. Responsable de la implementación", (
            _t("responsable_nombre", "Persona responsable", "Nombres y apellidos.", 120, tipo=Tipo.TEXTO, ancho=30),
            _t("responsable_cargo", "Cargo", "Cargo de la persona responsable.", 160, tipo=Tipo.TEXTO, ancho=30),
            _t("responsable_correo", "Correo electrónico", "Correo institucional: la OGP lo publica en el Plan.",
               120, tipo=Tipo.CORREO, ancho=30),
            _t("responsable_telefono", "Teléfono", "Teléfono o anexo (opcional).", 60, obligatorio=False,
               tipo=Tipo.TEXTO, ancho=16))),
        Seccion("3. El problema y el compromiso", (
            _t("problema", "Problema público que atiende",
               "Qué problema de la población resuelve el compromiso, en sus palabras.", 1500, ancho=60),
            _t("linea_base", "Línea de base",
               "Situación actual con datos: cuánto, dónde, desde cuándo (p. ej. «0 de 12 obras publicadas en 2016»).",
               800, ancho=50),
            _t("objetivo", "Objetivo principal", "Qué cambio se busca lograr con el compromiso.", 600, ancho=50),
            _t("descripcion", "Breve descripción del compromiso", "Qué es y qué hará la gerencia.", 1500, ancho=60),
            _t("resultados", "Resultados esperados", "Cambios concretos y verificables al terminar.", 1000, ancho=50),
            _t("contribucion", "Cómo contribuye a resolver el problema",
               "La relación entre lo que se hará y el problema descrito.", 1000, ancho=50),
            _t("indicador", "Indicador", "Cómo se medirá el avance.", 300, tipo=Tipo.TEXTO, ancho=40))),
        Seccion("4. Relevancia para los valores de Gobierno Abierto", relevancias),
        Seccion("5. Información adicional", (
            Campo("presupuesto", f"Presupuesto para la implementación en {config.anio_siguiente} (S/)",
                  "Monto en soles, solo cifras.", Tipo.SOLES, minimo=0, maximo=config.presupuesto_maximo, ancho=16),
            replace(Campo("objetivo_pdc", "Objetivo del Plan de Desarrollo Concertado",
                          "Elija el objetivo del PDC al que contribuye.", Tipo.LISTA, clave_lista="objetivo_pdc",
                          ancho=40), lista=config.listas["objetivo_pdc"]),
            replace(Campo("objetivo_pei", "Objetivo del Plan Estratégico Institucional",
                          "Elija el objetivo del PEI al que contribuye.", Tipo.LISTA, clave_lista="objetivo_pei",
                          ancho=40), lista=config.listas["objetivo_pei"]))),
        Seccion("6. Consulta con la gerencia", (
            Campo("consulta_fecha", "Fecha de la consulta",
                  "Fecha de la reunión en que se perfiló el compromiso (dd/mm/aaaa).", Tipo.FECHA, ancho=12),
            _t("consulta_participantes", "Participantes de la consulta",
               "Nombres, cargos y organizaciones de quienes participaron, uno por línea.", 1500, ancho=50))),
    )


def campos(config: Configuracion) -> tuple[Campo, ...]:
    """Todos los campos que se leen y validan (sin el código ni la gerencia, que son fijos)."""
    return tuple(c for s in secciones(config) for c in s.campos)


def origen(config: Configuracion) -> dict[str, str]:
    """Campo del compromiso → campo de la ficha de la Etapa II del que sale."""
    base = {"nombre": "nombre_actividad", "descripcion": "descripcion", "resultados": "resultados_esperados",
            "objetivo": "componente_gobierno_abierto", "contribucion": "impacto_socioeconomico",
            "indicador": "indicador", "presupuesto": PRESUPUESTO_FICHA, "objetivo_pdc": "objetivo_pdc",
            "objetivo_pei": "objetivo_pei"}
    base.update({clave_relevancia(v.clave): clave_valor_ogp(v.clave) for v in config.valores_ogp})
    return base


def relevancias(config: Configuracion) -> list[tuple[str, str, bool]]:
    """(clave del campo, nombre del valor, solo cuenta acompañado) por cada valor de la OGP."""
    return [(clave_relevancia(v.clave), v.nombre, v.acompania) for v in config.valores_ogp]
