"""Results added up as they stream in (`simulatie/optelling.py`): the same figures as from the
full records by an independent computation, in any chunking; memory a fixed few numbers per
replication; and `vergelijk`, which draws each world once for every policy, gives what a
separate run per policy gives."""

from collections import Counter

import numpy as np
import pytest

from simulatie.optelling import Optelling, mediaan, tel_op
from simulatie.replicaties import kpi, samenvatting, simuleer
from simulatie.scenario import laad_scenario
from simulatie.uitvoerder import LokaleProcessen, Serieel
from simulatie.vergelijking import maten, vergelijk


@pytest.fixture(scope="module")
def res():
    return simuleer(laad_scenario("leusden-2023"), "strikt", 40, bewaar=True)


@pytest.mark.parametrize("seed", range(30))
def test_mediaan_uit_tellingen_is_die_van_numpy(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 60, int(rng.integers(1, 40))) / 7.0
    assert mediaan(Counter(x.tolist())) == float(np.median(x))


def test_kengetallen_gelijk_aan_een_onafhankelijke_berekening(res):
    u = res.uitkomsten
    weken = np.concatenate([x.wachtweken for x in u])
    kps = np.concatenate([x.kinderen_per_slaapkamer for x in u])
    k = kpi(res)
    assert k["wachtweken_mediaan"] == round(float(np.median(weken)), 2)
    assert k["aandeel_binnen_norm"] == round(float((weken <= res.invoer.sc.toewijzing.norm_weken).mean()), 4)
    assert k["kinderen_per_slaapkamer"] == round(float(kps.mean()), 3)
    assert k["weigeringen"] == round(sum(x.tellers.get("weigeringen", 0) for x in u) / len(u), 3)
    assert k["wachtend_eind"] == round(sum(x.wachtend_eind for x in u) / len(u), 3)
    real = np.array([x.realisatie for x in u])
    assert (res.optelling.per_periode("realisatie") == real).all()


@pytest.mark.parametrize("grenzen", [[1], [7, 8, 20], list(range(1, 40))])
def test_in_delen_opgeteld_gelijk_aan_in_een_keer(res, grenzen):
    u = res.uitkomsten
    sc = res.invoer.sc
    heel = tel_op(u, len(sc.periode), sc.horizon_dagen)
    totaal = Optelling(len(sc.periode), dagen=sc.horizon_dagen)
    for a, b in zip([0, *grenzen], [*grenzen, len(u)]):
        totaal.voeg_samen(tel_op(u[a:b], len(sc.periode), sc.horizon_dagen))
    assert totaal == heel


def test_delen_buiten_volgorde_geweigerd(res):
    u, m = res.uitkomsten, len(res.invoer.sc.periode)
    with pytest.raises(ValueError):
        tel_op(u[5:10], m).voeg_samen(tel_op(u[:5], m))


def test_zonder_bewaren_vaste_grootte_per_replicatie():
    """Memory flat: per replication exactly 3 numbers per period and one more (8 bytes each);
    everything else is counts whose size does not grow with the replications."""
    g = laad_scenario("leusden-2023")
    a = simuleer(g, "flexibel", 30, bewaar=False)
    b = simuleer(g, "flexibel", 90, bewaar=False)
    for r in (a, b):
        assert r.bewaard is None
        o = r.optelling
        assert len(o.realisatie) == len(o.woningen_gebruikt) == len(o.bewoners) == 2 * o.n
        assert len(o.woningen_per_jaar) == o.n and o.dagtelling is None
    # Distinct weeks are bounded by the horizon, not by the replications.
    assert len(b.optelling.wachtweken) <= 7 * 366


def test_zelfde_samenvatting_op_een_of_meer_processen():
    g = laad_scenario("leusden-2021")
    een = samenvatting(simuleer(g, "strikt", 24, uitvoerder=Serieel(), bewaar=False))
    twee = samenvatting(simuleer(g, "strikt", 24, uitvoerder=LokaleProcessen(2), bewaar=False))
    assert een == twee


