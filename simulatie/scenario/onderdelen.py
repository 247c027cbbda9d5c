"""The parts of a scenario's schema: periods, supply, demand, the processes and the rules by date.

Each part is a pydantic model that refuses unknown keys; `schema.Scenario` puts them together.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..kalender import halfjaar


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Periode(_Model):
    naam: str
    start: dt.date | None = None  # default: half-years 1 jan / 1 jul from the name
    eind: dt.date | None = None
    taakstelling: int = Field(ge=0, le=100_000)
    extra_opgave: int = Field(default=0, ge=0, le=100_000)
    # Persons already housed in this period before the scenario's startdatum (a re-forecast in
    # the middle of a period): the period's realisatie is this plus what the simulation adds.
    realisatie: int = Field(default=0, ge=0, le=100_000)

    @model_validator(mode="after")
    def _data(self):
        if self.start is None or self.eind is None:
            start, eind = halfjaar(self.naam)
            object.__setattr__(self, "start", self.start or start)
            object.__setattr__(self, "eind", self.eind or eind)
        if self.eind <= self.start:
            raise ValueError(f"periode {self.naam}: eind ligt niet na start")
        return self


class ToewijzingInstellingen(_Model):
    """The simulation's [toewijzing] settings (rounds, moving, solver); not matching.Toewijzing,
    which is one household placed in one dwelling."""
    ronde_dagen: int = Field(default=7, ge=1, le=92)  # weekly allocation rounds
    ronde_bij_vacature: bool = False  # also a round as soon as a dwelling enters the pool
    verhuis_dagen: int = Field(default=14, ge=0, le=120)  # offer accepted -> keys (coa.nl: 2 weeks)
    max_leegstand_dagen: int = Field(default=28, ge=0, le=365)  # then WSL lets it regularly
    norm_weken: int = Field(default=12, ge=1, le=104)  # COA norm: 10 weeks search + 2 move
    oplosser: Literal["auto", "stroom", "scipy", "cpsat"] = "auto"


class Wijziging(_Model):
    vanaf: dt.date
    factor: float = Field(ge=0, le=10)


class Aanbod(_Model):
    """Dwellings for statushouders, in the terms the corporation and gemeente agree on.

    `woningen_per_jaar` is the total from all sources together (Leusden 2023: 35 of WSL's 200).
    Dwellings with a date (the start list's, [[oplevering]], renovations) are parts of it; the
    remainder arrives as re-lets. Never on top. Under a [voorrangsverbod] the total after its date
    is the verbod's level, with the dated parts after that date in it; the rooms that keep
    priority for a year are a separate supply beside it (they exist only through that priority)."""
    # A range is drawn uniformly per replication. Default: the plan's woningen_per_jaar.
    woningen_per_jaar: float | tuple[float, float] | None = None
    # All social re-lets of the corporation(s) a year; only used for the replacement of a dwelling
    # that no statushouder fits and for a voorrangsverbod given as a share. Default: 10 x
    # woningen_per_jaar ([publiek] about 10% of social re-lets go to statushouders).
    vacatures_per_jaar: float | None = Field(default=None, gt=0, le=1_000_000)
    # The agreement is a number of dwellings, not a list of addresses: a dwelling nobody on the
    # list fits goes back to regular letting and the corporation offers its next re-let instead.
    vervangen: bool = True
    wijzigingen: tuple[Wijziging, ...] = ()  # re-let rate x factor from a date (fewer moves after summer 2021)
    aangekondigd_aandeel: float = Field(default=0.3, ge=0, le=1)  # tenants who announce leaving
    aankondiging_dagen: tuple[int, int] = (30, 90)
    slaapkamers: dict[str, float] = Field(default_factory=lambda: {
        "0": 0.04, "1": 0.2, "2": 0.36, "3": 0.3, "4": 0.08, "5": 0.02})
    kern: dict[str, float] | None = None  # default: all of it in the hoofdkern (first of kernen)
    huur: dict[str, tuple[float, float]] = Field(default_factory=lambda: {
        "0": (420, 500), "1": (460, 620), "2": (560, 690), "3": (600, 720), "4": (640, 760), "5": (650, 780)})
    toegankelijk_aandeel: float = Field(default=0.1, ge=0, le=1)

    @field_validator("woningen_per_jaar")
    @classmethod
    def _bereik(cls, v):
        if v is None:
            return v
        lo, hi = (v, v) if isinstance(v, (int, float)) else v
        if not 0 <= lo <= hi <= 100_000:
            raise ValueError("verwacht een aantal, of [laag, hoog] met 0 <= laag <= hoog")
        return v

    @property
    def woningen_bereik(self) -> tuple[float, float]:
        v = self.woningen_per_jaar
        return (float(v), float(v)) if isinstance(v, (int, float)) else (float(v[0]), float(v[1]))

    @property
    def alle_vacatures_per_jaar(self) -> float:
        if self.vacatures_per_jaar is not None:
            return self.vacatures_per_jaar
        return max(10 * sum(self.woningen_bereik) / 2, 1.0)

    @model_validator(mode="after")
    def _verdelingen(self):
        for naam in ("slaapkamers", "kern"):
            d = getattr(self, naam)
            if d is None:
                continue
            if not d or any(v < 0 for v in d.values()) or sum(d.values()) <= 0:
                raise ValueError(f"aanbod.{naam}: kansen moeten niet-negatief zijn en niet alle 0")
        for k in self.slaapkamers:
            if not k.isdigit():
                raise ValueError(f"aanbod.slaapkamers: '{k}' is geen aantal slaapkamers")
            if k not in self.huur:
                raise ValueError(f"aanbod.huur mist een huurbereik voor {k} slaapkamers")
        return self


class Plan(_Model):
    """The figures the gemeente's own plan states; the output sets the simulation beside them."""
    bron: str = ""
    woningen_per_jaar: float | None = Field(default=None, ge=0, le=100_000)
    personen_per_woning: float | None = Field(default=None, ge=1, le=15)
    taakstelling: int | None = Field(default=None, ge=0, le=1_000_000)  # over the scenario's periods


class Oplevering(_Model):
    """New-build or renovated dwellings for statushouders delivered on a known date."""
    datum: dt.date
    soort: Literal["nieuwbouw", "renovatie"] = "nieuwbouw"
    slaapkamers: tuple[int, ...]
    kern: str | None = None  # default: the hoofdkern
    huur: float = Field(default=650.0, gt=0)
    toegankelijk: bool = False
    vertraging_dagen: tuple[int, int] = (0, 0)  # building delays, drawn per replication
    # Built or adapted under the Regeling Huisvesting Grote Gezinnen: only for households of at
    # least [grote_gezinnen] min_personen persons (a hard rule of the matching engine).
    grote_gezinnen: bool = False


class Renovatie(_Model):
    """Renovation of ~20-year-old rentals that adds a bedroom, reserved for statushouders."""
    per_jaar: float = Field(default=0.0, ge=0, le=1000)
    doorloop_dagen: int = Field(default=120, ge=0, le=730)  # known (reservable) this long ahead
    slaapkamers_na: tuple[int, ...] = (3, 4)


class Samenstelling(_Model):
    naam: str
    gewicht: float = Field(ge=0)
    volwassenen: int = Field(ge=1, le=10)
    kinderen: tuple[int, int] = (0, 0)
    nareizigers: tuple[int, int] = (0, 0)


class Vraag(_Model):
    """COA links households as it works: so that the persons on the start list plus those linked
    during the horizon cover the totaalopgave (taakstelling - stand), times koppeling_factor."""
    koppeling_factor: float = Field(default=1.0, ge=0, le=10)
    extra_opgave_meetellen: bool = False  # also link for the extra opgave
    # [publiek] COA must have linked enough persons by 1 April / 1 October: a period's koppelingen
    # fall in its first months.
    koppelen_binnen_maanden: int = Field(default=3, ge=1, le=12)
    # The plan's persons per dwelling: the mix is tilted to this mean (persons incl. nareizigers).
    personen_per_woning: float | None = Field(default=None, ge=1, le=15)
    max_wachtlijst: int = Field(default=10_000, ge=0)  # COA links only while the list is shorter
    weigering_kans: float = Field(default=0.01, ge=0, le=1)  # ~1% refuse the single offer
    nareizigers_vertraging_dagen: tuple[int, int] = (90, 365)
    # Oct 2022 - end 2023: the family's entry visa only once the household has a dwelling that
    # fits the whole family, or after 15 months. Then they travel within visum_reis_dagen.
    visum_na_passende_woning: bool = False
    visum_uiterlijk_dagen: int = Field(default=456, ge=0, le=1000)
    visum_reis_dagen: tuple[int, int] = (14, 90)
    # [publiek] Feb 2023: the Raad van State struck the visa rule down and ~1,200 delayed visas
    # were issued at once. On this date every nareiziger still waiting for a visa gets it (then
    # travels visum_reis_dagen); households linked on or after it are no longer under the rule.
    visum_vrijgave: dt.date | None = None
    buitenland_aandeel: float = Field(default=0.0, ge=0, le=1)  # linked but not yet in NL
    buitenland_vertraging_dagen: tuple[int, int] = (60, 365)
    voorkeur_achterveld: float = Field(default=0.0, ge=0, le=1)  # prefer the second kern
    toegankelijk_aandeel: float = Field(default=0.03, ge=0, le=1)
    samenstelling: tuple[Samenstelling, ...] = ()


class TakeCareBNB(_Model):
    gastgezinnen: int = Field(default=0, ge=0, le=10_000)
    kans: float = Field(default=0.0, ge=0, le=1)  # share of linked 1-2 person households offered a stay
    verblijf_dagen: tuple[int, int] = (90, 180)


class AMVGroep(_Model):
    leeftijden: tuple[int, ...]
    kso_sinds: dt.date
    uitstroom_leeftijd: int = Field(default=18, ge=15, le=21)


class Nidos(_Model):
    groepen: tuple[AMVGroep, ...] = ()
    signaal_dagen: int = Field(default=182, ge=0, le=730)  # Nidos signals 6 months ahead
    telt_vanaf_leeftijd: int = Field(default=15, ge=0, le=18)  # 15+ count at KSO move-in


class Doorstroomlocatie(_Model):
    """[publiek] Doorstroomlocaties (since March 2024): a household linked to the gemeente stays
    at most a year in a regional location and then moves to a dwelling in the gemeente. Its
    persons count for the taakstelling when they enter, wherever the location is; getting the
    dwelling later does not count them again. They stay on the waitlist meanwhile."""
    vanaf: dt.date
    # Places in PERSONS (the national cap of 8,500 places and the fee of 60 euro per person per
    # day are per person): a household enters only if all its present members fit.
    plaatsen: int = Field(ge=0, le=100_000)
    verblijf_maanden: int = Field(default=12, ge=1, le=60)
    # Share of the households COA links (status COA, not a TakeCareBNB guest) that go there while
    # places are free; drawn per household in the world (stream "doorstroom").
    kans: float = Field(default=1.0, ge=0, le=1)


class Voorrangsverbod(_Model):
    """Bill 36831: no priority in social-housing allocation for being a statushouder from `vanaf`.
    The supply after that date is a level without priority: `woningen_per_jaar` (all sources, the
    dated parts after `vanaf` in it) or `aandeel` of the corporation's vacatures_per_jaar; exactly
    one. The agreement ends, so a dwelling that goes back to regular letting is no longer
    replaced. Rooms and shared housing keep priority for `kamers_maanden`: a separate supply."""
    vanaf: dt.date
    woningen_per_jaar: float | None = Field(default=None, ge=0, le=100_000)
    aandeel: float | None = Field(default=None, ge=0, le=1)
    kamers_per_jaar: float = Field(default=0.0, ge=0, le=10_000)
    kamers_maanden: int = Field(default=12, ge=0, le=120)

    @model_validator(mode="after")
    def _een_van_beide(self):
        if (self.woningen_per_jaar is None) == (self.aandeel is None):
            raise ValueError("voorrangsverbod: geef woningen_per_jaar (het niveau na het verbod, alle bronnen) "
                             "of aandeel (van aanbod.vacatures_per_jaar), precies één van beide")
        return self

    def niveau(self, aanbod: Aanbod) -> float:
        """Dwellings a year for statushouders after the verbod (all sources, rooms not included)."""
        if self.woningen_per_jaar is not None:
            return float(self.woningen_per_jaar)
        return float(self.aandeel) * aanbod.alle_vacatures_per_jaar


class Taakstelling(_Model):
    # The cabinet's intention (July 2025): periods that start on or after this date carry no
    # obligation. Flows are still simulated and realisatie reported, without a stand or a chance
    # of meeting it; COA is assumed to keep linking at the period's stated taakstelling, which
    # then reads as the expected inflow.
    afgeschaft_vanaf: dt.date | None = None


class GroteGezinnen(_Model):
    """[publiek] Regeling Huisvesting Grote Gezinnen Vergunninghouders: for households of 6+
    persons, application window until 15-10-2026."""
    min_personen: int = Field(default=6, ge=2, le=20)
    regeling_tot: dt.date = dt.date(2026, 10, 15)
    # Amount per family from this many persons on (the largest key not above the family's size).
    # [publiek] 35,000 euro for 7-9 persons, 50,000 for 10+; 6 persons: aanname 35,000 (the 2024
    # regeling widened the household from 7+ to 6+; no separate amount for 6 was found).
    bedragen: dict[str, float] = Field(default_factory=lambda: {"6": 35_000.0, "7": 35_000.0, "10": 50_000.0})

    @field_validator("bedragen")
    @classmethod
    def _klassen(cls, v):
        if any(not k.isdigit() for k in v) or any(b < 0 for b in v.values()):
            raise ValueError("grote_gezinnen.bedragen: sleutels zijn aantallen personen (\"7\"), bedragen niet negatief")
        return v

    def bedrag(self, personen: int) -> float:
        klassen = [int(k) for k in self.bedragen if int(k) <= personen]
        return float(self.bedragen[str(max(klassen))]) if klassen and personen >= self.min_personen else 0.0
