"""The plan beside the simulation (`plan_vergelijking`, `aansluiting`): leusden-2023 reproduces
Leusden's plan of approach (35 dwellings for statushouders in 2023, 2.25 persons per dwelling)
within tolerances that follow from how supply and demand are built, and the steps from the
plan's persons to the simulated realisatie add up.
"""

import numpy as np
import pytest

from simulatie.replicaties import SimResultaat, aansluiting, plan_vergelijking, simuleer
from simulatie.scenario import laad_scenario

PLAN_WONINGEN = 35.0       # [seed] 35 of WSL's 200 dwellings in 2023
PLAN_PPW = 2.25            # [seed] persons per dwelling
PLAN_PERSONEN = 78.75      # 35 x 2.25


@pytest.fixture(scope="module")
def leusden():
    return laad_scenario("leusden-2023")


def _se(x) -> float:
    x = np.asarray(x, float)
    return float(x.std(ddof=1) / np.sqrt(len(x)))


def _waar_de_woningen_zijn(res) -> np.ndarray:
    """Per replication: dwellings used + matched with keys after the end + still free in the pool
    + returned to regular letting and not yet replaced."""
    return np.array([sum(u.woningen_gebruikt) + sum(u.eind_woningen.values()) for u in res.uitkomsten], float)


# Re-lets of the next year already announced before 1 January sit in the pool at the end too:
# leusden-2023 has 10 start-list dwellings, 4 new-builds and 3 renovations dated in 2023, so
# 35 - 17 = 18 re-lets a year; 30% are announced 30-90 days (mean 60) ahead: 18/365 x 0.3 x 60.
VOLGEND_JAAR = 18 / 365 * 0.3 * 60


def test_leusden_2023_flexibel_reproduceert_het_plan(leusden):
    """300 replications under flexibel (the scenario's own policy).

    - Persons per dwelling within 0.15 of 2.25. The household mix of the koppelingen is tilted
      to exactly 2.25 persons (nareizigers included), but the dwellings used also go to the start
      list (10 households, 25 persons with nareizigers: 2.5 each, about +0.08 over ~30 dwellings),
      to Nidos AMVs (1 person each, about 2 dwellings: about -0.08), and nareizigers still abroad
      at the end are not in the dwelling yet; which households get a dwelling first shifts it by a
      few hundredths more. The sampling error over ~9,000 dwellings is under 0.02.
    - Dwellings used: never more than the agreed 35 in expectation (at most 35 + 4 SE: all
      sources together are 35, Nidos's included), and at least 0.75 x 35: a dwelling free in the
      last weeks gets its keys after the end (14 days after the match), renovations finishing
      after 1 January and delayed new-builds are parts of the 35 but not free within the year,
      and some dwellings nobody on the list fits go back to regular letting; together that is
      several dwellings, not a quarter of them.
    - Where the dwellings are at the end (used, keys after the end, free, returned and not
      replaced): at most the 35 plus next year's re-lets announced before 1 January (0.89), in
      expectation. Supply on top of the 35 would show here even where demand caps the use.
    - The plan's 78.75 persons lie within the simulation's p10-p90 band of persons in those
      dwellings (the plan is a plausible year, not a tail).
    - The aansluiting: plan + the middle steps = the simulated realisatie, to 1e-6; its first
      step is 35 x 2.25 and its last the mean realisatie over the replications.
    """
    res = simuleer(leusden, "flexibel", 300)
    assert len(res.uitkomsten) == 300
    plan = plan_vergelijking(res)
    gebruikt = np.array([sum(u.woningen_gebruikt) for u in res.uitkomsten], float)
    assert all(u.woningen_per_jaar == PLAN_WONINGEN for u in res.uitkomsten)

    assert plan["personen_per_woning"]["plan"] == PLAN_PPW
    assert abs(plan["personen_per_woning"]["simulatie"] - PLAN_PPW) <= 0.15

    assert plan["woningen_gebruikt"]["plan"] == PLAN_WONINGEN
    assert plan["woningen_gebruikt"]["simulatie"]["gemiddeld"] == pytest.approx(gebruikt.mean(), abs=1e-3)
    assert gebruikt.mean() <= PLAN_WONINGEN + 4 * _se(gebruikt)
    assert gebruikt.mean() >= 0.75 * PLAN_WONINGEN
    assert len(leusden.woningen) == 10 and len(leusden.sc.oplevering) == 2
    waar = _waar_de_woningen_zijn(res)
    assert waar.mean() <= PLAN_WONINGEN + VOLGEND_JAAR + 4 * _se(waar)

    personen = plan["personen_in_plan_woningen"]
    assert personen["plan"] == pytest.approx(PLAN_PERSONEN)
    assert personen["simulatie"]["p10"] <= PLAN_PERSONEN <= personen["simulatie"]["p90"]

    stappen = [s["personen"] for s in plan["aansluiting"]]
    assert stappen[0] == pytest.approx(PLAN_PERSONEN, abs=1e-9)
    realisatie = np.mean([sum(u.realisatie) for u in res.uitkomsten])
    assert stappen[-1] == pytest.approx(realisatie, abs=5e-4)
    # Exact only while the rounding of the steps to 3 decimals happens to cancel: see
    # test_aansluiting_telt_op_ook_na_afronden for why this may fail after unrelated changes.
    assert abs(sum(stappen[:-1]) - stappen[-1]) < 1e-6, stappen


