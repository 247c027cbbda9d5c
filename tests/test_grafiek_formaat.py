"""`--grafiek` writes the format its extension names (.png, .svg, .pdf) or refuses, before any work."""

from __future__ import annotations

import pytest

import cli

KOP = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF"}


def _kop(pad) -> bytes:
    data = pad.read_bytes()
    if pad.suffix == ".svg":  # an XML declaration and doctype come first
        return data[data.index(b"<svg"):][:4]
    return data[:4]


@pytest.mark.parametrize("ext", ["png", "svg", "pdf"])
def test_simuleer_grafiek_volgt_de_extensie(tmp_path, capsys, ext):
    pad = tmp_path / f"waaier.{ext}"
    assert cli.main(["simuleer", "--replicaties", "3", "--workers", "1", "--format", "json",
                     "--grafiek", str(pad)]) == 0, capsys.readouterr().err
    assert _kop(pad) == KOP[ext]


@pytest.mark.parametrize("ext", ["png", "svg", "pdf"])
def test_vergelijk_grafiek_volgt_de_extensie_met_namen_in_woorden(tmp_path, capsys, ext):
    pad = tmp_path / f"verschil.{ext}"
    assert cli.main(["vergelijk", "--replicaties", "3", "--workers", "1", "--format", "json",
                     "--grafiek", str(pad)]) == 0, capsys.readouterr().err
    assert _kop(pad) == KOP[ext]
    if ext == "svg":  # text is kept as text: the measures by their Dutch names, no code names
        tekst = pad.read_text(encoding="utf-8")
        assert "gehuisveste personen" in tekst and "totaalopgave_gehaald" not in tekst


@pytest.mark.parametrize("commando", ["simuleer", "vergelijk"])
@pytest.mark.parametrize("naam", ["x.jpg", "x"])
def test_onbekende_extensie_geweigerd(tmp_path, capsys, commando, naam):
    pad = tmp_path / naam
    capsys.readouterr()
    assert cli.main([commando, "--replicaties", "3", "--workers", "1", "--format", "json",
                     "--grafiek", str(pad)]) == 2
    uit = capsys.readouterr()
    assert uit.out == "" and list(tmp_path.iterdir()) == []
    regels = uit.err.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("fout: ") and ".png, .svg of .pdf" in regels[0]


@pytest.mark.parametrize("commando", ["simuleer", "vergelijk"])
@pytest.mark.parametrize("ext", ["png", "svg", "pdf"])
def test_zelfde_run_zelfde_bestand(tmp_path, capsys, commando, ext):
    """Same scenario and seed, same chart, byte for byte: no time of writing and no random ids
    (matplotlib salts an svg's ids randomly unless told otherwise)."""
    paden = [tmp_path / f"een.{ext}", tmp_path / f"twee.{ext}"]
    for pad in paden:
        assert cli.main([commando, "--replicaties", "3", "--workers", "1", "--format", "json",
                         "--grafiek", str(pad)]) == 0, capsys.readouterr().err
    assert paden[0].read_bytes() == paden[1].read_bytes()
