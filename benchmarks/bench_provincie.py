"""Benchmark of `huisvesting prognose`: the Utrecht province (26 gemeenten) and the synthetic national
table (344 gemeenten), each x 1,000 replications by default.

Each case runs in a fresh Python process, so its peak memory is its own: peak resident set
size of the process (ru_maxrss, RUSAGE_SELF) and of its largest worker (RUSAGE_CHILDREN: the
local process pool or the Dask LocalCluster, both closed before measuring). Wall time is split
into reading the table, computing (pace model per gemeente through the uitvoerder), writing
json + csv + xlsx, and the PNG per gemeente. Prints figures; asserts nothing about time.

    python benchmarks/bench_provincie.py                 # all cases
    python benchmarks/bench_provincie.py --replicaties 10000 --gevallen utrecht nationaal
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GEVALLEN = {
    # name: (table, uitvoerder, plots)
    "utrecht": ("utrecht", "lokaal", True),
    "utrecht-serieel": ("utrecht", "serieel", False),
    "utrecht-dask": ("utrecht", "dask", False),
    # Every gemeente through the full simulation: a scenario per gemeente, made from the
    # bundled leusden-2022-2 with the gemeente's own numbers and a supply scaled to its taakstelling.
    "utrecht-simulatie": ("utrecht", "lokaal", False),
    "nationaal": ("nationaal", "lokaal", False),
    "nationaal-dask": ("nationaal", "dask", False),
}


def _scenarios_per_gemeente(tabel, map_: Path) -> Path:
    import re
    import shutil

    from simulatie.provincie.via_simulatie import _slug
    from simulatie.scenario import vind_scenario

    bron = vind_scenario("leusden-2022-2")
    map_.mkdir()
    shutil.copytree(bron.parent / "leusden-2022-2", map_ / "leusden-2022-2")
    tekst = bron.read_text(encoding="utf-8")
    for r in tabel.gemeenten:
        if not r.heeft_cijfers:
            continue
        schaal = r.taakstelling / 24  # Leusden's taakstelling 2022-2
        t = tekst.replace('gemeente = "Leusden"', f'gemeente = "{r.gemeente}"')
        t = re.sub(r"^naam = .*$", f'naam = "{_slug(r.gemeente)}-2022-2"', t, count=1, flags=re.M)
        t = re.sub(r"^stand_start = .*$", f"stand_start = {r.realisatie - r.achterstand}", t, flags=re.M)
        t = re.sub(r"^taakstelling = .*$", f"taakstelling = {r.taakstelling}", t, flags=re.M)
        t = re.sub(r"^extra_opgave = .*$", f"extra_opgave = {r.extra_opgave}", t, flags=re.M)
        t = re.sub(r"^vacatures_per_jaar = .*$", f"vacatures_per_jaar = [{160 * schaal:.0f}, {200 * schaal:.0f}]", t,
                   flags=re.M)
        (map_ / f"{_slug(r.gemeente)}-2022-2.toml").write_text(t, encoding="utf-8")
    return map_


def _een_geval(naam: str, replicaties: int) -> dict:
    from simulatie.provincie import bereken_prognoses
    from simulatie.provincie import als_csv, als_json, als_xlsx, schrijf_grafieken
    from simulatie.provincie import lees_provincietabel, tabel_als_csv
    from simulatie.provincie.synthetisch import PEILDATUM_2022_2, nationaal_synthetisch, utrecht_synthetisch
    from simulatie.uitvoerder import Dask, LokaleProcessen, Serieel
    from matching.bestanden import schrijf_atomisch

    tabelsoort, soort, grafieken = GEVALLEN[naam]
    synthetisch = utrecht_synthetisch() if tabelsoort == "utrecht" else nationaal_synthetisch()
    uitvoerder = {"serieel": Serieel(), "lokaal": LokaleProcessen(os.cpu_count() or 1),
                  "dask": Dask("local", os.cpu_count() or 1)}[soort]
    tijden = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        invoer = tmp / f"{tabelsoort}.csv"
        invoer.write_text(tabel_als_csv(synthetisch), encoding="utf-8-sig")
        start = t0 = time.perf_counter()
        tabel = lees_provincietabel(invoer, PEILDATUM_2022_2)
        tijden["lezen_s"] = time.perf_counter() - t0
        scenarios = _scenarios_per_gemeente(tabel, tmp / "scenarios") if naam.endswith("-simulatie") else None
        t0 = time.perf_counter()
        res = bereken_prognoses(tabel, replicaties=replicaties, seed=20221110, uitvoerder=uitvoerder,
                                scenarios=scenarios)
        tijden["gesimuleerd"] = sum(1 for r in res.rijen if r.methode == "simulatie")
        tijden["rekenen_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        schrijf_atomisch(tmp / "p.json", als_json(res))
        schrijf_atomisch(tmp / "p.csv", als_csv(res))
        schrijf_atomisch(tmp / "p.xlsx", als_xlsx(res))
        tijden["schrijven_s"] = time.perf_counter() - t0
        if grafieken:
            t0 = time.perf_counter()
            tijden["grafieken"] = len(schrijf_grafieken(res, tmp / "png", LokaleProcessen(os.cpu_count() or 1)))
            tijden["grafieken_s"] = time.perf_counter() - t0
        tijden["totaal_s"] = time.perf_counter() - start
    zelf = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kind = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"geval": naam, "gemeenten": len(tabel.gemeenten), "replicaties": replicaties,
            "uitvoerder": uitvoerder.naam, **{k: round(v, 3) for k, v in tijden.items()},
            "piek_rss_hoofdproces_mb": round(zelf, 1), "piek_rss_grootste_worker_mb": round(kind, 1),
            "totaal_p50": res.totaal.prognose["p50"] if res.totaal and res.totaal.prognose else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicaties", type=int, default=1000)
    ap.add_argument("--gevallen", nargs="*", default=list(GEVALLEN), choices=list(GEVALLEN))
    ap.add_argument("--geval", help=argparse.SUPPRESS)  # internal: run one case in this process
    args = ap.parse_args()
    if args.geval:
        print(json.dumps(_een_geval(args.geval, args.replicaties)))
        return
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} kernen, "
          f"Python {platform.python_version()}")
    for naam in args.gevallen:
        p = subprocess.run([sys.executable, __file__, "--geval", naam, "--replicaties", str(args.replicaties)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print(f"{naam}: mislukt\n{p.stderr}")
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        graf = f", {r['grafieken']} grafieken {r['grafieken_s']:.2f} s" if "grafieken" in r else ""
        graf += f", {r['gesimuleerd']} gemeenten volledig gesimuleerd" if r.get("gesimuleerd") else ""
        print(f"{r['geval']:<16} {r['gemeenten']:>3} gemeenten x {r['replicaties']} replicaties, {r['uitvoerder']}: "
              f"totaal {r['totaal_s']:.2f} s (lezen {r['lezen_s']:.2f}, rekenen {r['rekenen_s']:.2f}, "
              f"schrijven json+csv+xlsx {r['schrijven_s']:.2f}{graf}); piek RSS hoofdproces "
              f"{r['piek_rss_hoofdproces_mb']:.0f} MB, grootste worker {r['piek_rss_grootste_worker_mb']:.0f} MB; "
              f"Totaal p50 {r['totaal_p50']}")


if __name__ == "__main__":
    main()
