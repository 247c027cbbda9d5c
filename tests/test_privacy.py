"""Privacy: a run's outputs and logs carry only pseudonymous ids, counts and rule codes.

Which input fields count as personal here (AVG: data about a person, even when pseudonymised):
- `koppeldatum` and `nareizigers_verwacht`: dates in a person's asylum and family history;
- `kinderen`: each child's gender and age;
- `verblijf`: where someone stays (a host family, Nidos for a minor).
None of these may appear verbatim in stdout, stderr, logs or output files of `toewijzen`.
Allowed: the pseudonymous `id`, counts (persons, nareizigers, days waited), kern names and the
rule codes that explain a placement (the adviser needs "no accessible dwelling" or "kern
preference met" to act). Error messages for bad input do quote the offending value: the user
needs it to find the cell, and they are not logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).parent.parent
WONINGEN = ROOT / "scenario's" / "leusden" / "woningen.csv"
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")

# Distinctive values, so a hit is a leak and not a coincidence.
HUISHOUDENS = [
    # id, koppeldatum, volwassenen, kinderen, nareizigers, nareizigers_verwacht, voorkeur_kern, toegankelijk, verblijf
    ("P01", "2022-03-17", 1, "", 2, "2023-08-19", "", "nee", "COA"),
    ("P02", "2022-04-23", 2, "j3 m11 x5", 0, "", "Leusden", "nee", "TakeCareBNB"),
    ("P03", "2022-05-29", 1, "m14", 0, "", "", "ja", "COA"),
    ("P04", "2022-06-07", 2, "j6 j9", 1, "2023-10-13", "Achterveld", "nee", "COA"),
    ("P05", "2022-07-11", 1, "", 0, "", "", "nee", "Nidos"),
    ("P06", "2022-08-26", 2, "m2 j13 m16 j17", 0, "", "", "nee", "COA"),
    ("P07", "2022-09-03", 1, "j8", 0, "", "", "nee", "TakeCareBNB"),
    ("P08", "2022-10-21", 2, "", 3, "2023-11-27", "", "nee", "COA"),
    ("P09", "2022-11-09", 1, "x1 m4", 0, "", "", "ja", "COA"),
    ("P10", "2022-12-03", 2, "j15 m12 j10 m7 j1", 0, "", "Leusden", "nee", "COA"),
]


def _datum_vormen(iso: str) -> list[str]:
    d = dt.date.fromisoformat(iso)
    return [iso, f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.day}-{d.month}-{d.year}",
            f"{d.day}/{d.month}/{d.year}", f"{d.day} {MAANDEN[d.month - 1]} {d.year}", d.strftime("%d %b %Y")]


def persoonlijke_patronen() -> dict[str, re.Pattern]:
    """What must not appear: every form of every personal value, as a regex."""
    uit: dict[str, re.Pattern] = {}
    for hid, koppel, _v, kinderen, _n, verwacht, _k, _t, verblijf in HUISHOUDENS:
        for iso in filter(None, (koppel, verwacht)):
            for vorm in _datum_vormen(iso):
                uit[f"{hid}: datum {vorm}"] = re.compile(rf"(?<![\d-]){re.escape(vorm)}(?![\d-])")
        if kinderen:
            uit[f"{hid}: kinderen '{kinderen}'"] = re.compile(re.escape(kinderen))
            for kind in kinderen.split():
                uit[f"{hid}: kind {kind}"] = re.compile(rf"\b{kind}\b")
        if verblijf != "COA":
            uit[f"{hid}: verblijf {verblijf}"] = re.compile(re.escape(verblijf), re.IGNORECASE)
    return uit


@pytest.fixture
def invoer(tmp_path) -> Path:
    pad = tmp_path / "huishoudens.csv"
    regels = ["id,koppeldatum,volwassenen,kinderen,nareizigers,nareizigers_verwacht,voorkeur_kern,toegankelijk,"
              "verblijf"]
    regels += [",".join(str(x) for x in hh) for hh in HUISHOUDENS]
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def test_geen_persoonsgegevens_in_uitvoer_en_logs(invoer, tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    patronen = persoonlijke_patronen()
    # The dwelling list is not personal and feeds the output; a pattern it contains would be a false alarm.
    assert not [n for n, p in patronen.items() if p.search(WONINGEN.read_text(encoding="utf-8"))]
    assert len(patronen) > 60  # the scan covers every personal value, in several forms

    teksten: dict[str, str] = {}
    for formaat in ("tabel", "csv", "json"):
        for beleid in (["--beleid", "strikt"], ["--beleid", "flexibel"], []):
            naam = f"{formaat}-{'-'.join(beleid[1::2]) or 'beide'}"
            uit = tmp_path / f"plan-{naam}.{formaat}"
            basis = ["toewijzen", "--huishoudens", str(invoer), "--woningen", str(WONINGEN), "--format", formaat,
                     *beleid]
            assert cli.main(basis + ["--uitvoer", str(uit)]) == 0
            teksten[f"bestand {uit.name}"] = uit.read_text(encoding="utf-8")
            assert cli.main(basis) == 0
            vang = capsys.readouterr()
            teksten[f"stdout/stderr {naam}"] = vang.out + vang.err
    assert cli.main(["controleer", str(invoer), str(WONINGEN)]) == 0
    vang = capsys.readouterr()
    teksten["controleer"] = vang.out + vang.err
    teksten["logs"] = "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records)

    # The run did produce the explanations (so the scan is not of empty output) ...
    json_tekst = teksten["bestand plan-json-strikt.json"]
    assert '"huishouden": "P02"' in json_tekst and "dagen sinds de koppeling" in json_tekst
    assert any("gelezen" in r.getMessage() for r in caplog.records)
    # ... and none of it carries a personal value.
    lekken = [f"{waar}: {naam}" for waar, tekst in teksten.items() for naam, p in patronen.items() if p.search(tekst)]
    assert lekken == []


def test_leesmelding_in_log_noemt_alleen_bestand_en_opmaak(invoer, caplog):
    from matching.huishoudens import laad_huishoudens
    caplog.set_level(logging.DEBUG, logger="matching")
    laad_huishoudens(invoer)
    meldingen = [r.getMessage() for r in caplog.records]
    assert meldingen == ["huishoudens.csv gelezen: 10 rijen; codering utf-8, scheidingsteken komma"]
