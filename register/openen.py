"""Opening a register with what every command needs: its scenario and its replayed state."""

from __future__ import annotations

from .opslag import Register, open_register


def scenario_van(reg: Register):
    """The scenario the register was made for (gemeente, kernen, periods, policies)."""
    from simulatie.scenario import laad_scenario
    from .boeken import instelling
    return laad_scenario(instelling(reg, "scenario") or None)


def staat_van(reg: Register):
    from .staat import lees_staat
    with reg.lees() as v:
        return lees_staat(v)


def open_met_scenario(db: str):
    """(register, scenario) — the register opened (and migrated if older) first."""
    reg = open_register(db)
    return reg, scenario_van(reg)
