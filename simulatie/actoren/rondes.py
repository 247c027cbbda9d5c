"""Allocation rounds: WSL and the gemeente run the matching engine on who waits and what is
offered; households accept or refuse the single offer; keys follow after the move period."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial

import numpy as np

from matching.bezetting import slaapkamers_nodig
from matching.oplossers import Rondeuitkomst, klein_op_rijen, los_op
from matching.regels import Ronde
from matching.wisseling import nieuwjaar_na, wisseling_na, wisseling_uit

from .nareizigers import controleer_vervolg
from ..toestand import SimHuishouden, SimWoning, Status, Toestand


# Skip a round whose input equals that of the last round that ended without solving (off: tests
# compare both ways).
OVERSLAAN = True
# Judge the re-lets of a replacement walk that fall in one calendar year in one matrix (off: one
# by one; tests compare both ways).
SAMEN_BEOORDELEN = True
# A key handover later than now as one SimPy timeout with a callback (off: a process per
# handover, as before; tests compare both ways).
OVERDRACHT_ALS_TERUGROEP = True


def toewijzingsrondes(env, t: Toestand):
    """A round every `ronde_dagen` days from the first day, held at the end of the day so
    that the day's new dwellings and households take part."""
    yield env.timeout(0.5)
    while True:
        ronde(env, t)
        yield env.timeout(t.sc.toewijzing.ronde_dagen)


