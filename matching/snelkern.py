"""Compiled kernels for the steps of a round that numpy does in many small calls: which
pairs are admissible (`regels.toelaatbaar`), each arc's terms with their bounds
(`doel.bogen`), and a small round's whole solve under auto (`klein`: arcs, lexicographic
weights, solver choice and the assignment, `toewijzing`, which takes the same optimum among
ties as scipy's linear_sum_assignment; `oplossers._klein`). Optional: with the extra `snel` (numba) installed they replace those numpy
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
# "No such day" in a kernel's answer of days (`ronde_rijen`'s wissel).
GEEN_DAG = int(np.iinfo(np.int64).max)
# The kernels `klein` and `toelaatbaar` call, set by `_laad`.
_grenzen = _waarden = _toewijzing = _toelaatbaar_rijen = _klein = _klein_rijen = None


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
    def toelaatbaar_rijen(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin, hi,
                          studio, max_extra, alleen_max, passend, grens_laag, grens_hoog,
                          kamers, huur, w_toegankelijk, min_personen, met_min,
                          soort_ok, soort, beschikbaar, peildag, horizon, kern_ok, kern_code, wi, uit):
        # The same tests as regels.toelaatbaar (see there and regels._rijgrenzen), per pair:
        # bedroom range, rent, access, dwellings for large families. A dwelling refused by a
        # dwelling-only rule counts as having fewer rooms than anyone needs; a household refused
        # by a household-only rule as needing more than any dwelling has. Household i of the
        # round is row hi[i] of the household columns, dwelling j row wi[j] of the dwelling ones.
        n, m = uit.shape
        kolom = np.empty(m, np.bool_)
        for j in range(m):
            y = wi[j]
            c = kern_code[y]
            if c < 0:  # no kern: the mask's last entry
                c += kern_ok.shape[0]
            kolom[j] = ((soort_ok[soort[y]] or beschikbaar[y] <= peildag) and beschikbaar[y] <= horizon
                        and kern_ok[c])
        for i in range(n):
            x = hi[i]
            laag = 0 if studio and alleen[x] and nodig[x] <= 1 else nodig[x]
            if blokkade[x] == 1 or blokkade[x] == 2:  # regels.NIET_IN_NL, WACHT_NAREIZIGERS
                laag = 2 ** 62
            hoog = max(nodig[x], nodig_ruim[x]) + max_extra
            if alleen[x]:
                hoog = min(hoog, alleen_max)
            limiet = (grens_laag if personen_huur[x] <= 2 else grens_hoog) + 1e-9
            for j in range(m):
                y = wi[j]
                k = kamers[y] if kolom[j] else -(2 ** 62)
                ok = laag <= k and k <= hoog
                if ok and passend:
                    ok = huur[y] <= limiet
                if ok and toegankelijk[x]:
                    ok = w_toegankelijk[y]
                if ok and met_min:
                    ok = gezin[x] >= min_personen[y]
                uit[i, j] = ok
        return uit

    global _toelaatbaar_rijen
    _toelaatbaar_rijen = toelaatbaar_rijen

    @njit
    def eerste_toelaatbaar_rijen(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin, hi,
                                 studio, max_extra, alleen_max, passend, grens_laag, grens_hoog,
                                 kamers, huur, w_toegankelijk, min_personen, met_min,
                                 soort_ok, soort, beschikbaar, peildag, horizon, kern_ok, kern_code, wi, uit):
        # The first dwelling j (in the order of wi) that some household may take, or -1: the
        # question of a walk along coming re-lets, in the same call as the rules.
        _toelaatbaar_rijen(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin, hi,
                           studio, max_extra, alleen_max, passend, grens_laag, grens_hoog, kamers, huur,
                           w_toegankelijk, min_personen, met_min, soort_ok, soort, beschikbaar, peildag, horizon,
                           kern_ok, kern_code, wi, uit)
        n, m = uit.shape
        for j in range(m):
            for i in range(n):
                if uit[i, j]:
                    return j
        return -1

    @njit
    def toelaatbaar(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin,
                    studio, max_extra, alleen_max, passend, grens_laag, grens_hoog,
                    kamers, huur, w_toegankelijk, min_personen, met_min,
                    soort_ok, soort, beschikbaar, peildag, horizon, kern_ok, kern_code, uit):
        # The round's own arrays: household i is row i, dwelling j row j.
        n, m = uit.shape
        return _toelaatbaar_rijen(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin,
                                  np.arange(n), studio, max_extra, alleen_max, passend, grens_laag, grens_hoog,
                                  kamers, huur, w_toegankelijk, min_personen, met_min, soort_ok, soort, beschikbaar,
                                  peildag, horizon, kern_ok, kern_code, np.arange(m), uit)

    @njit
    def grenzen(ok, peildag, personen, koppeldag, nodig, voorkeur, beschikbaar, slaapkamers, kern,
                toegezegd, met_toegezegd, niveaus, max_plaatsingen, cel, hi, wi):
        # Per level (doel.TERMEN, then the promise) the bound on one solution (each household
        # once, at its best arc, arcs sorted by household) and the largest term, in one pass:
        # availability and fit count against the worst among all arcs, so a household's best there is that worst
        # minus its own smallest wait or spare room. The arcs (cel, hi, wi: as long as `ok` has
        # True cells) are written in row-major order, as np.flatnonzero gives them.
        n_hh, n_w = ok.shape
        beste = np.empty((niveaus, cel.shape[0]), np.int64)
        hoogste = np.zeros(niveaus, np.int64)
        mv = mo = 0
        k = vorige = x = -1
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

    @njit
    def toewijzing(kosten):
        # Minimum-cost assignment of a dense (rows x columns) float64 matrix: the shortest
        # augmenting path method of Crouse (2016, IEEE TAES 52(4), pp. 1685-1686), with the
        # choices scipy's linear_sum_assignment makes among equal paths (columns scanned from
        # the last, an unassigned column preferred on equal cost; a matrix with more rows than
        # columns solved transposed), so the same optimum among ties. Returns, per row, its
        # column or -1.
        n_r, n_k = kosten.shape
        gekanteld = n_k < n_r
        c = np.ascontiguousarray(kosten.T) if gekanteld else kosten
        nr, nc = c.shape
        u, v = np.zeros(nr), np.zeros(nc)
        kortste = np.empty(nc)
        pad = np.full(nc, -1, np.int64)
        kolom_van, rij_van = np.full(nr, -1, np.int64), np.full(nc, -1, np.int64)
        in_r, in_k = np.zeros(nr, np.bool_), np.zeros(nc, np.bool_)
        over = np.empty(nc, np.int64)
        for start in range(nr):
            for q in range(nc):
                over[q] = nc - q - 1
            n_over = nc
            in_r[:] = False
            in_k[:] = False
            kortste[:] = np.inf
            laagste_pad = 0.0
            i = start
            eind = -1
            while eind == -1:
                plek = -1
                laagste = np.inf
                in_r[i] = True
                for q in range(n_over):
                    j = over[q]
                    r = laagste_pad + c[i, j] - u[i] - v[j]
                    if r < kortste[j]:
                        pad[j] = i
                        kortste[j] = r
                    if kortste[j] < laagste or (kortste[j] == laagste and rij_van[j] == -1):
                        laagste = kortste[j]
                        plek = q
                laagste_pad = laagste
                j = over[plek]
                if rij_van[j] == -1:
                    eind = j
                else:
                    i = rij_van[j]
                in_k[j] = True
                n_over -= 1
                over[plek] = over[n_over]
            u[start] += laagste_pad
            for i in range(nr):
                if in_r[i] and i != start:
                    u[i] += laagste_pad - kortste[kolom_van[i]]
            for j in range(nc):
                if in_k[j]:
                    v[j] -= laagste_pad - kortste[j]
            j = eind
            while True:
                i = pad[j]
                rij_van[j] = i
                kolom_van[i], j = j, kolom_van[i]
                if i == start:
                    break
        if not gekanteld:
            return kolom_van
        uit = np.full(n_r, -1, np.int64)
        for j in range(nr):
            uit[kolom_van[j]] = j
        return uit

    # `klein` calls these as module globals, not as variables of this function: numba keys its
    # disk cache on a kernel's closure too, and a closure over other kernels hashes differently
    # in every process (the cache would never be hit: 1.5 s of compiling per process).
    global _grenzen, _waarden, _toewijzing
    _grenzen, _waarden, _toewijzing = grenzen, waarden, toewijzing

    @njit
    def klein(ok, peildag, personen, koppeldag, nodig, voorkeur, beschikbaar, slaapkamers, kern,
              toegezegd, met_toegezegd, niveaus, volgorde, max_plaatsingen, grens_boog, exact, plaats):
        # A small round's whole solve, as oplossers.los_op with auto does it through doel.bogen,
        # doel.weeg and kies_oplosser: arcs and bounds (grenzen), lexicographic weights for the
        # full order `volgorde` (level indices, highest first), each arc's value (waarden), then
        # no arc (0), one household or dwelling: the best arc (1), else the assignment (2).
        # Returns (-1, 0) where that path would not be taken or not be exact (the objective
        # reaches `exact`, 2**52 for float64, or the weights would drop a level): the caller
        # then takes it.
        n_hh, n_w = ok.shape
        a = 0
        for h in range(n_hh):
            for j in range(n_w):
                if ok[h, j]:
                    a += 1
        cel, hi, wi = np.empty(a, np.int64), np.empty(a, np.int64), np.empty(a, np.int64)
        som, hoogste, mv, mo = _grenzen(ok, peildag, personen, koppeldag, nodig, voorkeur, beschikbaar,
                                       slaapkamers, kern, toegezegd, met_toegezegd, niveaus, max_plaatsingen,
                                       cel, hi, wi)
        gewicht = np.zeros(niveaus, np.int64)
        w, wf = 1, 1.0
        for q in range(volgorde.shape[0] - 1, -1, -1):
            n = volgorde[q]
            gewicht[n] = w
            wf *= som[n] + 1.0
            if wf >= 2.0 ** 61:
                return -1, 0
            w *= som[n] + 1
        totaal = per_boog = 0
        for q in range(volgorde.shape[0]):
            n = volgorde[q]
            totaal += gewicht[n] * som[n]
            per_boog += gewicht[n] * hoogste[n]
        if totaal >= exact or per_boog >= grens_boog:
            return -1, 0
        kosten = np.zeros((n_hh, n_w))
        waarde = _waarden(hi, wi, mv, mo, peildag, personen, koppeldag, nodig, voorkeur, beschikbaar, slaapkamers,
                         kern, toegezegd, met_toegezegd, gewicht, np.empty(a, np.int64), kosten)
        plaats[:] = -1
        if a == 0:
            return 0, 0
        if n_hh == 1 or n_w == 1:
            beste = 0
            for x in range(1, a):
                if waarde[x] > waarde[beste]:
                    beste = x
            plaats[hi[beste]] = wi[beste]
            return 1, waarde[beste]
        kolom = _toewijzing(kosten)
        doel = 0
        for h in range(n_hh):
            j = kolom[h]
            if j >= 0 and kosten[h, j] < 0:
                plaats[h] = j
                doel += -int(kosten[h, j])
        return 2, doel

    global _klein
    _klein = klein

    @njit
    def klein_rijen(ok, peildag, personen, koppeldag, nodig, voorkeur, hi, beschikbaar, slaapkamers, kern, wi,
                    toegezegd, met_toegezegd, niveaus, volgorde, max_plaatsingen, grens_boog, exact, plaats):
        # `klein` for a round whose household i is row hi[i] of the household columns and whose
        # dwelling j is row wi[j] of the dwelling ones (the simulation's row tables).
        return _klein(ok, peildag, personen[hi], koppeldag[hi], nodig[hi], voorkeur[hi], beschikbaar[wi],
                      slaapkamers[wi], kern[wi], toegezegd, met_toegezegd, niveaus, volgorde, max_plaatsingen,
                      grens_boog, exact, plaats)

    global _klein_rijen
    _klein_rijen = klein_rijen

    @njit
    def ronde_rijen(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin, hi,
                    studio, max_extra, alleen_max, passend, grens_laag, grens_hoog,
                    kamers, huur, w_toegankelijk, min_personen, met_min,
                    soort_ok, soort, beschikbaar, peildag, horizon, kern_ok, kern_code, wi, ok,
                    n_k, n_a, personen, koppeldag, voorkeur, oplossen, niveaus, volgorde, grens_boog, exact, plaats,
                    wissel):
        # A simulated round in one call. Its households are rows hi: the first n_k waiting, then
        # those holding a reservation, each holder's own dwelling after the n_a in the pool, in the
        # same order. First the rules (toelaatbaar_rijen, into ok); then
        #   -2: a holder's own reservation no longer fits it (the caller takes it from there);
        #   -3: nothing to do: no waiting household may take a dwelling, no holder one in the pool;
        #       wissel then holds what wisseling.wisseling_uit needs of all the round's dwellings:
        #       the first day one comes free after the peildag, and after the horizon (GEEN_DAG: none);
        # else, with oplossen, klein_rijen's answer (-1: the caller solves), and without, -1.
        _toelaatbaar_rijen(nodig, nodig_ruim, alleen, blokkade, personen_huur, toegankelijk, gezin, hi,
                           studio, max_extra, alleen_max, passend, grens_laag, grens_hoog, kamers, huur,
                           w_toegankelijk, min_personen, met_min, soort_ok, soort, beschikbaar, peildag, horizon,
                           kern_ok, kern_code, wi, ok)
        n, m = ok.shape
        n_h = n - n_k
        for i in range(n_h):
            if not ok[n_k + i, n_a + i]:
                return -2, 0
        iets = False
        for i in range(n):
            for j in range(m if i < n_k else n_a):
                if ok[i, j]:
                    iets = True
                    break
            if iets:
                break
        if not iets:
            wissel[:] = GEEN_DAG
            for j in range(m):
                d = beschikbaar[wi[j]]
                wissel[0], wissel[1] = min(wissel[0], d) if d > peildag else wissel[0], \
                    min(wissel[1], d) if d > horizon else wissel[1]
            return -3, 0
        if not oplossen:
            return -1, 0
        toegezegd = np.zeros(n if n_h > 0 else 0, np.bool_)
        toegezegd[n_k:] = True
        return _klein_rijen(ok, peildag, personen, koppeldag, nodig, voorkeur, hi, beschikbaar, kamers, kern_code, wi,
                            toegezegd, n_h > 0, niveaus, volgorde, min(n, m), grens_boog, exact, plaats)

    return {"toelaatbaar": toelaatbaar, "toelaatbaar_rijen": toelaatbaar_rijen, "ronde_rijen": ronde_rijen,
            "eerste_toelaatbaar_rijen": eerste_toelaatbaar_rijen, "klein_rijen": klein_rijen, "grenzen": grenzen,
            "waarden": waarden, "toewijzing": toewijzing, "klein": klein}
