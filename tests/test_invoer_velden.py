"""Field parsers and table reading: what Dutch users type is read right, what is ambiguous or
wrong is refused with a message saying what was expected."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from matching.huishoudens import laad_huishoudens
from matching.bestanden import (Fouten, InvoerFout, InvoerFouten, lees_bedrag, lees_datum, lees_int, lees_janee,
                             lees_tabel)
from matching.woningen import laad_woningen


@pytest.mark.parametrize("tekst, bedrag", [
    ("612,30", 612.30), ("612.30", 612.30), ("€ 612,30", 612.30), ("€612", 612.0), ("1.234,56", 1234.56),
    ("1.234.567", 1234567.0), ("  650 ", 650.0), ("650\u00a0€", 650.0), ("€ 1.012,50", 1012.50),
    ("1.234", 1234.0), ("12.345,6", 12345.6), ("1234.5", 1234.5), ("1234,567", 1234.567),
])
def test_bedrag(tekst, bedrag):
    assert lees_bedrag(tekst, "w.csv", 2, "huur", maximum=10**7) == pytest.approx(bedrag)


@pytest.mark.parametrize("tekst", ["6.12,30", "1,234.50", "1,234,567", "12.34.56", "1.2345,6", "1234.567,8",
                                   "1.234,", ",50", "1..234", "1.234.5"])
def test_bedrag_met_verkeerde_scheidingstekens_geweigerd(tekst):
    # A dot stands only between groups of three digits before the decimal comma; anything else
    # would be a guess between two readings (6.12,30 was read as 612,30).
    with pytest.raises(InvoerFout) as e:
        lees_bedrag(tekst, "w.csv", 7, "huur", maximum=10**7)
    assert str(e.value) == (f"w.csv, rij 7, veld 'huur': '{tekst}' is geen bedrag; verwacht bijvoorbeeld 612,30 of "
                            "1.234,50: een komma voor de decimalen, een punt alleen tussen groepen van drie cijfers")


def test_duizendtal_zonder_komma_is_nederlands_en_blijft_binnen_het_bereik():
    # 1.234 is 1234 in Dutch; the plausible range (100 t/m 5000) still refuses 12.345 = 12345.
    assert lees_bedrag("1.234", "w.csv", 2, "huur", minimum=100, maximum=5000) == 1234.0
    with pytest.raises(InvoerFout, match=r"^w.csv, rij 2, veld 'huur': '12.345' \(gelezen als 12345\) is "
                                         r"onwaarschijnlijk hoog; verwacht een bedrag van 100 t/m 5000$"):
        lees_bedrag("12.345", "w.csv", 2, "huur", minimum=100, maximum=5000)
    # No group of a thousands notation starts a number with 0: 0.500 is a half, never 500.
    assert lees_bedrag("0.500", "w.csv", 2, "huur") == 0.5


def test_getalcel_uit_excel_met_drie_decimalen_is_geen_duizendtal(tmp_path):
    # A number cell holds a float: 612.125 must stay 612,125, not become 612125 by the thousands rule.
    import openpyxl
    boek = openpyxl.Workbook()
    boek.active.append(["id", "kern", "slaapkamers", "oppervlakte", "huur", "beschikbaar", "soort", "toegankelijk"])
    boek.active.append(["W01", "Leusden", 1, 42.125, 612.125, dt.date(2022, 12, 19), "vrij", "nee"])
    boek.active.append(["W02", "Leusden", 2, 58, 1234, dt.date(2022, 12, 28), "vrij", "nee"])
    boek.save(tmp_path / "w.xlsx")
    w1, w2 = laad_woningen(tmp_path / "w.xlsx")
    assert (w1.huur, w1.oppervlakte, w2.huur) == (612.125, 42.125, 1234.0)


@pytest.mark.parametrize("tekst, melding", [
    ("n.t.b.", "'n.t.b.' is geen bedrag; verwacht bijvoorbeeld 612,30"),
    ("1e3", "'1e3' is geen bedrag"), ("nan", "'nan' is geen bedrag"), ("inf", "'inf' is geen bedrag"),
    ("1,2,3", "'1,2,3' is geen bedrag"), ("-5", "'-5' is negatief"),
    ("", "leeg; verwacht een bedrag, bijvoorbeeld 612,30"),
])
def test_bedrag_geweigerd(tekst, melding):
    with pytest.raises(InvoerFout, match=melding.replace("(", r"\(").replace(")", r"\)")):
        lees_bedrag(tekst, "w.csv", 2, "huur")


@pytest.mark.parametrize("tekst, getal", [("3", 3), ("+3", 3), ("3.0", 3), ("3,00", 3), (" 3 ", 3)])
def test_geheel_getal(tekst, getal):
    assert lees_int(tekst, "h.csv", 2, "volwassenen", minimum=1, maximum=20) == getal


@pytest.mark.parametrize("tekst, melding", [
    ("1.000", "'1.000' is geen geheel getal"),   # a thousands dot is not silently read as 1
    ("2,5", "'2,5' is geen geheel getal"),
    ("twee", "'twee' is geen geheel getal; verwacht een geheel getal van 1 t/m 20"),
    ("0", "0 is kleiner dan 1; verwacht een geheel getal van 1 t/m 20"), ("21", "21 is onwaarschijnlijk groot"),
    ("", "leeg; verwacht een geheel getal van 1 t/m 20"),
])
def test_geheel_getal_geweigerd(tekst, melding):
    with pytest.raises(InvoerFout, match=melding):
        lees_int(tekst, "h.csv", 2, "volwassenen", minimum=1, maximum=20)


@pytest.mark.parametrize("tekst", ["2022-11-10", "10-11-2022", "10/11/2022", "10.11.2022", "2022-11-10 00:00:00",
                                   "10-11-2022 00:00", "2022-11-10T00:00:00", "2022-11-10 00:00:00.000"])
def test_datum(tekst):
    assert lees_datum(tekst, "h.csv", 2, "koppeldatum") == dt.date(2022, 11, 10)


def test_datum_zonder_voorloopnullen_zoals_excel_nl():
    assert lees_datum("1-7-2023", "h.csv", 2, "koppeldatum") == dt.date(2023, 7, 1)


@pytest.mark.parametrize("tekst, melding", [
    ("2023-02-29", "februari 2023 heeft 28 dagen"), ("29-02-2023", "februari 2023 heeft 28 dagen"),
    ("2023-13-01", "maand 13"), ("10-11-22", "jaartal van twee cijfers"),
    ("44875", r"Excel-datumgetal \(= 10-11-2022\)"), ("10 november 2022", "is geen datum"),
    ("2022-11-10 kwart over tien", "is geen datum"),
])
def test_datum_geweigerd(tekst, melding):
    with pytest.raises(InvoerFout, match=melding):
        lees_datum(tekst, "h.csv", 2, "koppeldatum")


def test_schrikkeldag_bestaat():
    assert lees_datum("29-02-2024", "h.csv", 2, "koppeldatum") == dt.date(2024, 2, 29)


def test_jaar_buiten_bereik():
    with pytest.raises(InvoerFout, match="jaar 2202 in '2202-11-10' is onwaarschijnlijk"):
        lees_datum("2202-11-10", "h.csv", 2, "koppeldatum", jaren=(2000, 2100))


@pytest.mark.parametrize("tekst, waarde", [("ja", True), ("Ja", True), ("J", True), ("x", True), ("nee", False),
                                           ("", False), ("0", False), ("TRUE", True)])
def test_janee(tekst, waarde):
    assert lees_janee(tekst, "h.csv", 2, "toegankelijk") is waarde


# ---------------------------------------------------------------- reading tables

def test_xlsx_rijnummers_zoals_excel_ze_toont(tmp_path):
    """Blank rows above the header and between rows keep Excel's numbering in messages."""
    import openpyxl
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append([])
    blad.append(["id", "koppeldatum", "volwassenen", "kinderen", "nareizigers"])
    blad.append(["H1", dt.date(2022, 6, 1), 1, None, 0])
    blad.append([])
    blad.append(["H2", dt.date(2022, 6, 2), "twee", None, 0])
    pad = tmp_path / "h.xlsx"
    boek.save(pad)
    with pytest.raises(InvoerFout, match=r"h.xlsx, rij 5, veld 'volwassenen': 'twee'"):
        laad_huishoudens(pad)


