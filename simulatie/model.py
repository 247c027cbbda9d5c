"""One replication: draw the world, run every actor as a SimPy process, book the results."""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum

import simpy

from matching.beleid import REGELCODES, Beleid, Regel
from matching.huishoudens import Huishouden
from matching.regels import Ronde, dag, eerste_bezwaar, meest_bezwaar
from matching.woningen import Woning

from .actoren.koppelingen import koppelingen
from .actoren.nidos import nidos_uitstroom
from .actoren.rondes import toewijzingsrondes
from .actoren.vacatures import vacatures
from .aanbod import Vervangingen
from .kalender import periodegrenzen
from .registratie import Boeking, Plaatsing, per_type
from .telling import per_periode as tel_per_periode
from .scenario import Scenario
from .toestand import STATUSSEN, Status, Toestand
from .vooruitblik import Vooruitblik
from .wereld import trek_wereld
from .wereld_records import Wereld


class Wachtreden(StrEnum):
    """Why a household still waits at the end, where no rule (`Regel`) is the reason."""
    VERVOLGHUISVESTING = "wacht_op_vervolghuisvesting"
    GEEN_WONING = "geen_woning_in_aanbod"
    PASSENDE_WONING = "passende_woning_in_aanbod"


@dataclass(frozen=True)
class SimInvoer:
    """What every replication needs; picklable, shipped once per chunk of replications."""
    sc: Scenario
    startlijst: tuple[Huishouden, ...]
    startwoningen: tuple[Woning, ...]
    seed: int


@dataclass
class Uitkomst:
    """Flat results of one replication."""
    replicatie: int
    realisatie: list[int]                 # persons per period (the first with what was housed before the start)
    woningen_gebruikt: list[int]          # keys handed over per period, vervolghuisvesting excluded
    bewoners: list[int]                   # persons into those dwellings, and nareizigers joining them
    per_bron: dict[str, int]
    wachtweken: list[float]
    tellers: dict[str, int]
    personen_per_kern: dict[str, int]
    huishoudens_per_kern: dict[str, int]
    kinderen_per_slaapkamer: list[float]
    wachtend_eind: int
    wachtend_redenen: dict[str, int]
    status_personen: dict[str, int]       # persons present by household status at the end
    nareizigers_onderweg: int
    personen_in: int
    geteld: int                           # persons booked, summed over households
    bezetting_ok: bool                    # no dwelling held by two households at once
    woningen_per_jaar: float = 0.0
    # Where the dwellings of the agreement are at the end: keys after the horizon, still free in
    # the pool, returned to regular letting and not yet replaced.
    eind_woningen: dict[str, int] = field(default_factory=dict)
    plaatsingen: list[Plaatsing] = field(default_factory=list)
    vervolg_dagen: list[int] = field(default_factory=list)
    boekingen: list[Boeking] = field(default_factory=list)
    # Equity view: households linked (any status) and still waiting for a first dwelling at the
    # end, per household type (registratie.HUISHOUDTYPEN).
    huishoudens_per_type: dict[str, int] = field(default_factory=dict)
    wachtend_per_type: dict[str, int] = field(default_factory=dict)


def _redenen_wachtend(t: Toestand, nu: int) -> dict[str, int]:
    """Why households still wait at the end, from the engine's own rules."""
    lijst = t.wachtenden()
    if not lijst:
        return {}
    redenen: Counter = Counter()
    woningen = list(t.aanbod.values())
    if woningen:
        r = Ronde(t.kenmerken(lijst), t.woningkenmerken(woningen, nu), t.start_abs + nu)
        bezwaar = eerste_bezwaar(r, t.beleid)
        past = (bezwaar < 0).any(1).tolist()
        meest = meest_bezwaar(bezwaar).tolist()
    for i, s in enumerate(lijst):
        b = t.blokkade(s)
        if b:
            redenen[Regel.NOG_NIET_IN_NEDERLAND if s.status == Status.BUITENLAND else Regel.WACHT_OP_NAREIZIGERS] += 1
        elif s.vervolg:
            redenen[Wachtreden.VERVOLGHUISVESTING] += 1
        elif not woningen:
            redenen[Wachtreden.GEEN_WONING] += 1
        elif past[i]:
            redenen[Wachtreden.PASSENDE_WONING] += 1
        else:
            redenen[REGELCODES[meest[i]]] += 1
    return dict(sorted(redenen.items()))


