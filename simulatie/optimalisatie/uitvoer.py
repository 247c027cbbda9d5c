"""Writers for an optimisation: the frontier as a table, JSON, CSV (Dutch Excel) and xlsx.

Each frontier point: its rules in words, its parameter values (`beleid`) and every measure
with its 95% interval over the N common replications. `strikt` and `flexibel`: where they lie,
and `gedomineerd_door`, the indices of the frontier points that beat them on every objective.
"""

from __future__ import annotations

import io
import json

import numpy as np

from matching.bestanden import veilige_cel
from matching.bestanden.csv_nl import csv_tekst

from .. import gelijkheid
from ..vergelijking import interval
from . import pareto
from .maten import MATEN, NAMEN
from .zoeken import REFERENTIES, Kandidaat, Optimalisatie, doelpunten


def _waarde(v):
    return list(v) if isinstance(v, tuple) else v


def beleid_waarden(o: Optimalisatie, k: Kandidaat) -> dict:
    """The candidate's values of the parameters the space varies (as the space writes them)."""
    uit = {}
    for r, i in zip(o.ruimte.regels, k.keuze):
        if i is not None:
            uit.update(r.keuzes[i].waarden)
        else:
            uit.update({p: _waarde(getattr(k.beleid, p)) for p in r.keuzes[0].waarden})
    return uit


def in_woorden(o: Optimalisatie, k: Kandidaat) -> list[str]:
    uit = []
    for r, i in zip(o.ruimte.regels, k.keuze):
        if i is not None:
            uit.append(r.keuzes[i].tekst)
        else:
            uit.append(f"{r.naam}: " + ", ".join(f"{p} = {_waarde(getattr(k.beleid, p))}" for p in r.keuzes[0].waarden))
    return uit


def verschil_in_woorden(o: Optimalisatie, k: Kandidaat) -> str:
    """Only the rules in which the candidate differs from the basis policy: short enough for a table."""
    woorden = in_woorden(o, k)
    anders = [w for w, i, b in zip(woorden, k.keuze, o.basis_keuze) if i != b]
    return "; ".join(anders) if anders else f"zoals {o.ruimte.basis}"


def maten(k: Kandidaat) -> dict:
    return {m: interval(k.rijen[:, j]) for j, m in enumerate(NAMEN)}


def frontier_volgorde(o: Optimalisatie) -> list[int]:
    """Frontier points (indices into o.eind), best on the first objective first."""
    eerste = o.ruimte.doelen[0]
    punten = doelpunten(o.eind, (eerste,))
    return sorted(o.frontier, key=lambda i: (punten[i, 0], i))


def als_dict(o: Optimalisatie) -> dict:
    volgorde = frontier_volgorde(o)
    punten = doelpunten(o.eind, o.ruimte.doelen)

    def punt(k: Kandidaat) -> dict:
        return {"naam": k.naam, "beleid": beleid_waarden(o, k), "regels": in_woorden(o, k), "maten": maten(k),
                "replicaties": k.replicaties, "gelijkheid": k.gelijkheid.resultaat(o.norm_weken) if k.gelijkheid else None}

    uit = {
        "scenario": o.scenario, "seed": o.seed, "replicaties": o.replicaties, "budget": o.budget,
        "methode": o.methode,
        "sporten": [{"replicaties": r, "kandidaten": n} for r, n in o.sporten],
        "aantal_kandidaten": len(o.kandidaten),
        "gesimuleerde_replicaties": o.gesimuleerde_replicaties,
        "gesimuleerde_jaren": round(o.gesimuleerde_jaren, 1),
        "ruimte": {"bron": o.ruimte.bron, "basis": o.ruimte.basis, "regels": [r.naam for r in o.ruimte.regels],
                   "grootte": o.ruimte.grootte},
        "doelen": [{"maat": d, "tekst": MATEN[d].tekst, "richting": MATEN[d].richting} for d in o.ruimte.doelen],
        "frontier": [punt(o.eind[i]) for i in volgorde],
    }
    for naam in REFERENTIES:
        i = next(j for j, k in enumerate(o.eind) if k.naam == naam)
        door = [pos for pos, f in enumerate(volgorde) if pareto.domineert(punten[f], punten[i])]
        uit[naam] = punt(o.eind[i]) | {"op_frontier": i in o.frontier, "gedomineerd_door": door}
    return uit


def als_json(o: Optimalisatie) -> str:
    return json.dumps(als_dict(o), ensure_ascii=False, indent=2) + "\n"


def _rijen(d: dict):
    """One row per point: frontier points, then strikt and flexibel."""
    for i, p in enumerate(d["frontier"]):
        yield "frontier", i, p, ""
    for naam in REFERENTIES:
        p = d[naam]
        yield naam, None, p, " ".join(str(i) for i in p["gedomineerd_door"])


