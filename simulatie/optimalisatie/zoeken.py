"""Zoeken: candidate policies on common random numbers, replications spent by successive halving.

Every candidate runs on replications 0..n-1 of the same worlds (`trek_wereld(seed, i)`, as in
`vergelijk`), so differences between candidates are exact pair by pair and a candidate promoted
to more replications only runs the new ones. All candidates get few replications; the best
fraction (by Pareto front, then NSGA-II crowding distance) gets more, up to N.

Candidates: the whole grid when the space is no larger than the budget, otherwise proposed by
Optuna's NSGA-II sampler (fixed seed, sequential ask/tell: deterministic) on the first rung's
measures. `strikt` and `flexibel` always run all N replications, to place them on the frontier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from matching.beleid import Beleid
from matching.bestanden import InvoerFout

from ..gelijkheid import Gelijkheid
from ..replicaties import maak_invoer
from ..scenario import GeladenScenario
from ..uitvoerder import Serieel, Uitvoerder
from ..wereld import trek_wereld
from . import pareto
from .maten import MATEN, NAMEN, meet
from .ruimte import Ruimte

ETA = 3          # each rung keeps about a third, with three times the replications
MIN_REPLICATIES = 5
EIND_KANDIDATEN = 10  # candidates that reach the last rung (or all, if fewer)
REFERENTIES = ("strikt", "flexibel")


@dataclass
class Kandidaat:
    naam: str
    keuze: tuple[int | None, ...]     # choice per rule of the space (None: matches no choice)
    beleid: Beleid
    rijen: np.ndarray = field(default_factory=lambda: np.zeros((0, len(NAMEN))))  # replications x MATEN
    gelijkheid: Gelijkheid | None = None  # merged over its replications

    @property
    def replicaties(self) -> int:
        return len(self.rijen)

    def gemiddeld(self) -> np.ndarray:
        with np.errstate(all="ignore"):
            uit = np.full(len(NAMEN), np.nan)
            for m in range(len(NAMEN)):
                x = self.rijen[:, m]
                x = x[~np.isnan(x)]
                if len(x):
                    uit[m] = x.mean()
        return uit


@dataclass
class Optimalisatie:
    scenario: str
    seed: int
    ruimte: Ruimte
    replicaties: int
    budget: int
    methode: str                       # "rooster" (every point) or "nsga2"
    sporten: list[tuple[int, int]]     # (replications, candidates) per rung
    kandidaten: list[Kandidaat]        # every candidate evaluated, in order of proposal
    eind: list[Kandidaat]              # the last rung with strikt and flexibel, all at N replications
    frontier: list[int]                # indices into `eind`
    gesimuleerde_replicaties: int
    horizon_dagen: int
    basis_keuze: tuple[int | None, ...] = ()  # where the basis policy lies in the space
    norm_weken: int = 0                        # the scenario's norm, for the equity per point

    @property
    def gesimuleerde_jaren(self) -> float:
        return self.gesimuleerde_replicaties * self.horizon_dagen / 365.0

    def referentie(self, naam: str) -> Kandidaat:
        return next(k for k in self.eind if k.naam == naam)


def sporten(n: int, budget: int, eta: int = ETA, minimum: int = MIN_REPLICATIES,
            eind: int = EIND_KANDIDATEN) -> list[tuple[int, int]]:
    """Rungs (replications, candidates): replications grow by `eta` up to n from at least
    `minimum`; candidates shrink geometrically from the budget to `eind`."""
    stappen = 0
    while n / eta ** (stappen + 1) >= minimum:
        stappen += 1
    eind = min(eind, budget)
    if stappen == 0 or eind == budget:
        return [(n, budget)]
    uit = []
    for i in range(stappen + 1):
        reps = n if i == stappen else math.ceil(n / eta ** (stappen - i))
        aantal = budget if i == 0 else math.ceil(budget * (eind / budget) ** (i / stappen))
        uit.append((reps, aantal))
    return uit


def _meet_brok(invoer, beleiden, paren: list[tuple[int, int]]) -> list:
    """A worker's share of (candidate, replication) pairs, in replication order: each world is
    drawn once for all the candidates that run on it here (as `vergelijk` does)."""
    uit, wereld = [], None
    for i, rep in paren:
        if wereld is None or wereld.replicatie != rep:
            wereld = trek_wereld(invoer.sc, invoer.seed, rep, list(invoer.startlijst), list(invoer.startwoningen))
        uit.append(meet(invoer, beleiden[i], rep, wereld))
    return uit


class _Meter:
    """Runs replications for candidates, only those not run yet, all in one batch for the
    executor, and counts them."""

    def __init__(self, g: GeladenScenario, seed: int | None, uitvoerder: Uitvoerder | None, voortgang=None):
        self.invoer = maak_invoer(g, seed)
        self.uitvoerder = uitvoerder or Serieel()
        self.voortgang = voortgang
        self.gesimuleerd = 0

    def tot(self, ks: list[Kandidaat], n: int) -> None:
        # Replication by replication, so that a worker's candidates on one world share its draw.
        paren = [(i, rep) for rep in range(n) for i, k in enumerate(ks) if rep >= k.replicaties]
        if not paren:
            return
        uit = dict(zip(paren, (x for brok in self.uitvoerder.per_brok(
            partial(_meet_brok, self.invoer, tuple(k.beleid for k in ks)), paren, self.voortgang) for x in brok)))
        self.gesimuleerd += len(paren)
        for i, k in enumerate(ks):
            deel = [uit[i, rep] for rep in range(k.replicaties, n)]
            if deel:
                k.rijen = np.vstack([k.rijen, np.asarray([r for r, _ in deel], float).reshape(len(deel), len(NAMEN))])
                for _, g in deel:  # in replication order: the same result however the work was split
                    k.gelijkheid = g if k.gelijkheid is None else k.gelijkheid.samenvoegen(g)


def doelwaarden(k: Kandidaat, doelen: tuple[str, ...]) -> np.ndarray:
    return k.gemiddeld()[[NAMEN.index(d) for d in doelen]]


def doelpunten(ks: list[Kandidaat], doelen: tuple[str, ...]) -> np.ndarray:
    richting = [MATEN[d].richting for d in doelen]
    return pareto.als_minimalisatie(np.array([doelwaarden(k, doelen) for k in ks]).reshape(len(ks), len(doelen)),
                                    richting)


def geschat_werk(ruimte: Ruimte, replicaties: int, budget: int) -> int:
    """Replications a search will run at most (for the progress shown)."""
    rungs = sporten(replicaties, min(budget, ruimte.grootte))
    vorige, werk = 0, 0
    for reps, aantal in rungs:
        werk += aantal * (reps - vorige)
        vorige = reps
    return werk + len(REFERENTIES) * replicaties


def optimaliseer(g: GeladenScenario, ruimte: Ruimte, replicaties: int, budget: int, seed: int | None = None,
                 uitvoerder: Uitvoerder | None = None, voortgang=None) -> Optimalisatie:
    meter = _Meter(g, seed, uitvoerder, voortgang)
    seed = meter.invoer.seed
    basis = g.beleid(ruimte.basis)
    kernen = tuple(g.sc.kernen)
    rungs = sporten(replicaties, min(budget, ruimte.grootte))
    eerste = rungs[0][0]

    def kandidaat(keuze: tuple[int, ...], nr: int) -> Kandidaat | None:
        try:
            return Kandidaat(f"k{nr}", keuze, ruimte.beleid(basis, keuze, kernen, f"k{nr}"))
        except InvoerFout:
            return None  # a combination the policy rules refuse is no candidate

    if ruimte.grootte <= budget:
        methode = "rooster"
        kandidaten = [k for k in (kandidaat(kz, i) for i, kz in enumerate(ruimte.rooster())) if k is not None]
        meter.tot(kandidaten, eerste)
    else:
        methode = "nsga2"
        kandidaten = _stel_voor(ruimte, budget, seed, kandidaat, lambda ks: meter.tot(ks, eerste))
    rungs[0] = (eerste, len(kandidaten))
    pool = kandidaten
    for reps, aantal in rungs[1:]:
        pool = [pool[i] for i in pareto.beste(doelpunten(pool, ruimte.doelen), aantal)]
        meter.tot(pool, reps)
    refs = []
    for naam in REFERENTIES:
        b = g.beleid(naam)
        refs.append(Kandidaat(naam, ruimte.keuze_van(b, kernen), b))
    meter.tot(refs, replicaties)
    eind = pool + refs
    front = pareto.frontier(doelpunten(eind, ruimte.doelen))
    return Optimalisatie(g.sc.naam, seed, ruimte, replicaties, budget, methode, rungs, kandidaten, eind, front,
                         meter.gesimuleerd, g.sc.horizon_dagen, ruimte.keuze_van(basis, kernen),
                         g.sc.toewijzing.norm_weken)


def _stel_voor(ruimte: Ruimte, budget: int, seed: int, kandidaat, meet_eerste) -> list[Kandidaat]:
    """Up to `budget` distinct candidates from Optuna's NSGA-II sampler, told the first rung's
    measures; a repeated proposal is told its known values and costs nothing."""
    from matching.extras import vereis
    vereis("optimaliseer")  # before any simulation: nothing has run yet on this path
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    richting = ["maximize" if MATEN[d].richting == "max" else "minimize" for d in ruimte.doelen]
    # nan (no case in any replication) is told as a bad value: Optuna refuses nan.
    slecht = np.array([-1e9 if r == "maximize" else 1e9 for r in richting])
    study = optuna.create_study(directions=richting, sampler=optuna.samplers.NSGAIISampler(
        seed=seed, population_size=max(4, min(50, budget // 4))))
    bekend: dict[tuple[int, ...], Kandidaat | None] = {}
    uit: list[Kandidaat] = []
    pogingen = 0
    generatie = max(4, min(50, budget // 4))
    while len(uit) < budget and pogingen < 20 * budget:
        # One generation asked at once, so its new candidates run as one batch.
        trials, nieuw = [], []
        for _ in range(min(generatie, budget - len(uit))):
            pogingen += 1
            trial = study.ask()
            keuze = tuple(trial.suggest_categorical(r.naam, list(range(len(r.keuzes)))) for r in ruimte.regels)
            if keuze not in bekend:
                k = kandidaat(keuze, len(bekend))
                bekend[keuze] = k
                if k is not None:
                    nieuw.append(k)
            trials.append((trial, keuze))
        meet_eerste(nieuw)
        uit += nieuw
        for trial, keuze in trials:
            k = bekend[keuze]
            if k is None:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
                continue
            waarden = doelwaarden(k, ruimte.doelen)
            study.tell(trial, np.where(np.isnan(waarden), slecht, waarden).tolist())
    return uit
