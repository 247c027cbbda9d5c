"""Vergelijking: policies on identical worlds, compared pair by pair, and what each rule adds.

Replication i of every policy runs on the same drawn world (common random numbers), so the
difference B - A is taken per replication and its confidence interval is the paired one.
Identical policies therefore differ by exactly 0. The unpaired (Welch) interval on the same
runs is reported beside it to show what pairing buys.

Attribution: starting from the first policy, each rule group in which the second differs is
switched to the second's values alone ("aan"); starting from the second, each is switched
back alone ("uit"). Groups are data (`[regelgroepen]` in beleid.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy import stats

from matching.beleid import Beleid, regelgroepen

from .kalender import periodegrenzen, totaalopgave
from .model import SimInvoer, Uitkomst, simuleer_replicatie
from .optelling import Optelling
from .replicaties import SimResultaat, maak_invoer, scenario_hash, standen, voeg_brokken_samen
from .scenario import GeladenScenario
from .uitvoerder import Serieel, Uitvoerder
from .wereld import trek_wereld

MATEN = {
    "realisatie": "realisatie (personen)",
    "totaalopgave_gehaald": "kans totaalopgave gehaald",
    "wachtweken_mediaan": "mediaan weken koppeling tot woning",
    "vervolghuisvesting": "vervolghuisvesting (verhuizingen)",
    "buiten_hoofdkern": "plaatsingen buiten de hoofdkern (huishoudens)",
    "kinderen_per_slaapkamer": "kinderen per kinderslaapkamer",
    "ouder_kind_kamers": "ouder en kind op één kamer (huishoudens)",
}


# Measures of the placements in each period, taken from one replication's full record.
PLAATSINGSMATEN = ("wachtweken_mediaan", "vervolghuisvesting", "buiten_hoofdkern", "kinderen_per_slaapkamer",
                   "ouder_kind_kamers")


def plaatsingsmaten(sc, u: Uitkomst) -> np.ndarray:
    """(PLAATSINGSMATEN x periods) for one replication; nan where a period has no case.
    (`vergelijk` asks this of every replication of every variant: counts per period in one
    bincount each, the median and mean only for periods with a placement.)"""
    grenzen = _grenzen(sc)
    m = len(sc.periode)
    uit = np.full((len(PLAATSINGSMATEN), m), np.nan)
    pl = u.plaatsingen

    def per_periode(dagen) -> np.ndarray:
        idx = np.searchsorted(grenzen, np.array(dagen, np.int64), side="right") - 1
        return np.where((idx >= 0) & (idx < m), idx, m)  # m: outside every period

    uit[1] = np.bincount(per_periode(u.vervolg_dagen), minlength=m + 1)[:m]
    if not pl:
        uit[2] = uit[4] = 0.0
        return uit
    p_idx = per_periode([p.dag for p in pl])
    uit[2] = np.bincount(p_idx, [p.kern != sc.kernen[0] for p in pl], minlength=m + 1)[:m]
    uit[4] = np.bincount(p_idx, [p.ouder_kind for p in pl], minlength=m + 1)[:m]
    weken = np.array([p.wachtweken for p in pl], float)
    kps = np.array([p.kinderen_per_slaapkamer for p in pl], float)
    for j in np.unique(p_idx[p_idx < m]).tolist():
        in_p = p_idx == j
        uit[0, j] = np.median(weken[in_p])
        k = kps[in_p]
        if (~np.isnan(k)).any():
            uit[3, j] = np.nanmean(k)
    return uit


_GRENZEN: dict[int, tuple] = {}


def _grenzen(sc) -> np.ndarray:
    """The periods' boundaries in simulation days, per scenario (asked per replication)."""
    bewaard = _GRENZEN.get(id(sc))
    if bewaard is None or bewaard[0] is not sc:
        bewaard = _GRENZEN[id(sc)] = (sc, np.array(periodegrenzen(sc.startdatum, sc.periode)))
    return bewaard[1]


def maten_uit(res: SimResultaat, plaatsing: np.ndarray) -> dict[str, np.ndarray]:
    """Per measure a (replications x periods) array; `plaatsing`: (replications x
    PLAATSINGSMATEN x periods) from `plaatsingsmaten`."""
    sc = res.invoer.sc
    real, stand = standen(res)
    opgave = totaalopgave(np.array([p.taakstelling for p in sc.periode])[None, :], stand)
    uit = {"realisatie": real.astype(float), "totaalopgave_gehaald": (real >= opgave).astype(float)}
    # A period without taakstelling obligation has no chance of meeting it.
    uit["totaalopgave_gehaald"][:, [not sc.verplicht(p) for p in sc.periode]] = np.nan
    for k, naam in enumerate(PLAATSINGSMATEN):
        uit[naam] = plaatsing[:, k, :]
    return {k: uit[k] for k in MATEN}


