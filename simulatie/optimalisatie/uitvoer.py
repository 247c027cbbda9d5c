"""Writers for an optimisation: the frontier as a table, JSON, CSV (Dutch Excel) and xlsx.

Each frontier point: its rules in words, its parameter values (`beleid`) and every measure
with its 95% interval over the N common replications. `strikt` and `flexibel`: where they lie,
and `gedomineerd_door`, the indices of the frontier points that beat them on every objective.
"""

from __future__ import annotations

import io
import json

import numpy as np

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


def _maatkolommen(m: str, grenzen: bool) -> list[tuple[str, object]]:
    """A measure's columns: its mean, and with `grenzen` the bounds of its 95% interval (key as in the
    CSV, the sheet's Werkkolom)."""
    from matching.bestanden.werkmap import Werkkolom as W

    maat = MATEN[m]
    soort = "procent" if maat.kans else "decimaal"
    kop = maat.kort[:1].upper() + maat.kort[1:]
    beter = "hoger is beter" if maat.richting == "max" else "lager is beter"
    uit = [(m, W(f"{kop} (gemiddeld)", soort, f"Gemiddelde over de replicaties van: {maat.tekst}; {beter}."))]
    if grenzen:
        uit += [(f"{m}_ondergrens", W(f"{kop} ondergrens 95%", soort, f"Ondergrens van het 95%-interval van het "
                                                                       f"gemiddelde: {maat.tekst}.")),
                (f"{m}_bovengrens", W(f"{kop} bovengrens 95%", soort, f"Bovengrens van het 95%-interval van het "
                                                                       f"gemiddelde: {maat.tekst}."))]
    return uit


def _kolommen() -> list[tuple[str, object]]:
    """The frontier's columns, declared once: key (the CSV's header) and the sheet Frontier's column
    (header in words, kind, explanation)."""
    from matching.bestanden.werkmap import Werkkolom as W

    return ([("soort", W("Soort", "tekst", "frontier: een punt op de Pareto-frontier; strikt en flexibel: de "
                                           "bestaande beleiden, ter vergelijking.")),
             ("index", W("Index", "geheel", "Nummer van het frontierpunt, het beste op het eerste doel eerst; leeg "
                                            "voor strikt en flexibel.")),
             ("naam", W("Naam", "tekst", "Naam van de kandidaat (het beleid) in de zoektocht.")),
             ("regels", W("Regels", "tekst", "De keuze in elke regel van de zoekruimte, in woorden.")),
             ("replicaties", W("Replicaties", "geheel", "Gesimuleerde jaren achter de maten van dit punt; elk punt "
                                                        "draait op dezelfde werelden."))]
            + [k for m in NAMEN for k in _maatkolommen(m, grenzen=True)]
            + [("gedomineerd_door", W("Gedomineerd door", "tekst", "Voor strikt en flexibel: de indexen van de "
                                      "frontierpunten die op elk doel minstens zo goed zijn en op één beter."))])


def _kop() -> list[str]:
    return [k for k, _ in _kolommen()]


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
    """Toelichting, then the frontier (with strikt and flexibel), equity per household type per
    point, and every candidate evaluated; headers in words, a probability as a percentage."""
    from matching.bestanden.werkmap import Werkblad, Werkkolom, werkmap

    d = als_dict(o)
    kolommen = dict(_kolommen())
    frontier = Werkblad("Frontier", list(kolommen.values()),
                        [[x if x != "" else None for x in _velden(*r)] for r in _rijen(d)])
    punt = [kolommen["soort"], kolommen["index"], kolommen["naam"]]
    gelijk = Werkblad("Gelijkheid", punt + [k.werkkolom() for k in gelijkheid.KOLOMMEN],
                      [[soort, i, p["naam"]] + [k.tabelwaarde(rij) for k in gelijkheid.KOLOMMEN]
                       for soort, i, p, _ in _rijen(d) for rij in (p["gelijkheid"] or {}).get("per_type", [])])
    kandidaten = Werkblad(
        "Kandidaten",
        [kolommen["naam"], kolommen["regels"],
         Werkkolom("Replicaties", "geheel", "Gesimuleerde jaren van deze kandidaat: successive halving geeft "
                                            "alleen de beste kandidaten de volle replicaties.")]
        + [w for m in NAMEN for _, w in _maatkolommen(m, grenzen=False)],
        ([k.naam, "; ".join(in_woorden(o, k)), k.replicaties] + [None if np.isnan(x) else round(float(x), 4)
                                                                  for x in k.gemiddeld()] for k in o.kandidaten))
    methode = "elk punt van de ruimte" if d["methode"] == "rooster" else "NSGA-II"
    inleiding = [f"Optimalisatie op scenario {d['scenario']}: {d['aantal_kandidaten']} kandidaten ({methode}), "
                 "successive halving " + " → ".join(f"{s['kandidaten']}×{s['replicaties']}" for s in d["sporten"])
                 + f" replicaties op dezelfde werelden, seed {d['seed']}.",
                 "Doelen: " + "; ".join(f"{x['tekst']} ({'hoger' if x['richting'] == 'max' else 'lager'} is beter)"
                                        for x in d["doelen"]) + ".",
                 "Percentages staan als fractie in de cel (0,877 toont als 87,7%)."]
    return werkmap([frontier, gelijk, kandidaten], inleiding)


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
