"""Accessibility: a household that needs an accessible dwelling gets only such a one."""

from matching import laad_beleid, wijs_toe
from paren import PEIL, huishouden, weigert, woning

STRIKT = laad_beleid("strikt")


def test_toegankelijk_nodig():
    nodig = huishouden(toegankelijk=True)
    assert weigert(nodig, woning(toegankelijk=False), STRIKT) == {"niet_toegankelijk"}
    assert weigert(nodig, woning(toegankelijk=True), STRIKT) == set()


def test_toegankelijke_woning_mag_naar_ieder():
    assert weigert(huishouden(), woning(toegankelijk=True), STRIKT) == set()


def test_optimum_geeft_toegankelijke_woning_aan_wie_die_nodig_heeft():
    """The household that needs it waits shorter, yet both are housed only this way."""
    nodig = huishouden("NODIG", toegankelijk=True, koppeldatum=PEIL.replace(month=2))
    ander = huishouden("ANDER", koppeldatum=PEIL.replace(year=2022))
    ww = [woning("GEWOON"), woning("TOEG", toegankelijk=True)]
    t = wijs_toe([ander, nodig], ww, STRIKT, PEIL)
    assert {(p.huishouden, p.woning) for p in t.toewijzingen} == {("NODIG", "TOEG"), ("ANDER", "GEWOON")}
    # The greedy waitlist lets ANDER (first in line) take the accessible one first in availability order.
    ww_eerst_toeg = [woning("TOEG", toegankelijk=True, beschikbaar=PEIL.replace(month=1)), woning("GEWOON")]
    t2 = wijs_toe([ander, nodig], ww_eerst_toeg, STRIKT, PEIL)
    assert t2.samenvatting["huishoudens_geplaatst"] == 2
    assert t2.samenvatting["wachtlijst"]["huishoudens_geplaatst"] == 1