def ronde(env, t: Toestand) -> None:
    nu = int(env.now)
    # Empty for the longest allowed since it came free (or since the start): nu >= max(beschikbaar,
    # 0) + leegstand, which is beschikbaar <= nu - leegstand once nu - leegstand >= 0.
    grens = nu - t.sc.toewijzing.max_leegstand_dagen
    for wid in [wid for wid, w in t.aanbod.items() if w.beschikbaar <= grens] if grens >= 0 else ():
        # Nobody on the list fits: WSL lets it regularly rather than leave it empty, and offers
        # its next re-let that fits someone on the list in its place (the agreement is a number
        # of dwellings, not a list of addresses).
        w = t.aanbod.pop(wid)
        t.tel("woningen_terug_regulier")
        if w.vervangbaar:
            t.tegoed += 1
    # Who may be offered a dwelling now (neither the walk below nor a return changes that).
    kandidaten = t.kandidaten()
    k_rijen = None
    verbod = t.sc.verbod_dag()
    # Under a voorrangsverbod there is no agreement any more: nothing returned is replaced (what
    # was still owed stays reported as returned and not replaced).
    if t.tegoed and (verbod is None or nu < verbod) and kandidaten:
        k_rijen = t.rijen(kandidaten, vrij=True)
        t.werk_rijen_bij(kandidaten, k_rijen)
        hi = [s.rij for s in kandidaten]
        while t.tegoed and vervang(env, t, nu, hi):
            t.tegoed -= 1
    if not t.aanbod:
        return
    # A reservation is a promise to the household, not to the dwelling: households whose
    # reserved dwelling is still months away take part again and keep a place for certain,
    # so a sooner vacancy can go to them and their reservation back to the pool.
    verhuis = t.sc.toewijzing.verhuis_dagen
    houders = [s for s in t.gematcht() if s.reservering is not None and s.reservering.beschikbaar > nu + verhuis]
    if not kandidaten and not houders:
        return
    woningen = list(t.aanbod.values()) + [s.reservering for s in houders]
    lijst = [*kandidaten, *houders]
    # The round's whole input; a round without a single admissible pair is not run again
    # until this changes or a date-dependent rule may answer differently.
    invoer = ((t.rijen(kandidaten, vrij=True) if k_rijen is None else k_rijen) + t.rijen(houders), t.woningrijen(woningen, nu),
              len(houders))
    if OVERSLAAN and t.vergeefs is not None and t.vergeefs[0] == invoer \
            and (t.vergeefs[1] is None or t.start_abs + nu < t.vergeefs[1]):
        t.overgeslagen += 1
        return
    t.vergeefs = None
    peildag = t.start_abs + nu

    def maak_ronde(lijst=lijst, woningen=woningen, n=len(houders)) -> Ronde:
        # (the round's arrays, only if its arcs are asked for, which a simulated round never
        # does: from the tables as they are then)
        return Ronde(t.hh_tabel.kies([s.rij for s in lijst], n), t.w_tabel.kies([w.rij for w in woningen], peildag),
                     peildag)
    # The admissible pairs first, from the row tables, and in the same compiled step, where it
    # can be, whether the round is futile (most rounds that get this far) or its solution.
    stap = t.ronde_stap(lijst, invoer[0], woningen, nu, len(kandidaten), len(t.aanbod), t.vooruitblik is None,
                        maak_ronde)
    ok, opl = stap.ok, stap.opl
    r, aangeboden = None, woningen
    if stap.uitkomst is Rondeuitkomst.VERDER:
        if houders:
            # A holder whose own reservation no longer fits (the family grew) keeps it as it is.
            n_k, n_a = len(kandidaten), len(t.aanbod)
            eigen = ok[np.arange(n_k, len(lijst)), np.arange(n_a, len(woningen))]
            if np.count_nonzero(eigen) < len(eigen):
                r = Ronde(t.kenmerken(lijst, len(houders), invoer[0]), t.woningkenmerken(woningen, nu, invoer[1]), peildag)
                hou = np.concatenate([np.ones(n_k, bool), eigen])
                wou = np.concatenate([np.ones(n_a, bool), eigen])
                lijst = [s for s, k in zip(lijst, hou) if k]
                woningen = [w for w, k in zip(woningen, wou) if k]
                houders = [s for s, k in zip(houders, eigen) if k]
                r = Ronde(r.hh.deel(hou), r.w.deel(wou), r.peildag)
                ok = ok[hou][:, wou]
        # Nothing to do unless a waiting household has a fitting dwelling, or a holder one that
        # comes sooner than its reservation (alone or not: a vacancy must not go unused).
        n_k, n_a = len(kandidaten), len(t.aanbod)
        sneller = bool(houders) and np.count_nonzero(ok[n_k:, :n_a]) > 0
        vergeefs = not np.count_nonzero(ok[:n_k]) and not sneller
    else:
        vergeefs = stap.uitkomst is Rondeuitkomst.VERGEEFS
    if vergeefs:
        # (the day from all the round's dwellings, also those of holders left out; the kernel
        # read them already where it found the round futile)
        t.vergeefs = (invoer, wisseling_uit(peildag, *stap.wissel, t.beleid) if stap.wissel is not None
                      else wisseling_na(peildag, t.beschikbaar(aangeboden), t.beleid))
        return
    if opl is None and r is None and t.vooruitblik is None:
        # A small round in one compiled step on the row tables, without the round's arrays.
        opl = klein_op_rijen(t.hh_tabel.kolommen, [s.rij for s in lijst], len(houders), t.w_tabel.kolommen,
                             [w.rij for w in woningen], peildag, t.beleid, ok, t.sc.toewijzing.oplosser, maak_ronde)
    if opl is None:
        if r is None:
            r = Ronde(t.kenmerken(lijst, len(houders), invoer[0]), t.woningkenmerken(woningen, nu, invoer[1]), peildag)
        if t.vooruitblik is not None:  # look-ahead: expected households as extra rows after the real ones
            r, ok = t.vooruitblik.ronde(r, ok, nu, t.beleid, n_a)
        opl = los_op(r, t.beleid, t.sc.toewijzing.oplosser, seed=0, ok=ok)
    t.tel("oplossingen")
    plaats = opl.plaats.tolist()
    echt = [h for h in range(len(lijst)) if plaats[h] >= 0]
    vastgehouden = sum(1 for p in plaats[len(lijst):] if p >= 0)
    if vastgehouden:
        t.tel("vooruitkijken_vastgehouden", vastgehouden)  # held for an expected household
    gekozen = {plaats[h] for h in echt}
    for h in echt:
        s, w = lijst[h], woningen[plaats[h]]
        if s.status == Status.GEMATCHT:
            if w is s.reservering:
                continue
            oud = s.reservering
            if woningen.index(oud) not in gekozen:
                t.aanbod[oud.woning.id] = oud
            t.tel("reservering_vervroegd")
        else:
            eerste = not s.aangeboden
            s.aangeboden = True
            if s.k.weigert and eerste and not s.vervolg:
                s.status = Status.VERTROKKEN  # the dwelling stays in the pool for the next round
                t.tel("weigeringen")
                continue
        t.aanbod.pop(w.woning.id, None)
        s.status = Status.GEMATCHT
        dag = max(nu + verhuis, w.beschikbaar)
        s.reservering = w
        s.verhuis_nr += 1
        overdracht = partial(verhuizing, env, t, s, w, s.verhuis_nr)
        if OVERDRACHT_ALS_TERUGROEP and dag > env.now:
            # The handover is one moment, not an actor: a timeout with a callback (a process costs
            # SimPy three events). Simultaneous events keep their order: keys change hands on
            # whole days, rounds are held mid-day, the round's other handovers are made in turn.
            env.timeout(dag - env.now).callbacks.append(overdracht)
        else:
            # Keys now (no days to move): after this round's other new processes, as always.
            env.process(_als_proces(env, max(dag - env.now, 0), overdracht))


