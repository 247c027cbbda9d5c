"""Supply (`simulatie/wereld.py`, `simulatie/scenario.py`): `aanbod.woningen_per_jaar` is the
total from all sources together. Dwellings with a date (the start list's, [[oplevering]]) are
parts of it, the remainder arrives as re-lets, and a dwelling Nidos reserves for an AMV is taken
from that same supply. Never on top, never counted twice.
"""


import numpy as np
import pytest
from scipy.stats import kstest, uniform
from simhulp import D, scenario, woning

import cli
from matching.bestanden import InvoerFout
from simulatie.scenario import laad_scenario
from simulatie.wereld import trek_wereld

# Horizon 1 January - 1 October 2023: 273 days.
EIND = D(2023, 10, 1)
STARTWONINGEN = [woning("S1", 1, D(2022, 12, 20)),      # free before the start: a part (free within)
                 woning("S2", 2, D(2023, 3, 1)),        # a part
                 woning("S3", 3, D(2023, 11, 1))]       # free after the horizon: not a part of it


def _sc(per_jaar):
    return scenario(
        einddatum=EIND,
        aanbod={"woningen_per_jaar": per_jaar, "aangekondigd_aandeel": 0.3, "aankondiging_dagen": [30, 90]},
        # 3 new-builds in June, delayed at most 60 days: free by 31 July, inside the horizon;
        # one in December, outside it (neither a part nor free within the horizon).
        oplevering=[{"datum": D(2023, 6, 1), "slaapkamers": [2, 3, 3], "vertraging_dagen": [0, 60]},
                    {"datum": D(2023, 12, 1), "slaapkamers": [2]}],
        # Two AMVs of 17 since June 2022: outflow at 18 between June 2022 and June 2023; Nidos
        # signals half a year ahead and WSL reserves a dwelling for one person from the supply.
        nidos={"groepen": [{"leeftijden": [17, 17], "kso_sinds": D(2022, 6, 1)}]},
    )


def test_woningen_in_de_horizon_zijn_het_afgesproken_aantal():
    """Expected dwellings free within the horizon, over all sources (start list, deliveries,
    re-lets, and those reserved for AMVs) = woningen_per_jaar x 273 / 365, within 4 standard
    errors, with woningen_per_jaar drawn per replication from [30, 50]: compared per replication
    with its own draw. Dated parts 2 + 3 = 5; re-lets the Poisson remainder. No dwelling twice."""
    sc = _sc((30, 50))
    assert sc.horizon_dagen == 273
    verschil, aantallen = [], []
    for rep in range(1500):
        w = trek_wereld(sc, 5, rep, [], STARTWONINGEN)
        alle = [k.woning for k in w.woningen] + [a.woning for a in w.amvs if a.woning is not None]
        ids = [x.id for x in alle]
        assert len(ids) == len(set(ids))
        binnen = sum(1 for x in alle if x.beschikbaar < EIND)
        assert 30 <= w.woningen_per_jaar <= 50
        verschil.append(binnen - w.woningen_per_jaar * 273 / 365)
        aantallen.append(binnen)
        assert sum(1 for x in alle if x.id.startswith(("S", "#N")) and x.beschikbaar < EIND) == 5
    verschil = np.array(verschil)
    se = verschil.std(ddof=1) / np.sqrt(len(verschil))
    assert abs(verschil.mean()) < 4 * se, (verschil.mean(), se)
    # The agreed number is drawn uniformly from the range, once per replication.
    getrokken = [trek_wereld(sc, 5, rep, [], STARTWONINGEN).woningen_per_jaar for rep in range(300)]
    assert kstest(getrokken, uniform(loc=30, scale=20).cdf).pvalue > 1e-3
    # And the plain mean: E[woningen_per_jaar] = 40 -> 40 x 273 / 365 = 29.92.
    aantallen = np.array(aantallen, float)
    se = aantallen.std(ddof=1) / np.sqrt(len(aantallen))
    assert abs(aantallen.mean() - 40 * 273 / 365) < 4 * se


