"""`huisvesting scenario`: make a new scenario, list and copy the bundled ones."""

from __future__ import annotations

import sys

import click


@click.group()
def scenario():
    """Scenario's: een nieuw scenario voor elke gemeente, de meegeleverde tonen en kopiëren."""


@scenario.command("nieuw")
@click.option("--gemeente", required=True, help="naam van de gemeente")
@click.option("--kernen", default=None,
              help="kernen gescheiden door komma's, de hoofdkern eerst (standaard: de gemeente)")
@click.option("--start", required=True, help="startdatum (JJJJ-MM-DD); mag midden in de eerste periode liggen")
@click.option("--einde", default=None, help="einddatum (JJJJ-MM-DD); standaard het eind van de laatste periode")
@click.option("--taakstelling", required=True, help="personen per halfjaar, bv. \"2026-1=20,2026-2=22\"")
@click.option("--stand", type=int, default=None,
              help="stand aan het begin van de eerste periode (negatief = achterstand)")
@click.option("--realisatie", type=click.IntRange(0), default=None,
              help="personen al gehuisvest in de eerste periode vóór de startdatum")
@click.option("--woningen-per-jaar", type=click.FloatRange(0, 100_000), required=True,
              help="woningen per jaar voor statushouders, alle bronnen samen")
@click.option("--personen-per-woning", type=click.FloatRange(1, 15), default=None, help="gemiddeld, bv. 2.25")
@click.option("--kern-aandelen", default=None, help="aandeel van de woningen per kern, bv. \"A=0.9,B=0.1\"")
@click.option("--huishoudens", default=None, help="wachtlijst bij de start (csv of xlsx)")
@click.option("--woningen", default=None, help="woningen bekend bij de start (csv of xlsx)")
@click.option("--beleid", default=None, help="strikt of flexibel (standaard flexibel)")
@click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard de startdatum als getal)")
@click.option("--omschrijving", default=None, help="een regel over het scenario")
@click.option("--uitvoer", required=True, help="het nieuwe scenario, PAD.toml")
@click.option("--overschrijf", is_flag=True, help="een bestaand bestand overschrijven")
def scenario_nieuw(uitvoer, overschrijf, **opties):
    """Schrijf een volledig, toegelicht scenario voor een gemeente; gecontroleerd vóór het schrijven."""
    import shlex

    from simulatie.scenario.nieuw import lees_nieuw, scenario_nieuw as maak

    opdracht = "huisvesting " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:2] == ["scenario"] else ""
    inv = lees_nieuw(**opties, uitvoer=uitvoer, opdracht=opdracht)
    click.echo(str(maak(inv, uitvoer, overschrijf)))


@scenario.command("lijst")
@click.option("--format", "formaat", type=click.Choice(["tabel", "json"]), default="tabel", show_default=True)
def scenario_lijst(formaat):
    """Toon de meegeleverde scenario's: naam, gemeente, perioden en omschrijving."""
    from simulatie.scenario.bundel import bundel_scenarios, lijst_als_json, lijst_als_tabel

    lijst = bundel_scenarios()
    click.echo(lijst_als_json(lijst) if formaat == "json" else lijst_als_tabel(lijst), nl=False)


@scenario.command("kopieer")
@click.argument("naam")
@click.argument("map_", metavar="MAP")
def scenario_kopieer(naam, map_):
    """Kopieer een meegeleverd scenario met zijn bestanden naar MAP; de paden blijven kloppen."""
    from simulatie.scenario.bundel import kopieer_scenario

    click.echo(str(kopieer_scenario(naam, map_)))
