"""Solvers: every backend gives the same optimum, the optimum is what exhaustive search finds,
and no plan breaks a rule. Random rounds come from `referentie.ronde_st`; admissibility and
the objective are checked against the independent reference in `referentie.py`."""

import dataclasses
import datetime as dt
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from scipy.optimize import linear_sum_assignment

from matching import laad_beleid, wijs_toe
import doel_oud
from matching import trappen
from matching.doel import Bogen, DoelTeGroot, bogen
from matching.doelmatrix import doelmatrix
from matching.oplossers import (DICHT_CELLEN, EXACT_FLOAT, OPLOSSERS, SCIPY_ALTIJD_CELLEN, NietExact, Oplosser,
                                _op_bogen, _stroom, kies_oplosser, los_op, via_enkel, via_scipy)
from matching.regels import HuishoudenKenmerken, Ronde, WoningKenmerken, bezwaren, toelaatbaar
from matching.woningen import SOORTEN
from paren import PEIL, huishouden, ronde, woning
from referentie import (BELEIDEN, HUREN_LAAG, alle_plannen, mag, personen_voor_maat, ronde_st, score,
                        slaapkamers_ref, toelaatbaar_ref, weigeringen)

EIGENSCHAP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PERSONEN_DOEL = {"lexicografisch": False, "gewichten": {"personen": 1, "wachttijd": 0, "passing": 0, "voorkeur": 0}}
# Persons weighted so heavily that a round of a few households can pass 2**52: the objective is
# integer and exact in int64 (min-cost flow), but not in float64 (scipy).
ZWAAR_DOEL = {"lexicografisch": False,
              "gewichten": {"personen": 2**49, "wachttijd": 1, "beschikbaarheid": 1, "passing": 3, "voorkeur": 1}}
ZWARE_BELEIDEN = {n: b.met(doel=ZWAAR_DOEL) for n, b in BELEIDEN.items()}


def controleer(opl, ok: np.ndarray) -> None:
    """A plan as any solver returns it: no dwelling twice, every pair admissible, and the value
    it reports is the value of exactly these pairs (a household on two arcs would show here)."""
    plaats = opl.plaats
    assert plaats.shape == (ok.shape[0],)
    gebruikt = plaats[plaats >= 0]
    assert len(gebruikt) == len(set(gebruikt.tolist())), "woning twee keer gebruikt"
    assert all(ok[h, w] for h, w in enumerate(plaats.tolist()) if w >= 0), "ontoelaatbaar paar"
    waarde = {(h, w): v for h, w, v in zip(opl.bogen.hh.tolist(), opl.bogen.w.tolist(), opl.bogen.waarde.tolist())}
    assert opl.doelwaarde == sum(waarde[(h, w)] for h, w in enumerate(plaats.tolist()) if w >= 0)


@EIGENSCHAP
@given(ronde_st(max_hh=8, max_w=8))
def test_regels_gelijk_aan_referentie(inst):
    """The vectorised rules agree pair by pair with the rules written out one pair at a time."""
    hh, ww, beleid, peil = inst
    assert (toelaatbaar(ronde(hh, ww, beleid, peil), beleid) == toelaatbaar_ref(hh, ww, beleid, peil)).all()


def _willekeurige_ronde(rng: np.random.Generator, n_hh: int, n_w: int, gezin: bool, grote: bool) -> Ronde:
    """Arrays drawn directly (not from Huishouden objects), so every branch of the rules is hit:
    studios, large-family dwellings, kernen the policy does not know, every blokkade."""
    personen = rng.integers(1, 9, n_hh)
    hh = HuishoudenKenmerken(
        ids=np.array([f"H{i}" for i in range(n_hh)], dtype=object), personen=personen,
        personen_huur=personen + rng.integers(0, 2, n_hh), nodig=rng.integers(0, 5, n_hh),
        nodig_ruim=rng.integers(0, 6, n_hh), alleen=rng.random(n_hh) < 0.4, toegankelijk=rng.random(n_hh) < 0.2,
        koppeldag=rng.integers(18_000, 19_500, n_hh),
        voorkeur=rng.choice(np.array([None, "Leusden", "Achterveld", "Elders"], dtype=object), n_hh),
        blokkade=rng.integers(0, 3, n_hh), gezin=(personen + rng.integers(0, 4, n_hh)) if gezin else None)
    w = WoningKenmerken(
        ids=np.array([f"W{j}" for j in range(n_w)], dtype=object),
        kern=rng.choice(np.array(["Leusden", "Achterveld", "Elders"], dtype=object), n_w),
        slaapkamers=rng.integers(0, 7, n_w), huur=np.round(rng.uniform(400, 900, n_w), 2),
        beschikbaar=19_000 + rng.integers(-60, 400, n_w), soort=rng.integers(0, len(SOORTEN), n_w),
        toegankelijk=rng.random(n_w) < 0.3, min_personen=(rng.integers(0, 2, n_w) * 7) if grote else None)
    return Ronde(hh, w, 19_000 + int(rng.integers(0, 60)))


