"""Dutch users' files are accepted, not refused: every way Dutch Excel saves the bundled
households and dwellings loads to exactly the same objects, and `huisvesting toewijzen --format
json` gives exactly the same output, as the canonical files; `controleer` says what it detected.

The variants are generated here from the canonical bundled files. A few are committed under
tests/corpus/excel_nl/ too, with the canonical files they were made from (regenerate them with
`python tests/test_invoer_excel.py`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

import cli
from matching.huishoudens import laad_huishoudens
from matching.bestanden import lees_tabel
from matching.woningen import laad_woningen

ROOT = Path(__file__).parent.parent
BUNDEL = ROOT / "scenario's" / "leusden"
FIXTURES = Path(__file__).parent / "corpus" / "excel_nl"
DATUMS = {"koppeldatum", "nareizigers_verwacht", "beschikbaar"}
GETALLEN = {"huur", "oppervlakte"}
GEHELE = {"volwassenen", "nareizigers", "slaapkamers"}
OMSCHRIJVINGEN = ["Café-étage boven de bakker", "Hoëvelaken-complex, 2e étage", "Ruimte voor één gezin",
                  "Oude pastorie, à la française", "Reünie-flat"]


# ---------------------------------------------------------------- making the variants

def lees_canoniek(pad: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(pad, newline="", encoding="utf-8") as f:
        lezer = csv.DictReader(f)
        return list(lezer.fieldnames), list(lezer)


def met_omschrijving(kolommen: list[str], rijen: list[dict]) -> tuple[list[str], list[dict]]:
    """Dwellings with a free-text column holding é, ë, à (WSL's address/complex description)."""
    return kolommen + ["omschrijving"], [{**r, "omschrijving": OMSCHRIJVINGEN[i % len(OMSCHRIJVINGEN)]}
                                         for i, r in enumerate(rijen)]


def nl_datum(iso: str, nullen: bool) -> str:
    """As Dutch Excel writes a date cell to CSV: 1-7-2023 (default short date) or 01-07-2023."""
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.day:02d}-{d.month:02d}-{d.year}" if nullen else f"{d.day}-{d.month}-{d.year}"


def nl_getal(tekst: str, euro: bool) -> str:
    if not tekst:
        return ""
    getal = f"{float(tekst):.2f}".replace(".", ",") if "." in tekst else tekst
    return f"€ {getal}" if euro else getal


def als_csv(kolommen: list[str], rijen: list[dict], codering: str = "utf-8", scheiding: str = ";",
            nl_datums: bool = True, nullen: bool = False, komma: bool = True, euro: bool = False,
            kinderen_puntkomma: bool = False, sep_regel: bool = False, regeleinde: str = "\r\n") -> bytes:
    buf = io.StringIO()
    if sep_regel:
        buf.write(f"sep={scheiding}{regeleinde}")
    w = csv.writer(buf, delimiter=scheiding, lineterminator=regeleinde)
    w.writerow(kolommen)
    for r in rijen:
        cellen = []
        for k in kolommen:
            v = r[k]
            if k in DATUMS and nl_datums:
                v = nl_datum(v, nullen)
            elif k in GETALLEN and komma:
                v = nl_getal(v, euro and k == "huur")
            elif k == "kinderen" and kinderen_puntkomma:
                v = v.replace(" ", ";")
            cellen.append(v)
        w.writerow(cellen)
    return buf.getvalue().encode(codering)


def als_xlsx(kolommen: list[str], rijen: list[dict], getypeerd: bool = True) -> bytes:
    """As Excel stores it: typed cells (dates, numbers) or text typed in by hand (10-11-2022, 612,30)."""
    import openpyxl
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.title = "Wachtlijst" if "koppeldatum" in kolommen else "Woningen"
    blad.append(kolommen)
    for r in rijen:
        cellen = []
        for k in kolommen:
            v = r[k]
            if not v:
                cellen.append(None)
            elif getypeerd and k in DATUMS:
                cellen.append(dt.date.fromisoformat(v))
            elif getypeerd and k in GEHELE:
                cellen.append(int(v))
            elif getypeerd and k in GETALLEN:
                cellen.append(float(v))
            elif not getypeerd and k in DATUMS:
                cellen.append(nl_datum(v, True))
            elif not getypeerd and k in GETALLEN:
                cellen.append(nl_getal(v, False))
            else:
                cellen.append(v)
        blad.append(cellen)
    buf = io.BytesIO()
    boek.save(buf)
    return buf.getvalue()


