"""`huisvesting vergelijk`: policies compared paired on the same simulated worlds."""

from __future__ import annotations

import click

from matching.bestanden.schrijven import schrijf_atomisch
from opdrachten.gemeen import CSV_STIJL, FORMATEN, ZET, horizonjaren, meld_aftopping, uit, xlsx_vraagt_bestand
from simulatie.voortgang import Voortgang


@click.command()
@click.argument("scenario", required=False)
@click.option("--beleid", "beleiden", multiple=True, help="twee of meer beleiden (standaard: strikt en flexibel)")
@click.option("--replicaties", type=click.IntRange(2, 1_000_000), default=None,
              help="aantal replicaties (standaard uit het scenario)")
@click.option("--seed", type=click.IntRange(0), default=None)
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
@click.option("--attributie/--geen-attributie", default=True, show_default=True,
              help="per regel: aan vanuit het eerste beleid, uit vanuit het tweede")
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--grafiek", default=None, help="niveau per beleid en verschillen met hun intervallen: .png, .svg of .pdf")
@ZET
@CSV_STIJL
def vergelijk(scenario, beleiden, replicaties, seed, workers, dask, attributie, formaat, uitvoer, grafiek, zet,
              csv_stijl):
    """Vergelijk beleiden gepaard op dezelfde gesimuleerde wereld, met wat elke regel bijdraagt."""
    xlsx_vraagt_bestand(formaat, uitvoer)  # before any import or work
    import json

    from simulatie.scenario import laad_scenario
    from simulatie.scenario import lees_zet, zet_json, zet_tekst
    from simulatie.uitvoerder import maak_uitvoerder
    from simulatie.vergelijking import aantal_runs, vergelijk as vergelijk_
    from simulatie.grafiek import grafiek_formaat
    from simulatie.vergelijking_rapport import als_csv, als_dict, als_json, als_tabel, als_xlsx_stukken, grafiek_png

    soort = grafiek_formaat(grafiek) if grafiek else None  # refused before any work
    zet = lees_zet(zet)
    g = laad_scenario(scenario, zet=zet)
    namen = list(beleiden) or ["strikt", "flexibel"]
    if len(namen) < 2:
        raise click.UsageError("geef minstens twee beleiden (--beleid A --beleid B)")
    meld_aftopping([g.beleid(n) for n in namen], horizonjaren(g.sc))
    reps = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    aantal = aantal_runs(g, namen, attributie)
    with Voortgang(reps * aantal, f"{g.sc.naam}: {' / '.join(namen)}", f"{reps} replicaties x {aantal} runs") as voortgang:
        v = vergelijk_(g, namen, reps, seed, uitvoerder, attributie, voortgang)
    if formaat == "xlsx":
        data = als_xlsx_stukken(v)
    else:
        data = {"tabel": lambda: als_tabel(v), "csv": lambda: als_csv(v, csv_stijl),
                "json": lambda: als_json(v) if not zet else json.dumps(
                    als_dict(v) | {"overschreven": zet_json(zet)}, ensure_ascii=False, indent=2) + "\n"}[formaat]()
    if zet and formaat == "tabel":
        data = f"overschreven: {zet_tekst(zet)}\n" + data
    elif zet and formaat in ("csv", "xlsx"):
        click.echo(f"overschreven: {zet_tekst(zet)}", err=True)
    png = grafiek_png(v, soort) if grafiek else None
    uit(data, uitvoer, csv_stijl if formaat == "csv" else None)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)
