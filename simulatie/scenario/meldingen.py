"""Dutch error messages for scenarios: every error names the file, the key and its TOML line, and
a misspelt key gets a suggestion.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from pydantic import BaseModel, ValidationError
from matching.bestanden import InvoerFout
from matching.validatie import melding, per_veld

from .schema import Scenario


def _sleutels(model: type[BaseModel]) -> list[str]:
    uit = []
    for naam, veld in model.model_fields.items():
        uit.append(naam)
        sub = veld.annotation
        args = getattr(sub, "__args__", ())
        for s in (sub, *args):
            if isinstance(s, type) and issubclass(s, BaseModel):
                uit.extend(_sleutels(s))
    return uit


def _model_op(loc: tuple) -> type[BaseModel] | None:
    """The model whose keys are valid at `loc` (for suggestions among sibling keys)."""
    model: type[BaseModel] | None = Scenario
    for deel in loc[:-1]:
        if isinstance(deel, int) or model is None:
            continue
        veld = model.model_fields.get(str(deel))
        if veld is None:
            return None
        kandidaten = [veld.annotation, *getattr(veld.annotation, "__args__", ())]
        model = next((k for k in kandidaten if isinstance(k, type) and issubclass(k, BaseModel)), None)
    return model


def _melding(err: dict) -> str:
    model = _model_op(err["loc"]) if err["type"] == "extra_forbidden" else None
    kandidaten = list(model.model_fields) if model is not None else []
    if err["type"].startswith("date") and isinstance(err.get("input"), str):
        datum = _datum_uitleg(err["input"])  # "01-06-2023" in quotes: the date it means, as TOML writes it
        if datum:
            return datum
    return melding(err, kandidaten, _sleutels(Scenario))


def _regels_per_sleutel(tekst: str) -> dict[tuple, int]:
    """Line of every key and table in a TOML text, keyed by its path as pydantic reports it
    (arrays of tables get their index). A plain scan, good enough to point at a line."""
    uit: dict[tuple, int] = {}
    tabel: tuple = ()
    tellers: dict[tuple, int] = {}

    def delen(sleutel: str) -> tuple:
        return tuple(d.strip().strip('"').strip("'") for d in re.split(r"\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", sleutel))

    for nr, regel in enumerate(tekst.splitlines(), start=1):
        r = regel.strip()
        kop = re.match(r"^\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$", r)
        if r.startswith("[["):
            naam = delen(kop.group(1) if kop else r.strip("[]"))
            i = tellers.get(naam, -1) + 1
            tellers[naam] = i
            tabel = naam + (i,)
            uit.setdefault(tabel, nr)
            uit.setdefault(naam, nr)
        elif r.startswith("["):
            naam = delen(kop.group(1) if kop else r.strip("[]"))
            # [a.b] under [[a]]: goes into the last element of a
            pad: tuple = ()
            for d in naam:
                pad = pad + (d,)
                if pad in tellers:
                    pad = pad + (tellers[pad],)
            tabel = pad
            uit.setdefault(tabel, nr)
        elif "=" in r and not r.startswith("#"):
            sleutel = r.split("=", 1)[0].strip()
            if sleutel:
                uit.setdefault(tabel + delen(sleutel), nr)
    return uit


def _regel(regels: dict[tuple, int], loc: tuple) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in regels:
            return regels[loc]
        loc = loc[:-1]
    return None


def fouten_uit_validatie(e: ValidationError, pad: Path, tekst: str = "") -> list[InvoerFout]:
    """Every problem pydantic found, in Dutch, each with its key and (where found) its line."""
    regels = _regels_per_sleutel(tekst) if tekst else {}
    uit = []
    for err in per_veld(e.errors()):
        loc = tuple(err["loc"])
        if err["type"] == "samenhang":
            for sleutel, melding in (err.get("ctx") or {}).get("problemen", []):
                deel = tuple(int(x) if x.isdigit() else x for x in sleutel.split("."))
                uit.append(InvoerFout(pad, melding, veld=sleutel_naam(deel), regel=_regel(regels, loc + deel)))
            continue
        uit.append(InvoerFout(pad, _melding(err), veld=sleutel_naam(loc) or None, regel=_regel(regels, loc)))
    # In the order of the file, so the first problem reported is the first one the user meets.
    return sorted(uit, key=lambda f: f.regel if f.regel is not None else 10**9)


# tomllib's messages (Python 3.11+) in Dutch, by how they begin; anything else gets a Dutch
# fallback, never the English text.
TOML_TEKST = {
    "Invalid date or datetime": "datum of tijd bestaat niet of is verkeerd geschreven; verwacht JJJJ-MM-DD, "
                                "bijvoorbeeld 2023-06-01",
    "Expected newline or end of document after a statement": "na de waarde staat nog iets op deze regel (tekst "
                                                             "hoort tussen aanhalingstekens, een datum als JJJJ-MM-DD)",
    "Cannot overwrite a value": "sleutel staat er twee keer in",
    "Duplicate inline table key": "sleutel staat er twee keer in",
    "Cannot declare": "tabel staat er twee keer in",
    "Cannot mutate immutable namespace": "tabel of sleutel botst met een eerdere op een andere regel",
    "Cannot redefine namespace": "tabel of sleutel botst met een eerdere op een andere regel",
    "Expected '=' after a key in a key/value pair": "verwacht '=' na de sleutel",
    "Expected ']' at the end of a table declaration": "verwacht ']' aan het eind van de tabelnaam",
    "Expected ']]' at the end of an array declaration": "verwacht ']]' aan het eind van de tabelnaam",
    "Invalid initial character for a key part": "ongeldig teken aan het begin van een sleutel",
    "Invalid value": "ongeldige waarde (tekst hoort tussen aanhalingstekens)",
    "Invalid statement": "ongeldige regel (verwacht sleutel = waarde of [tabel])",
    "Unclosed array": "lijst niet gesloten (']' ontbreekt)",
    "Unclosed inline table": "tabel niet gesloten ('}' ontbreekt)",
    "Unterminated string": "tekst niet gesloten (aanhalingsteken ontbreekt)",
    "Unescaped '\\' in a string": "losse '\\' in tekst; schrijf '\\\\' of zet de tekst tussen enkele aanhalingstekens",
    "Invalid hex value": "ongeldige \\u-code in tekst",
    "Escaped character is not a Unicode scalar value": "ongeldige \\u-code in tekst",
    "Illegal character": "ongeldig teken",
    "Found invalid character": "ongeldig teken",
}


def _datum_uitleg(waarde: str) -> str | None:
    """A date TOML cannot read, said in Dutch with the form it needs (JJJJ-MM-DD) and, where the
    intended day is clear (01-06-2023, 2023-6-1), that day written correctly."""
    import datetime as dt
    w = waarde.strip().strip('"').strip("'")
    nl = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", w)
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", w)
    if not (nl or iso):
        return None
    j, m, d = (int(nl.group(3)), int(nl.group(2)), int(nl.group(1))) if nl else (int(x) for x in iso.groups())
    try:
        goed = dt.date(j, m, d).isoformat()
    except ValueError:
        return f"datum {w} bestaat niet; verwacht JJJJ-MM-DD, bijvoorbeeld 2023-06-01"
    if goed == w:  # well written, so something else on the line is wrong
        return None
    vorm = "DD-MM-JJJJ" if nl else "JJJJ-M-D"
    return f"datum {w} staat als {vorm}; schrijf JJJJ-MM-DD zonder aanhalingstekens: {goed}"


def toml_uitleg(e: tomllib.TOMLDecodeError) -> str:
    """tomllib's message in Dutch, without its place (the caller names the line)."""
    kern = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(e))
    if kern == "Illegal character '\\n'":
        return "tekst niet gesloten op deze regel (aanhalingsteken ontbreekt)"
    uitleg = next((v for k, v in TOML_TEKST.items() if kern.startswith(k)), None)
    if uitleg is None:
        m = re.fullmatch(r"Expected (.+)", kern)
        uitleg = f"verwacht {m.group(1)}" if m else "kan deze regel niet lezen"
    return uitleg


