"""Excel workbooks: every sheet read as text cells, the sheet with the header chosen.
"""

from __future__ import annotations

import io
from pathlib import Path

from .fouten import Fouten, InvoerFout
from .tabel import Tabel, _kies_kop, _normaliseer_kolom, _regels_naar_tabel, _vind_kop, cel_als_tekst


def _lees_xlsx_bladen(pad: Path, bron: bytes) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """Every sheet of a workbook as (name, rows of text cells with their Excel row numbers)."""
    import openpyxl

    try:
        boek = openpyxl.load_workbook(io.BytesIO(bron), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged file
        raise InvoerFout(pad, f"geen leesbaar Excel-bestand ({type(e).__name__}); sla opnieuw op als "
                              "Excel-werkmap (.xlsx) of als CSV") from None
    try:
        if not boek.worksheets:
            raise InvoerFout(pad, "werkmap heeft geen werkblad")
        bladen = []
        for blad in boek.worksheets:
            blad.reset_dimensions()  # some programs write a wrong size; read what is really there
            bladen.append((blad.title, [(nr, [cel_als_tekst(c) for c in rij])
                                        for nr, rij in enumerate(blad.iter_rows(values_only=True), start=1)]))
    finally:
        boek.close()
    return bladen


def _lees_xlsx(pad: Path, kopregels: int | None = None, fouten: Fouten | None = None,
               bron: bytes | None = None, verwacht: list[str] | None = None, blad: str | None = None) -> Tabel:
    fouten = fouten if fouten is not None else Fouten()
    bladen = _lees_xlsx_bladen(pad, bron if bron is not None else pad.read_bytes())
    if not any(any(any(c for c in r) for _, r in regels) for _, regels in bladen) and blad is None:
        raise InvoerFout(pad, "werkblad is leeg; verwacht een kopregel met kolomnamen")
    herkend = ["Excel-werkmap (xlsx)"]
    regels, naam = _kies_kop(pad, bladen, verwacht, blad, herkend)
    # With several sheets (or one asked for) every problem names the sheet it is on.
    genoemd = naam if len(bladen) > 1 or blad is not None else None
    if not regels:
        raise InvoerFout(pad, "werkblad is leeg; verwacht een kopregel met kolomnamen", blad=genoemd)
    if genoemd is not None:
        fouten.bladen[str(pad)] = genoemd
    tabel = _regels_naar_tabel(pad, regels, kopregels or 1, fouten, herkend, None)
    tabel.blad = genoemd
    return tabel


def koppen_per_blad(pad: str | Path, verwacht: list[str]) -> dict[str, list[str]]:
    """Every sheet of a workbook with its header: the row holding the most of `verwacht` (names
    normalised as in a `Tabel`; [] for a sheet without one). {} for a file that is not an xlsx."""
    pad = Path(pad)
    try:
        bron = pad.read_bytes()
    except OSError:
        return {}
    if not bron.startswith(b"PK\x03\x04"):
        return {}
    doel = {_normaliseer_kolom(k) for k in verwacht}
    uit = {}
    for naam, regels in _lees_xlsx_bladen(pad, bron):
        gevuld = [(nr, r) for nr, r in regels if any(str(c).strip() for c in r)]
        i, score = _vind_kop(gevuld, doel)
        uit[naam] = [_normaliseer_kolom(c) for c in gevuld[i][1]] if score else []
    return uit
