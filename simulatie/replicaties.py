"""Replications with common random numbers, run through the executor, and their summary.

Replication i of every policy draws the same world (seed, i), so policies compare pair by
pair. Results come back in replication order whatever the executor, and every summary is
computed from those ordered arrays: same scenario + seed gives byte-identical output on one
or many workers.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from dataclasses import dataclass
from functools import partial

import numpy as np

from matching.beleid import Beleid

from matching.bestanden import InvoerFout

from . import kalender, kengetallen
from .gelijkheid import van_resultaat as gelijkheid
from .model import SimInvoer, Uitkomst, simuleer_replicatie
from .optelling import Optelling, tel_op
from .scenario import GeladenScenario, hash_met_zet
from .uitvoerder import Serieel, Uitvoerder


@dataclass
class SimResultaat:
    scenario: str
    scenario_hash: str
    beleid: str
    seed: int
    optelling: Optelling
    invoer: SimInvoer
    # The full record of every replication, kept only when asked (charts and reports read the
    # day-by-day bookings); the summaries read only the optelling.
    bewaard: list[Uitkomst] | None = None

    @property
    def replicaties(self) -> int:
        return self.optelling.n

    @classmethod
    def uit_uitkomsten(cls, scenario: str, scenario_hash: str, beleid: str, seed: int, uitkomsten: list[Uitkomst],
                       invoer: SimInvoer) -> "SimResultaat":
        """From full records (tests, and callers that ran replications themselves)."""
        o = tel_op(uitkomsten, len(invoer.sc.periode), invoer.sc.horizon_dagen)
        return cls(scenario, scenario_hash, beleid, seed, o, invoer, list(uitkomsten))

    @property
    def uitkomsten(self) -> list[Uitkomst]:
        if self.bewaard is None:
            raise ValueError("de uitkomsten per replicatie zijn niet bewaard: simuleer(..., bewaar=True)")
        return self.bewaard


def _taak(invoer: SimInvoer, beleid: Beleid, rep: int) -> Uitkomst:
    return simuleer_replicatie(invoer, beleid, rep)


def _brok(invoer: SimInvoer, beleid: Beleid, bewaar: bool, curven: bool,
          reps: list[int]) -> tuple[Optelling, list[Uitkomst]]:
    """A worker's share: its replications added up (and kept, when asked)."""
    o = Optelling(len(invoer.sc.periode), dagen=invoer.sc.horizon_dagen if curven else None)
    bewaard = []
    for rep in reps:
        u = simuleer_replicatie(invoer, beleid, rep)
        o.voeg_toe(u)
        if bewaar:
            bewaard.append(u)
    return o, bewaard


def voeg_brokken_samen(perioden: int, brokken, dagen: int | None = None) -> tuple[Optelling, list]:
    totaal, alle = Optelling(perioden, dagen=dagen), []
    for o, bewaard in brokken:
        totaal.voeg_samen(o)
        alle.extend(bewaard)
    return totaal, alle


def maak_invoer(g: GeladenScenario, seed: int | None = None) -> SimInvoer:
    return SimInvoer(g.sc, tuple(g.huishoudens), tuple(g.woningen), g.sc.seed if seed is None else seed)


def scenario_hash(g: GeladenScenario) -> str:
    """The scenario file, its waitlist and dwellings, and the --zet overrides it was loaded with."""
    h = hashlib.sha256(g.pad.read_bytes())
    for naam in (g.sc.huishoudens, g.sc.woningen):
        if naam:
            h.update((g.pad.parent / naam).read_bytes())
    return hash_met_zet(h.hexdigest()[:16], g.zet)


def simuleer(g: GeladenScenario, beleid: str | Beleid | None = None, replicaties: int | None = None,
             seed: int | None = None, uitvoerder: Uitvoerder | None = None, voortgang=None,
             eerste: int = 0, bewaar: bool = True, curven: bool = False) -> SimResultaat:
    """`bewaar`: keep every replication's full record (memory grows with the replications);
    without it memory stays flat: the summaries, the CSV and the IBT outlook need no more.
    `curven`: keep only the persons booked per day (for the fan chart), 8 bytes a day."""
    b = beleid if isinstance(beleid, Beleid) else g.beleid(beleid)
    invoer = maak_invoer(g, seed)
    n = replicaties or g.sc.replicaties
    if bewaar:
        controleer_geheugen(invoer, b, n, eerste)
    curven = curven or bewaar
    brokken = (uitvoerder or Serieel()).per_brok(partial(_brok, invoer, b, bewaar, curven),
                                                 range(eerste, eerste + n), voortgang)
    optelling, bewaard = voeg_brokken_samen(len(g.sc.periode), brokken, g.sc.horizon_dagen if curven else None)
    return SimResultaat(g.sc.naam, scenario_hash(g), b.naam, invoer.seed, optelling, invoer,
                        bewaard if bewaar else None)


