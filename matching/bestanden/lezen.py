"""`lees_tabel`: every loader in the project reads its file through here (csv, Unicode text or xlsx).
"""

from __future__ import annotations

import csv
import io
import logging
import os
from pathlib import Path

from .decoderen import _lees_csv, _lees_tekst, _soort_bestand
from .fouten import Fouten, InvoerFout, _grens
from .privacy import verboden_kolom
from .tabel import Tabel, cel_als_tekst
from .xlsx import _lees_xlsx


log = logging.getLogger(__name__)


def ruwe_cellen(pad: str | os.PathLike, max_rijen: int = 15) -> list[list[str]]:
    """The first rows of a CSV or xlsx as text cells, without interpreting a header: for
    recognising tables whose header is not in row 1 (the province's)."""
    pad = Path(pad)
    ruw = pad.read_bytes()
    if _soort_bestand(pad, ruw) == "xlsx":
        import openpyxl
        try:
            boek = openpyxl.load_workbook(io.BytesIO(ruw), read_only=True, data_only=True)
        except Exception:
            return []
        try:
            blad = boek.worksheets[0]
            blad.reset_dimensions()
            return [[cel_als_tekst(c) for c in r] for r in blad.iter_rows(max_row=max_rijen, values_only=True)]
        finally:
            boek.close()
    tekst, _ = _lees_tekst(pad, ruw)
    eerste = "\n".join(tekst.splitlines()[:5])
    scheiding = max([";", ",", "\t"], key=eerste.count)
    uit = []
    try:
        for r in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding):
            uit.append([c.strip() for c in r])
            if len(uit) >= max_rijen:
                break
    except csv.Error:
        pass
    return uit


def lees_tabel(pad: str | os.PathLike, fouten: Fouten | None = None, kopregels: int = 1,
               verwacht: list[str] | None = None, blad: str | None = None) -> Tabel:
    """A CSV (any of the Dutch Excel variants) or xlsx as text rows. Problems of the whole file
    (missing, empty, unreadable) raise at once; row problems go to `fouten`. With `verwacht`
    (known column names) the header is found where it is: after title rows, empty rows or
    merged cells, on whichever sheet holds it; `blad` picks a sheet by name."""
    fouten = fouten if fouten is not None else Fouten()
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(pad, "bestand bestaat niet")
    if pad.is_dir():
        raise InvoerFout(pad, "is een map; verwacht een bestand (CSV of .xlsx)")
    grens_mb = _grens("max_bestand_mb", 100)
    grootte = pad.stat().st_size
    if grootte > grens_mb * 1024 * 1024:
        mb = f"{grootte / 1024 / 1024:.1f}".replace(".", ",")
        raise InvoerFout(pad, f"bestand is {mb} MB; de grens is {grens_mb} MB (max_bestand_mb in "
                              "matching/grenzen.toml); splits het bestand, bijvoorbeeld per kern")
    ruw = pad.read_bytes()
    if _soort_bestand(pad, ruw) == "xlsx":
        tabel = _lees_xlsx(pad, kopregels, fouten, bron=ruw, verwacht=verwacht, blad=blad)
        if pad.suffix.lower() not in {".xlsx", ".xlsm"}:
            tabel.herkend.append(f"Excel-inhoud met extensie {pad.suffix or '(geen)'}")
    else:
        if blad is not None:
            raise InvoerFout(pad, "--blad geldt alleen voor een Excel-werkmap; dit is een CSV-bestand", veld="--blad")
        tabel = _lees_csv(pad, ruw, fouten, kopregels, verwacht)
    for k in tabel.kolommen:
        if k and verboden_kolom(k):
            fouten.meld(InvoerFout(pad, f"kolom '{k}' bevat een beschermd persoonskenmerk of een direct "
                                        "identificerend gegeven; dat mag niet worden aangeleverd (AVG) en speelt "
                                        "geen rol bij toewijzing: haal de kolom weg", rij=tabel.kop_rij, veld=k))
    dubbel = sorted({k for k in tabel.kolommen if k and tabel.kolommen.count(k) > 1})
    for k in dubbel:
        fouten.meld(InvoerFout(pad, f"kolom '{k}' staat er twee keer in", rij=tabel.kop_rij, veld=k))
    log.info("%s gelezen: %d rijen; %s", pad.name, len(tabel.rijen), ", ".join(tabel.herkend))
    return tabel
