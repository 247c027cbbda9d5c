"""Faults around a run: SIGTERM, a full disk, two runs writing the same file, a Dask worker that
dies. Each ends in a complete output or a clear error, never a half-written file."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cli
import matching.bestanden.schrijven as schrijven
from matching.bestanden import InvoerFout

ROOT = Path(__file__).parent.parent


def _huisvesting(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import cli, sys; sys.exit(cli.main(sys.argv[1:]))", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_werkt_als_ctrl_c(tmp_path, workers):
    uit = tmp_path / "p.json"
    p = _huisvesting("simuleer", "--replicaties", "200000", "--workers", workers, "--format", "json",
                     "--uitvoer", str(uit), start_new_session=True)
    try:
        time.sleep(4)  # well into the replications
        assert p.poll() is None, p.communicate()
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:  # the test failed: leave no run behind
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
    assert p.returncode == 143, err
    # No worker outlives the run.
    assert subprocess.run(["pgrep", "-s", str(p.pid)], capture_output=True).stdout == b""
    assert "beëindigd (SIGTERM): niets geschreven" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_schijf_vol_laat_vorig_bestand_heel_en_geen_tijdelijk_bestand(tmp_path, monkeypatch, capsys):
    uit = tmp_path / "p.json"
    uit.write_text("vorige uitvoer\n")

    def vol(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(schrijven.os, "fsync", vol)
    code = cli.main(["simuleer", "--replicaties", "3", "--workers", "1", "--format", "json", "--uitvoer", str(uit)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == "fout: kan p.json niet schrijven (schijf vol); niets geschreven, een bestaand bestand " \
                          "is ongewijzigd"
    assert uit.read_text() == "vorige uitvoer\n"
    assert [q.name for q in tmp_path.iterdir()] == ["p.json"]


def test_geen_schrijfrecht_is_een_duidelijke_fout(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root mag overal schrijven")
    map_ = tmp_path / "dicht"
    map_.mkdir()
    map_.chmod(0o500)
    code = cli.main(["simuleer", "--replicaties", "2", "--workers", "1", "--uitvoer", str(map_ / "p.txt")])
    assert code == 1 and "geen schrijfrecht" in capsys.readouterr().err


def test_twee_runs_naar_hetzelfde_bestand_geven_een_volledige_uitvoer(tmp_path):
    """Each run writes its own temporary file and renames it: the file is always one of the two
    complete outputs, never a mix."""
    uit = tmp_path / "p.json"
    apart = []
    for seed in ("1", "2"):
        eigen = tmp_path / f"{seed}.json"
        assert subprocess.run([sys.executable, "-c", "import cli, sys; sys.exit(cli.main(sys.argv[1:]))",
                               "simuleer", "--replicaties", "60", "--workers", "1", "--seed", seed,
                               "--format", "json", "--uitvoer", str(eigen)], cwd=ROOT,
                              capture_output=True).returncode == 0
        apart.append(eigen.read_text())
    for _ in range(3):
        ps = [_huisvesting("simuleer", "--replicaties", "60", "--workers", "1", "--seed", seed, "--format", "json",
                           "--uitvoer", str(uit)) for seed in ("1", "2")]
        for p in ps:
            p.communicate(timeout=120)
            assert p.returncode == 0
        assert uit.read_text() in apart
        json.loads(uit.read_text())
    assert sorted(q.name for q in tmp_path.iterdir()) == ["1.json", "2.json", "p.json"]


def test_dask_werker_sterft_midden_in_de_run(tmp_path):
    """Dask reschedules the chunk of a dead worker; the result is identical to an undisturbed
    serial run, replication for replication."""
    from functools import partial

    from dask_hulp import taak_die_eenmaal_sterft
    from simulatie.replicaties import maak_invoer
    from simulatie.model import simuleer_replicatie
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import Dask

    g = laad_scenario("leusden-2023")
    invoer_ = maak_invoer(g)
    b = g.beleid("flexibel")
    merk = tmp_path / "gestorven"
    uit = Dask("local", 2).map(partial(taak_die_eenmaal_sterft, invoer_, b, str(merk)), range(8))
    assert merk.exists(), "a worker really died"
    # repr: the same numbers, nan included (nan != nan would hide equality)
    assert [repr(u) for u in uit] == [repr(simuleer_replicatie(invoer_, b, r)) for r in range(8)]


def test_te_veel_replicaties_voor_het_geheugen_vooraf_geweigerd():
    import pickle

    from simulatie.replicaties import _taak, controleer_geheugen, maak_invoer
    from simulatie.scenario import laad_scenario

    g = laad_scenario("leusden-2023")
    inv, b = maak_invoer(g), g.beleid()
    per = 6 * len(pickle.dumps(_taak(inv, b, 0)))
    beschikbaar = 2**30  # 1 GB
    kan = int(0.8 * beschikbaar / per)
    controleer_geheugen(inv, b, kan, beschikbaar=beschikbaar)  # just fits: no error
    with pytest.raises(InvoerFout) as e:
        controleer_geheugen(inv, b, 10 * kan, beschikbaar=beschikbaar)
    tekst = str(e.value)
    assert tekst.startswith("veld '--replicaties': ") and "beschikbaar is 1.0 GB" in tekst
    assert f"gebruik hoogstens {kan:,} replicaties".replace(",", ".") in tekst


@pytest.mark.parametrize("lagen", [1, 2])
@pytest.mark.parametrize("stop,code,melding", [(cli.Beeindigd, 143, "beëindigd (SIGTERM): niets geschreven"),
                                               (KeyboardInterrupt, 130, "afgebroken: niets geschreven")])
def test_stop_tijdens_een_gecompileerde_kern(monkeypatch, capsys, stop, code, melding, lagen):
    """A stop signal whose exception is raised while a numba kernel runs comes back as a
    SystemError caused by it (seen in CI: 'CPUDispatcher(...) returned a result with an exception
    set'), and SimPy re-raises that as a second SystemError caused by the first (also seen in CI):
    still the stop, with its own message and exit code, and no traceback."""
    def kern(**_):
        fout: BaseException = stop()
        for _ in range(lagen):
            try:
                raise fout
            except BaseException as oorzaak:
                try:
                    raise SystemError("CPUDispatcher(toelaatbaar) returned a result with an exception set") from oorzaak
                except SystemError as omhulsel:
                    fout = omhulsel
        raise fout

    monkeypatch.setattr(cli.huisvesting, "main", kern)
    assert cli.main(["simuleer"]) == code
    assert melding in capsys.readouterr().err


def test_andere_systemerror_blijft_een_fout(monkeypatch):
    def kapot(**_):
        raise SystemError("iets anders")

    monkeypatch.setattr(cli.huisvesting, "main", kapot)
    with pytest.raises(SystemError):
        cli.main(["simuleer"])
