"""Households with nareizigers under the three modes of the policy parameter `nareizigers`:
nu (house for the present size; vervolghuisvesting later: the seed's old practice), wachten
(not placed until the family is here), vooruit (size now for the whole family)."""

from matching import laad_beleid, wijs_toe
from paren import PEIL, huishouden, weigert, woning

NU = laad_beleid("strikt")  # nareizigers = "nu"
VOORUIT = laad_beleid("flexibel")  # nareizigers = "vooruit"
WACHTEN = laad_beleid("flexibel", {"flexibel": {"nareizigers": "wachten"}})
VOORUIT_STRIKT = laad_beleid("strikt", {"strikt": {"nareizigers": "vooruit"}})
ALLEEN_MET_GEZIN = huishouden("A", nareizigers=3)  # partner + 2 children to come: 2 bedrooms for the family
KLEIN, GROOT = woning("KLEIN", slaapkamers=1), woning("GROOT", slaapkamers=2, huur=600.0)


def codes(plaatsing) -> set[str]:
    return {r.code for r in plaatsing.redenen}


def test_nu_klein_en_vervolghuisvesting():
    assert weigert(ALLEEN_MET_GEZIN, KLEIN, NU) == set()
    assert weigert(ALLEEN_MET_GEZIN, GROOT, NU) == {"te_veel_slaapkamers"}  # a single now: no family home
    t = wijs_toe([ALLEEN_MET_GEZIN], [KLEIN, GROOT], NU, PEIL)
    (p,) = t.toewijzingen
    assert p.woning == "KLEIN" and p.passend == ["KLEIN"]
    assert "vervolghuisvesting_nodig" in codes(p)
    assert p.personen == 1


def test_nu_geen_vervolghuisvesting_als_het_al_past():
    stel = huishouden("S", volwassenen=2, nareizigers=1)  # one child to come: 2 bedrooms with it
    t = wijs_toe([stel], [GROOT], NU, PEIL)
    assert "vervolghuisvesting_nodig" not in codes(t.toewijzingen[0])
    t = wijs_toe([stel], [KLEIN], NU, PEIL)
    assert "vervolghuisvesting_nodig" in codes(t.toewijzingen[0])


def test_wachten_plaatst_niet():
    assert weigert(ALLEEN_MET_GEZIN, GROOT, WACHTEN) == {"wacht_op_nareizigers"}
    t = wijs_toe([ALLEEN_MET_GEZIN], [KLEIN, GROOT], WACHTEN, PEIL)
    assert t.toewijzingen == []
    (p,) = t.niet_geplaatst
    assert [r.code for r in p.redenen] == ["wacht_op_nareizigers"] and p.passend == []
    # Without nareizigers the same household is simply placed.
    t = wijs_toe([huishouden("B")], [KLEIN], WACHTEN, PEIL)
    assert [x.huishouden for x in t.toewijzingen] == ["B"]


def test_vooruit_groot_genoeg_voor_het_gezin():
    assert weigert(ALLEEN_MET_GEZIN, KLEIN, VOORUIT) == {"te_weinig_slaapkamers"}
    assert weigert(ALLEEN_MET_GEZIN, GROOT, VOORUIT) == set()
    t = wijs_toe([ALLEEN_MET_GEZIN], [KLEIN, GROOT], VOORUIT, PEIL)
    (p,) = t.toewijzingen
    assert p.woning == "GROOT" and p.passend == ["GROOT"]
    assert "ruimte_voor_nareizigers" in codes(p) and "vervolghuisvesting_nodig" not in codes(p)
    assert p.personen == 1  # only who is here counts for the taakstelling now
    assert t.samenvatting["personen_geplaatst"] == 1


def test_vooruit_ook_in_strikt():
    """The mode is one parameter: strikt with vooruit sizes ahead too."""
    assert weigert(ALLEEN_MET_GEZIN, KLEIN, VOORUIT_STRIKT) == {"te_weinig_slaapkamers"}
    assert weigert(ALLEEN_MET_GEZIN, GROOT, VOORUIT_STRIKT) == set()


def test_drie_standen_naast_elkaar():
    """The same round under each mode: who is housed where."""
    ronde = [ALLEEN_MET_GEZIN, huishouden("B", volwassenen=2)]
    plannen = {naam: {(p.huishouden, p.woning) for p in wijs_toe(ronde, [KLEIN, GROOT], b, PEIL).toewijzingen}
               for naam, b in (("nu", NU), ("wachten", WACHTEN), ("vooruit", VOORUIT))}
    # nu: both need 1 bedroom now, A cannot have 2, the couple may (1 spare): both housed.
    assert plannen["nu"] == {("A", "KLEIN"), ("B", "GROOT")}
    assert plannen["wachten"] == {("B", "KLEIN")}  # A waits; B gets the better fit
    assert plannen["vooruit"] == {("A", "GROOT"), ("B", "KLEIN")}


def test_nog_niet_in_nederland():
    buiten = huishouden("X", verblijf="buitenland")
    assert weigert(buiten, KLEIN, VOORUIT) == {"nog_niet_in_nederland"}
    t = wijs_toe([buiten], [KLEIN], VOORUIT, PEIL)
    assert [r.code for r in t.niet_geplaatst[0].redenen] == ["nog_niet_in_nederland"]
