"""Benchmark: peak memory of `huisvesting simuleer` for few and for many replications.

    python benchmarks/bench_geheugen.py [--replicaties 1000 100000] [--workers 2] [--scenario NAAM]

A script, not a test: it prints figures and never asserts. Each run is a fresh Python process
that runs what `huisvesting simuleer --format json` runs (results added up as they stream in,
nothing kept per replication but a few numbers) and reports its own peak resident memory and
that of its worker processes (ru_maxrss). The first count is the baseline of the second, in
the same run; the issue's goal: within 10% of each other. For contrast it also runs the few
replications with every full record kept (`bewaar=True`, what charts and tests may ask for)
and prints what that costs per replication.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

KIND = r"""
import json, os, resource, sys, time
from simulatie.replicaties import samenvatting, simuleer
from simulatie.scenario import laad_scenario
from simulatie.uitvoerder import maak_uitvoerder
n, workers, bewaar, naam = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4] or None
g = laad_scenario(naam)
t0, c0 = time.perf_counter(), os.times()
res = simuleer(g, None, n, None, maak_uitvoerder(workers), bewaar=bewaar)
s = samenvatting(res)
c1 = os.times()
print(json.dumps({
    "zelf_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "werkers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "wand": time.perf_counter() - t0,
    "cpu": c1.user - c0.user + c1.system - c0.system + c1.children_user - c0.children_user
           + c1.children_system - c0.children_system,
    "p50": s["perioden"][0]["realisatie"]["p50"],
}))
"""


def meet(n: int, workers: int, bewaar: bool, scenario: str) -> dict:
    p = subprocess.run([sys.executable, "-c", KIND, str(n), str(workers), "1" if bewaar else "0", scenario],
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--replicaties", type=int, nargs=2, default=[1000, 100000])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--scenario", default="")
    a = p.parse_args(argv)
    weinig, veel = a.replicaties
    print(f"bench_geheugen: scenario {a.scenario or 'standaard'}, {a.workers} workers, {time.strftime('%Y-%m-%d %H:%M')}")
    r1 = meet(weinig, a.workers, False, a.scenario)
    r2 = meet(veel, a.workers, False, a.scenario)
    r3 = meet(weinig, a.workers, True, a.scenario)
    for naam, n, r in ((f"{weinig} replicaties (basislijn)", weinig, r1), (f"{veel} replicaties", veel, r2),
                       (f"{weinig} replicaties, alles bewaard", weinig, r3)):
        print(f"  {naam:34s} piek hoofdproces {r['zelf_kb'] / 1024:7.1f} MB, piek werker {r['werkers_kb'] / 1024:7.1f} MB,"
              f" wand {r['wand']:7.1f} s, cpu {r['cpu']:7.1f} s")
    piek1 = max(r1["zelf_kb"], r1["werkers_kb"])
    piek2 = max(r2["zelf_kb"], r2["werkers_kb"])
    verschil = piek2 / piek1 - 1
    print(f"piek {veel} t.o.v. {weinig}: {verschil:+.1%} -> {'binnen' if abs(verschil) <= 0.10 else 'NIET binnen'} 10%")
    per = (r3["zelf_kb"] - r1["zelf_kb"]) * 1024 / weinig
    print(f"ter vergelijking, alles bewaren kost ongeveer {per / 1024:.1f} KB per replicatie in het hoofdproces "
          f"(x {veel} = {per * veel / 2**30:.1f} GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
