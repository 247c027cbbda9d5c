"""Excel workbooks: every sheet read as text cells, the sheet with the header chosen.
"""

from __future__ import annotations

import io
from pathlib import Path

from .fouten import Fouten, InvoerFout
from .tabel import Tabel, _kies_kop, _regels_naar_tabel, cel_als_tekst


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
    regels, _ = _kies_kop(pad, bladen, verwacht, blad, herkend)
    if not regels:
        raise InvoerFout(pad, "werkblad is leeg; verwacht een kopregel met kolomnamen")
    return _regels_naar_tabel(pad, regels, kopregels or 1, fouten, herkend, None)
