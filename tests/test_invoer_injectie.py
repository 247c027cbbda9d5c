"""CSV injection: no output ever holds a cell a spreadsheet would run as a formula.

Decision: ids starting with = + - @ (or a tab/CR) are REFUSED at load, with a message saying why.
An id must be the same in every file and every run, so rewriting it silently is no option.
Other text that reaches a CSV (policy names from a scenario, kern names) is ESCAPED on output by
`veilige_cel` (a leading apostrophe), as a second line of defence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

import cli
from matching import Huishouden, InvoerFout, Woning, wijs_toe
from matching.huishoudens import laad_huishoudens
from matching.bestanden import FORMULE_TEKENS, veilige_cel
from matching.toewijzing import toewijzen_df
from matching.uitvoer import als_csv
from matching.woningen import laad_woningen

ROOT = Path(__file__).parent.parent
BUNDEL = ROOT / "scenario's" / "leusden"
FORMULES = ["=cmd|' /C calc'!A0", "+HYPERLINK(\"http://x\")", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1"]


def _onveilig(cel: str) -> bool:
    return cel[:1] in FORMULE_TEKENS and not cel.lstrip("+-").replace(".", "", 1).replace(",", "", 1).isdigit()


@pytest.mark.parametrize("formule", FORMULES)
def test_formule_als_huishouden_id_geweigerd(formule, tmp_path, capsys):
    regels = (BUNDEL / "huishoudens.csv").read_text(encoding="utf-8").splitlines()
    kolommen = next(csv.reader([regels[0]]))
    cellen = next(csv.reader([regels[2]]))
    cellen[kolommen.index("id")] = formule
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cellen)
    regels[2] = buf.getvalue().rstrip("\n")
    pad = tmp_path / "huishoudens.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8", newline="")
    with pytest.raises(InvoerFout,
                       match=r"huishoudens.csv, rij 3, veld 'id': id .* begint met .*formule \(CSV-injectie\)"):
        laad_huishoudens(pad)
    uit = tmp_path / "plan.csv"
    assert cli.main(["toewijzen", "--huishoudens", str(pad), "--woningen", str(BUNDEL / "woningen.csv"),
                     "--format", "csv", "--uitvoer", str(uit)]) == 2
    assert "CSV-injectie" in capsys.readouterr().err
    assert not uit.exists()


def test_formule_als_woning_id_geweigerd(tmp_path):
    tekst = (BUNDEL / "woningen.csv").read_text(encoding="utf-8")
    eerste_id = tekst.splitlines()[1].split(",")[0]
    pad = tmp_path / "woningen.csv"
    pad.write_text(tekst.replace(eerste_id + ",", "=1+1,", 1), encoding="utf-8")
    with pytest.raises(InvoerFout, match=r"rij 2, veld 'id': id '=1\+1' begint met '='"):
        laad_woningen(pad)


def test_formule_via_dataframe_geweigerd():
    hh = pd.DataFrame([{"id": "=cmd|calc", "koppeldatum": "2022-06-14", "volwassenen": 1, "kinderen": "",
                        "nareizigers": 0}])
    w = pd.DataFrame([{"id": "W1", "kern": "Leusden", "slaapkamers": 1, "huur": 500, "beschikbaar": "2022-12-01",
                       "soort": "vrij"}])
    with pytest.raises(InvoerFout, match="begint met '='"):
        toewijzen_df(hh, w)


def test_gewone_ids_met_streepje_in_het_midden_blijven_toegestaan(tmp_path):
    tekst = (BUNDEL / "huishoudens.csv").read_text(encoding="utf-8")
    pad = tmp_path / "huishoudens.csv"
    pad.write_text(tekst.replace("\nH0", "\nCOA-2022-H0"), encoding="utf-8")
    assert all(h.id.startswith("COA-2022-H0") for h in laad_huishoudens(pad))


def test_csv_uitvoer_ontsmet_formules_die_toch_binnenkomen():
    """Objects built in code bypass the loader; the CSV writer still neutralises every cell."""
    hh = [Huishouden(f, dt.date(2022, 6, 1), 1) for f in FORMULES]
    ww = [Woning(f"@W{i}", "Leusden", 1, 500.0, dt.date(2022, 12, 1)) for i in range(3)]
    t = wijs_toe(hh, ww, "strikt", dt.date(2023, 1, 1))
    tekst = als_csv([t])
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    cellen = [c for r in rijen[1:] for c in r]
    assert {c for c in cellen if c.startswith("'")} >= {"'" + f for f in FORMULES}
    assert [c for c in cellen if _onveilig(c)] == []


def test_beleidsnaam_uit_scenario_ontsmet_in_csv(tmp_path, capsys):
    sc = tmp_path / "sc.toml"
    tekst = (ROOT / "scenario's" / "leusden-2023.toml").read_text(encoding="utf-8")
    tekst = tekst.replace('"leusden/', f'"{BUNDEL.as_posix()}/')
    sc.write_text(tekst + '\n[beleidsregels."=HYPERLINK(\\"http://x\\",\\"klik\\")"]\nbasis = "strikt"\n',
                  encoding="utf-8")
    uit = tmp_path / "plan.csv"
    naam = '=HYPERLINK("http://x","klik")'
    assert cli.main(["toewijzen", "--scenario", str(sc), "--beleid", naam, "--format", "csv",
                     "--uitvoer", str(uit)]) == 0, capsys.readouterr().err
    tekst = uit.read_text(encoding="utf-8-sig")
    assert tekst.startswith("# voorbeeldgegevens")  # the bundled example, and it says so
    rijen = list(csv.reader(io.StringIO(tekst.split("\n", 1)[1]), delimiter=";"))
    assert {r[0] for r in rijen[1:]} == {"'" + naam}
    assert [c for r in rijen for c in r if _onveilig(c)] == []


@pytest.mark.parametrize("waarde, verwacht", [
    ("=1+1", "'=1+1"), ("+31", "+31"), ("-2", "-2"), ("-2,5", "-2,5"), ("-2+3", "'-2+3"), ("@x", "'@x"),
    ("\t=1", "'\t=1"), ("gewoon", "gewoon"), (5, 5), ("", ""),
])
def test_veilige_cel(waarde, verwacht):
    assert veilige_cel(waarde) == verwacht
