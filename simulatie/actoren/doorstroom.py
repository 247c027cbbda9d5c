"""Doorstroomlocatie: a regional location where a linked household waits for its dwelling.

[publiek] Since March 2024 statushouders already linked to a gemeente may stay at most a year in
a doorstroomlocatie. Their persons count for the koppelgemeente's taakstelling from entry,
wherever the location is (unlike a TakeCareBNB stay); the dwelling they get later does not count
them again, but it is a dwelling used (its keys are recorded). Places are persons.
"""

from __future__ import annotations

from ..toestand import SimHuishouden, Status, Toestand, datum_van
from ..aanbod import maanden_later


def mag_in_doorstroom(t: Toestand, s: SimHuishouden, nu: int) -> bool:
    """On koppeling: a household linked on or after `vanaf` (within the horizon), here and with
    COA (not abroad, not a TakeCareBNB guest), drawn to go, and all its present members fit."""
    ds = t.sc.doorstroomlocatie
    if ds is None or not s.k.doorstroom or s.status != Status.WACHTEND or s.in_tcb or s.hh.verblijf != "COA":
        return False
    if s.hh.koppeldatum < max(ds.vanaf, t.sc.startdatum) or datum_van(t.sc, nu) < ds.vanaf:
        return False
    return t.doorstroom_bezet() + s.hh.personen <= ds.plaatsen


def neem_op(t: Toestand, s: SimHuishouden, nu: int) -> None:
    """Entry: the place is taken now (before the stay's process first runs) and the persons
    present count for the taakstelling now."""
    s.in_doorstroom = True
    t.doorstroom[s.hh.id] = s
    t.tel("doorstroom_instroom")
    t.tel("doorstroom_personen", s.hh.personen)
    s.geteld += s.hh.personen
    t.boek(nu, s.hh.personen, "doorstroom")


def doorstroomverblijf(env, t: Toestand, s: SimHuishouden):
    """The stay ends with the keys of a dwelling or after `verblijf_maanden`; after that the
    household still waits on the list, counted already, but no longer holds a place."""
    start = datum_van(t.sc, int(env.now))
    dagen = (maanden_later(start, t.sc.doorstroomlocatie.verblijf_maanden) - start).days
    uitkomst = yield s.gehuisvest | env.timeout(dagen)
    s.in_doorstroom = False
    t.doorstroom.pop(s.hh.id, None)
    if s.gehuisvest not in uitkomst and s.status != Status.VERTROKKEN:
        t.tel("doorstroom_verlopen")
