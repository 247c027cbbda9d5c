"""Doorstroomlocatie (since March 2024): persons count at entry, not again at the keys; places are
persons; the stay ends with the keys or after verblijf_maanden. Worked out by hand."""

import datetime as dt

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai, simuleer_replicatie
from simulatie.wereld import trek_wereld
from simulatie.wereld_records import KomendHuishouden, KomendeWoning, Wereld
from simulatie.registratie import Boeking

START = D(2024, 1, 1)  # 2024 is a leap year: 1 March is day 60


def _sc(**ds):
    return scenario(startdatum=START, periode=[{"naam": "2024-1", "taakstelling": 5},
                                               {"naam": "2024-2", "taakstelling": 5}],
                    doorstroomlocatie={"vanaf": D(2024, 3, 1), "plaatsen": 3, "verblijf_maanden": 6, **ds})


def _komend(id, dag, volw=1, doorstroom=True, nar=0, nar_dag=None, tcb=0):
    h = hh(id, START + dt.timedelta(days=dag), volw=volw, nareizigers=nar)
    return KomendHuishouden(dag, h, False, nar_dag, (), 0, tcb, 0, doorstroom)


def _wereld(huishoudens, woningen):
    return Wereld(0, list(woningen), list(huishoudens), [])


def _w(id, dag, kamers=1):
    return KomendeWoning(dag, woning(id, kamers, START + dt.timedelta(days=dag)))


def test_telt_bij_instroom_niet_opnieuw_bij_sleutels_en_plaatsen_zijn_personen():
    # Weekly rounds on days 0, 7, ...; keys 14 days after the round. 3 places (persons), 6 months.
    huishoudens = [
        _komend("C", 40),             # linked 10 Feb, before vanaf (1 Mar): stays with COA
        _komend("A", 70, volw=2),     # 11 Mar: the couple enters, 2 places taken; counts 2 now
        _komend("B", 75, volw=2),     # 2 + 2 > 3: no place, waits with COA
        _komend("D", 80),             # 21 Mar: 1 place left, enters; counts 1 now
        _komend("E", 220, volw=2),    # 8 Aug: A has its keys (day 217), so 2 places are free
        _komend("F", 230),            # D and E fill all 3 places
        _komend("G", 270),            # D's stay ended on 21 Sep (day 264): its place is free again
    ]
    woningen = [_w("W1", 100), _w("W2", 150), _w("W3", 200)]
    t, _ = draai(invoer(_sc()), beleid("strikt"), 0, _wereld(huishoudens, woningen))
    # Round 105: A and D count 0 (counted already), B 2, C 1 -> B (keys 119). Round 154: C (keys
    # 168). Round 203: A and D tie at 0, A waited longer -> A: keys 217, nothing booked again.
    assert t.boekingen == [Boeking(70, 2, "doorstroom"), Boeking(80, 1, "doorstroom"), Boeking(119, 2, "plaatsing"),
                           Boeking(168, 1, "plaatsing"), Boeking(220, 2, "doorstroom"), Boeking(270, 1, "doorstroom")]
    # A's dwelling is a dwelling used: its keys are recorded with the persons moving in.
    assert t.sleutels == [(119, 2), (168, 1), (217, 2)]
    assert t.huishoudens["A"].woning.woning.id == "W3" and t.huishoudens["A"].geteld == 2
    assert t.tellers["doorstroom_instroom"] == 4 and t.tellers["doorstroom_personen"] == 6
    assert t.tellers["doorstroom_verlopen"] == 1  # D: still waiting, counted, no longer in a place
    d = t.huishoudens["D"]
    assert d.status == "wachtend" and d.geteld == 1 and not d.in_doorstroom
    assert not t.huishoudens["F"].in_doorstroom and t.huishoudens["F"].geteld == 0
    assert t.doorstroom_bezet() == 3  # E and G
    u = simuleer_replicatie(invoer(_sc()), beleid("strikt"), 0, _wereld(huishoudens, woningen))
    assert u.realisatie == [2 + 1 + 2 + 1, 2 + 1]
    assert u.per_bron == {"doorstroom": 6, "plaatsing": 3}


def test_nareizigers_in_de_doorstroomlocatie_tellen_bij_aankomst_erna_bij_de_sleutels():
    sc = _sc(vanaf=D(2024, 1, 1), plaatsen=10, verblijf_maanden=3)
    huishoudens = [
        _komend("N", 10, nar=1, nar_dag=50),    # partner arrives while N is in the location
        _komend("M", 20, nar=1, nar_dag=150),   # stay ends 21 Apr (day 111); partner arrives day 150
    ]
    woningen = [_w("W1", 160), _w("W2", 200)]
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld(huishoudens, woningen))
    # Round 161: N counts 0 (both counted), M 1 (its partner) -> M, keys 175: the partner counts
    # then. Round 203: N, keys 217: nothing booked.
    assert t.boekingen == [Boeking(10, 1, "doorstroom"), Boeking(20, 1, "doorstroom"), Boeking(50, 1, "nareizigers"),
                           Boeking(175, 1, "plaatsing")]
    assert t.sleutels == [(175, 2), (217, 2)]
    assert t.tellers["doorstroom_nareizigers"] == 1 and t.tellers["doorstroom_verlopen"] == 2
    assert {s.hh.id: s.geteld for s in t.huishoudens.values()} == {"N": 2, "M": 2}


