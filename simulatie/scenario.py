"""Scenario: a TOML file that fully describes a simulated year (or any horizon).

Loaded in three steps, as Ciw does: read and fill defaults, cross-check, build an immutable
object. Every error names the file and the key, and a misspelt key gets a suggestion.
Relative paths (waitlist, dwellings) are resolved against the scenario file's folder.
A bare name (`leusden-2023`) is looked up among the bundled scenarios.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from matching.beleid import Beleid, bekende_beleiden, laad_beleid
from matching.huishoudens import Huishouden, laad_huishoudens
from matching.bestanden import Fouten, InvoerFout, InvoerFouten
from matching.validatie import melding
from matching.woningen import Woning, laad_woningen

STANDAARD = "leusden-2023"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


def halfjaar(naam: str) -> tuple[dt.date, dt.date]:
    """'2023-1' -> 1 Jan - 1 Jul 2023; '2023-2' -> 1 Jul 2023 - 1 Jan 2024."""
    try:
        jaar, helft = naam.split("-")
        jaar, helft = int(jaar), int(helft)
        if helft not in (1, 2):
            raise ValueError
    except ValueError:
        raise ValueError(f"periode '{naam}': noem een halfjaar als JJJJ-1 of JJJJ-2, of geef start en eind") from None
    return (dt.date(jaar, 1, 1), dt.date(jaar, 7, 1)) if helft == 1 else (dt.date(jaar, 7, 1), dt.date(jaar + 1, 1, 1))


class Toewijzing(_Model):
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
            raise ValueError("aanbod.woningen_per_jaar: een aantal, of [laag, hoog] met 0 <= laag <= hoog")
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


class Scenario(_Model):
    naam: str
    gemeente: str = ""
    omschrijving: str = ""
    startdatum: dt.date
    einddatum: dt.date | None = None
    seed: int = Field(default=20230101, ge=0)
    replicaties: int = Field(default=1000, ge=1, le=1_000_000)
    beleid: str = "flexibel"
    kernen: tuple[str, ...] = ("Leusden", "Achterveld")  # the first is the hoofdkern
    huishoudens: str | None = None
    woningen: str | None = None
    # Stand at the start of the first period (persons; negative = achterstand); in a re-forecast
    # in the middle of a period, the stand before the period's realisatie so far.
    stand_start: int = 0
    periode: tuple[Periode, ...]
    plan: Plan = Field(default_factory=Plan)
    toewijzing: Toewijzing = Field(default_factory=Toewijzing)
    aanbod: Aanbod = Field(default_factory=Aanbod)
    oplevering: tuple[Oplevering, ...] = ()
    renovatie: Renovatie = Field(default_factory=Renovatie)
    vraag: Vraag = Field(default_factory=Vraag)
    takecarebnb: TakeCareBNB = Field(default_factory=TakeCareBNB)
    nidos: Nidos = Field(default_factory=Nidos)
    doorstroomlocatie: Doorstroomlocatie | None = None
    voorrangsverbod: Voorrangsverbod | None = None
    taakstelling: Taakstelling = Field(default_factory=Taakstelling)
    # The regeling's counters and amounts are reported only when this table is present; an
    # [[oplevering]] with grote_gezinnen = true uses its min_personen (default 6) either way.
    grote_gezinnen: GroteGezinnen | None = None
    beleidsregels: dict[str, dict] = Field(default_factory=dict)

    @field_validator("beleidsregels")
    @classmethod
    def _beleidsnamen(cls, v: dict[str, dict]) -> dict[str, dict]:
        for naam in v:
            if not naam.strip() or any(ord(c) < 32 for c in naam):
                raise ValueError(f"beleidsnaam {naam!r}: verwacht een naam zonder regeleinden of tabs")
        return v

    @model_validator(mode="after")
    def _samenhang(self):
        """Cross-checks; every problem found is reported, each with the key it is about."""
        problemen: list[tuple[str, str]] = []
        if not self.kernen:
            raise PydanticCustomError("samenhang", "kernen: minstens één kern nodig",
                                      {"problemen": [("kernen", "kernen: minstens één kern nodig (de eerste is de "
                                                                "hoofdkern)")]})
        perioden = sorted(self.periode, key=lambda p: p.start)
        if not perioden:
            raise PydanticCustomError("samenhang", "periode: minstens één periode nodig",
                                      {"problemen": [("periode", "minstens één [[periode]] nodig")]})
        for a, b in zip(perioden, perioden[1:]):
            if b.start < a.eind:
                problemen.append(("periode", f"perioden {a.naam} en {b.naam} overlappen: {b.naam} begint op "
                                             f"{b.start}, vóór het eind van {a.naam} ({a.eind}); verwacht dat elke "
                                             "periode begint waar de vorige eindigt"))
            if b.start > a.eind:
                problemen.append(("periode", f"tussen perioden {a.naam} en {b.naam} zit een gat: {a.naam} eindigt "
                                             f"op {a.eind}, {b.naam} begint op {b.start}; verwacht dat elke periode "
                                             "begint waar de vorige eindigt"))
        eerste = perioden[0]
        if not eerste.start <= self.startdatum < eerste.eind:
            problemen.append(("startdatum", f"startdatum {self.startdatum} valt niet in de eerste periode "
                                            f"{eerste.naam} ({eerste.start} tot {eerste.eind})"))
        if eerste.realisatie and eerste.start == self.startdatum:
            problemen.append(("periode.0.realisatie", f"periode {eerste.naam}: realisatie {eerste.realisatie} vóór de "
                                                      f"startdatum, maar de periode begint op de startdatum"))
        for i, p in enumerate(perioden[1:], start=1):
            if p.realisatie:
                problemen.append((f"periode.{i}.realisatie", f"periode {p.naam}: realisatie vooraf kan alleen in "
                                                             "de eerste periode (die vóór de startdatum begint)"))
        eind = self.einddatum or perioden[-1].eind
        if eind > perioden[-1].eind or eind <= self.startdatum:
            problemen.append(("einddatum", f"einddatum {eind} moet na de startdatum ({self.startdatum}) liggen en "
                                           f"niet na het eind van de laatste periode ({perioden[-1].eind})"))
        if self.aanbod.woningen_per_jaar is None:
            if self.plan.woningen_per_jaar is None:
                problemen.append(("aanbod.woningen_per_jaar", "aanbod.woningen_per_jaar ontbreekt: hoeveel woningen "
                                  "per jaar voor statushouders (alle bronnen samen; Leusden 2023: 35)"))
            else:
                object.__setattr__(self, "aanbod", self.aanbod.model_copy(
                    update={"woningen_per_jaar": self.plan.woningen_per_jaar}))
        uit_plan = self.vraag.personen_per_woning is None and self.plan.personen_per_woning is not None
        if uit_plan:
            object.__setattr__(self, "vraag", self.vraag.model_copy(
                update={"personen_per_woning": self.plan.personen_per_woning}))
        doel = self.vraag.personen_per_woning
        if doel is not None and self.vraag.samenstelling:
            # The mix is tilted to this mean: it must lie strictly between the smallest and the
            # largest household type that has weight.
            m = [s.volwassenen + sum(s.kinderen) / 2 + sum(s.nareizigers) / 2
                 for s in self.vraag.samenstelling if s.gewicht > 0]
            if m and not min(m) < doel < max(m):
                bron = "plan.personen_per_woning" if uit_plan else "vraag.personen_per_woning"
                problemen.append((bron, f"personen_per_woning {doel:g} ligt niet tussen de kleinste ({min(m):.2f}) en "
                                        f"de grootste ({max(m):.2f}) huishoudsoort van vraag.samenstelling"))
        if self.aanbod.kern is None:
            object.__setattr__(self, "aanbod", self.aanbod.model_copy(update={"kern": {self.kernen[0]: 1.0}}))
        if any(o.kern is None for o in self.oplevering):
            object.__setattr__(self, "oplevering", tuple(o if o.kern else o.model_copy(update={"kern": self.kernen[0]})
                                                         for o in self.oplevering))
        for sleutel, kernen in (("aanbod.kern", list(self.aanbod.kern or {})),
                                *((f"oplevering.{i}.kern", [o.kern]) for i, o in enumerate(self.oplevering))):
            for k in kernen:
                if k not in self.kernen:
                    tip = difflib.get_close_matches(k, list(self.kernen), n=1)
                    problemen.append((sleutel, f"kern '{k}' staat niet in kernen ({', '.join(self.kernen)})"
                                               + (f"; bedoelt u '{tip[0]}'?" if tip else "")))
        vv = self.voorrangsverbod
        if vv is not None and vv.kamers_per_jaar > 0 and "0" not in self.aanbod.huur:
            problemen.append(("voorrangsverbod.kamers_per_jaar", "kamers onder het voorrangsverbod hebben een "
                              "huurbereik nodig: aanbod.huur mist \"0\" (0 slaapkamers)"))
        if problemen:
            raise PydanticCustomError("samenhang", "; ".join(m for _, m in problemen), {"problemen": problemen})
        object.__setattr__(self, "einddatum", eind)
        object.__setattr__(self, "periode", tuple(perioden))
        return self

    @property
    def horizon_dagen(self) -> int:
        return (self.einddatum - self.startdatum).days

    @property
    def hoofdkern(self) -> str:
        return self.kernen[0]

    @property
    def min_personen_groot(self) -> int:
        return (self.grote_gezinnen or GroteGezinnen()).min_personen

    def verplicht(self, p: Periode) -> bool:
        """The period carries a taakstelling obligation (not abolished by [taakstelling])."""
        a = self.taakstelling.afgeschaft_vanaf
        return a is None or p.start < a

    def verbod_dag(self) -> int | None:
        """Sim day from which the voorrangsverbod applies (None: no verbod in the horizon)."""
        vv = self.voorrangsverbod
        if vv is None or vv.vanaf >= self.einddatum:
            return None
        return max((vv.vanaf - self.startdatum).days, 0)


def gedateerde_delen(sc: Scenario, startwoningen: list[Woning], van: dt.date | None = None,
                     tot: dt.date | None = None) -> float:
    """Dwellings with a date inside the horizon that are parts of `woningen_per_jaar`: the start
    list's, known deliveries (by their planned date) and the expected renovations. With `van` and
    `tot`, only those dated in [van, tot) (the start list's dwellings free before the start belong
    to the first window): the parts of the total before and after a voorrangsverbod."""
    eind = min(tot or sc.einddatum, sc.einddatum)
    begin = max(van or sc.startdatum, sc.startdatum)
    if eind <= begin:
        return 0.0
    eerste = begin == sc.startdatum
    n = sum(1 for w in startwoningen if w.beschikbaar < eind and (eerste or w.beschikbaar >= begin))
    n += sum(len(o.slaapkamers) for o in sc.oplevering if begin <= o.datum < eind)
    return n + sc.renovatie.per_jaar * (eind - begin).days / 365.0


def _sleutels(model: type[BaseModel]) -> list[str]:
    uit = []
    for naam, veld in model.model_fields.items():
        uit.append(naam)
        sub = veld.annotation
        args = getattr(sub, "__args__", ())
        for s in (sub, *args):
            if isinstance(s, type) and issubclass(s, BaseModel):
                uit.extend(_sleutels(s))
    return uit


def vind_scenario(naam_of_pad: str | None) -> Path:
    if naam_of_pad is None:
        naam_of_pad = STANDAARD
    pad = Path(naam_of_pad)
    if pad.exists():
        return pad
    bundel = resources.files("huisvesting_scenarios")
    for kandidaat in (naam_of_pad, f"{naam_of_pad}.toml"):
        p = bundel.joinpath(kandidaat)
        if p.is_file():
            return Path(str(p))
    bekend = sorted(p.name.removesuffix(".toml") for p in bundel.iterdir() if p.name.endswith(".toml"))
    tip = difflib.get_close_matches(naam_of_pad, bekend, n=1)
    raise InvoerFout(naam_of_pad, "scenario niet gevonden" + (f"; bedoelt u '{tip[0]}'?" if tip else "")
                     + f" (meegeleverd: {', '.join(bekend)})")


def _model_op(loc: tuple) -> type[BaseModel] | None:
    """The model whose keys are valid at `loc` (for suggestions among sibling keys)."""
    model: type[BaseModel] | None = Scenario
    for deel in loc[:-1]:
        if isinstance(deel, int) or model is None:
            continue
        veld = model.model_fields.get(str(deel))
        if veld is None:
            return None
        kandidaten = [veld.annotation, *getattr(veld.annotation, "__args__", ())]
        model = next((k for k in kandidaten if isinstance(k, type) and issubclass(k, BaseModel)), None)
    return model


def _melding(err: dict) -> str:
    model = _model_op(err["loc"]) if err["type"] == "extra_forbidden" else None
    kandidaten = list(model.model_fields) if model is not None else []
    return melding(err, kandidaten, _sleutels(Scenario))


def _regels_per_sleutel(tekst: str) -> dict[tuple, int]:
    """Line of every key and table in a TOML text, keyed by its path as pydantic reports it
    (arrays of tables get their index). A plain scan, good enough to point at a line."""
    uit: dict[tuple, int] = {}
    tabel: tuple = ()
    tellers: dict[tuple, int] = {}

    def delen(sleutel: str) -> tuple:
        return tuple(d.strip().strip('"').strip("'") for d in re.split(r"\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", sleutel))

    for nr, regel in enumerate(tekst.splitlines(), start=1):
        r = regel.strip()
        kop = re.match(r"^\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$", r)
        if r.startswith("[["):
            naam = delen(kop.group(1) if kop else r.strip("[]"))
            i = tellers.get(naam, -1) + 1
            tellers[naam] = i
            tabel = naam + (i,)
            uit.setdefault(tabel, nr)
            uit.setdefault(naam, nr)
        elif r.startswith("["):
            naam = delen(kop.group(1) if kop else r.strip("[]"))
            # [a.b] under [[a]]: goes into the last element of a
            pad: tuple = ()
            for d in naam:
                pad = pad + (d,)
                if pad in tellers:
                    pad = pad + (tellers[pad],)
            tabel = pad
            uit.setdefault(tabel, nr)
        elif "=" in r and not r.startswith("#"):
            sleutel = r.split("=", 1)[0].strip()
            if sleutel:
                uit.setdefault(tabel + delen(sleutel), nr)
    return uit


def _regel(regels: dict[tuple, int], loc: tuple) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in regels:
            return regels[loc]
        loc = loc[:-1]
    return None


def fouten_uit_validatie(e: ValidationError, pad: Path, tekst: str = "") -> list[InvoerFout]:
    """Every problem pydantic found, in Dutch, each with its key and (where found) its line."""
    regels = _regels_per_sleutel(tekst) if tekst else {}
    uit = []
    for err in e.errors():
        loc = tuple(err["loc"])
        if err["type"] == "samenhang":
            for sleutel, melding in (err.get("ctx") or {}).get("problemen", []):
                deel = tuple(int(x) if x.isdigit() else x for x in sleutel.split("."))
                uit.append(InvoerFout(pad, melding, veld=sleutel, regel=_regel(regels, loc + deel)))
            continue
        sleutel = ".".join(str(x) for x in loc)
        uit.append(InvoerFout(pad, _melding(err), veld=sleutel or None, regel=_regel(regels, loc)))
    # In the order of the file, so the first problem reported is the first one the user meets.
    return sorted(uit, key=lambda f: f.regel if f.regel is not None else 10**9)


def _toml_fout(e: tomllib.TOMLDecodeError, pad: Path) -> InvoerFout:
    tekst = str(e)
    m = re.search(r"\(at line (\d+), column (\d+)\)", tekst)
    regel = int(m.group(1)) if m else None
    kern = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", tekst)
    vertaling = {
        "Invalid date or datetime": "datum of tijd bestaat niet of is verkeerd geschreven (verwacht 2023-01-01)",
        "Cannot overwrite a value": "sleutel staat er twee keer in",
        "Cannot declare": "tabel staat er twee keer in",
        "Expected '=' after a key in a key/value pair": "verwacht '=' na de sleutel",
        "Invalid value": "ongeldige waarde (tekst hoort tussen aanhalingstekens)",
        "Invalid statement": "ongeldige regel (verwacht sleutel = waarde of [tabel])",
        "Unclosed array": "lijst niet gesloten (']' ontbreekt)",
        "Unclosed inline table": "tabel niet gesloten ('}' ontbreekt)",
        "Unterminated string": "tekst niet gesloten (aanhalingsteken ontbreekt)",
        "Illegal character": "ongeldig teken",
    }
    if kern == "Illegal character '\\n'":
        kern, uitleg = kern, "tekst niet gesloten op deze regel (aanhalingsteken ontbreekt)"
    else:
        uitleg = next((v for k, v in vertaling.items() if kern.startswith(k)), None)
    melding = f"geen geldige TOML: {uitleg} ({kern})" if uitleg else f"geen geldige TOML: {kern}"
    return InvoerFout(pad, melding, regel=regel)


def laad_scenario(naam_of_pad: str | None = None, verzamel: bool = False,
                  zet: dict[str, object] | None = None) -> "GeladenScenario":
    """Read, validate and load a scenario. Normally the first problem raises an `InvoerFout`;
    with `verzamel=True` (`huisvesting controleer`) every problem in the scenario and its
    files is found and raised together as `InvoerFouten`. `zet` ({"aanbod.woningen_per_jaar": 40},
    `--zet`) overrides keys for this load only, set in the raw TOML before validation; problems
    with them name `--zet <key>` (see `scenario_maken`). None: those of `zet_voor_alle`, if any."""
    if zet is None:
        from .scenario_maken import actieve_zet
        zet = actieve_zet()
    if zet:
        from .scenario_maken import fouten_met_zet, zet_toe
    pad = vind_scenario(naam_of_pad)
    try:
        tekst = pad.read_text(encoding="utf-8")
        ruw = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        raise _toml_fout(e, pad) from None
    except UnicodeDecodeError:
        raise InvoerFout(pad, "geen UTF-8 tekst; sla het scenario op als UTF-8") from None
    ruw.setdefault("naam", pad.stem)
    if zet:
        ruw = zet_toe(ruw, zet, pad)
    try:
        sc = Scenario(**ruw)
    except ValidationError as e:
        fouten = fouten_uit_validatie(e, pad, tekst)
        if zet:
            fouten = fouten_met_zet(fouten, zet, pad)
        if not verzamel:
            raise fouten[0] from None
        verzameld = Fouten(verzamel=True)
        for f in fouten:
            verzameld.meld(f)
        _controleer_bestanden_ruw(ruw, pad, verzameld)
        verzameld.klaar()
        raise  # not reached: klaar() raised
    if not zet:
        return GeladenScenario(sc, pad, verzamel=verzamel, tekst=tekst)
    try:
        g = GeladenScenario(sc, pad, verzamel=verzamel, tekst=tekst)
    except (InvoerFout, InvoerFouten) as f:
        raise fouten_met_zet(f, zet, pad) from None
    g.zet = dict(zet)
    return g


def _bestaat(pad: Path, sleutel: str, naam: str, regels: dict[tuple, int]) -> bool:
    """A file the scenario names exists; if not, the error points at the scenario's key."""
    if not (pad.parent / naam).is_file():
        raise InvoerFout(pad, f"bestand '{naam}' bestaat niet (gezocht in {pad.parent}); paden zijn relatief "
                              "aan de map van het scenario", veld=sleutel, regel=_regel(regels, (sleutel,)))
    return True


