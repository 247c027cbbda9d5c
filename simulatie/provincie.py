"""The province's table: one row per gemeente, read the way the province writes it.

The IBT table of a province (seed: Utrecht 2022-2) has long Dutch headers with line breaks, a
title row and a row of merged group headers ("Opgave 2022-2", "Realisatie 2022-2") above the
real header row, and a Totaal row at the bottom. This module finds the header row, maps each
header to a field by ordered rules (first match wins) with a fuzzy fallback for short names,
checks the numbers and the period the headers name, and returns an immutable `ProvincieTabel`.

Sign convention (one place, used everywhere below):
    `achterstand` is stored as the province writes it: POSITIVE = shortfall (achterstand),
    negative = lead (voorsprong). The domain's `stand` is its opposite: stand = -achterstand.
    totaalopgave = taakstelling + achterstand.
A header that says "achterstand" (the province's "Stand op 1 juli 2022 (achterstand)", or the
short name `achterstand`) is read in this convention. A header with only "stand" (`stand`,
`stand op 1 januari`) is read in the domain's convention (negative = achterstand), and one with
only "voorsprong" as a positive lead; both are converted on reading. When the table also has a
totaalopgave column, every row is checked against taakstelling + achterstand, which catches a
flipped sign.

Errors are `InvoerFout`s naming file, row (as Excel numbers it) and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from matching.bestanden import InvoerFout, cel_als_tekst
from simulatie.scenario import halfjaar

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")

# Fields of the table model, in the province's column order.
GETALVELDEN = ("achterstand", "taakstelling", "totaalopgave", "extra_opgave", "totaalopgave_extra",
               "realisatie", "gereserveerde_woningen", "gereserveerde_personen")
# The province's own prognose columns: read only to compare with our reproduction.
PROVINCIE_PROGNOSE = ("prognose", "prognose_pct", "prognose_pct_extra")
VELDEN = ("gemeente", "trede", *GETALVELDEN, *PROVINCIE_PROGNOSE)
KERN = ("achterstand", "taakstelling", "realisatie")  # a row with numbers has all three

# Columns our own output adds; reading our output back ignores them.
UITVOER_KOLOMMEN = ("Prognose p10", "Prognose p50", "Prognose p90", "Kans totaalopgave gehaald",
                    "Kans totaalopgave inclusief extra opgave gehaald", "Methode")

MAX_PERSONEN = 1_000_000
KOPREGELS_ZOEKEN = 15  # the header row is among the first rows


# ---------------------------------------------------------------- period

@dataclass(frozen=True, slots=True)
class Periode:
    """A half-year and the peildatum within it. `dagen_verstreken` follows the province:
    whole days from the period's start up to (not including) the peildatum, so "realisatie
    tot 10 november 2022" covers 1 Jul .. 9 Nov = 132 days of 184 (seed: 31 x 184/132 = 43)."""

    naam: str
    start: dt.date
    eind: dt.date  # exclusive: 2022-2 runs 1 Jul 2022 up to 1 Jan 2023
    peildatum: dt.date

    @property
    def dagen(self) -> int:
        return (self.eind - self.start).days

    @property
    def dagen_verstreken(self) -> int:
        return (self.peildatum - self.start).days

    @property
    def dagen_resterend(self) -> int:
        return self.dagen - self.dagen_verstreken


def periode_bij_peildatum(peildatum: dt.date) -> Periode:
    """The half-year a peildatum reports on: start < peildatum <= eind. A peildatum on
    1 January or 1 July closes the period that just ended (realisatie over the whole period)."""
    if peildatum.month == 1 and peildatum.day == 1:
        naam = f"{peildatum.year - 1}-2"
    elif peildatum < dt.date(peildatum.year, 7, 2):
        naam = f"{peildatum.year}-1"
    else:
        naam = f"{peildatum.year}-2"
    start, eind = halfjaar(naam)
    return Periode(naam, start, eind, peildatum)