# name -> (file name, how to make it from (kolommen, rijen), what controleer must report)
HH_VARIANTEN = {
    "excel_nl_bom": ("huishoudens.csv", lambda k, r: als_csv(k, r, "utf-8-sig", kinderen_puntkomma=True),
                     ["codering utf-8 met BOM", "scheidingsteken puntkomma", "Windows-regeleinden (CRLF)",
                      "datums als 10-11-2022"]),
    "excel_nl_ansi": ("huishoudens.csv", lambda k, r: als_csv(k, r, "cp1252", nullen=True),
                      ["scheidingsteken puntkomma", "Windows-regeleinden (CRLF)", "datums als 10-11-2022"]),
    "sep_regel": ("huishoudens.csv", lambda k, r: als_csv(k, r, "utf-8", sep_regel=True),
                  ["regel 'sep=' van Excel", "scheidingsteken puntkomma"]),
    "unicode_tekst": ("huishoudens.txt", lambda k, r: als_csv(k, r, "utf-16", scheiding="\t"),
                      ["codering UTF-16 (Excel 'Unicode-tekst')", "scheidingsteken tab"]),
    "xlsx": ("huishoudens.xlsx", lambda k, r: als_xlsx(k, r), ["Excel-werkmap (xlsx)"]),
    "xlsx_tekst": ("huishoudens.xlsx", lambda k, r: als_xlsx(k, r, getypeerd=False),
                   ["Excel-werkmap (xlsx)", "datums als 10-11-2022"]),
}
W_VARIANTEN = {
    "excel_nl_ansi": ("woningen.csv", lambda k, r: als_csv(k, r, "cp1252", euro=True),
                      ["codering cp1252 (Windows)", "scheidingsteken puntkomma", "Windows-regeleinden (CRLF)",
                       "datums als 10-11-2022", "bedragen met decimale komma"]),
    "excel_nl_bom": ("woningen.csv", lambda k, r: als_csv(k, r, "utf-8-sig", nullen=True),
                     ["codering utf-8 met BOM", "bedragen met decimale komma"]),
    "komma_tussen_aanhalingstekens": ("woningen.csv", lambda k, r: als_csv(k, r, scheiding=",", regeleinde="\n"),
                                      ["scheidingsteken komma", "bedragen met decimale komma"]),
    "xlsx": ("woningen.xlsx", lambda k, r: als_xlsx(k, r), ["Excel-werkmap (xlsx)"]),
    "xlsx_tekst": ("woningen.xlsx", lambda k, r: als_xlsx(k, r, getypeerd=False),
                   ["Excel-werkmap (xlsx)", "datums als 10-11-2022", "bedragen met decimale komma"]),
}


# ---------------------------------------------------------------- tests

def _toewijzen_json(capsys, hh: Path, w: Path) -> str:
    rc = cli.main(["toewijzen", "--huishoudens", str(hh), "--woningen", str(w), "--format", "json"])
    uit = capsys.readouterr()
    assert rc == 0, uit.err
    return uit.out


@pytest.fixture(scope="module")
def canoniek_json(tmp_path_factory) -> str:
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["toewijzen", "--huishoudens", str(BUNDEL / "huishoudens.csv"), "--woningen",
                         str(BUNDEL / "woningen.csv"), "--format", "json"]) == 0
    return buf.getvalue()


@pytest.mark.parametrize("naam", sorted(HH_VARIANTEN))
def test_huishoudens_variant_gelijk_aan_canoniek(naam, tmp_path, capsys, canoniek_json):
    bestand, maak, notities = HH_VARIANTEN[naam]
    kolommen, rijen = lees_canoniek(BUNDEL / "huishoudens.csv")
    pad = tmp_path / bestand
    pad.write_bytes(maak(kolommen, rijen))

    canoniek = laad_huishoudens(BUNDEL / "huishoudens.csv", ["Leusden", "Achterveld"])
    assert laad_huishoudens(pad, ["Leusden", "Achterveld"]) == canoniek
    assert _toewijzen_json(capsys, pad, BUNDEL / "woningen.csv") == canoniek_json

    assert cli.main(["controleer", str(pad)]) == 0
    uit = capsys.readouterr()
    assert f"{bestand}: in orde — {len(canoniek)} huishoudens" in uit.out
    for notitie in notities:
        assert notitie in uit.out, uit.out


