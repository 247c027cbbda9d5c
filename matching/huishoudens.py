"""Households on the waitlist (COA's TVS export, pseudonymised) and how they are loaded.

`kinderen` format: each child as gender letter + age, separated by spaces (or `;`, `,`, `/`
when the cell is quoted): `j7 m12` is a boy of 7 and a girl of 12. Gender letters: `j` (jongen),
`m` (meisje), `x` (onbekend/anders: shares only where gender does not matter).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .invoer import (InvoerFout, controleer_kolommen, lees_datum, lees_int, lees_janee,
                     lees_tabel, Tabel)

VERPLICHT = ["id", "koppeldatum", "volwassenen", "kinderen", "nareizigers"]
OPTIONEEL = ["nareizigers_verwacht", "voorkeur_kern", "toegankelijk", "verblijf", "partners"]
VERBLIJVEN = {"coa": "COA", "takecarebnb": "TakeCareBNB", "nidos": "Nidos",
              "buitenland": "buitenland", "gemeente": "gemeente", "overig": "overig"}
MAX_PERSONEN = 20  # larger than any household COA links; a typo like 400 must not pass
MAX_KIND_LEEFTIJD = 17


@dataclass(frozen=True, slots=True)
class Kind:
    geslacht: str  # j, m or x
    leeftijd: int


@dataclass(frozen=True, slots=True)
class Huishouden:
    id: str
    koppeldatum: dt.date
    volwassenen: int
    kinderen: tuple[Kind, ...] = ()
    nareizigers: int = 0
    nareizigers_verwacht: dt.date | None = None
    voorkeur_kern: str | None = None
    toegankelijk: bool = False
    verblijf: str = "COA"
    partners: bool | None = None  # None: the first two adults are partners

    @property
    def personen(self) -> int:
        """Persons present now: these count for the taakstelling when housed."""
        return self.volwassenen + len(self.kinderen)

    @property
    def personen_totaal(self) -> int:
        return self.personen + self.nareizigers

    @property
    def heeft_partners(self) -> bool:
        return self.volwassenen >= 2 if self.partners is None else (self.partners and self.volwassenen >= 2)


_KIND = re.compile(r"^([jmx])(\d{1,3})$")


def lees_kinderen(tekst: str, bestand: str | None = None, rij: int | None = None) -> tuple[Kind, ...]:
    kinderen = []
    for deel in re.split(r"[\s;,/]+", tekst.strip().lower()):
        if not deel:
            continue
        m = _KIND.match(deel)
        if not m:
            raise InvoerFout(bestand, f"'{deel}' is geen kind; verwacht geslacht j/m/x en leeftijd, "
                                      "bijvoorbeeld 'j7 m12'", rij, "kinderen")
        leeftijd = int(m.group(2))
        if leeftijd > MAX_KIND_LEEFTIJD:
            raise InvoerFout(bestand, f"kind van {leeftijd} jaar: 18+ telt als volwassene", rij, "kinderen")
        kinderen.append(Kind(m.group(1), leeftijd))
    return tuple(kinderen)


def schrijf_kinderen(kinderen: tuple[Kind, ...]) -> str:
    return " ".join(f"{k.geslacht}{k.leeftijd}" for k in kinderen)


def _is_bsn(tekst: str) -> bool:
    """Elfproef: a 9-digit id that passes it is probably a BSN, which must not be used."""
    if not re.fullmatch(r"\d{9}", tekst):
        return False
    cijfers = [int(c) for c in tekst]
    som = sum(c * w for c, w in zip(cijfers[:8], range(9, 1, -1))) - cijfers[8]
    return som % 11 == 0


def laad_huishoudens(pad, kernen: list[str] | None = None) -> list[Huishouden]:
    return huishoudens_uit_tabel(lees_tabel(pad), kernen)


def huishoudens_uit_tabel(tabel: Tabel, kernen: list[str] | None = None) -> list[Huishouden]:
    controleer_kolommen(tabel, VERPLICHT, OPTIONEEL)
    b = tabel.bestand
    kern_naam = {k.lower(): k for k in (kernen or [])}
    gezien: dict[str, int] = {}
    uit = []
    for nr, r in tabel.rijen:
        hid = r["id"]
        if not hid:
            raise InvoerFout(b, "leeg; elk huishouden heeft een pseudoniem id", nr, "id")
        if hid in gezien:
            raise InvoerFout(b, f"id '{hid}' komt al voor op rij {gezien[hid]}", nr, "id")
        if _is_bsn(hid):
            raise InvoerFout(b, "id lijkt op een BSN; gebruik een pseudoniem", nr, "id")
        gezien[hid] = nr
        volw = lees_int(r["volwassenen"], b, nr, "volwassenen", minimum=1, maximum=MAX_PERSONEN)
        kinderen = lees_kinderen(r["kinderen"], b, nr)
        narei = lees_int(r["nareizigers"], b, nr, "nareizigers", minimum=0, maximum=MAX_PERSONEN, leeg=0)
        if volw + len(kinderen) + narei > MAX_PERSONEN:
            raise InvoerFout(b, f"{volw + len(kinderen) + narei} personen is onwaarschijnlijk "
                                f"(hoogstens {MAX_PERSONEN})", nr, "volwassenen")
        kern = r.get("voorkeur_kern", "").strip() or None
        if kern is not None and kernen is not None:
            if kern.lower() not in kern_naam:
                raise InvoerFout(b, f"onbekende kern '{kern}' (bekend: {', '.join(kernen)})", nr, "voorkeur_kern")
            kern = kern_naam[kern.lower()]
        verblijf_tekst = r.get("verblijf", "").strip() or "COA"
        verblijf = VERBLIJVEN.get(verblijf_tekst.lower())
        if verblijf is None:
            raise InvoerFout(b, f"onbekend verblijf '{verblijf_tekst}' "
                                f"(bekend: {', '.join(VERBLIJVEN.values())})", nr, "verblijf")
        partners_tekst = r.get("partners", "").strip()
        uit.append(Huishouden(
            id=hid,
            koppeldatum=lees_datum(r["koppeldatum"], b, nr, "koppeldatum"),
            volwassenen=volw,
            kinderen=kinderen,
            nareizigers=narei,
            nareizigers_verwacht=lees_datum(r.get("nareizigers_verwacht", ""), b, nr,
                                            "nareizigers_verwacht", leeg_mag=True),
            voorkeur_kern=kern,
            toegankelijk=lees_janee(r.get("toegankelijk", ""), b, nr, "toegankelijk"),
            verblijf=verblijf,
            partners=lees_janee(partners_tekst, b, nr, "partners") if partners_tekst else None,
        ))
    return uit
