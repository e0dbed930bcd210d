"""Datos personales fuera de lo publicado (Ley 29733 de Protección de Datos Personales).

Todo texto que sale al sitio o a los datos abiertos pasa por `Reserva.limpiar`: los correos, los
teléfonos y los nombres de las personas que aparecen en las entradas (representantes de la sociedad
civil, asistentes a los talleres, integrantes del Comité y de los grupos, responsables) se
reemplazan por una marca. Las organizaciones, las gerencias y los cargos se publican.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..nucleo.textos import normalizar

MARCA_CORREO = "[correo reservado]"
MARCA_TELEFONO = "[teléfono reservado]"
MARCA_NOMBRE = "[nombre reservado]"

CORREO = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Teléfonos del Perú: celulares de 9 cifras que empiezan con 9, números con +51, fijos con código de
# área entre paréntesis, y cualquier número precedido de «teléfono», «celular», «WhatsApp», «fax»…
TELEFONO = re.compile(
    r"(?:\+|\b00)\s?51[\s.-]*(?:\(?\d\)?[\s.-]*){6,9}\d"
    r"|(?<![\d.,])9\d{2}[\s.-]?\d{3}[\s.-]?\d{3}(?![\d])"
    r"|\(\s*0?\d{1,3}\s*\)[\s.-]*\d{3}[\s.-]?\d{3,4}(?!\d)"
    r"|(?P<clave>(?i:\b(?:tel[eé]fonos?|telf?|tlf|cel(?:ular)?|m[oó]vil|whats?app|fax|anexo))\.?\s*:?\s*)"
    r"(?:\+?\d[\d\s().-]{4,}\d)",
)
_PALABRA = re.compile(r"\w+", re.UNICODE)
_CIFRAS = re.compile(r"(?:\d\D{0,3}){6}")   # todo teléfono tiene al menos seis cifras cercanas


_VARIANTES = {"a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç",
              "y": "yý"}


def _patron_sin_tildes(palabra: str) -> str:
    """Una palabra normalizada como expresión regular que acepta sus versiones con tilde."""
    return "".join(f"[{_VARIANTES[c]}]" if c in _VARIANTES else re.escape(c) for c in palabra)


@dataclass
class Reserva:
    """Reemplaza en un texto los correos, teléfonos y nombres de personas conocidas.

    Los nombres se buscan como secuencias completas de palabras, sin distinguir tildes ni
    mayúsculas («MARIA QUISPE» encuentra a «María Quispe»). Con `activa=False` no cambia nada
    (la configuración pidió publicar datos personales)."""

    nombres: Iterable[str] = ()
    activa: bool = True
    _indice: dict[str, list[tuple[str, ...]]] = field(default_factory=dict, init=False, repr=False)
    _primeras: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    retirados: int = field(default=0, init=False)   # cuántos datos personales se retiraron

    def __post_init__(self) -> None:
        for nombre in self.nombres:
            palabras = tuple(normalizar(p) for p in _PALABRA.findall(str(nombre)))
            if len(palabras) < 2 or sum(len(p) for p in palabras) < 5:
                continue  # un nombre de una sola palabra daría demasiados falsos positivos
            lista = self._indice.setdefault(palabras[0], [])
            if palabras not in lista:
                lista.append(palabras)
        for lista in self._indice.values():
            lista.sort(key=len, reverse=True)
        if self._indice:
            alternativas = sorted((_patron_sin_tildes(p) for p in self._indice), key=len, reverse=True)
            self._primeras = re.compile(r"(?<!\w)(?:" + "|".join(alternativas) + r")(?!\w)", re.IGNORECASE)

    def limpiar(self, texto: str) -> str:
        if not self.activa or not texto:
            return texto
        n = m = 0
        if "@" in texto:
            texto, n = CORREO.subn(MARCA_CORREO, texto)
        if _CIFRAS.search(texto):
            texto, m = TELEFONO.subn(lambda t: (t.group("clave") or "") + MARCA_TELEFONO, texto)
        self.retirados += n + m
        return self._sin_nombres(texto) if self._primeras is not None else texto

    def _sin_nombres(self, texto: str) -> str:
        assert self._primeras is not None
        tramos: list[tuple[int, int]] = []
        fin_anterior = 0
        for m in self._primeras.finditer(texto):
            if m.start() < fin_anterior:
                continue
            candidatos = self._indice.get(normalizar(m.group()), [])
            if not candidatos:
                continue
            siguientes = []
            for p in _PALABRA.finditer(texto, m.start()):
                siguientes.append(p)
                if len(siguientes) >= len(candidatos[0]):
                    break
            normales = tuple(normalizar(p.group()) for p in siguientes)
            for candidato in candidatos:
                if normales[:len(candidato)] == candidato:
                    fin_anterior = siguientes[len(candidato) - 1].end()
                    tramos.append((m.start(), fin_anterior))
                    break
        self.retirados += len(tramos)
        for inicio, fin in reversed(tramos):
            texto = texto[:inicio] + MARCA_NOMBRE + texto[fin:]
        return texto
