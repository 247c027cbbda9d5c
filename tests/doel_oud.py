"""The objective weights as they were before issue 14 (one level at a time, kern names compared
as strings): the reference the faster `matching.doel` must equal arc for arc."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.beleid import Beleid
from matching.regels import Ronde

GRENS_INT64 = 2**62


class DoelTeGroot(ValueError):
    pass


@dataclass(frozen=True)
class Bogen:
    """The admissible arcs of a round with their value (higher is better)."""
    hh: np.ndarray      # household index per arc
    w: np.ndarray       # dwelling index per arc
    waarde: np.ndarray  # int64
    termen: dict[str, np.ndarray]  # per objective level, per arc: for explanations
    exact: tuple[str, ...] = ()    # levels whose order the weights guarantee
    grens: int = 0                 # no solution's objective exceeds this

    def __len__(self) -> int:
        return len(self.hh)


def termen(r: Ronde, hi: np.ndarray, wi: np.ndarray) -> dict[str, np.ndarray]:
    over = np.maximum(r.w.slaapkamers[wi] - r.hh.nodig[hi], 0)
    # Fit is counted against the worst spare among the arcs, so every term is >= 0.
    passing = (over.max() if len(over) else 0) - over
    voorkeur = r.hh.voorkeur[hi]
    vooruit = np.maximum(r.w.beschikbaar[wi] - r.peildag, 0)
    return {
        "personen": r.hh.personen[hi],
        "wachttijd": np.maximum(r.peildag - r.hh.koppeldag[hi], 0),
        "beschikbaarheid": (vooruit.max() if len(vooruit) else 0) - vooruit,
        "passing": passing,
        "voorkeur": (voorkeur == r.w.kern[wi]).astype(np.int64),
    }


def _per_huishouden(hi: np.ndarray) -> np.ndarray:
    """Start of each household's run of arcs (arcs come from np.nonzero: sorted by household)."""
    if len(hi) == 0:
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.concatenate(([True], hi[1:] != hi[:-1])))


def _bovengrens(waarden: np.ndarray, starts: np.ndarray, max_plaatsingen: int) -> int:
    """Largest total a level can reach in one solution: each household counts once, with its
    best arc, and no more households than can be placed."""
    if len(waarden) == 0:
        return 0
    beste = np.maximum.reduceat(waarden.astype(np.int64), starts)
    if len(beste) > max_plaatsingen:
        beste = np.partition(beste, len(beste) - max_plaatsingen)[len(beste) - max_plaatsingen:]
    return int(beste.sum())


def gewichten(beleid: Beleid, t: dict[str, np.ndarray], hi: np.ndarray, max_plaatsingen: int,
              knopen: int, boven: tuple[str, ...] = ()) -> tuple[dict[str, int], tuple[str, ...], int]:
    """Weights per level and the levels that are ordered exactly.

    Lexicographic: each level's weight exceeds the most the levels below it can add up to in
    one solution. If the full order does not fit in 64 bits (min-cost flow also scales costs by
    the node count), the lowest levels are dropped one by one and the result says so: the
    higher levels, persons first, always stay exact. `boven` are levels placed above the
    policy's order (a promise to a household already holding a reservation). Also returns a
    bound on the objective of any solution."""
    doel = beleid.doel
    starts = _per_huishouden(hi)
    volgorde = list(boven) + list(doel.volgorde)
    grens_boog = GRENS_INT64 // max(knopen + 1, 1)
    if not doel.lexicografisch:
        gew = {n: int(doel.gewichten.get(n, 0)) for n in doel.volgorde}
        som = sum(g * _bovengrens(t[n], starts, max_plaatsingen) for n, g in gew.items())
        for n in boven:
            gew[n] = som + 1
            som += gew[n] * _bovengrens(t[n], starts, max_plaatsingen)
        return gew, tuple(boven), som
    grenzen = {n: _bovengrens(t[n], starts, max_plaatsingen) for n in volgorde}
    hoogste = {n: int(t[n].max()) if len(t[n]) else 0 for n in volgorde}
    for aantal in range(len(volgorde), len(boven), -1):
        niveaus = volgorde[:aantal]
        gew: dict[str, int] = {}
        w = 1
        for n in reversed(niveaus):
            gew[n] = w
            w *= grenzen[n] + 1
        totaal = sum(gew[n] * grenzen[n] for n in niveaus)
        per_boog = sum(gew[n] * hoogste[n] for n in niveaus)
        if totaal < GRENS_INT64 and per_boog < grens_boog:
            return gew, tuple(niveaus), totaal
    raise DoelTeGroot(f"doelfunctie past niet in 64 bits voor {max_plaatsingen} plaatsingen, zelfs niet met "
                      "alleen het aantal personen; splits de ronde (per kern of peildatum)")


def bogen(r: Ronde, toelaatbaar: np.ndarray, beleid: Beleid, max_plaatsingen: int | None = None) -> Bogen:
    """`max_plaatsingen`: most placements a solution can hold; a 1:1 matching holds at most
    min(households, dwellings), but shared dwellings hold more, and the lexicographic weights
    are exact only if this bounds the number of placed households."""
    hi, wi = np.nonzero(toelaatbaar)
    t = termen(r, hi, wi)
    if max_plaatsingen is None:
        max_plaatsingen = min(len(r.hh), len(r.w))
    boven: tuple[str, ...] = ()
    if r.hh.toegezegd is not None and r.hh.toegezegd.any():
        # Above every level: a promise is kept whatever else the round could gain.
        t["toegezegd"] = r.hh.toegezegd[hi].astype(np.int64)
        boven = ("toegezegd",)
    gew, exact, grens = gewichten(beleid, t, hi, max_plaatsingen, len(r.hh) + len(r.w) + 1, boven)
    waarde = np.zeros(len(hi), np.int64)
    for niveau, g in gew.items():
        waarde += np.int64(g) * t[niveau].astype(np.int64)
    return Bogen(hi, wi, waarde, t, exact, grens)
