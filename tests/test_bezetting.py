"""Bedrooms a household needs, under the presets strikt and flexibel, worked out by hand.

strikt: at most 2 children a room, same gender only; no parent-child sharing; nareizigers
'nu' (size for who is here). flexibel: 3 a room, mixed while all are under 12; a single parent
takes one child under 12 into their room; nareizigers 'vooruit' (size for the whole family).
"""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from matching import Huishouden, Kind, laad_beleid
from matching.bezetting import deelt_ouder_met_kind, kinderkamers, slaapkamers_nodig
from matching.huishoudens import lees_kinderen
from referentie import BELEIDEN, huishouden_st, min_kinderkamers, slaapkamers_ref

STRIKT = laad_beleid("strikt")
FLEXIBEL = laad_beleid("flexibel")
WACHTEN = laad_beleid("flexibel", {"flexibel": {"nareizigers": "wachten"}})
DAG = dt.date(2022, 10, 1)


def hh(volwassenen=1, kinderen="", nareizigers=0, partners=None) -> Huishouden:
    return Huishouden("H", DAG, volwassenen, lees_kinderen(kinderen), nareizigers, partners=partners)


# (case, household, strikt, flexibel): the reasoning is in the case name.
GEVALLEN = [
    ("alleenstaande", hh(1), 1, 1),
    ("stel deelt een kamer", hh(2), 1, 1),
    ("twee volwassenen die geen partners zijn: elk een kamer", hh(2, partners=False), 2, 2),
    ("stel plus volwassen zoon: 1 + 1", hh(3), 2, 2),
    ("stel plus twee volwassen kinderen: 1 + 2", hh(4), 3, 3),
    # strikt: boys j4 j9 j13 -> 2 rooms, girls m7 m11 -> 1; flexibel: j13 takes j4 j9, m7 m11 share.
    ("stel met vijf kinderen (H002)", hh(2, "j4 m7 j9 m11 j13"), 1 + 3, 1 + 2),
    # strikt: boys j1 j6 j10 j15 -> 2, girls m3 m8 m12 -> 2; flexibel: j15 + 2 young boys,
    # m12 + m3 m8, one young boy left -> 3.
    ("stel met zeven kinderen (H007)", hh(2, "j1 m3 j6 m8 j10 m12 j15"), 1 + 4, 1 + 3),
    ("drie jongens van 13-15: strikt 2 per kamer", hh(2, "j13 j14 j15"), 1 + 2, 1 + 1),
    ("vier meisjes: flexibel 3 per kamer", hh(2, "m13 m14 m15 m16"), 1 + 2, 1 + 2),
    ("broer en zus onder 12: flexibel gemengd", hh(2, "j11 m11"), 1 + 2, 1 + 1),
    ("broer van 12 en zus van 11: niet gemengd", hh(2, "j12 m11"), 1 + 2, 1 + 2),
    ("jong meisje kan niet bij oudere broers", hh(2, "j13 j15 m5"), 1 + 2, 1 + 2),
    ("onbekend geslacht, oud: alleen", hh(2, "x14 x15"), 1 + 2, 1 + 2),
    ("onbekend geslacht, jong: flexibel gemengd", hh(2, "x5 x7"), 1 + 2, 1 + 1),
    ("onbekend geslacht nooit bij een ouder kind", hh(2, "x5 j13"), 1 + 2, 1 + 2),
    # A single parent shares with one child under 12 (flexibel only).
    ("alleenstaande ouder met kind van 6", hh(1, "m6"), 2, 1),
    ("alleenstaande ouder met kind van 12: niet samen", hh(1, "j12"), 2, 2),
    ("alleenstaande ouder, twee jonge kinderen: delen levert niets op", hh(1, "j3 m5"), 3, 2),
    ("alleenstaande ouder deelt met de jonge dochter naast twee oudere zoons", hh(1, "j13 j15 m5"), 3, 2),
    ("alleenstaande ouder, drie jonge kinderen: een bij de ouder, twee samen", hh(1, "j3 m5 j8 m9"), 3, 2),
    # Nareizigers: strikt sizes for who is here ('nu'); flexibel for the family ('vooruit'):
    # a single adult's first nareiziger is the partner, the rest are children of unknown
    # gender (2 per room).
    ("alleenstaande met drie nareizigers (H001)", hh(1, nareizigers=3), 1, 1 + 1),
    ("alleenstaande met vier nareizigers (H014)", hh(1, nareizigers=4), 1, 1 + 2),
    ("alleenstaande met een nareiziger: de partner", hh(1, nareizigers=1), 1, 1),
    ("stel met twee nareizigers (H009)", hh(2, nareizigers=2), 1, 1 + 1),
    ("stel met drie nareizigers", hh(2, nareizigers=3), 1, 1 + 2),
    # flexibel: once the partner comes the parent is no longer single, so no sharing.
    ("alleenstaande ouder met kind van 6 en twee nareizigers (H005)", hh(1, "m6", 2), 2, 1 + 1 + 1),
]


