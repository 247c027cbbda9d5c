"""Writers for a comparison: table, JSON, CSV and Excel workbook; the chart is in vergelijking_grafiek.py."""

from __future__ import annotations

import io
import json
from typing import Iterator

from rich.console import Console
from rich.table import Table

from matching.bestanden.csv_nl import csv_tekst

from . import gelijkheid
from .replicaties import samenvatting
from .vergelijking import MATEN, Vergelijking
from .vergelijking_grafiek import grafiek_png  # noqa: F401  (the chart; matplotlib only when drawn)


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


def _iv(d: dict | None, fmt: str = "{:+.2f}", schaal: float = 1.0, eenheid: str = "") -> str:
    if not d or d.get("gemiddeld") is None:
        return "-"
    f = lambda x: fmt.format(x * schaal)  # noqa: E731
    return f"{f(d['gemiddeld'])} [{f(d['ondergrens'])}, {f(d['bovengrens'])}]{eenheid}"


def _rijen(v: Vergelijking):
    """Long rows: one per (view, pair or rule, period, measure); last, the pair or rule in words
    (the rule group's Dutch name) for the workbook, where the CSV keeps the code."""
    from .rapportage.namen import regel_naam

    for p in v.paren:
        for per in p["perioden"]:
            for maat, d in per["maten"].items():
                wat = f"{p['b']} - {p['a']}"
                yield ("verschil", wat, per["periode"], maat, d, wat)
    for a in v.attributie:
        for sleutel in (k for k in a if k.startswith(("aan_vanuit_", "uit_vanuit_"))):
            richting = sleutel.replace('_', ' ')
            for per in a[sleutel]:
                for maat, d in per["maten"].items():
                    yield ("attributie", f"{a['regel']} ({richting})", per["periode"], maat, d,
                           f"{regel_naam(a['regel'])} ({richting})")


KOP = ["weergave", "vergelijking", "periode", "maat", "a", "b", "verschil", "ondergrens", "bovengrens", "n",
       "ongepaard_ondergrens", "ongepaard_bovengrens"]


def _velden(r) -> list:
    weergave, wat, periode, maat, d, _ = r
    vd, on = d["verschil"], d.get("ongepaard") or {}
    return [weergave, wat, periode, maat, d.get("a"), d.get("b"), vd.get("gemiddeld"), vd.get("ondergrens"),
            vd.get("bovengrens"), vd.get("n"), on.get("ondergrens"), on.get("bovengrens")]


def als_csv(v: Vergelijking, stijl: str = "nl") -> str:
    return csv_tekst(KOP, (_velden(r) for r in _rijen(v)), stijl)


def _werkkolommen():
    """The columns of the sheets Verschillen and Attributie: key in `KOP` (the CSV), header in words, explanation."""
    from matching.bestanden.werkmap import Werkkolom as W

    return [
        ("vergelijking", W("Vergelijking", "tekst", "Verschillen: tweede beleid min eerste. Attributie: de regel alleen "
                                                    "aan vanuit het eerste beleid, of alleen uit vanuit het tweede.")),
        ("periode", W("Periode", "tekst", "Halfjaar van de taakstelling; 'totaal' is de hele horizon.")),
        ("maat", W("Maat", "tekst", "Wat er vergeleken wordt, in woorden.")),
        ("maatcode", W("Maatcode", "tekst", "De naam van de maat in de JSON en de CSV.")),
        ("a", W("Eerste (gemiddeld)", "decimaal", "Gemiddelde van de maat onder het eerste beleid (of de variant "
                                                  "zonder de regel); een kans als percentage.")),
        ("b", W("Tweede (gemiddeld)", "decimaal", "Gemiddelde van de maat onder het tweede beleid (of de variant "
                                                  "met de regel).")),
        ("verschil", W("Verschil (gemiddeld)", "decimaal", "Gemiddeld gepaard verschil, tweede min eerste, over "
                                                           "dezelfde gesimuleerde werelden.")),
        ("ondergrens", W("Verschil ondergrens 95%", "decimaal", "Ondergrens van het 95%-interval van het gepaarde "
                                                                "verschil.")),
        ("bovengrens", W("Verschil bovengrens 95%", "decimaal", "Bovengrens van het 95%-interval van het gepaarde "
                                                                "verschil.")),
        ("n", W("Aantal paren", "geheel", "Replicaties waarin de maat onder beide beleiden een waarde heeft.")),
        ("ongepaard_ondergrens", W("Ongepaard ondergrens 95%", "decimaal", "Ondergrens van het interval als de "
                                   "werelden niet gepaard waren: zo veel smaller maakt het paren het interval.")),
        ("ongepaard_bovengrens", W("Ongepaard bovengrens 95%", "decimaal", "Bovengrens van het ongepaarde "
                                                                           "interval.")),
    ]


def als_xlsx(v: Vergelijking) -> bytes:
    """Toelichting, then per policy (the columns of `simuleer`'s table), differences, attribution, and per
    replication; headers in words, formats per measure (a probability as a percentage)."""
    from matching.bestanden.werkmap import werkmap

    return werkmap(*_werkbladen(v))


def als_xlsx_stukken(v: Vergelijking) -> Iterator:
    """`als_xlsx` for the atomic writer, made only as it is written (`werkmap_in_stukken`)."""
    from matching.bestanden.werkmap import werkmap_in_stukken

    yield from werkmap_in_stukken(*_werkbladen(v))


