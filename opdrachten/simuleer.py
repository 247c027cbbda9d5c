"""`huisvesting simuleer`: the year simulated, the chance of meeting the taakstelling per period."""

from __future__ import annotations

import click

from matching.bestanden.schrijven import schrijf_atomisch
from opdrachten.gemeen import CSV_STIJL, FORMATEN, ZET, horizonjaren, meld_aftopping, uit, xlsx_vraagt_bestand
from register.koppeling import met_register_simuleer
from simulatie.rapportage.opdracht import ibt_opties
from simulatie.voortgang import Voortgang


@met_register_simuleer  # --register (register/koppeling.py)
@click.command()
@click.argument("scenario", required=False)
@click.option("--replicaties", type=click.IntRange(1, 1_000_000), default=None,
              help="aantal replicaties (standaard uit het scenario: 1000)")
@click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard uit het scenario)")
@click.option("--beleid", default=None, help="strikt, flexibel of een beleid uit het scenario")
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm")
@click.option("--grafiek", default=None, help="waaier van cumulatieve realisatie: .png, .svg of .pdf")
@ZET
@CSV_STIJL
@ibt_opties
def simuleer(scenario, replicaties, seed, beleid, workers, dask, formaat, uitvoer, grafiek, zet, csv_stijl, **ibt):
    """Simuleer het jaar: kans dat de taakstelling per periode wordt gehaald."""
    xlsx_vraagt_bestand(formaat, uitvoer)  # before any import or work
    from simulatie.grafiek import grafiek_formaat, waaier_png
    from simulatie.rapport import als_csv_stukken, als_json, als_tabel, als_xlsx_stukken
    from simulatie.replicaties import simuleer as simuleer_
    from simulatie.scenario import laad_scenario
    from simulatie.scenario import lees_zet, zet_json, zet_tekst
    from simulatie.uitvoerder import maak_uitvoerder
    from simulatie.rapportage.commando import ibt_invoer, ibt_simuleer

    zet, ibt = lees_zet(zet), ibt_invoer(**ibt)
    soort = grafiek_formaat(grafiek) if grafiek else None  # refused before any work
    g = laad_scenario(scenario, zet=zet)
    b = g.beleid(beleid)
    meld_aftopping([b], horizonjaren(g.sc))
    n = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    with Voortgang(n, f"{g.sc.naam}, beleid {b.naam}", f"{n} replicaties x 1 beleid") as voortgang:
        res = simuleer_(g, b, n, seed, uitvoerder, voortgang, bewaar=False, curven=bool(grafiek))
    ibt, ibt_tekst = ibt_simuleer(res, ibt, formaat, g.sc.gemeente or g.sc.naam)  # only with --huidige-trede
    extra = ({"overschreven": zet_json(zet)} if zet else {}) | ibt
    tekst = {"tabel": lambda: als_tabel([res], overschreven=zet_tekst(zet) if zet else None) + ibt_tekst,
             "json": lambda: als_json([res], extra or None), "csv": lambda: als_csv_stukken([res], csv_stijl),
             "xlsx": lambda: als_xlsx_stukken([res])}[formaat]()
    if zet and formaat in ("csv", "xlsx"):
        click.echo(f"overschreven: {zet_tekst(zet)}", err=True)
    png = waaier_png(res, formaat=soort) if grafiek else None
    uit(tekst, uitvoer, csv_stijl if formaat == "csv" else None)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)
