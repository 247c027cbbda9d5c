"""The drawn world as records: dwellings and households to come, AMVs, replacements, `Wereld`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from matching.huishoudens import Huishouden, Kind
from matching.woningen import Woning


@dataclass(frozen=True, slots=True)
class KomendeWoning:
    """A dwelling that enters the statushouder pool on day `bekend` (sim days from start)."""
    bekend: int
    woning: Woning
    vervangbaar: bool = True  # part of the agreed number (a room under a voorrangsverbod is not)


@dataclass(frozen=True, slots=True)
class KomendHuishouden:
    dag: int                      # day of koppeling (<= 0: on the list at the start)
    hh: Huishouden
    weigert: bool                 # refuses the single offer (drawn at creation, not at the offer)
    nareizigers_dag: int | None   # day the family arrives, if any
    nareizigers_kinderen: tuple[Kind, ...]  # who arrives besides a partner (a single adult's first)
    in_nl_dag: int                # day the household is in the Netherlands (0: already)
    tcb_dagen: int                # length of a TakeCareBNB stay if offered one (0: not offered)
    visum_reis_dagen: int = 0     # travel time once a visa is granted (visa switch)
    doorstroom: bool = False      # goes to the doorstroomlocatie on koppeling if a place is free


@dataclass(frozen=True, slots=True)
class AMV:
    id: str
    kso_dag: int        # moved into Nidos small-scale housing (may be before the start)
    leeftijd_kso: int
    uitstroom_dag: int  # day of outflow to an own dwelling
    woning: Woning | None = None  # reserved by WSL after Nidos's signal, taken from the supply


@dataclass(frozen=True, slots=True)
class Vervanging:
    """The corporation's next re-let, offered in place of a dwelling nobody on the list fit."""
    na_dagen: int       # days after the return
    woning: Woning      # its `beschikbaar` is filled in when it is offered


@dataclass
class Wereld:
    replicatie: int
    woningen: list[KomendeWoning] = field(default_factory=list)
    huishoudens: list[KomendHuishouden] = field(default_factory=list)
    amvs: list[AMV] = field(default_factory=list)
    woningen_per_jaar: float = 0.0           # the agreed number drawn for this replication
    vervangingen: list[Vervanging] = field(default_factory=list)
