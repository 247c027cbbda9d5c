"""`--register` on `toewijzen` and `simuleer`, `--registers` on `prognose`: decorators their
modules in `opdrachten/` apply, so the register's options live with the register.

Without the option the command runs exactly as before; with it, `toewijzen` records a round on the
register's state, `simuleer` starts from the register on the peildatum, and `prognose` takes a
register per gemeente next to `--scenarios`.
"""

from __future__ import annotations

import click

from matching.bestanden.fouten import InvoerFout

from .commando import _datum, toewijzen_register, vandaag


def met_register_toewijzen(opdracht: click.Command) -> click.Command:
    opdracht.params.append(click.Option(["--register", "register_db"], default=None, metavar="DB",
                                        help="register (pad of URL): een ronde op zijn stand, vastgelegd"))
    opdracht.params.append(click.Option(["--door"], default=None, help="wie de ronde vastlegt (met --register)"))
    eigen = opdracht.callback

    def _toewijzen(register_db=None, door=None, **opties):
        if not register_db:
            return eigen(**opties)
        if opties["huishoudens_pad"] or opties["woningen_pad"] or opties["scenario"]:
            raise InvoerFout(None, "--register neemt de wachtlijst en de woningen uit het register; laat "
                                   "--huishoudens, --woningen en --scenario weg", veld="--register")
        if opties["formaat"] not in ("tabel", "csv", "json"):
            raise InvoerFout(None, "--register schrijft de ronde als tabel, csv of json", veld="--format")
        return toewijzen_register(register_db, opties["peildatum"], opties["beleiden"], opties["oplosser"],
                                  opties["formaat"], opties["uitvoer"], opties["csv_stijl"], door)

    opdracht.callback = _toewijzen
    return opdracht


def met_register_simuleer(opdracht: click.Command) -> click.Command:
    opdracht.params.append(click.Option(["--register", "register_db"], default=None, metavar="DB",
                                        help="start vanuit het register (wachtlijst, reserveringen, realisatie)"))
    opdracht.params.append(click.Option(["--peildatum"], default=None,
                                        help="met --register: de dag vanaf waar gesimuleerd wordt (JJJJ-MM-DD)"))
    eigen = opdracht.callback

    def _simuleer(register_db=None, peildatum=None, **opties):
        if not register_db:
            if peildatum:
                raise InvoerFout(None, "--peildatum hoort bij --register", veld="--peildatum")
            return eigen(**opties)
        if opties["scenario"]:
            raise InvoerFout(None, "--register neemt het scenario uit het register; laat SCENARIO weg",
                             veld="--register")
        from .opslag import vereist
        vereist()
        from .vooruit import scenario_uit_register
        with scenario_uit_register(register_db, _datum(peildatum, "--peildatum") if peildatum else vandaag()) as pad:
            return eigen(**(opties | {"scenario": str(pad)}))

    opdracht.callback = _simuleer
    return opdracht


def met_registers_prognose(opdracht: click.Command) -> click.Command:
    opdracht.params.append(click.Option(["--registers"], default=None, type=click.Path(file_okay=False),
                                        help="map met een register per gemeente (*.db), naast --scenarios"))
    eigen = opdracht.callback

    def _prognose(registers=None, **opties):
        if not registers:
            return eigen(**opties)
        from .opslag import vereist
        vereist()
        from .vooruit import scenarios_met_registers
        with scenarios_met_registers(registers, opties["scenarios"], _datum(opties["peildatum"], "--peildatum")) as m:
            return eigen(**(opties | {"scenarios": str(m)}))

    opdracht.callback = _prognose
    return opdracht
