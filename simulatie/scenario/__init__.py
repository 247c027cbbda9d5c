"""Scenario: a TOML file that fully describes a simulated year (or any horizon).

onderdelen  the parts of the schema (periods, supply, demand, processes, rules by date)
schema      `Scenario`, the parts put together and cross-checked
meldingen   Dutch error messages naming file, key and TOML line
laden       `laad_scenario`, `vind_scenario`, `GeladenScenario`
zet         `--zet SLEUTEL=WAARDE` and TOML text for values
nieuw       `scenario nieuw` (imports `simulatie.wereld`; not loaded here)
bundel      `scenario lijst`, `scenario kopieer` (not loaded here)
"""

from .laden import STANDAARD, GeladenScenario, laad_scenario, vind_scenario
from .meldingen import fouten_uit_validatie
from .onderdelen import GroteGezinnen, Periode, halfjaar
from .schema import Scenario, gedateerde_delen
from .zet import fouten_met_zet, hash_met_zet, lees_zet, zet_json, zet_tekst, zet_toe
