"""The columns of `prognose`'s output, each declared once.

Ours (`Kolom`): its key in the JSON (`uitvoer.rij_als_dict`), its header in the readable table,
its header in the csv/xlsx (our columns after the province's), its format kind and how to get
its value from a `PrognoseRij`. A new column: declare one `Kolom` and put it in `TABEL` and/or
`UITVOER`. A new JSON key goes in `uitvoer.rij_als_dict`.

The province's own (`Provinciekolom`, gemeente .. gereserveerde_personen, in the province's order
in `PROVINCIE`): its field, its header text as the province writes it for any period (used where
the input had none, and for a table we write ourselves), the group over it in the xlsx and its
value. `uitvoer.py` reads only from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..kalender import MAANDEN, datum_tekst
from .tabel import TabelPeriode

SOORTEN = ("geheel", "decimaal", "procent", "tekst")
GEEN = "-"  # a cell without a value in the readable table


@dataclass(frozen=True)
class Kolom:
    """`tabel`: header in the readable table (None: not there); `uitvoer`: header in the csv and
    xlsx (None: not there); `alleen_met_extra`: in the csv/xlsx only when the table has an extra
    opgave. A `procent` is a fraction: '87%' in the table, '87,7%' in the csv, 0.0% in xlsx."""

    sleutel: str
    tabel: str | None
    uitvoer: str | None
    soort: str
    waarde: Callable[[object], object]
    alleen_met_extra: bool = False
    alleen_met_ibt: bool = False          # only when some gemeente has an IBT outlook
    uitleg: str = ""                      # the column on the xlsx sheet Toelichting

    def __post_init__(self):
        if self.soort not in SOORTEN:
            raise ValueError(f"onbekende soort {self.soort!r} voor kolom {self.sleutel}")

    @property
    def formaat(self) -> str | None:
        """The xlsx number format."""
        from matching.bestanden.werkmap import GETALOPMAAK
        return GETALOPMAAK[self.soort] if self.soort in ("procent", "decimaal") else None

    def tabelcel(self, p):
        v = self.waarde(p)
        if self.soort == "tekst":
            return v
        if v is None:
            return GEEN
        return f"{v:.0%}" if self.soort == "procent" else str(v)


def _lineair(veld: str) -> Callable[[object], object]:
    return lambda p: getattr(p.lineair, veld) if p.lineair else None


def _prognose(deel: str) -> Callable[[object], object]:
    return lambda p: p.prognose[deel] if p.prognose else None


GEMEENTE = Kolom("gemeente", "gemeente", None, "tekst", lambda p: p.rij.gemeente)
TREDE = Kolom("trede", "trede", None, "geheel", lambda p: p.rij.trede)
TOTAALOPGAVE = Kolom("totaalopgave", "totaalopgave", None, "geheel", lambda p: p.rij.totaalopgave)
TOTAALOPGAVE_EXTRA = Kolom("totaalopgave_extra", "incl. extra", None, "geheel", lambda p: p.rij.totaalopgave_extra)
REALISATIE = Kolom("realisatie", "realisatie", None, "geheel", lambda p: p.rij.realisatie)
LINEAIR = Kolom("prognose_lineair", "lineair", None, "geheel", _lineair("prognose"))
def _lineair_deel(veld: str) -> Callable[[object], object]:
    """The province's 'Prognose totaalopgave … in %' (whole percents) as a fraction, so the table
    writes it as a percentage like kans (127%); the csv/json keep the province's number."""
    return lambda p: None if not p.lineair or getattr(p.lineair, veld) is None else getattr(p.lineair, veld) / 100


LINEAIR_PCT = Kolom("prognose_lineair_pct", "%", None, "procent", _lineair_deel("pct"))
LINEAIR_PCT_EXTRA = Kolom("prognose_lineair_pct_extra", "% extra", None, "procent", _lineair_deel("pct_extra"))
P10 = Kolom("prognose", "p10", "Prognose p10", "geheel", _prognose("p10"),
            uitleg="Realisatie aan het eind van de periode die in 10% van de replicaties niet wordt gehaald.")
P50 = Kolom("prognose", "p50", "Prognose p50", "geheel", _prognose("p50"),
            uitleg="Mediaan van de realisatie aan het eind van de periode volgens de prognose.")
P90 = Kolom("prognose", "p90", "Prognose p90", "geheel", _prognose("p90"),
            uitleg="Realisatie aan het eind van de periode die in 90% van de replicaties niet wordt overschreden.")
KANS = Kolom("kans_totaalopgave_gehaald", "kans", "Kans totaalopgave gehaald", "procent", lambda p: p.kans,
             uitleg="Aandeel van de replicaties waarin de realisatie aan het eind van de periode de totaalopgave haalt.")
