"""Reading the province's table: its real layout (seed, Utrecht 2022-2), short names, and refusals."""

import datetime as dt
from pathlib import Path

import pytest

from matching.bestanden import InvoerFout
from simulatie.provincie import (lees_provincietabel, normaliseer_kop, periode_bij_peildatum, tabel_als_csv,
                                 veld_voor_kop)

FIXTURES = Path(__file__).parent / "fixtures"
SEED_CSV = FIXTURES / "provincie-utrecht-2022-2.csv"
SEED_XLSX = FIXTURES / "provincie-utrecht-2022-2.xlsx"
PEIL = dt.date(2022, 11, 10)
UTRECHT_26 = ["Amersfoort", "Baarn", "Bunnik", "Bunschoten", "De Bilt", "De Ronde Venen", "Eemnes", "Houten",
              "IJsselstein", "Leusden", "Lopik", "Montfoort", "Nieuwegein", "Oudewater", "Renswoude", "Rhenen",
              "Soest", "Stichtse Vecht", "Utrecht", "Utrechtse Heuvelrug", "Veenendaal", "Vijfheerenlanden",
              "Wijk bij Duurstede", "Woerden", "Woudenberg", "Zeist"]


def _schrijf(tmp_path, tekst, naam="tabel.csv", codering="utf-8"):
    pad = tmp_path / naam
    pad.write_bytes(tekst.encode(codering))
    return pad


# ---------------------------------------------------------------- period

def test_periode_2022_2_heeft_184_dagen_en_132_verstreken_op_10_november():
    p = periode_bij_peildatum(PEIL)
    assert (p.naam, p.start, p.eind) == ("2022-2", dt.date(2022, 7, 1), dt.date(2023, 1, 1))
    assert (p.dagen, p.dagen_verstreken, p.dagen_resterend) == (184, 132, 52)


@pytest.mark.parametrize("peildatum, naam, verstreken", [
    (dt.date(2023, 1, 2), "2023-1", 1),
    (dt.date(2023, 7, 1), "2023-1", 181),   # 1 July closes 2023-1
    (dt.date(2023, 7, 2), "2023-2", 1),
    (dt.date(2024, 1, 1), "2023-2", 184),   # 1 January closes the half-year before
    (dt.date(2024, 3, 1), "2024-1", 60),    # leap year
])
def test_periode_volgt_uit_de_peildatum(peildatum, naam, verstreken):
    p = periode_bij_peildatum(peildatum)
    assert (p.naam, p.dagen_verstreken) == (naam, verstreken)


# ---------------------------------------------------------------- the seed's layout

@pytest.mark.parametrize("pad", [SEED_CSV, SEED_XLSX], ids=["csv", "xlsx"])
def test_tabel_van_de_provincie_wordt_gelezen_zoals_de_bron(pad):
    t = lees_provincietabel(pad, PEIL)
    assert [r.gemeente for r in t.gemeenten] == UTRECHT_26
    assert t.titel.startswith("20221107 Huisvestingsvoortgang")
    leusden = next(r for r in t.gemeenten if r.gemeente == "Leusden")
    assert (leusden.trede, leusden.achterstand, leusden.taakstelling, leusden.extra_opgave, leusden.realisatie) \
        == (3, 26, 24, 11, 31)
    assert (leusden.totaalopgave, leusden.totaalopgave_extra, leusden.stand) == (50, 61, -26)
    utrecht = next(r for r in t.gemeenten if r.gemeente == "Utrecht")
    assert (utrecht.achterstand, utrecht.taakstelling, utrecht.extra_opgave, utrecht.realisatie) == (207, 275, 133, 438)
    assert sum(r.heeft_cijfers for r in t.gemeenten) == 2
    assert {r.gemeente: r.trede for r in t.gemeenten}["Houten"] is None
    assert {r.gemeente: r.trede for r in t.gemeenten}["De Ronde Venen"] == 1
    # the seed shows numbers for two gemeenten only: its Totaal row is taken as given
    assert not t.totaal_berekend
    assert (t.totaal.achterstand, t.totaal.taakstelling, t.totaal.extra_opgave, t.totaal.realisatie) \
        == (415, 1054, 502, 1120)
    # the province's own prognose columns agree with our reproduction: no warnings
    assert t.meldingen == ()
    teksten = dict(leusden.tekst)
    assert any(v == "Ja" for v in teksten.values())
    assert any("Contact tussen provincie en gemeente" == k.groep for k in t.kolommen)


