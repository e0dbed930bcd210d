"""Etapa IV — Propuesta final: hoja del Comité, portafolio, selección final y documentos."""
