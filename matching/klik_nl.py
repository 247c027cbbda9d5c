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


# Click's own words in --help (usage line, headings, metavars, [default: ...]) in Dutch.
KOPPEN = {"Options": "Opties", "Commands": "Opdrachten", "Arguments": "Argumenten"}
METAVARS = [(r"\bINTEGER RANGE\b", "GETAL"), (r"\bFLOAT RANGE\b", "GETAL"), (r"\bINTEGER\b", "GETAL"),
            (r"\bFLOAT\b", "GETAL"), (r"\bTEXT\b", "TEKST"), (r"\bPATH\b", "PAD"), (r"\bFILE\b", "BESTAND"),
            (r"\bDIRECTORY\b", "MAP"), (r"\bBOOLEAN\b", "JA/NEE")]
HULP = [("Show this message and exit.", "Toon dit bericht en stop."),
        ("Show the version and exit.", "Toon de versie en stop."),
        ("[default: ", "[standaard: "), ("; default: ", "; standaard: "),
        ("; required]", "; verplicht]"), ("[required]", "[verplicht]"), ("[env var: ", "[omgevingsvariabele: ")]


class NlHulp(click.HelpFormatter):
    """HelpFormatter that writes click's fixed words in Dutch; the project's own help texts are Dutch already."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]...")
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(KOPPEN.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(_vervang_re(term, METAVARS), _vervang(hulp, HULP)) for term, hulp in rows],
                         col_max, col_spacing)


def _vervang(tekst: str, paren) -> str:
    for oud, nieuw in paren:
        tekst = tekst.replace(oud, nieuw)
    return tekst


def _vervang_re(tekst: str, paren) -> str:
    for patroon, nieuw in paren:
        tekst = re.sub(patroon, nieuw, tekst)
    return tekst


class NlContext(click.Context):
    formatter_class = NlHulp


def in_het_nederlands(opdracht: click.Command) -> click.Command:
    """Give a command, and every subcommand of a group, the Dutch help formatter."""
    opdracht.context_class = NlContext
    for sub in getattr(opdracht, "commands", {}).values():
        in_het_nederlands(sub)
    return opdracht
