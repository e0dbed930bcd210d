"""Los problemas son datos: una observación por problema, con las coordenadas del usuario.

Cada código tiene una severidad y una plantilla de mensaje que dice qué corregir. Los
validadores producen observaciones y nunca se detienen en la primera.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severidad(StrEnum):
    ERROR = "error"
    ADVERTENCIA = "advertencia"


class Codigo(StrEnum):
    # Archivos
    ARCHIVO_VACIO = "archivo_vacio"
    ARCHIVO_GRANDE = "archivo_demasiado_grande"
    ARCHIVO_BOMBA = "archivo_descomprime_demasiado"
    ARCHIVO_DANADO = "archivo_danado"
    ARCHIVO_PROTEGIDO = "archivo_con_contrasena"
    ARCHIVO_XLS = "formato_xls_antiguo"
    ARCHIVO_NO_HOJA = "no_es_hoja_de_calculo"
    ARCHIVO_ILEGIBLE = "archivo_ilegible"
    CORREO_SIN_ADJUNTO = "correo_sin_adjunto"
    CORREO_ILEGIBLE = "correo_ilegible"
    # Plantilla
    NO_ES_PLANTILLA = "no_es_la_plantilla"
    PLANTILLA_ANTIGUA = "plantilla_version_antigua"
    NOMBRE_FALTANTE = "celda_de_plantilla_no_encontrada"
    GERENCIA_FALTANTE = "codigo_gerencia_faltante"
    GERENCIA_DESCONOCIDA = "codigo_gerencia_desconocido"
    GERENCIA_POR_CORREO = "gerencia_identificada_por_correo"
    GERENCIA_OTRO_REMITENTE = "remitente_de_otra_gerencia"
    ENVIO_REEMPLAZADO = "envio_reemplazado"
    ENVIO_TARDIO = "envio_fuera_de_plazo"
    SIN_ENVIO = "gerencia_sin_envio"
    # Campos
    CAMPO_OBLIGATORIO = "campo_obligatorio"
    NO_ES_NUMERO = "no_es_numero"
    NUMERO_AMBIGUO = "numero_ambiguo"
    NUMERO_NEGATIVO = "numero_negativo"
    NUMERO_EXCESIVO = "numero_excesivo"
    NO_ES_ENTERO = "no_es_entero"
    FUERA_DE_LISTA = "valor_fuera_de_lista"
    TEXTO_LARGO = "texto_demasiado_largo"
    NO_ES_FECHA = "no_es_fecha"
    NO_ES_CORREO = "no_es_correo"
    NO_ES_SI_NO = "no_es_si_no"
    SIN_VALOR_OGP = "sin_valor_ogp"
    SOLO_TECNOLOGIA = "solo_tecnologia"
    SIN_PRESUPUESTO = "sin_presupuesto"
    # Conjunto
    FICHAS_INCOMPLETAS = "fichas_incompletas"
    ACTIVIDAD_REPETIDA = "actividad_repetida"
    ACTIVIDAD_REPETIDA_OTRA = "actividad_repetida_en_otra_gerencia"
    ACTA_INCOMPLETA = "datos_de_acta_incompletos"
    ACTA_SIN_CONTRAPARTE = "acta_sin_sociedad_civil"
    # --- Etapa III (puntajes): códigos aquí ---
    NO_ES_HOJA_PUNTAJE = "no_es_hoja_de_puntaje"
    GRUPO_FALTANTE = "grupo_no_indicado"
    GRUPO_DESCONOCIDO = "grupo_desconocido"
    GRUPO_REPETIDO = "grupo_repetido"
    GRUPO_SIN_HOJA = "grupo_sin_hoja_de_puntaje"
    CRITERIO_FALTANTE = "columna_de_criterio_faltante"
    PUNTAJE_VACIO = "puntaje_vacio"
    PUNTAJE_NO_NUMERO = "puntaje_no_numerico"
    PUNTAJE_FUERA_DE_ESCALA = "puntaje_fuera_de_escala"
    FICHA_DESCONOCIDA = "ficha_desconocida"
    FICHA_SIN_PUNTAJE = "ficha_sin_puntaje"
    FICHA_REPETIDA_EN_HOJA = "ficha_repetida_en_hoja"
    PUNTAJE_PROPIA_GERENCIA = "puntaje_a_ficha_de_su_gerencia"
    PRIORIZADAS_INCOMPLETAS = "menos_priorizadas_que_la_cuota"
    # --- fin Etapa III ---
    # --- Etapa IV (Comité, documentos): códigos aquí ---
    NO_ES_HOJA_COMITE = "no_es_hoja_del_comite"
    COMITE_REEMPLAZADA = "hoja_del_comite_reemplazada"
    COMITE_CODIGO_VACIO = "codigo_vacio_en_hoja_del_comite"
    COMITE_CODIGO_DESCONOCIDO = "codigo_no_priorizado"
    COMITE_CODIGO_REPETIDO = "codigo_repetido_en_hoja_del_comite"
    COMITE_FICHA_FALTANTE = "ficha_priorizada_ausente_en_hoja_del_comite"
    COMITE_NO_SI_NO = "seleccionada_no_es_si_no"
    COMITE_SIN_MOTIVO = "seleccion_sin_motivo"
    COMITE_CANTIDAD = "cantidad_de_seleccionadas_distinta"
    COMITE_VALOR_NO_CUBIERTO = "valor_ogp_no_cubierto"
    ASISTENCIA_ILEGIBLE = "hoja_de_asistencia_no_reconocida"
    # --- fin Etapa IV ---


@dataclass(frozen=True)
class _Regla:
    severidad: Severidad
    plantilla: str


E, A = Severidad.ERROR, Severidad.ADVERTENCIA

# Una plantilla de mensaje por código: dice qué pasó y qué hacer.
REGLAS: dict[Codigo, _Regla] = {
    Codigo.ARCHIVO_VACIO: _Regla(E, "El archivo está vacío (0 bytes). Pida a la gerencia que lo envíe de nuevo."),
    Codigo.ARCHIVO_GRANDE: _Regla(E, "El archivo pesa {tamanio} y el máximo es {maximo}. "
                                  "Pida a la gerencia que quite imágenes o envíe solo la plantilla llena."),
    Codigo.ARCHIVO_BOMBA: _Regla(E, "El archivo se expande a {tamanio} al abrirlo, muy por encima de lo que ocupa "
                                 "una plantilla; no se abrió por seguridad. Pida la plantilla original llena."),
    Codigo.ARCHIVO_DANADO: _Regla(E, "El archivo está dañado o incompleto ({detalle}). Pida a la gerencia que "
                                  "lo guarde de nuevo y lo reenvíe."),
    Codigo.ARCHIVO_PROTEGIDO: _Regla(E, "El archivo tiene contraseña de apertura. Pida a la gerencia que la quite "
                                     "(Archivo › Información › Proteger libro) y lo reenvíe."),
    Codigo.ARCHIVO_XLS: _Regla(E, "El archivo está en el formato antiguo de Excel 97-2003 (.xls). Ábralo y use "
                               "«Guardar como» › «Libro de Excel (.xlsx)», y vuelva a ejecutar."),
    Codigo.ARCHIVO_NO_HOJA: _Regla(E, "No es una hoja de cálculo ({detalle}). Se espera la plantilla de fichas "
                                   "en Excel (.xlsx) o LibreOffice (.ods)."),
    Codigo.ARCHIVO_ILEGIBLE: _Regla(E, "No se pudo leer el archivo ({detalle}). Pida a la gerencia que lo "
                                    "guarde de nuevo como .xlsx."),
    Codigo.CORREO_SIN_ADJUNTO: _Regla(E, "El correo de {remitente} no trae ninguna hoja de cálculo adjunta."),
    Codigo.CORREO_ILEGIBLE: _Regla(E, "No se pudo leer el correo ({detalle})."),
    Codigo.NO_ES_PLANTILLA: _Regla(E, "El libro no es la plantilla de fichas de Gobierno Abierto (no tiene "
                                   "«{nombre}»). Pida a la gerencia que copie sus datos en la plantilla que "
                                   "se le envió."),
    Codigo.PLANTILLA_ANTIGUA: _Regla(A, "El libro usa la plantilla versión {valor} y la vigente es la {vigente}. "
                                     "Se leyó igual; para el próximo envío use la plantilla nueva."),
    Codigo.NOMBRE_FALTANTE: _Regla(E, "No se encontró la celda «{nombre}» de la plantilla (¿se borró una fila o "
                                   "una hoja?). Pida a la gerencia que use la plantilla original."),
    Codigo.GERENCIA_FALTANTE: _Regla(E, "El libro no indica la gerencia (celda «codigo_gerencia» vacía) y no se "
                                     "pudo deducir del remitente. Use la plantilla personalizada de la gerencia."),
    Codigo.GERENCIA_DESCONOCIDA: _Regla(E, "El código de gerencia «{valor}» no está en la configuración. "
                                        "Revise la plantilla o agregue la gerencia a configuracion.toml."),
    Codigo.GERENCIA_POR_CORREO: _Regla(A, "El libro no trae un código de gerencia válido; se atribuyó a "
                                       "{nombre_gerencia} por el remitente {remitente}. Verifíquelo."),
    Codigo.GERENCIA_OTRO_REMITENTE: _Regla(A, "El libro es la plantilla de {nombre_gerencia}, pero lo envió {remitente}, "
                                           "correo de {otra}. Verifique que no se haya enviado la plantilla "
                                           "de otra gerencia."),
    Codigo.ENVIO_REEMPLAZADO: _Regla(A, "Este envío ({fecha}) reemplaza al anterior «{anterior}» ({fecha_anterior}) "
                                     "de la misma gerencia; solo se consolida el más reciente."),
    Codigo.ENVIO_TARDIO: _Regla(A, "Recibido el {fecha}, después del plazo de la Etapa II ({plazo})."),
    Codigo.SIN_ENVIO: _Regla(E, "No se recibió el libro de fichas de esta gerencia (plazo: {plazo})."),
    Codigo.CAMPO_OBLIGATORIO: _Regla(E, "«{etiqueta}» está vacío y es obligatorio. Complételo."),
    Codigo.NO_ES_NUMERO: _Regla(E, "«{etiqueta}» debe ser un número y dice «{valor}». Escriba solo cifras, "
                                "por ejemplo 125000."),
    Codigo.NUMERO_AMBIGUO: _Regla(A, "«{etiqueta}» dice «{valor}» y se leyó como {leido}. Verifique que sea "
                                  "correcto."),
    Codigo.NUMERO_NEGATIVO: _Regla(E, "«{etiqueta}» no puede ser negativo ({valor})."),
    Codigo.NUMERO_EXCESIVO: _Regla(E, "«{etiqueta}» = {valor} supera el máximo razonable ({maximo}). "
                                   "Verifique ceros de más o la unidad."),
    Codigo.NO_ES_ENTERO: _Regla(E, "«{etiqueta}» debe ser un número entero de personas y dice «{valor}»."),
    Codigo.FUERA_DE_LISTA: _Regla(E, "«{etiqueta}» dice «{valor}», que no está en la lista. Elija una opción de "
                                  "la lista desplegable{sugerencia}."),
    Codigo.TEXTO_LARGO: _Regla(E, "«{etiqueta}» tiene {largo} caracteres y el máximo es {maximo}. "
                               "Acórtelo en {exceso} caracteres."),
    Codigo.NO_ES_FECHA: _Regla(E, "«{etiqueta}» debe ser una fecha (dd/mm/aaaa) y dice «{valor}»."),
    Codigo.NO_ES_CORREO: _Regla(A, "«{etiqueta}» no parece un correo electrónico: «{valor}»."),
    Codigo.NO_ES_SI_NO: _Regla(E, "«{etiqueta}» debe ser «Sí» o «No» y dice «{valor}»."),
    Codigo.SIN_VALOR_OGP: _Regla(E, "La ficha no marca ningún valor de Gobierno Abierto. Marque «Sí» en al "
                                 "menos uno: {valores}."),
    Codigo.SOLO_TECNOLOGIA: _Regla(A, "La ficha solo marca «{valor}», que cuenta únicamente junto a "
                                   "transparencia, rendición de cuentas o participación ciudadana."),
    Codigo.SIN_PRESUPUESTO: _Regla(A, "La ficha no tiene presupuesto en ningún año. Confirme que la actividad "
                                   "se financia."),
    Codigo.FICHAS_INCOMPLETAS: _Regla(E, "La gerencia presentó {presentadas} de {esperadas} fichas. "
                                      "Faltan: {faltan}."),
    Codigo.ACTIVIDAD_REPETIDA: _Regla(E, "La actividad «{valor}» aparece también en {otra}. Cada ficha debe ser "
                                      "una actividad distinta."),
    Codigo.ACTIVIDAD_REPETIDA_OTRA: _Regla(A, "Una actividad con el mismo nombre «{valor}» fue presentada por "
                                           "{otra}. Verifique si es la misma."),
    Codigo.ACTA_INCOMPLETA: _Regla(A, "Faltan datos de la reunión con la sociedad civil para el acta: {faltan}."),
    Codigo.ACTA_SIN_CONTRAPARTE: _Regla(E, "La hoja «Reunión» no registra {faltan}. El producto de la Etapa II "
                                        "es un Acta de Acuerdos firmada por la gerencia y su contraparte de la "
                                        "sociedad civil: anote la reunión y a sus representantes, y reenvíe "
                                        "el libro."),
    # --- Etapa III (puntajes): reglas aquí ---
    Codigo.NO_ES_HOJA_PUNTAJE: _Regla(E, "El libro no es una hoja de puntaje del taller (no tiene la tabla "
                                      "«puntajes» con la columna «Código»). Pida al grupo que use la hoja "
                                      "que se le entregó."),
    Codigo.GRUPO_FALTANTE: _Regla(E, "La hoja de puntaje no indica el grupo (celda «grupo» vacía o borrada). "
                                  "Use la hoja personalizada del grupo."),
    Codigo.GRUPO_DESCONOCIDO: _Regla(E, "El grupo «{valor}» no está en la configuración ({grupos}). Revise "
                                     "la hoja o agregue el grupo a configuracion.toml."),
    Codigo.GRUPO_REPETIDO: _Regla(A, "Llegó otra hoja del grupo «{grupo}» («{otro}»); se usa la más reciente "
                                  "(«{vigente}») y esta no se cuenta."),
    Codigo.GRUPO_SIN_HOJA: _Regla(A, "No se recibió la hoja de puntaje del grupo «{grupo}»; la priorización se hace "
                                  "con los demás grupos."),
    Codigo.CRITERIO_FALTANTE: _Regla(E, "Falta la columna del criterio «{etiqueta}» ({valor}) en la tabla "
                                     "«puntajes». No borre ni renombre columnas de la hoja."),
    Codigo.PUNTAJE_VACIO: _Regla(E, "La ficha {ficha_codigo} no tiene puntaje en «{etiqueta}». Complételo "
                                 "({minimo} a {maximo}); mientras tanto, el puntaje de este grupo para la "
                                 "ficha no se cuenta."),
    Codigo.PUNTAJE_NO_NUMERO: _Regla(E, "El puntaje de la ficha {ficha_codigo} en «{etiqueta}» dice «{valor}»: "
                                     "escriba un número entero de {minimo} a {maximo}. El puntaje de este "
                                     "grupo para la ficha no se cuenta."),
    Codigo.PUNTAJE_FUERA_DE_ESCALA: _Regla(E, "El puntaje {valor} de la ficha {ficha_codigo} en «{etiqueta}» está "
                                           "fuera de la escala ({minimo} a {maximo}, solo enteros). El "
                                           "puntaje de este grupo para la ficha no se cuenta."),
    Codigo.FICHA_DESCONOCIDA: _Regla(E, "El código de ficha «{valor}» no está entre las fichas válidas del "
                                     "consolidado; esa fila no se cuenta. Revise que no se haya cambiado "
                                     "el código."),
    Codigo.FICHA_SIN_PUNTAJE: _Regla(E, "El grupo «{grupo}» no puntuó la ficha {ficha_codigo} (fila vacía o borrada). "
                                     "Pida al grupo que la complete."),
    Codigo.FICHA_REPETIDA_EN_HOJA: _Regla(E, "La ficha {ficha_codigo} aparece más de una vez en la hoja (también en "
                                          "la fila {otra_fila}); solo se cuenta la primera."),
    Codigo.PUNTAJE_PROPIA_GERENCIA: _Regla(E, "El grupo «{grupo}» puntuó la ficha {ficha_codigo} de su propia gerencia "
                                           "({gerencia_ficha}), lo que la configuración no permite "
                                           "(conflicto de interés); ese puntaje no se cuenta."),
    Codigo.PRIORIZADAS_INCOMPLETAS: _Regla(A, "Fichas priorizadas: {priorizadas} de las {cuota} previstas "
                                           "({motivo})."),
    # --- fin Etapa III ---
    # --- Etapa IV (Comité, documentos): reglas aquí ---
    Codigo.NO_ES_HOJA_COMITE: _Regla(E, "El libro no es la hoja de selección del Comité (no tiene la tabla "
                                     "«seleccion» con las columnas «Código», «Seleccionada» y «Motivo»). "
                                     "Use la hoja que escribe «python procesar.py hoja-comite»."),
    Codigo.COMITE_REEMPLAZADA: _Regla(A, "Llegó otra hoja del Comité («{otro}»); se usa la más reciente "
                                      "(«{vigente}») y esta no se cuenta."),
    Codigo.COMITE_CODIGO_VACIO: _Regla(E, "La fila marca «{valor}» en «Seleccionada» pero no tiene código de "
                                       "ficha. No borre los códigos de la hoja."),
    Codigo.COMITE_CODIGO_DESCONOCIDO: _Regla(E, "El código «{valor}» no está entre las {cuota} fichas "
                                             "priorizadas en la Etapa III. Revise que no se haya cambiado "
                                             "el código."),
    Codigo.COMITE_CODIGO_REPETIDO: _Regla(E, "La ficha {ficha} aparece más de una vez en la hoja (también en "
                                          "la fila {otra_fila}); solo se cuenta la primera."),
    Codigo.COMITE_FICHA_FALTANTE: _Regla(A, "La ficha priorizada {ficha} no aparece en la hoja del Comité; se "
                                         "considera no seleccionada."),
    Codigo.COMITE_NO_SI_NO: _Regla(E, "En la ficha {ficha}, «Seleccionada» dice «{valor}»: escriba «Sí» o «No»."),
    Codigo.COMITE_SIN_MOTIVO: _Regla(E, "La ficha {ficha} está marcada «{valor}» pero no tiene motivo. Escriba "
                                     "en «Motivo» la razón del Comité; irá al acta y a la respuesta a la "
                                     "gerencia."),
    Codigo.COMITE_CANTIDAD: _Regla(E, "Fichas marcadas «Sí» por el Comité: {marcadas}; deben ser exactamente "
                                   "{cuota}. Corrija la columna «Seleccionada»."),
    Codigo.COMITE_VALOR_NO_CUBIERTO: _Regla(A, "Ninguna ficha seleccionada promueve «{valor}» (contando "
                                            "tecnología e innovación solo junto a otro valor). El portafolio "
                                            "sugerido sí cubre todos los valores: {sugerido}."),
    Codigo.ASISTENCIA_ILEGIBLE: _Regla(A, "El libro no es la hoja de asistencia del Taller de Inducción (no "
                                       "tiene la tabla de asistentes); el acta de la Etapa I se escribe con "
                                       "filas en blanco para firmar. Use plantillas_excel/"
                                       "asistencia_etapa_I.xlsx."),
    # --- fin Etapa IV ---
}


@dataclass(frozen=True, order=True)
class Observacion:
    """Un problema, con las coordenadas que ve el usuario: archivo, hoja, celda, campo."""

    gerencia: str
    archivo: str
    hoja: str
    celda: str
    campo: str
    codigo: Codigo
    severidad: Severidad
    mensaje: str
    valor: str = ""
    ficha: str = ""
    contexto: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def es_error(self) -> bool:
        return self.severidad is Severidad.ERROR

    @property
    def ubicacion(self) -> str:
        """`'Ficha 3'!C12`, como lo escribe Excel."""
        if not self.hoja:
            return ""
        hoja = f"'{self.hoja}'" if not self.hoja.isalnum() else self.hoja
        return f"{hoja}!{self.celda}" if self.celda else hoja


def observar(codigo: Codigo, *, gerencia: str = "", archivo: str = "", hoja: str = "",
             celda: str = "", campo: str = "", valor: Any = "", ficha: str = "",
             severidad: Severidad | None = None, **contexto: Any) -> Observacion:
    """Crea una observación con el mensaje de la plantilla de su código."""
    regla = REGLAS[codigo]
    texto_valor = "" if valor is None else str(valor)
    datos = {"gerencia": gerencia, "archivo": archivo, "hoja": hoja, "celda": celda, "campo": campo,
             "ficha": ficha, "valor": _recortar(texto_valor), **contexto}
    try:
        mensaje = regla.plantilla.format(**datos)
    except KeyError as e:  # un error de programación: que se note en las pruebas
        raise KeyError(f"Falta {e} para el mensaje de {codigo}") from None
    return Observacion(gerencia=gerencia, archivo=archivo, hoja=hoja, celda=celda, campo=campo,
                       codigo=codigo, severidad=severidad or regla.severidad, mensaje=mensaje,
                       valor=texto_valor, ficha=ficha, contexto=dict(contexto))


def _recortar(texto: str, maximo: int = 80) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= maximo else texto[: maximo - 1] + "…"


def hay_errores(observaciones: Iterable[Observacion]) -> bool:
    return any(o.es_error for o in observaciones)


def contar(observaciones: Iterable[Observacion]) -> tuple[int, int]:
    """(errores, advertencias)."""
    errores = advertencias = 0
    for o in observaciones:
        if o.es_error:
            errores += 1
        else:
            advertencias += 1
    return errores, advertencias


def aplanar(observaciones: Iterable[Observacion], *campos: str) -> list[tuple[Any, ...]]:
    """Tabla literal para las pruebas: `aplanar(obs, "hoja", "celda", "codigo")`."""
    return [tuple(getattr(o, c) for c in campos) for o in observaciones]
