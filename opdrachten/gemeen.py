"""What the commands share: their common options, writing to a file or the screen, and today's date."""

from __future__ import annotations

from itertools import chain
from typing import Iterable

import click

from matching.bestanden.schrijven import schrijf_atomisch, schrijf_atomisch_in_stukken

FORMATEN = ["tabel", "csv", "json", "xlsx"]
ZET = click.option("--zet", "zet", multiple=True, metavar="SLEUTEL=WAARDE",
                   help="overschrijf een sleutel van het scenario voor deze run (herhaalbaar), "
                        "bv. --zet aanbod.woningen_per_jaar=40")
CSV_STIJL = click.option("--csv-stijl", "csv_stijl", type=click.Choice(["nl", "internationaal"]), default="nl",
                         show_default=True, help="csv voor Nederlandse Excel (; en decimale komma) of internationaal")


def meld_aftopping(beleiden: Iterable, jaren: Iterable[int]) -> None:
    """'let op' on stderr, once per year, where a policy's rent limits for a year of the run are
    borrowed from another year (`Beleid.aftopping_geleend`)."""
    jaren = list(jaren)
    for regel in dict.fromkeys(m for b in beleiden for m in b.aftopping_geleend(jaren)):
        click.echo(f"let op: {regel}", err=True)


def horizonjaren(sc) -> range:
    """The calendar years a scenario's simulation spans."""
    import datetime as dt
    laatste = sc.startdatum + dt.timedelta(days=max(sc.horizon_dagen - 1, 0))
    return range(sc.startdatum.year, laatste.year + 1)


def xlsx_vraagt_bestand(formaat: str, uitvoer: str | None) -> None:
    """A workbook is not for the screen: refused before any work."""
    if formaat == "xlsx" and not uitvoer:
        raise click.UsageError("--format xlsx vraagt --uitvoer BESTAND.xlsx")


def uit(tekst: str | bytes | Iterable, uitvoer: str | None, csv_stijl: str | None = None) -> None:
    """To the file (a CSV with a BOM for Dutch Excel when `csv_stijl` is nl; an xlsx as its bytes) or the screen.
    `tekst` may come in pieces (a long CSV; an xlsx as the piece that writes itself into the file, see
    `schrijf_atomisch_in_stukken`): each is written as it is made, never the whole in memory."""
    if isinstance(tekst, bytes):
        schrijf_atomisch(uitvoer, tekst)
        click.echo(f"geschreven: {uitvoer}", err=True)
        return
    stukken = iter((tekst,) if isinstance(tekst, str) else tekst)
    if uitvoer:
        if csv_stijl:
            from matching.bestanden.csv_nl import als_bestand
            stukken = chain((als_bestand(next(stukken, ""), csv_stijl),), stukken)
        schrijf_atomisch_in_stukken(uitvoer, stukken)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        if csv_stijl and _scherm_is_een_bestand():
            # `> x.csv`: a file Excel will open, so the BOM too (not into a pipe: the next program
            # reads the text as it is).
            from matching.bestanden.csv_nl import als_bestand
            stukken = chain((als_bestand(next(stukken, ""), csv_stijl),), stukken)
        for stuk in stukken:
            click.echo(stuk, nl=False)


def _scherm_is_een_bestand() -> bool:
    """Whether standard output was sent to a file (`> x.csv`) rather than a terminal or a pipe."""
    import os
    import stat
    import sys
    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def vandaag() -> "dt.date":
    """Today's date; HUISVESTING_VANDAAG=JJJJ-MM-DD fixes it (for tests and reruns of a past round)."""
    import datetime as dt
    import os

    vast = os.environ.get("HUISVESTING_VANDAAG")
    if vast:
        from matching.bestanden import lees_datum
        return lees_datum(vast, None, None, "HUISVESTING_VANDAAG")
    return dt.date.today()
