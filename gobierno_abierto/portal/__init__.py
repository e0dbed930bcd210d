"""Publicación del proceso: un sitio estático y datos abiertos con la respuesta razonada de cada ficha."""
