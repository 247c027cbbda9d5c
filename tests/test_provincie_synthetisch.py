"""Synthetic tables: deterministic, exact totals, taakstelling by population share."""

import numpy as np

from simulatie.provincie import lineaire_prognose
from simulatie.provincie.synthetisch import (UTRECHT, UTRECHT_SEED, afronden_op_som, nationaal_synthetisch,
                                             utrecht_synthetisch, verdeel)


def test_utrecht_heeft_de_26_namen_de_bronrijen_en_het_totaal_van_de_provincie():
    t = utrecht_synthetisch()
    assert [r.gemeente for r in t.gemeenten] == [n for n, _, _ in UTRECHT] and len(t.gemeenten) == 26
    for r in t.gemeenten:
        if r.gemeente in UTRECHT_SEED:
            assert (r.achterstand, r.taakstelling, r.extra_opgave, r.realisatie) == UTRECHT_SEED[r.gemeente]
    assert t.totaal_berekend
    assert (t.totaal.achterstand, t.totaal.taakstelling, t.totaal.extra_opgave, t.totaal.realisatie) == (415, 1054, 502, 1120)
    p = lineaire_prognose(t.totaal, t.periode)
    assert (p.prognose, p.pct, p.pct_extra) == (1561, 106, 79)


def test_deterministisch_uit_de_seed():
    assert utrecht_synthetisch(5).gemeenten == utrecht_synthetisch(5).gemeenten
    assert utrecht_synthetisch(5).gemeenten != utrecht_synthetisch(6).gemeenten
    assert nationaal_synthetisch(1).gemeenten == nationaal_synthetisch(1).gemeenten


def test_nationaal_344_gemeenten_met_de_landelijke_totalen():
    t = nationaal_synthetisch()
    assert len(t.gemeenten) == 344 and len({r.gemeente for r in t.gemeenten}) == 344
    assert (t.totaal.taakstelling, t.totaal.extra_opgave, t.totaal.achterstand) == (13_500, 20_000, 1_810)
    assert t.totaal.realisatie == round(17_126 * 132 / 184)
    taak = np.array([r.taakstelling for r in t.gemeenten])
    extra = np.array([r.extra_opgave for r in t.gemeenten])
    # both by the same population share: the larger taakstelling never has the (clearly) smaller extra opgave
    volgorde = np.argsort(taak, kind="stable")
    assert np.all(np.diff(extra[volgorde] * 13_500 / 20_000) >= -1.5)


def test_verdeel_is_grootste_rest_met_exacte_som():
    assert verdeel(10, [1, 1, 1]).tolist() == [4, 3, 3]
    assert verdeel(7, [0, 5, 2]).tolist() == [0, 5, 2]
    x = afronden_op_som([-2.6, 1.2, 3.9], 3)
    assert x.sum() == 3 and np.all(np.abs(x - np.array([-2.6, 1.2, 3.9]) - (3 - 2.5) / 3) < 1)