@pytest.mark.parametrize("naam,huishouden,strikt,flexibel", GEVALLEN, ids=[g[0] for g in GEVALLEN])
def test_slaapkamers_nodig(naam, huishouden, strikt, flexibel):
    assert slaapkamers_nodig(huishouden, STRIKT) == strikt
    assert slaapkamers_nodig(huishouden, FLEXIBEL) == flexibel


def test_nareizigers_drie_standen():
    """nu and wachten size for who is here, vooruit for the whole family."""
    alleen_met_gezin = hh(1, "j4", nareizigers=3)  # partner + 2 children to come
    assert slaapkamers_nodig(alleen_met_gezin, STRIKT) == 2            # nu: parent + j4, strikt no sharing
    assert slaapkamers_nodig(alleen_met_gezin, WACHTEN) == 1           # wachten: parent shares with j4
    assert slaapkamers_nodig(alleen_met_gezin, FLEXIBEL) == 1 + 1 + 1  # couple, j4, two unknown children
    assert slaapkamers_nodig(alleen_met_gezin, STRIKT, met_nareizigers=True) == 1 + 1 + 1
    assert slaapkamers_nodig(alleen_met_gezin, FLEXIBEL, met_nareizigers=False) == 1


def test_nareiziger_kinderen_per_kamer_is_beleid():
    ruim = laad_beleid("flexibel", {"flexibel": {"nareiziger_kinderen_per_kamer": 3}})
    assert slaapkamers_nodig(hh(1, nareizigers=4), ruim) == 1 + 1  # 3 unknown children in one room
    assert slaapkamers_nodig(hh(1, nareizigers=5), ruim) == 1 + 2


def test_deelt_ouder_met_kind():
    assert deelt_ouder_met_kind(hh(1, "m6"), FLEXIBEL)
    assert deelt_ouder_met_kind(hh(1, "j13 j15 m5"), FLEXIBEL)
    assert not deelt_ouder_met_kind(hh(1, "j3 m5"), FLEXIBEL)     # no room saved by sharing
    assert not deelt_ouder_met_kind(hh(1, "m6"), STRIKT)
    assert not deelt_ouder_met_kind(hh(2, "m6"), FLEXIBEL)        # two parents
    assert not deelt_ouder_met_kind(hh(1, "m6", 2), FLEXIBEL)     # partner comes (vooruit)


def test_kinderkamers_hand():
    k = lees_kinderen
    assert kinderkamers(k(""), 2, 0) == 0
    assert kinderkamers(k("j3 j4 j5"), 2, 0) == 2
    assert kinderkamers(k("j3 m4"), 2, 0) == 2
    assert kinderkamers(k("j3 m4"), 2, 12) == 1
    assert kinderkamers(k("j3 m4 j5 m6 j7 m8"), 3, 12) == 2
    assert kinderkamers(k("j14 j3 m4 m5"), 3, 12) == 2   # j14 takes no girl; j3 m4 m5 share
    assert kinderkamers(k("j14 m15 j3 m4"), 2, 12) == 2  # each young child joins its own gender
    assert kinderkamers(k("x3 x16 x17"), 3, 12) == 3     # older unknown-gender children alone
    assert kinderkamers(k("j3 j4 j5 j6"), 1, 12) == 4


kinderen_klein = st.lists(st.builds(Kind, st.sampled_from("jmx"), st.integers(0, 17)), max_size=7)


@settings(max_examples=300, deadline=None)
@given(kinderen=kinderen_klein, per_kamer=st.integers(1, 4), gemengd_tot=st.sampled_from([0, 1, 6, 12, 13, 18]))
def test_kinderkamers_gelijk_aan_uitputtend_zoeken(kinderen, per_kamer, gemengd_tot):
    assert kinderkamers(kinderen, per_kamer, gemengd_tot) == min_kinderkamers(kinderen, per_kamer, gemengd_tot)


@settings(max_examples=300, deadline=None)
@given(h=huishouden_st("H", DAG), naam=st.sampled_from(sorted(BELEIDEN)))
def test_slaapkamers_nodig_gelijk_aan_referentie(h, naam):
    assert slaapkamers_nodig(h, BELEIDEN[naam]) == slaapkamers_ref(h, BELEIDEN[naam])
