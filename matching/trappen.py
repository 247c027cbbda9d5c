"""Trapsgewijs: the exact lexicographic optimum of a round whose objective passes 2**52, in
float64 after all, by solving its levels in stages.

The objective is W = D * H + L per pair, with H the higher levels and L the lower ones, and
no solution's L reaching D (`doel.weeg` chooses the weights so). So the optimum of W is the
best L among the optima of H. Each stage is one scipy assignment whose values stay below
2**52 (exact in float64):

1. solve H on the dense matrix (a pair that is not admissible is worth 0: the household
   stays out, as in `oplossers.via_scipy`);
2. from that assignment, exact integer duals (u per row, v >= 0 per column, v = 0 on a free
   column) by Bellman-Ford on the difference constraints v[s(i)] <= v[j] + H[i,s(i)] - H[i,j];
   they exist only if the assignment is optimal, so their convergence is also the exact proof
   that the float solve was right (no convergence within the limit: the caller falls back to
   min-cost flow);
3. by complementary slackness the optima of H are exactly the assignments on the tight pairs
   (u[i] + v[j] == H[i,j]) that use every column with v[j] > 0; so the next stage solves L on
   the tight pairs only, with a bonus B = bound(L) + 1 for each such column, which makes every
   optimum of the stage use all of them.
A plan of stages exists when the weights split into groups whose stage values fit; `plan`
finds it, and `oplossers.kies_oplosser` uses this method only then.
"""

from __future__ import annotations

import numpy as np

EXACT_FLOAT = 2**52
_ONEINDIG = np.int64(2**61)   # "not reached yet": far above any dual, far below int64 overflow
_VERBODEN = np.int64(-2**60)  # a pair outside the optimal face of the earlier stages
MAX_RONDEN = 60               # Bellman-Ford passes before giving up (then min-cost flow)
_LSA: list = []


def lsa():
    """scipy's compiled linear_sum_assignment, imported on first use (scipy is heavy to load)."""
    if not _LSA:
        from scipy.optimize import linear_sum_assignment
        _LSA.append(linear_sum_assignment)
    return _LSA[0]


def plan(niveaus: tuple[tuple[int, int], ...], kolommen: int,
         exact: int = EXACT_FLOAT) -> list[tuple[int, int]] | None:
    """Stages as (divisor, bound of the stage's values on one solution), highest first: stage s
    solves (W mod divisor[s-1]) // divisor[s]. `niveaus`: (weight, bound) per level, highest
    weight first; `kolommen`: the most columns a stage can require to be used (its bonus);
    `exact`: every stage's values stay below this (float64: 2**52)."""
    gew = [g for g, _ in niveaus]
    stappen: list[tuple[int, int]] = []
    begin = 0
    while begin < len(niveaus):
        gekozen = None
        for p in range(len(niveaus) - 1, begin - 1, -1):
            laatste = p == len(niveaus) - 1
            deler = 1 if laatste else gew[p]
            if not laatste:
                # W // deler must be the sum of the higher levels alone: each of their weights a
                # multiple of the divisor, and the lower levels never reaching it.
                if any(g % deler for g in gew[begin:p + 1]):
                    continue
                if sum(g * b for g, b in niveaus[p + 1:]) >= deler:
                    continue
            grens = sum(g // deler * b for g, b in niveaus[begin:p + 1])
            totaal = grens if not stappen else grens + (grens + 1) * kolommen
            if totaal < exact:
                gekozen = (p, deler, grens)
                break
        if gekozen is None:
            return None
        p, deler, grens = gekozen
        stappen.append((deler, grens))
        begin = p + 1
    return stappen


def _duals(p: np.ndarray, s: np.ndarray, buf: np.ndarray) -> np.ndarray | None:
    """v per column for the assignment row i -> column s[i] (every row assigned, rows <= columns):
    the shortest-path potentials from the free columns (v = 0) over the constraints
    v[s(i)] <= v[j] + p[i, s(i)] - p[i, j]; a column no free column reaches keeps a value near
    _ONEINDIG, still a valid dual (only edges into it would bind, and none come from reached
    columns). None if the passes do not settle: then the assignment may not be optimal."""
    rijen = np.arange(len(s))
    p_s = p[rijen, s]
    v = np.full(p.shape[1], _ONEINDIG, np.int64)
    vrij = np.ones(p.shape[1], bool)
    vrij[s] = False
    v[vrij] = 0
    for _ in range(MAX_RONDEN):
        np.subtract(p, v, out=buf)
        kandidaat = p_s - buf.max(axis=1)
        oud = v[s]
        nieuw = np.minimum(oud, kandidaat)
        if (nieuw == oud).all():
            return v
        v[s] = nieuw
    return None


def via_trappen(waarde: np.ndarray, stappen: list[tuple[int, int]]) -> np.ndarray | None:
    """Per household the dwelling (or -1) of a plan that maximises `waarde` (int64, households x
    dwellings, 0 where not admissible) exactly; None if a stage's duals did not settle."""
    a = waarde.T if waarde.shape[0] > waarde.shape[1] else waarde   # rows <= columns
    r, c = a.shape
    face: np.ndarray | None = None     # pairs still in every optimum of the stages so far
    nodig: np.ndarray | None = None    # columns every optimum so far uses
    buf = np.empty(a.shape, np.int64)
    vorige = None
    kol = None
    for n, (deler, grens) in enumerate(stappen):
        p = a if vorige is None else a % vorige
        if deler != 1:
            p = p // deler
        elif p is a:
            p = a.copy()
        if nodig is not None:
            p += (grens + 1) * nodig
            p[~face] = _VERBODEN
            kosten = np.negative(p, dtype=np.float64)
            kosten[~face] = np.inf
        else:
            kosten = np.negative(p, dtype=np.float64)
        _, kol = lsa()(kosten)
        if n == len(stappen) - 1:
            break
        v = _duals(p, kol, buf)
        if v is None:
            return None
        u = p[np.arange(r), kol] - v[kol]
        np.subtract(p, v, out=buf)
        face = buf == u[:, None]
        nodig = v > 0
        vorige = deler
    gekozen = a[np.arange(r), kol]
    echt = gekozen > 0
    if a is waarde:
        plaats = np.full(r, -1, np.int64)
        plaats[echt] = kol[echt]
    else:
        plaats = np.full(c, -1, np.int64)
        plaats[kol[echt]] = np.arange(r)[echt]
    return plaats
