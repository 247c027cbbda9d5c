"""Uitleg: reason codes an adviser can read, for every placement and every household left out."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .beleid import REGELCODES, Beleid, Regel
from .controle import meervoud
from .bezetting import deelt_ouder_met_kind, slaapkamers_nodig
from .huishoudens import Huishouden
from .oplossers import Oplosser, Oplossing
from .dagen import datum
from .regels import Ronde
from .woningen import SOORTEN


class Redencode(StrEnum):
    """The code of a reason that is not a rule (those are `beleid.Regel`): why a household got
    this dwelling, or why no fitting dwelling went to it. Equal to the string in the outputs."""
    TELT_VOOR_TAAKSTELLING = "telt_voor_taakstelling"
    PAST_PRECIES = "past_precies"
    SLAAPKAMERS_OVER = "slaapkamers_over"
    WACHT_SINDS = "wacht_sinds"
    VOORKEUR_KERN_GEHONOREERD = "voorkeur_kern_gehonoreerd"
    VOORKEUR_KERN_NIET_GEHONOREERD = "voorkeur_kern_niet_gehonoreerd"
    GERESERVEERD = "gereserveerd"
    RUIMTE_VOOR_NAREIZIGERS = "ruimte_voor_nareizigers"
    VERVOLGHUISVESTING_NODIG = "vervolghuisvesting_nodig"
    OUDER_DEELT_KAMER_MET_KIND = "ouder_deelt_kamer_met_kind"
    WONING_GEDEELD = "woning_gedeeld"
    PASSENDE_WONING_VERGEVEN = "passende_woning_vergeven"
    PASSENDE_WONING_NIET_GEBRUIKT = "passende_woning_niet_gebruikt"
    GEEN_WONINGEN = "geen_woningen"
    CONCURRENTIE = "concurrentie"  # between policies: a pair both allow, lost to others (`verschil_beleid`)


@dataclass(frozen=True)
class Reden:
    code: str  # a Regel or a Redencode
    tekst: str


BEZWAAR_TEKST = {
    Regel.NOG_NIET_IN_NEDERLAND: "huishouden is nog niet in Nederland",
    Regel.WACHT_OP_NAREIZIGERS: "beleid wacht tot de nareizigers er zijn",
    Regel.SOORT_NIET_AANGEBODEN: "soort woning wordt onder dit beleid niet aangeboden",
    Regel.NOG_NIET_BESCHIKBAAR: "woning komt pas later vrij dan het beleid vooruit reserveert",
    Regel.KERN_NIET_TOEGESTAAN: "kern valt buiten het beleid",
    Regel.NIET_TOEGANKELIJK: "woning is niet toegankelijk",
    Regel.TE_WEINIG_SLAAPKAMERS: "te weinig slaapkamers",
    Regel.TE_VEEL_SLAAPKAMERS: "te veel slaapkamers voor dit huishouden",
    Regel.HUUR_BOVEN_AFTOPPINGSGRENS: "kale huur boven de aftoppingsgrens (passend toewijzen)",
    Regel.ALLEEN_GROTE_GEZINNEN: "woning is alleen voor grote gezinnen (Regeling Huisvesting Grote Gezinnen)",
}

# A code of `verschil_beleid`'s doorslaggevende_regels in words: a rule's refusal, or competition.
DOORSLAG_TEKST = {**BEZWAAR_TEKST,
                  Redencode.CONCURRENTIE: "woning ging onder dit beleid naar een ander huishouden"}

# How a round was solved, in words (`Oplossing.oplosser`, `.status`); the codes stay in JSON and CSV.
OPLOSSER_TEKST = {
    Oplosser.AUTO: "automatisch gekozen berekening",
    Oplosser.STROOM: "stroomberekening, OR-Tools",
    Oplosser.SCIPY: "toewijzingsberekening, SciPy",
    Oplosser.CPSAT: "CP-SAT-berekening, OR-Tools",
    Oplosser.ENKEL: "één woning of één huishouden: direct gekozen",
    Oplosser.LEEG: "geen huishouden past in een van de woningen: niets te verdelen",
    Oplosser.TRAPSGEWIJS: "trapsgewijze berekening doel voor doel, SciPy",
}
STATUS_TEKST = {
    "OPTIMAL": "de beste verdeling volgens het beleid",
    "FEASIBLE": "een goede verdeling, niet bewezen de beste (tijdslimiet bereikt)",
}


def berekening_tekst(oplosser: str, status: str) -> str:
    """The solver and its status as one phrase for the table's heading."""
    if oplosser == Oplosser.LEEG:
        return OPLOSSER_TEKST[Oplosser.LEEG]
    return f"{STATUS_TEKST[status]} ({OPLOSSER_TEKST[Oplosser(oplosser)]})"


