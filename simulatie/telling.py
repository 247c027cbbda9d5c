"""The counting rule for realisatie, once, for the simulation and the register alike.

Persons count for the taakstelling on the day a household gets the keys of its dwelling (those
present and not counted before); nareizigers who join a household already counted count on
arrival, the others with their household at its keys; a vervolghuisvesting move counts no one
again. Per period: a booking on day d falls in the period whose [start, eind) holds d, and only
before the horizon (the end of the simulation, or the register's peildatum).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence


def personen_bij_sleutels(personen: int, geteld: int, vervolg: bool) -> int:
    """Persons a household's keys book: those present not counted before; none for a vervolg move."""
    return 0 if vervolg else personen - geteld


def personen_bij_aankomst(aantal: int, al_geteld: bool) -> int:
    """Nareizigers booked on arrival: only when they join a household already counted."""
    return aantal if al_geteld else 0


def per_periode(gebeurtenissen: Iterable[tuple[int, int]], grenzen: Sequence[int], horizon: int) -> list[int]:
    """Sum of (day, persons) per period; `grenzen` the periods' start days and the last one's end."""
    uit = [0] * (len(grenzen) - 1)
    for d, n in gebeurtenissen:
        i = bisect_right(grenzen, d) - 1
        if 0 <= i < len(uit) and d < horizon:
            uit[i] += n
    return uit
