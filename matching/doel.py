"""Doel: the value of placing a household in a dwelling, one integer per admissible arc.

Default order, strictly: persons housed (they count for the taakstelling), then waiting
days since koppeling, then sooner availability (days until the dwelling can be let), then fit
(fewer spare bedrooms), then kern preference. With
`lexicografisch` the weights are derived from the instance so that no amount of a lower
level can outweigh one unit of a higher one; the sums stay exact in int64. A round too large
for the full order keeps the higher levels exact and reports which were left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .beleid import Beleid
from .regels import Ronde
from .snelkern import kernen

GRENS_INT64 = 2**62
EXACT_FLOAT = 2**52   # integers (and their sums) below this are exact in float64


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
    cel: np.ndarray | None = None  # per arc hh * dwellings + w, when known (the dense solver's index)
    # minus the values as a (households x dwellings) float64 matrix, 0 where not admissible:
    # what scipy's solver takes, when made along with the values (the compiled path)
    kosten: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.hh)


TERMEN = ("personen", "wachttijd", "beschikbaarheid", "passing", "voorkeur")
GEEN_BELOFTE = np.zeros(0, np.bool_)  # a kernel's promise argument when nobody holds one
_GEEN_KOSTEN = np.zeros((0, 0), np.float64)


def niveaus_van(hh) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The objective's levels for these households, and those placed above the policy's order:
    a promise (a household already holding a reservation) above every level, when anyone has one."""
    return niveaus(hh.toegezegd is not None and np.count_nonzero(hh.toegezegd) > 0)


