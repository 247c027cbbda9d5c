"""Reading tables the way Dutch users save them, and refusing bad input clearly.

Every loader in the project goes through `lees_tabel`, so a CSV saved by Dutch Excel
(`;`, BOM, cp1252, CRLF, decimal comma, dates as 10-11-2022), Excel's "Unicode-tekst"
(UTF-16, tabs) and an xlsx give the same rows.
Errors are `InvoerFout`s: one line naming file, row and field, and what was expected; the CLI
turns them into exit code 2 without a traceback. Loaders take a `Fouten` collector: on the
normal path it raises the first problem at once, under `huisvesting controleer` it collects
every problem and raises them together as `InvoerFouten`.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# Columns that would hold special categories of personal data (AVG art. 9), direct identifiers,
# or proxies for them. Matching must never depend on them, so a file that carries them is
# refused whole rather than having the column silently dropped: the user should not be sending it.
VERBODEN_KOLOMMEN = {
    "nationaliteit", "nationality", "herkomst", "herkomstland", "land_van_herkomst",
    "geboorteland", "afkomst", "etniciteit", "ethnicity", "etnische_achtergrond", "ras",
    "religie", "religion", "geloof", "godsdienst", "levensovertuiging", "taal", "moedertaal",
    "bsn", "naam", "voornaam", "achternaam", "geboortedatum", "v_nummer", "vnummer",
    "gezondheid", "medisch", "telefoon", "telefoonnummer", "email", "e-mail", "e_mail",
}
# Stems that mark the same kind of column under another name ("nationaliteit_hoofdaanvrager").
VERBODEN_STAMMEN = ("nationalit", "religi", "etnic", "etnisc", "ethnic", "herkomst", "afkomst",
                    "geboorte", "geloof", "godsdienst", "burgerservice", "seksu", "gezondheid",
                    "medisch", "strafrecht", "politiek")
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
MAX_ID_LENGTE = 64
JAREN = (2000, 2100)  # plausible years for dates in waitlists and dwelling lists


class InvoerFout(ValueError):
    """Bad input: names file, row (or TOML line) and field, in one line."""

    def __init__(self, bestand: str | os.PathLike | None, melding: str, rij: int | None = None,
                 veld: str | None = None, regel: int | None = None):
        self.bestand = str(bestand) if bestand is not None else None
        self.rij = rij
        self.veld = veld
        self.melding = melding
        self.regel = regel
        super().__init__(str(self))

    def __str__(self) -> str:
        delen = []
        if self.bestand:
            delen.append(Path(self.bestand).name)
        if self.rij is not None:
            delen.append(f"rij {self.rij}")
        if self.regel is not None:
            delen.append(f"regel {self.regel}")
        if self.veld:
            delen.append(f"veld '{' '.join(self.veld.split())}'")  # a header with line breaks: one line
        plaats = ", ".join(delen)
        melding = " ".join(self.melding.splitlines())
        return f"{plaats}: {melding}" if plaats else melding


class SchrijfFout(OSError):
    """An output could not be written (disk full, no permission): nothing was changed."""

    def __init__(self, pad: str | os.PathLike, oorzaak: OSError):
        import errno
        wat = {errno.ENOSPC: "schijf vol", errno.EDQUOT: "schijfquotum vol", errno.EACCES: "geen schrijfrecht",
               errno.EROFS: "alleen-lezen bestandssysteem"}.get(oorzaak.errno, oorzaak.strerror or str(oorzaak))
        self.pad = str(pad)
        super().__init__(oorzaak.errno, f"kan {Path(pad).name} niet schrijven ({wat}); niets geschreven, een "
                                        "bestaand bestand is ongewijzigd")

    def __str__(self) -> str:
        return self.strerror


class InvoerFouten(ValueError):
    """Several problems in one go (used by `controleer`)."""

    def __init__(self, fouten: list[InvoerFout]):
        self.fouten = fouten
        super().__init__("\n".join(str(f) for f in fouten))


MISLUKT = object()  # what `Fouten.probeer` returns for a value that could not be read


class Fouten:
    """Problems found while reading one input.

    `verzamel=False` (every command that runs something) raises the first problem at once;
    `verzamel=True` (`huisvesting controleer`) records it and carries on, and `klaar()` raises
    all of them as one `InvoerFouten`. Beyond `maximum` problems only the count is kept.
    """

    def __init__(self, verzamel: bool = False, maximum: int | None = None):
        self.verzamel = verzamel
        self.maximum = maximum
        self.lijst: list[InvoerFout] = []
        self.aantal = 0

    def meld(self, fout: InvoerFout | InvoerFouten) -> None:
        if isinstance(fout, InvoerFouten):
            for f in fout.fouten:
                self.meld(f)
            return
        if not self.verzamel:
            raise fout
        self.aantal += 1
        grens = self.maximum if self.maximum is not None else _grens("max_getoonde_fouten", 200)
        if len(self.lijst) < grens:
            self.lijst.append(fout)

    def probeer(self, functie, *args, **kwargs):
        """functie(*args, **kwargs), or MISLUKT after recording the problem it raised."""
        try:
            return functie(*args, **kwargs)
        except (InvoerFout, InvoerFouten) as f:
            self.meld(f)
            return MISLUKT

    def __len__(self) -> int:
        return self.aantal

    def klaar(self) -> None:
        if not self.aantal:
            return
        # Whole-file and column problems first, then row by row (fields in column order).
        volgorde = {b: i for i, b in reversed(list(enumerate(f.bestand for f in self.lijst)))}
        lijst = sorted(self.lijst, key=lambda f: (volgorde[f.bestand], f.rij if f.rij is not None else 0))
        if self.aantal > len(lijst):
            lijst.append(InvoerFout(lijst[-1].bestand, f"en nog {self.aantal - len(lijst)} problemen "
                                                       f"(de eerste {len(lijst)} staan hierboven)"))
        raise InvoerFouten(lijst)


def _grens(naam: str, standaard: int) -> int:
    try:
        from .grenzen import grenzen
        return int(grenzen()[naam])
    except (KeyError, FileNotFoundError):
        return standaard


def kort(tekst: str, n: int = 40) -> str:
    """A value quoted in a message, cut short so a stray paragraph does not flood the screen."""
    tekst = str(tekst)
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


@dataclass
class Tabel:
    """Rows of a table as text, with the row numbers a user sees in Excel (header = row 1)."""

    bestand: str
    kolommen: list[str]
    rijen: list[tuple[int, dict[str, str]]]
    herkend: list[str] = field(default_factory=list)  # what was detected: encoding, delimiter


def _normaliseer_kolom(naam: str) -> str:
    return re.sub(r"\s+", "_", str(naam).strip().lower())


def _lees_tekst(pad: Path, ruw: bytes) -> tuple[str, str]:
    if ruw.startswith(b"\xef\xbb\xbf"):
        try:
            tekst, codering = ruw[3:].decode("utf-8", errors="strict"), "utf-8 met BOM"
        except UnicodeDecodeError as e:
            raise InvoerFout(pad, f"begint als UTF-8 (BOM) maar byte {e.start + 3} is geen UTF-8; sla opnieuw op "
                                  "als 'CSV UTF-8' uit Excel") from None
    elif ruw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            tekst, codering = ruw.decode("utf-16"), "UTF-16 (Excel 'Unicode-tekst')"
        except UnicodeDecodeError as e:
            raise InvoerFout(pad, f"UTF-16-tekst niet te lezen op byte {e.start}; sla op als CSV (UTF-8)") from None
    else:
        try:
            tekst, codering = ruw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                # Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)" writes Windows-1252.
                tekst, codering = ruw.decode("cp1252"), "cp1252 (Windows)"
            except UnicodeDecodeError as e:
                raise InvoerFout(pad, f"tekens niet te lezen op byte {e.start} (geen UTF-8 en geen Windows-1252); "
                                      "sla op als 'CSV UTF-8' of 'CSV (gescheiden door lijstscheidingsteken)' "
                                      "uit Excel") from None
    if "\x00" in tekst:
        raise InvoerFout(pad, "geen tekstbestand (bevat nul-tekens); verwacht CSV of een Excel-werkmap (.xlsx)")
    return tekst, codering


_SEP_REGEL = re.compile(r'^\s*"?sep=(.)"?\s*$', re.IGNORECASE)
_SCHEIDING_NAAM = {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep"}


def _kop_uit(kopregels: list[list[str]]) -> list[str]:
    """Column names from one or more header rows. With several (merged cells in the province's
    table), an empty cell in an upper row takes the value on its left, and the parts are joined."""
    if len(kopregels) == 1:
        return [_normaliseer_kolom(k) for k in kopregels[0]]
    breedte = max(len(r) for r in kopregels)
    gevuld = []
    for i, rij in enumerate(kopregels):
        rij = list(rij) + [""] * (breedte - len(rij))
        if i < len(kopregels) - 1:
            vorige = ""
            for j, c in enumerate(rij):
                vorige = c if str(c).strip() else vorige
                rij[j] = vorige
        gevuld.append(rij)
    namen = []
    for j in range(breedte):
        delen = []
        for rij in gevuld:
            d = str(rij[j]).strip()
            if d and (not delen or delen[-1] != d):
                delen.append(d)
        namen.append(_normaliseer_kolom(" ".join(delen)))
    return namen


def _regels_naar_tabel(pad: Path, regels: list[tuple[int, list[str]]], kopregels: int,
                       fouten: Fouten, herkend: list[str], scheiding: str | None) -> Tabel:
    """Shared by CSV and xlsx: header from the first non-empty rows, then one dict per data row."""
    regels = [(nr, r) for nr, r in regels if any(str(c).strip() for c in r)]
    if not regels:
        raise InvoerFout(pad, "bestand is leeg; verwacht een kopregel met kolomnamen")
    kop = _kop_uit([r for _, r in regels[:kopregels]])
    while kop and not kop[-1]:
        kop.pop()
    rijen = []
    for nr, regel in regels[kopregels:]:
        regel = [str(c) for c in regel]
        fout_in_rij = False
        if len(regel) > len(kop):
            extra = [(j, c) for j, c in enumerate(regel[len(kop):], start=len(kop)) if c.strip()]
            if extra and scheiding is not None:
                tip = ""
                if scheiding == ",":
                    tip = ("; staat er een komma in een getal of tekst? zet die waarde tussen "
                           "aanhalingstekens of gebruik ; als scheidingsteken")
                fouten.meld(InvoerFout(pad, f"{len(regel)} velden, kopregel heeft er {len(kop)}{tip}", rij=nr))
                fout_in_rij = True
            elif extra:
                j, c = extra[0]
                fouten.meld(InvoerFout(pad, f"waarde '{kort(c.strip())}' in kolom {j + 1}, die geen kopnaam heeft",
                                       rij=nr))
                fout_in_rij = True
        for j, (k, c) in enumerate(zip(kop, regel)):
            if not k and c.strip():
                fouten.meld(InvoerFout(pad, f"waarde '{kort(c.strip())}' in kolom {j + 1}, die geen kopnaam heeft",
                                       rij=nr))
                fout_in_rij = True
            elif "\n" in c or "\r" in c:
                fouten.meld(InvoerFout(pad, "waarde loopt over meerdere regels (een aanhalingsteken dat niet "
                                            "is gesloten?); verwacht één regel per veld", rij=nr, veld=k or None))
                fout_in_rij = True
        if fout_in_rij:
            continue
        regel = regel[: len(kop)] + [""] * (len(kop) - len(regel))
        rijen.append((nr, {k: v.strip() for k, v in zip(kop, regel) if k}))
    return Tabel(str(pad), kop, rijen, herkend)


def _lees_csv(pad: Path, ruw: bytes, fouten: Fouten, kopregels: int = 1, verwacht: list[str] | None = None) -> Tabel:
    tekst, codering = _lees_tekst(pad, ruw)
    if not tekst.strip():
        raise InvoerFout(pad, "bestand is leeg; verwacht een kopregel met kolomnamen")
    herkend = [f"codering {codering}"]
    regels_tekst = tekst.splitlines()
    start = 0
    m = _SEP_REGEL.match(regels_tekst[0])
    if m:
        scheiding = m.group(1)
        herkend.append("regel 'sep=' van Excel")
        tekst = tekst.split("\n", 1)[1] if "\n" in tekst else ""
        start = 1
    else:
        eerste = next((r for r in regels_tekst if r.strip()), "")
        scheiding = max([";", ",", "\t"], key=eerste.count)
    herkend.append(f"scheidingsteken {_SCHEIDING_NAAM.get(scheiding, repr(scheiding))}")
    if "\r\n" in tekst:
        herkend.append("Windows-regeleinden (CRLF)")
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    regels: list[tuple[int, list[str]]] = []
    try:
        for nr, regel in enumerate(lezer, start=1 + start):
            regels.append((nr, regel))
    except csv.Error as e:
        raise InvoerFout(pad, f"CSV niet te lezen ({e}); staat er een aanhalingsteken dat niet is gesloten?",
                         rij=len(regels) + 1 + start) from None
    if verwacht:
        regels, _ = _kies_kop(pad, [("", regels)], verwacht, None, herkend)
    return _regels_naar_tabel(pad, regels, kopregels, fouten, herkend, scheiding)


def cel_als_tekst(waarde) -> str:
    """A spreadsheet cell as the text a user would type: dates ISO, whole floats without .0."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _lees_xlsx_bladen(pad: Path, bron: bytes) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """Every sheet of a workbook as (name, rows of text cells with their Excel row numbers)."""
    import openpyxl

    try:
        boek = openpyxl.load_workbook(io.BytesIO(bron), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged file
        raise InvoerFout(pad, f"geen leesbaar Excel-bestand ({type(e).__name__}); sla opnieuw op als "
                              "Excel-werkmap (.xlsx) of als CSV") from None
    try:
        if not boek.worksheets:
            raise InvoerFout(pad, "werkmap heeft geen werkblad")
        bladen = []
        for blad in boek.worksheets:
            blad.reset_dimensions()  # some programs write a wrong size; read what is really there
            bladen.append((blad.title, [(nr, [cel_als_tekst(c) for c in rij])
                                        for nr, rij in enumerate(blad.iter_rows(values_only=True), start=1)]))
    finally:
        boek.close()
    return bladen


# A header is looked for in this many non-empty rows from the top (title rows above it are skipped).
KOP_ZOEKEN_RIJEN = 30


def _kop_score(rij: list[str], verwacht: set[str]) -> int:
    return len({_normaliseer_kolom(c) for c in rij if str(c).strip()} & verwacht)


def _vind_kop(regels: list[tuple[int, list[str]]], verwacht: set[str]) -> tuple[int, int]:
    """(index of the header row among the non-empty rows, how many expected columns it holds):
    the first row holding the most expected column names."""
    beste, score = 0, 0
    for i, (_, r) in enumerate(regels[:KOP_ZOEKEN_RIJEN]):
        n = _kop_score(r, verwacht)
        if n > score:
            beste, score = i, n
    return beste, score


def _kies_kop(pad: Path, bladen: list[tuple[str, list[tuple[int, list[str]]]]], verwacht: list[str] | None,
              blad: str | None, herkend: list[str]) -> tuple[list[tuple[int, list[str]]], str | None]:
    """Which sheet and where its header starts: with known column names, the sheet and row that
    hold the most of them (title rows, empty rows and other sheets are skipped); `blad` picks a
    sheet by name. Returns the rows from the header on."""
    if blad is not None:
        namen = [n for n, _ in bladen]
        kies = [b for b in bladen if b[0].strip().lower() == blad.strip().lower()]
        if not kies:
            import difflib
            tip = difflib.get_close_matches(blad, namen, n=1)
            raise InvoerFout(pad, f"werkblad '{blad}' bestaat niet" + (f"; bedoelt u '{tip[0]}'?" if tip else "")
                             + f" (werkbladen: {', '.join(namen)})", veld="--blad")
        bladen = kies
    gevuld = [(naam, [(nr, r) for nr, r in regels if any(str(c).strip() for c in r)]) for naam, regels in bladen]
    if not verwacht:
        naam, regels = next(((n, r) for n, r in gevuld if r), gevuld[0])
        if len(bladen) > 1 or blad is not None:
            herkend.append(f"werkblad '{naam}' gelezen")
        return regels, naam
    doel = {_normaliseer_kolom(k) for k in verwacht}
    keuzes = [(naam, regels, *_vind_kop(regels, doel)) for naam, regels in gevuld]
    naam, regels, i, score = max(keuzes, key=lambda k: k[3])  # the first sheet wins a tie
    nodig = min(2, len(doel))
    if score < nodig:
        def bereik(r: list) -> str:
            return f"rijen {r[0][0]}-{r[min(len(r), KOP_ZOEKEN_RIJEN) - 1][0]}" if r else "geen rijen"
        gekeken = "; ".join(f"werkblad '{n}' {bereik(r)}" if n else bereik(r) for n, r, *_ in keuzes)
        raise InvoerFout(pad, f"geen kopregel gevonden: verwacht kolommen {', '.join(verwacht)}; gekeken in {gekeken}")
    if i:
        herkend.append(f"kopregel op rij {regels[i][0]} (titelregels erboven overgeslagen)")
    if len(bladen) > 1 or blad is not None:
        herkend.append(f"werkblad '{naam}' gelezen")
    return regels[i:], naam


def _lees_xlsx(pad: Path, kopregels: int | None = None, fouten: Fouten | None = None,
               bron: bytes | None = None, verwacht: list[str] | None = None, blad: str | None = None) -> Tabel:
    fouten = fouten if fouten is not None else Fouten()
    bladen = _lees_xlsx_bladen(pad, bron if bron is not None else pad.read_bytes())
    if not any(any(any(c for c in r) for _, r in regels) for _, regels in bladen) and blad is None:
        raise InvoerFout(pad, "werkblad is leeg; verwacht een kopregel met kolomnamen")
    herkend = ["Excel-werkmap (xlsx)"]
    regels, _ = _kies_kop(pad, bladen, verwacht, blad, herkend)
    if not regels:
        raise InvoerFout(pad, "werkblad is leeg; verwacht een kopregel met kolomnamen")
    return _regels_naar_tabel(pad, regels, kopregels or 1, fouten, herkend, None)


def _soort_bestand(pad: Path, ruw: bytes) -> str:
    if ruw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if ruw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvoerFout(pad, "oud Excel-formaat (.xls) of een met wachtwoord beveiligde werkmap; sla op als "
                              "Excel-werkmap (.xlsx) zonder wachtwoord, of als CSV")
    if pad.suffix.lower() in {".xlsx", ".xlsm"}:
        raise InvoerFout(pad, "geen leesbaar Excel-bestand (geen xlsx-inhoud); sla opnieuw op als "
                              "Excel-werkmap (.xlsx) of als CSV")
    if pad.suffix.lower() in {".ods", ".numbers"}:
        raise InvoerFout(pad, f"{pad.suffix}-bestanden worden niet gelezen; sla op als Excel-werkmap (.xlsx) of CSV")
    return "csv"


def ruwe_cellen(pad: str | os.PathLike, max_rijen: int = 15) -> list[list[str]]:
    """The first rows of a CSV or xlsx as text cells, without interpreting a header: for
    recognising tables whose header is not in row 1 (the province's)."""
    pad = Path(pad)
    ruw = pad.read_bytes()
    if _soort_bestand(pad, ruw) == "xlsx":
        import openpyxl
        try:
            boek = openpyxl.load_workbook(io.BytesIO(ruw), read_only=True, data_only=True)
        except Exception:
            return []
        try:
            blad = boek.worksheets[0]
            blad.reset_dimensions()
            return [[cel_als_tekst(c) for c in r] for r in blad.iter_rows(max_row=max_rijen, values_only=True)]
        finally:
            boek.close()
    tekst, _ = _lees_tekst(pad, ruw)
    eerste = "\n".join(tekst.splitlines()[:5])
    scheiding = max([";", ",", "\t"], key=eerste.count)
    uit = []
    try:
        for r in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding):
            uit.append([c.strip() for c in r])
            if len(uit) >= max_rijen:
                break
    except csv.Error:
        pass
    return uit


