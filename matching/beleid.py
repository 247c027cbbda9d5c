"""Beleid: a named set of occupancy-rule parameters, loaded from TOML and validated.

The presets `strikt` and `flexibel` live in `beleid.toml` beside this module; a scenario can
override any key (`[beleidsregels.flexibel]`) or add a policy (`[beleidsregels.eigen]` with
`basis = "strikt"`). Validation errors name the key and suggest the right spelling.
"""

from __future__ import annotations

import difflib
import tomllib
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .bestanden import InvoerFout
from .validatie import melding, per_veld
from .woningen import SOORTEN



class Regel(StrEnum):
    """The code of a hard rule: what a refusal is explained by (`uitleg.BEZWAAR_TEKST`) and what a
    policy orders (`regels`). Equal to the string it always was, so outputs do not change."""
    NOG_NIET_IN_NEDERLAND = "nog_niet_in_nederland"
    WACHT_OP_NAREIZIGERS = "wacht_op_nareizigers"
    SOORT_NIET_AANGEBODEN = "soort_niet_aangeboden"
    NOG_NIET_BESCHIKBAAR = "nog_niet_beschikbaar"
    KERN_NIET_TOEGESTAAN = "kern_niet_toegestaan"
    NIET_TOEGANKELIJK = "niet_toegankelijk"
    TE_WEINIG_SLAAPKAMERS = "te_weinig_slaapkamers"
    TE_VEEL_SLAAPKAMERS = "te_veel_slaapkamers"
    HUUR_BOVEN_AFTOPPINGSGRENS = "huur_boven_aftoppingsgrens"
    ALLEEN_GROTE_GEZINNEN = "alleen_grote_gezinnen"


# In this order an index stands for a rule (`regels.eerste_bezwaar`).
REGELCODES = tuple(Regel)
DOELEN = ("personen", "wachttijd", "beschikbaarheid", "passing", "voorkeur")
GEEN_BELEID = {"aftoppingsgrenzen", "regelgroepen"}  # tables in beleid.toml that are not policies


class Doel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    volgorde: tuple[Literal["personen", "wachttijd", "beschikbaarheid", "passing", "voorkeur"], ...] = DOELEN
    lexicografisch: bool = True
    gewichten: dict[Literal["personen", "wachttijd", "beschikbaarheid", "passing", "voorkeur"], int] = Field(
        default_factory=lambda: {"personen": 1000, "wachttijd": 1, "beschikbaarheid": 1, "passing": 10, "voorkeur": 5})

    @model_validator(mode="after")
    def _volledig(self):
        if sorted(self.volgorde) != sorted(DOELEN):
            raise ValueError(f"volgorde moet elk doel één keer noemen: {', '.join(DOELEN)}")
        if any(g < 0 for g in self.gewichten.values()):
            raise ValueError("gewichten mogen niet negatief zijn")
        return self


def _bedrag(x: float) -> str:
    return f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


class Grens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    laag: float = Field(gt=0)
    hoog: float = Field(gt=0)