NIVEAU_TEKST = {
    "personen": "meer personen",
    "wachttijd": "langer wachtend",
    "beschikbaarheid": "eerder beschikbaar",
    "passing": "betere passing",
    "voorkeur": "voorkeur voor de kern",
}


def redenen_plaatsing(hh: Huishouden, h: int, w: int, r: Ronde, beleid: Beleid,
                      woning_soort: str) -> list[Reden]:
    nodig = int(r.hh.nodig[h])
    kamers = int(r.w.slaapkamers[w])
    uit = [Reden(Redencode.TELT_VOOR_TAAKSTELLING, f"{meervoud(hh.personen, 'persoon telt', 'personen tellen')} mee "
                                           "voor de taakstelling")]
    if kamers == 0 and nodig == 1:
        # Only studio_voor_alleenstaande lets a single person into a studio (it counts as the one
        # bedroom they need): say so, not "1 needed, it has 0".
        uit.append(Reden(Redencode.PAST_PRECIES, "past precies: een studio telt onder dit beleid als 1 slaapkamer "
                                                 "voor een alleenstaande (studio_voor_alleenstaande)"))
    elif kamers == nodig:
        uit.append(Reden(Redencode.PAST_PRECIES, f"past precies: {meervoud(nodig, 'slaapkamer', 'slaapkamers')} nodig, "
                                                 f"woning heeft er {kamers}"))
    else:
        uit.append(Reden(Redencode.SLAAPKAMERS_OVER, f"{meervoud(kamers - nodig, 'slaapkamer', 'slaapkamers')} over "
                                             f"({nodig} nodig, woning heeft er {kamers})"))
    dagen = r.peildag - int(r.hh.koppeldag[h])
    # Days, not the koppeldatum itself: outputs carry no personal field but the pseudonymous id.
    uit.append(Reden(Redencode.WACHT_SINDS, f"wacht {dagen} dagen sinds de koppeling"))
    if hh.voorkeur_kern:
        if hh.voorkeur_kern == r.w.kern[w]:
            uit.append(Reden(Redencode.VOORKEUR_KERN_GEHONOREERD, f"voorkeur voor {hh.voorkeur_kern} gehonoreerd"))
        else:
            uit.append(Reden(Redencode.VOORKEUR_KERN_NIET_GEHONOREERD,
                             f"voorkeur voor {hh.voorkeur_kern} niet gehonoreerd (woning in {r.w.kern[w]})"))
    if int(r.w.beschikbaar[w]) > r.peildag:
        uit.append(Reden(Redencode.GERESERVEERD, f"{woning_soort}: beschikbaar per {datum(r.w.beschikbaar[w]).isoformat()}, "
                                         "nu gereserveerd"))
    if hh.nareizigers:
        if beleid.nareizigers == "vooruit":
            uit.append(Reden(Redencode.RUIMTE_VOOR_NAREIZIGERS,
                             f"woning is al groot genoeg voor {meervoud(hh.nareizigers, 'nareiziger', 'nareizigers')}"))
        elif kamers < slaapkamers_nodig(hh, beleid, met_nareizigers=True):
            uit.append(Reden(Redencode.VERVOLGHUISVESTING_NODIG,
                             f"bij aankomst van {meervoud(hh.nareizigers, 'nareiziger', 'nareizigers')} "
                             "is vervolghuisvesting nodig"))
    if deelt_ouder_met_kind(hh, beleid):
        uit.append(Reden(Redencode.OUDER_DEELT_KAMER_MET_KIND, "ouder deelt een slaapkamer met een kind"))
    if r.hh.alleen[h] and kamers > beleid.alleenstaande_max_slaapkamers:
        uit.append(Reden(Redencode.WONING_GEDEELD, "woning wordt gedeeld met een andere alleenstaande"))
    return uit


