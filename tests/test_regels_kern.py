"""Kernen: strikt avoids Achterveld, flexibel accepts it; a preferred kern is a wish, not a rule,
and weighs less than fit."""

from matching import laad_beleid, wijs_toe
from paren import PEIL, eerste, huishouden, weigert, woning

STRIKT = laad_beleid("strikt")
FLEXIBEL = laad_beleid("flexibel")


def test_achterveld_alleen_onder_flexibel():
    w = woning(kern="Achterveld")
    assert weigert(huishouden(), w, STRIKT) == {"kern_niet_toegestaan"}
    assert weigert(huishouden(), w, FLEXIBEL) == set()
    assert weigert(huishouden(), woning(kern="Leusden"), STRIKT) == set()


def test_kern_buiten_elke_lijst():
    assert eerste(huishouden(), woning(kern="Amersfoort"), FLEXIBEL) == "kern_niet_toegestaan"


def test_kernen_per_scenario():
    alleen_achterveld = laad_beleid("flexibel", {"flexibel": {"kernen": ["Achterveld"]}})
    assert weigert(huishouden(), woning(kern="Leusden"), alleen_achterveld) == {"kern_niet_toegestaan"}
    assert weigert(huishouden(), woning(kern="Achterveld"), alleen_achterveld) == set()


def test_voorkeur_is_geen_harde_regel():
    """Under strikt a household that prefers Achterveld still gets a Leusden dwelling."""
    h = huishouden(voorkeur_kern="Achterveld")
    assert weigert(h, woning(kern="Leusden"), STRIKT) == set()
    t = wijs_toe([h], [woning(kern="Leusden")], STRIKT, PEIL)
    assert [(p.huishouden, p.woning) for p in t.toewijzingen] == [("H", "W")]
    assert "voorkeur_kern_niet_gehonoreerd" in {r.code for r in t.toewijzingen[0].redenen}


def test_voorkeur_beslist_bij_gelijke_passing():
    h = huishouden(volwassenen=2, voorkeur_kern="Achterveld")
    ww = [woning("WL", kern="Leusden"), woning("WA", kern="Achterveld")]
    t = wijs_toe([h], ww, FLEXIBEL, PEIL)
    assert t.toewijzingen[0].woning == "WA"
    h2 = huishouden(volwassenen=2, voorkeur_kern="Leusden")
    assert wijs_toe([h2], ww, FLEXIBEL, PEIL).toewijzingen[0].woning == "WL"


def test_passing_gaat_voor_voorkeur():
    """Default order: fit (fewest spare bedrooms) before kern preference."""
    stel = huishouden(volwassenen=2, voorkeur_kern="Achterveld")  # needs 1 bedroom
    ww = [woning("WL", slaapkamers=1, kern="Leusden"), woning("WA", slaapkamers=2, kern="Achterveld")]
    assert wijs_toe([stel], ww, FLEXIBEL, PEIL).toewijzingen[0].woning == "WL"
    volgorde = [n for n in FLEXIBEL.doel.volgorde if n != "voorkeur"]
    volgorde.insert(volgorde.index("passing"), "voorkeur")
    voorkeur_eerst = FLEXIBEL.met(doel={"volgorde": volgorde})
    assert wijs_toe([stel], ww, voorkeur_eerst, PEIL).toewijzingen[0].woning == "WA"