def niveaus(toegezegd: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`niveaus_van` for households of whom someone (`toegezegd`) holds a promise, or nobody."""
    if toegezegd:
        return TERMEN + ("toegezegd",), ("toegezegd",)
    return TERMEN, ()


def grens_per_boog(knopen: int) -> int:
    """The most one arc may be worth: min-cost flow scales costs by the node count."""
    return GRENS_INT64 // max(knopen + 1, 1)


def _termen(r: Ronde, hi: np.ndarray, wi: np.ndarray) -> np.ndarray:
    """Per objective level (rows in TERMEN order), per arc: one int64 matrix, so the bounds of
    all levels take one reduction each instead of one per level."""
    t = np.empty((len(TERMEN), len(hi)), np.int64)
    t[0] = r.hh.personen[hi]
    np.maximum(r.peildag - r.hh.koppeldag[hi], 0, out=t[1])
    vooruit = np.maximum(r.w.beschikbaar[wi] - r.peildag, 0)
    over = np.maximum(r.w.slaapkamers[wi] - r.hh.nodig[hi], 0)
    if len(hi):
        # Fit is counted against the worst spare among the arcs, so every term is >= 0.
        np.subtract(vooruit.max(), vooruit, out=t[2])
        np.subtract(over.max(), over, out=t[3])
    # kern codes, not names: None (no preference) is -1 on both sides, as None == None was
    np.equal(r.hh.voorkeur_code[hi], r.w.kern_code[wi], out=t[4], casting="unsafe")
    return t


def termen(r: Ronde, hi: np.ndarray, wi: np.ndarray) -> dict[str, np.ndarray]:
    return dict(zip(TERMEN, _termen(r, hi, wi)))


class _LuieTermen(Mapping):
    """`Bogen.termen` made on first use: a simulated round never reads them."""

    def __init__(self, r: Ronde, hi: np.ndarray, wi: np.ndarray, niveaus: tuple[str, ...]):
        self._r, self._hi, self._wi, self._niveaus, self._t = r, hi, wi, niveaus, None

    def _termen(self) -> dict[str, np.ndarray]:
        if self._t is None:
            t = _termen(self._r, self._hi, self._wi)
            if len(self._niveaus) > len(TERMEN):
                t = np.vstack([t, self._r.hh.toegezegd[self._hi].astype(np.int64)])
            self._t = dict(zip(self._niveaus, t))
        return self._t

    def __getitem__(self, k):
        return self._termen()[k]

    def __iter__(self):
        return iter(self._niveaus)

    def __len__(self) -> int:
        return len(self._niveaus)


def _som_beste(beste: np.ndarray, max_plaatsingen: int) -> list[int]:
    """Per level (rows), the sum of the households' best terms (columns), over no more
    households than can be placed."""
    n = beste.shape[1]
    if n > max_plaatsingen:
        beste = np.partition(beste, n - max_plaatsingen, axis=1)[:, n - max_plaatsingen:]
    return beste.sum(axis=1).tolist()


def _bovengrenzen(t: np.ndarray, hi: np.ndarray, max_plaatsingen: int) -> list[int]:
    """Per level, the largest total it can reach in one solution: each household counts once,
    with its best arc, and no more households than can be placed."""
    if t.shape[1] == 0:
        return [0] * len(t)
    # Arcs come from np.nonzero: sorted by household, so each household's arcs are one run.
    starts = np.flatnonzero(np.concatenate(([True], hi[1:] != hi[:-1])))
    return _som_beste(np.maximum.reduceat(t, starts, axis=1), max_plaatsingen)


def gewichten(beleid: Beleid, niveaus: tuple[str, ...], t: np.ndarray, hi: np.ndarray, max_plaatsingen: int,
              knopen: int, boven: tuple[str, ...] = ()) -> tuple[dict[str, int], tuple[str, ...], int]:
    """Weights per level and the levels that are ordered exactly. `t`: per level in `niveaus`
    (rows), per arc, the term. See `weeg`."""
    grenzen = _bovengrenzen(t, hi, max_plaatsingen)
    hoogste = t.max(axis=1).tolist() if t.shape[1] else [0] * len(niveaus)
    return weeg(beleid, niveaus, grenzen, hoogste, max_plaatsingen, knopen, boven)


def weeg(beleid: Beleid, niveaus: tuple[str, ...], grenzen_lijst: list[int], hoogste_lijst: list[int],
         max_plaatsingen: int, knopen: int, boven: tuple[str, ...] = ()) -> tuple[dict[str, int], tuple[str, ...], int]:
    """Weights per level and the levels that are ordered exactly, from each level's bound on
    one solution (`grenzen_lijst`) and its largest term on one arc (`hoogste_lijst`).

    Lexicographic: each level's weight exceeds the most the levels below it can add up to in
    one solution. If the full order does not fit in 64 bits (min-cost flow also scales costs by
    the node count), the lowest levels are dropped one by one and the result says so: the
    higher levels, persons first, always stay exact. `boven` are levels placed above the
    policy's order (a promise to a household already holding a reservation). Also returns a
    bound on the objective of any solution."""
    doel = beleid.doel
    grenzen = dict(zip(niveaus, grenzen_lijst))
    volgorde = list(boven) + list(doel.volgorde)
    grens_boog = grens_per_boog(knopen)
    if not doel.lexicografisch:
        gew = {n: int(doel.gewichten.get(n, 0)) for n in doel.volgorde}
        som = sum(g * grenzen[n] for n, g in gew.items())
        for n in boven:
            gew[n] = som + 1
            som += gew[n] * grenzen[n]
        return gew, tuple(boven), som
    hoogste = dict(zip(niveaus, hoogste_lijst))
    for aantal in range(len(volgorde), len(boven), -1):
        deel = volgorde[:aantal]
        gew: dict[str, int] = {}
        w = 1
        for n in reversed(deel):
            gew[n] = w
            w *= grenzen[n] + 1
        totaal = sum(gew[n] * grenzen[n] for n in deel)
        per_boog = sum(gew[n] * hoogste[n] for n in deel)
        if totaal < GRENS_INT64 and per_boog < grens_boog:
            return gew, tuple(deel), totaal
    raise DoelTeGroot(f"doelfunctie past niet in 64 bits voor {max_plaatsingen} plaatsingen, zelfs niet met "
                      "alleen het aantal personen; splits de ronde (per kern of peildatum)")


def bogen(r: Ronde, toelaatbaar: np.ndarray, beleid: Beleid, max_plaatsingen: int | None = None) -> Bogen:
    """`max_plaatsingen`: most placements a solution can hold; a 1:1 matching holds at most
    min(households, dwellings), but shared dwellings hold more, and the lexicographic weights
    are exact only if this bounds the number of placed households."""
    if max_plaatsingen is None:
        max_plaatsingen = min(len(r.hh), len(r.w))
    # Above every level: a promise is kept whatever else the round could gain.
    niveaus, boven = niveaus_van(r.hh)
    toegezegd = bool(boven)
    knopen = len(r.hh) + len(r.w) + 1
    kern = kernen()
    if kern is not None:
        # Compiled: the bounds in one pass, then each arc's value; the terms themselves only
        # when an explanation asks for them.
        hh, w, a = r.hh, r.w, np.count_nonzero(toelaatbaar)
        belofte = hh.toegezegd if toegezegd else GEEN_BELOFTE
        cel, hi, wi = np.empty(a, np.int64), np.empty(a, np.int64), np.empty(a, np.int64)
        grenzen, hoogste, mv, mo = kern["grenzen"](
            toelaatbaar, r.peildag, hh.personen, hh.koppeldag, hh.nodig, hh.voorkeur_code, w.beschikbaar,
            w.slaapkamers, w.kern_code, belofte, toegezegd, len(niveaus), max_plaatsingen, cel, hi, wi)
        gew, exact, grens = weeg(beleid, niveaus, grenzen.tolist(), hoogste.tolist(), max_plaatsingen, knopen, boven)
        kosten = np.zeros(toelaatbaar.shape, np.float64) if grens < EXACT_FLOAT else _GEEN_KOSTEN
        waarde = kern["waarden"](hi, wi, mv, mo, r.peildag, hh.personen, hh.koppeldag, hh.nodig, hh.voorkeur_code,
                                 w.beschikbaar, w.slaapkamers, w.kern_code, belofte, toegezegd,
                                 np.array([gew.get(n, 0) for n in niveaus], np.int64), np.empty(a, np.int64), kosten)
        return Bogen(hi, wi, waarde, _LuieTermen(r, hi, wi, niveaus), exact, grens, cel,
                     kosten if grens < EXACT_FLOAT else None)
    # Row-major cell numbers, then row and column: the order of np.nonzero, in fewer steps.
    cel = np.flatnonzero(toelaatbaar)
    hi, wi = np.divmod(cel, toelaatbaar.shape[1])
    t = _termen(r, hi, wi)
    if toegezegd:
        t = np.vstack([t, r.hh.toegezegd[hi].astype(np.int64)])
    gew, exact, grens = gewichten(beleid, niveaus, t, hi, max_plaatsingen, knopen, boven)
    # Integer sums are exact (every weight times its term stays below 2**62), so one product of
    # the weight row with the term matrix is the sum level by level.
    waarde = np.array([gew.get(n, 0) for n in niveaus], np.int64) @ t
    return Bogen(hi, wi, waarde, dict(zip(niveaus, t)), exact, grens, cel)
