"""`huisvesting scenario nieuw | lijst | kopieer`: a scenario for any gemeente, checked before
it is written, that simuleer, vergelijk and prognose accept as is; the bundled scenarios listed
and copied with their files."""

import json
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import cli

# Woudenberg, one kern, no files: the numbers every check below is worked out from.
TAAK = {"2026-1": 20, "2026-2": 22}
STAND = -5
WONINGEN = 12
PPW = 2.25
NIEUW = ["scenario", "nieuw", "--gemeente", "Woudenberg", "--taakstelling", "2026-1=20,2026-2=22",
         "--stand", str(STAND), "--woningen-per-jaar", str(WONINGEN), "--personen-per-woning", str(PPW)]
BUNDEL = Path(str(resources.files("huisvesting_scenarios")))


def _draai(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def _woudenberg(capsys, pad: Path, *extra, start="2026-01-01") -> Path:
    code, out, err = _draai(capsys, *NIEUW, "--start", start, *extra, "--uitvoer", pad)
    assert code == 0, err
    assert out.strip() == str(pad)
    return pad


def test_woudenberg_geschreven_zoals_opgegeven_met_herkomst(tmp_path, capsys):
    pad = _woudenberg(capsys, tmp_path / "woudenberg-2026.toml")
    tekst = pad.read_text(encoding="utf-8")
    ruw = tomllib.loads(tekst)
    assert (ruw["gemeente"], ruw["kernen"]) == ("Woudenberg", ["Woudenberg"])
    assert ruw["startdatum"].isoformat() == "2026-01-01"
    assert [(p["naam"], p["taakstelling"]) for p in ruw["periode"]] == list(TAAK.items())
    assert ruw["stand_start"] == STAND and ruw["aanbod"]["woningen_per_jaar"] == WONINGEN
    assert ruw["plan"] == {"bron": "opgegeven bij scenario nieuw", "woningen_per_jaar": WONINGEN,
                           "personen_per_woning": PPW, "taakstelling": 20 + 22}
    assert ruw["aanbod"]["kern"] == {"Woudenberg": 1.0}  # one kern: all of it in the hoofdkern
    assert ruw["einddatum"].isoformat() == "2027-01-01"   # end of 2026-2
    assert "realisatie" not in ruw["periode"][0]          # starts at the period's start
    # CBS: about 57% single persons among statushouder households
    mix = {s["naam"]: s["gewicht"] for s in ruw["vraag"]["samenstelling"]}
    assert mix["alleenstaand"] + mix["alleenstaand met nareizigers"] == pytest.approx(0.57)
    regels = {r.split("=")[0].strip(): r for r in tekst.splitlines() if "=" in r and not r.startswith("#")}
    for sleutel in ("gemeente", "startdatum", "stand_start"):
        assert "[gebruiker]" in regels[sleutel]
    for sleutel in ("weigering_kans", "verhuis_dagen", "koppelen_binnen_maanden", "verblijf_dagen"):
        assert "[publiek]" in regels[sleutel]
    for sleutel in ("ronde_dagen", "koppeling_factor", "einddatum", "seed"):
        assert "aanname" in regels[sleutel]


def test_woudenberg_door_simuleer_met_de_getallen_van_de_invoer(tmp_path, capsys):
    pad = _woudenberg(capsys, tmp_path / "woudenberg-2026.toml")
    uit = tmp_path / "s.json"
    code, _, err = _draai(capsys, "simuleer", pad, "--replicaties", 6, "--workers", 1, "--format", "json",
                          "--uitvoer", uit)
    assert code == 0, err
    data = json.loads(uit.read_text())
    assert data["scenario"] == "woudenberg-2026" and "overschreven" not in data
    p1, p2 = data["perioden"]
    assert (p1["periode"], p1["taakstelling"], p2["taakstelling"]) == ("2026-1", 20, 22)
    # totaalopgave = taakstelling - stand: 20 - (-5) = 25; the stand carries over into 2026-2
    assert p1["totaalopgave"] == 25 and p1["stand_start"] == STAND
    r1 = p1["realisatie"]["gemiddeld"]
    assert p1["stand_eind"] == pytest.approx(STAND + r1 - 20, abs=1e-2)
    assert p2["totaalopgave"] == pytest.approx(22 - (STAND + r1 - 20), abs=1e-2)
    plan = data["plan"]
    # 2026 has 365 days: 12 dwellings, 12 x 2.25 = 27 persons, taakstelling 42
    assert plan["woningen_gebruikt"]["plan"] == 12
    assert plan["personen_in_plan_woningen"]["plan"] == 27
    assert plan["realisatie"]["plan"] == 42


def test_woudenberg_door_vergelijk(tmp_path, capsys):
    pad = _woudenberg(capsys, tmp_path / "woudenberg-2026.toml")
    code, out, err = _draai(capsys, "vergelijk", pad, "--beleid", "strikt", "--beleid", "flexibel",
                            "--replicaties", 3, "--workers", 1, "--geen-attributie", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [b["beleid"] for b in data["beleiden"]] == ["strikt", "flexibel"]
    assert all(b["perioden"][0]["totaalopgave"] == 25 for b in data["beleiden"])
    assert (data["paren"][0]["a"], data["paren"][0]["b"]) == ("strikt", "flexibel")


def test_woudenberg_in_de_provinciale_prognose_midden_in_de_periode(tmp_path, capsys):
    # Peildatum 15 March 2026: 73 of 181 days of 2026-1; 4 persons housed so far, stand -5.
    tabel = tmp_path / "provincie-2026-1.csv"
    tabel.write_text("gemeente;achterstand;taakstelling;realisatie\nWoudenberg;5;20;4\nLeusden;0;40;10\n",
                     encoding="utf-8")
    map_ = tmp_path / "scenarios"
    _woudenberg(capsys, map_ / "woudenberg.toml", "--realisatie", 4, start="2026-03-15")
    assert tomllib.loads((map_ / "woudenberg.toml").read_text())["periode"][0]["realisatie"] == 4
    basis = ["prognose", tabel, "--peildatum", "2026-03-15", "--scenarios", map_, "--replicaties", 6,
             "--workers", 1, "--format", "json"]
    code, out, err = _draai(capsys, *basis)
    assert code == 0, err
    rijen = {r["gemeente"]: r for r in json.loads(out)["rijen"]}
    w = rijen["Woudenberg"]
    assert w["methode"] == "simulatie" and rijen["Leusden"]["methode"] == "tempomodel"
    assert w["prognose_lineair"] == 10           # 4 x 181 / 73 = 9.9
    assert w["prognose"]["p10"] >= 4             # the 4 before the start are in every replication
    # --zet applies to every scenario used from --scenarios: more dwellings, a higher prognose
    code, out, err = _draai(capsys, *basis, "--zet", "aanbod.woningen_per_jaar=40")
    assert code == 0 and "aanbod.woningen_per_jaar=40" in err
    meer = {r["gemeente"]: r for r in json.loads(out)["rijen"]}["Woudenberg"]
    assert meer["prognose"]["p50"] > w["prognose"]["p50"]
    assert meer["prognose_lineair"] == 10        # the province's method does not see the scenario


def test_relatieve_paden_blijven_werken_na_verplaatsen(tmp_path, capsys, monkeypatch):
    data = tmp_path / "werk" / "data"
    data.mkdir(parents=True)
    for naam in ("huishoudens.csv", "woningen.csv"):
        shutil.copy(BUNDEL / "leusden" / naam, data / naam)
    monkeypatch.chdir(tmp_path / "werk")
    code, _, err = _draai(capsys, "scenario", "nieuw", "--gemeente", "Leusden", "--kernen", "Leusden,Achterveld",
                          "--kern-aandelen", "Leusden=0.92,Achterveld=0.08", "--start", "2023-01-01",
                          "--taakstelling", "2023-1=35,2023-2=45", "--stand", 0, "--woningen-per-jaar", 35,
                          "--huishoudens", "data/huishoudens.csv", "--woningen", "data/woningen.csv",
                          "--uitvoer", "scenario/leusden.toml")
    assert code == 0, err
    ruw = tomllib.loads((tmp_path / "werk" / "scenario" / "leusden.toml").read_text())
    assert (ruw["huishoudens"], ruw["woningen"]) == ("../data/huishoudens.csv", "../data/woningen.csv")
    assert ruw["aanbod"]["kern"] == {"Leusden": 0.92, "Achterveld": 0.08}
    assert "personen_per_woning" not in ruw["plan"]
    (tmp_path / "werk").rename(tmp_path / "elders")
    monkeypatch.chdir(tmp_path)
    code, out, err = _draai(capsys, "simuleer", "elders/scenario/leusden.toml", "--replicaties", 2, "--workers", 1,
                            "--format", "json")
    assert code == 0, err
    assert json.loads(out)["perioden"][0]["totaalopgave"] == 35


@pytest.mark.parametrize("extra, veld, tekst", [
    (["--start", "2025-12-01"], "--start", "valt niet in de eerste periode 2026-1"),
    (["--start", "2026-01-01", "--realisatie", "3"], "--realisatie", "de periode begint op de startdatum"),
    (["--start", "2026-01-01", "--kernen", "Woudenberg,Scherpenzeel", "--kern-aandelen",
      "Woudenberg=0.9,Scherpenzel=0.1"], "--kern-aandelen", "bedoelt u 'Scherpenzeel'?"),
    (["--start", "2026-01-01", "--personen-per-woning", "8.5"], "--personen-per-woning", "ligt niet tussen"),
    (["--start", "2026-01-01", "--beleid", "strik"], "--beleid", "bedoelt u 'strikt'?"),
    (["--start", "2026-01-01", "--einde", "2027-03-01"], "--einde", "niet na het eind van de laatste periode"),
    (["--start", "2026-01-01", "--taakstelling", "2026-1=20,2027-1=3"], "--taakstelling", "zit een gat"),
    (["--start", "2026-01-01", "--taakstelling", "2026-3=20"], "--taakstelling", "JJJJ-1 of JJJJ-2"),
])
def test_fout_geeft_een_regel_met_het_veld_en_schrijft_niets(tmp_path, capsys, extra, veld, tekst):
    pad = tmp_path / "w.toml"
    code, out, err = _draai(capsys, *NIEUW, *extra, "--uitvoer", pad)
    assert code == 2 and f"veld '{veld}'" in err and tekst in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_bestaand_bestand_alleen_met_overschrijf(tmp_path, capsys):
    pad = _woudenberg(capsys, tmp_path / "w.toml")
    voor = pad.read_text()
    code, _, err = _draai(capsys, *NIEUW, "--start", "2026-01-01", "--stand", "-9", "--uitvoer", pad)
    assert code == 2 and "--overschrijf" in err and pad.read_text() == voor
    code, _, err = _draai(capsys, *NIEUW, "--start", "2026-01-01", "--stand", "-9", "--uitvoer", pad, "--overschrijf")
    assert code == 0 and tomllib.loads(pad.read_text())["stand_start"] == -9


def _bundel_ruw() -> dict[str, dict]:
    return {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(BUNDEL.glob("*.toml"))}


def test_lijst_toont_alle_meegeleverde_scenarios(capsys):
    bundel = _bundel_ruw()
    assert len(bundel) >= 3
    code, out, _ = _draai(capsys, "scenario", "lijst", "--format", "json")
    assert code == 0
    lijst = json.loads(out)
    assert [s["naam"] for s in lijst] == [r.get("naam", stem) for stem, r in bundel.items()]
    for s, r in zip(lijst, bundel.values()):
        assert s["gemeente"] == r["gemeente"] and s["omschrijving"] == r["omschrijving"]
        assert s["perioden"] == sorted(p["naam"] for p in r["periode"])
        assert s["startdatum"] == r["startdatum"].isoformat()
    code, out, _ = _draai(capsys, "scenario", "lijst")
    assert code == 0
    for r in bundel.values():
        assert r["naam"] in out


def test_kopieer_en_simuleer_de_kopie_vanuit_een_andere_map(tmp_path, capsys, monkeypatch):
    code, out, err = _draai(capsys, "scenario", "kopieer", "leusden-2022-2", tmp_path / "kopie")
    assert code == 0, err
    kopie = Path(out.strip())
    assert kopie == tmp_path / "kopie" / "leusden-2022-2.toml" and kopie.is_file()
    assert (tmp_path / "kopie" / "leusden-2022-2" / "huishoudens.csv").read_bytes() == \
        (BUNDEL / "leusden-2022-2" / "huishoudens.csv").read_bytes()
    elders = tmp_path / "elders"
    elders.mkdir()
    monkeypatch.chdir(elders)
    args = ["--replicaties", 2, "--workers", 1, "--format", "json"]
    code, out, err = _draai(capsys, "simuleer", "../kopie/leusden-2022-2.toml", *args)
    assert code == 0, err
    code, origineel, _ = _draai(capsys, "simuleer", "leusden-2022-2", *args)
    assert json.loads(out) == json.loads(origineel)   # byte-identical files: same hash, same run
    # a second copy into the same folder is refused and changes nothing
    voor = kopie.stat().st_mtime_ns
    code, _, err = _draai(capsys, "scenario", "kopieer", "leusden-2022-2", tmp_path / "kopie")
    assert code == 2 and "bestaat al" in err and kopie.stat().st_mtime_ns == voor


# English words that never occur in Dutch text (not "in", "is", "of", "per", "start": those are Dutch too).
ENGELS = {"the", "to", "and", "by", "on", "for", "with", "from", "made", "given", "every", "at", "a", "an",
          "without", "only", "not", "are", "be", "it", "its", "this", "that", "there", "here", "default", "check",
          "change", "dwellings", "dwelling", "persons", "households", "household", "year", "years", "until",
          "before", "after", "about", "enough", "share", "waitlist", "relative", "file", "source", "values",
          "value", "known", "end", "last", "first", "period", "periods", "sum", "below", "above"}


@pytest.mark.parametrize("extra", [
    # every branch of the text: no stand, no persons per dwelling, start inside the period without realisatie
    ["--gemeente", "Woudenberg", "--start", "2026-02-01", "--taakstelling", "2026-1=20,2026-2=22",
     "--woningen-per-jaar", "12"],
    # and all the options given, with files and two kernen
    ["--gemeente", "Woudenberg", "--start", "2026-02-01", "--taakstelling", "2026-1=20", "--stand", "-3",
     "--realisatie", "2", "--woningen-per-jaar", "12", "--personen-per-woning", "2.25"],
    ["--gemeente", "Leusden", "--kernen", "Leusden,Achterveld", "--kern-aandelen", "Leusden=0.92,Achterveld=0.08",
     "--start", "2026-01-01", "--einde", "2026-12-01", "--taakstelling", "2026-1=23,2026-2=23", "--stand", "-22", "--woningen-per-jaar", "30", "--personen-per-woning", "2.25", "--beleid", "strikt",
     "--seed", "7", "--huishoudens", BUNDEL / "leusden-2026" / "huishoudens.csv",
     "--woningen", BUNDEL / "leusden-2026" / "woningen.csv"],
])
def test_toelichting_in_het_scenario_en_in_het_rapport_is_nederlands(tmp_path, capsys, extra):
    """The comments of a new scenario go into the report's "Aannames en bronnen" as they are:
    none of them may be English, and each value still carries its source tag."""
    import re

    from simulatie.rapportage.html import aannames

    pad = tmp_path / "nieuw.toml"
    code, _, err = _draai(capsys, "scenario", "nieuw", *extra, "--uitvoer", pad)
    assert code == 0, err
    tekst = pad.read_text(encoding="utf-8")
    # (the command that made it is echoed only from the command line, not under pytest)
    commentaar = [re.sub(r"`[^`]*`", "", r.split("#", 1)[1]) for r in tekst.splitlines() if "#" in r]
    assert len(commentaar) > 60
    for regel in commentaar:
        woorden = {w for w in re.findall(r"[A-Za-z]+", regel) if w.lower() in ENGELS}
        assert not woorden, f"Engels in het scenario: {regel!r}"
    a = aannames(pad)
    assert "gemaakt met" in a["inleiding"]
    teksten = [a["inleiding"]] + [w["toelichting"] for w in a["waarden"]]
    for t in teksten:
        woorden = {w for w in re.findall(r"[A-Za-z]+", re.sub(r"`[^`]*`", "", t)) if w.lower() in ENGELS}
        assert not woorden, f"Engels in Aannames en bronnen: {t!r}"
    # the sources are still read from the tags
    bronnen = {w["sleutel"]: w["bronnen"] for w in a["waarden"]}
    assert bronnen["toewijzing.ronde_dagen"] == ["aanname"] and bronnen["vraag.weigering_kans"] == ["publiek"]
    assert bronnen["plan.woningen_per_jaar"] == ["gebruiker"]


# Common English words of the bundled scenarios' old comments that are no Dutch words (not "had", "was",
# "over", "plan", "week", "half", "rent", "offers", "most": those are Dutch too).
ENGELS_MEER = ENGELS | {"assumption", "assumptions", "public", "yearly", "families", "family", "which", "their",
                        "they", "them", "reserved", "still", "housed", "weeks", "months", "rooms", "places",
                        "moves", "fewer", "new", "builds", "become", "available", "within", "found", "applied",
                        "passed", "bill", "minutes", "expected", "small", "large", "very", "few", "old", "into",
                        "or", "than", "since", "people", "some", "none", "one", "two", "times", "up", "who"}
# The sources per row as the files gave them before their comments were translated to Dutch:
# editing a comment must not move a value to another source.
BRONNEN_MEEGELEVERD = {
    "leusden-2021": {"aanname": 21, "instelling": 8, "seed": 8},
    "leusden-2022-2": {"aanname": 14, "instelling": 9, "publiek": 1, "seed": 5},
    "leusden-2023": {"aanname": 25, "instelling": 8, "publiek": 12, "seed": 15},
    # (a comment that opens with "aanname" makes the value an assumption only, whatever figures it cites:
    # plan.woningen_per_jaar "aanname: ... plan 2023 had 35 [seed]", doorstroomlocatie.plaatsen
    # "aanname: 0,18% van 8.500 plaatsen [publiek]")
    "leusden-2026": {"aanname": 41, "instelling": 8, "publiek": 18, "seed": 7},
}


def _engels(tekst: str, woorden=ENGELS_MEER) -> set[str]:
    import re

    return {w for w in re.findall(r"[A-Za-z]+", re.sub(r"`[^`]*`", "", tekst)) if w.lower() in woorden}


def _sleutels(ruw: dict) -> list[str]:
    """Every value of a scenario as a row of "Aannames en bronnen", worked out from the data alone:
    a value at the top or in a table is a row, a sub-table or an entry of an array of tables is one row."""
    rijen = []
    for k, v in ruw.items():
        if k in ("naam", "gemeente", "omschrijving"):
            continue
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            rijen += [f"{k}[{i}]" for i in range(1, len(v) + 1)]
        elif isinstance(v, dict):
            for k2, v2 in v.items():
                if isinstance(v2, list) and v2 and all(isinstance(x, dict) for x in v2):
                    rijen += [f"{k}.{k2}[{i}]" for i in range(1, len(v2) + 1)]
                else:
                    rijen.append(f"{k}.{k2}")
        else:
            rijen.append(k)
    return rijen


@pytest.mark.parametrize("naam", sorted(BRONNEN_MEEGELEVERD))
def test_aannames_en_bronnen_van_de_meegeleverde_scenarios_zijn_nederlands(tmp_path, capsys, naam):
    """The bundled scenarios' comments reach the council's report as they are: no English in the
    file's comments nor in the report's "Aannames en bronnen", and the report shows every value of
    the file once, with the sources read from the file's tags."""
    import html
    import re
    from collections import Counter

    from simulatie.rapportage.html import aannames

    pad = BUNDEL / f"{naam}.toml"
    tekst = pad.read_text(encoding="utf-8")
    for regel in tekst.splitlines():
        if "#" in regel:
            assert not _engels(regel.split("#", 1)[1]), f"Engels in {naam}.toml: {regel!r}"
    a = aannames(pad)
    for t in [a["inleiding"]] + [w["toelichting"] for w in a["waarden"]]:
        assert not _engels(t), f"Engels in Aannames en bronnen: {t!r}"
    # every value of the file is a row, in the file's order, and each has a source
    assert [w["sleutel"] for w in a["waarden"]] == _sleutels(tomllib.loads(tekst))
    assert all(w["bronnen"] for w in a["waarden"])
    assert Counter(b for w in a["waarden"] for b in w["bronnen"]) == BRONNEN_MEEGELEVERD[naam]
    # and the report shows exactly those rows, sources and explanations
    uit = tmp_path / "r.html"
    code, _, err = _draai(capsys, "rapport", naam, "--replicaties", 2, "--workers", 1, "--uitvoer", uit)
    assert code == 0, err
    sectie = uit.read_text(encoding="utf-8").split("<h2>Aannames en bronnen</h2>", 1)[1].split("</section>", 1)[0]
    rijen = re.findall(r"<tr><td><code>(.*?)</code></td><td><code>(.*?)</code></td>\s*<td>(.*?)</td>\s*<td>(.*?)</td></tr>",
                       sectie, re.S)
    # (run with 2 replications: the report shows the number used, as `aannames` does when told)
    gebruikt = aannames(pad, replicaties=2)
    assert [(html.unescape(s), html.unescape(w), re.findall(r'class="label (\w+)"', b), html.unescape(t))
            for s, w, b, t in rijen] == [(w["sleutel"], w["waarde"], w["bronnen"], w["toelichting"])
                                         for w in gebruikt["waarden"]]
    leesbaar = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", sectie, flags=re.S)))
    assert a["inleiding"] and a["inleiding"] in " ".join(leesbaar.split())
    assert not _engels(leesbaar), f"Engels in Aannames en bronnen van {naam}"
