"""huisvesting optimaliseer: the frontier of a tiny space worked out by hand, Pareto properties,
determinism, and the command's errors."""

import json
import sys

import numpy as np
import pytest

import cli
from simulatie.optimalisatie import pareto
from simulatie.optimalisatie.ruimte import laad_ruimte
from simulatie.optimalisatie.uitvoer import als_dict
from simulatie.optimalisatie.zoeken import optimaliseer, sporten
from simulatie.scenario.laden import GeladenScenario
from tests import simhulp as sh

KLEIN = """
basis = "strikt"
doelen = ["realisatie", "buiten_hoofdkern", "wachtweken_mediaan"]
[[regel]]
naam = "kernen"
keuzes = [
  { waarden = { kernen = "hoofdkern" }, tekst = "alleen in de hoofdkern" },
  { waarden = { kernen = "alle" }, tekst = "in alle kernen" },
]
[[regel]]
naam = "vooruit"
keuzes = [
  { waarden = { vooruit_maanden = 0 }, tekst = "alleen woningen die nu vrij zijn" },
  { waarden = { vooruit_maanden = 6 }, tekst = "reserveren tot 6 maanden vooruit" },
]
"""


def _klein(tmp_path):
    """One single adult linked on day 0; a 1-bedroom dwelling free in Achterveld on day 0 and
    one in Leusden (the hoofdkern) from day 100. No randomness: every replication is the same."""
    sc = sh.scenario()
    g = GeladenScenario(sc, tmp_path / "klein.toml")
    g.huishoudens = [sh.hh("a", sh.D(2023, 1, 1))]
    g.woningen = [sh.woning("w1", 1, sh.D(2023, 1, 1), kern="Achterveld"),
                  sh.woning("w2", 1, sh.D(2023, 4, 11), kern="Leusden")]
    pad = tmp_path / "ruimte.toml"
    pad.write_text(KLEIN, encoding="utf-8")
    return g, laad_ruimte(pad, g.beleid, tuple(sc.kernen))


def test_kleine_ruimte_geeft_de_frontier_die_met_de_hand_volgt(tmp_path):
    g, r = _klein(tmp_path)
    o = optimaliseer(g, r, 3, 10)
    assert o.methode == "rooster" and len(o.kandidaten) == 4
    # By hand: hoofdkern, nothing ahead, waits for w2 (free day 100; rounds at days 0, 7, ..., 105:
    # matched on day 105, keys after the 14-day move on day 119 = 17 weeks), 0 outside the hoofdkern.
    # hoofdkern reserving 6 months ahead reserves w2 on day 0, keys on day 100: 14.3 -> 15 begun weeks.
    # alle kernen takes w1 in the first round (reserving or not: the sooner dwelling first): keys on
    # day 14 = 2 weeks, 1 outside the hoofdkern. Everyone houses the one person.
    waarden = {k.keuze: tuple(k.gemiddeld()[[0, 4, 5]]) for k in o.kandidaten}
    assert waarden == {(0, 0): (1.0, 0.0, 17.0), (0, 1): (1.0, 0.0, 15.0), (1, 0): (1.0, 1.0, 2.0),
                       (1, 1): (1.0, 1.0, 2.0)}
    # So the frontier: (0, 15) and both (1, 2); (0, 17) is dominated by (0, 15) alone.
    d = als_dict(o)
    uit_ruimte = sorted(tuple(p["regels"]) for p in d["frontier"] if p["naam"] not in ("strikt", "flexibel"))
    assert uit_ruimte == [("alleen in de hoofdkern", "reserveren tot 6 maanden vooruit"),
                          ("in alle kernen", "alleen woningen die nu vrij zijn"),
                          ("in alle kernen", "reserveren tot 6 maanden vooruit")]
    # strikt is hoofdkern without reserving: dominated, by the hoofdkern point that reserves.
    assert not d["strikt"]["op_frontier"]
    assert [d["frontier"][i]["regels"] for i in d["strikt"]["gedomineerd_door"]] == \
        [["alleen in de hoofdkern", "reserveren tot 6 maanden vooruit"]]
    # flexibel is alle kernen, reserving 6 months: the point (1, 2), on the frontier.
    assert d["flexibel"]["op_frontier"] and d["flexibel"]["gedomineerd_door"] == []
    assert d["flexibel"]["maten"]["wachtweken_mediaan"]["gemiddeld"] == 2.0


