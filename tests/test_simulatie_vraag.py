"""Demand (`simulatie/wereld.py`): COA links so that the start list, the persons linked and the
AMVs who count within the horizon cover the totaalopgave x koppeling_factor, never more, never
counted twice; the household mix is tilted to the plan's persons per dwelling.

Day numbers from 1 January 2023: 1 April = 31 + 28 + 31 = 90, 1 July = 90 + 30 + 31 + 30 = 181,
1 October = 181 + 31 + 31 + 30 = 273, 1 January 2024 = 365.
"""


import numpy as np
import pytest
from scipy.optimize import minimize
from simhulp import D, hh, scenario

from simulatie.scenario import Scenario
from simulatie.vraag import gemiddelde_personen, koppelvensters, mix_gewichten
from simulatie.wereld import trek_wereld
from simulatie.wereld_records import AMV

MIX = [
    {"naam": "alleenstaand", "gewicht": 0.45, "volwassenen": 1},
    {"naam": "alleenstaand met nareizigers", "gewicht": 0.12, "volwassenen": 1, "nareizigers": [1, 4]},
    {"naam": "stel", "gewicht": 0.08, "volwassenen": 2},
    {"naam": "eenoudergezin", "gewicht": 0.10, "volwassenen": 1, "kinderen": [1, 3]},
    {"naam": "gezin", "gewicht": 0.15, "volwassenen": 2, "kinderen": [1, 3]},
    {"naam": "groot gezin", "gewicht": 0.07, "volwassenen": 2, "kinderen": [4, 5]},
    {"naam": "zeer groot gezin (7+)", "gewicht": 0.03, "volwassenen": 2, "kinderen": [5, 7]},
]


def _sc(**over) -> Scenario:
    basis = dict(periode=[{"naam": "2023-1", "taakstelling": 35}, {"naam": "2023-2", "taakstelling": 45}],
                 stand_start=-5, vraag={"koppeling_factor": 1.0, "koppelen_binnen_maanden": 3})
    for k, v in over.items():
        basis[k] = {**basis[k], **v} if isinstance(v, dict) and isinstance(basis.get(k), dict) else v
    return scenario(**basis)


def _gelijk(vensters, verwacht) -> bool:
    return len(vensters) == len(verwacht) and all(
        a == va and b == vb and abs(p - vp) < 1e-9 for (a, b, p), (va, vb, vp) in zip(vensters, verwacht))


def _verwacht_per_soort(sc: Scenario) -> np.ndarray:
    """Mean persons of each type, counted out: every integer of a range is equally likely."""
    return np.array([s.volwassenen + np.arange(s.kinderen[0], s.kinderen[1] + 1).mean()
                     + np.arange(s.nareizigers[0], s.nareizigers[1] + 1).mean() for s in sc.vraag.samenstelling])


# ------------------------------------------------------------------ koppelvensters


def test_koppelvensters_met_de_hand():
    """Totaalopgave 2023-1 = 35 - (-5) = 40 persons; the start list has 12, so COA links 28 in
    the first 3 months (days 0-90). 2023-2: its taakstelling 45, linked 1 July - 1 October
    (days 181-273). 12 + 28 + 45 = 85 = 35 + 45 + 5."""
    assert koppelvensters(_sc(), 12) == [(0, 90, 28.0), (181, 273, 45.0)]
    # A factor scales the target, not the start list: 1.2 x 40 - 12 = 36, 1.2 x 45 = 54.
    assert _gelijk(koppelvensters(_sc(vraag={"koppeling_factor": 1.2}), 12), [(0, 90, 36.0), (181, 273, 54.0)])
    # Linking within 2 months: 1 March is day 59, 1 September day 243.
    assert koppelvensters(_sc(vraag={"koppelen_binnen_maanden": 2}), 12) == [(0, 59, 28.0), (181, 243, 45.0)]


def test_startlijst_groter_dan_de_eerste_opgave_verlaagt_de_tweede():
    """50 persons on the start list against a first target of 40: nobody is linked in 2023-1 and
    the surplus of 10 lowers 2023-2 to 35. With 100 (more than 40 + 45) nobody is linked at all."""
    assert koppelvensters(_sc(), 50) == [(0, 90, 0.0), (181, 273, 35.0)]
    assert koppelvensters(_sc(), 40) == [(0, 90, 0.0), (181, 273, 45.0)]
    assert koppelvensters(_sc(), 100) == [(0, 90, 0.0), (181, 273, 0.0)]


