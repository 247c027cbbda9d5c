"""Interruption: Ctrl-C (or a killed process) in the middle of producing output leaves no partial
output file: outputs go to a temporary file in the same folder and are renamed when complete
(`schrijf_atomisch`). The CLI then exits with 130 and says that nothing was written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import cli
import matching
import matching.bestanden.schrijven as schrijven

ROOT = Path(__file__).parent.parent


class _HalfSchrijver:
    """A file object that writes the first half of what it is given, then 'gets Ctrl-C'."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        self.f.flush()
        raise KeyboardInterrupt

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()
        return False

    def __getattr__(self, naam):
        return getattr(self.f, naam)


@pytest.fixture
def ctrl_c_tijdens_schrijven(monkeypatch):
    echte_fdopen = os.fdopen
    monkeypatch.setattr(schrijven.os, "fdopen", lambda fd, *a, **k: _HalfSchrijver(echte_fdopen(fd, *a, **k)))


def _toewijzen(uit: Path, formaat: str = "json") -> list[str]:
    return ["toewijzen", "--format", formaat, "--uitvoer", str(uit)]


@pytest.mark.parametrize("formaat", ["json", "csv", "tabel"])
def test_ctrl_c_tijdens_schrijven_laat_geen_bestand_achter(formaat, tmp_path, capsys, ctrl_c_tijdens_schrijven):
    uit = tmp_path / f"plan.{formaat}"
    assert cli.main(_toewijzen(uit, formaat)) == 130
    err = capsys.readouterr().err
    assert "afgebroken: niets geschreven" in err
    assert "Traceback" not in err
    assert not uit.exists()
    assert list(tmp_path.iterdir()) == [], "the half-written temporary file is removed too"


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("opdracht", ["simuleer", "vergelijk"])
def test_ctrl_c_tijdens_het_schrijven_van_een_werkmap(opdracht, tmp_path, capsys, ctrl_c_tijdens_schrijven):
    """A workbook writes itself into the temporary file (its zip, straight to disk): Ctrl-C in the
    middle leaves neither the output nor the temporary file, and no sheet openpyxl still had open
    complains about its closed file afterwards (an error text after "niets geschreven")."""
    import gc

    uit = tmp_path / "x.xlsx"
    argv = [opdracht, "--replicaties", "4", "--workers", "1", "--format", "xlsx", "--uitvoer", str(uit)]
    assert cli.main(argv) == 130
    gc.collect()  # (what openpyxl left open is cleaned up now, inside this test)
    err = capsys.readouterr().err
    assert "afgebroken: niets geschreven" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_laat_een_eerder_bestand_heel(tmp_path, capsys, monkeypatch):
    uit = tmp_path / "plan.json"
    assert cli.main(_toewijzen(uit)) == 0
    vorige = uit.read_bytes()
    echte_fdopen = os.fdopen
    monkeypatch.setattr(schrijven.os, "fdopen", lambda fd, *a, **k: _HalfSchrijver(echte_fdopen(fd, *a, **k)))
    assert cli.main(_toewijzen(uit)) == 130
    assert uit.read_bytes() == vorige
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    assert "afgebroken: niets geschreven" in capsys.readouterr().err


def test_ctrl_c_tijdens_rekenen(tmp_path, capsys, monkeypatch):
    """Ctrl-C while the second policy is being solved: nothing of the first is written either."""
    echte = matching.wijs_toe
    aanroepen = []

    def wijs_toe(*args, **kwargs):
        aanroepen.append(1)
        if len(aanroepen) == 2:
            raise KeyboardInterrupt
        return echte(*args, **kwargs)

    monkeypatch.setattr(matching, "wijs_toe", wijs_toe)
    uit = tmp_path / "plan.json"
    assert cli.main(_toewijzen(uit)) == 130
    assert len(aanroepen) == 2
    assert not uit.exists()
    assert "afgebroken: niets geschreven" in capsys.readouterr().err


def test_ctrl_c_bij_hernoemen(tmp_path, monkeypatch):
    def onderbroken(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(schrijven.os, "replace", onderbroken)
    with pytest.raises(KeyboardInterrupt):
        schrijven.schrijf_atomisch(tmp_path / "x.csv", "a;b\n" * 1000)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_gedood_proces_laat_geen_half_bestand(tmp_path):
    """A process killed (SIGKILL, no cleanup at all) just before the rename: the output file does
    not exist; only the hidden temporary file remains, never a truncated plan."""
    uit = tmp_path / "plan.json"
    code = (
        "import os, signal, sys, cli, matching.bestanden.schrijven as i\n"
        "i.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"sys.exit(cli.main(['toewijzen', '--format', 'json', '--uitvoer', {str(uit)!r}]))\n"
    )
    proces = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proces.returncode == -signal.SIGKILL
    assert not uit.exists()
    resten = list(tmp_path.iterdir())
    assert all(p.name.startswith(".plan.json.") and p.name.endswith(".tmp") for p in resten)


def test_uitvoer_krijgt_gewone_bestandsrechten(tmp_path):
    import os
    from matching.bestanden import schrijf_atomisch
    oud = os.umask(0o022)
    try:
        schrijf_atomisch(tmp_path / "x.txt", "a")
    finally:
        os.umask(oud)
    assert (tmp_path / "x.txt").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fout", [KeyboardInterrupt, ValueError, OSError])
def test_in_stukken_afgebroken_laat_niets_achter(tmp_path, fout):
    """An output written piece by piece and broken off after some pieces (Ctrl-C, an error while
    making a piece, a full disk): no new file, no temporary file, an existing file unchanged."""
    oud = tmp_path / "x.csv"
    oud.write_text("oud\n")

    def stukken():
        yield "a;b\r\n"
        yield "1;2\r\n" * 1000
        raise fout()

    with pytest.raises(schrijven.SchrijfFout if fout is OSError else fout):
        schrijven.schrijf_atomisch_in_stukken(oud, stukken())
    with pytest.raises(fout):
        schrijven.schrijf_atomisch_in_stukken(tmp_path / "nieuw.csv", (s for s in stukken()))
    assert oud.read_text() == "oud\n" and sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]
