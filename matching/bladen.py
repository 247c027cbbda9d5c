"""Which sheet each list is read from: `--blad`, `--blad-huishoudens` and `--blad-woningen`.

Households and dwellings may be two sheets of one workbook. `--blad NAAM` then names the sheet of
the list that is on it (the sheet's columns tell which), and the other list is found on the sheet
that holds its own header, as without `--blad`. With two different files `--blad` applies to both,
as it always did. `--blad-huishoudens` and `--blad-woningen` name the sheet of one list and win
over `--blad`.
"""

from __future__ import annotations

import os
from pathlib import Path

from .bestanden import koppen_per_blad


def _zelfde(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def bladen_voor_lijsten(huishoudens_pad, woningen_pad, blad: str | None, blad_huishoudens: str | None = None,
                        blad_woningen: str | None = None) -> tuple[str | None, str | None]:
    """(sheet of the households, sheet of the dwellings); None: the sheet holding the header."""
    from .huishoudens import OPTIONEEL as HH_OPT, VERPLICHT as HH
    from .woningen import OPTIONEEL as W_OPT, VERPLICHT as W

    voor_h = voor_w = blad
    if blad is not None and huishoudens_pad and woningen_pad and _zelfde(huishoudens_pad, woningen_pad):
        koppen = koppen_per_blad(huishoudens_pad, HH + HH_OPT + W + W_OPT)
        kop = next((k for n, k in koppen.items() if n.strip().lower() == blad.strip().lower()), [])
        gedeeld = set(HH + HH_OPT) & set(W + W_OPT)  # id, toegankelijk: say nothing about which list
        h = len(set(kop) & (set(HH + HH_OPT) - gedeeld))
        w = len(set(kop) & (set(W + W_OPT) - gedeeld))
        if h > w:
            voor_w = None
        elif w > h:
            voor_h = None
        # a tie (a sheet that does not exist or holds neither list): for both, and reading says what is wrong
    return (blad_huishoudens if blad_huishoudens is not None else voor_h,
            blad_woningen if blad_woningen is not None else voor_w)
