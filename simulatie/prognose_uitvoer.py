"""Writers for the provincial prognose: the province's layout plus our columns, as xlsx, csv,
JSON and a readable table; a PNG per gemeente; and the logic behind `huisvesting prognose`.

Writers are pure (they return text or bytes); only `prognose_commando` touches files, always
through `schrijf_atomisch`. Text cells go through `veilige_cel` (no formulas from a gemeente
name or a remark end up live in Excel). Plots read result records only.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict
from pathlib import Path

from matching.bestanden import InvoerFout, lees_datum, schrijf_atomisch, veilige_cel
from simulatie.prognose import PrognoseRij, ProvincieResultaat, bereken_prognoses
from simulatie.provincie import MAANDEN, UITVOER_KOLOMMEN, Periode, datum_tekst, lees_provincietabel, standaard_kop
from simulatie.uitvoerder import LokaleProcessen, Serieel, Uitvoerder

OPGAVE = ("achterstand", "taakstelling", "totaalopgave", "extra_opgave", "totaalopgave_extra")
REALISATIE = ("realisatie", "prognose", "prognose_pct", "prognose_pct_extra")
RESERVERING = ("gereserveerde_woningen", "gereserveerde_personen")
EXTRA = ("extra_opgave", "totaalopgave_extra", "prognose_pct_extra")


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

def _kolommen(res: ProvincieResultaat) -> list[tuple[str, str, str]]:
    """(soort, sleutel, kop) per output column: the province's columns first (their header
    text from the input where it had one), then text columns of the input, then ours."""
    t = res.tabel
    velden_in = {k.veld: k for k in t.kolommen if k.veld}
    extra = "extra_opgave" in velden_in or any(r.extra_opgave for r in t.rijen)
    reserv = any(v in velden_in for v in RESERVERING) or any(
        r.gereserveerde_woningen or r.gereserveerde_personen for r in t.rijen)
    uit = []
    for veld in ("gemeente", "trede", *OPGAVE, *REALISATIE, *RESERVERING):
        if (veld in EXTRA and not extra) or (veld in RESERVERING and not reserv):
            continue
        k = velden_in.get(veld)
        kop = k.kop if k is not None and k.teken == 1 else standaard_kop(veld, t.periode)
        uit.append(("veld", veld, kop))
    for k in t.kolommen:
        if k.veld is None and k.kop:
            uit.append(("tekst", k.kop, k.kop))
    nieuw = ["p10", "p50", "p90", "kans", "kans_extra", "methode"]
    if not extra:
        nieuw.remove("kans_extra")
        koppen = [k for k in UITVOER_KOLOMMEN if "extra" not in k]
    else:
        koppen = list(UITVOER_KOLOMMEN)
    uit.extend(("nieuw", n, kop) for n, kop in zip(nieuw, koppen))
    return uit


def _waarde(p: PrognoseRij, soort: str, sleutel: str):
    """Cell value: int, float (fraction for % cells), str or None; plus a number format."""
    r, lin = p.rij, p.lineair
    if soort == "tekst":
        return dict(r.tekst).get(sleutel, ""), None
    if soort == "nieuw":
        if sleutel in ("p10", "p50", "p90"):
            return (p.prognose[sleutel] if p.prognose else None), None
        if sleutel == "kans":
            return p.kans, "0.0%"
        if sleutel == "kans_extra":
            return p.kans_extra, "0.0%"
        return p.methode, None
    if sleutel == "gemeente":
        return r.gemeente, None
    if sleutel == "trede":
        return (f"trede {r.trede}" if r.trede is not None else ""), None
    if sleutel == "prognose":
        return (lin.prognose if lin else None), None
    if sleutel in ("prognose_pct", "prognose_pct_extra"):
        v = (lin.pct if sleutel == "prognose_pct" else lin.pct_extra) if lin else None
        return (None if v is None else v / 100), "0%"
    if not r.heeft_cijfers:
        return None, None
    return getattr(r, sleutel), None


def _csv_tekst(waarde, formaat) -> str:
    if waarde is None:
        return ""
    if formaat == "0%":
        return f"{round(waarde * 100)}%"
    if formaat == "0.0%":
        return f"{waarde * 100:.1f}%".replace(".", ",")
    return str(veilige_cel(waarde))


def _alle_rijen(res: ProvincieResultaat) -> list[PrognoseRij]:
    return res.rijen + ([res.totaal] if res.totaal else [])


def als_csv(res: ProvincieResultaat) -> str:
    """One header row with the province's header texts, ';' as Dutch Excel expects,
    percentages as '86%', chances with a decimal comma."""
    kolommen = _kolommen(res)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([veilige_cel(k) for _, _, k in kolommen])
    for p in _alle_rijen(res):
        w.writerow([_csv_tekst(*_waarde(p, s, k)) for s, k, _ in kolommen])
    return buf.getvalue()


def als_xlsx(res: ProvincieResultaat) -> bytes:
    """The province's sheet: title, merged group headers, wrapped header texts, then ours."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    t = res.tabel
    kolommen = _kolommen(res)
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.title = t.periode.naam
    titel = t.titel or f"Huisvestingsvoortgang vergunninghouders {t.periode.naam}"
    blad.cell(row=1, column=1, value=veilige_cel(
        f"{titel} — prognose per {datum_tekst(t.periode.peildatum)}, {res.replicaties} replicaties"))
    blad.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(kolommen))
    vet = Font(bold=True)
    kop_stijl = Alignment(wrap_text=True, vertical="top")
    tekstgroep = {k.kop: k.groep for k in t.kolommen if k.veld is None and k.kop}

    def groep(soort, sleutel):
        if soort == "nieuw":
            return "Prognose met onzekerheid (methode per rij)"
        if soort == "veld" and sleutel in OPGAVE:
            return f"Opgave {t.periode.naam}"
        if soort == "veld" and (sleutel in REALISATIE or sleutel in RESERVERING):
            return f"Realisatie {t.periode.naam}"
        if soort == "tekst":
            return tekstgroep.get(sleutel) or None
        return None

    c = 1
    while c <= len(kolommen):
        soort, sleutel, kop = kolommen[c - 1]
        g = groep(soort, sleutel)
        if g is None:
            blad.cell(row=2, column=c, value=veilige_cel(kop))
            blad.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
            c += 1
            continue
        eind = c
        while eind < len(kolommen) and groep(*kolommen[eind][:2]) == g:
            eind += 1
        blad.cell(row=2, column=c, value=veilige_cel(g))
        if eind > c:
            blad.merge_cells(start_row=2, start_column=c, end_row=2, end_column=eind)
        for kol in range(c, eind + 1):
            blad.cell(row=3, column=kol, value=veilige_cel(kolommen[kol - 1][2]))
        c = eind + 1
    for rij in (1, 2, 3):
        for kol in range(1, len(kolommen) + 1):
            cel = blad.cell(row=rij, column=kol)
            cel.font, cel.alignment = vet, kop_stijl
    ons = PatternFill("solid", fgColor="E8F0FA")
    for r, p in enumerate(_alle_rijen(res), start=4):
        for kol, (soort, sleutel, _) in enumerate(kolommen, start=1):
            waarde, formaat = _waarde(p, soort, sleutel)
            cel = blad.cell(row=r, column=kol, value=veilige_cel(waarde) if isinstance(waarde, str) else waarde)
            if formaat:
                cel.number_format = formaat
            if soort == "nieuw":
                cel.fill = ons
            if p.rij.totaal:
                cel.font = vet
    blad.column_dimensions["A"].width = 22
    for kol in range(2, len(kolommen) + 1):
        blad.column_dimensions[get_column_letter(kol)].width = 16
    blad.freeze_panes = "B4"
    buf = io.BytesIO()
    boek.save(buf)
    return buf.getvalue()


