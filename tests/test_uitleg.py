"""Reason codes: every placement says why it fits, every household left out says why not,
and `passend` lists exactly the dwellings that meet every hard rule."""

import datetime as dt
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import laad_beleid, wijs_toe
from matching.beleid import REGELCODES
from matching.regels import eerste_bezwaar, meest_bezwaar
from paren import PEIL, huishouden, ronde, woning
from matching.uitleg import NIVEAU_TEKST
from referentie import mag, ronde_st, score, weigeringen

D = dt.date
STRIKT = laad_beleid("strikt")
FLEXIBEL = laad_beleid("flexibel")


def redenen(t, hid) -> dict[str, str]:
    (p,) = [p for p in t.toewijzingen + t.niet_geplaatst if p.huishouden == hid]
    return {r.code: r.tekst for r in p.redenen}


def test_past_precies_en_wachttijd():
    gezin = huishouden("G", volwassenen=2, kinderen="j4 m7", koppeldatum=D(2022, 10, 1))  # strikt: 3 bedrooms
    t = wijs_toe([gezin], [woning("W3", slaapkamers=3, huur=690.0)], STRIKT, PEIL)
    r = redenen(t, "G")
    assert set(r) == {"telt_voor_taakstelling", "past_precies", "wacht_sinds"}
    assert r["telt_voor_taakstelling"].startswith("4 personen")
    assert r["past_precies"] == "past precies: 3 slaapkamers nodig, woning heeft er 3"
    assert "151 dagen" in r["wacht_sinds"]  # 1 Oct 2022 to 1 Mar 2023


def test_studio_past_precies_voor_een_persoon():
    # A studio has 0 bedrooms; a single person needs 1. It fits only because the policy counts a
    # studio as that one bedroom, and the reason must say so rather than "1 nodig, heeft er 0".
    t = wijs_toe([huishouden("A")], [woning("S", slaapkamers=0)], STRIKT, PEIL)
    assert STRIKT.studio_voor_alleenstaande
    assert redenen(t, "A")["past_precies"] == ("past precies: een studio telt onder dit beleid als 1 slaapkamer "
                                               "voor een alleenstaande (studio_voor_alleenstaande)")


def test_past_precies_met_een_slaapkamer_in_het_enkelvoud():
    t = wijs_toe([huishouden("A")], [woning("W1", slaapkamers=1)], STRIKT, PEIL)
    assert redenen(t, "A")["past_precies"] == "past precies: 1 slaapkamer nodig, woning heeft er 1"


def test_bezwaar_tegen_een_enkele_woning_in_het_enkelvoud():
    t = wijs_toe([huishouden("G", volwassenen=2, kinderen="j4 m7")], [woning("W1", slaapkamers=1)], STRIKT, PEIL)
    # strikt: the parents one bedroom, a boy and a girl one each (as in test_past_precies_en_wachttijd)
    assert redenen(t, "G") == {"te_weinig_slaapkamers": "te weinig slaapkamers (nodig 3): 1 van 1 woning"}


def test_slaapkamers_over():
    stel = huishouden("S", volwassenen=2)
    t = wijs_toe([stel], [woning("W2", slaapkamers=2)], STRIKT, PEIL)
    assert redenen(t, "S")["slaapkamers_over"] == "1 slaapkamer over (1 nodig, woning heeft er 2)"


def test_voorkeur_kern_gehonoreerd_en_gereserveerd():
    h = huishouden("H", voorkeur_kern="Achterveld")
    w = woning("NB", kern="Achterveld", soort="nieuwbouw", beschikbaar=D(2023, 5, 1))
    r = redenen(wijs_toe([h], [w], FLEXIBEL, PEIL), "H")
    assert r["voorkeur_kern_gehonoreerd"] == "voorkeur voor Achterveld gehonoreerd"
    assert r["gereserveerd"] == "nieuwbouw: beschikbaar per 2023-05-01, nu gereserveerd"


def test_vervolghuisvesting_nodig():
    h = huishouden("N", nareizigers=2)
    r = redenen(wijs_toe([h], [woning("W1")], STRIKT, PEIL), "N")
    assert "vervolghuisvesting_nodig" in r and "2 nareizigers" in r["vervolghuisvesting_nodig"]


