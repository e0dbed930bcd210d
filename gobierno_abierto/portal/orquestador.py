"""`publicar`: el sitio y los datos abiertos desde las salidas de las etapas. Solo encadena.

Lee (`lectura`), decide qué se publica (`contenido`), escribe los datos (`datos_abiertos`) y el
sitio (`sitio`) en `salidas/publicacion/`.
"""

from __future__ import annotations

from datetime import date

from ..nucleo import textos
from ..nucleo.configuracion import Configuracion
from ..salida.publicacion import escribir_bytes_atomico, ruta_de_escritura
from ..salida.resumen import Resumen
from ..salida.rutas import Rutas
from .ajustes import leer_ajustes
from .contenido import armar_contenido
from .datos_abiertos import armar_tablas, escribir_datos
from .lectura import leer_fuentes
from .libro_abierto import libro_en_paralelo
from .sitio import CSP, descripciones_datos, escribir_descargas, escribir_sitio

REDIRECCION = """<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta http-equiv="refresh" content="0; url=sitio/index.html">
<title>Gobierno Abierto</title>
</head>
<body>
<p><a href="sitio/index.html">Abrir el sitio</a> · <a href="datos/LEEME.txt">Datos abiertos</a></p>
</body>
</html>
"""


def publicar(config: Configuracion, rutas: Rutas, hoy: date | None = None) -> Resumen:
    ajustes = leer_ajustes(config, hoy)
    fuentes = leer_fuentes(config, rutas)
    contenido = armar_contenido(config, ajustes, fuentes)
    carpeta = rutas.publicacion

    tablas = armar_tablas(contenido)
    with libro_en_paralelo(contenido, tablas, carpeta / "datos") as libro:   # el .xlsx, en otro núcleo
        datos = escribir_datos(contenido, tablas, carpeta / "datos")
        sitio = escribir_sitio(contenido, carpeta / "sitio")
    datos += libro
    descripciones = descripciones_datos([(t.archivo, t.titulo) for t in tablas])
    listado = [(p.name, descripciones.get(p.name, ""), ruta_de_escritura(p).stat().st_size) for p in datos]
    sitio.append(escribir_descargas(contenido, carpeta / "sitio", listado))
    entrada = escribir_bytes_atomico(carpeta / "index.html", REDIRECCION.format(csp=CSP).encode("utf-8"))

    r = Resumen("Publicación: sitio web y datos abiertos")
    r.leido += fuentes.leidos
    n = len(contenido.iniciativas)
    r.detalle.append(f"{n} iniciativas, cada una con su página y la respuesta razonada en cada etapa; "
                     f"{len(contenido.compromisos)} compromisos publicados.")
    r.detalle.append(f"Fecha de la publicación: {textos.fecha_larga(ajustes.fecha)}.")
    r.detalle += [f"Reservado: {x}" for x in contenido.reservas]
    if contenido.retirados:
        r.detalle.append(f"Se retiraron {contenido.retirados} dato(s) personal(es) de los textos (correos, teléfonos "
                         "o nombres de personas).")
    r.detalle.append("Abra salidas/publicacion/sitio/index.html en el navegador; para publicarlo, copie la carpeta "
                     "salidas/publicacion/ completa al servidor web (vea el README).")
    r.escrito += [entrada, carpeta / "sitio" / "index.html",
                  f"{(carpeta / 'sitio').relative_to(rutas.raiz)}/ ({len(sitio)} archivos)",
                  f"{(carpeta / 'datos').relative_to(rutas.raiz)}/ ({len(datos)} archivos: CSV, datapackage.json, "
                  ".xlsx y LEEME.txt)"]
    return r
