"""Scenario: a TOML file that fully describes a simulated year (or any horizon).

Loaded in three steps, as Ciw does: read and fill defaults, cross-check, build an immutable
object. Every error names the file and the key, and a misspelt key gets a suggestion.
Relative paths (waitlist, dwellings) are resolved against the scenario file's folder.
A bare name (`leusden-2023`) is looked up among the bundled scenarios.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from matching.beleid import Beleid, bekende_beleiden, laad_beleid
from matching.huishoudens import Huishouden, laad_huishoudens
from matching.invoer import InvoerFout
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
    verhuis_dagen: int = Field(default=14, ge=0, le=120)  # offer accepted -> keys (coa.nl: 2 weeks)
    max_leegstand_dagen: int = Field(default=28, ge=0, le=365)  # then WSL lets it regularly
    norm_weken: int = Field(default=12, ge=1, le=104)  # COA norm: 10 weeks search + 2 move
    oplosser: Literal["auto", "stroom", "scipy", "cpsat"] = "auto"


class Wijziging(_Model):
    vanaf: dt.date
    factor: float = Field(ge=0, le=10)


class Aanbod(_Model):
    vacatures_per_jaar: tuple[float, float] = (160, 200)  # drawn uniformly per replication
    aandeel_statushouders: float = Field(default=0.175, ge=0, le=1)  # 35 of 200 (2023 plan)
    wijzigingen: tuple[Wijziging, ...] = ()  # e.g. fewer moves after summer 2021
    aangekondigd_aandeel: float = Field(default=0.3, ge=0, le=1)  # tenants who announce leaving
    aankondiging_dagen: tuple[int, int] = (30, 90)
    slaapkamers: dict[str, float] = Field(default_factory=lambda: {
        "0": 0.04, "1": 0.2, "2": 0.36, "3": 0.3, "4": 0.08, "5": 0.02})
    kern: dict[str, float] = Field(default_factory=lambda: {"Leusden": 0.92, "Achterveld": 0.08})
    huur: dict[str, tuple[float, float]] = Field(default_factory=lambda: {
        "0": (420, 500), "1": (460, 620), "2": (560, 690), "3": (600, 720), "4": (640, 760), "5": (650, 780)})
    toegankelijk_aandeel: float = Field(default=0.1, ge=0, le=1)

    @model_validator(mode="after")
    def _verdelingen(self):
        for naam in ("slaapkamers", "kern"):
            d = getattr(self, naam)
            if not d or any(v < 0 for v in d.values()) or sum(d.values()) <= 0:
                raise ValueError(f"aanbod.{naam}: kansen moeten niet-negatief zijn en niet alle 0")
        for k in self.slaapkamers:
            if not k.isdigit():
                raise ValueError(f"aanbod.slaapkamers: '{k}' is geen aantal slaapkamers")
            if k not in self.huur:
                raise ValueError(f"aanbod.huur mist een huurbereik voor {k} slaapkamers")
        lo, hi = self.vacatures_per_jaar
        if not 0 <= lo <= hi:
            raise ValueError("aanbod.vacatures_per_jaar: [laag, hoog] met 0 <= laag <= hoog")
        return self


class Oplevering(_Model):
    """New-build or renovated dwellings for statushouders delivered on a known date."""
    datum: dt.date
    soort: Literal["nieuwbouw", "renovatie"] = "nieuwbouw"
    slaapkamers: tuple[int, ...]
    kern: str = "Leusden"
    huur: float = Field(default=650.0, gt=0)
    toegankelijk: bool = False
    vertraging_dagen: tuple[int, int] = (0, 0)  # building delays, drawn per replication


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
    koppeling_factor: float = Field(default=1.0, ge=0, le=10)  # linked persons / taakstelling
    max_wachtlijst: int = Field(default=10_000, ge=0)  # COA links only while the list is shorter
    weigering_kans: float = Field(default=0.01, ge=0, le=1)  # ~1% refuse the single offer
    nareizigers_vertraging_dagen: tuple[int, int] = (90, 365)
    buitenland_aandeel: float = Field(default=0.0, ge=0, le=1)  # linked but not yet in NL
    buitenland_vertraging_dagen: tuple[int, int] = (60, 365)
    voorkeur_achterveld: float = Field(default=0.0, ge=0, le=1)
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


class Scenario(_Model):
    naam: str
    gemeente: str = ""
    omschrijving: str = ""
    startdatum: dt.date
    einddatum: dt.date | None = None
    seed: int = Field(default=20230101, ge=0)
    replicaties: int = Field(default=1000, ge=1, le=1_000_000)
    beleid: str = "flexibel"
    kernen: tuple[str, ...] = ("Leusden", "Achterveld")
    huishoudens: str | None = None
    woningen: str | None = None
    stand_start: int = 0
    periode: tuple[Periode, ...]
    toewijzing: Toewijzing = Field(default_factory=Toewijzing)
    aanbod: Aanbod = Field(default_factory=Aanbod)
    oplevering: tuple[Oplevering, ...] = ()
    renovatie: Renovatie = Field(default_factory=Renovatie)
    vraag: Vraag = Field(default_factory=Vraag)
    takecarebnb: TakeCareBNB = Field(default_factory=TakeCareBNB)
    nidos: Nidos = Field(default_factory=Nidos)
    beleidsregels: dict[str, dict] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _samenhang(self):
        perioden = sorted(self.periode, key=lambda p: p.start)
        if not perioden:
            raise ValueError("periode: minstens één periode nodig")
        for a, b in zip(perioden, perioden[1:]):
            if b.start < a.eind:
                raise ValueError(f"perioden {a.naam} en {b.naam} overlappen")
            if b.start > a.eind:
                raise ValueError(f"tussen perioden {a.naam} en {b.naam} zit een gat")
        if perioden[0].start != self.startdatum:
            raise ValueError(f"startdatum {self.startdatum} valt niet samen met de start van {perioden[0].naam}")
        eind = self.einddatum or perioden[-1].eind
        if eind > perioden[-1].eind or eind <= self.startdatum:
            raise ValueError("einddatum moet na de startdatum liggen en binnen de laatste periode")
        object.__setattr__(self, "einddatum", eind)
        object.__setattr__(self, "periode", tuple(perioden))
        onbekend = [k for k in list(self.aanbod.kern) + [o.kern for o in self.oplevering] if k not in self.kernen]
        if onbekend:
            raise ValueError(f"kern '{onbekend[0]}' staat niet in kernen ({', '.join(self.kernen)})")
        return self

    @property
    def horizon_dagen(self) -> int:
        return (self.einddatum - self.startdatum).days


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


def laad_scenario(naam_of_pad: str | None = None) -> "GeladenScenario":
    pad = vind_scenario(naam_of_pad)
    try:
        ruw = tomllib.loads(pad.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise InvoerFout(pad, f"geen geldige TOML: {e}") from None
    except UnicodeDecodeError:
        raise InvoerFout(pad, "geen UTF-8 tekst") from None
    ruw.setdefault("naam", pad.stem)
    try:
        sc = Scenario(**ruw)
    except ValidationError as e:
        err = e.errors()[0]
        sleutel = ".".join(str(x) for x in err["loc"])
        if err["type"] == "extra_forbidden":
            tip = difflib.get_close_matches(str(err["loc"][-1]), _sleutels(Scenario), n=1)
            melding = f"onbekende sleutel '{err['loc'][-1]}'" + (f"; bedoelt u '{tip[0]}'?" if tip else "")
        elif err["type"] == "missing":
            melding = f"sleutel '{err['loc'][-1]}' ontbreekt"
        else:
            melding = f"{err['msg'].removeprefix('Value error, ')}"
            if err.get("input") is not None and not isinstance(err["input"], (dict, list)):
                melding += f" (gegeven: {err['input']!r})"
        raise InvoerFout(pad, melding, veld=sleutel or None) from None
    return GeladenScenario(sc, pad)


class GeladenScenario:
    """A validated scenario with its files loaded and policies resolved."""

    def __init__(self, sc: Scenario, pad: Path):
        self.sc = sc
        self.pad = pad
        map_ = pad.parent
        self.huishoudens: list[Huishouden] = (
            laad_huishoudens(map_ / sc.huishoudens, list(sc.kernen)) if sc.huishoudens else [])
        self.woningen: list[Woning] = (
            laad_woningen(map_ / sc.woningen, list(sc.kernen), niet_voor=sc.startdatum) if sc.woningen else [])
        self.beleid(sc.beleid)  # fail early on an unknown default policy

    def beleid(self, naam: str | None = None) -> Beleid:
        b = laad_beleid(naam or self.sc.beleid, self.sc.beleidsregels, str(self.pad))
        onbekend = [k for k in b.kernen if k not in self.sc.kernen]
        if onbekend:
            raise InvoerFout(self.pad, f"beleid '{b.naam}' noemt kern '{onbekend[0]}' die niet in kernen staat",
                             veld="kernen")
        return b

    def beleiden(self) -> list[str]:
        return bekende_beleiden(self.sc.beleidsregels)
