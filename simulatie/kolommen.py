"""The output columns of `simuleer` per period, each declared once: its key in `perioden()` (the
JSON), its header in the readable table, its header in the CSV, its format kind and how to get
its value for the table (from the summary) and for the CSV (from one replication's period).

A new column: declare one `Kolom` below and put it in `TABEL` and/or `CSV` (both in this file);
the table, CSV and xlsx writers in `rapport.py` read only from here. The xlsx has a sheet "Per
periode" (the table's columns, header `xlsx`) and "Per replicatie" (the CSV's, header `xlsx_rij`,
default `xlsx`), each explained on the sheet "Toelichting" by `uitleg` (`uitleg_rij`). The JSON is written by
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
    xlsx: str | None = None
    uitleg: str = ""
    xlsx_rij: str | None = None
    uitleg_rij: str | None = None

    def __post_init__(self):
        for s in (self.soort, self.csv_soort or self.soort):
            if s not in SOORTEN:
                raise ValueError(f"onbekende soort {s!r} voor kolom {self.sleutel}")

    def tabelcel(self, periode: dict) -> str:
        v = self.tabel(periode) if self.tabel else periode[self.sleutel]
        if v is None:
            return GEEN
        return format(v, self.opmaak if self.opmaak is not None else OPMAAK[self.soort])

    def tabelwaarde(self, periode: dict):
        """The table's value unformatted (a fraction for a percentage): the xlsx cell."""
        return self.tabel(periode) if self.tabel else periode[self.sleutel]

    def werkkolom(self, per_rij: bool = False):
        """The column on the xlsx sheet Per periode, or (`per_rij`) Per replicatie."""
        from matching.bestanden.werkmap import Werkkolom
        if per_rij:
            return Werkkolom(self.xlsx_rij or self.xlsx, self.csv_soort or self.soort, self.uitleg_rij or self.uitleg)
        return Werkkolom(self.xlsx, self.soort, self.uitleg)

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


BELEID = Kolom("beleid", None, "beleid", "tekst", xlsx="Beleid",
               uitleg="Naam van het beleid: de regels van toewijzen waarmee is gesimuleerd.")
REPLICATIE = Kolom("replicatie", None, "replicatie", "geheel", xlsx="Replicatie",
                   uitleg="Nummer van de gesimuleerde wereld; zelfde seed en nummer geven dezelfde wereld.")
PERIODE = Kolom("periode", "periode", "periode", "tekst",
                tabel=lambda p: p["periode"] + ("" if p["volledig"] else " (deels)"), waarde=lambda r: r.naam,
                xlsx="Periode", uitleg="Halfjaar van de taakstelling (2023-1 is januari tot en met juni); "
                                       "'(deels)' als de simulatie maar een deel van het halfjaar beslaat.")
TAAKSTELLING = Kolom("taakstelling", "taakstelling", "taakstelling", "geheel", xlsx="Taakstelling (personen)",
                     uitleg="Aantal vergunninghouders dat de gemeente in deze periode moet huisvesten.")
EXTRA_OPGAVE = Kolom("extra_opgave", None, "extra_opgave", "geheel", xlsx="Extra opgave (personen)",
                     uitleg="Extra opgave bovenop de taakstelling in deze periode (0 als die er niet is).")
STAND_START = Kolom("stand_start", None, "stand_start", "geheel", waarde=_verplicht(lambda r: r.stand),
                    xlsx="Stand aan het begin (personen)",
                    uitleg="Voorsprong (positief) of achterstand (negatief) aan het begin van de periode in deze "
                           "replicatie; leeg zonder taakstelling.")
TOTAALOPGAVE = Kolom("totaalopgave", "totaalopgave", "totaalopgave", "decimaal", csv_soort="geheel",
                     waarde=_verplicht(lambda r: r.opgave), xlsx="Totaalopgave (personen)",
                     uitleg="Taakstelling plus achterstand (of min voorsprong) aan het begin van de periode, "
                            "gemiddeld over de replicaties; leeg zonder taakstelling.",
                     uitleg_rij="Taakstelling plus achterstand (of min voorsprong) aan het begin van de periode "
                                "in deze replicatie; leeg zonder taakstelling.")
