"""Regeling Huisvesting Grote Gezinnen: dwellings only for households of 6+ persons (a hard rule
of the engine, nareizigers still expected included), and the families housed before the
regeling ends with their amounts."""

import datetime as dt

from paren import eerste, huishouden, weigert
from paren import woning as paar_woning
from simhulp import D, beleid, hh, invoer, scenario, woning

from matching import laad_beleid
from matching.beleid import REGELCODES
from simulatie.model import draai, simuleer_replicatie
from simulatie.scenario import GroteGezinnen
from simulatie.aanbod import trek_opleveringen
from simulatie.wereld_records import KomendHuishouden, KomendeWoning, Wereld
from simulatie.registratie import Boeking

FLEX = laad_beleid("flexibel")
GROOT = paar_woning("G", slaapkamers=3, huur=650.0, min_personen=6)


def test_regel_weigert_kleinere_huishoudens():
    assert REGELCODES[-1] == "alleen_grote_gezinnen" and FLEX.regels[-1] == "alleen_grote_gezinnen"
    vijf, zes = huishouden("V", volwassenen=2, kinderen="j4 j6 m8"), huishouden("Z", volwassenen=2, kinderen="j4 j6 m8 m9")
    assert weigert(vijf, GROOT, FLEX) == {"alleen_grote_gezinnen"} and eerste(vijf, GROOT, FLEX) == "alleen_grote_gezinnen"
    assert weigert(zes, GROOT, FLEX) == set()
    # Four here and two nareizigers expected: the family the dwelling is for has 6 persons.
    assert weigert(huishouden("N", volwassenen=2, kinderen="j4 m8", nareizigers=2), GROOT, FLEX) == set()
    # Without the limit the five may have it.
    assert weigert(vijf, paar_woning("G", slaapkamers=3, huur=650.0), FLEX) == set()


def test_oplevering_voor_grote_gezinnen():
    sc = scenario(oplevering=[{"datum": D(2023, 6, 1), "slaapkamers": [4, 3], "grote_gezinnen": True},
                              {"datum": D(2023, 7, 1), "slaapkamers": [3]}],
                  grote_gezinnen={"min_personen": 7})
    assert [k.woning.min_personen for k in trek_opleveringen(sc, 1, 0)] == [7, 7, 0]
    zonder_tabel = scenario(oplevering=[{"datum": D(2023, 6, 1), "slaapkamers": [4], "grote_gezinnen": True}])
    assert trek_opleveringen(zonder_tabel, 1, 0)[0].woning.min_personen == 6


def test_bedragen_per_klasse():
    g = GroteGezinnen()
    assert [g.bedrag(n) for n in (5, 6, 7, 9, 10, 13)] == [0, 35_000, 35_000, 35_000, 50_000, 50_000]


START = D(2026, 9, 1)  # the regeling ends 15 Oct 2026: day 44


def _gezin(id, kinderen, dag=0, nar=0):
    h = hh(id, START - dt.timedelta(days=30) + dt.timedelta(days=dag), volw=2, kinderen=kinderen, nareizigers=nar)
    return KomendHuishouden(dag, h, False, None, (), 0, 0)


def _w(id, kamers, dag, min_personen=0):
    return KomendeWoning(dag, woning(id, kamers, START + dt.timedelta(days=dag), huur=650.0,
                                     min_personen=min_personen))


def test_gehuisvest_voor_het_eind_van_de_regeling_met_bedrag():
    sc = scenario(startdatum=START, periode=[{"naam": "2026-2", "taakstelling": 20}], grote_gezinnen={})
    huishoudens = [_gezin("G6", "j1 j3 m5 m7"),                      # 6 persons
                   _gezin("G10", "j1 j2 j3 m4 m5 m6 j7 m8"),         # 10 persons
                   _gezin("G7", "j1 j3 m5 m7 m9", dag=40)]           # 7 persons, linked on day 40
    woningen = [_w("W6", 3, 0, 6), _w("W10", 4, 0), _w("W7", 3, 50)]
    t, _ = draai(invoer(sc), beleid("flexibel"), 0, Wereld(0, woningen, huishoudens, []))
    # Day 0: G10 (most persons) and G6 housed, keys day 14 (15 Sep). G7: round day 56, keys day
    # 70 (10 Nov), after 15 Oct: not under the regeling.
    assert sorted(t.boekingen) == [Boeking(14, 6, "plaatsing"), Boeking(14, 10, "plaatsing"), Boeking(70, 7, "plaatsing")]
    assert t.tellers["grote_gezinnen_gehuisvest"] == 2
    assert t.tellers["grote_gezinnen_bedrag"] == 35_000 + 50_000
    # Without the [grote_gezinnen] table nothing is reported.
    sc0 = scenario(startdatum=START, periode=[{"naam": "2026-2", "taakstelling": 20}])
    t, _ = draai(invoer(sc0), beleid("flexibel"), 0, Wereld(0, woningen, huishoudens, []))
    assert "grote_gezinnen_gehuisvest" not in t.tellers


def test_vijf_personen_blijven_wachten_op_een_woning_voor_grote_gezinnen():
    sc = scenario(startdatum=START, periode=[{"naam": "2026-2", "taakstelling": 20}])
    wereld = Wereld(0, [_w("W", 3, 0, 6)], [_gezin("G5", "j1 j3 m5")], [])
    u = simuleer_replicatie(invoer(sc), beleid("flexibel"), 0, wereld)
    assert u.realisatie == [0] and u.wachtend_redenen == {"alleen_grote_gezinnen": 1}
