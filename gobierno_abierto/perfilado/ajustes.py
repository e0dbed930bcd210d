"""Ajustes del perfilado, de la sección opcional `[perfilado]` de la configuración.

Todas las claves tienen un valor por omisión: sin la sección, el período de implementación es
el año siguiente al del proceso, el plazo para devolver los libros vence 14 días después de la
Etapa IV y los textos del Plan salen de los antecedentes del instructivo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

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


def _fecha(d: dict[str, Any], clave: str, omision: date) -> date:
    valor = d.get(clave, omision)
    if not isinstance(valor, date) or isinstance(valor, datetime):
        raise ErrorConfiguracion(f"La clave «perfilado.{clave}» debe ser una fecha AAAA-MM-DD; se encontró {valor!r}.")
    return valor


def _texto(d: dict[str, Any], clave: str, omision: str, config: Configuracion, periodo: str) -> str:
    valor = d.get(clave, omision)
    if not isinstance(valor, str) or not valor.strip():
        raise ErrorConfiguracion(f"La clave «perfilado.{clave}» debe ser un texto no vacío.")
    datos = {"entidad": config.entidad, "programa": config.programa, "periodo": periodo}
    try:
        return valor.strip().format(**datos)
    except (KeyError, IndexError, ValueError):
        raise ErrorConfiguracion(f"La clave «perfilado.{clave}» solo admite entre llaves {{entidad}}, "
                                 "{programa} o {periodo}.") from None


def _parrafos(texto: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in texto.split("\n") if p.strip())


def leer_ajustes_perfilado(config: Configuracion) -> AjustesPerfilado:
    """Lee `[perfilado]` (opcional); un valor que no sirve lanza ErrorConfiguracion con la clave."""
    d = config.crudo.get("perfilado", {})
    if not isinstance(d, dict):
        raise ErrorConfiguracion("«perfilado» debe ser una sección [perfilado].")
    inicio = _fecha(d, "inicio_implementacion", date(config.anio_siguiente, 1, 1))
    fin = _fecha(d, "fin_implementacion", date(config.anio_siguiente, 12, 31))
    if fin <= inicio:
        raise ErrorConfiguracion("«perfilado.fin_implementacion» debe ser posterior a «perfilado.inicio_implementacion».")
    plazo = _fecha(d, "plazo", config.etapa("IV").fin + timedelta(days=14))
    minimo = d.get("minimo_hitos", 3)
    if not isinstance(minimo, int) or isinstance(minimo, bool) or not 1 <= minimo <= 10:
        raise ErrorConfiguracion("«perfilado.minimo_hitos» debe ser un número entero de 1 a 10.")
    verbos = d.get("verbos_vagos", list(VERBOS_VAGOS))
    if not isinstance(verbos, list) or not all(isinstance(v, str) and len(v.strip()) > 3 for v in verbos):
        raise ErrorConfiguracion("«perfilado.verbos_vagos» debe ser una lista de verbos, por ejemplo "
                                 "[\"fortalecer\", \"promover\"].")
    previo = AjustesPerfilado(inicio, fin, plazo, minimo, (), (), (), "")
    periodo = previo.periodo
    return AjustesPerfilado(
        inicio=inicio, fin=fin, plazo=plazo, minimo_hitos=minimo,
        verbos_vagos=tuple(v.strip().lower() for v in verbos),
        introduccion=_parrafos(_texto(d, "introduccion", INTRODUCCION, config, periodo)),
        antecedentes=_parrafos(_texto(d, "antecedentes", ANTECEDENTES, config, periodo)),
        publicacion_respuesta=_texto(d, "publicacion_respuesta", PUBLICACION, config, periodo))
