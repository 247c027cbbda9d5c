"""Kenmerktabellen: a round built by selecting cached rows equals the round built from the
households and dwellings themselves, field by field, also after rows change and the table grows;
and the rules and solvers give the same answer on it."""

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from matching.bezetting import slaapkamers_nodig
from matching.kenmerktabel import HuishoudenTabel, WoningTabel, toelaatbaar_in_tabellen
from matching.oplossers import los_op
from matching.regels import (Ronde, blokkade, bouw_huishouden_kenmerken, dag, huishouden_kenmerken,
                             toelaatbaar, woning_kenmerken)
from matching.woningen import SOORTEN
from referentie import ronde_st

EIGENSCHAP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def gelijk(a, b) -> None:
    assert type(a) is type(b)
    for veld in dataclasses.fields(a):
        x, y = getattr(a, veld.name), getattr(b, veld.name)
        if x is None or y is None:
            assert x is None and y is None, veld.name
        else:
            assert x.dtype == y.dtype and x.shape == y.shape and (x == y).all(), veld.name


def vul(hh, ww, beleid, ht=None, wt=None):
    if ht is None:
        ht, wt = HuishoudenTabel(capaciteit=1), WoningTabel(capaciteit=1)  # grows on every other row
    vooruit = beleid.nareizigers == "vooruit"
    for h in hh:
        ht.voeg_toe(h, personen=h.personen, personen_huur=h.personen_totaal if vooruit else h.personen,
                    nodig=slaapkamers_nodig(h, beleid), nodig_ruim=slaapkamers_nodig(h, beleid, ruim=True),
                    koppeldag=dag(h.koppeldatum), blokkade=blokkade(h, beleid))
    for w in ww:
        wt.voeg_toe(w)
    return ht, wt


@EIGENSCHAP
@given(ronde_st(max_hh=9, max_w=9), st.randoms(use_true_random=False), st.integers(0, 3))
def test_kies_gelijk_aan_bouwen(inst, rnd, toegezegd):
    hh, ww, beleid, peil = inst
    ht, wt = vul(hh, ww, beleid)
    ih = rnd.sample(range(len(hh)), rnd.randint(0, len(hh)))  # a subset, in any order
    iw = rnd.sample(range(len(ww)), rnd.randint(0, len(ww)))
    toegezegd = min(toegezegd, len(ih))
    ref_hh = huishouden_kenmerken([hh[i] for i in ih], beleid)
    if toegezegd:
        ref_hh = dataclasses.replace(ref_hh, toegezegd=np.arange(len(ih)) >= len(ih) - toegezegd)
    gelijk(ht.kies(ih, toegezegd), ref_hh)
    gelijk(wt.kies(iw), woning_kenmerken([ww[j] for j in iw]))
    # The same round, so the same admissible pairs and the same plan.
    r_tabel = Ronde(ht.kies(ih, toegezegd), wt.kies(iw), dag(peil))
    r_ref = Ronde(ref_hh, woning_kenmerken([ww[j] for j in iw]), dag(peil))
    ok = toelaatbaar(r_ref, beleid)
    assert (toelaatbaar(r_tabel, beleid) == ok).all()
    a, b = los_op(r_tabel, beleid, ok=ok), los_op(r_ref, beleid, ok=ok)
    assert (a.plaats == b.plaats).all() and a.doelwaarde == b.doelwaarde


