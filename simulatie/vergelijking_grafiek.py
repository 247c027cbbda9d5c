"""The chart of `huisvesting vergelijk --grafiek`: per measure its level under each policy beside
the paired difference with its 95% interval, then what each rule adds. Measures and rule groups
by their Dutch names (rapportage/namen.py); one legend for the whole figure, below the panels, so
it never covers a line or a dot. matplotlib is imported here only when a chart is drawn."""

from __future__ import annotations

import textwrap

from .vergelijking import MATEN, Vergelijking

KLEUR_A, KLEUR_B = "tab:gray", "tab:blue"
KLEUR_AAN, KLEUR_UIT = "tab:green", "tab:orange"


def _maten(p: dict) -> list[str]:
    return [m for m in MATEN if any(m in per["maten"] and per["maten"][m]["verschil"]["gemiddeld"] is not None
                                    for per in p["perioden"])]


def maak_figuur(v: Vergelijking):
    """The figure (matplotlib Figure, no pyplot state): for tests and for `grafiek_png`."""
    from matplotlib.figure import Figure

    from .rapportage.grafieken import komma_as
    from .rapportage.namen import getal, maat_naam, regel_naam, verschil_getal

    p = v.paren[0]
    a, b = p["a"], p["b"]
    maten = _maten(p)
    attr = [(r["regel"], r[f"aan_vanuit_{a}"][-1]["maten"]["realisatie"]["verschil"],
             r[f"uit_vanuit_{b}"][-1]["maten"]["realisatie"]["verschil"]) for r in v.attributie]
    rijen_per_maat = {m: [(per["periode"], per["maten"][m]) for per in p["perioden"]
                          if m in per["maten"] and per["maten"][m]["verschil"]["gemiddeld"] is not None] for m in maten}
    hoogtes = [len(rijen_per_maat[m]) + 1 for m in maten] + ([len(attr) + 1] if attr else [])
    fig = Figure(figsize=(11, 0.42 * sum(hoogtes) + 1.25 * len(hoogtes) + 1.6), dpi=110)
    raster = fig.add_gridspec(len(hoogtes), 2, height_ratios=hoogtes, width_ratios=[1, 1.35])

    def punt(ax, y, d, schaal, kleur, dy=0.0, label=None):
        g, lo, hi = (d["gemiddeld"] * schaal, d["ondergrens"] * schaal, d["bovengrens"] * schaal)
        zeker = lo > 0 or hi < 0
        ax.errorbar(g, y + dy, xerr=[[g - lo], [hi - g]], fmt="o", color=kleur, capsize=3,
                    markerfacecolor=kleur if zeker else "white", label=label)
        ax.annotate(verschil_getal(g, 1), (g, y + dy), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)

    for i, m in enumerate(maten):
        rijen = list(reversed(rijen_per_maat[m]))
        kans = m == "totaalopgave_gehaald"
        schaal = 100.0 if kans else 1.0
        niveau, verschil = fig.add_subplot(raster[i, 0]), fig.add_subplot(raster[i, 1])
        for y, (_, d) in enumerate(rijen):
            for waarde, kleur, dy, naam in ((d["a"], KLEUR_A, 0.12, a), (d["b"], KLEUR_B, -0.12, b)):
                if waarde is not None:
                    niveau.plot(waarde * schaal, y + dy, "s", color=kleur, label=naam if y == 0 else None)
                    niveau.annotate(getal(waarde * schaal, 1), (waarde * schaal, y + dy), textcoords="offset points",
                                    xytext=(6, -3), fontsize=7)
            punt(verschil, y, d["verschil"], schaal, KLEUR_B, label="verschil met 95%-interval" if y == 0 else None)
        for ax in (niveau, verschil):
            ax.set_yticks(range(len(rijen)), [r[0] for r in rijen], fontsize=8)
            ax.set_ylim(-0.7, len(rijen) - 0.3)
            ax.grid(axis="x", alpha=0.3)
            komma_as(ax.xaxis)
        verschil.axvline(0, color="black", linewidth=0.8)
        niveau.margins(x=0.25)
        eenheid = " (%)" if kans else ""
        niveau.set_title(textwrap.shorten(f"{maat_naam(m)}{eenheid}", 48, placeholder="..."), fontsize=9, loc="left")
        verschil.set_title(f"gepaard verschil {b} min {a}" + (" (procentpunt)" if kans else ""), fontsize=9,
                           loc="left")
    if attr:
        ax = fig.add_subplot(raster[len(maten), :])
        for y, (_, aan, uit) in enumerate(reversed(attr)):
            punt(ax, y, aan, 1.0, KLEUR_AAN, 0.15, f"alleen deze regel aan, vanuit {a}" if y == 0 else None)
            punt(ax, y, uit, 1.0, KLEUR_UIT, -0.15, f"alleen deze regel uit, vanuit {b}" if y == 0 else None)
        ax.set_yticks(range(len(attr)), [textwrap.fill(regel_naam(r[0]), 48) for r in reversed(attr)], fontsize=8)
        ax.set_ylim(-0.7, len(attr) - 0.3)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title("Bijdrage per regel aan de realisatie, hele horizon (personen)", fontsize=9, loc="left")
        ax.grid(axis="x", alpha=0.3)
        komma_as(ax.xaxis)
    # One legend below all panels: policy levels, the difference, and the rule variants.
    handvatten, namen = [], []
    for ax in fig.axes:
        for h, n in zip(*ax.get_legend_handles_labels()):
            if n not in namen:
                handvatten.append(h)
                namen.append(n)
    fig.suptitle(f"{b} tegen {a}: links het niveau per beleid, rechts het gepaarde verschil met 95%-interval\n"
                 f"{v.scenario}, {v.replicaties} replicaties (open punt: interval bevat 0)", fontsize=10)
    onder = (0.2 + 0.22 * ((len(namen) + 2) // 3)) / fig.get_figheight()  # the legend's rows, in inches
    fig.legend(handvatten, namen, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, onder, 1, 1 - 0.9 / fig.get_figheight()))
    return fig


def grafiek_png(v: Vergelijking, formaat: str = "png") -> bytes:
    """The chart as bytes in `formaat` (png, svg or pdf)."""
    from .grafiek import bewaar_figuur

    return bewaar_figuur(maak_figuur(v), formaat)
