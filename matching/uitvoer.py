"""Writers for a toewijzing: readable table, CSV and JSON. Pure: they return text."""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from .bestanden.csv_nl import csv_tekst
from .toewijzing import Toewijzing
from .uitleg import BEZWAAR_TEKST


# First line of every output made from the bundled example, so it is never taken for real data.
VOORBEELD = "voorbeeldgegevens, geen echte huishoudens"


def als_json(toewijzingen: list[Toewijzing], verschillen: list[dict], voorbeeld: bool = False) -> str:
    if len(toewijzingen) == 1 and not verschillen:
        data = toewijzingen[0].als_dict()
    else:
        data = {"beleiden": [t.als_dict() for t in toewijzingen], "verschillen": verschillen}
    if voorbeeld:
        data = {"let_op": VOORBEELD, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def als_csv(toewijzingen: list[Toewijzing], voorbeeld: bool = False, stijl: str = "nl") -> str:
    """One row per household; `stijl` nl (Dutch Excel) or internationaal (see `csv_nl`)."""
    rijen = ((t.beleid, p.huishouden, p.woning or "", p.personen, " ".join(r.code for r in p.redenen),
              "; ".join(r.tekst for r in p.redenen), " ".join(p.passend))
             for t in toewijzingen for p in t.toewijzingen + t.niet_geplaatst)
    return csv_tekst(["beleid", "huishouden", "woning", "personen", "codes", "redenen", "passend"], rijen, stijl,
                     [f"# {VOORBEELD}"] if voorbeeld else [])


def als_tabel(toewijzingen: list[Toewijzing], verschillen: list[dict], breedte: int = 140,
              voorbeeld: bool = False) -> str:
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    if voorbeeld:
        console.print(f"LET OP: {VOORBEELD} (geef --huishoudens en --woningen voor een echte ronde)")
    for t in toewijzingen:
        s = t.samenvatting
        console.print(f"[bold]Beleid {t.beleid}[/bold] — peildatum {t.peildatum.isoformat()}, "
                      f"oplosser {t.oplosser} ({t.status})")
        tab = Table(title="Toewijzingen", title_justify="left", show_lines=False)
        for kol in ("huishouden", "woning", "personen", "redenen"):
            tab.add_column(kol, overflow="fold")
        for p in t.toewijzingen:
            tab.add_row(p.huishouden, p.woning, str(p.personen), "; ".join(r.tekst for r in p.redenen))
        console.print(tab)
        tab = Table(title="Niet geplaatst", title_justify="left")
        for kol in ("huishouden", "personen", "waarom niet", "passend"):
            tab.add_column(kol, overflow="fold")
        for p in t.niet_geplaatst:
            tab.add_row(p.huishouden, str(p.personen), "; ".join(r.tekst for r in p.redenen),
                        " ".join(p.passend) or "-")
        console.print(tab)
        wl = s["wachtlijst"]
        console.print(f"Geplaatst: {s['personen_geplaatst']} personen in {s['huishoudens_geplaatst']} huishoudens "
                      f"({s['woningen_gebruikt']} van {s['woningen']} woningen); "
                      f"wachtlijst (wie eerst komt): {wl['personen_geplaatst']} personen in "
                      f"{wl['huishoudens_geplaatst']} huishoudens.")
        if s.get("doel_weggelaten"):
            console.print(f"Let op: deze ronde is te groot om de hele volgorde exact te maken; exact tot en met "
                          f"'{s['doel_exact'][-1]}', niet meegewogen: {', '.join(s['doel_weggelaten'])}.")
        console.print("")
    for v in verschillen:
        console.print(f"[bold]Verschil {v['van']} → {v['naar']}[/bold]: {v['personen_verschil']:+d} personen")
        console.print(f"  huishoudens die alleen onder {v['naar']} een woning krijgen; regels van {v['van']} "
                      "die hun woning uitsluiten (een huishouden kan onder meer regels vallen):")
        for code, d in v["doorslaggevende_regels"].items():
            uitleg = BEZWAAR_TEKST.get(code, "woning ging onder dit beleid naar een ander huishouden")
            console.print(f"  - {code} ({uitleg}): {d['huishoudens']} huishoudens, {d['personen']} personen")
    return console.file.getvalue()