@EIGENSCHAP
@given(st.integers(0, 2**32), st.integers(1, 12), st.integers(1, 12), st.booleans(), st.booleans(),
       st.sampled_from(sorted(BELEIDEN)), st.booleans())
def test_toelaatbaar_is_geen_enkel_bezwaar(seed, n_hh, n_w, gezin, grote, naam, studio):
    """The fast admissibility matrix equals 'no rule in `bezwaren` refuses', rule by rule as the
    explanations use them."""
    beleid = BELEIDEN[naam].met(studio_voor_alleenstaande=studio)
    r = _willekeurige_ronde(np.random.default_rng(seed), n_hh, n_w, gezin, grote)
    verwacht = np.ones((n_hh, n_w), bool)
    for weigert in bezwaren(r, beleid).values():
        verwacht &= ~weigert
    assert (toelaatbaar(r, beleid) == verwacht).all()


def _zelfde_bogen(r: Ronde, ok: np.ndarray, beleid) -> None:
    try:
        oud = doel_oud.bogen(r, ok, beleid)
    except doel_oud.DoelTeGroot:
        with pytest.raises(DoelTeGroot):
            bogen(r, ok, beleid)
        return
    nieuw = bogen(r, ok, beleid)
    assert (nieuw.hh == oud.hh).all() and (nieuw.w == oud.w).all()
    assert nieuw.waarde.dtype == np.int64 and (nieuw.waarde == oud.waarde).all()
    assert (nieuw.exact, nieuw.grens) == (oud.exact, oud.grens)
    assert nieuw.termen.keys() == oud.termen.keys()
    assert all((nieuw.termen[k] == oud.termen[k]).all() for k in oud.termen)


@EIGENSCHAP
@given(st.integers(0, 2**32), st.integers(1, 14), st.integers(1, 14), st.sampled_from(sorted(BELEIDEN)),
       st.sampled_from([None, ZWAAR_DOEL, PERSONEN_DOEL]), st.integers(0, 3))
def test_gewichten_gelijk_aan_oude_berekening(seed, n_hh, n_w, naam, doel, toegezegd):
    """The weights, bound, exact levels and per-arc values equal the level-by-level computation
    from before issue 14 (tests/doel_oud.py): same optimum, same ties, same explanations."""
    beleid = BELEIDEN[naam] if doel is None else BELEIDEN[naam].met(doel=doel)
    r = _willekeurige_ronde(np.random.default_rng(seed), n_hh, n_w, True, True)
    if toegezegd:
        r = Ronde(dataclasses.replace(r.hh, toegezegd=np.arange(n_hh) >= n_hh - toegezegd), r.w, r.peildag)
    _zelfde_bogen(r, toelaatbaar(r, beleid), beleid)
    _zelfde_bogen(r, np.zeros((n_hh, n_w), bool), beleid)


@EIGENSCHAP
@given(ronde_st(max_hh=10, max_w=10))
def test_oplossers_zelfde_optimum(inst):
    hh, ww, beleid, peil = inst
    r = ronde(hh, ww, beleid, peil)
    ok = toelaatbaar(r, beleid)
    uit = {naam: los_op(r, beleid, naam, ok=ok) for naam in ("auto", "stroom", "scipy")}
    for opl in uit.values():
        controleer(opl, ok)
        assert all(mag(hh[h], ww[w], beleid, peil) for h, w in enumerate(opl.plaats.tolist()) if w >= 0)
    assert uit["auto"].doelwaarde == uit["stroom"].doelwaarde == uit["scipy"].doelwaarde
    assert uit["auto"].oplosser == kies_oplosser(len(hh), len(ww), uit["auto"].bogen)
    if not ok.any():
        assert uit["auto"].oplosser == "leeg"
    elif len(hh) == 1 or len(ww) == 1:
        assert uit["auto"].oplosser == "enkel"


