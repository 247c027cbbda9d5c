"""The one CSV writer of the product: as Dutch Excel reads it by default (`;`, decimal comma,
dates as dd-mm-jjjj, a UTF-8 BOM in files), or `internationaal` for programs (`,`, points,
ISO dates, no BOM). Text cells go through `veilige_cel` (no live formulas in Excel).

Read a Dutch file with pandas: `pd.read_csv(pad, sep=";", decimal=",", encoding="utf-8-sig")`
(add `comment="#"` for the example's first line).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Iterable

from .privacy import veilige_cel

STIJLEN = ("nl", "internationaal")
BOM = "\ufeff"


class Procent(float):
    """A fraction shown as a percentage with one decimal: 0.877 -> '87,7%' (nl) or '87.7%'."""


def cel(waarde, stijl: str = "nl") -> str:
    """One cell as text in the given style."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "1" if waarde else "0"
    if isinstance(waarde, Procent):
        tekst = f"{float(waarde) * 100:.1f}%"
        return tekst.replace(".", ",") if stijl == "nl" else tekst
    if isinstance(waarde, float):
        if waarde != waarde:  # NaN: an empty cell
            return ""
        tekst = f"{waarde:.10f}".rstrip("0").rstrip(".")
        tekst = "0" if tekst == "-0" else tekst
        return tekst.replace(".", ",") if stijl == "nl" else tekst
    if isinstance(waarde, dt.date):
        return waarde.strftime("%d-%m-%Y") if stijl == "nl" else waarde.isoformat()
    if isinstance(waarde, int):
        return str(waarde)
    return str(veilige_cel(str(waarde)))


def csv_tekst(kop: list[str], rijen: Iterable[Iterable], stijl: str = "nl", voorregels: Iterable[str] = ()) -> str:
    """The whole file as text, without BOM (`als_bestand` adds it for a file). `voorregels`
    are written first, as they are (e.g. '# voorbeeldgegevens, geen echte huishoudens')."""
    if stijl not in STIJLEN:
        raise ValueError(f"onbekende csv-stijl {stijl!r}")
    buf = io.StringIO()
    for regel in voorregels:
        buf.write(regel + "\r\n")
    w = csv.writer(buf, delimiter=";" if stijl == "nl" else ",", lineterminator="\r\n")
    w.writerow([str(veilige_cel(k)) for k in kop])
    for r in rijen:
        w.writerow([cel(x, stijl) for x in r])
    return buf.getvalue()


def als_bestand(tekst: str, stijl: str = "nl") -> str:
    """The text for a file: a BOM in front for Dutch Excel, so it reads UTF-8."""
    return BOM + tekst if stijl == "nl" and not tekst.startswith(BOM) else tekst
