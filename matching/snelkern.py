"""Compiled kernels for the two steps of a round that numpy does in many small calls: which
pairs are admissible (`regels.toelaatbaar`) and each arc's terms with their bounds
(`doel.bogen`). Optional: with the extra `snel` (numba) installed they replace those numpy
steps; without it the numpy code runs, and the answers are the same integers and booleans
either way (tests/test_snelkern.py compares both on random rounds, and the simulation's
records are byte-identical).

Why: a simulated year holds about 50 rounds of a handful of households and dwellings, and a
Leusden round of 60 x 80 is solved in about 70 us; numpy's fixed cost per call (1-2 us, some
35 calls in `bogen` and 15 in `toelaatbaar`) then costs more than the solve itself. Compiled,
each step is one call. Compiled code is cached on disk next to this file (`cache=True`), so
only the first run on a machine pays the compile time.

`HUISVESTING_SNELKERN=0` in the environment switches the kernels off (the numpy path), for
comparisons and tests.
"""

from __future__ import annotations

import os

import numpy as np

_GELADEN: dict | None = None


def kernen() -> dict | None:
    """The compiled kernels, or None when numba is absent or switched off. Loaded on the first
    round, not at import: `huisvesting --help` stays light."""
    global _GELADEN
    if _GELADEN is None:
        _GELADEN = _laad() if os.environ.get("HUISVESTING_SNELKERN", "1") != "0" else {}
    return _GELADEN or None


def _laad() -> dict:
    try:
        import numba
    except ImportError:
        return {}
    njit = numba.njit(cache=True, nogil=True)

    @njit
    def toelaatbaar(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin,
                    studio, max_extra, alleen_max, passend, grens_laag, grens_hoog,
                    kamers, huur, w_toegankelijk, min_personen, met_min,
                    soort_ok, soort, beschikbaar, peildag, horizon, kern_ok, kern_code, uit):
        # The same tests as regels.toelaatbaar (see there and regels._rijgrenzen), per pair:
        # bedroom range, rent, access, dwellings for large families. A dwelling refused by a
        # dwelling-only rule counts as having fewer rooms than anyone needs; a household refused
        # by a household-only rule as needing more than any dwelling has.
        n, m = uit.shape
        kolom = np.empty(m, np.bool_)
        for j in range(m):
            c = kern_code[j]
            if c < 0:  # no kern: the mask's last entry
                c += kern_ok.shape[0]
            kolom[j] = ((soort_ok[soort[j]] or beschikbaar[j] <= peildag) and beschikbaar[j] <= horizon
                        and kern_ok[c])
        for i in range(n):
            laag = 0 if studio and alleen[i] and nodig[i] <= 1 else nodig[i]
            if blokkade[i] == 1 or blokkade[i] == 2:  # regels.NIET_IN_NL, WACHT_NAREIZIGERS
                laag = 2 ** 62
            hoog = max(nodig[i], nodig_ruim[i]) + max_extra
            if alleen[i]:
                hoog = min(hoog, alleen_max)
            limiet = (grens_laag if personen_huur[i] <= 2 else grens_hoog) + 1e-9
            for j in range(m):
                k = kamers[j] if kolom[j] else -(2 ** 62)
                ok = laag <= k and k <= hoog
                if ok and passend:
                    ok = huur[j] <= limiet
                if ok and toegankelijk[i]:
                    ok = w_toegankelijk[j]
                if ok and met_min:
                    ok = gezin[i] >= min_personen[j]
                uit[i, j] = ok
        return uit

    @njit
    def grenzen(ok, peildag, personen, koppeldag, nodig, voorkeur, beschikbaar, slaapkamers, kern,
                toegezegd, met_toegezegd, niveaus, max_plaatsingen, cel, hi, wi):
        # Per level (doel.TERMEN, then the promise) the bound on one solution (each household
        # once, at its best arc, arcs sorted by household) and the largest term, in one pass:
        # availability and
        # fit count against the worst among all arcs, so a household's best there is that worst
        # minus its own smallest wait or spare room. The arcs (cel, hi, wi: as long as `ok` has
        # True cells) are written in row-major order, as np.flatnonzero gives them.
        n_hh, n_w = ok.shape
        beste = np.empty((niveaus, cel.shape[0]), np.int64)
        hoogste = np.zeros(niveaus, np.int64)
        mv = 0
        mo = 0
        k = -1
        vorige = -1
        x = -1
        for h in range(n_hh):
            for j in range(n_w):
                if not ok[h, j]:
                    continue
                x += 1
                cel[x] = h * n_w + j
                hi[x] = h
                wi[x] = j
                v = max(beschikbaar[j] - peildag, 0)
                o = max(slaapkamers[j] - nodig[h], 0)
                mv = max(mv, v)
                mo = max(mo, o)
                e = 1 if voorkeur[h] == kern[j] else 0
                if h != vorige:
                    k += 1
                    vorige = h
                    beste[0, k] = personen[h]
                    beste[1, k] = max(peildag - koppeldag[h], 0)
                    beste[2, k] = v
                    beste[3, k] = o
                    beste[4, k] = e
                    if met_toegezegd:
                        beste[5, k] = 1 if toegezegd[h] else 0
                else:
                    beste[2, k] = min(beste[2, k], v)
                    beste[3, k] = min(beste[3, k], o)
                    beste[4, k] = max(beste[4, k], e)
        for q in range(k + 1):
            beste[2, q] = mv - beste[2, q]
            beste[3, q] = mo - beste[3, q]
            for n in range(niveaus):
                hoogste[n] = max(hoogste[n], beste[n, q])
        # Per level the sum of the best terms over no more households than can be placed
        # (doel._som_beste): the level's bound on one solution.
        som = np.zeros(niveaus, np.int64)
        for n in range(niveaus):
            rij = beste[n, :k + 1]
            if k + 1 > max_plaatsingen:
                rij = np.sort(rij)[k + 1 - max_plaatsingen:]
            som[n] = rij.sum()
        return som, hoogste, mv, mo

    @njit
    def waarden(hi, wi, mv, mo, peildag, personen, koppeldag, nodig, voorkeur, beschikbaar, slaapkamers, kern,
                toegezegd, met_toegezegd, gewicht, uit, kosten):
        # Each arc's value: the weights (per level, as doel.bogen) times its terms; `mv`, `mo`:
        # the largest wait and spare room among the arcs (from `grenzen`). `kosten`, unless
        # empty: minus each value in its cell (float64, exact below 2**52), for scipy's solver.
        dicht = kosten.shape[0] > 0
        for x in range(hi.shape[0]):
            h = hi[x]
            j = wi[x]
            w = (gewicht[0] * personen[h] + gewicht[1] * max(peildag - koppeldag[h], 0)
                 + gewicht[2] * (mv - max(beschikbaar[j] - peildag, 0))
                 + gewicht[3] * (mo - max(slaapkamers[j] - nodig[h], 0))
                 + gewicht[4] * (1 if voorkeur[h] == kern[j] else 0))
            if met_toegezegd and toegezegd[h]:
                w += gewicht[5]
            uit[x] = w
            if dicht:
                kosten[h, j] = -w
        return uit

    return {"toelaatbaar": toelaatbaar, "grenzen": grenzen, "waarden": waarden}
