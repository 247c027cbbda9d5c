"""Gelijkheid: does every household type get a dwelling about as fast?

Per household type (registratie.HUISHOUDTYPEN: alleenstaand, met nareizigers, eenoudergezin,
gezin, groot gezin 7+): the median weeks from koppeling to a first dwelling, the share housed
within the norm, and the share still waiting at the end of the horizon.

The norm is the scenario's `[toewijzing] norm_weken` (data, with its source in the scenario:
COA's 10 weeks to find a dwelling + 2 for the move). That the same norm holds for every
household type is an assumption: no source sets a different one for large families.

`Gelijkheid` is a mergeable accumulator of exact integer histograms (begun weeks -> placements),
so replications can be added as they stream in and partial sums merged in any order: memory
stays flat and the result does not depend on how the work was split.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .kolommen import Kolom
from .registratie import HUISHOUDTYPEN

if TYPE_CHECKING:
    from .model import Uitkomst

TYPE_TEKST = {"alleenstaand": "alleenstaand", "met_nareizigers": "met nareizigers",
              "eenoudergezin": "eenoudergezin", "gezin": "gezin", "groot_gezin": "groot gezin (7+)"}


def mediaan(histogram: Counter) -> int | None:
    """The lower median of an integer histogram (numpy's inverted_cdf at 50%): exact."""
    n = sum(histogram.values())
    if not n:
        return None
    cum = 0
    for w in sorted(histogram):
        cum += histogram[w]
        if 2 * cum >= n:
            return w
    raise AssertionError("unreachable")


@dataclass
class Gelijkheid:
    replicaties: int = 0
    weken: dict[str, Counter] = field(default_factory=dict)        # type -> {begun weeks: placements}
    huishoudens: Counter = field(default_factory=Counter)          # type -> households linked
    wachtend: Counter = field(default_factory=Counter)             # type -> still waiting at the end

    @classmethod
    def van(cls, uitkomsten: Iterable["Uitkomst"]) -> "Gelijkheid":
        g = cls()
        for u in uitkomsten:
            g.voeg_toe(u)
        return g

    def voeg_toe(self, u: "Uitkomst") -> None:
        """Add one replication's outcome."""
        self.replicaties += 1
        for p in u.plaatsingen:
            self.weken.setdefault(p.huishoudtype, Counter())[p.wachtweken_geheel] += 1
        self.huishoudens.update(u.huishoudens_per_type)
        self.wachtend.update(u.wachtend_per_type)

    def samenvoegen(self, ander: "Gelijkheid") -> "Gelijkheid":
        """The accumulator of both parts (neither is changed)."""
        weken = {t: Counter(self.weken.get(t, Counter())) + ander.weken.get(t, Counter())
                 for t in sorted(set(self.weken) | set(ander.weken))}
        return Gelijkheid(self.replicaties + ander.replicaties, weken,
                          self.huishoudens + ander.huishoudens, self.wachtend + ander.wachtend)

    def resultaat(self, norm_weken: int) -> dict:
        """The summary against the norm (weeks from koppeling to keys)."""
        n = max(self.replicaties, 1)
        per_type = []
        for t in HUISHOUDTYPEN:
            h = self.weken.get(t, Counter())
            geplaatst = sum(h.values())
            binnen = sum(v for w, v in h.items() if w <= norm_weken)
            linked = self.huishoudens.get(t, 0)
            per_type.append({
                "huishoudtype": t,
                "huishoudens": round(linked / n, 3),
                "plaatsingen": round(geplaatst / n, 3),
                "wachtweken_mediaan": mediaan(h),
                "aandeel_binnen_norm": round(binnen / geplaatst, 4) if geplaatst else None,
                "aandeel_wachtend_eind": round(self.wachtend.get(t, 0) / linked, 4) if linked else None,
            })
        medianen = [(r["wachtweken_mediaan"], r["huishoudtype"]) for r in per_type if r["wachtweken_mediaan"] is not None]
        slechtste = max(medianen) if medianen else (None, None)
        return {"norm_weken": norm_weken, "per_type": per_type,
                "slechtste_type": slechtste[1], "slechtste_mediaan": slechtste[0]}


def van_resultaat(res) -> dict:
    """The equity summary of a `SimResultaat` (its optelling carries the accumulator)."""
    return res.optelling.gelijkheid.resultaat(res.invoer.sc.toewijzing.norm_weken)


# The output columns of the equity block, declared once (table and xlsx read these).
TYPE = Kolom("huishoudtype", "huishoudtype", "huishoudtype", "tekst", tabel=lambda r: TYPE_TEKST[r["huishoudtype"]],
             xlsx="Huishoudtype", uitleg="Alleenstaand, met nareizigers, eenoudergezin, gezin of groot gezin (7+ "
                                         "personen met nareizigers), zoals gekoppeld.")
HUISHOUDENS = Kolom("huishoudens", "huishoudens", "huishoudens", "decimaal", xlsx="Huishoudens",
                    uitleg="Gekoppelde huishoudens van dit type, gemiddeld per replicatie.")
MEDIAAN = Kolom("wachtweken_mediaan", "mediaan weken", "wachtweken_mediaan", "geheel", xlsx="Mediaan weken",
                uitleg="Mediaan van de begonnen weken van koppeling tot sleutel, over alle plaatsingen van dit type.")
BINNEN_NORM = Kolom("aandeel_binnen_norm", "binnen de norm", "aandeel_binnen_norm", "procent", xlsx="Binnen de norm",
                    uitleg="Aandeel van de plaatsingen binnen norm_weken van het scenario.")
WACHTEND_EIND = Kolom("aandeel_wachtend_eind", "nog wachtend eind", "aandeel_wachtend_eind", "procent",
                      xlsx="Nog wachtend aan het eind", uitleg="Aandeel van de gekoppelde huishoudens dat aan het "
                                                               "eind van de horizon nog op een eerste woning wacht.")
KOLOMMEN = (TYPE, HUISHOUDENS, MEDIAAN, BINNEN_NORM, WACHTEND_EIND)


def tabel(resultaat: dict, titel: str = "Gelijkheid per huishoudtype"):
    """The equity block as a rich Table."""
    from rich.table import Table

    tab = Table(title=f"{titel} (norm {resultaat['norm_weken']} weken van koppeling tot woning)",
                title_justify="left")
    for kol in KOLOMMEN:
        tab.add_column(kol.kop, justify="left" if kol.soort == "tekst" else "right")
    for r in resultaat["per_type"]:
        tab.add_row(*(kol.tabelcel(r) for kol in KOLOMMEN))
    return tab
