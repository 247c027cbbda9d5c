"""The simulation's lean path (`simulatie/actoren/rondes.py`): skipping a round whose input did
not change, and judging a walk's re-lets together, must never change any outcome. Checked
against the plain path on every bundled scenario and policy, record for record; and the day up
to which a round's admissible pairs cannot change (`matching.wisseling.volgende_wisseling`) worked
out by hand and checked day by day against the rules themselves."""

import datetime as dt
import pickle
from collections import Counter

import numpy as np
import pytest

import simulatie.actoren.rondes as rondes
from matching.regels import GEEN_BLOKKADE, NIET_IN_NL, WACHT_NAREIZIGERS, Ronde, bezwaren, toelaatbaar, dag, huishouden_kenmerken, woning_kenmerken
from matching.wisseling import volgende_wisseling
from simhulp import beleid, hh, woning
from simulatie.model import draai, simuleer_replicatie
from simulatie.replicaties import maak_invoer
from simulatie.scenario import laad_scenario
from simulatie.toestand import Status, Toestand

SCENARIOS = ["leusden-2023", "leusden-2021", "leusden-2022-2", "leusden-2026"]


def _uitkomsten(naam, beleidsnaam, n):
    g = laad_scenario(naam)
    invoer, b = maak_invoer(g), g.beleid(beleidsnaam)
    return [pickle.dumps(simuleer_replicatie(invoer, b, rep)) for rep in range(n)]


@pytest.mark.parametrize("naam", SCENARIOS)
@pytest.mark.parametrize("beleidsnaam", ["strikt", "flexibel"])
def test_overslaan_verandert_geen_uitkomst(naam, beleidsnaam, monkeypatch):
    snel = _uitkomsten(naam, beleidsnaam, 12)
    monkeypatch.setattr(rondes, "OVERSLAAN", False)
    monkeypatch.setattr(rondes, "SAMEN_BEOORDELEN", False)
    assert _uitkomsten(naam, beleidsnaam, 12) == snel


def test_er_wordt_echt_overgeslagen():
    """Not vacuous: under strikt most weeks bring nothing new, so rounds are skipped."""
    g = laad_scenario("leusden-2023")
    invoer = maak_invoer(g)
    overgeslagen = sum(draai(invoer, g.beleid("strikt"), rep)[0].overgeslagen for rep in range(5))
    assert overgeslagen > 0


@pytest.mark.parametrize("naam", ["leusden-2023", "leusden-2026"])
def test_vervangingen_samen_beoordeeld_als_een_voor_een(naam, monkeypatch):
    monkeypatch.setattr(rondes, "SAMEN_BEOORDELEN", False)
    een = _uitkomsten(naam, "strikt", 10)
    monkeypatch.setattr(rondes, "SAMEN_BEOORDELEN", True)
    assert _uitkomsten(naam, "strikt", 10) == een


@pytest.mark.parametrize("verhuis_dagen", [14, 0])
def test_sleuteloverdracht_als_terugroep_als_proces(verhuis_dagen, monkeypatch):
    """A handover as a timeout with a callback gives what a process per handover gave, record
    for record, also when keys change hands in the round itself (no days to move)."""
    g = laad_scenario("leusden-2023", zet={"toewijzing.verhuis_dagen": verhuis_dagen})
    assert g.sc.toewijzing.verhuis_dagen == verhuis_dagen
    invoer = maak_invoer(g)

    def uitkomsten():
        return [pickle.dumps(simuleer_replicatie(invoer, g.beleid(b), rep)) for b in ("strikt", "flexibel")
                for rep in range(12)]

    terugroep = uitkomsten()
    monkeypatch.setattr(rondes, "OVERDRACHT_ALS_TERUGROEP", False)
    assert uitkomsten() == terugroep


D = dt.date


def _ronde(peil, woningen, huishoudens=None, b=None):
    huishoudens = huishoudens or [hh("A", D(2023, 1, 1)), hh("B", D(2023, 1, 1), volw=2, kinderen="j3 m5")]
    return Ronde(huishouden_kenmerken(huishoudens, b), woning_kenmerken(woningen), dag(peil))


def test_wisseling_reservering_wordt_beschikbaar():
    """strikt: a new-build free on 11 April is refused (soort, not yet available) until that day."""
    b = beleid("strikt")
    r = _ronde(D(2023, 3, 1), [woning("N", 1, D(2023, 4, 11), soort="nieuwbouw")], b=b)
    assert volgende_wisseling(r, b) == dag(D(2023, 4, 11))


