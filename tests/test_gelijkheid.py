"""Equity per household type: classification, exact histogram medians, a mergeable accumulator."""

import random
from collections import Counter

import numpy as np

from simulatie.gelijkheid import Gelijkheid, mediaan
from simulatie.model import simuleer_replicatie
from simulatie.registratie import HUISHOUDTYPEN, Plaatsing, huishoudtype
from simulatie.replicaties import maak_invoer, samenvatting, simuleer
from simulatie.scenario import laad_scenario
from tests import simhulp as sh


def test_huishoudtype_volgens_de_regels():
    assert huishoudtype(1, 0, 0) == "alleenstaand"
    assert huishoudtype(1, 2, 0) == "eenoudergezin"
    assert huishoudtype(2, 0, 0) == "gezin"
    assert huishoudtype(2, 3, 0) == "gezin"
    assert huishoudtype(1, 0, 3) == "met_nareizigers"
    # 7 persons with those still to come: a large family first, whatever else applies.
    assert huishoudtype(1, 0, 6) == "groot_gezin"
    assert huishoudtype(2, 5, 0) == "groot_gezin"
    assert huishoudtype(2, 4, 0) == "gezin"


def test_begonnen_weken_kloppen_met_de_norm():
    # 84 days = exactly 12 weeks (within a 12-week norm); 85 days begins week 13.
    for dagen, geheel in ((0, 0), (1, 1), (7, 1), (84, 12), (85, 13)):
        p = Plaatsing(0, dagen / 7.0, "Leusden", float("nan"), False, "gezin")
        assert p.wachtweken_geheel == geheel
        assert (p.wachtweken_geheel <= 12) == (p.wachtweken <= 12)


def test_mediaan_gelijk_aan_numpy_inverted_cdf():
    rng = random.Random(4)
    for _ in range(200):
        x = [rng.randint(0, 40) for _ in range(rng.randint(1, 30))]
        assert mediaan(Counter(x)) == int(np.percentile(x, 50, method="inverted_cdf"))
    assert mediaan(Counter()) is None


def _uitkomsten(n=12):
    g = laad_scenario("leusden-2023")
    inv = maak_invoer(g)
    b = g.beleid("flexibel")
    return g, [simuleer_replicatie(inv, b, i) for i in range(n)]


def test_samenvoegen_in_elke_volgorde_gelijk_aan_alles_ineens():
    g, us = _uitkomsten()
    norm = g.sc.toewijzing.norm_weken
    heel = Gelijkheid.van(us).resultaat(norm)
    a, b, c = Gelijkheid.van(us[:3]), Gelijkheid.van(us[3:8]), Gelijkheid.van(us[8:])
    assert a.samenvoegen(b).samenvoegen(c).resultaat(norm) == heel
    assert c.samenvoegen(a.samenvoegen(b)).resultaat(norm) == heel
    assert Gelijkheid().samenvoegen(Gelijkheid.van(reversed(us))).resultaat(norm) == heel
    # Merging changes neither part.
    assert a.resultaat(norm) == Gelijkheid.van(us[:3]).resultaat(norm)


def test_gelijkheid_sluit_aan_op_de_kengetallen():
    g = laad_scenario("leusden-2023")
    res = simuleer(g, "strikt", 15, 5)
    s = samenvatting(res)
    # What the streaming optelling carries equals the accumulator over the full records.
    assert s["gelijkheid"] == Gelijkheid.van(res.uitkomsten).resultaat(g.sc.toewijzing.norm_weken)
    per = s["gelijkheid"]["per_type"]
    assert [r["huishoudtype"] for r in per] == list(HUISHOUDTYPEN)
    # Every placement has a type: summed over types, the placements and the share within the
    # norm are the pooled ones of the kengetallen (computed there on unrounded float weeks).
    plaatsingen = sum(r["plaatsingen"] for r in per)
    assert abs(plaatsingen - sum(len(u.plaatsingen) for u in res.uitkomsten) / 15) < 1e-6
    binnen = sum(r["aandeel_binnen_norm"] * r["plaatsingen"] for r in per if r["plaatsingen"])
    assert abs(binnen / plaatsingen - s["kpi"]["aandeel_binnen_norm"]) < 1e-3
    for u in res.uitkomsten:
        assert sum(u.wachtend_per_type.values()) <= u.wachtend_eind
        assert all(u.wachtend_per_type.get(t, 0) <= n for t, n in u.huishoudens_per_type.items())
    slechtste = max(r["wachtweken_mediaan"] for r in per if r["wachtweken_mediaan"] is not None)
    assert s["gelijkheid"]["slechtste_mediaan"] == slechtste


def test_groot_gezin_zonder_passende_woning_wacht_nog_aan_het_eind():
    sc = sh.scenario()
    d = sh.D(2023, 1, 1)
    hhs = [sh.hh("a", d, 2, "j3 m4 j5 m6 j7"), sh.hh("b", d, 1)]
    ws = [sh.woning("w1", 1, d)]
    u = simuleer_replicatie(sh.invoer(sc, hhs, ws), sh.beleid("strikt"), 0)
    assert u.huishoudens_per_type == {"alleenstaand": 1, "groot_gezin": 1}
    assert u.wachtend_per_type == {"groot_gezin": 1}
    r = Gelijkheid.van([u]).resultaat(sc.toewijzing.norm_weken)
    rij = {x["huishoudtype"]: x for x in r["per_type"]}
    assert rij["groot_gezin"]["aandeel_wachtend_eind"] == 1.0 and rij["groot_gezin"]["wachtweken_mediaan"] is None
    assert rij["alleenstaand"]["aandeel_wachtend_eind"] == 0.0 and rij["alleenstaand"]["plaatsingen"] == 1
    # Linked on the first day, a dwelling free that day, keys after the 14-day move: 2 weeks.
    assert rij["alleenstaand"]["wachtweken_mediaan"] == 2 and rij["alleenstaand"]["aandeel_binnen_norm"] == 1.0
