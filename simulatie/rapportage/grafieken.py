"""Charts for the report as inline SVG (matplotlib's SVG backend, text as paths): no font or
image is fetched from anywhere, and the SVG carries no namespace or metadata URL."""

from __future__ import annotations

import datetime as dt
import io
import re

import numpy as np

from simulatie.kalender import MAANDEN_KORT, datum_tekst, totaalopgave

from .namen import getal, verschil_getal

BANDEN = ((10, 90), (25, 75))


# ---------------------------------------------------------------- data

def waaier_data(res) -> dict:
    """Cumulative persons housed since the first period's start, per day of the horizon, as
    percentiles over the replications (the same percentile method as the summary). Plain data."""
    from simulatie.grafiek import dagkwantielen  # lazy: the module may move

    sc = res.invoer.sc
    procenten = (10, 25, 50, 75, 90)
    # (inverted_cdf picks one of the values: adding the persons before the start afterwards is exact)
    kw = dagkwantielen(res, procenten, "inverted_cdf") + sc.periode[0].realisatie
    q = {f"p{p}": rij.astype(float).tolist() for p, rij in zip(procenten, kw)}
    return {
        "start": sc.startdatum.isoformat(), "einde": sc.einddatum.isoformat(),
        "voor_start": int(sc.periode[0].realisatie), "replicaties": int(res.optelling.n),
        "perioden": [{"periode": p.naam, "start": p.start.isoformat(), "eind": p.eind.isoformat()} for p in sc.periode],
        **q,
    }


def doelen(perioden: list[dict]) -> list[dict]:
    """Cumulative targets per period from the summary: realisatie since the first period's start
    must reach sum(taakstelling up to here) - stand at the start for the totaalopgave of this
    period to be met (stand(next) = stand + realisatie - taakstelling). Stops at the first
    period without obligation, where the stand is no longer kept."""
    uit, som = [], 0
    if not perioden or perioden[0].get("stand_start") is None:
        return uit
    stand0 = perioden[0]["stand_start"]
    for p in perioden:
        if not p.get("verplicht", True):
            break
        som += p["taakstelling"]
        uit.append({"periode": p["periode"], "totaalopgave": totaalopgave(som, stand0),
                    "inclusief_extra": totaalopgave(som, stand0) + (p.get("extra_opgave") or 0)})
    return uit


# ---------------------------------------------------------------- SVG

def _svg(fig, sleutel: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": sleutel}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    s = buf.getvalue()
    s = s[s.index("<svg"):]
    s = re.sub(r"<metadata>.*?</metadata>", "", s, flags=re.S)
    s = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", s)  # inline SVG in HTML needs no namespace URLs
    s = re.sub(r'<svg([^>]*?)\swidth="[^"]*"\s+height="[^"]*"',
               rf'<svg\1 width="100%" role="img" aria-label="{sleutel}"', s, count=1)
    return s.strip()


def _figuur(breed: float, hoog: float):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(breed, hoog))
    FigureCanvasSVG(fig)
    return fig


def komma_as(as_):
    """Tick labels with a decimal comma (matplotlib writes 0.5)."""
    from matplotlib.ticker import FuncFormatter

    as_.set_major_formatter(FuncFormatter(lambda x, _: getal(x, _decimalen(x))))


def _decimalen(x: float) -> int:
    for d in range(4):
        if abs(x - round(x, d)) < 1e-9:
            return d
    return 4


def _maanden_as(ax):
    from matplotlib.dates import MonthLocator, num2date
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_locator(MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda x, _: f"{MAANDEN_KORT[num2date(x).month - 1]}\n{num2date(x).year}" if num2date(x).month in (1, 7)
        else MAANDEN_KORT[num2date(x).month - 1]))
    ax.tick_params(labelsize=8)