def test_wisseling_horizon_zes_maanden():
    """flexibel, 6 months ahead: on 31 August the horizon is 29 February; a dwelling free on
    1 March comes within reach on 1 September (horizon 1 March)."""
    b = beleid("flexibel", passend_toewijzen=False)
    r = _ronde(D(2023, 8, 31), [woning("R", 1, D(2024, 3, 1), soort="renovatie")], b=b)
    assert volgende_wisseling(r, b) == dag(D(2023, 9, 1))
    # With the rent limit the year's end comes first only when it is sooner.
    b = beleid("flexibel")
    assert volgende_wisseling(_ronde(D(2023, 8, 31), [woning("R", 1, D(2024, 3, 1), soort="renovatie")], b=b),
                              b) == dag(D(2023, 9, 1))


def test_wisseling_nieuw_jaar_door_huurgrens():
    b = beleid("flexibel", passend_toewijzen=True)
    r = _ronde(D(2023, 12, 20), [woning("V", 1, D(2023, 12, 1))], b=b)
    assert volgende_wisseling(r, b) == dag(D(2024, 1, 1))
    b = beleid("flexibel", passend_toewijzen=False)
    assert volgende_wisseling(_ronde(D(2023, 12, 20), [woning("V", 1, D(2023, 12, 1))], b=b), b) is None


@pytest.mark.parametrize("beleidsnaam", ["strikt", "flexibel"])
@pytest.mark.parametrize("seed", range(6))
def test_niets_verandert_voor_de_wisseling(beleidsnaam, seed):
    """Day by day from the peildag: every rule's answer stays the same until the day given (the
    hand-worked cases above show the day is the first that may differ, not merely a safe one)."""
    rng = np.random.default_rng(seed)
    b = beleid(beleidsnaam)
    peil = D(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 500)))
    soorten = ["vrij", "nieuwbouw", "renovatie", "opzegging", "gereserveerd"]
    woningen = [woning(f"W{i}", int(rng.integers(0, 5)), peil + dt.timedelta(days=int(rng.integers(-30, 400))),
                       soort=soorten[int(rng.integers(0, 5))], huur=float(rng.uniform(400, 900)))
                for i in range(6)]
    r = _ronde(peil, woningen, b=b)
    tot = volgende_wisseling(r, b)

    def antwoord(d):
        vorm = (len(r.hh), len(r.w))
        return {k: np.broadcast_to(v, vorm).tobytes()
                for k, v in bezwaren(Ronde(r.hh, r.w, d), b).items()}

    eerst = antwoord(r.peildag)
    eind = r.peildag + 450 if tot is None else tot
    for d in range(r.peildag + 1, eind):
        assert antwoord(d) == eerst, (d, tot)


@pytest.mark.parametrize("nareizigers", ["nu", "vooruit", "wachten"])
def test_kandidaten_is_blokkade_nul(nareizigers, monkeypatch):
    """Who may be offered a dwelling, as a round and COA's list length ask it (`kandidaten`, a
    list kept while no status changes), is at every call exactly who waits without a `blokkade`,
    asked afresh of every household: also after arrivals from abroad, placements and refusals
    between two rounds. Their rows read without asking (`rijen(vrij=True)`) are the rows read
    with it. Under every way of handling nareizigers, on simulated rounds."""
    g = laad_scenario("leusden-2021")  # with households still abroad
    b = g.beleid("strikt").met(nareizigers=nareizigers)
    oud = Toestand.kandidaten
    gezien = Counter()
    vorige = [None]

    def controleer(self):
        uit = oud(self)
        wacht = [s for s in self.huishoudens.values() if s.status in (Status.WACHTEND, Status.BUITENLAND)]
        assert isinstance(uit, tuple) and list(uit) == [s for s in wacht if self.blokkade(s) == GEEN_BLOKKADE]
        assert self.rijen(uit, vrij=True) == self.rijen(uit)
        gezien.update(self.blokkade(s) for s in wacht)
        gezien["bewaard" if uit is vorige[0] else "nieuw"] += 1
        vorige[0] = uit
        return uit

    monkeypatch.setattr(Toestand, "kandidaten", controleer)
    invoer = maak_invoer(g)
    for rep in range(3):
        draai(invoer, b, rep)
    # Not vacuous: households both with and without a blokkade were asked about, and under
    # `wachten` some waited for their nareizigers; lists were both kept and made anew (kept
    # only where the statuses alone decide).
    assert gezien[GEEN_BLOKKADE] > 0 and gezien[NIET_IN_NL] > 0
    assert (gezien[WACHT_NAREIZIGERS] > 0) == (nareizigers == "wachten")
    assert gezien["nieuw"] > 10
    assert (gezien["bewaard"] > 10) == (nareizigers != "wachten")


