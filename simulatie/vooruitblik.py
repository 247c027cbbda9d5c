"""Vooruitblik: the households COA is expected to link within the look-ahead horizon, sampled
from the scenario's own demand mix, as plain data for the matching (matching/vooruitkijken.py).

A sample-average approximation of the future: each round draws how many households COA links
in the next `vooruitkijken_weken` weeks (Poisson with the linking rate of the scenario's
windows, `vraag.koppelvensters`) and their compositions (`vraag.trek_samenstelling`), on the
named stream "vooruitkijken" keyed by replication and day. No other stream is touched, so the
common random numbers of every policy stay as they were, and two look-ahead policies see the
same sample on the same day. The sample is never the world's real future.
"""

from __future__ import annotations

import numpy as np

from matching.beleid import Beleid
from matching.bezetting import slaapkamers_nodig
from matching.huishoudens import Huishouden
from matching.regels import Ronde
from matching.vooruitkijken import Verwachting, met_verwachting

from .scenario import Scenario
from .stromen import toevalsstroom
from .vraag import gemiddelde_personen, koppelvensters, mix_gewichten, trek_samenstelling


class Vooruitblik:
    def __init__(self, sc: Scenario, seed: int, rep: int, startlijst, amvs):
        self.sc, self.seed, self.rep = sc, seed, rep
        self.vensters = koppelvensters(sc, sum(h.personen_totaal for h in startlijst), amvs) \
            if sc.vraag.samenstelling else []
        self.gewichten = mix_gewichten(sc) if sc.vraag.samenstelling else None
        self.gem = gemiddelde_personen(sc) if sc.vraag.samenstelling else 1.0

    def verwacht_aantal(self, nu: int, weken: int) -> float:
        """Expected households linked in [nu, nu + weken x 7)."""
        eind = nu + 7 * weken
        return sum(max(min(b, eind) - max(a, nu), 0) / (b - a) * personen / self.gem
                   for a, b, personen in self.vensters if b > a)

    def verwachting(self, nu: int, beleid: Beleid) -> Verwachting:
        rng = toevalsstroom(self.seed, self.rep, "vooruitkijken", nu)
        n = int(rng.poisson(self.verwacht_aantal(nu, beleid.vooruitkijken_weken))) if self.vensters else 0
        personen, nodig, ruim = [], [], []
        for i in range(n):
            s, kinderen, nar = trek_samenstelling(self.sc, rng, self.gewichten)
            hh = Huishouden(f"V{i}", self.sc.startdatum, s.volwassenen, kinderen, nar)
            personen.append(hh.personen)
            nodig.append(slaapkamers_nodig(hh, beleid))
            ruim.append(slaapkamers_nodig(hh, beleid, ruim=True))
        return Verwachting(tuple(personen), tuple(nodig), tuple(ruim))

    def ronde(self, r: Ronde, ok: np.ndarray, nu: int, beleid: Beleid, n_aanbod: int) -> tuple[Ronde, np.ndarray]:
        """The round with the expected households as extra rows; they may hold only dwellings of
        the pool (the first `n_aanbod` columns), never a household's reservation."""
        return met_verwachting(r, ok, beleid, self.verwachting(nu, beleid), np.arange(len(r.w)) < n_aanbod)
