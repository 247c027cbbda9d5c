"""Dwellings WSL offers or reserves for statushouders, and how they are loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .bestanden import (JAREN, MISLUKT, Fouten, InvoerFout, Tabel, Ids, controleer_kolommen,
                     lees_bedrag, lees_datum, lees_decimaal, lees_int, lees_janee, lees_keuze, lees_tabel)

VERPLICHT = ["id", "kern", "slaapkamers", "huur", "beschikbaar", "soort"]
OPTIONEEL = ["oppervlakte", "toegankelijk", "omschrijving"]  # omschrijving: free text (address, complex)


class WoningSoort(StrEnum):
    """Kind of dwelling (column `soort`). vrij: vacant now or at `beschikbaar`; the others are
    reservations ahead of time. Equal to the word in the files and outputs."""
    VRIJ = "vrij"
    GERESERVEERD = "gereserveerd"
    NIEUWBOUW = "nieuwbouw"
    RENOVATIE = "renovatie"
    OPZEGGING = "opzegging"


# In this order an index stands for a kind (`regels.WoningKenmerken.soort`); plain strings, so a
# policy's `soorten` validates against them as before.
SOORTEN = tuple(s.value for s in WoningSoort)
MAX_SLAAPKAMERS = 10
MIN_HUUR, MAX_HUUR = 100.0, 5_000.0  # kale huur per month; below 100 is a typo (1.234 read as 1,234?)
MAX_OPPERVLAKTE = 1_000.0


@dataclass(frozen=True, slots=True)
class Woning:
    id: str
    kern: str
    slaapkamers: int
    huur: float
    beschikbaar: dt.date
    soort: str = WoningSoort.VRIJ
    toegankelijk: bool = False
    oppervlakte: float | None = None
    omschrijving: str = ""  # free text from WSL's list (address, complex); not used in matching
    # Only for households of at least this many persons (Regeling Huisvesting Grote Gezinnen
    # dwellings); 0: no such limit.
    min_personen: int = 0


def laad_woningen(pad, kernen: list[str] | None = None, niet_voor: dt.date | None = None,
                  verzamel: bool = False, blad: str | None = None) -> list[Woning]:
    """Dwellings from a CSV or xlsx (header found below title rows, on whichever sheet holds it,
    or on sheet `blad`). Normally the first problem raises an `InvoerFout`; with `verzamel=True`
    every problem in the file is found and raised together as `InvoerFouten`."""
    fouten = Fouten(verzamel)
    uit = woningen_uit_tabel(lees_tabel(pad, fouten, verwacht=VERPLICHT + OPTIONEEL, blad=blad), kernen, niet_voor,
                             fouten=fouten)
    fouten.klaar()
    return uit


def woningen_uit_tabel(tabel: Tabel, kernen: list[str] | None = None, niet_voor: dt.date | None = None,
                       fouten: Fouten | None = None, verzamel: bool = False) -> list[Woning]:
    """`niet_voor`: a scenario's start; a reservation available before it is a data error
    (it should have been let already, or the date is mistyped). With a `fouten` collector passed
    in, the caller owns it: rows with problems are left out and the caller raises them."""
    eigen = fouten is None
    fouten = Fouten(verzamel) if eigen else fouten
    if tabel.blad is not None:
        fouten.bladen[tabel.bestand] = tabel.blad
    uit = []
    if controleer_kolommen(tabel, VERPLICHT, OPTIONEEL, fouten):
        ids = Ids(tabel.bestand, "woning")
        kern_naam = {k.lower(): k for k in kernen} if kernen is not None else None
        for nr, r in tabel.rijen:
            id_ok = ids.controleer(nr, r["id"], fouten)
            w = _woning(tabel.bestand, nr, r, kern_naam, niet_voor, fouten)
            if w is not None and id_ok:
                uit.append(w)
    if eigen:
        fouten.klaar()
    return uit


def _woning(b: str, nr: int, r: dict[str, str], kern_naam: dict[str, str] | None, niet_voor: dt.date | None,
            fouten: Fouten) -> Woning | None:
    """One row, every field checked; None when any field is wrong (the problems are in `fouten`)."""
    voor = len(fouten)
    p = fouten.probeer
    kern = r["kern"].strip()
    if not kern:
        fouten.meld(InvoerFout(b, "leeg; verwacht een kern" + (f" ({', '.join(kern_naam.values())})"
                                                              if kern_naam else ""), nr, "kern"))
    elif kern_naam is not None:
        kern = p(lees_keuze, kern, b, nr, "kern", kern_naam, "kern")
    soort = p(lees_keuze, r["soort"].strip() or WoningSoort.VRIJ, b, nr, "soort", list(SOORTEN), "soort")
    beschikbaar = p(lees_datum, r["beschikbaar"], b, nr, "beschikbaar", jaren=JAREN)
    if (niet_voor is not None and MISLUKT not in (soort, beschikbaar) and beschikbaar < niet_voor
            and soort != WoningSoort.VRIJ):
        fouten.meld(InvoerFout(b, f"reservering ({soort}) beschikbaar op {beschikbaar.isoformat()}, vóór de start "
                                  f"van het scenario ({niet_voor.isoformat()}); verwacht een datum vanaf de start, "
                                  f"of soort '{WoningSoort.VRIJ}' als de woning nu leeg staat", nr, "beschikbaar"))
    slaapkamers = p(lees_int, r["slaapkamers"], b, nr, "slaapkamers", minimum=0, maximum=MAX_SLAAPKAMERS)
    huur = p(lees_bedrag, r["huur"], b, nr, "huur", minimum=MIN_HUUR, maximum=MAX_HUUR)
    toegankelijk = p(lees_janee, r.get("toegankelijk", ""), b, nr, "toegankelijk")
    opp = r.get("oppervlakte", "").strip()
    oppervlakte = (p(lees_decimaal, opp, b, nr, "oppervlakte", minimum=1.0, maximum=MAX_OPPERVLAKTE,
                     soort="oppervlakte in m²", voorbeeld="58", voorbeeld_duizend="58,5") if opp else None)
    if len(fouten) > voor:
        return None
    return Woning(id=r["id"], kern=kern, slaapkamers=slaapkamers, huur=huur, beschikbaar=beschikbaar, soort=soort,
                  toegankelijk=toegankelijk, oppervlakte=oppervlakte, omschrijving=r.get("omschrijving", ""))
