"""Paired comparison of policies on identical worlds, and attribution per rule."""

import json

import numpy as np

import cli
from simulatie.replicaties import simuleer
from simulatie.scenario import laad_scenario
from simulatie.vergelijking import MATEN, interval, maten, ongepaard, vergelijk, verschillende_groepen


def test_gelijke_beleiden_verschillen_in_elke_replicatie_precies_nul():
    g = laad_scenario()
    a = maten(simuleer(g, "flexibel", 20, 3))
    b = maten(simuleer(g, g.beleid("flexibel").met(naam="kopie"), 20, 3))
    for k in a:
        assert np.array_equal(np.nan_to_num(a[k], nan=-1), np.nan_to_num(b[k], nan=-1)), k
    v = vergelijk(g, ["flexibel", "flexibel"], 20, 3, attributie=False)
    for per in v.paren[0]["perioden"]:
        for maat, d in per["maten"].items():
            if d["verschil"]["n"]:
                assert d["verschil"]["gemiddeld"] == 0 and d["verschil"]["ondergrens"] == 0, maat


def test_gepaard_interval_smaller_dan_ongepaard():
    g = laad_scenario()
    v = vergelijk(g, ["strikt", "flexibel"], 60, 11, attributie=False)
    tot = v.paren[0]["perioden"][-1]["maten"]["realisatie"]
    gepaard = tot["verschil"]["bovengrens"] - tot["verschil"]["ondergrens"]
    los = tot["ongepaard"]["bovengrens"] - tot["ongepaard"]["ondergrens"]
    assert tot["verschil"]["gemiddeld"] == tot["ongepaard"]["gemiddeld"]
    assert gepaard < los


def test_interval_tegen_hand():
    # mean 2, sd 1 (n=4: 1,2,2,3 -> sd sqrt(2/3)); t(0.975, 3) = 3.1824
    x = np.array([1.0, 2.0, 2.0, 3.0])
    d = interval(x)
    h = 3.182446305 * np.sqrt(2 / 3) / 2
    assert abs(d["ondergrens"] - (2 - h)) < 1e-3 and abs(d["bovengrens"] - (2 + h)) < 1e-3
    o = ongepaard(np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 4.0]))
    assert o["gemiddeld"] == 1.0 and o["ondergrens"] < 1 < o["bovengrens"]


def test_regelgroepen_van_strikt_naar_flexibel():
    g = laad_scenario()
    groepen = verschillende_groepen(g.beleid("strikt"), g.beleid("flexibel"))
    assert {"reserveren", "kinderen_delen", "ouder_kind", "andere_kernen", "nareizigers"} <= set(groepen)
    assert groepen["andere_kernen"] == {"kernen": ("Leusden", "Achterveld")}


def test_cli_json_heeft_verschil_per_paar_en_periode(tmp_path, capsys):
    uit = tmp_path / "v.json"
    assert cli.main(["vergelijk", "--replicaties", "12", "--workers", "1", "--format", "json",
                     "--uitvoer", str(uit)]) == 0
    data = json.loads(uit.read_text())
    paar = data["paren"][0]
    assert (paar["a"], paar["b"]) == ("strikt", "flexibel")
    for per in paar["perioden"]:
        for d in per["maten"].values():
            assert set(d["verschil"]) >= {"gemiddeld", "ondergrens", "bovengrens"}
    assert [p["periode"] for p in paar["perioden"]] == ["2023-1", "2023-2", "totaal"]
    regels = {a["regel"] for a in data["attributie"]}
    assert "kinderen_delen" in regels


def test_cli_xlsx_en_grafiek(tmp_path):
    import openpyxl
    x, png = tmp_path / "v.xlsx", tmp_path / "v.png"
    assert cli.main(["vergelijk", "--replicaties", "6", "--workers", "1", "--geen-attributie",
                     "--format", "xlsx", "--uitvoer", str(x), "--grafiek", str(png)]) == 0
    wb = openpyxl.load_workbook(x)
    assert wb.sheetnames == ["Toelichting", "Per beleid", "Verschillen", "Per replicatie", "Gelijkheid"]  # no attribution asked
    assert wb["Per replicatie"].max_row == 7
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_leusden_2021_achterstand_ontstaat_onder_strikt():
    # The backlog must come from the mechanism: under strikt the year ends well behind,
    # and flexibel does better on the same worlds.
    g = laad_scenario("leusden-2021")
    v = vergelijk(g, ["strikt", "flexibel"], 40, 5, attributie=False)
    tot = v.paren[0]["perioden"][-1]["maten"]["realisatie"]
    assert tot["a"] < 43 - 10          # taakstelling 43, stand -1: a clear achterstand
    assert tot["verschil"]["ondergrens"] > 0


