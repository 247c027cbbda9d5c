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


def _leusden_met_stand(tmp_path, stand: int):
    """leusden-2023 with another stand op 1 januari, in a folder of its own (with its two files)."""
    import shutil
    from simulatie.scenario import vind_scenario
    bron = vind_scenario("leusden-2023")
    shutil.copytree(bron.parent / "leusden", tmp_path / "leusden")
    tekst = bron.read_text(encoding="utf-8")
    assert "\nstand_start = 0\n" in tekst
    pad = tmp_path / "leusden-stand.toml"
    pad.write_text(tekst.replace("\nstand_start = 0\n", f"\nstand_start = {stand}\n"), encoding="utf-8")
    return pad


def test_csv_stand_schuift_door_naar_de_volgende_periode(tmp_path):
    """Achterstand and voorsprong carry over automatically (art. 29 Huisvestingswet): in every
    replication the stand at the start of 2023-2 is the stand at the end of 2023-1, and the first
    period starts at the scenario's stand (here an achterstand of 7). The realisatie and dwellings
    in each row are the replication's own, as the Python API gives them; totaalopgave =
    taakstelling - stand_start only cross-checks that the carried stand is the one used."""
    import csv
    import io

    from simulatie.replicaties import simuleer
    from simulatie.scenario import laad_scenario

    pad = _leusden_met_stand(tmp_path, -7)
    uit = tmp_path / "s.csv"
    assert cli.main(["simuleer", str(pad), "--replicaties", "5", "--workers", "1", "--format", "csv",
                     "--uitvoer", str(uit)]) == 0
    tekst = uit.read_text(encoding="utf-8")
    assert tekst.startswith("\ufeff")  # a BOM: Dutch Excel reads the file as UTF-8
    rijen = list(csv.DictReader(io.StringIO(tekst[1:]), delimiter=";"))
    assert {"woningen_gebruikt", "woningen_per_jaar", "stand_start", "stand_eind", "totaalopgave"} <= set(rijen[0])
    assert [(r["replicatie"], r["periode"]) for r in rijen] == [(str(i), p) for i in range(5)
                                                                   for p in ("2023-1", "2023-2")]
    api = simuleer(laad_scenario(str(pad)), replicaties=5).uitkomsten
    standen_eind = set()
    for i, u in enumerate(api):
        eerste, tweede = rijen[2 * i], rijen[2 * i + 1]
        assert int(eerste["stand_start"]) == -7
        assert int(tweede["stand_start"]) == int(eerste["stand_eind"])
        standen_eind.add(int(eerste["stand_eind"]))
        for j, r in enumerate((eerste, tweede)):
            assert int(r["realisatie"]) == u.realisatie[j]
            assert int(r["woningen_gebruikt"]) == u.woningen_gebruikt[j]
            assert float(r["woningen_per_jaar"].replace(",", ".")) == 35.0  # leusden-2023: the plan's 35, no range
            assert int(r["totaalopgave"]) == int(r["taakstelling"]) - int(r["stand_start"])
        # Over the year: -7 + everything housed - 80 (35 + 45), whatever the split over the halves.
        assert int(tweede["stand_eind"]) == -7 + sum(u.realisatie) - 80
    # The carried stand differs between replications: it is not a constant written twice.
    assert len(standen_eind) > 1


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


def test_simuleer_en_vergelijk_melden_geleende_aftoppingsgrenzen(capsys):
    """leusden-2026 runs in 2026, which the rent-limit table lacks: 'let op' once, naming the year
    that stands in; leusden-2023 runs in years the table has: nothing."""
    for argv, verwacht in ((["simuleer", "leusden-2026"], 1), (["vergelijk", "leusden-2026", "--geen-attributie"], 1),
                           (["simuleer", "leusden-2023"], 0)):
        assert cli.main([*argv, "--replicaties", "2", "--workers", "1", "--format", "json"]) == 0
        let_op = [r for r in capsys.readouterr().err.splitlines() if r.startswith("let op: aftoppingsgrenzen")]
        assert len(let_op) == verwacht, argv
        assert all("2026 onbekend" in r and "die van 2025" in r for r in let_op)
