#!/usr/bin/env python3
"""procesar: selección de compromisos de Gobierno Abierto del Gobierno Regional de La Libertad.

Uso: python procesar.py --help
"""

import sys

from gobierno_abierto.cli import main

if __name__ == "__main__":
    sys.exit(main())