# Below this many replications the results fit in memory on any machine (about 13 KB each).
GEHEUGEN_CONTROLE_VANAF = 20_000


def beschikbaar_geheugen() -> int | None:
    """Bytes of memory available now (Linux: MemAvailable), or None where unknown."""
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemAvailable:"):
                return int(regel.split()[1]) * 1024
    except OSError:
        pass
    return None


def controleer_geheugen(invoer: SimInvoer, beleid: Beleid, n: int, eerste: int = 0,
                        beschikbaar: int | None = None) -> None:
    """Refuse up front a run whose results would not fit in memory, with the figure it needs:
    one replication is run and measured (pickled size x 6: Python objects take about 5.6 times
    their pickled size, measured on leusden-2023)."""
    if n < GEHEUGEN_CONTROLE_VANAF:
        return
    beschikbaar = beschikbaar if beschikbaar is not None else beschikbaar_geheugen()
    if beschikbaar is None:
        return
    per = 6 * len(pickle.dumps(_taak(invoer, beleid, eerste)))
    nodig = per * n
    if nodig > 0.8 * beschikbaar:
        kan = max(int(0.8 * beschikbaar / per), 1)
        raise InvoerFout(None, f"{n:,} replicaties vragen ongeveer {nodig / 2**30:.1f} GB geheugen ({per / 1024:.0f} KB "
                               f"per replicatie); beschikbaar is {beschikbaar / 2**30:.1f} GB: gebruik hoogstens "
                               f"{kan:,} replicaties".replace(",", "."), veld="--replicaties")


# ------------------------------------------------------------------ summary

def kwantielen(x: np.ndarray) -> dict[str, float]:
    if len(x) == 0:
        return {"gemiddeld": 0.0, "p10": 0.0, "p50": 0.0, "p90": 0.0}
    q = np.percentile(x, [10, 50, 90], method="inverted_cdf")
    return {"gemiddeld": round(float(np.mean(x)), 3), "p10": float(q[0]), "p50": float(q[1]), "p90": float(q[2])}


