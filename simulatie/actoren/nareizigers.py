"""Nareizigers: family members who arrive later through family reunification."""

from __future__ import annotations

from dataclasses import replace

from ..toestand import SimHuishouden, Status, Toestand


def nareizigers(env, t: Toestand, s: SimHuishouden):
    """The family arrives and joins the household. Joining a housed household counts for the
    taakstelling on arrival; if the dwelling is now too small, vervolghuisvesting is needed.
    Under the visa switch the family travels only once the household has a dwelling that fits
    them all, or once the visa's time limit has passed."""
    v = t.sc.vraag
    vrijgave = None if v.visum_vrijgave is None else (v.visum_vrijgave - t.sc.startdatum).days
    # Households linked on or after the release are no longer under the visa rule.
    onder_regel = vrijgave is None or (s.hh.koppeldatum - t.sc.startdatum).days < vrijgave
    if v.visum_na_passende_woning and onder_regel:
        uiterlijk = max(s.k.dag, 0) + v.visum_uiterlijk_dagen
        # The release (Raad van State, Feb 2023): every visa still waiting is issued that day.
        grens = uiterlijk if vrijgave is None else min(uiterlijk, vrijgave)
        if not s.passend_voor_gezin.triggered:
            yield s.passend_voor_gezin | env.timeout(max(grens - env.now, 0))
            if not s.passend_voor_gezin.triggered and vrijgave is not None and vrijgave < uiterlijk:
                t.tel("visum_vrijgegeven")
        yield env.timeout(s.k.visum_reis_dagen)
    yield env.timeout(max(s.k.nareizigers_dag - env.now, 0))
    if s.status == Status.VERTROKKEN:
        return
    n = s.hh.nareizigers
    partner = 1 if s.hh.volwassenen == 1 else 0
    s.hh = replace(s.hh, volwassenen=s.hh.volwassenen + partner, kinderen=s.hh.kinderen + s.k.nareizigers_kinderen,
                   nareizigers=0, partners=True if partner else s.hh.partners)
    t.herbereken(s)
    t.tel("nareizigers_aangekomen", n)
    if s.status == Status.GEHUISVEST:
        s.geteld += n
        t.boek(int(env.now), n, "nareizigers")
        t.bijgekomen.append((int(env.now), n))
        controleer_vervolg(t, s)
    elif s.in_doorstroom and s.status in (Status.WACHTEND, Status.GEMATCHT):
        # Joining a household in a doorstroomlocatie, whose persons counted at entry: the family
        # counts on arrival too (as when joining a housed household) and not again at the keys.
        s.geteld += n
        t.boek(int(env.now), n, "nareizigers")
        t.tel("doorstroom_nareizigers", n)


def controleer_vervolg(t: Toestand, s: SimHuishouden) -> None:
    """A housed household whose dwelling no longer fits goes back on the list for a move."""
    kamers = s.woning.woning.slaapkamers
    if s.nodig > max(kamers, 1 if s.hh.personen == 1 else 0):
        s.vervolg = True
        s.status = Status.WACHTEND
        t.tel("vervolg_nodig")
