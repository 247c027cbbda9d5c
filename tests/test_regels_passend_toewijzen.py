"""Passend toewijzen: kale huur at most the lage aftoppingsgrens for 1-2 persons, the hoge for
3+. 2023: 647.19 / 693.60; 2024: 650.43 / 697.07 (ssw.nl, woonbond.nl); 2025: 682.96 / 731.93
(Rijksoverheid, huurtoeslag 2025). At the limit is allowed."""

import datetime as dt

import pytest

from matching import laad_beleid
from paren import huishouden, weigert, woning

STRIKT = laad_beleid("strikt")
FLEXIBEL = laad_beleid("flexibel")
TE_DUUR = {"huur_boven_aftoppingsgrens"}
EEN = huishouden()
TWEE = huishouden(volwassenen=2)
DRIE = huishouden(volwassenen=2, kinderen="j4")  # 3 persons, 2 bedrooms


@pytest.mark.parametrize("peil,laag,hoog", [
    (dt.date(2023, 3, 1), 647.19, 693.60),
    (dt.date(2024, 2, 15), 650.43, 697.07),
    (dt.date(2022, 11, 10), 633.25, 678.66),
    (dt.date(2025, 6, 30), 682.96, 731.93),
])
def test_grens_per_jaar_op_de_cent(peil, laag, hoog):
    for h in (EEN, TWEE):
        assert weigert(h, woning(huur=laag, beschikbaar=peil), STRIKT, peil) == set()
        assert weigert(h, woning(huur=round(laag + 0.01, 2), beschikbaar=peil), STRIKT, peil) == TE_DUUR
    assert weigert(DRIE, woning(slaapkamers=2, huur=hoog, beschikbaar=peil), STRIKT, peil) == set()
    assert weigert(DRIE, woning(slaapkamers=2, huur=round(hoog + 0.01, 2), beschikbaar=peil), STRIKT, peil) == TE_DUUR
    # Between the two limits: fine for three persons, too dear for two.
    midden = round((laag + hoog) / 2, 2)
    assert weigert(DRIE, woning(slaapkamers=2, huur=midden, beschikbaar=peil), STRIKT, peil) == set()
    assert weigert(TWEE, woning(huur=midden, beschikbaar=peil), STRIKT, peil) == TE_DUUR


def test_jaar_buiten_de_tabel():
    """After the last known year the last values hold; before the first, the first."""
    p2026 = dt.date(2026, 1, 10)
    assert weigert(TWEE, woning(huur=682.96, beschikbaar=p2026), STRIKT, p2026) == set()
    assert weigert(TWEE, woning(huur=682.97, beschikbaar=p2026), STRIKT, p2026) == TE_DUUR
    p2020 = dt.date(2020, 6, 1)
    assert weigert(TWEE, woning(huur=633.26, beschikbaar=p2020), STRIKT, p2020) == TE_DUUR


def test_gezinsgrootte_met_nareizigers():
    """Under vooruit the dwelling is chosen for the whole family, so the hoge grens applies."""
    peil = dt.date(2023, 3, 1)
    alleen_met_twee = huishouden(nareizigers=2)  # 3 persons with the family, 2 bedrooms
    w = woning(slaapkamers=2, huur=690.0, beschikbaar=peil)
    assert weigert(alleen_met_twee, w, FLEXIBEL, peil) == set()
    assert weigert(alleen_met_twee, woning(slaapkamers=1, huur=690.0, beschikbaar=peil),
                   STRIKT, peil) == TE_DUUR  # nu: one person now


def test_uitzetten_en_eigen_grenzen():
    peil = dt.date(2023, 3, 1)
    vrij = laad_beleid("strikt", {"strikt": {"passend_toewijzen": False}})
    assert weigert(TWEE, woning(huur=900.0, beschikbaar=peil), vrij, peil) == set()
    eigen = laad_beleid("strikt", {"strikt": {"aftoppingsgrenzen": {"2023": {"laag": 600.0, "hoog": 650.0}}}})
    assert weigert(TWEE, woning(huur=600.0, beschikbaar=peil), eigen, peil) == set()
    assert weigert(TWEE, woning(huur=600.01, beschikbaar=peil), eigen, peil) == TE_DUUR


def test_zelfde_huishoudens_in_een_nieuw_jaar_en_onder_een_ander_beleid():
    """The simulation judges the same households' arrays round after round (the rent limit and
    bedroom range per household are kept on them): a new year's limit and another policy must
    still count. Here the same arrays, judged in 2023 and then 2024 (a rent between the two
    years' limits for two persons: too dear in 2023, fine in 2024), and under flexibel after strikt."""
    from matching.regels import Ronde, dag, huishouden_kenmerken, toelaatbaar, woning_kenmerken
    hk = huishouden_kenmerken([TWEE, EEN], STRIKT)
    w = woning_kenmerken([woning(huur=649.00, beschikbaar=dt.date(2023, 1, 1))])
    assert not toelaatbaar(Ronde(hk, w, dag(dt.date(2023, 12, 31))), STRIKT).any()
    assert toelaatbaar(Ronde(hk, w, dag(dt.date(2024, 1, 1))), STRIKT).all()
    assert not toelaatbaar(Ronde(hk, w, dag(dt.date(2023, 6, 1))), STRIKT).any()
    # A two-bedroom dwelling for one person: too large under strikt, allowed under flexibel
    # (alleenstaande_max_slaapkamers 1 and 2), on the same arrays.
    groot = woning_kenmerken([woning(slaapkamers=2, huur=600.0, beschikbaar=dt.date(2023, 1, 1))])
    r = Ronde(huishouden_kenmerken([EEN], STRIKT), groot, dag(dt.date(2023, 6, 1)))
    assert [bool(toelaatbaar(r, b)[0, 0]) for b in (STRIKT, FLEXIBEL, STRIKT)] == [False, True, False]