def _sleutel_op_regel(tekst: str, nr: int) -> tuple | None:
    """The key (as a path, arrays of tables with their 0-based index) set on line `nr` of a TOML
    text, or None when that line sets no key (a header, a continuation line)."""
    if not tekst:
        return None
    regels = tekst.splitlines()
    if not 1 <= nr <= len(regels) or "=" not in regels[nr - 1] or regels[nr - 1].lstrip().startswith(("#", "[")):
        return None
    paden = {v: k for k, v in _regels_per_sleutel("\n".join(regels[:nr])).items()}
    pad = paden.get(nr)
    return pad if pad and isinstance(pad[-1], str) else None


def _toml_fout(e: tomllib.TOMLDecodeError, pad: Path, tekst: str = "") -> InvoerFout:
    """A TOML syntax error in Dutch, with its line and, where the line sets a key, that key
    (`oplevering[1].datum`); a date in another form gets the form TOML needs."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
    regel = int(m.group(1)) if m else None
    if regel and tekst and str(e).startswith(("Unclosed array", "Unclosed inline table")):
        # tomllib stops where the list should have closed, often a later line: point at the
        # line that opened it (the last key line before with more '[' than ']')
        open_, dicht = ("[", "]") if str(e).startswith("Unclosed array") else ("{", "}")
        regels = tekst.splitlines()
        regel = next((n for n in range(min(regel, len(regels)), 0, -1)
                      if "=" in regels[n - 1] and regels[n - 1].count(open_) > regels[n - 1].count(dicht)), regel)
    sleutel = _sleutel_op_regel(tekst, regel) if regel else None
    uitleg = None
    if regel and tekst:
        r = tekst.splitlines()[regel - 1] if regel <= len(tekst.splitlines()) else ""
        if "=" in r:
            waarde = re.sub(r"\s+#.*$", "", r.split("=", 1)[1]).strip()
            uitleg = _datum_uitleg(waarde)
    uitleg = uitleg or toml_uitleg(e)
    return InvoerFout(pad, f"geen geldige TOML: {uitleg}", veld=sleutel_naam(sleutel) if sleutel else None,
                      regel=regel)


def sleutel_naam(loc: tuple | list) -> str:
    """A key as messages name it: tables with dots, an element of an array counted from 1,
    as the report does (`nidos.groepen[1].kso_sinds`, `periode[2]`)."""
    uit = ""
    for deel in loc:
        if isinstance(deel, int):
            uit += f"[{deel + 1}]"
        else:
            uit += ("." if uit else "") + str(deel)
    return uit