def test_plaatsingsmaten_met_de_hand():
    """Leusden 2023: periods [0, 181) and [181, 365) in simulation days; hoofdkern Leusden."""
    from types import SimpleNamespace

    from simulatie.registratie import Plaatsing
    from simulatie.vergelijking import PLAATSINGSMATEN, plaatsingsmaten

    sc = laad_scenario().sc
    nan = float("nan")
    u = SimpleNamespace(
        plaatsingen=[Plaatsing(10, 4.0, "Leusden", 1.0, True, "x"),
                     Plaatsing(180, 10.0, "Achterveld", nan, False, "x"),     # last day of period 1
                     Plaatsing(181, 7.0, "Achterveld", 2.0, True, "x"),       # first day of period 2
                     Plaatsing(200, 1.0, "Leusden", 0.5, True, "x"),
                     Plaatsing(300, 2.0, "Achterveld", nan, False, "x"),
                     Plaatsing(365, 99.0, "Achterveld", 9.0, True, "x"),      # after the horizon: no period
                     Plaatsing(-1, 99.0, "Achterveld", 9.0, True, "x")],      # before the start: no period
        vervolg_dagen=[5, 181, 182, 400])
    m = dict(zip(PLAATSINGSMATEN, plaatsingsmaten(sc, u)))
    assert m["wachtweken_mediaan"].tolist() == [7.0, 2.0]          # median(4, 10); median(7, 1, 2)
    assert m["vervolghuisvesting"].tolist() == [1.0, 2.0]
    assert m["buiten_hoofdkern"].tolist() == [1.0, 2.0]
    assert m["kinderen_per_slaapkamer"].tolist() == [1.0, 1.25]     # nan left out
    assert m["ouder_kind_kamers"].tolist() == [1.0, 2.0]
    leeg = dict(zip(PLAATSINGSMATEN, plaatsingsmaten(sc, SimpleNamespace(plaatsingen=[], vervolg_dagen=[]))))
    assert np.isnan(leeg["wachtweken_mediaan"]).all() and np.isnan(leeg["kinderen_per_slaapkamer"]).all()
    assert leeg["vervolghuisvesting"].tolist() == leeg["buiten_hoofdkern"].tolist() == [0.0, 0.0]
    assert leeg["ouder_kind_kamers"].tolist() == [0.0, 0.0]


def test_zonder_wachtredenen_verder_dezelfde_replicatie():
    """Leaving out the reasons for who still waits (vergelijk's attribution variants) changes
    nothing else in the replication."""
    from dataclasses import asdict

    from simulatie.model import simuleer_replicatie
    from simulatie.replicaties import maak_invoer

    g = laad_scenario()
    invoer = maak_invoer(g, 4)
    gezien = 0
    for rep in range(6):
        vol = asdict(simuleer_replicatie(invoer, g.beleid("strikt"), rep))
        kaal = asdict(simuleer_replicatie(invoer, g.beleid("strikt"), rep, wachtredenen=False))
        gezien += bool(vol.pop("wachtend_redenen"))
        assert kaal.pop("wachtend_redenen") == {}
        assert repr(vol) == repr(kaal)  # (repr: nan == nan is false)
    assert gezien  # there were reasons to leave out


def test_beleiden_in_vergelijk_zoals_los_gesimuleerd():
    """With attribution on, the compared policies keep everything a run of their own has (the
    reasons for who still waits included); only the attribution variants leave those out."""
    from simulatie.replicaties import samenvatting

    g = laad_scenario()
    v = vergelijk(g, ["strikt", "flexibel"], 6, 8)
    for r, naam in zip(v.resultaten, ["strikt", "flexibel"]):
        los = samenvatting(simuleer(g, naam, 6, 8, bewaar=False))
        assert samenvatting(r) == los
        assert r.optelling.wachtend_redenen  # not left out


def test_tabel_kans_in_procentpunten_en_n_waar_paren_ontbreken():
    """The table reads as the JSON: a difference in a probability in percentage points (100 x the
    JSON's fraction, ' pp', no '%'), and where a measure has a value in fewer pairs than there are
    replications (children per bedroom needs children placed), that n beside it, with a line that
    says what n is."""
    from simulatie.vergelijking_rapport import als_dict, als_tabel

    g = laad_scenario("leusden-2023")
    v = vergelijk(g, ["strikt", "flexibel"], 30, 20230101, attributie=False)
    tabel, d = als_tabel(v, breedte=250), als_dict(v)
    rijen = [[c.strip() for c in r.split("│")[1:-1]] for r in tabel.splitlines() if r.startswith("│")]
    gezien_n = False
    for per in d["paren"][0]["perioden"]:
        for maat, m in per["maten"].items():
            rij = next(r for r in rijen if r[0] == per["periode"] and r[1] == MATEN[maat])
            vd = m["verschil"]
            if maat == "totaalopgave_gehaald":
                assert rij[4].startswith(f"{100 * vd['gemiddeld']:+.1f} [") and rij[4].endswith("] pp")
                assert "%" not in rij[4] and "%" not in rij[5]
            if vd["n"] < 30:
                assert rij[4].endswith(f"(n={vd['n']})")
                gezien_n = True
            else:
                assert "(n=" not in rij[4]
    assert gezien_n  # (this seed has such a measure: the test would say nothing otherwise)
    assert "n = de replicaties van de 30" in tabel
