"""`--zet SLEUTEL=WAARDE` on simuleer, vergelijk and prognose, and `laad_scenario(..., zet=...)`:
an override for one run, validated exactly like the file, named in the output and the hash."""

import datetime as dt
import json
from pathlib import Path

import pytest

import cli
from matching.bestanden import InvoerFout
from simulatie.scenario import laad_scenario
from simulatie.scenario import lees_zet

NIEUW = ["scenario", "nieuw", "--gemeente", "Woudenberg", "--start", "2026-01-01", "--taakstelling",
         "2026-1=20,2026-2=22", "--stand", "-5", "--woningen-per-jaar", "12", "--personen-per-woning", "2.25"]
SIM = ["--replicaties", "6", "--workers", "1", "--seed", "7"]


@pytest.fixture
def woudenberg(tmp_path) -> Path:
    pad = tmp_path / "woudenberg-2026.toml"
    assert cli.main([*NIEUW, "--uitvoer", str(pad)]) == 0
    return pad


def _json(capsys, *argv) -> dict:
    capsys.readouterr()
    assert cli.main([str(a) for a in argv]) == 0
    return json.loads(capsys.readouterr().out)


def _realisatie(data: dict) -> float:
    return sum(p["realisatie"]["gemiddeld"] for p in data["perioden"])


def test_meer_woningen_meer_realisatie_minder_woningen_minder(woudenberg, capsys):
    # Supply-limited: 12 dwellings x 2.25 = 27 persons a year against a totaalopgave of 47.
    basis = _json(capsys, "simuleer", woudenberg, *SIM, "--format", "json")
    hoger = _json(capsys, "simuleer", woudenberg, *SIM, "--format", "json", "--zet", "aanbod.woningen_per_jaar=30")
    lager = _json(capsys, "simuleer", woudenberg, *SIM, "--format", "json", "--zet", "aanbod.woningen_per_jaar=4")
    assert _realisatie(lager) < _realisatie(basis) < _realisatie(hoger)
    assert "overschreven" not in basis
    assert hoger["overschreven"] == {"aanbod.woningen_per_jaar": 30}
    assert lager["overschreven"] == {"aanbod.woningen_per_jaar": 4}
    assert len({basis["scenario_hash"], hoger["scenario_hash"], lager["scenario_hash"]}) == 3
    # the file's own value set with --zet: the same run (common random numbers), but named and hashed apart
    zelfde = _json(capsys, "simuleer", woudenberg, *SIM, "--format", "json", "--zet", "aanbod.woningen_per_jaar=12")
    assert zelfde["perioden"] == basis["perioden"] and zelfde["scenario_hash"] != basis["scenario_hash"]


def test_tabel_noemt_wat_overschreven_is_onder_de_titel(woudenberg, capsys):
    capsys.readouterr()
    assert cli.main(["simuleer", str(woudenberg), "--replicaties", "2", "--workers", "1",
                     "--zet", "vraag.koppeling_factor=1.2", "--zet", 'kernen=["Woudenberg"]']) == 0
    regels = capsys.readouterr().out.splitlines()
    assert regels[0].startswith("Scenario woudenberg-2026")
    assert regels[1] == 'overschreven: vraag.koppeling_factor=1.2, kernen=["Woudenberg"]'


@pytest.mark.parametrize("opdracht", [
    ["simuleer", "{pad}", "--replicaties", "2", "--workers", "1"],
    ["vergelijk", "{pad}", "--replicaties", "2", "--workers", "1", "--geen-attributie"],
])
def test_onbekende_sleutel_exit_2_met_suggestie_en_niets_geschreven(woudenberg, tmp_path, capsys, opdracht):
    uit = tmp_path / "uit.json"
    capsys.readouterr()
    argv = [a.format(pad=woudenberg) for a in opdracht]
    code = cli.main([*argv, "--format", "json", "--uitvoer", str(uit), "--zet", "aanbod.woningen_pr_jaar=40"])
    err = capsys.readouterr().err
    assert code == 2 and not uit.exists()
    assert err.strip() == ("fout: woudenberg-2026.toml, veld '--zet aanbod.woningen_pr_jaar': onbekende sleutel "
                           "'woningen_pr_jaar'; bedoelt u 'woningen_per_jaar'?")


@pytest.mark.parametrize("zet, deel", [
    ("aanbod.woningen_per_jaar=-4", "veld '--zet aanbod.woningen_per_jaar'"),
    ("periode.0.taakstelling=abc", "veld '--zet periode.0.taakstelling': verwacht een geheel getal"),
    ("periode.5.taakstelling=3", "periode is een lijst van 2"),
    ("beleid=strikd", "bedoelt u 'strikt'?"),
    ("aanbod.woningen_per_jaar", "verwacht SLEUTEL=WAARDE"),
    ('kernen=["A"', "geen geldige TOML-waarde"),
])
def test_foute_waarden_noemen_de_zet_sleutel(woudenberg, capsys, zet, deel):
    capsys.readouterr()
    assert cli.main(["simuleer", str(woudenberg), "--zet", zet]) == 2
    err = capsys.readouterr().err
    assert deel in err and err.count("\n") == 1 and "regel" not in err