def waaier_svg(waaier: dict, perioden: list[dict], gemeente: str = "") -> str:
    """The fan of cumulative realisatie, realisatie before the peildatum, the totaalopgave and
    the total including extra opgave as targets per period, and the peildatum marked."""
    start = dt.date.fromisoformat(waaier["start"])
    per = waaier["perioden"]
    begin = dt.date.fromisoformat(per[0]["start"])
    x = [start + dt.timedelta(days=i) for i in range(len(waaier["p50"]))]
    fig = _figuur(9, 4.6)
    ax = fig.add_axes((0.08, 0.13, 0.62, 0.78))
    kleur = "#1f5fa8"
    for (lo, hi), alpha in zip(BANDEN, (0.18, 0.32)):
        ax.fill_between(x, waaier[f"p{lo}"], waaier[f"p{hi}"], color=kleur, alpha=alpha, linewidth=0,
                        label=f"{hi - lo}% van de uitkomsten (p{lo}–p{hi})")
    ax.plot(x, waaier["p50"], color=kleur, linewidth=2, label="mediaan")
    if begin < start:
        ax.plot([begin, start], [0, waaier["voor_start"]], ":", color="0.35",
                label=f"realisatie tot de peildatum: {waaier['voor_start']}")
    ax.plot([start], [waaier["voor_start"]], "o", color="black", markersize=4)
    namen = {p["periode"]: p for p in per}
    for i, d in enumerate(doelen(perioden)):
        p = namen[d["periode"]]
        a, b = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["eind"])
        ax.hlines(d["totaalopgave"], a, b, color="#b2182b", linewidth=1.8,
                  label="totaalopgave (taakstelling + achterstand)" if i == 0 else None)
        ax.annotate(getal(d['totaalopgave']), (b, d["totaalopgave"]), xytext=(-3, -11), textcoords="offset points",
                    ha="right", fontsize=8, color="#b2182b")
        if d["inclusief_extra"] != d["totaalopgave"]:
            ax.hlines(d["inclusief_extra"], a, b, color="#b2182b", linewidth=1.4, linestyles="--",
                      label="totaalopgave inclusief extra opgave")
            ax.annotate(getal(d['inclusief_extra']), (b, d["inclusief_extra"]), xytext=(-3, 3),
                        textcoords="offset points", ha="right", fontsize=8, color="#b2182b")
        if i:
            ax.axvline(a, color="0.75", linewidth=0.8)
    # (the scenario's start, not the day the report is made)
    ax.axvline(start, color="black", linewidth=1, linestyle="-.",
               label=f"peildatum (start van het scenario): {datum_tekst(start)}")
    ax.annotate("peildatum", (start, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -10),
                textcoords="offset points", fontsize=8)
    ax.set_xlim(begin, dt.date.fromisoformat(per[-1]["eind"]))
    ax.set_ylim(bottom=0)
    ax.set_ylabel("personen gehuisvest sinds " + datum_tekst(begin), fontsize=8)
    ax.grid(alpha=0.25)
    _maanden_as(ax)
    ax.set_title(f"{gemeente}: gehuisveste personen, opgeteld", fontsize=10, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7.5, frameon=False)
    return _svg(fig, "waaier")


def ibt_svg(vooruitzicht: dict) -> str:
    """P(each trede) at the next assessment, the current trede marked."""
    b = vooruitzicht["volgende"]
    treden = list(range(1, vooruitzicht["treden"] + 1))
    kansen = [b["kans_trede"][str(t)] * 100 for t in treden]
    fig = _figuur(6.5, 2.6)
    ax = fig.add_axes((0.1, 0.2, 0.86, 0.66))
    kleuren = ["#1f5fa8" if t != vooruitzicht["huidige_trede"] else "#6b6b6b" for t in treden]
    ax.bar(treden, kansen, color=kleuren, width=0.6)
    for t, k in zip(treden, kansen):
        ax.annotate(f"{k:.0f}%", (t, k), xytext=(0, 2), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xticks(treden, [f"trede {t}" + (" (nu)" if t == vooruitzicht["huidige_trede"] else "") for t in treden],
                  fontsize=8)
    ax.set_ylim(0, 110)
    ax.set_yticks([0, 50, 100], ["0%", "50%", "100%"], fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Kans per trede na de beoordeling van {b['periode']}", fontsize=9, loc="left")
    return _svg(fig, "ibt")


def verschillen_svg(vergelijking: dict) -> str | None:
    """Levels per policy (realisatie per period, mean) beside the paired difference of the first
    pair with its 95% interval."""
    if not vergelijking.get("paren"):
        return None
    paar = vergelijking["paren"][0]
    rijen = [(p["periode"], p["maten"]["realisatie"]) for p in paar["perioden"]]
    fig = _figuur(9, 0.5 * len(rijen) + 1.4)
    links = fig.add_axes((0.12, 0.2, 0.38, 0.65))
    rechts = fig.add_axes((0.6, 0.2, 0.36, 0.65))
    y = np.arange(len(rijen))[::-1]
    h = 0.35
    links.barh(y + h / 2, [r[1]["a"] for r in rijen], h, color="#9ecae1", label=paar["a"])
    links.barh(y - h / 2, [r[1]["b"] for r in rijen], h, color="#1f5fa8", label=paar["b"])
    links.set_yticks(y, [r[0] for r in rijen], fontsize=8)
    links.set_title("gehuisveste personen per beleid (gemiddeld)", fontsize=9, loc="left")
    links.legend(fontsize=7, loc="lower right")
    links.tick_params(labelsize=8)
    for yy, (_, d) in zip(y, rijen):
        v = d["verschil"]
        g, lo, hi = v["gemiddeld"], v["ondergrens"], v["bovengrens"]
        rechts.errorbar(g, yy, xerr=[[g - lo], [hi - g]], fmt="o", color="#1f5fa8", capsize=3)
        rechts.annotate(verschil_getal(g, 1), (g, yy), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=8)
    rechts.axvline(0, color="black", linewidth=0.8)
    rechts.set_yticks(y, [r[0] for r in rijen], fontsize=8)
    rechts.set_ylim(-0.7, len(rijen) - 0.3)
    rechts.set_title(f"{paar['b']} min {paar['a']} (95%-interval)", fontsize=9, loc="left")
    rechts.tick_params(labelsize=8)
    rechts.grid(axis="x", alpha=0.3)
    komma_as(links.xaxis)
    komma_as(rechts.xaxis)
    return _svg(fig, "vergelijking")
