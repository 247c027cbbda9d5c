"""Start-up: `huisvesting --help`, each command's --help and click's checking of options import none
of the heavy libraries (issue 14). Checked in a fresh interpreter through sys.modules, not timed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cli

ZWAAR = ["pandas", "numpy", "ortools", "scipy", "matplotlib", "dask", "distributed"]


def _geladen(*argv: str) -> tuple[int, list[str], str]:
    code = ("import json, sys, cli\n"
            f"rc = cli.main({list(argv)!r})\n"
            f"print(json.dumps([rc, [m for m in {ZWAAR!r} if m in sys.modules]]))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    rc, zwaar = json.loads(p.stdout.strip().splitlines()[-1])
    return rc, zwaar, p.stdout + p.stderr


def test_import_cli_laadt_niets_zwaars():
    p = subprocess.run([sys.executable, "-c", f"import sys, cli; print([m for m in {ZWAAR!r} if m in sys.modules])"],
                       capture_output=True, text=True, timeout=120)
    assert p.stdout.strip() == "[]", p.stdout + p.stderr


@pytest.mark.parametrize("argv", [["--help"], *[[naam, "--help"] for naam in sorted(cli.OPDRACHTEN)],
                                  ["scenario", "nieuw", "--help"],
                                  ["simuleer", "--format", "x"], ["vergelijk", "--replicaties", "1"],
                                  ["prognose"], ["toewijzen", "--oplosser", "geen"]])
def test_hulp_en_optiecontrole_zonder_zware_bibliotheken(argv):
    rc, zwaar, uit = _geladen(*argv)
    assert rc == (0 if argv[-1] == "--help" else 2), uit
    assert zwaar == [], (argv, zwaar)


def test_hulp_noemt_elke_opdracht_en_is_nederlands():
    rc, _, uit = _geladen("--help")
    assert rc == 0
    for naam in cli.OPDRACHTEN:
        assert f"  {naam} " in uit
    for nl in ("Gebruik: huisvesting [OPTIES] OPDRACHT", "Opties:", "Opdrachten:", "Toon dit bericht en stop."):
        assert nl in uit
    for engels in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert engels not in uit


def test_hulp_van_een_opdracht_nederlands():
    rc, _, uit = _geladen("simuleer", "--help")
    assert rc == 0
    assert "Gebruik: huisvesting simuleer [OPTIES] [SCENARIO]" in uit
    assert "[standaard: tabel]" in uit and "--replicaties GETAL" in uit
    assert "default" not in uit and "INTEGER" not in uit and "TEXT" not in uit
    rc, _, uit = _geladen("scenario", "nieuw", "--help")
    assert rc == 0 and "[verplicht]" in uit and "required" not in uit


def test_luie_opdracht_wordt_pas_bij_gebruik_geladen():
    p = subprocess.run([sys.executable, "-c", "import sys, cli; print('opdrachten.simuleer' in sys.modules); "
                        "cli.main(['simuleer', '--help']); print('opdrachten.simuleer' in sys.modules)"],
                       capture_output=True, text=True, timeout=120)
    assert p.stdout.split()[0] == "False" and p.stdout.split()[-1] == "True", p.stdout + p.stderr
