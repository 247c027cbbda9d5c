"""Common random numbers: one generator per (replication, stochastic source).

Keyed by name, not by draw order, so two policies see the same vacancies, koppelingen,
compositions, nareizigers, refusals and stays, whatever each does with them.
"""

from __future__ import annotations

import numpy as np

STROMEN = ("vacatures", "koppelingen", "samenstelling", "nareizigers", "weigeringen", "verblijf",
           "opleveringen", "renovaties", "nidos", "buitenland", "startlijst",
           "vervanging", "doorstroom", "kamers", "vooruitkijken")


def toevalsstroom(seed: int, replicatie: int, naam: str, *sleutel: int) -> np.random.Generator:
    """`sleutel`: further keys (a day), for draws that must not depend on what came before."""
    ss = np.random.SeedSequence(seed, spawn_key=(replicatie, STROMEN.index(naam), *sleutel))
    return np.random.default_rng(ss)