@pytest.mark.parametrize("nareizigers", ["nu", "vooruit", "wachten"])
def test_zonder_blokkade_elke_combinatie(nareizigers):
    """The same, case by case: every status, with and without nareizigers still to come, in
    and out of a vervolghuisvesting wait."""
    from simhulp import scenario
    from simulatie.toestand import SimHuishouden, Status

    t = Toestand(scenario(), beleid("strikt", nareizigers=nareizigers), 0)
    lijst = [SimHuishouden(None, hh(f"H{i}", dt.date(2023, 1, 1), nareizigers=n), st, vervolg=v)
             for i, (st, n, v) in enumerate((st, n, v) for st in Status for n in (0, 2) for v in (False, True))]
    verwacht = [s for s in lijst if t.blokkade(s) == GEEN_BLOKKADE]
    assert t.zonder_blokkade(lijst) == verwacht
    assert t.rijen(verwacht, vrij=True) == t.rijen(verwacht)
    assert len(verwacht) == (16 if nareizigers != "wachten" else 12)  # 4 of 20 abroad; 4 more waiting


class _Env:
    """Only what `rondes.vervang` asks of SimPy: the process it starts, kept unstarted."""

    def __init__(self):
        self.gestart = []

    def process(self, generator):
        self.gestart.append(generator.gi_frame.f_locals)  # (its arguments: env, t, w, wachten)


@pytest.mark.parametrize("beleidsnaam", ["strikt", "flexibel"])
def test_vervang_kiest_wat_een_voor_een_nagerekend_eerst_past(beleidsnaam):
    """The walk against a brute force written from the rule itself: re-let k = begin, begin+1, ...
    comes free after the waits begin..k added up, and is looked at while the days waited before it
    (begin..k-1) stay within the longest a dwelling may stand empty; the first that someone on the
    list may take on its own day
    (the numpy rules on that re-let alone, on that day) is offered, free on that day; with none,
    every one looked at is passed over. Lists, start points and days at random, across a new year."""
    from matching import snelkern
    from simulatie.aanbod import trek_vervangingen

    g = laad_scenario("leusden-2023")
    b = g.beleid(beleidsnaam)
    t, _ = draai(maak_invoer(g), b, 0)  # (a year's table of households)
    leeg = g.sc.toewijzing.max_leegstand_dagen
    rng = np.random.default_rng(5)
    uitkomsten = []
    for rep in range(4):
        alle = trek_vervangingen(g.sc, g.sc.seed, rep)
        t.wereld_vervangingen = alle
        for _ in range(30):
            hi = rng.choice(t.hh_tabel.n, int(rng.integers(1, min(t.hh_tabel.n, 12) + 1)), replace=False).tolist()
            begin, nu = int(rng.integers(0, len(alle) - 5)), int(rng.integers(300, 420))
            t.vervangingen, env = begin, _Env()
            gevonden = rondes.vervang(env, t, nu, hi)
            bewaard = snelkern._GELADEN
            try:
                snelkern._GELADEN = {}
                verwacht, gewacht, k = None, 0, begin
                while k < len(alle):
                    if gewacht > leeg:  # the days waited before re-let k (its own wait not yet)
                        break
                    gewacht += int(alle.wachten[k])
                    dag_ = t.start_abs + nu + gewacht
                    r = Ronde(t.hh_tabel.kies(hi), alle.kenmerken(k, k + 1, np.array([dag_], np.int64)), dag_)
                    if toelaatbaar(r, b).any():
                        verwacht = (k, gewacht)
                        break
                    k += 1
            finally:
                snelkern._GELADEN = bewaard
            if verwacht is None:
                assert not gevonden and env.gestart == [] and t.vervangingen == k
            else:
                k, gewacht = verwacht
                assert gevonden and t.vervangingen == k + 1
                (args,) = env.gestart
                assert args["wachten"] == gewacht and args["w"].beschikbaar == nu + gewacht
                assert args["w"].woning.id == alle.woning(k, 0).id
                assert args["w"].woning.beschikbaar == g.sc.startdatum + dt.timedelta(days=nu + gewacht)
            uitkomsten.append(None if verwacht is None else verwacht[0] - begin)
    # not vacuous: found at the first and at a later one; and none (strikt: flexibel fits someone every time)
    assert uitkomsten.count(0) > 5 and sum(1 for u in uitkomsten if u) > 5, uitkomsten
    assert uitkomsten.count(None) > 0 or beleidsnaam == "flexibel"


