"""Both lists in one workbook, as a user keeps them: sheet Wachtlijst (two title rows, header on row 4)
and sheet Woningen (header on row 3). `toewijzen` reads each list from its own sheet, also with the
README's `--blad`; `controleer` checks every sheet with a list; problems name the sheet and the row
Excel shows, and a column is only called a typo of another when the names are really close."""

from __future__ import annotations

import csv
import json
import shlex
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

import cli
from matching import laad_huishoudens, laad_woningen
from matching.bestanden import InvoerFout
from matching.bestanden.tabel import lijkt_op

VOORBEELD = Path(str(resources.files("huisvesting_scenarios").joinpath("leusden")))
README = Path(__file__).resolve().parent.parent / "README.md"
HUISHOUDENS = 7  # the first seven households of the example
PEILDATUM = "2026-01-15"


def _rijen(naam: str) -> list[list[str]]:
    return list(csv.reader((VOORBEELD / naam).read_text(encoding="utf-8").splitlines()))


def _werkmap(pad: Path, woningen_kern_rij8: str | None = None, volwassenen_rij6: str | None = None) -> Path:
    """Wachtlijst: title, title, empty, header on row 4, households from row 5. Woningen: title,
    empty, header on row 3, dwellings from row 4 (row 8 is the fifth dwelling)."""
    boek = openpyxl.Workbook()
    wl = boek.active
    wl.title = "Wachtlijst"
    for r in [["Wachtlijst statushouders Leusden"], ["Stand per 15 januari 2026"], []]:
        wl.append(r)
    hh = _rijen("huishoudens.csv")[: HUISHOUDENS + 1]
    if volwassenen_rij6 is not None:
        hh[2][2] = volwassenen_rij6  # row 6: the second household
    for r in hh:
        wl.append(r)
    wo = boek.create_sheet("Woningen")
    wo.append(["Woningaanbod"])
    wo.append([])
    ww = _rijen("woningen.csv")
    if woningen_kern_rij8 is not None:
        ww[5][1] = woningen_kern_rij8
    for r in ww:
        wo.append(r)
    boek.save(pad)
    return pad


def _draai(capsys, args: list[str]) -> tuple[int, str, str]:
    rc = cli.main(args)
    uit = capsys.readouterr()
    return rc, uit.out, uit.err


def _readme_opdracht() -> list[str]:
    """The README's one-workbook example of `toewijzen`, exactly as printed there."""
    regels = [r for r in README.read_text(encoding="utf-8").splitlines()
              if r.startswith("huisvesting toewijzen") and "--woningen lijst.xlsx" in r]
    assert len(regels) == 1, regels
    return shlex.split(regels[0].split("#")[0])[1:]


def test_readme_opdracht_met_een_werkmap_werkt(tmp_path, monkeypatch, capsys):
    _werkmap(tmp_path / "lijst.xlsx")
    monkeypatch.chdir(tmp_path)
    args = _readme_opdracht()
    assert "--blad" in args and args.count("lijst.xlsx") == 2
    rc, out, err = _draai(capsys, args)
    assert rc == 0, err
    assert "fout" not in err
    # Each list came from its own sheet: all households of Wachtlijst, all dwellings of Woningen.
    rc, out, err = _draai(capsys, args + ["--beleid", "flexibel", "--format", "json"])
    assert rc == 0, err
    s = json.loads(out)["samenvatting"]
    assert s["huishoudens"] == HUISHOUDENS and s["woningen"] == len(_rijen("woningen.csv")) - 1


@pytest.mark.parametrize("opties", [[], ["--blad", "Woningen"], ["--blad", "wachtlijst"],
                                    ["--blad-huishoudens", "Wachtlijst", "--blad-woningen", "Woningen"],
                                    ["--blad", "Woningen", "--blad-huishoudens", "Wachtlijst"]],
                         ids=["zonder", "blad-woningen", "blad-wachtlijst", "per-lijst", "beide"])
def test_elke_lijst_van_zijn_eigen_blad(tmp_path, capsys, opties):
    pad = str(_werkmap(tmp_path / "lijst.xlsx"))
    rc, out, err = _draai(capsys, ["toewijzen", "--huishoudens", pad, "--woningen", pad, *opties,
                                   "--peildatum", PEILDATUM, "--beleid", "flexibel", "--format", "json"])
    assert rc == 0, err
    s = json.loads(out)["samenvatting"]
    assert s["huishoudens"] == HUISHOUDENS and s["woningen"] == len(_rijen("woningen.csv")) - 1


def test_verkeerd_blad_noemt_blad_en_echte_kopregel_zonder_valse_tikfout(tmp_path, capsys):
    pad = _werkmap(tmp_path / "lijst.xlsx")
    with pytest.raises(InvoerFout) as e:
        laad_huishoudens(pad, blad="Woningen")
    assert e.value.blad == "Woningen" and e.value.rij == 3  # the header of Woningen is on row 3
    assert "tikfout" not in str(e.value) and "oppervlakte" not in str(e.value)
    rc, out, err = _draai(capsys, ["toewijzen", "--huishoudens", str(pad), "--woningen", str(pad),
                                   "--blad-huishoudens", "Woningen", "--peildatum", PEILDATUM])
    assert rc == 2 and out == ""
    regels = err.strip().splitlines()
    assert len(regels) == 1 and "Traceback" not in err
    assert regels[0].startswith("fout: lijst.xlsx, werkblad 'Woningen', rij 3, veld 'koppeldatum'")


