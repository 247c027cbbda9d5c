"""With all randomness off, the simulation reproduces arithmetic worked out by hand."""

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai, simuleer_replicatie
from simulatie.registratie import Boeking

# One short period (1 Jan - 11 Apr 2023, 100 days), stand -2, taakstelling 5.
SC = scenario(periode=[{"naam": "kort", "start": D(2023, 1, 1), "eind": D(2023, 4, 11), "taakstelling": 5}],
              stand_start=-2)
HUISHOUDENS = [
    hh("H1", D(2022, 12, 1), volw=2, kinderen="j5"),          # 3 persons, 2 bedrooms
    hh("H2", D(2022, 11, 1)),                                   # single, waits longest
    hh("H3", D(2022, 12, 15), nareizigers=1, verwacht=D(2023, 3, 1)),  # partner arrives day 59
]
WONINGEN = [
    woning("W1", 2, D(2023, 1, 1)),
    woning("W2", 1, D(2023, 1, 1)),
    woning("W3", 1, D(2023, 4, 1), soort="nieuwbouw"),         # day 90
]


def test_flexibel_reserveert_nieuwbouw_en_telt_bij_sleuteloverdracht():
    # Day 0 round: W1->H1, W2->H2 (equal persons, H2 waited longer), W3 reserved for H3.
    # Keys after 14 days: 3 + 1 persons on day 14. W3 on day 90: H3 now 2 persons
    # (partner arrived day 59 while matched). Realisatie 6, stand -2 + 6 - 5 = -1.
    t, _ = draai(invoer(SC, HUISHOUDENS, WONINGEN), beleid("flexibel"), 0)
    assert sorted(t.boekingen) == [Boeking(14, 1, "plaatsing"), Boeking(14, 3, "plaatsing"), Boeking(90, 2, "plaatsing")]
    u = simuleer_replicatie(invoer(SC, HUISHOUDENS, WONINGEN), beleid("flexibel"), 0)
    assert u.realisatie == [6]
    assert {s.hh.id: s.woning.woning.id for s in t.huishoudens.values()} == {"H1": "W1", "H2": "W2", "H3": "W3"}


def test_strikt_wacht_tot_de_woning_vrij_is():
    # W3 is offered only once vacant (day 90): the day-91 round matches H3, keys on day 105,
    # after the period's end (day 100, the horizon). Realisatie 4; H3 ends matched to W3.
    t, _ = draai(invoer(SC, HUISHOUDENS, WONINGEN), beleid("strikt"), 0)
    assert sorted(t.boekingen) == [Boeking(14, 1, "plaatsing"), Boeking(14, 3, "plaatsing")]
    h3 = t.huishoudens["H3"]
    assert h3.status == "gematcht" and h3.hh.personen == 2
    u = simuleer_replicatie(invoer(SC, HUISHOUDENS, WONINGEN), beleid("strikt"), 0)
    assert u.realisatie == [4]


def test_nareizigers_bij_gehuisvest_huishouden_tellen_bij_aankomst_en_vervolghuisvesting():
    # Strikt, "nu": a single with 3 nareizigers gets the 1-bedroom now (1 person on day 14);
    # the family (partner + 2 children) arrives on day 40 and counts then (3 persons); the
    # dwelling is now too small, so the household needs vervolghuisvesting. A 3-bedroom
    # becomes vacant on day 60: the move (round day 63, keys day 77) does not count again,
    # and the old dwelling returns to the pool.
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 4}])
    h = hh("H1", D(2022, 12, 1), nareizigers=3, verwacht=D(2023, 2, 10))
    ws = [woning("W1", 1, D(2023, 1, 1)), woning("W2", 3, D(2023, 3, 2))]
    inv = invoer(sc, [h], ws)
    t, wereld = draai(inv, beleid("strikt", max_extra_slaapkamers=5), 0)
    assert sorted(t.boekingen) == [Boeking(14, 1, "plaatsing"), Boeking(40, 3, "nareizigers")]
    s = t.huishoudens["H1"]
    assert s.woning.woning.id == "W2" and s.status == "gehuisvest" and s.geteld == 4
    assert t.tellers["vervolg_verhuizingen"] == 1 and "W1" in t.aanbod
    u = simuleer_replicatie(inv, beleid("strikt", max_extra_slaapkamers=5), 0)
    assert u.realisatie == [4]


def test_stand_rekenregel_over_perioden():
    # Leusden 2019: stand -4, geplaatst 31, taakstelling 22 -> stand 5 (seed table).
    from simulatie.replicaties import SimResultaat, perioden
    sc = scenario(periode=[{"naam": "2019-1", "taakstelling": 22}, {"naam": "2019-2", "taakstelling": 0}],
                  stand_start=-4, startdatum=D(2019, 1, 1))
    h = [hh(f"H{i}", D(2018, 12, 1)) for i in range(31)]
    w = [woning(f"W{i}", 1, D(2019, 1, 1)) for i in range(31)]
    inv = invoer(sc, h, w)
    u = simuleer_replicatie(inv, beleid("strikt"), 0)
    assert u.realisatie == [31, 0]
    res = SimResultaat.uit_uitkomsten("t", "", "strikt", 1, [u], inv)
    p = perioden(res)
    assert p[0]["stand_eind"] == 5 and p[1]["stand_start"] == 5 and p[1]["stand_eind"] == 5
