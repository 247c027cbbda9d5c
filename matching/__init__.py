"""Matching: households to dwellings under occupancy rules, exact and explained."""

from .beleid import Beleid, bekende_beleiden, laad_beleid
from .huishoudens import Huishouden, Kind, laad_huishoudens
from .bestanden import InvoerFout
from .toewijzing import Toewijzing, toewijzen_df, verschil_beleid, wijs_toe
from .woningen import Woning, laad_woningen

__all__ = ["Beleid", "Huishouden", "InvoerFout", "Kind", "Toewijzing", "Woning", "bekende_beleiden",
           "laad_beleid", "laad_huishoudens", "laad_woningen", "toewijzen_df", "verschil_beleid", "wijs_toe"]
