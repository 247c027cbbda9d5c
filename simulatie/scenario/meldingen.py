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
                uit.append(InvoerFout(pad, melding, veld=sleutel, regel=_regel(regels, loc + deel)))
            continue
        sleutel = ".".join(str(x) for x in loc)
        uit.append(InvoerFout(pad, _melding(err), veld=sleutel or None, regel=_regel(regels, loc)))
    # In the order of the file, so the first problem reported is the first one the user meets.
    return sorted(uit, key=lambda f: f.regel if f.regel is not None else 10**9)


def _toml_fout(e: tomllib.TOMLDecodeError, pad: Path) -> InvoerFout:
    tekst = str(e)
    m = re.search(r"\(at line (\d+), column (\d+)\)", tekst)
    regel = int(m.group(1)) if m else None
    kern = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", tekst)
    vertaling = {
        "Invalid date or datetime": "datum of tijd bestaat niet of is verkeerd geschreven (verwacht 2023-01-01)",
        "Cannot overwrite a value": "sleutel staat er twee keer in",
        "Cannot declare": "tabel staat er twee keer in",
        "Expected '=' after a key in a key/value pair": "verwacht '=' na de sleutel",
        "Invalid value": "ongeldige waarde (tekst hoort tussen aanhalingstekens)",
        "Invalid statement": "ongeldige regel (verwacht sleutel = waarde of [tabel])",
        "Unclosed array": "lijst niet gesloten (']' ontbreekt)",
        "Unclosed inline table": "tabel niet gesloten ('}' ontbreekt)",
        "Unterminated string": "tekst niet gesloten (aanhalingsteken ontbreekt)",
        "Illegal character": "ongeldig teken",
    }
    if kern == "Illegal character '\\n'":
        kern, uitleg = kern, "tekst niet gesloten op deze regel (aanhalingsteken ontbreekt)"
    else:
        uitleg = next((v for k, v in vertaling.items() if kern.startswith(k)), None)
    melding = f"geen geldige TOML: {uitleg} ({kern})" if uitleg else f"geen geldige TOML: {kern}"
    return InvoerFout(pad, melding, regel=regel)