def _kop() -> list[str]:
    kop = ["soort", "index", "naam", "regels", "replicaties"]
    for m in NAMEN:
        kop += [m, f"{m}_ondergrens", f"{m}_bovengrens"]
    return kop + ["gedomineerd_door"]


def _velden(soort, i, p, door) -> list:
    rij = [soort, i, p["naam"], "; ".join(p["regels"]), p["replicaties"]]
    for m in NAMEN:
        iv = p["maten"][m]
        rij += [iv["gemiddeld"], iv["ondergrens"], iv["bovengrens"]]
    return rij + [door]


def als_csv(o: Optimalisatie, stijl: str = "nl") -> str:
    d = als_dict(o)
    return csv_tekst(_kop(), (_velden(*r) for r in _rijen(d)), stijl)


def als_xlsx(o: Optimalisatie) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    d = als_dict(o)
    wb = Workbook()
    ws = wb.active
    ws.title = "Frontier"
    ws.append(_kop())
    for r in _rijen(d):
        ws.append([veilige_cel(x) for x in _velden(*r)])
    ws = wb.create_sheet("Gelijkheid")
    ws.append(["soort", "index", "naam"] + [kol.kop for kol in gelijkheid.KOLOMMEN])
    for soort, i, p, _ in _rijen(d):
        for rij in (p["gelijkheid"] or {}).get("per_type", []):
            ws.append([soort, i, p["naam"]] + [rij[kol.sleutel] for kol in gelijkheid.KOLOMMEN])
    ws = wb.create_sheet("Kandidaten")
    ws.append(["naam", "regels", "replicaties"] + list(NAMEN))
    for k in o.kandidaten:
        ws.append([k.naam, veilige_cel("; ".join(in_woorden(o, k))), k.replicaties]
                  + [None if np.isnan(x) else round(float(x), 4) for x in k.gemiddeld()])
    for blad in wb.worksheets:
        for c in blad[1]:
            c.font = Font(bold=True)
        blad.freeze_panes = "A2"
    from matching.bestanden.werkmap import als_bytes
    return als_bytes(wb)  # (without the time of writing: the same run, the same bytes)


def _iv(iv: dict, kans: bool) -> str:
    if iv["gemiddeld"] is None:
        return "-"
    f = "{:.0%}" if kans else "{:.1f}"
    return f"{f.format(iv['gemiddeld'])} [{f.format(iv['ondergrens'])}, {f.format(iv['bovengrens'])}]"


def positie(d: dict, naam: str) -> str:
    p = d[naam]
    if p["op_frontier"]:
        return f"{naam} ligt op de frontier: geen kandidaat is op elk doel minstens zo goed en op één beter."
    if not p["gedomineerd_door"]:
        return f"{naam} ligt niet op de frontier, maar wordt door geen frontierpunt op alle doelen verslagen."
    return f"{naam} wordt gedomineerd door frontierpunt(en) {', '.join(map(str, p['gedomineerd_door']))}."


def als_tabel(o: Optimalisatie, breedte: int = 180) -> str:
    from rich.console import Console
    from rich.table import Table

    d = als_dict(o)
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    console.print(f"[bold]Optimalisatie op scenario {d['scenario']}[/bold]: {d['aantal_kandidaten']} kandidaten "
                  f"({'elk punt van de ruimte' if d['methode'] == 'rooster' else 'NSGA-II'}), successive halving "
                  + " → ".join(f"{s['kandidaten']}×{s['replicaties']}" for s in d["sporten"])
                  + f" replicaties op dezelfde werelden, seed {d['seed']}; {d['gesimuleerde_jaren']:.0f} gesimuleerde jaren.")
    console.print("Doelen: " + "; ".join(f"{MATEN[x['maat']].kort}: {x['richting']} {x['tekst']}" for x in d["doelen"]))
    tab = Table(title="Frontier: geen ander punt is op elk doel minstens zo goed (gemiddeld [95%-interval])",
                title_justify="left")
    tab.add_column("#", justify="right", no_wrap=True)
    tab.add_column("regels (anders dan " + o.ruimte.basis + ")", min_width=40)
    for m in o.ruimte.doelen:
        tab.add_column(MATEN[m].kort, justify="right", no_wrap=True)
    namen = {k.naam: k for k in o.eind}
    punten = [(str(i), p) for i, p in enumerate(d["frontier"])] + [(n, d[n]) for n in REFERENTIES]
    for label, p in punten:
        tab.add_row(label if p["naam"] not in REFERENTIES or label in REFERENTIES else f"{label} ({p['naam']})",
                    verschil_in_woorden(o, namen[p["naam"]]),
                    *(_iv(p["maten"][m], MATEN[m].kans) for m in o.ruimte.doelen))
    console.print(tab)
    for naam in REFERENTIES:
        console.print(positie(d, naam))
    return console.file.getvalue()
