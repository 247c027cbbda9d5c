"""Optelling: the results of many replications added up as they stream in, in constant memory.

What the summaries need of a replication is kept either per replication as one number per
period in a flat array (realisatie, dwellings used, their occupants: 8 bytes each, so 100,000
replications of two periods take under 5 MB), or as exact counts (counters, weeks to a
dwelling, children per bedroom: a value and how often it occurred). Counts merge by
addition, so workers add up their own share and the parent merges the shares in task order:
every figure is the same on one worker or many, and the same as from the full records.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field, fields
from fractions import Fraction

import numpy as np

from .gelijkheid import Gelijkheid
from .model import Uitkomst


def _optellen(doel: dict, erbij: dict) -> None:
    """Add counts key by key; a key seen with 0 stays (it is listed in the output)."""
    for k, v in erbij.items():
        doel[k] = doel.get(k, 0) + v


@dataclass
class Optelling:
    perioden: int
    eerste: int | None = None              # the first replication's number
    n: int = 0
    realisatie: array = field(default_factory=lambda: array("q"))          # n x perioden, row by row
    woningen_gebruikt: array = field(default_factory=lambda: array("q"))
    bewoners: array = field(default_factory=lambda: array("q"))
    woningen_per_jaar: array = field(default_factory=lambda: array("d"))   # per replication
    tellers: dict[str, int] = field(default_factory=dict)
    personen_per_kern: dict[str, int] = field(default_factory=dict)
    huishoudens_per_kern: dict[str, int] = field(default_factory=dict)
    wachtweken: Counter = field(default_factory=Counter)                   # weeks -> placements
    kinderen_per_slaapkamer: Counter = field(default_factory=Counter)      # value -> placements
    wachtend_eind: int = 0
    wachtend_redenen: dict[str, int] = field(default_factory=dict)
    eind_woningen: dict[str, int] = field(default_factory=dict)
    gelijkheid: Gelijkheid = field(default_factory=Gelijkheid)             # per household type (gelijkheid.py)
    # Only when asked (charts, the report): persons booked from the start up to each day
    # 0..dagen, as exact counts: dagtelling[d, v] replications had v persons by day d. Its size
    # is bounded by the days and the most persons, not by the replications.
    dagen: int | None = None
    dagtelling: np.ndarray | None = None

    def voeg_toe(self, u: Uitkomst) -> None:
        if self.eerste is None:
            self.eerste = u.replicatie
        if u.replicatie != self.eerste + self.n:
            raise ValueError(f"replicatie {u.replicatie} buiten de volgorde (verwacht {self.eerste + self.n})")
        self.n += 1
        self.realisatie.extend(u.realisatie)
        self.woningen_gebruikt.extend(u.woningen_gebruikt)
        self.bewoners.extend(u.bewoners)
        self.woningen_per_jaar.append(u.woningen_per_jaar)
        _optellen(self.tellers, u.tellers)
        _optellen(self.personen_per_kern, u.personen_per_kern)
        _optellen(self.huishoudens_per_kern, u.huishoudens_per_kern)
        self.wachtweken.update(u.wachtweken)
        self.kinderen_per_slaapkamer.update(u.kinderen_per_slaapkamer)
        self.wachtend_eind += u.wachtend_eind
        _optellen(self.wachtend_redenen, u.wachtend_redenen)
        _optellen(self.eind_woningen, u.eind_woningen)
        self.gelijkheid.voeg_toe(u)
        if self.dagen is not None:
            per_dag = np.zeros(self.dagen + 1, np.int64)
            for b in u.boekingen:
                if 0 <= b.dag <= self.dagen:
                    per_dag[b.dag] += b.personen
            som = np.cumsum(per_dag)
            if som.min() < 0:  # (counts are by persons; a negative booking would be a bug)
                raise ValueError(f"replicatie {u.replicatie}: negatief aantal personen geboekt")
            self._dagtelling_tot(int(som[-1]) + 1 if len(som) else 1)[np.arange(len(som)), som] += 1

    def _dagtelling_tot(self, breedte: int) -> np.ndarray:
        """The day counts, widened (with zeros) to at least `breedte` person values: always
        exactly the most persons seen + 1 wide, so equal counts are equal matrices however they
        were added up (a new most is rare: the width changes a few times in a run)."""
        t = self.dagtelling
        if t is None:
            t = np.zeros((self.dagen + 1, breedte), np.int64)
        elif t.shape[1] < breedte:
            t = np.concatenate([t, np.zeros((t.shape[0], breedte - t.shape[1]), np.int64)], 1)
        self.dagtelling = t
        return t

    def __eq__(self, ander) -> bool:
        # (field by field as a dataclass compares; the day counts as arrays)
        if not isinstance(ander, Optelling):
            return NotImplemented
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(ander, f.name)
            if not (np.array_equal(a, b) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) else a == b):
                return False
        return True

    def voeg_samen(self, ander: "Optelling") -> None:
        """Append the next share (its replications follow this one's)."""
        if ander.n == 0:
            return
        if self.n and ander.eerste != self.eerste + self.n:
            raise ValueError(f"deel vanaf replicatie {ander.eerste} sluit niet aan op {self.eerste + self.n}")
        if self.eerste is None or self.n == 0:
            self.eerste = ander.eerste
        self.n += ander.n
        for naam in ("realisatie", "woningen_gebruikt", "bewoners", "woningen_per_jaar"):
            getattr(self, naam).extend(getattr(ander, naam))
        if ander.dagtelling is not None:
            if self.dagen != ander.dagen:
                raise ValueError(f"dagtellingen over {ander.dagen} en {self.dagen} dagen")
            t = self._dagtelling_tot(ander.dagtelling.shape[1])
            t[:, :ander.dagtelling.shape[1]] += ander.dagtelling
        for naam in ("tellers", "personen_per_kern", "huishoudens_per_kern", "wachtend_redenen", "eind_woningen"):
            _optellen(getattr(self, naam), getattr(ander, naam))
        self.wachtweken.update(ander.wachtweken)
        self.kinderen_per_slaapkamer.update(ander.kinderen_per_slaapkamer)
        self.wachtend_eind += ander.wachtend_eind
        self.gelijkheid = self.gelijkheid.samenvoegen(ander.gelijkheid)

    # ------------------------------------------------------------ read

    def per_periode(self, naam: str) -> np.ndarray:
        """(replications x periods) int64 of realisatie, woningen_gebruikt or bewoners."""
        return np.frombuffer(getattr(self, naam), np.int64).reshape(self.n, self.perioden) if self.n \
            else np.zeros((0, self.perioden), np.int64)

    def dagkwantielen(self, procenten, methode: str = "linear") -> np.ndarray:
        """(len(procenten) x days + 1): `np.percentile` with `methode` over the replications of
        the persons booked from the start up to each day, exactly as on the full (replications x
        days) matrix: each day's values are laid out in order from their counts, one day at a
        time (memory of one day's replications, not of all days)."""
        if self.dagen is None:
            raise ValueError("de optelling hield geen dagtellingen bij")
        uit = np.empty((len(procenten), self.dagen + 1), np.float64)
        if self.n == 0:
            raise ValueError("geen replicaties")
        t = self.dagtelling
        waarden = np.arange(t.shape[1], dtype=np.int64)
        for d in range(self.dagen + 1):
            uit[:, d] = np.percentile(np.repeat(waarden, t[d]), procenten, method=methode)
        return uit

    @property
    def replicatienummers(self) -> range:
        return range(self.eerste or 0, (self.eerste or 0) + self.n)

    def som(self, teller: str) -> int:
        return self.tellers.get(teller, 0)

    def plaatsingen(self) -> int:
        return sum(self.wachtweken.values())

    def mediaan_wachtweken(self) -> float | None:
        return mediaan(self.wachtweken)

    def aandeel_wachtweken_tot(self, norm: float) -> float | None:
        n = self.plaatsingen()
        return sum(c for w, c in self.wachtweken.items() if w <= norm) / n if n else None

    def gemiddelde_kinderen_per_slaapkamer(self) -> float | None:
        n = sum(self.kinderen_per_slaapkamer.values())
        if not n:
            return None
        # Exact: the mean of what every placement contributed, rounded once.
        return float(sum(Fraction(v) * c for v, c in self.kinderen_per_slaapkamer.items()) / n)


def mediaan(telling: Counter) -> float | None:
    """The median of the values counted, as numpy gives it for the list they stand for (the
    mean of the middle two when their number is even)."""
    n = sum(telling.values())
    if n == 0:
        return None
    laag, hoog = (n - 1) // 2, n // 2
    gezien, a, b = 0, None, None
    for v in sorted(telling):
        gezien += telling[v]
        if a is None and gezien > laag:
            a = v
        if gezien > hoog:
            b = v
            break
    return float(np.mean(np.array([a, b], np.float64))) if a != b else float(a)


def tel_op(uitkomsten, perioden: int, dagen: int | None = None) -> Optelling:
    o = Optelling(perioden, dagen=dagen)
    for u in uitkomsten:
        o.voeg_toe(u)
    return o
