"""Header matching: each of the province's long Dutch headers mapped to a field by ordered rules
(first match wins) with a fuzzy fallback for short names; the period and dates the headers name.

A header that says "achterstand" is read in the province's convention (positive = shortfall);
one with only "stand" in the domain's (negative = achterstand), one with only "voorsprong" as a
positive lead; both are converted on reading.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from matching.bestanden import InvoerFout

from .kolommen import UITVOER_KOLOMMEN
from ..kalender import MAANDEN
from .tabel import Kolom, TabelPeriode


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


def _controleer_koppen(kolommen: list[Kolom], periode: TabelPeriode, pad, kopregel: int) -> None:
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
