"""Wachtlijst: today's practice as a baseline beside the optimiser.

First come, first served by koppeldatum (ties by list order); each household takes the first
fitting dwelling in order of availability. It obeys the same hard rules as the optimiser, so
the difference between the two is what optimisation adds.
"""

from __future__ import annotations

import numpy as np

from .regels import Ronde


def wachtlijst(r: Ronde, ok: np.ndarray) -> np.ndarray:
    """Per household: index of the dwelling it gets, or -1."""
    n_hh, n_w = ok.shape
    plaats = np.full(n_hh, -1, np.int64)
    vrij = np.ones(n_w, bool)
    w_volgorde = np.lexsort((np.arange(n_w), r.w.beschikbaar))
    ok_geordend = ok[:, w_volgorde]
    for h in np.lexsort((np.arange(n_hh), r.hh.koppeldag)):
        kandidaten = np.nonzero(ok_geordend[h] & vrij[w_volgorde])[0]
        if len(kandidaten):
            w = w_volgorde[kandidaten[0]]
            plaats[h] = w
            vrij[w] = False
    return plaats