def test_csv_en_xlsx_geven_dezelfde_tabel():
    a, b = lees_provincietabel(SEED_CSV, PEIL), lees_provincietabel(SEED_XLSX, PEIL)
    assert a.gemeenten == b.gemeenten
    assert a.totaal == b.totaal
    assert [(k.veld, k.teken) for k in a.kolommen] == [(k.veld, k.teken) for k in b.kolommen]


def test_xlsx_fixture_is_wat_het_script_bouwt(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("maak", FIXTURES / "maak_provincie_xlsx.py")
    maak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maak)
    nieuw = maak.maak(SEED_CSV, tmp_path / "nieuw.xlsx")
    assert lees_provincietabel(nieuw, PEIL).gemeenten == lees_provincietabel(SEED_XLSX, PEIL).gemeenten
    import openpyxl
    blad = openpyxl.load_workbook(nieuw).active
    assert {"A1:O1", "A2:A3", "C2:G2", "H2:K2", "L2:N2"} <= {str(r) for r in blad.merged_cells.ranges}


def test_cp1252_csv_uit_nederlandse_excel(tmp_path):
    tekst = SEED_CSV.read_text(encoding="utf-8-sig").replace("\u2010", "-")
    pad = _schrijf(tmp_path, tekst, codering="cp1252")
    t = lees_provincietabel(pad, PEIL)
    cijfers = lambda r: (r.gemeente, r.trede, r.achterstand, r.taakstelling, r.extra_opgave, r.realisatie)  # noqa: E731
    assert [cijfers(r) for r in t.rijen] == [cijfers(r) for r in lees_provincietabel(SEED_CSV, PEIL).rijen]
    assert "vóór 1 januari 2023" in t.kop("extra_opgave")


# ---------------------------------------------------------------- header rules

@pytest.mark.parametrize("kop, veld", [
    ("Stand op 1 juli \n2022 \n(achterstand)", ("achterstand", 1)),
    ("stand", ("achterstand", -1)),
    ("Stand op 1 januari 2023", ("achterstand", -1)),
    ("voorsprong", ("achterstand", -1)),
    ("Totaalopgave \n(taakstelling + \nachterstand) 2022\u2010\n2", ("totaalopgave", 1)),
    ("Totaalopgave 2022\u2010\n2 (inclusief extra \nopgave)", ("totaalopgave_extra", 1)),
    ("Prognose \ntotaalopgave \n(taakstelling + \nachterstand) 2022\u20102 \nin %", ("prognose_pct", 1)),
    ("Prognose \ntotaalopgave 2022\u2010\n2 inclusief extra \nopgave 2022\u20102 \n(doelstelling) \ngerealiseerd in %",
     ("prognose_pct_extra", 1)),
    ("Prognose \ngerealiseerd op 1 \njanuari 2023", ("prognose", 1)),
    ("Realisatie 2022\u2010\n2 tot 10 \nnovember \n2022", ("realisatie", 1)),
    ("realisatie_tot_peildatum", ("realisatie", 1)),
    ("extra_opgave", ("extra_opgave", 1)),
    ("Beoordeling 2022\u20101 \n(trede)", ("trede", 1)),
    ("Gemeenten", ("gemeente", 1)),
    ("taaksteling", ("taakstelling", 1)),           # fuzzy: a typo in a short name
    ("Gereserveerde woningen", ("gereserveerde_woningen", 1)),
    ("gereserveerde_personen", ("gereserveerde_personen", 1)),
    ("Opmerkingen, bijzonderheden, relevante zaken", None),
    ("Contacten tussen gemeenten en \nKansenmakersteam", None),
    ("Prognose p50", ("_uitvoer", 1)),
])
def test_kop_wordt_herkend(kop, veld):
    assert veld_voor_kop(kop) == veld


