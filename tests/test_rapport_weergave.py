"""What people read in the HTML report and the terminal table: tables that agree with each
other, steps that add up as printed, Dutch numbers and words. Built from small hand-made
dicts: no simulation needed."""

from __future__ import annotations

import random

import pytest

from simulatie.rapportage.html import vergelijking_tabellen


def _per(periode, **maten):
    return {"periode": periode, "maten": {m: {"a": a, "b": b, "verschil": {"gemiddeld": b - a, "ondergrens": b - a - 1,
                                                                            "bovengrens": b - a + 1, "n": 60}}
                                          for m, (a, b) in maten.items()}}


def _vergelijking(beleiden=("strikt", "flexibel", "ruim")):
    kwant = {"gemiddeld": 30.0, "p10": 20.0, "p50": 30.0, "p90": 40.0}
    bel = [{"beleid": b, "perioden": [{"periode": p, "realisatie": kwant, "kans_totaalopgave_gehaald": 0.5}
                                      for p in ("2023-1", "2023-2")],
            # whole-horizon figures: must not show on a period's row
            "kpi": {"wachtweken_mediaan": 8.7, "kinderen_per_slaapkamer": 1.25}} for b in beleiden]
    waarden = {  # (beleid, periode) -> (weken, kinderen per slaapkamer), all different
        (b, p): (10.0 * i + j + 0.25, 1.0 + i / 10 + j / 100) for i, b in enumerate(beleiden)
        for j, p in enumerate(("2023-1", "2023-2"))}
    paren = []
    for i in range(len(beleiden)):
        for j in range(i + 1, len(beleiden)):
            a, b = beleiden[i], beleiden[j]
            perioden = [_per(p, wachtweken_mediaan=(waarden[a, p][0], waarden[b, p][0]),
                             kinderen_per_slaapkamer=(waarden[a, p][1], waarden[b, p][1]))
                        for p in ("2023-1", "2023-2")]
            perioden.append({"periode": "totaal", "maten": {}})
            paren.append({"a": a, "b": b, "perioden": perioden})
    return {"beleiden": bel, "paren": paren, "attributie": [], "replicaties": 60}, waarden


def test_niveaus_per_periode_gelijk_aan_het_gepaarde_verschil():
    v, waarden = _vergelijking()
    t = vergelijking_tabellen(v)
    assert len(t["niveaus"]) == 6
    for n in t["niveaus"]:
        weken, kps = waarden[n["beleid"], n["periode"]]
        assert n["wachtweken"] == weken and n["kinderen_per_slaapkamer"] == kps
    # and as printed: the levels row and the paired table's a/b column read the same
    from simulatie.rapportage.html import getal
    for paar in t["paren"]:
        for r in paar["rijen"]:
            n_a = next(n for n in t["niveaus"] if n["beleid"] == paar["a"] and n["periode"] == r["periode"])
            n_b = next(n for n in t["niveaus"] if n["beleid"] == paar["b"] and n["periode"] == r["periode"])
            if r["maat"].startswith("weken"):
                assert (r["a"], r["b"]) == (getal(n_a["wachtweken"], 1), getal(n_b["wachtweken"], 1))
            elif r["maat"].startswith("kinderen"):
                assert (r["a"], r["b"]) == (getal(n_a["kinderen_per_slaapkamer"], 2),
                                            getal(n_b["kinderen_per_slaapkamer"], 2))
