"""IBT-vooruitzicht: every expected probability below is worked out by hand from the ladder's rules."""

from __future__ import annotations

import pytest

from simulatie.ibt import (LadderFout, ladder, ladders, lees_historie, per_replicatie, reeks_uit_historie,
                           vooruitzicht, zin)


def per(naam, kans, extra_kans=None, extra=0, **kw):
    return {"periode": naam, "kans_totaalopgave_gehaald": kans, "extra_opgave": extra,
            "kans_inclusief_extra_opgave_gehaald": kans if extra_kans is None else extra_kans,
            "volledig": True, "verplicht": True, **kw}


def kansen(v, i=0):
    b = [x for x in v["beoordelingen"] if x["beoordeeld"]][i]
    return {int(t): k for t, k in b["kans_trede"].items() if k}


def test_presets_laden_en_dekken_elke_uitkomst():
    alle = ladders()
    assert {"standaard", "utrecht", "zuid-holland", "noord-brabant"} <= set(alle)
    for lad in alle.values():
        assert lad.treden == 6 and len(lad.namen) == 6
    # Utrecht's thresholds are not public: the preset as a whole is an assumption.
    assert ladder("utrecht").aanname is True
    assert "niet leesbaar gepubliceerd" in ladder("utrecht").bron


def test_standaard_een_trede_per_beoordeling():
    # trede 3, P(met) = 0.62: met -> 2, not met -> 4.
    v = vooruitzicht("standaard", 3, [per("2023-1", 0.62)])
    assert kansen(v) == pytest.approx({2: 0.62, 4: 0.38})
    assert v["volgende"]["meest_waarschijnlijk"] == 2
    assert v["volgende"]["verwachte_trede"] == pytest.approx(2 * 0.62 + 4 * 0.38)


def test_standaard_twee_perioden_onafhankelijk():
    # After 2023-1: {2: .62, 4: .38}. After 2023-2 with P = .5: 2 -> 1 or 3, 4 -> 3 or 5:
    # 1: .31, 3: .31 + .19 = .50, 5: .19.
    v = vooruitzicht("standaard", 3, [per("2023-1", 0.62), per("2023-2", 0.5)])
    assert kansen(v, 1) == pytest.approx({1: 0.31, 3: 0.50, 5: 0.19})


def test_per_replicatie_houdt_samenhang_tussen_perioden():
    # Two replications: one meets both periods, the other neither. Marginals are 0.5 each, but
    # jointly trede 3 ends at 1 or 5, never at 3 (independent would give 1: .25, 3: .5, 5: .25).
    reps = {"perioden": ["2023-1", "2023-2"], "gehaald": [[1, 1], [0, 0]], "extra_gehaald": [[0, 0], [0, 0]]}
    pp = [per("2023-1", 0.5), per("2023-2", 0.5)]
    assert kansen(vooruitzicht("standaard", 3, pp, replicaties=reps), 1) == pytest.approx({1: 0.5, 5: 0.5})
    assert kansen(vooruitzicht("standaard", 3, pp), 1) == pytest.approx({1: 0.25, 3: 0.5, 5: 0.25})


def test_ladder_blijft_binnen_1_en_6():
    assert kansen(vooruitzicht("standaard", 1, [per("2023-1", 1.0)])) == {1: 1.0}
    assert kansen(vooruitzicht("standaard", 6, [per("2023-1", 0.0)])) == {6: 1.0}
    with pytest.raises(LadderFout):
        vooruitzicht("standaard", 7, [per("2023-1", 0.5)])


def test_utrecht_voorsprong_naar_trede_1():
    # Trede 3, P(totaalopgave) = .62, P(incl. extra opgave 11) = .20:
    # extra met -> 1 (.20); met without extra -> 2 (.42); not met -> 4 (.38).
    v = vooruitzicht("utrecht", 3, [per("2022-2", 0.62, 0.20, extra=11)])
    assert kansen(v) == pytest.approx({1: 0.20, 2: 0.42, 4: 0.38})
    # Without extra opgave there is no lead to reward: one step down.
    v = vooruitzicht("utrecht", 3, [per("2023-1", 0.62, 0.62, extra=0)])
    assert kansen(v) == pytest.approx({2: 0.62, 4: 0.38})


def test_zuid_holland_vier_halfjaren_op_rij():
    lad = "zuid-holland"
    drie_niet = lees_historie("2021-1=niet,2021-2=niet,2022-1=niet")
    # Fourth failure in a row: past trede 3 -> 4 (.7); met -> 2 (.3).
    assert kansen(vooruitzicht(lad, 3, [per("2022-2", 0.3)], drie_niet)) == pytest.approx({2: 0.3, 4: 0.7})
    # Only two in a row (a met half-year in between): not met stays capped at 3.
    twee_niet = lees_historie("2021-1=niet,2021-2=gehaald,2022-1=niet")
    assert reeks_uit_historie(twee_niet) == 1
    assert kansen(vooruitzicht(lad, 3, [per("2022-2", 0.3)], twee_niet)) == pytest.approx({2: 0.3, 3: 0.7})
    # Below trede 3 a failure still climbs one step, the cap does not pull anyone up.
    assert kansen(vooruitzicht(lad, 1, [per("2022-2", 0.0)])) == {2: 1.0}
    # Two failures before, then two more for sure: 3 (capped, 3rd in a row) then 4 (4th in a row).
    twee = lees_historie("2021-2=niet,2022-1=niet")
    v = vooruitzicht(lad, 3, [per("2022-2", 0.0), per("2023-1", 0.0)], twee)
    assert kansen(v, 0) == {3: 1.0} and kansen(v, 1) == {4: 1.0}