def test_vergelijk_met_een_wereld_per_replicatie_gelijk_aan_losse_runs():
    g = laad_scenario("leusden-2023")
    v = vergelijk(g, ["strikt", "flexibel"], 10)
    for r in v.resultaten:
        los = simuleer(g, r.beleid, 10, bewaar=True)
        assert samenvatting(r) == samenvatting(los)
    # An attribution variant: its measures equal a separate run's.
    a = g.beleid("strikt")
    groep = v.attributie[0]
    waarden = {k: p["naar"] for k, p in groep["parameters"].items()}
    aan = a.met(naam=f"strikt+{groep['regel']}", **{k: tuple(x) if isinstance(x, list) else x
                                                  for k, x in waarden.items()})
    los = maten(simuleer(g, aan, 10, bewaar=True))
    sterk = maten(simuleer(g, "strikt", 10, bewaar=True))
    from simulatie.vergelijking import verschil
    assert verschil(sterk, los, v.perioden) == groep["aan_vanuit_strikt"]


def _cum_uit_records(res) -> np.ndarray:
    """(replications x days + 1) persons booked up to each day, from the full records."""
    dagen = res.invoer.sc.horizon_dagen
    cum = np.zeros((len(res.uitkomsten), dagen + 1), np.int64)
    for i, u in enumerate(res.uitkomsten):
        for b in u.boekingen:
            if 0 <= b.dag <= dagen:
                cum[i, b.dag:] += b.personen
    return cum


@pytest.mark.parametrize("methode", ["linear", "inverted_cdf"])
def test_dagkwantielen_als_numpy_op_de_hele_matrix(res, methode):
    """The fan chart's percentiles per day, from counts of persons per day, equal numpy's on the
    full (replications x days) matrix built from the records; in any chunking; and each day
    counts every replication once."""
    cum = _cum_uit_records(res)
    procenten = [0, 5, 10, 25, 50, 75, 90, 95, 100]
    verwacht = np.percentile(cum, procenten, axis=0, method=methode)
    m, dagen = len(res.invoer.sc.periode), res.invoer.sc.horizon_dagen
    assert np.array_equal(res.optelling.dagkwantielen(procenten, methode), verwacht)
    delen = [tel_op(res.uitkomsten[a:b], m, dagen) for a, b in ((0, 7), (7, 8), (8, 40))]
    samen = delen[0]
    for d in delen[1:]:
        samen.voeg_samen(d)
    assert np.array_equal(samen.dagkwantielen(procenten, methode), verwacht)
    assert (res.optelling.dagtelling.sum(axis=1) == len(res.uitkomsten)).all()
    assert np.array_equal(res.optelling.dagkwantielen([50])[0], np.median(cum, axis=0))


def test_dagtelling_groeit_niet_met_de_replicaties():
    """The day counts are (days + 1) x person values, whatever the number of replications."""
    g = laad_scenario("leusden-2023")
    a = simuleer(g, "flexibel", 20, bewaar=False, curven=True).optelling
    b = simuleer(g, "flexibel", 80, bewaar=False, curven=True).optelling
    assert a.dagtelling.shape[0] == b.dagtelling.shape[0] == g.sc.horizon_dagen + 1
    assert b.dagtelling.shape[1] <= max(64, 2 * a.dagtelling.shape[1])
    assert b.dagtelling.sum() == 80 * (g.sc.horizon_dagen + 1)


def test_gelijkheid_ziet_elk_verschil(res):
    """Two add-ups are equal exactly when every field is, the day counts compared as arrays (the
    chunking tests above rest on this)."""
    m, dagen = len(res.invoer.sc.periode), res.invoer.sc.horizon_dagen
    een, twee = tel_op(res.uitkomsten[:10], m, dagen), tel_op(res.uitkomsten[:10], m, dagen)
    assert een == twee and een != tel_op(res.uitkomsten[:10], m)
    twee.dagtelling[dagen // 2, 0] += 1
    assert een != twee
    drie = tel_op(res.uitkomsten[:10], m, dagen)
    drie.wachtend_eind += 1
    assert een != drie and een != "geen optelling"
