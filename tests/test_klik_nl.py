"""Click's own messages in Dutch: 'fout: Ontbrekende optie ...', exit code 2, no English."""

from __future__ import annotations

import pytest

import cli

TABEL = "tests/fixtures/provincie-utrecht-2022-2.csv"


@pytest.mark.parametrize("argv, verwacht", [
    (["prognose", TABEL], "fout: Ontbrekende optie '--peildatum'."),
    (["prognose"], "fout: Ontbrekend argument 'TABEL'."),
    (["simuleer", "--replicaties", "0"], "fout: Ongeldige waarde voor '--replicaties': 0 ligt buiten het bereik"),
    (["simuleer", "--replicaties", "veel"], "fout: Ongeldige waarde voor '--replicaties': 'veel' is geen geheel getal."),
    (["simuleer", "--format", "x"], "fout: Ongeldige waarde voor '--format': 'x' is geen geldige keuze; kies uit"),
    (["simuleer", "--formaat", "csv"], "fout: Onbekende optie '--formaat'. Bedoelt u '--format'?"),
    (["bestaatniet"], "fout: Onbekende opdracht 'bestaatniet'."),
    (["toewijzen", "extra"], "fout: Onverwacht extra argument (extra)"),
    (["simuleer", "--seed"], "fout: Optie '--seed' vraagt een waarde."),
])
def test_click_meldingen_in_het_nederlands(capsys, argv, verwacht):
    capsys.readouterr()
    assert cli.main(argv) == 2
    uit = capsys.readouterr()
    assert uit.out == ""
    regels = uit.err.strip().splitlines()
    if len(regels) > 1:  # with the command known: its usage line first
        assert regels[0].startswith("Gebruik: huisvesting") and "[OPTIES]" in regels[0]
    assert regels[-1].startswith(verwacht), regels[-1]
    for engels in ("Error", "Usage", "Missing", "No such", "Invalid", "Try '"):
        assert engels not in uit.err
