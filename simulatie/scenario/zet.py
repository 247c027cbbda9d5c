"""`--zet SLEUTEL=WAARDE` overrides one key of a scenario for one run, and TOML text for values.

The value is read as a TOML value and set in the raw TOML dict before validation, so it is checked
exactly like the file; errors on an overridden key name `--zet <key>` instead of a line of the file.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from matching.bestanden import InvoerFout, InvoerFouten
import copy
import hashlib
import json
import math


# ---------------------------------------------------------------- TOML text

_KAAL = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_sleutel(k: str) -> str:
    return k if _KAAL.match(k) else json.dumps(k, ensure_ascii=False)


def toml_waarde(v) -> str:
    """One value as TOML text (the subset scenarios use)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        # JSON's escapes (\" \\ \n \uXXXX) are valid in a TOML basic string
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_waarde(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{toml_sleutel(str(k))} = {toml_waarde(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"geen TOML-waarde: {v!r}")


def _getal(x: float) -> int | float:
    """35.0 -> 35 (written as an integer), 2.25 stays."""
    return int(x) if float(x).is_integer() else float(x)


# ---------------------------------------------------------------- --zet

def _zet_delen(sleutel: str) -> list[str]:
    """The parts of a dotted key, read as TOML reads a key (quotes allowed: aanbod.kern."De Bilt")."""
    try:
        d = tomllib.loads(f"{sleutel} = 0")
    except tomllib.TOMLDecodeError:
        raise InvoerFout(None, "geen geldige sleutel; schrijf delen met punten, bijvoorbeeld "
                               "aanbod.woningen_per_jaar of periode.0.taakstelling", veld=f"--zet {sleutel}") from None
    delen = []
    while isinstance(d, dict):
        (k, d), = d.items()
        delen.append(k)
    return delen


def lees_zet_waarde(sleutel: str, tekst: str):
    """A value as TOML reads it (40, 1.2, true, 2026-03-01, ["A", "B"], "tekst"); a bare word
    that is not valid TOML (strikt) is taken as text."""
    t = tekst.strip()
    if not t:
        raise InvoerFout(None, "geen waarde na '='", veld=f"--zet {sleutel}")
    from .meldingen import toml_uitleg
    try:
        return tomllib.loads(f"v = {t}")["v"]
    except tomllib.TOMLDecodeError as e:
        if t[0] in "[{\"'" or "\n" in t:
            raise InvoerFout(None, f"geen geldige TOML-waarde: {t} ({toml_uitleg(e)}); tekst tussen aanhalingstekens, "
                                   "een lijst als [\"A\", \"B\"]", veld=f"--zet {sleutel}") from None
        return t


def lees_zet(items: list[str] | tuple[str, ...]) -> dict[str, object]:
    """`--zet SLEUTEL=WAARDE` options -> {sleutel: waarde}, in the order given."""
    uit: dict[str, object] = {}
    for item in items:
        if "=" not in item:
            raise InvoerFout(None, "verwacht SLEUTEL=WAARDE, bijvoorbeeld --zet aanbod.woningen_per_jaar=40",
                             veld=f"--zet {item}")
        sleutel, tekst = item.split("=", 1)
        sleutel = sleutel.strip()
        if not sleutel:
            raise InvoerFout(None, "geen sleutel vóór '='", veld=f"--zet {item}")
        _zet_delen(sleutel)
        if sleutel in uit:
            raise InvoerFout(None, "sleutel staat er twee keer in", veld=f"--zet {sleutel}")
        uit[sleutel] = lees_zet_waarde(sleutel, tekst)
    return uit


def zet_toe(ruw: dict, zet: dict[str, object], pad: Path | str | None = None) -> dict:
    """A copy of the raw TOML dict with every override set. A key that does not exist yet is
    created, so validation reports it like a misspelt key in the file; `periode.0.x` indexes an
    array of tables."""
    uit = copy.deepcopy(ruw)
    for sleutel, waarde in zet.items():
        delen = _zet_delen(sleutel)
        plek = uit
        for i, deel in enumerate(delen):
            laatste = i == len(delen) - 1
            tot = ".".join(delen[:i]) or "het scenario"
            if isinstance(plek, list):
                if not deel.isdigit() or int(deel) >= len(plek):
                    raise InvoerFout(pad, f"{tot} is een lijst van {len(plek)}: verwacht een volgnummer 0 t/m "
                                          f"{len(plek) - 1}, niet '{deel}'", veld=f"--zet {sleutel}")
                deel = int(deel)
            elif isinstance(plek, dict):
                if not laatste and deel not in plek:
                    if delen[i + 1].isdigit():
                        raise InvoerFout(pad, f"{'.'.join(delen[:i + 1])} staat niet in het scenario; een element "
                                              "van een lijst kan alleen worden overschreven als het bestaat",
                                         veld=f"--zet {sleutel}")
                    plek[deel] = {}
            else:
                raise InvoerFout(pad, f"{tot} is een waarde, geen tabel", veld=f"--zet {sleutel}")
            if laatste:
                plek[deel] = copy.deepcopy(waarde)
            else:
                plek = plek[deel]
    return uit


def _past_bij(veld: str | None, sleutel: str) -> bool:
    if not veld:
        return False
    from .meldingen import sleutel_naam  # messages count array items from 1: periode[1]
    z = sleutel_naam([int(d) if d.isdigit() else d for d in _zet_delen(sleutel)])
    return veld == z or veld.startswith((z + ".", z + "[")) or z.startswith((veld + ".", veld + "["))


def fouten_met_zet(fout: InvoerFout | InvoerFouten | list[InvoerFout], zet: dict[str, object],
                   pad: Path | str | None = None):
    """Problems on an overridden key name `--zet <key>` (not a line of the file, which does not
    hold that value); other problems keep their line and say which overrides were in force.
    Problems with an override come first."""
    if isinstance(fout, InvoerFouten):
        return InvoerFouten(fouten_met_zet(fout.fouten, zet, pad))
    if isinstance(fout, InvoerFout):
        return fouten_met_zet([fout], zet, pad)[0]
    eerst, daarna = [], []
    for f in fout:
        sleutel = next((s for s in zet if _past_bij(f.veld, s)), None)
        if sleutel is not None and (pad is None or f.bestand == str(pad)):
            eerst.append(InvoerFout(f.bestand, f.melding, f.rij, f"--zet {sleutel}"))
        else:
            daarna.append(InvoerFout(f.bestand, f"{f.melding} (met --zet {', '.join(zet)})", f.rij, f.veld, f.regel))
    return eerst + daarna


def zet_json(v):
    """JSON-safe form of override values (dates as text, tuples as lists)."""
    if isinstance(v, dict):
        return {str(k): zet_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [zet_json(x) for x in v]
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    return v


def zet_tekst(zet: dict[str, object]) -> str:
    """aanbod.woningen_per_jaar=40, beleid="strikt": how the output names the overrides."""
    return ", ".join(f"{k}={toml_waarde(v)}" for k, v in zet.items())


def hash_met_zet(scenario_hash: str, zet: dict[str, object] | None) -> str:
    """The scenario's hash with the overrides folded in: two runs with different --zet never
    carry the same hash; without overrides it is unchanged."""
    if not zet:
        return scenario_hash
    h = hashlib.sha256(scenario_hash.encode())
    h.update(json.dumps(zet_json(zet), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]
