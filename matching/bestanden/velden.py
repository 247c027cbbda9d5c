"""Field parsers: ids, whole numbers, decimals, amounts, Dutch and ISO dates, yes/no and choices.

Each names file, row and field in its error and says what was expected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .fouten import Fouten, InvoerFout, MISLUKT, kort
from .privacy import formule_achtig


MAX_ID_LENGTE = 64
JAREN = (2000, 2100)  # plausible years for dates in waitlists and dwelling lists


class Ids:
    """Checks ids row by row (empty, formula-like, duplicate), in the same pass as the fields,
    so the first problem reported is the first in the file."""

    def __init__(self, bestand: str, soort: str):
        self.bestand = bestand
        self.soort = soort
        self.gezien: dict[str, int] = {}

    def controleer(self, nr: int, waarde: str, fouten: Fouten) -> bool:
        wid = fouten.probeer(lees_id, waarde, self.bestand, nr, self.soort)
        if wid is MISLUKT:
            return False
        if wid in self.gezien:
            fouten.meld(InvoerFout(self.bestand, f"id '{wid}' komt al voor op rij {self.gezien[wid]}; "
                                                 "elk id mag maar één keer voorkomen", nr, "id"))
            return False
        self.gezien[wid] = nr
        return True


def lees_id(waarde: str, bestand: str, rij: int, soort: str = "huishouden") -> str:
    """An id as it may travel into outputs. Ids that a spreadsheet would run as a formula are
    refused here rather than rewritten: the id must stay the same in every file and every run."""
    w = waarde.strip()
    if not w:
        raise InvoerFout(bestand, f"leeg; elk{'e' if soort == 'woning' else ''} {soort} heeft een id", rij, "id")
    if formule_achtig(w):
        raise InvoerFout(bestand, f"id '{kort(w)}' begint met '{w[0]}': Excel leest dat als formule (CSV-injectie); "
                                  "laat het id met een letter of cijfer beginnen", rij, "id")
    if len(w) > MAX_ID_LENGTE:
        raise InvoerFout(bestand, f"id is {len(w)} tekens lang; verwacht een kort pseudoniem "
                                  f"(hoogstens {MAX_ID_LENGTE} tekens)", rij, "id")
    if any(ord(c) < 32 for c in w):
        raise InvoerFout(bestand, "id bevat stuurtekens; verwacht letters, cijfers en leestekens", rij, "id")
    return w


def _bereik(minimum: float | None, maximum: float | None, soort: str = "een geheel getal") -> str:
    if minimum is not None and maximum is not None:
        return f"{soort} van {minimum} t/m {maximum}"
    if minimum is not None:
        return f"{soort} van minstens {minimum}"
    if maximum is not None:
        return f"{soort} van hoogstens {maximum}"
    return soort


_GEHEEL = re.compile(r"^[+-]?\d+(?:[.,]0{1,2})?$")


def lees_int(waarde: str, bestand: str, rij: int, veld: str, minimum: int | None = None,
             maximum: int | None = None, leeg: int | None = None) -> int:
    w = waarde.strip()
    verwacht = _bereik(minimum, maximum)
    if not w:
        if leeg is not None:
            return leeg
        raise InvoerFout(bestand, f"leeg; verwacht {verwacht}", rij, veld)
    if not _GEHEEL.match(w):
        raise InvoerFout(bestand, f"'{kort(w)}' is geen geheel getal; verwacht {verwacht}", rij, veld)
    getal = int(re.split(r"[.,]", w)[0])
    if minimum is not None and getal < minimum:
        raise InvoerFout(bestand, f"{getal} is kleiner dan {minimum}; verwacht {verwacht}", rij, veld)
    if maximum is not None and getal > maximum:
        raise InvoerFout(bestand, f"{getal} is onwaarschijnlijk groot; verwacht {verwacht}", rij, veld)
    return getal


_DECIMAAL = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# A dot followed by groups of exactly three digits is the Dutch thousands separator, also without
# a decimal comma: 1.234 is 1234 (the range check still refuses a value that makes no sense).
_NL_DUIZENDTAL = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")  # (never "0.500": no group starts a number with 0)
_NL_KOMMA = re.compile(r"^[+-]?\d+,\d+$")


def _als_python(w: str) -> str | None:
    """The number in Python's notation, or None when its dots and commas form no number a Dutch
    user writes (6.12,30; 1,234.50): either reading of those would be a guess."""
    if _NL_DUIZENDTAL.match(w):
        return w.replace(".", "").replace(",", ".")
    if _NL_KOMMA.match(w):
        return w.replace(",", ".")
    if "," in w or w.count(".") > 1:
        return None
    return w  # 650, and 612.30 as exports and the example files write it


def lees_decimaal(waarde: str, bestand: str, rij: int, veld: str, leeg: float | None = None,
                  minimum: float = 0.0, maximum: float = 1e9, soort: str = "getal",
                  voorbeeld: str = "42,5", voorbeeld_duizend: str = "1.234,5") -> float:
    """A number as Dutch users type it: 612,30, 1.234,56, 1.234 (= 1234) or 612.30."""
    tekst = waarde.strip()
    w = tekst.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not w:
        if leeg is not None:
            return leeg
        raise InvoerFout(bestand, f"leeg; verwacht een {soort}, bijvoorbeeld {voorbeeld}", rij, veld)
    python = _als_python(w)
    if python is None or not _DECIMAAL.match(python):
        tekens = re.fullmatch(r"[+-]?[\d.,]+", w)  # only the separators are wrong: say how they go
        uitleg = (f" of {voorbeeld_duizend}: een komma voor de decimalen, een punt alleen tussen groepen van drie "
                  "cijfers") if tekens else ""
        raise InvoerFout(bestand, f"'{kort(tekst)}' is geen {soort}; verwacht bijvoorbeeld {voorbeeld}{uitleg}",
                         rij, veld)
    getal = float(python)
    verwacht = _bereik(_f(minimum), _f(maximum), "een " + soort)
    if getal < minimum:
        laag = "negatief" if getal < 0 else "onwaarschijnlijk laag"
        raise InvoerFout(bestand, f"'{kort(tekst)}' is {laag}; verwacht {verwacht}", rij, veld)
    if getal > maximum:
        gelezen = "" if _f(getal) == w else f"'{kort(tekst)}' (gelezen als {_f(getal)})"  # a thousands dot, shown
        raise InvoerFout(bestand, f"{gelezen or _f(getal)} is onwaarschijnlijk hoog; verwacht {verwacht}", rij, veld)
    return getal


def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def lees_bedrag(waarde: str, bestand: str, rij: int, veld: str, leeg: float | None = None,
                maximum: float = 100_000.0, minimum: float = 0.0) -> float:
    """Euros as Dutch users type them: 647,19 or 1.234,56 or € 1.012,50 or 1.234 (= 1234)."""
    return lees_decimaal(waarde, bestand, rij, veld, leeg, minimum, maximum, "bedrag", "612,30", "1.234,50")


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_NL_KORT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})$")
_EXCEL_GETAL = re.compile(r"^\d{5}(?:[.,]0+)?$")
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober", "november", "december")
VERWACHT_DATUM = "verwacht een datum als 2022-11-10 of 10-11-2022"


def is_nl_datum(waarde: str) -> bool:
    return bool(_NL.match(waarde.strip().split(" ")[0])) if waarde else False


def lees_datum(waarde: str, bestand: str | None, rij: int | None, veld: str,
               leeg_mag: bool = False, jaren: tuple[int, int] | None = None) -> dt.date | None:
    """ISO (2022-11-10) or the Dutch way Excel shows it (10-11-2022). `jaren`: plausible range."""
    w = waarde.strip()
    tijd = re.match(r"^(\S+)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$", w)
    if tijd:  # xlsx datetimes, "10-11-2022 00:00", "2022-11-10T00:00:00"
        w = tijd.group(1)
    if not w:
        if leeg_mag:
            return None
        raise InvoerFout(bestand, f"leeg; {VERWACHT_DATUM}", rij, veld)
    m = _ISO.match(w)
    if m:
        j, mnd, d = (int(x) for x in m.groups())
    else:
        m = _NL.match(w)
        if not m:
            if _EXCEL_GETAL.match(w):
                als = dt.date(1899, 12, 30) + dt.timedelta(days=int(re.split(r"[.,]", w)[0]))
                raise InvoerFout(bestand, f"'{w}' is een Excel-datumgetal (= {als.strftime('%d-%m-%Y')}); geef de "
                                          "kolom in Excel de celopmaak Datum en sla opnieuw op", rij, veld)
            if _NL_KORT.match(w):
                raise InvoerFout(bestand, f"'{w}' heeft een jaartal van twee cijfers; {VERWACHT_DATUM}", rij, veld)
            raise InvoerFout(bestand, f"'{kort(w)}' is geen datum; {VERWACHT_DATUM}", rij, veld)
        d, mnd, j = (int(x) for x in m.groups())
    if not 1 <= mnd <= 12:
        raise InvoerFout(bestand, f"'{w}' bestaat niet als datum (maand {mnd}); {VERWACHT_DATUM}", rij, veld)
    dagen = calendar.monthrange(j, mnd)[1] if 1 <= j <= 9999 else 31
    if not 1 <= d <= dagen:
        raise InvoerFout(bestand, f"'{w}' bestaat niet als datum ({MAANDEN[mnd - 1]} {j} heeft {dagen} dagen)",
                         rij, veld)
    try:
        datum = dt.date(j, mnd, d)
    except ValueError:
        raise InvoerFout(bestand, f"'{w}' bestaat niet als datum; {VERWACHT_DATUM}", rij, veld) from None
    if jaren is not None and not jaren[0] <= j <= jaren[1]:
        raise InvoerFout(bestand, f"jaar {j} in '{w}' is onwaarschijnlijk; verwacht een jaar van "
                                  f"{jaren[0]} t/m {jaren[1]} (tikfout?)", rij, veld)
    return datum


def lees_janee(waarde: str, bestand: str, rij: int, veld: str, leeg: bool = False) -> bool:
    w = waarde.strip().lower()
    if not w:
        return leeg
    if w in {"ja", "j", "yes", "y", "true", "waar", "1", "x"}:
        return True
    if w in {"nee", "n", "no", "false", "onwaar", "0"}:
        return False
    raise InvoerFout(bestand, f"'{kort(waarde.strip())}' is geen ja/nee; verwacht ja of nee (leeg = nee)", rij, veld)


def lees_keuze(waarde: str, bestand: str, rij: int, veld: str, opties: dict[str, str] | list[str],
               wat: str, onbekend: str = "onbekende") -> str:
    """One of a fixed list (case-insensitive), with a suggestion for a misspelling."""
    import difflib

    if not isinstance(opties, dict):
        opties = {o.lower(): o for o in opties}
    w = waarde.strip()
    if w.lower() in opties:
        return opties[w.lower()]
    tip = difflib.get_close_matches(w.lower(), list(opties), n=1, cutoff=0.6)
    extra = f"; bedoelt u '{opties[tip[0]]}'?" if tip else ""
    raise InvoerFout(bestand, f"{onbekend} {wat} '{kort(w)}'{extra} (bekend: {', '.join(opties.values())})", rij, veld)