@settings(max_examples=60, deadline=None)
@given(ronde_st(max_hh=8, max_w=8))
def test_cpsat_zelfde_optimum(inst):
    hh, ww, beleid, peil = inst
    r = ronde(hh, ww, beleid, peil)
    ok = toelaatbaar(r, beleid)
    cpsat, stroom = los_op(r, beleid, "cpsat", ok=ok), los_op(r, beleid, "stroom", ok=ok)
    controleer(cpsat, ok)
    assert cpsat.status == "OPTIMAL"
    assert cpsat.doelwaarde == stroom.doelwaarde


@settings(max_examples=400, deadline=None)
@given(ronde_st(max_hh=5, max_w=4, huren=HUREN_LAAG, koppel_dagen=30, min_hh=2, min_w=2,
                beleiden=("strikt", "flexibel", "strikt_vooruit", "ruim", "ruim")))
def test_optimum_gelijk_aan_uitputtend_zoeken(inst):
    """The engine's plan is the best of every possible plan, compared as a tuple in the
    policy's strict order (persons, days waited, ... see `referentie.score`). Short waits make
    ties on the higher levels common, so the lower levels get to decide."""
    hh, ww, beleid, peil = inst
    ok = toelaatbaar_ref(hh, ww, beleid, peil)
    beste = max(score(p, hh, ww, beleid, peil) for p in alle_plannen(ok))
    t = wijs_toe(hh, ww, beleid, peil)
    hid = {h.id: i for i, h in enumerate(hh)}
    wid = {w.id: j for j, w in enumerate(ww)}
    plan = {hid[p.huishouden]: wid[p.woning] for p in t.toewijzingen}
    assert score(plan, hh, ww, beleid, peil) == beste
    # And the solver's own value is the brute-force maximum of the same arc values.
    r = ronde(hh, ww, beleid, peil)
    opl = los_op(r, beleid, ok=ok)
    waarde = dict(zip(zip(opl.bogen.hh.tolist(), opl.bogen.w.tolist()), opl.bogen.waarde.tolist()))
    assert opl.doelwaarde == max(sum(waarde[x] for x in p.items()) for p in alle_plannen(ok))


def _alleen_personen(naam: str):
    return BELEIDEN[naam].met(doel=PERSONEN_DOEL)


PERSONEN_BELEIDEN = {n: _alleen_personen(n) for n in BELEIDEN}


@EIGENSCHAP
@given(ronde_st(max_hh=14, max_w=14))
def test_personen_doel_gelijk_aan_onafhankelijke_toewijzing(inst):
    """On the pure persons objective the persons housed equal a separate assignment solve on
    a persons matrix built from the reference rules, not from the engine's arrays."""
    hh, ww, lexicografisch, peil = inst
    beleid = PERSONEN_BELEIDEN[lexicografisch.naam]
    personen = np.array([[h.personen if mag(h, w, beleid, peil) else 0 for w in ww] for h in hh], float)
    rij, kol = linear_sum_assignment(personen, maximize=True)
    verwacht = int(personen[rij, kol].sum())
    r = ronde(hh, ww, beleid, peil)
    for oplosser in ("auto", "stroom", "scipy"):
        opl = los_op(r, beleid, oplosser)
        assert int(r.hh.personen[opl.plaats >= 0].sum()) == verwacht
    # The default lexicographic objective houses exactly as many persons.
    assert wijs_toe(hh, ww, lexicografisch, peil).samenvatting["personen_geplaatst"] == verwacht


@settings(max_examples=100, deadline=None)
@given(ronde_st(max_hh=40, max_w=40, beleiden=("ruim", "flexibel")))
def test_grotere_rondes_stroom_gelijk_aan_scipy(inst):
    hh, ww, beleid, peil = inst
    r = ronde(hh, ww, beleid, peil)
    ok = toelaatbaar(r, beleid)
    stroom, scipy_ = los_op(r, beleid, "stroom", ok=ok), los_op(r, beleid, "scipy", ok=ok)
    controleer(stroom, ok)
    assert stroom.doelwaarde == scipy_.doelwaarde