def standen(res: SimResultaat, van: int = 0, tot: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(realisatie, stand at each period's start) per replication: stand(next) = stand +
    realisatie - taakstelling. For a period without obligation ([taakstelling] afgeschaft_vanaf,
    `Scenario.verplicht`) the stand is arithmetic only: the output shows none. `van`, `tot`:
    only the replications at these positions (a writer going through a million in blocks)."""
    sc = res.invoer.sc
    real = res.optelling.per_periode("realisatie")[van:tot]
    return real, kalender.standen(sc.stand_start, real, (p.taakstelling for p in sc.periode))


def perioden(res: SimResultaat) -> list[dict]:
    sc = res.invoer.sc
    real, stand = standen(res)
    woningen = _per_periode(res, "woningen_gebruikt")
    uit = []
    for i, p in enumerate(sc.periode):
        opgave = kalender.totaalopgave(p.taakstelling, stand[:, i])
        eind = kalender.volgende_stand(stand[:, i], real[:, i], p.taakstelling)
        if not sc.verplicht(p):
            # No taakstelling obligation: realisatie only; the taakstelling is the expected inflow.
            uit.append({
                "periode": p.naam, "volledig": p.eind <= sc.einddatum, "verplicht": False,
                "taakstelling": p.taakstelling, "extra_opgave": p.extra_opgave, "totaalopgave": None,
                "stand_start": None, "realisatie": kwantielen(real[:, i]), "kans_totaalopgave_gehaald": None,
                "kans_inclusief_extra_opgave_gehaald": None, "stand_eind": None, "stand_eind_verdeling": None,
                "woningen_gebruikt": kwantielen(woningen[:, i]),
            })
            continue
        uit.append({
            "periode": p.naam,
            "volledig": p.eind <= sc.einddatum,
            "verplicht": True,
            "taakstelling": p.taakstelling,
            "extra_opgave": p.extra_opgave,
            "totaalopgave": round(float(opgave.mean()), 3),
            "stand_start": round(float(stand[:, i].mean()), 3),
            "realisatie": kwantielen(real[:, i]),
            "kans_totaalopgave_gehaald": round(float((real[:, i] >= opgave).mean()), 4),
            "kans_inclusief_extra_opgave_gehaald": round(float((real[:, i] >= opgave + p.extra_opgave).mean()), 4),
            "stand_eind": round(float(eind.mean()), 3),
            "stand_eind_verdeling": kwantielen(eind),
            "woningen_gebruikt": kwantielen(woningen[:, i]),
        })
    return uit


def _per_periode(res: SimResultaat, veld: str) -> np.ndarray:
    return res.optelling.per_periode(veld)


def plan_vergelijking(res: SimResultaat) -> dict | None:
    """The plan's figures beside the simulation's, over the scenario's horizon. Dwellings per
    year are scaled to the horizon; persons per dwelling are those moving into a first dwelling
    plus nareizigers joining them, over the dwellings whose keys were handed over."""
    sc = res.invoer.sc
    plan = sc.plan
    if plan.woningen_per_jaar is None and plan.personen_per_woning is None and plan.taakstelling is None:
        return None
    jaren = sc.horizon_dagen / 365.0
    woningen = _per_periode(res, "woningen_gebruikt").sum(axis=1)
    bewoners = _per_periode(res, "bewoners").sum(axis=1)
    real, _ = standen(res)
    volledig = [i for i, p in enumerate(sc.periode) if p.eind <= sc.einddatum]
    realisatie = real[:, volledig].sum(axis=1)
    ppw = float(bewoners.sum() / woningen.sum()) if woningen.sum() else None
    uit: dict = {"bron": plan.bron}
    if plan.woningen_per_jaar is not None:
        uit["woningen_gebruikt"] = {"plan": round(plan.woningen_per_jaar * jaren, 3), "simulatie": kwantielen(woningen)}
    if plan.personen_per_woning is not None:
        uit["personen_per_woning"] = {"plan": plan.personen_per_woning,
                                      "simulatie": round(ppw, 3) if ppw is not None else None}
    if plan.woningen_per_jaar is not None and plan.personen_per_woning is not None:
        uit["personen_in_plan_woningen"] = {"plan": round(plan.woningen_per_jaar * jaren * plan.personen_per_woning, 3),
                                            "simulatie": kwantielen(bewoners)}
    if plan.taakstelling is not None and volledig:
        uit["realisatie"] = {"plan": plan.taakstelling, "simulatie": kwantielen(realisatie),
                             "perioden": [sc.periode[i].naam for i in volledig]}
    elif plan.taakstelling is not None:
        # The plan's taakstelling is for whole periods: a part of one is no match for it (0 against 5
        # would read as a failure, the part's own realisatie as a like-for-like).
        uit["realisatie"] = {"plan": plan.taakstelling, "simulatie": None, "perioden": [],
                             "toelichting": "geen hele periode in de horizon: de taakstelling van het plan geldt per "
                                            "hele periode (de realisatie van het deel staat per periode hierboven)"}
    if plan.woningen_per_jaar is not None and plan.personen_per_woning is not None and ppw is not None:
        uit["aansluiting"] = aansluiting(res, plan.woningen_per_jaar * jaren, plan.personen_per_woning,
                                         float(woningen.mean()), ppw, float(real.sum(axis=1).mean()))
    return uit


def aansluiting(res: SimResultaat, plan_woningen: float, plan_ppw: float, woningen: float, ppw: float,
                realisatie: float) -> list[dict]:
    """From the plan's persons to the simulated realisatie in steps that add up exactly:
    dwellings not used in the horizon (and where they are), another occupancy, and persons who
    count without a dwelling of the agreement (Nidos, doorstroomlocatie, realisatie before the
    start) minus moves that do not count again."""
    n = max(res.replicaties, 1)
    eind = {k: res.optelling.eind_woningen.get(k, 0) / n
            for k in ("sleutels_na_horizon", "vrij_in_aanbod", "terug_regulier_niet_vervangen")}
    ongebruikt = plan_woningen - woningen
    bewoners = woningen * ppw
    rest = round(ongebruikt - sum(eind.values()), 1) + 0.0  # (+ 0.0: never "-0.0")
    # The remainder after what is known at the end: fewer dwellings than the plan (or later ones),
    # or, when negative, more than the plan.
    rest_tekst = (f"later beschikbaar of minder aanbod {rest:.1f}" if rest >= 0
                  else f"meer aanbod dan in het plan {-rest:.1f}")
    stappen = [
        {"stap": "plan", "personen": plan_woningen * plan_ppw,
         "toelichting": f"{plan_woningen:.1f} woningen x {plan_ppw:.2f} personen"},
        {"stap": "woningen niet gebruikt in de horizon", "personen": -ongebruikt * plan_ppw,
         "toelichting": f"{ongebruikt:.1f} woningen: sleutels na het eind {eind['sleutels_na_horizon']:.1f}, "
                        f"nog vrij {eind['vrij_in_aanbod']:.1f}, terug naar reguliere verhuur en nog niet vervangen "
                        f"{eind['terug_regulier_niet_vervangen']:.1f}, {rest_tekst}"},
        {"stap": "andere bezetting", "personen": woningen * (ppw - plan_ppw),
         # (the persons per dwelling rounded as in the table above, then shown: one rounding, not two)
         "toelichting": f"{woningen:.1f} woningen x ({round(ppw, 3):.2f} - {plan_ppw:.2f}) personen"},
        {"stap": "geteld buiten de woningen van het plan", "personen": realisatie - bewoners,
         "toelichting": "Nidos, doorstroomlocatie en realisatie vóór de start; min verhuizingen die niet opnieuw tellen"},
    ]
    stappen.append({"stap": "realisatie (simulatie)", "personen": realisatie, "toelichting": "gemiddeld per replicatie"})
    for st in stappen:
        st["personen"] = round(st["personen"], 3)
    # Shown to 3 decimals, the steps must still add up: the last middle step takes the rounding.
    stappen[-2]["personen"] = round(stappen[-1]["personen"] - sum(st["personen"] for st in stappen[:-2]), 3)
    return stappen


def getoonde_stappen(stappen: list[dict], decimalen: int = 1) -> list[float]:
    """The steps of `aansluiting` as shown with `decimalen` decimals, adding up exactly to the
    shown total: each rounded, the last middle step takes the display rounding (as `aansluiting`
    does at 3 decimals). The HTML report and the terminal table both print these."""
    getoond = [round(st["personen"], decimalen) + 0.0 for st in stappen]  # (+ 0.0: never "-0.0")
    if len(getoond) >= 3:
        getoond[-2] = round(getoond[-1] - sum(getoond[:-2]), decimalen) + 0.0
    return getoond


def kpi(res: SimResultaat) -> dict:
    sc = res.invoer.sc
    o = res.optelling
    n = max(o.n, 1)

    def gem(naam: str) -> float:
        return round(o.som(naam) / n, 3)

    def huishoudens(kern: str) -> float:
        return round(o.huishoudens_per_kern.get(kern, 0) / n, 3)

    kernen = sorted(set(o.personen_per_kern) | set(sc.kernen))
    redenen = sorted(o.wachtend_redenen)
    mediaan_weken = o.mediaan_wachtweken()
    binnen = o.aandeel_wachtweken_tot(sc.toewijzing.norm_weken)
    kps = o.gemiddelde_kinderen_per_slaapkamer()
    # The kengetallen that are not one counter's mean; the rest, their keys and order: kengetallen.py.
    waarden = {
        "wachtweken_mediaan": round(mediaan_weken, 2) if mediaan_weken is not None else None,
        "aandeel_binnen_norm": round(binnen, 4) if binnen is not None else None,
        "norm_weken": sc.toewijzing.norm_weken,
        "plaatsingen": huishoudens(sc.kernen[0]) + sum(huishoudens(k) for k in sc.kernen[1:]),
        "personen_per_kern": {k: round(o.personen_per_kern.get(k, 0) / n, 3) for k in kernen},
        "huishoudens_per_kern": {k: huishoudens(k) for k in kernen},
        "kinderen_per_slaapkamer": round(kps, 3) if kps is not None else None,
        "wachtend_eind": round(o.wachtend_eind / n, 3),
        "wachtend_eind_redenen": {r: round(o.wachtend_redenen[r] / n, 3) for r in redenen},
    }
    return {k.sleutel: gem(k.teller) if k.teller else waarden[k.sleutel] for k in kengetallen.JSON if k.geldt(sc)}


def samenvatting(res: SimResultaat) -> dict:
    return {
        "scenario": res.scenario,
        "scenario_hash": res.scenario_hash,
        "beleid": res.beleid,
        "seed": res.seed,
        "replicaties": res.replicaties,
        "perioden": perioden(res),
        "plan": plan_vergelijking(res),
        "kpi": kpi(res),
        "gelijkheid": gelijkheid(res),
    }
