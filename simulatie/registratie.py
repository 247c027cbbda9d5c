"""Named records of one replication: what the actors book, read by the summaries by name.

`Boeking`: persons counted for the taakstelling on a simulation day, and by which route.
`Plaatsing`: one household given keys, with what the comparison of policies measures.
`huishoudtype`: the household type the equity view groups by (`simulatie/gelijkheid.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

# Household types of the equity view, in the order the output lists them. A household belongs
# to the first that applies, judged as COA linked it (nareizigers still expected count).
HUISHOUDTYPEN = ("alleenstaand", "met_nareizigers", "eenoudergezin", "gezin", "groot_gezin")
GROOT_GEZIN_VANAF = 7  # persons, nareizigers included: the large families for whom dwellings are scarce


def huishoudtype(volwassenen: int, kinderen: int, nareizigers: int) -> str:
    if volwassenen + kinderen + nareizigers >= GROOT_GEZIN_VANAF:
        return "groot_gezin"
    if nareizigers:
        return "met_nareizigers"
    if volwassenen == 1:
        return "eenoudergezin" if kinderen else "alleenstaand"
    return "gezin"  # two or more adults, with or without children


@dataclass(frozen=True, slots=True, order=True)
class Boeking:
    dag: int        # simulation day (days since the scenario's startdatum)
    personen: int
    bron: str       # plaatsing, nareizigers, doorstroom, nidos_...


@dataclass(frozen=True, slots=True)
class Plaatsing:
    dag: int
    wachtweken: float                # weeks from koppeling to keys
    kern: str
    kinderen_per_slaapkamer: float   # nan without children
    ouder_kind: bool                 # a parent shares a room with a child
    huishoudtype: str = ""           # one of HUISHOUDTYPEN, as linked

    @property
    def wachtweken_geheel(self) -> int:
        """Begun weeks from koppeling to keys: ceil(days / 7), so `<= norm` is exactly
        `wachtweken <= norm` on the unrounded weeks."""
        return -(-round(self.wachtweken * 7) // 7)


def per_type(huishoudens, wachtend: set) -> dict[str, dict[str, int]]:
    """Households per type, and those still waiting for a first dwelling (status in `wachtend`;
    a household waiting for vervolghuisvesting has one): the fields of `Uitkomst`."""
    alle: dict[str, int] = {}
    wacht: dict[str, int] = {}
    for s in huishoudens:
        k = s.k.hh
        t = huishoudtype(k.volwassenen, len(k.kinderen), k.nareizigers)
        alle[t] = alle.get(t, 0) + 1
        if s.status in wachtend and not s.vervolg:
            wacht[t] = wacht.get(t, 0) + 1
    return {"huishoudens_per_type": dict(sorted(alle.items())), "wachtend_per_type": dict(sorted(wacht.items()))}
