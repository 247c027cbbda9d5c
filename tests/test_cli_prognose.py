"""`huisvesting prognose`: formats, files, plots, refusals, and the route to the full simulation."""

import json
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED_CSV = FIXTURES / "provincie-utrecht-2022-2.csv"
SEED_XLSX = FIXTURES / "provincie-utrecht-2022-2.xlsx"
SCENARIOS = Path(str(__import__("simulatie.scenario", fromlist=["vind_scenario"]).vind_scenario("leusden-2022-2"))).parent
BASIS = ["--peildatum", "2022-11-10", "--workers", "1", "--replicaties", "300"]
SLEUTELS = {"gemeente", "prognose_lineair", "prognose_lineair_pct", "prognose_lineair_pct_extra", "prognose",
            "kans_totaalopgave_gehaald", "kans_totaalopgave_extra_gehaald", "methode"}


def _draai(capsys, *argv):
    capsys.readouterr()
    code = main(["prognose", *map(str, argv)])
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def test_json_van_de_seedtabel(capsys):
    code, out, _ = _draai(capsys, SEED_CSV, *BASIS, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["periode"], data["dagen_periode"], data["dagen_verstreken"]) == ("2022-2", 184, 132)
    rijen = {r["gemeente"]: r for r in data["rijen"]}
    assert len(rijen) == 26 and all(SLEUTELS <= set(r) for r in rijen.values())
    for naam, verwacht in (("Leusden", (43, 86, 71)), ("Utrecht", (611, 127, 99))):
        r = rijen[naam]
        assert (r["prognose_lineair"], r["prognose_lineair_pct"], r["prognose_lineair_pct_extra"]) == verwacht
        assert r["methode"] == "tempomodel" and set(r["prognose"]) == {"p10", "p50", "p90"}
        assert r["prognose"]["p10"] <= r["prognose"]["p50"] <= r["prognose"]["p90"]
    assert rijen["Houten"]["methode"] == "geen gegevens" and rijen["Houten"]["prognose"] is None
    t = data["totaal"]
    assert (t["prognose_lineair"], t["prognose_lineair_pct"], t["prognose_lineair_pct_extra"], t["berekend"]) \
        == (1561, 106, 79, False)


def test_xlsx_in_de_opmaak_van_de_provincie_en_terug_te_lezen(tmp_path, capsys):
    uit = tmp_path / "uit" / "prognose.xlsx"
    code, _, err = _draai(capsys, SEED_XLSX, *BASIS, "--format", "xlsx", "--uitvoer", uit)
    assert code == 0 and "geschreven" in err
    blad = openpyxl.load_workbook(uit).active
    samengevoegd = {str(r) for r in blad.merged_cells.ranges}
    assert {"A2:A3", "C2:G2", "H2:K2", "L2:N2", "P2:AB2"} <= samengevoegd  # ours: 6 columns and 7 of IBT
    koppen = [c.value for c in blad[3]]
    assert koppen[15:21] == ["Prognose p10", "Prognose p50", "Prognose p90", "Kans totaalopgave gehaald",
                             "Kans totaalopgave inclusief extra opgave gehaald", "Methode"]
    assert koppen[21:] == ["IBT verwachte trede na beoordeling"] + [f"IBT kans trede {t} na beoordeling"
                                                                     for t in range(1, 7)]
    assert openpyxl.load_workbook(uit).sheetnames[0] == "Toelichting"
    leusden = next(r for r in blad.iter_rows(min_row=4) if r[0].value == "Leusden")
    assert [c.value for c in leusden[2:9]] == [26, 24, 50, 11, 61, 31, 43]
    assert (leusden[9].value, leusden[9].number_format, leusden[10].value) == (0.86, "0%", 0.71)
    assert leusden[20].value == "tempomodel"
    assert not list(uit.parent.glob(".*.tmp"))
    # our workbook is a valid input again and gives the same prognose
    _, a, _ = _draai(capsys, uit, *BASIS, "--format", "json")
    _, b, _ = _draai(capsys, SEED_XLSX, *BASIS, "--format", "json")
    assert a == b


