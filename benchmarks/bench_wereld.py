"""Benchmark: drawing replications' worlds (`simulatie.wereld.trek_wereld`), this tree against a
base commit, in one run.

    python benchmarks/bench_wereld.py [--basis d28f9c9] [--replicaties 300]
                                                     [--herhalingen 5] [--scenario PAD ...]
                                                     [--instructies]

A script, not a test: it prints figures and never asserts on time.

The base commit's `matching/`, `simulatie/` and `scenario's/` are unpacked (`git archive`) into
a temporary directory. Two worker processes, one per tree (PYTHONPATH and working directory
that tree), each load the scenarios once and warm up; then the parent asks them in turn, base
and new alternating and swapping order every round, to draw replications 0..N-1 of a scenario
and report the CPU time (`time.process_time`) they took. Alternating keeps a busy shared
machine's load alike for both sides. Printed: the median of the rounds per world, both trees,
and base / new. Each worker also hashes the worlds it drew (the records that
a replication outcome is built from), so the table says whether both trees drew the same worlds.

On a busy shared machine CPU time of the same work varies by tens of percent. `--instructies`
also counts instructions (valgrind's cachegrind, without address randomisation): per tree and
scenario a run drawing the N worlds minus a run drawing none, divided by N (after one world in
both, so per-scenario caches are in both). Slow (10-60 s a run); Python's start-up alone varies
by about 10 million instructions between runs, so with N = 300 a figure is within about 40,000
instructions per world.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent
SCENARIOS = ["scenario's/leusden-2023.toml", "scenario's/leusden-2026.toml"]


# ------------------------------------------------------------------ worker (one tree)

def werker(paden: list[str], n: int) -> None:
    from simulatie.replicaties import maak_invoer
    from simulatie.scenario import laad_scenario
    from simulatie.wereld import trek_wereld

    invoer = {p: maak_invoer(laad_scenario(p)) for p in paden}

    def trek(p: str, reps: range) -> list:
        inv = invoer[p]
        return [trek_wereld(inv.sc, inv.seed, r, list(inv.startlijst), list(inv.startwoningen)) for r in reps]

    hashes = {}
    for p in paden:
        werelden = trek(p, range(n))  # warm-up, and the worlds to compare
        hashes[p] = hashlib.sha256(pickle.dumps(
            [(w.woningen, w.huishoudens, w.amvs, w.woningen_per_jaar, list(w.vervangingen)) for w in werelden],
            protocol=4)).hexdigest()[:16]
        del werelden
    print(json.dumps(hashes), flush=True)
    for regel in sys.stdin:
        p, eerste = regel.rsplit(" ", 1)
        gc.collect()  # each timing starts from the same heap (the garbage collector stays on)
        t = time.process_time()
        trek(p, range(int(eerste), int(eerste) + n))
        print(time.process_time() - t, flush=True)


def tel(pad: str, n: int) -> None:
    from simulatie.replicaties import maak_invoer
    from simulatie.scenario import laad_scenario
    from simulatie.wereld import trek_wereld

    inv = maak_invoer(laad_scenario(pad))
    for r in [0] + list(range(n)):
        trek_wereld(inv.sc, inv.seed, r, list(inv.startlijst), list(inv.startwoningen))


# ------------------------------------------------------------------ parent

def instructies(boom: Path, pad: str, n: int) -> float:
    """Instructions per world: a run drawing n worlds minus one drawing none, under cachegrind."""
    def ir(k: int) -> int:
        env = dict(os.environ, PYTHONPATH=str(boom), PYTHONHASHSEED="0")
        uit = subprocess.run(["setarch", "-R", "valgrind", "--tool=cachegrind", "--cache-sim=no",
                              "--cachegrind-out-file=/dev/null", sys.executable, str(Path(__file__).resolve()),
                              "--tel", str(k), "--scenario", pad], cwd=boom, env=env, capture_output=True,
                             text=True, check=True).stderr
        return int(next(r for r in uit.splitlines() if "I   refs" in r or "I refs" in r).split()[-1].replace(",", ""))
    return (ir(n) - ir(0)) / n


def pak_uit(commit: str, doel: Path) -> None:
    archief = subprocess.run(["git", "-C", str(WORTEL), "archive", commit, "matching", "simulatie", "scenario's"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(doel)], input=archief, check=True)


def start(boom: Path, paden: list[str], n: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(boom))
    return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--werker", "--replicaties", str(n),
                             "--scenario", *paden], cwd=boom, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def meet(proc: subprocess.Popen, pad: str, eerste: int) -> float:
    proc.stdin.write(f"{pad} {eerste}\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basis", default="d28f9c9", help="commit to compare against")
    ap.add_argument("--replicaties", type=int, default=300)
    ap.add_argument("--herhalingen", type=int, default=5)
    ap.add_argument("--scenario", nargs="+", default=SCENARIOS)
    ap.add_argument("--instructies", action="store_true", help="also count instructions (valgrind)")
    ap.add_argument("--werker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tel", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.werker:
        werker(a.scenario, a.replicaties)
        return
    if a.tel is not None:
        tel(a.scenario[0], a.tel)
        return
    with tempfile.TemporaryDirectory() as tmp:
        pak_uit(a.basis, Path(tmp))
        bomen = {"basis": Path(tmp), "nieuw": WORTEL}
        procs = {k: start(b, a.scenario, a.replicaties) for k, b in bomen.items()}
        hashes = {k: json.loads(p.stdout.readline()) for k, p in procs.items()}
        tijden = {(k, s): [] for k in bomen for s in a.scenario}
        for h in range(a.herhalingen):
            for s in a.scenario:
                for k in (("basis", "nieuw") if h % 2 == 0 else ("nieuw", "basis")):
                    tijden[k, s].append(meet(procs[k], s, (h + 1) * a.replicaties))
        for p in procs.values():
            p.stdin.close()
            p.wait()
        ir = ({(k, s): instructies(b, s, a.replicaties) for k, b in bomen.items() for s in a.scenario}
              if a.instructies else {})
    print(f"trek_wereld, {a.replicaties} replicaties, CPU-tijd, mediaan van {a.herhalingen} "
          f"(basis {a.basis}, afwisselend gemeten; load {os.getloadavg()[0]:.2f})")
    print(f"{'scenario':<24} {'basis ms/wereld':>16} {'nieuw ms/wereld':>16} {'factor':>7}  "
          f"{'(snelste: basis, nieuw, factor)':>32}  werelden")
    for s in a.scenario:
        b, n = (statistics.median(tijden[k, s]) / a.replicaties * 1e3 for k in ("basis", "nieuw"))
        bm, nm = (min(tijden[k, s]) / a.replicaties * 1e3 for k in ("basis", "nieuw"))
        gelijk = "gelijk" if hashes["basis"][s] == hashes["nieuw"][s] else "VERSCHILLEND"
        print(f"{Path(s).stem:<24} {b:>16.3f} {n:>16.3f} {b / n:>6.2f}x  {bm:>13.3f} {nm:>7.3f} {bm / nm:>7.2f}x  {gelijk}")
    if ir:
        print(f"instructies per wereld (cachegrind, {a.replicaties} werelden)")
        for s in a.scenario:
            b, n = ir["basis", s], ir["nieuw", s]
            print(f"{Path(s).stem:<24} {b / 1e6:>14.2f} M {n / 1e6:>14.2f} M {b / n:>6.2f}x")


if __name__ == "__main__":
    main()