def test_plan_noemt_elk_huishouden_een_keer():
    hh = [huishouden(f"H{i}", volwassenen=1 + i % 2) for i in range(6)]
    ww = [woning(f"W{j}", slaapkamers=1) for j in range(3)]
    t = wijs_toe(hh, ww, "strikt", PEIL)
    ids = [p.huishouden for p in t.toewijzingen + t.niet_geplaatst]
    assert sorted(ids) == sorted(h.id for h in hh)
    assert t.samenvatting["personen_geplaatst"] == 6  # the three couples
    assert {p.huishouden for p in t.toewijzingen} == {"H1", "H3", "H5"}



# ---------------------------------------------------------------- dispatch and the float64 guard



@settings(max_examples=200, deadline=None)
@given(ronde_st(max_hh=12, max_w=12, min_hh=2, min_w=2))
def test_bewaking_boven_2_52(inst):
    """Above 2**52 auto never picks scipy (it may solve in exact stages, `trapsgewijs`) and still
    finds the flow's (int64-exact) optimum; scipy asked for by name is refused with a Dutch
    line, not run."""
    hh, ww, gewoon, peil = inst
    beleid = ZWARE_BELEIDEN[gewoon.naam]
    r = ronde(hh, ww, beleid, peil)
    ok = toelaatbaar(r, beleid)
    auto, stroom = los_op(r, beleid, "auto", ok=ok), los_op(r, beleid, "stroom", ok=ok)
    controleer(auto, ok)
    assert auto.doelwaarde == stroom.doelwaarde
    if auto.bogen.grens >= EXACT_FLOAT:
        assert auto.oplosser in ("stroom", "trapsgewijs")
        with pytest.raises(NietExact, match="niet exact.*2\\^52.*kies oplosser auto of stroom"):
            los_op(r, beleid, "scipy", ok=ok)
    elif ok.any():
        assert los_op(r, beleid, "scipy", ok=ok).doelwaarde == auto.doelwaarde


def test_bewaking_is_nodig():
    """The guard is not a formality: on a round whose objective passes 2**53, scipy's float64
    sums cannot tell two plans apart that int64 (and the flow) can."""
    beleid = BELEIDEN["strikt"].met(doel={"lexicografisch": False, "gewichten": {
        "personen": 2**53, "wachttijd": 1, "beschikbaarheid": 0, "passing": 0, "voorkeur": 0}})
    # Two single persons for one dwelling: H1 has waited one day longer, so it must win.
    hh = [huishouden("H0", koppeldatum=PEIL), huishouden("H1", koppeldatum=PEIL - dt.timedelta(days=1))]
    r = ronde(hh, [woning("W0", slaapkamers=1)], beleid, PEIL)
    b = los_op(r, beleid, "stroom").bogen
    assert b.grens >= EXACT_FLOAT and b.waarde[1] == b.waarde[0] + 1
    assert float(b.waarde[1]) == float(b.waarde[0])  # float64 sees a tie: its pick is luck
    assert los_op(r, beleid, "auto").plaats.tolist() == [-1, 0]  # enkel: exact in int64
    with pytest.raises(NietExact):
        los_op(r, beleid, "scipy")


