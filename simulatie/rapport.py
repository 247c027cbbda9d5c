"""Writers for simulation results: readable table, JSON and CSV per replication. Pure: text out."""

from __future__ import annotations

import io
import json
from typing import Iterator

from rich.console import Console
from rich.table import Table

from matching.bestanden.csv_nl import csv_stukken, csv_tekst

from . import gelijkheid, kengetallen, kolommen
from .kolommen import Replicatieperiode
from .replicaties import SimResultaat, getoonde_stappen, samenvatting, standen


def als_json(resultaten: list[SimResultaat], extra: dict | None = None) -> str:
    if len(resultaten) == 1:
        data = samenvatting(resultaten[0])
    else:
        data = {"beleiden": [samenvatting(r) for r in resultaten]}
    if extra:
        data.update(extra)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def als_csv(resultaten: list[SimResultaat], stijl: str = "nl") -> str:
    """One row per replication and period: the raw material for any further analysis. The
    columns are declared in `kolommen.py`."""
    return "".join(als_csv_stukken(resultaten, stijl))


def als_csv_stukken(resultaten: list[SimResultaat], stijl: str = "nl") -> Iterator[str]:
    """`als_csv` in pieces, each made when the writer asks for it: a million replications are
    written without their rows in memory."""
    rijen = ([k.csvcel(rij) for k in kolommen.CSV] for rij in _replicatieperioden(resultaten))
    return csv_stukken([k.csv for k in kolommen.CSV], rijen, stijl)


_BLOK = 5_000  # replications whose stands are worked out at once (memory per block, not per run)


def _replicatieperioden(resultaten: list[SimResultaat]):
    for res in resultaten:
        o = res.optelling
        woningen = o.per_periode("woningen_gebruikt")
        nummers = o.replicatienummers
        for a in range(0, o.n, _BLOK):
            real, stand = standen(res, a, a + _BLOK)
            for i in range(len(real)):
                for j, p in enumerate(res.invoer.sc.periode):
                    yield Replicatieperiode(res.beleid, nummers[a + i], p.naam, p.taakstelling, p.extra_opgave,
                                            res.invoer.sc.verplicht(p), stand[i, j], real[i, j], woningen[a + i, j],
                                            o.woningen_per_jaar[a + i])


def als_xlsx(resultaten: list[SimResultaat]) -> bytes:
    """Toelichting, then per policy a sheet with the table's columns (Per periode) and one with the
    CSV's (Per replicatie); columns, headers and formats from `kolommen.py`."""
    from matching.bestanden.werkmap import werkmap

    return werkmap(*_werkbladen(resultaten))


def als_xlsx_stukken(resultaten: list[SimResultaat]) -> Iterator:
    """`als_xlsx` for the atomic writer, made only as it is written (`werkmap_in_stukken`)."""
    from matching.bestanden.werkmap import werkmap_in_stukken

    yield from werkmap_in_stukken(*_werkbladen(resultaten))


def _werkbladen(resultaten: list[SimResultaat]) -> tuple[list, list[str]]:
    from matching.bestanden.werkmap import Werkblad

    bladen, inleiding = [], []
    meer = len(resultaten) > 1
    for res in resultaten:
        s = samenvatting(res)
        achter = f" {res.beleid}" if meer else ""
        inleiding.append(f"Scenario {s['scenario']}, beleid {s['beleid']}, {s['replicaties']} replicaties, "
                         f"seed {s['seed']}.")
        bladen.append(Werkblad(f"Per periode{achter}", [k.werkkolom() for k in kolommen.TABEL],
                               [[k.tabelwaarde(p) for k in kolommen.TABEL] for p in s["perioden"]]))
    rijen = ([k.csvcel(rij) for k in kolommen.CSV] for rij in _replicatieperioden(resultaten))  # (made as written)
    bladen.append(Werkblad("Per replicatie", [k.werkkolom(per_rij=True) for k in kolommen.CSV], rijen))
    inleiding.append("Percentages staan als fractie in de cel (0,877 toont als 87,7%); een lege cel: geen "
                     "taakstelling in die periode.")
    return bladen, inleiding


