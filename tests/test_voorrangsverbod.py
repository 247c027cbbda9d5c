"""Voorrangsverbod (bill 36831): re-lets follow the agreement before `vanaf` and the verbod's level
after it, each minus its own dated parts; no replacement after it; rooms keep priority a while."""

import datetime as dt

import numpy as np
import pytest
from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import draai
from simulatie.aanbod import hervermietingen_per_venster, trek_kamers, trek_vacatures
from simulatie.wereld_records import KomendHuishouden, KomendeWoning, Vervanging, Wereld
from simulatie.registratie import Boeking

START = D(2026, 1, 1)  # 1 Jul 2026 is day 181; the horizon is 365 days
PERIODEN = [{"naam": "2026-1", "taakstelling": 10}, {"naam": "2026-2", "taakstelling": 10}]
STARTWONINGEN = [woning("S1", 1, D(2026, 1, 10)), woning("S2", 2, D(2026, 8, 1))]
OPLEVERING = [{"datum": D(2026, 3, 1), "slaapkamers": [2, 3]}, {"datum": D(2026, 9, 1), "slaapkamers": [3]}]


def _sc(verbod=None, **over):
    aanbod = {"woningen_per_jaar": 73, "vacatures_per_jaar": 365, **over.pop("aanbod", {})}
    over.setdefault("oplevering", OPLEVERING)
    return scenario(startdatum=START, periode=PERIODEN, aanbod=aanbod,
                    **({"voorrangsverbod": verbod} if verbod else {}), **over)


def test_hervermietingen_per_venster_met_de_hand():
    # Without a verbod: 73 a year over 365 days minus the 5 dated parts = 68.
    assert hervermietingen_per_venster(_sc(), 73, STARTWONINGEN) == [(pytest.approx(68.0), 365)]
    # Verbod from 1 July with aandeel 4% of 365 vacatures = 14.6 a year.
    # Before (181 days): 73 x 181/365 = 36.2, minus S1 and the March delivery (3) = 33.2.
    # After (184 days): 14.6 x 184/365 = 7.36, minus S2 and the September delivery (2) = 5.36.
    sc = _sc({"vanaf": D(2026, 7, 1), "aandeel": 0.04})
    (voor, dv), (na, dn) = hervermietingen_per_venster(sc, 73, STARTWONINGEN)
    assert (dv, dn) == (181, 184)
    assert voor == pytest.approx(33.2) and na == pytest.approx(5.36)
    # The same level given as a number of dwellings.
    sc = _sc({"vanaf": D(2026, 7, 1), "woningen_per_jaar": 14.6})
    assert hervermietingen_per_venster(sc, 73, STARTWONINGEN)[1][0] == pytest.approx(5.36)


def test_hervermietingen_volgen_per_venster_gemiddeld():
    sc = _sc({"vanaf": D(2026, 7, 1), "aandeel": 0.04}, aanbod={"aangekondigd_aandeel": 0.0})
    voor, na = [], []
    for rep in range(400):
        ws, _ = trek_vacatures(sc, 11, rep, STARTWONINGEN)
        dagen = np.array([k.bekend for k in ws])
        voor.append((dagen < 181).sum())
        na.append((dagen >= 181).sum())
    # Means 33.2 and 5.36 (standard errors about 0.29 and 0.12 over 400 replications).
    assert abs(np.mean(voor) - 33.2) < 1.2 and abs(np.mean(na) - 5.36) < 0.5


def test_kamers_een_jaar_met_voorrang_in_de_hoofdkern():
    sc = _sc({"vanaf": D(2026, 7, 1), "aandeel": 0.04, "kamers_per_jaar": 12, "kamers_maanden": 3})
    n = []
    for rep in range(300):
        kamers = trek_kamers(sc, 5, rep)
        n.append(len(kamers))
        for k in kamers:
            w = k.woning
            assert 181 <= k.bekend < 273 and w.beschikbaar == START + dt.timedelta(days=k.bekend)  # 1 Jul - 1 Oct
            assert w.slaapkamers == 0 and w.kern == "Leusden" and 420 <= w.huur <= 500 and not k.vervangbaar
    assert abs(np.mean(n) - 12 * 92 / 365) < 0.4  # 3.02 a replication
    assert trek_kamers(_sc(), 5, 0) == []


def _wereld(vervangingen, woningen):
    a = hh("A", D(2025, 12, 1))
    return Wereld(0, woningen, [KomendHuishouden(0, a, False, None, (), 0, 0)], [], 0.0, vervangingen)


@pytest.mark.parametrize("vanaf, sleutels", [(D(2026, 3, 1), [Boeking(49, 1, "plaatsing")]), (D(2026, 1, 20), [])])
def test_geen_vervanging_na_het_verbod(vanaf, sleutels):
    # A 4-bedroom nobody fits goes back to regular letting at the day-28 round. Before the verbod
    # WSL offers its next re-let instead (free on day 33; the day-35 round gives it to A, keys day
    # 49); after the verbod (20 Jan) nothing is owed any more.
    sc = _sc({"vanaf": vanaf, "woningen_per_jaar": 5}, toewijzing={"max_leegstand_dagen": 28},
             aanbod={"vervangen": True}, oplevering=[])
    vervanging = [Vervanging(5, woning("#X000", 1, START))]
    t, _ = draai(invoer(sc), beleid("strikt"), 0, _wereld(vervanging, [KomendeWoning(0, woning("G", 4, START))]))
    assert t.boekingen == sleutels
    assert t.tellers["woningen_terug_regulier"] == 1
    assert t.tellers.get("woningen_vervangen", 0) == (1 if sleutels else 0)


def test_kamer_wordt_niet_vervangen():
    # A room only a single may take; the family on the list cannot, so it goes back unreplaced.
    sc = _sc(toewijzing={"max_leegstand_dagen": 28}, aanbod={"vervangen": True}, oplevering=[])
    gezin = hh("F", D(2025, 12, 1), volw=2, kinderen="j4")
    kamer = KomendeWoning(0, woning("#K000", 0, START), vervangbaar=False)
    w = Wereld(0, [kamer], [KomendHuishouden(0, gezin, False, None, (), 0, 0)], [], 0.0,
               [Vervanging(5, woning("#X000", 2, START))])
    t, _ = draai(invoer(sc), beleid("strikt"), 0, w)
    assert t.tellers["woningen_terug_regulier"] == 1 and t.tegoed == 0 and t.boekingen == []


def test_precies_een_van_woningen_per_jaar_en_aandeel():
    from pydantic import ValidationError
    for verbod in ({"vanaf": D(2026, 7, 1)}, {"vanaf": D(2026, 7, 1), "aandeel": 0.1, "woningen_per_jaar": 3}):
        with pytest.raises(ValidationError, match="precies één"):
            _sc(verbod)
