"""Doelmatrix: the objective of a 1:1 round as one dense (households x dwellings) matrix.

The same values as `doel.bogen` (same weights, bound and exact levels; the tests compare them
pair by pair), built without a list of arcs: every level is a row term (persons, waiting
days, a promise), a column term (availability) or a function of a small dwelling class
(bedrooms and kern: fit and preference), so the matrix is one gather from a per-household
table plus a column, masked by the admissible pairs. That is the form scipy's assignment
wants, and the arcs (for min-cost flow, and the `Bogen` record of the explanations) follow
from it on demand.

Sums are int64 and wrap the same way whatever their order, so each pair's value equals the
arc value of `doel.bogen` bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .beleid import Beleid
from .doel import EXACT_FLOAT, _som_beste, niveaus_van, weeg
from .regels import Ronde

_GROOT = np.int64(2**62)


@dataclass(frozen=True, eq=False)
class Doelmatrix:
    """Below 2**52 the matrix is kept only as scipy's costs (float64, minus the value: exact),
    above as int64 values; either gives the other on demand."""
    ok: np.ndarray                 # bool (households, dwellings): admissible
    aantal: int                    # admissible pairs
    exact: tuple[str, ...]         # levels whose order the weights guarantee
    grens: int                     # no solution's objective exceeds this
    niveaus: tuple[tuple[int, int], ...]  # (weight, bound on one solution) per weighted level
    kosten: np.ndarray | None = None       # float64: -value, 0 where not admissible
    _waarde: np.ndarray | None = None      # int64: value, 0 where not admissible

    def __len__(self) -> int:
        return self.aantal

    @cached_property
    def waarde(self) -> np.ndarray:
        if self._waarde is not None:
            return self._waarde
        return np.negative(self.kosten).astype(np.int64)

    def bogen(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Household, dwelling and value per admissible pair, in row-major order."""
        cel = np.flatnonzero(self.ok)
        hi, wi = np.divmod(cel, self.ok.shape[1])
        return hi, wi, self.waarde.ravel()[cel]


# Per dwelling one int64 of flags: bit k for k bedrooms (k < 16), bit 16 + code + 1 for its
# kern (codes < 22), bit 40 when available now. OR-ed over a household's admissible dwellings
# it tells, in one masked pass, its fewest and most bedrooms, whether a preferred kern is
# among them and whether one is available now.
_KERN_BIT, _NU_BIT = 16, 40
_LAAGSTE = np.zeros(1 << 16, np.int64)
_HOOGSTE = np.zeros(1 << 16, np.int64)
for _k in range(15, -1, -1):
    _LAAGSTE[(np.arange(1 << 16) >> _k) & 1 == 1] = _k
for _k in range(16):
    _HOOGSTE[(np.arange(1 << 16) >> _k) & 1 == 1] = _k


def _rij_min(ok: np.ndarray, x: np.ndarray, rijen: np.ndarray) -> np.ndarray:
    """Per household in `rijen`, the smallest x over its admissible dwellings."""
    return np.where(ok[rijen], x, _GROOT).min(axis=1)


def _per_huishouden(ok: np.ndarray, kamers: np.ndarray, kern: np.ndarray, vooruit: np.ndarray,
                    vcode: np.ndarray, rij: np.ndarray):
    """Per household with a pair: fewest and most bedrooms among its admissible dwellings,
    whether its preferred kern is among them, and the soonest availability (days ahead)."""
    if kamers.max() < 16 and max(kern.max(), vcode.max()) < 40 - _KERN_BIT - 1:
        vlag = np.left_shift(1, kamers)
        vlag |= np.left_shift(1, kern + (_KERN_BIT + 1))
        vlag |= (vooruit == 0).astype(np.int64) << _NU_BIT
        m = np.bitwise_or.reduce(np.where(ok[rij], vlag, 0), axis=1)
        k = m & 0xFFFF
        nu = (m >> _NU_BIT) & 1 == 1
        voorkeur = (m >> (vcode[rij] + (_KERN_BIT + 1))) & 1
        v_min = np.zeros(len(m), np.int64)
        if not nu.all():
            v_min[~nu] = _rij_min(ok, vooruit, np.flatnonzero(rij)[~nu])
        return _LAAGSTE[k], _HOOGSTE[k], voorkeur, v_min
    sub = ok[rij]
    return (np.where(sub, kamers, _GROOT).min(axis=1), np.where(sub, kamers, -1).max(axis=1),
            (sub & (vcode[rij, None] == kern[None, :])).any(axis=1), np.where(sub, vooruit, _GROOT).min(axis=1))