def verboden_kolom(naam: str) -> bool:
    return naam in VERBODEN_KOLOMMEN or any(s in naam for s in VERBODEN_STAMMEN)


def lees_tabel(pad: str | os.PathLike, fouten: Fouten | None = None, kopregels: int = 1,
               verwacht: list[str] | None = None, blad: str | None = None) -> Tabel:
    """A CSV (any of the Dutch Excel variants) or xlsx as text rows. Problems of the whole file
    (missing, empty, unreadable) raise at once; row problems go to `fouten`. With `verwacht`
    (known column names) the header is found where it is: after title rows, empty rows or
    merged cells, on whichever sheet holds it; `blad` picks a sheet by name."""
    fouten = fouten if fouten is not None else Fouten()
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(pad, "bestand bestaat niet")
    if pad.is_dir():
        raise InvoerFout(pad, "is een map; verwacht een bestand (CSV of .xlsx)")
    grens_mb = _grens("max_bestand_mb", 100)
    grootte = pad.stat().st_size
    if grootte > grens_mb * 1024 * 1024:
        mb = f"{grootte / 1024 / 1024:.1f}".replace(".", ",")
        raise InvoerFout(pad, f"bestand is {mb} MB; de grens is {grens_mb} MB (max_bestand_mb in "
                              "matching/grenzen.toml); splits het bestand, bijvoorbeeld per kern")
    ruw = pad.read_bytes()
    if _soort_bestand(pad, ruw) == "xlsx":
        tabel = _lees_xlsx(pad, kopregels, fouten, bron=ruw, verwacht=verwacht, blad=blad)
        if pad.suffix.lower() not in {".xlsx", ".xlsm"}:
            tabel.herkend.append(f"Excel-inhoud met extensie {pad.suffix or '(geen)'}")
    else:
        if blad is not None:
            raise InvoerFout(pad, "--blad geldt alleen voor een Excel-werkmap; dit is een CSV-bestand", veld="--blad")
        tabel = _lees_csv(pad, ruw, fouten, kopregels, verwacht)
    for k in tabel.kolommen:
        if k and verboden_kolom(k):
            fouten.meld(InvoerFout(pad, f"kolom '{k}' bevat een beschermd persoonskenmerk of een direct "
                                        "identificerend gegeven; dat mag niet worden aangeleverd (AVG) en speelt "
                                        "geen rol bij toewijzing: haal de kolom weg", rij=1, veld=k))
    dubbel = sorted({k for k in tabel.kolommen if k and tabel.kolommen.count(k) > 1})
    for k in dubbel:
        fouten.meld(InvoerFout(pad, f"kolom '{k}' staat er twee keer in", rij=1, veld=k))
    log.info("%s gelezen: %d rijen; %s", pad.name, len(tabel.rijen), ", ".join(tabel.herkend))
    return tabel


