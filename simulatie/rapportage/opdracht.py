"""Click options and the `rapport` command, kept out of cli.py; cli.py passes in what it owns
(the progress bar and today's date), so nothing here imports cli."""

from __future__ import annotations

import click

LADDERS = "standaard, utrecht, zuid-holland of noord-brabant (simulatie/ibt_ladders.toml)"


def _ladder(ctx, param, waarde):
    """An unknown ladder fails while the options are read, before any work."""
    from .commando import controleer_ladder
    controleer_ladder(waarde)
    return waarde


def ibt_opties(f):
    """IBT-vooruitzicht: only with --huidige-trede."""
    for optie in reversed([
        click.option("--huidige-trede", type=click.IntRange(1, 12), default=None,
                     help="trede van de gemeente op de IBT-ladder nu; geeft de kans per trede na de volgende "
                          "beoordeling"),
        click.option("--ladder", default="standaard", show_default=True, callback=_ladder, help=f"IBT-ladder: {LADDERS}"),
        click.option("--ibt-historie", default=None, metavar="PERIODE=UITKOMST,...",
                     help="eerdere perioden, bv. \"2021-2=niet,2022-1=niet\" (gehaald, niet, verschoonbaar)"),
        click.option("--verschoonbaar", multiple=True, metavar="PERIODE",
                     help="een tekort in deze periode is verschoonbaar (COA koppelde te weinig); herhaalbaar"),
    ]):
        f = optie(f)
    return f


def prognose_rapport_opties(f):
    f = click.option("--ladder", default="standaard", show_default=True, callback=_ladder,
                     help=f"IBT-ladder voor de IBT-kolommen en --rapport: {LADDERS}")(f)
    return click.option("--rapport", default=None, type=click.Path(dir_okay=False),
                        help="HTML voor de provincie: per gemeente lineair naast de prognose, kans en "
                             "IBT-vooruitzicht")(f)


def maak_rapport_commando(voortgang, vandaag, zet_optie) -> click.Command:
    """`huisvesting rapport`, with cli.py's progress bar, date and --zet option."""

    @click.command("rapport")
    @click.argument("scenario", required=False)
    @click.option("--beleid", "beleiden", multiple=True,
                  help="beleid van het rapport (standaard dat van het scenario); twee of meer: ook de vergelijking, "
                       "met wat elke regel oplevert en kost")
    @click.option("--replicaties", type=click.IntRange(2, 1_000_000), default=None,
                  help="aantal replicaties (standaard uit het scenario)")
    @click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard uit het scenario)")
    @click.option("--workers", type=click.IntRange(1, 256), default=None,
                  help="lokale processen (standaard: aantal kernen)")
    @click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
    @click.option("--uitvoer", default=None, type=click.Path(dir_okay=False),
                  help="HTML-bestand (standaard rapport-SCENARIO.html)")
    @zet_optie
    @ibt_opties
    def rapport(scenario, beleiden, replicaties, seed, workers, dask, uitvoer, zet, **ibt):
        """Rapport voor college en raad: één HTML-bestand, zonder netwerk te openen (ook van een USB-stick)."""
        from matching.extras import vereis
        from simulatie.scenario import lees_zet

        from .commando import ibt_invoer, rapport_commando

        vereis("grafieken")  # the report's charts; refused before any work
        invoer = ibt_invoer(**ibt)
        pad = rapport_commando(scenario, list(beleiden), replicaties, seed, workers, dask, invoer, uitvoer,
                               lees_zet(zet), voortgang=voortgang, gemaakt=vandaag())
        click.echo(f"geschreven: {pad}", err=True)

    return rapport
