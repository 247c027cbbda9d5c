"""The output columns of `simuleer` per period, each declared once: its key in `perioden()` (the
JSON), its header in the readable table, its header in the CSV, its format kind and how to get
its value for the table (from the summary) and for the CSV (from one replication's period).

A new column: declare one `Kolom` below and put it in `TABEL` and/or `CSV` (both in this file);
the table and CSV writers in `rapport.py` read only from here. The JSON is written by
`replicaties.perioden()`; its keys stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .kalender import totaalopgave, volgende_stand

SOORTEN = ("geheel", "decimaal", "procent", "tekst")
OPMAAK = {"geheel": ".0f", "decimaal": ".1f", "procent": ".0%", "tekst": ""}
GEEN = "—"  # a table cell without a value (no obligation in that period)


@dataclass(frozen=True)
class Replicatieperiode:
    """One CSV row: one replication in one period."""

    beleid: str
    replicatie: int
    naam: str
    taakstelling: int
    extra_opgave: int
    verplicht: bool
    stand: int
    realisatie: int
    woningen_gebruikt: int
    woningen_per_jaar: float

    @property
    def opgave(self) -> int:
        return totaalopgave(self.taakstelling, self.stand)


@dataclass(frozen=True)
class Kolom:
    """One output column. `kop`: header in the table (None: not in the table); `csv`: header in
    the CSV (None: not in the CSV). `soort` formats the table cell (with `opmaak` if given),
    `csv_soort` the CSV cell (default `soort`). A value None is '—' in the table, empty in the CSV."""

    sleutel: str
    kop: str | None
    csv: str | None
    soort: str
    tabel: Callable[[dict], object] | None = None
    waarde: Callable[[Replicatieperiode], object] | None = None
    csv_soort: str | None = None
    opmaak: str | None = None

    def __post_init__(self):
        for s in (self.soort, self.csv_soort or self.soort):
            if s not in SOORTEN:
                raise ValueError(f"onbekende soort {s!r} voor kolom {self.sleutel}")

    def tabelcel(self, periode: dict) -> str:
        v = self.tabel(periode) if self.tabel else periode[self.sleutel]
        if v is None:
            return GEEN
        return format(v, self.opmaak if self.opmaak is not None else OPMAAK[self.soort])

    def csvcel(self, rij: Replicatieperiode):
        v = self.waarde(rij) if self.waarde else getattr(rij, self.sleutel)
        soort = self.csv_soort or self.soort
        if v is None or soort == "tekst":
            return v
        return round(float(v), 3) if soort == "decimaal" else int(v)


def _verplicht(f: Callable[[Replicatieperiode], object]) -> Callable[[Replicatieperiode], object]:
    """Only where the period has an obligation: no stand, opgave or 'gehaald' without one."""
    return lambda r: f(r) if r.verplicht else None


def _realisatie(deel: str) -> Callable[[dict], object]:
    return lambda p: p["realisatie"][deel]


BELEID = Kolom("beleid", None, "beleid", "tekst")
REPLICATIE = Kolom("replicatie", None, "replicatie", "geheel")
PERIODE = Kolom("periode", "periode", "periode", "tekst",
                tabel=lambda p: p["periode"] + ("" if p["volledig"] else " (deels)"), waarde=lambda r: r.naam)
TAAKSTELLING = Kolom("taakstelling", "taakstelling", "taakstelling", "geheel")
EXTRA_OPGAVE = Kolom("extra_opgave", None, "extra_opgave", "geheel")
STAND_START = Kolom("stand_start", None, "stand_start", "geheel", waarde=_verplicht(lambda r: r.stand))
TOTAALOPGAVE = Kolom("totaalopgave", "totaalopgave", "totaalopgave", "decimaal", csv_soort="geheel",
                     waarde=_verplicht(lambda r: r.opgave))
REALISATIE = Kolom("realisatie", "realisatie gem.", "realisatie", "decimaal", csv_soort="geheel",
                   tabel=_realisatie("gemiddeld"))
P10 = Kolom("realisatie", "p10", None, "geheel", tabel=_realisatie("p10"))
P50 = Kolom("realisatie", "p50", None, "geheel", tabel=_realisatie("p50"))
P90 = Kolom("realisatie", "p90", None, "geheel", tabel=_realisatie("p90"))
STAND_EIND = Kolom("stand_eind", "stand eind", "stand_eind", "decimaal", csv_soort="geheel", opmaak="+.1f",
                   waarde=_verplicht(lambda r: volgende_stand(r.stand, r.realisatie, r.taakstelling)))
GEHAALD = Kolom("kans_totaalopgave_gehaald", "kans gehaald", "totaalopgave_gehaald", "procent",
                csv_soort="geheel", waarde=_verplicht(lambda r: r.realisatie >= r.opgave))
INCLUSIEF_EXTRA = Kolom("kans_inclusief_extra_opgave_gehaald", "kans incl. extra", "inclusief_extra_gehaald",
                        "procent", csv_soort="geheel",
                        waarde=_verplicht(lambda r: r.realisatie >= r.opgave + r.extra_opgave))
WONINGEN_GEBRUIKT = Kolom("woningen_gebruikt", None, "woningen_gebruikt", "geheel")
WONINGEN_PER_JAAR = Kolom("woningen_per_jaar", None, "woningen_per_jaar", "decimaal")

TABEL = (PERIODE, TAAKSTELLING, TOTAALOPGAVE, REALISATIE, P10, P50, P90, GEHAALD, INCLUSIEF_EXTRA, STAND_EIND)
CSV = (BELEID, REPLICATIE, PERIODE, TAAKSTELLING, EXTRA_OPGAVE, STAND_START, TOTAALOPGAVE, REALISATIE, STAND_EIND,
       GEHAALD, INCLUSIEF_EXTRA, WONINGEN_GEBRUIKT, WONINGEN_PER_JAAR)
KOLOMMEN = tuple(dict.fromkeys(TABEL + CSV))  # every declared column once
