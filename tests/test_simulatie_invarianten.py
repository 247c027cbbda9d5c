"""Invariants of the simulation over generated worlds (hypothesis).

No person lost or counted twice across waitlist, TakeCareBNB, Nidos and housed; the stand
arithmetic holds every period; no dwelling is let to two households at once.
"""

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai, simuleer_replicatie
from simulatie.replicaties import SimResultaat, perioden, standen

MIX = [
    {"naam": "alleenstaand", "gewicht": 0.5, "volwassenen": 1},
    {"naam": "met nareizigers", "gewicht": 0.2, "volwassenen": 1, "nareizigers": [1, 4]},
    {"naam": "gezin", "gewicht": 0.2, "volwassenen": 2, "kinderen": [1, 4], "nareizigers": [0, 2]},
    {"naam": "eenouder", "gewicht": 0.1, "volwassenen": 1, "kinderen": [1, 3]},
]


@st.composite
def werelden(draw):
    sc = scenario(
        periode=[{"naam": "2023-1", "taakstelling": draw(st.integers(0, 40))},
                 {"naam": "2023-2", "taakstelling": draw(st.integers(0, 40))}],
        stand_start=draw(st.integers(-30, 30)),
        toewijzing={"ronde_dagen": draw(st.sampled_from([1, 7, 14])),
                    "verhuis_dagen": draw(st.integers(0, 30)),
                    "max_leegstand_dagen": draw(st.integers(0, 60))},
        aanbod={"woningen_per_jaar": draw(st.integers(0, 100)), "vervangen": draw(st.booleans()),
                "kern": {"Leusden": 0.9, "Achterveld": 0.1},
                "aangekondigd_aandeel": draw(st.floats(0, 1)), "aankondiging_dagen": [0, 60]},
        renovatie={"per_jaar": draw(st.integers(0, 4))},
        vraag={"samenstelling": MIX, "koppeling_factor": draw(st.floats(0, 2)),
               "weigering_kans": draw(st.floats(0, 0.5)),
               "buitenland_aandeel": draw(st.floats(0, 0.5)),
               "max_wachtlijst": draw(st.integers(0, 40)),
               "nareizigers_vertraging_dagen": [0, 200]},
        takecarebnb={"gastgezinnen": draw(st.integers(0, 5)), "kans": draw(st.floats(0, 1))},
        nidos={"groepen": [{"leeftijden": draw(st.lists(st.integers(12, 17), max_size=4)),
                            "kso_sinds": D(2023, 3, 1)}]},
    )
    n = draw(st.integers(0, 8))
    start = [hh(f"H{i}", D(2022, 12, 1), volw=draw(st.integers(1, 2)),
                kinderen=" ".join(f"{draw(st.sampled_from('jm'))}{draw(st.integers(0, 17))}"
                                  for _ in range(draw(st.integers(0, 3)))),
                nareizigers=draw(st.integers(0, 3))) for i in range(n)]
    ws = [woning(f"W{i}", draw(st.integers(0, 5)), D(2023, 1, 1) + __import__("datetime").timedelta(days=draw(st.integers(0, 200))),
                 soort=draw(st.sampled_from(["vrij", "nieuwbouw", "opzegging"])),
                 kern=draw(st.sampled_from(["Leusden", "Achterveld"])), huur=draw(st.floats(400, 800)))
          for i in range(draw(st.integers(0, 6)))]
    naam = draw(st.sampled_from(["strikt", "flexibel"]))
    modus = draw(st.sampled_from(["nu", "wachten", "vooruit"]))
    return sc, start, ws, beleid(naam, nareizigers=modus), draw(st.integers(0, 10**6))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(werelden())
def test_personen_behouden_en_nooit_dubbel_geteld(w):
    sc, start, ws, b, seed = w
    inv = invoer(sc, start, ws, seed=seed)
    t, wereld = draai(inv, b, 0)
    # Conservation: everyone who entered is in exactly one place (present or still abroad).
    aanwezig = sum(s.hh.personen + s.hh.nareizigers for s in t.huishoudens.values())
    assert aanwezig == t.personen_in
    # Counting: a household that has keys counted exactly its present members, once; others nothing.
    for s in t.huishoudens.values():
        heeft_woning = s.status == "gehuisvest" or (s.vervolg and s.woning is not None)
        assert s.geteld == (s.hh.personen if heeft_woning else 0), (s.status, s.vervolg)
    huishouden_boekingen = sum(b.personen for b in t.boekingen if b.bron in ("plaatsing", "nareizigers"))
    assert huishouden_boekingen == sum(s.geteld for s in t.huishoudens.values())
    # Nidos: every AMV counted at most once.
    nidos = sum(b.personen for b in t.boekingen if b.bron.startswith("nidos"))
    assert nidos <= len(wereld.amvs)
    # No dwelling held by two households, and none both held and on offer.
    bezet = Counter(s.woning.woning.id for s in t.huishoudens.values()
                    if s.woning is not None and (s.status == "gehuisvest" or s.vervolg))
    assert all(v == 1 for v in bezet.values())
    assert not (set(bezet) & set(t.aanbod))
    assert all(b.dag >= 0 for b in t.boekingen)
    assert 0 <= t.gasten <= sc.takecarebnb.gastgezinnen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(werelden())
def test_stand_rekenregel_elke_periode(w):
    sc, start, ws, b, seed = w
    inv = invoer(sc, start, ws, seed=seed)
    uit = [simuleer_replicatie(inv, b, r) for r in range(3)]
    res = SimResultaat.uit_uitkomsten("t", "", b.naam, seed, uit, inv)
    real, stand = standen(res)
    taak = np.array([p.taakstelling for p in sc.periode])
    assert (stand[:, 0] == sc.stand_start).all()
    assert (stand[:, 1:] == stand[:, :-1] + real[:, :-1] - taak[:-1]).all()
    p = perioden(res)
    for a, volgende in zip(p, p[1:]):
        assert abs(a["stand_eind"] - volgende["stand_start"]) < 1e-9
    for u in uit:
        assert sum(u.realisatie) == sum(b.personen for b in u.boekingen if b.dag < sc.horizon_dagen)
        assert u.bezetting_ok


def test_geen_simpy_afval_na_een_replicatie():
    """The collector is off during a replication (simulatie.model._afval_na_afloop): its
    reference cycles (SimPy environment, processes, events) must still be freed right after it,
    or memory would grow with the replications."""
    import gc

    import simpy

    from simulatie.model import simuleer_replicatie
    from simulatie.replicaties import maak_invoer
    from simulatie.scenario import laad_scenario

    g = laad_scenario("leusden-2023")
    invoer = maak_invoer(g)
    gc.collect()
    for rep in range(3):
        simuleer_replicatie(invoer, g.beleid("strikt"), rep)
        assert not [o for o in gc.get_objects() if isinstance(o, simpy.Environment)]
    assert gc.isenabled()
