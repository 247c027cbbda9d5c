"""The province's table as data: periods, one immutable row per gemeente, the Totaal row.

Sign convention (one place, used everywhere): `achterstand` is stored as the province writes
it: POSITIVE = shortfall, negative = lead. The domain's `stand` is its opposite: stand =
-achterstand. totaalopgave = taakstelling + achterstand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..kalender import halfjaar, halfjaar_bij_peildatum, totaalopgave



# Fields of the table model, in the province's column order.
GETALVELDEN = ("achterstand", "taakstelling", "totaalopgave", "extra_opgave", "totaalopgave_extra",
               "realisatie", "gereserveerde_woningen", "gereserveerde_personen")
# The province's own prognose columns: read only to compare with our reproduction.
PROVINCIE_PROGNOSE = ("prognose", "prognose_pct", "prognose_pct_extra")
VELDEN = ("gemeente", "trede", *GETALVELDEN, *PROVINCIE_PROGNOSE)
KERN = ("achterstand", "taakstelling", "realisatie")  # a row with numbers has all three

MAX_PERSONEN = 1_000_000


# ---------------------------------------------------------------- period

@dataclass(frozen=True, slots=True)
class TabelPeriode:
    """A half-year and the peildatum within it. `dagen_verstreken` follows the province:
    whole days from the period's start up to (not including) the peildatum, so "realisatie
    tot 10 november 2022" covers 1 Jul .. 9 Nov = 132 days of 184 (seed: 31 x 184/132 = 43)."""

    naam: str
    start: dt.date
    eind: dt.date  # exclusive: 2022-2 runs 1 Jul 2022 up to 1 Jan 2023
    peildatum: dt.date

    @property
    def dagen(self) -> int:
        return (self.eind - self.start).days

    @property
    def dagen_verstreken(self) -> int:
        return (self.peildatum - self.start).days

    @property
    def dagen_resterend(self) -> int:
        return self.dagen - self.dagen_verstreken


def periode_bij_peildatum(peildatum: dt.date) -> TabelPeriode:
    """The half-year a peildatum reports on (`kalender.halfjaar_bij_peildatum`)."""
    naam = halfjaar_bij_peildatum(peildatum)
    start, eind = halfjaar(naam)
    return TabelPeriode(naam, start, eind, peildatum)


# ---------------------------------------------------------------- the table model

@dataclass(frozen=True, slots=True)
class Kolom:
    kop: str                 # header text as the file has it (line breaks kept)
    veld: str | None         # field it maps to; None = kept as text (contact, opmerkingen)
    teken: int = 1           # achterstand = teken x value (see module docstring)
    groep: str = ""          # merged group header above it ("Contact tussen provincie en gemeente")


@dataclass(frozen=True, slots=True)
class GemeenteRij:
    gemeente: str
    rij: int                                 # row number as the user sees it (0 = computed)
    trede: int | None = None
    achterstand: int | None = None           # positive = shortfall (province convention)
    taakstelling: int | None = None
    extra_opgave: int = 0
    realisatie: int | None = None            # persons housed from period start to peildatum
    gereserveerde_woningen: int = 0          # reserved, expected to move in before period end
    gereserveerde_personen: int = 0
    totaal: bool = False
    tekst: tuple[tuple[str, str], ...] = ()  # passthrough columns (kop, waarde)
    provincie: tuple[tuple[str, str], ...] = ()  # the province's own prognose cells, as text

    @property
    def heeft_cijfers(self) -> bool:
        return self.realisatie is not None

    @property
    def stand(self) -> int | None:
        """The domain's stand at the period's start: negative = achterstand."""
        return None if self.achterstand is None else -self.achterstand

    @property
    def totaalopgave(self) -> int | None:
        if self.taakstelling is None or self.achterstand is None:
            return None
        return totaalopgave(self.taakstelling, self.stand)

    @property
    def totaalopgave_extra(self) -> int | None:
        t = self.totaalopgave
        return None if t is None else t + self.extra_opgave


@dataclass(frozen=True)
class ProvincieTabel:
    bestand: str
    periode: TabelPeriode
    kolommen: tuple[Kolom, ...]
    gemeenten: tuple[GemeenteRij, ...]
    totaal: GemeenteRij | None
    totaal_berekend: bool           # True: summed from the gemeenten; False: the file's row
    titel: str = ""
    meldingen: tuple[str, ...] = ()  # warnings for the user (not errors)

    @property
    def rijen(self) -> tuple[GemeenteRij, ...]:
        return self.gemeenten + ((self.totaal,) if self.totaal else ())

    def kop(self, veld: str) -> str | None:
        for k in self.kolommen:
            if k.veld == veld:
                return k.kop
        return None


def bereken_totaal(gemeenten: list[GemeenteRij] | tuple[GemeenteRij, ...]) -> GemeenteRij:
    """The Totaal row as the sum of gemeenten that all have numbers."""
    def som(veld):
        return sum(getattr(r, veld) for r in gemeenten)
    return GemeenteRij(gemeente="Totaal", rij=0, trede=None, achterstand=som("achterstand"),
                       taakstelling=som("taakstelling"), extra_opgave=som("extra_opgave"),
                       realisatie=som("realisatie"), gereserveerde_woningen=som("gereserveerde_woningen"),
                       gereserveerde_personen=som("gereserveerde_personen"), totaal=True)


def maak_tabel(gemeenten: list[GemeenteRij], periode: TabelPeriode, bestand: str = "<tabel>",
               totaal: GemeenteRij | None = None, kolommen: tuple[Kolom, ...] = (),
               titel: str = "", meldingen: list[str] | None = None) -> ProvincieTabel:
    """Assemble a table; where every gemeente has numbers the Totaal row is computed from them
    (and a given Totaal row that differs is reported, not used)."""
    meldingen = list(meldingen or [])
    if gemeenten and all(r.heeft_cijfers for r in gemeenten):
        berekend = bereken_totaal(gemeenten)
        if totaal is not None and totaal.heeft_cijfers:
            for veld in ("achterstand", "taakstelling", "extra_opgave", "realisatie"):
                gegeven, som = getattr(totaal, veld), getattr(berekend, veld)
                if gegeven != som:
                    meldingen.append(f"Totaal-rij (rij {totaal.rij}): {veld} {gegeven} wijkt af van de som "
                                     f"van de gemeenten ({som}); de som is gebruikt")
        totaal_rij = replace(berekend, tekst=totaal.tekst if totaal else ())
        return ProvincieTabel(bestand, periode, tuple(kolommen), tuple(gemeenten), totaal_rij, True,
                              titel, tuple(meldingen))
    if totaal is None and gemeenten:
        zonder = sum(1 for r in gemeenten if not r.heeft_cijfers)
        meldingen.append(f"geen Totaal-rij: {zonder} van de {len(gemeenten)} gemeenten hebben geen cijfers")
    return ProvincieTabel(bestand, periode, tuple(kolommen), tuple(gemeenten), totaal, False, titel,
                          tuple(meldingen))
