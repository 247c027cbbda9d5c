"""Benchmark: one allocation round of the matching engine against scipy's bare linear_sum_assignment.

    python benchmarks/bench_matching.py [--herhalingen 7] [--groot-herhalingen 5] [--kruispunt]
                                        [--cpsat] [--seed 20230101]

A script, not a test: it prints figures and never asserts on time. Issue 14's targets: a
Leusden-size round (60 households x 80 dwellings) within 2x of the raw solve on the same arcs;
a dense 1,000 x 1,000 round (about 81% admissible) within 0.5 s.

Per instance, all in the same run, CPU time (`process_time`; the machine is shared), medians
of the repeats; each repeat times a batch of calls (enough for about 20 ms) of every variant
in turn, so a load change hits them alike:

- engine: `toelaatbaar` + `los_op(oplosser="auto")` (the arcs and weights with `bogen`, the
  dispatch, the solve): what one round costs the simulation, given the round's arrays;
- raw LSA (the baseline every ratio divides by): `linear_sum_assignment` on the dense value
  matrix of the same arcs, the matrix built beforehand;
- flow: `via_stroom` alone on the prebuilt arcs (OR-Tools min-cost flow);
- trapsgewijs (where auto picks it): `via_trapsgewijs` alone on the prebuilt dense objective;
- building the round's arrays: from the households and dwellings (`huishouden_kenmerken`,
  `woning_kenmerken`, ten loops over Python objects) and by selecting cached rows
  (`matching.kenmerktabel`), for the small rounds the simulation holds every week.

Small rounds: the median (6 x 7) and largest (24 x 19) round of a simulated Leusden year. The
objective is the exact lexicographic one where it fits in 64 bits; on the looser 1,000 x 1,000
policy it keeps persons .. passing exact and drops voorkeur (printed). Its bound is above
2**52, so one float64 solve is not exact there: auto solves it in exact stages
(`trapsgewijs`, matching/trappen.py: persons .. availability with scipy, then fit on the
pairs that stay optimal), where it used min-cost flow before; the flow alone is printed as the
baseline of that case (the engine's old method), the raw LSA for scale only.

--kruispunt prints the measurements behind `kies_oplosser` (flow ÷ scipy by shape and
density; flow ÷ trapsgewijs above 2**52; arcs ÷ dense matrix for building the objective).

Instances are synthetic, drawn from the mixes in scenario's/leusden-2023.toml: 57% single
persons (12% of all with nareizigers), couples, single parents, families, 10% large families
(7+ in 3%); dwellings 0-5 bedrooms (mostly 2-3), 92% in Leusden, a third reservations up to
8 months ahead. Each instance's density (admissible pairs) is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from scipy.optimize import linear_sum_assignment  # noqa: E402

from matching import Huishouden, Kind, Woning, laad_beleid  # noqa: E402
from matching.doel import DoelTeGroot, bogen  # noqa: E402
from matching.kenmerktabel import HuishoudenTabel, WoningTabel  # noqa: E402
from matching.doelmatrix import doelmatrix  # noqa: E402
from matching.oplossers import EXACT_FLOAT, los_op, via_scipy, via_stroom, via_trapsgewijs  # noqa: E402
from matching.bezetting import slaapkamers_nodig  # noqa: E402
from matching.regels import (Ronde, blokkade, dag, huishouden_kenmerken, toelaatbaar,  # noqa: E402
                             woning_kenmerken)

PEILDATUM = dt.date(2023, 1, 1)
# (volwassenen, kinderen lo-hi, nareizigers lo-hi, weight): leusden-2023.toml [[vraag.samenstelling]]
SAMENSTELLING = [(1, (0, 0), (0, 0), 0.45), (1, (0, 0), (1, 4), 0.12), (2, (0, 0), (0, 0), 0.08),
                 (1, (1, 3), (0, 0), 0.10), (2, (1, 3), (0, 0), 0.15), (2, (4, 5), (0, 0), 0.07),
                 (2, (5, 7), (0, 0), 0.03)]
SLAAPKAMERS = {0: 0.04, 1: 0.20, 2: 0.36, 3: 0.30, 4: 0.08, 5: 0.02}      # [aanbod.slaapkamers]
HUUR = {0: (420, 500), 1: (460, 620), 2: (560, 690), 3: (600, 720), 4: (640, 760), 5: (650, 780)}
RESERVERINGEN = ["gereserveerd", "nieuwbouw", "renovatie", "opzegging"]
# Denser: flexibel with bedrooms, singles' limit and rent loosened, so most pairs pass.
RUIM = {"basis": "flexibel", "max_extra_slaapkamers": 5, "alleenstaande_max_slaapkamers": 5,
        "passend_toewijzen": False, "vooruit_maanden": 12}


def huishoudens(rng: np.random.Generator, n: int) -> list[Huishouden]:
    gewicht = np.array([s[3] for s in SAMENSTELLING])
    uit = []
    for i, k in enumerate(rng.choice(len(SAMENSTELLING), n, p=gewicht / gewicht.sum())):
        volw, (k_lo, k_hi), (n_lo, n_hi), _ = SAMENSTELLING[k]
        kinderen = tuple(Kind(str(rng.choice(["j", "m"])), int(rng.integers(0, 18)))
                         for _ in range(rng.integers(k_lo, k_hi + 1)))
        uit.append(Huishouden(
            id=f"H{i:04d}", koppeldatum=PEILDATUM - dt.timedelta(days=int(rng.integers(0, 300))),
            volwassenen=volw, kinderen=kinderen, nareizigers=int(rng.integers(n_lo, n_hi + 1)),
            voorkeur_kern="Achterveld" if rng.random() < 0.02 else None,
            toegankelijk=bool(rng.random() < 0.03),
            verblijf="TakeCareBNB" if rng.random() < 0.1 else "COA"))
    return uit


def woningen(rng: np.random.Generator, n: int) -> list[Woning]:
    kamers = rng.choice(list(SLAAPKAMERS), n, p=list(SLAAPKAMERS.values()))
    uit = []
    for j, k in enumerate(kamers.tolist()):
        gereserveerd = rng.random() < 1 / 3
        dagen = int(rng.integers(1, 240)) if gereserveerd else int(rng.integers(-30, 1))
        lo, hi = HUUR[k]
        uit.append(Woning(
            id=f"W{j:04d}", kern="Achterveld" if rng.random() < 0.08 else "Leusden", slaapkamers=k,
            huur=round(float(rng.uniform(lo, hi)), 2), beschikbaar=PEILDATUM + dt.timedelta(days=dagen),
            soort=str(rng.choice(RESERVERINGEN)) if gereserveerd else "vrij",
            toegankelijk=bool(rng.random() < 0.1)))
    return uit


def cpu_medianen(varianten: dict, herhalingen: int, batch_s: float = 0.02) -> dict[str, float]:
    """Median CPU seconds per call of each variant; each repeat times a batch of every variant
    in turn (batch size from a first call: about `batch_s` each)."""
    aantal = {}
    for k, f in varianten.items():
        c = time.process_time()
        f()  # warm-up (imports, caches)
        duur = time.process_time() - c
        if duur < 1.0:  # not a big round: time a second call for the batch size, without first-call imports
            c = time.process_time()
            f()
            duur = time.process_time() - c
        aantal[k] = max(1, int(batch_s / max(duur, 1e-6)))
    tijden: dict[str, list[float]] = {k: [] for k in varianten}
    for _ in range(herhalingen):
        for k, f in varianten.items():
            c = time.process_time()
            for _ in range(aantal[k]):
                f()
            tijden[k].append((time.process_time() - c) / aantal[k])
    return {k: statistics.median(v) for k, v in tijden.items()}


def tabellen(hh, ww, beleid):
    """The rows as the simulation keeps them across rounds (matching.kenmerktabel)."""
    ht, wt = HuishoudenTabel(), WoningTabel()
    vooruit = beleid.nareizigers == "vooruit"
    for h in hh:
        ht.voeg_toe(h, personen=h.personen, personen_huur=h.personen_totaal if vooruit else h.personen,
                    nodig=slaapkamers_nodig(h, beleid), nodig_ruim=slaapkamers_nodig(h, beleid, ruim=True),
                    koppeldag=dag(h.koppeldatum), blokkade=blokkade(h, beleid))
    for w in ww:
        wt.voeg_toe(w)
    return ht, wt


def ronde_en_beleid(hh, ww, beleid) -> tuple[Ronde, object, str]:
    """The round, and the policy with an objective that fits: the exact lexicographic weights
    multiply (placements x range + 1) over the levels below persons and pass 2**63 on big
    rounds; then the policy's gewichten as they are (the way out DoelTeGroot names)."""
    r = Ronde(huishouden_kenmerken(hh, beleid), woning_kenmerken(ww), dag(PEILDATUM))
    try:
        b = bogen(r, toelaatbaar(r, beleid), beleid)
        weg = [n for n in beleid.doel.volgorde if n not in b.exact]
        return r, beleid, "lexicografisch" + (f" (exact tot en met {b.exact[-1]}; weggelaten: {', '.join(weg)})"
                                              if weg else " (volledige volgorde exact)")
    except DoelTeGroot:
        gewogen = beleid.met(doel={"lexicografisch": False})
        return r, gewogen, ("lexicografisch past niet in 64 bits (DoelTeGroot); gewichten "
                            + ", ".join(f"{k}={v}" for k, v in gewogen.doel.gewichten.items()))


