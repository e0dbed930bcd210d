"""Datos sintéticos verosímiles para la demostración, las pruebas y el banco de pruebas.

Genera, con una semilla, lo que una gerencia escribiría en su plantilla: cinco actividades
de su sector con descripción, metas, presupuesto y los datos de la reunión con la sociedad
civil. Las claves son los nombres definidos de la plantilla, derivados del esquema.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from ..nucleo import esquema as E
from ..nucleo.configuracion import Configuracion, Gerencia

# Cinco actividades por sector: (nombre, objeto, unidad de la meta física).
ACTIVIDADES: dict[str, list[tuple[str, str, str]]] = {
    "GRE": [("Portal de transparencia de plazas docentes", "la adjudicación de plazas docentes", "procesos publicados"),
            ("Presupuesto participativo escolar", "el gasto de mantenimiento de locales escolares", "instituciones educativas"),
            ("Datos abiertos de logros de aprendizaje", "los resultados de evaluaciones censales", "conjuntos de datos"),
            ("Vigilancia ciudadana del programa de alimentación escolar", "la entrega de raciones escolares", "comités de vigilancia"),
            ("Mesa de partes virtual de la UGEL", "los trámites de docentes y padres de familia", "trámites en línea")],
    "GERESA": [("Tablero abierto de abastecimiento de medicamentos", "el stock de medicamentos en establecimientos", "establecimientos reportando"),
               ("Citas en línea en hospitales regionales", "la asignación de citas médicas", "citas otorgadas"),
               ("Rendición de cuentas de la lucha contra la anemia", "el avance de la reducción de la anemia infantil", "audiencias públicas"),
               ("Veeduría ciudadana de obras de salud", "la construcción de postas y centros de salud", "obras vigiladas"),
               ("Libro de reclamaciones en línea de salud", "los reclamos de pacientes", "reclamos atendidos")],
    "GRAG": [("Registro abierto de productores agrarios", "el padrón de productores beneficiarios", "productores registrados"),
             ("Transparencia en la entrega de semillas y plantones", "la distribución de semillas certificadas", "entregas publicadas"),
             ("Mesas técnicas agrarias con organizaciones de regantes", "la gestión del agua de riego", "mesas técnicas"),
             ("Precios de mercado agrario en línea", "los precios en chacra y en mercados", "reportes semanales"),
             ("Alerta temprana de heladas y sequías", "la información agroclimática", "alertas emitidas")],
    "GEPRO": [("Ventanilla única de formalización pesquera artesanal", "los permisos de pesca artesanal", "permisos emitidos"),
              ("Mapa abierto de plantas de procesamiento", "la ubicación y licencias de plantas", "plantas publicadas"),
              ("Consejo consultivo MYPE con rendición de cuentas", "el apoyo a micro y pequeñas empresas", "sesiones públicas"),
              ("Datos abiertos de desembarques pesqueros", "los volúmenes de desembarque", "conjuntos de datos"),
              ("Fondo concursable de innovación productiva transparente", "la adjudicación de fondos concursables", "convocatorias")],
    "GRTPE": [("Bolsa de trabajo regional en línea", "las ofertas de empleo", "vacantes publicadas"),
              ("Inspecciones laborales con resultados públicos", "las inspecciones de trabajo", "inspecciones publicadas"),
              ("Consejo regional de trabajo abierto a la ciudadanía", "el diálogo socio laboral", "sesiones abiertas"),
              ("Certificado único laboral para jóvenes", "la inserción laboral juvenil", "certificados emitidos"),
              ("Observatorio socio económico laboral", "las estadísticas de empleo regional", "boletines")],
    "GERCETUR": [("Directorio abierto de prestadores turísticos", "los prestadores turísticos autorizados", "prestadores registrados"),
                 ("Ruta Moche con participación de comunidades", "la gestión del circuito turístico Moche", "talleres comunales"),
                 ("Estadísticas de visitantes en datos abiertos", "el flujo de visitantes a sitios arqueológicos", "conjuntos de datos"),
                 ("Rendición de cuentas de ferias artesanales", "el apoyo a ferias de artesanía", "ferias con informe"),
                 ("Ventanilla digital de exportadores", "los trámites de exportación", "trámites en línea")],
    "GREMH": [("Mapa abierto de concesiones mineras", "las concesiones y derechos mineros", "concesiones publicadas"),
              ("Formalización minera con seguimiento ciudadano", "el proceso de formalización minera", "expedientes"),
              ("Mesas de diálogo minero con comunidades", "los conflictos socio ambientales", "mesas de diálogo"),
              ("Electrificación rural con información abierta", "los proyectos de electrificación rural", "localidades"),
              ("Fiscalización ambiental minera transparente", "las fiscalizaciones a la pequeña minería", "fiscalizaciones")],
    "GRTC": [("Licencias de conducir con trazabilidad en línea", "la emisión de licencias de conducir", "licencias"),
             ("Mantenimiento vial con vigilancia ciudadana", "el mantenimiento de caminos departamentales", "kilómetros"),
             ("Datos abiertos de transporte interprovincial", "las rutas y empresas autorizadas", "rutas publicadas"),
             ("Banda ancha para la región con transparencia", "el avance de la red regional de fibra óptica", "localidades conectadas"),
             ("Registro abierto de accidentes de tránsito", "los accidentes en vías regionales", "reportes")],
    "GRVCS": [("Transparencia en proyectos de agua y saneamiento", "la ejecución de proyectos de agua potable", "proyectos publicados"),
              ("Juntas administradoras de agua fortalecidas", "la gestión comunal del agua", "JASS capacitadas"),
              ("Catastro urbano abierto", "la información catastral de ciudades intermedias", "predios"),
              ("Bono habitacional con seguimiento en línea", "la postulación a programas de vivienda", "postulaciones"),
              ("Obras públicas georreferenciadas", "el avance físico y financiero de obras", "obras publicadas")],
    "GRAMB": [("Sistema regional de información ambiental", "los indicadores ambientales", "indicadores publicados"),
              ("Monitoreo participativo de la calidad del agua", "la calidad del agua del río Moche", "puntos de monitoreo"),
              ("Denuncias ambientales en línea", "las denuncias ciudadanas por contaminación", "denuncias atendidas"),
              ("Comisión ambiental regional abierta", "la política ambiental regional", "sesiones públicas"),
              ("Gestión de residuos sólidos con participación vecinal", "los planes de residuos sólidos", "municipios")],
    "GRDS": [("Padrón abierto de beneficiarios de programas sociales", "los beneficiarios de programas sociales", "registros publicados"),
             ("Vigilancia ciudadana de comedores populares", "el abastecimiento de comedores", "comedores"),
             ("Consejo regional de la juventud participativo", "las políticas de juventud", "sesiones"),
             ("Atención en línea a personas con discapacidad", "la inscripción en el registro de discapacidad", "personas inscritas"),
             ("Rendición de cuentas de la protección a la mujer", "los servicios de protección contra la violencia", "audiencias")],
    "GRPAT": [("Presupuesto participativo regional en línea", "el proceso de presupuesto participativo", "agentes participantes"),
              ("Seguimiento ciudadano del Plan de Desarrollo Concertado", "las metas del Plan de Desarrollo Concertado", "reportes de avance"),
              ("Zonificación ecológica y económica abierta", "la información territorial", "capas publicadas"),
              ("Transparencia del gasto de inversión pública", "la ejecución de proyectos de inversión", "proyectos"),
              ("Audiencias públicas descentralizadas de rendición de cuentas", "la gestión del Gobierno Regional", "audiencias")],
    "GRAD": [("Contrataciones públicas en datos abiertos", "los procesos de contratación", "procesos publicados"),
             ("Declaraciones juradas de funcionarios en línea", "las declaraciones juradas de bienes y rentas", "declaraciones"),
             ("Registro de visitas en línea", "las visitas a funcionarios", "registros"),
             ("Trámite documentario digital", "los expedientes administrativos", "expedientes"),
             ("Inventario abierto de bienes patrimoniales", "los bienes del Gobierno Regional", "bienes publicados")],
    "GRCTI": [("Hackathon regional de datos abiertos", "la reutilización de datos públicos", "soluciones desarrolladas"),
              ("Portal regional de datos abiertos ampliado", "la publicación de datos de todas las gerencias", "conjuntos de datos"),
              ("Laboratorio de innovación ciudadana", "la co-creación de servicios públicos", "prototipos"),
              ("Preguntas frecuentes y chat ciudadano", "la atención de consultas ciudadanas", "consultas atendidas"),
              ("Alfabetización digital para organizaciones sociales", "el uso de herramientas digitales", "personas capacitadas")],
}

NOMBRES = ("María", "José", "Rosa", "Luis", "Carmen", "Jorge", "Ana", "Carlos", "Julia", "Víctor", "Elena",
           "Manuel", "Gladys", "Miguel", "Patricia", "César", "Norma", "Raúl", "Lourdes", "Walter")
APELLIDOS = ("Rodríguez", "Vásquez", "Castillo", "Alvarado", "Paredes", "Gutiérrez", "Mendoza", "Reyes",
             "Cruz", "Lozano", "Zavaleta", "Benites", "Chávez", "Horna", "Rebaza", "Sánchez", "Cabrera", "Távara")
ORGANIZACIONES = ("Mesa de Concertación para la Lucha Contra la Pobreza", "CODESCILL",
                  "Colegio de Ingenieros del Perú – CD La Libertad", "Cámara de Comercio de La Libertad",
                  "Universidad Nacional de Trujillo", "Federación de Rondas Campesinas",
                  "Asociación de Municipalidades de La Libertad", "Red de Jóvenes de La Libertad",
                  "Colegio de Periodistas de La Libertad", "Asociación de Pequeños Productores")
CARGOS = ("Presidente", "Presidenta", "Secretario técnico", "Coordinadora", "Representante", "Vocal")
# Los objetivos del PDC y del PEI que corresponden a cada sector (por su código, «OE3», «OEI2»): una
# ficha de pesca no contribuye a la desnutrición infantil. Todas pueden contribuir también a la
# institucionalidad y la participación (OE7, OEI6).
OBJETIVOS_SECTOR: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "GRE": (("OE2",), ("OEI1",)), "GERESA": (("OE3",), ("OEI2",)), "GRAG": (("OE4", "OE6"), ("OEI3",)),
    "GEPRO": (("OE4",), ("OEI3",)), "GRTPE": (("OE1", "OE4"), ("OEI3",)), "GERCETUR": (("OE4",), ("OEI3",)),
    "GREMH": (("OE6", "OE4"), ("OEI5", "OEI3")), "GRTC": (("OE5",), ("OEI4",)), "GRVCS": (("OE5", "OE1"), ("OEI5",)),
    "GRAMB": (("OE6",), ("OEI5",)), "GRDS": (("OE1",), ("OEI2",)), "GRPAT": (("OE7",), ("OEI6",)),
    "GRAD": (("OE7",), ("OEI6",)), "GRCTI": (("OE7", "OE4"), ("OEI6", "OEI3")),
}
OBJETIVOS_COMUNES = (("OE7",), ("OEI6",))


def objetivo(config: Configuracion, lista: str, codigos: tuple[str, ...], rng: random.Random) -> str:
    """Un objetivo de la lista de la configuración cuyo código está entre `codigos`; si la lista no los
    tiene (otra configuración), cualquiera."""
    opciones = [o for o in config.listas[lista] if o.split(":")[0].strip() in codigos]
    return rng.choice(opciones or list(config.listas[lista]))


def poblacion_de(ambito: str) -> str:
    """La ubicación de la población, coherente con el ámbito elegido."""
    if ambito == "Regional":
        return "Población de las doce provincias de La Libertad"
    return f"Población de la provincia de {ambito}"


def persona(rng: random.Random) -> str:
    return f"{rng.choice(NOMBRES)} {rng.choice(APELLIDOS)} {rng.choice(APELLIDOS)}"


def actividades(gerencia: Gerencia) -> list[tuple[str, str, str]]:
    """Las actividades de ejemplo del sector; para gerencias que no están en el catálogo, genéricas."""
    if gerencia.codigo in ACTIVIDADES:
        return ACTIVIDADES[gerencia.codigo]
    sector = gerencia.nombre.replace("Gerencia Regional de ", "").replace("Gerencia Regional del ", "")
    return [(f"Información abierta de {sector.lower()} – línea {i}", f"los servicios de {sector.lower()}",
             "reportes") for i in range(1, 6)]


def valores_ficha(config: Configuracion, gerencia: Gerencia, n: int, rng: random.Random,
                  indice_actividad: int | None = None) -> dict[str, Any]:
    """Una ficha completa y válida, por clave del esquema."""
    catalogo = actividades(gerencia)
    nombre, objeto, unidad = catalogo[(indice_actividad if indice_actividad is not None else n - 1) % len(catalogo)]
    valores_ogp = [v.clave for v in config.valores_ogp]
    marcados = set(rng.sample([v.clave for v in config.valores_ogp if not v.acompania],
                              k=rng.choice((1, 1, 2, 2, 3))))
    if rng.random() < 0.45:
        marcados.update(v.clave for v in config.valores_ogp if v.acompania)
    poblacion = rng.choice((1200, 4500, 18000, 35000, 120000, 450000, 1800000))
    presupuesto = rng.choice((0.0, 45000.0, 80000.0, 150000.0, 320000.0, 750000.0, 1250000.0))
    meta = float(rng.choice((4, 12, 24, 50, 120, 300, 1500)))
    pdc, pei = OBJETIVOS_SECTOR.get(gerencia.codigo, OBJETIVOS_COMUNES)
    if rng.random() < 0.25:  # también contribuye a la institucionalidad y la participación
        pdc, pei = OBJETIVOS_COMUNES
    ambito = rng.choice(config.listas["ambito"])
    if ambito != "Regional":  # una provincia de La Libertad tiene a lo sumo unos cientos de miles
        poblacion = min(poblacion, 120000)
    valores: dict[str, Any] = {
        E.NOMBRE_ACTIVIDAD: nombre,
        E.DESCRIPCION: (f"La {gerencia.nombre} publicará y pondrá a disposición de la ciudadanía la información "
                        f"sobre {objeto}, en formatos abiertos y en lenguaje sencillo, y abrirá espacios para "
                        f"que la sociedad civil haga seguimiento y proponga mejoras."),
        E.AMBITO: ambito,
        E.RESULTADOS_ESPERADOS: (f"Ciudadanía informada sobre {objeto}; reducción de consultas y reclamos; "
                                 f"reportes trimestrales publicados."),
        E.OBJETIVO_PDC: objetivo(config, "objetivo_pdc", pdc, rng),
        E.OBJETIVO_PEI: objetivo(config, "objetivo_pei", pei, rng),
        E.INDICADOR: f"Número de {unidad} al año",
        E.POBLACION_NUMERO: poblacion,
        E.POBLACION_UBICACION: poblacion_de(ambito),
        E.PRESUPUESTO_ANIO_ACTUAL: presupuesto,
        E.PRESUPUESTO_ANIO_SIGUIENTE: round(presupuesto * rng.choice((1.0, 1.2, 1.5)) + 20000.0, 2),
        E.META_FISICA_UNIDAD: unidad,
        E.META_FISICA_ANIO_ACTUAL: meta,
        E.META_FISICA_ANIO_SIGUIENTE: meta * 2,
        E.IMPACTO_SOCIOECONOMICO: (f"Mejora el acceso a la información y la confianza en la gestión de "
                                   f"{objeto}, y reduce costos de traslado de la población."),
        E.COMPONENTE_GOBIERNO_ABIERTO: (f"Publicación en datos abiertos, rendición de cuentas semestral y "
                                        f"vigilancia ciudadana de {objeto} con el Consejo Consultivo."),
    }
    for clave in valores_ogp:
        valores[E.clave_valor_ogp(clave)] = E.SI if clave in marcados else E.NO
    return valores


def valores_reunion(config: Configuracion, gerencia: Gerencia, rng: random.Random) -> dict[str, Any]:
    etapa = config.etapa("II")
    dia = rng.randint(etapa.inicio.day + 2, max(etapa.inicio.day + 2, etapa.fin.day - 2))
    sector = gerencia.nombre.replace("Gerencia Regional de ", "").replace("Gerencia Regional del ", "")
    valores: dict[str, Any] = {
        E.REUNION_FECHA: date(etapa.fin.year, etapa.fin.month, dia),
        E.REUNION_LUGAR: f"Sala de reuniones de la {gerencia.nombre}, Trujillo",
        E.REUNION_CONSEJO: f"Consejo Consultivo Regional de {sector}; {rng.choice(ORGANIZACIONES)}",
        E.GERENTE_NOMBRE: persona(rng),
        E.ESPECIALISTA_NOMBRE: persona(rng),
        E.ESPECIALISTA_CORREO: gerencia.correo,
        E.REUNION_ACUERDOS: ("1. Aprobar las cinco actividades presentadas en las fichas.\n"
                             "2. Designar a dos representantes de la sociedad civil para el taller de priorización.\n"
                             "3. Hacer seguimiento trimestral a las actividades aprobadas."),
    }
    for i in range(1, rng.randint(3, 6) + 1):
        valores[E.nombre_participante(i, E.PARTICIPANTE_NOMBRE)] = persona(rng)
        valores[E.nombre_participante(i, E.PARTICIPANTE_ORGANIZACION)] = rng.choice(ORGANIZACIONES)
        valores[E.nombre_participante(i, E.PARTICIPANTE_CARGO)] = rng.choice(CARGOS)
    return valores


def libro_lleno(config: Configuracion, gerencia: Gerencia, rng: random.Random,
                fichas: int | None = None) -> dict[str, Any]:
    """Todos los valores de un libro lleno (nombres definidos de la plantilla → valor)."""
    valores: dict[str, Any] = {}
    for n in range(1, (fichas if fichas is not None else config.fichas_por_gerencia) + 1):
        for clave, valor in valores_ficha(config, gerencia, n, rng).items():
            valores[E.nombre_ficha(n, clave)] = valor
    valores.update(valores_reunion(config, gerencia, rng))
    return valores