@EIGENSCHAP
@given(ronde_st(max_hh=6, max_w=6), st.integers(0, 5), st.integers(1, 8), st.integers(0, 2), st.integers(-30, 30))
def test_zet_na_gebeurtenis(inst, k, personen, blok, verschuif):
    """A row rewritten after an event reads as if the round were built with the new values."""
    hh, ww, beleid, peil = inst
    ht, wt = vul(hh, ww, beleid)
    h, w = k % len(hh), k % len(ww)
    ht.zet(h, personen=personen, personen_huur=personen, blokkade=blok, nodig=personen // 2)
    vooruit = beleid.nareizigers == "vooruit"
    nieuw = lambda i, waarde, anders: waarde if i == h else anders  # noqa: E731
    ref = bouw_huishouden_kenmerken(
        hh, personen=(nieuw(i, personen, x.personen) for i, x in enumerate(hh)),
        personen_huur=(nieuw(i, personen, x.personen_totaal if vooruit else x.personen) for i, x in enumerate(hh)),
        nodig=(nieuw(i, personen // 2, slaapkamers_nodig(x, beleid)) for i, x in enumerate(hh)),
        nodig_ruim=(slaapkamers_nodig(x, beleid, ruim=True) for x in hh),
        koppeldag=(dag(x.koppeldatum) for x in hh),
        blokkade=(nieuw(i, blok, blokkade(x, beleid)) for i, x in enumerate(hh)))
    gelijk(ht.kies(range(len(hh))), ref)
    # A dwelling whose reservation comes free: vacant from that day on (as the simulation has it).
    beschikbaar = [dag(x.beschikbaar) + (verschuif if j == w else 0) for j, x in enumerate(ww)]
    wt.zet(w, beschikbaar=beschikbaar[w])
    vandaag = dag(peil)
    vrij = SOORTEN.index("vrij")
    gelijk(wt.kies(range(len(ww)), vrij_tot=vandaag),
           woning_kenmerken(ww, beschikbaar=beschikbaar,
                            soort=(vrij if b <= vandaag else SOORTEN.index(x.soort) for b, x in zip(beschikbaar, ww))))


@EIGENSCHAP
@given(ronde_st(max_hh=9, max_w=9), st.randoms(use_true_random=False), st.integers(-90, 90))
def test_toelaatbaar_in_tabellen(inst, rnd, verschuif):
    """The admissible pairs read from the tables by row number (the compiled kernel; without it
    the rows are selected first) equal the numpy rules on the selected rows, reservations that
    are available by the peildag counted as vacant: any subset, any order, any day."""
    from matching import snelkern
    hh, ww, beleid, peil = inst
    ht, wt = vul(hh, ww, beleid)
    ih = rnd.sample(range(len(hh)), rnd.randint(0, len(hh)))
    iw = rnd.sample(range(len(ww)), rnd.randint(0, len(ww)))
    p = dag(peil) + verschuif
    bewaard = snelkern._GELADEN
    try:
        snelkern._GELADEN = {}  # the numpy rules, as the reference
        ref = toelaatbaar(Ronde(ht.kies(ih), wt.kies(iw, vrij_tot=p), p), beleid)
        zonder = toelaatbaar_in_tabellen(ht, ih, wt, iw, p, beleid)
    finally:
        snelkern._GELADEN = bewaard
    met = toelaatbaar_in_tabellen(ht, ih, wt, iw, p, beleid)
    assert ref.shape == met.shape == zonder.shape == (len(ih), len(iw))
    assert (met == ref).all() and (zonder == ref).all()


def _rommel(tabel, vulling: int):
    """Storage filled with rubbish where no row is yet (a boolean either way, by `vulling`)."""
    for a in tabel._kol.values():
        a[:] = {"O": "?", "b": bool(vulling), "i": -99 - vulling, "f": -99.5}[a.dtype.kind]
    return tabel


@pytest.mark.parametrize("vulling", [0, 1])
@EIGENSCHAP
@given(ronde_st(max_hh=6, max_w=6))
def test_voeg_toe_schrijft_elk_veld(vulling, inst):
    """A new row writes every column: whatever the storage held before changes nothing."""
    hh, ww, beleid, _ = inst
    ht, wt = vul(hh, ww, beleid, _rommel(HuishoudenTabel(capaciteit=8), vulling),
                 _rommel(WoningTabel(capaciteit=8), vulling))
    gelijk(ht.kies(range(len(hh))), huishouden_kenmerken(hh, beleid))
    gelijk(wt.kies(range(len(ww))), woning_kenmerken(ww))


def test_onbekende_rij_of_veld_is_een_fout():
    t = HuishoudenTabel()
    with pytest.raises(IndexError):
        t.zet(0, personen=1)
    with pytest.raises(IndexError):
        t.kies([0])
    w = WoningTabel()
    with pytest.raises(IndexError):
        w.kies([3])


def test_kerncodes_gelden_per_proces(monkeypatch):
    """Kern codes are numbers of this process; a round or table sent to a worker whose codes
    were handed out in another order reads the same kernen there."""
    import pickle

    import matching.regels as regels
    from paren import huishouden, woning

    hh = [huishouden("H0", voorkeur_kern="Achterveld"), huishouden("H1", voorkeur_kern=None),
          huishouden("H2", voorkeur_kern="Leusden")]
    ww = [woning("W0", kern="Leusden"), woning("W1", kern="Achterveld")]
    ht, wt = HuishoudenTabel(), WoningTabel()
    for h in hh:
        ht.voeg_toe(h, personen=1, personen_huur=1, nodig=1, nodig_ruim=1, koppeldag=0, blokkade=0)
    for w in ww:
        wt.voeg_toe(w)
    dingen = pickle.dumps((woning_kenmerken(ww), ht, wt))
    # Another process: codes handed out in another order, and one kern it has never seen first.
    monkeypatch.setattr(regels, "_KERNCODES", {"Elders": 0, "Leusden": 1, "Achterveld": 2})
    wk, ht2, wt2 = pickle.loads(dingen)
    hk = pickle.loads(pickle.dumps(ht2.kies([0, 1, 2])))
    assert wk.kern_code.tolist() == wt2.kies([0, 1]).kern_code.tolist() == [1, 2]
    assert hk.voorkeur_code.tolist() == [2, -1, 1]
    # The preference term matches by kern, as the names do.
    assert (hk.voorkeur_code[:, None] == wk.kern_code[None, :]).tolist() == [[False, True], [False, False], [True, False]]
