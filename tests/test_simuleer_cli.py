"""`huisvesting simuleer` end to end: formats, keys, golden output, refusals."""

import json


import cli



def _json(tmp_path, *args) -> dict:
    uit = tmp_path / "s.json"
    assert cli.main(["simuleer", *args, "--format", "json", "--uitvoer", str(uit)]) == 0
    return json.loads(uit.read_text())


def test_json_sleutels_per_periode(tmp_path):
    data = _json(tmp_path, "--replicaties", "10", "--workers", "1")
    assert data["scenario"] == "leusden-2023" and data["replicaties"] == 10
    for p in data["perioden"]:
        assert {"periode", "taakstelling", "totaalopgave", "realisatie", "kans_totaalopgave_gehaald",
                "stand_eind"} <= set(p)
        assert set(p["realisatie"]) == {"gemiddeld", "p10", "p50", "p90"}
        assert p["realisatie"]["p10"] <= p["realisatie"]["p50"] <= p["realisatie"]["p90"]
        assert 0 <= p["kans_totaalopgave_gehaald"] <= 1


def test_csv_een_rij_per_replicatie_en_periode(tmp_path):
    uit = tmp_path / "s.csv"
    assert cli.main(["simuleer", "--replicaties", "5", "--workers", "1", "--format", "csv", "--uitvoer", str(uit)]) == 0
    rijen = uit.read_text().splitlines()
    assert len(rijen) == 1 + 5 * 2
    kop = rijen[0].split(",")
    for r in rijen[1:]:
        d = dict(zip(kop, r.split(",")))
        # stand arithmetic in every row
        assert int(d["stand_eind"]) == int(d["stand_start"]) + int(d["realisatie"]) - int(d["taakstelling"])


def test_grafiek_is_png(tmp_path):
    png = tmp_path / "w.png"
    assert cli.main(["simuleer", "--replicaties", "4", "--workers", "1", "--grafiek", str(png),
                     "--uitvoer", str(tmp_path / "t.txt")]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_onbekend_scenario_en_beleid_geven_exit_2_zonder_uitvoer(tmp_path, capsys):
    uit = tmp_path / "x.json"
    assert cli.main(["simuleer", "leusden-2032", "--uitvoer", str(uit)]) == 2
    err = capsys.readouterr().err
    assert "scenario niet gevonden" in err and "leusden-2023" in err and "Traceback" not in err
    assert cli.main(["simuleer", "--beleid", "flexibl", "--uitvoer", str(uit)]) == 2
    assert "bedoelt u 'flexibel'" in capsys.readouterr().err
    assert not uit.exists()


def test_scenario_met_tikfout_in_sleutel(tmp_path, capsys):
    from simulatie.scenario import vind_scenario
    bron = vind_scenario("leusden-2023")
    tekst = bron.read_text().replace("ronde_dagen = 7", "ronde_dagn = 7")
    sc = tmp_path / "s.toml"
    sc.write_text(tekst)
    assert cli.main(["simuleer", str(sc)]) == 2
    err = capsys.readouterr().err
    assert "ronde_dagn" in err and "bedoelt u 'ronde_dagen'" in err
