"""COA links households to the municipality (koppeling); those linked from abroad arrive later."""

from __future__ import annotations

from matching.regels import dag

from .doorstroom import doorstroomverblijf, mag_in_doorstroom, neem_op
from .nareizigers import nareizigers
from .takecarebnb import takecarebnb
from ..toestand import SimHuishouden, Status, Toestand
from ..wereld_records import KomendHuishouden


def koppelingen(env, t: Toestand, komende: list[KomendHuishouden]):
    """COA links each household on its day; it links no new one while the list is full
    (the 2021 mechanism: a list blocked by households that cannot move yet)."""
    for k in sorted(komende, key=lambda k: (k.dag, k.hh.id)):
        if k.dag > env.now:
            yield env.timeout(k.dag - env.now)
        if k.dag > 0 and t.lijstlengte() >= t.sc.vraag.max_wachtlijst:
            t.tel("niet_gekoppeld")
            continue
        status = Status.BUITENLAND if k.in_nl_dag > env.now else Status.WACHTEND
        s = SimHuishouden(k, k.hh, status, gehuisvest=env.event(), passend_voor_gezin=env.event())
        s.koppeldag = dag(k.hh.koppeldatum)
        t.herbereken(s)
        t.huishoudens[k.hh.id] = s
        t.personen_in += k.hh.personen_totaal
        t.tel("koppelingen" if k.dag > 0 else "startlijst")
        if s.status == Status.BUITENLAND:
            env.process(aankomst(env, t, s))
        if k.nareizigers_dag is not None:
            env.process(nareizigers(env, t, s))
        if k.tcb_dagen and s.status == Status.WACHTEND and t.gasten < t.sc.takecarebnb.gastgezinnen:
            t.gasten += 1  # the host is taken now, before the stay's process first runs
            s.in_tcb = True
            env.process(takecarebnb(env, t, s))
        elif mag_in_doorstroom(t, s, int(env.now)):
            # A host family (the gemeente's own arrangement) comes first; else the location.
            neem_op(t, s, int(env.now))
            env.process(doorstroomverblijf(env, t, s))


def aankomst(env, t: Toestand, s: SimHuishouden):
    """A household linked while still abroad can be housed once it is here."""
    yield env.timeout(max(s.k.in_nl_dag - env.now, 0))
    if s.status == Status.BUITENLAND:
        s.status = Status.WACHTEND
