"""Etapa IV: el libro `salidas/seleccion_final.xlsx` y el de observaciones de la hoja del Comité."""

from __future__ import annotations

from pathlib import Path

from ..etapa2.escritura import escribir_observaciones
from ..nucleo.configuracion import Configuracion
from ..nucleo.esquema import SI
from ..nucleo.modelo import Consolidado, Priorizacion
from ..nucleo.observaciones import Observacion
from ..salida import excel
from .documentos import Motivos, valores_ogp


def respuesta_etapa4(codigo: str, priorizada: bool, motivos: Motivos) -> str:
    if not priorizada:
        return "No llegó a la Etapa IV: no estuvo entre las fichas priorizadas en la Etapa III."
    elegida, motivo = motivos.get(codigo, (False, ""))
    texto = "Seleccionada por el Comité de Gobierno Abierto" if elegida else "No seleccionada por el Comité"
    return f"{texto}. Motivo: {motivo}" if motivo else f"{texto}."


def escribir_seleccion_final(destino: Path, config: Configuracion, consolidado: Consolidado,
                             priorizacion: Priorizacion, motivos: Motivos) -> None:
    libro = excel.nuevo_libro(destino, "Selección final de compromisos de Gobierno Abierto")
    fmt = excel.formatos(libro)
    resultados = {r.codigo: r for r in priorizacion.resultados}
    elegidas = [r for r in priorizacion.priorizadas() if motivos.get(r.codigo, (False, ""))[0]]

    h = libro.add_worksheet("Seleccionadas")
    filas = []
    for r in elegidas:
        f = consolidado.ficha(r.codigo)
        filas.append([r.codigo, f.gerencia if f else "", r.nombre or (f.nombre if f else ""), r.puntaje, r.puesto,
                      valores_ogp(f, config), motivos[r.codigo][1]])
    excel.escribir_tabla(h, ["Código", "Gerencia", "Actividad", "Puntaje (0–100)", "Puesto", "Valores OGP",
                             "Motivo del Comité"], filas, [10, 30, 40, 10, 8, 30, 60], fmt,
                         [None, None, None, fmt.numero, None, None, None])

    esperadas = len(config.gerencias) * config.fichas_por_gerencia
    validas = consolidado.validas()
    h = libro.add_worksheet("Embudo")
    filas = [["Fichas esperadas (Etapa II)", esperadas],
             ["Fichas recibidas", len(consolidado.fichas)],
             ["Fichas válidas que pasaron a la priorización", len(validas)],
             ["Fichas priorizadas (Etapa III)", len(priorizacion.priorizadas())],
             ["Compromisos seleccionados (Etapa IV)", len(elegidas)]]
    excel.escribir_tabla(h, ["Paso", "Fichas"], filas, [50, 10], fmt)

    h = libro.add_worksheet("Respuesta por ficha")
    filas = []
    for f in consolidado.fichas:
        res = resultados.get(f.codigo)
        e2 = ("Válida: pasó a la priorización." if f.estado.es_valida
              else f"Con errores ({f.errores}): no pasó a la priorización; ver el consolidado.")
        e3 = res.respuesta if res else ("—" if not f.estado.es_valida else "Sin resultado de priorización.")
        e4 = respuesta_etapa4(f.codigo, bool(res and res.priorizada), motivos)
        final = SI if motivos.get(f.codigo, (False, ""))[0] else "No"
        filas.append([f.codigo, f.gerencia, f.nombre, e2, e3, e4, final])
    excel.escribir_tabla(h, ["Código", "Gerencia", "Actividad", "Etapa II (consolidación)",
                             "Etapa III (priorización)", "Etapa IV (Comité)", "Seleccionada"],
                         filas, [10, 28, 36, 34, 50, 44, 12], fmt)
    libro.close()


def escribir_observaciones_comite(destino: Path, observaciones: list[Observacion], config: Configuracion) -> None:
    libro = excel.nuevo_libro(destino, "Observaciones de la hoja del Comité")
    fmt = excel.formatos(libro)
    escribir_observaciones(libro.add_worksheet("Observaciones"), fmt, observaciones, config)
    libro.close()
