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

import numpy as np

from .beleid import Beleid
from .doel import TERMEN, _som_beste, weeg
from .regels import Ronde

_GROOT = np.int64(2**62)


@dataclass(frozen=True, eq=False)
class Doelmatrix:
    waarde: np.ndarray             # int64 (households, dwellings): the pair's value, 0 if not admissible
    ok: np.ndarray                 # bool (households, dwellings): admissible
    aantal: int                    # admissible pairs
    exact: tuple[str, ...]         # levels whose order the weights guarantee
    grens: int                     # no solution's objective exceeds this
    niveaus: tuple[tuple[int, int], ...]  # (weight, bound on one solution) per weighted level

    def __len__(self) -> int:
        return self.aantal

    def bogen(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Household, dwelling and value per admissible pair, in row-major order."""
        cel = np.flatnonzero(self.ok)
        hi, wi = np.divmod(cel, self.ok.shape[1])
        return hi, wi, self.waarde.ravel()[cel]


def _klassen(r: Ronde, n_hh: int):
    """Dwelling classes (bedrooms x kern code): per class its bedrooms and kern code, and per
    dwelling its class; when classes would outnumber the dwellings, each dwelling its own."""
    kamers, kern = r.w.slaapkamers, r.w.kern_code
    k0 = int(kamers.min())
    nk, nkern = int(kamers.max()) - k0 + 1, int(kern.max()) + 2
    if nk * nkern >= len(kamers):
        return kamers, kern, None
    klasse = (kamers - k0) * nkern + (kern + 1)
    c = np.arange(nk * nkern)
    return c // nkern + k0, c % nkern - 1, klasse


def _rij_min(ok: np.ndarray, x: np.ndarray, rij: np.ndarray) -> np.ndarray:
    """Per household with a pair (`rij`), the smallest x over its admissible dwellings (x >= 0);
    only rows without an admissible dwelling at x == 0 need the masked pass."""
    uit = np.zeros(int(rij.sum()), np.int64)
    nul = x == 0
    if nul.all():
        return uit
    moeilijk = ~(ok[rij] & nul).any(axis=1) if nul.any() else np.ones(len(uit), bool)
    if moeilijk.any():
        sub = ok[rij][moeilijk]
        uit[moeilijk] = np.where(sub, x, _GROOT).min(axis=1)
    return uit


def doelmatrix(r: Ronde, ok: np.ndarray, beleid: Beleid) -> Doelmatrix:
    """The dense objective of a 1:1 round (at most min(households, dwellings) placements)."""
    hh, w = r.hh, r.w
    n_hh, n_w = ok.shape
    max_plaatsingen = min(n_hh, n_w)
    toegezegd = hh.toegezegd is not None and bool(hh.toegezegd.any())
    niveaus = TERMEN + ("toegezegd",) if toegezegd else TERMEN
    boven = ("toegezegd",) if toegezegd else ()
    knopen = n_hh + n_w + 1
    aantal = int(np.count_nonzero(ok))
    if aantal == 0:
        nul = [0] * len(niveaus)
        gew, exact, grens = weeg(beleid, niveaus, nul, nul, max_plaatsingen, knopen, boven)
        return Doelmatrix(np.zeros((n_hh, n_w), np.int64), ok, 0, exact, grens, ())

    rij = ok.any(axis=1)
    kol = ok.any(axis=0)
    vooruit = np.maximum(w.beschikbaar - r.peildag, 0)
    wacht = np.maximum(r.peildag - hh.koppeldag, 0)
    nodig = hh.nodig
    k_c, kern_c, klasse = _klassen(r, n_hh)
    # Per household and class: does the household have an admissible dwelling of that class.
    if klasse is None:
        per_klasse = ok
    else:
        een = np.zeros((n_w, len(k_c)), np.float32)
        een[np.arange(n_w), klasse] = 1.0
        per_klasse = (ok.astype(np.float32) @ een) > 0   # counts <= dwellings: exact in float32
    pk = per_klasse[rij]
    k_min = np.where(pk, k_c, _GROOT).min(axis=1)
    k_max = np.where(pk, k_c, -1).max(axis=1)
    nodig_r = nodig[rij]
    omax = int(np.maximum(k_max - nodig_r, 0).max())
    vmax = int(vooruit[kol].max())
    voorkeur_tab = hh.voorkeur_code[:, None] == kern_c[None, :]
    beste = np.empty((len(niveaus), len(nodig_r)), np.int64)
    beste[0] = hh.personen[rij]
    beste[1] = wacht[rij]
    np.subtract(vmax, _rij_min(ok, vooruit, rij), out=beste[2])
    np.subtract(omax, np.maximum(k_min - nodig_r, 0), out=beste[3])
    beste[4] = (pk & voorkeur_tab[rij]).any(axis=1)
    if toegezegd:
        beste[5] = hh.toegezegd[rij]
    grenzen = _som_beste(beste, max_plaatsingen)
    gew, exact, grens = weeg(beleid, niveaus, grenzen, beste.max(axis=1).tolist(), max_plaatsingen, knopen, boven)

    g = [gew.get(n, 0) for n in niveaus]
    # Each weight times its term as `doel.bogen` computes it; int64 sums wrap alike in any order.
    rijterm = g[0] * hh.personen + g[1] * wacht
    if toegezegd:
        rijterm = rijterm + g[5] * hh.toegezegd.astype(np.int64)
    tabel = g[3] * (omax - np.maximum(k_c[None, :] - nodig[:, None], 0))
    tabel += rijterm[:, None]
    if g[4]:
        tabel += g[4] * voorkeur_tab
    kolomterm = g[2] * (vmax - vooruit)
    waarde = tabel if klasse is None else tabel[:, klasse]
    waarde += kolomterm[None, :]
    waarde *= ok
    per_niveau = sorted(((gew[n], grenzen[niveaus.index(n)]) for n in gew if gew[n] > 0), reverse=True)
    return Doelmatrix(waarde, ok, aantal, exact, grens, tuple(per_niveau))
