"""procesar: selección de compromisos de Gobierno Abierto del Gobierno Regional de La Libertad."""

__version__ = "0.1.0"
