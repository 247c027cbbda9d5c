"""The kengetallen of `simuleer` are declared once (`simulatie/kengetallen.py`): the JSON's keys
and order, the table's labels and the counters they average all come from that declaration."""

import ast
from pathlib import Path

from simhulp import D, beleid, hh, invoer, scenario, tabelrijen, woning

from simulatie import kengetallen
from simulatie.kengetallen import Kengetal
from simulatie.model import simuleer_replicatie
from simulatie.rapport import als_tabel
from simulatie.replicaties import SimResultaat, kpi

SIMULATIE = Path(__file__).resolve().parent.parent / "simulatie"


def _resultaat(**over):
    sc = scenario(startdatum=D(2026, 1, 1), stand_start=-2,
                  periode=[{"naam": "2026-1", "taakstelling": 3}, {"naam": "2026-2", "taakstelling": 12}], **over)
    h = [hh(f"H{i}", D(2025, 12, 1)) for i in range(3)]
    w = [woning("W0", 1, D(2026, 1, 1)), woning("W1", 1, D(2026, 1, 1)), woning("W2", 1, D(2026, 8, 1))]
    inv = invoer(sc, h, w)
    b = beleid("strikt")
    return SimResultaat.uit_uitkomsten("t", "", "strikt", 1, [simuleer_replicatie(inv, b, r) for r in range(2)], inv)


def _kengetal_rijen(tekst: str) -> dict[str, str]:
    """Label -> cell of the Kengetallen table."""
    return tabelrijen(tekst, "Kengetallen")


def test_json_volgt_de_declaratie_en_elke_teller_is_het_gemiddelde_per_replicatie():
    gedeclareerd = [v for v in vars(kengetallen).values() if isinstance(v, Kengetal)]
    assert set(gedeclareerd) == set(kengetallen.JSON) and len(set(kengetallen.JSON)) == len(kengetallen.JSON)
    for k in gedeclareerd:
        assert (k.tekst is not None) == (k in kengetallen.TABEL), k.sleutel
    res = _resultaat()
    k = kpi(res)
    sc = res.invoer.sc
    assert list(k) == [g.sleutel for g in kengetallen.JSON if g.geldt(sc)]
    assert "doorstroom_instroom" not in k and "grote_gezinnen_bedrag" not in k  # parts not in this scenario
    for g in kengetallen.JSON:
        if g.teller and g.geldt(sc):
            assert k[g.sleutel] == sum(u.tellers.get(g.teller, 0) for u in res.uitkomsten) / 2, g.sleutel


def test_elke_teller_wordt_ergens_geteld():
    """A misspelt `teller` would average a counter nobody counts: always 0, silently."""
    geteld = set()
    for pad in SIMULATIE.rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Call) and getattr(knoop.func, "attr", None) == "tel":
                geteld |= {c.value for c in ast.walk(knoop.args[0]) if isinstance(c, ast.Constant)}
    assert {g.teller for g in kengetallen.JSON if g.teller} <= geteld


def test_tabel_toont_de_labels_in_de_gedeclareerde_volgorde(monkeypatch):
    res = _resultaat()
    k = kpi(res)
    rijen = _kengetal_rijen(als_tabel([res], breedte=200))
    verwacht = [t for g in kengetallen.TABEL for t, _ in g.rijen(k)]
    assert list(rijen) == verwacht
    assert rijen["personen geplaatst in Leusden"] == f"{k['personen_per_kern']['Leusden']:.1f}"
    assert rijen["aandeel binnen de norm"].endswith(f"(≤ {k['norm_weken']} weken)")
    nieuw = Kengetal("ook_geteld", "een nieuw kengetal", "woningen_aangeboden")
    monkeypatch.setattr(kengetallen, "JSON", kengetallen.JSON + (nieuw,))
    monkeypatch.setattr(kengetallen, "TABEL", kengetallen.TABEL + (nieuw,))
    k = kpi(res)
    assert k["ook_geteld"] == k["woningen_aangeboden"]
    assert _kengetal_rijen(als_tabel([res], breedte=200))["een nieuw kengetal"] == f"{k['ook_geteld']:.1f}"
