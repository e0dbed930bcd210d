#!/usr/bin/env python3
"""procesar: selección de compromisos de Gobierno Abierto del Gobierno Regional de La Libertad.

Uso: python procesar.py --help
"""

import sys

if __name__ == "__main__":
    # Dentro de la guarda: en Windows cada proceso trabajador vuelve a ejecutar este archivo (como
    # «__mp_main__») y así no carga el programa entero, solo lo que necesita su tarea.
    from gobierno_abierto.cli import main

    sys.exit(main())
