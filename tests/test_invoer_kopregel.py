"""Files as users really save them: a title above the header, empty rows, the list on another
sheet. The header is found where it is; row numbers stay those Excel shows; no header at all is
refused with the columns expected and the rows looked at."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

import cli
from matching import laad_huishoudens, laad_woningen
from matching.bestanden import InvoerFout, InvoerFouten

VOORBEELD = Path(str(resources.files("huisvesting_scenarios").joinpath("leusden")))


def _rijen(naam: str) -> list[list[str]]:
    return list(csv.reader((VOORBEELD / naam).read_text(encoding="utf-8").splitlines()))


def _xlsx(pad: Path, bladen: dict[str, list[list]]) -> Path:
    boek = openpyxl.Workbook()
    boek.remove(boek.active)
    for naam, rijen in bladen.items():
        blad = boek.create_sheet(naam)
        for r in rijen:
            blad.append(r)
    boek.save(pad)
    return pad


TITEL = [["Wachtlijst statushouders gemeente Leusden"], ["Stand per 9 januari 2023"], []]


def test_titelregels_boven_de_kop_in_xlsx(tmp_path):
    pad = _xlsx(tmp_path / "lijst.xlsx", {"Blad1": TITEL + _rijen("huishoudens.csv")})
    hh = laad_huishoudens(pad)
    assert [h.id for h in hh] == [r[0] for r in _rijen("huishoudens.csv")[1:]]
    # A fault in the data is reported at the row Excel shows: header on row 4, first data row 5.
    rijen = TITEL + _rijen("huishoudens.csv")
    rijen[5][2] = "twee"  # second household's volwassenen
    _xlsx(pad, {"Blad1": rijen})
    with pytest.raises(InvoerFout, match=r"lijst.xlsx, rij 6, veld 'volwassenen'"):
        laad_huishoudens(pad)


def test_titelregel_boven_de_kop_in_csv_van_excel(tmp_path):
    rijen = _rijen("woningen.csv")
    tekst = "Woningen voor statushouders;;;;;;;\n;;;;;;;\n" + "\n".join(";".join(r) for r in rijen) + "\n"
    pad = tmp_path / "woningen.csv"
    pad.write_bytes(b"\xef\xbb\xbf" + tekst.encode("utf-8"))
    ww = laad_woningen(pad)
    assert [w.id for w in ww] == [r[0] for r in rijen[1:]]


def test_lijst_op_het_tweede_werkblad_en_blad_kiezen(tmp_path):
    toelichting = [["Toelichting"], ["Dit bestand bevat de wachtlijst op het tweede blad."]]
    pad = _xlsx(tmp_path / "export.xlsx", {"Toelichting": toelichting, "Wachtlijst": TITEL + _rijen("huishoudens.csv")})
    assert len(laad_huishoudens(pad)) == len(_rijen("huishoudens.csv")) - 1
    assert len(laad_huishoudens(pad, blad="wachtlijst")) == len(_rijen("huishoudens.csv")) - 1
    with pytest.raises(InvoerFout, match="geen kopregel gevonden"):
        laad_huishoudens(pad, blad="Toelichting")
    with pytest.raises(InvoerFout, match=r"werkblad 'Wachtlijs' bestaat niet; bedoelt u 'Wachtlijst'\?"):
        laad_huishoudens(pad, blad="Wachtlijs")


def test_geen_kopregel_noemt_verwachte_kolommen_en_bekeken_rijen(tmp_path):
    pad = _xlsx(tmp_path / "x.xlsx", {"Blad1": [["Overzicht"], ["a", "b", "c"], [1, 2, 3]],
                                      "Blad2": [["nog", "iets"]]})
    with pytest.raises(InvoerFout) as e:
        laad_huishoudens(pad)
    tekst = str(e.value)
    assert "geen kopregel gevonden: verwacht kolommen id, koppeldatum, volwassenen, kinderen, nareizigers" in tekst
    assert "werkblad 'Blad1' rijen 1-3" in tekst and "werkblad 'Blad2' rijen 1-1" in tekst


def test_controleer_herkent_xlsx_met_titelregels(tmp_path, capsys):
    pad = _xlsx(tmp_path / "export.xlsx", {"Toelichting": [["Zie blad 2"]],
                                           "Lijst": TITEL + _rijen("huishoudens.csv")})
    assert cli.main(["controleer", str(pad)]) == 0
    out = capsys.readouterr().out
    assert "export.xlsx: in orde — 10 huishoudens" in out and "kopregel op rij 4" in out
    assert "werkblad 'Lijst' gelezen" in out


def test_blad_bij_csv_is_een_fout(tmp_path):
    with pytest.raises(InvoerFout, match="--blad geldt alleen voor een Excel-werkmap"):
        laad_woningen(VOORBEELD / "woningen.csv", blad="Blad1")


def test_verboden_kolom_op_de_rij_van_de_kop_in_xlsx(tmp_path, capsys):
    # Three title rows (the third empty) above the header: Excel shows the header on row 4.
    rijen = TITEL + _rijen("huishoudens.csv")
    rijen[3] = rijen[3] + ["nationaliteit"]
    pad = _xlsx(tmp_path / "lijst.xlsx", {"Blad1": rijen})
    assert cli.main(["controleer", str(pad)]) == 2
    err = capsys.readouterr().err
    assert "lijst.xlsx, rij 4, veld 'nationaliteit': kolom 'nationaliteit' bevat een beschermd" in err
    assert "rij 1," not in err


def test_kolomfouten_op_de_rij_van_de_kop_in_csv_met_titelregel(tmp_path):
    rijen = _rijen("huishoudens.csv")
    rijen[0] = rijen[0] + ["religie", "opmerking", "wachtnummer"]
    tekst = "Wachtlijst statushouders\n" + "\n".join(";".join(r) for r in rijen) + "\n"
    pad = tmp_path / "lijst.csv"
    pad.write_text(tekst, encoding="utf-8-sig")
    with pytest.raises(InvoerFouten) as e:
        laad_huishoudens(pad, verzamel=True)
    kolomfouten = {f.veld: f.rij for f in e.value.fouten}
    assert kolomfouten == {"religie": 2, "opmerking": 2, "wachtnummer": 2}


def test_koppeldatum_na_de_peildatum_noemt_de_rij(tmp_path, capsys):
    rijen = _rijen("huishoudens.csv")
    rijen[3][1] = "01-10-2030"  # the third household, on row 5 below the title line and the header
    tekst = "Wachtlijst statushouders\n" + "\n".join(";".join(r) for r in rijen) + "\n"
    pad = tmp_path / "hh_toekomst.csv"
    pad.write_text(tekst, encoding="utf-8-sig")
    uit = tmp_path / "plan.json"
    code = cli.main(["toewijzen", "--huishoudens", str(pad), "--woningen", str(VOORBEELD / "woningen.csv"),
                     "--peildatum", "2023-01-01", "--uitvoer", str(uit)])
    err = capsys.readouterr().err
    assert code == 2 and not uit.exists()
    assert (f"hh_toekomst.csv, rij 5, veld 'koppeldatum': huishouden {rijen[3][0]}: koppeldatum 2030-10-01 ligt "
            "na de peildatum 2023-01-01") in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
