"""docs/register_jaar.py (issue 15): a year of the bundled example through the register; its
`register stand` agrees with the simulation's accounting of the same events (the simulation's
`Toestand` books the keys and arrivals, `model`'s per-period sum of `telling` counts them)."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import cli
from matching.regels import dag
from simulatie.kalender import periodegrenzen, simdag
from simulatie.scenario import laad_scenario
from simulatie.telling import per_periode
from simulatie.toestand import SimHuishouden, SimWoning, Status, Toestand

SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "register_jaar.py"


def _script():
    spec = importlib.util.spec_from_file_location("register_jaar", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def simulatie_telling(g, jaar) -> list[int]:
    """The simulation's bookkeeping of the same keys and arrivals, in date order (keys first on a
    day): keys through `Toestand.registreer_plaatsing`; nareizigers joining a housed household
    booked on arrival (as `actoren.nareizigers` does), joining a waiting one they come with it."""
    sc = g.sc
    t = Toestand(sc, g.beleid(), dag(sc.startdatum))
    wachtend: dict[str, object] = {}   # household with the nareizigers who joined before its keys
    gehuisvest: dict[str, SimHuishouden] = {}
    eerst = {h.id: h for _, h in jaar.sleutels}
    gebeurtenissen = sorted([(d, 1, h.id) for d, h in jaar.sleutels] + [(d, 2, h) for d, h, _ in jaar.aankomsten])
    aantal = {h: n for _, h, n in jaar.aankomsten}
    for d, soort, h in gebeurtenissen:
        if soort == 1:
            # k, hh, status; of the koppeling only the household as linked is read (its type)
            s = SimHuishouden(SimpleNamespace(hh=eerst[h]), wachtend.pop(h, eerst[h]), Status.GEMATCHT)
            s.woning = SimWoning(woning=g.woningen[0], beschikbaar=0, bekend=0)
            t.registreer_plaatsing(s, simdag(sc.startdatum, d))
            s.status = Status.GEHUISVEST
            gehuisvest[h] = s
        elif h in gehuisvest:
            gehuisvest[h].geteld += aantal[h]
            t.boek(simdag(sc.startdatum, d), aantal[h], "nareizigers")
        elif h in eerst:
            hh = wachtend.get(h, eerst[h])
            wachtend[h] = replace(hh, volwassenen=hh.volwassenen + aantal[h])
    real = per_periode(((b.dag, b.personen) for b in t.boekingen), periodegrenzen(sc.startdatum, sc.periode),
                       sc.horizon_dagen)
    real[0] += sc.periode[0].realisatie
    return real


def test_jaar_door_het_register(capsys, tmp_path):
    mod = _script()
    db_ = str(tmp_path / "jaar.db")
    jaar = mod.speel_jaar(db_, seed=2023)
    assert jaar.rondes >= 52 and len(jaar.sleutels) >= 20 and jaar.weigeringen >= 1 and jaar.aankomsten
    g = laad_scenario("leusden-2023")
    assert cli.main(["register", "stand", db_, "--peildatum", "2024-01-01", "--format", "json"]) == 0
    stand = json.loads(capsys.readouterr().out)
    assert [p["realisatie"] for p in stand["perioden"]] == simulatie_telling(g, jaar)
    # Every household whose keys fell in the year counted with all its persons.
    binnen = [h for d, h in jaar.sleutels if d < g.sc.einddatum]
    assert sum(p["realisatie"] for p in stand["perioden"]) >= sum(h.personen for h in binnen)
