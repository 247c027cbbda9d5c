"""Pareto: which candidates no other beats on every objective at once.

Points are rows of objective values to MINIMISE (a measure to maximise enters negated; a
measure without a value, nan, counts as the worst). a dominates b when a is nowhere worse and
somewhere better. Fronts by non-dominated sorting; within a front the crowding distance of
NSGA-II breaks ties (the spread-out points first), then the index: fully deterministic.
"""

from __future__ import annotations

import numpy as np


def als_minimalisatie(waarden: np.ndarray, richtingen: list[str]) -> np.ndarray:
    teken = np.array([-1.0 if r == "max" else 1.0 for r in richtingen])
    x = np.asarray(waarden, float) * teken
    return np.where(np.isnan(x), np.inf, x)


def domineert(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all(a <= b) and np.any(a < b))


def fronten(punten: np.ndarray) -> list[list[int]]:
    """Non-dominated sorting: the first front is the Pareto frontier, each next one the
    frontier of what remains."""
    n = len(punten)
    over = set(range(n))
    uit = []
    while over:
        front = sorted(i for i in over if not any(domineert(punten[j], punten[i]) for j in over if j != i))
        uit.append(front)
        over -= set(front)
    return uit


def frontier(punten: np.ndarray) -> list[int]:
    return fronten(punten)[0] if len(punten) else []


def gedomineerd_door(punt: np.ndarray, punten: np.ndarray, indices: list[int]) -> list[int]:
    """Positions in `indices` of the points that dominate `punt`."""
    return [k for k, i in enumerate(indices) if domineert(punten[i], punt)]


def drukte(punten: np.ndarray, front: list[int]) -> dict[int, float]:
    """NSGA-II crowding distance within one front (infinite at each objective's extremes)."""
    d = {i: 0.0 for i in front}
    if len(front) <= 2:
        return {i: np.inf for i in front}
    for m in range(punten.shape[1]):
        volgorde = sorted(front, key=lambda i: (punten[i, m], i))
        lo, hi = punten[volgorde[0], m], punten[volgorde[-1], m]
        d[volgorde[0]] = d[volgorde[-1]] = np.inf
        if not np.isfinite(hi - lo) or hi == lo:
            continue
        for k in range(1, len(volgorde) - 1):
            d[volgorde[k]] += (punten[volgorde[k + 1], m] - punten[volgorde[k - 1], m]) / (hi - lo)
    return d


def beste(punten: np.ndarray, aantal: int) -> list[int]:
    """The `aantal` best points: by front, then crowding distance (largest first), then index."""
    gekozen: list[int] = []
    for front in fronten(punten):
        if len(gekozen) + len(front) <= aantal:
            gekozen += front
            continue
        d = drukte(punten, front)
        gekozen += sorted(front, key=lambda i: (-d[i], i))[:aantal - len(gekozen)]
        break
    return sorted(gekozen)
