"""Etapa III: `salidas/priorizacion.xlsx` leída de vuelta por la Etapa IV (`cargar_priorizacion`),
desde sus hojas ocultas «Datos» y «Meta», que `escritura` llena en forma legible por programa.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import python_calamine

from ..nucleo.configuracion import Configuracion
from ..nucleo.modelo import Priorizacion, ResultadoFicha
from ..salida.resumen import ErrorUso
from .escritura import (
    HOJA_DATOS,
    HOJA_META,
)

# --- lectura -------------------------------------------------------------------------------------


def leer_priorizacion(ruta: Path, config: Configuracion | None = None) -> Priorizacion:
    """Lee `priorizacion.xlsx` (hojas ocultas «Datos» y «Meta») y devuelve la `Priorizacion`."""
    libro = python_calamine.CalamineWorkbook.from_path(str(ruta))
    meta = libro.get_sheet_by_name(HOJA_META).to_python(skip_empty_area=False)
    valores: dict[str, Any] = {}
    grupos: list[str] = []
    for fila in meta:
        if not fila or not fila[0]:
            continue
        valor = fila[1] if len(fila) > 1 and fila[1] != "" else None
        if fila[0] == "grupo":
            grupos.append(str(valor))
        else:
            valores[str(fila[0])] = valor
    datos = libro.get_sheet_by_name(HOJA_DATOS).to_python(skip_empty_area=False)
    resultados: list[ResultadoFicha] = []
    if datos:
        cab = [str(c) for c in datos[0]]
        for fila in datos[1:]:
            d = {c: (None if v == "" else v) for c, v in zip(cab, fila, strict=False)}
            if not d.get("codigo"):
                continue

            def f(clave: str, d: dict[str, Any] = d) -> float | None:
                v = d.get(clave)
                return None if v is None else float(v)

            puesto = d.get("puesto")
            resultados.append(ResultadoFicha(
                codigo=str(d["codigo"]), puntaje=f("puntaje"), puesto=int(puesto) if puesto else None,
                priorizada=bool(d.get("priorizada")), grupos=int(d.get("grupos") or 0), robustez=f("robustez"),
                en_frontera=bool(d.get("en_frontera")), respuesta=str(d.get("respuesta") or ""),
                codigo_gerencia=str(d.get("codigo_gerencia") or ""), nombre=str(d.get("nombre") or ""),
                robustez_sin_grupo=f("robustez_sin_grupo"), robustez_pesos=f("robustez_pesos"),
                desacuerdo=f("desacuerdo"), fuera_por_tope=bool(d.get("fuera_por_tope")),
                medias_criterios={c.split(":", 1)[1]: float(v) for c, v in d.items()
                                  if c.startswith("media:") and v is not None},
                puntajes_grupos={c.split(":", 1)[1]: float(v) for c, v in d.items()
                                 if c.startswith("grupo:") and v is not None}))
    concordancia = valores.get("concordancia")
    corte = valores.get("corte")
    return Priorizacion(resultados=tuple(resultados), grupos=tuple(grupos), metodo=str(valores.get("metodo") or ""),
                        concordancia=None if concordancia is None else float(concordancia),
                        metodo_concordancia=str(valores.get("metodo_concordancia") or ""),
                        corte=None if corte is None else float(corte))


def cargar_priorizacion(config: Configuracion, ruta: Path) -> Priorizacion:
    """La priorización para la Etapa IV; si no existe, un error de uso que dice qué ejecutar."""
    if not ruta.exists():
        raise ErrorUso(f"No se encontró «{ruta}». Ejecute primero «python procesar.py priorizar».")
    return leer_priorizacion(ruta, config)
