"""The table model: rows as text with the row numbers a user sees, the header found below title rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .fouten import Fouten, InvoerFout, kort
from .privacy import verboden_kolom


@dataclass
class Tabel:
    """Rows of a table as text, with the row numbers a user sees in Excel (header on row `kop_rij`)."""

    bestand: str
    kolommen: list[str]
    rijen: list[tuple[int, dict[str, str]]]
    herkend: list[str] = field(default_factory=list)  # what was detected: encoding, delimiter
    kop_rij: int = 1                # the row the header is on (below title rows it is not 1)
    blad: str | None = None         # the sheet of a workbook with several sheets (named in problems)


def _normaliseer_kolom(naam: str) -> str:
    return re.sub(r"\s+", "_", str(naam).strip().lower())


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
    kop_rij = regels[0][0]
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
    return Tabel(str(pad), kop, rijen, herkend, kop_rij)


def cel_als_tekst(waarde) -> str:
    """A spreadsheet cell as the text a user would type: dates ISO, whole floats without .0, other
    floats with a decimal comma (a number cell 612.125 is not the thousands notation 612.125)."""
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
    if isinstance(waarde, float) and "e" not in repr(waarde):
        return repr(waarde).replace(".", ",")
    return str(waarde).strip()


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


def _tikafstand(a: str, b: str) -> int:
    """Keystrokes between two names: letters left out, added, changed or swapped (Damerau-Levenshtein)."""
    vorige2, vorige = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        rij = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            rij[j] = min(vorige[j] + 1, rij[j - 1] + 1, vorige[j - 1] + (ca != cb))
            if vorige2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                rij[j] = min(rij[j], vorige2[j - 2] + 1)
        vorige2, vorige = vorige, rij
    return vorige[-1]


def lijkt_op(naam: str, kandidaten: list[str]) -> str | None:
    """The candidate `naam` is a typo of: at most one keystroke off for a name of up to 5 letters, two
    for longer names (underscores and spaces ignored). A shared run of letters is not enough:
    'oppervlakte' is no typo of 'koppeldatum' (difflib's ratio 0.6 said it was)."""
    def kaal(t: str) -> str:
        return t.replace("_", "").replace(" ", "")
    beste = None
    for k in kandidaten:
        d = _tikafstand(kaal(naam), kaal(k))
        if d <= (1 if len(kaal(k)) <= 5 else 2) and (beste is None or d < beste[0]):
            beste = (d, k)
    return beste[1] if beste else None


def controleer_kolommen(tabel: Tabel, verplicht: list[str], optioneel: list[str],
                        fouten: Fouten | None = None, al_gemeld: set[str] | frozenset = frozenset()) -> bool:
    """Every missing and every unknown column; True when the rows can be checked one by one.
    `al_gemeld`: columns the caller refused with its own reason."""
    fouten = fouten if fouten is not None else Fouten()
    ontbrekend = [k for k in verplicht if k not in tabel.kolommen]
    bekend = set(verplicht) | set(optioneel)
    onbekend = [k for k in tabel.kolommen
                if k and k not in bekend and k not in al_gemeld and not verboden_kolom(k)]
    for k in ontbrekend:
        # A misspelt required column shows up twice (missing, and unknown): say it once.
        tip = lijkt_op(k, onbekend)
        if tip:
            onbekend.remove(tip)
            extra = f"; kolom '{tip}' is misschien een tikfout voor '{k}'"
        else:
            extra = f" (verplicht: {', '.join(verplicht)})"
        fouten.meld(InvoerFout(tabel.bestand, f"verplichte kolom '{k}' ontbreekt{extra}", rij=tabel.kop_rij, veld=k))
    vrij = sorted(bekend - set(tabel.kolommen))
    for k in onbekend:
        tip = lijkt_op(k, vrij)
        extra = f"; bedoelt u '{tip}'?" if tip else f"; toegestaan: {', '.join(verplicht + optioneel)}"
        fouten.meld(InvoerFout(tabel.bestand, f"onbekende kolom '{k}'{extra}", rij=tabel.kop_rij, veld=k))
    if not tabel.rijen:
        fouten.meld(InvoerFout(tabel.bestand, "alleen een kopregel, geen gegevens; verwacht een rij per "
                                              "huishouden of woning onder de kopregel"))
        return False
    return not ontbrekend


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