class Beleid(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    naam: str
    omschrijving: str = ""
    kinderen_per_kamer: int = Field(ge=1, le=6)
    gemengd_tot_leeftijd: int = Field(ge=0, le=18)
    ouder_deelt_met_kind: bool
    ouder_kind_tot_leeftijd: int = Field(ge=0, le=18)
    nareizigers: Literal["nu", "wachten", "vooruit"]
    nareiziger_kinderen_per_kamer: int = Field(ge=1, le=6)
    ruim_kinderen_per_kamer: int = Field(default=2, ge=1, le=6)
    max_extra_slaapkamers: int = Field(ge=0, le=10)
    alleenstaande_max_slaapkamers: int = Field(ge=0, le=10)
    studio_voor_alleenstaande: bool
    kernen: tuple[str, ...]
    soorten: tuple[Literal[SOORTEN], ...]
    vooruit_maanden: int = Field(ge=0, le=36)
    passend_toewijzen: bool
    woningdelen: bool = False
    max_delers: int = Field(default=2, ge=2, le=6)
    wachtlijst_telt_niet_verhuisklaar: bool = True
    # Look-ahead (matching/vooruitkijken.py): hold a dwelling for a household expected within
    # this many weeks when it would house clearly more persons; 0 = off. Expected persons count
    # at this discount.
    vooruitkijken_weken: int = Field(default=0, ge=0, le=52)
    vooruitkijken_korting: float = Field(default=0.5, gt=0, le=1)
    regels: tuple[str, ...] = REGELCODES
    doel: Doel = Field(default_factory=Doel)
    aftoppingsgrenzen: dict[int, Grens]

    @model_validator(mode="after")
    def _regels(self):
        onbekend = [r for r in self.regels if r not in REGELCODES]
        if onbekend:
            raise ValueError(f"onbekende regel '{onbekend[0]}' in regels")
        ontbrekend = [r for r in REGELCODES if r not in self.regels]
        if ontbrekend:
            raise ValueError(f"regels mist '{ontbrekend[0]}': elke regel krijgt een plaats in de volgorde")
        if not self.aftoppingsgrenzen:
            raise ValueError("aftoppingsgrenzen: minstens één jaar nodig")
        if self.ruim_kinderen_per_kamer > min(self.kinderen_per_kamer, self.nareiziger_kinderen_per_kamer):
            # The spare-bedroom limit counts from this reference need; it may not share more than
            # the policy itself, or loosening a rule could make a fitting dwelling 'too big'.
            raise ValueError("ruim_kinderen_per_kamer mag niet groter zijn dan kinderen_per_kamer of "
                             "nareiziger_kinderen_per_kamer")
        return self

    def aftoppingsgrens(self, jaar: int) -> Grens:
        """Values for `jaar`; before the first known year the first, after the last the last."""
        return self.aftoppingsgrenzen[self.aftoppingsjaar(jaar)]

    def aftoppingsjaar(self, jaar: int) -> int:
        """The year whose rent limits stand in for `jaar` (itself when the table has it)."""
        jaren = sorted(self.aftoppingsgrenzen)
        bekend = [j for j in jaren if j <= jaar]
        return bekend[-1] if bekend else jaren[0]

    def aftopping_geleend(self, jaren) -> list[str]:
        """A Dutch line for each of `jaren` whose rent limits the table lacks, saying which year's
        stand in (passend toewijzen applies them silently otherwise); none without passend toewijzen."""
        if not self.passend_toewijzen:
            return []
        uit = []
        for jaar in sorted(set(jaren)):
            gebruikt = self.aftoppingsjaar(jaar)
            if gebruikt != jaar:
                g = self.aftoppingsgrenzen[gebruikt]
                uit.append(f"aftoppingsgrenzen {jaar} onbekend: passend toewijzen rekent met die van {gebruikt} "
                           f"(€ {_bedrag(g.laag)} voor 1-2 personen, € {_bedrag(g.hoog)} voor 3 of meer); vul "
                           f"[aftoppingsgrenzen.{jaar}] aan in matching/beleid.toml of zet ze in het scenario onder "
                           f"[beleidsregels.<beleid>.aftoppingsgrenzen.{jaar}]")
        return uit

    def met(self, **wijzigingen) -> "Beleid":
        """A copy with some parameters changed, validated again (used by attribution runs)."""
        return maak_beleid(self.naam if "naam" not in wijzigingen else wijzigingen.pop("naam"),
                           {**self.model_dump(exclude={"naam"}), **wijzigingen}, "beleid")

    @property
    def zijvoorwaarden(self) -> bool:
        """True when the assignment is no longer a pure 1:1 matching."""
        return self.woningdelen


@lru_cache(maxsize=1)
def _presets() -> dict:
    tekst = resources.files("matching").joinpath("beleid.toml").read_text(encoding="utf-8")
    return tomllib.loads(tekst)


def _fout_uit_validatie(e: ValidationError, bron: str, naam: str) -> InvoerFout:
    err = per_veld(e.errors())[0]
    loc = [str(x) for x in err["loc"]]
    sleutel = ".".join(loc) or naam
    kandidaten = list(Doel.model_fields) if loc[:1] == ["doel"] else list(Beleid.model_fields)
    tekst = melding(err, kandidaten, list(Beleid.model_fields) + list(Doel.model_fields))
    return InvoerFout(bron, f"beleid '{naam}': {tekst}", veld=sleutel)


def maak_beleid(naam: str, parameters: dict, bron: str = "beleid") -> Beleid:
    try:
        return Beleid(naam=naam, **parameters)
    except ValidationError as e:
        raise _fout_uit_validatie(e, bron, naam) from None
    except TypeError as e:
        raise InvoerFout(bron, f"beleid '{naam}': {e}") from None


def _samenvoegen(basis: dict, extra: dict) -> dict:
    uit = dict(basis)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(uit.get(k), dict) and k != "aftoppingsgrenzen":
            uit[k] = _samenvoegen(uit[k], v)
        else:
            uit[k] = v
    return uit


def beleid_parameters(naam: str, eigen: dict | None = None, bron: str = "beleid",
                      _bezig: tuple = ()) -> dict:
    """Parameters of policy `naam`, following `basis` chains: scenario tables over presets."""
    presets = _presets()
    eigen = eigen or {}
    if naam in _bezig:
        raise InvoerFout(bron, f"beleid '{naam}' verwijst via basis naar zichzelf")
    tabel = dict(presets.get(naam, {}))
    if naam in eigen:
        tabel = _samenvoegen(tabel, eigen[naam])
    if not tabel:
        bekend = sorted(set(presets) - GEEN_BELEID | set(eigen))
        tip = difflib.get_close_matches(naam, bekend, n=1)
        raise InvoerFout(bron, f"onbekend beleid '{naam}'" + (f"; bedoelt u '{tip[0]}'?" if tip else "")
                         + f" (bekend: {', '.join(bekend)})", veld="beleid")
    basis = tabel.pop("basis", None)
    if basis is not None:
        tabel = _samenvoegen(beleid_parameters(basis, eigen, bron, _bezig + (naam,)), tabel)
    tabel.setdefault("aftoppingsgrenzen", presets["aftoppingsgrenzen"])
    tabel["aftoppingsgrenzen"] = {int(k): v for k, v in tabel["aftoppingsgrenzen"].items()}
    return tabel


# Kernen of the bundled example when a policy is loaded without a scenario.
VOORBEELD_KERNEN = ("Leusden", "Achterveld")


def kernen_van(waarde, kernen: tuple[str, ...] | list[str]) -> list[str] | object:
    """A policy's `kernen` for a gemeente: "hoofdkern" is the first of its kernen, "alle" all of
    them; a list of names is kept (and checked against the scenario elsewhere)."""
    if waarde == "hoofdkern":
        return [kernen[0]]
    if waarde == "alle":
        return list(kernen)
    return waarde


def laad_beleid(naam: str, eigen: dict | None = None, bron: str = "beleid",
                kernen: tuple[str, ...] | list[str] | None = None) -> Beleid:
    """Policy `naam` from the presets, with a scenario's `[beleidsregels]` tables applied, and
    "hoofdkern"/"alle" resolved against the scenario's kernen."""
    parameters = beleid_parameters(naam, eigen, bron)
    if "kernen" in parameters:
        parameters["kernen"] = kernen_van(parameters["kernen"], tuple(kernen or VOORBEELD_KERNEN))
    return maak_beleid(naam, parameters, bron)


def bekende_beleiden(eigen: dict | None = None) -> list[str]:
    return sorted((set(_presets()) - GEEN_BELEID) | set(eigen or {}))


def regelgroepen() -> dict[str, tuple[str, ...]]:
    """Named groups of parameters that together make one rule of practice."""
    return {k: tuple(v) for k, v in _presets()["regelgroepen"].items()}
