"""Helpers to build small simulation scenarios in tests."""

from __future__ import annotations

import datetime as dt

from matching.beleid import laad_beleid
from matching.huishoudens import Huishouden, Kind
from matching.woningen import Woning
from simulatie.model import SimInvoer
from simulatie.scenario import Scenario

D = dt.date


def scenario(**over) -> Scenario:
    """A scenario with all randomness switched off unless a test turns it on."""
    basis = dict(
        naam="test", startdatum=D(2023, 1, 1), einddatum=None, seed=1, replicaties=10, stand_start=0,
        periode=[{"naam": "2023-1", "taakstelling": 10}, {"naam": "2023-2", "taakstelling": 10}],
        toewijzing={"ronde_dagen": 7, "verhuis_dagen": 14, "max_leegstand_dagen": 365},
        aanbod={"woningen_per_jaar": 0, "vervangen": False, "aangekondigd_aandeel": 0.0,
                "aankondiging_dagen": [0, 0], "kern": {"Leusden": 0.92, "Achterveld": 0.08}},
        vraag={"weigering_kans": 0.0, "samenstelling": []},
        takecarebnb={"gastgezinnen": 0, "kans": 0.0},
    )
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(basis.get(k), dict):
            basis[k] = {**basis[k], **v}
        else:
            basis[k] = v
    return Scenario(**basis)


def invoer(sc: Scenario, huishoudens=(), woningen=(), seed: int = 1) -> SimInvoer:
    return SimInvoer(sc, tuple(huishoudens), tuple(woningen), seed)


def hh(id, koppel, volw=1, kinderen="", nareizigers=0, verwacht=None, **kw) -> Huishouden:
    kids = tuple(Kind(k[0], int(k[1:])) for k in kinderen.split())
    return Huishouden(id, koppel, volw, kids, nareizigers, verwacht, **kw)


def woning(id, kamers, beschikbaar, soort="vrij", kern="Leusden", huur=500.0, **kw) -> Woning:
    return Woning(id, kern, kamers, huur, beschikbaar, soort, **kw)


def beleid(naam: str, **wijzig):
    b = laad_beleid(naam)
    return b.met(**wijzig) if wijzig else b


def tabelrijen(tekst: str, titel: str) -> dict[str, str]:
    """Label -> cell of a two-column terminal table (rich) whose title line starts with `titel`."""
    regels = tekst.splitlines()
    begin = next(i for i, r in enumerate(regels) if r.startswith(titel))
    kop = next(i for i in range(begin, len(regels)) if regels[i].startswith("┡"))
    uit = {}
    for r in regels[kop + 1:]:
        if not r.startswith("│"):
            break
        label, cel = (c.strip() for c in r.strip("│").split("│"))
        uit[label] = cel
    return uit
