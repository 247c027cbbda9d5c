"""Doel: the value of placing a household in a dwelling, one integer per admissible arc.

Default order, strictly: persons housed (they count for the taakstelling), then waiting
days since koppeling, then sooner availability (days until the dwelling can be let), then fit
(fewer spare bedrooms), then kern preference. With
`lexicografisch` the weights are derived from the instance so that no amount of a lower
level can outweigh one unit of a higher one; the sums stay exact in int64.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .beleid import Beleid
from .regels import Ronde

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


def gewichten(beleid: Beleid, t: dict[str, np.ndarray], max_plaatsingen: int) -> dict[str, int]:
    doel = beleid.doel
    if not doel.lexicografisch:
        return dict(doel.gewichten)
    gew: dict[str, int] = {}
    w = 1
    for niveau in reversed(doel.volgorde):
        gew[niveau] = w
        hoogste = int(t[niveau].max()) if len(t[niveau]) else 0
        w = w * (max_plaatsingen * hoogste + 1)
    totaal = sum(gew[n] * (int(t[n].max()) if len(t[n]) else 0) for n in gew) * max(max_plaatsingen, 1)
    if totaal >= GRENS_INT64:
        raise DoelTeGroot(
            f"lexicografische doelfunctie past niet in 64 bits voor {max_plaatsingen} plaatsingen; "
            "zet doel.lexicografisch = false en kies gewichten")
    return gew


def bogen(r: Ronde, toelaatbaar: np.ndarray, beleid: Beleid, max_plaatsingen: int | None = None) -> Bogen:
    """`max_plaatsingen`: most placements a solution can hold; a 1:1 matching holds at most
    min(households, dwellings), but shared dwellings hold more, and the lexicographic weights
    are exact only if this bounds the number of placed households."""
    hi, wi = np.nonzero(toelaatbaar)
    t = termen(r, hi, wi)
    if max_plaatsingen is None:
        max_plaatsingen = min(len(r.hh), len(r.w))
    gew = gewichten(beleid, t, max_plaatsingen)
    if r.hh.toegezegd is not None and r.hh.toegezegd.any():
        # Above every level: a promise is kept whatever else the round could gain.
        t["toegezegd"] = r.hh.toegezegd[hi].astype(np.int64)
        boven = sum(g * (int(t[n].max()) if len(t[n]) else 0) for n, g in gew.items())
        gew["toegezegd"] = boven * max(max_plaatsingen, 1) + 1
        if gew["toegezegd"] * max(max_plaatsingen, 1) >= GRENS_INT64:
            raise DoelTeGroot("doelwaarden te groot met toegezegde reserveringen; zet doel.lexicografisch = false")
    waarde = np.zeros(len(hi), np.int64)
    for niveau, g in gew.items():
        waarde += np.int64(g) * t[niveau].astype(np.int64)
    return Bogen(hi, wi, waarde, t)
