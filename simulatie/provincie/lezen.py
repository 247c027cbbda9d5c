"""Reading the province's table: title row and merged group headers above the real header row,
a Totaal row at the bottom; numbers checked, the Totaal row and the province's own prognose
cross-checked. Errors are `InvoerFout`s naming file, row (as Excel numbers it) and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import os
import re
import unicodedata
from fractions import Fraction
from pathlib import Path
from matching.bestanden import InvoerFout, cel_als_tekst

from .koppen import _STREEPJES, _controleer_koppen, normaliseer_kop, veld_voor_kop
from .lineair import lineaire_prognose, rond_half_op
from .tabel import (GETALVELDEN, KERN, MAX_PERSONEN, PROVINCIE_PROGNOSE, GemeenteRij, Kolom, ProvincieTabel,
                    TabelPeriode, maak_tabel, periode_bij_peildatum)


KOPREGELS_ZOEKEN = 15  # the header row is among the first rows


# ---------------------------------------------------------------- reading raw cells

def _decodeer(pad: Path) -> str:
    """Text as Excel saves it: 'CSV UTF-8' (with BOM), UTF-16 'Unicode-tekst', or Dutch Excel's
    'CSV (gescheiden door lijstscheidingsteken)' in Windows-1252."""
    ruw = pad.read_bytes()
    if ruw.startswith(b"PK\x03\x04"):
        raise InvoerFout(pad, "dit is een Excel-werkmap; geef het de extensie .xlsx")
    try:
        if ruw.startswith(b"\xef\xbb\xbf"):
            return ruw[3:].decode("utf-8")
        if ruw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return ruw.decode("utf-16")
        try:
            return ruw.decode("utf-8")
        except UnicodeDecodeError:
            return ruw.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InvoerFout(pad, f"tekens niet te lezen op byte {e.start}; sla op als 'CSV UTF-8' of als "
                              "Excel-werkmap") from None


def _lees_cellen_csv(pad: Path) -> list[list[str]]:
    tekst = _decodeer(pad)
    if not tekst.strip():
        raise InvoerFout(pad, "bestand is leeg; verwacht de tabel van de provincie")
    begin = "\n".join(tekst.splitlines()[:5])
    scheiding = max([";", ",", "\t"], key=begin.count)
    try:
        return [[c.strip() for c in r] for r in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)]
    except csv.Error as e:
        raise InvoerFout(pad, f"CSV niet te lezen ({e}); staat er een aanhalingsteken dat niet is gesloten?") from None


def _lees_cellen_xlsx(pad: Path) -> list[list[str]]:
    """Cells as text (a %-formatted number as '86%'); every cell of a merged range gets the
    range's top-left value, so a header merged over two rows or a group label over several
    columns reads as if written in each cell."""
    import openpyxl

    try:
        boek = openpyxl.load_workbook(pad, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged file
        raise InvoerFout(pad, f"geen leesbaar Excel-bestand ({type(e).__name__})") from None
    if not boek.worksheets:
        boek.close()
        raise InvoerFout(pad, "werkmap heeft geen werkblad; sla de tabel opnieuw op als Excel-werkmap (.xlsx) of CSV")
    from matching.bestanden.werkmap import TOELICHTING

    # The first sheet, passing over the explanation our own output puts in front (prognose --format xlsx).
    blad = next((b for b in boek.worksheets if b.title != TOELICHTING), boek.worksheets[0])
    cellen: list[list[str]] = []
    for rij in blad.iter_rows():
        regel = []
        for c in rij:
            v = c.value
            if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in (c.number_format or ""):
                regel.append(f"{v * 100:.10g}%")
            else:
                regel.append(cel_als_tekst(v))
        cellen.append(regel)
    for bereik in blad.merged_cells.ranges:
        r0, c0 = bereik.min_row - 1, bereik.min_col - 1
        waarde = cellen[r0][c0] if r0 < len(cellen) and c0 < len(cellen[r0]) else ""
        for r in range(bereik.min_row - 1, bereik.max_row):
            for c in range(bereik.min_col - 1, bereik.max_col):
                if r < len(cellen) and c < len(cellen[r]) and (r, c) != (r0, c0):
                    cellen[r][c] = waarde
    boek.close()
    return cellen


def _kopteksten(cellen: list[list[str]], r: int, uit_merge: bool) -> list[str]:
    """Header texts of row r. A CSV saved from a sheet with a header merged over two rows
    ('Gemeenten') leaves the lower cell empty: take the text just above it. (In an xlsx the
    merged ranges were already filled in.)"""
    kop = list(cellen[r])
    if not uit_merge and r > 0:
        boven = cellen[r - 1]
        kop = [t or (boven[c] if c < len(boven) else "") for c, t in enumerate(kop)]
    return kop


def _groepen(cellen: list[list[str]], r_kop: int, breedte: int, uit_merge: bool) -> list[str]:
    """Group label above each column (the row above the header row). In a CSV a label merged
    over several columns sits in the first of them; it covers the empty cells to its right whose
    own header is filled (a column with an empty header took the label as its own header)."""
    if r_kop == 0:
        return [""] * breedte
    boven = list(cellen[r_kop - 1]) + [""] * max(0, breedte - len(cellen[r_kop - 1]))
    if uit_merge:
        return boven[:breedte]
    uit, vorige = [], ""
    for c in range(breedte):
        eigen = cellen[r_kop][c] if c < len(cellen[r_kop]) else ""
        if boven[c]:
            vorige = boven[c] if eigen else ""
            uit.append(vorige if eigen else "")
        else:
            uit.append(vorige if eigen else "")
    return uit


def _vind_kopregel(cellen: list[list[str]], pad: Path, uit_merge: bool) -> tuple[int, list[str]]:
    beste, beste_score, beste_kop = -1, 0, []
    for r in range(min(len(cellen), KOPREGELS_ZOEKEN)):
        kop = _kopteksten(cellen, r, uit_merge)
        velden = {v[0] for v in map(veld_voor_kop, kop) if v and v[0] != "_uitvoer"}
        score = len(velden) if "gemeente" in velden else 0
        if score > beste_score:
            beste, beste_score, beste_kop = r, score, kop
    if beste < 0 or beste_score < 3:
        eerste = next((r for r in cellen if any(r)), [])
        raise InvoerFout(pad, "geen kopregel gevonden met de kolommen van de provincie (gemeente, "
                              "stand/achterstand, taakstelling, realisatie); eerste regel: "
                              + " | ".join(t for t in eerste if t)[:120], rij=1)
    return beste, beste_kop


# ---------------------------------------------------------------- cell parsers

def lees_geheel(tekst: str, bestand, rij: int, veld: str, minimum: int | None = 0) -> int | None:
    """Persons as the province types them: 26, 1054, 1.054 (thousands), -5; empty = None."""
    w = unicodedata.normalize("NFKC", tekst).translate(_STREEPJES).replace(" ", "").replace("\u00a0", "")
    if not w:
        return None
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", w):
        w = w.replace(".", "")
    try:
        getal = int(w)
    except ValueError:
        try:
            f = float(w.replace(",", "."))
        except ValueError:
            raise InvoerFout(bestand, f"'{tekst}' is geen geheel getal (personen)", rij, veld) from None
        if not f.is_integer():
            raise InvoerFout(bestand, f"'{tekst}' is geen geheel getal (personen)", rij, veld) from None
        getal = int(f)
    if minimum is not None and getal < minimum:
        raise InvoerFout(bestand, f"{getal} is kleiner dan {minimum}", rij, veld)
    if abs(getal) > MAX_PERSONEN:
        raise InvoerFout(bestand, f"{getal} is onwaarschijnlijk groot", rij, veld)
    return getal


def lees_trede(tekst: str, bestand, rij: int, veld: str) -> int | None:
    m = re.fullmatch(r"(?:trede)?\s*(\d{1,2})?\s*", tekst.strip().lower())
    if not m:
        raise InvoerFout(bestand, f"'{tekst}' is geen trede (verwacht bijvoorbeeld 'trede 3' of 3)", rij, veld)
    return int(m.group(1)) if m.group(1) else None


def lees_procent(tekst: str) -> float | None:
    """'86%' -> 86.0; without a % sign the value is not read (it could be a fraction)."""
    w = tekst.strip().replace(" ", "")
    if not w.endswith("%"):
        return None
    return _eindig_getal(w[:-1])


def _eindig_getal(tekst: str) -> float | None:
    """A cell's number ('43,21' or '43.21'); None for text that is no finite number (Python's
    float also reads 'inf', 'nan' and '1e999', which no sheet means as a number)."""
    try:
        waarde = float(tekst.strip().replace(",", "."))
    except ValueError:
        return None
    return waarde if math.isfinite(waarde) else None


def _is_totaal(naam: str) -> bool:
    n = normaliseer_kop(naam)
    return n in ("totaal", "eindtotaal", "som") or n.startswith(("totaal ", "totaal:", "provincie totaal"))


def _sleutel_gemeente(naam: str) -> str:
    return normaliseer_kop(naam).replace("-", " ")


# ---------------------------------------------------------------- reading the table

def lees_provincietabel(pad: str | os.PathLike, peildatum: dt.date) -> ProvincieTabel:
    """Read the province's table (csv or xlsx) for the period that `peildatum` falls in."""
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(pad, "bestand bestaat niet")
    if pad.suffix.lower() in (".xlsx", ".xlsm"):
        cellen, uit_merge = _lees_cellen_xlsx(pad), True
    else:
        cellen, uit_merge = _lees_cellen_csv(pad), False
    periode = periode_bij_peildatum(peildatum)
    r_kop, koppen = _vind_kopregel(cellen, pad, uit_merge)
    kopregel = r_kop + 1
    while koppen and not koppen[-1].strip():
        koppen.pop()

    groepen = _groepen(cellen, r_kop, len(koppen), uit_merge)
    kolommen: list[Kolom] = []
    plek: dict[str, int] = {}
    for c, kop in enumerate(koppen):
        v = veld_voor_kop(kop)
        if v is None:
            kolommen.append(Kolom(kop, None, groep=groepen[c] if groepen[c] != kop else ""))
            continue
        veld, teken = v
        if veld == "_uitvoer":
            kolommen.append(Kolom(kop, "_uitvoer"))
            continue
        if veld in plek:
            raise InvoerFout(pad, f"twee kolommen voor {veld}: '{koppen[plek[veld]].strip()}' en "
                                  f"'{kop.strip()}'", kopregel, kop)
        plek[veld] = c
        kolommen.append(Kolom(kop, veld, teken))
    for veld in ("gemeente", *KERN):
        if veld not in plek:
            tekst = [k.kop for k in kolommen if k.veld is None and k.kop]
            tip = difflib.get_close_matches(veld, [normaliseer_kop(t) for t in tekst], n=1, cutoff=0.6)
            raise InvoerFout(pad, f"kolom voor {veld} ontbreekt" + (f"; bedoelt u '{tip[0]}'?" if tip else ""),
                             kopregel, veld)
    _controleer_koppen(kolommen, periode, pad, kopregel)

    titel = ""
    if r_kop > 0:
        eerste = [t for t in cellen[0] if t]
        if eerste and (len(set(eerste)) == 1) and not any(veld_voor_kop(t) for t in eerste):
            titel = eerste[0]

    gemeenten: list[GemeenteRij] = []
    gezien: dict[str, int] = {}
    totaal: GemeenteRij | None = None
    for r in range(r_kop + 1, len(cellen)):
        nr = r + 1
        regel = cellen[r] + [""] * (len(kolommen) - len(cellen[r]))
        if len(cellen[r]) > len(kolommen) and any(x for x in cellen[r][len(kolommen):]):
            raise InvoerFout(pad, f"{len(cellen[r])} velden, de kopregel heeft er {len(kolommen)}", nr)
        if not any(regel):
            continue
        rij = _lees_rij(regel, kolommen, plek, pad, nr)
        if rij is None:
            continue
        if totaal is not None:
            if not rij.heeft_cijfers:
                continue  # a note or source line under the table
            raise InvoerFout(pad, f"'{rij.gemeente}' staat onder de Totaal-rij (rij {totaal.rij}) en heeft cijfers",
                             nr, "gemeente")
        if rij.totaal:
            totaal = rij
            continue
        sleutel = _sleutel_gemeente(rij.gemeente)
        if sleutel in gezien:
            raise InvoerFout(pad, f"gemeente '{rij.gemeente}' staat er twee keer in (ook rij {gezien[sleutel]})",
                             nr, "gemeente")
        gezien[sleutel] = nr
        gemeenten.append(rij)
    if not gemeenten and totaal is None:
        raise InvoerFout(pad, "alleen een kopregel, geen gemeenten", kopregel)
    return maak_tabel(gemeenten, periode, str(pad), totaal, tuple(kolommen), titel,
                      _vergelijk_met_provincie(gemeenten + ([totaal] if totaal else []), periode))