def test_csv_en_grafieken(tmp_path, capsys):
    uit, grafiek = tmp_path / "prognose.csv", tmp_path / "png"
    code, _, err = _draai(capsys, SEED_CSV, *BASIS, "--format", "csv", "--uitvoer", uit, "--grafiek", grafiek)
    assert code == 0 and "3 grafieken" in err
    ruw = uit.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")
    regels = ruw.decode("utf-8-sig").split("\r\n")
    assert "Prognose p50" in regels[0] and ";" in regels[0]
    assert any(r.startswith("Leusden;trede 3;26;24;50;11;61;31;43;86,0%;71,0%;") for r in regels)
    assert sorted(p.name for p in grafiek.iterdir()) == ["leusden.png", "totaal.png", "utrecht.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in grafiek.iterdir())


def test_tabel_op_het_scherm(capsys):
    code, out, _ = _draai(capsys, SEED_CSV, *BASIS)
    assert code == 0 and "Leusden" in out and "tempomodel" in out and "dag 132 van 184" in out


def test_tekstcellen_kunnen_geen_formule_worden(tmp_path, capsys):
    tabel = tmp_path / "t.csv"
    tabel.write_text("gemeente;achterstand;taakstelling;realisatie;opmerking\n"
                     "=HYPERLINK(\"x\");1;10;5;@SUM(A1)\n", encoding="utf-8")
    code, out, _ = _draai(capsys, tabel, *BASIS, "--format", "csv")
    assert code == 0
    import csv
    import io
    rij = list(csv.reader(io.StringIO(out, newline=""), delimiter=";"))[1]
    assert rij[0] == "'=HYPERLINK(\"x\")" and "'@SUM(A1)" in rij


@pytest.mark.parametrize("tekst, argv, melding", [
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24;31\nLeusden;1;1;1\n", [],
     "fout: t.csv, rij 3, veld 'gemeente': gemeente 'Leusden' staat er twee keer in"),
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24;x\n", [],
     "fout: t.csv, rij 2, veld 'realisatie': 'x' is geen geheel getal"),
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24;31\n", ["--format", "xlsx"], "--uitvoer"),
])
def test_foute_invoer_geeft_code_2_en_geen_uitvoer(tmp_path, capsys, tekst, argv, melding):
    tabel = tmp_path / "t.csv"
    tabel.write_text(tekst, encoding="utf-8")
    code, out, err = _draai(capsys, tabel, *BASIS, *argv)
    assert code == 2 and melding in err and "Traceback" not in err
    code, _, err = _draai(capsys, tabel, "--peildatum", "10-13-2022")
    assert code == 2 and "--peildatum" in err


# ---------------------------------------------------------------- the full simulation for gemeenten with a scenario

def test_gemeente_met_scenario_gaat_door_de_volledige_simulatie(capsys):
    from simulatie.replicaties import simuleer, standen
    from simulatie.scenario import laad_scenario

    code, out, _ = _draai(capsys, SEED_CSV, "--peildatum", "2022-11-10", "--workers", "1", "--replicaties", "40",
                          "--seed", "3", "--format", "json", "--scenarios", SCENARIOS)
    assert code == 0
    data = json.loads(out)
    rijen = {r["gemeente"]: r for r in data["rijen"]}
    assert rijen["Leusden"]["methode"] == "simulatie" and rijen["Utrecht"]["methode"] == "tempomodel"
    # the backtest scenario starts at the peildatum and carries the realisatie so far (31): the
    # period's realisatie is 31 + what it simulates after, never 31 twice
    g = laad_scenario(SCENARIOS / "leusden-2022-2.toml")
    res = simuleer(g, g.sc.beleid, 40, 3)
    real, _ = standen(res)
    eind = real[:, 0]
    assert (eind == 31 + np.array([sum(b.personen for b in u.boekingen) for u in res.uitkomsten])).all()
    q = np.quantile(eind, [0.1, 0.5, 0.9], method="inverted_cdf").astype(int).tolist()
    assert [rijen["Leusden"]["prognose"][k] for k in ("p10", "p50", "p90")] == q
    assert rijen["Leusden"]["kans_totaalopgave_gehaald"] == round(float(np.mean(eind >= 50)), 4)
    assert rijen["Leusden"]["prognose_lineair"] == 43   # the province's number stays beside it


def test_scenario_gevonden_via_de_sleutel_gemeente(tmp_path):
    from simulatie.provincie import scenario_bestanden
    from simulatie.provincie import lees_provincietabel
    import datetime as dt

    shutil.copytree(SCENARIOS / "leusden-2022-2", tmp_path / "leusden-2022-2")
    shutil.copy(SCENARIOS / "leusden-2022-2.toml", tmp_path / "terugblik.toml")
    t = lees_provincietabel(SEED_CSV, dt.date(2022, 11, 10))
    assert scenario_bestanden(tmp_path, t) == {"Leusden": tmp_path / "terugblik.toml"}
    # the same scenario does not belong to a table of another period
    t2 = lees_provincietabel(_tabel_2023_1(tmp_path), dt.date(2023, 3, 1))
    assert scenario_bestanden(tmp_path, t2) == {}


def _tabel_2023_1(tmp_path):
    pad = tmp_path / "t2023.csv"
    pad.write_text("gemeente;achterstand;taakstelling;realisatie\nLeusden;-7;40;12\n", encoding="utf-8")
    return pad