def _bogen(n_hh: int, n_w: int, aantal: int, grens: int) -> Bogen:
    cel = np.arange(aantal)
    return Bogen(cel // n_w, cel % n_w, np.ones(aantal, np.int64), {}, (), grens)


@pytest.mark.parametrize("n_hh, n_w, dichtheid, grens, verwacht", [
    (60, 80, 0.4, 2**41, "scipy"),       # issue 14: Leusden size went to the flow by cell count alone
    (60, 80, 0.4, 2**52, "stroom"),      # the same round with an objective float64 cannot carry
    (24, 19, 0.5, 2**34, "scipy"),
    (300, 300, 0.003, 2**30, "scipy"),   # small: scipy at any density
    (1000, 1000, 0.81, 2**51, "scipy"),
    (1000, 1000, 0.05, 2**38, "stroom"),  # large and sparse: the flow pays per arc, scipy per cell
    (1, 80, 0.5, 2**60, "enkel"),
    (60, 80, 0.0, 0, "leeg"),
])
def test_keuze_naar_vorm_en_grens(n_hh, n_w, dichtheid, grens, verwacht):
    assert kies_oplosser(n_hh, n_w, _bogen(n_hh, n_w, int(dichtheid * n_hh * n_w), grens)) == verwacht


def test_keuze_grens_van_dichtheid():
    """Just above the always-scipy size, density decides, on both sides of the measured crossover."""
    n = int(SCIPY_ALTIJD_CELLEN ** 0.5) + 10
    kiezen = [kies_oplosser(n, n, _bogen(n, n, int(d * n * n), 2**40)) for d in (0.01, 0.05, 0.2, 0.5)]
    assert kiezen == ["stroom", "stroom", "scipy", "scipy"]


def test_oplosser_namen_ongewijzigd():
    """Issue 11: the names as an enum, equal to the strings users type and outputs show."""
    assert [o.value for o in Oplosser] == ["auto", "stroom", "scipy", "cpsat", "enkel", "leeg", "trapsgewijs"]
    assert OPLOSSERS == ("auto", "stroom", "scipy", "cpsat")
    assert f"{Oplosser.STROOM}" == "stroom" and Oplosser("scipy") is Oplosser.SCIPY

# ---------------------------------------------------------------- woningdelen (CP-SAT)

DELEN = laad_beleid("strikt", {"strikt": {"woningdelen": True}})


def plan(t) -> set[tuple[str, str]]:
    return {(p.huishouden, p.woning) for p in t.toewijzingen}


def test_twee_alleenstaanden_delen_een_woning():
    a, b = huishouden("A"), huishouden("B")
    w = woning("W2", slaapkamers=2)
    assert wijs_toe([a, b], [w], "strikt", PEIL).toewijzingen == []  # no single in a family home
    t = wijs_toe([a, b], [w], DELEN, PEIL)
    assert t.oplosser == "cpsat"
    assert plan(t) == {("A", "W2"), ("B", "W2")}
    assert t.samenvatting["woningen_gebruikt"] == 1 and t.samenvatting["personen_geplaatst"] == 2
    assert all("woning_gedeeld" in {r.code for r in p.redenen} for p in t.toewijzingen)


def test_alleenstaande_krijgt_gezinswoning_niet_alleen():
    t = wijs_toe([huishouden("A")], [woning("W2", slaapkamers=2)], DELEN, PEIL)
    assert t.toewijzingen == []


def test_gezin_deelt_nooit():
    """Family of three (2 bedrooms) waiting shortest against two singles waiting long: the
    family's three persons beat the singles' two, and nobody joins the family."""
    gezin = huishouden("G", volwassenen=2, kinderen="j5", koppeldatum=PEIL)
    a = huishouden("A", koppeldatum=PEIL.replace(year=2021))
    b = huishouden("B", koppeldatum=PEIL.replace(year=2021, month=2))
    t = wijs_toe([a, b, gezin], [woning("W2", slaapkamers=2)], DELEN, PEIL)
    assert plan(t) == {("G", "W2")}
    # With a second 2-bedroom dwelling the singles share that one.
    t = wijs_toe([a, b, gezin], [woning("W2", slaapkamers=2), woning("V2", slaapkamers=2)], DELEN, PEIL)
    bezetting = Counter(p.woning for p in t.toewijzingen)
    assert t.samenvatting["personen_geplaatst"] == 5 and sorted(bezetting.values()) == [1, 2]
    assert next(p.woning for p in t.toewijzingen if p.huishouden == "G") not in {
        p.woning for p in t.toewijzingen if p.huishouden != "G"}


def test_delen_tot_max_delers_en_slaapkamers():
    singles = [huishouden(f"S{i}", koppeldatum=PEIL.replace(year=2022, month=1 + i)) for i in range(4)]
    t = wijs_toe(singles, [woning("W2", slaapkamers=2)], DELEN, PEIL)
    assert plan(t) == {("S0", "W2"), ("S1", "W2")}  # two longest waiting
    drie = laad_beleid("strikt", {"strikt": {"woningdelen": True, "max_delers": 3, "max_extra_slaapkamers": 2}})
    t = wijs_toe(singles, [woning("W3", slaapkamers=3)], drie, PEIL)
    assert plan(t) == {("S0", "W3"), ("S1", "W3"), ("S2", "W3")}
    t = wijs_toe(singles, [woning("W2", slaapkamers=2)], drie, PEIL)
    assert len(t.toewijzingen) == 2  # never more sharers than bedrooms


def _delen_brute(hh, ww, beleid, peil):
    """Best (persons, days waited) over every plan with shared dwellings, from the rules: a
    dwelling holds one admissible household, or 2..min(max_delers, bedrooms) single persons
    each allowed by every rule except the spare-bedroom rule."""
    import itertools

    def alleen(h):
        return personen_voor_maat(h, beleid) == 1 and slaapkamers_ref(h, beleid) == 1

    def deel_mag(h, w):
        return alleen(h) and w.slaapkamers >= 2 and weigeringen(h, w, beleid, peil) <= {"te_veel_slaapkamers"}

    keuzes = [[-1] + [j for j, w in enumerate(ww) if mag(h, w, beleid, peil) or deel_mag(h, w)] for h in hh]
    beste = (0, 0)
    for combi in itertools.product(*keuzes):
        groepen: dict[int, list[int]] = {}
        for i, j in enumerate(combi):
            if j >= 0:
                groepen.setdefault(j, []).append(i)
        geldig = True
        for j, leden in groepen.items():
            w = ww[j]
            if len(leden) == 1:
                geldig &= mag(hh[leden[0]], w, beleid, peil)
            else:
                geldig &= len(leden) <= min(beleid.max_delers, w.slaapkamers) and all(
                    deel_mag(hh[i], w) or (alleen(hh[i]) and mag(hh[i], w, beleid, peil)) for i in leden)
        if geldig:
            s = score({i: j for i, j in enumerate(combi) if j >= 0}, hh, ww, beleid, peil)[:2]
            beste = max(beste, s)
    return beste


DEEL_BELEIDEN = {
    "strikt": DELEN,
    "flexibel": laad_beleid("flexibel", {"flexibel": {"woningdelen": True, "max_delers": 3}}),
}


@settings(max_examples=60, deadline=None)
@given(ronde_st(max_hh=5, max_w=3, huren=HUREN_LAAG), st.sampled_from(sorted(DEEL_BELEIDEN)))
def test_woningdelen_gelijk_aan_uitputtend_zoeken(inst, naam):
    hh, ww, _, peil = inst
    beleid = DEEL_BELEIDEN[naam]
    t = wijs_toe(hh, ww, beleid, peil)
    hid = {h.id: i for i, h in enumerate(hh)}
    wid = {w.id: j for j, w in enumerate(ww)}
    bezet = Counter(p.woning for p in t.toewijzingen)
    for p in t.toewijzingen:
        h, w = hh[hid[p.huishouden]], ww[wid[p.woning]]
        if bezet[p.woning] > 1:
            assert personen_voor_maat(h, beleid) == 1, "alleen alleenstaanden delen"
            assert bezet[p.woning] <= min(beleid.max_delers, w.slaapkamers)
        else:
            assert mag(h, w, beleid, peil)
    plan_ = {hid[p.huishouden]: wid[p.woning] for p in t.toewijzingen}
    assert score(plan_, hh, ww, beleid, peil)[:2] == _delen_brute(hh, ww, beleid, peil)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(ronde_st(max_hh=6, max_w=5, huren=HUREN_LAAG, koppel_dagen=20, min_hh=3, min_w=2))
def test_optimum_uitputtend_lang(inst):
    test_optimum_gelijk_aan_uitputtend_zoeken.hypothesis.inner_test(inst)


# ---------------------------------------------------------------- dense objective and exact stages


@EIGENSCHAP
@given(st.integers(0, 2**32), st.integers(1, 14), st.integers(1, 14), st.sampled_from(sorted(BELEIDEN)),
       st.sampled_from([None, ZWAAR_DOEL, PERSONEN_DOEL]), st.integers(0, 3), st.floats(0, 1))
def test_doelmatrix_gelijk_aan_bogen(seed, n_hh, n_w, naam, doel, toegezegd, uitdunnen):
    """The dense objective holds the arc values of `bogen` at the admissible pairs and 0
    elsewhere, with the same bound and exact levels; scipy on it places exactly as scipy on the
    matrix scattered from the arcs did before (same matrix, so the same tie-breaking)."""
    beleid = BELEIDEN[naam] if doel is None else BELEIDEN[naam].met(doel=doel)
    rng = np.random.default_rng(seed)
    r = _willekeurige_ronde(rng, n_hh, n_w, True, True)
    if toegezegd:
        r = Ronde(dataclasses.replace(r.hh, toegezegd=np.arange(n_hh) >= n_hh - toegezegd), r.w, r.peildag)
    ok = toelaatbaar(r, beleid) & (rng.random((n_hh, n_w)) >= uitdunnen * 0.5)
    b, d = bogen(r, ok, beleid), doelmatrix(r, ok, beleid)
    verwacht = np.zeros((n_hh, n_w), np.int64)
    verwacht[b.hh, b.w] = b.waarde
    assert d.waarde.dtype == np.int64 and (d.waarde == verwacht).all()
    assert (d.exact, d.grens, len(d)) == (b.exact, b.grens, len(b))
    hi, wi, waarde = d.bogen()
    assert (hi == b.hh).all() and (wi == b.w).all() and (waarde == b.waarde).all()
    if len(b) and b.grens < EXACT_FLOAT:
        rij, kol = linear_sum_assignment(verwacht.astype(np.float64), maximize=True)
        echt = verwacht[rij, kol] > 0
        plaats = np.full(n_hh, -1)
        plaats[rij[echt]] = kol[echt]
        assert via_scipy(n_hh, n_w, d)[0].tolist() == plaats.tolist()
        assert via_scipy(n_hh, n_w, b)[0].tolist() == plaats.tolist()
    if len(b):
        beste = int(np.argmax(b.waarde))   # enkel: the first best arc
        plaats, waarde, _ = via_enkel(d)
        assert plaats[b.hh[beste]] == b.w[beste] and waarde == b.waarde[beste]


@pytest.mark.parametrize("n_hh, n_w, naam", [(150, 150, "flexibel"), (140, 160, "strikt"), (1, 20_000, "flexibel"),
                                            (200, 110, "ruim"), (160, 140, "personen")])
def test_grote_ronde_dichte_weg_zelfde_plaatsing(n_hh, n_w, naam):
    """From DICHT_CELLEN cells on, los_op builds the dense matrix instead of the arcs: the
    placement is the one the arcs gave (scipy on the same matrix, enkel on the same order)."""
    assert n_hh * n_w >= DICHT_CELLEN
    beleid = PERSONEN_BELEIDEN["strikt"] if naam == "personen" else BELEIDEN[naam]
    rng = np.random.default_rng(n_hh * n_w)
    r = _willekeurige_ronde(rng, n_hh, n_w, True, True)
    ok = toelaatbaar(r, beleid) | (rng.random((n_hh, n_w)) < 0.05)   # any mask will do; never empty
    opl = los_op(r, beleid, ok=ok)
    b = bogen(r, ok, beleid)
    verwacht = _op_bogen(n_hh, n_w, b, kies_oplosser(n_hh, n_w, b))
    controleer(opl, ok)
    assert opl.doelwaarde == verwacht.doelwaarde
    if opl.oplosser != "trapsgewijs":   # the dense path's own method: only the optimum must agree
        assert opl.oplosser == verwacht.oplosser and opl.plaats.tolist() == verwacht.plaats.tolist()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 12), st.integers(1, 12), st.sampled_from([20, 80]))
