"""Nareizigers: family members who arrive later through family reunification."""

from __future__ import annotations

from dataclasses import replace

from .toestand import SimHuishouden, Toestand


def nareizigers(env, t: Toestand, s: SimHuishouden):
    """The family arrives and joins the household. Joining a housed household counts for the
    taakstelling on arrival; if the dwelling is now too small, vervolghuisvesting is needed.
    Under the visa switch the family travels only once the household has a dwelling that fits
    them all, or once the visa's time limit has passed."""
    v = t.sc.vraag
    if v.visum_na_passende_woning:
        uiterlijk = max(s.k.dag, 0) + v.visum_uiterlijk_dagen
        if not s.passend_voor_gezin.triggered:
            yield s.passend_voor_gezin | env.timeout(max(uiterlijk - env.now, 0))
        yield env.timeout(s.k.visum_reis_dagen)
    yield env.timeout(max(s.k.nareizigers_dag - env.now, 0))
    if s.status == "vertrokken":
        return
    n = s.hh.nareizigers
    partner = 1 if s.hh.volwassenen == 1 else 0
    s.hh = replace(s.hh, volwassenen=s.hh.volwassenen + partner, kinderen=s.hh.kinderen + s.k.nareizigers_kinderen,
                   nareizigers=0, partners=True if partner else s.hh.partners)
    t.herbereken(s)
    t.tel("nareizigers_aangekomen", n)
    if s.status == "gehuisvest":
        s.geteld += n
        t.boek(int(env.now), n, "nareizigers")
        t.bijgekomen.append((int(env.now), n))
        controleer_vervolg(t, s)


def controleer_vervolg(t: Toestand, s: SimHuishouden) -> None:
    """A housed household whose dwelling no longer fits goes back on the list for a move."""
    kamers = s.woning.woning.slaapkamers
    if s.nodig > max(kamers, 1 if s.hh.personen == 1 else 0):
        s.vervolg = True
        s.status = "wachtend"
        t.tel("vervolg_nodig")
