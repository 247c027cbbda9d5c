"""Named records of one replication: what the actors book, read by the summaries by name.

`Boeking`: persons counted for the taakstelling on a simulation day, and by which route.
`Plaatsing`: one household given keys, with what the comparison of policies measures.
"""

from __future__ import annotations

from dataclasses import dataclass


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