REALISATIE = Kolom("realisatie", "realisatie gem.", "realisatie", "decimaal", csv_soort="geheel",
                   tabel=_realisatie("gemiddeld"), xlsx="Realisatie gemiddeld (personen)",
                   uitleg="Gemiddeld aantal personen gehuisvest in de periode, over alle replicaties.",
                   xlsx_rij="Realisatie (personen)", uitleg_rij="Personen gehuisvest in de periode in deze replicatie.")
P10 = Kolom("realisatie", "p10", None, "geheel", tabel=_realisatie("p10"), xlsx="Realisatie p10 (personen)",
            uitleg="In 10% van de replicaties worden hoogstens zoveel personen gehuisvest.")
P50 = Kolom("realisatie", "p50", None, "geheel", tabel=_realisatie("p50"), xlsx="Realisatie p50 (personen)",
            uitleg="Mediaan: in de helft van de replicaties worden hoogstens zoveel personen gehuisvest.")
P90 = Kolom("realisatie", "p90", None, "geheel", tabel=_realisatie("p90"), xlsx="Realisatie p90 (personen)",
            uitleg="In 90% van de replicaties worden hoogstens zoveel personen gehuisvest.")
STAND_EIND = Kolom("stand_eind", "stand eind", "stand_eind", "decimaal", csv_soort="geheel", opmaak="+.1f",
                   waarde=_verplicht(lambda r: volgende_stand(r.stand, r.realisatie, r.taakstelling)),
                   xlsx="Stand aan het eind (personen)",
                   uitleg="Voorsprong (positief) of achterstand (negatief) aan het eind van de periode, gemiddeld "
                          "over de replicaties; leeg zonder taakstelling.",
                   uitleg_rij="Voorsprong (positief) of achterstand (negatief) aan het eind van de periode in deze "
                              "replicatie; leeg zonder taakstelling.")
GEHAALD = Kolom("kans_totaalopgave_gehaald", "kans gehaald", "totaalopgave_gehaald", "procent",
                csv_soort="geheel", waarde=_verplicht(lambda r: r.realisatie >= r.opgave),
                xlsx="Kans totaalopgave gehaald",
                uitleg="Aandeel van de replicaties waarin de realisatie de totaalopgave haalt.",
                xlsx_rij="Totaalopgave gehaald (1 = ja)",
                uitleg_rij="1 als de realisatie in deze replicatie de totaalopgave haalt, anders 0; leeg zonder "
                           "taakstelling.")
INCLUSIEF_EXTRA = Kolom("kans_inclusief_extra_opgave_gehaald", "kans incl. extra", "inclusief_extra_gehaald",
                        "procent", csv_soort="geheel",
                        waarde=_verplicht(lambda r: r.realisatie >= r.opgave + r.extra_opgave),
                        xlsx="Kans inclusief extra opgave gehaald",
                        uitleg="Aandeel van de replicaties waarin de realisatie de totaalopgave plus de extra "
                               "opgave haalt.",
                        xlsx_rij="Inclusief extra opgave gehaald (1 = ja)",
                        uitleg_rij="1 als de realisatie in deze replicatie de totaalopgave plus de extra opgave "
                                   "haalt, anders 0; leeg zonder taakstelling.")
WONINGEN_GEBRUIKT = Kolom("woningen_gebruikt", None, "woningen_gebruikt", "geheel", xlsx="Woningen gebruikt",
                          uitleg="Woningen waarvan de sleutel in deze periode aan een vergunninghouder is "
                                 "overgedragen, in deze replicatie.")
WONINGEN_PER_JAAR = Kolom("woningen_per_jaar", None, "woningen_per_jaar", "decimaal", xlsx="Woningen per jaar",
                          uitleg="Aanbod van woningen voor vergunninghouders per jaar in deze replicatie.")

TABEL = (PERIODE, TAAKSTELLING, TOTAALOPGAVE, REALISATIE, P10, P50, P90, GEHAALD, INCLUSIEF_EXTRA, STAND_EIND)
CSV = (BELEID, REPLICATIE, PERIODE, TAAKSTELLING, EXTRA_OPGAVE, STAND_START, TOTAALOPGAVE, REALISATIE, STAND_EIND,
       GEHAALD, INCLUSIEF_EXTRA, WONINGEN_GEBRUIKT, WONINGEN_PER_JAAR)
KOLOMMEN = tuple(dict.fromkeys(TABEL + CSV))  # every declared column once
