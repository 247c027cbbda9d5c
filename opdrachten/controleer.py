"""`huisvesting controleer`: input files checked without running anything."""

from __future__ import annotations

import click


@click.command()
@click.argument("bestanden", nargs=-1, required=True)
@click.option("--scenario", default=None, help="scenario (naam of .toml) waarvan de kernen gelden; standaard de "
              "ene .toml onder BESTANDEN, anders het meegeleverde scenario")
@click.option("--soort", default=None, help="huishoudens, woningen, scenario, ...: als de kolommen het niet verraden")
@click.option("--peildatum", default=None, help="peildatum (JJJJ-MM-DD) voor een tabel van de provincie")
@click.option("--blad", default=None, help="alleen dit werkblad van een Excel-werkmap (standaard: elk blad met een "
              "wachtlijst of woningen)")
def controleer(bestanden, scenario, soort, peildatum, blad):
    """Controleer invoerbestanden zonder iets te draaien; toont elk probleem op een eigen regel."""
    import simulatie.controle  # noqa: F401  registers the scenario and the province's table
    from matching.controle import controleer_bestanden
    controleer_bestanden(bestanden, scenario, soort, peildatum, blad)
