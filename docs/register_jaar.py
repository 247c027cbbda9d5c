"""A year of the bundled example (leusden-2023) played through the register, week by week.

    python docs/register_jaar.py [REGISTER.db] [--seed N]

The world outside the gemeente (koppelingen, dwellings that come free, nareizigers' arrival) is
drawn by the simulation's own `trek_wereld`; the gemeente's side goes through the register's
commands, as a gemeente would use them each week:

    huisvesting register importeer DB --huishoudens H.csv --woningen W.csv   # this week's lists
    huisvesting toewijzen --register DB --peildatum D                       # the round, recorded
    huisvesting register uitkomst DB --huishouden H --woning W --geaccepteerd --sleuteldatum D
    huisvesting register nareizigers DB --huishouden H --aantal N --datum D
    huisvesting register stand DB --peildatum D                             # realisatie and pipeline

About one offer in eight is refused (with a reason code); keys follow two weeks after the offer,
or when the dwelling comes free if later. At the end the stand is printed; `tests/test_register_jaar.py`
checks it against the simulation's accounting of the same events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REDENEN = ("te_ver_van_school", "wil_andere_kern", "woning_te_klein")
WEIGERKANS = 0.125


@dataclass
class Jaar:
    """What happened, for a check: keys (date, household as imported) and arrivals (date, id, n)."""
    sleutels: list = field(default_factory=list)
    aankomsten: list = field(default_factory=list)
    weigeringen: int = 0
    rondes: int = 0


def _huisvesting(*args: str) -> str:
    import cli

    uit, fout = io.StringIO(), io.StringIO()
    with redirect_stdout(uit), redirect_stderr(fout):
        code = cli.main(list(args))
    if code:
        raise SystemExit(f"huisvesting {' '.join(args)}: {fout.getvalue().strip()}")
    return uit.getvalue()


def speel_jaar(db: str, seed: int = 2023, scenario: str = "leusden-2023") -> Jaar:
    from register.vooruit import _schrijf_huishoudens, _schrijf_woningen
    from simulatie.kalender import simdag, simdatum
    from simulatie.scenario import laad_scenario
    from simulatie.wereld import trek_wereld

    g = laad_scenario(scenario)
    sc = g.sc
    wereld = trek_wereld(sc, seed, 0, list(g.huishoudens), list(g.woningen))
    rng = random.Random(seed)
    jaar = Jaar()
    _huisvesting("register", "init", db, "--scenario", scenario, "--door", "voorbeeld")
    aangekomen: set[str] = set()
    with tempfile.TemporaryDirectory() as map_:
        hh_pad, w_pad = Path(map_) / "huishoudens.csv", Path(map_) / "woningen.csv"
        vandaag = sc.startdatum
        while vandaag < sc.einddatum:
            nu = simdag(sc.startdatum, vandaag)
            # This week's lists: households linked and in the Netherlands, dwellings known.
            bekend = [k for k in wereld.huishoudens if k.dag <= nu and k.in_nl_dag <= nu]
            _schrijf_huishoudens(hh_pad, [k.hh for k in bekend])
            _schrijf_woningen(w_pad, [(k.woning, k.woning.beschikbaar) for k in wereld.woningen if k.bekend <= nu])
            _huisvesting("register", "importeer", db, "--huishoudens", str(hh_pad), "--woningen", str(w_pad),
                         "--door", "voorbeeld")
            for k in bekend:  # nareizigers who arrived since last week
                if k.hh.nareizigers and k.nareizigers_dag is not None and k.nareizigers_dag <= nu \
                        and k.hh.id not in aangekomen:
                    aangekomen.add(k.hh.id)
                    d = max(simdatum(sc.startdatum, k.nareizigers_dag), sc.startdatum)
                    _huisvesting("register", "nareizigers", db, "--huishouden", k.hh.id, "--aantal",
                                 str(k.hh.nareizigers), "--datum", d.isoformat(), "--door", "voorbeeld")
                    jaar.aankomsten.append((d, k.hh.id, k.hh.nareizigers))
            uit = _huisvesting("toewijzen", "--register", db, "--peildatum", vandaag.isoformat(), "--format", "json",
                               "--door", "voorbeeld")
            ronde = json.loads(uit) if uit else {"toewijzingen": []}  # nothing printed: no one waiting
            jaar.rondes += 1
            beschikbaar = {k.woning.id: k.woning.beschikbaar for k in wereld.woningen}
            personen = {k.hh.id: k.hh for k in bekend}
            for t in ronde["toewijzingen"]:
                h, w = t["huishouden"], t["woning"]
                if rng.random() < WEIGERKANS:
                    _huisvesting("register", "uitkomst", db, "--huishouden", h, "--woning", w, "--geweigerd",
                                 "--reden", rng.choice(REDENEN), "--door", "voorbeeld")
                    jaar.weigeringen += 1
                    continue
                sleutels = max(vandaag + dt.timedelta(days=14), beschikbaar[w])
                _huisvesting("register", "uitkomst", db, "--huishouden", h, "--woning", w, "--geaccepteerd",
                             "--sleuteldatum", sleutels.isoformat(), "--door", "voorbeeld")
                jaar.sleutels.append((sleutels, personen[h]))
            vandaag += dt.timedelta(days=7)
    return jaar


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", nargs="?", default=None, help="register (standaard een tijdelijk bestand)")
    p.add_argument("--seed", type=int, default=2023)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as map_:
        db = a.db or str(Path(map_) / "register.db")
        jaar = speel_jaar(db, a.seed)
        print(f"{jaar.rondes} rondes, {len(jaar.sleutels)} sleuteloverdrachten, {jaar.weigeringen} weigeringen, "
              f"{len(jaar.aankomsten)} keer nareizigers\n")
        print(_huisvesting("register", "stand", db, "--peildatum", "2024-01-01"), end="")


if __name__ == "__main__":
    main()
