"""Large input: 100,000 households and 100,000 dwellings are refused with a clear message before
any (households x dwellings) matrix is allocated, instead of a MemoryError or the OOM killer;
what fits under the limit (`max_combinaties` in matching/grenzen.toml) runs."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

import cli
from matching import Huishouden, Woning, wijs_toe
from matching.grenzen import controleer_omvang, grenzen
from matching.bestanden import InvoerFout, lees_tabel

ROOT = Path(__file__).parent.parent


def schrijf_huishoudens(pad: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    regels = ["id,koppeldatum,volwassenen,kinderen,nareizigers,nareizigers_verwacht,voorkeur_kern,toegankelijk,"
              "verblijf"]
    for i in range(n):
        kinderen = " ".join(f"{rng.choice('jm')}{rng.randrange(17)}" for _ in range(rng.choice((0, 0, 1, 2, 3))))
        regels.append(f"H{i:06d},2022-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d},{rng.choice((1, 1, 2))},"
                      f"{kinderen},0,,,nee,COA")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


def schrijf_woningen(pad: Path, n: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    regels = ["id,kern,slaapkamers,oppervlakte,huur,beschikbaar,soort,toegankelijk"]
    for i in range(n):
        regels.append(f"W{i:06d},{rng.choice(('Leusden', 'Achterveld'))},{rng.randrange(0, 5)},60,"
                      f"{rng.uniform(450, 690):.2f},2022-12-{rng.randrange(1, 29):02d},vrij,nee")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def groot(tmp_path_factory) -> tuple[Path, Path]:
    map_ = tmp_path_factory.mktemp("groot")
    hh, w = map_ / "huishoudens.csv", map_ / "woningen.csv"
    schrijf_huishoudens(hh, 100_000)
    schrijf_woningen(w, 100_000)
    return hh, w


def test_100k_bij_100k_geweigerd_met_duidelijke_melding(groot, tmp_path, capsys, monkeypatch):
    gealloceerd = []
    echte_ones = np.ones

    def ones(vorm, *a, **k):  # the first dense matrix of a round is np.ones((hh, w))
        gealloceerd.append(vorm)
        return echte_ones(vorm, *a, **k)

    monkeypatch.setattr(np, "ones", ones)
    hh, w = groot
    uit = tmp_path / "plan.json"
    rc = cli.main(["toewijzen", "--huishoudens", str(hh), "--woningen", str(w), "--format", "json",
                   "--uitvoer", str(uit)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert ("fout: 100.000 huishoudens x 100.000 woningen = 10.000.000.000 combinaties in één ronde; "
            "de grens is 25.000.000 (max_combinaties in matching/grenzen.toml). Splits de invoer") in err
    assert "per kern of per peildatum" in err
    assert "Traceback" not in err and "MemoryError" not in err
    assert not uit.exists()
    assert not [v for v in gealloceerd if isinstance(v, tuple) and len(v) == 2 and v[0] * v[1] > 10**6]


def test_100k_bestanden_zelf_zijn_in_orde(groot, capsys):
    """The size is a property of the round, not of either file: controleer accepts both."""
    hh, w = groot
    assert cli.main(["controleer", str(hh), str(w)]) == 0
    out = capsys.readouterr().out
    assert "huishoudens.csv: in orde — 100000 huishoudens" in out
    assert "woningen.csv: in orde — 100000 woningen" in out


def test_grens_voor_de_ronde_niet_erna():
    hh = [Huishouden(f"H{i}", dt.date(2022, 1, 1), 1) for i in range(6000)]
    ww = [Woning(f"W{i}", "Leusden", 1, 500.0, dt.date(2022, 12, 1)) for i in range(5000)]
    with pytest.raises(InvoerFout, match="6.000 huishoudens x 5.000 woningen = 30.000.000 combinaties"):
        wijs_toe(hh, ww, "strikt", dt.date(2023, 1, 1))
    controleer_omvang(5000, 5000)  # exactly at the limit: allowed
    assert grenzen()["max_combinaties"] == 25_000_000


def test_bestand_boven_de_grens_geweigerd_voor_het_lezen(tmp_path, monkeypatch):
    pad = tmp_path / "huishoudens.csv"
    schrijf_huishoudens(pad, 30_000)
    monkeypatch.setitem(grenzen(), "max_bestand_mb", 1)
    with pytest.raises(InvoerFout, match=r"huishoudens.csv: bestand is 1,\d MB; de grens is 1 MB \(max_bestand_mb"):
        lees_tabel(pad)


@pytest.mark.slow
def test_100k_huishoudens_bij_de_meegeleverde_woningen_draait(groot, tmp_path, capsys):
    """Under the limit (100,000 x 10 dwellings) the run completes; explaining every household
    left out used to be quadratic in the waitlist and took hours at this size."""
    hh, _ = groot
    uit = tmp_path / "plan.json"
    # (the bundled dwellings named as a file: own households never go into example dwellings unasked)
    woningen = ROOT / "scenario's" / "leusden" / "woningen.csv"
    assert cli.main(["toewijzen", "--huishoudens", str(hh), "--woningen", str(woningen), "--peildatum", "01-01-2023",
                     "--beleid", "flexibel", "--format", "json", "--uitvoer", str(uit)]) == 0
    import json
    plan = json.loads(uit.read_text(encoding="utf-8"))
    assert len(plan["toewijzingen"]) + len(plan["niet_geplaatst"]) == 100_000