def maten(res: SimResultaat) -> dict[str, np.ndarray]:
    """Per measure a (replications x periods) array, from a result that kept its records."""
    sc = res.invoer.sc
    plaatsing = np.array([plaatsingsmaten(sc, u) for u in res.uitkomsten]).reshape(
        res.replicaties, len(PLAATSINGSMATEN), len(sc.periode))
    return maten_uit(res, plaatsing)


def interval(x: np.ndarray, niveau: float = 0.95) -> dict[str, float | int]:
    """Mean with a t-interval; nan cases are left out (reported as n)."""
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return {"gemiddeld": None, "ondergrens": None, "bovengrens": None, "n": 0}
    gem = float(x.mean())
    if n == 1 or float(x.std()) == 0.0:
        return {"gemiddeld": round(gem, 4), "ondergrens": round(gem, 4), "bovengrens": round(gem, 4), "n": n}
    h = float(stats.t.ppf(0.5 + niveau / 2, n - 1) * x.std(ddof=1) / np.sqrt(n))
    return {"gemiddeld": round(gem, 4), "ondergrens": round(gem - h, 4), "bovengrens": round(gem + h, 4), "n": n}


def ongepaard(a: np.ndarray, b: np.ndarray, niveau: float = 0.95) -> dict[str, float | None]:
    """Welch interval for mean(b) - mean(a), ignoring that the runs are paired."""
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    if len(a) < 2 or len(b) < 2:
        return {"gemiddeld": None, "ondergrens": None, "bovengrens": None}
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    gem = float(b.mean() - a.mean())
    se = float(np.sqrt(va + vb))
    if se == 0.0:
        return {"gemiddeld": round(gem, 4), "ondergrens": round(gem, 4), "bovengrens": round(gem, 4)}
    df = (va + vb) ** 2 / ((va ** 2 / (len(a) - 1) if va else 0) + (vb ** 2 / (len(b) - 1) if vb else 0))
    h = float(stats.t.ppf(0.5 + niveau / 2, df) * se)
    return {"gemiddeld": round(gem, 4), "ondergrens": round(gem - h, 4), "bovengrens": round(gem + h, 4)}


def verschil(ma: dict[str, np.ndarray], mb: dict[str, np.ndarray], perioden: list[str]) -> list[dict]:
    uit = []
    for j, naam in enumerate(perioden):
        per = {}
        for k in MATEN:
            a, b = ma[k][:, j], mb[k][:, j]
            beide = ~np.isnan(a) & ~np.isnan(b)
            per[k] = {
                "a": interval(a)["gemiddeld"], "b": interval(b)["gemiddeld"],
                "verschil": interval(np.where(beide, b - a, np.nan)),
                "ongepaard": ongepaard(a, b),
            }
        uit.append({"periode": naam, "maten": per})
    # Over the whole horizon: total realisatie, summed counts.
    tot = {}
    for k in ("realisatie", "vervolghuisvesting", "buiten_hoofdkern", "ouder_kind_kamers"):
        a, b = ma[k].sum(axis=1), mb[k].sum(axis=1)
        tot[k] = {"a": interval(a)["gemiddeld"], "b": interval(b)["gemiddeld"], "verschil": interval(b - a),
                  "ongepaard": ongepaard(a, b)}
    uit.append({"periode": "totaal", "maten": tot})
    return uit


def verschillende_groepen(a: Beleid, b: Beleid) -> dict[str, dict]:
    """Rule groups in which b differs from a, with b's values; ungrouped keys get their own."""
    da, db = a.model_dump(exclude={"naam", "omschrijving"}), b.model_dump(exclude={"naam", "omschrijving"})
    anders = {k for k in da if da[k] != db[k]}
    uit = {}
    for groep, sleutels in regelgroepen().items():
        if anders & set(sleutels):
            uit[groep] = {k: db[k] for k in sleutels}
            anders -= set(sleutels)
    for k in sorted(anders):
        uit[k] = {k: db[k]}
    return uit


@dataclass
class Vergelijking:
    scenario: str
    seed: int
    replicaties: int
    perioden: list[str]
    resultaten: list[SimResultaat]
    paren: list[dict]
    attributie: list[dict]