def _werkbladen(v: Vergelijking) -> tuple[list, list[str]]:
    from matching.bestanden.werkmap import Werkblad, Werkkolom

    from . import kolommen
    from .rapportage.namen import maat_naam

    per_beleid = Werkblad("Per beleid", [kolommen.BELEID.werkkolom()] + [k.werkkolom() for k in kolommen.TABEL],
                          [[r.beleid] + [k.tabelwaarde(p) for k in kolommen.TABEL]
                           for r in v.resultaten for p in samenvatting(r)["perioden"]])
    werk = _werkkolommen()
    maatplek = [s for s, _ in werk].index("maatcode")

    def rijen(weergave):
        for r in _rijen(v):
            if r[0] == weergave:
                veld = dict(zip(KOP, _velden(r)))
                veld["maatcode"], veld["maat"] = veld["maat"], maat_naam(veld["maat"])
                veld["vergelijking"] = r[-1]  # the rule in words; the CSV keeps its code
                yield [veld[s] for s, _ in werk]

    def rijsoort(rij):
        return "procent" if rij[maatplek] == "totaalopgave_gehaald" else None

    verschillen = Werkblad("Verschillen", [w for _, w in werk], rijen("verschil"), rijsoort)
    attributie = Werkblad("Attributie", [w for _, w in werk], rijen("attributie"), rijsoort)
    real = [r.optelling.per_periode("realisatie") for r in v.resultaten]
    replicaties = Werkblad(
        "Per replicatie",
        [Werkkolom("Replicatie", "geheel", "Nummer van de gesimuleerde wereld; elk beleid draait op dezelfde wereld.")]
        + [Werkkolom(f"Realisatie {r.beleid} {p} (personen)", "geheel",
                     f"Personen gehuisvest in {p} onder beleid {r.beleid} in deze replicatie.")
           for r in v.resultaten for p in v.perioden],
        ([i] + [int(x[i, j]) for x in real for j in range(len(v.perioden))] for i in range(v.replicaties)))
    inleiding = [f"Vergelijking op scenario {v.scenario}: {v.replicaties} gepaarde replicaties, seed {v.seed}.",
                 "Percentages staan als fractie in de cel (0,877 toont als 87,7%); een verschil in een kans is dan "
                 "een verschil in procentpunten (0,05 is 5 procentpunt)."]
    gelijk = Werkblad("Gelijkheid", [kolommen.BELEID.werkkolom()] + [k.werkkolom() for k in gelijkheid.KOLOMMEN],
                      [[r.beleid] + [k.tabelwaarde(rij) for k in gelijkheid.KOLOMMEN]
                       for r in v.resultaten for rij in samenvatting(r)["gelijkheid"]["per_type"]])
    bladen = [per_beleid, verschillen] + ([attributie] if v.attributie else []) + [replicaties, gelijk]
    return bladen, inleiding


def _getal(x, kans: bool) -> str:
    return "-" if x is None else (f"{x:.0%}" if kans else f"{x:.2f}")


def als_tabel(v: Vergelijking, breedte: int = 130) -> str:
    from .rapportage.namen import regel_naam

    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    console.print(f"[bold]Vergelijking op scenario {v.scenario}[/bold]: {v.replicaties} gepaarde replicaties "
                  f"(dezelfde wereld per replicatie), seed {v.seed}. Verschil = tweede min eerste, met 95%-interval; "
                  "bij een kans in procentpunten (pp).")
    for p in v.paren:
        tab = Table(title=f"{p['b']} tegen {p['a']}", title_justify="left")
        for kol in ("periode", "maat", p["a"], p["b"], "verschil [95%]", "ongepaard [95%]"):
            tab.add_column(kol, justify="left" if kol in ("periode", "maat") else "right")
        minder = False
        for per in p["perioden"]:
            for maat, d in per["maten"].items():
                kans = maat == "totaalopgave_gehaald"
                # A difference in a probability is in percentage points, not a percentage of it.
                stijl = ("{:+.1f}", 100.0, " pp") if kans else ("{:+.2f}", 1.0, "")
                verschil = _iv(d["verschil"], *stijl)
                n = d["verschil"].get("n")
                if n is not None and n < v.replicaties and verschil != "-":
                    verschil += f" (n={n})"
                    minder = True
                tab.add_row(per["periode"], MATEN.get(maat, maat), _getal(d["a"], kans), _getal(d["b"], kans),
                            verschil, _iv(d["ongepaard"], *stijl))
        console.print(tab)
        if minder:
            console.print(f"n = de replicaties van de {v.replicaties} waarin de maat onder beide beleiden een waarde "
                          "heeft (bijvoorbeeld kinderen per kinderslaapkamer alleen als er kinderen zijn geplaatst); "
                          "het verschil is het gemiddelde over die paren, de twee kolommen ervoor zijn gemiddelden "
                          "over alle replicaties met een waarde, dus hun verschil kan ervan afwijken.")
    if v.attributie:
        a, b = v.paren[0]["a"], v.paren[0]["b"]
        tab = Table(title="Wat elke regel bijdraagt aan de realisatie (personen, hele horizon)", title_justify="left")
        tab.add_column("regel")
        tab.add_column(f"aan, vanuit {a}", justify="right")
        tab.add_column(f"uit, vanuit {b}", justify="right")
        for r in v.attributie:
            aan = r[f"aan_vanuit_{a}"][-1]["maten"]["realisatie"]["verschil"]
            uit = r[f"uit_vanuit_{b}"][-1]["maten"]["realisatie"]["verschil"]
            tab.add_row(regel_naam(r["regel"]), _iv(aan), _iv(uit))
        console.print(tab)
        console.print("'aan': de regel alleen toegevoegd aan het eerste beleid; 'uit': de regel alleen weggelaten "
                      "uit het tweede. Samen tonen ze of een regel op zichzelf werkt of pas in combinatie.")
    for r in v.resultaten:
        console.print(gelijkheid.tabel(samenvatting(r)["gelijkheid"], f"Gelijkheid per huishoudtype — {r.beleid}"))
    return console.file.getvalue()