@pytest.mark.parametrize("naam", sorted(W_VARIANTEN))
def test_woningen_variant_gelijk_aan_canoniek(naam, tmp_path, capsys, canoniek_json):
    bestand, maak, notities = W_VARIANTEN[naam]
    kolommen, rijen = met_omschrijving(*lees_canoniek(BUNDEL / "woningen.csv"))
    canoniek_pad = tmp_path / "canoniek.csv"   # the canonical file with the same free-text column, UTF-8
    canoniek_pad.write_bytes(als_csv(kolommen, rijen, "utf-8", scheiding=",", nl_datums=False, komma=False,
                                     regeleinde="\n"))
    pad = tmp_path / bestand
    pad.write_bytes(maak(kolommen, rijen))

    canoniek = laad_woningen(canoniek_pad, ["Leusden", "Achterveld"])
    variant = laad_woningen(pad, ["Leusden", "Achterveld"])
    assert variant == canoniek
    assert [w.omschrijving for w in variant][:len(OMSCHRIJVINGEN)] == OMSCHRIJVINGEN[:len(variant)]
    # ... and, apart from that column, the objects of the bundled file itself.
    bundel = laad_woningen(BUNDEL / "woningen.csv", ["Leusden", "Achterveld"])
    assert [dataclasses.replace(w, omschrijving="") for w in variant] == bundel
    assert _toewijzen_json(capsys, BUNDEL / "huishoudens.csv", pad) == canoniek_json

    assert cli.main(["controleer", str(pad)]) == 0
    uit = capsys.readouterr()
    assert f"{bestand}: in orde — {len(bundel)} woningen" in uit.out
    for notitie in notities:
        assert notitie in uit.out, uit.out


def test_cp1252_en_euroteken_echt_gelezen(tmp_path):
    """The ANSI file really holds Windows-1252 bytes (é = 0xE9, € = 0x80), not UTF-8."""
    kolommen, rijen = met_omschrijving(*lees_canoniek(BUNDEL / "woningen.csv"))
    data = als_csv(kolommen, rijen, "cp1252", euro=True)
    assert b"\xe9" in data and b"\x80" in data and b"\xc3" not in data
    pad = tmp_path / "woningen.csv"
    pad.write_bytes(data)
    tabel = lees_tabel(pad)
    assert tabel.rijen[0][1]["omschrijving"] == OMSCHRIJVINGEN[0]
    assert tabel.rijen[0][1]["huur"].startswith("€ ")


def test_vastgelegde_excelbestanden_gelijk_aan_hun_canonieke_bestand(capsys):
    """Committed fixtures (made with the functions above) against the canonical files they were
    made from, kept beside them so a change to the bundled example does not break them."""
    kernen = ["Leusden", "Achterveld"]
    hh = laad_huishoudens(FIXTURES / "huishoudens_canoniek.csv", kernen)
    w = laad_woningen(FIXTURES / "woningen_canoniek.csv", kernen)
    assert hh and w
    for naam in ("huishoudens_excel_nl.csv", "huishoudens.xlsx"):
        assert laad_huishoudens(FIXTURES / naam, kernen) == hh, naam
    for naam in ("woningen_excel_nl.csv", "woningen.xlsx"):
        assert laad_woningen(FIXTURES / naam, kernen) == w, naam
    assert (FIXTURES / "woningen_excel_nl.csv").read_bytes().count(b"\r\n") == len(w) + 1
    assert cli.main(["controleer", *(str(FIXTURES / n) for n in (
        "huishoudens_excel_nl.csv", "huishoudens.xlsx", "woningen_excel_nl.csv", "woningen.xlsx"))]) == 0
    assert "alles in orde: 4 bestanden" in capsys.readouterr().out


def schrijf_fixtures() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    kolommen, rijen = lees_canoniek(BUNDEL / "huishoudens.csv")
    (FIXTURES / "huishoudens_canoniek.csv").write_bytes(
        als_csv(kolommen, rijen, scheiding=",", nl_datums=False, komma=False, regeleinde="\n"))
    (FIXTURES / "huishoudens_excel_nl.csv").write_bytes(als_csv(kolommen, rijen, "utf-8-sig", kinderen_puntkomma=True))
    (FIXTURES / "huishoudens.xlsx").write_bytes(als_xlsx(kolommen, rijen))
    kolommen, rijen = met_omschrijving(*lees_canoniek(BUNDEL / "woningen.csv"))
    (FIXTURES / "woningen_canoniek.csv").write_bytes(
        als_csv(kolommen, rijen, scheiding=",", nl_datums=False, komma=False, regeleinde="\n"))
    (FIXTURES / "woningen_excel_nl.csv").write_bytes(als_csv(kolommen, rijen, "cp1252", euro=True))
    (FIXTURES / "woningen.xlsx").write_bytes(als_xlsx(kolommen, rijen))


if __name__ == "__main__":
    schrijf_fixtures()