def test_nidos_woning_komt_uit_het_aanbod_en_niet_erbij():
    """A dwelling reserved for an AMV is one of the supply: with and without the AMVs the same
    dwellings exist (same streams), only who gets them differs."""
    sc = _sc(40)
    sc_zonder = sc.model_copy(update={"nidos": sc.nidos.model_copy(update={"groepen": ()})})
    reserveringen = 0
    for rep in range(20):
        met = trek_wereld(sc, 5, rep, [], STARTWONINGEN)
        zonder = trek_wereld(sc_zonder, 5, rep, [], STARTWONINGEN)
        gereserveerd = [a.woning.id for a in met.amvs if a.woning is not None]
        reserveringen += len(gereserveerd)
        assert sorted([k.woning.id for k in met.woningen] + gereserveerd) == \
            sorted(k.woning.id for k in zonder.woningen)
    assert reserveringen > 0


def _toml(tmp_path, woningen_per_jaar, extra="") -> str:
    pad = tmp_path / "te-veel.toml"
    pad.write_text(f"""naam = "te-veel"
startdatum = 2023-01-01
einddatum = 2024-01-01

[[periode]]
naam = "2023-1"
taakstelling = 10

[[periode]]
naam = "2023-2"
taakstelling = 10

[aanbod]
woningen_per_jaar = {woningen_per_jaar}

[[oplevering]]
datum = 2023-06-01
slaapkamers = [2, 3, 3]
{extra}""", encoding="utf-8")
    return str(pad)


def test_meer_gedateerde_delen_dan_het_totaal_geweigerd(tmp_path, capsys):
    """3 new-builds in the year are parts of the total: a total of 2 a year cannot hold them.
    The error names aanbod.woningen_per_jaar and its line (14); the CLI exits with 2."""
    pad = _toml(tmp_path, 2)
    with pytest.raises(InvoerFout) as e:
        laad_scenario(pad)
    assert e.value.veld == "aanbod.woningen_per_jaar" and e.value.regel == 14
    assert "woningen_per_jaar" in e.value.melding
    assert cli.main(["simuleer", pad, "--replicaties", "1", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "aanbod.woningen_per_jaar" in err and "Traceback" not in err
    # A range is refused on its lower end: a drawn 2.5 could not hold 3 parts either.
    with pytest.raises(InvoerFout):
        laad_scenario(_toml(tmp_path, "[2.5, 10]"))
    # Exactly as many parts as the total: accepted (re-lets: none); a delivery after the horizon
    # is not a part of it.
    assert laad_scenario(_toml(tmp_path, 3)).sc.aanbod.woningen_bereik == (3.0, 3.0)
    laad_scenario(_toml(tmp_path, 3, "\n[[oplevering]]\ndatum = 2024-02-01\nslaapkamers = [2, 2]\n"))


# --- The world's streams and dwelling draws redone without numpy's per-call overhead, against
# numpy itself (the independent method): the same numbers from the same named streams.

def test_toevalsstroom_is_die_van_seedsequence():
    """`toevalsstroom` works SeedSequence's hashing out in Python (the seed's part kept per
    seed, the replication's per replication): its generator must be numpy's
    `default_rng(SeedSequence(seed, spawn_key=(rep, stream, *keys)))` for small and large
    seeds (more than 4 words), replications and keys, in any order of calls."""
    from simulatie.stromen import STROMEN, dubbels, toevalsstroom
    rs = np.random.default_rng(11)
    for proef in range(400):
        seed = int(rs.choice([0, 1, 20230101, 2**32, int(rs.integers(0, 2**63)), int(rs.integers(0, 2**62)) * 2**80 + 3]))
        rep = int(rs.choice([0, 1, 2**32 - 1, 2**32, int(rs.integers(0, 10**6))]))
        naam = STROMEN[int(rs.integers(0, len(STROMEN)))]
        sleutel = tuple(int(k) for k in rs.integers(0, 2**int(rs.integers(1, 40)), int(rs.integers(0, 3))))
        verwacht = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(rep, STROMEN.index(naam), *sleutel)))
        g = toevalsstroom(seed, rep, naam, *sleutel)
        assert g.bit_generator.state == verwacht.bit_generator.state
        assert g.random(3).tolist() == verwacht.random(3).tolist()
        if not sleutel:
            n = int(rs.integers(0, 9))
            assert dubbels(seed, rep, naam, n) == np.random.default_rng(
                np.random.SeedSequence(seed, spawn_key=(rep, STROMEN.index(naam)))).random(n).tolist()


