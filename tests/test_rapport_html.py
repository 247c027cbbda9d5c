"""The HTML report: rendered in headless Chromium, the key figures (cross-checked against the
summary it was made from, or worked out by hand) must be in the rendered text, and the file
must refer to no other host."""

from __future__ import annotations

import datetime as dt
import html as html_mod
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from simulatie.ibt import lees_historie
from simulatie.rapportage.grafieken import doelen, waaier_data
from simulatie.rapportage.html import aannames, pct, provincie_html, rapport_uit_resultaten, zin_periode
from simulatie.rapportage.namen import REGELGROEPEN

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
FIXTURES = Path(__file__).parent / "fixtures"
PEIL = dt.date(2022, 11, 10)


def chromium(pad: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.skip("chromium niet gevonden (Debian: apt-get install chromium; .ci/run doet dat)")
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
         f"--user-data-dir={tmp / 'profiel'}", *extra, pad.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)


def zichtbare_tekst(dom: str) -> str:
    dom = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", dom, flags=re.S)
    return re.sub(r"\s+", " ", html_mod.unescape(re.sub(r"<[^>]+>", " ", dom)))


def geen_andere_host(tekst: str) -> None:
    """No URL at all (so no request to any host), no external src/href, no CSS url()."""
    assert not re.search(r"https?://", tekst), re.search(r".{40}https?://.{40}", tekst)
    # Only references inside the document (SVG <use xlink:href="#glyph">).
    assert all(v.startswith("#") for v in re.findall(r'\b(?:src|href)\s*=\s*"([^"]*)"', tekst))
    assert all(v.startswith("#") for v in re.findall(r"url\(\s*['\"]?([^)'\"]*)", tekst))
    assert "@import" not in tekst


def console_fouten(stderr: str) -> list[str]:
    return [r for r in stderr.splitlines() if "CONSOLE" in r or "Uncaught" in r]


# ---------------------------------------------------------------- pure pieces, by hand

def test_zin_per_periode_zoals_de_wethouder_hem_leest():
    p = {"periode": "2026-1", "verplicht": True, "volledig": True, "extra_opgave": 0, "totaalopgave": 40,
         "kans_totaalopgave_gehaald": 0.62, "kans_inclusief_extra_opgave_gehaald": 0.62,
         "realisatie": {"gemiddeld": 21.3, "p10": 15.0, "p50": 21.0, "p90": 27.0}}
    assert zin_periode(p, "Leusden") == ("De kans dat Leusden de totaalopgave van 2026-1 haalt is 62%; "
                                         "verwacht 21 personen (80%-interval 15-27).")
    p2 = {**p, "extra_opgave": 11, "totaalopgave": 50, "kans_inclusief_extra_opgave_gehaald": 0.05}
    assert "inclusief extra opgave (61) haalt Leusden met kans 5%" in zin_periode(p2, "Leusden")
    p3 = {**p, "verplicht": False}
    assert zin_periode(p3, "Leusden").startswith("In 2026-1 geldt voor Leusden geen taakstelling")


def test_doelen_cumulatief_met_de_hand():
    # stand -26, taakstelling 24, extra 11: 24 + 26 = 50 and 61 (the seed's table).
    per = [{"periode": "2022-2", "taakstelling": 24, "extra_opgave": 11, "stand_start": -26.0, "verplicht": True}]
    assert doelen(per) == [{"periode": "2022-2", "totaalopgave": 50.0, "inclusief_extra": 61.0}]
    # Two periods from stand 0: 35, then 35 + 45 = 80; the stand is no longer kept after a period without obligation.
    per = [{"periode": "2023-1", "taakstelling": 35, "extra_opgave": 0, "stand_start": 0.0, "verplicht": True},
           {"periode": "2023-2", "taakstelling": 45, "extra_opgave": 0, "stand_start": None, "verplicht": True},
           {"periode": "2024-1", "taakstelling": 45, "extra_opgave": 0, "stand_start": None, "verplicht": False}]
    assert [(d["periode"], d["totaalopgave"]) for d in doelen(per)] == [("2023-1", 35.0), ("2023-2", 80.0)]


