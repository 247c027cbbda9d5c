"""Small helpers to ask the engine about hand-built households and dwellings."""

from __future__ import annotations

import datetime as dt

import numpy as np

from matching import Huishouden, Woning
from matching.huishoudens import lees_kinderen
from matching.regels import (Ronde, bezwaren, dag, eerste_bezwaar, huishouden_kenmerken, toelaatbaar,
                             woning_kenmerken)
from matching.beleid import REGELCODES

PEIL = dt.date(2023, 3, 1)


def huishouden(hid="H", volwassenen=1, kinderen="", nareizigers=0, koppeldatum=dt.date(2022, 10, 1),
               **kw) -> Huishouden:
    return Huishouden(hid, koppeldatum, volwassenen, lees_kinderen(kinderen), nareizigers, **kw)


def woning(wid="W", slaapkamers=1, huur=550.0, kern="Leusden", beschikbaar=PEIL, soort="vrij", **kw) -> Woning:
    return Woning(wid, kern, slaapkamers, huur, beschikbaar, soort, **kw)


def ronde(huishoudens, woningen, beleid, peildatum=PEIL) -> Ronde:
    return Ronde(huishouden_kenmerken(huishoudens, beleid), woning_kenmerken(woningen), dag(peildatum))


def weigert(h: Huishouden, w: Woning, beleid, peildatum=PEIL) -> set[str]:
    """Codes of every rule that refuses this one pair; empty if it is admissible."""
    r = ronde([h], [w], beleid, peildatum)
    codes = {c for c, a in bezwaren(r, beleid).items() if np.broadcast_to(a, (1, 1))[0, 0]}
    assert bool(toelaatbaar(r, beleid)[0, 0]) == (not codes)
    return codes


def eerste(h: Huishouden, w: Woning, beleid, peildatum=PEIL) -> str | None:
    """The reason an adviser reads: the first refusing rule in the policy's order."""
    i = int(eerste_bezwaar(ronde([h], [w], beleid, peildatum), beleid)[0, 0])
    return None if i < 0 else REGELCODES[i]