def aantal_runs(g: GeladenScenario, beleiden: list[str], attributie: bool = True) -> int:
    """How many simulations of n replications `vergelijk` runs: one per policy, and two per rule
    group that differs between the first two when attributing (for the progress shown)."""
    pol = [g.beleid(n) for n in beleiden]
    groepen = len(verschillende_groepen(pol[0], pol[1])) if attributie and len(pol) >= 2 else 0
    return len(pol) + 2 * groepen


def _brok(invoer: SimInvoer, varianten: tuple[Beleid, ...], curven: int, beleiden: int,
          reps: list[int]) -> list[tuple[Optelling, np.ndarray]]:
    """A worker's share: each world drawn once and every policy run on it. `curven`: for this
    many of the first policies keep the persons booked per day (the report's fan chart). The
    first `beleiden` are the policies compared; the others are attribution variants, of which
    only the realisatie and the placement measures are read (no reasons for who still waits)."""
    sc = invoer.sc
    optellingen = [Optelling(len(sc.periode), dagen=sc.horizon_dagen if k < curven else None)
                   for k in range(len(varianten))]
    plaatsing = [[] for _ in varianten]
    for rep in reps:
        wereld = trek_wereld(sc, invoer.seed, rep, list(invoer.startlijst), list(invoer.startwoningen))
        for k, b in enumerate(varianten):
            u = simuleer_replicatie(invoer, b, rep, wereld, wachtredenen=k < beleiden)
            optellingen[k].voeg_toe(u)
            plaatsing[k].append(plaatsingsmaten(sc, u))
    vorm = (len(reps), len(PLAATSINGSMATEN), len(sc.periode))
    return [(o, np.array(p).reshape(vorm)) for o, p in zip(optellingen, plaatsing)]


def vergelijk(g: GeladenScenario, beleiden: list[str], replicaties: int | None = None, seed: int | None = None,
              uitvoerder: Uitvoerder | None = None, attributie: bool = True, voortgang=None,
              curven: bool = False) -> Vergelijking:
    """Every policy (and every attribution variant) on the same world, drawn once per
    replication in the worker that runs it. `curven`: keep the policies' day-by-day bookings."""
    pol = [g.beleid(n) for n in beleiden]
    n = replicaties or g.sc.replicaties
    groepen = []
    if attributie and len(pol) >= 2:
        a, b = pol[0], pol[1]
        for groep, waarden in verschillende_groepen(a, b).items():
            terug = {k: getattr(a, k) for k in waarden}
            groepen.append((groep, waarden, a.met(naam=f"{a.naam}+{groep}", **waarden),
                            b.met(naam=f"{b.naam}-{groep}", **terug)))
    varianten = tuple(pol) + tuple(v for _, _, aan, uit in groepen for v in (aan, uit))
    invoer = maak_invoer(g, seed)
    stap = (lambda k: voortgang(k * len(varianten))) if voortgang else None
    brokken = (uitvoerder or Serieel()).per_brok(partial(_brok, invoer, varianten, len(pol) if curven else 0, len(pol)),
                                                 range(n), stap)
    h = scenario_hash(g)
    res, m = [], []
    for k, b in enumerate(varianten):
        dagen = g.sc.horizon_dagen if curven and k < len(pol) else None
        optelling, _ = voeg_brokken_samen(len(g.sc.periode), ((brok[k][0], []) for brok in brokken), dagen)
        r = SimResultaat(g.sc.naam, h, b.naam, invoer.seed, optelling, invoer)
        res.append(r)
        m.append(maten_uit(r, np.concatenate([brok[k][1] for brok in brokken])))
    namen = [p.naam for p in g.sc.periode]
    paren = []
    for i in range(len(pol)):
        for j in range(i + 1, len(pol)):
            paren.append({"a": pol[i].naam, "b": pol[j].naam, "perioden": verschil(m[i], m[j], namen)})
    attr = []
    for k, (groep, waarden, aan, uit) in enumerate(groepen):
        a, b = pol[0], pol[1]
        m_aan, m_uit = m[len(pol) + 2 * k], m[len(pol) + 2 * k + 1]
        attr.append({
            "regel": groep,
            "parameters": {s: {"van": _json(getattr(a, s)), "naar": _json(v)} for s, v in waarden.items()},
            # Effect of switching the rule on in a, and of having it in b (b minus b without it).
            "aan_vanuit_" + a.naam: verschil(m[0], m_aan, namen),
            "uit_vanuit_" + b.naam: verschil(m_uit, m[1], namen),
        })
    return Vergelijking(g.sc.naam, invoer.seed, n, namen, res[:len(pol)], paren, attr)


def _json(v):
    if isinstance(v, tuple):
        return list(v)
    return v
