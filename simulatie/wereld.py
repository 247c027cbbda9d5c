"""Wereld: everything outside the municipality's control, drawn once per replication.

Vacancies, deliveries, koppelingen with their composition, nareizigers' arrival, refusals,
host stays and Nidos outflow are drawn from their own streams (`aanbod`, `vraag`), before any
policy acts. Every policy then runs on the identical world: that is what makes paired comparison
exact (identical policies differ by exactly 0) and keeps the SimPy model itself deterministic.
"""

from __future__ import annotations

from operator import attrgetter

from matching.huishoudens import Huishouden
from matching.woningen import Woning

from .scenario import Scenario
from .snelbouw import bouwer
from .aanbod import trek_kamers, trek_opleveringen, trek_vacatures, trek_vervangingen
from .vraag import reserveer_voor_amvs, trek_amvs, trek_koppelingen
from .wereld_records import KomendeWoning, Wereld

_KomendeWoning = bouwer(KomendeWoning)
_OP_VOLGORDE = attrgetter("bekend", "woning.id")  # (day known, dwelling id)


def trek_wereld(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden],
                startwoningen: list[Woning]) -> Wereld:
    vacatures, per_jaar = trek_vacatures(sc, seed, rep, startwoningen)
    woningen = ([_KomendeWoning(0, w) for w in startwoningen] + trek_opleveringen(sc, seed, rep) + vacatures
                + trek_kamers(sc, seed, rep))
    woningen.sort(key=_OP_VOLGORDE)
    amvs, woningen = reserveer_voor_amvs(sc, trek_amvs(sc, seed, rep), woningen)
    return Wereld(rep, woningen, trek_koppelingen(sc, seed, rep, startlijst, amvs), amvs, per_jaar,
                  trek_vervangingen(sc, seed, rep))