def draai(invoer: SimInvoer, beleid: Beleid, rep: int, wereld: Wereld | None = None) -> tuple[Toestand, Wereld]:
    """Run one replication and return its final state (tests inspect it directly)."""
    sc = invoer.sc
    if wereld is None:
        wereld = trek_wereld(sc, invoer.seed, rep, list(invoer.startlijst), list(invoer.startwoningen))
    env = simpy.Environment()
    t = Toestand(sc, beleid, dag(sc.startdatum))
    t.wereld_vervangingen = Vervangingen.uit_lijst(sc, wereld.vervangingen)
    if beleid.vooruitkijken_weken:
        t.vooruitblik = Vooruitblik(sc, invoer.seed, rep, invoer.startlijst, wereld.amvs)
    env.process(vacatures(env, t, wereld.woningen))
    env.process(koppelingen(env, t, wereld.huishoudens))
    for amv in wereld.amvs:
        env.process(nidos_uitstroom(env, t, amv))
    env.process(toewijzingsrondes(env, t))
    env.run(until=sc.horizon_dagen)
    return t, wereld


@contextmanager
def _afval_na_afloop():
    """A replication leaves its SimPy processes and events in reference cycles. Left to itself,
    Python's cycle collector runs many times per replication, each time also walking what the
    process has held for long (the libraries); switched off for the replication and one
    collection of the young objects after it, the same cycles are freed in a fraction of the
    time, and memory stays as flat."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()
            gc.collect(0)


def simuleer_replicatie(invoer: SimInvoer, beleid: Beleid, rep: int, wereld: Wereld | None = None,
                        wachtredenen: bool = True) -> Uitkomst:
    """`wachtredenen=False`: leave `wachtend_redenen` empty (the rules' reasons for whoever still
    waits at the end cost a full rule evaluation; `vergelijk`'s attribution variants never show them)."""
    with _afval_na_afloop():
        return _replicatie(invoer, beleid, rep, wereld, wachtredenen)


def _replicatie(invoer: SimInvoer, beleid: Beleid, rep: int, wereld: Wereld | None,
                wachtredenen: bool = True) -> Uitkomst:
    t, wereld = draai(invoer, beleid, rep, wereld)
    sc = invoer.sc
    horizon = sc.horizon_dagen

    grenzen = periodegrenzen(sc.startdatum, sc.periode)

    def per_periode(gebeurtenissen) -> list[int]:
        return tel_per_periode(gebeurtenissen, grenzen, horizon)

    realisatie = per_periode((b.dag, b.personen) for b in t.boekingen)
    realisatie[0] += sc.periode[0].realisatie
    per_bron: Counter = Counter()
    for b in t.boekingen:
        per_bron[b.bron] += b.personen
    status_personen = {s: 0 for s in STATUSSEN}
    onderweg = 0
    bezet: Counter = Counter()
    for s in t.huishoudens.values():
        status_personen[s.status] += s.hh.personen
        onderweg += s.hh.nareizigers
        if s.woning is not None and s.status == Status.GEHUISVEST or (s.status == Status.WACHTEND and s.vervolg):
            bezet[s.woning.woning.id] += 1
    geteld = sum(s.geteld for s in t.huishoudens.values())
    return Uitkomst(
        replicatie=rep,
        realisatie=realisatie,
        woningen_gebruikt=per_periode((d, 1) for d, _ in t.sleutels),
        bewoners=per_periode([*t.sleutels, *t.bijgekomen]),
        per_bron=dict(sorted(per_bron.items())),
        wachtweken=t.wachtweken,
        tellers=dict(sorted(t.tellers.items())),
        personen_per_kern=dict(sorted(t.personen_per_kern.items())),
        huishoudens_per_kern=dict(sorted(t.huishoudens_per_kern.items())),
        kinderen_per_slaapkamer=t.kinderen_per_slaapkamer,
        wachtend_eind=len(t.wachtenden()),
        wachtend_redenen=_redenen_wachtend(t, horizon) if wachtredenen else {},
        status_personen=status_personen,
        nareizigers_onderweg=onderweg,
        personen_in=t.personen_in,
        geteld=geteld,
        bezetting_ok=all(v == 1 for v in bezet.values()),
        woningen_per_jaar=wereld.woningen_per_jaar,
        # Only dwellings free inside the horizon: re-lets announced for next year are not this year's.
        eind_woningen={"sleutels_na_horizon": sum(1 for s in t.huishoudens.values() if s.status == Status.GEMATCHT
                                                  and s.reservering is not None and s.reservering.beschikbaar < horizon),
                       "vrij_in_aanbod": sum(1 for w in t.aanbod.values() if w.beschikbaar < horizon),
                       "terug_regulier_niet_vervangen": t.tegoed},
        boekingen=list(t.boekingen),
        plaatsingen=t.plaatsingen,
        vervolg_dagen=t.vervolg_dagen,
        **per_type(t.huishoudens.values(), {Status.WACHTEND, Status.BUITENLAND}),
    )
