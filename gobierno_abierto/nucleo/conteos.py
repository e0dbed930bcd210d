"""Las cifras del proceso, contadas una sola vez: fichas esperadas, presentadas, válidas, puntuadas,
priorizadas y seleccionadas. Actas, oficio y libros las toman de aquí, así dicen lo mismo."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .configuracion import Configuracion
from .modelo import Consolidado, Priorizacion


@dataclass(frozen=True)
class Conteos:
    esperadas: int           # gerencias × fichas por gerencia
    presentadas: int         # fichas recibidas en la Etapa II
    validas: int             # sin errores: pasan a la priorización
    puntuadas: int           # con puntaje de al menos un grupo en el taller
    priorizadas: int
    seleccionadas: int | None = None   # None: el Comité aún no decidió

    def embudo(self) -> list[tuple[str, int]]:
        """Los pasos del embudo, de las fichas presentadas a los compromisos, como los lee una persona."""
        pasos = [("Fichas presentadas por las gerencias", self.presentadas),
                 ("Fichas válidas (sin errores)", self.validas),
                 ("Fichas puntuadas en el taller", self.puntuadas),
                 ("Iniciativas priorizadas", self.priorizadas)]
        if self.seleccionadas is not None:
            pasos.append(("Compromisos seleccionados por el Comité", self.seleccionadas))
        return pasos


def conteos(config: Configuracion, consolidado: Consolidado, priorizacion: Priorizacion | None = None,
            motivos: Mapping[str, tuple[bool, str]] | None = None) -> Conteos:
    """`motivos` es la decisión del Comité (código → (seleccionada, motivo))."""
    resultados = priorizacion.resultados if priorizacion else ()
    return Conteos(
        esperadas=len(config.gerencias) * config.fichas_por_gerencia,
        presentadas=len(consolidado.fichas),
        validas=len(consolidado.validas()),
        puntuadas=sum(r.puntaje is not None for r in resultados),
        priorizadas=sum(r.priorizada for r in resultados),
        seleccionadas=None if motivos is None else sum(1 for s, _ in motivos.values() if s),
    )
