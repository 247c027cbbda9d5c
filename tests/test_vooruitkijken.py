"""Look-ahead: a 4-bedroom dwelling held for an expected large family, given without one."""

import datetime as dt

import numpy as np

from matching.beleid import laad_beleid
from matching.bezetting import slaapkamers_nodig
from matching.huishoudens import Huishouden, Kind
from matching.oplossers import los_op
from matching.regels import Ronde, dag, huishouden_kenmerken, toelaatbaar, woning_kenmerken
from matching.vooruitkijken import Verwachting, met_verwachting, verdisconteerd
from matching.woningen import Woning

D = dt.date(2023, 3, 1)


def _beleid(**w):
    # Two spare bedrooms allowed, so the family of four may take the 4-bedroom dwelling.
    return laad_beleid("strikt").met(**({"max_extra_slaapkamers": 2, "vooruitkijken_weken": 8,
                                         "vooruitkijken_korting": 0.75} | w))


def _ronde(beleid):
    gezin = Huishouden("h1", dt.date(2023, 1, 1), 2, (Kind("j", 4), Kind("j", 6)))
    w = Woning("w4", "Leusden", 4, 600.0, D, "vrij")
    r = Ronde(huishouden_kenmerken([gezin], beleid), woning_kenmerken([w]), dag(D))
    return r, toelaatbaar(r, beleid)


def _groot_gezin(beleid) -> Verwachting:
    # 2 adults and 6 boys: 8 persons, 1 + 3 bedrooms with two children per room.
    hh = Huishouden("x", D, 2, tuple(Kind("j", 5 + i) for i in range(6)))
    return Verwachting((hh.personen_totaal,), (slaapkamers_nodig(hh, beleid),),
                       (slaapkamers_nodig(hh, beleid, ruim=True),))


def test_met_groot_gezin_verwacht_blijft_de_vierkamerwoning_vrij():
    b = _beleid()
    r, ok = _ronde(b)
    assert ok.all()  # the family of four may have it
    r2, ok2 = met_verwachting(r, ok, b, _groot_gezin(b))
    assert len(r2.hh) == 2 and ok2[1, 0]
    opl = los_op(r2, b, ok=ok2)
    # 8 persons x 0.75 = 6 > 4: the expected family wins, so the real household gets nothing now.
    assert opl.plaats.tolist() == [-1, 0]


def test_zonder_verwachting_gaat_de_woning_naar_wie_er_is():
    b = _beleid()
    r, ok = _ronde(b)
    r2, ok2 = met_verwachting(r, ok, b, Verwachting((), (), ()))
    assert len(r2.hh) == 1
    assert los_op(r2, b, ok=ok2).plaats.tolist() == [0]


def test_te_zware_korting_of_kleine_verwachting_geeft_de_woning_ook():
    # 8 x 0.5 = 4: a tie in persons is never won by the expected household (no waiting time).
    b = _beleid(vooruitkijken_korting=0.5)
    r, ok = _ronde(b)
    r2, ok2 = met_verwachting(r, ok, b, _groot_gezin(b))
    assert los_op(r2, b, ok=ok2).plaats[0] == 0
    # A single expected person is worth 0 persons now: left out altogether.
    r3, _ = met_verwachting(r, ok, b, Verwachting((1,), (1,), (1,)))
    assert len(r3.hh) == 1


def test_verwachte_huishoudens_alleen_waar_de_regels_het_toelaten():
    b = _beleid()
    r, ok = _ronde(b)
    # An expected family needing 5 bedrooms does not fit a 4-bedroom dwelling.
    _, ok2 = met_verwachting(r, ok, b, Verwachting((10,), (5,), (5,)))
    assert not ok2[1].any()
    # And `kolommen` keeps expected households off dwellings they may not hold.
    _, ok3 = met_verwachting(r, ok, b, _groot_gezin(b), kolommen=np.array([False]))
    assert not ok3[1].any()
    assert verdisconteerd(np.array([7, 8, 3]), 0.5).tolist() == [3, 4, 1]


def _sim(weken: int):
    from simulatie.model import draai
    from simulatie.wereld import trek_wereld
    from tests import simhulp as sh

    # COA links only large families (2 adults, 6 children): 80 persons in the first three months.
    sc = sh.scenario(periode=[{"naam": "2023-1", "taakstelling": 80}, {"naam": "2023-2", "taakstelling": 0}],
                     vraag={"samenstelling": [{"naam": "groot", "gewicht": 1, "volwassenen": 2, "kinderen": [6, 6]}],
                            "weigering_kans": 0.0, "buitenland_aandeel": 0.0})
    inv = sh.invoer(sc, [sh.hh("h1", sh.D(2023, 1, 1), 2, "j4 j6")], [sh.woning("w4", 4, sh.D(2023, 1, 1))])
    # Children of any sex share (gemengd tot 18): a family of 8 needs 1 + 3 bedrooms.
    b = sh.beleid("strikt", max_extra_slaapkamers=2, gemengd_tot_leeftijd=18, vooruitkijken_weken=weken,
                  vooruitkijken_korting=0.75)
    t, wereld = draai(inv, b, 0)
    return t, wereld, trek_wereld(sc, inv.seed, 0, list(inv.startlijst), list(inv.startwoningen))


def test_simulatie_houdt_de_vierkamerwoning_vast_voor_een_verwacht_groot_gezin():
    t, wereld, _ = _sim(8)
    # The first round (day 0) holds the dwelling: no keys for the family of four on day 14.
    assert t.tellers.get("vooruitkijken_vastgehouden", 0) >= 1
    assert (14, 4) not in t.sleutels


def test_simulatie_zonder_vooruitkijken_geeft_de_woning_meteen():
    t, wereld, _ = _sim(0)
    assert (14, 4) in t.sleutels
    assert "vooruitkijken_vastgehouden" not in t.tellers


def test_vooruitkijken_laat_de_wereld_ongemoeid():
    # Its own named stream: the drawn world is the same with and without look-ahead.
    _, w_aan, _ = _sim(8)
    _, w_uit, _ = _sim(0)
    assert w_aan == w_uit
