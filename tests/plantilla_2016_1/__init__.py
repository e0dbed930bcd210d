"""La plantilla de fichas versión 2016.1, congelada tal como se entregó a las gerencias.

`esquema.py` e `instrumento.py` son copias textuales de `gobierno_abierto/nucleo/esquema.py` y
`gobierno_abierto/etapa2/instrumento.py` en el commit d2e336a (`git show d2e336a:<ruta>`); solo
cambian sus importaciones. No se corrigen ni se actualizan: escriben libros genuinos de la
versión 2016.1 (nombres definidos `fichaN_presupuesto_2016`, …) para comprobar que la lectura
vigente los sigue entendiendo. Si cambia la configuración, adapte solo lo necesario para que
vuelvan a ejecutarse, sin tocar los nombres ni la disposición.
"""
