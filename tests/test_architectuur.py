"""Architecture: `matching` never imports `simulatie`, no import cycles, no module over 400 lines.

Imports are read with `ast`, all of them: also the late ones inside functions, since a cycle
dodged with a late import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WORTEL = Path(__file__).resolve().parent.parent
PAKKETTEN = ("matching", "simulatie", "opdrachten", "register")
MAX_REGELS = 400


def _modules() -> dict[str, Path]:
    modules = {"cli": WORTEL / "cli.py"}
    for pakket in PAKKETTEN:
        for pad in sorted((WORTEL / pakket).rglob("*.py")):
            delen = list(pad.relative_to(WORTEL).with_suffix("").parts)
            if delen[-1] == "__init__":
                delen.pop()
            modules[".".join(delen)] = pad
    return modules


MODULES = _modules()


def _importen(naam: str, pad: Path) -> set[str]:
    """The project modules `naam` imports: `from a.b import c` counts as a.b.c if that is a module."""
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    doelen = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            doelen |= {a.name for a in knoop.names}
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                delen = pakket.split(".")
                delen = delen[:len(delen) - (knoop.level - 1)]
                basis = ".".join(delen + ([basis] if basis else []))
            for a in knoop.names:
                doelen.add(f"{basis}.{a.name}" if f"{basis}.{a.name}" in MODULES else basis)
    return {d for d in doelen if d in MODULES and d != naam}


GRAAF = {naam: _importen(naam, pad) for naam, pad in MODULES.items()}


def test_matching_importeert_simulatie_niet():
    fout = sorted(f"{m} -> {d}" for m, ds in GRAAF.items() if m.split(".")[0] == "matching"
                  for d in ds if d.split(".")[0] == "simulatie")
    assert not fout, fout


def _cycli() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, laag, stapel, op_stapel, uit = {}, {}, [], set(), []

    def bezoek(v):
        index[v] = laag[v] = len(index)
        stapel.append(v)
        op_stapel.add(v)
        for w in sorted(GRAAF[v]):
            if w not in index:
                bezoek(w)
                laag[v] = min(laag[v], laag[w])
            elif w in op_stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            comp = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                uit.append(sorted(comp))

    for v in sorted(GRAAF):
        if v not in index:
            bezoek(v)
    return uit


def test_geen_importcycli():
    assert _cycli() == []


@pytest.mark.parametrize("naam", sorted(MODULES))
def test_module_niet_te_lang(naam):
    regels = len(MODULES[naam].read_text(encoding="utf-8").splitlines())
    assert regels <= MAX_REGELS, f"{MODULES[naam].relative_to(WORTEL)}: {regels} regels (max {MAX_REGELS})"


def test_architectuur_noemt_alleen_bestaande_modules():
    """docs/architectuur.md says where to change what: every file it names must exist."""
    import re

    tekst = (WORTEL / "docs" / "architectuur.md").read_text(encoding="utf-8")
    genoemd = set(re.findall(r"\b((?:matching|simulatie)/[\w/]*\w\.(?:py|toml))", tekst))
    genoemd.discard("simulatie/actoren/X.py")  # the placeholder for a new actor
    assert genoemd and not sorted(p for p in genoemd if not (WORTEL / p).is_file())


def test_maandnamen_op_een_plek():
    """Month names are spelt once (`matching/bestanden/velden.py`, abbreviations in `simulatie/kalender.py`)."""
    thuis = {"matching.bestanden.velden", "simulatie.kalender"}
    fout = []
    for naam, pad in MODULES.items():
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, (ast.List, ast.Tuple)) and naam not in thuis and any(
                    isinstance(e, ast.Constant) and e.value in ("januari", "mrt") for e in knoop.elts):
                fout.append(naam)
    assert not fout, fout
