"""IBT columns in `prognose` (issue 13): P(each trede) after the assessment at the end of the table's
period, from the trede in the province's table and the forecast's replications, worked out by hand."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

import cli
from simulatie.ibt import ladder
from simulatie.provincie.prognose import PrognoseRij
from simulatie.provincie.tabel import GemeenteRij
from simulatie.provincie.vooruitzicht import ibt_voor_rij

# 8 replications; totaalopgave 10 + 4 = 14, with extra opgave 2: 16.
MONSTERS = np.array([10, 12, 14, 15, 16, 18, 20, 9])


def _rij(trede, extra=2):
    return PrognoseRij(GemeenteRij("Proefdorp", 5, trede=trede, achterstand=4, taakstelling=10, extra_opgave=extra,
                                   realisatie=6), None, "tempomodel", MONSTERS)


def test_utrecht_met_extra_opgave_met_de_hand():
    # extra opgave met (>= 16): 16, 18, 20 -> 3/8 straight to trede 1 (the Leusden 2022 rule);
    # only the totaalopgave (14 <= m < 16): 14, 15 -> 2/8 one down to 2; short (< 14): 10, 12, 9 -> 3/8 up to 4.
    v = ibt_voor_rij(_rij(3), ladder("utrecht"), "2022-2")
    assert v["kans_trede"] == {"1": 0.375, "2": 0.25, "3": 0.0, "4": 0.375, "5": 0.0, "6": 0.0}
    assert v["verwachte_trede"] == pytest.approx(1 * 0.375 + 2 * 0.25 + 4 * 0.375)
    assert v["meest_waarschijnlijk"] == 1  # a tie between 1 and 4: the lower trede
    assert v["beoordeling_op"] == "2023-01-01"


def test_standaardladder_een_trede_per_beoordeling_en_de_randen():
    # met in 5 of 8 -> down, else up; no rule for the extra opgave.
    v = ibt_voor_rij(_rij(3), ladder("standaard"), "2022-2")
    assert v["kans_trede"] == {"1": 0.0, "2": 0.625, "3": 0.0, "4": 0.375, "5": 0.0, "6": 0.0}
    assert v["verwachte_trede"] == pytest.approx(2 * 0.625 + 4 * 0.375)
    # at the top a shortfall keeps trede 6; at the bottom a met stays on trede 1
    assert ibt_voor_rij(_rij(6), ladder("standaard"), "2022-2")["kans_trede"] == {
        "1": 0.0, "2": 0.0, "3": 0.0, "4": 0.0, "5": 0.625, "6": 0.375}
    assert ibt_voor_rij(_rij(1), ladder("standaard"), "2022-2")["kans_trede"]["1"] == 0.625
    assert ibt_voor_rij(_rij(None), ladder("standaard"), "2022-2") is None


def test_elke_ladder_past_in_de_kolommen():
    from simulatie.ibt import ladders
    from simulatie.provincie.kolommen import MAX_TREDEN
    assert max(lad.treden for lad in ladders().values()) <= MAX_TREDEN


def test_prognose_cli_json_csv_en_tabel_tonen_de_ibt_kolommen(tmp_path, capsys):
    tabel = "tests/fixtures/provincie-utrecht-2022-2.csv"
    basis = ["prognose", tabel, "--peildatum", "2022-11-10", "--replicaties", "40", "--workers", "1"]
    capsys.readouterr()
    assert cli.main([*basis, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    met = [r for r in data["rijen"] if r.get("ibt")]
    assert met and all(r["trede"] is not None and r["kans_totaalopgave_gehaald"] is not None for r in met)
    for r in met:  # the standard ladder: one down when met, one up when not (clamped to 1..6)
        k, t = r["ibt"]["kans_trede"], r["trede"]
        assert k[str(max(1, t - 1))] == pytest.approx(r["kans_totaalopgave_gehaald"], abs=1e-4) or t == 6
        assert k[str(min(6, t + 1))] == pytest.approx(1 - r["kans_totaalopgave_gehaald"], abs=1e-4) or t == 1
        assert sum(k.values()) == pytest.approx(1.0)
    assert all("ibt" not in r for r in data["rijen"] if r["kans_totaalopgave_gehaald"] is None)
    uit = tmp_path / "p.csv"
    assert cli.main([*basis, "--format", "csv", "--csv-stijl", "internationaal", "--uitvoer", str(uit)]) == 0
    rijen = list(csv.DictReader(io.StringIO(uit.read_text(encoding="utf-8-sig"))))
    for r in met:
        c = next(x for x in rijen if x[next(iter(x))] == r["gemeente"])
        for t in range(1, 7):
            assert float(c[f"IBT kans trede {t} na beoordeling"].rstrip("%")) / 100 == pytest.approx(
                r["ibt"]["kans_trede"][str(t)], abs=5e-4)
        assert float(c["IBT verwachte trede na beoordeling"]) == pytest.approx(r["ibt"]["verwachte_trede"])
    assert cli.main([*basis]) == 0
    assert "IBT na beoordeling" in capsys.readouterr().out