def test_geen_frontierpunt_gedomineerd_en_elk_ander_punt_wel():
    rng = np.random.default_rng(3)
    for _ in range(50):
        punten = rng.integers(0, 4, size=(rng.integers(1, 25), 3)).astype(float)
        front = pareto.frontier(punten)
        for i in front:
            assert not any(pareto.domineert(punten[j], punten[i]) for j in range(len(punten)))
        for i in set(range(len(punten))) - set(front):
            assert any(pareto.domineert(punten[j], punten[i]) for j in front)
        # The fronts partition the points, and `beste` keeps whole better fronts first.
        fr = pareto.fronten(punten)
        assert sorted(i for f in fr for i in f) == list(range(len(punten)))
        k = max(1, len(punten) // 3)
        gekozen = pareto.beste(punten, k)
        assert len(gekozen) == k
        rang = {i: n for n, f in enumerate(fr) for i in f}
        assert max(rang[i] for i in gekozen) <= min(rang[i] for i in set(range(len(punten))) - set(gekozen)) \
            if len(gekozen) < len(punten) else True


def test_domineert_met_de_hand():
    assert pareto.domineert(np.array([1.0, 2.0]), np.array([1.0, 3.0]))
    assert not pareto.domineert(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    assert not pareto.domineert(np.array([0.0, 3.0]), np.array([1.0, 2.0]))
    # A measure to maximise enters negated; no value (nan) counts as the worst.
    p = pareto.als_minimalisatie(np.array([[5.0, np.nan], [4.0, 1.0]]), ["max", "min"])
    assert p.tolist() == [[-5.0, np.inf], [-4.0, 1.0]]


def test_sporten_groeien_en_krimpen():
    s = sporten(1000, 100)
    assert s[0] == (13, 100) and s[-1] == (1000, 10)
    assert all(a[0] < b[0] and a[1] >= b[1] for a, b in zip(s, s[1:]))
    assert sporten(4, 50) == [(4, 50)]  # too few replications to halve
    assert sporten(100, 6) == [(100, 6)]  # no more candidates than reach the end


def test_zelfde_seed_zelfde_uitvoer_ook_met_nsga2(tmp_path):
    uit = []
    for workers in ("1", "2"):
        f = tmp_path / f"o{workers}.json"
        assert cli.main(["optimaliseer", "leusden-2023", "--replicaties", "4", "--budget", "6", "--workers", workers,
                         "--format", "json", "--uitvoer", str(f)]) == 0
        uit.append(f.read_bytes())
    assert uit[0] == uit[1]
    d = json.loads(uit[0])
    assert d["methode"] == "nsga2" and d["aantal_kandidaten"] == 6
    for naam in ("strikt", "flexibel"):
        assert d[naam]["op_frontier"] == (d[naam]["gedomineerd_door"] == [])
        for i in d[naam]["gedomineerd_door"]:
            assert d["frontier"][i]["naam"] != naam


def test_csv_xlsx_en_grafiek(tmp_path):
    import openpyxl
    c, x, png = tmp_path / "o.csv", tmp_path / "o.xlsx", tmp_path / "o.png"
    assert cli.main(["optimaliseer", "leusden-2023", "--replicaties", "2", "--budget", "3", "--workers", "1",
                     "--format", "csv", "--uitvoer", str(c), "--grafiek", str(png)]) == 0
    tekst = c.read_text(encoding="utf-8-sig")
    assert tekst.splitlines()[0].startswith("soort;index;naam;regels")
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert cli.main(["optimaliseer", "leusden-2023", "--replicaties", "2", "--budget", "3", "--workers", "1",
                     "--format", "xlsx", "--uitvoer", str(x)]) == 0
    assert openpyxl.load_workbook(x).sheetnames == ["Toelichting", "Frontier", "Gelijkheid", "Kandidaten"]


def test_zonder_optuna_een_nederlandse_regel_en_code_2(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "optuna", None)
    assert cli.main(["optimaliseer", "leusden-2023", "--replicaties", "2", "--budget", "3", "--workers", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "optuna" in err[0] and "huisvesting[optimaliseer]" in err[0]


@pytest.mark.parametrize("tekst, woord", [
    ("doelen = ['realisatie']\n[[regel]]\nnaam='x'\nparameter='kinderen_per_kamer'\nvan=2\ntot=9\n", "kinderen_per_kamer"),
    ("doelen = ['onzin']\n", "onzin"),
    ("doelen = ['realisatie']\n", "regel"),
])
def test_foute_ruimte_een_regel(tmp_path, capsys, tekst, woord):
    p = tmp_path / "r.toml"
    p.write_text(tekst, encoding="utf-8")
    assert cli.main(["optimaliseer", "leusden-2023", "--ruimte", str(p), "--replicaties", "2"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "r.toml" in err[0] and woord in err[0]


def test_gelijkheid_per_punt_gelijk_aan_die_van_simuleer(tmp_path):
    # The merged equity of a point equals that of a plain simulation of the same policy and worlds.
    from simulatie.gelijkheid import van_resultaat
    from simulatie.replicaties import simuleer

    g, r = _klein(tmp_path)
    (tmp_path / "klein.toml").write_text("", encoding="utf-8")  # simuleer hashes the scenario file
    o = optimaliseer(g, r, 3, 10)
    d = als_dict(o)
    assert d["strikt"]["gelijkheid"] == van_resultaat(simuleer(g, "strikt", 3))
    rij = {x["huishoudtype"]: x for x in d["strikt"]["gelijkheid"]["per_type"]}
    assert rij["alleenstaand"]["wachtweken_mediaan"] == 17  # as worked out above


def test_geschat_werk_is_wat_de_rooster_zoektocht_draait(tmp_path):
    from simulatie.optimalisatie.zoeken import geschat_werk

    g, r = _klein(tmp_path)
    o = optimaliseer(g, r, 3, 10)
    # A grid of 4 on 3 replications, plus strikt and flexibel on 3: exactly 18.
    assert o.gesimuleerde_replicaties == geschat_werk(r, 3, 10) == 18


def test_kandidaten_op_een_wereld_delen_die_trekking(monkeypatch):
    """A worker's pairs (candidate, replication), in replication order: each world is drawn once
    for all the candidates on it, and every pair's measures and equity equal those of that
    candidate simulated on its own (its world drawn for it, the reasons for who waits worked
    out): sharing the draw changes no number. Also when a chunk starts halfway a replication."""
    import simulatie.optimalisatie.zoeken as zoeken
    from simulatie.model import simuleer_replicatie
    from simulatie.optimalisatie.maten import rij
    from simulatie.gelijkheid import Gelijkheid
    from simulatie.replicaties import maak_invoer
    from simulatie.scenario import laad_scenario

    g = laad_scenario("leusden-2023")
    invoer = maak_invoer(g, 11)
    # (the last looks ahead: its expected households read the shared world too)
    beleiden = (g.beleid("strikt"), g.beleid("flexibel"), g.beleid("strikt").met(vooruit_maanden=6),
                g.beleid("flexibel").met(vooruitkijken_weken=8))
    paren = [(i, rep) for rep in range(3) for i in range(4)][3:]  # (starts with the last candidate of rep 0)
    getrokken = []
    echt = zoeken.trek_wereld
    monkeypatch.setattr(zoeken, "trek_wereld", lambda *a: getrokken.append(a[2]) or echt(*a))
    uit = zoeken._meet_brok(invoer, beleiden, paren)
    assert getrokken == [0, 1, 2]
    for (i, rep), (maten, gelijkheid) in zip(paren, uit, strict=True):
        u = simuleer_replicatie(invoer, beleiden[i], rep)
        assert np.array_equal(maten, rij(u, invoer), equal_nan=True)
        assert gelijkheid == Gelijkheid.van([u])


def test_meter_vult_elke_kandidaat_aan_in_replicatievolgorde():
    """Candidates that already ran different numbers of replications are each topped up to n,
    the new replications after the old in order, whatever the worker split; every row and the
    merged equity equal those of the candidate run alone on replications 0..n-1."""
    from simulatie.optimalisatie.zoeken import Kandidaat, _Meter
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import LokaleProcessen, Serieel

    g = laad_scenario("leusden-2023")
    namen = ("strikt", "flexibel", "flexibel")

    def kandidaten():
        return [Kandidaat(f"k{i}", (i,), g.beleid(n) if i < 2 else g.beleid(n).met(vooruit_maanden=3))
                for i, n in enumerate(namen)]

    alleen = kandidaten()
    for k in alleen:
        _Meter(g, 5, Serieel()).tot([k], 5)
    for uitvoerder in (Serieel(), LokaleProcessen(2)):
        ks = kandidaten()
        m = _Meter(g, 5, uitvoerder)
        m.tot(ks[:1], 2)
        m.tot(ks[1:2], 4)
        m.tot(ks, 5)  # from 2, 4 and 0 replications
        assert m.gesimuleerd == 2 + 4 + (3 + 1 + 5)
        for k, a in zip(ks, alleen, strict=True):
            assert k.replicaties == 5 and np.array_equal(k.rijen, a.rijen, equal_nan=True)
            assert k.gelijkheid == a.gelijkheid
