"""One small scenario per actor: TakeCareBNB, Nidos, COA koppelingen, refusals, nareizigers."""

import datetime as dt

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai
from simulatie.wereld_records import AMV, KomendHuishouden, KomendeWoning, Wereld
from simulatie.registratie import Boeking


def _wereld(huishoudens=(), woningen=(), amvs=()):
    return Wereld(0, list(woningen), list(huishoudens), list(amvs))


def _komend(h, dag=0, weigert=False, nar_dag=None, in_nl=0, tcb=0):
    return KomendHuishouden(dag, h, weigert, nar_dag, (), in_nl, tcb)


def test_takecarebnb_verblijf_eindigt_met_woning_of_verloopt():
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}], takecarebnb={"gastgezinnen": 1, "kans": 1.0})
    a, b = hh("A", D(2022, 12, 1)), hh("B", D(2022, 12, 2))
    # A stays with the only host family; a dwelling for A comes on day 30 (keys day 44 after the
    # day-35 round... round days are 0,7,...,35 -> keys 35 + 14 = 49). B finds no host.
    w = KomendeWoning(30, woning("W1", 1, D(2023, 1, 31)))
    t, _ = draai(invoer(sc), beleid("strikt"), 0,
                 _wereld([_komend(a, tcb=100), _komend(b, tcb=100)], [w]))
    assert t.tellers["tcb_verblijven"] == 1 and "tcb_verlopen" not in t.tellers
    assert t.boekingen == [Boeking(49, 1, "plaatsing")] and t.gasten == 0
    # Without a dwelling the stay runs out and the guest is back on the list, uncounted.
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld([_komend(a, tcb=60)]))
    assert t.tellers["tcb_verlopen"] == 1 and t.boekingen == [] and t.huishoudens["A"].status == "wachtend"


def test_nidos_telt_15_plus_bij_instroom_en_jongere_bij_eigen_woning():
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}, {"naam": "2023-2", "taakstelling": 2}])
    w0, w1 = woning("N0", 1, D(2023, 6, 1)), woning("N1", 0, D(2023, 11, 17))  # days 151 and 320
    amvs = [AMV("A0", 10, 16, 200, w0), AMV("A1", 10, 14, 300, w1), AMV("A2", -100, 17, 100),
            AMV("A3", 20, 15, 250)]
    t, _ = draai(invoer(sc), beleid("flexibel"), 0, _wereld(amvs=amvs))
    # A0 counts at move-in (day 10); A3 is exactly 15 at move-in, so it counts then too (day 20);
    # A1 (14 at move-in) counts at its own dwelling, which comes free after its outflow (day 320);
    # A2 moved in before the start (counted then) and got no dwelling: it does not count again.
    assert sorted(t.boekingen) == [Boeking(10, 1, "nidos_kso"), Boeking(20, 1, "nidos_kso"), Boeking(320, 1, "nidos_woning")]
    assert t.tellers["nidos_uitstroom"] == 2 and t.tellers["nidos_reserveringen"] == 2
    assert t.tellers["nidos_zonder_woning"] == 2
    # Keys of the reserved dwellings: A0 on its outflow day (the dwelling was free before), A1 when
    # its dwelling comes free.
    assert sorted(t.sleutels) == [(200, 1), (320, 1)]


def test_nidos_signaal_reserveert_een_woning_uit_het_aanbod():
    """WSL reserves, after the signal, the one-person dwelling free closest before the outflow,
    and takes it out of the supply, so the regular list never sees it."""
    from simulatie.vraag import reserveer_voor_amvs
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}, {"naam": "2023-2", "taakstelling": 2}],
                  nidos={"signaal_dagen": 182})
    komend = [KomendeWoning(10, woning("V1", 1, D(2023, 1, 20))),    # known before the signal (day 18)
              KomendeWoning(40, woning("V2", 2, D(2023, 2, 20))),    # too big for one person
              KomendeWoning(50, woning("V3", 1, D(2023, 3, 1))),     # day 59: fits, before the outflow
              KomendeWoning(90, woning("V4", 0, D(2023, 5, 1))),     # day 120: fits, closest before outflow
              KomendeWoning(250, woning("V5", 1, D(2023, 9, 10)))]   # after the outflow
    amv = AMV("A0", -300, 17, 200)
    amvs, rest = reserveer_voor_amvs(sc, [amv], komend)
    assert amvs[0].woning.id == "V4"
    assert [k.woning.id for k in rest] == ["V1", "V2", "V3", "V5"]
    # No dwelling before the outflow: the first one after it.
    amvs, rest = reserveer_voor_amvs(sc, [amv], [komend[0], komend[1], komend[4]])
    assert amvs[0].woning.id == "V5"
    # Outflow after the horizon: nothing reserved within it.
    amvs, rest = reserveer_voor_amvs(sc, [AMV("A9", -300, 17, 400)], komend)
    assert amvs[0].woning is None and len(rest) == len(komend)


def test_coa_koppelt_niet_bij_volle_wachtlijst():
    # The 2021 mechanism: a list full of households that cannot move blocks new koppelingen.
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}], vraag={"max_wachtlijst": 2})
    abroad = [_komend(hh(f"B{i}", D(2022, 12, 1)), in_nl=400) for i in range(2)]
    nieuw = [_komend(hh(f"N{i}", D(2023, 2, 1)), dag=31) for i in range(3)]
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld(abroad + nieuw))
    assert t.tellers["niet_gekoppeld"] == 3
    assert {s.status for s in t.huishoudens.values()} == {"buitenland"}


