"""Benchmark: 1,000 replications of leusden-2023 against a bare SimPy loop, in one run.

    python benchmarks/bench_simulatie.py [--replicaties 1000] [--workers 2 1]
                                                        [--beleid flexibel strikt] [--profiel FILE]

A script, not a test: it prints figures and never asserts on time.

Per policy it measures, for every worker setup (LokaleProcessen(n), or Serieel for 1):

- full: `simulatie.replicaties.simuleer`, exactly what `huisvesting simuleer` runs (without
  the summary), for replications 0..N-1;
- bare: a minimal simpy.Environment with one process that, per replication, processes as
  many events as the full model did and makes the same `los_op` calls, with the recorded
  Ronde and ok matrix, at the same event. Variants: events only; events + los_op (the
  baseline of the ratio); events + toelaatbaar + los_op (every matching-engine call a round
  makes).

The events and solver inputs are recorded in an untimed capture pass (Environment.step and
rondes.los_op, rondes.klein_op_rijen, Toestand.ronde_stap and Vervangingen.eerste_passend are
wrapped inside this script, each recorded as the Ronde and ok matrix it stands for; the
project's code is unchanged), which also checks that recording does not change any outcome. The bare tasks
read the recordings from a module global inherited by the forked workers, so neither side
ships more than replication numbers to the workers.

Then a cProfile of a few replications splits the time into los_op + toelaatbaar and the rest.
The machine is shared: the table shows CPU time next to wall time and the load average, and
--herhalingen K keeps the fastest of K timings.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import simpy
from scipy.optimize import linear_sum_assignment

import simulatie.actoren.rondes as rondes
from matching.beleid import Beleid
from matching.oplossers import klein_op_rijen, los_op
from matching.regels import Ronde, toelaatbaar
from simulatie.model import simuleer_replicatie
from simulatie.replicaties import SimResultaat, maak_invoer, samenvatting, simuleer
from simulatie.scenario import laad_scenario
from simulatie.aanbod import Vervangingen
from simulatie.toestand import Toestand
from simulatie.uitvoerder import LokaleProcessen, Serieel

ECHTE_ENV = simpy.Environment
# "ruwe_lsa" is the floor of issue 14: the events and one raw linear_sum_assignment per solved round.
VARIANTEN = ("gebeurtenissen", "ruwe_lsa", "los_op", "toelaatbaar+los_op")


# ------------------------------------------------------------------ capture

class _Opname:
    """What one replication did: the time of every event and every engine call."""

    def __init__(self):
        self.stap = 0                       # number of the event being processed (1-based)
        self.tijden: list[float] = []       # env.now of event 1..n
        self.aanroepen: list[tuple] = []    # (stap, soort, args, kwargs, controle)


_OPNAME: _Opname | None = None
_ECHT = {"ronde_stap": Toestand.ronde_stap, "passend": Vervangingen.eerste_passend}


class _TelEnv(ECHTE_ENV):
    """Environment that records each processed event (capture only, never timed)."""

    def step(self):
        o = _OPNAME
        o.stap += 1
        o.tijden.append(self.peek())
        super().step()


def _opname_toelaatbaar(r, beleid, ok=None):
    ok = toelaatbaar(r, beleid) if ok is None else ok
    _OPNAME.aanroepen.append((_OPNAME.stap, "toelaatbaar", (r,), {}, int(ok.sum())))
    return ok


def _opname_ronde_stap(t, lijst, rijen, woningen, vandaag, n_k, n_a, oplossen, maak_ronde):
    """Toestand.ronde_stap: the round's admissible pairs from the row tables, and where it
    solved the round in the same step, that solve; recorded as the numpy rules and the los_op
    call they stand for, on the round's own arrays."""
    stap = _ECHT["ronde_stap"](t, lijst, rijen, woningen, vandaag, n_k, n_a, oplossen, maak_ronde)
    peildag = t.start_abs + vandaag
    r = Ronde(t.hh_tabel.kies([s.rij for s in lijst]), t.w_tabel.kies([w.rij for w in woningen], vrij_tot=peildag),
              peildag)
    _opname_toelaatbaar(r, t.beleid, stap.ok)
    if stap.opl is not None:
        _neem_oplossing_op(maak_ronde(), t.beleid, stap.opl, (t.sc.toewijzing.oplosser,), {"seed": 0, "ok": stap.ok})
    return stap


