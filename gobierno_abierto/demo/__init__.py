"""Demostración de punta a punta con datos sintéticos."""