def test_weigering_laat_woning_voor_volgende_huishouden():
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}])
    a, b = hh("A", D(2022, 11, 1)), hh("B", D(2022, 12, 1))
    w = KomendeWoning(0, woning("W1", 1, D(2023, 1, 1)))
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld([_komend(a, weigert=True), _komend(b)], [w]))
    # A (longest waiting) is offered W1 on day 0 and refuses; B gets it on day 7, keys day 21.
    assert t.huishoudens["A"].status == "vertrokken" and t.tellers["weigeringen"] == 1
    assert t.boekingen == [Boeking(21, 1, "plaatsing")]


def test_wachten_op_nareizigers_blokkeert_tot_aankomst():
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}])
    h = hh("A", D(2022, 12, 1), nareizigers=1)
    w = KomendeWoning(0, woning("W1", 1, D(2023, 1, 1)))
    t, _ = draai(invoer(sc), beleid("strikt", nareizigers="wachten"), 0, _wereld([_komend(h, nar_dag=50)], [w]))
    # Partner arrives day 50; first round after: day 56; keys day 70; 2 persons count.
    assert t.boekingen == [Boeking(70, 2, "plaatsing")]


def test_woning_die_niemand_past_gaat_terug_naar_regulier():
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}],
                  toewijzing={"ronde_dagen": 7, "verhuis_dagen": 14, "max_leegstand_dagen": 28})
    h = hh("A", D(2022, 12, 1))
    w = KomendeWoning(0, woning("W4", 4, D(2023, 1, 1)))
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld([_komend(h)], [w]))
    assert t.tellers["woningen_terug_regulier"] == 1 and not t.aanbod and t.boekingen == []


def test_visum_pas_na_passende_woning_of_na_15_maanden():
    # A single with a partner abroad. Visa switch on: the partner travels only once the household
    # has a dwelling fitting both (then 30 days travel), or 456 days after koppeling.
    sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}, {"naam": "2023-2", "taakstelling": 2}],
                  vraag={"visum_na_passende_woning": True, "visum_reis_dagen": [30, 30]})
    h = hh("A", D(2022, 12, 1), nareizigers=1)
    w = KomendeWoning(0, woning("W1", 1, D(2023, 1, 1)))
    k = KomendHuishouden(0, h, False, 10, (), 0, 0, 30)
    # vooruit: a 1-bedroom fits the couple -> keys day 14, partner arrives day 44 and counts then.
    t, _ = draai(invoer(sc), beleid("flexibel"), 0, _wereld([k], [w]))
    assert t.boekingen == [Boeking(14, 1, "plaatsing"), Boeking(44, 1, "nareizigers")]
    # Without the switch the partner would have come on day 10 (before the keys) and moved in with A.
    sc_uit = scenario(periode=sc.periode)
    t, _ = draai(invoer(sc_uit), beleid("flexibel"), 0, _wereld([k], [w]))
    assert t.boekingen == [Boeking(14, 2, "plaatsing")]
    # A studio does not fit a couple: under "nu" the visa waits for the 456-day limit.
    w0 = KomendeWoning(0, woning("S1", 0, D(2023, 1, 1)))
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld([k], [w0]))
    assert t.boekingen == [Boeking(14, 1, "plaatsing")] and t.huishoudens["A"].hh.nareizigers == 1


def test_ronde_bij_elke_vacature():
    # With rounds at each vacancy a dwelling known on day 3 is matched on day 3 (keys day 17),
    # not at the next weekly round on day 7 (keys day 21).
    a = hh("A", D(2022, 12, 1))
    w = KomendeWoning(3, woning("W1", 1, D(2023, 1, 4)))
    for bij_vacature, sleutel in ((False, 21), (True, 17)):
        sc = scenario(periode=[{"naam": "2023-1", "taakstelling": 2}],
                      toewijzing={"ronde_bij_vacature": bij_vacature})
        t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld([_komend(a)], [w]))
        assert t.boekingen == [Boeking(sleutel, 1, "plaatsing")]


def test_terug_naar_regulier_op_de_dag_van_de_regel():
    """A dwelling nobody fits goes back at the first round on or after max(its day, the start)
    + max_leegstand_dagen (rounds on days 0, 7, 14, ...; 28 days): one free from before the
    start (day -10) on day 28, not counting the days before the start; one free from day 7 on
    day 35, not a round later. Read off by ending the horizon just before and just after."""
    sc0 = dict(periode=[{"naam": "2023-1", "taakstelling": 2}],
               toewijzing={"ronde_dagen": 7, "verhuis_dagen": 14, "max_leegstand_dagen": 28})
    h = hh("A", D(2022, 12, 1))
    vroeg = KomendeWoning(0, woning("W1", 4, D(2022, 12, 22)))
    later = KomendeWoning(0, woning("W2", 4, D(2023, 1, 8)))
    in_aanbod = {}
    for einde in (28, 29, 35, 36):
        sc = scenario(einddatum=D(2023, 1, 1) + dt.timedelta(days=einde), **sc0)
        t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld([_komend(h)], [vroeg, later]))
        in_aanbod[einde] = sorted(t.aanbod)
    assert in_aanbod == {28: ["W1", "W2"], 29: ["W2"], 35: ["W2"], 36: []}