def test_normaliseer_kop_voegt_afgebroken_periode_samen():
    assert normaliseer_kop("Totaalopgave 2022\u2010\n2 (inclusief\u00a0extra \nopgave)") == \
        "totaalopgave 2022-2 (inclusief extra opgave)"


def test_korte_namen_en_stand_met_teken_van_het_domein(tmp_path):
    pad = _schrijf(tmp_path, "gemeente,stand,taakstelling,extra_opgave,realisatie\n"
                             "Leusden,-26,24,11,31\nZeist,4,30,0,12\n")
    t = lees_provincietabel(pad, PEIL)
    assert [(r.gemeente, r.achterstand, r.totaalopgave) for r in t.gemeenten] == [("Leusden", 26, 50), ("Zeist", -4, 26)]
    assert t.totaal_berekend and t.totaal.totaalopgave == 76


def test_duizendtallen_met_punt_en_lege_extra_opgave(tmp_path):
    pad = _schrijf(tmp_path, "gemeente;achterstand;taakstelling;extra opgave;realisatie\nA;1.054;2.000;;1.120\n")
    r = lees_provincietabel(pad, PEIL).gemeenten[0]
    assert (r.achterstand, r.taakstelling, r.extra_opgave, r.realisatie) == (1054, 2000, 0, 1120)


def test_totaal_wordt_berekend_als_alle_gemeenten_cijfers_hebben_en_afwijking_gemeld(tmp_path):
    pad = _schrijf(tmp_path, "gemeente;achterstand;taakstelling;realisatie\nA;1;10;5\nB;2;20;7\nTotaal;3;31;12\n")
    t = lees_provincietabel(pad, PEIL)
    assert t.totaal_berekend
    assert (t.totaal.achterstand, t.totaal.taakstelling, t.totaal.realisatie) == (3, 30, 12)
    assert len(t.meldingen) == 1 and "taakstelling 31" in t.meldingen[0] and "(30)" in t.meldingen[0]


def test_afwijkende_prognose_van_de_provincie_wordt_gemeld(tmp_path):
    pad = _schrijf(tmp_path, "gemeente;achterstand;taakstelling;realisatie;prognose\nLeusden;26;24;31;42\n")
    t = lees_provincietabel(pad, PEIL)
    assert len(t.meldingen) == 1 and "43" in t.meldingen[0]
    # unrounded values as a sheet may store them, shown rounded: no warning
    pad = _schrijf(tmp_path, "gemeente;achterstand;taakstelling;realisatie;prognose;prognose in %\n"
                             "Leusden;26;24;31;43,21;86,43%\n")
    assert lees_provincietabel(pad, PEIL).meldingen == ()


@pytest.mark.parametrize("prognose, pct", [("inf", "86,43%"), ("nan", "inf%"), ("1e999", "-inf %"), ("43,21", "nan%")])
def test_prognose_van_de_provincie_die_geen_getal_is_wordt_niet_vergeleken(tmp_path, prognose, pct):
    """Python's float reads 'inf', 'nan' and '1e999'; a sheet never means them as a number. Such a
    cell is not compared (no crash, no warning), as any other text; a real difference in the
    other cell is still reported."""
    pad = _schrijf(tmp_path, "gemeente;achterstand;taakstelling;realisatie;prognose;prognose in %\n"
                             f"Leusden;26;24;31;{prognose};{pct}\n")
    assert lees_provincietabel(pad, PEIL).meldingen == ()
    pad = _schrijf(tmp_path, "gemeente;achterstand;taakstelling;realisatie;prognose;prognose in %\n"
                             f"Leusden;26;24;31;{prognose};50%\n")
    meldingen = lees_provincietabel(pad, PEIL).meldingen
    assert len(meldingen) == 1 and "prognose_pct 50%" in meldingen[0]


def test_synthetische_tabel_als_csv_leest_terug(tmp_path):
    from simulatie.provincie.synthetisch import utrecht_synthetisch

    t = utrecht_synthetisch()
    pad = _schrijf(tmp_path, tabel_als_csv(t))
    terug = lees_provincietabel(pad, PEIL)
    velden = lambda r: (r.gemeente, r.trede, r.achterstand, r.taakstelling, r.extra_opgave, r.realisatie)  # noqa: E731
    assert [velden(r) for r in terug.gemeenten] == [velden(r) for r in t.gemeenten]
    assert terug.totaal_berekend and velden(terug.totaal)[2:] == velden(t.totaal)[2:]


