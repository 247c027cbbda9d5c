"""Extras (issue 14): a command that needs a missing extra says in one Dutch line how to install it,
exit code 2, before any work and without writing anything. The extra is hidden in a fresh interpreter
by putting None in sys.modules, which makes Python treat the package as not installed."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _zonder(module: str, argv: list[str], cwd) -> subprocess.CompletedProcess:
    code = (f"import sys; sys.modules[{module!r}] = None\n"
            f"import cli; sys.exit(cli.main({argv!r}))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=cwd)


@pytest.mark.parametrize("module, extra, argv", [
    ("distributed", "dask", ["simuleer", "--replicaties", "2", "--dask", "local", "--uitvoer", "uit.txt"]),
    ("distributed", "dask", ["vergelijk", "--replicaties", "2", "--dask", "local", "--uitvoer", "uit.txt"]),
    ("matplotlib", "grafieken", ["simuleer", "--replicaties", "2", "--grafiek", "w.png", "--uitvoer", "uit.txt"]),
    ("matplotlib", "grafieken", ["vergelijk", "--replicaties", "2", "--grafiek", "v.svg", "--uitvoer", "uit.txt"]),
    ("matplotlib", "grafieken", ["rapport", "--replicaties", "2", "--uitvoer", "r.html"]),
    ("sqlalchemy", "register", ["register", "init", "r.db"]),
    ("sqlalchemy", "register", ["toewijzen", "--register", "r.db", "--uitvoer", "uit.txt"]),
    ("sqlalchemy", "register", ["simuleer", "--register", "r.db", "--peildatum", "2023-03-01"]),
    # The default space (1152 policies) is larger than the default budget: Optuna would propose the
    # candidates. Refused before the progress line of the (long) run.
    ("optuna", "optimaliseer", ["optimaliseer", "--uitvoer", "uit.txt"]),
])
def test_ontbrekend_extra_een_regel_exit_2(tmp_path, module, extra, argv):
    p = _zonder(module, argv, tmp_path)
    assert p.returncode == 2, p.stderr
    regels = p.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("fout: "), p.stderr
    assert f"pip install 'huisvesting[{extra}]'" in regels[0]
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_hoofdtaak_zonder_extras(tmp_path):
    """simuleer (the README's first command) runs with dask, matplotlib and pandas all absent."""
    code = ("import sys\n"
            "for m in ('distributed', 'dask', 'matplotlib', 'pandas'):\n"
            "    sys.modules[m] = None\n"
            "import cli; sys.exit(cli.main(['simuleer', '--replicaties', '3', '--workers', '1', '--format', 'json']))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert '"perioden"' in p.stdout


def test_toewijzen_df_zonder_pandas_zegt_welk_extra():
    code = ("import sys; sys.modules['pandas'] = None\n"
            "from matching import toewijzen_df\n"
            "try:\n    toewijzen_df(None, None)\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.stdout.startswith("ExtraOntbreekt") and "huisvesting[pandas]" in p.stdout, p.stdout + p.stderr