def test_te_weinig_slaapkamers_met_aantallen():
    groot = huishouden("G", volwassenen=2, kinderen="j1 m3 j6 m8 j10 m12 j15")  # strikt: 5 bedrooms
    ww = [woning(f"W{i}", slaapkamers=k, huur=690.0) for i, k in enumerate([1, 2, 3, 4])]
    ww.append(woning("A5", slaapkamers=5, huur=690.0, kern="Achterveld"))
    t = wijs_toe([groot], ww, STRIKT, PEIL)
    (p,) = t.niet_geplaatst
    assert [(r.code, r.tekst) for r in p.redenen] == [
        ("te_weinig_slaapkamers", "te weinig slaapkamers (nodig 5): 4 van 5 woningen"),
        ("kern_niet_toegestaan", "kern valt buiten het beleid: 1 van 5 woningen"),
    ]
    assert p.passend == []


def test_passende_woning_vergeven_noemt_wie_en_waarom():
    oud = huishouden("OUD", koppeldatum=D(2022, 1, 10))
    nieuw = huishouden("NIEUW", koppeldatum=D(2022, 11, 1))
    t = wijs_toe([nieuw, oud], [woning("W1")], STRIKT, PEIL)
    assert redenen(t, "NIEUW") == {"passende_woning_vergeven": "W1 ging naar OUD (langer wachtend)"}
    # More persons outrank a longer wait.
    stel = huishouden("STEL", volwassenen=2, koppeldatum=D(2022, 12, 1))
    t = wijs_toe([oud, stel], [woning("W1")], STRIKT, PEIL)
    assert redenen(t, "OUD") == {"passende_woning_vergeven": "W1 ging naar STEL (meer personen)"}


def test_passende_woning_vergeven_om_passing():
    """Same persons, same wait: the three adults who need 3 bedrooms fit W3 exactly; the
    family that needs 2 would leave one spare."""
    gezin = huishouden("GEZIN", volwassenen=2, kinderen="j3")   # 3 persons, 2 bedrooms
    drie = huishouden("DRIE", volwassenen=3, partners=False)    # 3 persons, 3 bedrooms
    t = wijs_toe([gezin, drie], [woning("W3", slaapkamers=3, huur=690.0)], STRIKT, PEIL)
    assert redenen(t, "GEZIN") == {"passende_woning_vergeven": "W3 ging naar DRIE (betere passing)"}


def test_passende_woning_vergeven_bij_gelijkspel():
    """Fully equal candidates: the text says so instead of inventing a reason."""
    a = huishouden("A", volwassenen=2, kinderen="j3")
    b = huishouden("B", volwassenen=2, kinderen="m2")
    t = wijs_toe([a, b], [woning("W2", slaapkamers=2)], STRIKT, PEIL)
    (winnaar,) = [p.huishouden for p in t.toewijzingen]
    verliezer = ({"A", "B"} - {winnaar}).pop()
    assert redenen(t, verliezer) == {
        "passende_woning_vergeven": f"W2 ging naar {winnaar} (gelijkwaardig; vaste volgorde)"}


def test_wacht_op_nareizigers_en_nog_niet_in_nederland():
    wachten = laad_beleid("flexibel", {"flexibel": {"nareizigers": "wachten"}})
    t = wijs_toe([huishouden("N", nareizigers=1), huishouden("X", verblijf="buitenland")], [woning("W")], wachten, PEIL)
    assert redenen(t, "N") == {"wacht_op_nareizigers": "beleid wacht tot de nareizigers er zijn"}
    assert redenen(t, "X") == {"nog_niet_in_nederland": "huishouden is nog niet in Nederland"}


def test_huur_boven_grens_en_geen_woningen():
    gezin = huishouden("G", volwassenen=2)
    t = wijs_toe([gezin], [woning("DUUR", huur=700.0)], STRIKT, PEIL)
    assert [r.code for r in t.niet_geplaatst[0].redenen] == ["huur_boven_aftoppingsgrens"]
    t = wijs_toe([gezin], [], STRIKT, PEIL)
    assert [r.code for r in t.niet_geplaatst[0].redenen] == ["geen_woningen"]


def test_ouder_deelt_kamer_met_kind():
    t = wijs_toe([huishouden("O", kinderen="m4")], [woning("W1")], FLEXIBEL, PEIL)
    assert "ouder_deelt_kamer_met_kind" in redenen(t, "O")