def test_tikfout_alleen_bij_namen_die_echt_dicht_bij_elkaar_liggen():
    assert lijkt_op("koppeldatum", ["oppervlakte"]) is None
    assert lijkt_op("koppeldatum", ["datum_koppeling"]) is None
    assert lijkt_op("koppeldatum", ["oppervlakte", "koppeldatm"]) == "koppeldatm"   # a letter left out
    assert lijkt_op("koppeldatum", ["kopepldatum"]) == "kopepldatum"                # two letters swapped
    assert lijkt_op("voorkeur_kern", ["voorkeurkern"]) == "voorkeurkern"
    assert lijkt_op("huur", ["hour"]) == "hour"
    assert lijkt_op("soort", ["sirt"]) is None                                      # two off in five letters


def test_kolomfout_onder_titelregels_noemt_de_rij_van_de_kop(tmp_path):
    pad = _werkmap(tmp_path / "lijst.xlsx")
    boek = openpyxl.load_workbook(pad)
    boek["Wachtlijst"]["B4"] = "koppeldatm"  # a real typo in the header on row 4
    boek.save(pad)
    with pytest.raises(InvoerFout) as e:
        laad_huishoudens(pad)
    assert (e.value.blad, e.value.rij, e.value.veld) == ("Wachtlijst", 4, "koppeldatum")
    assert "kolom 'koppeldatm' is misschien een tikfout voor 'koppeldatum'" in str(e.value)


def test_fout_in_een_rij_noemt_het_werkblad(tmp_path, capsys):
    pad = str(_werkmap(tmp_path / "lijst.xlsx", woningen_kern_rij8="Amersfoort"))
    with pytest.raises(InvoerFout) as e:
        laad_woningen(pad, ["Leusden", "Achterveld"])
    assert (e.value.blad, e.value.rij, e.value.veld) == ("Woningen", 8, "kern")
    uitvoer = tmp_path / "plan.json"
    rc, out, err = _draai(capsys, ["toewijzen", "--huishoudens", pad, "--woningen", pad, "--peildatum", PEILDATUM,
                                   "--format", "json", "--uitvoer", str(uitvoer)])
    assert rc == 2 and not uitvoer.exists()
    assert "fout: lijst.xlsx, werkblad 'Woningen', rij 8, veld 'kern': onbekende kern 'Amersfoort'" in err


def test_controleer_elk_werkblad_met_een_lijst(tmp_path, capsys):
    pad = str(_werkmap(tmp_path / "lijst.xlsx"))
    rc, out, err = _draai(capsys, ["controleer", pad])
    assert rc == 0, err
    assert f"in orde — {HUISHOUDENS} huishoudens" in out and "werkblad 'Wachtlijst' gelezen" in out
    assert f"in orde — {len(_rijen('woningen.csv')) - 1} woningen" in out and "werkblad 'Woningen' gelezen" in out
    assert "alles in orde: 1 bestand gecontroleerd (lijst.xlsx: werkbladen 'Wachtlijst', 'Woningen')" in out


def test_controleer_vindt_fouten_op_elk_werkblad(tmp_path, capsys):
    pad = str(_werkmap(tmp_path / "lijst.xlsx", woningen_kern_rij8="Amersfoort"))
    rc, out, err = _draai(capsys, ["controleer", pad])
    assert rc == 2
    assert "fout: lijst.xlsx, werkblad 'Woningen', rij 8, veld 'kern': onbekende kern 'Amersfoort'" in err
    assert "Woningen' gelezen" not in out and "werkblad 'Wachtlijst' gelezen" in out
    assert "controle: 1 probleem in 1 van 1 bestand" in err
    # Problems on both sheets: each reported with its sheet and row.
    _werkmap(Path(pad), woningen_kern_rij8="Amersfoort", volwassenen_rij6="twee")
    rc, out, err = _draai(capsys, ["controleer", pad])
    assert rc == 2 and "alles in orde" not in out
    assert "fout: lijst.xlsx, werkblad 'Wachtlijst', rij 6, veld 'volwassenen'" in err
    assert "fout: lijst.xlsx, werkblad 'Woningen', rij 8, veld 'kern'" in err
    assert "controle: 2 problemen in 1 van 1 bestand" in err


def test_controleer_met_blad_alleen_dat_blad(tmp_path, capsys):
    pad = str(_werkmap(tmp_path / "lijst.xlsx", woningen_kern_rij8="Amersfoort"))
    rc, out, err = _draai(capsys, ["controleer", pad, "--blad", "Wachtlijst"])
    assert rc == 0, err
    assert "werkblad 'Wachtlijst' gelezen" in out and "Woningen" not in out
    rc, out, err = _draai(capsys, ["controleer", pad, "--blad", "Woningen"])
    assert rc == 2 and "werkblad 'Woningen', rij 8, veld 'kern'" in err
    # --soort picks the sheets holding that kind of list, not the first sheet.
    rc, out, err = _draai(capsys, ["controleer", pad, "--soort", "woningen"])
    assert rc == 2 and "werkblad 'Woningen', rij 8, veld 'kern'" in err and "Wachtlijst" not in err


def test_register_importeer_uit_een_werkmap(tmp_path, capsys):
    pad = str(_werkmap(tmp_path / "lijst.xlsx"))
    db = str(tmp_path / "register.db")
    assert _draai(capsys, ["register", "init", db, "--door", "test"])[0] == 0
    rc, out, err = _draai(capsys, ["register", "importeer", db, "--huishoudens", pad, "--woningen", pad,
                                   "--blad", "Woningen", "--door", "test"])
    assert rc == 0, err
    assert f"({HUISHOUDENS} en {len(_rijen('woningen.csv')) - 1} in de bestanden)" in out
