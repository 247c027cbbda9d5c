"""Reading tables the way Dutch users save them, and refusing bad input clearly.

Every loader in the project goes through `lees_tabel`, so a CSV saved by Dutch Excel
(`;`, BOM, cp1252, decimal comma, dates as 10-11-2022) and an xlsx give the same rows.
Errors are `InvoerFout`s: one line naming file, row and field; the CLI turns them into
exit code 2 without a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Columns that would hold special categories of personal data (AVG art. 9) or proxies for
# them. Matching must never depend on them, so a file that carries them is refused whole
# rather than having the column silently dropped: the user should not be sending it.
VERBODEN_KOLOMMEN = {
    "nationaliteit", "nationality", "herkomst", "herkomstland", "land_van_herkomst",
    "geboorteland", "afkomst", "etniciteit", "ethnicity", "etnische_achtergrond", "ras",
    "religie", "religion", "geloof", "godsdienst", "levensovertuiging", "taal", "moedertaal",
    "bsn", "naam", "voornaam", "achternaam", "geboortedatum", "v_nummer", "vnummer",
    "gezondheid", "medisch",
}


class InvoerFout(ValueError):
    """Bad input: names file, row and field, in one line."""

    def __init__(self, bestand: str | os.PathLike | None, melding: str, rij: int | None = None,
                 veld: str | None = None):
        self.bestand = str(bestand) if bestand is not None else None
        self.rij = rij
        self.veld = veld
        self.melding = melding
        super().__init__(str(self))

    def __str__(self) -> str:
        delen = []
        if self.bestand:
            delen.append(Path(self.bestand).name)
        if self.rij is not None:
            delen.append(f"rij {self.rij}")
        if self.veld:
            delen.append(f"veld '{self.veld}'")
        plaats = ", ".join(delen)
        return f"{plaats}: {self.melding}" if plaats else self.melding


class InvoerFouten(ValueError):
    """Several problems in one go (used by `controleer`)."""

    def __init__(self, fouten: list[InvoerFout]):
        self.fouten = fouten
        super().__init__("\n".join(str(f) for f in fouten))


@dataclass
class Tabel:
    """Rows of a table as text, with the row numbers a user sees in Excel (header = row 1)."""

    bestand: str
    kolommen: list[str]
    rijen: list[tuple[int, dict[str, str]]]
    herkend: list[str] = field(default_factory=list)  # what was detected: encoding, delimiter


def _normaliseer_kolom(naam: str) -> str:
    return re.sub(r"\s+", "_", str(naam).strip().lower())


def _lees_tekst(pad: Path) -> tuple[str, str]:
    ruw = pad.read_bytes()
    if ruw.startswith(b"\xef\xbb\xbf"):
        return ruw[3:].decode("utf-8"), "utf-8 met BOM"
    try:
        return ruw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)" writes Windows-1252.
        return ruw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as e:
        raise InvoerFout(pad, f"tekens niet te lezen op byte {e.start}: sla op als UTF-8 of CSV uit Excel") from None


def _lees_csv(pad: Path) -> Tabel:
    tekst, codering = _lees_tekst(pad)
    if not tekst.strip():
        raise InvoerFout(pad, "bestand is leeg; verwacht een kopregel met kolomnamen")
    eerste = tekst.splitlines()[0]
    scheiding = max([";", ",", "\t"], key=eerste.count)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    regels = list(lezer)
    kop = [_normaliseer_kolom(k) for k in regels[0]]
    rijen = []
    for nr, regel in enumerate(regels[1:], start=2):
        if not any(c.strip() for c in regel):
            continue
        if len(regel) > len(kop):
            extra = [c for c in regel[len(kop):] if c.strip()]
            if extra:
                raise InvoerFout(pad, f"{len(regel)} velden, kopregel heeft er {len(kop)}", rij=nr)
        regel = regel[: len(kop)] + [""] * (len(kop) - len(regel))
        rijen.append((nr, {k: v.strip() for k, v in zip(kop, regel)}))
    naam = {";": "puntkomma", ",": "komma", "\t": "tab"}[scheiding]
    return Tabel(str(pad), kop, rijen, [f"codering {codering}", f"scheidingsteken {naam}"])


def _cel_als_tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _lees_xlsx(pad: Path, kopregels: int | None = None) -> Tabel:
    import openpyxl

    try:
        boek = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged file
        raise InvoerFout(pad, f"geen leesbaar Excel-bestand ({type(e).__name__})") from None
    blad = boek.worksheets[0]
    waarden = [[_cel_als_tekst(c) for c in rij] for rij in blad.iter_rows(values_only=True)]
    boek.close()
    waarden = [r for r in waarden if any(r)] if waarden else []
    if not waarden:
        raise InvoerFout(pad, "werkblad is leeg; verwacht een kopregel met kolomnamen")
    kop = [_normaliseer_kolom(k) for k in waarden[0]]
    while kop and not kop[-1]:
        kop.pop()
    rijen = []
    for nr, regel in enumerate(waarden[1:], start=2):
        regel = list(regel[: len(kop)]) + [""] * (len(kop) - len(regel))
        rijen.append((nr, dict(zip(kop, regel))))
    return Tabel(str(pad), kop, rijen, ["Excel-werkmap (xlsx)"])


def lees_tabel(pad: str | os.PathLike) -> Tabel:
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(pad, "bestand bestaat niet")
    if pad.suffix.lower() in {".xlsx", ".xlsm"}:
        tabel = _lees_xlsx(pad)
    else:
        tabel = _lees_csv(pad)
    verboden = sorted(set(tabel.kolommen) & VERBODEN_KOLOMMEN)
    if verboden:
        raise InvoerFout(pad, f"kolom '{verboden[0]}' bevat een beschermd persoonskenmerk; "
                              "dat mag niet worden aangeleverd en speelt geen rol bij toewijzing",
                         veld=verboden[0])
    dubbel = sorted({k for k in tabel.kolommen if k and tabel.kolommen.count(k) > 1})
    if dubbel:
        raise InvoerFout(pad, f"kolom '{dubbel[0]}' staat er twee keer in", veld=dubbel[0])
    return tabel


def controleer_kolommen(tabel: Tabel, verplicht: list[str], optioneel: list[str]) -> None:
    ontbrekend = [k for k in verplicht if k not in tabel.kolommen]
    if ontbrekend:
        raise InvoerFout(tabel.bestand, f"verplichte kolom '{ontbrekend[0]}' ontbreekt "
                                        f"(verwacht: {', '.join(verplicht)})", rij=1, veld=ontbrekend[0])
    bekend = set(verplicht) | set(optioneel)
    onbekend = [k for k in tabel.kolommen if k and k not in bekend]
    if onbekend:
        import difflib
        tip = difflib.get_close_matches(onbekend[0], sorted(bekend), n=1)
        extra = f"; bedoelt u '{tip[0]}'?" if tip else f"; toegestaan: {', '.join(sorted(bekend))}"
        raise InvoerFout(tabel.bestand, f"onbekende kolom '{onbekend[0]}'{extra}", rij=1, veld=onbekend[0])
    if not tabel.rijen:
        raise InvoerFout(tabel.bestand, "alleen een kopregel, geen gegevens")


# ---------------------------------------------------------------- field parsers

def lees_int(waarde: str, bestand: str, rij: int, veld: str, minimum: int | None = None,
             maximum: int | None = None, leeg: int | None = None) -> int:
    w = waarde.strip()
    if not w:
        if leeg is not None:
            return leeg
        raise InvoerFout(bestand, "leeg; verwacht een geheel getal", rij, veld)
    try:
        getal = int(w)
    except ValueError:
        try:
            f = float(w.replace(",", "."))
        except ValueError:
            raise InvoerFout(bestand, f"'{w}' is geen geheel getal", rij, veld) from None
        if not f.is_integer():
            raise InvoerFout(bestand, f"'{w}' is geen geheel getal", rij, veld) from None
        getal = int(f)
    if minimum is not None and getal < minimum:
        raise InvoerFout(bestand, f"{getal} is kleiner dan {minimum}", rij, veld)
    if maximum is not None and getal > maximum:
        raise InvoerFout(bestand, f"{getal} is onwaarschijnlijk groot (hoogstens {maximum})", rij, veld)
    return getal


def lees_bedrag(waarde: str, bestand: str, rij: int, veld: str, leeg: float | None = None,
                maximum: float = 100_000.0) -> float:
    """Euros as Dutch users type them: 647,19 or 1.234,56 or € 650."""
    w = waarde.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not w:
        if leeg is not None:
            return leeg
        raise InvoerFout(bestand, "leeg; verwacht een bedrag", rij, veld)
    if "," in w:
        w = w.replace(".", "").replace(",", ".")
    try:
        getal = float(w)
    except ValueError:
        raise InvoerFout(bestand, f"'{waarde.strip()}' is geen bedrag", rij, veld) from None
    if getal != getal or getal < 0:
        raise InvoerFout(bestand, f"'{waarde.strip()}' is geen geldig bedrag (negatief of leeg)", rij, veld)
    if getal > maximum:
        raise InvoerFout(bestand, f"{getal:.2f} is onwaarschijnlijk hoog (hoogstens {maximum:.0f})", rij, veld)
    return getal


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def lees_datum(waarde: str, bestand: str | None, rij: int | None, veld: str,
               leeg_mag: bool = False) -> dt.date | None:
    """ISO (2022-11-10) or the Dutch way Excel shows it (10-11-2022)."""
    w = waarde.strip()
    if " " in w:  # xlsx datetimes and "10-11-2022 00:00"
        w = w.split(" ")[0]
    if "T" in w:
        w = w.split("T")[0]
    if not w:
        if leeg_mag:
            return None
        raise InvoerFout(bestand, "leeg; verwacht een datum (JJJJ-MM-DD of DD-MM-JJJJ)", rij, veld)
    m = _ISO.match(w)
    if m:
        j, mnd, d = (int(x) for x in m.groups())
    else:
        m = _NL.match(w)
        if not m:
            raise InvoerFout(bestand, f"'{w}' is geen datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)", rij, veld)
        d, mnd, j = (int(x) for x in m.groups())
    try:
        return dt.date(j, mnd, d)
    except ValueError:
        raise InvoerFout(bestand, f"'{w}' bestaat niet als datum", rij, veld) from None


def lees_janee(waarde: str, bestand: str, rij: int, veld: str, leeg: bool = False) -> bool:
    w = waarde.strip().lower()
    if not w:
        return leeg
    if w in {"ja", "j", "yes", "y", "true", "waar", "1", "x"}:
        return True
    if w in {"nee", "n", "no", "false", "onwaar", "0"}:
        return False
    raise InvoerFout(bestand, f"'{waarde.strip()}' is geen ja/nee", rij, veld)


# ---------------------------------------------------------------- output

def schrijf_atomisch(pad: str | os.PathLike, inhoud: str | bytes) -> None:
    """Write through a temporary file in the same folder and rename, so an interrupted
    run never leaves a half-written output behind."""
    pad = Path(pad)
    pad.parent.mkdir(parents=True, exist_ok=True)
    data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tijdelijk, pad)
    except BaseException:
        try:
            os.unlink(tijdelijk)
        except FileNotFoundError:
            pass
        raise


def veilige_cel(waarde):
    """Neutralise spreadsheet formulas (CSV injection) in text written for Excel users."""
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_getal(waarde):
        return "'" + waarde
    return waarde


def _is_getal(tekst: str) -> bool:
    try:
        float(tekst.replace(",", "."))
        return True
    except ValueError:
        return False


def tabel_uit_dataframe(df, naam: str) -> Tabel:
    """A DataFrame from a notebook, checked exactly like a file (row numbers as in a CSV)."""
    kolommen = [_normaliseer_kolom(k) for k in df.columns]
    rijen = []
    for nr, waarden in enumerate(df.itertuples(index=False, name=None), start=2):
        rijen.append((nr, {k: _cel_als_tekst(None if _is_na(v) else v) for k, v in zip(kolommen, waarden)}))
    return Tabel(naam, kolommen, rijen, ["pandas DataFrame"])


def _is_na(v) -> bool:
    try:
        return v != v or v is None
    except Exception:
        return False