def test_sep_regel_en_utf16(tmp_path):
    pad = tmp_path / "h.csv"
    pad.write_text("sep=|\nid|koppeldatum|volwassenen|kinderen|nareizigers\nH1|2022-06-01|1||0\n", encoding="utf-8")
    assert [h.id for h in laad_huishoudens(pad)] == ["H1"]
    pad.write_text("id\tkoppeldatum\tvolwassenen\tkinderen\tnareizigers\r\nH1\t1-6-2022\t1\tj3\t0\r\n",
                   encoding="utf-16")
    assert laad_huishoudens(pad)[0].koppeldatum == dt.date(2022, 6, 1)


def test_excel_inhoud_met_verkeerde_extensie(tmp_path):
    import openpyxl
    boek = openpyxl.Workbook()
    boek.active.append(["id", "koppeldatum", "volwassenen", "kinderen", "nareizigers"])
    boek.active.append(["H1", "2022-06-01", 1, "", 0])
    buf = io.BytesIO()
    boek.save(buf)
    pad = tmp_path / "h.csv"
    pad.write_bytes(buf.getvalue())
    tabel = lees_tabel(pad)
    assert "Excel-inhoud met extensie .csv" in tabel.herkend
    assert [h.id for h in laad_huishoudens(pad)] == ["H1"]


