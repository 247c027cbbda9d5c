"""Benchmark: start-up of `huisvesting --help` against bare Python and `import pandas`.

    python benchmarks/bench_start.py [--herhalingen 7]

A script, not a test: it prints figures and never asserts on time. Issue 14's goal:
`huisvesting --help` <= 0.3 s wall. Each command runs in a fresh interpreter (as a user
starts it); the baselines are measured in the same run, interleaved with it, so a busy
machine slows all of them alike:

- `python -c pass`: the interpreter alone, the floor;
- `python -c "import pandas"`: what `--help` cost before its imports were made lazy;
- `huisvesting --help` and `huisvesting simuleer --help`, through `python -c "import cli; cli.main(...)"`
  with this checkout on PYTHONPATH (the console script does the same).

Wall time (`perf_counter`) and CPU time of the child (user + system, from `os.wait4`), medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent

GEVALLEN = {
    "python -c pass (vloer)": "pass",
    "import pandas (oude opstart)": "import pandas",
    "huisvesting --help": "import sys, cli; sys.exit(cli.main(['--help']))",
    "huisvesting simuleer --help": "import sys, cli; sys.exit(cli.main(['simuleer', '--help']))",
}


def _eens(code: str) -> tuple[float, float]:
    omgeving = dict(os.environ, PYTHONPATH=str(WORTEL))
    begin = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, env=omgeving)
    _, status, gebruik = os.wait4(p.pid, 0)
    wand = time.perf_counter() - begin
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise SystemExit(f"{code!r} eindigde met {p.returncode}")
    return wand, gebruik.ru_utime + gebruik.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--herhalingen", type=int, default=7)
    args = ap.parse_args()
    metingen = {naam: [] for naam in GEVALLEN}
    for naam, code in GEVALLEN.items():  # once each to warm the file cache and the .pyc files
        _eens(code)
    for _ in range(args.herhalingen):
        for naam, code in GEVALLEN.items():
            metingen[naam].append(_eens(code))
    print(f"belasting (1 min): {os.getloadavg()[0]:.2f} op {os.cpu_count()} kernen; mediaan van {args.herhalingen}")
    vloer = statistics.median(c for _, c in metingen["python -c pass (vloer)"])
    print(f"{'':32} {'wand s':>8} {'cpu s':>8} {'cpu - vloer':>12}")
    for naam, reeks in metingen.items():
        wand = statistics.median(w for w, _ in reeks)
        cpu = statistics.median(c for _, c in reeks)
        print(f"{naam:32} {wand:8.3f} {cpu:8.3f} {cpu - vloer:12.3f}")
    wand = statistics.median(w for w, _ in metingen["huisvesting --help"])
    print(f"doel: huisvesting --help <= 0,3 s wand: {'gehaald' if wand <= 0.3 else 'niet gehaald'} ({wand:.3f} s)")


if __name__ == "__main__":
    main()