def test_gastgezin_gaat_voor_en_niet_getrokken_huishoudens_blijven_bij_het_coa():
    sc = _sc(vanaf=D(2024, 1, 1), plaatsen=10)
    sc = sc.model_copy(update={"takecarebnb": sc.takecarebnb.model_copy(update={"gastgezinnen": 1, "kans": 1.0})})
    huishoudens = [_komend("T", 10, tcb=100), _komend("U", 11, tcb=100), _komend("V", 12, doorstroom=False)]
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld(huishoudens, []))
    # T takes the only host family; U finds none and goes to the location; V was not drawn to go.
    assert t.boekingen == [Boeking(11, 1, "doorstroom")]
    assert t.tellers["tcb_verblijven"] == 1 and t.tellers["doorstroom_instroom"] == 1


def test_trekking_per_huishouden_verandert_de_rest_van_de_wereld_niet():
    mix = [{"naam": "alleen", "gewicht": 1.0, "volwassenen": 1}]
    zonder = scenario(startdatum=START, periode=[{"naam": "2024-1", "taakstelling": 40}],
                      vraag={"samenstelling": mix})
    met = scenario(startdatum=START, periode=[{"naam": "2024-1", "taakstelling": 40}],
                   vraag={"samenstelling": mix}, doorstroomlocatie={"vanaf": START, "plaatsen": 5, "kans": 0.5})
    a, b = trek_wereld(zonder, 7, 3, [], []), trek_wereld(met, 7, 3, [], [])
    assert [k.hh for k in a.huishoudens] == [k.hh for k in b.huishoudens] and len(a.huishoudens) > 20
    assert not any(k.doorstroom for k in a.huishoudens)
    getrokken = [k.doorstroom for k in b.huishoudens]
    assert 0 < sum(getrokken) < len(getrokken)
    assert getrokken == [k.doorstroom for k in trek_wereld(met, 7, 3, [], []).huishoudens]


def test_niemand_dubbel_geteld_over_getrokken_werelden():
    """With the location, a verbod with rooms and large-family dwellings in one world: every
    household counts its present persons once it has keys (at most that while waiting), and
    the bookings of households add up to what they counted."""
    from collections import Counter
    mix = [{"naam": "alleen", "gewicht": 0.5, "volwassenen": 1},
           {"naam": "nareizigers", "gewicht": 0.2, "volwassenen": 1, "nareizigers": [1, 3]},
           {"naam": "gezin", "gewicht": 0.3, "volwassenen": 2, "kinderen": [1, 5], "nareizigers": [0, 1]}]
    sc = scenario(startdatum=START, periode=[{"naam": "2024-1", "taakstelling": 30},
                                             {"naam": "2024-2", "taakstelling": 30}],
                  aanbod={"woningen_per_jaar": 30, "vervangen": True},
                  toewijzing={"max_leegstand_dagen": 28},
                  oplevering=[{"datum": D(2024, 4, 1), "slaapkamers": [4, 3], "grote_gezinnen": True}],
                  vraag={"samenstelling": mix, "nareizigers_vertraging_dagen": [0, 200]},
                  takecarebnb={"gastgezinnen": 2, "kans": 0.5},
                  doorstroomlocatie={"vanaf": D(2024, 2, 1), "plaatsen": 6, "verblijf_maanden": 3, "kans": 0.7},
                  voorrangsverbod={"vanaf": D(2024, 9, 1), "aandeel": 0.05, "kamers_per_jaar": 6})
    for rep in range(6):
        t, _ = draai(invoer(sc, seed=rep), beleid("flexibel" if rep % 2 else "strikt"), rep)
        for s in t.huishoudens.values():
            heeft_woning = s.status == "gehuisvest" or (s.vervolg and s.woning is not None)
            assert s.geteld == s.hh.personen if heeft_woning else s.geteld <= s.hh.personen
        eigen = sum(b.personen for b in t.boekingen if b.bron in ("plaatsing", "nareizigers", "doorstroom"))
        assert eigen == sum(s.geteld for s in t.huishoudens.values())
        bezet = Counter(s.woning.woning.id for s in t.huishoudens.values()
                        if s.woning is not None and (s.status == "gehuisvest" or s.vervolg))
        assert all(v == 1 for v in bezet.values())
