"""huisvesting: command line for matching, simulation, comparison and the province's table.

Bad input ends with one line per problem on stderr and exit code 2, never a traceback;
output files are written atomically, so an interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import sys

import click

from matching.doel import DoelTeGroot
from matching.invoer import InvoerFout, InvoerFouten, schrijf_atomisch

FORMATEN = ["tabel", "csv", "json"]


def _uit(tekst: str, uitvoer: str | None) -> None:
    if uitvoer:
        schrijf_atomisch(uitvoer, tekst)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        click.echo(tekst, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="huisvesting")
def huisvesting():
    """Huisvesting van vergunninghouders: toewijzen, simuleren, vergelijken en prognose."""


@huisvesting.command()
@click.option("--huishoudens", "huishoudens_pad", type=click.Path(dir_okay=False), help="huishoudens.csv of .xlsx")
@click.option("--woningen", "woningen_pad", type=click.Path(dir_okay=False), help="woningen.csv of .xlsx")
@click.option("--beleid", "beleiden", multiple=True, help="strikt, flexibel of een beleid uit het scenario; "
              "twee keer geven vergelijkt ze")
@click.option("--scenario", default=None, help="scenario (naam of .toml): kernen, beleidsregels, peildatum, bestanden")
@click.option("--peildatum", default=None, help="datum van de toewijzingsronde (JJJJ-MM-DD); standaard de startdatum van het scenario")
@click.option("--oplosser", type=click.Choice(["auto", "stroom", "scipy", "cpsat"]), default="auto", show_default=True)
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm")
def toewijzen(huishoudens_pad, woningen_pad, beleiden, scenario, peildatum, oplosser, formaat, uitvoer):
    """Wijs huishoudens toe aan woningen, met redenen per plaatsing en per niet-plaatsing."""
    from matching import laad_huishoudens, laad_woningen, verschil_beleid, wijs_toe
    from matching.invoer import lees_datum
    from matching.uitvoer import als_csv, als_json, als_tabel
    from simulatie.scenario import laad_scenario

    sc = laad_scenario(scenario)
    kernen = list(sc.sc.kernen)
    huishoudens = laad_huishoudens(huishoudens_pad, kernen) if huishoudens_pad else sc.huishoudens
    woningen = laad_woningen(woningen_pad, kernen) if woningen_pad else sc.woningen
    datum = lees_datum(peildatum, None, None, "--peildatum") if peildatum else sc.sc.startdatum
    namen = list(beleiden) or (["strikt", "flexibel"] if not scenario else [sc.sc.beleid])
    resultaten = [wijs_toe(huishoudens, woningen, sc.beleid(n), datum, oplosser) for n in namen]
    verschillen = [verschil_beleid(a, b) for a, b in zip(resultaten, resultaten[1:])]
    tekst = {"tabel": lambda: als_tabel(resultaten, verschillen),
             "csv": lambda: als_csv(resultaten),
             "json": lambda: als_json(resultaten, verschillen)}[formaat]()
    _uit(tekst, uitvoer)


class _Voortgang:
    """A progress bar on stderr for long runs in a terminal; silent otherwise."""

    def __init__(self, totaal: int, omschrijving: str):
        self.balk = None
        if sys.stderr.isatty() and totaal >= 50:
            from rich.progress import Progress
            self.balk = Progress(transient=True)
            self.taak = self.balk.add_task(omschrijving, total=totaal)

    def __enter__(self):
        if self.balk:
            self.balk.start()
        return self

    def __call__(self, n: int) -> None:
        if self.balk:
            self.balk.advance(self.taak, n)

    def __exit__(self, *exc):
        if self.balk:
            self.balk.stop()


@huisvesting.command()
@click.argument("scenario", required=False)
@click.option("--replicaties", type=click.IntRange(1, 1_000_000), default=None,
              help="aantal replicaties (standaard uit het scenario: 1000)")
@click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard uit het scenario)")
@click.option("--beleid", default=None, help="strikt, flexibel of een beleid uit het scenario")
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm")
@click.option("--grafiek", default=None, help="PNG met de waaier van cumulatieve realisatie")
def simuleer(scenario, replicaties, seed, beleid, workers, dask, formaat, uitvoer, grafiek):
    """Simuleer het jaar: kans dat de taakstelling per periode wordt gehaald."""
    from simulatie.grafiek import waaier_png
    from simulatie.rapport import als_csv, als_json, als_tabel
    from simulatie.replicaties import simuleer as simuleer_
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import maak_uitvoerder

    g = laad_scenario(scenario)
    b = g.beleid(beleid)
    n = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    with _Voortgang(n, f"{g.sc.naam}, beleid {b.naam}") as voortgang:
        res = simuleer_(g, b, n, seed, uitvoerder, voortgang)
    tekst = {"tabel": lambda: als_tabel([res]), "json": lambda: als_json([res]),
             "csv": lambda: als_csv([res])}[formaat]()
    png = waaier_png(res) if grafiek else None
    _uit(tekst, uitvoer)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)


@huisvesting.command()
@click.argument("tabel", type=click.Path(dir_okay=False))
@click.option("--peildatum", required=True, help="datum tot waar de realisatie telt (JJJJ-MM-DD); bepaalt de periode")
@click.option("--scenarios", default=None, type=click.Path(file_okay=False),
              help="map met scenario's per gemeente (leusden-2022-2.toml): volledige simulatie")
@click.option("--replicaties", type=click.IntRange(1, 1_000_000), default=1000, show_default=True)
@click.option("--seed", type=click.IntRange(0), default=20221110, show_default=True)
@click.option("--format", "formaat", type=click.Choice(["tabel", "csv", "json", "xlsx"]), default="tabel",
              show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--grafiek", default=None, type=click.Path(file_okay=False), help="map voor een PNG per gemeente")
@click.option("--dask", default=None, help="tcp://host:poort van een Dask-cluster, of 'local'")
@click.option("--workers", type=click.IntRange(1, 1024), default=None, help="processen; standaard alle kernen")
def prognose(tabel, peildatum, scenarios, replicaties, seed, formaat, uitvoer, grafiek, dask, workers):
    """Prognose per gemeente naast de lineaire methode van de provincie (tabel van de provincie, csv of xlsx)."""
    from simulatie.prognose_uitvoer import prognose_commando
    prognose_commando(tabel, peildatum, scenarios, replicaties, seed, formaat, uitvoer, grafiek, dask, workers)


@huisvesting.command()
@click.argument("scenario", required=False)
@click.option("--beleid", "beleiden", multiple=True, help="twee of meer beleiden (standaard: strikt en flexibel)")
@click.option("--replicaties", type=click.IntRange(2, 1_000_000), default=None,
              help="aantal replicaties (standaard uit het scenario)")
@click.option("--seed", type=click.IntRange(0), default=None)
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
@click.option("--attributie/--geen-attributie", default=True, show_default=True,
              help="per regel: aan vanuit het eerste beleid, uit vanuit het tweede")
@click.option("--format", "formaat", type=click.Choice(FORMATEN + ["xlsx"]), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--grafiek", default=None, help="PNG met de verschillen en hun intervallen")
def vergelijk(scenario, beleiden, replicaties, seed, workers, dask, attributie, formaat, uitvoer, grafiek):
    """Vergelijk beleiden gepaard op dezelfde gesimuleerde wereld, met wat elke regel bijdraagt."""
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import maak_uitvoerder
    from simulatie.vergelijking import vergelijk as vergelijk_
    from simulatie.vergelijking_rapport import als_csv, als_json, als_tabel, als_xlsx, grafiek_png

    if formaat == "xlsx" and not uitvoer:
        raise click.UsageError("--format xlsx vraagt --uitvoer BESTAND.xlsx")
    g = laad_scenario(scenario)
    namen = list(beleiden) or ["strikt", "flexibel"]
    if len(namen) < 2:
        raise click.UsageError("geef minstens twee beleiden (--beleid A --beleid B)")
    for n in namen:
        g.beleid(n)
    reps = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    aantal = len(namen) + (2 * 8 if attributie else 0)
    with _Voortgang(reps * aantal, f"{g.sc.naam}: {' / '.join(namen)}") as voortgang:
        v = vergelijk_(g, namen, reps, seed, uitvoerder, attributie, voortgang)
    if formaat == "xlsx":
        data = als_xlsx(v)
    else:
        data = {"tabel": lambda: als_tabel(v), "json": lambda: als_json(v), "csv": lambda: als_csv(v)}[formaat]()
    png = grafiek_png(v) if grafiek else None
    if isinstance(data, bytes):
        schrijf_atomisch(uitvoer, data)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        _uit(data, uitvoer)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)


@huisvesting.command()
@click.argument("bestanden", nargs=-1, required=True)
@click.option("--scenario", default=None, help="scenario (naam of .toml) waarvan de kernen gelden; standaard de "
              "ene .toml onder BESTANDEN, anders het meegeleverde scenario")
@click.option("--soort", default=None, help="huishoudens, woningen, scenario, ...: als de kolommen het niet verraden")
@click.option("--peildatum", default=None, help="peildatum (JJJJ-MM-DD) voor een tabel van de provincie")
def controleer(bestanden, scenario, soort, peildatum):
    """Controleer invoerbestanden zonder iets te draaien; toont elk probleem op een eigen regel."""
    from matching.controle import controleer_bestanden
    controleer_bestanden(bestanden, scenario, soort, peildatum)


def main(argv: list[str] | None = None) -> int:
    try:
        huisvesting.main(args=argv, standalone_mode=False, prog_name="huisvesting")
        return 0
    except InvoerFouten as e:
        for f in e.fouten:
            click.echo(f"fout: {f}", err=True)
        return 2
    except InvoerFout as e:
        click.echo(f"fout: {e}", err=True)
        return 2
    except DoelTeGroot as e:  # a round too big for the exact lexicographic objective
        click.echo(f"fout: {e}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("afgebroken: niets geschreven", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("afgebroken: niets geschreven", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.exceptions.Exit as e:
        return e.exit_code


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