def _lees_rij(regel: list[str], kolommen: list[Kolom], plek: dict[str, int], pad, nr: int) -> GemeenteRij | None:
    naam = regel[plek["gemeente"]].strip()
    waarden = {}
    for veld in GETALVELDEN:
        if veld in plek:
            k = kolommen[plek[veld]]
            w = lees_geheel(regel[plek[veld]], pad, nr, k.kop.strip() or veld,
                            minimum=None if veld in ("achterstand", "totaalopgave", "totaalopgave_extra") else 0)
            waarden[veld] = None if w is None else k.teken * w
    cijfers = {v: w for v, w in waarden.items() if w is not None}
    if not naam:
        if cijfers:
            raise InvoerFout(pad, "gemeente is leeg, maar de rij heeft cijfers", nr, "gemeente")
        return None  # a note or an empty line under the table
    trede = lees_trede(regel[plek["trede"]], pad, nr, kolommen[plek["trede"]].kop.strip()) if "trede" in plek else None
    tekst = tuple((k.kop, regel[i]) for i, k in enumerate(kolommen) if k.veld is None and k.kop)
    provincie = tuple((v, regel[plek[v]]) for v in PROVINCIE_PROGNOSE if v in plek)
    if cijfers:
        for veld in KERN:
            if waarden.get(veld) is None:
                raise InvoerFout(pad, "leeg, terwijl de rij wel andere cijfers heeft", nr,
                                 kolommen[plek[veld]].kop.strip() or veld)
    woningen = waarden.get("gereserveerde_woningen") or 0
    personen = waarden.get("gereserveerde_personen") or 0
    if woningen and personen and personen < woningen:
        raise InvoerFout(pad, f"{personen} gereserveerde personen voor {woningen} woningen: elke woning "
                              "heeft minstens één persoon", nr, kolommen[plek["gereserveerde_personen"]].kop.strip())
    rij = GemeenteRij(gemeente=naam, rij=nr, trede=trede, achterstand=waarden.get("achterstand"),
                      taakstelling=waarden.get("taakstelling"), extra_opgave=waarden.get("extra_opgave") or 0,
                      realisatie=waarden.get("realisatie"), gereserveerde_woningen=woningen,
                      gereserveerde_personen=personen, totaal=_is_totaal(naam), tekst=tekst, provincie=provincie)
    if rij.heeft_cijfers:
        _controleer_totaalopgave(rij, waarden, kolommen, plek, pad)
    return rij


