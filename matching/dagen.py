"""Dagen: dates as day numbers (days since 1 January 1970), the form the rules compare; and the
calendar arithmetic the rules need on them."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

EPOCHE = dt.date(1970, 1, 1)


def dag(d: dt.date) -> int:
    return (d - EPOCHE).days


def datum(dagnr: int) -> dt.date:
    return EPOCHE + dt.timedelta(days=int(dagnr))


@lru_cache(maxsize=4096)
def horizon_dag(peildag: int, maanden: int) -> int:
    """Last day on which a reservation may become available and still be offered now:
    `maanden` calendar months after the peildatum (31 Aug + 6 months = 28/29 Feb)."""
    d = datum(peildag)
    m = d.month - 1 + maanden
    jaar, maand = d.year + m // 12, m % 12 + 1
    return dag(dt.date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1])))


@lru_cache(maxsize=4096)
def jaar_van(peildag: int) -> int:
    """The calendar year of day number `peildag` (the rent limit's year)."""
    return datum(peildag).year
