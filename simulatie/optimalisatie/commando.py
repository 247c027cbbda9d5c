"""`huisvesting optimaliseer`: the click command (only click is imported until it runs)."""

from __future__ import annotations

import click


@click.command()
@click.argument("scenario", required=False)
@click.option("--ruimte", default=None, type=click.Path(dir_okay=False),
              help="zoekruimte (TOML): welke regels variëren en hoe; standaard de meegeleverde")
@click.option("--replicaties", type=click.IntRange(2, 1_000_000), default=100, show_default=True,
              help="de meeste replicaties die een kandidaat krijgt")
@click.option("--budget", type=click.IntRange(1, 100_000), default=100, show_default=True,
              help="aantal kandidaat-beleiden dat wordt geëvalueerd")
@click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard uit het scenario)")
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--format", "formaat", type=click.Choice(["tabel", "json", "csv", "xlsx"]), default="tabel",
              show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--grafiek", default=None, help="frontier als spreidingsdiagram: .png, .svg of .pdf")
@click.option("--csv-stijl", "csv_stijl", type=click.Choice(["nl", "internationaal"]), default="nl", show_default=True)
def optimaliseer(scenario, ruimte, replicaties, budget, seed, workers, formaat, uitvoer, grafiek, csv_stijl):
    """Zoek de regels die het meest huisvesten tegen de minste prijs: de Pareto-frontier."""
    from matching.bestanden import schrijf_atomisch
    from matching.bestanden.csv_nl import als_bestand
    from simulatie.grafiek import grafiek_formaat
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import maak_uitvoerder
    from simulatie.voortgang import Voortgang

    from .grafiek import frontier_png
    from .ruimte import laad_ruimte
    from .uitvoer import als_csv, als_json, als_tabel, als_xlsx
    from .zoeken import geschat_werk, optimaliseer as optimaliseer_

    if formaat == "xlsx" and not uitvoer:
        raise click.UsageError("--format xlsx vraagt --uitvoer BESTAND.xlsx")
    soort = grafiek_formaat(grafiek) if grafiek else None  # refused before any work
    g = laad_scenario(scenario)
    r = laad_ruimte(ruimte, g.beleid, tuple(g.sc.kernen))
    if r.grootte > budget:
        from matching.extras import vereis
        vereis("optimaliseer")  # Optuna proposes the candidates: refused before any work is shown
    werk = geschat_werk(r, replicaties, budget)
    with Voortgang(werk, f"{g.sc.naam}: optimaliseren", f"hoogstens {werk} replicaties") as voortgang:
        o = optimaliseer_(g, r, replicaties, budget, seed, maak_uitvoerder(workers), voortgang)
    data = {"tabel": lambda: als_tabel(o), "json": lambda: als_json(o), "csv": lambda: als_csv(o, csv_stijl),
            "xlsx": lambda: als_xlsx(o)}[formaat]()
    png = frontier_png(o, soort) if grafiek else None
    if uitvoer:
        schrijf_atomisch(uitvoer, als_bestand(data, csv_stijl) if formaat == "csv" else data)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        click.echo(data, nl=False)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)
