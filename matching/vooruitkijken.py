"""Vooruitkijken: a scarce large dwelling priced by its expected use within a horizon.

The weekly matching is myopic: a 4-bedroom dwelling goes to a family of four today although a
family of eight is expected next month, and the few dwellings that fit a large family are gone
when it comes. With look-ahead (policy parameter `vooruitkijken_weken` > 0, off in the presets)
the round also sees households expected within that horizon, as extra rows of the assignment
(a sample-average approximation of the future: the caller draws them from its demand mix). An
expected household's persons count at a discount (`vooruitkijken_korting`: it may not come, or
the dwelling may go unused meanwhile), rounded down, so it only wins a dwelling where it would
house clearly more persons than anyone waiting now. A dwelling given to an expected household
is held this round: nobody gets it, and next round the real list and a new sample decide again.

The rules for expected households are the policy's own (`toelaatbaar` on the same dwellings),
and the caller passes plain data (`Verwachting`): this module knows nothing of a simulation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .beleid import Beleid
from .regels import GEEN_BLOKKADE, HuishoudenKenmerken, Ronde, toelaatbaar


@dataclass(frozen=True)
class Verwachting:
    """Households expected within the horizon, one entry each (sampled, not real people)."""
    personen: tuple[int, ...]       # persons, nareizigers included (the family the dwelling is for)
    nodig: tuple[int, ...]          # bedrooms needed under the policy
    nodig_ruim: tuple[int, ...]     # need without optional sharing (the spare-bedroom limit)

    def __len__(self) -> int:
        return len(self.personen)


def verdisconteerd(personen: np.ndarray, korting: float) -> np.ndarray:
    """Persons an expected household is worth now: discounted and rounded down (never a tie
    won by rounding up)."""
    return np.floor(np.asarray(personen, float) * korting + 1e-9).astype(np.int64)


def met_verwachting(r: Ronde, ok: np.ndarray, beleid: Beleid, v: Verwachting,
                    kolommen: np.ndarray | None = None) -> tuple[Ronde, np.ndarray]:
    """The round with the expected households appended as rows after the real ones, and its
    admissibility. `kolommen`: the dwellings an expected household may hold (default all).
    Expected households worth no person now are left out: they could only take what nobody
    wants, and holding that gains nothing."""
    waard = verdisconteerd(np.array(v.personen, np.int64), beleid.vooruitkijken_korting)
    houd = np.flatnonzero(waard > 0)
    if not len(houd):
        return r, ok
    n = len(houd)
    personen = np.array(v.personen, np.int64)[houd]
    nul = np.zeros(n, np.int64)
    fantoom = HuishoudenKenmerken(
        ids=np.array([f"verwacht-{i}" for i in range(n)], dtype=object),
        personen=waard[houd],
        personen_huur=personen,
        nodig=np.array(v.nodig, np.int64)[houd],
        nodig_ruim=np.array(v.nodig_ruim, np.int64)[houd],
        alleen=personen == 1,
        toegankelijk=np.zeros(n, bool),
        koppeldag=nul + r.peildag,           # no waiting time: a real household wins every tie
        voorkeur=np.full(n, None, dtype=object),
        blokkade=nul + GEEN_BLOKKADE,
        toegezegd=None,
        gezin=personen,
    )
    ok_f = toelaatbaar(Ronde(fantoom, r.w, r.peildag), beleid)
    if kolommen is not None:
        ok_f = ok_f & kolommen[None, :]
    samen = HuishoudenKenmerken(**{k: _samen(getattr(r.hh, k), getattr(fantoom, k), n)
                                   for k in r.hh.__dataclass_fields__})
    return Ronde(samen, r.w, r.peildag), np.vstack([ok, ok_f])


def _samen(echt, fantoom, n: int):
    """A field of the real rows followed by the expected ones (an optional field the real rows
    lack stays absent; expected households hold no promise)."""
    if echt is None:
        return None
    return np.concatenate([echt, fantoom if fantoom is not None else np.zeros(n, echt.dtype)])
