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
from typing import Iterable, Iterator

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
    return "".join(csv_stukken(kop, rijen, stijl, voorregels))


# Rows per piece of `csv_stukken`: enough that a piece is worth a write, few enough that a piece
# is a few hundred KB.
RIJEN_PER_STUK = 5_000


def csv_stukken(kop: list[str], rijen: Iterable[Iterable], stijl: str = "nl", voorregels: Iterable[str] = (),
                per: int = RIJEN_PER_STUK) -> Iterator[str]:
    """`csv_tekst` in pieces of `per` rows (the first with the header), made only when asked
    for: a file of any length is written holding one piece in memory."""
    if stijl not in STIJLEN:
        raise ValueError(f"onbekende csv-stijl {stijl!r}")
    return _stukken(kop, rijen, stijl, voorregels, per)


def _stukken(kop, rijen, stijl, voorregels, per) -> Iterator[str]:
    buf = io.StringIO()
    for regel in voorregels:
        buf.write(regel + "\r\n")
    w = csv.writer(buf, delimiter=";" if stijl == "nl" else ",", lineterminator="\r\n")
    w.writerow([str(veilige_cel(k)) for k in kop])
    n = 0
    for r in rijen:
        w.writerow([cel(x, stijl) for x in r])
        n += 1
        if n == per:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
            n = 0
    yield buf.getvalue()


def als_bestand(tekst: str, stijl: str = "nl") -> str:
    """The text for a file: a BOM in front for Dutch Excel, so it reads UTF-8."""
    return BOM + tekst if stijl == "nl" and not tekst.startswith(BOM) else tekst
