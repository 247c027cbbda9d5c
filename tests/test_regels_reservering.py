"""Reserved dwellings: strikt offers only vacant ones, flexibel reserves up to vooruit_maanden
ahead of the peildatum, in calendar months: from 1 March, 6 months reach 1 September."""

import datetime as dt

import pytest

from matching import laad_beleid, wijs_toe
from paren import PEIL, eerste, huishouden, weigert, woning

STRIKT = laad_beleid("strikt")
FLEXIBEL = laad_beleid("flexibel")
DAG = dt.timedelta(days=1)


@pytest.mark.parametrize("soort", ["gereserveerd", "nieuwbouw", "renovatie", "opzegging"])
def test_strikt_biedt_geen_reservering_aan(soort):
    later = woning(soort=soort, beschikbaar=PEIL + 30 * DAG)
    assert weigert(huishouden(), later, STRIKT) == {"soort_niet_aangeboden", "nog_niet_beschikbaar"}
    assert eerste(huishouden(), later, STRIKT) == "soort_niet_aangeboden"
    assert weigert(huishouden(), later, FLEXIBEL) == set()


def test_strikt_alleen_wat_nu_vrij_is():
    assert weigert(huishouden(), woning(beschikbaar=PEIL), STRIKT) == set()
    assert weigert(huishouden(), woning(beschikbaar=PEIL - 10 * DAG), STRIKT) == set()
    assert weigert(huishouden(), woning(beschikbaar=PEIL + DAG), STRIKT) == {"nog_niet_beschikbaar"}


def test_reservering_die_al_beschikbaar_is_is_gewoon_vrij():
    """Once available, a new-build is simply vacant: strikt may offer it."""
    opgeleverd = woning(soort="nieuwbouw", beschikbaar=PEIL - DAG)
    assert weigert(huishouden(), opgeleverd, STRIKT) == set()
    assert weigert(huishouden(), woning(soort="nieuwbouw", beschikbaar=PEIL), STRIKT) == set()


def test_horizon_flexibel_zes_maanden():
    """Peildatum 1 March 2023: available up to and including 1 September (184 days) is offered."""
    assert weigert(huishouden(), woning(soort="renovatie", beschikbaar=dt.date(2023, 9, 1)), FLEXIBEL) == set()
    assert weigert(huishouden(), woning(soort="renovatie", beschikbaar=dt.date(2023, 9, 2)),
                   FLEXIBEL) == {"nog_niet_beschikbaar"}
    assert weigert(huishouden(), woning(soort="renovatie", beschikbaar=dt.date(2023, 10, 1)),
                   FLEXIBEL) == {"nog_niet_beschikbaar"}


@pytest.mark.parametrize("peil,laatste", [
    (dt.date(2023, 1, 1), dt.date(2023, 7, 1)),     # 181 days
    (dt.date(2023, 8, 31), dt.date(2024, 2, 29)),   # no 31 February: the month's last day
    (dt.date(2023, 7, 15), dt.date(2024, 1, 15)),   # across the year end
])
def test_horizon_in_kalendermaanden(peil, laatste):
    assert eerste(huishouden(), woning(soort="nieuwbouw", beschikbaar=laatste), FLEXIBEL, peil) is None
    assert eerste(huishouden(), woning(soort="nieuwbouw", beschikbaar=laatste + DAG), FLEXIBEL,
                  peil) == "nog_niet_beschikbaar"


def test_horizon_schuift_mee_met_peildatum():
    w = woning(soort="nieuwbouw", beschikbaar=dt.date(2023, 12, 1))
    assert eerste(huishouden(), w, FLEXIBEL, dt.date(2023, 3, 1)) == "nog_niet_beschikbaar"
    assert eerste(huishouden(), w, FLEXIBEL, dt.date(2023, 6, 1)) is None
    assert eerste(huishouden(), w, STRIKT, dt.date(2023, 6, 1)) == "soort_niet_aangeboden"
    assert eerste(huishouden(), w, STRIKT, dt.date(2023, 12, 1)) is None


def test_soorten_en_horizon_uit_scenario():
    alleen_nieuwbouw = laad_beleid("flexibel", {"flexibel": {"soorten": ["vrij", "nieuwbouw"],
                                                             "vooruit_maanden": 12}})
    assert weigert(huishouden(), woning(soort="renovatie", beschikbaar=PEIL + 30 * DAG),
                   alleen_nieuwbouw) == {"soort_niet_aangeboden"}
    assert weigert(huishouden(), woning(soort="nieuwbouw", beschikbaar=PEIL + 300 * DAG), alleen_nieuwbouw) == set()
    assert weigert(huishouden(), woning(soort="nieuwbouw", beschikbaar=dt.date(2024, 3, 1)), alleen_nieuwbouw) == set()
    assert weigert(huishouden(), woning(soort="nieuwbouw", beschikbaar=dt.date(2024, 3, 2)),
                   alleen_nieuwbouw) == {"nog_niet_beschikbaar"}
    nul = laad_beleid("flexibel", {"flexibel": {"vooruit_maanden": 0}})
    assert weigert(huishouden(), woning(soort="nieuwbouw", beschikbaar=PEIL + DAG), nul) == {"nog_niet_beschikbaar"}


def test_reservering_in_plan_met_reden():
    t = wijs_toe([huishouden()], [woning(soort="opzegging", beschikbaar=PEIL + 40 * DAG)], FLEXIBEL, PEIL)
    codes = {r.code for r in t.toewijzingen[0].redenen}
    assert "gereserveerd" in codes
    assert wijs_toe([huishouden()], [woning(soort="opzegging", beschikbaar=PEIL + 40 * DAG)],
                    STRIKT, PEIL).toewijzingen == []
