"""The bundled scenarios: `scenario lijst` and `scenario kopieer`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from matching.bestanden import InvoerFout, schrijf_atomisch
import io
import json
import os

from .laden import laad_scenario, vind_scenario
from .schema import Scenario


# ---------------------------------------------------------------- scenario lijst / kopieer

def _bundel() -> list[Path]:
    bundel = resources.files("huisvesting_scenarios")
    return sorted((Path(str(p)) for p in bundel.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)


def bundel_scenarios() -> list[dict]:
    """The bundled scenarios: name, gemeente, periods, horizon and description."""
    uit = []
    for pad in _bundel():
        sc: Scenario = laad_scenario(pad, zet={}).sc
        uit.append({
            "naam": sc.naam,
            "gemeente": sc.gemeente,
            "perioden": [p.naam for p in sc.periode],
            "startdatum": sc.startdatum.isoformat(),
            "einddatum": sc.einddatum.isoformat(),
            "omschrijving": sc.omschrijving,
            "bestand": pad.name,
        })
    return uit


def lijst_als_json(lijst: list[dict]) -> str:
    return json.dumps(lijst, ensure_ascii=False, indent=2) + "\n"


def lijst_als_tabel(lijst: list[dict], breedte: int = 140) -> str:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=io.StringIO(), width=breedte, color_system=None, force_terminal=False)
    tab = Table(title="Meegeleverde scenario's (huisvesting scenario kopieer NAAM MAP)", title_justify="left")
    for kol in ("naam", "gemeente", "perioden", "van", "tot", "omschrijving"):
        tab.add_column(kol, overflow="fold")
    for s in lijst:
        per = s["perioden"]
        tab.add_row(s["naam"], s["gemeente"], per[0] if len(per) == 1 else f"{per[0]} t/m {per[-1]}",
                    s["startdatum"], s["einddatum"], s["omschrijving"])
    console.print(tab)
    return console.file.getvalue()


def kopieer_scenario(naam: str, doel: str | Path) -> Path:
    """Copy a scenario with the files it names into `doel`, keeping their relative paths, so the
    copy works as is. Refuses to overwrite any file; checks everything before copying anything."""
    bron = vind_scenario(naam)
    sc = laad_scenario(bron, zet={}).sc
    doel = Path(doel)
    if doel.exists() and not doel.is_dir():
        raise InvoerFout(doel, "is geen map", veld="MAP")
    paren = [(bron, doel / bron.name)]
    for sleutel in ("huishoudens", "woningen"):
        rel = getattr(sc, sleutel)
        if not rel or Path(rel).is_absolute():
            continue  # an absolute path works from anywhere
        genormaliseerd = Path(os.path.normpath(rel))
        if genormaliseerd.parts and genormaliseerd.parts[0] == "..":
            raise InvoerFout(bron, f"'{rel}' ligt buiten de map van het scenario; kopieer het scenario met de hand",
                             veld=sleutel)
        paren.append((bron.parent / rel, doel / genormaliseerd))
    bestaand = next((d for _, d in paren if d.exists()), None)
    if bestaand is not None:
        raise InvoerFout(bestaand, "bestaat al; niets gekopieerd (kies een lege map)", veld="MAP")
    for b, d in paren:
        schrijf_atomisch(d, b.read_bytes())
    return doel / bron.name