KANS_EXTRA = Kolom("kans_totaalopgave_extra_gehaald", "kans extra", "Kans totaalopgave inclusief extra opgave gehaald",
                   "procent", lambda p: p.kans_extra, alleen_met_extra=True,
                   uitleg="Aandeel van de replicaties waarin ook de totaalopgave inclusief extra opgave wordt gehaald.")
METHODE = Kolom("methode", "methode", "Methode", "tekst", lambda p: p.methode,
                uitleg="Waarmee de prognose is gemaakt: de simulatie (met een scenario van de gemeente) of het "
                       "tempomodel uit de realisatie tot de peildatum.")

def _ibt_tekst(p) -> str:
    if not p.ibt:
        return GEEN
    kansen = sorted(((int(t), k) for t, k in p.ibt["kans_trede"].items() if k >= 0.005), key=lambda x: (-x[1], x[0]))
    return ", ".join(f"{t}: {k:.0%}" for t, k in kansen)


def _ibt_kans(trede: int) -> Callable[[object], object]:
    return lambda p: p.ibt["kans_trede"].get(str(trede)) if p.ibt else None


MAX_TREDEN = 6  # of the presets in simulatie/ibt_ladders.toml; a test checks every preset fits
IBT = Kolom("ibt", "IBT na beoordeling", None, "tekst", _ibt_tekst, alleen_met_ibt=True)
IBT_VERWACHT = Kolom("ibt", None, "IBT verwachte trede na beoordeling", "decimaal",
                     lambda p: p.ibt["verwachte_trede"] if p.ibt else None, alleen_met_ibt=True,
                     uitleg="Verwachte trede op de IBT-ladder na de beoordeling aan het eind van de periode.")
IBT_KANSEN = tuple(Kolom("ibt", None, f"IBT kans trede {t} na beoordeling", "procent", _ibt_kans(t),
                         alleen_met_ibt=True,
                         uitleg=f"Kans dat de gemeente na de beoordeling op trede {t} staat, vanuit de trede in de "
                                "tabel en de prognose.")
                   for t in range(1, MAX_TREDEN + 1))

TABEL = (GEMEENTE, TREDE, TOTAALOPGAVE, TOTAALOPGAVE_EXTRA, REALISATIE, LINEAIR, LINEAIR_PCT, LINEAIR_PCT_EXTRA,
         P10, P50, P90, KANS, KANS_EXTRA, METHODE, IBT)
UITVOER = (P10, P50, P90, KANS, KANS_EXTRA, METHODE, IBT_VERWACHT, *IBT_KANSEN)
KOLOMMEN = tuple(dict.fromkeys(TABEL + UITVOER))  # every declared column once

# Our columns in the csv/xlsx; reading our output back ignores them (`koppen.py`).
UITVOER_KOLOMMEN = tuple(k.uitvoer for k in UITVOER)


def getoond(k: Kolom, met_extra: bool, met_ibt: bool) -> bool:
    return (met_extra or not k.alleen_met_extra) and (met_ibt or not k.alleen_met_ibt)


# ---------------------------------------------------------------- the province's own columns

@dataclass(frozen=True)
class Provinciekolom:
    """`veld`: the field of a `GemeenteRij` (and its key in the JSON); `kop(periode)`: the
    province's header text (seed, Utrecht 2022-2) for any period; `groep`: 'Opgave' or
    'Realisatie', merged over it in the xlsx with the period's name (None: its own header).
    The value comes from the row (`rij`, also in a table we write as the province would send it)
    or, for the prognose columns, from our reproduction of the linear method (`lineair`).
    `formaat`: xlsx number format; `soort` and `uitleg`: the column on the xlsx sheet
    Toelichting. Only in the output when the table has an extra opgave (`alleen_met_extra`) or
    reservations (`reservering`)."""

    veld: str
    kop: Callable[[TabelPeriode], str]
    groep: str | None
    rij: Callable[[object], object] | None = None
    lineair: Callable[[object], object] | None = None
    formaat: str | None = None
    alleen_met_extra: bool = False
    reservering: bool = False
    soort: str = "geheel"
    uitleg: str = ""

    def waarde(self, p) -> tuple[object, str | None]:
        """Cell from a `PrognoseRij`: value (a fraction for a % cell) and number format."""
        if self.rij is not None:
            return self.rij(p.rij), self.formaat
        return (self.lineair(p.lineair) if p.lineair else None), self.formaat


def _cijfer(veld: str) -> Callable[[object], object]:
    """A number of the row; none for a row without figures."""
    return lambda r: getattr(r, veld) if r.heeft_cijfers else None


def _procent(deel: int | None) -> float | None:
    return None if deel is None else deel / 100


def _dag(d) -> str:
    """'1 juli': a period's bound as the province names it, without the year."""
    return f"{d.day} {MAANDEN[d.month - 1]}"


def _vorige(per: TabelPeriode) -> str:
    return f"{per.start.year - 1}-2" if per.start.month == 1 else f"{per.start.year}-1"