def test_leusden_2023_strikt_gebruikt_niet_meer_dan_het_aanbod(leusden):
    """Under strikt too the dwellings used stay within the agreed 35 in expectation (a
    vervolghuisvesting move takes one dwelling of the 35 uncounted and frees another)."""
    res = simuleer(leusden, "strikt", 150)
    gebruikt = np.array([sum(u.woningen_gebruikt) for u in res.uitkomsten], float)
    assert gebruikt.mean() <= PLAN_WONINGEN + 4 * _se(gebruikt)
    waar = _waar_de_woningen_zijn(res)
    assert waar.mean() <= PLAN_WONINGEN + VOLGEND_JAAR + 4 * _se(waar)


def _optelling_zonder_eind():
    from simulatie.optelling import Optelling
    o = Optelling(1)
    o.n = 1
    return o


def test_aansluiting_telt_op_ook_na_afronden():
    """`aansluiting` promises steps that add up exactly. Worked by hand: 35 dwellings x 2.25 =
    78.75; 30 used: -5 x 2.25 = -11.25; occupancy 2.2500133 instead of 2.25: 30 x 0.0000133 =
    +0.0004; realisatie 70.0008 against 30 x 2.2500133 = 67.5004 in the dwellings: +2.5004.
    78.75 - 11.25 + 0.0004 + 2.5004 = 70.0008. Each shown to 3 decimals on its own: 78.75,
    -11.25, 0.0, 2.5 add up to 70.0, but the last step shows 70.001."""
    res = SimResultaat("t", "", "b", 0, _optelling_zonder_eind(), None)
    stappen = [s["personen"] for s in aansluiting(res, 35.0, 2.25, 30.0, 2.25 + 0.0004 / 30, 70.0008)]
    assert len(stappen) == 5
    assert abs(sum(stappen[:-1]) - stappen[-1]) < 1e-6, stappen


def test_meer_aanbod_dan_het_plan_en_nooit_min_nul():
    """35 planned, 36 used (one re-let more than the plan): nothing is left over at the end, so the
    remainder is -1 dwelling: said as 'meer aanbod dan in het plan 1.0', not as a negative
    'later beschikbaar of minder aanbod'. A step of -0.04 persons shows as +0.0 in the table."""
    from simulatie.rapport import _plan_tabel
    from rich.console import Console
    import io

    res = SimResultaat("t", "", "b", 0, _optelling_zonder_eind(), None)
    stappen = aansluiting(res, 35.0, 2.25, 36.0, 2.25, 81.0 - 0.04)
    assert "meer aanbod dan in het plan 1.0" in stappen[1]["toelichting"]
    assert "minder aanbod" not in stappen[1]["toelichting"]
    assert stappen[3]["personen"] == pytest.approx(-0.04)
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(_plan_tabel({"bron": "", "aansluiting": stappen}))
    tekst = console.file.getvalue()
    assert "-0.0" not in tekst and "+0.0" in tekst


def test_zonder_hele_periode_geen_realisatie_tegen_het_plan(tmp_path):
    """A horizon that ends two months into the half-year holds no whole period: the plan's
    taakstelling (5, for the whole period) is not set against a part of it (before: 0.0)."""
    import cli
    from simulatie.rapport import als_tabel

    pad = tmp_path / "renswoude.toml"
    assert cli.main(["scenario", "nieuw", "--gemeente", "Renswoude", "--start", "2026-01-01", "--taakstelling",
                     "2026-1=5", "--woningen-per-jaar", "4", "--einde", "2026-03-01", "--uitvoer", str(pad)]) == 0
    res = simuleer(laad_scenario(str(pad)), None, 10)
    real = plan_vergelijking(res)["realisatie"]
    assert real["plan"] == 5 and real["simulatie"] is None and real["perioden"] == []
    assert "geen hele periode" in real["toelichting"]
    regel = next(r for r in als_tabel([res]).splitlines() if "realisatie (personen)" in r)
    assert [c.strip() for c in regel.split("│")[2:4]] == ["5", "-"]


def test_plancijfers_zo_precies_als_de_simulatie_ernaast_en_een_keer_afgerond():
    """45.37 dwellings and 95.277 persons read as thousands to a Dutch eye: shown as 45.4 and
    95.3 (a whole number stays whole). Persons per dwelling 2.85501 is 2.855 in the JSON and the
    table shows that as 2.85; the step below says 2.85 too (before: 2.86, from the unrounded value)."""
    from simulatie.rapport import _plan_tabel
    from rich.console import Console
    import io

    res = SimResultaat("t", "", "b", 0, _optelling_zonder_eind(), None)
    ppw = 2.85501
    plan = {"bron": "", "woningen_gebruikt": {"plan": 45.37, "simulatie": {"gemiddeld": 40.0, "p10": 35, "p90": 45}},
            "personen_per_woning": {"plan": 2.25, "simulatie": round(ppw, 3)},
            "personen_in_plan_woningen": {"plan": 95.277, "simulatie": {"gemiddeld": 90.0, "p10": 80, "p90": 99}},
            "realisatie": {"plan": 80, "simulatie": {"gemiddeld": 70.0, "p10": 60, "p90": 80}, "perioden": ["x"]},
            "aansluiting": aansluiting(res, 45.37, 2.25, 40.0, ppw, 110.0)}
    console = Console(file=io.StringIO(), width=220, color_system=None)
    console.print(_plan_tabel(plan))
    rijen = {r.split("│")[1].strip(): [c.strip() for c in r.split("│")[2:]] for r in console.file.getvalue().splitlines()
             if r.startswith("│")}
    assert rijen["woningen gebruikt (sleutels in de horizon)"][0] == "45.4"
    assert rijen["personen in die woningen (met nareizigers)"][0] == "95.3"
    assert rijen["realisatie (personen)"][0] == "80"
    getoond = rijen["personen per woning"][1]
    assert getoond == f"{round(ppw, 3):.2f}"
    stap = next(k for k in rijen if k.startswith("andere bezetting"))
    assert f"({getoond} - 2.25)" in stap
