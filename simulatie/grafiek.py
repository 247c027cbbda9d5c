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
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text in an svg: searchable, readable
        fig.savefig(buf, format=formaat, metadata=metadata)
    return buf.getvalue()


def cumulatief(res: SimResultaat) -> np.ndarray:
    """(replications x days + 1): persons booked from the start up to each day."""
    return res.optelling.dagcurven()


def waaier_png(res: SimResultaat, titel: str | None = None, formaat: str = "png") -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sc = res.invoer.sc
    cum = cumulatief(res)
    x = [simdatum(sc.startdatum, d) for d in range(cum.shape[1])]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    for lo, hi, alpha in ((5, 95, 0.18), (10, 90, 0.25), (25, 75, 0.35)):
        ax.fill_between(x, np.percentile(cum, lo, axis=0), np.percentile(cum, hi, axis=0), color="tab:blue",
                        alpha=alpha, linewidth=0, label=f"p{lo}–p{hi}")
    ax.plot(x, np.median(cum, axis=0), color="tab:blue", linewidth=2, label="mediaan realisatie")
    # Taakstelling line: the totaalopgave accrues over each period, starting from the stand.
    opgave, lijn = 0.0, []
    grens = {simdag(sc.startdatum, p.start): p for p in sc.periode}
    huidig = None
    for d in range(cum.shape[1]):
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
                          f"{cum.shape[0]} replicaties")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    data = bewaar_figuur(fig, formaat)
    plt.close(fig)
    return data