P_GEMEENTE = Provinciekolom("gemeente", lambda per: "Gemeenten", None, rij=lambda r: r.gemeente, soort="tekst",
                            uitleg="Naam van de gemeente, zoals in de tabel van de provincie.")
P_TREDE = Provinciekolom("trede", lambda per: f"Beoordeling {_vorige(per)}\n(trede)", None,
                         rij=lambda r: f"trede {r.trede}" if r.trede is not None else "", soort="tekst",
                         uitleg="Trede van de gemeente op de IBT-ladder volgens de tabel.")
P_ACHTERSTAND = Provinciekolom(
    "achterstand", lambda per: f"Stand op {_dag(per.start)}\n{per.start.year}\n(achterstand)", "Opgave",
    _cijfer("achterstand"), uitleg="Achterstand (positief) of voorsprong (negatief) aan het begin van de periode.")
P_TAAKSTELLING = Provinciekolom("taakstelling", lambda per: f"Taakstelling\n{per.naam}", "Opgave",
                                _cijfer("taakstelling"), uitleg="Taakstelling van de periode (personen).")
P_TOTAALOPGAVE = Provinciekolom(
    "totaalopgave", lambda per: f"Totaalopgave\n(taakstelling +\nachterstand) {per.naam}", "Opgave",
    _cijfer("totaalopgave"), uitleg="Taakstelling plus achterstand: wat de gemeente in de periode moet huisvesten.")
P_EXTRA_OPGAVE = Provinciekolom("extra_opgave", lambda per: f"Extra opgave {per.naam}", "Opgave",
                                _cijfer("extra_opgave"), alleen_met_extra=True,
                                uitleg="Extra opgave bovenop de taakstelling.")
P_TOTAALOPGAVE_EXTRA = Provinciekolom(
    "totaalopgave_extra", lambda per: f"Totaalopgave {per.naam}\n(inclusief extra\nopgave)", "Opgave",
    _cijfer("totaalopgave_extra"), alleen_met_extra=True, uitleg="Totaalopgave inclusief de extra opgave.")
P_REALISATIE = Provinciekolom("realisatie", lambda per: f"Realisatie {per.naam}\ntot {datum_tekst(per.peildatum)}",
                              "Realisatie", _cijfer("realisatie"),
                              uitleg="Personen gehuisvest in de periode tot de peildatum.")
P_PROGNOSE = Provinciekolom(
    "prognose", lambda per: f"Prognose\ngerealiseerd op {_dag(per.eind)}\n{per.eind.year}", "Realisatie",
    lineair=lambda lin: lin.prognose,
    uitleg="Lineaire prognose van de provincie: realisatie x dagen van de periode / verstreken dagen.")
P_PROGNOSE_PCT = Provinciekolom(
    "prognose_pct", lambda per: f"Prognose\ntotaalopgave\n(taakstelling +\nachterstand) {per.naam}\nin %",
    "Realisatie", lineair=lambda lin: _procent(lin.pct), formaat="0%", soort="procent",
    uitleg="Lineaire prognose als percentage van de totaalopgave.")
P_PROGNOSE_PCT_EXTRA = Provinciekolom(
    "prognose_pct_extra", lambda per: (f"Prognose\ntotaalopgave {per.naam}\ninclusief extra\nopgave {per.naam}\n"
                                       "(doelstelling)\ngerealiseerd in %"),
    "Realisatie", lineair=lambda lin: _procent(lin.pct_extra), formaat="0%", alleen_met_extra=True, soort="procent",
    uitleg="Lineaire prognose als percentage van de totaalopgave inclusief extra opgave.")
P_GERESERVEERDE_WONINGEN = Provinciekolom(
    "gereserveerde_woningen", lambda per: "Gereserveerde woningen\n(verwacht voor einde periode)", "Realisatie",
    _cijfer("gereserveerde_woningen"), reservering=True, uitleg="Woningen gereserveerd voor vergunninghouders.")
P_GERESERVEERDE_PERSONEN = Provinciekolom(
    "gereserveerde_personen", lambda per: "Gereserveerde personen\n(verwacht voor einde periode)", "Realisatie",
    _cijfer("gereserveerde_personen"), reservering=True, uitleg="Personen voor wie een woning is gereserveerd.")

PROVINCIE = (P_GEMEENTE, P_TREDE, P_ACHTERSTAND, P_TAAKSTELLING, P_TOTAALOPGAVE, P_EXTRA_OPGAVE, P_TOTAALOPGAVE_EXTRA,
             P_REALISATIE, P_PROGNOSE, P_PROGNOSE_PCT, P_PROGNOSE_PCT_EXTRA, P_GERESERVEERDE_WONINGEN,
             P_GERESERVEERDE_PERSONEN)
PROVINCIE_PER_VELD = {k.veld: k for k in PROVINCIE}


def standaard_kop(veld: str, periode: TabelPeriode) -> str:
    """The province's header text of a field for any period."""
    return PROVINCIE_PER_VELD[veld].kop(periode)
