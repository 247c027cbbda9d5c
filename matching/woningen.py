"""Dwellings WSL offers or reserves for statushouders, and how they are loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .invoer import (InvoerFout, controleer_kolommen, lees_bedrag, lees_datum, lees_int,
                     lees_janee, lees_tabel, Tabel)

VERPLICHT = ["id", "kern", "slaapkamers", "huur", "beschikbaar", "soort"]
OPTIONEEL = ["oppervlakte", "toegankelijk"]
# vrij: vacant now or at `beschikbaar`; the others are reservations ahead of time.
SOORTEN = ("vrij", "gereserveerd", "nieuwbouw", "renovatie", "opzegging")
MAX_SLAAPKAMERS = 10


@dataclass(frozen=True, slots=True)
class Woning:
    id: str
    kern: str
    slaapkamers: int
    huur: float
    beschikbaar: dt.date
    soort: str = "vrij"
    toegankelijk: bool = False
    oppervlakte: float | None = None


def laad_woningen(pad, kernen: list[str] | None = None, niet_voor: dt.date | None = None) -> list[Woning]:
    return woningen_uit_tabel(lees_tabel(pad), kernen, niet_voor)


def woningen_uit_tabel(tabel: Tabel, kernen: list[str] | None = None,
                       niet_voor: dt.date | None = None) -> list[Woning]:
    """`niet_voor`: a scenario's start; a reservation available before it is a data error
    (it should have been let already, or the date is mistyped)."""
    controleer_kolommen(tabel, VERPLICHT, OPTIONEEL)
    b = tabel.bestand
    kern_naam = {k.lower(): k for k in (kernen or [])}
    gezien: dict[str, int] = {}
    uit = []
    for nr, r in tabel.rijen:
        wid = r["id"]
        if not wid:
            raise InvoerFout(b, "leeg; elke woning heeft een id", nr, "id")
        if wid in gezien:
            raise InvoerFout(b, f"id '{wid}' komt al voor op rij {gezien[wid]}", nr, "id")
        gezien[wid] = nr
        kern = r["kern"].strip()
        if not kern:
            raise InvoerFout(b, "leeg; verwacht een kern", nr, "kern")
        if kernen is not None:
            if kern.lower() not in kern_naam:
                raise InvoerFout(b, f"onbekende kern '{kern}' (bekend: {', '.join(kernen)})", nr, "kern")
            kern = kern_naam[kern.lower()]
        soort = r["soort"].strip().lower() or "vrij"
        if soort not in SOORTEN:
            raise InvoerFout(b, f"onbekende soort '{r['soort']}' (bekend: {', '.join(SOORTEN)})", nr, "soort")
        beschikbaar = lees_datum(r["beschikbaar"], b, nr, "beschikbaar")
        if niet_voor is not None and beschikbaar < niet_voor and soort != "vrij":
            raise InvoerFout(b, f"reservering beschikbaar op {beschikbaar.isoformat()}, vóór de start "
                                f"van het scenario ({niet_voor.isoformat()})", nr, "beschikbaar")
        opp = r.get("oppervlakte", "").strip()
        uit.append(Woning(
            id=wid,
            kern=kern,
            slaapkamers=lees_int(r["slaapkamers"], b, nr, "slaapkamers", minimum=0, maximum=MAX_SLAAPKAMERS),
            huur=lees_bedrag(r["huur"], b, nr, "huur", maximum=5_000),
            beschikbaar=beschikbaar,
            soort=soort,
            toegankelijk=lees_janee(r.get("toegankelijk", ""), b, nr, "toegankelijk"),
            oppervlakte=lees_bedrag(opp, b, nr, "oppervlakte", maximum=1_000) if opp else None,
        ))
    return uit
