"""Etapa IV, segunda mitad: perfilar con las gerencias los compromisos elegidos y escribir el Plan de Acción."""
