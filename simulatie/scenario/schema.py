"""The scenario's schema: `Scenario`, a TOML file that fully describes a simulated year (or any horizon).

Defaults are filled and the parts cross-checked here; loading is in `laden`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from matching.woningen import Woning

from .onderdelen import (Aanbod, Doorstroomlocatie, GroteGezinnen, Nidos, Oplevering, Periode, Plan, Renovatie,
                         Taakstelling, TakeCareBNB, ToewijzingInstellingen, Voorrangsverbod, Vraag, _Model)


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
    toewijzing: ToewijzingInstellingen = Field(default_factory=ToewijzingInstellingen)
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
