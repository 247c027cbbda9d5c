"""The stand from the register: realisatie so far per period (the simulation's counting rule
and calendar), the stand rule, and the pipeline of reserved dwellings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulatie.kalender import periodegrenzen, simdag, totaalopgave, volgende_stand
from simulatie.telling import per_periode

from .staat import Staat


@dataclass(frozen=True)
class PeriodeStand:
    naam: str
    start: dt.date
    eind: dt.date
    taakstelling: int
    stand_start: int
    realisatie: int          # persons booked from the period's start up to the peildatum (not on it)

    @property
    def totaalopgave(self) -> int:
        return totaalopgave(self.taakstelling, self.stand_start)


@dataclass(frozen=True)
class Reservering:
    woning: str
    huishouden: str
    personen: int
    sleuteldatum: dt.date    # expected: the accepted key date, or for an open offer the dwelling's date
    status: str              # geaccepteerd, aangeboden


@dataclass(frozen=True)
class RegisterStand:
    gemeente: str
    peildatum: dt.date
    perioden: list[PeriodeStand]
    pijplijn: list[Reservering]
    wachtend: int            # households on the list at the peildatum
    per_bron: dict[str, int]

    def periode(self, naam: str) -> PeriodeStand | None:
        return next((p for p in self.perioden if p.naam == naam), None)


def realisatie_per_periode(staat: Staat, sc, peildatum: dt.date) -> list[int]:
    """Persons per scenario period booked before `peildatum`, with the scenario's realisatie
    before its startdatum in the first period (as the simulation adds it)."""
    grenzen = periodegrenzen(sc.startdatum, sc.periode)
    real = per_periode(((simdag(sc.startdatum, b.datum), b.personen) for b in staat.boekingen), grenzen,
                       simdag(sc.startdatum, peildatum))
    real[0] += sc.periode[0].realisatie
    return real


def bereken_stand(staat: Staat, sc, peildatum: dt.date) -> RegisterStand:
    real = realisatie_per_periode(staat, sc, peildatum)
    perioden, stand = [], sc.stand_start
    for p, r in zip(sc.periode, real):
        perioden.append(PeriodeStand(p.naam, p.start, p.eind, p.taakstelling, stand, r))
        stand = volgende_stand(stand, r, p.taakstelling)
    pijplijn = []
    for h, s in sorted(staat.huishoudens.items()):
        if s.aanbod is not None:
            w = staat.woningen.get(s.aanbod[0])
            verwacht = max(w.beschikbaar, peildatum) if w else peildatum
            pijplijn.append(Reservering(s.aanbod[0], h, s.personen_op(verwacht), verwacht, "aangeboden"))
        elif s.sleuteldatum is not None and s.sleuteldatum >= peildatum and not s.verhuizing:
            pijplijn.append(Reservering(s.woning, h, s.personen_op(s.sleuteldatum), s.sleuteldatum, "geaccepteerd"))
    pijplijn.sort(key=lambda r: (r.sleuteldatum, r.woning))
    per_bron: dict[str, int] = {}
    for b in staat.boekingen:
        if b.datum < peildatum:
            per_bron[b.bron] = per_bron.get(b.bron, 0) + b.personen
    return RegisterStand(sc.gemeente or sc.naam, peildatum, perioden, pijplijn, len(staat.wachtlijst(peildatum)),
                         dict(sorted(per_bron.items())))
