"""[taakstelling] afgeschaft_vanaf: periods from that date have no obligation. Flows and
realisatie go on; no stand, totaalopgave or chance of meeting it; COA links the stated number."""

import json

from simhulp import D, beleid, hh, invoer, scenario, woning

from simulatie.model import simuleer_replicatie
from simulatie.rapport import als_csv, als_json, als_tabel
from simulatie.replicaties import SimResultaat, perioden
from simulatie.vraag import koppelvensters

PERIODEN = [{"naam": "2026-1", "taakstelling": 3}, {"naam": "2026-2", "taakstelling": 12}]


def _resultaat():
    sc = scenario(startdatum=D(2026, 1, 1), periode=PERIODEN, stand_start=-2,
                  taakstelling={"afgeschaft_vanaf": D(2026, 7, 1)})
    # Three singles, each with a dwelling: two free now (keys day 14), one free on 1 Aug (day 212;
    # round day 217, keys day 231, in 2026-2).
    h = [hh(f"H{i}", D(2025, 12, 1)) for i in range(3)]
    w = [woning("W0", 1, D(2026, 1, 1)), woning("W1", 1, D(2026, 1, 1)), woning("W2", 1, D(2026, 8, 1))]
    inv = invoer(sc, h, w)
    u = simuleer_replicatie(inv, beleid("strikt"), 0)
    assert u.realisatie == [2, 1]
    return SimResultaat.uit_uitkomsten("t", "", "strikt", 1, [u], inv)


def test_periode_zonder_taakstelling_heeft_geen_stand_en_geen_kans():
    res = _resultaat()
    eerste, tweede = perioden(res)
    # 2026-1: stand -2, totaalopgave 3 + 2 = 5, realisatie 2: not met, stand at its end -3.
    assert eerste["verplicht"] and eerste["totaalopgave"] == 5 and eerste["kans_totaalopgave_gehaald"] == 0.0
    assert eerste["stand_eind"] == -3
    # 2026-2: realisatie 1 reported; no stand carried into it, no obligation.
    assert tweede["verplicht"] is False and tweede["realisatie"]["gemiddeld"] == 1
    for sleutel in ("totaalopgave", "stand_start", "kans_totaalopgave_gehaald",
                    "kans_inclusief_extra_opgave_gehaald", "stand_eind", "stand_eind_verdeling"):
        assert tweede[sleutel] is None
    data = json.loads(als_json([res]))
    assert data["perioden"][1]["kans_totaalopgave_gehaald"] is None
    tabel = als_tabel([res])
    regel = next(r for r in tabel.splitlines() if "2026-2" in r)
    assert regel.count("—") == 4 and "geen taakstelling vanaf 2026-07-01" in tabel
    rij = als_csv([res]).splitlines()[2].split(";")
    assert rij[2:12] == ["2026-2", "12", "0", "", "", "1", "", "", "", "1"]


def test_coa_koppelt_het_genoemde_aantal_zonder_stand():
    # From the start no obligation: COA links the stated taakstelling (3, then 12), not 3 + 2
    # for the achterstand; within the first 3 months of each half-year.
    sc = scenario(startdatum=D(2026, 1, 1), periode=PERIODEN, stand_start=-2,
                  taakstelling={"afgeschaft_vanaf": D(2026, 1, 1)})
    assert koppelvensters(sc, 0) == [(0, 90, 3.0), (181, 273, 12.0)]
    met_plicht = scenario(startdatum=D(2026, 1, 1), periode=PERIODEN, stand_start=-2)
    assert koppelvensters(met_plicht, 0) == [(0, 90, 5.0), (181, 273, 12.0)]
