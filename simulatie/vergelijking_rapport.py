"""Writers for a comparison: table, JSON, CSV, Excel workbook, and the differences chart."""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from matching.bestanden import veilige_cel
from matching.bestanden.csv_nl import csv_tekst

from .replicaties import samenvatting
from .vergelijking import MATEN, Vergelijking


def als_dict(v: Vergelijking) -> dict:
    return {
        "scenario": v.scenario,
        "seed": v.seed,
        "replicaties": v.replicaties,
        "beleiden": [samenvatting(r) for r in v.resultaten],
        "paren": v.paren,
        "attributie": v.attributie,
    }


def als_json(v: Vergelijking) -> str:
    return json.dumps(als_dict(v), ensure_ascii=False, indent=2) + "\n"


def _iv(d: dict | None, fmt: str = "{:+.2f}") -> str:
    if not d or d.get("gemiddeld") is None:
        return "-"
    return f"{fmt.format(d['gemiddeld'])} [{fmt.format(d['ondergrens'])}, {fmt.format(d['bovengrens'])}]"


def _rijen(v: Vergelijking):
    """Long rows: one per (view, pair or rule, period, measure)."""
    for p in v.paren:
        for per in p["perioden"]:
            for maat, d in per["maten"].items():
                yield ("verschil", f"{p['b']} - {p['a']}", per["periode"], maat, d)
    for a in v.attributie:
        for sleutel in (k for k in a if k.startswith(("aan_vanuit_", "uit_vanuit_"))):
            for per in a[sleutel]:
                for maat, d in per["maten"].items():
                    yield ("attributie", f"{a['regel']} ({sleutel.replace('_', ' ')})", per["periode"], maat, d)


KOP = ["weergave", "vergelijking", "periode", "maat", "a", "b", "verschil", "ondergrens", "bovengrens", "n",
       "ongepaard_ondergrens", "ongepaard_bovengrens"]


def _velden(r) -> list:
    weergave, wat, periode, maat, d = r
    vd, on = d["verschil"], d.get("ongepaard") or {}
    return [weergave, wat, periode, maat, d.get("a"), d.get("b"), vd.get("gemiddeld"), vd.get("ondergrens"),
            vd.get("bovengrens"), vd.get("n"), on.get("ondergrens"), on.get("bovengrens")]


def als_csv(v: Vergelijking, stijl: str = "nl") -> str:
    return csv_tekst(KOP, (_velden(r) for r in _rijen(v)), stijl)


