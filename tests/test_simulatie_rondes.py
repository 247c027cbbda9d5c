"""Allocation rounds (`simulatie/actoren/rondes.py`): a household holding a reservation ("houder") and a
sooner vacancy, worked out by hand.

Rounds are held at day 0.5, 7.5, 14.5, ... (the round of day d sees everything that arrived on
day d); keys follow `verhuis_dagen` = 14 days after the round, or on the day the dwelling comes
free if that is later. Under `flexibel` a dwelling up to 6 calendar months ahead is offered.
"""

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai
from simulatie.wereld_records import KomendHuishouden, KomendeWoning, Wereld
from simulatie.registratie import Boeking

SC = scenario()  # 2023-1 and 2023-2: horizon 365 days; nothing random left on


def _komend(h, dag=0):
    return KomendHuishouden(dag, h, False, None, (), 0, 0)


def _wereld(huishoudens, woningen):
    return Wereld(0, list(woningen), list(huishoudens))


# R: a new-build, known from day 0, free on day 100 (11 April 2023): reservable under flexibel.
R = KomendeWoning(0, woning("R", 1, D(2023, 4, 11), soort="nieuwbouw"))
# V: a vacancy with the same bedroom count, known and free on day 10 (11 January 2023).
V = KomendeWoning(10, woning("V", 1, D(2023, 1, 11)))


def test_vrijgekomen_reservering_gaat_terug_naar_het_aanbod():
    """A single (A) on the list at the start reserves R in the day-0 round (keys on day 100).
    V enters on day 10; in the day-14 round A holds R (free on 100 > 14 + 14) and takes V, the
    sooner one: keys on day 14 + 14 = 28. R goes back to the pool. B, a single linked on day 20,
    has only R to take: the day-21 round gives it R, keys on max(21 + 14, 100) = 100.
    Without R's return B would never be housed (no other dwelling exists)."""
    a = hh("A", D(2022, 12, 1))
    b = hh("B", D(2023, 1, 21))
    t, _ = draai(invoer(SC), beleid("flexibel"), 0, _wereld([_komend(a), _komend(b, dag=20)], [R, V]))
    assert t.huishoudens["A"].woning.woning.id == "V"
    assert t.huishoudens["B"].woning.woning.id == "R"
    assert sorted(t.boekingen) == [Boeking(28, 1, "plaatsing"), Boeking(100, 1, "plaatsing")]
    assert sorted(t.sleutels) == [(28, 1), (100, 1)]
    assert t.tellers["reservering_vervroegd"] == 1
    assert not t.aanbod  # both dwellings let, none lost or left over


def test_houder_wisselt_ook_als_niemand_anders_een_paar_heeft():
    """The holder A is the only household that can take anything in the day-14 round: it must
    still move to the sooner vacancy V (keys day 28, not day 100). Checked twice: with nobody
    else on the list, and with a waiting family (2 adults, 3 children: 3 bedrooms needed even
    under flexibel) for whom neither 1-bedroom dwelling is admissible."""
    a = hh("A", D(2022, 12, 1))
    gezin = hh("G", D(2022, 11, 1), volw=2, kinderen="j13 m14 j15")
    for huishoudens in ([_komend(a)], [_komend(a), _komend(gezin)]):
        t, _ = draai(invoer(SC), beleid("flexibel"), 0, _wereld(huishoudens, [R, V]))
        s = t.huishoudens["A"]
        assert s.status == "gehuisvest" and s.woning.woning.id == "V"
        assert t.boekingen == [Boeking(28, 1, "plaatsing")]
        assert t.tellers["reservering_vervroegd"] == 1
        # R is back in the pool, free for whoever comes next; the family still waits.
        assert set(t.aanbod) == {"R"}
        if len(huishoudens) == 2:
            assert t.huishoudens["G"].status == "wachtend"


def test_houder_houdt_reservering_zonder_snellere_woning():
    """Control: without V, A keeps R and gets its keys on the day R comes free (day 100)."""
    t, _ = draai(invoer(SC), beleid("flexibel"), 0, _wereld([_komend(hh("A", D(2022, 12, 1)))], [R]))
    assert t.boekingen == [Boeking(100, 1, "plaatsing")] and "reservering_vervroegd" not in t.tellers
