"""Writers for the provincial prognose: the province's layout plus our columns, as xlsx, csv,
JSON and a readable table, and the province's table itself as CSV.

Writers are pure (they return text or bytes). Text cells go through `veilige_cel` (no formulas
from a gemeente name or a remark end up live in Excel).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from matching.bestanden import veilige_cel
from matching.bestanden.csv_nl import Procent, csv_tekst

from . import kolommen as declaratie
from .prognose import PrognoseRij, ProvincieResultaat
from ..kalender import datum_tekst
from .tabel import ProvincieTabel


def tabel_als_csv(tabel: ProvincieTabel) -> str:
    """The table as input in the province's layout (one header row, ';', Totaal at the bottom):
    what a province would send, e.g. for a synthetic table. Text cells are neutralised."""

    reserv = any(r.gereserveerde_woningen or r.gereserveerde_personen for r in tabel.rijen)
    # The province's prognose columns are hers to compute: a table as she sends it has none.
    kolommen = [k for k in declaratie.PROVINCIE if k.rij is not None and (reserv or not k.reservering)]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([k.kop(tabel.periode) for k in kolommen])
    for r in tabel.rijen:
        regel = []
        for k in kolommen:
            x = k.rij(r)
            regel.append("" if x is None else veilige_cel(x) if isinstance(x, str) else str(x))
        w.writerow(regel)
    return buf.getvalue()


# ---------------------------------------------------------------- records

def rij_als_dict(p: PrognoseRij) -> dict:
    r, lin = p.rij, p.lineair
    return {
        "gemeente": r.gemeente,
        "trede": r.trede,
        "achterstand": r.achterstand,
        "taakstelling": r.taakstelling,
        "totaalopgave": r.totaalopgave,
        "extra_opgave": r.extra_opgave if r.heeft_cijfers else None,
        "totaalopgave_extra": r.totaalopgave_extra,
        "realisatie": r.realisatie,
        "gereserveerde_woningen": r.gereserveerde_woningen if r.heeft_cijfers else None,
        "gereserveerde_personen": r.gereserveerde_personen if r.heeft_cijfers else None,
        "prognose_lineair": lin.prognose if lin else None,
        "prognose_lineair_pct": lin.pct if lin else None,
        "prognose_lineair_pct_extra": lin.pct_extra if lin else None,
        "prognose": dict(p.prognose) if p.prognose else None,
        "kans_totaalopgave_gehaald": _kans(p.kans),
        "kans_totaalopgave_extra_gehaald": _kans(p.kans_extra),
        "methode": p.methode,
        **({"ibt": p.ibt} if p.ibt else {}),
    }


def _kans(k: float | None) -> float | None:
    return None if k is None else round(k, 4)


def als_json(res: ProvincieResultaat) -> str:
    t = res.tabel
    data = {
        "periode": t.periode.naam,
        "peildatum": t.periode.peildatum.isoformat(),
        "dagen_periode": t.periode.dagen,
        "dagen_verstreken": t.periode.dagen_verstreken,
        "methode_lineair": "provincie: realisatie x dagen_periode / dagen_verstreken, half omhoog afgerond; "
                           "percentages van de onafgeronde prognose",
        "replicaties": res.replicaties,
        "seed": res.seed,
        "tempomodel": asdict(res.parameters),
        "rijen": [rij_als_dict(p) for p in res.rijen],
        "totaal": None if res.totaal is None else {**rij_als_dict(res.totaal), "berekend": t.totaal_berekend},
        "meldingen": list(res.meldingen),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- the province's layout

def _kolommen(res: ProvincieResultaat) -> list[tuple[str, object, str]]:
    """(soort, sleutel, kop) per output column: the province's columns first (their header
    text from the input where it had one; sleutel is the Provinciekolom), then text columns of
    the input, then ours (sleutel is the Kolom); both declared in kolommen.py."""
    t = res.tabel
    velden_in = {k.veld: k for k in t.kolommen if k.veld}
    extra = "extra_opgave" in velden_in or any(r.extra_opgave for r in t.rijen)
    reserv = any(k.veld in velden_in for k in declaratie.PROVINCIE if k.reservering) or any(
        r.gereserveerde_woningen or r.gereserveerde_personen for r in t.rijen)
    uit = []
    for pk in declaratie.PROVINCIE:
        if (pk.alleen_met_extra and not extra) or (pk.reservering and not reserv):
            continue
        k = velden_in.get(pk.veld)
        kop = k.kop if k is not None and k.teken == 1 else pk.kop(t.periode)
        uit.append(("veld", pk, kop))
    for k in t.kolommen:
        if k.veld is None and k.kop:
            uit.append(("tekst", k.kop, k.kop))
    ibt = any(p.ibt for p in _alle_rijen(res))
    uit.extend(("nieuw", k, k.uitvoer) for k in declaratie.UITVOER if declaratie.getoond(k, extra, ibt))
    return uit


def _waarde(p: PrognoseRij, soort: str, sleutel):
    """Cell value: int, float (fraction for % cells), str or None; plus a number format."""
    if soort == "tekst":
        return dict(p.rij.tekst).get(sleutel, ""), None
    if soort == "nieuw":  # sleutel is then the Kolom from kolommen.py
        return sleutel.waarde(p), sleutel.formaat
    return sleutel.waarde(p)  # a Provinciekolom


def _csv_waarde(waarde, formaat):
    """Percent cells as 87,7% (one decimal, like every percentage in our CSVs)."""
    if waarde is not None and formaat in ("0%", "0.0%"):
        return Procent(waarde)
    return waarde


def _alle_rijen(res: ProvincieResultaat) -> list[PrognoseRij]:
    return res.rijen + ([res.totaal] if res.totaal else [])


def als_csv(res: ProvincieResultaat, stijl: str = "nl") -> str:
    """One header row with the province's header texts; `stijl` nl (';', decimal comma, as Dutch
    Excel expects) or internationaal; percentages and chances as '87,7%'."""
    kolommen = _kolommen(res)
    rijen = ([_csv_waarde(*_waarde(p, s, k)) for s, k, _ in kolommen] for p in _alle_rijen(res))
    return csv_tekst([k for _, _, k in kolommen], rijen, stijl)


def als_xlsx(res: ProvincieResultaat) -> bytes:
    """The province's sheet (title, merged group headers, wrapped header texts, then ours), after
    the sheet Toelichting that explains each column; cells through the shared writer (werkmap.py)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from matching.bestanden.werkmap import Werkblad, Werkkolom, als_bytes, cel, nieuwe_werkmap, toelichting

    t = res.tabel
    kolommen = _kolommen(res)
    boek = nieuwe_werkmap()
    blad = boek.create_sheet(t.periode.naam)
    titel = t.titel or f"Huisvestingsvoortgang vergunninghouders {t.periode.naam}"
    cel(blad, 1, 1, f"{titel} — prognose per {datum_tekst(t.periode.peildatum)}, {res.replicaties} replicaties")
    blad.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(kolommen))
    vet = Font(bold=True)
    kop_stijl = Alignment(wrap_text=True, vertical="top")
    tekstgroep = {k.kop: k.groep for k in t.kolommen if k.veld is None and k.kop}

    def groep(soort, sleutel):
        if soort == "nieuw":
            return "Prognose met onzekerheid (methode per rij)"
        if soort == "veld":
            return f"{sleutel.groep} {t.periode.naam}" if sleutel.groep else None
        if soort == "tekst":
            return tekstgroep.get(sleutel) or None
        return None

    c = 1
    while c <= len(kolommen):
        soort, sleutel, kop = kolommen[c - 1]
        g = groep(soort, sleutel)
        if g is None:
            cel(blad, 2, c, kop)
            blad.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
            c += 1
            continue
        eind = c
        while eind < len(kolommen) and groep(*kolommen[eind][:2]) == g:
            eind += 1
        cel(blad, 2, c, g)
        if eind > c:
            blad.merge_cells(start_row=2, start_column=c, end_row=2, end_column=eind)
        for kol in range(c, eind + 1):
            cel(blad, 3, kol, kolommen[kol - 1][2])
        c = eind + 1
    for rij in (1, 2, 3):
        for kol in range(1, len(kolommen) + 1):
            c_ = blad.cell(row=rij, column=kol)
            c_.font, c_.alignment = vet, kop_stijl
    ons = PatternFill("solid", fgColor="E8F0FA")
    for r, p in enumerate(_alle_rijen(res), start=4):
        for kol, (soort, sleutel, _) in enumerate(kolommen, start=1):
            waarde, formaat = _waarde(p, soort, sleutel)
            c_ = cel(blad, r, kol, waarde)
            if formaat:
                c_.number_format = formaat
            if soort == "nieuw":
                c_.fill = ons
            if p.rij.totaal:
                c_.font = vet
    blad.column_dimensions["A"].width = 22
    for kol in range(2, len(kolommen) + 1):
        blad.column_dimensions[get_column_letter(kol)].width = 16
    blad.freeze_panes = "B4"
    uitleg = Werkblad(blad.title, [Werkkolom(kop, _soort(soort, sleutel), _uitleg(soort, sleutel))
                                   for soort, sleutel, kop in kolommen])
    toelichting(boek, [uitleg], [f"{titel}: de tabel van de provincie met de prognose per gemeente ernaast "
                                 f"(peildatum {datum_tekst(t.periode.peildatum)}, {res.replicaties} replicaties, "
                                 f"seed {res.seed}).",
                                 "Percentages staan als fractie in de cel (0,877 toont als 87,7%)."])
    boek.active = 1  # the province's sheet opens, as before; Toelichting is the first tab
    return als_bytes(boek)