def test_extra_opgave_alleen_als_die_meetelt():
    """Extra opgave 6 and 4: counted only with extra_opgave_meetellen: 46 - 12 = 34 and 49."""
    perioden = [{"naam": "2023-1", "taakstelling": 35, "extra_opgave": 6},
                {"naam": "2023-2", "taakstelling": 45, "extra_opgave": 4}]
    assert koppelvensters(_sc(periode=perioden), 12) == [(0, 90, 28.0), (181, 273, 45.0)]
    assert koppelvensters(_sc(periode=perioden, vraag={"extra_opgave_meetellen": True}), 12) == \
        [(0, 90, 34.0), (181, 273, 49.0)]


def test_amvs_die_in_de_horizon_tellen_gaan_van_de_koppelingen_af():
    """Nidos AMVs who count within the horizon are part of the totaalopgave (telt_vanaf_leeftijd
    15): one aged exactly 15 at KSO move-in on day 20 counts in 2023-1; one aged 14 counts at its
    outflow on day 200 (2023-2); one moving into the KSO on 1 July (day 181) counts in 2023-2; one
    aged 15 who moved in before the start, and a 14-year-old whose outflow is after the horizon,
    count nothing within it. 28 - 1 = 27 and 45 - 2 = 43."""
    amvs = [AMV("A15", 20, 15, 900), AMV("A14", 20, 14, 200), AMV("A1jul", 181, 16, 900),
            AMV("A15oud", -100, 15, 500), AMV("A14laat", 10, 14, 400)]
    assert koppelvensters(_sc(), 12, amvs) == [(0, 90, 27.0), (181, 273, 43.0)]


def test_horizon_die_midden_in_een_koppelvenster_eindigt():
    """Horizon to 1 September (day 243): of the 2023-2 window (181-273, 92 days) 62 days remain,
    so 45 x 62 / 92 persons are linked within it."""
    sc = _sc(einddatum=D(2023, 9, 1))
    assert _gelijk(koppelvensters(sc, 12), [(0, 90, 28.0), (181, 243, 45 * 62 / 92)])


def test_herprognose_na_het_koppelvenster():
    """A re-forecast on 15 May 2023 with 10 persons already housed in 2023-1: the first window
    (to 1 April) has passed, so COA links within a month: days 0-30, 35 + 5 - 10 - 12 = 18
    persons. 2023-2 starts on day 47 (17 + 30) and its window ends on 1 October, day 139."""
    sc = _sc(startdatum=D(2023, 5, 15), periode=[
        {"naam": "2023-1", "taakstelling": 35, "realisatie": 10}, {"naam": "2023-2", "taakstelling": 45}])
    assert koppelvensters(sc, 12) == [(0, 30, 18.0), (47, 139, 45.0)]


# ------------------------------------------------------------------ mix


def test_gekantelde_mix_heeft_het_gemiddelde_van_het_plan():
    """The stated mix has 2.625 persons per household in expectation (counted out by type);
    tilted to the plan's 2.25 its mean is 2.25 to 1e-9, and w'/w falls with the type's persons
    (exactly: log(w'/w) is affine in them, exponential tilting). Tilted up to 3.0 it rises."""
    sc = _sc(vraag={"samenstelling": MIX, "personen_per_woning": 2.25})
    m = _verwacht_per_soort(sc)
    assert m.tolist() == [1.0, 3.5, 2.0, 3.0, 4.0, 6.5, 8.0]
    stated = np.array([s["gewicht"] for s in MIX]) / sum(s["gewicht"] for s in MIX)
    assert float(stated @ m) == pytest.approx(2.625)
    volgorde = np.argsort(m, kind="stable")
    for doel, teken in ((2.25, -1), (3.0, 1)):
        sc = _sc(vraag={"samenstelling": MIX, "personen_per_woning": doel})
        w = mix_gewichten(sc)
        assert w.sum() == pytest.approx(1.0, abs=1e-12) and (w > 0).all()
        assert float(w @ m) == pytest.approx(doel, abs=1e-9)
        assert gemiddelde_personen(sc) == pytest.approx(doel, abs=1e-9)
        verhouding = w / stated
        assert (teken * np.diff(verhouding[volgorde]) > 0).all()
        helling, basis = np.polyfit(m, np.log(verhouding), 1)
        assert np.sign(helling) == teken and np.allclose(np.log(verhouding), basis + helling * m, atol=1e-9)


