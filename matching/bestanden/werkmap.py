"""Excel workbooks as the product writes them (`--format xlsx` of toewijzen, simuleer, vergelijk and
prognose): Dutch headers in words, number formats by kind (percent and decimals with one decimal),
column widths, a frozen header row, and a first sheet "Toelichting" that explains every column.

The columns themselves are declared where their command declares them (simulatie/kolommen.py,
simulatie/provincie/kolommen.py, matching/uitvoer.py, simulatie/vergelijking_rapport.py); this
module only lays them out. Percentages are stored as fractions (0.877, shown as 87,7%), so reading
the file back with openpyxl or pandas gives the numbers of the JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, Sequence

from .privacy import veilige_cel

SOORTEN = ("geheel", "decimaal", "procent", "tekst")
# Excel number format per kind; Dutch Excel shows these with a decimal comma.
GETALOPMAAK = {"geheel": "0", "decimaal": "0.0", "procent": "0.0%", "tekst": "General"}
SOORT_TEKST = {"geheel": "geheel getal", "decimaal": "getal, één decimaal", "procent": "percentage",
               "tekst": "tekst"}
TOELICHTING = "Toelichting"
MIN_BREEDTE, MAX_BREEDTE = 8, 60
BREEDTE_RIJEN = 2000  # the rows a column's width is taken from
# Rows per sheet below the header (Excel's limit is 1,048,576 in all): more go on to a next sheet,
# "Per replicatie (2)" and so on.
MAX_RIJEN = 1_048_575
# Every entry of the file and its properties carry this time, not the time of writing: the same
# run gives the same bytes (the ZIP format's first possible date).
VASTE_TIJD = (1980, 1, 1, 0, 0, 0)


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


def _opgemaakt(blad: Werkblad, rij: Sequence, i: int) -> Iterator[tuple]:
    """(value, kind) of each cell of row `i` (the sheet's row number, for the message)."""
    if len(rij) != len(blad.kolommen):
        raise ValueError(f"blad {blad.naam}: rij {i} heeft {len(rij)} waarden voor {len(blad.kolommen)} kolommen")
    anders = blad.rijsoort(rij) if blad.rijsoort else None
    for kolom, waarde in zip(blad.kolommen, rij):
        yield waarde, anders if anders and kolom.soort == "decimaal" else kolom.soort


def _stroomcel(ws, waarde, soort: str | None = None):
    """`cel` for a sheet written row by row (openpyxl's write-only mode)."""
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, value=veilige_cel(waarde) if isinstance(waarde, str) else waarde)
    if soort and soort != "tekst" and waarde is not None:
        c.number_format = GETALOPMAAK[soort]
    return c