def meet(naam: str, hh: list[Huishouden], ww: list[Woning], beleid, herhalingen: int, klein: bool = False) -> dict:
    r, beleid, doel = ronde_en_beleid(hh, ww, beleid)
    ok = toelaatbaar(r, beleid)
    b = bogen(r, ok, beleid)
    waarde = np.zeros(ok.shape, np.float64)
    waarde[b.hh, b.w] = b.waarde
    varianten = {"engine": lambda: los_op(r, beleid, "auto", ok=toelaatbaar(r, beleid)),
                 "lsa": lambda: linear_sum_assignment(waarde, maximize=True),
                 "stroom": lambda: via_stroom(len(hh), len(ww), b)}
    if los_op(r, beleid, "auto", ok=ok).oplosser == "trapsgewijs":
        d = doelmatrix(r, ok, beleid)
        varianten["trapsgewijs"] = lambda: via_trapsgewijs(d)
    if klein:
        ht, wt = tabellen(hh, ww, beleid)
        ih, iw = np.arange(len(hh)), np.arange(len(ww))
        varianten["bouwen"] = lambda: Ronde(huishouden_kenmerken(hh, beleid), woning_kenmerken(ww), dag(PEILDATUM))
        varianten["kiezen"] = lambda: Ronde(ht.kies(ih), wt.kies(iw), dag(PEILDATUM))
    t = cpu_medianen(varianten, herhalingen)
    opl = los_op(r, beleid, "auto", ok=ok)
    _, stroom_waarde, _ = via_stroom(len(hh), len(ww), b)
    rij, kol = linear_sum_assignment(waarde, maximize=True)
    scipy_waarde = int(waarde[rij, kol].astype(np.int64).sum())
    exact = b.grens < EXACT_FLOAT
    gelijk = opl.doelwaarde == stroom_waarde and (scipy_waarde == stroom_waarde or not exact)
    return {"naam": naam, "hh": len(hh), "w": len(ww), "bogen": len(b), "dichtheid": len(b) / ok.size,
            "geplaatst": int((opl.plaats >= 0).sum()), "personen": int(r.hh.personen[opl.plaats >= 0].sum()),
            "oplosser": opl.oplosser, "doel": doel, "gelijk": gelijk, "exact": exact, "grens": b.grens,
            "t": t, "herhalingen": herhalingen}


