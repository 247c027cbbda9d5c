"""Decoding and sniffing: the encoding, delimiter and `sep=` line of a CSV the way Dutch users save it.

A CSV saved by Dutch Excel (`;`, BOM, cp1252, CRLF) and Excel's "Unicode-tekst" (UTF-16, tabs)
give the same rows.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .fouten import Fouten, InvoerFout
from .tabel import Tabel, _kies_kop, _regels_naar_tabel


def _lees_tekst(pad: Path, ruw: bytes) -> tuple[str, str]:
    if ruw.startswith(b"\xef\xbb\xbf"):
        try:
            tekst, codering = ruw[3:].decode("utf-8", errors="strict"), "utf-8 met BOM"
        except UnicodeDecodeError as e:
            raise InvoerFout(pad, f"begint als UTF-8 (BOM) maar byte {e.start + 3} is geen UTF-8; sla opnieuw op "
                                  "als 'CSV UTF-8' uit Excel") from None
    elif ruw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            tekst, codering = ruw.decode("utf-16"), "UTF-16 (Excel 'Unicode-tekst')"
        except UnicodeDecodeError as e:
            raise InvoerFout(pad, f"UTF-16-tekst niet te lezen op byte {e.start}; sla op als CSV (UTF-8)") from None
    else:
        try:
            tekst, codering = ruw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                # Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)" writes Windows-1252.
                tekst, codering = ruw.decode("cp1252"), "cp1252 (Windows)"
            except UnicodeDecodeError as e:
                raise InvoerFout(pad, f"tekens niet te lezen op byte {e.start} (geen UTF-8 en geen Windows-1252); "
                                      "sla op als 'CSV UTF-8' of 'CSV (gescheiden door lijstscheidingsteken)' "
                                      "uit Excel") from None
    if "\x00" in tekst:
        raise InvoerFout(pad, "geen tekstbestand (bevat nul-tekens); verwacht CSV of een Excel-werkmap (.xlsx)")
    return tekst, codering


_SEP_REGEL = re.compile(r'^\s*"?sep=(.)"?\s*$', re.IGNORECASE)
_SCHEIDING_NAAM = {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep"}


def _lees_csv(pad: Path, ruw: bytes, fouten: Fouten, kopregels: int = 1, verwacht: list[str] | None = None) -> Tabel:
    tekst, codering = _lees_tekst(pad, ruw)
    if not tekst.strip():
        raise InvoerFout(pad, "bestand is leeg; verwacht een kopregel met kolomnamen")
    herkend = [f"codering {codering}"]
    regels_tekst = tekst.splitlines()
    start = 0
    m = _SEP_REGEL.match(regels_tekst[0])
    if m:
        scheiding = m.group(1)
        herkend.append("regel 'sep=' van Excel")
        tekst = tekst.split("\n", 1)[1] if "\n" in tekst else ""
        start = 1
    else:
        eerste = next((r for r in regels_tekst if r.strip()), "")
        scheiding = max([";", ",", "\t"], key=eerste.count)
    herkend.append(f"scheidingsteken {_SCHEIDING_NAAM.get(scheiding, repr(scheiding))}")
    if "\r\n" in tekst:
        herkend.append("Windows-regeleinden (CRLF)")
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    regels: list[tuple[int, list[str]]] = []
    try:
        for nr, regel in enumerate(lezer, start=1 + start):
            regels.append((nr, regel))
    except csv.Error as e:
        raise InvoerFout(pad, f"CSV niet te lezen ({e}); staat er een aanhalingsteken dat niet is gesloten?",
                         rij=len(regels) + 1 + start) from None
    if verwacht:
        regels, _ = _kies_kop(pad, [("", regels)], verwacht, None, herkend)
    return _regels_naar_tabel(pad, regels, kopregels, fouten, herkend, scheiding)


def _soort_bestand(pad: Path, ruw: bytes) -> str:
    if ruw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if ruw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvoerFout(pad, "oud Excel-formaat (.xls) of een met wachtwoord beveiligde werkmap; sla op als "
                              "Excel-werkmap (.xlsx) zonder wachtwoord, of als CSV")
    if pad.suffix.lower() in {".xlsx", ".xlsm"}:
        raise InvoerFout(pad, "geen leesbaar Excel-bestand (geen xlsx-inhoud); sla opnieuw op als "
                              "Excel-werkmap (.xlsx) of als CSV")
    if pad.suffix.lower() in {".ods", ".numbers"}:
        raise InvoerFout(pad, f"{pad.suffix}-bestanden worden niet gelezen; sla op als Excel-werkmap (.xlsx) of CSV")
    return "csv"