# ---------------------------------------------------------------- refusals: one line naming file, row, field

@pytest.mark.parametrize("tekst, rij, veld, woorden", [
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24;31\nleusden;1;2;3\n", 3, "gemeente",
     ["twee keer", "rij 2"]),
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24;eenendertig\n", 2, "realisatie",
     ["'eenendertig' is geen geheel getal"]),
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24,5;31\n", 2, "taakstelling", ["geen geheel getal"]),
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;26;24;-1\n", 2, "realisatie", ["kleiner dan 0"]),
    ("gemeente;achterstand;taakstelling;realisatie\nLeusden;;24;31\n", 2, "achterstand", ["leeg"]),
    ("gemeente;achterstand;taakstelling;realisatie\n;26;24;31\n", 2, "gemeente", ["gemeente is leeg"]),
    ("gemeente;achterstand;taakstelling;totaalopgave;realisatie\nLeusden;26;24;49;31\n", 2, "totaalopgave",
     ["24 + 26 = 50"]),
    ("gemeente;achterstand;taakstelling;totaalopgave;realisatie\nLeusden;26;24;-2;31\n", 2, "totaalopgave",
     ["omgekeerde teken"]),
    ("gemeente;achterstand;taakstelling;realisatie\nTotaal;26;24;31\nBron: TVS;;;\nLeusden;1;2;3\n", 4, "gemeente",
     ["onder de Totaal-rij"]),
    ("gemeente;trede;achterstand;taakstelling;realisatie\nLeusden;trede drie;26;24;31\n", 2, "trede",
     ["geen trede"]),
    ("gemeente;achterstand;realisatie\nLeusden;26;31\n", 1, "taakstelling", ["ontbreekt"]),
    ("gemeente;achterstand;taakstelling;taakstelling 2022-2;realisatie\nLeusden;26;24;24;31\n", 1,
     "taakstelling 2022-2", ["twee kolommen"]),
    ("gemeente;achterstand;taakstelling 2023-1;realisatie\nLeusden;26;24;31\n", 1, "taakstelling 2023-1",
     ["periode 2023-1", "2022-2"]),
    ("gemeente;achterstand;taakstelling;realisatie tot 1 november 2022\nLeusden;26;24;31\n", 1,
     "realisatie tot 1 november 2022", ["2022-11-01"]),
    ("gemeente;stand op 1 januari 2022 (achterstand);taakstelling;realisatie\nLeusden;26;24;31\n", 1,
     "stand op 1 januari 2022 (achterstand)", ["begint op 2022-07-01"]),
    ("gemeente;achterstand;taakstelling;realisatie;gereserveerde woningen;gereserveerde personen\n"
     "Leusden;26;24;31;14;10\n", 2, "gereserveerde personen", ["minstens één persoon"]),
])
def test_fout_noemt_bestand_rij_en_veld(tmp_path, tekst, rij, veld, woorden):
    pad = _schrijf(tmp_path, tekst)
    with pytest.raises(InvoerFout) as e:
        lees_provincietabel(pad, PEIL)
    assert (Path(e.value.bestand).name, e.value.rij, e.value.veld) == ("tabel.csv", rij, veld)
    tekst_fout = str(e.value)
    assert "\n" not in tekst_fout and tekst_fout.startswith("tabel.csv, rij ")
    for w in woorden:
        assert w in tekst_fout


def test_geen_kopregel_en_geen_bestand(tmp_path):
    with pytest.raises(InvoerFout, match="geen kopregel"):
        lees_provincietabel(_schrijf(tmp_path, "a;b;c\n1;2;3\n"), PEIL)
    with pytest.raises(InvoerFout, match="bestaat niet"):
        lees_provincietabel(tmp_path / "weg.csv", PEIL)
    with pytest.raises(InvoerFout, match="Excel"):
        lees_provincietabel(_schrijf(tmp_path, "geen zip", naam="t.xlsx"), PEIL)
