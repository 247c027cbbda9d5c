"""TakeCareBNB: a host family takes a statushouder in while WSL looks for a dwelling."""

from __future__ import annotations

from ..toestand import SimHuishouden, Toestand


def takecarebnb(env, t: Toestand, s: SimHuishouden):
    """Host-family stay: ends with a dwelling or when the agreed stay runs out. Guests do not
    count for the taakstelling until they move into a dwelling. The host was taken at koppeling."""
    s.in_tcb = True  # (already set at koppeling, so the doorstroomlocatie passes this guest by)
    t.tel("tcb_verblijven")
    uitkomst = yield s.gehuisvest | env.timeout(s.k.tcb_dagen)
    t.gasten -= 1
    s.in_tcb = False
    if s.gehuisvest not in uitkomst:
        t.tel("tcb_verlopen")