@pytest.mark.parametrize("beleidsnaam", ["strikt", "flexibel", "soorten"])
def test_eerste_passende_hervermieting_zonder_hun_dagen(beleidsnaam):
    """The walk asks of each coming re-let whether anyone on the list may take it. The compiled
    kernel answers without the re-lets' days (free by the peildag, a re-let passes every date
    rule whatever its day); the numpy rules, given the days, must agree: households from a
    simulated year's table, any subset, re-lets anywhere in the world's list, days across a
    new year (the rent limit's year is the peildag's)."""
    from matching import snelkern
    from simulatie.aanbod import trek_vervangingen

    pytest.importorskip("numba")
    g = laad_scenario("leusden-2023")
    b = g.beleid("strikt" if beleidsnaam == "soorten" else beleidsnaam)
    if beleidsnaam == "soorten":
        b = b.met(soorten=("nieuwbouw",), vooruit_maanden=6)  # not even vrij: only the day lets it pass
    t, _ = draai(maak_invoer(g), b, 0)
    ht = t.hh_tabel
    rng = np.random.default_rng(7)
    gevonden = []
    for rep in range(8):
        alle = trek_vervangingen(g.sc, g.sc.seed, rep)
        for _ in range(25):
            hi = rng.choice(ht.n, int(rng.integers(1, min(ht.n, 30) + 1)), replace=False).tolist()
            begin = int(rng.integers(0, len(alle) - 1))
            eind = int(rng.integers(begin + 1, min(begin + 12, len(alle)) + 1))
            dagen = np.sort(dag(dt.date(2023, 12, 1)) + rng.integers(0, 90, eind - begin)).tolist()
            met = alle.eerste_passend(ht, hi, begin, eind, dagen, b)
            bewaard = snelkern._GELADEN
            try:
                snelkern._GELADEN = {}
                zonder = alle.eerste_passend(ht, hi, begin, eind, dagen, b)
                # the numpy rules on the re-lets with their days, every pair
                past = toelaatbaar(Ronde(ht.kies(hi), alle.kenmerken(begin, eind, np.array(dagen, np.int64)), dagen[-1]),
                                   b).any(axis=0)
            finally:
                snelkern._GELADEN = bewaard
            verwacht = int(np.flatnonzero(past)[0]) if past.any() else -1
            assert met == zonder == verwacht
            gevonden.append(verwacht)
    # not vacuous: found at the first, at a later one, and none at all
    assert gevonden.count(0) > 20 and sum(k > 0 for k in gevonden) > 10 and gevonden.count(-1) > 0, gevonden


@pytest.mark.parametrize("variant", ["strikt", "flexibel", "wachten", "niet_lexicografisch", "woningdelen",
                                     "vooruitkijken"])
def test_ronde_op_rijnummers_als_op_eigen_arrays(variant, monkeypatch):
    """A simulated round asks the rules, whether it is futile, and a small round's solve, by row
    number in the tables in one compiled step; making the round's own arrays and asking
    `toelaatbaar` and `los_op` on them, and judging the pairs in Python, as rounds did before,
    gives the same records: under every path a policy can send a round down."""
    from matching.beleid import Doel
    from matching.oplossers import Rondestap, Rondeuitkomst
    from matching.regels import toelaatbaar

    g = laad_scenario("leusden-2021")  # with households abroad, and reservations
    b = {"strikt": g.beleid("strikt"), "flexibel": g.beleid("flexibel"),
         "wachten": g.beleid("flexibel").met(nareizigers="wachten"),
         "niet_lexicografisch": g.beleid("flexibel").met(doel=Doel(lexicografisch=False)),
         "woningdelen": g.beleid("strikt").met(woningdelen=True),
         "vooruitkijken": g.beleid("flexibel").met(vooruitkijken_weken=8)}[variant]
    invoer = maak_invoer(g)
    snel = [pickle.dumps(simuleer_replicatie(invoer, b, rep)) for rep in range(5)]

    def op_eigen_arrays(self, lijst, rijen, woningen, vandaag, *_):
        # (only the pairs: the round then checks and solves them itself, as it did)
        return Rondestap(toelaatbaar(Ronde(self.kenmerken(lijst, 0, rijen), self.woningkenmerken(woningen, vandaag),
                                           self.start_abs + vandaag), self.beleid), Rondeuitkomst.VERDER)

    monkeypatch.setattr(Toestand, "ronde_stap", op_eigen_arrays)
    monkeypatch.setattr(rondes, "klein_op_rijen", lambda *a, **k: None)
    assert [pickle.dumps(simuleer_replicatie(invoer, b, rep)) for rep in range(5)] == snel