def test_doelmatrix_veel_slaapkamers(seed, n_hh, n_w, kamers):
    """Dwellings with 16 or more bedrooms take the plain masked passes instead of the bit flags
    (and a wide bedroom table): the same values."""
    rng = np.random.default_rng(seed)
    r = _willekeurige_ronde(rng, n_hh, n_w, False, False)
    r = Ronde(r.hh, dataclasses.replace(r.w, slaapkamers=rng.integers(0, kamers, n_w)), r.peildag)
    ok = rng.random((n_hh, n_w)) < 0.5
    b, d = bogen(r, ok, BELEIDEN["flexibel"]), doelmatrix(r, ok, BELEIDEN["flexibel"])
    verwacht = np.zeros((n_hh, n_w), np.int64)
    verwacht[b.hh, b.w] = b.waarde
    assert (d.waarde == verwacht).all() and (d.exact, d.grens) == (b.exact, b.grens)


def _lexicografisch(rng: np.random.Generator, n_hh: int, n_w: int, niveaus: int, bereik: int, dichtheid: float):
    """A random objective in `niveaus` levels with terms 0..bereik (small: many ties on the
    higher levels, so the lower ones decide), weighted lexicographically as `doel.weeg` does;
    per level (weight, bound), highest first."""
    ok = rng.random((n_hh, n_w)) < dichtheid
    termen = rng.integers(0, bereik + 1, (niveaus, n_hh, n_w))
    grenzen = [min(n_hh, n_w) * bereik] * niveaus
    gew, g = [], 1
    for grens in reversed(grenzen):
        gew.insert(0, g)
        g *= grens + 1
    waarde = np.einsum("l,lij->ij", np.array(gew, np.int64), termen) * ok
    return waarde, ok, tuple(zip(gew, grenzen))


