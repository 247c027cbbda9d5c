"""Toestand: the municipality's state during one replication, and its bookkeeping.

A household is in exactly one status at a time: buitenland (linked, not yet in NL),
wachtend (on the waitlist; also while a TakeCareBNB guest, or waiting for vervolghuisvesting),
gematcht (offer accepted, keys not yet handed over), gehuisvest, vertrokken (refused the offer).
Realisatie is booked in persons on the day a household gets its dwelling; nareizigers who
join a housed household are booked on arrival; a vervolghuisvesting move is never booked again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from operator import attrgetter

import numpy as np

from matching.beleid import Beleid
from matching.bezetting import deelt_ouder_met_kind, slaapkamers_nodig, volwassenkamers
from matching.huishoudens import Huishouden
from matching.kenmerktabel import HuishoudenTabel, WoningTabel
from matching.oplossers import Rondestap, ronde_op_rijen
from matching.regels import GEEN_BLOKKADE, NIET_IN_NL, WACHT_NAREIZIGERS, HuishoudenKenmerken, WoningKenmerken
from matching.woningen import SOORTEN, Woning

from .kalender import simdatum
from .registratie import Boeking, Plaatsing, huishoudtype
from .scenario import Scenario
from .snelbouw import bouwer
from .telling import personen_bij_sleutels
from .wereld_records import KomendHuishouden

class Status(StrEnum):
    """A household's status in the simulation; equal to its Dutch word, so it reads and
    compares as the string it always was."""
    BUITENLAND = "buitenland"
    WACHTEND = "wachtend"
    GEMATCHT = "gematcht"
    GEHUISVEST = "gehuisvest"
    VERTROKKEN = "vertrokken"


STATUSSEN = tuple(s.value for s in Status)  # plain strings, in this order: keys of status_personen
# (as module globals: the per-round loops compare every household's status with them)
_BUITENLAND, _WACHTEND, _GEMATCHT = Status.BUITENLAND, Status.WACHTEND, Status.GEMATCHT
_RIJWAARDE = attrgetter("rijwaarde")
_Boeking, _Plaatsing = bouwer(Boeking), bouwer(Plaatsing)  # (made on every placement)


@dataclass(slots=True)
class SimWoning:
    woning: Woning
    beschikbaar: int  # sim day
    bekend: int
    soort: int = -1   # index into SOORTEN, kept so rounds need not look it up
    vervangbaar: bool = True  # part of the agreed number: replaced if it goes back to regular letting
    rij: int = -1     # its row in the Toestand's WoningTabel, once a round has seen it

    def __post_init__(self):
        if self.soort < 0:
            self.soort = SOORTEN.index(self.woning.soort)


# Counts every status change in this process: a list derived from the statuses (who waits) is
# recomputed only when this moved on.
_STATUSWIJZIGINGEN = [0]


@dataclass(slots=True)
class SimHuishouden:
    k: KomendHuishouden
    hh: Huishouden
    _status: Status
    nodig: int = 0
    nodig_ruim: int = 0
    personen_huur: int = 0
    vervolg: bool = False           # housed, but too small since the family arrived
    woning: SimWoning | None = None
    geteld: int = 0                 # persons booked for the taakstelling
    in_tcb: bool = False
    in_doorstroom: bool = False     # holds a place in the doorstroomlocatie (counted at entry)
    gehuisvest: object = None       # simpy event, set when the keys are handed over
    passend_voor_gezin: object = None  # simpy event: housed in a dwelling that fits the family
    aangeboden: bool = False
    reservering: SimWoning | None = None  # dwelling promised, keys not yet handed over
    koppeldag: int = 0              # absolute day number of the koppeling (it never changes)
    verhuis_nr: int = 0             # a move scheduled under an older number is cancelled
    rij: int = -1                   # its row in the Toestand's HuishoudenTabel, once a round has seen it
    rijwaarde: tuple | None = None  # what that row was written from (rewritten when this changes)

    @property
    def status(self) -> Status:
        return self._status

    @status.setter
    def status(self, waarde: Status) -> None:
        self._status = waarde
        _STATUSWIJZIGINGEN[0] += 1


@dataclass
class Toestand:
    sc: Scenario
    beleid: Beleid
    start_abs: int                  # absolute day number of the scenario's start
    huishoudens: dict[str, SimHuishouden] = field(default_factory=dict)
    aanbod: dict[str, SimWoning] = field(default_factory=dict)
    boekingen: list[Boeking] = field(default_factory=list)
    wachtweken: list[float] = field(default_factory=list)
    tellers: dict[str, int] = field(default_factory=dict)
    personen_per_kern: dict[str, int] = field(default_factory=dict)
    huishoudens_per_kern: dict[str, int] = field(default_factory=dict)
    gasten: int = 0                 # TakeCareBNB guests now
    kinderen_per_slaapkamer: list[float] = field(default_factory=list)
    # Per placement: the raw material for per-period comparisons.
    plaatsingen: list[Plaatsing] = field(default_factory=list)
    vervolg_dagen: list[int] = field(default_factory=list)
    personen_in: int = 0            # persons who entered (present + nareizigers still to come)
    # Keys handed over for a first dwelling (vervolghuisvesting excluded): (day, persons moving in);
    # and persons joining later (nareizigers), for the persons per dwelling.
    sleutels: list[tuple[int, int]] = field(default_factory=list)
    bijgekomen: list[tuple[int, int]] = field(default_factory=list)
    vervangingen: int = 0           # re-lets looked at for a replacement (index into the world's list)
    tegoed: int = 0                 # dwellings returned to regular letting and not yet replaced
    wereld_vervangingen: object = None  # aanbod.Vervangingen, set by model.draai
    doorstroom: dict[str, SimHuishouden] = field(default_factory=dict)  # in the doorstroomlocatie now
    # The input of the last round that ended without solving, and the first absolute day on
    # which a date-dependent rule may answer differently (None: never).
    vergeefs: tuple | None = None
    overgeslagen: int = 0           # rounds skipped for that reason (not an output; tests read it)
    _kenmerken: list = field(default_factory=list)  # the last two household lists: rows, arrays
    _woningkenmerken: tuple = (None, None)            # the last round's dwellings: rows, arrays
    # The rules' rows per household and per dwelling, written once and rewritten on a change;
    # a round selects them by row number.
    hh_tabel: HuishoudenTabel = field(default_factory=HuishoudenTabel)
    _wachtenden: tuple = ((-1, -1), ([], []))
    _kandidaten: tuple = ((-1, -1), ())
    w_tabel: WoningTabel = field(default_factory=WoningTabel)
    vooruitblik: object = None      # vooruitblik.Vooruitblik when the policy looks ahead

    def tel(self, naam: str, n: int = 1) -> None:
        self.tellers[naam] = self.tellers.get(naam, 0) + n

    def boek(self, dag_: int, personen: int, bron: str) -> None:
        if personen:
            self.boekingen.append(_Boeking(dag_, personen, bron))

    def doorstroom_bezet(self) -> int:
        """Places (persons) taken in the doorstroomlocatie: its residents still waiting for keys,
        with nareizigers who joined them there (they may take the location over its capacity;
        no one new enters until enough is free)."""
        return sum(s.hh.personen for s in self.doorstroom.values() if s.status in (Status.WACHTEND, Status.GEMATCHT))

    def herbereken(self, s: SimHuishouden) -> None:
        """Policy-dependent needs, recomputed only when the composition changes."""
        s.nodig = slaapkamers_nodig(s.hh, self.beleid)
        s.nodig_ruim = slaapkamers_nodig(s.hh, self.beleid, ruim=True)
        s.personen_huur = s.hh.personen_totaal if self.beleid.nareizigers == "vooruit" else s.hh.personen

    def __post_init__(self):
        self._wacht_op_nareizigers = self.beleid.nareizigers == "wachten"  # asked per household, every round

    def blokkade(self, s: SimHuishouden) -> int:
        if s._status is _BUITENLAND:
            return NIET_IN_NL
        if self._wacht_op_nareizigers and s.hh.nareizigers > 0 and not s.vervolg:
            return WACHT_NAREIZIGERS
        return GEEN_BLOKKADE

    def zonder_blokkade(self, lijst: list[SimHuishouden]) -> list[SimHuishouden]:
        """The households in `lijst` whose `blokkade` is GEEN_BLOKKADE (who may be offered a
        dwelling now), in order; the same test inline, as every round asks it of everyone."""
        if self._wacht_op_nareizigers:
            return [s for s in lijst if s._status is not _BUITENLAND and (s.vervolg or not s.hh.nareizigers > 0)]
        return [s for s in lijst if s._status is not _BUITENLAND]

    def kandidaten(self) -> tuple[SimHuishouden, ...]:
        """`zonder_blokkade(wachtenden())`: who may be offered a dwelling now, in order. Unless
        households wait for their nareizigers (a blokkade that changes without a status change),
        only the statuses decide it: then the answer is kept like `wachtenden`, as a tuple so
        that no caller can change it."""
        wachtend = self._per_status()[0]
        if self._wacht_op_nareizigers:
            return tuple(self.zonder_blokkade(wachtend))
        sleutel = self._wachtenden[0]
        if self._kandidaten[0] != sleutel:
            self._kandidaten = (sleutel, tuple([s for s in wachtend if s._status is not _BUITENLAND]))
        return self._kandidaten[1]

    def wachtenden(self) -> list[SimHuishouden]:
        """Households on the list in the allocation sense: waiting, and those still abroad (in
        the order they were linked). Do not change the list returned: it is kept until a status
        changes or a household is linked."""
        return self._per_status()[0]

    def gematcht(self) -> list[SimHuishouden]:
        """Households holding a dwelling whose keys are still to come (in the order linked);
        kept like `wachtenden`."""
        return self._per_status()[1]

    def _per_status(self) -> tuple[list[SimHuishouden], list[SimHuishouden]]:
        sleutel = (_STATUSWIJZIGINGEN[0], len(self.huishoudens))
        (teller, n), lijsten = self._wachtenden
        if (teller, n) == sleutel:
            return lijsten
        if teller == sleutel[0] and n < sleutel[1]:
            # Only households linked since (they come last): the lists so far hold.
            nieuw = list(islice(reversed(self.huishoudens.values()), sleutel[1] - n))[::-1]
            wachtend, gematcht = list(lijsten[0]), list(lijsten[1])
        else:
            nieuw, wachtend, gematcht = self.huishoudens.values(), [], []
        for s in nieuw:
            st = s._status
            if st is _WACHTEND or st is _BUITENLAND:
                wachtend.append(s)
            elif st is _GEMATCHT:
                gematcht.append(s)
        self._wachtenden = (sleutel, (wachtend, gematcht))
        return self._wachtenden[1]

    def lijstlengte(self) -> int:
        """Households on the list as COA counts it when deciding to link more."""
        if self.beleid.wachtlijst_telt_niet_verhuisklaar:
            return len(self.wachtenden())
        return len(self.kandidaten())

    def kenmerken(self, lijst: list[SimHuishouden], toegezegd: int = 0, rijen: tuple | None = None) -> HuishoudenKenmerken:
        """`toegezegd`: the last this many households already hold a promised reservation.
        The list often is the same from one round to the next (and between a round and the
        search for a replacement): then the arrays are too."""
        sleutel = (self.rijen(lijst) if rijen is None else rijen, toegezegd)
        for oud, k in self._kenmerken:
            if oud == sleutel:
                return k
        self.werk_rijen_bij(lijst, sleutel[0])
        k = self.hh_tabel.kies([s.rij for s in lijst], toegezegd)
        # The round's list and the replacement search's list (without reservation holders).
        self._kenmerken = [(sleutel, k), *self._kenmerken[:1]]
        return k

    def werk_rijen_bij(self, lijst: list[SimHuishouden], rijen: tuple) -> None:
        """Each household's row in the table as `rijen` (`self.rijen(lijst)`) has it now."""
        # (most calls find every row written already: told by one comparison of tuples, in C)
        if tuple(map(_RIJWAARDE, lijst)) == rijen:
            return
        tabel = self.hh_tabel
        for s, rij in zip(lijst, rijen):
            if s.rijwaarde == rij:
                continue
            hh, vervolg, geteld, personen_huur, nodig, nodig_ruim, koppeldag, blokkade = rij
            # A vervolghuisvesting move does not count for the taakstelling again, nor do persons
            # counted already (at entry into a doorstroomlocatie).
            velden = dict(personen=0 if vervolg else hh.personen - geteld, personen_huur=personen_huur, nodig=nodig,
                          nodig_ruim=nodig_ruim, koppeldag=koppeldag, blokkade=blokkade)
            if s.rij < 0:
                s.rij = tabel.voeg_toe(hh, **velden)
            else:
                tabel.zet(s.rij, gezin=hh.personen_totaal, **velden)
            s.rijwaarde = rij

    def ronde_stap(self, lijst: list[SimHuishouden], rijen: tuple, woningen: list[SimWoning], vandaag: int,
                   n_k: int, n_a: int, oplossen: bool, maak_ronde) -> Rondestap:
        """`oplossers.ronde_op_rijen` on the row tables: the round's admissible pairs, as
        `regels.toelaatbaar` gives them on `kenmerken(lijst, .., rijen)` and
        `woningkenmerken(woningen, vandaag)` but without making those arrays; and where it can
        be, whether the round is futile, or its solution."""
        self.werk_rijen_bij(lijst, rijen)
        wi = [w.rij for w in woningen]
        if -1 in wi:  # (a dwelling new to rounds: its row first)
            self._woningrijen_bij(woningen)
            wi = [w.rij for w in woningen]
        return ronde_op_rijen(self.hh_tabel, [s.rij for s in lijst], self.w_tabel, wi,
                              self.start_abs + vandaag, self.beleid, n_k, n_a, self.sc.toewijzing.oplosser, oplossen,
                              maak_ronde)

    def beschikbaar(self, woningen: list[SimWoning]) -> list[int]:
        """The day numbers from which the dwellings are available, as `woningkenmerken` has them
        (their rows, once a round has seen them)."""
        kol = self.w_tabel.kolommen["beschikbaar"]
        return [int(kol[w.rij]) for w in woningen]

    def rijen(self, lijst: list[SimHuishouden], vrij: bool = False) -> tuple:
        """Everything `kenmerken` reads of each household, to tell whether a round's input
        changed (the Huishouden is replaced when nareizigers join). `vrij`: the caller knows
        that none has a `blokkade` (the output of `zonder_blokkade`)."""
        if vrij:
            return tuple([(s.hh, s.vervolg, s.geteld, s.personen_huur, s.nodig, s.nodig_ruim, s.koppeldag, GEEN_BLOKKADE)
                          for s in lijst])
        blokkade = self.blokkade
        return tuple([(s.hh, s.vervolg, s.geteld, s.personen_huur, s.nodig, s.nodig_ruim, s.koppeldag, blokkade(s))
                      for s in lijst])

    def woningrijen(self, lijst: list[SimWoning], vandaag: int) -> tuple:
        """Everything `woningkenmerken` reads of each dwelling on this day."""
        return tuple([(w.woning, w.beschikbaar, w.beschikbaar <= vandaag, w.soort) for w in lijst])

    def woningkenmerken(self, lijst: list[SimWoning], vandaag: int, rijen: tuple | None = None) -> WoningKenmerken:
        """`rijen`: `woningrijen(lijst, vandaag)` when the caller has it; the same dwellings as in
        the last round, judged the same way (often: only the households changed), give the
        same arrays."""
        if rijen is not None and self._woningkenmerken[0] == rijen:
            return self._woningkenmerken[1]
        k = self._woningkenmerken_uit(lijst, vandaag)
        if rijen is not None:
            self._woningkenmerken = (rijen, k)
        return k

    def _woningkenmerken_uit(self, lijst: list[SimWoning], vandaag: int) -> WoningKenmerken:
        self._woningrijen_bij(lijst)
        # Once a reserved dwelling is available it is simply vacant.
        return self.w_tabel.kies([w.rij for w in lijst], vrij_tot=self.start_abs + vandaag)

    def _woningrijen_bij(self, lijst: list[SimWoning]) -> None:
        for w in lijst:
            if w.rij < 0:
                w.rij = self.w_tabel.voeg_toe(w.woning, beschikbaar=self.start_abs + w.beschikbaar, soort=w.soort)

    def registreer_plaatsing(self, s: SimHuishouden, dag_: int) -> None:
        w = s.woning.woning
        if not s.vervolg:
            h = s.hh
            # A first dwelling: its keys are a dwelling used, for everyone moving in; the persons
            # count now unless counted before (at entry into a doorstroomlocatie, with nareizigers
            # who joined them there).
            self.sleutels.append((dag_, h.personen))
            nieuw = personen_bij_sleutels(h.personen, s.geteld, s.vervolg)
            s.geteld += nieuw
            self.boek(dag_, nieuw, "plaatsing")
            gg = self.sc.grote_gezinnen
            if gg is not None and h.personen_totaal >= gg.min_personen and datum_van(self.sc, dag_) <= gg.regeling_tot:
                # Regeling Huisvesting Grote Gezinnen: the family as housed, nareizigers still
                # expected included (the size the dwelling is for).
                self.tel("grote_gezinnen_gehuisvest")
                self.tel("grote_gezinnen_bedrag", int(round(gg.bedrag(h.personen_totaal))))
            weken = (dag_ - (h.koppeldatum - self.sc.startdatum).days) / 7.0
            self.wachtweken.append(weken)
            self.personen_per_kern[w.kern] = self.personen_per_kern.get(w.kern, 0) + h.personen
            self.huishoudens_per_kern[w.kern] = self.huishoudens_per_kern.get(w.kern, 0) + 1
            kps = float("nan")
            if h.kinderen:
                kps = len(h.kinderen) / max(w.slaapkamers - volwassenkamers(h.volwassenen, h.heeft_partners), 1)
                self.kinderen_per_slaapkamer.append(kps)
            # Sharing saves at most one room: it was needed only if there is no spare room.
            ouder_kind = w.slaapkamers <= s.nodig and deelt_ouder_met_kind(h, self.beleid)
            if ouder_kind:
                self.tel("ouder_kind_kamers")
            k = s.k.hh  # the type as linked, before any nareizigers arrived
            self.plaatsingen.append(_Plaatsing(dag_, weken, w.kern, kps, ouder_kind,
                                              huishoudtype(k.volwassenen, len(k.kinderen), k.nareizigers)))


def datum_van(sc: Scenario, simdag: int) -> dt.date:
    return simdatum(sc.startdatum, simdag)
