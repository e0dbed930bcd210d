"""Ajustes de la Etapa III: criterios, grupos del taller y método, la sección `[priorizacion]`.

Se declaran en `modelos_configuracion` y se obtienen ya comprobados con `config.priorizacion`.
"""

from .modelos_configuracion import AGREGACIONES, AjustesPriorizacion, Criterio, Grupo

__all__ = ["AGREGACIONES", "AjustesPriorizacion", "Criterio", "Grupo"]