def _opname_passend(alle, ht, hi, begin, eind, dagen, beleid):
    """Vervangingen.eerste_passend (the walk): recorded as the rules on the re-lets with their days."""
    past = _ECHT["passend"](alle, ht, hi, begin, eind, dagen, beleid)
    _opname_toelaatbaar(Ronde(ht.kies(hi), alle.kenmerken(begin, eind, np.array(dagen, np.int64)), dagen[-1]), beleid)
    return past


def _opname_los_op(r, beleid, *args, **kwargs):
    opl = los_op(r, beleid, *args, **kwargs)
    _neem_oplossing_op(r, beleid, opl, args, kwargs)
    return opl


def _opname_klein_op_rijen(h, hi, toegezegd, w, wi, peildag, beleid, ok, oplosser, maak_ronde):
    """rondes.klein_op_rijen: recorded as the los_op call it stands for, on the round's own arrays."""
    opl = klein_op_rijen(h, hi, toegezegd, w, wi, peildag, beleid, ok, oplosser, maak_ronde)
    if opl is not None:
        _neem_oplossing_op(maak_ronde(), beleid, opl, (oplosser,), {"seed": 0, "ok": ok})
    return opl


def _neem_oplossing_op(r, beleid, opl, args, kwargs):
    # The same arcs and values as a dense matrix (non-admissible cells worth 0, as leaving the
    # household out): what a bare LSA gets.
    dicht = np.zeros((len(r.hh), len(r.w)), np.float64)
    dicht[opl.bogen.hh, opl.bogen.w] = opl.bogen.waarde
    _OPNAME.aanroepen.append((_OPNAME.stap, "los_op", (r, *args), kwargs | {"_dicht": dicht}, opl.doelwaarde))


@dataclass
class Plan:
    """A replication's replay: blokken of (engine calls at an event, delays of the timeouts
    until the next event with calls)."""
    gebeurtenissen: int
    horizon: float
    blokken: list[tuple[list[tuple], list[float]]]
    los_op: int
    toelaatbaar: int
    controle: tuple[int, int]  # (sum of los_op doelwaarden, sum of admissible pairs)


def _maak_plan(o: _Opname, horizon: float) -> Plan:
    n = o.stap
    # Bare: event 1 starts the process, its k-th timeout is event k+1, event n is run's `until`.
    vertraging = [o.tijden[s] - o.tijden[s - 1] for s in range(1, n)]  # issued at event s (1-based)
    per_stap: dict[int, list[tuple]] = {}
    for stap, soort, args, kwargs, _ in o.aanroepen:
        per_stap.setdefault(stap, []).append((soort, args, kwargs))
    grenzen = sorted(set(per_stap) | {1})
    blokken = []
    for a, b in zip(grenzen, grenzen[1:] + [n]):
        blokken.append((per_stap.get(a, []), vertraging[a - 1:b - 1]))
    som_doel = sum(c for _, s, _, _, c in o.aanroepen if s == "los_op")
    som_ok = sum(c for _, s, _, _, c in o.aanroepen if s == "toelaatbaar")
    return Plan(n, horizon, blokken, sum(s == "los_op" for _, s, *_ in o.aanroepen),
                sum(s == "toelaatbaar" for _, s, *_ in o.aanroepen), (som_doel, som_ok))


def _opname_taak(invoer, beleid, rep):
    global _OPNAME
    _OPNAME = _Opname()
    try:
        u = simuleer_replicatie(invoer, beleid, rep)
        return u, _maak_plan(_OPNAME, invoer.sc.horizon_dagen)
    finally:
        _OPNAME = None


