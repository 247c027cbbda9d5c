"""What the commands share: their common options, writing to a file or the screen, and today's date."""

from __future__ import annotations

import click

from matching.bestanden.schrijven import schrijf_atomisch

FORMATEN = ["tabel", "csv", "json", "xlsx"]
ZET = click.option("--zet", "zet", multiple=True, metavar="SLEUTEL=WAARDE",
                   help="overschrijf een sleutel van het scenario voor deze run (herhaalbaar), "
                        "bv. --zet aanbod.woningen_per_jaar=40")
CSV_STIJL = click.option("--csv-stijl", "csv_stijl", type=click.Choice(["nl", "internationaal"]), default="nl",
                         show_default=True, help="csv voor Nederlandse Excel (; en decimale komma) of internationaal")


def xlsx_vraagt_bestand(formaat: str, uitvoer: str | None) -> None:
    """A workbook is not for the screen: refused before any work."""
    if formaat == "xlsx" and not uitvoer:
        raise click.UsageError("--format xlsx vraagt --uitvoer BESTAND.xlsx")


def uit(tekst: str | bytes, uitvoer: str | None, csv_stijl: str | None = None) -> None:
    """To the file (a CSV with a BOM for Dutch Excel when `csv_stijl` is nl; an xlsx as its bytes) or the screen."""
    if isinstance(tekst, bytes):
        schrijf_atomisch(uitvoer, tekst)
        click.echo(f"geschreven: {uitvoer}", err=True)
    elif uitvoer:
        from matching.bestanden.csv_nl import als_bestand
        schrijf_atomisch(uitvoer, als_bestand(tekst, csv_stijl) if csv_stijl else tekst)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        click.echo(tekst, nl=False)


def vandaag() -> "dt.date":
    """Today's date; HUISVESTING_VANDAAG=JJJJ-MM-DD fixes it (for tests and reruns of a past round)."""
    import datetime as dt
    import os

    vast = os.environ.get("HUISVESTING_VANDAAG")
    if vast:
        from matching.bestanden import lees_datum
        return lees_datum(vast, None, None, "HUISVESTING_VANDAAG")
    return dt.date.today()