def _flow_optimum(waarde: np.ndarray, ok: np.ndarray) -> int:
    hi, wi = np.nonzero(ok)
    return _stroom(ok.shape[0], ok.shape[1], hi, wi, waarde[hi, wi])[1]


def _controleer_plan(plaats: np.ndarray, waarde: np.ndarray, ok: np.ndarray) -> int:
    gebruikt = plaats[plaats >= 0]
    assert len(gebruikt) == len(set(gebruikt.tolist())), "woning twee keer gebruikt"
    h = np.flatnonzero(plaats >= 0)
    assert ok[h, plaats[h]].all(), "ontoelaatbaar paar"
    return int(waarde[h, plaats[h]].sum())


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 25), st.integers(1, 25), st.integers(2, 4), st.integers(1, 3),
       st.sampled_from([0.1, 0.3, 0.6, 1.0]))
def test_trappen_zelfde_optimum_als_stroom(seed, n_hh, n_w, niveaus, bereik, dichtheid):
    """Solving level by level (every level its own stage, so the duals, the tight pairs and the
    bonus for the columns every optimum uses are all exercised, in both orientations) finds
    the same optimum value as min-cost flow on the whole int64 objective."""
    waarde, ok, per_niveau = _lexicografisch(np.random.default_rng(seed), n_hh, n_w, niveaus, bereik, dichtheid)
    stappen = [(g, b) for g, b in per_niveau[:-1]] + [(1, per_niveau[-1][1])]
    plaats = trappen.via_trappen(waarde, stappen)
    assert plaats is not None
    assert _controleer_plan(plaats, waarde, ok) == _flow_optimum(waarde, ok)