def test_noord_brabant_bevriest_bij_verschoonbaar_tekort():
    lad = "noord-brabant"
    p = [per("2023-1", 0.6)]
    assert kansen(vooruitzicht(lad, 2, p, verschoonbaar=1.0)) == pytest.approx({1: 0.6, 2: 0.4})
    assert kansen(vooruitzicht(lad, 2, p, verschoonbaar=0.0)) == pytest.approx({1: 0.6, 3: 0.4})
    # Half a chance of an excusable shortfall: .4 x .5 stays, .4 x .5 climbs.
    assert kansen(vooruitzicht(lad, 2, p, verschoonbaar={"2023-1": 0.5})) == pytest.approx({1: 0.6, 2: 0.2, 3: 0.2})
    # In the standard ladder 'verschoonbaar' changes nothing.
    assert kansen(vooruitzicht("standaard", 2, p, verschoonbaar=1.0)) == pytest.approx({1: 0.6, 3: 0.4})


def test_perioden_zonder_beoordeling():
    v = vooruitzicht("standaard", 3, [per("2026-1", 0.5), per("2026-2", None, verplicht=False),
                                      per("2027-1", 0.5, volledig=False)])
    assert [b["beoordeeld"] for b in v["beoordelingen"]] == [True, False, False]
    assert v["volgende"]["periode"] == "2026-1"


def test_historie_lezen_en_fouten():
    h = lees_historie("2022-1=niet; 2021-2=verschoonbaar,2021-1=gehaald")
    assert [x["periode"] for x in h] == ["2021-1", "2021-2", "2022-1"]
    assert h[1] == {"periode": "2021-2", "gehaald": False, "verschoonbaar": True}
    assert reeks_uit_historie(h) == 2
    with pytest.raises(LadderFout, match="PERIODE=gehaald"):
        lees_historie("2022-1=misschien")
    with pytest.raises(LadderFout, match="onbekende ladder"):
        ladder("friesland")


def test_ladderbestand_wordt_gecontroleerd(tmp_path):
    pad = tmp_path / "l.toml"
    pad.write_text('[x]\ntreden = 6\n[[x.regels]]\nals = { gehaald = true }\ndan = "omlaag"\n', encoding="utf-8")
    with pytest.raises(LadderFout, match="geen regel voor gehaald=False"):
        ladders(pad)
    pad.write_text('[x]\ntreden = 6\n[[x.regels]]\nals = { regen = true }\ndan = "omlaag"\n', encoding="utf-8")
    with pytest.raises(LadderFout, match="onbekende voorwaarde 'regen'"):
        ladders(pad)


def test_leusden_10_november_2022_utrecht():
    """The backtest scenario (peildatum 10 Nov 2022, trede 3 after 2022-1): per replication
    and from the summary the outlook agrees with the summary's own probabilities."""
    from simulatie.replicaties import samenvatting, simuleer
    from simulatie.scenario import laad_scenario

    res = simuleer(laad_scenario("leusden-2022-2"), replicaties=40)
    s = samenvatting(res)
    reps = per_replicatie(res)
    p = s["perioden"][0]
    n = len(reps["gehaald"])
    assert sum(r[0] for r in reps["gehaald"]) / n == pytest.approx(p["kans_totaalopgave_gehaald"])
    assert sum(r[0] for r in reps["extra_gehaald"]) / n == pytest.approx(p["kans_inclusief_extra_opgave_gehaald"])
    historie = lees_historie("2021-2=niet,2022-1=niet")
    a = vooruitzicht("utrecht", 3, s["perioden"], historie, replicaties=reps)
    b = vooruitzicht("utrecht", 3, s["perioden"], historie)
    assert a["volgende"]["kans_trede"] == b["volgende"]["kans_trede"]
    k = {int(t): x for t, x in a["volgende"]["kans_trede"].items()}
    assert k[1] == pytest.approx(p["kans_inclusief_extra_opgave_gehaald"], abs=1e-4)
    assert k[2] == pytest.approx(p["kans_totaalopgave_gehaald"] - p["kans_inclusief_extra_opgave_gehaald"], abs=1e-4)
    assert k[4] == pytest.approx(1 - p["kans_totaalopgave_gehaald"], abs=1e-4)
    assert k[3] == k[5] == k[6] == 0
    assert "Leusden staat nu op trede 3" in zin(a, "Leusden")
