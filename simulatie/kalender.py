"""The calendar and the stand rule, once: half-years, day numbers, month names, dates in words.

The stand rule (stand in the domain's convention, negative = achterstand; the province writes
achterstand = -stand):

    stand(next)  = stand + realisatie - taakstelling
    totaalopgave = taakstelling - stand
    realisatie   = stand(next) - stand + taakstelling   (the rule solved, between two known stands)

Day numbers in the simulation count days since the scenario's startdatum (`simdag`); day
numbers in matching count from a fixed epoch (`matching.regels.dag`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np

from matching.bestanden.velden import MAANDEN

__all__ = ["MAANDEN", "MAANDEN_KORT", "datum_tekst", "halfjaar", "halfjaar_bij_peildatum", "simdag", "simdatum",
           "periodegrenzen", "volgende_stand", "totaalopgave", "realisatie_uit_standen", "standen"]

# Abbreviations on a chart's time axis (mrt, not maa).
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def datum_tekst(d: dt.date | str) -> str:
    """'10 november 2022', as the province and the reports write a date; from a date or ISO text."""
    d = dt.date.fromisoformat(d) if isinstance(d, str) else d
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def halfjaar(naam: str) -> tuple[dt.date, dt.date]:
    """'2023-1' -> 1 Jan - 1 Jul 2023; '2023-2' -> 1 Jul 2023 - 1 Jan 2024."""
    try:
        jaar, helft = naam.split("-")
        jaar, helft = int(jaar), int(helft)
        if helft not in (1, 2):
            raise ValueError
    except ValueError:
        raise ValueError(f"periode '{naam}': noem een halfjaar als JJJJ-1 of JJJJ-2, of geef start en eind") from None
    return (dt.date(jaar, 1, 1), dt.date(jaar, 7, 1)) if helft == 1 else (dt.date(jaar, 7, 1), dt.date(jaar + 1, 1, 1))


def halfjaar_bij_peildatum(peildatum: dt.date) -> str:
    """The half-year a peildatum reports on: start < peildatum <= eind. A peildatum on
    1 January or 1 July closes the period that just ended (realisatie over the whole period)."""
    if peildatum.month == 1 and peildatum.day == 1:
        return f"{peildatum.year - 1}-2"
    if peildatum < dt.date(peildatum.year, 7, 2):
        return f"{peildatum.year}-1"
    return f"{peildatum.year}-2"


def simdag(startdatum: dt.date, d: dt.date) -> int:
    """Day number in the simulation: days since the scenario's startdatum."""
    return (d - startdatum).days


def simdatum(startdatum: dt.date, dag: int) -> dt.date:
    """The date of simulation day `dag`."""
    return startdatum + dt.timedelta(days=int(dag))


def periodegrenzen(startdatum: dt.date, perioden: Sequence) -> list[int]:
    """Start day of every period and the end day of the last one, in simulation days."""
    return [simdag(startdatum, p.start) for p in perioden] + [simdag(startdatum, perioden[-1].eind)]


def volgende_stand(stand, realisatie, taakstelling):
    """Stand at the start of the next period (ints or numpy arrays)."""
    return stand + realisatie - taakstelling


def totaalopgave(taakstelling, stand):
    """What a period asks: its taakstelling plus the achterstand (= minus the stand)."""
    return taakstelling - stand


def realisatie_uit_standen(stand_begin, stand_eind, taakstelling):
    """What must have been placed between two known stands."""
    return stand_eind - stand_begin + taakstelling


def standen(stand_start: int, realisatie: np.ndarray, taakstellingen: Iterable[int]) -> np.ndarray:
    """Stand at each period's start per replication, from a (replications x periods) realisatie."""
    taak = np.array(list(taakstellingen), np.int64)
    stand = np.empty_like(realisatie)
    stand[:, 0] = stand_start
    for i in range(1, realisatie.shape[1]):
        stand[:, i] = volgende_stand(stand[:, i - 1], realisatie[:, i - 1], taak[i - 1])
    return stand