def _beter(r: Ronde, beleid: Beleid, opl: Oplossing, ander: int, zelf: int, w: int) -> str:
    """Which objective level made `ander` win dwelling `w` over `zelf`."""
    t_ander = _termen_paar(r, opl, ander, w)
    t_zelf = _termen_paar(r, opl, zelf, w)
    for niveau in beleid.doel.volgorde:
        if t_ander[niveau] != t_zelf[niveau]:
            if t_ander[niveau] > t_zelf[niveau]:
                return NIVEAU_TEKST[niveau]
            return "samen meer personen geplaatst"
    return "gelijkwaardig; vaste volgorde"


def _termen_paar(r: Ronde, opl: Oplossing, h: int, w: int) -> dict[str, int]:
    return {
        "personen": int(r.hh.personen[h]),
        "wachttijd": r.peildag - int(r.hh.koppeldag[h]),
        "beschikbaarheid": -max(int(r.w.beschikbaar[w]) - r.peildag, 0),
        "passing": -max(int(r.w.slaapkamers[w]) - int(r.hh.nodig[h]), 0),
        "voorkeur": int(r.hh.voorkeur[h] == r.w.kern[w]),
    }


_BEZET: list = [None, {}]  # [weak reference to an Oplossing, its dwelling -> household map]


def _bezet(opl: Oplossing) -> dict[int, int]:
    """Dwelling index -> household placed there. Built once per solution rather than once per
    household left out, which made explaining 20,000 households take minutes."""
    ref, kaart = _BEZET
    if ref is None or ref() is not opl:
        kaart = {int(w): int(hh) for hh, w in enumerate(opl.plaats.tolist()) if w >= 0}
        _BEZET[:] = [weakref.ref(opl), kaart]
    return kaart


def redenen_niet_geplaatst(h: int, r: Ronde, beleid: Beleid, opl: Oplossing, ok: np.ndarray,
                           bezwaar: np.ndarray) -> list[Reden]:
    passend = np.nonzero(ok[h])[0]
    n_w = len(r.w)
    if len(passend):
        bezet = _bezet(opl)
        uit = []
        for w in passend.tolist():
            if w in bezet:
                ander = bezet[w]
                uit.append(Reden(Redencode.PASSENDE_WONING_VERGEVEN,
                                 f"{r.w.ids[w]} ging naar {r.hh.ids[ander]} ({_beter(r, beleid, opl, ander, h, w)})"))
            else:
                uit.append(Reden(Redencode.PASSENDE_WONING_NIET_GEBRUIKT, f"{r.w.ids[w]} bleef over (zijvoorwaarde)"))
        return uit
    if n_w == 0:
        return [Reden(Redencode.GEEN_WONINGEN, "geen woningen aangeboden in deze ronde")]
    codes = bezwaar[h]
    uit = []
    for idx in sorted(set(codes.tolist()), key=lambda c: (-int((codes == c).sum()), c)):
        code = REGELCODES[idx]
        aantal = int((codes == idx).sum())
        tekst = BEZWAAR_TEKST[code]
        if code in (Regel.NOG_NIET_IN_NEDERLAND, Regel.WACHT_OP_NAREIZIGERS):
            return [Reden(code, tekst)]
        if code == Regel.TE_WEINIG_SLAAPKAMERS:
            tekst += f" (nodig {int(r.hh.nodig[h])})"
        uit.append(Reden(code, f"{tekst}: {aantal} van {meervoud(n_w, 'woning', 'woningen')}"))
    return uit


def soort_naam(r: Ronde, w: int) -> str:
    return SOORTEN[int(r.w.soort[w])]
