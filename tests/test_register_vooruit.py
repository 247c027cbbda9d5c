"""`simuleer --register DB --peildatum D` (issue 15): the forecast starts from the register's
state, and its totaalopgave and realisatie include what the register already holds."""

from __future__ import annotations

import datetime as dt
import json

import cli
from test_register import HH, WON, ok, ronde


def _register(capsys, tmp_path) -> tuple[str, str]:
    """H001 housed 20 Jan (1 person) with 3 nareizigers on 15 Jul, H002 housed 1 Feb (7), one more
    household accepted with keys on 20 Aug: in the pipeline at a peildatum of 1 Aug."""
    db_ = str(tmp_path / "r.db")
    ok(capsys, "register", "init", db_)
    ok(capsys, "register", "importeer", db_, "--huishoudens", HH, "--woningen", WON)
    aanbod = ronde(capsys, db_, "2023-01-10")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H001", "--woning", aanbod["H001"], "--geaccepteerd",
       "--sleuteldatum", "2023-01-20")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H002", "--woning", aanbod["H002"], "--geaccepteerd",
       "--sleuteldatum", "2023-02-01")
    ok(capsys, "register", "nareizigers", db_, "--huishouden", "H001", "--aantal", "3", "--datum", "2023-07-15")
    later = sorted(h for h in aanbod if h not in ("H001", "H002"))[0]
    ok(capsys, "register", "uitkomst", db_, "--huishouden", later, "--woning", aanbod[later], "--geaccepteerd",
       "--sleuteldatum", "2023-08-20")
    return db_, later


def test_prognose_vanuit_register(capsys, tmp_path):
    db_, _ = _register(capsys, tmp_path)
    out = ok(capsys, "simuleer", "--register", db_, "--peildatum", "2023-08-01", "--replicaties", "8",
             "--workers", "1", "--format", "json")
    (p,) = json.loads(out)["perioden"]
    # 2023-1 in the register: 1 + 7 persons against 35, so 2023-2 starts at 0 + 8 - 35 = -27.
    assert (p["periode"], p["stand_start"], p["totaalopgave"]) == ("2023-2", -27, 45 + 27)
    # 2023-2 so far: H001's 3 nareizigers; every replication adds to them.
    assert p["realisatie"]["p10"] >= 3


def test_startscenario_uit_register(capsys, tmp_path):
    from register.vooruit import scenario_uit_register
    from simulatie.scenario import laad_scenario

    db_, later = _register(capsys, tmp_path)
    with scenario_uit_register(db_, dt.date(2023, 8, 1)) as pad:
        g = laad_scenario(str(pad))
        ids = {h.id for h in g.huishoudens}
        woningen = {w.id: w.beschikbaar for w in g.woningen}
    assert g.sc.startdatum == dt.date(2023, 8, 1) and g.sc.stand_start == -27
    assert [(x.naam, x.realisatie) for x in g.sc.periode] == [("2023-2", 3)]
    assert later in ids and not {"H001", "H002"} & ids  # the pipeline in, the housed out
    reserveringen = {r["huishouden"]: r for r in json.loads(ok(
        capsys, "register", "stand", db_, "--peildatum", "2023-08-01", "--format", "json"))["pijplijn"]}
    assert woningen[reserveringen[later]["woning"]] == dt.date(2023, 8, 20)


def test_peildatum_buiten_de_perioden(capsys, tmp_path):
    db_, _ = _register(capsys, tmp_path)
    code = cli.main(["simuleer", "--register", db_, "--peildatum", "2024-03-01", "--replicaties", "2"])
    err = capsys.readouterr().err
    assert code == 2 and "valt buiten de perioden" in err and len(err.strip().splitlines()) == 1


def test_prognose_met_een_register_per_gemeente(capsys, tmp_path):
    """`prognose TABEL --registers MAP`: the gemeente's row from `register export`, forecast by the
    simulation from its register (realisatie so far carried, never added twice)."""
    map_ = tmp_path / "registers"
    map_.mkdir()
    db_, _ = _register(capsys, map_)
    tabel = tmp_path / "tabel.csv"
    ok(capsys, "register", "export", db_, "--peildatum", "2023-08-01", "--uitvoer", str(tabel))
    out = ok(capsys, "prognose", str(tabel), "--peildatum", "2023-08-01", "--registers", str(map_),
             "--replicaties", "6", "--workers", "1", "--format", "json")
    (rij,) = [r for r in json.loads(out)["rijen"] if r["gemeente"] == "Leusden"]
    assert (rij["methode"], rij["realisatie"], rij["achterstand"]) == ("simulatie", 3, 27)
    assert rij["prognose"]["p10"] >= 3
    leeg = tmp_path / "leeg"
    leeg.mkdir()
    code = cli.main(["prognose", str(tabel), "--peildatum", "2023-08-01", "--registers", str(leeg)])
    assert code == 2 and "geen map met registers" in capsys.readouterr().err
