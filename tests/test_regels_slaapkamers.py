"""Bedroom rules: too few, too many (no large family in a small dwelling, no single in a
family home), studios for single persons. Cases worked out by hand."""

import pytest

from matching import laad_beleid
from paren import eerste, huishouden, weigert, woning

STRIKT = laad_beleid("strikt")
FLEXIBEL = laad_beleid("flexibel")
GEZIN_3 = huishouden(volwassenen=2, kinderen="j4 m7 j9 m11 j13")  # strikt 4 bedrooms, flexibel 3


@pytest.mark.parametrize("kamers,strikt,flexibel", [
    (2, {"te_weinig_slaapkamers"}, {"te_weinig_slaapkamers"}),
    (3, {"te_weinig_slaapkamers"}, set()),
    (4, set(), set()),                               # flexibel: 1 spare, allowed
    # Spare bedrooms count from the need without optional sharing (4 here, as strikt): sharing
    # is allowed, never required, so flexibel never refuses what strikt allows.
    (5, set(), set()),
    (6, {"te_veel_slaapkamers"}, {"te_veel_slaapkamers"}),
])
def test_gezin_met_vijf_kinderen(kamers, strikt, flexibel):
    w = woning(slaapkamers=kamers, huur=690.0)
    assert weigert(GEZIN_3, w, STRIKT) == strikt
    assert weigert(GEZIN_3, w, FLEXIBEL) == flexibel


def test_zeer_groot_gezin_niet_in_kleine_woning():
    h7 = huishouden(volwassenen=2, kinderen="j1 m3 j6 m8 j10 m12 j15")  # 9 persons: strikt 5, flexibel 4
    assert weigert(h7, woning(slaapkamers=3, huur=690.0), FLEXIBEL) == {"te_weinig_slaapkamers"}
    assert weigert(h7, woning(slaapkamers=4, huur=690.0), STRIKT) == {"te_weinig_slaapkamers"}
    assert weigert(h7, woning(slaapkamers=4, huur=690.0), FLEXIBEL) == set()
    assert weigert(h7, woning(slaapkamers=5, huur=690.0), STRIKT) == set()


@pytest.mark.parametrize("kamers,verwacht", [
    (0, set()),                       # studio: fine for one person
    (1, set()),
    (2, {"te_veel_slaapkamers"}),     # no single in a family home (alleenstaande_max_slaapkamers = 1)
    (3, {"te_veel_slaapkamers"}),
])
def test_alleenstaande_strikt(kamers, verwacht):
    assert weigert(huishouden(), woning(slaapkamers=kamers), STRIKT) == verwacht


def test_alleenstaande_grens_is_beleid():
    """alleenstaande_max_slaapkamers caps a single person even where max_extra_slaapkamers allows more."""
    ruim = laad_beleid("strikt", {"strikt": {"alleenstaande_max_slaapkamers": 2, "max_extra_slaapkamers": 3}})
    assert weigert(huishouden(), woning(slaapkamers=2), ruim) == set()
    assert weigert(huishouden(), woning(slaapkamers=3), ruim) == {"te_veel_slaapkamers"}
    # flexibel's preset: never a 4-room dwelling (3 bedrooms) for one person (WoningNet Eemvallei).
    assert weigert(huishouden(), woning(slaapkamers=3), FLEXIBEL) == {"te_veel_slaapkamers"}


def test_studio_alleen_voor_een_persoon():
    stel = huishouden(volwassenen=2)
    assert weigert(stel, woning(slaapkamers=0), STRIKT) == {"te_weinig_slaapkamers"}
    geen_studio = laad_beleid("strikt", {"strikt": {"studio_voor_alleenstaande": False}})
    assert weigert(huishouden(), woning(slaapkamers=0), geen_studio) == {"te_weinig_slaapkamers"}


def test_stel_mag_een_kamer_extra():
    stel = huishouden(volwassenen=2)
    assert weigert(stel, woning(slaapkamers=1), STRIKT) == set()
    assert weigert(stel, woning(slaapkamers=2), STRIKT) == set()
    assert weigert(stel, woning(slaapkamers=3), STRIKT) == {"te_veel_slaapkamers"}
    # A couple is not a single person: alleenstaande_max_slaapkamers does not apply.
    krap = laad_beleid("strikt", {"strikt": {"max_extra_slaapkamers": 0}})
    assert weigert(stel, woning(slaapkamers=2), krap) == {"te_veel_slaapkamers"}


def test_alleenstaande_ouder_deelt_kamer_flexibel():
    ouder = huishouden(kinderen="m6")  # strikt 2 bedrooms, flexibel 1
    assert weigert(ouder, woning(slaapkamers=1), STRIKT) == {"te_weinig_slaapkamers"}
    assert weigert(ouder, woning(slaapkamers=1), FLEXIBEL) == set()
    assert weigert(ouder, woning(slaapkamers=2), FLEXIBEL) == set()
    assert weigert(ouder, woning(slaapkamers=0), FLEXIBEL) == {"te_weinig_slaapkamers"}  # studio is for one


def test_eerste_bezwaar_volgt_beleidsvolgorde():
    """A pair refused by two rules is explained by the first in `regels`; reorder to change it."""
    w = woning(slaapkamers=1, kern="Achterveld")
    assert weigert(GEZIN_3, w, STRIKT) == {"kern_niet_toegestaan", "te_weinig_slaapkamers"}
    assert eerste(GEZIN_3, w, STRIKT) == "kern_niet_toegestaan"
    regels = list(STRIKT.regels)
    regels.remove("te_weinig_slaapkamers")
    anders = STRIKT.met(regels=("te_weinig_slaapkamers", *regels))
    assert eerste(GEZIN_3, w, anders) == "te_weinig_slaapkamers"
    assert eerste(GEZIN_3, woning(slaapkamers=4, huur=690.0), STRIKT) is None
