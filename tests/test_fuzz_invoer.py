"""Fuzzing every input path: valid files (CSV as Dutch Excel saves them, xlsx, scenario TOML, the
province's table) mutated at the level of bytes, encodings, cells and sizes. Whatever comes in,
a loader either reads it or raises an `InvoerFout`, and the CLI exits 0 or 2 with one line per
problem: never a traceback. 500 examples per input kind in the normal run; the slow marker runs
10,000 (`pytest -m slow tests/test_fuzz_invoer.py`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from matching import laad_huishoudens, laad_woningen
from matching.bestanden import InvoerFout, InvoerFouten
from simulatie.provincie import lees_provincietabel
from simulatie.scenario import laad_scenario, vind_scenario

HIER = Path(__file__).parent
EXCEL = HIER / "corpus" / "excel_nl"
BRONNEN = {
    "huishoudens": [EXCEL / "huishoudens_excel_nl.csv", EXCEL / "huishoudens_canoniek.csv", EXCEL / "huishoudens.xlsx"],
    "woningen": [EXCEL / "woningen_excel_nl.csv", EXCEL / "woningen_canoniek.csv", EXCEL / "woningen.xlsx"],
    "provincie": [HIER / "fixtures" / "provincie-utrecht-2022-2.csv", HIER / "fixtures" / "provincie-utrecht-2022-2.xlsx"],
    "scenario": [vind_scenario("leusden-2023")],
}
VOORBEELDEN = int(os.environ.get("HUISVESTING_FUZZ", "500"))
INSTELLING = settings(max_examples=VOORBEELDEN, deadline=None, derandomize=True,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
WERK = Path(os.environ.get("TMPDIR", "/tmp")) / f"huisvesting-fuzz-{os.getpid()}"

CELLEN = st.one_of(st.text(max_size=12), st.integers(-10**6, 10**9).map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(str),
                   st.sampled_from(["", " ", "ja", "nee", "31-02-2023", "2023-13-01", "1.234,56", "=1+1",
                                    "nationaliteit", "\n", '"', ";", "\x00", "é", "ß", "12345678", "j4 m40",
                                    "Leusden", "Achterveld", "nieuwbouw", "-1", "1e9", "2023-01-01"]))


@st.composite
def mutaties(draw, ruw: bytes) -> bytes:
    """One to three mutations of a file's bytes."""
    data = bytearray(ruw)
    for _ in range(draw(st.integers(1, 3))):
        soort = draw(st.sampled_from(["byte", "invoegen", "weg", "afkappen", "regel_dubbel", "codering", "cel"]))
        if soort == "byte" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif soort == "invoegen":
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif soort == "weg" and data:
            i = draw(st.integers(0, len(data) - 1))
            del data[i:i + draw(st.integers(1, 40))]
        elif soort == "afkappen":
            del data[draw(st.integers(0, len(data))):]
        elif soort == "regel_dubbel" and b"\n" in data:
            regels = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(regels) - 1))
            regels[i:i] = [regels[i]] * draw(st.integers(1, 50))
            data = bytearray(b"\n".join(regels))
        elif soort == "codering":
            try:
                tekst = bytes(data).decode("utf-8-sig")
            except UnicodeDecodeError:
                continue
            codering = draw(st.sampled_from(["utf-16", "cp1252", "latin-1", "utf-8-sig"]))
            data = bytearray(tekst.encode(codering, errors="replace"))
        elif soort == "cel" and b"\n" in data:
            try:
                tekst = bytes(data).decode("utf-8-sig")
            except UnicodeDecodeError:
                continue
            regels = tekst.split("\n")
            i = draw(st.integers(0, len(regels) - 1))
            scheiding = ";" if regels[i].count(";") >= regels[i].count(",") else ","
            cellen = regels[i].split(scheiding)
            j = draw(st.integers(0, max(len(cellen) - 1, 0)))
            cellen[j] = draw(CELLEN)
            regels[i] = scheiding.join(cellen)
            data = bytearray("\n".join(regels).encode("utf-8"))
    return bytes(data)


def _schrijf(bron: Path, data: bytes) -> Path:
    WERK.mkdir(parents=True, exist_ok=True)
    pad = WERK / bron.name
    if bron.suffix == ".toml":  # the scenario's CSV files beside it
        shutil.copytree(bron.parent / "leusden", WERK / "leusden", dirs_exist_ok=True)
    pad.write_bytes(data)
    return pad


def _laad(soort: str, pad: Path) -> None:
    if soort == "huishoudens":
        laad_huishoudens(pad)
    elif soort == "woningen":
        laad_woningen(pad)
    elif soort == "provincie":
        lees_provincietabel(pad, dt.date(2022, 11, 10))
    else:
        laad_scenario(str(pad))


def _cli(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(args)
    return code, err.getvalue()


@pytest.mark.parametrize("soort", sorted(BRONNEN))
def test_loader_leest_of_weigert_netjes(soort):
    @INSTELLING
    @given(st.sampled_from(BRONNEN[soort]).flatmap(lambda b: st.tuples(st.just(b), mutaties(b.read_bytes()))))
    def controleer(geval):
        bron, data = geval
        pad = _schrijf(bron, data)
        try:
            _laad(soort, pad)
        except (InvoerFout, InvoerFouten) as f:
            tekst = str(f)
            assert tekst.strip(), "an error says what is wrong"
            if isinstance(f, InvoerFout):
                assert "\n" not in tekst, "one line per problem"

    controleer()


@pytest.mark.parametrize("soort", ["huishoudens", "woningen", "scenario"])
def test_cli_geeft_0_of_2_en_geen_traceback(soort):
    @settings(max_examples=max(VOORBEELDEN // 5, 20), deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(BRONNEN[soort]).flatmap(lambda b: st.tuples(st.just(b), mutaties(b.read_bytes()))))
    def controleer(geval):
        bron, data = geval
        pad = _schrijf(bron, data)
        code, err = _cli(["controleer", str(pad)])
        assert code in (0, 2), err
        assert "Traceback" not in err
        assert all(r.startswith(("fout: ", "controle: ")) for r in err.splitlines()), err

    controleer()


@pytest.mark.slow
@pytest.mark.parametrize("soort", sorted(BRONNEN))
def test_loader_lang(soort, monkeypatch):
    global INSTELLING
    INSTELLING = settings(INSTELLING, max_examples=10_000)
    test_loader_leest_of_weigert_netjes(soort)