def _als_proces(env, wachten, functie):
    yield env.timeout(wachten)
    functie()


def verhuizing(env, t: Toestand, s: SimHuishouden, w: SimWoning, nummer: int, _gebeurtenis=None) -> None:
    """Keys handed over: the household counts from this day (a vervolghuisvesting move does
    not count again, and its old dwelling returns to the pool)."""
    if nummer != s.verhuis_nr:
        return  # the reservation was exchanged for a sooner dwelling
    s.reservering = None
    oud = s.woning if s.vervolg else None
    s.woning = w
    s.status = Status.GEHUISVEST
    t.registreer_plaatsing(s, int(env.now))
    if oud is not None:
        s.vervolg = False
        t.tel("vervolg_verhuizingen")
        t.vervolg_dagen.append(int(env.now))
        t.aanbod[oud.woning.id] = SimWoning(oud.woning, int(env.now), int(env.now), vervangbaar=False)
    controleer_vervolg(t, s)
    if not s.gehuisvest.triggered:
        s.gehuisvest.succeed()
    if s.hh.nareizigers and not s.passend_voor_gezin.triggered \
            and w.woning.slaapkamers >= slaapkamers_nodig(s.hh, t.beleid, met_nareizigers=True):
        s.passend_voor_gezin.succeed()


def vervang(env, t: Toestand, nu: int, hi: list[int]) -> bool:
    """Walk WSL's coming re-lets (drawn in the world, the same for every policy) and offer the
    first that some household on the list (`hi`: the rows, up to date, of those who may be
    offered a dwelling now) may take; the ones passed over are let regularly. With nobody to
    fit, the dwelling stays owed (`t.tegoed`) until someone is on the list."""
    alle = t.wereld_vervangingen
    begin = t.vervangingen
    if not hi or begin >= len(alle):
        return False
    # The walk looks at each next re-let while the days waited before it stay within the
    # longest a dwelling may stand empty: re-lets begin..eind-1; re-let k is free on day
    # nu + voor[k + 1] - voor[begin] (voor: days from the first re-let, before its own wait).
    voor = alle.voor_lijst
    v0 = voor[begin]
    eind = min(bisect_right(voor, v0 + t.sc.toewijzing.max_leegstand_dagen), len(alle))
    # Each re-let is judged on the day it comes free. On that day (or later in the same year,
    # the rent limit's year) no date-dependent rule refuses a dwelling that is free already, so
    # the re-lets of one calendar year are judged together in one matrix.
    basis = t.start_abs + nu - v0  # re-let k is free on absolute day basis + voor[k + 1]
    i = begin
    while i < eind:
        # (up to the first re-let in a later year)
        j = bisect_left(voor, nieuwjaar_na(basis + voor[i + 1]) - basis, i + 1, eind + 1) - 1 \
            if SAMEN_BEOORDELEN else i + 1
        k = alle.eerste_passend(t.hh_tabel, hi, i, j, [basis + v for v in voor[i + 1:j + 1]], t.beleid)
        if k >= 0:
            k += i
            t.vervangingen = k + 1
            wachten = voor[k + 1] - v0
            d = nu + wachten
            w = SimWoning(alle.woning(k, d), d, d)
            env.process(vervanging(env, t, w, wachten))
            return True
        i = j
    t.vervangingen = eind
    return False


def vervanging(env, t: Toestand, w: SimWoning, wachten: int):
    """The replacement enters the pool on the day it comes free."""
    yield env.timeout(wachten)
    t.aanbod[w.woning.id] = w
    t.tel("woningen_aangeboden")
    t.tel("woningen_vervangen")