def _controleer_totaalopgave(rij: GemeenteRij, waarden: dict, kolommen, plek, pad) -> None:
    gegeven = waarden.get("totaalopgave")
    if gegeven is not None and gegeven != rij.totaalopgave:
        kop = kolommen[plek["totaalopgave"]].kop.strip()
        hint = ""
        if gegeven == rij.taakstelling - rij.achterstand:
            hint = ("; het klopt met het omgekeerde teken: zet in de kop 'achterstand' als een positief getal "
                    "een achterstand is, of 'stand' als een negatief getal een achterstand is")
        raise InvoerFout(pad, f"totaalopgave {gegeven} is niet taakstelling + achterstand "
                              f"({rij.taakstelling} + {rij.achterstand} = {rij.totaalopgave}){hint}", rij.rij, kop)
    gegeven = waarden.get("totaalopgave_extra")
    if gegeven is not None and gegeven != rij.totaalopgave_extra:
        kop = kolommen[plek["totaalopgave_extra"]].kop.strip()
        raise InvoerFout(pad, f"totaalopgave inclusief extra opgave {gegeven} is niet totaalopgave + extra opgave "
                              f"({rij.totaalopgave} + {rij.extra_opgave} = {rij.totaalopgave_extra})", rij.rij, kop)


def _vergelijk_met_provincie(rijen: list[GemeenteRij], periode: TabelPeriode) -> list[str]:
    """Where the file carries the province's own prognose, report any row where our
    reproduction of its method differs (these are warnings: the province's sheet rules)."""


    meldingen = []
    for r in rijen:
        if not r.heeft_cijfers or not r.provincie:
            continue
        eigen = lineaire_prognose(r, periode)
        for veld, tekst in r.provincie:
            # a sheet may hold the unrounded value (43.21, 86.43%) and only display it rounded
            if veld == "prognose":
                waarde = _eindig_getal(tekst)
                ons = eigen.prognose
            else:
                waarde = lees_procent(tekst)
                ons = eigen.pct if veld == "prognose_pct" else eigen.pct_extra
            gegeven = None if waarde is None else rond_half_op(Fraction(str(waarde)))
            if gegeven is not None and ons is not None and gegeven != ons:
                meldingen.append(f"{r.gemeente} (rij {r.rij}): de tabel geeft {veld} {tekst}, "
                                 f"de methode van de provincie geeft {ons}")
    return meldingen