def _controleer_bestanden_ruw(ruw: dict, pad: Path, fouten: Fouten) -> None:
    """The scenario itself is invalid: still check the files it names, with what can be read."""
    kernen = ruw.get("kernen")
    kernen = list(kernen) if isinstance(kernen, list) and all(isinstance(k, str) for k in kernen) \
        else list(Scenario.model_fields["kernen"].default)
    start = ruw.get("startdatum") if isinstance(ruw.get("startdatum"), dt.date) else None
    regels = _regels_per_sleutel(pad.read_text(encoding="utf-8"))
    if isinstance(ruw.get("huishoudens"), str) and \
            fouten.probeer(_bestaat, pad, "huishoudens", ruw["huishoudens"], regels) is True:
        fouten.probeer(laad_huishoudens, pad.parent / ruw["huishoudens"], kernen, verzamel=True)
    if isinstance(ruw.get("woningen"), str) and \
            fouten.probeer(_bestaat, pad, "woningen", ruw["woningen"], regels) is True:
        fouten.probeer(laad_woningen, pad.parent / ruw["woningen"], kernen, niet_voor=start, verzamel=True)


def _te_veel_delen(pad: Path, delen: float, totaal: float, sc: Scenario, regels: dict[tuple, int],
                  tabel: str = "aanbod") -> None:
    """The dated parts of the supply exceed the agreed total: one of the two is wrong."""
    if tabel == "voorrangsverbod":
        raise InvoerFout(pad, f"de woningen met een datum vanaf het voorrangsverbod ({delen:g}: startlijst, "
                              f"opleveringen, renovaties) zijn meer dan het niveau na het verbod over die tijd "
                              f"({totaal:g}); zij zijn delen van dat niveau, niet erbovenop: verhoog "
                              "voorrangsverbod.woningen_per_jaar of aandeel, of schrap een deel",
                         veld="voorrangsverbod", regel=_regel(regels, ("voorrangsverbod",)))
    raise InvoerFout(pad, f"de woningen met een datum ({delen:g}: startlijst, opleveringen, renovaties) zijn meer dan "
                          f"aanbod.woningen_per_jaar over de horizon ({totaal:g}); zij zijn delen van dat totaal, "
                          "niet erbovenop: verhoog woningen_per_jaar of schrap een deel",
                     veld="aanbod.woningen_per_jaar", regel=_regel(regels, ("aanbod", "woningen_per_jaar")))