def test_rijen_bij_als_elke_rij_opnieuw():
    """`werk_rijen_bij` looks only at what changed since its last call (one comparison of the
    rows' values). Its table must read, for every household of every list, as a table where
    each household's row is written afresh from the same values: over random lists (often the
    last one with more after it, as a round follows its replacement walk) and random changes
    between calls to each value a row is written from (the household replaced when nareizigers
    arrive, counted persons, a vervolg wait, the needs, the blokkade)."""
    import dataclasses
    import random

    from simulatie.toestand import SimHuishouden

    rng = random.Random(7)
    t = Toestand(_sc_klein(), beleid("strikt"), 0)
    alle = [SimHuishouden(None, hh(f"H{i}", dt.date(2023, 1, 1), volw=1 + i % 2, kinderen="j3 m5"[:3 * (i % 3)],
                                   nareizigers=i % 3), Status.WACHTEND, nodig=1 + i % 3, nodig_ruim=2 + i % 3,
                          personen_huur=1 + i % 4, koppeldag=i) for i in range(12)]
    velden = ("ids", "personen", "personen_huur", "nodig", "nodig_ruim", "alleen", "koppeldag", "blokkade", "gezin")
    vorige, gezien = [], Counter()
    for stap in range(400):
        for s in rng.sample(alle, rng.choice((0, 0, 1, 2))):
            veld = rng.choice(("hh", "geteld", "vervolg", "nodig", "nodig_ruim", "personen_huur", "status"))
            if veld == "hh":
                s.hh = dataclasses.replace(s.hh, nareizigers=max(s.hh.nareizigers - 1, 0), volwassenen=2)
            elif veld == "geteld":
                s.geteld = rng.randint(0, s.hh.personen)
            elif veld == "vervolg":
                s.vervolg = not s.vervolg
            elif veld == "status":
                s.status = Status.BUITENLAND if s.status is Status.WACHTEND else Status.WACHTEND
            else:
                setattr(s, veld, rng.randint(1, 4))
            gezien["gewijzigd" + ("_in_vorige" if s in vorige else "")] += 1
        rest = [s for s in alle if s not in vorige]
        lijst = vorige + rng.sample(rest, rng.randint(0, min(3, len(rest)))) \
            if vorige and rng.random() < 0.5 else rng.sample(alle, rng.randint(1, len(alle) // 2))
        rijen = t.rijen(lijst)
        gezien["vervolg_op_vorige"] += lijst[:len(vorige)] == vorige
        t.werk_rijen_bij(lijst, rijen)
        opnieuw = Toestand(_sc_klein(), beleid("strikt"), 0)
        kopie = [dataclasses.replace(s, rij=-1, rijwaarde=None) for s in lijst]
        for s, rij in zip(kopie, rijen):  # (each row written, one by one)
            opnieuw.werk_rijen_bij([s], (rij,))
        kol, verwacht = t.hh_tabel.kolommen, opnieuw.hh_tabel.kolommen
        for v in velden:
            assert [kol[v][s.rij] for s in lijst] == [verwacht[v][s.rij] for s in kopie], (stap, v)
        vorige = lijst
    # Not vacuous: households changed both inside and outside the last list, and lists both
    # continued the last one and did not.
    assert gezien["gewijzigd_in_vorige"] > 50 and gezien["gewijzigd"] > 50
    assert 50 < gezien["vervolg_op_vorige"] < 350


def _sc_klein():
    from simhulp import scenario
    return scenario()
