"""Allocation rounds: WSL and the gemeente run the matching engine on who waits and what is
offered; households accept or refuse the single offer; keys follow after the move period."""

from __future__ import annotations

from matching.oplossers import los_op
from matching.regels import Ronde, toelaatbaar

from .nareizigers import controleer_vervolg
from .toestand import SimHuishouden, SimWoning, Toestand


def toewijzingsrondes(env, t: Toestand):
    """A round every `ronde_dagen` days from the first day, held at the end of the day so
    that the day's new dwellings and households take part."""
    yield env.timeout(0.5)
    while True:
        ronde(env, t)
        yield env.timeout(t.sc.toewijzing.ronde_dagen)


def ronde(env, t: Toestand) -> None:
    nu = int(env.now)
    leegstand = t.sc.toewijzing.max_leegstand_dagen
    for wid in [wid for wid, w in t.aanbod.items() if nu >= max(w.beschikbaar, 0) + leegstand]:
        # Nobody on the list fits: WSL lets it regularly rather than leave it empty.
        del t.aanbod[wid]
        t.tel("woningen_terug_regulier")
    if not t.aanbod:
        return
    kandidaten = [s for s in t.wachtenden() if t.blokkade(s) == 0]
    if not kandidaten:
        return
    woningen = list(t.aanbod.values())
    r = Ronde(t.kenmerken(kandidaten), t.woningkenmerken(woningen, nu), t.start_abs + nu)
    ok = toelaatbaar(r, t.beleid)
    if not ok.any():
        return
    opl = los_op(r, t.beleid, t.sc.toewijzing.oplosser, seed=0, ok=ok)
    t.tel("oplossingen")
    for h in opl.geplaatst.tolist():
        s, w = kandidaten[h], woningen[int(opl.plaats[h])]
        eerste = not s.aangeboden
        s.aangeboden = True
        if s.k.weigert and eerste and not s.vervolg:
            s.status = "vertrokken"  # the dwelling stays in the pool for the next round
            t.tel("weigeringen")
            continue
        del t.aanbod[w.woning.id]
        s.status = "gematcht"
        dag = max(nu + t.sc.toewijzing.verhuis_dagen, w.beschikbaar)
        env.process(verhuizing(env, t, s, w, dag))


def verhuizing(env, t: Toestand, s: SimHuishouden, w: SimWoning, dag: int):
    """Keys handed over: the household counts from this day (a vervolghuisvesting move does
    not count again, and its old dwelling returns to the pool)."""
    yield env.timeout(max(dag - env.now, 0))
    oud = s.woning if s.vervolg else None
    s.woning = w
    s.status = "gehuisvest"
    t.registreer_plaatsing(s, int(env.now))
    if oud is not None:
        s.vervolg = False
        t.tel("vervolg_verhuizingen")
        t.aanbod[oud.woning.id] = SimWoning(oud.woning, int(env.now), int(env.now))
    controleer_vervolg(t, s)
    if not s.gehuisvest.triggered:
        s.gehuisvest.succeed()