def als_xlsx(v: Vergelijking) -> bytes:
    """One sheet per view: per policy, differences, attribution, and per replication."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Per beleid"
    ws.append(["beleid", "periode", "taakstelling", "totaalopgave", "realisatie gemiddeld", "p10", "p50", "p90",
               "kans totaalopgave gehaald", "kans incl. extra opgave", "stand eind"])
    for r in v.resultaten:
        for p in samenvatting(r)["perioden"]:
            q = p["realisatie"]
            ws.append([veilige_cel(r.beleid), p["periode"], p["taakstelling"], p["totaalopgave"], q["gemiddeld"], q["p10"],
                       q["p50"], q["p90"], p["kans_totaalopgave_gehaald"], p["kans_inclusief_extra_opgave_gehaald"],
                       p["stand_eind"]])
    for naam, filter_ in (("Verschillen", "verschil"), ("Attributie", "attributie")):
        ws = wb.create_sheet(naam)
        ws.append(KOP)
        for r in _rijen(v):
            if r[0] == filter_:
                ws.append([veilige_cel(x) for x in _velden(r)])
    ws = wb.create_sheet("Per replicatie")
    ws.append(["replicatie"] + [f"{r.beleid} {p}" for r in v.resultaten for p in v.perioden])
    real = [r.optelling.per_periode("realisatie") for r in v.resultaten]
    for i in range(v.replicaties):
        ws.append([i] + [int(x[i, j]) for x in real for j in range(len(v.perioden))])
    for blad in wb.worksheets:
        for c in blad[1]:
            c.font = Font(bold=True)
        blad.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _getal(x, kans: bool) -> str:
    return "-" if x is None else (f"{x:.0%}" if kans else f"{x:.2f}")


def als_tabel(v: Vergelijking, breedte: int = 130) -> str:
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    console.print(f"[bold]Vergelijking op scenario {v.scenario}[/bold]: {v.replicaties} gepaarde replicaties "
                  f"(dezelfde wereld per replicatie), seed {v.seed}. Verschil = tweede min eerste, met 95%-interval.")
    for p in v.paren:
        tab = Table(title=f"{p['b']} tegen {p['a']}", title_justify="left")
        for kol in ("periode", "maat", p["a"], p["b"], "verschil [95%]", "ongepaard [95%]"):
            tab.add_column(kol, justify="left" if kol in ("periode", "maat") else "right")
        for per in p["perioden"]:
            for maat, d in per["maten"].items():
                kans = maat == "totaalopgave_gehaald"
                fmt = "{:+.1%}" if kans else "{:+.2f}"
                tab.add_row(per["periode"], MATEN.get(maat, maat), _getal(d["a"], kans), _getal(d["b"], kans),
                            _iv(d["verschil"], fmt), _iv(d["ongepaard"], fmt))
        console.print(tab)
    if v.attributie:
        a, b = v.paren[0]["a"], v.paren[0]["b"]
        tab = Table(title="Wat elke regel bijdraagt aan de realisatie (personen, hele horizon)", title_justify="left")
        tab.add_column("regel")
        tab.add_column(f"aan, vanuit {a}", justify="right")
        tab.add_column(f"uit, vanuit {b}", justify="right")
        for r in v.attributie:
            aan = r[f"aan_vanuit_{a}"][-1]["maten"]["realisatie"]["verschil"]
            uit = r[f"uit_vanuit_{b}"][-1]["maten"]["realisatie"]["verschil"]
            tab.add_row(r["regel"], _iv(aan), _iv(uit))
        console.print(tab)
        console.print("'aan': de regel alleen toegevoegd aan het eerste beleid; 'uit': de regel alleen weggelaten "
                      "uit het tweede. Samen tonen ze of een regel op zichzelf werkt of pas in combinatie.")
    return console.file.getvalue()


def grafiek_png(v: Vergelijking, formaat: str = "png") -> bytes:
    """Small multiples: per measure its own panel and scale, each period's paired difference
    with its 95% interval; then each rule's contribution. A dot is solid when the interval
    excludes 0. Probabilities are shown in percentage points."""
    import matplotlib
    matplotlib.use("Agg")
    import textwrap

    import matplotlib.pyplot as plt

    from .grafiek import bewaar_figuur
    from .rapportage.namen import maat_naam, regel_naam

    p = v.paren[0]
    maten = [m for m in MATEN if any(m in per["maten"] and per["maten"][m]["verschil"]["gemiddeld"] is not None
                                     for per in p["perioden"])]
    attr = [(r["regel"], r[f"aan_vanuit_{p['a']}"][-1]["maten"]["realisatie"]["verschil"],
             r[f"uit_vanuit_{p['b']}"][-1]["maten"]["realisatie"]["verschil"]) for r in v.attributie]
    panelen = len(maten) + (1 if attr else 0)
    hoogtes = [len([per for per in p["perioden"] if m in per["maten"]]) + 1 for m in maten]
    if attr:
        hoogtes.append(len(attr) + 1)
    fig, assen = plt.subplots(panelen, 1, figsize=(10, 0.42 * sum(hoogtes) + 1.2 * panelen), dpi=110,
                              gridspec_kw={"height_ratios": hoogtes}, squeeze=False)

    def punt(ax, y, d, schaal, kleur, dy=0.0, label=None):
        g, lo, hi = (d["gemiddeld"] * schaal, d["ondergrens"] * schaal, d["bovengrens"] * schaal)
        zeker = lo > 0 or hi < 0
        ax.errorbar(g, y + dy, xerr=[[g - lo], [hi - g]], fmt="o", color=kleur, capsize=3,
                    markerfacecolor=kleur if zeker else "white", label=label)
        ax.annotate(f"{g:+.1f}", (g, y + dy), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)

    for ax, m in zip((a[0] for a in assen), maten):
        rijen = [(per["periode"], per["maten"][m]["verschil"]) for per in p["perioden"]
                 if m in per["maten"] and per["maten"][m]["verschil"]["gemiddeld"] is not None]
        schaal = 100.0 if m == "totaalopgave_gehaald" else 1.0
        for i, (_, d) in enumerate(reversed(rijen)):
            punt(ax, i, d, schaal, "tab:blue")
        ax.set_yticks(range(len(rijen)), [r[0] for r in reversed(rijen)], fontsize=8)
        ax.set_ylim(-0.7, len(rijen) - 0.3)
        ax.axvline(0, color="black", linewidth=0.8)
        eenheid = " (procentpunt)" if m == "totaalopgave_gehaald" else ""
        ax.set_title(f"{maat_naam(m)}{eenheid}", fontsize=9, loc="left")
        ax.grid(axis="x", alpha=0.3)
    if attr:
        ax = assen[-1][0]
        for i, (_, aan, uit) in enumerate(reversed(attr)):
            punt(ax, i, aan, 1.0, "tab:green", 0.15, f"alleen deze regel aan, vanuit {p['a']}" if i == 0 else None)
            punt(ax, i, uit, 1.0, "tab:orange", -0.15, f"alleen deze regel uit, vanuit {p['b']}" if i == 0 else None)
        ax.set_yticks(range(len(attr)), [textwrap.fill(regel_naam(a[0]), 38) for a in reversed(attr)], fontsize=8)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title("Bijdrage per regel aan de realisatie, hele horizon (personen)", fontsize=9, loc="left")
        ax.legend(fontsize=7, loc="lower right")
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(f"{p['b']} min {p['a']}: gepaard verschil met 95%-interval\n"
                 f"{v.scenario}, {v.replicaties} replicaties (open punt: interval bevat 0)", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.9 / fig.get_figheight()))
    data = bewaar_figuur(fig, formaat)
    plt.close(fig)
    return data
