"""Etapa I — Taller de inducción: hoja de asistencia y acta."""
