"""Ajustes de los documentos (Etapa IV): miembros del Comité, oficio, firmantes y acuerdos.

Se declaran en `modelos_configuracion` (`[[comite]]` y `[documentos]`) y se obtienen ya comprobados
con `config.documentos`.
"""

from .modelos_configuracion import AjustesDocumentos, Persona

__all__ = ["AjustesDocumentos", "Persona"]