def ms(s: float) -> str:
    return f"{s * 1000:9.3f} ms"


def druk(m: dict, doel: str) -> None:
    t = m["t"]
    print(f"\n{m['naam']}: {m['hh']} huishoudens x {m['w']} woningen, {m['bogen']:,} toelaatbare bogen "
          f"(dichtheid {m['dichtheid']:.0%}); grens doel 2^{np.log2(max(m['grens'], 1)):.1f}\n"
          f"  doel: {m['doel']}\n  optimum plaatst {m['geplaatst']} huishoudens, {m['personen']} personen "
          f"(oplosser {m['oplosser']}); engine en flow{' en scipy' if m['exact'] else ''} zelfde doelwaarde: "
          f"{'ja' if m['gelijk'] else 'NEE'}; cpu, mediaan over {m['herhalingen']} herhalingen")
    lsa = t["lsa"]
    regels = [("engine", "engine: toelaatbaar+doel+los_op"), ("trapsgewijs", "trapsgewijs alleen (via_trapsgewijs)"),
              ("stroom", "min-cost flow alleen (via_stroom)"), ("lsa", "ruwe linear_sum_assignment (basis)")]
    for k, label in (x for x in regels if x[0] in t):
        print(f"  {label:38s} {ms(t[k])}   {t[k] / lsa:6.2f} x basis" + (f"   {doel}" if k == "engine" else ""))
    if "trapsgewijs" in t:
        print(f"  {'engine ÷ min-cost flow (de oude weg)':38s} {t['engine'] / t['stroom']:9.2f} x")
    if "bouwen" in t:
        print(f"  {'ronde bouwen uit objecten':38s} {ms(t['bouwen'])}   {t['bouwen'] / lsa:6.2f} x basis")
        print(f"  {'ronde kiezen uit kenmerktabellen':38s} {ms(t['kiezen'])}   {t['kiezen'] / lsa:6.2f} x basis")