def als_tabel(resultaten: list[SimResultaat], breedte: int = 120, overschreven: str | None = None) -> str:
    """`overschreven`: the keys set with --zet for this run, printed under each title."""
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    for res in resultaten:
        s = samenvatting(res)
        console.print(f"[bold]Scenario {s['scenario']}[/bold] — beleid {s['beleid']}, {s['replicaties']} replicaties, "
                      f"seed {s['seed']}")
        if overschreven:
            console.print(f"overschreven: {overschreven}", markup=False, highlight=False)
        tab = Table(title="Taakstelling per periode (personen)", title_justify="left")
        for kol in kolommen.TABEL:
            tab.add_column(kol.kop, justify="left" if kol.soort == "tekst" else "right")
        for p in s["perioden"]:
            tab.add_row(*(kol.tabelcel(p) for kol in kolommen.TABEL))
            if not p.get("verplicht", True):  # taakstelling afgeschaft: no obligation, no stand
                tab.caption = (f"— : geen taakstelling vanaf {res.invoer.sc.taakstelling.afgeschaft_vanaf} "
                               "(afgeschaft); de taakstelling is dan de verwachte instroom")
                tab.caption_justify = "left"
        console.print(tab)
        if s["plan"]:
            console.print(_plan_tabel(s["plan"]))
        k = s["kpi"]
        tab = Table(title="Kengetallen (gemiddeld per replicatie)", title_justify="left")
        tab.add_column("kengetal")
        tab.add_column("waarde", justify="right")
        for kengetal in kengetallen.TABEL:
            for tekst, waarde in kengetal.rijen(k):
                tab.add_row(tekst, waarde)
        console.print(tab)
        console.print(gelijkheid.tabel(s["gelijkheid"]))
        redenen = _wachtredenen(res)
        if redenen:
            tab = Table(title="Nog wachtend aan het eind, en waarom (gemiddeld aantal huishoudens)", title_justify="left")
            tab.add_column("reden")
            tab.add_column("huishoudens", justify="right")
            for reden, n in redenen:
                tab.add_row(reden, n)
            tab.caption = ("Is de reden een regel, dan is het de regel die voor dit huishouden de meeste woningen "
                           "in het aanbod uitsluit.")
            tab.caption_justify = "left"
            console.print(tab)
    return console.file.getvalue()


def _wachtredenen(res: SimResultaat) -> list[tuple[str, str]]:
    """(reason in words, mean households) rows, most first: from the exact counts, not the JSON's
    rounded means, so a reason is shown only if some replication had it, and one too rare to
    show as 0.1 reads "< 0.1" rather than 0.0."""
    from .rapportage.namen import wachtreden_naam

    o = res.optelling
    n = max(o.n, 1)
    rijen = sorted(((c / n, code) for code, c in o.wachtend_redenen.items() if c > 0), key=lambda r: (-r[0], r[1]))
    return [(wachtreden_naam(code), f"{gem:.1f}" if f"{gem:.1f}" != "0.0" else "< 0.1") for gem, code in rijen]


def _een_decimaal(x) -> str:
    """A whole number as it is, anything else to one decimal."""
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def _plan_tabel(plan: dict) -> Table:
    """The plan's figures beside the simulation's, and the steps from one to the other."""
    from .rapportage.namen import in_woorden

    tab = Table(title=f"Plan en simulatie naast elkaar — {in_woorden(plan['bron'])}" if plan["bron"] else "Plan en simulatie",
                title_justify="left")
    for kol in ("", "plan", "simulatie gem.", "p10", "p90"):
        tab.add_column(kol, justify="left" if not kol else "right")
    namen = {"woningen_gebruikt": "woningen gebruikt (sleutels in de horizon)",
             "personen_per_woning": "personen per woning",
             "personen_in_plan_woningen": "personen in die woningen (met nareizigers)",
             "realisatie": "realisatie (personen)"}
    for sleutel, naam in namen.items():
        if sleutel not in plan:
            continue
        v = plan[sleutel]
        sim = v["simulatie"]
        # (the plan's figure as precise as the simulation's beside it: 45.37 dwellings reads as
        # thousands to a Dutch eye)
        plan_tekst = f"{v['plan']:.2f}" if sleutel == "personen_per_woning" else _een_decimaal(v["plan"])
        if isinstance(sim, dict):
            tab.add_row(naam, plan_tekst, f"{sim['gemiddeld']:.1f}", f"{sim['p10']:.0f}", f"{sim['p90']:.0f}")
        else:
            tab.add_row(naam, plan_tekst, "-" if sim is None else f"{sim:.2f}", "", "")
        if v.get("toelichting"):
            tab.add_row(f"  {v['toelichting']}", "", "", "", "")
    stappen = plan.get("aansluiting", [])
    for st, personen in zip(stappen, getoonde_stappen(stappen)):  # (the shown steps add up to the shown total)
        teken = "" if st["stap"] in ("plan", "realisatie (simulatie)") else "+" if personen >= 0 else ""
        tab.add_row(f"  {st['stap']}: {st['toelichting']}", "", f"{teken}{personen:.1f}", "", "")
    return tab
