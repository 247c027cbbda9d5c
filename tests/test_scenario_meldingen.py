"""Messages about a scenario's TOML: Dutch, naming the line and the key, no English from the
parser, array items counted from 1 as the report counts them, numbers written the Dutch way."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import cli
from simulatie.scenario import vind_scenario

BRON = Path(str(vind_scenario("leusden-2023")))
# Words of tomllib's (English) messages; none may reach the user.
ENGELS = re.compile(r"\b(Expected|Invalid|Cannot|Unclosed|Unterminated|Illegal|Found|newline|statement|"
                    r"document|datetime|value|character)\b")


@pytest.fixture
def kopie(tmp_path) -> Path:
    """A copy of the bundled Leusden scenario with its data folder, to break one line of."""
    shutil.copytree(BRON.parent / "leusden", tmp_path / "leusden")
    doel = tmp_path / "s.toml"
    shutil.copy(BRON, doel)
    return doel


def _vervang(pad: Path, oud: str, nieuw: str) -> int:
    """Replace the first line equal to `oud`; returns its line number."""
    regels = pad.read_text(encoding="utf-8").split("\n")
    nr = next(i for i, r in enumerate(regels) if r.split("#")[0].strip() == oud)
    regels[nr] = nieuw
    pad.write_text("\n".join(regels), encoding="utf-8")
    return nr + 1


def _controleer(capsys, pad: Path) -> list[str]:
    assert cli.main(["controleer", str(pad)]) == 2
    uit = capsys.readouterr()
    assert "Traceback" not in uit.err + uit.out
    return [r for r in (uit.err + uit.out).splitlines() if r.startswith("fout:")]


@pytest.mark.parametrize("oud, nieuw, sleutel, deel", [
    ("datum = 2023-06-01", "datum = 01-06-2023", "oplevering[1].datum", "DD-MM-JJJJ; schrijf JJJJ-MM-DD"),
    ("datum = 2023-06-01", "datum = 1/6/2023", "oplevering[1].datum", "2023-06-01"),
    ("datum = 2023-06-01", "datum = 2023-6-1", "oplevering[1].datum", "2023-06-01"),
    ("startdatum = 2023-01-01", "startdatum = 2023-02-30", "startdatum", "datum 2023-02-30 bestaat niet; verwacht JJJJ-MM-DD"),
    ("startdatum = 2023-01-01", "startdatum = 31-02-2023", "startdatum", "datum 31-02-2023 bestaat niet"),
    ("kso_sinds = 2022-10-01", "kso_sinds = 01-10-2022", "nidos.groepen[1].kso_sinds", "2022-10-01"),
])
def test_een_verkeerd_geschreven_datum_noemt_sleutel_regel_en_de_goede_vorm(kopie, capsys, oud, nieuw, sleutel, deel):
    regel = _vervang(kopie, oud, nieuw)
    fouten = _controleer(capsys, kopie)
    assert len(fouten) == 1
    assert f"s.toml, regel {regel}, veld '{sleutel}': " in fouten[0]
    assert deel in fouten[0]
    assert not ENGELS.search(fouten[0]), fouten[0]


def test_een_dag_maand_jaar_datum_krijgt_de_dag_die_ze_bedoelt(kopie, capsys):
    # 01-06-2023 is 1 June, not 6 January: the suggestion is the same day
    _vervang(kopie, "datum = 2023-06-01", "datum = 01-06-2023")
    assert _controleer(capsys, kopie)[0].endswith(": 2023-06-01")


def test_een_datum_tussen_aanhalingstekens_in_de_verkeerde_vorm(kopie, capsys):
    regel = _vervang(kopie, "datum = 2023-06-01", 'datum = "01-06-2023"')
    (fout,) = _controleer(capsys, kopie)
    assert f"regel {regel}, veld 'oplevering[1].datum'" in fout and "2023-06-01" in fout


@pytest.mark.parametrize("oud, nieuw, deel", [
    ('soort = "nieuwbouw"', 'soort = "nieuwbouw', "aanhalingsteken ontbreekt"),
    ("datum = 2023-06-01", "datum = 2023-06-01 x", "na de waarde staat nog iets"),
    ('soort = "nieuwbouw"', "soort = nieuwbouw", "ongeldige waarde"),
    ('soort = "nieuwbouw"', "soort = [1, 2", "lijst niet gesloten"),
    ('soort = "nieuwbouw"', 'soort = "a\\q"', "losse '\\'"),
    ('soort = "nieuwbouw"', "datum = 2023-06-02", "sleutel staat er twee keer in"),
])
def test_toml_fouten_in_het_nederlands_zonder_engels(kopie, capsys, oud, nieuw, deel):
    regel = _vervang(kopie, oud, nieuw)
    (fout,) = _controleer(capsys, kopie)
    assert f"regel {regel}" in fout and "geen geldige TOML: " in fout and deel in fout
    assert not ENGELS.search(fout), fout


def test_onbekende_toml_melding_krijgt_een_nederlandse_reserve():
    import tomllib
    from simulatie.scenario.meldingen import toml_uitleg
    e = tomllib.TOMLDecodeError("Some new parser message (at line 3, column 1)")
    assert toml_uitleg(e) == "kan deze regel niet lezen"


@pytest.mark.parametrize("oud, nieuw, sleutel", [
    ("woningen_per_jaar = 35", "woningen_per_jaar = -35", "plan.woningen_per_jaar"),
    ("weigering_kans = 0.01", "weigering_kans = -0.01", "vraag.weigering_kans"),
    ("kso_sinds = 2022-10-01", 'kso_sinds = "gisteren"', "nidos.groepen[1].kso_sinds"),
])
def test_de_sleutel_staat_er_een_keer_in_met_items_vanaf_1(kopie, capsys, oud, nieuw, sleutel):
    regel = _vervang(kopie, oud, nieuw)
    fout = next(f for f in _controleer(capsys, kopie) if f"regel {regel}," in f)
    assert f"veld '{sleutel}': " in fout
    melding = fout.split(f"veld '{sleutel}': ", 1)[1]
    assert sleutel.rsplit(".", 1)[-1] not in melding  # the key is named once, in veld '…'
    assert not re.search(r"\.\d+[.']", fout.split(": ", 2)[1])  # no 0-based groepen.0.


def test_aanbod_woningen_per_jaar_negatief_noemt_de_sleutel_een_keer(kopie, capsys):
    regels = kopie.read_text(encoding="utf-8").split("\n")
    nr = max(i for i, r in enumerate(regels) if r.startswith("woningen_per_jaar = 35"))  # [aanbod]
    regels[nr] = "woningen_per_jaar = -35"
    kopie.write_text("\n".join(regels), encoding="utf-8")
    fout = next(f for f in _controleer(capsys, kopie) if f"regel {nr + 1}," in f)
    assert fout.count("woningen_per_jaar") == 1 and "veld 'aanbod.woningen_per_jaar': " in fout


@pytest.mark.parametrize("grens, tekst", [(0.0, "minstens 0 "), (0, "minstens 0 "), (0.5, "minstens 0,5 "),
                                          (1.0, "minstens 1 ")])
def test_grenzen_als_nederlandse_getallen(grens, tekst):
    from matching.validatie import melding
    m = melding({"type": "greater_than_equal", "loc": ("x",), "input": -1, "ctx": {"ge": grens}}, [])
    assert tekst in m and "0.0" not in m


def test_samenhang_noemt_het_item_vanaf_1(kopie, capsys):
    # the second kern in oplevering[2] is unknown: named as the report names it
    regels = kopie.read_text(encoding="utf-8").split("\n")
    nr = [i for i, r in enumerate(regels) if r.startswith("kern = ")][1]
    regels[nr] = 'kern = "Amersfoort"'
    kopie.write_text("\n".join(regels), encoding="utf-8")
    (fout,) = _controleer(capsys, kopie)
    assert f"regel {nr + 1}, veld 'oplevering[2].kern': kern 'Amersfoort'" in fout
