"""The province's linear method, reproduced exactly: a sibling of the pace model (`tempo`) and the
simulation route (`via_simulatie`).

prognose = realisatie x dagen_periode / dagen_verstreken, rounded half up to whole persons; the
percentages divide the UNROUNDED prognose by the totaalopgave (with and without extra opgave)
and round half up. Seed check (2022-2, peildatum 10 Nov 2022, 132 of 184 days): Leusden 31 ->
43.21 -> 43, 86%, 71%; Utrecht 438 -> 610.55 -> 611, 127%, 99%; Totaal 1120 -> 1561.2 -> 1561.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .tabel import GemeenteRij, TabelPeriode


# ---------------------------------------------------------------- the province's method

def rond_half_op(x: Fraction) -> int:
    """Round half away from zero, as Excel's ROUND and its display do (not Python's round)."""
    if x >= 0:
        return math.floor(x + Fraction(1, 2))
    return -math.floor(-x + Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class LineairePrognose:
    exact: Fraction          # realisatie x dagen / verstreken, unrounded
    prognose: int
    pct: int | None          # of totaalopgave; None when the totaalopgave is 0 or less
    pct_extra: int | None    # of totaalopgave inclusief extra opgave


def lineaire_prognose(rij: GemeenteRij, periode: TabelPeriode) -> LineairePrognose | None:
    if not rij.heeft_cijfers:
        return None
    exact = Fraction(rij.realisatie * periode.dagen, periode.dagen_verstreken)

    def pct(noemer):
        return rond_half_op(exact * 100 / noemer) if noemer and noemer > 0 else None
    return LineairePrognose(exact, rond_half_op(exact), pct(rij.totaalopgave), pct(rij.totaalopgave_extra))
