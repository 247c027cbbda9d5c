"""Tables a wethouder reads name reasons, rules and the solver in Dutch words, never by their
code names: why a household still waits at the end (`simuleer`), what each rule group adds
(`vergelijk`, terminal and workbook), the solver and the deciding rules (`toewijzen`). The
codes stay in JSON and CSV; each code has one Dutch phrase of its own, declared once."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from types import SimpleNamespace

import openpyxl
import pytest
from simhulp import D, beleid, hh, invoer, scenario, tabelrijen, woning

import cli
from matching.beleid import Regel
from matching.oplossers import Oplosser
from matching.uitleg import DOORSLAG_TEKST, OPLOSSER_TEKST, STATUS_TEKST, Redencode, berekening_tekst
from simulatie.model import Wachtreden, simuleer_replicatie
from simulatie.rapport import _wachtredenen, als_tabel
from simulatie.rapportage.namen import REGELGROEPEN, regel_naam, wachtreden_naam
from simulatie.replicaties import SimResultaat

CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # a snake_case code word
WACHTCODES = [*Regel, *Wachtreden]


def _dutch_phrases(namen: dict) -> None:
    """Every phrase its own, and words: no code word in it."""
    assert len(set(namen.values())) == len(namen), namen
    for code, tekst in namen.items():
        assert tekst and tekst != code and not CODE.search(tekst), (code, tekst)


def test_elke_wachtreden_een_eigen_nederlandse_zin():
    _dutch_phrases({c: wachtreden_naam(c) for c in WACHTCODES})


def test_elke_regelgroep_uit_beleid_toml_een_eigen_nederlandse_naam():
    toml = tomllib.loads(resources.files("matching").joinpath("beleid.toml").read_text(encoding="utf-8"))
    groepen = set(toml["regelgroepen"])
    assert groepen <= set(REGELGROEPEN)
    _dutch_phrases({g: regel_naam(g) for g in groepen})


def test_oplosser_status_en_doorslag_in_woorden():
    assert set(OPLOSSER_TEKST) == set(Oplosser)
    _dutch_phrases(OPLOSSER_TEKST)
    _dutch_phrases(STATUS_TEKST)
    assert set(DOORSLAG_TEKST) == {*Regel, Redencode.CONCURRENTIE}
    _dutch_phrases(DOORSLAG_TEKST)
    for o in Oplosser:
        for s in STATUS_TEKST:
            assert not re.search(r"OPTIMAL|FEASIBLE|\b(?:leeg|enkel|scipy|stroom|cpsat|trapsgewijs)\b",
                                 berekening_tekst(o, s))


def _resultaat():
    sc = scenario(startdatum=D(2026, 1, 1), periode=[{"naam": "2026-1", "taakstelling": 3}])
    inv = invoer(sc, [hh(f"H{i}", D(2025, 12, 1)) for i in range(3)], [woning("W0", 1, D(2026, 1, 1))])
    return SimResultaat.uit_uitkomsten("t", "", "strikt", 1,
                                       [simuleer_replicatie(inv, beleid("strikt"), r) for r in range(2)], inv)


def _wachttabel(tekst: str) -> dict[str, str]:
    return tabelrijen(tekst, "Nog wachtend aan het eind")


def test_simuleer_tabel_noemt_elke_wachtreden_in_woorden_en_laat_nul_weg():
    res = _resultaat()
    # every reason once (2 replications: a count of 1 is 0.5 a replication), one never counted
    nul = Regel.TE_WEINIG_SLAAPKAMERS
    res.optelling.wachtend_redenen.clear()
    res.optelling.wachtend_redenen.update({str(c): 0 if c == nul else i + 1 for i, c in enumerate(WACHTCODES)})
    tekst = als_tabel([res], breedte=250)
    rijen = _wachttabel(tekst)
    assert set(rijen) == {wachtreden_naam(c) for c in WACHTCODES if c != nul}
    for c in WACHTCODES:
        assert str(c) not in tekst
    assert rijen[wachtreden_naam(Wachtreden.GEEN_WONING)] == f"{(WACHTCODES.index(Wachtreden.GEEN_WONING) + 1) / 2:.1f}"


def test_wachtreden_zelden_maar_niet_nul_blijft_staan_nul_niet():
    o = SimpleNamespace(n=1000, wachtend_redenen={"te_weinig_slaapkamers": 1, "te_veel_slaapkamers": 0,
                                                   "geen_woning_in_aanbod": 300})
    assert _wachtredenen(SimpleNamespace(optelling=o)) == [
        (wachtreden_naam("geen_woning_in_aanbod"), "0.3"), (wachtreden_naam("te_weinig_slaapkamers"), "< 0.1")]


@pytest.fixture(scope="module")
def vergeleken(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("vergelijk")
    argv = ["vergelijk", "--replicaties", "3", "--seed", "3", "--workers", "1"]
    uit = {}
    for formaat in ("tabel", "csv", "xlsx"):
        pad = map_ / f"v.{formaat}"
        assert cli.main([*argv, "--format", formaat, "--uitvoer", str(pad)]) == 0
        uit[formaat] = pad
    return uit


def test_vergelijk_tabel_en_werkmap_noemen_de_regels_in_woorden_csv_houdt_de_codes(vergeleken):
    tekst = vergeleken["tabel"].read_text(encoding="utf-8")
    blok = tekst[tekst.index("Wat elke regel bijdraagt"):]
    groepen = [g for g in REGELGROEPEN if f"{regel_naam(g)} " in blok]
    assert {"kinderen_delen", "ouder_kind", "alleenstaande_ruimer", "wachtlijst_verhuisklaar"} <= set(groepen)
    assert not CODE.search(blok[:blok.index("'aan'")]), blok
    ws = openpyxl.load_workbook(vergeleken["xlsx"])["Attributie"]
    kop = [c.value for c in ws[1]].index("Vergelijking")
    waarden = {r[kop] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert waarden and not any(CODE.search(w.rsplit(" (", 1)[0]) for w in waarden)
    assert {w.rsplit(" (", 1)[0] for w in waarden} == {regel_naam(g) for g in groepen}
    csv = vergeleken["csv"].read_text(encoding="utf-8")
    assert "kinderen_delen (aan vanuit strikt)" in csv  # machine keys stay


def test_toewijzen_kop_en_doorslaggevende_regels_in_woorden(capsys):
    capsys.readouterr()
    assert cli.main(["toewijzen"]) == 0
    tekst = capsys.readouterr().out
    koppen = [r for r in tekst.splitlines() if r.startswith("Beleid ")]
    regels = [r for r in tekst.splitlines() if r.startswith("  - ")]
    assert len(koppen) == 2 and regels
    for r in koppen + regels:
        assert not CODE.search(r) and "OPTIMAL" not in r and "oplosser" not in r, r
    assert any(DOORSLAG_TEKST[Regel.NOG_NIET_BESCHIKBAAR] in r for r in regels)