def als_tabel(res: ProvincieResultaat, breedte: int = 160) -> str:
    from rich.console import Console
    from rich.table import Table

    t = res.tabel
    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    console.print(f"Prognose {t.periode.naam}, peildatum {t.periode.peildatum.isoformat()} "
                  f"(dag {t.periode.dagen_verstreken} van {t.periode.dagen}); {res.replicaties} replicaties, "
                  f"seed {res.seed}")
    tab = Table(show_lines=False)
    for kol in ("gemeente", "trede", "totaalopgave", "incl. extra", "realisatie", "lineair", "%", "% extra",
                "p10", "p50", "p90", "kans", "kans extra", "methode"):
        tab.add_column(kol, overflow="fold", justify="left" if kol in ("gemeente", "methode") else "right")

    def s(x, pct=False):
        if x is None:
            return "-"
        return f"{x:.0%}" if pct else str(x)
    for p in _alle_rijen(res):
        r, lin, q = p.rij, p.lineair, p.prognose or {}
        tab.add_row(r.gemeente, s(r.trede), s(r.totaalopgave), s(r.totaalopgave_extra), s(r.realisatie),
                    s(lin.prognose if lin else None), s(lin.pct if lin else None), s(lin.pct_extra if lin else None),
                    s(q.get("p10")), s(q.get("p50")), s(q.get("p90")), s(p.kans, True), s(p.kans_extra, True),
                    p.methode)
    console.print(tab)
    console.print("lineair = methode van de provincie (realisatie x dagen periode / verstreken dagen); "
                  "p10/p50/p90 en kans = realisatie aan het einde van de periode volgens de methode in de laatste kolom")
    for m in res.meldingen:
        console.print(f"let op: {m}")
    return console.file.getvalue()


# ---------------------------------------------------------------- plots

