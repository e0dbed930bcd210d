"""Los códigos de observación, declarados una vez: la severidad y la plantilla de mensaje de cada uno.

Cada plantilla dice qué pasó y cómo corregirlo; `observaciones.observar` la rellena con las
coordenadas del problema. Una prueba comprueba que cada código tiene su regla.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
    ARCHIVO_SIN_ACCESO = "archivo_sin_acceso"
    ARCHIVO_IGNORADO = "archivo_ignorado"
    CORREO_SIN_ADJUNTO = "correo_sin_adjunto"
    CORREO_ILEGIBLE = "correo_ilegible"
    CORREO_CABECERA_DANADA = "cabecera_de_correo_danada"
    CORREO_WINMAIL = "correo_en_formato_winmail_dat"
    ZIP_SIN_HOJA = "zip_sin_hoja_de_calculo"
    ARCHIVO_ESTRICTO = "libro_open_xml_estricto"
    # Plantilla
    NO_ES_PLANTILLA = "no_es_la_plantilla"
    PLANTILLA_ANTIGUA = "plantilla_version_antigua"
    NOMBRE_FALTANTE = "celda_de_plantilla_no_encontrada"
    NOMBRE_REDIRIGIDO = "nombre_de_plantilla_redirigido"
    HOJA_AJENA = "hoja_que_no_es_de_la_plantilla"
    CONTENIDO_LEJANO = "contenido_fuera_del_area"
    GERENCIA_FALTANTE = "codigo_gerencia_faltante"
    GERENCIA_DESCONOCIDA = "codigo_gerencia_desconocido"
    GERENCIA_POR_CORREO = "gerencia_identificada_por_correo"
    GERENCIA_OTRO_REMITENTE = "remitente_de_otra_gerencia"
    ENVIO_REEMPLAZADO = "envio_reemplazado"
    ENVIOS_SIN_ORDEN = "envios_sin_orden_fiable"
    ENVIO_DE_OTRA_GERENCIA = "envio_desde_otra_gerencia"
    FECHA_FUTURA = "fecha_en_el_futuro"
    FECHAS_DISCREPANTES = "fechas_que_no_coinciden"
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
    FECHA_DE_OTRO_ANIO = "fecha_de_otro_anio"
    NO_ES_FECHA = "no_es_fecha"
    NO_ES_CORREO = "no_es_correo"
    NO_ES_SI_NO = "no_es_si_no"
    SIN_VALOR_OGP = "sin_valor_ogp"
    SOLO_TECNOLOGIA = "solo_tecnologia"
    SIN_PRESUPUESTO = "sin_presupuesto"
    FORMULA_SIN_VALOR = "formula_sin_valor"
    CELDA_CON_ERROR = "celda_con_error"
    FORMULA_CALCULADA = "formula_con_valor_guardado"
    TEXTO_CON_CONTROL = "texto_con_caracteres_de_control"
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
    # --- Perfilado (Etapa IV, consultas y Plan de Acción): códigos aquí ---
    NO_ES_HOJA_PERFIL = "no_es_libro_de_perfil"
    PERFIL_TARDIO = "perfil_fuera_de_plazo"
    PERFIL_CODIGO_DESCONOCIDO = "compromiso_no_seleccionado"
    PERFIL_FALTANTE = "compromiso_sin_perfil"
    PERFIL_CORREO = "correo_del_responsable_no_valido"
    FIN_ANTES_DE_INICIO = "fin_antes_del_inicio"
    FUERA_DEL_PERIODO = "fecha_fuera_del_periodo_de_implementacion"
    HITO_FUERA_DEL_COMPROMISO = "hito_fuera_del_periodo_del_compromiso"
    HITO_SIN_ENTREGABLE = "hito_sin_entregable"
    HITO_SIN_FECHA = "hito_sin_fecha"
    POCOS_HITOS = "menos_hitos_que_el_minimo"
    RELEVANCIA_VACIA = "relevancia_sin_explicar"
    RELEVANCIA_SOLO_TECNOLOGIA = "relevancia_solo_por_tecnologia"
    HITO_NO_VERIFICABLE = "hito_no_verificable"
    HITO_TODO_EL_PERIODO = "hito_tan_largo_como_el_compromiso"
    SIN_SOCIEDAD_CIVIL = "sin_actor_de_la_sociedad_civil"
    # --- fin Perfilado ---


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
    Codigo.ARCHIVO_NO_HOJA: _Regla(E, "No es una hoja de cálculo ({detalle}). Se espera el libro que entregó la "
                                   "coordinación, en Excel (.xlsx) o LibreOffice (.ods)."),
    Codigo.ARCHIVO_ILEGIBLE: _Regla(E, "No se pudo leer el archivo ({detalle}). Pida a la gerencia que lo "
                                    "guarde de nuevo como .xlsx."),
    Codigo.ARCHIVO_IGNORADO: _Regla(A, "Se ignoró: {detalle}, y aquí solo se leen hojas de cálculo. Si trae una "
                                    "decisión o datos que faltan, pida ese libro en Excel (.xlsx) o LibreOffice "
                                    "(.ods); si no, puede sacarlo de la carpeta."),
    Codigo.ARCHIVO_SIN_ACCESO: _Regla(E, "Esta computadora no pudo abrirlo ({detalle}), así que no se leyó. Revise "
                                      "que no esté abierto en otro programa ni sincronizándose (OneDrive) y que "
                                      "su usuario pueda leerlo; después vuelva a ejecutar."),
    Codigo.CORREO_SIN_ADJUNTO: _Regla(E, "El correo de {remitente} no trae ninguna hoja de cálculo adjunta{trae}."),
    Codigo.CORREO_ILEGIBLE: _Regla(E, "No se pudo leer el correo ({detalle})."),
    Codigo.CORREO_CABECERA_DANADA: _Regla(A, "La cabecera «{campo}» ({que}) del correo está dañada y no se pudo "
                                          "leer («{valor}»): {consecuencia}. Los adjuntos se leyeron igual."),
    Codigo.CORREO_WINMAIL: _Regla(E, "El correo se envió en formato enriquecido de Outlook (winmail.dat) y sus "
                                  "adjuntos no se pueden abrir: pida a la gerencia que lo reenvíe como HTML o "
                                  "texto sin formato (en Outlook: Formato de texto › HTML)."),
    Codigo.ZIP_SIN_HOJA: _Regla(E, "El archivo comprimido (.zip) no contiene ninguna hoja de cálculo "
                                "({contenido}). Pida a la gerencia que envíe la plantilla llena (.xlsx)."),
    Codigo.ARCHIVO_ESTRICTO: _Regla(E, "El libro está guardado como «Hoja de cálculo Open XML estricta» y no se "
                                    "pudo leer. Ábralo en Excel y, con «Guardar como», guárdelo como "
                                    "Libro de Excel (.xlsx)."),
    Codigo.NO_ES_PLANTILLA: _Regla(E, "El libro no es la plantilla de fichas de Gobierno Abierto (no tiene "
                                   "«{nombre}»). Pida a la gerencia que copie sus datos en la plantilla que "
                                   "se le envió."),
    Codigo.PLANTILLA_ANTIGUA: _Regla(A, "El libro usa la plantilla versión {valor} y la vigente es la {vigente}. "
                                     "Se leyó igual; para el próximo envío use la plantilla nueva."),
    Codigo.NOMBRE_FALTANTE: _Regla(E, "No se encontró la celda «{nombre}» de la plantilla (¿se borró una fila o "
                                   "una hoja?). Pida a la gerencia que use la plantilla original."),
    Codigo.NOMBRE_REDIRIGIDO: _Regla(E, "El nombre «{nombre}» de la plantilla apunta a {destino} y debe apuntar a "
                                     "una sola celda de la hoja «{esperada}»{donde}; no se leyó. Pida a la gerencia "
                                     "que use la plantilla original o que corrija el nombre en Fórmulas › "
                                     "Administrador de nombres."),
    Codigo.HOJA_AJENA: _Regla(A, "La hoja «{hoja}» parece una ficha, pero no es una de las hojas de la plantilla "
                              "({hojas}) y no se leyó. Si contiene una ficha, copie sus datos en una de esas "
                              "hojas; si es una copia de trabajo, bórrela."),
    Codigo.CONTENIDO_LEJANO: _Regla(A, "La hoja «{hoja}» tiene contenido en {celda}{otras}, fuera del área que se "
                                    "lee (hasta {limite}); no se leyó. Si no es parte del formulario, bórrelo "
                                    "(Ctrl+Fin lleva a la última celda usada); si lo es, cópielo en su celda."),
    Codigo.GERENCIA_FALTANTE: _Regla(E, "El libro no indica la gerencia (celda «codigo_gerencia» vacía) y no se "
                                     "pudo deducir del remitente. Use la plantilla personalizada de la gerencia."),
    Codigo.GERENCIA_DESCONOCIDA: _Regla(E, "El código de gerencia «{valor}» no está en la configuración. "
                                        "Revise la plantilla o agregue la gerencia a configuracion.toml."),
    Codigo.GERENCIA_POR_CORREO: _Regla(A, "El libro no trae un código de gerencia válido; se atribuyó a "
                                       "{nombre_gerencia} por el remitente {remitente}. Verifíquelo."),
    Codigo.GERENCIA_OTRO_REMITENTE: _Regla(A, "El libro es la plantilla de {nombre_gerencia}, pero lo envió {remitente}, "
                                           "correo de {otra}. Verifique que no se haya enviado la plantilla "
                                           "de otra gerencia."),
    Codigo.ENVIO_REEMPLAZADO: _Regla(A, "No se usa: {quien} envió después «{vigente}» ({fecha}, según {testigo}); "
                                     "este envío es del {fecha_anterior} (según {testigo_anterior}). Vale el más "
                                     "reciente."),
    Codigo.ENVIOS_SIN_ORDEN: _Regla(E, "Hay dos envíos de {quien}, «{archivo}» y «{otro}», y no se puede saber cuál "
                                    "llegó después: ninguno llegó por correo ni lo vio antes el programa, y la "
                                    "fecha de modificación cambia con una copia. Mientras tanto se usa «{archivo}». "
                                    "Quite de la carpeta el que no vale (o guarde los correos .eml/.msg) y vuelva "
                                    "a ejecutar."),
    Codigo.ENVIO_DE_OTRA_GERENCIA: _Regla(E, "«{archivo}» es el libro de {nombre_gerencia}, pero llegó del correo de "
                                          "{otra} ({remitente}) y es posterior a «{propio}», que la gerencia envió "
                                          "desde su propio correo. Se mantiene «{propio}» hasta que usted decida: "
                                          "si el nuevo vale, pida a la gerencia que lo reenvíe desde su correo o "
                                          "quite «{propio}» de la carpeta."),
    Codigo.FECHA_FUTURA: _Regla(A, "La fecha del envío ({fecha}, según {testigo}) está en el futuro: el reloj del "
                                "equipo que lo envió puede estar mal. Verifique la fecha real de recepción."),
    Codigo.FECHAS_DISCREPANTES: _Regla(A, "Las fechas no coinciden por más de un día: {fecha} según {testigo} y "
                                       "{otra} según {otro_testigo}. Se usa la primera."),
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
    Codigo.FECHA_DE_OTRO_ANIO: _Regla(A, "«{etiqueta}» dice {valor}, y el proceso es de {anio}: revise la fecha "
                                      "(en Excel, un número suelto como 1 se muestra como 01/01/1900)."),
    Codigo.NO_ES_FECHA: _Regla(E, "«{etiqueta}» debe ser una fecha (dd/mm/aaaa) y dice «{valor}»."),
    Codigo.NO_ES_CORREO: _Regla(A, "«{etiqueta}» no parece un correo electrónico: «{valor}»."),
    Codigo.NO_ES_SI_NO: _Regla(E, "«{etiqueta}» debe ser «Sí» o «No» y dice «{valor}»."),
    Codigo.SIN_VALOR_OGP: _Regla(E, "La ficha no marca ningún valor de Gobierno Abierto. Marque «Sí» en al "
                                 "menos uno: {valores}."),
    Codigo.SOLO_TECNOLOGIA: _Regla(A, "La ficha solo marca «{valor}», que cuenta únicamente junto a "
                                   "transparencia, rendición de cuentas o participación ciudadana."),
    Codigo.SIN_PRESUPUESTO: _Regla(A, "La ficha no tiene presupuesto en ningún año. Confirme que la actividad "
                                   "se financia."),
    Codigo.FORMULA_SIN_VALOR: _Regla(E, "«{etiqueta}»: la celda tiene una fórmula sin valor calculado: escriba el "
                                     "número (o el texto) en lugar de la fórmula «{valor}»."),
    Codigo.CELDA_CON_ERROR: _Regla(E, "«{etiqueta}»: la celda muestra el error {valor}: escriba el valor."),
    Codigo.FORMULA_CALCULADA: _Regla(A, "«{etiqueta}» se calcula con la fórmula «{formula}»; se tomó el valor "
                                     "guardado en el archivo ({valor}). Verifique que sea correcto o escriba "
                                     "el número directamente."),
    Codigo.TEXTO_CON_CONTROL: _Regla(A, "«{etiqueta}» traía caracteres de control invisibles (por ejemplo, saltos "
                                     "de línea pegados desde Word) que un documento de Word no admite; se "
                                     "cambiaron por saltos de línea o se quitaron. Revise el texto."),
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
    # --- Perfilado (Etapa IV, consultas y Plan de Acción): reglas aquí ---
    Codigo.NO_ES_HOJA_PERFIL: _Regla(E, "El libro no es el libro de perfil de un compromiso (no tiene "
                                     "«perfil_plantilla_id»). Use el libro que escribe «python procesar.py "
                                     "hojas-perfil» para el compromiso."),
    Codigo.PERFIL_TARDIO: _Regla(A, "Recibido el {fecha}, después del plazo del perfilado ({plazo})."),
    Codigo.PERFIL_CODIGO_DESCONOCIDO: _Regla(E, "El código «{valor}» no está entre los {cuota} compromisos "
                                             "seleccionados por el Comité ({seleccionados}). No cambie el código: "
                                             "use el libro de perfil de su compromiso."),
    Codigo.PERFIL_FALTANTE: _Regla(E, "No se recibió el libro de perfil del compromiso {ficha} («{nombre}», "
                                   "{nombre_gerencia}). Sin él no se puede escribir el Plan de Acción."),
    Codigo.PERFIL_CORREO: _Regla(E, "«{etiqueta}» no es un correo electrónico válido («{valor}»). El Plan "
                                 "publica el contacto del responsable: escriba un correo como "
                                 "nombre@regionlalibertad.gob.pe."),
    Codigo.FIN_ANTES_DE_INICIO: _Regla(E, "{que} termina el {fin}, antes de empezar ({inicio}). Corrija las "
                                       "fechas."),
    Codigo.FUERA_DEL_PERIODO: _Regla(E, "«{etiqueta}» ({fecha}) está fuera del período de implementación (del "
                                     "{inicio} al {fin}). Escriba una fecha dentro de ese período."),
    Codigo.HITO_FUERA_DEL_COMPROMISO: _Regla(E, "«{etiqueta}» ({fecha}) está fuera del período del compromiso "
                                             "(del {inicio} al {fin}). Ajuste la fecha del hito o las del "
                                             "compromiso."),
    Codigo.HITO_SIN_ENTREGABLE: _Regla(E, "El hito {numero} tiene fechas pero no dice qué se entregará. Escriba "
                                       "el entregable verificable o borre la fila."),
    Codigo.HITO_SIN_FECHA: _Regla(E, "El hito {numero} («{valor}») no tiene {cual}. Cada hito necesita fecha de "
                                  "inicio y de término."),
    Codigo.POCOS_HITOS: _Regla(E, "El compromiso tiene {hitos} hito(s) con entregable y fechas, y se piden al "
                               "menos {minimo}. Complete la tabla «hitos»."),
    Codigo.RELEVANCIA_VACIA: _Regla(E, "El compromiso no explica su relevancia para ningún valor de Gobierno "
                                    "Abierto. Escriba por qué promueve al menos uno: {valores}."),
    Codigo.RELEVANCIA_SOLO_TECNOLOGIA: _Regla(A, "El compromiso solo justifica su relevancia por «{valor}». El IRM "
                                              "la cuenta únicamente si el compromiso además abre información, "
                                              "rinde cuentas o involucra a la ciudadanía: explique su relevancia "
                                              "para {valores}."),
    Codigo.HITO_NO_VERIFICABLE: _Regla(A, "El hito {numero} («{valor}») no es verificable: «{verbo}» expresa una "
                                       "intención, sin producto, número ni fecha. El IRM solo da por cumplido un "
                                       "hito que cualquiera pueda comprobar; escriba el entregable, por ejemplo "
                                       "«Informe de 2 audiencias públicas publicado en el portal»."),
    Codigo.HITO_TODO_EL_PERIODO: _Regla(A, "El hito {numero} («{valor}») dura {dias} días, tanto como todo el "
                                        "compromiso ({dias_compromiso} días): es el compromiso entero, no un hito. "
                                        "Divídalo en entregables con fechas intermedias para poder seguir su avance."),
    Codigo.SIN_SOCIEDAD_CIVIL: _Regla(A, "Ningún actor de la tabla «actores» es de la sociedad civil. La OGP pide "
                                      "implementar y vigilar los compromisos con ella: anote al menos una "
                                      "organización de tipo «Sociedad civil»."),
    # --- fin Perfilado ---
}
