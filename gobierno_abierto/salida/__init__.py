"""Escritura: libros de Excel, documentos Word, PDF, rutas, publicación atómica y resúmenes."""