def datum_tekst(d: dt.date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


# ---------------------------------------------------------------- the table model

@dataclass(frozen=True, slots=True)
class Kolom:
    kop: str                 # header text as the file has it (line breaks kept)
    veld: str | None         # field it maps to; None = kept as text (contact, opmerkingen)
    teken: int = 1           # achterstand = teken x value (see module docstring)
    groep: str = ""          # merged group header above it ("Contact tussen provincie en gemeente")


@dataclass(frozen=True, slots=True)
class GemeenteRij:
    gemeente: str
    rij: int                                 # row number as the user sees it (0 = computed)
    trede: int | None = None
    achterstand: int | None = None           # positive = shortfall (province convention)
    taakstelling: int | None = None
    extra_opgave: int = 0
    realisatie: int | None = None            # persons housed from period start to peildatum
    gereserveerde_woningen: int = 0          # reserved, expected to move in before period end
    gereserveerde_personen: int = 0
    totaal: bool = False
    tekst: tuple[tuple[str, str], ...] = ()  # passthrough columns (kop, waarde)
    provincie: tuple[tuple[str, str], ...] = ()  # the province's own prognose cells, as text

    @property
    def heeft_cijfers(self) -> bool:
        return self.realisatie is not None

    @property
    def stand(self) -> int | None:
        """The domain's stand at the period's start: negative = achterstand."""
        return None if self.achterstand is None else -self.achterstand

    @property
    def totaalopgave(self) -> int | None:
        if self.taakstelling is None or self.achterstand is None:
            return None
        return self.taakstelling + self.achterstand

    @property
    def totaalopgave_extra(self) -> int | None:
        t = self.totaalopgave
        return None if t is None else t + self.extra_opgave


@dataclass(frozen=True)
class ProvincieTabel:
    bestand: str
    periode: Periode
    kolommen: tuple[Kolom, ...]
    gemeenten: tuple[GemeenteRij, ...]
    totaal: GemeenteRij | None
    totaal_berekend: bool           # True: summed from the gemeenten; False: the file's row
    titel: str = ""
    meldingen: tuple[str, ...] = ()  # warnings for the user (not errors)

    @property
    def rijen(self) -> tuple[GemeenteRij, ...]:
        return self.gemeenten + ((self.totaal,) if self.totaal else ())

    def kop(self, veld: str) -> str | None:
        for k in self.kolommen:
            if k.veld == veld:
                return k.kop
        return None


def bereken_totaal(gemeenten: list[GemeenteRij] | tuple[GemeenteRij, ...]) -> GemeenteRij:
    """The Totaal row as the sum of gemeenten that all have numbers."""
    def som(veld):
        return sum(getattr(r, veld) for r in gemeenten)
    return GemeenteRij(gemeente="Totaal", rij=0, trede=None, achterstand=som("achterstand"),
                       taakstelling=som("taakstelling"), extra_opgave=som("extra_opgave"),
                       realisatie=som("realisatie"), gereserveerde_woningen=som("gereserveerde_woningen"),
                       gereserveerde_personen=som("gereserveerde_personen"), totaal=True)


def maak_tabel(gemeenten: list[GemeenteRij], periode: Periode, bestand: str = "<tabel>",
               totaal: GemeenteRij | None = None, kolommen: tuple[Kolom, ...] = (),
               titel: str = "", meldingen: list[str] | None = None) -> ProvincieTabel:
    """Assemble a table; where every gemeente has numbers the Totaal row is computed from them
    (and a given Totaal row that differs is reported, not used)."""
    meldingen = list(meldingen or [])
    if gemeenten and all(r.heeft_cijfers for r in gemeenten):
        berekend = bereken_totaal(gemeenten)
        if totaal is not None and totaal.heeft_cijfers:
            for veld in ("achterstand", "taakstelling", "extra_opgave", "realisatie"):
                gegeven, som = getattr(totaal, veld), getattr(berekend, veld)
                if gegeven != som:
                    meldingen.append(f"Totaal-rij (rij {totaal.rij}): {veld} {gegeven} wijkt af van de som "
                                     f"van de gemeenten ({som}); de som is gebruikt")
        totaal_rij = replace(berekend, tekst=totaal.tekst if totaal else ())
        return ProvincieTabel(bestand, periode, tuple(kolommen), tuple(gemeenten), totaal_rij, True,
                              titel, tuple(meldingen))
    if totaal is None and gemeenten:
        zonder = sum(1 for r in gemeenten if not r.heeft_cijfers)
        meldingen.append(f"geen Totaal-rij: {zonder} van de {len(gemeenten)} gemeenten hebben geen cijfers")
    return ProvincieTabel(bestand, periode, tuple(kolommen), tuple(gemeenten), totaal, False, titel,
                          tuple(meldingen))


# ---------------------------------------------------------------- header matching

_STREEPJES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


def normaliseer_kop(tekst: str) -> str:
    """'Totaalopgave \\n(taakstelling + \\nachterstand) 2022‐\\n2' -> 'totaalopgave (taakstelling +
    achterstand) 2022-2'. Unicode hyphens become '-', a hyphen at a line break joins, '_' is a space."""
    t = unicodedata.normalize("NFKC", str(tekst)).translate(_STREEPJES).replace("\u00a0", " ")
    t = t.replace("_", " ").lower()
    t = re.sub(r"-\s+", "-", t)
    return re.sub(r"\s+", " ", t).strip()


_EXTRA = ("extra", "inclusief", "incl.", "doelstelling")
_PROCENT = ("%", "pct", "procent")
_KORTE_NAMEN = {  # canonical short names -> (field, sign)
    "gemeente": ("gemeente", 1), "trede": ("trede", 1), "beoordeling": ("trede", 1),
    "achterstand": ("achterstand", 1), "stand": ("achterstand", -1), "voorsprong": ("achterstand", -1),
    "taakstelling": ("taakstelling", 1), "totaalopgave": ("totaalopgave", 1),
    "extra opgave": ("extra_opgave", 1), "totaalopgave extra": ("totaalopgave_extra", 1),
    "realisatie": ("realisatie", 1), "gereserveerde woningen": ("gereserveerde_woningen", 1),
    "gereserveerde personen": ("gereserveerde_personen", 1),
}
_UITVOER = {normaliseer_kop(k) for k in UITVOER_KOLOMMEN} | {
    "prognose lineair", "prognose lineair pct", "prognose lineair pct extra", "prognose p10", "prognose p50",
    "prognose p90", "kans totaalopgave gehaald", "kans totaalopgave extra gehaald", "methode"}


def veld_voor_kop(kop: str) -> tuple[str, int] | None:
    """Field and sign for a header, by ordered rules (first match wins); None = text column.
    Order matters: 'Prognose totaalopgave (taakstelling + achterstand) in %' names three fields."""
    t = normaliseer_kop(kop)
    if not t:
        return None
    if t in _UITVOER:
        return ("_uitvoer", 1)
    if t in _KORTE_NAMEN:
        return _KORTE_NAMEN[t]
    if t.startswith("prognose"):
        if any(p in t for p in _PROCENT):
            return ("prognose_pct_extra", 1) if any(e in t for e in _EXTRA) else ("prognose_pct", 1)
        return ("prognose", 1)
    if t.startswith(("realisatie", "gerealiseerd", "geplaatst", "gehuisvest")):
        return ("realisatie", 1)
    if "gereserveerd" in t or "reserver" in t:
        if "person" in t:
            return ("gereserveerde_personen", 1)
        if "woning" in t:
            return ("gereserveerde_woningen", 1)
    if t.startswith("totaalopgave"):
        return ("totaalopgave_extra", 1) if any(e in t for e in _EXTRA) else ("totaalopgave", 1)
    if t.startswith(("extra opgave", "doelstelling")):
        return ("extra_opgave", 1)
    if t.startswith("taakstelling"):
        return ("taakstelling", 1)
    if t.startswith(("stand", "achterstand", "voorsprong")):
        if "achterstand" in t:
            return ("achterstand", 1)
        return ("achterstand", -1)
    if t.startswith(("beoordeling", "trede", "ibt")):
        return ("trede", 1)
    if t.startswith("gemeente") or t in ("naam gemeente", "gemeentenaam"):
        return ("gemeente", 1)
    tip = difflib.get_close_matches(t, list(_KORTE_NAMEN), n=1, cutoff=0.85)
    if tip:
        return _KORTE_NAMEN[tip[0]]
    return None


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
    blad = boek.worksheets[0]
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
    try:
        return float(w[:-1].replace(",", "."))
    except ValueError:
        return None


def _is_totaal(naam: str) -> bool:
    n = normaliseer_kop(naam)
    return n in ("totaal", "eindtotaal", "som") or n.startswith(("totaal ", "totaal:", "provincie totaal"))


def _sleutel_gemeente(naam: str) -> str:
    return normaliseer_kop(naam).replace("-", " ")


# ---------------------------------------------------------------- checks of headers

_PERIODE_RE = re.compile(r"\b(\d{4})-([12])\b")
_DATUM_RE = re.compile(r"\b(\d{1,2}) (" + "|".join(MAANDEN) + r") (\d{4})\b")


def _datums(tekst: str) -> list[dt.date]:
    uit = []
    for d, m, j in _DATUM_RE.findall(normaliseer_kop(tekst)):
        try:
            uit.append(dt.date(int(j), MAANDEN.index(m) + 1, int(d)))
        except ValueError:
            pass
    return uit


def _controleer_koppen(kolommen: list[Kolom], periode: Periode, pad, kopregel: int) -> None:
    """Headers name the period and dates; they must agree with the period of --peildatum."""
    for k in kolommen:
        t = normaliseer_kop(k.kop)
        if k.veld in ("taakstelling", "totaalopgave", "extra_opgave", "totaalopgave_extra", "realisatie"):
            for j, h in _PERIODE_RE.findall(t):
                if f"{j}-{h}" != periode.naam:
                    raise InvoerFout(pad, f"de kop noemt periode {j}-{h}, maar peildatum "
                                          f"{periode.peildatum.isoformat()} valt in {periode.naam}", kopregel, k.kop)
        verwacht = {
            "realisatie": (periode.peildatum, "realisatie tot {d}, maar --peildatum is {v}"),
            "achterstand": (periode.start, "de stand op {d}, maar periode {p} begint op {v}"),
            "prognose": (periode.eind, "een prognose op {d}, maar periode {p} eindigt op {v}"),
        }.get(k.veld)
        if verwacht is not None:
            datum_, tekst = verwacht
            for d in _datums(k.kop):
                if d != datum_:
                    raise InvoerFout(pad, "de kop noemt " + tekst.format(d=d.isoformat(), v=datum_.isoformat(),
                                                                         p=periode.naam), kopregel, k.kop)


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


def _vergelijk_met_provincie(rijen: list[GemeenteRij], periode: Periode) -> list[str]:
    """Where the file carries the province's own prognose, report any row where our
    reproduction of its method differs (these are warnings: the province's sheet rules)."""
    from fractions import Fraction

    from simulatie.prognose import lineaire_prognose, rond_half_op

    meldingen = []
    for r in rijen:
        if not r.heeft_cijfers or not r.provincie:
            continue
        eigen = lineaire_prognose(r, periode)
        for veld, tekst in r.provincie:
            # a sheet may hold the unrounded value (43.21, 86.43%) and only display it rounded
            if veld == "prognose":
                try:
                    waarde = float(tekst.strip().replace(",", "."))
                except ValueError:
                    waarde = None
                ons = eigen.prognose
            else:
                waarde = lees_procent(tekst)
                ons = eigen.pct if veld == "prognose_pct" else eigen.pct_extra
            gegeven = None if waarde is None else rond_half_op(Fraction(str(waarde)))
            if gegeven is not None and ons is not None and gegeven != ons:
                meldingen.append(f"{r.gemeente} (rij {r.rij}): de tabel geeft {veld} {tekst}, "
                                 f"de methode van de provincie geeft {ons}")
    return meldingen


# ---------------------------------------------------------------- standard headers

def standaard_kop(veld: str, periode: Periode) -> str:
    """The province's header texts (seed, Utrecht 2022-2), generated for any period."""
    p, start, eind = periode.naam, periode.start, periode.eind
    startdag = "1 januari" if start.month == 1 else "1 juli"
    einddag = "1 januari" if eind.month == 1 else "1 juli"
    vorige = f"{start.year - 1}-2" if start.month == 1 else f"{start.year}-1"
    return {
        "gemeente": "Gemeenten",
        "trede": f"Beoordeling {vorige}\n(trede)",
        "achterstand": f"Stand op {startdag}\n{start.year}\n(achterstand)",
        "taakstelling": f"Taakstelling\n{p}",
        "totaalopgave": f"Totaalopgave\n(taakstelling +\nachterstand) {p}",
        "extra_opgave": f"Extra opgave {p}",
        "totaalopgave_extra": f"Totaalopgave {p}\n(inclusief extra\nopgave)",
        "realisatie": f"Realisatie {p}\ntot {datum_tekst(periode.peildatum)}",
        "prognose": f"Prognose\ngerealiseerd op {einddag}\n{eind.year}",
        "prognose_pct": f"Prognose\ntotaalopgave\n(taakstelling +\nachterstand) {p}\nin %",
        "prognose_pct_extra": f"Prognose\ntotaalopgave {p}\ninclusief extra\nopgave {p}\n(doelstelling)\ngerealiseerd in %",
        "gereserveerde_woningen": "Gereserveerde woningen\n(verwacht voor einde periode)",
        "gereserveerde_personen": "Gereserveerde personen\n(verwacht voor einde periode)",
    }[veld]


def tabel_als_csv(tabel: ProvincieTabel) -> str:
    """The table as input in the province's layout (one header row, ';', Totaal at the bottom):
    what a province would send, e.g. for a synthetic table. Text cells are neutralised."""
    from matching.bestanden import veilige_cel

    velden = ["gemeente", "trede", "achterstand", "taakstelling", "totaalopgave", "extra_opgave",
              "totaalopgave_extra", "realisatie"]
    if any(r.gereserveerde_woningen or r.gereserveerde_personen for r in tabel.rijen):
        velden += ["gereserveerde_woningen", "gereserveerde_personen"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([standaard_kop(v, tabel.periode) for v in velden])
    for r in tabel.rijen:
        regel = []
        for v in velden:
            if v == "gemeente":
                regel.append(veilige_cel(r.gemeente))
            elif v == "trede":
                regel.append(f"trede {r.trede}" if r.trede is not None else "")
            else:
                x = getattr(r, v) if r.heeft_cijfers else None
                regel.append("" if x is None else str(x))
        w.writerow(regel)
    return buf.getvalue()
