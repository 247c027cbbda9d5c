"""The province's method reproduced exactly, and the pace model checked against probability theory."""

import datetime as dt
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from simulatie.provincie import (TempoParameters, TempoTaak, bereken_prognoses, gehele_kwantielen, gemeente_sleutel,
                                kans_gehaald, lineaire_prognose, personen_per_reservering, rond_half_op, tempomodel)
from simulatie.provincie import GemeenteRij, lees_provincietabel, maak_tabel, periode_bij_peildatum

FIXTURES = Path(__file__).parent / "fixtures"
PEIL = dt.date(2022, 11, 10)
PERIODE = periode_bij_peildatum(PEIL)

# [seed] the province's table 2022-2: realisatie, totaalopgave, incl. extra -> prognose, %, % extra
SEED = {"Leusden": (43, 86, 71), "Utrecht": (611, 127, 99), "Totaal": (1561, 106, 79)}


# ---------------------------------------------------------------- the province's method

@pytest.mark.parametrize("bestand", ["provincie-utrecht-2022-2.csv", "provincie-utrecht-2022-2.xlsx"])
def test_tabel_van_de_provincie_exact_gereproduceerd(bestand):
    t = lees_provincietabel(FIXTURES / bestand, PEIL)
    uit = {r.gemeente: lineaire_prognose(r, t.periode) for r in t.rijen if r.heeft_cijfers}
    assert {g: (p.prognose, p.pct, p.pct_extra) for g, p in uit.items()} == SEED


def test_alleen_132_verstreken_dagen_reproduceert_de_provincie():
    """Which 'days elapsed' did the province use? Only (peildatum - start) = 132 days, i.e.
    realisatie up to but not including 10 November, fits all three rows; 133 (counting the
    peildatum) gives Utrecht 606, 131 gives 615."""
    passend = []
    for verstreken in range(125, 140):
        uit = {}
        for g, realisatie, opgave, opgave_extra in (("Leusden", 31, 50, 61), ("Utrecht", 438, 482, 615),
                                                     ("Totaal", 1120, 1469, 1971)):
            exact = Fraction(realisatie * 184, verstreken)
            uit[g] = (rond_half_op(exact), rond_half_op(exact * 100 / opgave), rond_half_op(exact * 100 / opgave_extra))
        if uit == SEED:
            passend.append(verstreken)
    assert passend == [132] == [PERIODE.dagen_verstreken]


def test_percentages_komen_van_de_onafgeronde_prognose():
    # Leusden: 43/61 = 70.5% would round to 70; the province shows 71 = 43.21/61
    leusden = GemeenteRij("Leusden", 2, achterstand=26, taakstelling=24, extra_opgave=11, realisatie=31)
    p = lineaire_prognose(leusden, PERIODE)
    assert p.exact == Fraction(31 * 184, 132) and p.pct_extra == 71 and rond_half_op(Fraction(4300, 61)) == 70


def test_afronden_half_omhoog_zoals_excel():
    assert [rond_half_op(Fraction(x, 2)) for x in (1, 3, 5, -1, -3)] == [1, 2, 3, -1, -2]


def test_geen_percentage_bij_totaalopgave_nul_of_voorsprong():
    r = GemeenteRij("X", 2, achterstand=-10, taakstelling=10, realisatie=5)
    p = lineaire_prognose(r, PERIODE)
    assert (p.prognose, p.pct, p.pct_extra) == (7, None, None)
    assert lineaire_prognose(GemeenteRij("Y", 3), PERIODE) is None


# ---------------------------------------------------------------- the pace model

def _taak(realisatie=31, replicaties=200_000, seed=7, **param):
    return TempoTaak("Leusden", realisatie, PERIODE.dagen_verstreken, PERIODE.dagen, param.pop("woningen", 0),
                     param.pop("personen", 0), replicaties, seed, TempoParameters(**param))


