"""Benchmark: solve time of the matching engine against scipy's linear_sum_assignment.

    /work/venv/bin/python benchmarks/bench_matching.py [--herhalingen 300] [--groot-herhalingen 7]
                                                       [--cpsat] [--seed 20230101]

A script, not a test: it prints figures and never asserts on time. Issue 3's floors:
Leusden size (about 60 households x 80 dwellings) <= 5 ms per solve, 1,000 x 1,000 <= 1 s.

Per instance, all in the same run:

- engine: `toelaatbaar` + `los_op(oplosser="auto")` (which builds the arcs with `bogen` and
  solves them), given a `Ronde` whose per-household and per-dwelling arrays are built once
  (as the simulation does per household list); building those is timed separately;
- flow: `via_stroom` alone, OR-Tools min-cost flow on the prebuilt admissible arcs;
- scipy: `linear_sum_assignment` on the dense value matrix of the same arcs (the matrix
  built beforehand), the reference each ratio divides by.

Times are medians over the repeats, wall clock (`perf_counter`) and CPU (`process_time`):
the machine may be shared, so the load average is printed too. Whether the three reach the
same objective value is printed (they solve the same problem).

Instances at 1,000 x 1,000: one under flexibel as it is (about 40% of pairs admissible), one
under a looser policy (about 80%). The policy's objective is the exact lexicographic one where
it fits in 64 bits; the weights multiply (placements x range + 1) over the levels below
persons, and with the looser policy's wider ranges (5 spare bedrooms, 12 months ahead) that
passes 2**63. There the policy's `gewichten` are used as they are (`doel.lexicografisch =
false`, the way out `DoelTeGroot` names), and the output says so.

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
from matching.oplossers import los_op, via_stroom  # noqa: E402
from matching.regels import Ronde, dag, huishouden_kenmerken, toelaatbaar, woning_kenmerken  # noqa: E402

PEILDATUM = dt.date(2023, 1, 1)
# (volwassenen, kinderen lo-hi, nareizigers lo-hi, weight): leusden-2023.toml [[vraag.samenstelling]]
SAMENSTELLING = [(1, (0, 0), (0, 0), 0.45), (1, (0, 0), (1, 4), 0.12), (2, (0, 0), (0, 0), 0.08),
                 (1, (1, 3), (0, 0), 0.10), (2, (1, 3), (0, 0), 0.15), (2, (4, 5), (0, 0), 0.07),
                 (2, (5, 7), (0, 0), 0.03)]
SLAAPKAMERS = {0: 0.04, 1: 0.20, 2: 0.36, 3: 0.30, 4: 0.08, 5: 0.02}      # [aanbod.slaapkamers]
HUUR = {0: (420, 500), 1: (460, 620), 2: (560, 690), 3: (600, 720), 4: (640, 760), 5: (650, 780)}
RESERVERINGEN = ["gereserveerd", "nieuwbouw", "renovatie", "opzegging"]


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


def mediaan_tijd(f, herhalingen: int) -> tuple[float, float, object]:
    """Median wall-clock and CPU seconds of `f()` and its last result."""
    f()  # warm-up (imports, caches)
    muur, cpu = [], []
    for _ in range(herhalingen):
        t0, c0 = time.perf_counter(), time.process_time()
        uit = f()
        muur.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(muur), statistics.median(cpu), uit


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


def meet(naam: str, hh: list[Huishouden], ww: list[Woning], beleid, herhalingen: int) -> dict:
    t0 = time.perf_counter()
    Ronde(huishouden_kenmerken(hh, beleid), woning_kenmerken(ww), dag(PEILDATUM))
    t_kenmerken = time.perf_counter() - t0
    r, beleid, doel = ronde_en_beleid(hh, ww, beleid)
    ok = toelaatbaar(r, beleid)
    b = bogen(r, ok, beleid)
    waarde = np.zeros(ok.shape, np.float64)
    waarde[b.hh, b.w] = b.waarde

    engine = mediaan_tijd(lambda: los_op(r, beleid, "auto", ok=toelaatbaar(r, beleid)), herhalingen)
    stroom = mediaan_tijd(lambda: via_stroom(len(hh), len(ww), b), herhalingen)
    scipy_ = mediaan_tijd(lambda: linear_sum_assignment(waarde, maximize=True), herhalingen)
    opl, (_, stroom_waarde, _), (rij, kol) = engine[2], stroom[2], scipy_[2]
    scipy_waarde = int(waarde[rij, kol].astype(np.int64).sum())
    gelijk = opl.doelwaarde == stroom_waarde == scipy_waarde
    return {"naam": naam, "hh": len(hh), "w": len(ww), "bogen": len(b), "dichtheid": len(b) / ok.size,
            "geplaatst": int((opl.plaats >= 0).sum()), "personen": int(r.hh.personen[opl.plaats >= 0].sum()),
            "oplosser": opl.oplosser, "doel": doel, "gelijk": gelijk, "kenmerken": t_kenmerken,
            "engine": engine[:2], "stroom": stroom[:2], "scipy": scipy_[:2], "herhalingen": herhalingen}


def ms(s: float) -> str:
    return f"{s * 1000:9.2f} ms"


def druk(m: dict, vloer: float) -> None:
    print(f"\n{m['naam']}: {m['hh']} huishoudens x {m['w']} woningen, {m['bogen']:,} toelaatbare bogen "
          f"(dichtheid {m['dichtheid']:.0%})\n  doel: {m['doel']}\n  optimum plaatst {m['geplaatst']} huishoudens, "
          f"{m['personen']} personen (oplosser {m['oplosser']}); engine, flow en scipy zelfde doelwaarde: "
          f"{'ja' if m['gelijk'] else 'NEE'}; mediaan over {m['herhalingen']} herhalingen")
    print(f"  {'':36s} {'muur':>12s} {'cpu':>12s}   verhouding (muur, cpu)")
    print(f"  {'kenmerken bouwen (eenmalig)':36s} {ms(m['kenmerken'])}")
    sm, sc = m["scipy"]
    for sleutel, label in (("engine", "engine: toelaatbaar+bogen+los_op"), ("stroom", "min-cost flow alleen (via_stroom)")):
        muur, cpu = m[sleutel]
        extra = (f"   vloer {vloer * 1000:.0f} ms: {'gehaald' if muur <= vloer else 'NIET gehaald'}"
                 if sleutel == "engine" else "")
        print(f"  {label:36s} {ms(muur)} {ms(cpu)}   {muur / sm:5.1f} x, {cpu / sc:5.1f} x scipy{extra}")
    print(f"  {'scipy linear_sum_assignment':36s} {ms(sm)} {ms(sc)}   (zelfde bogen, matrix vooraf gebouwd)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--herhalingen", type=int, default=300, help="repeats for the Leusden-size instance")
    p.add_argument("--groot-herhalingen", type=int, default=7, help="repeats for 1,000 x 1,000")
    p.add_argument("--seed", type=int, default=20230101)
    p.add_argument("--cpsat", action="store_true", help="also time CP-SAT once on a dense 300 x 300 instance")
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    print(f"bench_matching: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    flexibel = laad_beleid("flexibel")
    leusden = meet("Leusden-formaat (beleid flexibel)", huishoudens(rng, 60), woningen(rng, 80), flexibel, a.herhalingen)
    druk(leusden, 0.005)
    strikt = meet("Leusden-formaat (beleid strikt)", huishoudens(rng, 60), woningen(rng, 80), laad_beleid("strikt"),
                  a.herhalingen)
    druk(strikt, 0.005)

    groot = meet("1.000 x 1.000 (beleid flexibel)", huishoudens(rng, 1000), woningen(rng, 1000), flexibel,
                 a.groot_herhalingen)
    druk(groot, 1.0)
    # Denser: flexibel with bedrooms, singles' limit and rent loosened, so most pairs pass.
    ruim = laad_beleid("ruim", {"ruim": {"basis": "flexibel", "max_extra_slaapkamers": 5,
                                         "alleenstaande_max_slaapkamers": 5, "passend_toewijzen": False,
                                         "vooruit_maanden": 12}})
    dicht = meet("1.000 x 1.000 (beleid flexibel, ruime bezetting)", huishoudens(rng, 1000), woningen(rng, 1000),
                 ruim, a.groot_herhalingen)
    druk(dicht, 1.0)

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
