"""Benchmark: peak memory of `huisvesting simuleer` for few and for many replications.

    python benchmarks/bench_geheugen.py [--replicaties 1000 100000] [--workers 2] [--scenario NAAM]

A script, not a test: it prints figures and never asserts. Each run is a fresh Python process
that runs what `huisvesting simuleer --format json --grafiek` runs (results added up as they
stream in, nothing kept per replication but a few numbers; the fan chart's day counts) and
reports its own peak resident memory and that of its worker processes (ru_maxrss). The first count is the baseline of the second, in
the same run; the issue's goal: within 10% of each other. For contrast it also runs the few
replications with every full record kept (`bewaar=True`, what charts and tests may ask for)
and prints what that costs per replication. Then, in the same processes, it writes the
per-replication CSV as `simuleer --format csv --uitvoer` does (in pieces) and as it was written
before (the whole text at once), and prints the peak of what each allocates (tracemalloc).
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
# (with the day counts the fan chart and the report read: what `--grafiek` and `rapport` run)
res = simuleer(g, None, n, None, maak_uitvoerder(workers), bewaar=bewaar, curven=True)
s = samenvatting(res)
c1 = os.times()
# (the simulation's peaks, before anything is written)
zelf_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
werkers_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
csv_mb = {}
if n_csv := int(sys.argv[5]):
    # The per-replication CSV as `simuleer --format csv --uitvoer` writes it, in pieces, against
    # the same file made in one piece (the way before): what writing it allocates, at its peak.
    import tempfile, tracemalloc
    from matching.bestanden import schrijf_atomisch
    from matching.bestanden.csv_nl import als_bestand, csv_tekst
    from opdrachten.gemeen import uit
    from simulatie import kolommen
    from simulatie.rapport import _replicatieperioden, als_csv_stukken

    def in_stukken(pad):
        uit(als_csv_stukken([res], "nl"), pad, "nl")

    def in_een_keer(pad):  # (the code before, as it was: every row's cells, then the text, then the file)
        rijen = [[k.csvcel(rij) for k in kolommen.CSV] for rij in _replicatieperioden([res])]
        schrijf_atomisch(pad, als_bestand(csv_tekst([k.csv for k in kolommen.CSV], rijen, "nl"), "nl"))

    import matching.bestanden.werkmap as wm
    from simulatie.rapport import als_xlsx, als_xlsx_stukken

    def xlsx_in_stroom(pad):  # (as `simuleer --format xlsx --uitvoer` writes it: straight into the file)
        uit(als_xlsx_stukken([res]), pad)

    def xlsx_als_bytes(pad):  # (the way before: sheets row by row, the file's bytes in memory)
        schrijf_atomisch(pad, als_xlsx([res]))

    def oude_werkmap(bladen, inleiding=()):  # (the code before: every cell in a workbook in memory)
        boek = wm.nieuwe_werkmap()
        for blad in bladen:
            ws = boek.create_sheet(blad.naam[:31])
            koppen = [k.kop for k in blad.kolommen]
            wm.kopregel(ws, 1, koppen)
            rijen = [list(r) for r in blad.rijen]
            for i, rij in enumerate(rijen, start=2):
                for k, (waarde, soort) in enumerate(wm._opgemaakt(blad, rij, i), start=1):
                    wm.cel(ws, i, k, waarde, soort)
            wm.breedtes(ws, koppen, rijen[:2000])
            ws.freeze_panes = "A2"
        wm.toelichting(boek, bladen, inleiding)
        boek.active = 0
        return wm.als_bytes(boek)

    def xlsx_in_geheugen(pad):
        nieuw, wm.werkmap = wm.werkmap, oude_werkmap
        try:
            schrijf_atomisch(pad, als_xlsx([res]))
        finally:
            wm.werkmap = nieuw

    wm.werkmap([wm.Werkblad("Blad", [wm.Werkkolom("N", "geheel", "n")], [[1]])])  # (openpyxl's imports, untraced)

    with tempfile.TemporaryDirectory() as d:
        for wijze, schrijf in (("in_stukken", in_stukken), ("in_een_keer", in_een_keer),
                               ("xlsx_in_stroom", xlsx_in_stroom), ("xlsx_als_bytes", xlsx_als_bytes),
                               ("xlsx_in_geheugen", xlsx_in_geheugen)):
            t_xlsx = time.process_time()
            tracemalloc.start()
            schrijf(os.path.join(d, wijze + ".csv"))
            csv_mb[wijze] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            csv_mb[wijze + "_bytes"] = os.path.getsize(os.path.join(d, wijze + ".csv"))
            csv_mb[wijze + "_cpu"] = time.process_time() - t_xlsx
print(json.dumps({
    "dagtelling_kb": res.optelling.dagtelling.nbytes / 1024, "dagen": g.sc.horizon_dagen,
    "csv": csv_mb,
    "zelf_kb": zelf_kb,
    "werkers_kb": werkers_kb,
    "wand": time.perf_counter() - t0,
    "cpu": c1.user - c0.user + c1.system - c0.system + c1.children_user - c0.children_user
           + c1.children_system - c0.children_system,
    "p50": s["perioden"][0]["realisatie"]["p50"],
}))
"""


def meet(n: int, workers: int, bewaar: bool, scenario: str, csv: bool = False) -> dict:
    p = subprocess.run([sys.executable, "-c", KIND, str(n), str(workers), "1" if bewaar else "0", scenario,
                        "1" if csv else "0"],
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
    r1 = meet(weinig, a.workers, False, a.scenario, csv=True)
    r2 = meet(veel, a.workers, False, a.scenario, csv=True)
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
    for n, r in ((weinig, r1), (veel, r2)):
        print(f"  de tellingen per dag voor waaier en rapport bij {n} replicaties: {r['dagtelling_kb']:.0f} KB "
              f"(de weg hiervoor hield elke replicatie per dag: {n * (r['dagen'] + 1) * 8 / 2**20:.1f} MB)")
    print("de CSV per replicatie schrijven (simuleer --format csv --uitvoer), piek van wat het schrijven "
          "toewijst (tracemalloc):")
    for n, r in ((weinig, r1), (veel, r2)):
        c = r["csv"]
        assert c["in_stukken_bytes"] == c["in_een_keer_bytes"]
        print(f"  {n:>7d} replicaties ({c['in_stukken_bytes'] / 2**20:6.1f} MB bestand): in stukken "
              f"{c['in_stukken']:7.1f} MB, in één keer (de weg hiervoor, zelfde run) {c['in_een_keer']:7.1f} MB")
    print("de werkmap (simuleer --format xlsx --uitvoer), zelfde metingen (tracemalloc vertraagt alle drie); de wegen "
          "hiervoor in dezelfde run:")
    for n, r in ((weinig, r1), (veel, r2)):
        c = r["csv"]
        assert c["xlsx_in_stroom_bytes"] == c["xlsx_als_bytes_bytes"]
        print(f"  {n:>7d} replicaties ({c['xlsx_in_stroom_bytes'] / 2**20:6.1f} MB bestand): rij voor rij, het "
              f"bestand rechtstreeks op schijf {c['xlsx_in_stroom']:7.1f} MB, {c['xlsx_in_stroom_cpu']:6.1f} s cpu; rij voor rij, "
              f"het bestand als bytes {c['xlsx_als_bytes']:7.1f} MB, {c['xlsx_als_bytes_cpu']:6.1f} s cpu; alles in het "
              f"geheugen {c['xlsx_in_geheugen']:7.1f} MB, {c['xlsx_in_geheugen_cpu']:6.1f} s cpu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
