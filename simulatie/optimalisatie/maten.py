"""Maten: what a candidate policy is judged on, as data, each computed per replication.

Every measure is one number per replication (so the same worlds give paired, exact
differences and an interval per measure); `richting` says whether more is better. Which
measures the search optimises is data too: `doelen` in the search space (ruimte.toml).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from .. import kalender
from ..gelijkheid import Gelijkheid, mediaan
from ..model import SimInvoer, Uitkomst, simuleer_replicatie
from ..wereld_records import Wereld


@dataclass(frozen=True)
class Maat:
    tekst: str
    richting: str          # "max" or "min"
    kort: str              # column header in the table
    kans: bool = False     # shown as a percentage


MATEN = {
    "realisatie": Maat("realisatie over de horizon (personen)", "max", "realisatie"),
    "kans_gehaald": Maat("kans totaalopgave gehaald (gemiddeld over de verplichte perioden)", "max", "kans gehaald",
                         kans=True),
    "kinderen_per_slaapkamer": Maat("kinderen per kinderslaapkamer", "min", "kind/kamer"),
    "ouder_kind_kamers": Maat("ouder en kind op één kamer (huishoudens)", "min", "ouder+kind"),
    "buiten_hoofdkern": Maat("plaatsingen buiten de hoofdkern (huishoudens)", "min", "buiten hoofdkern"),
    "wachtweken_mediaan": Maat("mediaan weken van koppeling tot woning", "min", "weken"),
    "slechtste_type_mediaan": Maat("mediaan weken van het langst wachtende huishoudtype", "min", "weken slechtste"),
}
NAMEN = tuple(MATEN)


def rij(u: Uitkomst, invoer: SimInvoer) -> np.ndarray:
    """All measures of one replication, in the order of MATEN; nan where it has no case."""
    sc = invoer.sc
    real = np.asarray(u.realisatie, np.int64)[None, :]
    stand = kalender.standen(sc.stand_start, real, (p.taakstelling for p in sc.periode))
    verplicht = [j for j, p in enumerate(sc.periode) if sc.verplicht(p)]
    gehaald = [float(real[0, j] >= kalender.totaalopgave(sc.periode[j].taakstelling, stand[0, j])) for j in verplicht]
    kps = [p.kinderen_per_slaapkamer for p in u.plaatsingen if not np.isnan(p.kinderen_per_slaapkamer)]
    alle: Counter = Counter()
    per_type: dict[str, Counter] = {}
    for p in u.plaatsingen:
        alle[p.wachtweken_geheel] += 1
        per_type.setdefault(p.huishoudtype, Counter())[p.wachtweken_geheel] += 1
    m = mediaan(alle)
    return np.array([
        float(real.sum()),
        float(np.mean(gehaald)) if gehaald else np.nan,
        float(np.mean(kps)) if kps else np.nan,
        float(sum(p.ouder_kind for p in u.plaatsingen)),
        float(sum(p.kern != sc.kernen[0] for p in u.plaatsingen)),
        float(m) if m is not None else np.nan,
        float(max(mediaan(h) for h in per_type.values())) if per_type else np.nan,
    ])


def meet(invoer: SimInvoer, beleid, rep: int, wereld: Wereld | None = None) -> tuple[np.ndarray, Gelijkheid]:
    """One replication of `beleid` on world `rep` (`wereld`: that world, drawn already), reduced
    to its measures and its equity histograms (a worker's task: only these travel back, and they
    merge). No measure reads the reasons for who still waits: they are not worked out."""
    u = simuleer_replicatie(invoer, beleid, rep, wereld, wachtredenen=False)
    return rij(u, invoer), Gelijkheid.van([u])