def controleer_kolommen(tabel: Tabel, verplicht: list[str], optioneel: list[str],
                        fouten: Fouten | None = None, al_gemeld: set[str] | frozenset = frozenset()) -> bool:
    """Every missing and every unknown column; True when the rows can be checked one by one.
    `al_gemeld`: columns the caller refused with its own reason."""
    import difflib

    fouten = fouten if fouten is not None else Fouten()
    ontbrekend = [k for k in verplicht if k not in tabel.kolommen]
    bekend = set(verplicht) | set(optioneel)
    onbekend = [k for k in tabel.kolommen
                if k and k not in bekend and k not in al_gemeld and not verboden_kolom(k)]
    for k in ontbrekend:
        # A misspelt required column shows up twice (missing, and unknown): say it once.
        tip = difflib.get_close_matches(k, onbekend, n=1, cutoff=0.6)
        if tip:
            onbekend.remove(tip[0])
            extra = f"; kolom '{tip[0]}' is misschien een tikfout voor '{k}'"
        else:
            extra = f" (verplicht: {', '.join(verplicht)})"
        fouten.meld(InvoerFout(tabel.bestand, f"verplichte kolom '{k}' ontbreekt{extra}", rij=1, veld=k))
    vrij = sorted(bekend - set(tabel.kolommen))
    for k in onbekend:
        tip = difflib.get_close_matches(k, vrij, n=1, cutoff=0.6)
        extra = f"; bedoelt u '{tip[0]}'?" if tip else f"; toegestaan: {', '.join(verplicht + optioneel)}"
        fouten.meld(InvoerFout(tabel.bestand, f"onbekende kolom '{k}'{extra}", rij=1, veld=k))
    if not tabel.rijen:
        fouten.meld(InvoerFout(tabel.bestand, "alleen een kopregel, geen gegevens; verwacht een rij per "
                                              "huishouden of woning onder de kopregel"))
        return False
    return not ontbrekend


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