def bestandsnaam(gemeente: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-") or "gemeente"


def grafiek_png(record: dict, periode: Periode) -> bytes | None:
    """Fan of realisatie at the period's end against the totaalopgave, the province's line beside
    it. Reads one result record (the JSON row), nothing else."""
    q = record.get("prognose")
    if not q or record.get("prognose_lineair") is None:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import MonthLocator, num2date
    from matplotlib.ticker import FuncFormatter
    from matplotlib.figure import Figure

    per = periode
    realisatie = record["realisatie"]
    lineair = realisatie * per.dagen / per.dagen_verstreken
    fig = Figure(figsize=(7, 4.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.09, 0.1, 0.85, 0.8))
    ax.plot([per.start, per.peildatum], [0, realisatie], ":", color="0.5",
            label=f"realisatie tot peildatum: {realisatie} (tussenliggend verloop onbekend)")
    ax.plot([per.peildatum], [realisatie], "o", color="black")
    ax.plot([per.peildatum, per.eind], [realisatie, lineair], "--", color="tab:orange",
            label=f"prognose provincie (lineair): {record['prognose_lineair']}")
    ax.fill([per.peildatum, per.eind, per.eind], [realisatie, q["p10"], q["p90"]], color="tab:blue", alpha=0.25,
            label=f"p10–p90 op {datum_tekst(per.eind)}: {q['p10']}–{q['p90']} ({record['methode']})")
    ax.plot([per.peildatum, per.eind], [realisatie, q["p50"]], color="tab:blue", label=f"p50: {q['p50']}")
    if record.get("totaalopgave") is not None:
        ax.axhline(record["totaalopgave"], color="tab:red", label=f"totaalopgave: {record['totaalopgave']}")
    if record.get("extra_opgave"):
        ax.axhline(record["totaalopgave_extra"], color="tab:red", linestyle=":",
                   label=f"inclusief extra opgave: {record['totaalopgave_extra']}")
    kans = record.get("kans_totaalopgave_gehaald")
    kans = "" if kans is None else f"; kans totaalopgave gehaald {kans:.0%}"
    ax.set_title(f"{record['gemeente']}, periode {per.naam}{kans}", fontsize=10)
    ax.set_ylabel("personen gehuisvest in de periode")
    ax.set_xlim(per.start, per.eind)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{MAANDEN[num2date(x).month - 1][:3]} {num2date(x).year}"))
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=7, loc="upper left")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _grafiek_taak(taak: tuple[dict, Periode]) -> bytes | None:
    return grafiek_png(*taak)


def schrijf_grafieken(res: ProvincieResultaat, map_: str | Path, uitvoerder: Uitvoerder | None = None) -> list[Path]:
    """A PNG per gemeente with a forecast (and the Totaal), drawn in parallel, written atomically."""
    records = [rij_als_dict(p) for p in _alle_rijen(res) if p.prognose is not None]
    taken = [(r, res.tabel.periode) for r in records]
    # the first plot in this process warms matplotlib (import, fonts) once; forked workers inherit it
    pngs = [_grafiek_taak(t) for t in taken[:1]] + (uitvoerder or Serieel()).map(_grafiek_taak, taken[1:])
    uit = []
    for r, png in zip(records, pngs):
        pad = Path(map_) / f"{bestandsnaam(r['gemeente'])}.png"
        schrijf_atomisch(pad, png)
        uit.append(pad)
    return uit


# ---------------------------------------------------------------- the command

def prognose_commando(tabel: str, peildatum: str, scenarios: str | None, replicaties: int, seed: int,
                      formaat: str, uitvoer: str | None, grafiek: str | None, dask: str | None,
                      workers: int | None) -> None:
    """`huisvesting prognose`: read, forecast through the uitvoerder, write atomically."""
    import click

    from simulatie.uitvoerder import maak_uitvoerder

    if formaat == "xlsx" and not uitvoer:
        raise InvoerFout(None, "--format xlsx schrijft een werkmap: geef --uitvoer PAD.xlsx", veld="--uitvoer")
    datum = lees_datum(peildatum, None, None, "--peildatum")
    provincietabel = lees_provincietabel(tabel, datum)
    uitvoerder = maak_uitvoerder(workers, dask)
    click.echo(f"{len(provincietabel.gemeenten)} gemeenten, periode {provincietabel.periode.naam}; "
               f"uitvoerder: {uitvoerder.naam}", err=True)
    res = bereken_prognoses(provincietabel, replicaties, seed, uitvoerder, scenarios)
    if formaat == "xlsx":
        schrijf_atomisch(uitvoer, als_xlsx(res))
    else:
        tekst = {"tabel": als_tabel, "csv": als_csv, "json": als_json}[formaat](res)
        if uitvoer:
            schrijf_atomisch(uitvoer, ("\ufeff" + tekst) if formaat == "csv" else tekst)
        else:
            click.echo(tekst, nl=False)
    if uitvoer:
        click.echo(f"geschreven: {uitvoer}", err=True)
    if grafiek:
        # plots are local files: a local process pool, also when the forecast ran on Dask
        paden = schrijf_grafieken(res, grafiek, LokaleProcessen(workers) if (workers or 2) > 1 else Serieel())
        click.echo(f"geschreven: {len(paden)} grafieken in {grafiek}", err=True)
    if formaat != "tabel":
        for m in res.meldingen:
            click.echo(f"let op: {m}", err=True)
