"""Households on the waitlist (COA's TVS export, pseudonymised) and how they are loaded.

`kinderen` format: each child as gender letter + age, separated by spaces (or `;`, `,`, `/`
when the cell is quoted): `j7 m12` is a boy of 7 and a girl of 12. Gender letters: `j` (jongen),
`m` (meisje), `x` (onbekend/anders: shares only where gender does not matter).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .bestanden import (JAREN, MISLUKT, Fouten, InvoerFout, Tabel, Ids, controleer_kolommen,
                     kort, lees_datum, lees_int, lees_janee, lees_keuze, lees_tabel)

VERPLICHT = ["id", "koppeldatum", "volwassenen", "kinderen", "nareizigers"]
OPTIONEEL = ["nareizigers_verwacht", "voorkeur_kern", "toegankelijk", "verblijf", "partners"]
# Free text about persons has no place in the waitlist (AVG: data minimisation), so such a
# column is refused with that reason instead of "unknown column".
VRIJE_TEKST = {"opmerking", "opmerkingen", "notitie", "notities", "toelichting", "bijzonderheden",
               "omschrijving", "adres", "woonadres", "verblijfadres"}
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
            raise InvoerFout(bestand, f"'{kort(deel)}' is geen kind; verwacht per kind geslacht j/m/x en leeftijd, "
                                      "gescheiden door spaties, bijvoorbeeld 'j7 m12'", rij, "kinderen")
        leeftijd = int(m.group(2))
        if leeftijd > MAX_KIND_LEEFTIJD:
            raise InvoerFout(bestand, f"kind van {leeftijd} jaar: 18+ telt als volwassene; verwacht een leeftijd "
                                      f"van 0 t/m {MAX_KIND_LEEFTIJD} (tel ouderen bij volwassenen)", rij, "kinderen")
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


def laad_huishoudens(pad, kernen: list[str] | None = None, verzamel: bool = False,
                     blad: str | None = None, niet_na: dt.date | None = None) -> list[Huishouden]:
    """Households from a CSV or xlsx (header found below title rows, on whichever sheet holds it,
    or on sheet `blad`). Normally the first problem raises an `InvoerFout`; with `verzamel=True`
    every problem in the file is found and raised together as `InvoerFouten`."""
    fouten = Fouten(verzamel)
    uit = huishoudens_uit_tabel(lees_tabel(pad, fouten, verwacht=VERPLICHT + OPTIONEEL, blad=blad), kernen,
                                fouten=fouten, niet_na=niet_na)
    fouten.klaar()
    return uit


def huishoudens_uit_tabel(tabel: Tabel, kernen: list[str] | None = None,
                          fouten: Fouten | None = None, verzamel: bool = False,
                          niet_na: dt.date | None = None) -> list[Huishouden]:
    """Households from a table. `niet_na`: the round's peildatum; a household linked after it
    would wait a negative number of days, so its row is refused here, where the row is known.
    With a `fouten` collector passed in, the caller owns it: rows with problems are left out of
    the result and the caller raises them (`fouten.klaar()`)."""
    eigen = fouten is None
    fouten = Fouten(verzamel) if eigen else fouten
    b = tabel.bestand
    if tabel.blad is not None:
        fouten.bladen[b] = tabel.blad
    for k in tabel.kolommen:
        if k in VRIJE_TEKST:
            fouten.meld(InvoerFout(b, f"kolom '{k}' met vrije tekst over personen hoort niet in de wachtlijst "
                                      "(AVG: alleen wat nodig is voor toewijzing); haal de kolom weg",
                                   tabel.kop_rij, k))
    uit = []
    if controleer_kolommen(tabel, VERPLICHT, OPTIONEEL, fouten, al_gemeld=VRIJE_TEKST):
        ids = Ids(b, "huishouden")
        kern_naam = {k.lower(): k for k in kernen} if kernen is not None else None
        for nr, r in tabel.rijen:
            id_ok = ids.controleer(nr, r["id"], fouten)
            hh = _huishouden(b, nr, r, kern_naam, fouten, niet_na)
            if hh is not None and id_ok:
                uit.append(hh)
    if eigen:
        fouten.klaar()
    return uit


def _huishouden(b: str, nr: int, r: dict[str, str], kern_naam: dict[str, str] | None,
                fouten: Fouten, niet_na: dt.date | None = None) -> Huishouden | None:
    """One row, every field checked; None when any field is wrong (the problems are in `fouten`)."""
    voor = len(fouten)
    p = fouten.probeer
    hid = r["id"]
    if _is_bsn(hid):
        fouten.meld(InvoerFout(b, "id lijkt op een BSN (9 cijfers, elfproef); gebruik een pseudoniem", nr, "id"))
    koppeldatum = p(lees_datum, r["koppeldatum"], b, nr, "koppeldatum", jaren=JAREN)
    if niet_na is not None and koppeldatum is not MISLUKT and koppeldatum > niet_na:
        fouten.meld(InvoerFout(b, f"huishouden {hid}: koppeldatum {koppeldatum.isoformat()} ligt na de peildatum "
                                  f"{niet_na.isoformat()}; geef --peildatum op of na de laatste koppeldatum",
                               nr, "koppeldatum"))
    volw = p(lees_int, r["volwassenen"], b, nr, "volwassenen", minimum=1, maximum=MAX_PERSONEN)
    kinderen = p(lees_kinderen, r["kinderen"], b, nr)
    narei = p(lees_int, r["nareizigers"], b, nr, "nareizigers", minimum=0, maximum=MAX_PERSONEN, leeg=0)
    if MISLUKT not in (volw, kinderen, narei) and volw + len(kinderen) + narei > MAX_PERSONEN:
        fouten.meld(InvoerFout(b, f"{volw} volwassenen + {len(kinderen)} kinderen + {narei} nareizigers = "
                                  f"{volw + len(kinderen) + narei} personen is onwaarschijnlijk; verwacht hoogstens "
                                  f"{MAX_PERSONEN} personen per huishouden", nr, "volwassenen"))
    verwacht = p(lees_datum, r.get("nareizigers_verwacht", ""), b, nr, "nareizigers_verwacht",
                 leeg_mag=True, jaren=JAREN)
    kern = r.get("voorkeur_kern", "").strip() or None
    if kern is not None and kern_naam is not None:
        kern = p(lees_keuze, kern, b, nr, "voorkeur_kern", kern_naam, "kern")
    verblijf = p(lees_keuze, r.get("verblijf", "").strip() or "COA", b, nr, "verblijf", VERBLIJVEN, "verblijf",
                 "onbekend")
    toegankelijk = p(lees_janee, r.get("toegankelijk", ""), b, nr, "toegankelijk")
    partners_tekst = r.get("partners", "").strip()
    partners = p(lees_janee, partners_tekst, b, nr, "partners") if partners_tekst else None
    if len(fouten) > voor:
        return None
    return Huishouden(id=hid, koppeldatum=koppeldatum, volwassenen=volw, kinderen=kinderen, nareizigers=narei,
                      nareizigers_verwacht=verwacht, voorkeur_kern=kern, toegankelijk=toegankelijk,
                      verblijf=verblijf, partners=partners)