def test_kanteling_houdt_verhouding_tussen_soorten_met_evenveel_personen():
    """Two types with the same expected persons (2): their ratio stays the stated 3 : 1."""
    mix = [{"naam": "alleen", "gewicht": 2, "volwassenen": 1},
           {"naam": "stel", "gewicht": 3, "volwassenen": 2},
           {"naam": "ouder en kind", "gewicht": 1, "volwassenen": 1, "kinderen": [1, 1]},
           {"naam": "gezin", "gewicht": 1, "volwassenen": 2, "kinderen": [2, 4]}]
    w = mix_gewichten(_sc(vraag={"samenstelling": mix, "personen_per_woning": 2.5}))
    assert w[1] / w[2] == pytest.approx(3.0, rel=1e-12)
    assert float(w @ np.array([1, 2, 2, 5])) == pytest.approx(2.5, abs=1e-9)


def test_gekantelde_mix_is_de_dichtstbijzijnde_met_dat_gemiddelde():
    """Independent method: minimise the Kullback-Leibler divergence to the stated mix over all
    mixes with mean 2.25 (SLSQP); the solution is the tilted mix."""
    sc = _sc(vraag={"samenstelling": MIX, "personen_per_woning": 2.25})
    m = _verwacht_per_soort(sc)
    stated = np.array([s["gewicht"] for s in MIX]) / sum(s["gewicht"] for s in MIX)
    res = minimize(lambda q: float(np.sum(q * np.log(q / stated))), stated, method="SLSQP",
                   bounds=[(1e-9, 1)] * len(m), options={"ftol": 1e-14, "maxiter": 500},
                   constraints=[{"type": "eq", "fun": lambda q: q.sum() - 1},
                                {"type": "eq", "fun": lambda q: q @ m - 2.25}])
    assert res.success
    assert np.allclose(mix_gewichten(sc), res.x, atol=1e-5)


def test_mix_zonder_personen_per_woning_is_de_opgegeven_mix():
    gewichten = [3, 1, 0, 4]
    mix = [{"naam": f"s{i}", "gewicht": g, "volwassenen": 1 + i % 2, "kinderen": [0, i]}
           for i, g in enumerate(gewichten)]
    w = mix_gewichten(_sc(vraag={"samenstelling": mix}))
    assert np.allclose(w, np.array(gewichten) / 8, atol=1e-15)


@pytest.mark.parametrize("doel", [1.0, 1.2, 2.0, 9.5, 14.0])
def test_doel_buiten_de_huishoudsoorten_geweigerd(doel):
    """Types with 1.5 and 2 persons in expectation (a single with 0 or 1 nareiziger; a couple):
    no mix has a mean outside [1.5, 2], nor exactly on its edges."""
    mix = [{"naam": "alleen", "gewicht": 1, "volwassenen": 1, "nareizigers": [0, 1]},
           {"naam": "stel", "gewicht": 1, "volwassenen": 2}]
    with pytest.raises(ValueError, match="personen_per_woning"):
        mix_gewichten(_sc(vraag={"samenstelling": mix, "personen_per_woning": doel}))
    assert float(mix_gewichten(_sc(vraag={"samenstelling": mix, "personen_per_woning": 1.75})) @
                 np.array([1.5, 2.0])) == pytest.approx(1.75, abs=1e-9)


# ------------------------------------------------------------------ persons linked, in expectation


