"""Nidos: AMVs in small-scale housing (KSO) and their outflow to an own dwelling."""

from __future__ import annotations

from ..toestand import Toestand
from ..wereld_records import AMV


def nidos_uitstroom(env, t: Toestand, amv: AMV):
    """An AMV counts at move-in into the KSO if old enough (15+), else when it gets its own
    dwelling. Nidos signals half a year before outflow; WSL then reserves a dwelling from the
    statushouder supply (chosen in the world, outside the regular waitlist), and the AMV moves
    in once both the outflow day and the dwelling have come."""
    telt_bij_kso = amv.leeftijd_kso >= t.sc.nidos.telt_vanaf_leeftijd
    if amv.kso_dag >= 0:
        yield env.timeout(max(amv.kso_dag - env.now, 0))
        t.tel("nidos_instroom")
        if telt_bij_kso:
            t.boek(int(env.now), 1, "nidos_kso")
    signaal = amv.uitstroom_dag - t.sc.nidos.signaal_dagen
    if signaal > env.now:
        yield env.timeout(signaal - env.now)
    if amv.woning is None:
        # No dwelling for one person came free between the signal and the horizon's end.
        yield env.timeout(max(amv.uitstroom_dag - env.now, 0))
        t.tel("nidos_zonder_woning")
        return
    t.tel("nidos_reserveringen")
    beschikbaar = (amv.woning.beschikbaar - t.sc.startdatum).days
    yield env.timeout(max(amv.uitstroom_dag - env.now, beschikbaar - env.now, 0))
    t.tel("nidos_uitstroom")
    t.sleutels.append((int(env.now), 1))
    if not telt_bij_kso:
        t.boek(int(env.now), 1, "nidos_woning")
