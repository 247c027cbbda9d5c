"""The register's state, replayed from its entries: households and dwellings as last imported,
open offers, reservations, and the bookings of realisatie by the simulation's counting rule.

Entries are replayed in the order they were recorded; an entry replaced by a correction (or
voided by `vervallen`) is skipped. Bookings do not depend on the peildatum: what counts "so far"
is the bookings dated before it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

from matching.huishoudens import Huishouden, Kind
from matching.woningen import Woning
from simulatie.telling import personen_bij_aankomst, personen_bij_sleutels

from .schema import bewaarde_boekingen, gebeurtenissen


@dataclass(frozen=True, slots=True)
class RegisterBoeking:
    datum: dt.date
    personen: int
    bron: str                 # plaatsing, nareizigers
    huishouden: str | None    # None for counts kept after opschonen


@dataclass
class HuishoudenStaat:
    hh: Huishouden
    aanbod: tuple[str, int] | None = None        # open offer: (woning, entry id)
    woning: str | None = None                    # dwelling accepted last
    sleuteldatum: dt.date | None = None          # its key date
    eerste_sleutels: dt.date | None = None       # keys of the first dwelling (counting starts)
    vervolg: bool = False                        # back on the list for vervolghuisvesting
    verhuizing: bool = False                     # the last dwelling accepted was a vervolg move
    geteld: int = 0                              # persons booked
    aankomsten: list[tuple[dt.date, int]] = field(default_factory=list)  # nareizigers since import
    samenstelling: Huishouden | None = None      # as imported, with the nareizigers who arrived since

    def __post_init__(self):
        self.samenstelling = self.samenstelling or self.hh

    def personen_op(self, d: dt.date) -> int:
        """Persons present on `d`: the imported ones and nareizigers who arrived before."""
        return self.hh.personen + sum(n for a, n in self.aankomsten if a < d)


@dataclass
class Staat:
    huishoudens: dict[str, HuishoudenStaat] = field(default_factory=dict)
    woningen: dict[str, Woning] = field(default_factory=dict)
    boekingen: list[RegisterBoeking] = field(default_factory=list)
    rondes: int = 0

    def bezette_woningen(self) -> set[str]:
        """Dwellings offered (offer open) or accepted by a household still holding them."""
        uit = set()
        for s in self.huishoudens.values():
            if s.aanbod:
                uit.add(s.aanbod[0])
            if s.woning:
                uit.add(s.woning)
        return uit

    def wachtlijst(self, peildatum: dt.date) -> list[Huishouden]:
        """Households a round may place: linked by the peildatum, no open offer, no dwelling yet
        (or back on the list for vervolghuisvesting)."""
        return [s.samenstelling for s in self.huishoudens.values()
                if s.hh.koppeldatum <= peildatum and s.aanbod is None and (s.woning is None or s.vervolg)]

    def vrije_woningen(self) -> list[Woning]:
        bezet = self.bezette_woningen()
        return [w for i, w in self.woningen.items() if i not in bezet]


def huishouden_json(h: Huishouden) -> str:
    return json.dumps({"id": h.id, "koppeldatum": h.koppeldatum.isoformat(), "volwassenen": h.volwassenen,
                       "kinderen": [[k.geslacht, k.leeftijd] for k in h.kinderen], "nareizigers": h.nareizigers,
                       "nareizigers_verwacht": h.nareizigers_verwacht.isoformat() if h.nareizigers_verwacht else None,
                       "voorkeur_kern": h.voorkeur_kern, "toegankelijk": h.toegankelijk, "verblijf": h.verblijf,
                       "partners": h.partners}, sort_keys=True)


def huishouden_uit_json(tekst: str) -> Huishouden:
    d = json.loads(tekst)
    d["koppeldatum"] = dt.date.fromisoformat(d["koppeldatum"])
    d["kinderen"] = tuple(Kind(g, int(n)) for g, n in d["kinderen"])
    if d["nareizigers_verwacht"]:
        d["nareizigers_verwacht"] = dt.date.fromisoformat(d["nareizigers_verwacht"])
    return Huishouden(**d)


def woning_json(w: Woning) -> str:
    d = {k: getattr(w, k) for k in w.__dataclass_fields__}
    d["beschikbaar"] = w.beschikbaar.isoformat()
    return json.dumps(d, sort_keys=True)


def woning_uit_json(tekst: str) -> Woning:
    d = json.loads(tekst)
    d["beschikbaar"] = dt.date.fromisoformat(d["beschikbaar"])
    return Woning(**d)


def met_nareizigers(hh: Huishouden, aantal: int, gegevens: str | None) -> Huishouden:
    """The household for the next round once `aantal` nareizigers joined: the children named
    at arrival (geslacht, leeftijd), the others adults; fewer still expected."""
    kinderen = tuple(Kind(g, int(n)) for g, n in json.loads(gegevens)["kinderen"]) if gegevens else ()
    return replace(hh, volwassenen=hh.volwassenen + aantal - len(kinderen), kinderen=hh.kinderen + kinderen,
                   nareizigers=max(hh.nareizigers - aantal, 0),
                   nareizigers_verwacht=hh.nareizigers_verwacht if hh.nareizigers > aantal else None)


def geldige(rijen: list) -> list:
    """Entries in effect, in the order recorded: those neither corrected nor voided; a correction
    takes the place of the entry it corrects (a corrected key date is still the same acceptance)."""
    vervangen = {r.corrigeert for r in rijen if r.corrigeert is not None}
    plek = {}
    for r in rijen:  # sorted by id, so the corrected entry's place is known first
        plek[r.id] = plek.get(r.corrigeert, r.id) if r.corrigeert is not None else r.id
    return sorted((r for r in rijen if r.id not in vervangen and r.soort != "vervallen"), key=lambda r: plek[r.id])


def _boek(staat: Staat, d: dt.date, n: int, bron: str, hh: str) -> None:
    if n:
        staat.boekingen.append(RegisterBoeking(d, n, bron, hh))


def speel_af(rijen: list) -> Staat:
    """Replay entries (sorted by id) into the state; see the counting rule in `simulatie.telling`."""
    staat = Staat()
    for r in geldige(rijen):
        if r.soort == "woning":
            staat.woningen[r.woning] = woning_uit_json(r.gegevens)
            continue
        if r.soort == "ronde":
            staat.rondes += 1
            continue
        if r.soort == "huishouden":
            s = staat.huishoudens.get(r.huishouden)
            hh = huishouden_uit_json(r.gegevens)
            if s is None:
                staat.huishoudens[r.huishouden] = HuishoudenStaat(hh)
            else:
                s.hh, s.samenstelling, s.aankomsten = hh, hh, []  # a new import holds whoever arrived before it
            continue
        s = staat.huishoudens.get(r.huishouden)
        if s is None:  # removed by opschonen; its counts are kept apart
            continue
        if r.soort == "aanbod":
            s.aanbod = (r.woning, r.id)
        elif r.soort == "weigering":
            s.aanbod = None
        elif r.soort == "acceptatie":
            s.aanbod = None
            k = r.datum
            n = personen_bij_sleutels(s.personen_op(k), s.geteld, s.vervolg)
            s.geteld += n
            _boek(staat, k, n, "plaatsing", r.huishouden)
            if s.eerste_sleutels is None and not s.vervolg:
                s.eerste_sleutels = k
                for a, m in s.aankomsten:  # recorded before the keys, arrived on or after them
                    if a >= k:
                        m = personen_bij_aankomst(m, al_geteld=True)
                        s.geteld += m
                        _boek(staat, a, m, "nareizigers", r.huishouden)
            s.woning, s.sleuteldatum, s.verhuizing, s.vervolg = r.woning, k, s.vervolg, False
        elif r.soort == "nareizigers":
            s.aankomsten.append((r.datum, r.personen))
            s.samenstelling = met_nareizigers(s.samenstelling, r.personen, r.gegevens)
            if s.eerste_sleutels is not None:
                if s.eerste_sleutels <= r.datum:
                    m, dag, bron = personen_bij_aankomst(r.personen, al_geteld=True), r.datum, "nareizigers"
                else:  # arrived before the keys, recorded after them: they count with the keys
                    m, dag, bron = r.personen, s.eerste_sleutels, "plaatsing"
                s.geteld += m
                _boek(staat, dag, m, bron, r.huishouden)
        elif r.soort == "vervolg":
            s.vervolg = True
    return staat


def lees_staat(v) -> Staat:
    from sqlalchemy import select
    rijen = v.execute(select(gebeurtenissen).order_by(gebeurtenissen.c.id)).all()
    staat = speel_af(rijen)
    for b in v.execute(select(bewaarde_boekingen).order_by(bewaarde_boekingen.c.id)).all():
        staat.boekingen.append(RegisterBoeking(b.datum, b.personen, b.bron, None))
    return staat
