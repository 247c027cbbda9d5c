"""[vraag] visum_vrijgave: under the visa rule, every visa still waiting is issued on that date
(the Raad van State ruling of Feb 2023); households linked on or after it are not under the rule."""

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai
from simulatie.wereld_records import KomendHuishouden, KomendeWoning, Wereld
from simulatie.registratie import Boeking

PERIODEN = [{"naam": "2023-1", "taakstelling": 2}, {"naam": "2023-2", "taakstelling": 2}]


def _draai(vrijgave):
    sc = scenario(periode=PERIODEN, vraag={"visum_na_passende_woning": True, "visum_reis_dagen": [30, 30],
                                           "visum_vrijgave": vrijgave})
    # A: a single linked before the start, partner abroad; the only dwelling is a studio that
    # does not fit the couple (strikt, "nu"): keys on day 14, the visa would wait 456 days.
    # B: linked 1 Mar (day 59), after the release: its partner comes on day 80 as without the rule.
    a = KomendHuishouden(0, hh("A", D(2022, 12, 1), nareizigers=1), False, 10, (), 0, 0, 30)
    b = KomendHuishouden(59, hh("B", D(2023, 3, 1), nareizigers=1), False, 80, (), 0, 0, 30)
    woningen = [KomendeWoning(0, woning("S1", 0, D(2023, 1, 1))), KomendeWoning(59, woning("S2", 0, D(2023, 3, 1)))]
    t, _ = draai(invoer(sc), beleid("strikt"), 0, Wereld(0, woningen, [a, b], []))
    return t


def test_vrijgave_laat_de_wachtende_familie_reizen():
    # Release on 15 Feb (day 45): A's partner gets the visa then and arrives 30 days later, day
    # 75, joining the housed household (counts then). B: round day 63, keys day 77, partner day 80.
    t = _draai(D(2023, 2, 15))
    assert t.boekingen == [Boeking(14, 1, "plaatsing"), Boeking(75, 1, "nareizigers"), Boeking(77, 1, "plaatsing"),
                           Boeking(80, 1, "nareizigers")]
    assert t.tellers["visum_vrijgegeven"] == 1


def test_zonder_vrijgave_wacht_de_familie_15_maanden():
    t = _draai(None)
    # Day 456 (A) and 59 + 456 (B) lie after the horizon: neither partner arrives.
    assert t.boekingen == [Boeking(14, 1, "plaatsing"), Boeking(77, 1, "plaatsing")]
    assert "visum_vrijgegeven" not in t.tellers