def test_lege_kolommen_achteraan_zoals_excel_ze_schrijft(tmp_path):
    pad = tmp_path / "h.csv"
    pad.write_text("id;koppeldatum;volwassenen;kinderen;nareizigers;;\nH1;2022-06-01;1;;0;;\n;;;;;;\n",
                   encoding="utf-8")
    assert [h.id for h in laad_huishoudens(pad)] == ["H1"]


def test_meerdere_kopregels_samengevoegd(tmp_path):
    pad = tmp_path / "p.csv"
    pad.write_text("Opgave;;Realisatie\ngemeente;taakstelling;tot 10 november\nLeusden;24;31\n", encoding="utf-8")
    tabel = lees_tabel(pad, kopregels=2)
    assert tabel.kolommen == ["opgave_gemeente", "opgave_taakstelling", "realisatie_tot_10_november"]
    assert tabel.rijen == [(3, {"opgave_gemeente": "Leusden", "opgave_taakstelling": "24",
                                "realisatie_tot_10_november": "31"})]


# ---------------------------------------------------------------- collecting every problem

FOUT = ("id,koppeldatum,volwassenen,kinderen,nareizigers\n"
        "H1,2023-02-30,0,j40,0\n"
        "H2,2022-06-01,1,,0\n"
        "H2,2022-06-01,x,,0\n")


def test_normaal_de_eerste_fout_verzamel_alle(tmp_path):
    pad = tmp_path / "h.csv"
    pad.write_text(FOUT, encoding="utf-8")
    with pytest.raises(InvoerFout) as eerste:
        laad_huishoudens(pad)
    with pytest.raises(InvoerFouten) as alle:
        laad_huishoudens(pad, verzamel=True)
    regels = [str(f) for f in alle.value.fouten]
    assert regels == [
        "h.csv, rij 2, veld 'koppeldatum': '2023-02-30' bestaat niet als datum (februari 2023 heeft 28 dagen)",
        "h.csv, rij 2, veld 'volwassenen': 0 is kleiner dan 1; verwacht een geheel getal van 1 t/m 20",
        "h.csv, rij 2, veld 'kinderen': kind van 40 jaar: 18+ telt als volwassene; verwacht een leeftijd van 0 t/m 17 "
        "(tel ouderen bij volwassenen)",
        "h.csv, rij 4, veld 'id': id 'H2' komt al voor op rij 3; elk id mag maar één keer voorkomen",
        "h.csv, rij 4, veld 'volwassenen': 'x' is geen geheel getal; verwacht een geheel getal van 1 t/m 20",
    ]
    assert str(eerste.value) == regels[0]


def test_verzamelen_zonder_fouten_geeft_dezelfde_objecten():
    from pathlib import Path
    bundel = Path(__file__).parent.parent / "scenario's" / "leusden"
    assert laad_huishoudens(bundel / "huishoudens.csv", verzamel=True) == laad_huishoudens(bundel / "huishoudens.csv")
    assert laad_woningen(bundel / "woningen.csv", ["Leusden", "Achterveld"], verzamel=True) == \
        laad_woningen(bundel / "woningen.csv", ["Leusden", "Achterveld"])


def test_verzamelen_begrensd_maar_geteld(tmp_path):
    pad = tmp_path / "h.csv"
    pad.write_text("id,koppeldatum,volwassenen,kinderen,nareizigers\n" +
                   "".join(f"H{i},2022-06-01,0,,0\n" for i in range(500)), encoding="utf-8")
    with pytest.raises(InvoerFouten) as alle:
        laad_huishoudens(pad, verzamel=True)
    assert len(alle.value.fouten) == 201
    assert str(alle.value.fouten[-1]) == "h.csv: en nog 300 problemen (de eerste 200 staan hierboven)"


def test_fouten_zonder_verzamelen_gooit_meteen():
    f = Fouten()
    with pytest.raises(InvoerFout):
        f.meld(InvoerFout("x.csv", "kapot"))
