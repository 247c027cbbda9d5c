"""Benchmark of `huisvesting optimaliseer`: K candidates, successive halving up to N replications.

Prints wall time, CPU time (this process and its workers), the replications and simulated years
it took, and as baseline from the same run the cost without successive halving (every candidate
on all N replications), from the measured time per replication. Asserts nothing about time.

    python benchmarks/bench_optimaliseer.py                        # 100 candidates, up to 1,000 replications, 2 workers
    python benchmarks/bench_optimaliseer.py --kandidaten 20 --replicaties 50   # a reduced run
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _n(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def _cpu() -> float:
    eigen, kind = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return eigen.ru_utime + eigen.ru_stime + kind.ru_utime + kind.ru_stime


def _per_paar(invoer, beleiden, paren):
    """The way before, as the baseline: every (candidate, replication) pair draws its own world
    and works out the reasons for who still waits."""
    from simulatie.gelijkheid import Gelijkheid
    from simulatie.model import simuleer_replicatie
    from simulatie.optimalisatie.maten import rij

    uit = []
    for i, rep in paren:
        u = simuleer_replicatie(invoer, beleiden[i], rep)
        uit.append((rij(u, invoer), Gelijkheid.van([u])))
    return uit


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="leusden-2023")
    ap.add_argument("--kandidaten", type=int, default=100)
    ap.add_argument("--replicaties", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--basislijn", action=argparse.BooleanOptionalAction, default=True,
                    help="also run the way before (a world drawn per pair) in the same run")
    args = ap.parse_args()

    from simulatie.optimalisatie.ruimte import laad_ruimte
    from simulatie.optimalisatie.zoeken import optimaliseer
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import maak_uitvoerder

    g = laad_scenario(args.scenario)
    ruimte = laad_ruimte(None, g.beleid, tuple(g.sc.kernen))
    # (warm: imports and compiled kernels in this process, inherited by the forked workers of both runs)
    optimaliseer(g, ruimte, 5, 4, None, maak_uitvoerder(1))
    t0, c0 = time.perf_counter(), _cpu()
    o = optimaliseer(g, ruimte, args.replicaties, args.kandidaten, None, maak_uitvoerder(args.workers))
    wand, cpu = time.perf_counter() - t0, _cpu() - c0
    per = cpu / max(o.gesimuleerde_replicaties, 1)
    vlak = len(o.kandidaten) * args.replicaties + 2 * args.replicaties
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} kernen, "
          f"{args.workers} workers; scenario {args.scenario}, ruimte van {ruimte.grootte} beleiden ({o.methode})")
    print("successive halving: " + " -> ".join(f"{n} kandidaten x {r}" for r, n in o.sporten)
          + f" replicaties, plus strikt en flexibel op {args.replicaties}")
    print(f"gesimuleerd: {_n(o.gesimuleerde_replicaties)} replicaties = {_n(o.gesimuleerde_jaren)} jaar "
          f"(horizon {o.horizon_dagen} dagen)")
    print(f"wandtijd {wand:.1f} s, CPU-tijd {cpu:.1f} s ({1000 * per:.1f} ms CPU per replicatie)")
    print(f"basislijn zonder successive halving: {_n(vlak)} replicaties, geschat {vlak * per:.0f} s CPU "
          f"({vlak / max(o.gesimuleerde_replicaties, 1):.1f}x zoveel)")
    print(f"frontier: {len(o.frontier)} punten van {len(o.eind)} in de laatste ronde")
    if args.basislijn:
        import simulatie.optimalisatie.zoeken as zoeken
        from simulatie.optimalisatie.uitvoer import als_dict

        nieuw, zoeken._meet_brok = zoeken._meet_brok, _per_paar
        try:
            t1, c1 = time.perf_counter(), _cpu()
            oud = optimaliseer(g, ruimte, args.replicaties, args.kandidaten, None, maak_uitvoerder(args.workers))
            wand1, cpu1 = time.perf_counter() - t1, _cpu() - c1
        finally:
            zoeken._meet_brok = nieuw
        import numpy as np

        # (every candidate's every measure in every replication, and its equity, exactly)
        zelfde = als_dict(oud) == als_dict(o) and [k.naam for k in oud.kandidaten] == [k.naam for k in o.kandidaten] \
            and all(np.array_equal(a.rijen, b.rijen, equal_nan=True) and a.gelijkheid == b.gelijkheid
                    for a, b in zip(oud.kandidaten, o.kandidaten))
        print(f"de weg hiervoor in dezelfde run (elk paar trekt zijn wereld en werkt de redenen uit): wandtijd "
              f"{wand1:.1f} s, CPU-tijd {cpu1:.1f} s; nu {cpu / cpu1:.0%} daarvan; zelfde uitkomst (elke maat van "
              f"elke replicatie van elke kandidaat): {'ja' if zelfde else 'NEE'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
