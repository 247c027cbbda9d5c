"""`--format xlsx` of toewijzen, simuleer, vergelijk and optimaliseer (issue 13): read back with pandas (as the README
shows) the workbook gives the numbers of the JSON and the CSV of the same run; every sheet has a frozen,
bold header row; the first sheet "Toelichting" has a row for every column of every sheet; a
percentage is a fraction shown with one decimal."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import cli

SNEL = ["--workers", "1"]


def _draai(tmp_path, argv, formaat, naam):
    uit = tmp_path / naam
    assert cli.main([*argv, "--format", formaat, "--uitvoer", str(uit)]) == 0
    return uit


def _werkmap(pad):
    return pd.read_excel(pad, sheet_name=None), openpyxl.load_workbook(pad)


def _vorm(pad):
    """What every workbook must have: Toelichting first, frozen bold headers, each column explained."""
    bladen, boek = _werkmap(pad)
    assert boek.sheetnames[0] == "Toelichting"
    uitleg = bladen["Toelichting"].dropna(subset=["Kolom"])
    uitgelegd = set(zip(uitleg["Blad"], uitleg["Kolom"]))
    for ws in boek.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1] if c.value is not None), ws.title
        if ws.title != "Toelichting":
            koppen = [c.value for c in ws[1]]
            assert all(koppen) and len(set(koppen)) == len(koppen)
            assert {(ws.title, k) for k in koppen} <= uitgelegd, ws.title
            assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    assert uitleg["Betekenis"].str.len().min() > 10  # a sentence, not an empty cell
    return bladen, boek


def test_simuleer_xlsx_geeft_de_getallen_van_json_en_csv(tmp_path):
    argv = ["simuleer", "--replicaties", "12", "--seed", "7", *SNEL]
    data = json.loads(_draai(tmp_path, argv, "json", "s.json").read_text(encoding="utf-8"))
    csv = pd.read_csv(_draai(tmp_path, argv, "csv", "s.csv"), sep=";", decimal=",")
    bladen, boek = _vorm(_draai(tmp_path, argv, "xlsx", "s.xlsx"))
    per = bladen["Per periode"]
    assert len(per) == len(data["perioden"])
    for (_, rij), p in zip(per.iterrows(), data["perioden"]):
        assert rij["Periode"].split()[0] == p["periode"]
        assert rij["Realisatie gemiddeld (personen)"] == pytest.approx(p["realisatie"]["gemiddeld"])
        for q in ("p10", "p50", "p90"):
            assert rij[f"Realisatie {q} (personen)"] == p["realisatie"][q]
        assert rij["Kans totaalopgave gehaald"] == pytest.approx(p["kans_totaalopgave_gehaald"])
        assert rij["Stand aan het eind (personen)"] == pytest.approx(p["stand_eind"])
        assert rij["Totaalopgave (personen)"] == pytest.approx(p["totaalopgave"])
    rep = bladen["Per replicatie"]
    assert rep.shape == csv.shape
    assert (rep.to_numpy() == csv.to_numpy()).all()  # same numbers, column for column
    ws = boek["Per periode"]
    koppen = [c.value for c in ws[1]]
    assert ws.cell(2, koppen.index("Kans totaalopgave gehaald") + 1).number_format == "0.0%"
    assert ws.cell(2, koppen.index("Realisatie gemiddeld (personen)") + 1).number_format == "0.0"


def test_vergelijk_xlsx_geeft_de_verschillen_van_json(tmp_path):
    argv = ["vergelijk", "--replicaties", "4", "--seed", "3", "--geen-attributie", *SNEL]
    data = json.loads(_draai(tmp_path, argv, "json", "v.json").read_text(encoding="utf-8"))
    bladen, boek = _vorm(_draai(tmp_path, argv, "xlsx", "v.xlsx"))
    verwacht = [(per["periode"], maat, d) for per in data["paren"][0]["perioden"] for maat, d in per["maten"].items()]
    versch = bladen["Verschillen"]
    assert len(versch) == len(verwacht)
    for (_, rij), (periode, maat, d) in zip(versch.iterrows(), verwacht):
        assert (str(rij["Periode"]), rij["Maatcode"]) == (periode, maat)
        assert rij["Maat"] != maat  # in words
        for kop, waarde in (("Eerste (gemiddeld)", d["a"]), ("Tweede (gemiddeld)", d["b"]),
                            ("Verschil (gemiddeld)", d["verschil"]["gemiddeld"]),
                            ("Verschil ondergrens 95%", d["verschil"]["ondergrens"])):
            assert (pd.isna(rij[kop]) and waarde is None) or rij[kop] == pytest.approx(waarde)
    ws = boek["Verschillen"]
    koppen = [c.value for c in ws[1]]
    formaten = {ws.cell(r, koppen.index("Maatcode") + 1).value: ws.cell(r, koppen.index("Verschil (gemiddeld)") + 1)
                .number_format for r in range(2, ws.max_row + 1)}
    assert formaten["totaalopgave_gehaald"] == "0.0%" and formaten["realisatie"] == "0.0"
    per_beleid = bladen["Per beleid"]
    for (_, rij), p in zip(per_beleid.iterrows(), [p for b in data["beleiden"] for p in b["perioden"]]):
        assert rij["Realisatie gemiddeld (personen)"] == pytest.approx(p["realisatie"]["gemiddeld"])


def test_toewijzen_xlsx_geeft_de_getallen_van_json_en_csv(tmp_path):
    argv = ["toewijzen"]
    data = json.loads(_draai(tmp_path, argv, "json", "t.json").read_text(encoding="utf-8"))
    csv = pd.read_csv(_draai(tmp_path, argv, "csv", "t.csv"), sep=";", decimal=",", comment="#", dtype=str)
    bladen, _ = _vorm(_draai(tmp_path, argv, "xlsx", "t.xlsx"))
    samen = bladen["Samenvatting"]
    for (_, rij), b in zip(samen.iterrows(), data["beleiden"]):
        assert rij["Beleid"] == b["beleid"]
        assert rij["Personen geplaatst"] == b["samenvatting"]["personen_geplaatst"]
        assert rij["Wachtlijst: personen geplaatst"] == b["samenvatting"]["wachtlijst"]["personen_geplaatst"]
    per = bladen["Per huishouden"].fillna("").astype(str)
    assert per["Personen"].tolist() == csv["personen"].tolist()
    assert per["Huishouden"].tolist() == csv["huishouden"].tolist()
    assert per["Woning"].tolist() == csv["woning"].fillna("").tolist()


def test_optimaliseer_xlsx_geeft_de_getallen_van_json_en_csv(tmp_path):
    argv = ["optimaliseer", "leusden-2023", "--replicaties", "2", "--budget", "3", *SNEL]
    data = json.loads(_draai(tmp_path, argv, "json", "o.json").read_text(encoding="utf-8"))
    csv = pd.read_csv(_draai(tmp_path, argv, "csv", "o.csv"), sep=";", decimal=",", dtype={"gedomineerd_door": str})
    bladen, boek = _vorm(_draai(tmp_path, argv, "xlsx", "o.xlsx"))
    assert boek.sheetnames == ["Toelichting", "Frontier", "Gelijkheid", "Kandidaten"]
    front = bladen["Frontier"]
    punten = data["frontier"] + [data["strikt"], data["flexibel"]]
    assert front["Soort"].tolist() == ["frontier"] * len(data["frontier"]) + ["strikt", "flexibel"]
    assert front["Naam"].tolist() == [p["naam"] for p in punten]
    for (_, rij), p in zip(front.iterrows(), punten):
        assert rij["Realisatie (gemiddeld)"] == pytest.approx(p["maten"]["realisatie"]["gemiddeld"])
        assert rij["Kans gehaald bovengrens 95%"] == pytest.approx(p["maten"]["kans_gehaald"]["bovengrens"])
        assert rij["Replicaties"] == p["replicaties"]
    # The CSV is the same table, column for column (its headers the keys, the sheet's in words);
    # the last column is text ("0 2": the points that beat it), read raw.
    assert front.shape == csv.shape
    assert front.iloc[:, :-1].fillna(-1).to_numpy().tolist() == csv.iloc[:, :-1].fillna(-1).to_numpy().tolist()
    cellen = list(boek["Frontier"].columns)[-1][1:]
    door = [c.value for c in cellen]
    assert door == [x if isinstance(x, str) else None for x in csv["gedomineerd_door"]]
    assert all(c.data_type == "n" for c in cellen if c.value is None)  # empty, not an empty text
    assert door[-2:] == [" ".join(map(str, data[n]["gedomineerd_door"])) or None for n in ("strikt", "flexibel")]
    ws = boek["Frontier"]
    koppen = [c.value for c in ws[1]]
    assert ws.cell(2, koppen.index("Kans gehaald (gemiddeld)") + 1).number_format == "0.0%"
    assert ws.cell(2, koppen.index("Realisatie (gemiddeld)") + 1).number_format == "0.0"
    gelijk = bladen["Gelijkheid"]
    verwacht = [(p["naam"], r["huishoudens"]) for p in punten for r in p["gelijkheid"]["per_type"]]
    assert list(zip(gelijk["Naam"], gelijk["Huishoudens"])) == verwacht
    assert len(bladen["Kandidaten"]) == data["aantal_kandidaten"]


def test_xlsx_zonder_uitvoer_geweigerd(capsys):
    assert cli.main(["simuleer", "--format", "xlsx"]) == 2
    assert "--format xlsx vraagt --uitvoer" in capsys.readouterr().err


PROVINCIE = str(Path(__file__).parent / "fixtures" / "provincie-utrecht-2022-2.csv")


@pytest.mark.parametrize("argv", [
    ["simuleer", "--replicaties", "6", "--seed", "7", *SNEL],
    ["vergelijk", "--replicaties", "4", *SNEL],
    ["toewijzen"],
    ["prognose", PROVINCIE, "--peildatum", "2022-11-10"],
    ["optimaliseer", "--replicaties", "4", "--budget", "2", *SNEL],
], ids=lambda a: a[0])
def test_zelfde_run_zelfde_bytes_zonder_schrijftijd(tmp_path, argv):
    """A workbook carries no time of writing (openpyxl stamps every zip entry and the document
    properties with it): every entry and both dates are the fixed VASTE_TIJD, so the same run
    gives the same bytes, on another day too. For every command that writes one."""
    import zipfile

    from matching.bestanden.werkmap import VASTE_TIJD

    een, twee = _draai(tmp_path, argv, "xlsx", "een.xlsx"), _draai(tmp_path, argv, "xlsx", "twee.xlsx")
    assert een.read_bytes() == twee.read_bytes()
    with zipfile.ZipFile(een) as z:
        assert {i.date_time for i in z.infolist()} == {VASTE_TIJD}
        kern = z.read("docProps/core.xml").decode()
    assert kern.count("1980-01-01T00:00:00Z") == 2  # created and modified


def test_meer_rijen_dan_excel_toelaat_gaat_door_op_een_volgend_blad(tmp_path, monkeypatch):
    """Past Excel's row limit (here made 7) the per-replication sheet goes on to "Per replicatie (2)"
    and so on, each with its header; read one after another they are the CSV's rows, and the
    Toelichting explains every one of them."""
    import matching.bestanden.werkmap as werkmap

    argv = ["simuleer", "--replicaties", "12", "--seed", "7", *SNEL]
    csv = pd.read_csv(_draai(tmp_path, argv, "csv", "s.csv"), sep=";", decimal=",")
    monkeypatch.setattr(werkmap, "MAX_RIJEN", 7)
    bladen, boek = _vorm(_draai(tmp_path, argv, "xlsx", "s.xlsx"))
    namen = ["Per replicatie"] + [f"Per replicatie ({k})" for k in (2, 3, 4)]
    assert [n for n in boek.sheetnames if n.startswith("Per replicatie")] == namen
    assert [len(bladen[n]) for n in namen] == [7, 7, 7, 3]  # 12 replications x 2 periods
    samen = pd.concat([bladen[n] for n in namen], ignore_index=True)
    assert samen.shape == csv.shape and (samen.to_numpy() == csv.to_numpy()).all()


@pytest.mark.parametrize("argv", [["simuleer", "--replicaties", "5", *SNEL], ["vergelijk", "--replicaties", "4", *SNEL]],
                         ids=lambda a: a[0])
def test_per_replicatie_wordt_rij_voor_rij_gemaakt(tmp_path, monkeypatch, argv):
    """The per-replication sheet reaches the workbook as rows still to be made (a generator), not
    as a list of them all: with a million replications the rows are never in memory at once.
    And the workbook asks for them only while it writes that sheet."""
    import matching.bestanden.werkmap as werkmap

    gezien = {}
    echt = werkmap._schrijf_stroomblad

    def kijk(boek, titel, blad, rijen):
        if titel.startswith("Per replicatie"):
            gezien["lijst"] = isinstance(blad.rijen, (list, tuple))
        return echt(boek, titel, blad, rijen)

    monkeypatch.setattr(werkmap, "_schrijf_stroomblad", kijk)
    _draai(tmp_path, argv, "xlsx", "x.xlsx")
    assert gezien == {"lijst": False}


def _bladen_voor_stroom(n_rijen: int, rijen_gemaakt: list | None = None):
    from matching.bestanden.werkmap import Werkblad, Werkkolom

    def rijen():
        for i in range(n_rijen):
            if rijen_gemaakt is not None:
                rijen_gemaakt.append(i)
            yield [i, i / 7, f"r{i}"]

    kolommen = [Werkkolom("Nummer", "geheel", "n"), Werkkolom("Deel", "decimaal", "n / 7"),
                Werkkolom("Naam", "tekst", "tekst")]
    return [Werkblad("Vast", kolommen[:1], [[1], [2]]), Werkblad("Per replicatie", kolommen, rijen())]


def test_werkmap_gaat_rechtstreeks_in_het_bestand(tmp_path):
    """For the atomic writer the workbook is one piece that writes the file into the writer's
    temporary file itself (never whole in memory), and that file is byte for byte the one made
    in memory (`als_bytes`, the way before) from the same sheets."""
    import matching.bestanden.werkmap as wm
    from matching.bestanden.schrijven import schrijf_atomisch_in_stukken

    stukken = list(wm.werkmap_in_stukken(_bladen_voor_stroom(3000), ["Een regel."]))
    assert len(stukken) == 1 and callable(stukken[0])
    schrijf_atomisch_in_stukken(tmp_path / "x.xlsx", stukken)

    boek = wm.nieuwe_werkmap(stroom=True)
    geschreven = [deel for blad in _bladen_voor_stroom(3000) for deel in wm._bladen_in_stroom(boek, blad)]
    wm.toelichting(boek, geschreven, ["Een regel."])
    boek.active = 0
    in_geheugen = wm.als_bytes(boek)
    assert (tmp_path / "x.xlsx").read_bytes() == in_geheugen and len(in_geheugen) > 10_000


def test_werkmap_in_stukken_maakt_niets_voor_het_eerste_stuk():
    """Nothing is made (no row asked for) before the writer asks for the first piece: the atomic
    writer then has its temporary file open, and an error while making removes it."""
    from matching.bestanden.werkmap import werkmap_in_stukken

    import io

    gemaakt: list[int] = []
    stukken = werkmap_in_stukken(_bladen_voor_stroom(50, gemaakt))
    assert gemaakt == []
    stuk = next(stukken)
    assert gemaakt == list(range(50))
    stuk(io.BytesIO())  # (the workbook written, as the writer does: openpyxl closes its sheets)


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_fout_tijdens_het_maken_van_de_werkmap_laat_niets_achter(tmp_path):
    """A row that fails while the workbook is made (after some rows were written): no file, no
    temporary file, an earlier file unchanged, and no sheet left open to complain later."""
    import gc

    from matching.bestanden.schrijven import schrijf_atomisch_in_stukken
    from matching.bestanden.werkmap import Werkblad, Werkkolom, werkmap_in_stukken

    def rijen():
        yield from ([i] for i in range(100))
        raise ValueError("rij 101")

    oud = tmp_path / "x.xlsx"
    oud.write_bytes(b"oud")
    with pytest.raises(ValueError, match="rij 101"):
        schrijf_atomisch_in_stukken(oud, werkmap_in_stukken([Werkblad("Blad", [Werkkolom("N", "geheel", "n")], rijen())]))
    gc.collect()
    assert oud.read_bytes() == b"oud" and [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


@pytest.mark.parametrize("argv", [["simuleer", "--replicaties", "5", *SNEL], ["vergelijk", "--replicaties", "4", *SNEL]],
                         ids=lambda a: a[0])
def test_werkmap_gaat_niet_als_bytes_naar_het_bestand(tmp_path, monkeypatch, argv):
    """`simuleer` and `vergelijk` hand the workbook to the atomic writer as a piece that writes
    it into the writer's file, not as bytes: with a million replications it is never in memory
    whole."""
    import matching.bestanden.schrijven as schrijven
    import opdrachten.gemeen as gemeen

    soorten: list[str] = []
    echt = schrijven.schrijf_atomisch_in_stukken

    def kijk(pad, stukken):
        return echt(pad, (soorten.append("functie" if callable(s) else type(s).__name__) or s for s in stukken))

    monkeypatch.setattr(gemeen, "schrijf_atomisch_in_stukken", kijk)
    monkeypatch.setattr(gemeen, "schrijf_atomisch", lambda *a: pytest.fail("als bytes geschreven"))
    pad = _draai(tmp_path, argv, "xlsx", "x.xlsx")
    assert soorten == ["functie"]
    assert openpyxl.load_workbook(pad).sheetnames[0] == "Toelichting"


def test_toewijzen_xlsx_personen_zonder_nareizigers_zoals_de_toelichting_zegt(tmp_path):
    # One adult with two nareizigers still to come: the column holds 1 (who is here and counts
    # for the taakstelling), so its explanation must not say nareizigers are included.
    hh = tmp_path / "huishoudens.csv"
    hh.write_text("id;koppeldatum;volwassenen;kinderen;nareizigers;nareizigers_verwacht\n"
                  "H1;01-10-2022;1;;2;01-05-2023\n", encoding="utf-8-sig")
    ww = tmp_path / "woningen.csv"
    ww.write_text("id;kern;slaapkamers;oppervlakte;huur;beschikbaar;soort;toegankelijk\n"
                  "W1;Leusden;3;80;650,00;01-12-2022;vrij;nee\n", encoding="utf-8-sig")
    argv = ["toewijzen", "--huishoudens", str(hh), "--woningen", str(ww), "--peildatum", "2023-01-09",
            "--beleid", "strikt"]
    bladen, _ = _vorm(_draai(tmp_path, argv, "xlsx", "t.xlsx"))
    assert bladen["Per huishouden"]["Personen"].tolist() == [1]
    uitleg = bladen["Toelichting"].set_index(["Blad", "Kolom"])["Betekenis"][("Per huishouden", "Personen")]
    assert "nareizigers inbegrepen" not in uitleg
    assert "nareizigers die nog moeten komen tellen niet mee" in uitleg
