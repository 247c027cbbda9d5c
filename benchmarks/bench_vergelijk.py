"""Benchmark: `huisvesting vergelijk` (strikt vs flexibel with attribution) against its old way.

    python benchmarks/bench_vergelijk.py [--replicaties 1000] [--workers 2] [--herhalingen 5]

A script, not a test: it prints figures and never asserts. `vergelijk` draws each world once
and runs every policy and every attribution variant on it in the same worker. The baseline,
measured in the same run, is the old way: one separate `simuleer` per policy and variant, each
drawing the worlds again. Both must give the same summary for every variant (checked), so
the difference is the cost of drawing worlds and shipping results. Medians of K timings.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

from simulatie.replicaties import samenvatting, simuleer
from simulatie.scenario import laad_scenario
from simulatie.uitvoerder import maak_uitvoerder
from simulatie.vergelijking import verschillende_groepen, vergelijk


def klok(functie):
    t0, c0 = time.perf_counter(), os.times()
    uit = functie()
    c1 = os.times()
    cpu = c1.user - c0.user + c1.system - c0.system + c1.children_user - c0.children_user \
        + c1.children_system - c0.children_system
    return time.perf_counter() - t0, cpu, uit


def oude_manier(g, namen, n, workers):
    a, b = g.beleid(namen[0]), g.beleid(namen[1])
    varianten = [a, b]
    for groep, waarden in verschillende_groepen(a, b).items():
        varianten += [a.met(naam=f"{a.naam}+{groep}", **waarden),
                      b.met(naam=f"{b.naam}-{groep}", **{k: getattr(a, k) for k in waarden})]
    return [samenvatting(simuleer(g, v, n, None, maak_uitvoerder(workers), bewaar=False)) for v in varianten]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--replicaties", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--herhalingen", type=int, default=5)
    p.add_argument("--scenario", default=None)
    a = p.parse_args(argv)
    g = laad_scenario(a.scenario)
    namen = ["strikt", "flexibel"]
    print(f"bench_vergelijk: {g.sc.naam}, {a.replicaties} replicaties, {a.workers} workers, "
          f"mediaan van {a.herhalingen}; load average {os.getloadavg()[0]:.2f}")
    nu, oud = [], []
    for k in range(a.herhalingen):
        w1, c1, v = klok(lambda: vergelijk(g, namen, a.replicaties, None, maak_uitvoerder(a.workers)))
        w2, c2, o = klok(lambda: oude_manier(g, namen, a.replicaties, a.workers))
        nu.append((w1, c1))
        oud.append((w2, c2))
        print(f"  #{k + 1}: vergelijk {w1:6.1f} s wand {c1:6.1f} s cpu | oude manier {w2:6.1f} s wand {c2:6.1f} s cpu")
    zelfde = [samenvatting(r) for r in v.resultaten] == o[:2]
    wn, cn = np.median([x[0] for x in nu]), np.median([x[1] for x in nu])
    wo, co = np.median([x[0] for x in oud]), np.median([x[1] for x in oud])
    print(f"vergelijk (één wereld per replicatie): {wn:.1f} s wand, {cn:.1f} s cpu")
    print(f"oude manier (wereld per variant opnieuw): {wo:.1f} s wand, {co:.1f} s cpu  ->  {co / cn:.2f}x zoveel cpu")
    print(f"doel <= 60 s wand op 2 kernen: {'gehaald' if wn <= 60 else 'NIET gehaald'} "
          f"(cpu/2 = {cn / 2:.1f} s, schatting op een onbelaste machine)")
    print(f"samenvatting per beleid gelijk aan losse runs: {'ja' if zelfde else 'NEE'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
