"""El registro de recepción: cuándo vio el programa cada archivo por primera vez.

Copiar un archivo (`cp`, guardar un adjunto desde el correo web) le cambia la fecha de
modificación; su contenido no. El registro (`entradas/registro_de_recepcion.json`) guarda, por
huella SHA-256, el nombre, el tamaño y el primer momento en que el programa lo vio, así que una
copia posterior no cambia la fecha de recepción que se puede defender.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..nucleo.configuracion import ZONA_LIMA

NOMBRE_REGISTRO = "registro_de_recepcion.json"


def huella_bytes(datos: bytes) -> str:
    return hashlib.sha256(datos).hexdigest()


@dataclass
class RegistroRecepcion:
    """Primer momento en que se vio cada contenido; se guarda al terminar de recibir una carpeta."""

    ruta: Path | None
    inicio: datetime = field(default_factory=lambda: datetime.now(ZONA_LIMA))
    vistos: dict[str, dict[str, str | int]] = field(default_factory=dict)
    _cambios: bool = False

    @classmethod
    def junto_a(cls, carpeta: Path) -> RegistroRecepcion:
        """El registro de la carpeta `entradas/` que contiene a `carpeta`."""
        ruta = Path(carpeta).parent / NOMBRE_REGISTRO
        registro = cls(ruta)
        with contextlib.suppress(OSError, ValueError):
            datos = json.loads(ruta.read_text(encoding="utf-8"))
            if isinstance(datos, dict):
                registro.vistos = {k: v for k, v in datos.items() if isinstance(v, dict) and "visto" in v}
        return registro

    def consulta(self) -> ConsultaRegistro:
        """Lo que el registro ya sabe, para consultarlo en un proceso trabajador (que no anota nada)."""
        vistos: dict[str, datetime] = {}
        for huella, dato in self.vistos.items():
            with contextlib.suppress(ValueError, TypeError):
                vistos[huella] = datetime.fromisoformat(str(dato["visto"]))
        return ConsultaRegistro(self.inicio, vistos)

    def visto(self, huella: str, archivo: str, tamanio: int) -> datetime:
        """La primera vez que se vio este contenido (ahora, si es nuevo)."""
        previo = self.vistos.get(huella)
        if previo is not None:
            with contextlib.suppress(ValueError, TypeError):
                return datetime.fromisoformat(str(previo["visto"]))
        self.vistos[huella] = {"archivo": archivo, "tamanio": tamanio, "visto": self.inicio.isoformat()}
        self._cambios = True
        return self.inicio

    def guardar(self) -> None:
        """Escribe el registro (atómico); si no se puede, la recepción sigue igual."""
        if self.ruta is None or not self._cambios or not self.ruta.parent.is_dir():
            return
        texto = json.dumps(dict(sorted(self.vistos.items())), ensure_ascii=False, indent=1)
        with contextlib.suppress(OSError):
            fd, tmp = tempfile.mkstemp(prefix=".registro.", dir=self.ruta.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(texto)
            os.replace(tmp, self.ruta)
            self._cambios = False


@dataclass(frozen=True)
class ConsultaRegistro:
    """El registro de solo lectura: la misma respuesta que `RegistroRecepcion.visto`, sin anotar (el
    proceso principal anota después lo que vieron los trabajadores)."""

    inicio: datetime
    vistos: dict[str, datetime]

    def visto(self, huella: str, archivo: str, tamanio: int) -> datetime:
        return self.vistos.get(huella, self.inicio)