# ---------------------------------------------------------------- field parsers

def formule_achtig(tekst: str) -> bool:
    """Text a spreadsheet would run as a formula (CSV injection): starts with = + - @ tab or CR."""
    return isinstance(tekst, str) and tekst[:1] in FORMULE_TEKENS


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


def lees_decimaal(waarde: str, bestand: str, rij: int, veld: str, leeg: float | None = None,
                  minimum: float = 0.0, maximum: float = 1e9, soort: str = "getal",
                  voorbeeld: str = "42,5") -> float:
    """A number as Dutch users type it: 612,30 or 1.234,56 (and 612.30 or 1,234.56)."""
    tekst = waarde.strip()
    w = tekst.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not w:
        if leeg is not None:
            return leeg
        raise InvoerFout(bestand, f"leeg; verwacht een {soort}, bijvoorbeeld {voorbeeld}", rij, veld)
    if "," in w and "." in w:
        if w.rfind(",") > w.rfind("."):
            w = w.replace(".", "").replace(",", ".")   # 1.234,56
        else:
            w = w.replace(",", "")                     # 1,234.56
    elif w.count(",") == 1:
        w = w.replace(",", ".")                        # 612,30
    elif w.count(".") > 1 and re.fullmatch(r"\d{1,3}(\.\d{3})+", w):
        w = w.replace(".", "")                         # 1.234.567
    if not _DECIMAAL.match(w):
        raise InvoerFout(bestand, f"'{kort(tekst)}' is geen {soort}; verwacht bijvoorbeeld {voorbeeld}", rij, veld)
    getal = float(w)
    verwacht = _bereik(_f(minimum), _f(maximum), "een " + soort)
    if getal < minimum:
        laag = "negatief" if getal < 0 else "onwaarschijnlijk laag"
        raise InvoerFout(bestand, f"'{kort(tekst)}' is {laag}; verwacht {verwacht}", rij, veld)
    if getal > maximum:
        raise InvoerFout(bestand, f"{_f(getal)} is onwaarschijnlijk hoog; verwacht {verwacht}", rij, veld)
    return getal


