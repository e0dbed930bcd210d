"""Ajustes del perfilado, de la sección opcional `[perfilado]` de la configuración.

Todas las claves tienen un valor por omisión: sin la sección, el período de implementación es
el año siguiente al del proceso, el plazo para devolver los libros vence 14 días después de la
Etapa IV y los textos del Plan salen de los antecedentes del instructivo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..nucleo.configuracion import Configuracion, ErrorConfiguracion

VERBOS_VAGOS = ("fortalecer", "promover", "impulsar", "sensibilizar")

INTRODUCCION = (
    "El presente Plan de Acción reúne los compromisos de Gobierno Abierto que el {entidad} implementará "
    "en {periodo}, en el marco del {programa}.\n"
    "Los compromisos fueron formulados por las Gerencias Regionales junto con las organizaciones de la "
    "sociedad civil de cada sector, priorizados en un taller participativo, seleccionados por el Comité de "
    "Gobierno Abierto y perfilados en consultas con las Gerencias responsables, conforme al instructivo del "
    "proceso. Cada compromiso sigue el formato de la Alianza: el problema que atiende, su objetivo, su "
    "relevancia para los valores de Gobierno Abierto y sus hitos verificables, con fechas de inicio y de "
    "término.")

ANTECEDENTES = (
    "El Perú forma parte de la Alianza para el Gobierno Abierto desde 2011. En 2016 la Alianza abrió un "
    "programa piloto para gobiernos subnacionales, en el que participa el {entidad}.\n"
    "El {entidad} publica su información en el Portal de Transparencia Estándar y atiende las solicitudes "
    "de acceso a la información pública (Ley N.º 27806), convoca cada año el presupuesto participativo "
    "regional (Ley N.º 28056) y rinde cuentas en audiencias públicas, como dispone la Ley Orgánica de "
    "Gobiernos Regionales (Ley N.º 27867). Este Plan de Acción da un paso más: compromisos concretos, con "
    "responsables, plazos y la vigilancia de la sociedad civil.")

PUBLICACION = "el Portal de Transparencia Estándar del {entidad}"


@dataclass(frozen=True)
class AjustesPerfilado:
    inicio: date                  # período de implementación de los compromisos
    fin: date
    plazo: date                   # último día para devolver los libros de perfil
    minimo_hitos: int
    verbos_vagos: tuple[str, ...]
    introduccion: tuple[str, ...]  # párrafos
    antecedentes: tuple[str, ...]
    publicacion_respuesta: str

    @property
    def periodo(self) -> str:
        """«2017» si es un año calendario; si no, «del 1/03/2017 al 28/02/2018»."""
        if (self.inicio.month, self.inicio.day, self.fin.month, self.fin.day) == (1, 1, 12, 31) \
                and self.inicio.year == self.fin.year:
            return str(self.inicio.year)
        return f"del {self.inicio:%d/%m/%Y} al {self.fin:%d/%m/%Y}"


def _texto(valor: str, clave: str, config: Configuracion, periodo: str) -> str:
    datos = {"entidad": config.entidad, "programa": config.programa, "periodo": periodo}
    try:
        return valor.strip().format(**datos)
    except (KeyError, IndexError, ValueError):
        raise ErrorConfiguracion(f"La clave «perfilado.{clave}» solo admite entre llaves {{entidad}}, "
                                 "{programa} o {periodo}.") from None


def _parrafos(texto: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in texto.split("\n") if p.strip())


def leer_ajustes_perfilado(config: Configuracion) -> AjustesPerfilado:
    """`[perfilado]` (comprobada en la configuración tipada) con sus valores por omisión resueltos."""
    s = config.perfilado
    inicio = s.inicio_implementacion or date(config.anio_siguiente, 1, 1)
    fin = s.fin_implementacion or date(config.anio_siguiente, 12, 31)
    if fin <= inicio:
        raise ErrorConfiguracion("«perfilado.fin_implementacion» debe ser posterior a «perfilado.inicio_implementacion».")
    previo = AjustesPerfilado(inicio, fin, s.plazo or config.etapa("IV").fin + timedelta(days=14), s.minimo_hitos,
                              tuple(s.verbos_vagos), (), (), "")
    periodo = previo.periodo
    return replace(
        previo,
        introduccion=_parrafos(_texto(s.introduccion or INTRODUCCION, "introduccion", config, periodo)),
        antecedentes=_parrafos(_texto(s.antecedentes or ANTECEDENTES, "antecedentes", config, periodo)),
        publicacion_respuesta=_texto(s.publicacion_respuesta or PUBLICACION, "publicacion_respuesta", config, periodo))