def test_gekoppelde_personen_dekken_de_totaalopgave_maal_factor():
    """Over many replications: start list + persons linked (nareizigers included: they count on
    arrival) + AMVs who count within the horizon = (taakstelling 2023-1 + 2023-2 - stand_start)
    x koppeling_factor = (35 + 45 + 5) x 1.2 = 102, within 4 standard errors. Per period: 2023-1
    gets 1.2 x 40 - 12 = 36 persons linked or counted by Nidos, in its window (days 0-90),
    2023-2 gets 1.2 x 45 = 54 (days 181-273). The AMVs: two of 15 and 16 move into the KSO on
    1 March (day 59) and count then; one of 13 who moved in on 1 June 2018 counts at its outflow
    at 18, which falls between day -214 and day 151 depending on its birthday."""
    sc = _sc(vraag={"koppeling_factor": 1.2, "samenstelling": MIX, "personen_per_woning": 2.25,
                    "nareizigers_vertraging_dagen": [0, 10]},
             nidos={"groepen": [{"leeftijden": [15, 16], "kso_sinds": D(2023, 3, 1)},
                                {"leeftijden": [13], "kso_sinds": D(2018, 6, 1)}]})
    start = [hh("S1", D(2022, 11, 1), volw=2, kinderen="j3 m5", nareizigers=1),   # 5 persons
             hh("S2", D(2022, 12, 1), nareizigers=3),                              # 4 persons
             hh("S3", D(2022, 12, 5), volw=2, kinderen="m1")]                      # 3 persons
    assert sum(h.personen_totaal for h in start) == 12
    totaal, per_periode = [], []
    for rep in range(400):
        wereld = trek_wereld(sc, 11, rep, start, [])
        gekoppeld = [k for k in wereld.huishoudens if k.hh.id.startswith("K")]
        assert len(wereld.huishoudens) == len(gekoppeld) + 3  # the start list, once
        dagen = np.array([k.dag for k in gekoppeld])
        assert ((0 <= dagen) & (dagen < 90) | (181 <= dagen) & (dagen < 273)).all()
        personen = np.array([k.hh.personen_totaal for k in gekoppeld])
        # The day each AMV counts: at KSO move-in if 15 or older then, else at its outflow.
        telt = [a.kso_dag if a.leeftijd_kso >= 15 else a.uitstroom_dag for a in wereld.amvs]
        amv1 = sum(1 for d in telt if 0 <= d < 181)
        amv2 = sum(1 for d in telt if 181 <= d < 365)
        totaal.append(12 + personen.sum() + amv1 + amv2)
        per_periode.append((personen[dagen < 90].sum() + amv1, personen[dagen >= 181].sum() + amv2))
    for x, verwacht in ((np.array(totaal, float), 102.0), (np.array(per_periode, float)[:, 0], 36.0),
                        (np.array(per_periode, float)[:, 1], 54.0)):
        se = x.std(ddof=1) / np.sqrt(len(x))
        assert abs(x.mean() - verwacht) < 4 * se, (x.mean(), verwacht, se)


# --- The world's draws redone in plain Python (`simulatie/stromen.py`) against numpy itself, the
# independent method: the same stream must give the same numbers in the same order.

def _gewichten(rs: np.random.Generator) -> np.ndarray:
    """A random probability vector, sometimes with zero weights (also at the ends)."""
    w = rs.random(int(rs.integers(1, 12))) ** 3
    w[rs.random(len(w)) < 0.25] = 0.0
    if not w.any():
        w[-1] = 1.0
    return w / w.sum()


def test_choice_met_p_is_die_van_numpy():
    """`kans_cdf` + one double, searched to the right, is `Generator.choice(n, p=p)`: per seed
    and weight vector, a run of 50 choices from the same stream."""
    from simulatie.stromen import Trekker, kans_cdf
    rs = np.random.default_rng(2024)
    for proef in range(300):
        p = _gewichten(rs)
        cdf = kans_cdf(p)
        numpy_rng = np.random.default_rng(np.random.SeedSequence(proef, spawn_key=(7, 2)))
        trekker = Trekker(proef, 7, "samenstelling")
        assert [trekker.kies(cdf) for _ in range(50)] == [int(numpy_rng.choice(len(p), p=p)) for _ in range(50)]


def test_choice_met_p_weigert_wat_numpy_weigert():
    from simulatie.stromen import kans_cdf
    for fout, melding in (([0.5, 0.6], "sum to 1"), ([1.5, -0.5], "non-negative"), ([np.nan, 1.0], "NaN")):
        with pytest.raises(ValueError, match=melding):
            kans_cdf(np.array(fout))