def test_trappen_plan():
    # The 1,000 x 1,000 round of the benchmark: persons .. availability fit below 2**52, then fit.
    niveaus = ((141125121274203, 2221), (952242001, 148202), (4001, 238000), (1, 4000))
    assert trappen.plan(niveaus, 1000) == [(4001, 78375411015065), (1, 4000)]
    # A weight that is no multiple of the one below cannot split there: no plan, the flow solves.
    assert trappen.plan(((3 * 2**50 + 1, 2000), (2**50, 2000), (1, 2**40)), 1000) is None
    # The lower levels reaching the divisor: H would not dominate, no split.
    assert trappen.plan(((2**60, 10), (2**20, 2**41)), 1000) is None


@settings(max_examples=150, deadline=None)
@given(ronde_st(max_hh=12, max_w=12, min_hh=2, min_w=2, koppel_dagen=30))
def test_trapsgewijs_via_auto_zelfde_optimum(inst):
    """Above 2**52 (persons weighted 2**49) auto solves in exact stages where the weights split;
    the optimum is the flow's, and the plan is admissible."""
    hh, ww, gewoon, peil = inst
    beleid = ZWARE_BELEIDEN[gewoon.naam]
    r = ronde(hh, ww, beleid, peil)
    ok = toelaatbaar(r, beleid)
    d = doelmatrix(r, ok, beleid)
    if d.grens < EXACT_FLOAT or not ok.any():
        return
    stappen = trappen.plan(d.niveaus, min(ok.shape))
    assert stappen is not None and len(stappen) == 2
    plaats = trappen.via_trappen(d.waarde, stappen)
    stroom = los_op(r, beleid, "stroom", ok=ok)
    assert _controleer_plan(plaats, d.waarde, ok) == stroom.doelwaarde
    auto = los_op(r, beleid, "auto", ok=ok)
    assert auto.doelwaarde == stroom.doelwaarde
    controleer(auto, ok)


def test_trapsgewijs_valt_terug_op_stroom(monkeypatch):
    """When a stage's duals do not settle within their limit (no proof that the float solve was
    optimal), the round goes to the flow: the same optimum, and the output names the flow."""
    rng = np.random.default_rng(200 * 110)
    r = _willekeurige_ronde(rng, 200, 110, True, True)
    beleid = BELEIDEN["ruim"]
    ok = toelaatbaar(r, beleid) | (rng.random((200, 110)) < 0.05)
    gewoon = los_op(r, beleid, ok=ok)
    assert gewoon.oplosser == "trapsgewijs"
    monkeypatch.setattr(trappen, "MAX_RONDEN", 0)
    terug = los_op(r, beleid, ok=ok)
    assert terug.oplosser == "stroom" and terug.doelwaarde == gewoon.doelwaarde
    controleer(terug, ok)