@settings(max_examples=300, deadline=None)
@given(ronde_st(max_hh=10, max_w=8))
def test_elk_huishouden_een_keer_en_passend_exact(inst):
    hh, ww, beleid, peil = inst
    t = wijs_toe(hh, ww, beleid, peil)
    alle = t.toewijzingen + t.niet_geplaatst
    assert sorted(p.huishouden for p in alle) == sorted(h.id for h in hh)
    per_id = {h.id: h for h in hh}
    for p in alle:
        h = per_id[p.huishouden]
        assert p.passend == [w.id for w in ww if mag(h, w, beleid, peil)]
        assert p.redenen, "elk huishouden krijgt een reden"
        assert p.personen == h.personen
    for p in t.toewijzingen:
        assert p.woning in p.passend
        assert {"telt_voor_taakstelling", "wacht_sinds"} <= {r.code for r in p.redenen}
    bezet = {p.woning: p.huishouden for p in t.toewijzingen}
    per_w = {w.id: w for w in ww}

    def paar_termen(h, w):
        return score({0: 0}, [h], [w], beleid, peil)
    for p in t.niet_geplaatst:
        h = per_id[p.huishouden]
        codes = {r.code for r in p.redenen}
        if p.passend:
            # Left out although something fits: every fitting dwelling went to someone else.
            assert codes == {"passende_woning_vergeven"}
            assert len(p.redenen) == len(p.passend)
            for w, r in zip(p.passend, p.redenen):
                assert r.tekst.startswith(f"{w} ging naar {bezet[w]} (")
                # Swapping the loser in for the winner must not improve the plan (the order
                # is strict), and the reason named is the first level where they differ.
                winnaar, zelf = paar_termen(per_id[bezet[w]], per_w[w]), paar_termen(h, per_w[w])
                assert winnaar >= zelf
                niveau = next((n for n, a, b in zip(beleid.doel.volgorde, winnaar, zelf) if a != b), None)
                assert r.tekst.endswith(f"({NIVEAU_TEKST[niveau] if niveau else 'gelijkwaardig; vaste volgorde'})")
        else:
            assert "passende_woning_vergeven" not in codes
    assert t.samenvatting["personen_geplaatst"] == sum(p.personen for p in t.toewijzingen)
    assert t.samenvatting["huishoudens_geplaatst"] == len(t.toewijzingen)


@settings(max_examples=150, deadline=None)
@given(ronde_st(max_hh=6, max_w=6), st.randoms(use_true_random=False))
def test_eerste_bezwaar_is_eerste_weigerende_regel(inst, rnd):
    """Per pair, the first rule in the policy's order (shuffled too) that refuses it, read off
    the reference's own list of refusing rules; -1 where none does."""
    hh, ww, beleid, peil = inst
    regels = list(beleid.regels)
    rnd.shuffle(regels)
    beleid = beleid.met(regels=tuple(regels))
    uit = eerste_bezwaar(ronde(hh, ww, beleid, peil), beleid)
    assert uit.shape == (len(hh), len(ww))
    for i, h in enumerate(hh):
        for j, w in enumerate(ww):
            weigert = weigeringen(h, w, beleid, peil)
            if "nog_niet_in_nederland" in weigert:
                # A household has one blokkade: abroad comes before waiting for nareizigers
                # (the reference names both), whatever the order of the rules.
                weigert.discard("wacht_op_nareizigers")
            verwacht = next((REGELCODES.index(c) for c in regels if c in weigert), -1)
            assert uit[i, j] == verwacht, (i, j, weigert)


@given(st.lists(st.lists(st.integers(-1, 4), min_size=1, max_size=7), min_size=1, max_size=6)
       .filter(lambda rijen: len({len(r) for r in rijen}) == 1))
def test_meest_bezwaar_telt_als_counter(rijen):
    """The code met most along a household's row, ties to the one met first: as
    `Counter(rij).most_common(1)` counts it (the simulation's reasons for whoever still waits)."""
    m = np.array(rijen, np.int64)
    assert meest_bezwaar(m).tolist() == [Counter(r).most_common(1)[0][0] for r in rijen]
    assert meest_bezwaar(np.empty((3, 0), np.int64)).tolist() == [-1, -1, -1]
