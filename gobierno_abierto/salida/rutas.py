"""Carpetas del proyecto: dónde se leen las entradas y dónde se escriben las salidas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..nucleo.configuracion import RAIZ_PROYECTO

# Los instrumentos que se llenan a mano y vuelven con un nombre fijo (en plantillas_excel/ y en entradas/).
ARCHIVO_ASISTENCIA = "asistencia_etapa_I.xlsx"
ARCHIVO_HOJA_COMITE = "seleccion_comite.xlsx"


@dataclass(frozen=True)
class Rutas:
    raiz: Path = RAIZ_PROYECTO

    @property
    def plantillas(self) -> Path:
        return self.raiz / "plantillas_excel"

    @property
    def entradas_fichas(self) -> Path:
        return self.raiz / "entradas" / "fichas"

    @property
    def entradas_puntajes(self) -> Path:
        return self.raiz / "entradas" / "puntajes"

    @property
    def entradas_comite(self) -> Path:
        return self.raiz / "entradas" / "comite"

    @property
    def entradas_asistencia(self) -> Path:
        return self.raiz / "entradas" / "asistencia"

    @property
    def entradas_perfiles(self) -> Path:
        return self.raiz / "entradas" / "perfiles"

    @property
    def entradas_firmados(self) -> Path:
        return self.raiz / "entradas" / "documentos_firmados"

    @property
    def salidas(self) -> Path:
        return self.raiz / "salidas"

    @property
    def observaciones(self) -> Path:
        return self.salidas / "observaciones"

    @property
    def consolidado(self) -> Path:
        return self.salidas / "consolidado_fichas.xlsx"

    @property
    def priorizacion(self) -> Path:
        return self.salidas / "priorizacion.xlsx"

    @property
    def seleccion_final(self) -> Path:
        return self.salidas / "seleccion_final.xlsx"

    @property
    def plan_de_accion(self) -> Path:
        return self.salidas / "plan_de_accion.xlsx"

    @property
    def plan_de_accion_word(self) -> Path:
        return self.salidas / "plan_de_accion.docx"

    @property
    def actas(self) -> Path:
        return self.salidas / "actas"

    @property
    def publicacion(self) -> Path:
        return self.salidas / "publicacion"

    @property
    def fichas_word(self) -> Path:
        return self.raiz / "fichas"

    @property
    def fichas_compromisos(self) -> Path:
        """Las fichas de los compromisos seleccionados, las que se envían a la OGP con el oficio."""
        return self.fichas_word / "compromisos"

    def crear(self) -> None:
        for carpeta in (self.plantillas, self.entradas_fichas, self.entradas_puntajes,
                        self.entradas_comite, self.entradas_asistencia, self.entradas_perfiles,
                        self.entradas_firmados, self.salidas, self.actas,
                        self.fichas_word):
            carpeta.mkdir(parents=True, exist_ok=True)