def test_gevolg_elders_in_het_bestand_houdt_zijn_regel(woudenberg, capsys):
    # kernen overridden, aanbod.kern in the file still names Woudenberg: that line is the problem
    capsys.readouterr()
    assert cli.main(["simuleer", str(woudenberg), "--zet", 'kernen=["Renswoude"]']) == 2
    err = capsys.readouterr().err
    regel = next(i for i, r in enumerate(woudenberg.read_text().splitlines(), 1) if r.startswith("[aanbod.kern]"))
    assert f"regel {regel}, veld 'aanbod.kern'" in err and "(met --zet kernen)" in err


def test_waarden_worden_als_toml_gelezen():
    assert lees_zet(["a=40", "b=1.2", "c=true", "d=2026-03-01", 'e=["A", "B"]', "f=strikt", 'g="x y"',
                     "h={ A = 1.0 }", 'aanbod.kern."De Bilt"=1']) == {
        "a": 40, "b": 1.2, "c": True, "d": dt.date(2026, 3, 1), "e": ["A", "B"], "f": "strikt", "g": "x y",
        "h": {"A": 1.0}, 'aanbod.kern."De Bilt"': 1}
    with pytest.raises(InvoerFout, match="twee keer"):
        lees_zet(["a=1", "a=2"])


def test_laad_scenario_met_zet_en_zonder_blijft_gelijk(woudenberg):
    gewoon = laad_scenario(woudenberg)
    g = laad_scenario(woudenberg, zet={"aanbod.woningen_per_jaar": 40, "periode.1.taakstelling": 30,
                                       "kernen": ["Woudenberg", "Renswoude"], "aanbod.kern.Renswoude": 0.5})
    assert g.sc.aanbod.woningen_per_jaar == 40 and g.sc.plan.woningen_per_jaar == 12
    assert [p.taakstelling for p in g.sc.periode] == [20, 30]
    assert g.sc.kernen == ("Woudenberg", "Renswoude") and g.sc.aanbod.kern == {"Woudenberg": 1.0, "Renswoude": 0.5}
    # nothing leaks into the next load, and the default path is untouched
    again = laad_scenario(woudenberg)
    assert again.sc == gewoon.sc and again.sc.aanbod.woningen_per_jaar == 12
    assert laad_scenario(woudenberg, zet={}).sc.stand_start == -5


def test_de_hash_van_een_scenario_noemt_zijn_zet_ook_voor_een_bibliotheekgebruiker(woudenberg):
    """Without the command line: the overrides a scenario was loaded with are in its hash, so a
    cached or reproduced result never stands for the file alone."""
    from simulatie.replicaties import scenario_hash, simuleer

    gewoon = laad_scenario(woudenberg)
    zelfde_waarde = laad_scenario(woudenberg, zet={"aanbod.woningen_per_jaar": 12})  # the file's own value
    anders = laad_scenario(woudenberg, zet={"aanbod.woningen_per_jaar": 30})
    assert zelfde_waarde.sc == gewoon.sc
    hashes = [scenario_hash(g) for g in (gewoon, zelfde_waarde, anders)]
    assert len(set(hashes)) == 3
    assert scenario_hash(laad_scenario(woudenberg, zet={"aanbod.woningen_per_jaar": 30})) == hashes[2]
    assert simuleer(anders, replicaties=2, seed=7).scenario_hash == hashes[2]


def test_prognose_als_bibliotheek_krijgt_de_zet_mee(tmp_path, woudenberg):
    """`bereken_prognoses(..., zet=...)` sets the overrides in every scenario from --scenarios,
    explicitly: nothing carries over to a call without them."""
    from simulatie.provincie.lezen import lees_provincietabel
    from simulatie.provincie.prognose import bereken_prognoses

    map_ = tmp_path / "scenarios"
    map_.mkdir()
    woudenberg.rename(map_ / woudenberg.name)
    tabel = tmp_path / "t.csv"
    tabel.write_text("gemeente;achterstand;taakstelling;realisatie\nWoudenberg;5;20;4\n", encoding="utf-8")
    t = lees_provincietabel(tabel, dt.date(2026, 3, 15))

    def p50(zet=None):
        res = bereken_prognoses(t, replicaties=6, seed=7, scenarios=map_, zet=zet)
        (rij,) = res.rijen
        assert rij.methode == "simulatie"
        return rij.prognose["p50"]

    zonder = p50()
    assert p50({"aanbod.woningen_per_jaar": 40}) > zonder == p50()
    with pytest.raises(InvoerFout) as fout:
        p50({"aanbod.woningen_per_jaar": "veel"})
    assert fout.value.veld == "--zet aanbod.woningen_per_jaar"


def test_vergelijk_noemt_de_zet_en_prognose_vraagt_scenarios(woudenberg, tmp_path, capsys):
    data = _json(capsys, "vergelijk", woudenberg, "--replicaties", 2, "--workers", 1, "--geen-attributie",
                 "--format", "json", "--zet", "vraag.koppeling_factor=1.5")
    assert data["overschreven"] == {"vraag.koppeling_factor": 1.5}
    zonder = _json(capsys, "vergelijk", woudenberg, "--replicaties", 2, "--workers", 1, "--geen-attributie",
                   "--format", "json")
    assert "overschreven" not in zonder
    assert data["beleiden"][0]["scenario_hash"] != zonder["beleiden"][0]["scenario_hash"]
    tabel = tmp_path / "t.csv"
    tabel.write_text("gemeente;achterstand;taakstelling;realisatie\nWoudenberg;5;20;4\n", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["prognose", str(tabel), "--peildatum", "2026-03-15", "--zet", "a=1"]) == 2
    assert "--scenarios" in capsys.readouterr().err