def _stroomkop(ws, koppen: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font

    vet, omloop = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    rij = []
    for kop in koppen:
        c = _stroomcel(ws, kop)
        c.font, c.alignment = vet, omloop
        rij.append(c)
    ws.append(rij)


def _schrijf_stroomblad(boek, titel: str, blad: Werkblad, rijen: Iterator[Sequence]) -> None:
    """One sheet, row by row: only the rows for the widths are held, never the sheet."""
    ws = boek.create_sheet(titel)
    ws.freeze_panes = "A2"
    koppen = [k.kop for k in blad.kolommen]
    eerste = [list(r) for r in islice(rijen, BREEDTE_RIJEN)]
    breedtes(ws, koppen, eerste)  # (before any row: write-only sheets take widths first)
    _stroomkop(ws, koppen)
    for i, rij in enumerate(chain(eerste, rijen), start=2):
        ws.append([_stroomcel(ws, w, soort) for w, soort in _opgemaakt(blad, rij, i)])


_GEEN = object()


def _bladen_in_stroom(boek, blad: Werkblad) -> list[Werkblad]:
    """`blad` written row by row over as many sheets as Excel's row limit asks: the sheets, as
    Werkblad (name and columns) for the Toelichting."""
    rijen = iter(blad.rijen)
    uit = []
    while True:
        titel = blad.naam[:31] if not uit else f"{blad.naam[:24]} ({len(uit) + 1})"
        _schrijf_stroomblad(boek, titel, blad, islice(rijen, MAX_RIJEN))
        uit.append(replace(blad, naam=titel, rijen=()))
        volgende = next(rijen, _GEEN)
        if volgende is _GEEN:
            return uit
        rijen = chain((volgende,), rijen)


def toelichting(boek, bladen: Sequence[Werkblad], inleiding: Sequence[str] = ()):
    """The first sheet: one row per column of every sheet (a table with its header in row 1, so it
    reads back like the others), then a few lines about the file."""
    from openpyxl.styles import Alignment

    ws = boek.create_sheet(TOELICHTING, 0)
    koppen = ["Blad", "Kolom", "Betekenis", "Opmaak"]
    ws.freeze_panes = "A2"
    rijen = [[blad.naam[:31], kolom.kop, kolom.uitleg, SOORT_TEKST[kolom.soort]]
             for blad in bladen for kolom in blad.kolommen]
    omloop = Alignment(wrap_text=True, vertical="top")
    breedtes(ws, koppen, rijen, vast={3: 90})
    if boek.write_only:
        _stroomkop(ws, koppen)
        for rij in rijen:
            cellen = [_stroomcel(ws, w) for w in rij]
            for c in cellen:
                c.alignment = omloop
            ws.append(cellen)
        ws.append([])
        for regel in inleiding:
            ws.append([_stroomcel(ws, regel)])
        return ws
    kopregel(ws, 1, koppen)
    for r, rij in enumerate(rijen, start=2):
        for k, waarde in enumerate(rij, start=1):
            cel(ws, r, k, waarde).alignment = omloop
    for i, regel in enumerate(inleiding, start=len(rijen) + 3):
        cel(ws, i, 1, regel)
    return ws


class _VasteTijdZip(zipfile.ZipFile):
    """A zip whose entries all carry `VASTE_TIJD`: openpyxl stamps each with the time of writing."""

    def _info(self, naam: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(naam, date_time=VASTE_TIJD)
        info.compress_type, info.external_attr = self.compression, 0o600 << 16
        return info

    def writestr(self, naam, data, compress_type=None, compresslevel=None):
        if isinstance(naam, zipfile.ZipInfo):
            naam.date_time = VASTE_TIJD
        else:
            naam = self._info(naam)
        super().writestr(naam, data, compress_type, compresslevel)

    def write(self, bestand, naam=None, compress_type=None, compresslevel=None):
        # (a sheet written row by row is a temporary file: copied in, not read into memory)
        with open(bestand, "rb") as bron, self.open(self._info(naam or bestand), "w", force_zip64=True) as doel:
            shutil.copyfileobj(bron, doel, 1 << 20)


def _bewaar(boek, doel) -> None:
    """The workbook's file into `doel` (a seekable binary file, at its start), without the time
    of writing."""
    from openpyxl.writer.excel import ExcelWriter

    vast = dt.datetime(*VASTE_TIJD)
    boek.properties.created = boek.properties.modified = vast
    try:
        with _VasteTijdZip(doel, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archief:
            ExcelWriter(boek, archief).save()
    except BaseException:
        _sluit_bladen(boek)
        raise


def _sluit_bladen(boek) -> None:
    """After a failure while the file is written (Ctrl-C) close the sheets openpyxl still writes
    row by row: left open, each complains about its closed file when it is cleaned up."""
    for ws in boek.worksheets if boek.write_only else ():
        if not ws.closed:
            try:
                ws.close()
            except Exception:  # (the failure itself is what the caller reports)
                pass


def als_bytes(boek) -> bytes:
    """The workbook's file, the same bytes for the same workbook (no time of writing in it)."""
    buf = io.BytesIO()
    _bewaar(boek, buf)
    return buf.getvalue()


def nieuwe_werkmap(stroom: bool = False):
    """An empty workbook (openpyxl starts with one sheet; ours are all added by name). `stroom`:
    sheets written row by row (openpyxl's write-only mode), for sheets of any length."""
    import openpyxl

    if stroom:
        return openpyxl.Workbook(write_only=True)
    boek = openpyxl.Workbook()
    boek.remove(boek.active)
    return boek


def werkmap(bladen: Sequence[Werkblad], inleiding: Sequence[str] = ()) -> bytes:
    """The workbook: "Toelichting" first (it opens first), then the sheets in order. Each sheet
    is written row by row as its rows are made (a million replications are never in memory at
    once); a sheet past Excel's row limit goes on to a next one."""
    return als_bytes(_maak_boek(bladen, inleiding))


def werkmap_in_stukken(bladen: Sequence[Werkblad], inleiding: Sequence[str] = ()) -> Iterator[Callable]:
    """`werkmap` for the atomic writer (`schrijf_atomisch_in_stukken`), never whole in memory:
    one piece, which writes the file into the writer's temporary file itself. Nothing is made
    before the writer asks for it (an error while making it then leaves nothing behind)."""
    yield partial(_bewaar, _maak_boek(bladen, inleiding))


def _maak_boek(bladen: Sequence[Werkblad], inleiding: Sequence[str]):
    boek = nieuwe_werkmap(stroom=True)
    geschreven = [deel for blad in bladen for deel in _bladen_in_stroom(boek, blad)]
    toelichting(boek, geschreven, inleiding)
    boek.active = 0
    return boek
