"""Etapa II — Formulación: plantilla de fichas, lectura, validación, consolidación y consolidado."""