def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def lees_bedrag(waarde: str, bestand: str, rij: int, veld: str, leeg: float | None = None,
                maximum: float = 100_000.0, minimum: float = 0.0) -> float:
    """Euros as Dutch users type them: 647,19 or 1.234,56 or € 650."""
    return lees_decimaal(waarde, bestand, rij, veld, leeg, minimum, maximum, "bedrag", "612,30")


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_NL_KORT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})$")
_EXCEL_GETAL = re.compile(r"^\d{5}(?:[.,]0+)?$")
_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
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
        raise InvoerFout(bestand, f"'{w}' bestaat niet als datum ({_MAANDEN[mnd - 1]} {j} heeft {dagen} dagen)",
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


# ---------------------------------------------------------------- output

def schrijf_atomisch(pad: str | os.PathLike, inhoud: str | bytes) -> None:
    """Write through a temporary file in the same folder and rename, so an interrupted
    run never leaves a half-written output behind."""
    pad = Path(pad)
    data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
    except OSError as e:
        raise SchrijfFout(pad, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; give the file the permissions any new file would get.
        os.chmod(tijdelijk, 0o666 & ~_umask())
        os.replace(tijdelijk, pad)
    except BaseException as e:
        try:
            os.unlink(tijdelijk)
        except FileNotFoundError:
            pass
        if isinstance(e, OSError) and not isinstance(e, SchrijfFout):
            raise SchrijfFout(pad, e) from None
        raise


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


def veilige_cel(waarde):
    """Neutralise spreadsheet formulas (CSV injection) in text written for Excel users."""
    if isinstance(waarde, str) and waarde[:1] in FORMULE_TEKENS and not _is_getal(waarde):
        return "'" + waarde
    return waarde


def _is_getal(tekst: str) -> bool:
    return bool(re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", tekst.strip()))


def tabel_uit_dataframe(df, naam: str) -> Tabel:
    """A DataFrame from a notebook, checked exactly like a file (row numbers as in a CSV)."""
    kolommen = [_normaliseer_kolom(k) for k in df.columns]
    rijen = []
    for nr, waarden in enumerate(df.itertuples(index=False, name=None), start=2):
        rijen.append((nr, {k: cel_als_tekst(None if _is_na(v) else v) for k, v in zip(kolommen, waarden)}))
    return Tabel(naam, kolommen, rijen, ["pandas DataFrame"])


def _is_na(v) -> bool:
    try:
        return v != v or v is None
    except Exception:
        return False
