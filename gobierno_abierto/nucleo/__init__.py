"""Capa común: esquema de la ficha, configuración, observaciones, registros y textos."""