def _soort(soort: str, sleutel) -> str:
    """The kind on the sheet Toelichting; ours and the province's from their declaration."""
    return "tekst" if soort == "tekst" else sleutel.soort


def _uitleg(soort: str, sleutel) -> str:
    if soort == "tekst":
        return "Kolom uit de tabel van de provincie, ongewijzigd overgenomen."
    return sleutel.uitleg


def als_tabel(res: ProvincieResultaat, breedte: int = 160) -> str:
    from rich.console import Console
    from rich.table import Table

    t = res.tabel
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    console.print(f"Prognose {t.periode.naam}, peildatum {t.periode.peildatum.isoformat()} "
                  f"(dag {t.periode.dagen_verstreken} van {t.periode.dagen}); {res.replicaties} replicaties, "
                  f"seed {res.seed}")
    tab = Table(show_lines=False)
    ibt = any(p.ibt for p in _alle_rijen(res))
    kolommen = [k for k in declaratie.TABEL if declaratie.getoond(k, True, ibt)]
    for kol in kolommen:
        tab.add_column(kol.tabel, overflow="fold", justify="left" if kol.soort == "tekst" else "right")
    for p in _alle_rijen(res):
        tab.add_row(*(kol.tabelcel(p) for kol in kolommen))
    console.print(tab)
    console.print(f"{declaratie.LINEAIR.tabel} = methode van de provincie (realisatie x dagen periode / verstreken "
                  f"dagen); {declaratie.LINEAIR_PCT.tabel} en {declaratie.LINEAIR_PCT_EXTRA.tabel} = "
                  f"{declaratie.LINEAIR.tabel} als deel van de {declaratie.TOTAALOPGAVE.tabel} en van de totaalopgave "
                  f"{declaratie.TOTAALOPGAVE_EXTRA.tabel} (de provincie: 'in %'); {declaratie.P10.tabel}/"
                  f"{declaratie.P50.tabel}/{declaratie.P90.tabel} en {declaratie.KANS.tabel} = realisatie aan het "
                  f"einde van de periode volgens de methode in de kolom '{declaratie.METHODE.tabel}'")
    if ibt:
        lad = next(p.ibt["ladder"] for p in _alle_rijen(res) if p.ibt)
        console.print(f"IBT na beoordeling = kans per trede na de beoordeling van {t.periode.naam} (ladder {lad}), "
                      "vanuit de trede in de tabel")
    for m in res.meldingen:
        console.print(f"let op: {m}")
    return console.file.getvalue()