def test_trekker_geeft_numpys_getallen_in_elke_volgorde():
    """random(), integers(lo, hi), uniform(lo, hi) and choice(p=) in a random interleaving, so
    that 32-bit draws split 64-bit words at every position; ranges up to 2^32 - 1 wide, where
    Lemire's method rejects often (about half the draws near 2^31), and of width 1 (no draw)."""
    from simulatie.stromen import Trekker, kans_cdf
    rs = np.random.default_rng(7)
    for proef in range(200):
        seed, rep = int(rs.integers(0, 2**40)), int(rs.integers(0, 5000))
        numpy_rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(rep, 3)))
        trekker = Trekker(seed, rep, "nareizigers")
        p = _gewichten(rs)
        cdf = kans_cdf(p)
        for _ in range(int(rs.integers(1, 300))):
            soort = int(rs.integers(0, 4))
            if soort == 0:
                assert trekker.random() == numpy_rng.random()
            elif soort == 1:
                lo = int(rs.integers(-100, 100))
                breed = int(rs.choice([1, 2, 18, 2**31 + 1, 2**32 - 1, int(rs.integers(1, 2**32))]))
                assert trekker.integers(lo, lo + breed) == int(numpy_rng.integers(lo, lo + breed))
            elif soort == 2:
                lo, hi = sorted(rs.uniform(-1000, 1000, 2).tolist())
                assert trekker.uniform(lo, hi) == numpy_rng.uniform(lo, hi)
            else:
                assert trekker.kies(cdf) == int(numpy_rng.choice(len(p), p=p))


def test_trekker_neemt_over_na_numpys_doubles():
    """On a generator that has made double draws only (poisson, uniform, random), the Trekker
    continues the stream where numpy would."""
    from simulatie.stromen import Trekker
    for seed in range(50):
        a = np.random.default_rng(seed)
        b = np.random.default_rng(seed)
        for g in (a, b):
            g.poisson(3.0), g.uniform(0, 10, 7), g.random(5), g.poisson(40.0)
        t = Trekker(0, 0, "renovaties", rng=b)
        assert [(t.integers(0, 3), t.uniform(420, 500)) for _ in range(40)] == \
            [(int(a.integers(0, 3)), a.uniform(420, 500)) for _ in range(40)]


def test_samenstelling_uit_trekker_en_uit_generator_gelijk():
    """`trek_samenstelling` (used by look-ahead with a numpy Generator) draws the same
    households from a Generator as from a Trekker on the same stream, and those are the ones
    `choice(p=)`, `integers` and `random` draw in that order."""
    from matching.huishoudens import Kind
    from simulatie.stromen import Trekker, toevalsstroom
    from simulatie.vraag import trek_samenstelling
    sc = _sc(vraag={"samenstelling": MIX, "personen_per_woning": 2.25})
    w = mix_gewichten(sc)
    for rep in range(20):
        g, t = toevalsstroom(5, rep, "samenstelling"), Trekker(5, rep, "samenstelling")
        n = np.random.default_rng(np.random.SeedSequence(5, spawn_key=(rep, 2)))
        for _ in range(30):
            s = sc.vraag.samenstelling[int(n.choice(len(w), p=w))]
            lo, hi = s.kinderen
            k = int(n.integers(lo, hi + 1)) if hi > lo else lo
            kinderen = tuple(Kind("j" if n.random() < 0.5 else "m", int(n.integers(0, 18))) for _ in range(k))
            lo, hi = s.nareizigers
            verwacht = (s, kinderen, int(n.integers(lo, hi + 1)) if hi > lo else lo)
            assert trek_samenstelling(sc, g, w) == verwacht == trek_samenstelling(sc, t, w)


def test_choice_op_een_grens_van_de_cdf_kiest_de_volgende_soort():
    """A double equal to a cumulative weight goes to the next type (numpy searches to the
    right): weights made so that the stream's first double is exactly the first boundary."""
    from simulatie.stromen import Trekker, kans_cdf
    for rep in range(20):
        x = np.random.default_rng(np.random.SeedSequence(3, spawn_key=(rep, 2))).random()
        p = np.array([x, 1.0 - x])
        assert kans_cdf(p)[0] == x
        verwacht = int(np.random.default_rng(np.random.SeedSequence(3, spawn_key=(rep, 2))).choice(2, p=p))
        assert Trekker(3, rep, "samenstelling").kies(kans_cdf(p)) == verwacht == 1