def doelmatrix(r: Ronde, ok: np.ndarray, beleid: Beleid) -> Doelmatrix:
    """The dense objective of a 1:1 round (at most min(households, dwellings) placements)."""
    hh, w = r.hh, r.w
    n_hh, n_w = ok.shape
    max_plaatsingen = min(n_hh, n_w)
    niveaus, boven = niveaus_van(hh)
    toegezegd = bool(boven)
    knopen = n_hh + n_w + 1
    aantal = int(np.count_nonzero(ok))
    if not aantal:
        nul = [0] * len(niveaus)
        gew, exact, grens = weeg(beleid, niveaus, nul, nul, max_plaatsingen, knopen, boven)
        return Doelmatrix(ok, 0, exact, grens, (), _waarde=np.zeros((n_hh, n_w), np.int64))

    kamers, nodig, kern, vcode = w.slaapkamers, hh.nodig, w.kern_code, hh.voorkeur_code
    vooruit = w.beschikbaar - r.peildag
    np.maximum(vooruit, 0, out=vooruit)
    wacht = r.peildag - hh.koppeldag
    np.maximum(wacht, 0, out=wacht)
    rij = ok.any(axis=1)
    vmax = int(vooruit[ok.any(axis=0)].max())
    k_min, k_max, voorkeur, v_min = _per_huishouden(ok, kamers, kern, vooruit, vcode, rij)
    nodig_r = nodig[rij]
    omax = int(np.maximum(k_max - nodig_r, 0).max())
    beste = np.empty((len(niveaus), len(nodig_r)), np.int64)
    beste[0] = hh.personen[rij]
    beste[1] = wacht[rij]
    np.subtract(vmax, v_min, out=beste[2])
    np.subtract(k_min, nodig_r, out=beste[3])
    np.maximum(beste[3], 0, out=beste[3])
    np.subtract(omax, beste[3], out=beste[3])
    beste[4] = voorkeur
    if toegezegd:
        beste[5] = hh.toegezegd[rij]
    grenzen = _som_beste(beste, max_plaatsingen)
    gew, exact, grens = weeg(beleid, niveaus, grenzen, beste.max(axis=1).tolist(), max_plaatsingen, knopen, boven)

    g = [gew.get(n, 0) for n in niveaus]
    # Each weight times its term as `doel.bogen` computes it. The value depends on the dwelling
    # through its column term and its class (bedrooms, and kern where a preference can count):
    # a table per household and class, gathered per dwelling.
    rijterm = g[0] * hh.personen + g[1] * wacht
    if toegezegd:
        rijterm += g[5] * hh.toegezegd.astype(np.int64)
    k_n = int(kamers.max()) + 1
    passing = np.arange(k_n) - nodig[:, None]
    np.maximum(passing, 0, out=passing)
    passing = g[3] * (omax - passing)
    passing += rijterm[:, None]
    if g[4] and beste[4].any():
        kern_n = max(int(kern.max()), int(vcode.max())) + 2   # code + 1: None (-1) is 0
        tabel = passing[:, :, None] + g[4] * (vcode[:, None, None] == np.arange(-1, kern_n - 1)[None, None, :])
        tabel = tabel.reshape(n_hh, k_n * kern_n)
        klasse = kamers * kern_n + (kern + 1)
    else:
        tabel, klasse = passing, kamers
    kolomterm = g[2] * (vmax - vooruit)
    per_niveau = tuple(sorted(((gew[n], grenzen[niveaus.index(n)]) for n in gew if gew[n] > 0), reverse=True))
    if grens < EXACT_FLOAT:
        # Every partial sum at an admissible pair is a sum of terms >= 0 up to its value, below
        # 2**52: exact in float64, so scipy's costs are built directly.
        kosten = np.negative(tabel, dtype=np.float64)[:, klasse]
        kosten -= kolomterm
        kosten *= ok
        return Doelmatrix(ok, aantal, exact, grens, per_niveau, kosten=kosten)
    waarde = tabel[:, klasse]
    waarde += kolomterm   # int64 sums wrap alike in any order: each pair's value is that of bogen
    waarde *= ok
    return Doelmatrix(ok, aantal, exact, grens, per_niveau, _waarde=waarde)