def test_zonder_onzekerheid_en_een_persoon_per_plaatsing_is_het_rest_poisson_met_exacte_kwantielen():
    """N = end - 31 ~ Poisson(31 x 52/132). The sample p10/p50/p90 (inverted cdf) equal the
    Poisson ppf exactly; the cdf margins around each quantile are >= 0.013, i.e. > 10 standard
    errors of an empirical cdf of 200,000 draws, so this is not luck."""
    m = 31 * 52 / 132
    eind = tempomodel(_taak(onzekerheid_tempo=False, personen_per_plaatsing=1.0))
    q = stats.poisson.ppf([0.1, 0.5, 0.9], m).astype(int)
    for x, p in zip(q, (0.1, 0.5, 0.9)):
        assert stats.poisson.cdf(x - 1, m) < p - 0.005 and stats.poisson.cdf(x, m) > p + 0.005
    assert gehele_kwantielen(eind) == {"p10": 31 + q[0], "p50": 31 + q[1], "p90": 31 + q[2]}
    # whole distribution: Dvoretzky-Kiefer-Wolfowitz bound at alpha = 1e-6
    _dkw(eind - 31, lambda x: stats.poisson.cdf(x, m))


def test_met_onzekerheid_van_het_tempo_is_het_rest_negatief_binomiaal():
    """lambda ~ Gamma(0.5 + 31, rate 132), N | lambda ~ Poisson(52 lambda) => N ~ NB(31.5, 132/184)."""
    eind = tempomodel(_taak(personen_per_plaatsing=1.0))
    nb = stats.nbinom(31.5, 132 / 184)
    _dkw(eind - 31, nb.cdf)
    assert gehele_kwantielen(eind - 31)["p50"] == int(nb.ppf(0.5))


def _dkw(monsters, cdf, alpha=1e-6):
    n = monsters.size
    eps = np.sqrt(np.log(2 / alpha) / (2 * n))
    x = np.arange(monsters.min(), monsters.max() + 1)
    emp = np.searchsorted(np.sort(monsters), x, side="right") / n
    assert np.max(np.abs(emp - cdf(x))) < eps


def test_zonder_onzekerheid_nadert_p50_de_lineaire_extrapolatie():
    """Mean of the pace model without rate uncertainty = realisatie x 184/132 exactly (compound
    Poisson); its median lies within a person of it, and closer relative to size as counts grow."""
    afwijking = []
    for realisatie in (438, 4380):
        eind = tempomodel(_taak(realisatie, replicaties=40_000, onzekerheid_tempo=False))
        lineair = realisatie * 184 / 132
        k = realisatie / 2.25 * 52 / 132                        # expected households still to come
        sd = np.sqrt(k * (1.25 + 2.25 ** 2))                    # compound Poisson: E[S^2] = var + mean^2
        assert abs(eind.mean() - lineair) < 5 * sd / np.sqrt(eind.size)
        afwijking.append(abs(gehele_kwantielen(eind)["p50"] - lineair) / lineair)
    assert afwijking[0] * 438 * 184 / 132 <= 1.5 and afwijking[1] < afwijking[0]


def test_gemiddelde_met_onzekerheid_volgt_de_gamma_posterior():
    eind = tempomodel(_taak(438, replicaties=40_000))
    verwacht = 438 + 2.25 * (0.5 + 438 / 2.25) / 132 * 52
    var = 2.25 * 52 / 132 * (0.5 + 438 / 2.25) * (1.25 + 2.25 ** 2) / 2.25 \
        + (2.25 * 52) ** 2 * (0.5 + 438 / 2.25) / 132 ** 2     # E[Var | lambda] + Var[E | lambda]
    assert abs(eind.mean() - verwacht) < 5 * np.sqrt(var / eind.size)


def test_reserveringen_zonder_tempo_geven_precies_de_gereserveerde_personen():
    eind = tempomodel(_taak(0, replicaties=1000, onzekerheid_tempo=False, woningen=14, personen=34,
                            kans_reservering_op_tijd=1.0))
    assert set(eind.tolist()) == {34}
    half = tempomodel(_taak(0, replicaties=100_000, onzekerheid_tempo=False, woningen=14, personen=34,
                            kans_reservering_op_tijd=0.5))
    assert abs(half.mean() - 17) < 5 * np.sqrt(personen_per_reservering(14, 34, 2.25).astype(float) ** 2 @
                                                np.full(14, 0.25) / half.size)


