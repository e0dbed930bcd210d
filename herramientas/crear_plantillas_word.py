#!/usr/bin/env python3
"""(Re)construye las plantillas Word editables de plantillas_word/ desde código.

Las plantillas usan etiquetas de docxtpl ({{ variable }}, {%tr for %}, {%p if %}). Después de
generarlas, la coordinación puede cambiar en Word el membrete, el logo o la redacción sin tocar
el código: basta con conservar las etiquetas entre llaves.

Uso:  python herramientas/crear_plantillas_word.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from gobierno_abierto.salida.publicacion import FECHA_FIJA, normalizar_zip  # noqa: E402

DESTINO = RAIZ / "plantillas_word"
AZUL = RGBColor(0x1F, 0x4E, 0x79)


def _documento() -> Any:
    doc = Document()
    seccion = doc.sections[0]
    seccion.page_height, seccion.page_width = Cm(29.7), Cm(21.0)
    seccion.top_margin = seccion.bottom_margin = Cm(2.0)
    seccion.left_margin = seccion.right_margin = Cm(2.2)
    seccion.header_distance = seccion.footer_distance = Cm(1.0)
    estilo = doc.styles["Normal"]
    estilo.font.name = "Arial"
    estilo.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    estilo.font.size = Pt(10)
    estilo.paragraph_format.space_after = Pt(4)
    # Membrete: nombre oficial del año y entidad (editable en Word: Insertar › Encabezado)
    cab = seccion.header
    p = cab.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("“{{ nombre_anio }}”")
    r.italic, r.font.size = True, Pt(9)
    p = cab.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{{ entidad|upper }}")
    r.bold, r.font.size, r.font.color.rgb = True, Pt(11), AZUL
    p = cab.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{{ programa }}")
    r.font.size = Pt(8)
    _linea_inferior(p)
    # Pie: página
    pie = seccion.footer.paragraphs[0]
    pie.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = pie.add_run("{{ pie }} — Página ")
    r.font.size = Pt(8)
    _campo(pie, "PAGE")
    props = doc.core_properties
    props.author = "Gobierno Regional de La Libertad"
    props.last_modified_by = "procesar"
    props.created = props.modified = FECHA_FIJA
    props.revision = 1
    return doc


def _linea_inferior(p: Any) -> None:
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    abajo = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "1F4E79")):
        abajo.set(qn(k), v)
    bdr.append(abajo)
    pPr.append(bdr)


def _campo(p: Any, instruccion: str) -> None:
    campo = OxmlElement("w:fldSimple")
    campo.set(qn("w:instr"), instruccion)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    campo.append(r)
    p._p.append(campo)


def _titulo(doc: Any, texto: str, sub: str = "") -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(6)
    r = p.add_run(texto)
    r.bold, r.font.size, r.font.color.rgb = True, Pt(13), AZUL
    if sub:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(sub)
        r.bold, r.font.size = True, Pt(10.5)


def _seccion(doc: Any, texto: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(8)
    p.paragraph_format.keep_with_next = True
    r = p.add_run(texto)
    r.bold, r.font.color.rgb = True, AZUL


def _parrafo(doc: Any, texto: str, justificado: bool = True) -> Any:
    p = doc.add_paragraph(texto)
    if justificado:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


def _sombra(celda: Any, color: str = "DDEBF7") -> None:
    tcPr = celda._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    tcPr.append(shd)


def _no_partir(fila: Any) -> None:
    trPr = fila._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))


def _repetir_cabecera(fila: Any) -> None:
    trPr = fila._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:tblHeader"))


# Ancho de un carácter en em (Arial y DejaVu Sans, redondeado hacia arriba) y relleno de una celda.
_EM = {"mayuscula": 0.74, "minuscula": 0.58, "digito": 0.58, "espacio": 0.3, "otro": 0.4}
_RELLENO_CELDA_CM = 0.4
CODIGO_MAS_LARGO = "GERCETUR-5"   # un código de ficha largo: no debe partirse en su columna


def _ancho_texto_cm(texto: str, puntos: float, negrita: bool = False) -> float:
    """Ancho estimado de un texto en una línea, con el relleno de la celda."""
    em = sum(_EM["mayuscula" if c.isupper() else "minuscula" if c.islower() else "digito" if c.isdigit()
                 else "espacio" if c == " " else "otro"] for c in texto)
    return em * puntos * (1.07 if negrita else 1.0) / 28.35 + _RELLENO_CELDA_CM


def _verificar_anchos(cabeceras: list[str], celdas: list[str], anchos: list[float], tamanio: float) -> None:
    """Cada columna cabe su palabra más larga de la cabecera (sin partirla) y, la del código, un código
    entero: si no, la plantilla no se construye."""
    for cabecera, celda, ancho in zip(cabeceras, celdas, anchos, strict=True):
        palabras = cabecera.split() or [""]
        necesario = max(_ancho_texto_cm(w, tamanio, negrita=True) for w in palabras)
        if "codigo }}" in celda:
            necesario = max(necesario, _ancho_texto_cm(CODIGO_MAS_LARGO, tamanio))
        if ancho + 1e-9 < necesario:
            raise ValueError(f"la columna «{cabecera}» mide {ancho} cm y necesita {necesario:.2f} cm")


def _tabla_bucle(doc: Any, cabeceras: list[str], celdas: list[str], bucle: str, anchos: list[float],
                 tamanio: float = 9, alto_minimo: float | None = None, conservar: bool = False) -> Any:
    """Tabla con cabecera y una fila repetida por docxtpl ({%tr for … %}). `alto_minimo` (cm): filas
    altas para firmar a mano. `conservar`: la tabla va entera con lo que la sigue (las firmas)."""
    _verificar_anchos(cabeceras, celdas, anchos, tamanio)
    t = doc.add_table(rows=4, cols=len(cabeceras))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, texto in enumerate(cabeceras):
        celda = t.rows[0].cells[c]
        celda.text = ""
        r = celda.paragraphs[0].add_run(texto)
        r.bold, r.font.size = True, Pt(tamanio)
        _sombra(celda)
    _repetir_cabecera(t.rows[0])
    t.rows[1].cells[0].text = "{%tr " + bucle + " %}"
    for c, texto in enumerate(celdas):
        celda = t.rows[2].cells[c]
        celda.text = ""
        celda.paragraphs[0].add_run(texto).font.size = Pt(tamanio)
    _no_partir(t.rows[2])
    if conservar:
        for fila in (t.rows[0], t.rows[2]):
            for celda in fila.cells:
                for parrafo in celda.paragraphs:
                    parrafo.paragraph_format.keep_with_next = True
    if alto_minimo:
        alto = OxmlElement("w:trHeight")
        alto.set(qn("w:val"), str(int(Cm(alto_minimo).twips)))
        alto.set(qn("w:hRule"), "atLeast")
        t.rows[2]._tr.get_or_add_trPr().append(alto)
    t.rows[3].cells[0].text = "{%tr endfor %}"
    _anchos(t, anchos)
    return t


def _anchos(t: Any, anchos: list[float]) -> None:
    """Anchos fijos en la rejilla de la tabla (LibreOffice usa la rejilla, Word las celdas)."""
    t.autofit = False
    for col, ancho in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), anchos, strict=False):
        col.set(qn("w:w"), str(int(Cm(ancho).twips)))
    for fila in t.rows:
        for c, ancho in enumerate(anchos):
            fila.cells[c].width = Cm(ancho)


def _bloque_firma(celda: Any, nombre: str, cargo: str, linea: str) -> None:
    """Línea, nombre y cargo. Todos sus párrafos «conservan con el siguiente»: las filas de firmas van
    juntas y con el texto que las precede (`_cierre`), nunca solas en una página."""
    celda.text = ""
    p = celda.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(26)
    p.paragraph_format.space_after = Pt(0)
    p.add_run(linea)
    p = celda.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    p.add_run(nombre).bold = True
    p = celda.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(cargo).font.size = Pt(9)
    for parrafo in celda.paragraphs:
        parrafo.paragraph_format.keep_with_next = True
        parrafo.paragraph_format.keep_together = True


def _firmas(doc: Any, columnas: int = 1) -> None:
    """Bloques de firma en una tabla sin bordes: nombre y cargo bajo la línea.

    Con dos columnas, las firmas van de a dos por fila (`firmas|batch(2)`).
    """
    t = doc.add_table(rows=3, cols=columnas)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    linea = "_______________________________"
    if columnas == 1:
        t.rows[0].cells[0].text = "{%tr for f in firmas %}"
        _bloque_firma(t.rows[1].cells[0], "{{ f.nombre }}", "{{ f.cargo }}", linea)
        anchos = [12.0]
    else:
        t.rows[0].cells[0].text = "{%tr for par in firmas|batch(2) %}"
        _bloque_firma(t.rows[1].cells[0], "{{ par[0].nombre }}", "{{ par[0].cargo }}", linea)
        _bloque_firma(t.rows[1].cells[1], "{{ par[1].nombre if par|length > 1 else '' }}",
                      "{{ par[1].cargo if par|length > 1 else '' }}",
                      "{{ '" + linea + "' if par|length > 1 else '' }}")
        anchos = [8.3, 8.3]
    _no_partir(t.rows[1])
    t.rows[2].cells[0].text = "{%tr endfor %}"
    _anchos(t, anchos)


def _acuerdos(doc: Any, variable: str = "acuerdos") -> None:
    """Los acuerdos «conservan con el siguiente»: van en la misma página que las firmas."""
    _seccion(doc, "ACUERDOS")
    doc.add_paragraph("{%p for a in " + variable + " %}")
    p = _parrafo(doc, "{{ loop.index }}. {{ a }}")
    p.paragraph_format.left_indent = Cm(0.6)
    p.paragraph_format.keep_with_next = True
    doc.add_paragraph("{%p endfor %}")


def _cierre(doc: Any, texto: str) -> Any:
    """El párrafo que precede a las firmas: va en la misma página que ellas."""
    p = _parrafo(doc, texto)
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.keep_with_next = True
    return p


def ficha() -> Any:
    doc = _documento()
    _titulo(doc, "FICHA INFORMATIVA DE ACTIVIDAD PRIORIZADA", "{{ codigo }} — {{ estado }}")
    t = doc.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.rows[0].cells[0].text = ""
    r = t.rows[0].cells[0].paragraphs[0].add_run("Nombre de la Gerencia Regional")
    r.bold, r.font.size = True, Pt(9)
    _sombra(t.rows[0].cells[0], "F2F2F2")
    t.rows[0].cells[1].text = ""
    t.rows[0].cells[1].paragraphs[0].add_run("{{ gerencia }}").font.size = Pt(9)
    t.rows[1].cells[0].text = "{%tr for fila in filas %}"
    t.rows[2].cells[0].text = ""
    r = t.rows[2].cells[0].paragraphs[0].add_run("{{ fila.etiqueta }}")
    r.bold, r.font.size = True, Pt(9)
    _sombra(t.rows[2].cells[0], "F2F2F2")
    t.rows[2].cells[1].text = ""
    t.rows[2].cells[1].paragraphs[0].add_run("{{ fila.valor }}").font.size = Pt(9)
    _no_partir(t.rows[2])
    t.rows[3].cells[0].text = "{%tr endfor %}"
    _anchos(t, [6.0, 10.6])
    doc.add_paragraph("{%p if resultados %}")
    _seccion(doc, "RESULTADO EN EL PROCESO DE SELECCIÓN")
    doc.add_paragraph("{%p for r in resultados %}")
    p = _parrafo(doc, "{{ r }}")
    p.paragraph_format.left_indent = Cm(0.6)
    p.paragraph_format.keep_with_next = True
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    _cierre(doc, "Firman la ficha en señal de conformidad:")
    _firmas(doc, columnas=2)
    return doc


def acta_etapa_I() -> Any:
    doc = _documento()
    _titulo(doc, "ACTA DE ACUERDOS", "ETAPA I — TALLER DE INDUCCIÓN")
    _parrafo(doc, "En la ciudad de {{ ciudad }}, el {{ fecha }}, en {{ lugar }}, se reunieron los "
                  "Gerentes Regionales y los especialistas designados como responsables de cada "
                  "Gerencia ante el proceso, convocados por la {{ coordinacion }}, para el Taller de "
                  "Inducción del proceso de selección y priorización de iniciativas del {{ programa }}, "
                  "conforme al instructivo aprobado.")
    _parrafo(doc, "Durante el taller se entregaron los instrumentos para la selección, priorización y "
                  "presentación de las iniciativas: la plantilla de fichas de cada Gerencia y el "
                  "calendario del proceso.")
    _seccion(doc, "PARTICIPANTES")
    _tabla_bucle(doc, ["N.º", "Nombres y apellidos", "Cargo", "Gerencia u organización", "Firma"],
                 ["{{ loop.index }}", "{{ p.nombre }}", "{{ p.cargo }}", "{{ p.organizacion }}", ""],
                 "for p in participantes", [1.0, 4.5, 3.5, 4.6, 3.0], alto_minimo=0.9)
    _acuerdos(doc)
    _cierre(doc, "Siendo las {{ hora_cierre }} horas, se dio por concluido el taller y firmaron los "
                 "presentes en señal de conformidad.")
    _firmas(doc)
    return doc


def acta_etapa_II() -> Any:
    doc = _documento()
    _titulo(doc, "ACTA DE ACUERDOS", "ETAPA II — FORMULACIÓN DE LAS INICIATIVAS DE GOBIERNO ABIERTO")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("{{ gerencia }}").bold = True
    _parrafo(doc, "{{ lugar }}, {{ fecha }}, la {{ gerencia }}, representada por su Gerente Regional, "
                  "{{ gerente }}, y por el especialista responsable ante el proceso, {{ especialista }}, "
                  "se reunió con {{ consejo }}, con la finalidad de debatir y definir qué procesos, "
                  "productos o servicios se propondrán para la iniciativa de Gobierno Abierto del "
                  "{{ entidad }}.")
    _seccion(doc, "FICHAS DE ACTIVIDADES PROPUESTAS")
    _tabla_bucle(doc, ["Código", "Actividad", "Ámbito", "Presupuesto total"],
                 ["{{ f.codigo }}", "{{ f.nombre }}", "{{ f.ambito }}", "{{ f.presupuesto }}"],
                 "for f in fichas", [2.6, 8.0, 3.0, 3.0])
    _acuerdos(doc)
    _cierre(doc, "Firman en señal de conformidad los representantes de la sociedad civil y la Gerencia "
                 "Regional:")
    _seccion(doc, "REPRESENTANTES DE LA SOCIEDAD CIVIL")
    _tabla_bucle(doc, ["N.º", "Nombres y apellidos", "Organización", "Cargo", "Firma"],
                 ["{{ loop.index }}", "{{ p.nombre }}", "{{ p.organizacion }}", "{{ p.cargo }}", ""],
                 "for p in participantes", [1.0, 4.5, 4.8, 3.3, 3.0], alto_minimo=0.9, conservar=True)
    _firmas(doc, columnas=2)
    return doc


def acta_etapa_III() -> Any:
    doc = _documento()
    _titulo(doc, "ACTA DE ACUERDOS", "ETAPA III — TALLER DE PRESENTACIÓN Y PRIORIZACIÓN DE INICIATIVAS")
    _parrafo(doc, "En la ciudad de {{ ciudad }}, el {{ fecha }}, en {{ lugar }}, las Gerencias Regionales y "
                  "las organizaciones de la sociedad civil se reunieron en el Taller de presentación y "
                  "priorización de iniciativas. {{ resumen_cifras }}")
    _seccion(doc, "MÉTODO")
    doc.add_paragraph("{%p for m in metodo %}")
    _parrafo(doc, "{{ m }}")
    doc.add_paragraph("{%p endfor %}")
    _seccion(doc, "{{ priorizadas|length }} INICIATIVAS PRIORIZADAS")
    _tabla_bucle(doc, ["Puesto", "Código", "Actividad y gerencia", "Puntaje", "Grupos", "Estabilidad"],
                 ["{{ r.puesto }}", "{{ r.codigo }}", "{{ r.nombre }} ({{ r.gerencia }})", "{{ r.puntaje }}",
                  "{{ r.grupos }}", "{{ r.estabilidad }}"],
                 "for r in priorizadas", [1.6, 2.5, 6.4, 1.8, 1.7, 2.6], tamanio=8.5)
    _parrafo(doc, "{{ resto }}").paragraph_format.space_before = Pt(6)
    _acuerdos(doc)
    _seccion(doc, "PARTICIPANTES DEL TALLER")
    _tabla_bucle(doc, ["N.º", "Nombres y apellidos", "Cargo u organización", "Grupo", "Firma"],
                 ["{{ loop.index }}", "{{ p.nombre }}", "{{ p.cargo }}", "{{ p.grupo }}", ""],
                 "for p in participantes", [1.0, 4.6, 5.6, 2.0, 3.4], tamanio=8.5, alto_minimo=0.9)
    _cierre(doc, "Firman la presente acta los participantes del taller y la coordinación del proceso.")
    _firmas(doc)
    return doc


def acta_etapa_IV() -> Any:
    doc = _documento()
    _titulo(doc, "ACTA DE ACUERDOS", "ETAPA IV — FORMULACIÓN DE LA PROPUESTA FINAL")
    _parrafo(doc, "En la ciudad de {{ ciudad }}, el {{ fecha }}, en {{ lugar }}, se reunió el Comité "
                  "de Gobierno Abierto del {{ entidad }}, integrado por los miembros que se indican, "
                  "con la finalidad de analizar las {{ total_priorizadas }} iniciativas priorizadas en "
                  "la Etapa III y seleccionar {{ total_seleccionadas }} de ellas para postular al "
                  "{{ programa }}.")
    _seccion(doc, "MIEMBROS DEL COMITÉ")
    _tabla_bucle(doc, ["N.º", "Nombres y apellidos", "Cargo"],
                 ["{{ loop.index }}", "{{ m.nombre }}", "{{ m.cargo }}"],
                 "for m in comite", [1.0, 6.6, 9.0])
    _seccion(doc, "INICIATIVAS SELECCIONADAS")
    _tabla_bucle(doc, ["N.º", "Código", "Actividad y Gerencia", "Valores OGP", "Motivo del Comité"],
                 ["{{ loop.index }}", "{{ s.codigo }}", "{{ s.nombre }} ({{ s.gerencia }})",
                  "{{ s.valores }}", "{{ s.motivo }}"],
                 "for s in seleccionadas", [1.0, 2.5, 5.0, 3.0, 5.1], tamanio=8.5)
    doc.add_paragraph("{%p if no_seleccionadas %}")
    _seccion(doc, "INICIATIVAS PRIORIZADAS NO SELECCIONADAS")
    _tabla_bucle(doc, ["Código", "Actividad y Gerencia", "Motivo"],
                 ["{{ s.codigo }}", "{{ s.nombre }} ({{ s.gerencia }})", "{{ s.motivo }}"],
                 "for s in no_seleccionadas", [2.5, 7.0, 7.1], tamanio=8.5)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if consultas %}")
    _seccion(doc, "CONSULTAS CON LAS GERENCIAS REGIONALES")
    _parrafo(doc, "Conforme al instructivo, después de la selección se realizaron consultas con las Gerencias "
                  "Regionales Sectoriales involucradas, con la finalidad de perfilar los compromisos:")
    _tabla_bucle(doc, ["Gerencia", "Compromiso", "Fecha", "Participantes"],
                 ["{{ q.gerencia }}", "{{ q.codigo }} — {{ q.compromiso }}", "{{ q.fecha }}", "{{ q.participantes }}"],
                 "for q in consultas", [3.4, 4.8, 2.4, 6.0], tamanio=8.5)
    doc.add_paragraph("{%p endif %}")
    _acuerdos(doc)
    _cierre(doc, "Firman los miembros del Comité en señal de conformidad:")
    _firmas(doc, columnas=2)
    return doc


def oficio() -> Any:
    doc = _documento()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("{{ ciudad }}, {{ fecha }}")
    p = doc.add_paragraph()
    p.add_run("{{ numero_oficio }}").bold = True
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.add_run("Señores").bold = False
    for texto, negrita in (("{{ destinatario.nombre }}", True), ("{{ destinatario.cargo }}", False),
                           ("{{ destinatario.direccion }}", False)):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.add_run(texto).bold = negrita
    doc.add_paragraph("Presente.-")
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Cm(3.0)
    p.paragraph_format.first_line_indent = Cm(-3.0)
    p.add_run("Asunto\t:").bold = True
    p.add_run("\tPresentación de los {{ seleccionadas|length }} compromisos del {{ entidad }} para el "
              "{{ programa }}.")
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Cm(3.0)
    p.paragraph_format.first_line_indent = Cm(-3.0)
    p.add_run("Referencia\t:").bold = True
    p.add_run("\tActa de Acuerdos del Comité de Gobierno Abierto del {{ fecha_acta }}.")
    _parrafo(doc, "De mi consideración:")
    _parrafo(doc, "Tengo el agrado de dirigirme a ustedes para saludarlos cordialmente y, en el marco "
                  "de la participación del {{ entidad }} en el {{ programa }}, presentar los "
                  "{{ seleccionadas|length }} compromisos seleccionados por el Comité de Gobierno "
                  "Abierto, luego de un proceso participativo con las Gerencias Regionales y las "
                  "organizaciones de la sociedad civil, en el que se formularon {{ total_fichas }} "
                  "iniciativas y se priorizaron {{ total_priorizadas }}:")
    _tabla_bucle(doc, ["N.º", "Compromiso", "Gerencia responsable", "Valores OGP"],
                 ["{{ loop.index }}", "{{ s.nombre }}", "{{ s.gerencia }}", "{{ s.valores }}"],
                 "for s in seleccionadas", [1.0, 5.5, 4.5, 5.6])  # valores OGP en tres líneas, no en cinco
    doc.add_paragraph()
    # sin justificar: el correo, una sola «palabra» larga, abría espacios enormes en la línea anterior
    _parrafo(doc, "Se adjuntan {{ adjuntos }}. Para coordinaciones, puede escribir a {{ correo_coordinacion }}.",
             justificado=False)
    _cierre(doc, "Hago propicia la oportunidad para expresarles las muestras de mi especial "
                 "consideración y estima.")
    _cierre(doc, "Atentamente,")
    _firmas(doc)
    return doc


def _salto_de_pagina(doc: Any) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _subseccion(doc: Any, texto: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.keep_with_next = True
    r = p.add_run(texto)
    r.bold, r.italic = True, True


def _tabla_compromiso(doc: Any) -> None:
    """El compromiso en el orden del formato de la OGP: etiqueta y valor, con filas de sección."""
    filas: list[tuple[str, str] | str] = [
        "Información general",
        ("Fecha de inicio y término", "{{ c.periodo }}"),
        ("Institución responsable de la implementación", "{{ c.gerencia }}"),
        ("Persona responsable", "{{ c.responsable }}"),
        ("Cargo", "{{ c.cargo }}"),
        ("Correo electrónico y teléfono", "{{ c.contacto }}"),
        "Otros actores involucrados",
        ("Actores del Estado", "{{ c.actores_estado }}"),
        ("Sociedad civil", "{{ c.actores_sociedad }}"),
        ("Otros (academia, sector privado, cooperación)", "{{ c.actores_otros }}"),
        "Descripción del compromiso",
        ("Problemática que el compromiso busca atender", "{{ c.problema }}"),
        ("Línea de base", "{{ c.linea_base }}"),
        ("Objetivo principal", "{{ c.objetivo }}"),
        ("Breve descripción del compromiso", "{{ c.descripcion }}"),
        ("Resultados esperados", "{{ c.resultados }}"),
        ("¿Cómo contribuye a resolver la problemática?", "{{ c.contribucion }}"),
        ("Indicador", "{{ c.indicador }}"),
        "Relevancia para los valores de Gobierno Abierto",
        "{%tr for r in c.relevancia %}",
        ("{{ r.valor }}", "{{ r.texto }}"),
        "{%tr endfor %}",
        "Información adicional",
        ("Presupuesto", "{{ c.presupuesto }}"),
        ("Vínculo con el Plan de Desarrollo Concertado", "{{ c.pdc }}"),
        ("Vínculo con el Plan Estratégico Institucional", "{{ c.pei }}"),
        ("Consulta con la Gerencia Regional", "{{ c.consulta }}"),
    ]
    t = doc.add_table(rows=len(filas), cols=2)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for fila, contenido in zip(t.rows, filas, strict=True):
        if isinstance(contenido, str):
            if contenido.startswith("{%"):
                fila.cells[0].text = contenido
                continue
            celda = fila.cells[0].merge(fila.cells[1])
            celda.text = ""
            celda.paragraphs[0].paragraph_format.keep_with_next = True  # el título de sección no queda solo
            r = celda.paragraphs[0].add_run(contenido)
            r.bold, r.font.size, r.font.color.rgb = True, Pt(9), AZUL
            _sombra(celda)
            _no_partir(fila)
            continue
        etiqueta, valor = contenido
        fila.cells[0].text = ""
        r = fila.cells[0].paragraphs[0].add_run(etiqueta)
        r.bold, r.font.size = True, Pt(9)
        _sombra(fila.cells[0], "F2F2F2")
        fila.cells[1].text = ""
        fila.cells[1].paragraphs[0].add_run(valor).font.size = Pt(9)
        _no_partir(fila)
    _anchos(t, [5.4, 11.2])


def plan_de_accion() -> Any:
    doc = _documento()
    _titulo(doc, "PLAN DE ACCIÓN DE GOBIERNO ABIERTO", "{{ entidad }} — {{ periodo }}")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("{{ ciudad }}, {{ fecha }}").italic = True

    _seccion(doc, "I. INTRODUCCIÓN")
    doc.add_paragraph("{%p for t in introduccion %}")
    _parrafo(doc, "{{ t }}")
    doc.add_paragraph("{%p endfor %}")
    _seccion(doc, "II. ESFUERZOS DE GOBIERNO ABIERTO A LA FECHA")
    doc.add_paragraph("{%p for t in antecedentes %}")
    _parrafo(doc, "{{ t }}")
    doc.add_paragraph("{%p endfor %}")

    _seccion(doc, "III. PROCESO DE CO-CREACIÓN DEL PLAN DE ACCIÓN")
    _parrafo(doc, "El Plan se construyó en cuatro etapas, conforme al instructivo para la participación en el "
                  "{{ programa }}:")
    _tabla_bucle(doc, ["Etapa", "Actividad", "Fechas", "Lugar"],
                 ["{{ e.etapa }}", "{{ e.nombre }}", "{{ e.fechas }}", "{{ e.lugar }}"],
                 "for e in etapas", [1.5, 5.6, 4.3, 5.2], tamanio=8.5)
    _subseccion(doc, "Formulación de las iniciativas con la sociedad civil (Etapa II)")
    _parrafo(doc, "{{ n_gerencias }} Gerencias Regionales ({{ gerencias }}) se reunieron con sus Consejos "
                  "Consultivos o con las organizaciones de la sociedad civil de su sector y presentaron "
                  "{{ presentadas }} fichas de iniciativas. Participaron {{ n_representantes }} representantes de "
                  "{{ n_organizaciones }} organizaciones:")
    _tabla_bucle(doc, ["Organización", "Gerencias", "Representantes"],
                 ["{{ o.nombre }}", "{{ o.gerencias }}", "{{ o.representantes }}"],
                 "for o in organizaciones", [4.8, 2.8, 9.0], tamanio=8)
    _subseccion(doc, "Priorización en el taller (Etapa III)")
    _parrafo(doc, "De las {{ presentadas }} fichas presentadas, {{ validas }} cumplieron los requisitos y pasaron "
                  "al Taller de presentación y priorización, donde {{ n_grupos }} grupos de trabajo, integrados por "
                  "especialistas de las gerencias y representantes de la sociedad civil, las puntuaron con "
                  "criterios públicos y priorizaron {{ priorizadas }}:")
    _tabla_bucle(doc, ["Grupo", "Integrantes"], ["{{ g.nombre }}", "{{ g.integrantes }}"],
                 "for g in grupos", [2.6, 14.0], tamanio=8.5)
    _subseccion(doc, "Selección y perfilado de los compromisos (Etapa IV)")
    _parrafo(doc, "El Comité de Gobierno Abierto seleccionó {{ seleccionadas }} de las {{ priorizadas }} "
                  "iniciativas priorizadas. Luego, cada una se perfiló como compromiso en una consulta con su "
                  "Gerencia Regional y las organizaciones que la formularon:")
    _tabla_bucle(doc, ["Gerencia", "Compromiso", "Fecha", "Participantes"],
                 ["{{ q.gerencia }}", "{{ q.codigo }} — {{ q.compromiso }}", "{{ q.fecha }}", "{{ q.participantes }}"],
                 "for q in consultas", [3.4, 4.8, 2.4, 6.0], tamanio=8)
    _subseccion(doc, "Cifras del proceso")
    _tabla_bucle(doc, ["Paso", "Número"], ["{{ x.paso }}", "{{ x.valor }}"], "for x in cifras", [13.6, 3.0])
    _subseccion(doc, "Respuesta razonada")
    _parrafo(doc, "La respuesta razonada a cada una de las {{ presentadas }} fichas presentadas (por qué pasó o no "
                  "a cada etapa) se publica en {{ publicacion }}. El Anexo registra, campo por campo, lo que cambió "
                  "en cada compromiso durante las consultas.")

    _seccion(doc, "IV. COMPROMISOS")
    _parrafo(doc, "El Plan contiene {{ perfilados }} compromisos:")
    _tabla_bucle(doc, ["N.º", "Compromiso", "Institución responsable", "Período"],
                 ["{{ c.numero }}", "{{ c.nombre }}", "{{ c.gerencia }}", "{{ c.periodo }}"],
                 "for c in compromisos", [1.0, 7.4, 5.0, 3.2], tamanio=9)
    doc.add_paragraph("{%p for c in compromisos %}")
    _salto_de_pagina(doc)
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    r = p.add_run("Compromiso {{ c.numero }}: {{ c.nombre }}")
    r.bold, r.font.size, r.font.color.rgb = True, Pt(12), AZUL
    p = doc.add_paragraph()
    p.add_run("Código de la ficha de origen: {{ c.codigo }} · Valores: {{ c.valores }}").font.size = Pt(8.5)
    _tabla_compromiso(doc)
    _subseccion(doc, "Hitos")
    _tabla_bucle(doc, ["N.º", "Hito: actividad con un entregable verificable", "Inicio", "Término", "Responsable"],
                 ["{{ h.numero }}", "{{ h.entregable }}", "{{ h.inicio }}", "{{ h.fin }}", "{{ h.responsable }}"],
                 "for h in c.hitos", [1.1, 7.5, 2.4, 2.4, 3.2], tamanio=8.5)
    doc.add_paragraph("{%p endfor %}")

    _salto_de_pagina(doc)
    _seccion(doc, "ANEXO. CAMBIOS ENTRE LAS FICHAS DE LA ETAPA II Y LOS COMPROMISOS")
    _parrafo(doc, "Para cada compromiso, lo que cambió en la consulta con la gerencia frente a la ficha presentada "
                  "en la Etapa II, campo por campo.")
    doc.add_paragraph("{%p for c in compromisos %}")
    _subseccion(doc, "Compromiso {{ c.numero }} ({{ c.codigo }}): {{ c.nombre }}")
    doc.add_paragraph("{%p if c.cambios %}")
    _tabla_bucle(doc, ["Campo", "Ficha de la Etapa II", "Compromiso perfilado", "Cambio"],
                 ["{{ x.etiqueta }}", "{{ x.antes }}", "{{ x.despues }}", "{{ x.tipo }}"],
                 "for x in c.cambios", [3.4, 5.6, 5.6, 2.0], tamanio=8)
    doc.add_paragraph("{%p endif %}")
    p = _parrafo(doc, "Sin cambios: {{ c.sin_cambios }}.")
    p.runs[0].font.size = Pt(8.5)
    p.paragraph_format.space_before = Pt(3)
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph()
    _firmas(doc)
    return doc


PLANTILLAS = {
    "ficha.docx": ficha,
    "acta_etapa_I.docx": acta_etapa_I,
    "acta_etapa_II.docx": acta_etapa_II,
    "acta_etapa_III.docx": acta_etapa_III,
    "acta_etapa_IV.docx": acta_etapa_IV,
    "oficio_ogp.docx": oficio,
    "plan_de_accion.docx": plan_de_accion,
}


def crear(destino: Path = DESTINO) -> list[Path]:
    destino.mkdir(parents=True, exist_ok=True)
    escritos = []
    for nombre, construir in PLANTILLAS.items():
        ruta = destino / nombre
        construir().save(ruta)
        normalizar_zip(ruta)
        escritos.append(ruta)
    return escritos


if __name__ == "__main__":
    for ruta in crear():
        print(f"Escrita {ruta.relative_to(RAIZ)}")