def neem_op(g, beleid: Beleid, n: int, seed: int, uitvoerder):
    """Untimed pass with the recorders installed (inherited by forked workers)."""
    oud = (simpy.Environment, rondes.los_op, rondes.klein_op_rijen, Toestand.ronde_stap, Vervangingen.eerste_passend)
    simpy.Environment, rondes.los_op, rondes.klein_op_rijen = _TelEnv, _opname_los_op, _opname_klein_op_rijen
    Toestand.ronde_stap, Vervangingen.eerste_passend = _opname_ronde_stap, _opname_passend
    try:
        paren = uitvoerder.map(partial(_opname_taak, maak_invoer(g, seed), beleid), range(n))
    finally:
        simpy.Environment, rondes.los_op, rondes.klein_op_rijen, Toestand.ronde_stap, Vervangingen.eerste_passend = oud
    return [u for u, _ in paren], [p for _, p in paren]


# ------------------------------------------------------------------ bare replay

_PLANNEN: dict[str, list[Plan]] = {}   # per policy; set before the pool forks
_BELEID: dict[str, Beleid] = {}


def _kaal_proces(env, plan: Plan, beleid: Beleid, variant: str, som: list[int]):
    """One process: the recorded engine calls at their event, then timeouts to the next.
    Its last timeout lands on the horizon, after `until`, as in the full model."""
    met_los_op = variant != "gebeurtenissen"
    met_toelaatbaar = variant == "toelaatbaar+los_op"
    for aanroepen, vertragingen in plan.blokken:
        if variant == "ruwe_lsa":
            for soort, args, kwargs in aanroepen:
                if soort == "los_op":
                    m = kwargs["_dicht"]
                    rij, kol = linear_sum_assignment(m, maximize=True)
                    som[0] += int(m[rij, kol].sum())
        elif met_los_op:
            for soort, args, kwargs in aanroepen:
                if soort == "los_op":
                    kw = {k: v for k, v in kwargs.items() if k != "_dicht"}
                    som[0] += los_op(args[0], beleid, *args[1:], **kw).doelwaarde
                elif met_toelaatbaar:
                    som[1] += int(toelaatbaar(args[0], beleid).sum())
        for v in vertragingen:
            yield env.timeout(v)


def _kaal_taak(naam: str, variant: str, rep: int, env_klasse=None) -> tuple[int, int]:
    plan = _PLANNEN[naam][rep]
    env = (env_klasse or ECHTE_ENV)()
    som = [0, 0]
    env.process(_kaal_proces(env, plan, _BELEID[naam], variant, som))
    env.run(until=plan.horizon)
    return som[0], som[1]


class _TelAlleen(ECHTE_ENV):
    def __init__(self):
        super().__init__()
        self.n = 0

    def step(self):
        self.n += 1
        super().step()


def controleer_kaal(naam: str, n: int) -> str:
    """Untimed: the bare loop processes exactly the recorded number of events."""
    fout = 0
    for rep in range(n):
        envs: list = []

        def klasse():
            envs.append(_TelAlleen())
            return envs[-1]

        _kaal_taak(naam, "gebeurtenissen", rep, klasse)
        fout += envs[0].n != _PLANNEN[naam][rep].gebeurtenissen
    return "ja" if fout == 0 else f"NEE ({fout} replicaties wijken af)"


# ------------------------------------------------------------------ timing

def _zelfde(a: list, b: list) -> bool:
    """Outcomes equal field by field; repr, because nan != nan (plaatsingen carries nan)."""
    return len(a) == len(b) and all(repr(x) == repr(y) for x, y in zip(a, b))


def uitvoerder_voor(workers: int):
    return Serieel() if workers <= 1 else LokaleProcessen(workers)


class Meting:
    """Several timings of one setup: the median of wall and of CPU (including reaped workers)."""

    def __init__(self):
        self.wanden: list[float] = []
        self.cpus: list[float] = []
        self.resultaat = None

    @property
    def alle(self) -> list[float]:
        return self.wanden

    @property
    def wand(self) -> float:
        return float(np.median(self.wanden))

    @property
    def cpu(self) -> float:
        return float(np.median(self.cpus))

    def neem(self, functie):
        gc.collect()
        t0, c0 = time.perf_counter(), os.times()
        res = functie()
        wand, c1 = time.perf_counter() - t0, os.times()
        cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) \
            + (c1.children_system - c0.children_system)
        self.wanden.append(wand)
        self.cpus.append(cpu)
        if self.resultaat is None:
            self.resultaat = res
        return wand


