"""The register (issue 15) end to end through `cli.main`, on SQLite and on a real PostgreSQL
server when one is given: a week's workflow with realisatie worked out by hand from the
counting rule, append-only, corrections, retention, export for the province, Dutch errors."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import cli
from registerhulp import db  # noqa: F401  (fixture)

VOORBEELD = resources.files("huisvesting_scenarios").joinpath("leusden")
HH, WON = str(VOORBEELD / "huishoudens.csv"), str(VOORBEELD / "woningen.csv")


def draai(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(list(args))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def ok(capsys, *args) -> str:
    code, out, err = draai(capsys, *args)
    assert code == 0, err
    return out


def rijen(db_) -> list[tuple]:
    """Every entry as stored, to check nothing is changed in place."""
    from sqlalchemy import select

    from register.opslag import open_register
    from register.schema import gebeurtenissen
    reg = open_register(db_)
    with reg.lees() as v:
        uit = [tuple(r) for r in v.execute(select(gebeurtenissen).order_by(gebeurtenissen.c.id))]
    reg.sluit()
    return uit


def stand(capsys, db_, peildatum) -> dict:
    return json.loads(ok(capsys, "register", "stand", db_, "--peildatum", peildatum, "--format", "json"))


def ronde(capsys, db_, peildatum) -> dict[str, str]:
    data = json.loads(ok(capsys, "toewijzen", "--register", db_, "--peildatum", peildatum, "--format", "json",
                         "--door", "test"))
    return {t["huishouden"]: t["woning"] for t in data["toewijzingen"]}


@pytest.fixture
def gevuld(capsys, db):  # noqa: F811
    ok(capsys, "register", "init", db, "--door", "test")
    ok(capsys, "register", "importeer", db, "--huishoudens", HH, "--woningen", WON, "--door", "test")
    return db


def test_week_met_telregel_met_de_hand(capsys, gevuld):
    db_ = gevuld
    aanbod = ronde(capsys, db_, "2023-01-10")
    # The bundled example: H002 (2 adults, 5 children = 7) and H001 (1 adult, 3 nareizigers abroad).
    assert {"H001", "H002", "H014"} <= set(aanbod)
    voor = rijen(db_)
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H002", "--woning", aanbod["H002"], "--geaccepteerd",
       "--sleuteldatum", "2023-02-20")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H001", "--woning", aanbod["H001"], "--geaccepteerd",
       "--sleuteldatum", "2023-01-20")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H014", "--woning", aanbod["H014"], "--geweigerd",
       "--reden", "te_ver_van_school")
    # After the keys: the 3 nareizigers count on arrival, in 2023-2.
    ok(capsys, "register", "nareizigers", db_, "--huishouden", "H001", "--aantal", "3", "--datum", "2023-08-01")
    na = rijen(db_)
    assert na[:len(voor)] == voor and len(na) == len(voor) + 4  # appended, nothing changed

    s = stand(capsys, db_, "2023-02-20")  # keys on the peildatum do not count yet
    assert [p["realisatie"] for p in s["perioden"]] == [1, 0]
    pijp = {r["huishouden"]: r for r in s["pijplijn"]}
    assert pijp["H002"] == {"woning": aanbod["H002"], "huishouden": "H002", "personen": 7,
                            "sleuteldatum": "2023-02-20", "status": "geaccepteerd"}
    assert "H014" not in pijp and "H001" not in pijp

    s = stand(capsys, db_, "2024-01-01")
    assert [p["realisatie"] for p in s["perioden"]] == [1 + 7, 3]
    assert [p["stand_start"] for p in s["perioden"]] == [0, 0 + 8 - 35]
    assert s["realisatie_per_bron"] == {"nareizigers": 3, "plaatsing": 8}

    # The refusal put H014 back on the list: the next round may offer it again, and never W of H002.
    tweede = ronde(capsys, db_, "2023-01-17")
    assert aanbod["H002"] not in tweede.values() and "H002" not in tweede
    spoor = ok(capsys, "register", "geschiedenis", db_, "--huishouden", "H014")
    assert "weigering" in spoor and "te_ver_van_school" in spoor and "telt mee voor de taakstelling" in spoor


def test_nareizigers_voor_de_sleutels_tellen_met_de_sleutels(capsys, gevuld):
    db_ = gevuld
    aanbod = ronde(capsys, db_, "2023-01-10")
    h = "H002"
    ok(capsys, "register", "uitkomst", db_, "--huishouden", h, "--woning", aanbod[h], "--geaccepteerd",
       "--sleuteldatum", "2023-07-03")
    # Arrived before the keys, recorded after the acceptance: counted at the keys (2023-2), not on arrival.
    ok(capsys, "register", "nareizigers", db_, "--huishouden", h, "--aantal", "2", "--datum", "2023-06-20")
    s = stand(capsys, db_, "2024-01-01")
    assert [p["realisatie"] for p in s["perioden"]] == [0, 7 + 2]
    assert s["realisatie_per_bron"] == {"plaatsing": 9}


def test_vervolghuisvesting_telt_niet_opnieuw_en_correctie(capsys, gevuld, tmp_path):
    db_ = gevuld
    aanbod = ronde(capsys, db_, "2023-01-10")
    for h in aanbod:
        if h != "H001":
            ok(capsys, "register", "uitkomst", db_, "--huishouden", h, "--woning", aanbod[h], "--geweigerd",
               "--reden", "test")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H001", "--woning", aanbod["H001"], "--geaccepteerd",
       "--sleuteldatum", "2023-01-20")
    ok(capsys, "register", "vervolg", db_, "--huishouden", "H001", "--datum", "2023-03-01")
    # A dwelling for the move (H001 re-imported alone: an import adds or updates, never removes).
    woningen = tmp_path / "woningen.csv"
    woningen.write_text(Path(WON).read_text() + "W90,Leusden,3,70,600.00,2023-03-01,vrij,nee\n")
    hh = tmp_path / "huishoudens.csv"
    hh.write_text("\n".join(Path(HH).read_text().splitlines()[:2]) + "\n")
    ok(capsys, "register", "importeer", db_, "--huishoudens", str(hh), "--woningen", str(woningen))
    tweede = ronde(capsys, db_, "2023-03-01")
    assert "H001" in tweede  # a move: keys again, no one counted again
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H001", "--woning", tweede["H001"],
       "--geaccepteerd", "--sleuteldatum", "2023-03-20")
    s = stand(capsys, db_, "2024-01-01")
    assert [p["realisatie"] for p in s["perioden"]] == [1, 0]
    assert "H001" not in {r["huishouden"] for r in s["pijplijn"]}  # a move is no reservation that counts
    # A key date corrected into the next half-year moves the booking; voiding it removes it.
    nummer = [r for r in rijen(db_) if r[1] == "acceptatie"][0][0]
    ok(capsys, "register", "corrigeer", db_, "--gebeurtenis", str(nummer), "--datum", "2023-07-10")
    assert [p["realisatie"] for p in stand(capsys, db_, "2024-01-01")["perioden"]] == [0, 1]
    correctie = rijen(db_)[-1]
    assert correctie[1] == "acceptatie" and correctie[10] == nummer
    ok(capsys, "register", "corrigeer", db_, "--gebeurtenis", str(correctie[0]), "--vervalt")
    assert [p["realisatie"] for p in stand(capsys, db_, "2024-01-01")["perioden"]] == [0, 0]


def test_opschonen_houdt_de_tellingen(capsys, gevuld):
    db_ = gevuld
    aanbod = ronde(capsys, db_, "2023-01-10")
    for h, d in (("H001", "2023-01-20"), ("H002", "2023-05-01")):
        ok(capsys, "register", "uitkomst", db_, "--huishouden", h, "--woning", aanbod[h], "--geaccepteerd",
           "--sleuteldatum", d)
    ok(capsys, "register", "nareizigers", db_, "--huishouden", "H001", "--aantal", "3", "--datum", "2023-03-01")
    voor = stand(capsys, db_, "2024-01-01")
    out = ok(capsys, "register", "opschonen", db_, "--voor", "2023-02-01")
    assert out.startswith("verwijderd: 1 huishoudens")
    assert stand(capsys, db_, "2024-01-01")["perioden"] == voor["perioden"] == stand(capsys, db_, "2024-01-01")[
        "perioden"]
    assert [p["realisatie"] for p in voor["perioden"]] == [1 + 3 + 7, 0]
    assert not [r for r in rijen(db_) if r[2] == "H001"]
    assert [(r[1], r[2], r[5]) for r in rijen(db_) if r[1] == "opgeschoond"] == [("opgeschoond", None, 1)]
    code, _, err = draai(capsys, "register", "geschiedenis", db_, "--huishouden", "H001")
    assert code == 2 and "H001" in err


def test_export_leest_terug_als_provinciale_tabel(capsys, gevuld, tmp_path):
    import datetime as dt

    from simulatie.provincie.lezen import lees_provincietabel

    db_ = gevuld
    aanbod = ronde(capsys, db_, "2023-01-10")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H002", "--woning", aanbod["H002"], "--geaccepteerd",
       "--sleuteldatum", "2023-02-01")
    ok(capsys, "register", "uitkomst", db_, "--huishouden", "H001", "--woning", aanbod["H001"], "--geaccepteerd",
       "--sleuteldatum", "2023-05-01")
    uit = tmp_path / "leusden.csv"
    ok(capsys, "register", "export", db_, "--peildatum", "2023-03-15", "--uitvoer", str(uit))
    t = lees_provincietabel(uit, dt.date(2023, 3, 15))
    (rij,) = t.gemeenten
    assert (rij.gemeente, rij.realisatie, rij.achterstand, rij.taakstelling) == ("Leusden", 7, 0, 35)
    # Reserved before the period's end: H001's accepted dwelling and every offer still open.
    open_ = [h for h in aanbod if h not in ("H001", "H002")]
    assert rij.gereserveerde_woningen == 1 + len(open_)
    assert rij.gereserveerde_personen >= 1 + len(open_)


def test_stand_csv_en_xlsx(capsys, gevuld, tmp_path):
    import openpyxl

    db_ = gevuld
    out = ok(capsys, "register", "stand", db_, "--peildatum", "2023-03-01", "--format", "csv", "--periode", "2023-2")
    assert out.splitlines()[1:] == ["periode;start;eind;taakstelling;stand_start;totaalopgave;realisatie",
                                    "2023-2;01-07-2023;01-01-2024;45;-35;80;0"]
    pad = tmp_path / "stand.xlsx"
    ok(capsys, "register", "stand", db_, "--peildatum", "2023-03-01", "--format", "xlsx", "--uitvoer", str(pad))
    blad = openpyxl.load_workbook(pad)["stand"]
    assert [c.value for c in blad[1]][:4] == ["periode", "start", "eind", "taakstelling"]


@pytest.mark.parametrize("args, woord", [
    (["register", "stand", "{tmp}/bestaat-niet.db"], "register niet gevonden"),
    (["register", "uitkomst", "{db}", "--huishouden", "H999", "--woning", "W01", "--geaccepteerd",
      "--sleuteldatum", "2023-02-01"], "huishouden 'H999' staat niet in het register"),
    (["register", "uitkomst", "{db}", "--huishouden", "H001", "--woning", "W01", "--geaccepteerd",
      "--sleuteldatum", "2023-02-30"], "--sleuteldatum"),
    (["register", "uitkomst", "{db}", "--huishouden", "H001", "--woning", "W01", "--geaccepteerd",
      "--sleuteldatum", "2023-02-01"], "geen open aanbod"),
    (["register", "nareizigers", "{db}", "--huishouden", "H001", "--aantal", "2", "--datum", "gisteren"], "--datum"),
    (["register", "stand", "{db}", "--periode", "2030-1"], "periode '2030-1'"),
    (["register", "init", "{db}"], "bestaat al"),
])
def test_fouten_een_regel(capsys, tmp_path, args, woord):
    db_ = str(tmp_path / "r.db")
    ok(capsys, "register", "init", db_)
    ok(capsys, "register", "importeer", db_, "--huishoudens", HH, "--woningen", WON)
    voor = rijen(db_)
    code, out, err = draai(capsys, *[a.format(db=db_, tmp=tmp_path) for a in args])
    assert code == 2 and woord in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert rijen(db_) == voor


def test_zonder_extra_een_regel_met_installatie(tmp_path):
    """Without SQLAlchemy installed (an import that fails) the commands say how to install it."""
    blok = tmp_path / "blok"
    blok.mkdir()
    (blok / "sqlalchemy.py").write_text("raise ImportError('niet geïnstalleerd')\n")
    wortel = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-c", "import cli, sys; sys.exit(cli.main())", "register", "init",
                        str(tmp_path / "r.db")], capture_output=True, text=True,
                       env={"PYTHONPATH": f"{blok}:{wortel}", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 2 and r.stderr.strip().startswith("fout: het register") and len(r.stderr.splitlines()) == 1
    assert "pip install 'huisvesting[register]'" in r.stderr
    assert not (tmp_path / "r.db").exists()


def test_migratie_bij_openen(tmp_path):
    """A register at an older schema version is brought to the newest on open."""
    from alembic import command

    from register.opslag import _alembic_config, _motor, nieuwste_versie, open_register, schema_versie
    pad = tmp_path / "oud.db"
    motor = _motor(f"sqlite:///{pad}")
    with motor.begin() as v:
        command.upgrade(_alembic_config(v), "0001")
    with motor.connect() as v:
        assert schema_versie(v) == "0001" != nieuwste_versie()
    motor.dispose()
    reg = open_register(str(pad))
    with reg.lees() as v:
        assert schema_versie(v) == nieuwste_versie()
        indexen = {r[1] for r in v.exec_driver_sql("PRAGMA index_list('gebeurtenissen')")}
    assert "ix_gebeurtenissen_datum" in indexen


def test_stille_week_is_geen_fout(capsys, tmp_path):
    """No one waiting: the round says so, records nothing, and a weekly job does not fail."""
    db_ = str(tmp_path / "r.db")
    ok(capsys, "register", "init", db_)
    voor = rijen(db_)
    code, out, err = draai(capsys, "toewijzen", "--register", db_, "--peildatum", "2023-01-10")
    assert code == 0 and out == "" and "geen ronde vastgelegd" in err
    assert rijen(db_) == voor


def test_nareizigers_veranderen_de_samenstelling_voor_de_volgende_ronde(capsys, gevuld):
    """H021 (1 adult, 1 nareiziger expected) was not offered; its family arrives bigger than expected
    (a partner and a girl of 3): the next round sees 3 persons, with the child, none still expected."""
    db_ = gevuld
    assert "H021" not in ronde(capsys, db_, "2023-01-10")
    ok(capsys, "register", "nareizigers", db_, "--huishouden", "H021", "--aantal", "2", "--kinderen", "m3",
       "--datum", "2023-01-12")
    data = json.loads(ok(capsys, "toewijzen", "--register", db_, "--peildatum", "2023-01-17", "--format", "json"))
    (h021,) = [p for p in data["toewijzingen"] + data["niet_geplaatst"] if p["huishouden"] == "H021"]
    assert h021["personen"] == 3
    from register.openen import staat_van
    from register.opslag import open_register
    s = staat_van(open_register(db_)).huishoudens["H021"].samenstelling
    assert (s.volwassenen, [(k.geslacht, k.leeftijd) for k in s.kinderen], s.nareizigers) == (2, [("m", 3)], 0)
    code, _, err = draai(capsys, "register", "nareizigers", db_, "--huishouden", "H021", "--aantal", "1",
                         "--kinderen", "j2 m5", "--datum", "2023-01-12")
    assert code == 2 and "--kinderen" in err
