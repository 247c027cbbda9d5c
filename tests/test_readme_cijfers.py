"""README figures come from docs/cijfers.py, so they cannot drift from the program."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "docs"))

import cijfers  # noqa: E402


def test_elk_cijferblok_staat_gevuld_in_de_readme():
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    for naam in cijfers.BLOKKEN:
        m = cijfers._patroon(naam).search(tekst)
        assert m, f"markering {naam} ontbreekt"
        inhoud = tekst[m.end(1):m.start(2)].strip()
        assert inhoud and str(cijfers.REPLICATIES) in inhoud, naam


@pytest.mark.slow
def test_readme_cijfers_kloppen_met_het_programma():
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "cijfers.py"), "--controleer"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
