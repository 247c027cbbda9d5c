"""`huisvesting prognose`: the province's table, forecast per gemeente beside the linear method."""

from __future__ import annotations

import click

from matching.bestanden.fouten import InvoerFout
from matching.extras import vereis
from opdrachten.gemeen import CSV_STIJL, ZET, vandaag
from register.koppeling import met_registers_prognose
from simulatie.rapportage.opdracht import prognose_rapport_opties


@met_registers_prognose  # --registers (register/koppeling.py)
@click.command()
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
@prognose_rapport_opties
@ZET
@CSV_STIJL
def prognose(tabel, peildatum, scenarios, replicaties, seed, formaat, uitvoer, grafiek, dask, workers, zet, csv_stijl,
             **rapport):
    """Prognose per gemeente naast de lineaire methode van de provincie (tabel van de provincie, csv of xlsx)."""
    from simulatie.provincie.commando import prognose_commando
    from simulatie.rapportage.commando import prognose_rapport
    from simulatie.scenario import lees_zet, zet_tekst

    if rapport.get("rapport"):
        vereis("grafieken")  # the report's charts; refused before any work
    zet = lees_zet(zet)
    if zet and not scenarios:
        raise InvoerFout(None, "--zet geldt voor de scenario's uit --scenarios; geef ook --scenarios MAP", veld="--zet")
    if zet:
        click.echo(f"overschreven in elk scenario uit --scenarios: {zet_tekst(zet)}", err=True)
    res = prognose_commando(tabel, peildatum, scenarios, replicaties, seed, formaat, uitvoer, grafiek, dask, workers,
                            csv_stijl, ladder=rapport.get("ladder"), zet=zet)
    prognose_rapport(res, **rapport, gemaakt=vandaag())  # --rapport provincie.html
