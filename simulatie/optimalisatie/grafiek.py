"""Scatter chart of the frontier: the first objective against each other one, every candidate
of the last rung as a grey dot, the frontier numbered, strikt and flexibel marked."""

from __future__ import annotations

import numpy as np

from ..grafiek import bewaar_figuur
from .maten import MATEN, NAMEN
from .uitvoer import frontier_volgorde
from .zoeken import Optimalisatie


def frontier_png(o: Optimalisatie, formaat: str = "png") -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    doelen = o.ruimte.doelen
    y_maat, x_maten = doelen[0], doelen[1:] or doelen[:1]
    gem = np.array([k.gemiddeld() for k in o.eind])
    volgorde = frontier_volgorde(o)
    kolommen = min(3, len(x_maten))
    rijen = -(-len(x_maten) // kolommen)
    fig, assen = plt.subplots(rijen, kolommen, figsize=(4.2 * kolommen, 3.6 * rijen), squeeze=False)
    y = gem[:, NAMEN.index(y_maat)]
    for ax, x_maat in zip(assen.flat, x_maten):
        x = gem[:, NAMEN.index(x_maat)]
        ax.scatter(x, y, s=14, color="0.75", label="laatste ronde")
        fx, fy = x[volgorde], y[volgorde]
        ax.scatter(fx, fy, s=22, color="tab:blue", label="frontier")
        for pos, (a, b) in enumerate(zip(fx, fy)):
            ax.annotate(str(pos), (a, b), textcoords="offset points", xytext=(3, 3), fontsize=7, color="tab:blue")
        for naam, teken, kleur in (("strikt", "s", "tab:red"), ("flexibel", "^", "tab:green")):
            i = next(j for j, k in enumerate(o.eind) if k.naam == naam)
            ax.scatter([x[i]], [y[i]], marker=teken, s=70, facecolors="none", edgecolors=kleur, linewidths=1.6,
                       label=naam)
        ax.set_xlabel(MATEN[x_maat].tekst + (" (lager is beter)" if MATEN[x_maat].richting == "min" else ""),
                      fontsize=8)
        ax.set_ylabel(MATEN[y_maat].tekst, fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in list(assen.flat)[len(x_maten):]:
        ax.axis("off")
    assen.flat[0].legend(fontsize=7, loc="best")
    fig.suptitle(f"Frontier van {o.scenario}: {len(volgorde)} punten, {o.replicaties} replicaties", fontsize=10)
    fig.tight_layout()
    data = bewaar_figuur(fig, formaat)
    plt.close(fig)
    return data