def test_scenario_dat_midden_in_de_periode_begint_wordt_geweigerd(tmp_path):
    import datetime as dt

    from matching.bestanden import InvoerFout
    from simulatie.provincie import prognose_uit_simulatie
    from simulatie.provincie import lees_provincietabel
    from simulatie.uitvoerder import Serieel

    shutil.copytree(SCENARIOS / "leusden-2022-2", tmp_path / "leusden-2022-2")
    tekst = (SCENARIOS / "leusden-2022-2.toml").read_text(encoding="utf-8")
    pad = tmp_path / "leusden-2022-2.toml"
    pad.write_text(tekst.replace("2022-11-10", "2022-10-01"), encoding="utf-8")
    t = lees_provincietabel(SEED_CSV, dt.date(2022, 11, 10))
    leusden = next(r for r in t.gemeenten if r.gemeente == "Leusden")
    with pytest.raises(InvoerFout, match="scenario begint op 2022-10-01"):
        prognose_uit_simulatie(pad, leusden, t.periode, 5, 1, Serieel())
    # At the peildatum, but with another realisatie so far than the table's: refused, not added.
    pad.write_text(tekst.replace("realisatie = 31", "realisatie = 30"), encoding="utf-8")
    with pytest.raises(InvoerFout, match="realisatie vóór de start is 30, de tabel zegt 31"):
        prognose_uit_simulatie(pad, leusden, t.periode, 5, 1, Serieel())


def _kolommen(out: str) -> tuple[list[str], dict[str, list[str]]]:
    """Headers of the readable table (wrapped lines joined) and the first line of each row's cells."""
    regels = out.splitlines()
    kop = [r for r in regels[regels.index(next(r for r in regels if r.startswith("┏"))) + 1:] if r.startswith("┃")]
    delen = [[c.strip() for c in r.strip("┃").split("┃")] for r in kop]
    koppen = [" ".join(d[i] for d in delen if d[i]) for i in range(len(delen[0]))]
    rijen = {}
    for r in regels:
        if r.startswith("│") and r.split("│")[1].strip():
            cellen = [c.strip() for c in r.strip("│").split("│")]
            rijen.setdefault(cellen[0], cellen)
    return koppen, rijen


def test_de_uitleg_onder_de_tabel_noemt_de_kolom_met_de_methode_bij_naam(capsys):
    import re
    code, out, _ = _draai(capsys, SEED_CSV, "--peildatum", "2022-11-10", "--workers", "1", "--replicaties", "20")
    assert code == 0
    assert "laatste kolom" not in out
    naam = re.search(r"volgens de methode in de kolom '([^']+)'", " ".join(out.split())).group(1)
    koppen, rijen = _kolommen(out)
    i = koppen.index(naam)
    assert rijen["Leusden"][i] == "tempomodel" and rijen["Houten"][i] == "geen"  # the methods are in that column


def test_procentkolommen_lezen_als_procent_met_dezelfde_waarden_als_de_json(capsys):
    code, out, _ = _draai(capsys, SEED_CSV, "--peildatum", "2022-11-10", "--workers", "1", "--replicaties", "20")
    assert code == 0
    koppen, rijen = _kolommen(out)
    for naam, verwacht in (("Leusden", ("86%", "71%")), ("Utrecht", ("127%", "99%")), ("Totaal", ("106%", "79%"))):
        assert (rijen[naam][koppen.index("%")], rijen[naam][koppen.index("% extra")]) == verwacht
    # every cell in a column headed with % or 'kans' that holds a number reads as a percentage
    for i, k in enumerate(koppen):
        if k.startswith("%") or k.startswith("kans"):
            assert all(r[i] in ("-", "") or r[i].endswith("%") for r in rijen.values()), k


def test_peildatum_naast_de_kop_citeert_de_kop_zoals_in_het_bestand(tmp_path, capsys):
    import csv
    import re
    code, out, err = _draai(capsys, SEED_CSV, "--peildatum", "2022-11-20", "--workers", "1", "--replicaties", "5",
                            "--uitvoer", tmp_path / "p.json", "--format", "json")
    assert code == 2 and "Traceback" not in err and not (tmp_path / "p.json").exists()
    veld = re.search(r"veld '([^']+)'", err).group(1)
    # the header in the file, its line break after the (Unicode) hyphen gone, other breaks a space
    with open(SEED_CSV, encoding="utf-8-sig", newline="") as f:
        koppen = [" ".join(k.replace("\u2010\n", "\u2010").split()) for r in csv.reader(f, delimiter=";") for k in r]
    assert veld in koppen and veld.startswith("Realisatie 2022\u20102 tot 10 november 2022")
    assert not re.search(r"[-\u2010-\u2015]\s", veld)


def test_veld_op_een_regel():
    from matching.bestanden.fouten import veld_op_een_regel
    assert veld_op_een_regel("Realisatie 2022\u2010\n2 tot 10 november 2022") == "Realisatie 2022\u20102 tot 10 november 2022"
    assert veld_op_een_regel("Opgave 2022-\r\n 2") == "Opgave 2022-2"
    assert veld_op_een_regel("Stand op 1 juli \n2022 \n(achterstand)") == "Stand op 1 juli 2022 (achterstand)"
    assert veld_op_een_regel("plus -\nmin") == "plus - min"  # a lone dash is no hyphenation