def test_aannames_uit_het_commentaar(tmp_path):
    pad = tmp_path / "s.toml"
    pad.write_text(
        "# Over dit scenario.\nnaam = \"x\"\nstartdatum = 2023-01-01\n"
        "stand_start = -3   # [seed] tabel\n\n"
        "# [publiek] landelijk\n[vraag]\nweigering_kans = 0.01\nkoppeling_factor = 1.2  # eigen keuze\n\n"
        "[toewijzing]\nronde_dagen = 7\n\n"
        "[[vraag.samenstelling]]\nnaam = \"stel\"   # [gebruiker]\ngewicht = 0.5\n", encoding="utf-8")
    a = aannames(pad)
    w = {x["sleutel"]: x for x in a["waarden"]}
    assert a["inleiding"] == "Over dit scenario."
    assert w["startdatum"]["bronnen"] == ["instelling"]
    assert w["stand_start"]["bronnen"] == ["seed"]
    assert w["vraag.weigering_kans"]["bronnen"] == ["publiek"]      # from the block above the table
    assert w["vraag.koppeling_factor"]["bronnen"] == ["publiek"]    # inline comment without tag: the table's
    assert w["toewijzing.ronde_dagen"]["bronnen"] == ["aanname"]
    assert w["vraag.samenstelling[1]"]["waarde"] == 'naam = "stel", gewicht = 0.5'
    assert w["vraag.samenstelling[1]"]["bronnen"] == ["gebruiker"]


# ---------------------------------------------------------------- the report, built once

@pytest.fixture(scope="module")
def rapporten(tmp_path_factory):
    from simulatie.replicaties import simuleer
    from simulatie.scenario import laad_scenario
    from simulatie.vergelijking import vergelijk

    uit = tmp_path_factory.mktemp("rapport")
    # Leusden at 10 Nov 2022, trede 3 after 2022-1, the Utrecht preset.
    g = laad_scenario("leusden-2022-2")
    res = simuleer(g, replicaties=60)
    html22, data22 = rapport_uit_resultaten(
        g, [res], ibt_invoer={"ladder": "utrecht", "huidige_trede": 3,
                              "historie": lees_historie("2021-2=niet,2022-1=niet")}, gemaakt=PEIL)
    (uit / "leusden-2022-2.html").write_text(html22, encoding="utf-8")
    # The default scenario with two policies and what each rule adds.
    g23 = laad_scenario(None)
    v = vergelijk(g23, ["strikt", "flexibel"], 12, curven=True)
    html23, data23 = rapport_uit_resultaten(g23, v.resultaten, v, gemaakt=dt.date(2023, 1, 1), hoofdbeleid="flexibel")
    (uit / "leusden-2023.html").write_text(html23, encoding="utf-8")
    return uit, (res, html22, data22), (v, html23, data23)


def test_waaier_klopt_met_de_samenvatting(rapporten):
    _, (res, _, data), _ = rapporten
    w = data["waaier"]
    p = data["samenvatting"]["perioden"][0]
    # The fan counts from the period's start: the 31 housed before the peildatum, then the
    # simulation; on the last day of the period its percentiles are the summary's.
    assert w["voor_start"] == 31 and w["start"] == "2022-11-10"
    laatste = (dt.date(2023, 1, 1) - dt.date(2022, 11, 10)).days
    assert [w["p10"][laatste], w["p50"][laatste], w["p90"][laatste]] == [
        p["realisatie"]["p10"], p["realisatie"]["p50"], p["realisatie"]["p90"]]
    assert min(w["p10"]) >= 31


