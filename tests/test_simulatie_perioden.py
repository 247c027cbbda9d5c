"""Booking per half-year (`simuleer_replicatie`): 2023-1 runs 1 Jan - 1 Jul, 2023-2 1 Jul - 1 Jan.

Keys handed over on 1 July belong to the second half-year: day index of 1 July 2023 counted from
1 January 2023 is 31+28+31+30+31+30 = 181, so day 180 (30 June) is the last day of 2023-1.
"""

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import simuleer_replicatie
from simulatie.registratie import Boeking


def test_sleutels_op_1_juli_tellen_in_het_tweede_halfjaar():
    """Under flexibel both dwellings are reserved in the day-0 round (each is within 6 calendar
    months of 1 January; 1 July is the last day reached). Only one assignment places both:
    the family (2 adults, a child: 2 bedrooms) gets the 2-bedroom free on 1 July, the single the
    1-bedroom free on 30 June. Keys: max(0 + 14, day free), i.e. day 180 for 1 person and day
    181 for 3 persons. So 2023-1 books 1 person in 1 dwelling, 2023-2 books 3 persons in 1."""
    assert (D(2023, 7, 1) - D(2023, 1, 1)).days == 181
    sc = scenario()
    huishoudens = [hh("E", D(2022, 12, 1)), hh("G", D(2022, 12, 1), volw=2, kinderen="j5")]
    woningen = [woning("W30jun", 1, D(2023, 6, 30), soort="nieuwbouw"),
                woning("W1jul", 2, D(2023, 7, 1), soort="nieuwbouw")]
    u = simuleer_replicatie(invoer(sc, huishoudens, woningen), beleid("flexibel"), 0)
    assert sorted(u.boekingen) == [Boeking(180, 1, "plaatsing"), Boeking(181, 3, "plaatsing")]
    assert u.realisatie == [1, 3]
    assert u.woningen_gebruikt == [1, 1]
    assert u.bewoners == [1, 3]


def test_sleutels_op_de_laatste_dag_van_de_horizon_en_erna():
    """Horizon 2023-01-01 - 2024-01-01 (days 0-364): keys on day 364 (31 December) count in
    2023-2; keys after the horizon count nowhere, but the household is matched at the end. Strikt, vacant
    dwellings: a single and a couple, each with the only dwelling that fits it."""
    sc = scenario()
    huishoudens = [hh("E", D(2022, 12, 1)), hh("P", D(2022, 12, 1), volw=2)]
    # Offered only once vacant (strikt): the round on the day it comes free, keys 14 days later.
    # Round days are 0, 7, ..., 350 (= 7 x 50), 357: a dwelling free on day 350 -> keys day 364;
    # free on day 351 -> round 357 -> keys day 371, past the horizon.
    woningen = [woning("W350", 1, D(2023, 12, 17)), woning("W351", 0, D(2023, 12, 18))]
    assert (D(2023, 12, 17) - D(2023, 1, 1)).days == 350
    # The couple cannot live in a studio; the single may (studio_voor_alleenstaande). Both
    # dwellings would do for the single, but placing both is better: the couple needs W350.
    u = simuleer_replicatie(invoer(sc, huishoudens, woningen), beleid("strikt"), 0)
    assert u.realisatie == [0, 2]
    assert u.woningen_gebruikt == [0, 1]
    assert u.eind_woningen["sleutels_na_horizon"] == 1
