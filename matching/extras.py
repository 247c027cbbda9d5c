"""Optional parts of the install (extras in pyproject.toml): what each one brings, and one clear Dutch
line, exit code 2, when a command needs an extra that is not installed.

The main job (`huisvesting simuleer`, `toewijzen`, `vergelijk`, `prognose` as tables, CSV, JSON and
xlsx) needs none of them; leaving them out makes the first install about half as large.
"""

from __future__ import annotations

import importlib.util

from .bestanden.fouten import InvoerFout

# extra -> (the module it installs, what needs it)
EXTRAS = {
    "dask": ("distributed", "--dask (een Dask-cluster)"),
    "grafieken": ("matplotlib", "een grafiek (--grafiek) of het rapport"),
    "pandas": ("pandas", "toewijzen_df (DataFrames)"),
    "optimaliseer": ("optuna", "optimaliseren van een zoekruimte groter dan het budget"),
    "register": ("sqlalchemy", "het register (huisvesting register, --register)"),
    # Needed by nothing: with it the rounds run as compiled kernels (matching/snelkern.py), the
    # same answers in less time.
    "snel": ("numba", "snellere rondes (gecompileerde kernen)"),
}


class ExtraOntbreekt(InvoerFout):
    """A command needs an extra that is not installed; says how to install it."""


def aanwezig(extra: str) -> bool:
    """Whether the extra's module can be imported, without importing it (that would cost the start-up)."""
    module = EXTRAS[extra][0]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def ontbreekt(extra: str) -> ExtraOntbreekt:
    """The one line for a missing extra (also for one found but not importable)."""
    module, wat = EXTRAS[extra]
    return ExtraOntbreekt(None, f"{wat} vraagt het extra '{extra}' ({module} is niet geïnstalleerd); installeer "
                                f"het met: pip install 'huisvesting[{extra}]'")


def vereis(extra: str) -> None:
    """Refuse, before any work, a command whose option needs a missing extra."""
    if not aanwezig(extra):
        raise ontbreekt(extra)