class GeladenScenario:
    """A validated scenario with its files loaded and policies resolved."""

    def __init__(self, sc: Scenario, pad: Path, verzamel: bool = False, tekst: str | None = None):
        self.sc = sc
        self.pad = pad
        map_ = pad.parent
        fouten = Fouten(verzamel)
        self._regels = _regels_per_sleutel(tekst) if tekst else {}
        self.huishoudens: list[Huishouden] = []
        self.woningen: list[Woning] = []
        if sc.huishoudens and fouten.probeer(_bestaat, pad, "huishoudens", sc.huishoudens, self._regels) is True:
            self.huishoudens = fouten.probeer(laad_huishoudens, map_ / sc.huishoudens, list(sc.kernen),
                                              verzamel=verzamel)
        if sc.woningen and fouten.probeer(_bestaat, pad, "woningen", sc.woningen, self._regels) is True:
            self.woningen = fouten.probeer(laad_woningen, map_ / sc.woningen, list(sc.kernen),
                                           niet_voor=sc.startdatum, verzamel=verzamel)
        lijst = self.woningen if isinstance(self.woningen, list) else []
        verbod = sc.verbod_dag()
        grens = sc.startdatum + dt.timedelta(days=verbod) if verbod is not None else sc.einddatum
        delen = gedateerde_delen(sc, lijst, tot=grens)
        totaal = sc.aanbod.woningen_bereik[0] * (grens - sc.startdatum).days / 365.0
        if delen > totaal + 1e-9:
            fouten.probeer(_te_veel_delen, pad, delen, totaal, sc, self._regels)
        if verbod is not None:
            delen = gedateerde_delen(sc, lijst, van=grens)
            totaal = sc.voorrangsverbod.niveau(sc.aanbod) * (sc.einddatum - grens).days / 365.0
            if delen > totaal + 1e-9:
                fouten.probeer(_te_veel_delen, pad, delen, totaal, sc, self._regels, "voorrangsverbod")
        # Fail early on an unknown default policy; `controleer` checks every policy the scenario defines.
        for naam in dict.fromkeys([sc.beleid, *(sc.beleidsregels if verzamel else [])]):
            fouten.probeer(self.beleid, naam)
        fouten.klaar()

    def beleid(self, naam: str | None = None) -> Beleid:
        naam = naam or self.sc.beleid
        try:
            b = laad_beleid(naam, self.sc.beleidsregels, str(self.pad), kernen=self.sc.kernen)
        except InvoerFout as f:
            raise self._met_regel(f, naam) from None
        onbekend = [k for k in b.kernen if k not in self.sc.kernen]
        if onbekend:
            raise InvoerFout(self.pad, f"beleid '{b.naam}' noemt kern '{onbekend[0]}' die niet in kernen "
                                       f"({', '.join(self.sc.kernen)}) staat",
                             veld=f"beleidsregels.{b.naam}.kernen" if b.naam in self.sc.beleidsregels else "kernen",
                             regel=_regel(getattr(self, "_regels", {}), ("beleidsregels", b.naam, "kernen")))
        return b

    def _met_regel(self, f: InvoerFout, naam: str) -> InvoerFout:
        """A policy error with the line of the scenario it comes from, where that can be found."""
        regels = getattr(self, "_regels", {})
        if f.regel is not None or not regels or f.bestand != str(self.pad):
            return f
        if f.veld == "beleid":
            loc: tuple = ("beleid",) if naam == self.sc.beleid else ("beleidsregels", naam)
        elif f.veld:
            loc = ("beleidsregels", naam, *f.veld.split("."))
        else:
            loc = ("beleidsregels", naam)
        return InvoerFout(f.bestand, f.melding, f.rij, f.veld, regel=_regel(regels, loc))

    def beleiden(self) -> list[str]:
        return bekende_beleiden(self.sc.beleidsregels)
