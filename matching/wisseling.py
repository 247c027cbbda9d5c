"""Wisseling: the first day on which a rule that looks at the date may answer differently for
the same households and dwellings. The simulation skips a round whose input did not change
until that day (`simulatie/actoren/rondes.py`)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .beleid import Beleid
from .dagen import dag, datum, horizon_dag
from .regels import Ronde


@lru_cache(maxsize=4096)
def nieuwjaar_na(dagnr: int) -> int:
    return dag(dt.date(datum(dagnr).year + 1, 1, 1))


def volgende_wisseling(r: Ronde, beleid: Beleid) -> int | None:
    """The first day after the round's peildag on which a rule that looks at the date can
    answer differently for these same households and dwellings: a reservation becomes
    available (its soort no longer matters), one comes within the months ahead, or a new year
    brings a new rent limit. Until that day the round's admissible pairs stay the same, so a
    caller may skip a round in which nothing else changed. None: no such day."""
    # (a round's few dwellings: Python's min on a list is cheaper than numpy's)
    return wisseling_na(r.peildag, r.w.beschikbaar.tolist(), beleid)


def wisseling_na(p: int, beschikbaar: list[int], beleid: Beleid) -> int | None:
    """`volgende_wisseling` for a round on peildag `p` whose dwellings are available from
    `beschikbaar` (day numbers): its households play no part."""
    grens = horizon_dag(p, beleid.vooruit_maanden)
    return wisseling_uit(p, min([d for d in beschikbaar if d > p], default=None),
                         min([d for d in beschikbaar if d > grens], default=None), beleid)


def wisseling_uit(p: int, later: int | None, buiten: int | None, beleid: Beleid) -> int | None:
    """`wisseling_na` from what it needs of the dwellings: `later`, the first day one of them
    becomes available after `p`, and `buiten`, the first such day beyond the months ahead of
    `p` (`horizon_dag`); None where there is none. (A simulated round's compiled step finds
    both as it reads the dwellings.)"""
    dagen = [nieuwjaar_na(p)] if beleid.passend_toewijzen else []
    if later is not None:
        dagen.append(later)
    if buiten is not None:
        dagen.append(_horizon_bereikt(p, buiten, beleid.vooruit_maanden))
    return min(dagen, default=None)


@lru_cache(maxsize=16384)
def _horizon_bereikt(p: int, doel: int, m: int) -> int:
    """The first day after `p` whose horizon (`m` months ahead) reaches day `doel` (> the
    horizon of `p`). Rounds fall on the same days in every replication and the dwellings'
    dates recur, so the answers are kept."""
    # horizon_dag grows with the peildag: bisect.
    lo, hi = p + 1, doel
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if horizon_dag(mid, m) >= doel else (mid + 1, hi)
    return lo
