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

import numpy as np
from scipy import stats

from matching.beleid import Beleid, regelgroepen

from .kalender import periodegrenzen, totaalopgave
from .replicaties import SimResultaat, simuleer, standen
from .scenario import GeladenScenario
from .uitvoerder import Uitvoerder

MATEN = {
    "realisatie": "realisatie (personen)",
    "totaalopgave_gehaald": "kans totaalopgave gehaald",
    "wachtweken_mediaan": "mediaan weken koppeling tot woning",
    "vervolghuisvesting": "vervolghuisvesting (verhuizingen)",
    "buiten_hoofdkern": "plaatsingen buiten de hoofdkern (huishoudens)",
    "kinderen_per_slaapkamer": "kinderen per kinderslaapkamer",
    "ouder_kind_kamers": "ouder en kind op één kamer (huishoudens)",
}


def maten(res: SimResultaat) -> dict[str, np.ndarray]:
    """Per measure a (replications x periods) array; nan where a replication has no case."""
    sc = res.invoer.sc
    grenzen = np.array(periodegrenzen(sc.startdatum, sc.periode))
    n, m = res.replicaties, len(sc.periode)
    real, stand = standen(res)
    opgave = totaalopgave(np.array([p.taakstelling for p in sc.periode])[None, :], stand)
    uit = {k: np.full((n, m), np.nan) for k in MATEN}
    uit["realisatie"] = real.astype(float)
    uit["totaalopgave_gehaald"] = (real >= opgave).astype(float)
    # A period without taakstelling obligation has no chance of meeting it.
    uit["totaalopgave_gehaald"][:, [not sc.verplicht(p) for p in sc.periode]] = np.nan
    for i, u in enumerate(res.uitkomsten):
        p_idx = np.searchsorted(grenzen, np.array([p.dag for p in u.plaatsingen], int), side="right") - 1
        weken = np.array([p.wachtweken for p in u.plaatsingen], float)
        kern = np.array([p.kern for p in u.plaatsingen], dtype=object)
        kps = np.array([p.kinderen_per_slaapkamer for p in u.plaatsingen], float)
        ok = np.array([p.ouder_kind for p in u.plaatsingen], bool)
        v_idx = np.searchsorted(grenzen, np.array(u.vervolg_dagen, int), side="right") - 1
        for j in range(m):
            in_p = p_idx == j
            if in_p.any():
                uit["wachtweken_mediaan"][i, j] = np.median(weken[in_p])
            k = kps[in_p]
            if (~np.isnan(k)).any():
                uit["kinderen_per_slaapkamer"][i, j] = np.nanmean(k)
            uit["buiten_hoofdkern"][i, j] = float((kern[in_p] != sc.kernen[0]).sum())
            uit["ouder_kind_kamers"][i, j] = float(ok[in_p].sum())
            uit["vervolghuisvesting"][i, j] = float((v_idx == j).sum())
    return uit


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


def vergelijk(g: GeladenScenario, beleiden: list[str], replicaties: int | None = None, seed: int | None = None,
              uitvoerder: Uitvoerder | None = None, attributie: bool = True, voortgang=None) -> Vergelijking:
    pol = [g.beleid(n) for n in beleiden]
    n = replicaties or g.sc.replicaties
    res = [simuleer(g, b, n, seed, uitvoerder, voortgang) for b in pol]
    namen = [p.naam for p in g.sc.periode]
    m = [maten(r) for r in res]
    paren = []
    for i in range(len(pol)):
        for j in range(i + 1, len(pol)):
            paren.append({"a": pol[i].naam, "b": pol[j].naam, "perioden": verschil(m[i], m[j], namen)})
    attr = []
    if attributie and len(pol) >= 2:
        a, b = pol[0], pol[1]
        for groep, waarden in verschillende_groepen(a, b).items():
            terug = {k: getattr(a, k) for k in waarden}
            aan = a.met(naam=f"{a.naam}+{groep}", **waarden)
            uit = b.met(naam=f"{b.naam}-{groep}", **terug)
            m_aan = maten(simuleer(g, aan, n, seed, uitvoerder, voortgang))
            m_uit = maten(simuleer(g, uit, n, seed, uitvoerder, voortgang))
            attr.append({
                "regel": groep,
                "parameters": {k: {"van": _json(getattr(a, k)), "naar": _json(v)} for k, v in waarden.items()},
                # Effect of switching the rule on in a, and of having it in b (b minus b without it).
                "aan_vanuit_" + a.naam: verschil(m[0], m_aan, namen),
                "uit_vanuit_" + b.naam: verschil(m_uit, m[1], namen),
            })
    return Vergelijking(g.sc.naam, res[0].seed, n, namen, res, paren, attr)


def _json(v):
    if isinstance(v, tuple):
        return list(v)
    return v
