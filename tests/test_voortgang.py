"""Progress is never silent: with stderr piped, a start line with the work to do, an estimate
after the first chunk and a line at each 10%."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

WORTEL = Path(__file__).resolve().parent.parent
TABEL = Path(__file__).parent / "fixtures" / "provincie-utrecht-2022-2.csv"


def _stderr(*argv) -> list[str]:
    p = subprocess.run([sys.executable, "-m", "cli", *map(str, argv)], cwd=WORTEL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return [r for r in p.stderr.splitlines() if r.startswith("voortgang: ")]


def _controleer(regels: list[str], werk: str):
    assert regels[0].endswith(f"{werk} te doen"), regels
    assert re.fullmatch(r"voortgang: eerste deel klaar na \d+ s; (geschat nog .+|schatting bij 10%)", regels[1]), regels
    procenten = [int(m.group(1)) for r in regels if (m := re.match(r"voortgang: (\d+)% \(", r))]
    assert procenten == sorted(set(procenten)) and procenten[-1] == 100, regels
    assert all(p % 10 == 0 for p in procenten) and len(procenten) >= 2, regels
    return procenten
    assert "klaar" in regels[-1]


@pytest.mark.parametrize("commando, argv, werk", [
    ("simuleer", ["--replicaties", "60", "--workers", "1", "--format", "json"], "60 replicaties x 1 beleid"),
    ("vergelijk", ["--replicaties", "4", "--workers", "1", "--format", "json"], "4 replicaties x 16 runs"),
    ("prognose", [TABEL, "--peildatum", "2022-11-10", "--replicaties", "100", "--workers", "1", "--format", "json"],
     "x 100 replicaties"),
])
def test_voortgang_in_regels_als_stderr_geen_terminal_is(commando, argv, werk):
    procenten = _controleer(_stderr(commando, *argv), werk)
    if commando == "simuleer":  # one replication at a time: every 10% has its line
        assert procenten == list(range(10, 101, 10))


def test_korte_run_blijft_stil():
    assert _stderr("simuleer", "--replicaties", "5", "--workers", "1", "--format", "json") == []
