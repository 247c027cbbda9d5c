"""The output columns of `prognose` that are ours, each declared once: its key in the JSON
(`uitvoer.rij_als_dict`), its header in the readable table, its header in the csv/xlsx (our
columns after the province's), its format kind and how to get its value from a `PrognoseRij`.

The province's own columns in the csv/xlsx (gemeente .. gereserveerde_personen) keep the
province's header texts (from the input, else `koppen.standaard_kop`); they are not declared here.

A new column: declare one `Kolom` below and put it in `TABEL` and/or `UITVOER` (both in this
file); `uitvoer.py` reads only from here. A new JSON key goes in `uitvoer.rij_als_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

SOORTEN = ("geheel", "decimaal", "procent", "tekst")
GEEN = "-"  # a cell without a value in the readable table


@dataclass(frozen=True)
class Kolom:
    """`tabel`: header in the readable table (None: not there); `uitvoer`: header in the csv and
    xlsx (None: not there); `alleen_met_extra`: in the csv/xlsx only when the table has an extra
    opgave. A `procent` is a fraction: '87%' in the table, '87,7%' in the csv, 0.0% in xlsx."""

    sleutel: str
    tabel: str | None
    uitvoer: str | None
    soort: str
    waarde: Callable[[object], object]
    alleen_met_extra: bool = False

    def __post_init__(self):
        if self.soort not in SOORTEN:
            raise ValueError(f"onbekende soort {self.soort!r} voor kolom {self.sleutel}")

    @property
    def formaat(self) -> str | None:
        """The xlsx number format."""
        return "0.0%" if self.soort == "procent" else None

    def tabelcel(self, p):
        v = self.waarde(p)
        if self.soort == "tekst":
            return v
        if v is None:
            return GEEN
        return f"{v:.0%}" if self.soort == "procent" else str(v)


def _lineair(veld: str) -> Callable[[object], object]:
    return lambda p: getattr(p.lineair, veld) if p.lineair else None


def _prognose(deel: str) -> Callable[[object], object]:
    return lambda p: p.prognose[deel] if p.prognose else None


GEMEENTE = Kolom("gemeente", "gemeente", None, "tekst", lambda p: p.rij.gemeente)
TREDE = Kolom("trede", "trede", None, "geheel", lambda p: p.rij.trede)
TOTAALOPGAVE = Kolom("totaalopgave", "totaalopgave", None, "geheel", lambda p: p.rij.totaalopgave)
TOTAALOPGAVE_EXTRA = Kolom("totaalopgave_extra", "incl. extra", None, "geheel", lambda p: p.rij.totaalopgave_extra)
REALISATIE = Kolom("realisatie", "realisatie", None, "geheel", lambda p: p.rij.realisatie)
LINEAIR = Kolom("prognose_lineair", "lineair", None, "geheel", _lineair("prognose"))
LINEAIR_PCT = Kolom("prognose_lineair_pct", "%", None, "geheel", _lineair("pct"))
LINEAIR_PCT_EXTRA = Kolom("prognose_lineair_pct_extra", "% extra", None, "geheel", _lineair("pct_extra"))
P10 = Kolom("prognose", "p10", "Prognose p10", "geheel", _prognose("p10"))
P50 = Kolom("prognose", "p50", "Prognose p50", "geheel", _prognose("p50"))
P90 = Kolom("prognose", "p90", "Prognose p90", "geheel", _prognose("p90"))
KANS = Kolom("kans_totaalopgave_gehaald", "kans", "Kans totaalopgave gehaald", "procent", lambda p: p.kans)
KANS_EXTRA = Kolom("kans_totaalopgave_extra_gehaald", "kans extra", "Kans totaalopgave inclusief extra opgave gehaald",
                   "procent", lambda p: p.kans_extra, alleen_met_extra=True)
METHODE = Kolom("methode", "methode", "Methode", "tekst", lambda p: p.methode)

TABEL = (GEMEENTE, TREDE, TOTAALOPGAVE, TOTAALOPGAVE_EXTRA, REALISATIE, LINEAIR, LINEAIR_PCT, LINEAIR_PCT_EXTRA,
         P10, P50, P90, KANS, KANS_EXTRA, METHODE)
UITVOER = (P10, P50, P90, KANS, KANS_EXTRA, METHODE)
KOLOMMEN = tuple(dict.fromkeys(TABEL + UITVOER))  # every declared column once

# Our columns in the csv/xlsx; reading our output back ignores them (`koppen.py`).
UITVOER_KOLOMMEN = tuple(k.uitvoer for k in UITVOER)