# ------------------------------------------------------------------ profile

def profiel(g, beleid: Beleid, n: int, seed: int, regels: int, doel) -> dict[str, float]:
    pr = cProfile.Profile()
    pr.enable()
    uitkomsten = simuleer(g, beleid, n, seed, Serieel()).uitkomsten
    pr.disable()
    st = pstats.Stats(pr, stream=doel)
    doel.write(f"\n--- cProfile, {n} replicaties, beleid {beleid.naam}: top {regels} op eigen tijd ---\n")
    st.sort_stats("tottime").print_stats(regels)

    def cum(bestand: str, functie: str, veld: int = 3) -> float:
        return sum(v[veld] for (f, _, fn), v in st.stats.items() if f.endswith(bestand) and fn == functie)

    totaal = cum("replicaties.py", "simuleer")
    simpy_eigen = sum(v[2] for (f, _, _), v in st.stats.items() if f"{os.sep}simpy{os.sep}" in f)
    return {
        "totaal": totaal,
        # (the engine's entry points a round calls; none calls another)
        "los_op": cum("matching/oplossers.py", "los_op") + cum("matching/oplossers.py", "klein_op_rijen"),
        # (ronde_stap: the rules, and a small round's solve in the same compiled step)
        "toelaatbaar": cum("simulatie/toestand.py", "ronde_stap") + cum("simulatie/aanbod.py", "eerste_passend"),
        "ronde_bouwen": cum("simulatie/toestand.py", "kenmerken") + cum("simulatie/toestand.py", "woningkenmerken"),
        "wereld_trekken": cum("simulatie/wereld.py", "trek_wereld"),
        "simpy_eigen": simpy_eigen,
        # Solved rounds as the model counts them (a klein_op_rijen that declines is followed by los_op).
        "aanroepen": (sum(u.tellers.get("oplossingen", 0) for u in uitkomsten),
                      int(cum("simulatie/toestand.py", "ronde_stap", 1) + cum("simulatie/aanbod.py", "eerste_passend", 1))),
    }


@dataclass
class Apart:
    """CPU seconds of n serial replications, and of the parts of them timed on their own."""
    totaal: float
    rondes: float   # every allocation round (`rondes.ronde`)
    wereld: float   # drawing the worlds (`trek_wereld`), which the replay is given


def apart_getimed(g, beleid: Beleid, n: int, seed: int, herhalingen: int) -> Apart:
    """n replications (serial), each call of `rondes.ronde` and of `model.trek_wereld` timed on
    its own (what is left: the other actors, SimPy and the results). The fastest of
    `herhalingen`."""
    import simulatie.model as model
    oud = (rondes.ronde, model.trek_wereld)
    binnen = {"rondes": 0, "wereld": 0}

    def getimed(soort, functie):
        def f(*args):
            c0 = time.process_time_ns()
            try:
                return functie(*args)
            finally:
                binnen[soort] += time.process_time_ns() - c0
        return f

    rondes.ronde, model.trek_wereld = getimed("rondes", oud[0]), getimed("wereld", oud[1])
    try:
        beste = None
        for _ in range(herhalingen):
            binnen.update(rondes=0, wereld=0)
            gc.collect()
            c0 = time.process_time()
            samenvatting(simuleer(g, beleid, n, seed, Serieel(), bewaar=False))
            meting = Apart(time.process_time() - c0, binnen["rondes"] / 1e9, binnen["wereld"] / 1e9)
            beste = meting if beste is None or meting.totaal < beste.totaal else beste
        return beste
    finally:
        rondes.ronde, model.trek_wereld = oud


# ------------------------------------------------------------------ report

