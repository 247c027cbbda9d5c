"""Two users at once (issue 15): two processes write to one register at the same moment and
nothing is lost; two who accept the same offer cannot both succeed."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp

import pytest

from registerhulp import db  # noqa: F401  (fixture)
from test_register import HH, WON, ronde, rijen

AANKOMSTEN = 25  # per process, on top of the outcomes


def _schrijver(db_: str, taken: list[tuple[str, str]], slagboom, uit) -> None:
    from matching.bestanden import InvoerFout
    from register import boeken
    from register.opslag import open_register

    reg = open_register(db_)
    slagboom.wait()
    gelukt, geweigerd = 0, 0
    for i in range(AANKOMSTEN):
        h, w = taken[i % len(taken)]
        boeken.nareizigers(reg, h, 1, dt.date(2023, 2, 1) + dt.timedelta(days=i), "p", "flexibel")
        if i < len(taken):
            try:
                boeken.uitkomst(reg, taken[i][0], taken[i][1], True, dt.date(2023, 3, 1), None, "p", "flexibel")
                gelukt += 1
            except InvoerFout:
                geweigerd += 1
    reg.sluit()
    uit.put((gelukt, geweigerd))


@pytest.mark.parametrize("zelfde", [False, True], ids=["eigen-aanbod", "zelfde-aanbod"])
def test_twee_processen_tegelijk(capsys, db, zelfde):  # noqa: F811
    import cli

    assert cli.main(["register", "init", db]) == 0
    assert cli.main(["register", "importeer", db, "--huishoudens", HH, "--woningen", WON]) == 0
    capsys.readouterr()
    aanbod = sorted(ronde(capsys, db, "2023-01-10").items())
    assert len(aanbod) >= 6
    voor = len(rijen(db))
    # Each process its own half of the offers, or both the same ones (then exactly one may accept each).
    delen = [aanbod, aanbod] if zelfde else [aanbod[0::2], aanbod[1::2]]
    ctx = mp.get_context("fork")
    slagboom, uit = ctx.Barrier(2), ctx.Queue()
    processen = [ctx.Process(target=_schrijver, args=(db, deel, slagboom, uit)) for deel in delen]
    for p in processen:
        p.start()
    for p in processen:
        p.join(120)
        assert p.exitcode == 0
    uitslagen = [uit.get(timeout=5) for _ in processen]
    na = rijen(db)
    acceptaties = [r for r in na if r[1] == "acceptatie"]
    assert len([r for r in na if r[1] == "nareizigers"]) == 2 * AANKOMSTEN  # nothing lost
    assert len(acceptaties) == len(aanbod) == sum(g for g, _ in uitslagen)
    assert len({r[2] for r in acceptaties}) == len(aanbod)  # no offer accepted twice
    assert sum(f for _, f in uitslagen) == (len(aanbod) if zelfde else 0)
    assert len(na) == voor + 2 * AANKOMSTEN + len(aanbod)
