"""A PNG per gemeente for the provincial prognose; plots read result records only.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from matching.bestanden import schrijf_atomisch
from simulatie.uitvoerder import Serieel, Uitvoerder

from .prognose import ProvincieResultaat
from ..kalender import MAANDEN_KORT, datum_tekst
from .tabel import TabelPeriode
from .uitvoer import _alle_rijen, rij_als_dict


# ---------------------------------------------------------------- plots

def bestandsnaam(gemeente: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-") or "gemeente"


def grafiek_png(record: dict, periode: TabelPeriode) -> bytes | None:
    """Fan of realisatie at the period's end against the totaalopgave, the province's line beside
    it. Reads one result record (the JSON row), nothing else."""
    q = record.get("prognose")
    if not q or record.get("prognose_lineair") is None:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import MonthLocator, num2date
    from matplotlib.ticker import FuncFormatter
    from matplotlib.figure import Figure

    per = periode
    realisatie = record["realisatie"]
    lineair = realisatie * per.dagen / per.dagen_verstreken
    fig = Figure(figsize=(7, 4.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.09, 0.1, 0.85, 0.8))
    ax.plot([per.start, per.peildatum], [0, realisatie], ":", color="0.5",
            label=f"realisatie tot peildatum: {realisatie} (tussenliggend verloop onbekend)")
    ax.plot([per.peildatum], [realisatie], "o", color="black")
    ax.plot([per.peildatum, per.eind], [realisatie, lineair], "--", color="tab:orange",
            label=f"prognose provincie (lineair): {record['prognose_lineair']}")
    ax.fill([per.peildatum, per.eind, per.eind], [realisatie, q["p10"], q["p90"]], color="tab:blue", alpha=0.25,
            label=f"p10–p90 op {datum_tekst(per.eind)}: {q['p10']}–{q['p90']} ({record['methode']})")
    ax.plot([per.peildatum, per.eind], [realisatie, q["p50"]], color="tab:blue", label=f"p50: {q['p50']}")
    if record.get("totaalopgave") is not None:
        ax.axhline(record["totaalopgave"], color="tab:red", label=f"totaalopgave: {record['totaalopgave']}")
    if record.get("extra_opgave"):
        ax.axhline(record["totaalopgave_extra"], color="tab:red", linestyle=":",
                   label=f"inclusief extra opgave: {record['totaalopgave_extra']}")
    kans = record.get("kans_totaalopgave_gehaald")
    kans = "" if kans is None else f"; kans totaalopgave gehaald {kans:.0%}"
    ax.set_title(f"{record['gemeente']}, periode {per.naam}{kans}", fontsize=10)
    ax.set_ylabel("personen gehuisvest in de periode")
    ax.set_xlim(per.start, per.eind)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{MAANDEN_KORT[num2date(x).month - 1]} {num2date(x).year}"))
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=7, loc="upper left")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _grafiek_taak(taak: tuple[dict, TabelPeriode]) -> bytes | None:
    return grafiek_png(*taak)


def schrijf_grafieken(res: ProvincieResultaat, map_: str | Path, uitvoerder: Uitvoerder | None = None) -> list[Path]:
    """A PNG per gemeente with a forecast (and the Totaal), drawn in parallel, written atomically."""
    records = [rij_als_dict(p) for p in _alle_rijen(res) if p.prognose is not None]
    taken = [(r, res.tabel.periode) for r in records]
    # the first plot in this process warms matplotlib (import, fonts) once; forked workers inherit it
    pngs = [_grafiek_taak(t) for t in taken[:1]] + (uitvoerder or Serieel()).map(_grafiek_taak, taken[1:])
    uit = []
    for r, png in zip(records, pngs):
        pad = Path(map_) / f"{bestandsnaam(r['gemeente'])}.png"
        schrijf_atomisch(pad, png)
        uit.append(pad)
    return uit
