"""A gemeente's yearly history checked against the stand rule: stand(next) = stand + geplaatst - taakstelling.

Stand in the domain's convention: negative = achterstand. The Leusden series is the table in
the seed's plan van aanpak ("Taakstelling en realisatie huisvesting statushouders 2016 - 2023").
A check reports what the numbers say; a year that does not add up is reported with its
difference, never corrected.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kalender import realisatie_uit_standen, volgende_stand

__all__ = ["LEUSDEN_HISTORIE", "Jaarcontrole", "controleer_reeks", "realisatie_uit_standen", "volgende_stand"]

# [seed] year, stand 1 januari, taakstelling, geplaatst (persons). For 2022 the plan gives
# 42 placed by 10 October 2022 (*) and 70 expected for the whole year (**); no stand for 2023.
LEUSDEN_HISTORIE: tuple[tuple[int, int, int, int | None], ...] = (
    (2016, -10, 75, 75),
    (2017, -10, 40, 53),
    (2018, 3, 42, 35),
    (2019, -4, 22, 31),
    (2020, 5, 21, 15),
    (2021, -1, 43, 23),
    (2022, -21, 42, None),
)
LEUSDEN_2022_TOT_10_OKTOBER = 42
LEUSDEN_2022_VERWACHT = 70




@dataclass(frozen=True, slots=True)
class Jaarcontrole:
    jaar: int
    stand: int
    taakstelling: int
    geplaatst: int | None
    berekend: int | None      # stand + geplaatst - taakstelling
    gegeven: int | None       # the stand the series gives for the next year
    klopt: bool | None        # None: cannot be checked (no placements or no next stand)

    @property
    def verschil(self) -> int | None:
        return None if self.berekend is None or self.gegeven is None else self.gegeven - self.berekend


def controleer_reeks(reeks=LEUSDEN_HISTORIE) -> list[Jaarcontrole]:
    """Check every year against the next year's stand."""
    uit = []
    for i, (jaar, stand, taak, geplaatst) in enumerate(reeks):
        volgende = reeks[i + 1] if i + 1 < len(reeks) else None
        gegeven = volgende[1] if volgende is not None and volgende[0] == jaar + 1 else None
        berekend = None if geplaatst is None else volgende_stand(stand, geplaatst, taak)
        klopt = None if berekend is None or gegeven is None else berekend == gegeven
        uit.append(Jaarcontrole(jaar, stand, taak, geplaatst, berekend, gegeven, klopt))
    return uit
