"""Fan chart of cumulative realisatie against the taakstelling line. Reads results only."""

from __future__ import annotations

import io

import numpy as np

from .kalender import simdag, simdatum, totaalopgave
from .replicaties import SimResultaat

# The formats of --grafiek, chosen by the file's extension (matplotlib's savefig format).
GRAFIEK_FORMATEN = ("png", "svg", "pdf")


def grafiek_formaat(pad: str) -> str:
    """The format for `--grafiek PAD` from its extension; an unknown one is refused before any work."""
    from pathlib import Path

    from matching.bestanden import InvoerFout

    ext = Path(pad).suffix.lower().lstrip(".")
    if ext not in GRAFIEK_FORMATEN:
        raise InvoerFout(None, f"--grafiek {pad}: onbekend formaat {('.' + ext) if ext else '(geen extensie)'}; "
                               "geef een bestand op .png, .svg of .pdf")
    from matching.extras import vereis
    vereis("grafieken")
    return ext


def bewaar_figuur(fig, formaat: str = "png") -> bytes:
    """The figure as bytes in `formaat` (png, svg or pdf), without a timestamp or version in it."""
    import matplotlib

    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[formaat]
    buf = io.BytesIO()
    # Text stays text in an svg (searchable, readable); its ids from a fixed salt, not a random
    # one, so the same run gives the same file.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "huisvesting"}):
        fig.savefig(buf, format=formaat, metadata=metadata)
    return buf.getvalue()


def dagkwantielen(res: SimResultaat, procenten, methode: str = "linear") -> np.ndarray:
    """(len(procenten) x days + 1): percentiles over the replications of the persons booked from
    the start up to each day (`Optelling.dagkwantielen`)."""
    return res.optelling.dagkwantielen(procenten, methode)


def waaier_png(res: SimResultaat, titel: str | None = None, formaat: str = "png") -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sc = res.invoer.sc
    banden = ((5, 95, 0.18), (10, 90, 0.25), (25, 75, 0.35))
    q = dict(zip([5, 95, 10, 90, 25, 75, 50], dagkwantielen(res, [5, 95, 10, 90, 25, 75, 50])))
    x = [simdatum(sc.startdatum, d) for d in range(len(q[50]))]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    for lo, hi, alpha in banden:
        ax.fill_between(x, q[lo], q[hi], color="tab:blue", alpha=alpha, linewidth=0, label=f"p{lo}–p{hi}")
    ax.plot(x, q[50], color="tab:blue", linewidth=2, label="mediaan realisatie")
    # Taakstelling line: the totaalopgave accrues over each period, starting from the stand.
    opgave, lijn = 0.0, []
    grens = {simdag(sc.startdatum, p.start): p for p in sc.periode}
    huidig = None
    for d in range(len(q[50])):
        if d in grens:
            huidig = grens[d]
            start_opgave = opgave
        if huidig is not None:
            lengte = (huidig.eind - huidig.start).days
            opgave = start_opgave + huidig.taakstelling * min((d - simdag(sc.startdatum, huidig.start)) / lengte, 1.0)
        lijn.append(totaalopgave(opgave, sc.stand_start))
    ax.plot(x, lijn, color="tab:red", linestyle="--", linewidth=1.5, label="taakstelling (incl. stand bij start)")
    ax.set_ylabel("personen gehuisvest (cumulatief)")
    ax.set_title(titel or f"{res.scenario}: realisatie tegen taakstelling — beleid {res.beleid}, "
                          f"{res.optelling.n} replicaties")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    data = bewaar_figuur(fig, formaat)
    plt.close(fig)
    return data
