"""Excel workbooks as the product writes them (`--format xlsx` of toewijzen, simuleer, vergelijk and
prognose): Dutch headers in words, number formats by kind (percent and decimals with one decimal),
column widths, a frozen header row, and a first sheet "Toelichting" that explains every column.

The columns themselves are declared where their command declares them (simulatie/kolommen.py,
simulatie/provincie/kolommen.py, matching/uitvoer.py, simulatie/vergelijking_rapport.py); this
module only lays them out. Percentages are stored as fractions (0.877, shown as 87,7%), so reading
the file back with openpyxl or pandas gives the numbers of the JSON.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from .privacy import veilige_cel

SOORTEN = ("geheel", "decimaal", "procent", "tekst")
# Excel number format per kind; Dutch Excel shows these with a decimal comma.
GETALOPMAAK = {"geheel": "0", "decimaal": "0.0", "procent": "0.0%", "tekst": "General"}
SOORT_TEKST = {"geheel": "geheel getal", "decimaal": "getal, één decimaal", "procent": "percentage",
               "tekst": "tekst"}
TOELICHTING = "Toelichting"
MIN_BREEDTE, MAX_BREEDTE = 8, 60


@dataclass(frozen=True)
class Werkkolom:
    """One column of a sheet: header in words, kind (number format) and one sentence of explanation."""

    kop: str
    soort: str
    uitleg: str

    def __post_init__(self):
        if self.soort not in SOORTEN:
            raise ValueError(f"onbekende soort {self.soort!r} voor kolom {self.kop}")


@dataclass
class Werkblad:
    """A sheet: name, columns and rows (one value per column; None is an empty cell)."""

    naam: str
    kolommen: Sequence[Werkkolom]
    rijen: Iterable[Sequence] = field(default_factory=list)
    # For a sheet whose rows hold different measures: the kind of a row's "decimaal" cells (a
    # probability in one row, persons in the next); None keeps the column's.
    rijsoort: Callable[[Sequence], str | None] | None = None


def cel(blad, rij: int, kolom: int, waarde, soort: str | None = None):
    """Write one cell: text made safe against formulas, the number format of its kind."""
    c = blad.cell(row=rij, column=kolom, value=veilige_cel(waarde) if isinstance(waarde, str) else waarde)
    if soort and soort != "tekst" and waarde is not None:
        c.number_format = GETALOPMAAK[soort]
    return c


def kopregel(blad, rij: int, koppen: Sequence[str]) -> None:
    """A bold, wrapped header row."""
    from openpyxl.styles import Alignment, Font

    vet, omloop = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for k, kop in enumerate(koppen, start=1):
        c = cel(blad, rij, k, kop)
        c.font, c.alignment = vet, omloop


def breedtes(blad, koppen: Sequence[str], rijen: Sequence[Sequence], vast: dict[int, float] | None = None) -> None:
    """Column widths from the longest value (the header counts per word, since it wraps)."""
    from openpyxl.utils import get_column_letter

    for k, kop in enumerate(koppen):
        lang = max([len(w) for w in str(kop).split()] + [len(_zichtbaar(r[k])) for r in rijen if k < len(r)] + [0])
        breedte = (vast or {}).get(k + 1, min(MAX_BREEDTE, max(MIN_BREEDTE, lang + 2)))
        blad.column_dimensions[get_column_letter(k + 1)].width = breedte


def _zichtbaar(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        return f"{waarde:.1f}"
    return str(waarde)


def schrijf_blad(boek, blad: Werkblad):
    """A sheet with a header row in words, frozen, and every cell in its column's format."""
    ws = boek.create_sheet(blad.naam[:31])
    koppen = [k.kop for k in blad.kolommen]
    kopregel(ws, 1, koppen)
    rijen = [list(r) for r in blad.rijen]
    for i, rij in enumerate(rijen, start=2):
        if len(rij) != len(blad.kolommen):
            raise ValueError(f"blad {blad.naam}: rij {i} heeft {len(rij)} waarden voor {len(blad.kolommen)} kolommen")
        anders = blad.rijsoort(rij) if blad.rijsoort else None
        for k, (kolom, waarde) in enumerate(zip(blad.kolommen, rij), start=1):
            cel(ws, i, k, waarde, anders if anders and kolom.soort == "decimaal" else kolom.soort)
    breedtes(ws, koppen, rijen[:2000])
    ws.freeze_panes = "A2"
    return ws


def toelichting(boek, bladen: Sequence[Werkblad], inleiding: Sequence[str] = ()):
    """The first sheet: one row per column of every sheet (a table with its header in row 1, so it
    reads back like the others), then a few lines about the file."""
    from openpyxl.styles import Alignment

    ws = boek.create_sheet(TOELICHTING, 0)
    koppen = ["Blad", "Kolom", "Betekenis", "Opmaak"]
    kopregel(ws, 1, koppen)
    ws.freeze_panes = "A2"
    rijen = [[blad.naam[:31], kolom.kop, kolom.uitleg, SOORT_TEKST[kolom.soort]]
             for blad in bladen for kolom in blad.kolommen]
    omloop = Alignment(wrap_text=True, vertical="top")
    for r, rij in enumerate(rijen, start=2):
        for k, waarde in enumerate(rij, start=1):
            cel(ws, r, k, waarde).alignment = omloop
    for i, regel in enumerate(inleiding, start=len(rijen) + 3):
        cel(ws, i, 1, regel)
    breedtes(ws, koppen, rijen, vast={3: 90})
    return ws


def als_bytes(boek) -> bytes:
    buf = io.BytesIO()
    boek.save(buf)
    return buf.getvalue()


def nieuwe_werkmap():
    """An empty workbook (openpyxl starts with one sheet; ours are all added by name)."""
    import openpyxl

    boek = openpyxl.Workbook()
    boek.remove(boek.active)
    return boek


def werkmap(bladen: Sequence[Werkblad], inleiding: Sequence[str] = ()) -> bytes:
    """The workbook: "Toelichting" first (it opens first), then the sheets in order."""
    boek = nieuwe_werkmap()
    for blad in bladen:
        schrijf_blad(boek, blad)
    toelichting(boek, bladen, inleiding)
    boek.active = 0
    return als_bytes(boek)