def test_rapport_in_chromium_leusden_2022(rapporten, tmp_path):
    uit, (_, html, data), _ = rapporten
    geen_andere_host(html)
    r = chromium(uit / "leusden-2022-2.html", tmp_path, "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    assert not console_fouten(r.stderr)
    tekst = zichtbare_tekst(r.stdout)
    p = data["samenvatting"]["perioden"][0]
    q = p["realisatie"]
    # The answer first, with the summary's own numbers.
    zin = (f"De kans dat Leusden de totaalopgave van 2022-2 haalt is {pct(p['kans_totaalopgave_gehaald'])}; "
           f"verwacht {round(q['gemiddeld'])} personen (80%-interval {q['p10']:.0f}-{q['p90']:.0f})")
    assert zin in tekst
    assert tekst.index(zin) < tekst.index("Verloop")
    # The IBT outlook at 10 Nov 2022: trede 3, Utrecht preset; the chances are the summary's.
    ibt = data["ibt"]["volgende"]
    assert ibt["kans_trede"]["1"] == pytest.approx(p["kans_inclusief_extra_opgave_gehaald"], abs=1e-4)
    assert ibt["kans_trede"]["4"] == pytest.approx(1 - p["kans_totaalopgave_gehaald"], abs=1e-4)
    assert "Leusden staat nu op trede 3" in tekst
    assert f"trede 4: {pct(ibt['kans_trede']['4'])}" in tekst
    assert "Provincie Utrecht" in tekst and "aanname" in tekst
    # Targets 50 and 61, and the peildatum, in the caption.
    assert "2022-2: 50, inclusief extra opgave 61" in tekst
    assert "10 november 2022" in tekst
    # Charts inline as SVG, print stylesheet for A4 with page breaks.
    assert html.count("<svg") >= 2
    assert "size: A4" in html and "break-before: page" in html


def test_rapport_in_chromium_vergelijking(rapporten, tmp_path):
    uit, _, (v, html, data) = rapporten
    geen_andere_host(html)
    r = chromium(uit / "leusden-2023.html", tmp_path, "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    assert not console_fouten(r.stderr)
    tekst = zichtbare_tekst(r.stdout)
    for p in data["samenvatting"]["perioden"]:
        assert f"De kans dat Leusden de totaalopgave van {p['periode']} haalt is {pct(p['kans_totaalopgave_gehaald'])}" \
            in tekst
    assert data["samenvatting"]["beleid"] == "flexibel"  # the scenario's policy leads, strikt is compared
    # Levels and the paired difference of realisatie, with its interval, as in the comparison dict.
    assert "Beleid vergeleken" in tekst and "Niveaus per beleid" in tekst
    d = data["vergelijking"]["paren"][0]["perioden"][0]["maten"]["realisatie"]
    getal = lambda x: f"{x:+.1f}".replace(".", ",")  # noqa: E731
    assert (f"{getal(d['verschil']['gemiddeld'])} ({getal(d['verschil']['ondergrens'])} tot "
            f"{getal(d['verschil']['bovengrens'])})") in tekst
    # Every rule group by its Dutch name, none by its code name.
    groepen = [a["regel"] for a in data["vergelijking"]["attributie"]]
    assert "kinderen_delen" in groepen
    for gr in groepen:
        assert REGELGROEPEN[gr] in tekst
        if "_" in gr:  # a code name; 'reserveren' is also plain Dutch
            assert gr not in tekst
    assert "kinderen delen een slaapkamer" in tekst
    assert "huishoudens gehuisvest buiten de hoofdkern" in tekst
    # The plan beside the simulation, and the steps from one to the other.
    assert "Plan en simulatie naast elkaar" in tekst and "andere bezetting" in tekst
    # Assumptions with their sources.
    assert "Aannames en bronnen" in tekst and "aanbod.vacatures_per_jaar" in tekst


def test_schermafdruk(rapporten, tmp_path):
    uit, _, _ = rapporten
    png = tmp_path / "r.png"
    r = chromium(uit / "leusden-2023.html", tmp_path, f"--screenshot={png}", "--window-size=1200,2400",
                 "--hide-scrollbars")
    assert r.returncode == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- the province's version

@pytest.fixture(scope="module")
def provincie(tmp_path_factory):
    from cli import main

    uit = tmp_path_factory.mktemp("provincie")
    assert main(["prognose", str(FIXTURES / "provincie-utrecht-2022-2.csv"), "--peildatum", "2022-11-10",
                 "--replicaties", "200", "--format", "json", "--uitvoer", str(uit / "p.json")]) == 0
    data = json.loads((uit / "p.json").read_text(encoding="utf-8"))
    html = provincie_html(data, "utrecht", gemaakt=PEIL)
    (uit / "provincie.html").write_text(html, encoding="utf-8")
    return uit, data, html


def test_provincie_in_chromium(provincie, tmp_path):
    uit, data, html = provincie
    geen_andere_host(html)
    r = chromium(uit / "provincie.html", tmp_path, "--dump-dom")
    assert r.returncode == 0 and not console_fouten(r.stderr)
    tekst = zichtbare_tekst(r.stdout)
    leusden = next(x for x in data["rijen"] if x["gemeente"] == "Leusden")
    # Leusden's row: the province's linear 43 (86%) beside the forecast, P(met) and the outlook.
    rij = re.search(r"Leusden (.*?) tempomodel", tekst).group(1)
    assert rij.split()[:6] == ["3", "50", "61", "31", "43", "86%"]
    assert f"{leusden['prognose']['p10']}–{leusden['prognose']['p90']}" in rij
    assert pct(leusden["kans_totaalopgave_gehaald"]) in rij
    k = leusden["kans_totaalopgave_gehaald"]
    assert f"trede 4: {pct(1 - k)}" in rij
    assert len(re.findall(r"<tr>", r.stdout)) >= len(data["rijen"])


def test_provincie_sorteert_zonder_netwerk(provincie, tmp_path):
    uit, data, html = provincie
    # Click the 'kans totaalopgave' header once (ascending) in a copy, then read the order back.
    kolom = 10
    klik = (f"<script>document.querySelectorAll('#gemeenten thead th')[{kolom - 1}].click();</script></body>")
    pad = tmp_path / "geklikt.html"
    pad.write_text(html.replace("</body>", klik), encoding="utf-8")
    r = chromium(pad, tmp_path, "--dump-dom")
    assert r.returncode == 0 and not console_fouten(r.stderr)
    body = r.stdout.split("<tbody>")[1].split("</tbody>")[0]
    gemeenten = [re.search(r'<td data-waarde="([^"]*)"', rij).group(1) for rij in body.split("<tr>")[1:]]
    kansen = {x["gemeente"]: x["kans_totaalopgave_gehaald"] for x in data["rijen"]}
    assert sorted(gemeenten) == sorted(kansen)
    met = [kansen[gm] for gm in gemeenten if kansen[gm] is not None]
    assert met == sorted(met) and len(met) >= 2
    # Rows without a forecast go last.
    zonder = [gm for gm in gemeenten if kansen[gm] is None]
    assert gemeenten[len(gemeenten) - len(zonder):] == zonder


# ---------------------------------------------------------------- the commands

def test_cli_simuleer_ibt_alleen_met_huidige_trede(capsys):
    from cli import main

    assert main(["simuleer", "leusden-2022-2", "--replicaties", "20", "--format", "json"]) == 0
    assert "ibt" not in json.loads(capsys.readouterr().out)
    assert main(["simuleer", "leusden-2022-2", "--replicaties", "20", "--format", "json", "--huidige-trede", "3",
                 "--ladder", "utrecht", "--ibt-historie", "2021-2=niet,2022-1=niet"]) == 0
    d = json.loads(capsys.readouterr().out)
    p, b = d["perioden"][0], d["ibt"]["volgende"]
    assert d["ibt"]["ladder"] == "utrecht" and d["ibt"]["reeks_niet_gehaald"] == 2
    assert b["kans_trede"]["4"] == pytest.approx(1 - p["kans_totaalopgave_gehaald"], abs=1e-4)
    assert b["kans_trede"]["1"] == pytest.approx(p["kans_inclusief_extra_opgave_gehaald"], abs=1e-4)
    assert main(["simuleer", "leusden-2022-2", "--replicaties", "20", "--huidige-trede", "3"]) == 0
    assert "IBT-vooruitzicht" in capsys.readouterr().out
    assert main(["simuleer", "--replicaties", "20", "--huidige-trede", "3", "--ladder", "friesland"]) == 2
    assert "onbekende ladder 'friesland'" in capsys.readouterr().err


def test_cli_rapport_en_prognose_rapport(tmp_path, monkeypatch, capsys):
    from cli import main

    monkeypatch.setenv("HUISVESTING_VANDAAG", "2022-11-10")
    pad = tmp_path / "r.html"
    assert main(["rapport", "leusden-2022-2", "--replicaties", "20", "--huidige-trede", "3", "--ladder", "utrecht",
                 "--uitvoer", str(pad)]) == 0
    html = pad.read_text(encoding="utf-8")
    geen_andere_host(html)
    assert "gemaakt op 10 november 2022" in html and "Leusden staat nu op trede 3" in html
    prov = tmp_path / "p.html"
    assert main(["prognose", str(FIXTURES / "provincie-utrecht-2022-2.csv"), "--peildatum", "2022-11-10",
                 "--replicaties", "50", "--format", "json", "--rapport", str(prov), "--ladder", "utrecht"]) == 0
    data = json.loads(capsys.readouterr().out)
    html = prov.read_text(encoding="utf-8")
    geen_andere_host(html)
    assert html.count('<td data-waarde="') >= len(data["rijen"])
    assert "Provincie Utrecht" in html
