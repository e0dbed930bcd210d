"""Etapa III — Taller de priorización: hojas de puntaje, cálculo y libro de priorización."""
