"""Every CSV the product writes opens right in Dutch Excel: `;`, decimal comma, UTF-8 BOM.

Each command's file, read with pandas as the README says, gives the numbers of the JSON of the
same run (same seed); `--csv-stijl internationaal` gives `,` and points for programs.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

import cli
from matching.bestanden.csv_nl import Procent, cel, csv_tekst

FIXTURES = Path(__file__).parent / "fixtures"
NL = dict(sep=";", decimal=",", encoding="utf-8-sig")


def _draai(capsys, *argv) -> str:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    uit = capsys.readouterr()
    assert code == 0, uit.err
    return uit.out


def test_cellen_in_beide_stijlen():
    assert [cel(x) for x in (1.5, 2, None, True, dt.date(2022, 11, 10), Procent(0.877), "=1+1", 1e-7)] == \
        ["1,5", "2", "", "1", "10-11-2022", "87,7%", "'=1+1", "0,0000001"]
    assert [cel(x, "internationaal") for x in (1.5, dt.date(2022, 11, 10), Procent(0.877))] == \
        ["1.5", "2022-11-10", "87.7%"]
    assert csv_tekst(["a", "b"], [[1.25, "x;y"]]) == 'a;b\r\n1,25;"x;y"\r\n'
    assert csv_tekst(["a", "b"], [[1.25, "x,y"]], "internationaal") == 'a,b\r\n1.25,"x,y"\r\n'


def test_toewijzen_csv_geeft_de_toewijzingen_van_de_json(tmp_path, capsys):
    data = json.loads(_draai(capsys, "toewijzen", "--format", "json"))
    uit = tmp_path / "t.csv"
    _draai(capsys, "toewijzen", "--format", "csv", "--uitvoer", uit)
    ruw = uit.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf# voorbeeldgegevens, geen echte huishoudens")
    df = pd.read_csv(uit, comment="#", dtype={"woning": str}, keep_default_na=False, **NL)
    geplaatst = df[df["woning"] != ""]
    verwacht = {(b["beleid"], t["huishouden"], t["woning"], t["personen"])
                for b in data["beleiden"] for t in b["toewijzingen"]}
    assert set(zip(geplaatst["beleid"], geplaatst["huishouden"], geplaatst["woning"], geplaatst["personen"])) \
        == verwacht
    for b in data["beleiden"]:
        assert df[df["beleid"] == b["beleid"]]["personen"].sum() > 0


def test_simuleer_csv_geeft_de_getallen_van_de_json(tmp_path, capsys):
    argv = ["simuleer", "--replicaties", "20", "--workers", "1", "--seed", "7"]
    data = json.loads(_draai(capsys, *argv, "--format", "json"))
    uit = tmp_path / "s.csv"
    _draai(capsys, *argv, "--format", "csv", "--uitvoer", uit)
    assert uit.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(uit, **NL)
    assert df["woningen_per_jaar"].dtype.kind == "f" or df["woningen_per_jaar"].dtype.kind == "i"
    for p in data["perioden"]:
        rijen = df[df["periode"] == p["periode"]]
        assert len(rijen) == 20
        assert rijen["realisatie"].mean() == pytest.approx(p["realisatie"]["gemiddeld"])
        assert rijen["totaalopgave_gehaald"].mean() == pytest.approx(p["kans_totaalopgave_gehaald"])
        assert rijen["stand_eind"].mean() == pytest.approx(p["stand_eind"])
        assert rijen["woningen_gebruikt"].mean() == pytest.approx(p["woningen_gebruikt"]["gemiddeld"])


def test_simuleer_csv_internationaal(tmp_path, capsys):
    argv = ["simuleer", "--replicaties", "5", "--workers", "1", "--seed", "7", "--format", "csv"]
    nl = pd.read_csv(io.StringIO(_draai(capsys, *argv)), sep=";", decimal=",")
    uit = tmp_path / "i.csv"
    _draai(capsys, *argv, "--csv-stijl", "internationaal", "--uitvoer", uit)
    ruw = uit.read_bytes()
    assert not ruw.startswith(b"\xef\xbb\xbf") and ruw.split(b"\r\n")[0].count(b",") == 12
    pd.testing.assert_frame_equal(pd.read_csv(uit), nl)


def test_vergelijk_csv_geeft_de_getallen_van_de_json(tmp_path, capsys):
    argv = ["vergelijk", "--replicaties", "6", "--workers", "1", "--seed", "3", "--geen-attributie"]
    data = json.loads(_draai(capsys, *argv, "--format", "json"))
    uit = tmp_path / "v.csv"
    _draai(capsys, *argv, "--format", "csv", "--uitvoer", uit)
    assert uit.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(uit, **NL)
    paar = data["paren"][0]
    gezien = 0
    for per in paar["perioden"]:
        for maat, d in per["maten"].items():
            rij = df[(df["periode"] == per["periode"]) & (df["maat"] == maat)]
            assert len(rij) == 1
            rij = rij.iloc[0]
            for kol, waarde in (("a", d.get("a")), ("b", d.get("b")), ("verschil", d["verschil"].get("gemiddeld")),
                                ("ondergrens", d["verschil"].get("ondergrens")),
                                ("bovengrens", d["verschil"].get("bovengrens"))):
                if waarde is None:
                    assert pd.isna(rij[kol])
                else:
                    assert rij[kol] == pytest.approx(waarde)
                    gezien += 1
    assert gezien > 20 and (df["a"] % 1 != 0).any()  # decimals were read as decimals


def test_prognose_csv_geeft_de_getallen_van_de_json(tmp_path, capsys):
    argv = ["prognose", FIXTURES / "provincie-utrecht-2022-2.csv", "--peildatum", "2022-11-10", "--workers", "1",
            "--replicaties", "100"]
    data = json.loads(_draai(capsys, *argv, "--format", "json"))
    uit = tmp_path / "p.csv"
    _draai(capsys, *argv, "--format", "csv", "--uitvoer", uit)
    assert uit.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(uit, **NL)
    df = df.set_index(df.columns[0])
    kans = df["Kans totaalopgave gehaald"].str.rstrip("%").str.replace(",", ".").astype(float) / 100
    for r in data["rijen"]:
        rij = df.loc[r["gemeente"]]
        if r["prognose"]:
            for q in ("p10", "p50", "p90"):
                assert float(rij[f"Prognose {q}"]) == pytest.approx(r["prognose"][q])
        if r["kans_totaalopgave_gehaald"] is not None:
            assert kans[r["gemeente"]] == pytest.approx(r["kans_totaalopgave_gehaald"], abs=0.0005)
    # every percentage the same way: one decimal and a %
    pct = [c for c in df.columns if df[c].astype(str).str.endswith("%").any()]
    assert len(pct) >= 3
    for c in pct:
        assert df[c].dropna().astype(str).str.fullmatch(r"-?\d+,\d%").all(), c


@pytest.mark.parametrize("n", [0, 1, 6, 7, 8, 21, 50])
def test_in_stukken_dezelfde_tekst(n):
    """`csv_stukken` cuts the file after every `per` rows and nowhere else: joined, the pieces are
    the file `csv.writer` makes of all rows at once (in both styles, quoting and voorregels
    included), the first piece starts with the header and none holds more than `per` rows."""
    import csv

    from matching.bestanden.csv_nl import csv_stukken

    rijen = [[i, i / 4, f"x;{i}" if i % 3 else f'"{i}"', dt.date(2026, 1, 1 + i % 28), None] for i in range(n)]
    for stijl, scheiding in (("nl", ";"), ("internationaal", ",")):
        stukken = list(csv_stukken(["a", "b", "c", "d", "e"], iter(rijen), stijl, ["# kop"], per=7))
        buf = io.StringIO()
        buf.write("# kop\r\n")
        w = csv.writer(buf, delimiter=scheiding, lineterminator="\r\n")
        w.writerow(["a", "b", "c", "d", "e"])
        w.writerows([[cel(x, stijl) for x in r] for r in rijen])
        assert "".join(stukken) == buf.getvalue()
        assert stukken[0].startswith("# kop\r\na")
        regels = [len(list(csv.reader(io.StringIO(s), delimiter=scheiding))) for s in stukken]
        assert regels[0] == 2 + min(n, 7) and all(r <= 7 for r in regels[1:])
        assert len(stukken) == n // 7 + 1
    with pytest.raises(ValueError):
        csv_stukken(["a"], [], "fr")  # (refused when asked, not when the first piece is)


def test_simuleer_csv_in_stukken_is_hetzelfde_bestand(tmp_path, capsys, monkeypatch):
    """A run's per-replication CSV written in pieces of 7 rows (so many pieces) is byte for
    byte the file written in one piece, to a file and to the screen."""
    import matching.bestanden.csv_nl as csv_nl

    argv = ["simuleer", "--replicaties", "20", "--workers", "1", "--seed", "7", "--format", "csv"]
    heel_bestand, heel_scherm = tmp_path / "heel.csv", _draai(capsys, *argv)
    _draai(capsys, *argv, "--uitvoer", heel_bestand)
    stukken = []
    echt = csv_nl._stukken

    def klein(kop, rijen, stijl, voorregels, per):
        for s in echt(kop, rijen, stijl, voorregels, 7):
            stukken.append(s)
            yield s

    monkeypatch.setattr(csv_nl, "_stukken", klein)
    stuk_bestand = tmp_path / "stuk.csv"
    _draai(capsys, *argv, "--uitvoer", stuk_bestand)
    assert stuk_bestand.read_bytes() == heel_bestand.read_bytes()
    assert len(stukken) == 40 // 7 + 1
    assert _draai(capsys, *argv) == heel_scherm


def test_in_stukken_vraagt_de_rijen_pas_als_nodig():
    """The rows are asked for only as the writer takes pieces: after k pieces at most k x per
    rows have been made (so a million never are in memory at once)."""
    from matching.bestanden.csv_nl import csv_stukken

    gemaakt = [0]

    def rijen():
        for i in range(100):
            gemaakt[0] += 1
            yield [i]

    stukken = csv_stukken(["a"], rijen(), per=10)
    assert gemaakt[0] == 0
    for k in range(1, 5):
        next(stukken)
        assert gemaakt[0] <= 10 * k + 1
