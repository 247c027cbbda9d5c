"""Writers for a toewijzing: readable table, CSV and JSON. Pure: they return text."""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from .bestanden.csv_nl import csv_tekst
from .controle import meervoud
from .toewijzing import Toewijzing
from .uitleg import DOORSLAG_TEKST, berekening_tekst


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


# The columns per household, each declared once: CSV header, xlsx header in words, kind, explanation, value.
KOLOMMEN = (
    ("beleid", "Beleid", "tekst", "Naam van het beleid: de regels waaronder is toegewezen.", lambda t, p: t.beleid),
    ("huishouden", "Huishouden", "tekst", "Pseudoniem van het huishouden (zoals in het invoerbestand).",
     lambda t, p: p.huishouden),
    ("woning", "Woning", "tekst", "De woning die het huishouden krijgt; leeg als het niet geplaatst is.",
     lambda t, p: p.woning or ""),
    ("personen", "Personen", "geheel", "Personen van het huishouden die er nu zijn (volwassenen en kinderen), "
     "zoals ze meetellen voor de taakstelling; nareizigers die nog moeten komen tellen niet mee.",
     lambda t, p: p.personen),
    ("codes", "Redenen (codes)", "tekst", "De redenen als codes, gescheiden door spaties (voor programma's).",
     lambda t, p: " ".join(r.code for r in p.redenen)),
    ("redenen", "Redenen", "tekst", "Waarom deze woning, of waarom geen woning, in woorden.",
     lambda t, p: "; ".join(r.tekst for r in p.redenen)),
    ("passend", "Passende woningen", "tekst", "Woningen die volgens de regels bij dit huishouden passen.",
     lambda t, p: " ".join(p.passend)),
)
# The summary per policy (as under the table): key in `samenvatting`, header, explanation.
SAMENVATTING = (
    ("personen_geplaatst", "Personen geplaatst", "Personen die in deze ronde een woning krijgen."),
    ("huishoudens_geplaatst", "Huishoudens geplaatst", "Huishoudens die in deze ronde een woning krijgen."),
    ("woningen_gebruikt", "Woningen gebruikt", "Woningen die in deze ronde aan een huishouden gaan."),
    ("woningen", "Woningen", "Woningen beschikbaar in deze ronde."),
)


def _per_huishouden(toewijzingen: list[Toewijzing]):
    return ([waarde(t, p) for *_, waarde in KOLOMMEN] for t in toewijzingen for p in t.toewijzingen + t.niet_geplaatst)


def als_csv(toewijzingen: list[Toewijzing], voorbeeld: bool = False, stijl: str = "nl") -> str:
    """One row per household; `stijl` nl (Dutch Excel) or internationaal (see `csv_nl`)."""
    return csv_tekst([k[0] for k in KOLOMMEN], _per_huishouden(toewijzingen), stijl,
                     [f"# {VOORBEELD}"] if voorbeeld else [])


def als_xlsx(toewijzingen: list[Toewijzing], voorbeeld: bool = False) -> bytes:
    """Toelichting, one row per household (the CSV's columns), and the summary per policy."""
    from .bestanden.werkmap import Werkblad, Werkkolom, werkmap

    huishoudens = Werkblad("Per huishouden", [Werkkolom(kop, soort, uitleg) for _, kop, soort, uitleg, _ in KOLOMMEN],
                           _per_huishouden(toewijzingen))
    kolommen = [Werkkolom("Beleid", "tekst", "Naam van het beleid."),
                Werkkolom("Peildatum", "tekst", "Datum van de toewijzingsronde (JJJJ-MM-DD).")]
    kolommen += [Werkkolom(kop, "geheel", uitleg) for _, kop, uitleg in SAMENVATTING]
    kolommen += [Werkkolom(f"Wachtlijst: {kop.lower()}", "geheel", f"Ter vergelijking, wie eerst komt eerst een "
                                                                  f"passende woning: {uitleg[0].lower()}{uitleg[1:]}")
                 for _, kop, uitleg in SAMENVATTING[:2]]
    rijen = [[t.beleid, t.peildatum.isoformat()] + [t.samenvatting[s] for s, *_ in SAMENVATTING]
             + [t.samenvatting["wachtlijst"][s] for s, *_ in SAMENVATTING[:2]] for t in toewijzingen]
    inleiding = [f"LET OP: {VOORBEELD}"] if voorbeeld else []
    return werkmap([huishoudens, Werkblad("Samenvatting", kolommen, rijen)], inleiding)


def als_tabel(toewijzingen: list[Toewijzing], verschillen: list[dict], breedte: int = 140,
              voorbeeld: bool = False) -> str:
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    if voorbeeld:
        console.print(f"LET OP: {VOORBEELD} (geef --huishoudens en --woningen voor een echte ronde)")
    for t in toewijzingen:
        s = t.samenvatting
        console.print(f"[bold]Beleid {t.beleid}[/bold] — peildatum {t.peildatum.isoformat()}; "
                      f"{berekening_tekst(t.oplosser, t.status)}")
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
        console.print(f"Geplaatst: {meervoud(s['personen_geplaatst'], 'persoon', 'personen')} in "
                      f"{meervoud(s['huishoudens_geplaatst'], 'huishouden', 'huishoudens')} "
                      f"({s['woningen_gebruikt']} van {meervoud(s['woningen'], 'woning', 'woningen')}); "
                      f"wachtlijst (wie eerst komt): {meervoud(wl['personen_geplaatst'], 'persoon', 'personen')} in "
                      f"{meervoud(wl['huishoudens_geplaatst'], 'huishouden', 'huishoudens')}.")
        if s.get("doel_weggelaten"):
            console.print(f"Let op: deze ronde is te groot om de hele volgorde exact te maken; exact tot en met "
                          f"'{s['doel_exact'][-1]}', niet meegewogen: {', '.join(s['doel_weggelaten'])}.")
        console.print("")
    for v in verschillen:
        console.print(f"[bold]Verschil {v['van']} → {v['naar']}[/bold]: {v['personen_verschil']:+d} personen")
        console.print(f"  huishoudens die alleen onder {v['naar']} een woning krijgen; regels van {v['van']} "
                      "die hun woning uitsluiten (een huishouden kan onder meer regels vallen):")
        for code, d in v["doorslaggevende_regels"].items():
            console.print(f"  - {DOORSLAG_TEKST[code]}: {meervoud(d['huishoudens'], 'huishouden', 'huishoudens')}, "
                          f"{meervoud(d['personen'], 'persoon', 'personen')}")
    return console.file.getvalue()