def kruispunt(rng) -> None:
    """flow ÷ scipy (CPU, on the same prebuilt arcs) by shape and density: the data behind
    SCIPY_ALTIJD_CELLEN and SCIPY_MIN_DICHTHEID in matching/oplossers.py."""
    strikt = laad_beleid("strikt")
    print("\nkruispunt scipy / min-cost flow (cpu per oplossing, zelfde bogen; beleid strikt, bogen uitgedund):")
    for nh, nw, p in [(60, 80, 1.0), (300, 300, 0.02), (500, 500, 0.1), (1000, 1000, 1.0), (1000, 1000, 0.6),
                      (1000, 1000, 0.3), (1000, 1000, 0.1)]:
        hh, ww = huishoudens(rng, nh), woningen(rng, nw)
        r = Ronde(huishouden_kenmerken(hh, strikt), woning_kenmerken(ww), dag(PEILDATUM))
        ok = toelaatbaar(r, strikt) & (rng.random((nh, nw)) < p)
        b = bogen(r, ok, strikt)
        t = cpu_medianen({"scipy": lambda: via_scipy(nh, nw, b), "stroom": lambda: via_stroom(nh, nw, b)}, 3)
        print(f"  {nh:5d} x {nw:<5d} dichtheid {len(b) / ok.size:6.1%}: scipy {ms(t['scipy'])}, flow {ms(t['stroom'])}, "
              f"flow/scipy {t['stroom'] / t['scipy']:5.2f}")
    ruim = laad_beleid("ruim", {"ruim": RUIM})
    print("\nkruispunt trapsgewijs / min-cost flow boven 2^52 (cpu per oplossing, zelfde doelmatrix; beleid ruim):")
    for n, p in [(300, 1.0), (300, 0.25), (300, 0.08), (500, 0.8), (500, 0.25), (500, 0.08), (1000, 0.5), (1000, 0.35),
                 (1000, 0.2)]:
        hh, ww = huishoudens(rng, n), woningen(rng, n)
        r = Ronde(huishouden_kenmerken(hh, ruim), woning_kenmerken(ww), dag(PEILDATUM))
        ok = toelaatbaar(r, ruim) & (rng.random((n, n)) < p)
        d = doelmatrix(r, ok, ruim)
        t = cpu_medianen({"trappen": lambda: via_trapsgewijs(d), "stroom": lambda: via_stroom(n, n, d)}, 3)
        print(f"  {n:5d} x {n:<5d} dichtheid {len(d) / ok.size:6.1%} (grens 2^{np.log2(d.grens):.1f}): trapsgewijs "
              f"{ms(t['trappen'])}, flow {ms(t['stroom'])}, flow/trapsgewijs {t['stroom'] / t['trappen']:5.2f}")
    print("\nkruispunt bogen / doelmatrix (cpu om het doel op te bouwen; beleid flexibel):")
    flexibel = laad_beleid("flexibel")
    for n in (60, 100, 150, 200, 300):
        hh, ww = huishoudens(rng, n), woningen(rng, n)
        r = Ronde(huishouden_kenmerken(hh, flexibel), woning_kenmerken(ww), dag(PEILDATUM))
        ok = toelaatbaar(r, flexibel)
        t = cpu_medianen({"bogen": lambda: bogen(r, ok, flexibel), "dicht": lambda: doelmatrix(r, ok, flexibel)}, 5)
        print(f"  {n:5d} x {n:<5d}: bogen {ms(t['bogen'])}, doelmatrix {ms(t['dicht'])}, "
              f"bogen/doelmatrix {t['bogen'] / t['dicht']:5.2f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--herhalingen", type=int, default=7, help="repeats (batches) for the small and Leusden-size rounds")
    p.add_argument("--groot-herhalingen", type=int, default=5, help="repeats for 1,000 x 1,000")
    p.add_argument("--seed", type=int, default=20230101)
    p.add_argument("--kruispunt", action="store_true", help="also print flow ÷ scipy by shape and density")
    p.add_argument("--cpsat", action="store_true", help="also time CP-SAT once on a dense 300 x 300 instance")
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    print(f"bench_matching: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    flexibel = laad_beleid("flexibel")
    for nh, nw in ((6, 7), (24, 19)):
        m = meet("kleine ronde (beleid flexibel)", huishoudens(rng, nh), woningen(rng, nw), flexibel,
                 a.herhalingen, klein=True)
        druk(m, "")
    for naam in ("flexibel", "strikt"):
        m = meet(f"Leusden-formaat (beleid {naam})", huishoudens(rng, 60), woningen(rng, 80), laad_beleid(naam),
                 a.herhalingen)
        druk(m, f"doel <= 2 x basis: {'gehaald' if m['t']['engine'] <= 2 * m['t']['lsa'] else 'NIET gehaald'}")

    ruim = laad_beleid("ruim", {"ruim": RUIM})
    for naam, beleid in (("flexibel", flexibel), ("flexibel, ruime bezetting", ruim)):
        m = meet(f"1.000 x 1.000 (beleid {naam})", huishoudens(rng, 1000), woningen(rng, 1000), beleid,
                 a.groot_herhalingen)
        druk(m, f"doel <= 0,5 s: {'gehaald' if m['t']['engine'] <= 0.5 else 'NIET gehaald'}")

    if a.kruispunt:
        kruispunt(rng)

    if a.cpsat:
        r, ruim, doel = ronde_en_beleid(huishoudens(rng, 300), woningen(rng, 300), ruim)
        ok = toelaatbaar(r, ruim)
        t0 = time.perf_counter()
        stroom = los_op(r, ruim, "stroom", ok=ok)
        t_stroom = time.perf_counter() - t0
        t0 = time.perf_counter()
        cp = los_op(r, ruim, "cpsat", ok=ok, tijdslimiet=60.0)
        t_cp = time.perf_counter() - t0
        print(f"\nCP-SAT 300 x 300 ({int(ok.sum()):,} bogen, 1 worker, limiet 60 s; doel: {doel}): "
              f"{t_cp:.1f} s, status {cp.status}, "
              f"{'zelfde optimum als' if cp.doelwaarde == stroom.doelwaarde else 'ANDER optimum dan'} "
              f"min-cost flow ({t_stroom * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
