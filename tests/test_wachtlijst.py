"""The greedy baseline (today's waitlist practice): first come first served by koppeldatum,
each household taking the first fitting dwelling by availability date."""

import datetime as dt

from hypothesis import given, settings

from matching import wijs_toe
from matching.regels import toelaatbaar
from matching.wachtlijst import wachtlijst
from paren import PEIL, huishouden, ronde, woning
from referentie import mag, ronde_st

D = dt.date


def baseline(hh, ww, beleid="strikt", peil=PEIL) -> dict[str, str]:
    t = wijs_toe(hh, ww, beleid, peil)
    return {h.id: (str(t.ronde.w.ids[w]) if w >= 0 else None) for h, w in zip(hh, t.baseline.tolist())}


def test_wie_het_eerst_komt():
    """The earliest koppeldatum chooses first, whatever the list order."""
    laat = huishouden("LAAT", koppeldatum=D(2022, 12, 1))
    vroeg = huishouden("VROEG", koppeldatum=D(2022, 6, 1))
    assert baseline([laat, vroeg], [woning("W")]) == {"LAAT": None, "VROEG": "W"}


def test_eerste_passende_woning_op_beschikbaarheid():
    """Each takes the first fitting dwelling by beschikbaar, not the best fitting one."""
    ww = [woning("LATER", beschikbaar=D(2023, 2, 1)), woning("EERDER", beschikbaar=D(2023, 1, 5)),
          woning("STUDIO", slaapkamers=0, beschikbaar=D(2022, 12, 1))]
    stel = huishouden("STEL", volwassenen=2, koppeldatum=D(2022, 5, 1))  # no studio for a couple
    alleen = huishouden("ALLEEN", koppeldatum=D(2022, 7, 1))
    assert baseline([alleen, stel], ww) == {"STEL": "EERDER", "ALLEEN": "STUDIO"}


def test_gelijke_datum_lijstvolgorde():
    a, b = huishouden("A"), huishouden("B")
    ww = [woning("W2", beschikbaar=D(2023, 1, 2)), woning("W1", beschikbaar=D(2023, 1, 1))]
    assert baseline([a, b], ww) == {"A": "W1", "B": "W2"}
    assert baseline([b, a], ww) == {"B": "W1", "A": "W2"}


def test_hebzucht_kost_personen():
    """The single waiting longest takes the only dwelling the family could use; the optimiser
    houses the family (more persons) and the single in the studio."""
    alleen = huishouden("ALLEEN", koppeldatum=D(2022, 3, 1))
    stel = huishouden("STEL", volwassenen=2, koppeldatum=D(2022, 9, 1))
    ww = [woning("W1", beschikbaar=D(2023, 1, 1)), woning("STUDIO", slaapkamers=0, beschikbaar=D(2023, 2, 1))]
    t = wijs_toe([alleen, stel], ww, "strikt", PEIL)
    assert baseline([alleen, stel], ww) == {"ALLEEN": "W1", "STEL": None}
    assert t.samenvatting["wachtlijst"] == {"personen_geplaatst": 1, "huishoudens_geplaatst": 1, "woningen_gebruikt": 1}
    assert {(p.huishouden, p.woning) for p in t.toewijzingen} == {("ALLEEN", "STUDIO"), ("STEL", "W1")}
    assert t.samenvatting["personen_geplaatst"] == 3


def test_baseline_volgt_dezelfde_harde_regels():
    buiten = huishouden("BUITEN", verblijf="buitenland", koppeldatum=D(2021, 1, 1))
    ander = huishouden("ANDER")
    assert baseline([buiten, ander], [woning("W")]) == {"BUITEN": None, "ANDER": "W"}
    achterveld = woning("A", kern="Achterveld")
    assert baseline([ander], [achterveld], "strikt") == {"ANDER": None}
    assert baseline([ander], [achterveld], "flexibel") == {"ANDER": "A"}


@settings(max_examples=300, deadline=None)
@given(ronde_st(max_hh=12, max_w=10))
def test_optimum_minstens_zoveel_personen_als_wachtlijst(inst):
    hh, ww, beleid, peil = inst
    t = wijs_toe(hh, ww, beleid, peil)
    greedy = t.baseline
    r = ronde(hh, ww, beleid, peil)
    assert (greedy == wachtlijst(r, toelaatbaar(r, beleid))).all()
    gebruikt = greedy[greedy >= 0]
    assert len(gebruikt) == len(set(gebruikt.tolist()))
    assert all(mag(hh[h], ww[w], beleid, peil) for h, w in enumerate(greedy.tolist()) if w >= 0)
    assert t.samenvatting["personen_geplaatst"] >= t.samenvatting["wachtlijst"]["personen_geplaatst"]
    # Maximal: no household left out while a dwelling it fits stays empty.
    vrij = set(range(len(ww))) - set(gebruikt.tolist())
    assert not any(mag(hh[h], ww[w], beleid, peil) for h in range(len(hh)) if greedy[h] < 0 for w in vrij)
