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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="leusden-2023")
    ap.add_argument("--kandidaten", type=int, default=100)
    ap.add_argument("--replicaties", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    from simulatie.optimalisatie.ruimte import laad_ruimte
    from simulatie.optimalisatie.zoeken import optimaliseer
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import maak_uitvoerder

    g = laad_scenario(args.scenario)
    ruimte = laad_ruimte(None, g.beleid, tuple(g.sc.kernen))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
