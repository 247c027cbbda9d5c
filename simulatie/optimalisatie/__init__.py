"""Optimaliseren: which rules house the most at the least cost, searched on common random numbers.

ruimte.py (+ ruimte.toml): the search space as data; maten.py: the measures and objectives;
zoeken.py: candidates and successive halving; pareto.py: the frontier; uitvoer.py and
grafiek.py: the writers; commando.py: `huisvesting optimaliseer`.
"""
