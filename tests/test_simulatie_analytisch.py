"""The simulation against probability theory.

N single persons wait; WSL re-lets arrive as a Poisson process and every one fits; nobody
else arrives. Every vacancy houses one person until the list is empty, so
realisatie = min(N, K) with K ~ Poisson(rate x days) and E[realisatie] = sum_k min(N, k) P(K = k).
"""

import numpy as np
from scipy.stats import poisson
from simhulp import D, beleid, hh, invoer, scenario

from simulatie.replicaties import SimResultaat, perioden, standen
from simulatie.model import simuleer_replicatie

N = 20  # about the expected number of vacancies, so the minimum matters
PER_JAAR = 40.0


def _sc():
    return scenario(
        periode=[{"naam": "2023-1", "taakstelling": 10}],
        toewijzing={"ronde_dagen": 1, "verhuis_dagen": 0, "max_leegstand_dagen": 365},
        aanbod={"woningen_per_jaar": PER_JAAR, "vervangen": False,
                "aangekondigd_aandeel": 0.0, "aankondiging_dagen": [0, 0],
                "slaapkamers": {"1": 1.0}, "kern": {"Leusden": 1.0}, "huur": {"1": [400, 500]},
                "toegankelijk_aandeel": 0.0},
    )


def test_verwachte_realisatie_is_verwachting_van_min_n_poisson():
    sc = _sc()
    dagen = sc.horizon_dagen
    mu = PER_JAAR / 365.0 * dagen
    k = np.arange(0, 200)
    verwacht = float(np.sum(np.minimum(N, k) * poisson.pmf(k, mu)))
    inv = invoer(sc, [hh(f"H{i:02d}", D(2022, 12, 1)) for i in range(N)], seed=7)
    b = beleid("strikt")
    uit = [simuleer_replicatie(inv, b, r) for r in range(600)]
    real = np.array([u.realisatie[0] for u in uit], float)
    se = real.std(ddof=1) / np.sqrt(len(real))
    assert abs(real.mean() - verwacht) < 4 * se, (real.mean(), verwacht, se)
    # And the whole distribution: P(realisatie = N) = P(K >= N).
    p_vol = float(poisson.sf(N - 1, mu))
    se_p = np.sqrt(p_vol * (1 - p_vol) / len(real))
    assert abs((real == N).mean() - p_vol) < 4 * se_p
    res = SimResultaat.uit_uitkomsten("t", "", b.naam, 7, uit, inv)
    assert perioden(res)[0]["kans_totaalopgave_gehaald"] == round(float((real >= 10).mean()), 4)
    real2, stand = standen(res)
    assert (stand[:, 0] == 0).all() and (real2[:, 0] == real).all()
