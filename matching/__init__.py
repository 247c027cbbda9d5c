"""Matching: households to dwellings under occupancy rules, exact and explained.

The names below are loaded on first use (PEP 562), so importing a light submodule such as
`matching.bestanden` (errors, atomic writing) does not pull in pandas and numpy: the CLI's
`--help` and input checking stay fast.
"""

_WAAR = {"Beleid": "beleid", "bekende_beleiden": "beleid", "laad_beleid": "beleid",
         "Huishouden": "huishoudens", "Kind": "huishoudens", "laad_huishoudens": "huishoudens",
         "InvoerFout": "bestanden",
         "Toewijzing": "toewijzing", "toewijzen_df": "toewijzing", "verschil_beleid": "toewijzing",
         "wijs_toe": "toewijzing",
         "Woning": "woningen", "laad_woningen": "woningen"}

__all__ = sorted(_WAAR)


def __getattr__(naam: str):
    if naam in _WAAR:
        import importlib
        waarde = getattr(importlib.import_module(f"{__name__}.{_WAAR[naam]}"), naam)
        globals()[naam] = waarde
        return waarde
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")
