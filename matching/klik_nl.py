"""Click's own messages in Dutch ("Ontbrekende optie", not "Missing option"): a small translation
of the messages of click's exceptions, shown by cli.main's handler as 'fout: ...', exit code 2."""

from __future__ import annotations

import re

import click

VERTALING = [
    (r"Missing option '([^']*)'", r"Ontbrekende optie '\1'"),
    (r"Missing argument '([^']*)'", r"Ontbrekend argument '\1'"),
    (r"Missing parameter '([^']*)'", r"Ontbrekende waarde '\1'"),
    (r"No such option '([^']*)'", r"Onbekende optie '\1'"),
    (r"No such option: (\S+)", r"Onbekende optie \1"),
    (r"Did you mean '([^']*)'\?", r"Bedoelt u '\1'?"),
    (r"\(Possible options: ([^)]*)\)", r"(mogelijke opties: \1)"),
    (r"No such command '([^']*)'", r"Onbekende opdracht '\1'"),
    (r"Invalid value for '([^']*)'", r"Ongeldige waarde voor '\1'"),
    (r"Invalid value", "Ongeldige waarde"),
    (r"'([^']*)' is not one of (.*)\.", r"'\1' is geen geldige keuze; kies uit \2."),
    (r"(\S+) is not in the range (\S+)\.", r"\1 ligt buiten het bereik \2."),
    (r"'([^']*)' is not a valid integer( range)?\.", r"'\1' is geen geheel getal."),
    (r"'([^']*)' is not a valid float( range)?\.", r"'\1' is geen getal."),
    (r"Got unexpected extra arguments? \(([^)]*)\)", r"Onverwacht extra argument (\1)"),
    (r"Option '([^']*)' requires an argument\.", r"Optie '\1' vraagt een waarde."),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"Optie '\1' vraagt \2 waarden."),
    (r"Option '([^']*)' does not take a value\.", r"Optie '\1' neemt geen waarde."),
    (r"(File|Directory|Path) '([^']*)' does not exist\.", r"'\2' bestaat niet."),
    (r"File '([^']*)' is a directory\.", r"'\1' is een map, geen bestand."),
    (r"Directory '([^']*)' is a file\.", r"'\1' is een bestand, geen map."),
]


def vertaal(tekst: str) -> str:
    """Click's English message in Dutch; what is not in the table stays as it is."""
    for patroon, vervanging in VERTALING:
        tekst = re.sub(patroon, vervanging, tekst)
    return tekst


def toon(e: click.ClickException) -> None:
    """Like `e.show()`, in Dutch: for a usage error the usage line and where to find help first."""
    ctx = getattr(e, "ctx", None)
    if isinstance(e, click.UsageError) and ctx is not None:
        gebruik = ctx.get_usage().replace("Usage:", "Gebruik:").replace("[OPTIONS]", "[OPTIES]")
        click.echo(f"{gebruik}\nZie '{ctx.command_path} -h' voor hulp.\n", err=True)
    click.echo(f"fout: {vertaal(e.format_message())}", err=True)
