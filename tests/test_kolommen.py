"""The output columns of `simuleer` are declared once (`simulatie/kolommen.py`): the table and
the CSV take their headers and cells from that declaration, so a column declared there appears in
both, and nowhere else needs a change."""

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie import kolommen
from simulatie.kolommen import Kolom
from simulatie.model import simuleer_replicatie
from simulatie.rapport import als_csv, als_tabel
from simulatie.replicaties import SimResultaat


def _resultaat():
    sc = scenario(startdatum=D(2026, 1, 1), stand_start=-2,
                  periode=[{"naam": "2026-1", "taakstelling": 3}, {"naam": "2026-2", "taakstelling": 12}])
    h = [hh(f"H{i}", D(2025, 12, 1)) for i in range(3)]
    w = [woning("W0", 1, D(2026, 1, 1)), woning("W1", 1, D(2026, 1, 1)), woning("W2", 1, D(2026, 8, 1))]
    inv = invoer(sc, h, w)
    return SimResultaat.uit_uitkomsten("t", "", "strikt", 1, [simuleer_replicatie(inv, beleid("strikt"), 0)], inv)


def _tabelkop(tekst: str) -> str:
    return next(r for r in tekst.splitlines() if "┃" in r)


def test_elke_gedeclareerde_kolom_staat_in_zijn_uitvoer():
    gedeclareerd = [v for v in vars(kolommen).values() if isinstance(v, Kolom)]
    assert set(gedeclareerd) == set(kolommen.KOLOMMEN)
    for k in gedeclareerd:
        assert (k.kop is not None) == (k in kolommen.TABEL), k.sleutel
        assert (k.csv is not None) == (k in kolommen.CSV), k.sleutel
    res = _resultaat()
    kop = _tabelkop(als_tabel([res], breedte=400))
    assert [c.strip() for c in kop.strip("┃").split("┃")] == [k.kop for k in kolommen.TABEL]
    assert als_csv([res]).splitlines()[0].split(";") == [k.csv for k in kolommen.CSV]


def test_een_nieuwe_kolom_komt_in_tabel_en_csv(monkeypatch):
    nieuw = Kolom("taakstelling", "nieuwe kop", "nieuwe_kolom", "geheel")
    monkeypatch.setattr(kolommen, "TABEL", kolommen.TABEL + (nieuw,))
    monkeypatch.setattr(kolommen, "CSV", kolommen.CSV + (nieuw,))
    res = _resultaat()
    tabel = als_tabel([res], breedte=400)
    assert _tabelkop(tabel).strip("┃").split("┃")[-1].strip() == "nieuwe kop"
    regel = next(r for r in tabel.splitlines() if "2026-1" in r)
    assert regel.strip("│").split("│")[-1].strip() == "3"
    regels = als_csv([res]).splitlines()
    assert regels[0].split(";")[-1] == "nieuwe_kolom" and regels[1].split(";")[-1] == "3"


def test_prognose_elke_gedeclareerde_kolom_staat_in_zijn_uitvoer():
    import csv
    import io

    import openpyxl

    from simulatie.provincie import kolommen as pk
    from simulatie.provincie.prognose import bereken_prognoses
    from simulatie.provincie.synthetisch import utrecht_synthetisch
    from simulatie.provincie.uitvoer import als_csv as prognose_csv
    from simulatie.provincie.uitvoer import als_tabel as prognose_tabel
    from simulatie.provincie.uitvoer import als_xlsx

    from simulatie.provincie.vooruitzicht import met_ibt

    gedeclareerd = [v for v in vars(pk).values() if isinstance(v, pk.Kolom)]
    gedeclareerd += [k for v in vars(pk).values() if isinstance(v, tuple) and v is not pk.UITVOER_KOLOMMEN
                     for k in v if isinstance(k, pk.Kolom)]
    assert set(gedeclareerd) == set(pk.KOLOMMEN)
    for k in gedeclareerd:
        assert (k.tabel is not None) == (k in pk.TABEL), k.sleutel
        assert (k.uitvoer is not None) == (k in pk.UITVOER), k.sleutel
    res = met_ibt(bereken_prognoses(utrecht_synthetisch(), replicaties=5), "utrecht")
    assert any(p.ibt for p in res.rijen)  # the IBT columns are shown only then
    kop = _tabelkop(prognose_tabel(res, breedte=400))
    assert [c.strip() for c in kop.strip("┃").split("┃")] == [k.tabel for k in pk.TABEL]
    ons = [k.uitvoer for k in pk.UITVOER]
    assert next(csv.reader(io.StringIO(prognose_csv(res)), delimiter=";"))[-len(ons):] == ons
    blad = openpyxl.load_workbook(io.BytesIO(als_xlsx(res))).active
    assert [c.value for c in blad[3]][-len(ons):] == ons


def test_prognose_kolommen_van_de_provincie_eenmaal_gedeclareerd():
    """Each of the province's own columns: the header text we write reads back as its own field,
    for either half-year, and a table without headers of its own gets exactly those in its csv."""
    import csv
    import datetime as dt
    import io

    from simulatie.provincie import kolommen as pk
    from simulatie.provincie.koppen import veld_voor_kop
    from simulatie.provincie.prognose import bereken_prognoses
    from simulatie.provincie.synthetisch import utrecht_synthetisch
    from simulatie.provincie.tabel import VELDEN, periode_bij_peildatum
    from simulatie.provincie.uitvoer import als_csv as prognose_csv

    assert {k.veld for k in pk.PROVINCIE} == set(VELDEN) and all(k.uitleg for k in pk.PROVINCIE)
    for peildatum in (dt.date(2022, 11, 10), dt.date(2023, 3, 1)):
        per = periode_bij_peildatum(peildatum)
        for k in pk.PROVINCIE:
            assert veld_voor_kop(k.kop(per)) == (k.veld, 1), k.veld
    tabel = utrecht_synthetisch()
    res = bereken_prognoses(tabel, replicaties=5)
    kop = next(csv.reader(io.StringIO(prognose_csv(res)), delimiter=";"))
    extra = any(r.extra_opgave for r in tabel.rijen)
    reserv = any(r.gereserveerde_woningen or r.gereserveerde_personen for r in tabel.rijen)
    verwacht = [k.kop(tabel.periode) for k in pk.PROVINCIE
                if (extra or not k.alleen_met_extra) and (reserv or not k.reservering)]
    assert not tabel.kolommen and kop[:len(verwacht)] == verwacht