def test_reserveringen_ondergrens_of_bovenop():
    basis = dict(realisatie=31, replicaties=5000, woningen=14, personen=34)
    onder = tempomodel(_taak(**basis))
    boven = tempomodel(_taak(**basis, reserveringen="bovenop"))
    zonder = tempomodel(_taak(31, replicaties=5000))
    # same streams: per replication bovenop = pace + reserved >= max(pace, reserved) = ondergrens >= pace
    assert np.all(boven >= onder) and np.all(onder >= zonder) and np.all(onder - 31 >= 0)
    assert np.array_equal(onder - 31, np.maximum(zonder - 31, boven - zonder))
    assert gehele_kwantielen(onder)["p10"] >= 31 + 20   # 14 dwellings at 90%: at least ~27 persons most of the time


def test_personen_per_reservering():
    assert personen_per_reservering(14, 34, 2.25).tolist() == [3] * 6 + [2] * 8
    assert personen_per_reservering(4, 0, 2.25).sum() == 9
    assert personen_per_reservering(0, 7, 2.25).tolist() == [3, 2, 2]
    assert personen_per_reservering(0, 0, 2.25).size == 0


def test_peildatum_aan_het_eind_geeft_de_realisatie():
    taak = TempoTaak("X", 40, 184, 184, 3, 7, 100, 1)
    assert set(tempomodel(taak).tolist()) == {40}


def test_kans_gehaald():
    m = np.array([10, 20, 30, 40])
    assert (kans_gehaald(m, 25), kans_gehaald(m, -3), kans_gehaald(m, 41), kans_gehaald(m, None)) == (0.5, 1.0, 0.0, None)


# ---------------------------------------------------------------- common random numbers per gemeente

def test_trekkingen_horen_bij_de_gemeente_niet_bij_de_volgorde():
    from simulatie.provincie.synthetisch import utrecht_synthetisch

    t = utrecht_synthetisch()
    heel = bereken_prognoses(t, replicaties=300, seed=11)
    omgekeerd = maak_tabel(list(reversed(t.gemeenten)), t.periode)
    deel = maak_tabel([r for r in t.gemeenten if r.gemeente in ("Zeist", "Leusden")], t.periode)
    per = {p.rij.gemeente: p.monsters for p in heel.rijen}
    for ander in (bereken_prognoses(omgekeerd, replicaties=300, seed=11),
                  bereken_prognoses(deel, replicaties=300, seed=11)):
        for p in ander.rijen:
            assert np.array_equal(p.monsters, per[p.rij.gemeente])
    anders = bereken_prognoses(deel, replicaties=300, seed=12)
    assert not np.array_equal(anders.rijen[0].monsters, per[anders.rijen[0].rij.gemeente])
    assert gemeente_sleutel("Wijk bij Duurstede") == gemeente_sleutel(" wijk  bij-duurstede ")


def test_totaal_is_de_som_per_replicatie_als_alle_gemeenten_cijfers_hebben():
    from simulatie.provincie.synthetisch import utrecht_synthetisch

    res = bereken_prognoses(utrecht_synthetisch(), replicaties=200, seed=3)
    assert np.array_equal(res.totaal.monsters, np.sum([p.monsters for p in res.rijen], axis=0))
    assert res.totaal.methode == "som van gemeenten (26 tempomodel)"
    assert (res.totaal.lineair.prognose, res.totaal.lineair.pct, res.totaal.lineair.pct_extra) == SEED["Totaal"]


def test_seedtabel_krijgt_tempomodel_voor_gemeenten_en_totaalrij():
    t = lees_provincietabel(FIXTURES / "provincie-utrecht-2022-2.csv", PEIL)
    res = bereken_prognoses(t, replicaties=500, seed=1)
    methoden = {p.rij.gemeente: p.methode for p in res.rijen}
    assert methoden["Leusden"] == methoden["Utrecht"] == "tempomodel"
    assert sum(m == "geen gegevens" for m in methoden.values()) == 24
    assert res.totaal.methode == "tempomodel (totaalrij)"
    leusden = next(p for p in res.rijen if p.rij.gemeente == "Leusden")
    assert leusden.prognose["p10"] <= 43 <= leusden.prognose["p90"]
    assert 0 <= leusden.kans_extra <= leusden.kans <= 1


def test_tempo_parameters_worden_gecontroleerd():
    with pytest.raises(ValueError):
        TempoParameters(personen_per_plaatsing=0.5)
    with pytest.raises(ValueError):
        TempoParameters(reserveringen="soms")
    assert replace(TempoParameters(), kans_reservering_op_tijd=1.0).kans_reservering_op_tijd == 1.0
