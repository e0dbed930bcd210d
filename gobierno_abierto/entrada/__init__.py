"""Lectura: recepción de archivos y correos, y lectura acotada de libros."""