def test_snelbouw_maakt_dezelfde_records():
    """Records built by `bouwer` (slots set directly) equal those built by the dataclass and
    pickle to the same bytes, defaults and keywords included; a class it would build
    differently is refused."""
    import datetime as dt
    import pickle
    from dataclasses import dataclass, field

    from matching.huishoudens import Huishouden, Kind
    from matching.woningen import Woning, WoningSoort
    from simulatie.registratie import Boeking, Plaatsing
    from simulatie.snelbouw import bouwer
    from simulatie.wereld_records import AMV, KomendHuishouden, KomendeWoning
    d = dt.date(2023, 5, 17)
    w = Woning("#V0001", "Leusden", 2, 612.34, d, WoningSoort.OPZEGGING, True)
    h = Huishouden("K0001", d, 2, (Kind("j", 3), Kind("m", 17)), 1, None, "Achterveld", True, "buitenland")
    gevallen = [(Woning, ("#V0001", "Leusden", 2, 612.34, d, WoningSoort.OPZEGGING, True), {}),
                (Woning, ("#N0101", "Leusden", 4, 690.0, d, "nieuwbouw", False), {"min_personen": 7}),
                (KomendeWoning, (12, w), {}), (KomendeWoning, (3, w), {"vervangbaar": False}),
                (Kind, ("m", 11), {}), (Huishouden, ("K0002", d, 1, (), 0, None, None, False, "COA"), {}),
                (Huishouden, ("K0003", d, 2), {}), (KomendHuishouden, (5, h, True, 200, (Kind("x", 1),), 90, 120, 30, True), {}),
                (AMV, ("A01", -300, 17, 45), {}), (Boeking, (40, 3, "plaatsing"), {}),
                (Plaatsing, (40, 12.5, "Leusden", float("nan"), False, "alleenstaande"), {}),
                (Plaatsing, (41, 3.0, "Achterveld", 1.5, True, "gezin"), {})]
    for cls, args, kw in gevallen:
        a, b = bouwer(cls)(*args, **kw), cls(*args, **kw)
        assert repr(a) == repr(b) and pickle.dumps(a, protocol=4) == pickle.dumps(b, protocol=4)
        assert type(a) is cls and (a == b or "nan" in repr(a))  # (nan != nan)

    @dataclass(frozen=True, slots=True)
    class MetNa:
        x: int

        def __post_init__(self):
            pass

    @dataclass(frozen=True, slots=True)
    class MetFabriek:
        x: list = field(default_factory=list)

    @dataclass(slots=True)
    class Open:
        x: int

    for cls in (MetNa, MetFabriek, Open):
        with pytest.raises(TypeError):
            bouwer(cls)


def test_trekker_paren_als_numpy_een_voor_een():
    """`paren(n, lo, hi)` is n times (integers(lo, hi), random()) from numpy, also when a wide
    range makes Lemire's method reject (then drawn again one at a time), and the stream goes on
    from where numpy's would (the kept 32-bit half after an odd n)."""
    from simulatie.stromen import Trekker
    rs = np.random.default_rng(5)
    for proef in range(300):
        n = int(rs.integers(0, 12))
        lo = int(rs.integers(-50, 100))
        breed = int(rs.choice([2, 91, 2**31 + 1, 2**32 - 1]))
        numpy_rng = np.random.default_rng(np.random.SeedSequence(proef, spawn_key=(4, 5)))
        verwacht = [(int(numpy_rng.integers(lo, lo + breed)), numpy_rng.random()) for _ in range(n)]
        t = Trekker(proef, 4, "verblijf")
        getallen, dubbel = t.paren(n, lo, lo + breed)
        assert list(zip(getallen, dubbel)) == verwacht
        assert [t.integers(0, 18), t.random(), t.integers(0, 7)] == \
            [int(numpy_rng.integers(0, 18)), numpy_rng.random(), int(numpy_rng.integers(0, 7))]
