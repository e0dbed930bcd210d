"""Resumen final de cada comando: qué leyó, qué escribió y qué necesita atención."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SALIDA_LIMPIA = 0
SALIDA_CON_ERRORES = 1
SALIDA_USO = 2
SALIDA_ERROR_INTERNO = 3


@dataclass
class Resumen:
    titulo: str
    leido: list[str] = field(default_factory=list)
    escrito: list[Path | str] = field(default_factory=list)
    atencion: list[str] = field(default_factory=list)
    detalle: list[str] = field(default_factory=list)
    codigo_salida: int = SALIDA_LIMPIA

    def texto(self, raiz: Path | None = None) -> str:
        def mostrar(p: Path | str) -> str:
            if isinstance(p, str):
                return p
            try:
                return str(p.relative_to(raiz)) if raiz else str(p)
            except ValueError:
                return str(p)

        lineas = [f"== {self.titulo} =="]
        lineas += [f"  Leído:    {t}" for t in self.leido]
        lineas += [f"  {t}" for t in self.detalle]
        if self.escrito:
            lineas.append("  Escrito:")
            lineas += [f"    - {mostrar(p)}" for p in self.escrito]
        if self.atencion:
            lineas.append("  Requiere atención:")
            lineas += [f"    ! {t}" for t in self.atencion]
        else:
            lineas.append("  Nada requiere atención.")
        return "\n".join(lineas)


class ErrorUso(Exception):
    """Un error de uso que el comando explica (falta un archivo previo, etc.): código 2."""