def test_woningen_getrokken_zoals_met_choice():
    """`_trek_woningen` draws choice(p=) for bedrooms and kern, then rents, then accessibility
    as one block of doubles, from the scenario's cached mix: the same as numpy's own calls in
    that order (the code before the cache), for scenarios with other mixes in the same
    process (the cache is per scenario)."""
    from simulatie.aanbod import _aanbod, _attributen, _trek_woningen
    x = np.random.default_rng([0, 2, 1]).random()  # a boundary the first double hits exactly
    mixen = [({"0": 0.04, "1": 0.2, "2": 0.36, "3": 0.3, "4": 0.08, "5": 0.02}, {"Leusden": 0.92, "Achterveld": 0.08}),
             ({"1": 1.0, "2": 3.0, "3": 0.0}, {"Leusden": 0.5, "Achterveld": 0.5}),
             ({"1": x, "2": 1.0 - x}, {"Leusden": 1.0})]
    for ronde in range(2):
        for i, (kamers_mix, kern_mix) in enumerate(mixen):
            # In the last round half-cent rents, which np.round and Python's round(x, 2) round apart.
            huur = {str(k): [400 + 50 * k, 500.125 + 60 * k] if ronde == 0 else [703.035, 703.035] for k in range(6)}
            sc = scenario(kernen=["Leusden", "Achterveld"], aanbod={
                "slaapkamers": kamers_mix, "kern": kern_mix, "huur": huur, "toegankelijk_aandeel": 0.1 + 0.2 * i})
            a = sc.aanbod
            for n in (0, 1, 7, 512):
                rng, ref = np.random.default_rng([ronde, i, n]), np.random.default_rng([ronde, i, n])
                kamers = np.array([int(k) for k in a.slaapkamers])
                p = np.array(list(a.slaapkamers.values()), float)
                kernen = np.array(list(a.kern), dtype=object)
                pk = np.array(list(a.kern.values()), float)
                k_idx = ref.choice(len(kamers), size=n, p=p / p.sum())
                kern_idx = ref.choice(len(kernen), size=n, p=pk / pk.sum())
                lo = np.array([a.huur[str(k)][0] for k in kamers])[k_idx]
                hi = np.array([a.huur[str(k)][1] for k in kamers])[k_idx]
                verwacht = {"slaapkamers": kamers[k_idx], "kern": kernen[kern_idx],
                            "huur": np.round(lo + (hi - lo) * ref.random(n), 2),
                            "toegankelijk": ref.random(n) < a.toegankelijk_aandeel}
                u = np.random.default_rng([ronde, i, n]).random(4 * n).tolist()
                attr = _trek_woningen(rng, sc, n)
                assert attr.keys() == verwacht.keys()
                for k in attr:
                    assert attr[k].dtype == verwacht[k].dtype and attr[k].tolist() == verwacht[k].tolist(), k
                assert rng.random() == ref.random()
                # One dwelling at a time from the same doubles, rent rounded as np.round does.
                for j in range(n):
                    assert _attributen(_aanbod(sc), u, n, j, a.toegankelijk_aandeel) == tuple(
                        verwacht[k].tolist()[j] for k in ("kern", "slaapkamers", "huur", "toegankelijk"))


@pytest.mark.parametrize("rep", range(4))
def test_hervermietingen_als_ronde_gelijk_aan_hun_woningen(rep):
    """The walk judges drawn re-lets straight from the drawn columns (`Vervangingen.kenmerken`,
    made in growing blocks): field by field what `woning_kenmerken` makes of the same dwellings
    as offered, vacant from the given days; any stretch, in any order of asking."""
    import dataclasses

    from matching.regels import dag, woning_kenmerken
    from matching.woningen import SOORTEN
    from simulatie.aanbod import trek_vervangingen

    sc = laad_scenario("leusden-2023").sc
    alle = trek_vervangingen(sc, sc.seed, rep)
    rng = np.random.default_rng(rep)
    for _ in range(12):
        begin = int(rng.integers(0, len(alle) - 1))
        eind = int(rng.integers(begin + 1, min(begin + 80, len(alle)) + 1))
        na = np.sort(rng.integers(0, 400, eind - begin))
        woningen = [alle.woning(begin + i, int(d)) for i, d in enumerate(na)]
        verwacht = woning_kenmerken(woningen, beschikbaar=[dag(w.beschikbaar) for w in woningen],
                                    soort=[SOORTEN.index(w.soort) for w in woningen])
        uit = alle.kenmerken(begin, eind, np.array([dag(w.beschikbaar) for w in woningen], np.int64))
        for veld in dataclasses.fields(verwacht):
            x, y = getattr(uit, veld.name), getattr(verwacht, veld.name)
            assert x.dtype == y.dtype and x.tolist() == y.tolist(), veld.name