def machine() -> list[str]:
    import ortools
    import scipy
    cpu = "?"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    beschikbaar = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:  # read-only: which code was measured (the tree may carry uncommitted work)
        import subprocess
        wortel = Path(__file__).resolve().parents[1]
        kop = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=wortel, capture_output=True,
                             text=True, timeout=10).stdout.strip()
        gewijzigd = subprocess.run(["git", "status", "--porcelain", "--", "simulatie", "matching"], cwd=wortel,
                                   capture_output=True, text=True, timeout=10).stdout.splitlines()
        code = f"code: git {kop or '?'}, {len(gewijzigd)} gewijzigde bestanden in simulatie/ en matching/"
    except (OSError, subprocess.SubprocessError):
        code = "code: git ?"
    return [
        code,
        f"machine: nproc {beschikbaar} (cpu_count {os.cpu_count()}), {cpu}, {platform.platform()}",
        f"python {platform.python_version()}, numpy {np.__version__}, ortools {ortools.__version__}, "
        f"simpy {simpy.__version__}, scipy {scipy.__version__}",
    ]


def belasting() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average ?"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--replicaties", type=int, default=1000)
    p.add_argument("--workers", type=int, nargs="+", default=[2, 1], help="worker setups (1 = Serieel)")
    p.add_argument("--beleid", nargs="+", default=["flexibel", "strikt"])
    p.add_argument("--scenario", default=None, help="default: leusden-2023")
    p.add_argument("--seed", type=int, default=None, help="default: the scenario's seed")
    p.add_argument("--herhalingen", type=int, default=5, help="the median of K timings (at least 5 for the issue)")
    p.add_argument("--profiel-replicaties", type=int, default=50)
    p.add_argument("--profiel-regels", type=int, default=15)
    p.add_argument("--profiel", type=Path, default=None, help="write the cProfile lines here (default stdout)")
    a = p.parse_args(argv)

    g = laad_scenario(a.scenario)
    seed = g.sc.seed if a.seed is None else a.seed
    n = a.replicaties
    print(f"bench_simulatie: scenario {g.sc.naam}, seed {seed}, {n} replicaties, workers {a.workers}")
    for regel in machine():
        print(regel)
    print(f"start: {belasting()}", flush=True)
    simuleer(g, a.beleid[0], 3, seed, Serieel())  # warm imports (ortools, scipy) before timing

    rijen = []
    controles = []
    opgenomen: dict[str, tuple[int, int]] = {}
    for naam in a.beleid:
        b = g.beleid(naam)
        # 1. Capture (untimed), then freeze it out of the garbage collector's way; the full and
        #    the bare runs then fork their workers from the same parent.
        t0 = time.perf_counter()
        opn_uitkomsten, plannen = neem_op(g, b, n, seed, uitvoerder_voor(max(a.workers)))
        opname_s = time.perf_counter() - t0
        _PLANNEN[naam], _BELEID[naam] = plannen, b
        gc.collect()
        gc.freeze()

        # 2. Full and bare runs interleaved, so that load from elsewhere hits both alike.
        vol = {w: Meting() for w in a.workers}
        kaal = {(w, v): Meting() for w in a.workers for v in VARIANTEN}
        for k in range(a.herhalingen):
            for w in a.workers:
                t = vol[w].neem(lambda: samenvatting(simuleer(g, b, n, seed, uitvoerder_voor(w), bewaar=False)))
                regel = f"  {naam} #{k + 1} {w} worker(s): volledig {t:6.2f} s, kaal"
                for v in VARIANTEN:
                    t = kaal[w, v].neem(lambda: uitvoerder_voor(w).map(partial(_kaal_taak, naam, v), range(n)))
                    regel += f" {v} {t:5.2f}"
                print(regel + f"  ({belasting()})", flush=True)

        uitkomsten = vol[a.workers[0]].resultaat
        verwacht = [pl.controle for pl in plannen]
        gebeurtenissen = np.array([pl.gebeurtenissen for pl in plannen])
        n_los_op = np.array([pl.los_op for pl in plannen])
        n_toel = np.array([pl.toelaatbaar for pl in plannen])
        eerste = plannen[:a.profiel_replicaties]
        opgenomen[naam] = (sum(pl.los_op for pl in eerste), sum(pl.toelaatbaar for pl in eerste))
        controles.append((naam, {
            "uitkomsten 1 en meer workers identiek":
                "ja" if all(m.resultaat == uitkomsten for m in vol.values()) else "NEE",
            "opname verandert geen uitkomst": "ja" if samenvatting(SimResultaat.uit_uitkomsten(
                uitkomsten["scenario"], uitkomsten["scenario_hash"], b.naam, seed, opn_uitkomsten,
                maak_invoer(g, seed))) == uitkomsten else "NEE",
            "kaal: zelfde aantal gebeurtenissen": controleer_kaal(naam, n),
            "kaal: zelfde doelwaarden en toelaatbare paren": "ja" if all(
                [c[0] for c in kaal[w, "los_op"].resultaat] == [c[0] for c in verwacht]
                and kaal[w, "toelaatbaar+los_op"].resultaat == verwacht
                and [c[0] for c in kaal[w, "ruwe_lsa"].resultaat] == [c[0] for c in verwacht]
                for w in a.workers) else "NEE",
            "opname (ongetimed)": f"{opname_s:.1f} s",
            "per replicatie: gebeurtenissen": f"gem {gebeurtenissen.mean():.1f} (min {gebeurtenissen.min()}, "
                                              f"max {gebeurtenissen.max()})",
            "per replicatie: los_op / toelaatbaar": f"gem {n_los_op.mean():.1f} / {n_toel.mean():.1f}",
        }))
        for w in a.workers:
            rijen.append((naam, w, vol[w], kaal[w, "gebeurtenissen"], kaal[w, "ruwe_lsa"], kaal[w, "los_op"],
                          kaal[w, "toelaatbaar+los_op"]))
            vol[w].resultaat = None
            for v in VARIANTEN:
                kaal[w, v].resultaat = None
        _PLANNEN.pop(naam)
        gc.unfreeze()
        del plannen, opn_uitkomsten, uitkomsten
        gc.collect()

    # 4. Profile split (cProfile inflates Python-heavy code; the timed split below does not).
    doel = a.profiel.open("w", encoding="utf-8") if a.profiel else io.StringIO()
    splitsing = {naam: profiel(g, g.beleid(naam), a.profiel_replicaties, seed, a.profiel_regels, doel)
                 for naam in a.beleid}
    if a.profiel:
        doel.close()
    else:
        print(doel.getvalue())
    apart = {naam: apart_getimed(g, g.beleid(naam), n, seed, a.herhalingen) for naam in a.beleid if 1 in a.workers}

    # 5. Tables.
    print(f"\n=== {g.sc.naam}: {n} replicaties; mediaan van {a.herhalingen}; wand = wall clock, "
          f"cpu = alle processen ===")
    kop = (f"{'beleid':9s} {'wrk':>3s} | {'volledig s':>10s} {'rep/s':>6s} {'cpu s':>6s} | "
           f"{'kaal: gebeurt.':>14s} {'+ruwe LSA':>9s} {'cpu s':>6s} {'+los_op':>8s} {'+toel+los':>9s} | "
           f"{'vol/vloer':>9s} {'(cpu)':>6s} {'vol/los_op':>10s}")
    print(kop)
    print("-" * len(kop))
    for naam, w, v, k0, kl, k1, k2 in rijen:
        print(f"{naam:9s} {w:3d} | {v.wand:10.2f} {n / v.wand:6.0f} {v.cpu:6.1f} | "
              f"{k0.wand:14.2f} {kl.wand:9.2f} {kl.cpu:6.1f} {k1.wand:8.2f} {k2.wand:9.2f} | "
              f"{v.wand / kl.wand:9.2f} {v.cpu / kl.cpu:6.2f} {v.wand / k1.wand:10.2f}")
    print("kaal: gebeurt. = alleen de SimPy-gebeurtenissen; +ruwe LSA = gebeurtenissen + één kale scipy-LSA per "
          "opgeloste ronde op dezelfde bogen\n(de vloer van issue 14); +los_op = met de motor zelf; +toel+los = ook "
          "toelaatbaar. vol/vloer = volledig / (+ruwe LSA), wand; (cpu) idem op CPU-tijd.")
    for naam, w, v, k0, kl, *_ in rijen:
        oordeel = "gehaald" if v.cpu / kl.cpu <= 5.0 else "NIET gehaald"
        print(f"doel volledig / vloer <= 5x, {naam}, {w} worker(s): {v.cpu / kl.cpu:.2f}x op CPU-tijd -> {oordeel}")
    for naam, w, v, *_ in rijen:
        if w == 2:
            oordeel = "gehaald" if v.wand * 1000 / n <= 3.0 else "NIET gehaald"
            print(f"doel <= 3 s voor 1.000 replicaties, {naam}, 2 workers: {v.wand:.2f} s wand voor {n} -> {oordeel}"
                  + ("" if n == 1000 else f" (geschaald naar 1.000: {v.wand * 1000 / n:.2f} s)")
                  + f"; alle metingen: {', '.join(f'{x:.2f}' for x in v.alle)};"
                  f" cpu/2 = {v.cpu / 2:.2f} s (schatting op een onbelaste machine)")

    print("\nsplitsing van de tijd per replicatie (serieel, medianen; ms per replicatie)")
    for naam, w, v, k0, _, k1, k2 in rijen:
        if w != 1:
            continue
        ms = lambda s: 1000 * s / n  # noqa: E731
        print(f"  {naam:9s} volledig {ms(v.wand):6.2f} = simpy-gebeurtenissen {ms(k0.wand):5.2f}"
              f" + los_op {ms(k1.wand - k0.wand):5.2f} ({(k1.wand - k0.wand) / v.wand:.0%})"
              f" + toelaatbaar {ms(k2.wand - k1.wand):5.2f} ({(k2.wand - k1.wand) / v.wand:.0%})"
              f" + rest van het model {ms(v.wand - k2.wand):5.2f} ({(v.wand - k2.wand) / v.wand:.0%})")
    print("apart getimed (serieel, CPU, elke aanroep van rondes.ronde en van trek_wereld; de snelste van de "
          "herhalingen): wat overblijft als de rondes niets zouden kosten, en de vloer met het trekken van de wereld erbij")
    for naam, w, v, k0, kl, *_ in rijen:
        if w == 1 and naam in apart:
            m, vloer = apart[naam], kl.cpu
            rest = m.totaal - m.rondes
            print(f"  {naam:9s} {1000 * m.totaal / n:5.2f} ms per replicatie: rondes {1000 * m.rondes / n:5.2f} ms"
                  f" ({m.rondes / m.totaal:.0%}), de rest {1000 * rest / n:5.2f} ms = {rest / vloer:.2f}x de vloer"
                  f" ({1000 * vloer / n:.2f} ms), dus ook met rondes zonder kosten {rest / vloer:.2f}x;"
                  f" wereld trekken {1000 * m.wereld / n:5.2f} ms; volledig / (vloer + wereld) ="
                  f" {m.totaal / (vloer + m.wereld):.2f}x")
    print(f"splitsing volgens cProfile ({a.profiel_replicaties} replicaties, serieel)")
    for naam, s in splitsing.items():
        t = s["totaal"]
        rest = t - s["los_op"] - s["toelaatbaar"]
        print(f"  {naam:9s} totaal {t:5.2f} s: los_op {s['los_op'] / t:4.0%}, toelaatbaar (+ opgelost in die stap)"
              f" {s['toelaatbaar'] / t:4.0%}"
              f" | rest {rest / t:4.0%}, waarvan Ronde-arrays bouwen {s['ronde_bouwen'] / t:4.0%},"
              f" wereld trekken {s['wereld_trekken'] / t:4.0%}, simpy zelf {s['simpy_eigen'] / t:4.0%}")
    for naam, c in controles:
        if a.profiel_replicaties <= n:
            # Calls made from anywhere else than rondes.py would escape the capture: cProfile counts all.
            c["alle los_op/toelaatbaar-aanroepen opgenomen (telling cProfile)"] = (
                "ja" if splitsing[naam]["aanroepen"] == opgenomen[naam]
                else f"NEE: cProfile {splitsing[naam]['aanroepen']}, opgenomen {opgenomen[naam]}")
    print("\ncontroles")
    for naam, c in controles:
        for k, v in c.items():
            print(f"  {naam:9s} {k}: {v}")
    print(f"einde: {belasting()}")
    for regel in machine():
        print(regel)
    if a.profiel:
        print(f"cProfile-regels: {a.profiel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
