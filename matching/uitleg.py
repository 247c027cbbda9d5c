"""Uitleg: reason codes an adviser can read, for every placement and every household left out."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from .beleid import REGELCODES, Beleid
from .bezetting import deelt_ouder_met_kind, slaapkamers_nodig
from .huishoudens import Huishouden
from .oplossers import Oplossing
from .regels import Ronde, datum
from .woningen import SOORTEN


@dataclass(frozen=True)
class Reden:
    code: str
    tekst: str


BEZWAAR_TEKST = {
    "nog_niet_in_nederland": "huishouden is nog niet in Nederland",
    "wacht_op_nareizigers": "beleid wacht tot de nareizigers er zijn",
    "soort_niet_aangeboden": "soort woning wordt onder dit beleid niet aangeboden",
    "nog_niet_beschikbaar": "woning komt pas later vrij dan het beleid vooruit reserveert",
    "kern_niet_toegestaan": "kern valt buiten het beleid",
    "niet_toegankelijk": "woning is niet toegankelijk",
    "te_weinig_slaapkamers": "te weinig slaapkamers",
    "te_veel_slaapkamers": "te veel slaapkamers voor dit huishouden",
    "huur_boven_aftoppingsgrens": "kale huur boven de aftoppingsgrens (passend toewijzen)",
    "alleen_grote_gezinnen": "woning is alleen voor grote gezinnen (Regeling Huisvesting Grote Gezinnen)",
}

NIVEAU_TEKST = {
    "personen": "meer personen",
    "wachttijd": "langer wachtend",
    "beschikbaarheid": "eerder beschikbaar",
    "passing": "betere passing",
    "voorkeur": "voorkeur voor de kern",
}


def _woord(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def redenen_plaatsing(hh: Huishouden, h: int, w: int, r: Ronde, beleid: Beleid,
                      woning_soort: str) -> list[Reden]:
    nodig = int(r.hh.nodig[h])
    kamers = int(r.w.slaapkamers[w])
    uit = [Reden("telt_voor_taakstelling", f"{_woord(hh.personen, 'persoon telt', 'personen tellen')} mee "
                                           "voor de taakstelling")]
    if kamers == nodig or (kamers == 0 and nodig == 1):
        uit.append(Reden("past_precies", f"past precies: {nodig} slaapkamer(s) nodig, woning heeft er {kamers}"))
    else:
        uit.append(Reden("slaapkamers_over", f"{_woord(kamers - nodig, 'slaapkamer', 'slaapkamers')} over "
                                             f"({nodig} nodig, woning heeft er {kamers})"))
    dagen = r.peildag - int(r.hh.koppeldag[h])
    # Days, not the koppeldatum itself: outputs carry no personal field but the pseudonymous id.
    uit.append(Reden("wacht_sinds", f"wacht {dagen} dagen sinds de koppeling"))
    if hh.voorkeur_kern:
        if hh.voorkeur_kern == r.w.kern[w]:
            uit.append(Reden("voorkeur_kern_gehonoreerd", f"voorkeur voor {hh.voorkeur_kern} gehonoreerd"))
        else:
            uit.append(Reden("voorkeur_kern_niet_gehonoreerd",
                             f"voorkeur voor {hh.voorkeur_kern} niet gehonoreerd (woning in {r.w.kern[w]})"))
    if int(r.w.beschikbaar[w]) > r.peildag:
        uit.append(Reden("gereserveerd", f"{woning_soort}: beschikbaar per {datum(r.w.beschikbaar[w]).isoformat()}, "
                                         "nu gereserveerd"))
    if hh.nareizigers:
        if beleid.nareizigers == "vooruit":
            uit.append(Reden("ruimte_voor_nareizigers",
                             f"woning is al groot genoeg voor {_woord(hh.nareizigers, 'nareiziger', 'nareizigers')}"))
        elif kamers < slaapkamers_nodig(hh, beleid, met_nareizigers=True):
            uit.append(Reden("vervolghuisvesting_nodig",
                             f"bij aankomst van {_woord(hh.nareizigers, 'nareiziger', 'nareizigers')} "
                             "is vervolghuisvesting nodig"))
    if deelt_ouder_met_kind(hh, beleid):
        uit.append(Reden("ouder_deelt_kamer_met_kind", "ouder deelt een slaapkamer met een kind"))
    if r.hh.alleen[h] and kamers > beleid.alleenstaande_max_slaapkamers:
        uit.append(Reden("woning_gedeeld", "woning wordt gedeeld met een andere alleenstaande"))
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
                uit.append(Reden("passende_woning_vergeven",
                                 f"{r.w.ids[w]} ging naar {r.hh.ids[ander]} ({_beter(r, beleid, opl, ander, h, w)})"))
            else:
                uit.append(Reden("passende_woning_niet_gebruikt", f"{r.w.ids[w]} bleef over (zijvoorwaarde)"))
        return uit
    if n_w == 0:
        return [Reden("geen_woningen", "geen woningen aangeboden in deze ronde")]
    codes = bezwaar[h]
    uit = []
    for idx in sorted(set(codes.tolist()), key=lambda c: (-int((codes == c).sum()), c)):
        code = REGELCODES[idx]
        aantal = int((codes == idx).sum())
        tekst = BEZWAAR_TEKST[code]
        if code in ("nog_niet_in_nederland", "wacht_op_nareizigers"):
            return [Reden(code, tekst)]
        if code == "te_weinig_slaapkamers":
            tekst += f" (nodig {int(r.hh.nodig[h])})"
        uit.append(Reden(code, f"{tekst}: {aantal} van {n_w} woningen"))
    return uit


def soort_naam(r: Ronde, w: int) -> str:
    return SOORTEN[int(r.w.soort[w])]
