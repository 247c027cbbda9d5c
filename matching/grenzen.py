"""Grenzen: limits on the size of input, as data (`grenzen.toml`), checked before big allocations.

The occupancy rules work on dense (households x dwellings) matrices, so the product of the two
counts decides memory, not either count alone. `controleer_omvang` refuses a round above
`max_combinaties` with a message that says how to split the input, before anything is allocated.
"""

from __future__ import annotations

from .bestanden.fouten import InvoerFout
from .bestanden.grenzen import grenzen


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def controleer_omvang(huishoudens: int, woningen: int) -> None:
    """Refuse a round whose rule matrices would not fit: names the sizes, the limit and the way out."""
    grens = grenzen()["max_combinaties"]
    if huishoudens * woningen > grens:
        raise InvoerFout(
            None,
            f"{_getal(huishoudens)} huishoudens x {_getal(woningen)} woningen = "
            f"{_getal(huishoudens * woningen)} combinaties in één ronde; de grens is {_getal(grens)} "
            "(max_combinaties in matching/grenzen.toml). Splits de invoer, bijvoorbeeld per kern of per "
            "peildatum (alleen woningen die binnenkort beschikbaar komen en huishoudens die al gekoppeld zijn)")
