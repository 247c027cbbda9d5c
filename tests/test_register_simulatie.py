"""One accounting (issue 15): a simulated replication's events written into a register give
`register stand` equal to the simulation's own realisatie per period.

The replication is observed, not changed: the keys handed over (with the persons present and
whether it is a vervolghuisvesting move) and the nareizigers' arrivals are recorded as they
happen, then written into a register as offers, acceptances with key dates, vervolg entries and
arrivals. Nidos is switched off: the register has no small-scale housing of its own.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

import cli
import simulatie.actoren.koppelingen as koppelingen
from registerhulp import db  # noqa: F401  (fixture)
from simulatie.kalender import simdatum
from simulatie.model import simuleer_replicatie
from simulatie.replicaties import maak_invoer
from simulatie.scenario import laad_scenario
from simulatie.scenario.onderdelen import Nidos
from simulatie.toestand import Toestand


def waargenomen_replicatie(monkeypatch, rep: int, beleid: str = "flexibel", visum: bool = True):
    """(uitkomst, scenario, keys, arrivals, households) of one replication of leusden-2023;
    `visum` False: families travel without waiting for a dwelling (so some arrive before the keys)."""
    g = laad_scenario("leusden-2023")
    vraag = g.sc.vraag.model_copy(update={"visum_na_passende_woning": visum})
    sc = g.sc.model_copy(update={"nidos": Nidos(), "vraag": vraag})
    invoer = dataclasses.replace(maak_invoer(g, 7), sc=sc)
    sleutels, aankomsten, huishoudens = [], [], {}
    eigen_plaatsing, eigen_nareizigers = Toestand.registreer_plaatsing, koppelingen.nareizigers

    def plaatsing(self, s, dag_):
        huishoudens.setdefault(s.hh.id, s.k.hh)
        sleutels.append((dag_, s.hh.id, s.woning.woning, s.vervolg))
        eigen_plaatsing(self, s, dag_)

    def nareizigers(env, t, s):
        huishoudens.setdefault(s.hh.id, s.k.hh)
        voor = s.hh.personen
        yield from eigen_nareizigers(env, t, s)
        if s.hh.personen > voor:
            aankomsten.append((int(env.now), s.hh.id, s.hh.personen - voor))

    monkeypatch.setattr(Toestand, "registreer_plaatsing", plaatsing)
    monkeypatch.setattr(koppelingen, "nareizigers", nareizigers)
    u = simuleer_replicatie(invoer, g.beleid(beleid), rep)
    return u, sc, sleutels, aankomsten, huishoudens


def schrijf_in_register(db_: str, sc, sleutels, aankomsten, huishoudens, laat: bool = False) -> None:
    """`laat`: the arrivals recorded only after every key date (a gemeente catching up)."""
    from register import boeken
    from register.opslag import maak_register

    reg = maak_register(db_)
    boeken.zet_instelling(reg, "scenario", "leusden-2023", "test")
    eerst = {h.id: h for h in huishoudens.values()}
    woningen = [dataclasses.replace(w, id=f"{w.id}#{i}") for i, (_, _, w, _) in enumerate(sleutels)]
    boeken.importeer(reg, [dataclasses.replace(h, koppeldatum=min(h.koppeldatum, sc.startdatum))
                           for h in eerst.values()], woningen, "test", "flexibel")
    gebeurtenissen = sorted([(0, d, 0, i) for i, (d, *_) in enumerate(sleutels)]
                            + [(int(laat), d, 1, i) for i, (d, *_) in enumerate(aankomsten)])
    for _, d, soort, i in gebeurtenissen:
        datum = simdatum(sc.startdatum, d)
        if soort == 0:
            _, h, _, vervolg = sleutels[i]
            if vervolg:
                boeken.vervolg(reg, h, datum, "test", "flexibel")
            boeken.bied_aan(reg, h, woningen[i].id, datum, "test", "flexibel")
            boeken.uitkomst(reg, h, woningen[i].id, True, datum, None, "test", "flexibel")
        else:
            _, h, n = aankomsten[i]
            boeken.nareizigers(reg, h, n, datum, "test", "flexibel")
    reg.sluit()


# Chosen so that every rule is exercised: keys, nareizigers after the keys, a vervolghuisvesting
# move (checked below), and with the visa rule off nareizigers who arrive before the keys.
@pytest.mark.parametrize("rep, beleid, visum, laat", [(0, "flexibel", True, False), (2, "flexibel", True, True),
                                                      (3, "strikt", False, False), (5, "strikt", False, True)])
def test_register_telt_als_de_simulatie(monkeypatch, capsys, tmp_path, rep, beleid, visum, laat):
    u, sc, sleutels, aankomsten, huishoudens = waargenomen_replicatie(monkeypatch, rep, beleid, visum)
    assert set(u.per_bron) <= {"plaatsing", "nareizigers"}
    assert sleutels and aankomsten  # the replication has both kinds of events
    eerste = {}
    for d, h, _, _ in sleutels:
        eerste.setdefault(h, d)
    if rep:
        assert any(v for *_, v in sleutels)
    if not visum:
        assert any(d < eerste.get(h, -1) for d, h, _ in aankomsten)
    db_ = str(tmp_path / "r.db")
    schrijf_in_register(db_, sc, sleutels, aankomsten, huishoudens, laat)
    code = cli.main(["register", "stand", db_, "--peildatum", sc.einddatum.isoformat(), "--format", "json"])
    uit = capsys.readouterr()
    assert code == 0, uit.err
    stand = json.loads(uit.out)
    assert [p["realisatie"] for p in stand["perioden"]] == u.realisatie
    assert stand["realisatie_per_bron"] == u.per_bron
    # Day by day too: the same persons booked on the same day by the same route.
    from register.openen import staat_van
    from register.opslag import open_register
    from simulatie.kalender import simdag
    reg = open_register(db_)
    per_dag: Counter = Counter()
    for b in staat_van(reg).boekingen:
        per_dag[simdag(sc.startdatum, b.datum), b.bron] += b.personen
    reg.sluit()
    verwacht: Counter = Counter()
    for b in u.boekingen:
        verwacht[b.dag, b.bron] += b.personen
    assert per_dag == verwacht


def test_ook_op_postgresql(monkeypatch, capsys, db):  # noqa: F811
    """The same replication into the register on each backend (SQLite here too, PostgreSQL when given)."""
    u, sc, sleutels, aankomsten, huishoudens = waargenomen_replicatie(monkeypatch, 1)
    schrijf_in_register(db, sc, sleutels, aankomsten, huishoudens)
    assert cli.main(["register", "stand", db, "--peildatum", sc.einddatum.isoformat(), "--format", "json"]) == 0
    assert [p["realisatie"] for p in json.loads(capsys.readouterr().out)["perioden"]] == u.realisatie
