"""What people read in the HTML report and the terminal table: tables that agree with each
other, steps that add up as printed, Dutch numbers and words. Built from small hand-made
dicts: no simulation needed."""

from __future__ import annotations

import random
import re

import pytest

from simulatie.rapportage.html import vergelijking_tabellen


def _per(periode, **maten):
    return {"periode": periode, "maten": {m: {"a": a, "b": b, "verschil": {"gemiddeld": b - a, "ondergrens": b - a - 1,
                                                                            "bovengrens": b - a + 1, "n": 60}}
                                          for m, (a, b) in maten.items()}}


def _vergelijking(beleiden=("strikt", "flexibel", "ruim")):
    kwant = {"gemiddeld": 30.0, "p10": 20.0, "p50": 30.0, "p90": 40.0}
    bel = [{"beleid": b, "perioden": [{"periode": p, "realisatie": kwant, "kans_totaalopgave_gehaald": 0.5}
                                      for p in ("2023-1", "2023-2")],
            # whole-horizon figures: must not show on a period's row
            "kpi": {"wachtweken_mediaan": 8.7, "kinderen_per_slaapkamer": 1.25}} for b in beleiden]
    waarden = {  # (beleid, periode) -> (weken, kinderen per slaapkamer), all different
        (b, p): (10.0 * i + j + 0.25, 1.0 + i / 10 + j / 100) for i, b in enumerate(beleiden)
        for j, p in enumerate(("2023-1", "2023-2"))}
    paren = []
    for i in range(len(beleiden)):
        for j in range(i + 1, len(beleiden)):
            a, b = beleiden[i], beleiden[j]
            perioden = [_per(p, wachtweken_mediaan=(waarden[a, p][0], waarden[b, p][0]),
                             kinderen_per_slaapkamer=(waarden[a, p][1], waarden[b, p][1]))
                        for p in ("2023-1", "2023-2")]
            perioden.append({"periode": "totaal", "maten": {}})
            paren.append({"a": a, "b": b, "perioden": perioden})
    return {"beleiden": bel, "paren": paren, "attributie": [], "replicaties": 60}, waarden


def test_niveaus_per_periode_gelijk_aan_het_gepaarde_verschil():
    v, waarden = _vergelijking()
    t = vergelijking_tabellen(v)
    assert len(t["niveaus"]) == 6
    for n in t["niveaus"]:
        weken, kps = waarden[n["beleid"], n["periode"]]
        assert n["wachtweken"] == weken and n["kinderen_per_slaapkamer"] == kps
    # and as printed: the levels row and the paired table's a/b column read the same
    from simulatie.rapportage.html import getal
    for paar in t["paren"]:
        for r in paar["rijen"]:
            n_a = next(n for n in t["niveaus"] if n["beleid"] == paar["a"] and n["periode"] == r["periode"])
            n_b = next(n for n in t["niveaus"] if n["beleid"] == paar["b"] and n["periode"] == r["periode"])
            if r["maat"].startswith("weken"):
                assert (r["a"], r["b"]) == (getal(n_a["wachtweken"], 1), getal(n_b["wachtweken"], 1))
            elif r["maat"].startswith("kinderen"):
                assert (r["a"], r["b"]) == (getal(n_a["kinderen_per_slaapkamer"], 2),
                                            getal(n_b["kinderen_per_slaapkamer"], 2))


# ---------------------------------------------------------------- plan to simulation: the shown steps add up

def _aansluiting(rnd: random.Random) -> list[dict]:
    from types import SimpleNamespace

    from simulatie.replicaties import aansluiting

    n = rnd.randint(1, 500)
    eind = {k: rnd.randint(0, 3 * n) for k in ("sleutels_na_horizon", "vrij_in_aanbod", "terug_regulier_niet_vervangen")}
    res = SimpleNamespace(replicaties=n, optelling=SimpleNamespace(eind_woningen=eind))
    woningen = rnd.uniform(5, 60)
    ppw = rnd.uniform(1.2, 4.0)
    return aansluiting(res, rnd.uniform(5, 60), round(rnd.uniform(1.5, 3.5), 2), woningen, ppw,
                       woningen * ppw + rnd.uniform(-5, 5))


def _tekstgetal(s: str) -> float:
    return float(s.replace("−", "-").replace("+", "").replace(".", "").replace(",", "."))


def test_getoonde_stappen_tellen_op_tot_het_getoonde_totaal():
    from simulatie.rapport import _plan_tabel
    from simulatie.replicaties import getoonde_stappen
    from rich.console import Console
    import io

    rnd = random.Random(20261128)
    for _ in range(500):
        stappen = _aansluiting(rnd)
        getoond = getoonde_stappen(stappen)
        # each shown step is its own value rounded, give or take the display rounding of the others
        for st, g in zip(stappen, getoond):
            assert abs(st["personen"] - g) <= 0.05 * len(stappen) + 1e-9
        assert getoond[0] == round(stappen[0]["personen"], 1) and getoond[-1] == round(stappen[-1]["personen"], 1)
        # the terminal table, as printed
        c = Console(file=io.StringIO(), width=400, color_system=None)
        c.print(_plan_tabel({"bron": "", "aansluiting": stappen}))
        cellen = [regel.split("│")[3].strip() for regel in c.file.getvalue().splitlines()
                  if regel.startswith("│") and regel.count("│") > 3 and regel.split("│")[3].strip()]
        assert len(cellen) == len(stappen)
        assert all(re.fullmatch(r"[+-]?\d+\.\d", x) for x in cellen), cellen
        assert round(sum(float(x) for x in cellen[:-1]), 1) == float(cellen[-1])


@pytest.fixture(scope="module")
def leusden_2026():
    """A real small run of leusden-2026 (its plan has dwellings per year and persons per dwelling)."""
    from simulatie.replicaties import samenvatting, simuleer
    from simulatie.scenario import laad_scenario

    g = laad_scenario("leusden-2026")
    res = simuleer(g, replicaties=8)
    return g, res, samenvatting(res)


def _stappen_html(html: str) -> list[str]:
    i = html.index("stap voor stap")
    tabel = html[i:html.index("</table>", i)]
    return re.findall(r'<td class="getal">([^<]*)</td>', tabel)


def test_html_stappen_tellen_op_tot_het_getoonde_totaal(leusden_2026):
    import copy
    import datetime as dt

    from simulatie.rapportage.html import rapport_html

    g, _, s = leusden_2026
    assert s["plan"] and s["plan"].get("aansluiting")
    rnd = random.Random(7)
    for k in range(60):
        s2 = copy.deepcopy(s)
        if k:  # the real run first, then random steps of the same shape
            s2["plan"]["aansluiting"] = _aansluiting(rnd)
        cellen = _stappen_html(rapport_html(s2, g, gemaakt=dt.date(2026, 11, 28)))
        assert len(cellen) == len(s2["plan"]["aansluiting"])
        assert all(re.fullmatch(r"[+−-]?\d{1,3}(\.\d{3})*,\d", x) for x in cellen), cellen
        assert round(sum(_tekstgetal(x) for x in cellen[:-1]), 1) == _tekstgetal(cellen[-1])


# ---------------------------------------------------------------- Dutch numbers: decimal comma

def test_decimale_komma_in_gegenereerde_tekst():
    from simulatie.rapportage.namen import decimale_komma

    assert decimale_komma("35.0 woningen x 2.25 personen") == "35,0 woningen x 2,25 personen"
    assert (decimale_komma("4.6 woningen: sleutels na het eind 0.4, nog vrij 1.0, meer aanbod dan in het plan 2.3")
            == "4,6 woningen: sleutels na het eind 0,4, nog vrij 1,0, meer aanbod dan in het plan 2,3")
    assert decimale_komma("35.0 woningen x (2.31 - 2.25) personen") == "35,0 woningen x (2,31 - 2,25) personen"
    # dates, ids, versions and sentence ends stay as they are
    for blijft in ("op 2023.01.01", "versie 1.2.3", "seed 42.", "scenario leusden-2023.toml", "v2.0.1-rc"):
        assert decimale_komma(blijft) == blijft


def test_html_toelichting_van_de_stappen_met_decimale_komma(leusden_2026):
    import datetime as dt

    from simulatie.rapportage.html import rapport_html

    g, _, s = leusden_2026
    html = rapport_html(s, g, gemaakt=dt.date(2026, 11, 28))
    i = html.index("stap voor stap")
    tabel = html[i:html.index("</table>", i)]
    assert "woningen x" in tabel
    assert not re.search(r"\d\.\d", tabel), re.findall(r".{20}\d\.\d.{20}", tabel)
    assert re.search(r"\d,\d{2} personen", tabel)


def _labels(fig) -> list[str]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    uit = []
    for ax in fig.axes:
        uit += [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_xticklabels()]
    return [x for x in uit if x]


def _fake_vergelijking():
    from types import SimpleNamespace

    def iv(g, lo, hi):
        return {"gemiddeld": g, "ondergrens": lo, "bovengrens": hi, "n": 60}

    per = [{"periode": "2023-1", "maten": {
               "realisatie": {"a": 29.8, "b": 31.2, "verschil": iv(1.4, 0.9, 1.9)},
               "wachtweken_mediaan": {"a": 12.6, "b": 12.5, "verschil": iv(-0.1, -0.35, 0.15)},
               "vervolghuisvesting": {"a": 0.0, "b": 0.01, "verschil": iv(0.01, -0.02, 0.04)}}},
           {"periode": "totaal", "maten": {"realisatie": {"a": 60.0, "b": 62.5, "verschil": iv(2.5, 1.5, 3.5)}}}]
    paar = {"a": "strikt", "b": "flexibel", "perioden": per}
    return SimpleNamespace(paren=[paar], attributie=[], scenario="leusden-2023", replicaties=60)


def test_vergelijkingsgrafiek_met_decimale_komma():
    from simulatie.vergelijking_grafiek import maak_figuur

    labels = _labels(maak_figuur(_fake_vergelijking()))
    assert "+1,4" in labels and "-0,1" in labels and "29,8" in labels
    assert "0,0" in labels and "+0,0" not in labels  # a difference that shows as 0 gets no sign
    assert not [x for x in labels if re.search(r"\d\.\d", x)], labels


def test_rapportgrafiek_verschillen_met_decimale_komma(monkeypatch):
    from simulatie.rapportage import grafieken

    figuren = []
    monkeypatch.setattr(grafieken, "_svg", lambda fig, sleutel: figuren.append(fig) or "<svg/>")
    v = _fake_vergelijking()
    grafieken.verschillen_svg({"paren": v.paren})
    labels = _labels(figuren[0])
    assert "+1,4" in labels and "+2,5" in labels
    assert not [x for x in labels if re.search(r"\d\.\d", x)], labels


def test_verschil_van_nul_zonder_teken():
    from simulatie.rapportage.html import interval_tekst

    assert interval_tekst({"gemiddeld": 0.01, "ondergrens": -0.02, "bovengrens": 0.04}) == "0,0 (0,0 tot 0,0)"
    assert interval_tekst({"gemiddeld": 0.04, "ondergrens": -0.04, "bovengrens": 0.06}) == "0,0 (0,0 tot +0,1)"
    assert interval_tekst({"gemiddeld": -3.3, "ondergrens": -3.7, "bovengrens": 2.9}) == "-3,3 (-3,7 tot +2,9)"


# ---------------------------------------------------------------- words, not code; sources that fit

def test_bron_volgt_het_eigen_commentaar_van_de_waarde():
    from pathlib import Path

    from simulatie.rapportage.html import aannames

    w = {x["sleutel"]: x for x in aannames(Path("scenario's/leusden-2026.toml"))["waarden"]}
    assert w["plan.woningen_per_jaar"]["bronnen"] == ["aanname"]  # "aanname: ... plan 2023 had 35 [seed]"
    assert w["plan.personen_per_woning"]["bronnen"] == ["seed", "aanname"]  # "[seed] plan 2023; aanname dat ..."


def test_codewoorden_in_woorden(leusden_2026):
    import datetime as dt

    from simulatie.rapportage.html import rapport_html
    from simulatie.rapportage.namen import in_woorden

    assert in_woorden("woningen_per_jaar 30 is een aanname") == "woningen per jaar 30 is een aanname"
    g, _, s = leusden_2026
    html = rapport_html(s, g, gemaakt=dt.date(2026, 11, 28))
    zin = re.search(r"<p>Het plan: (.*?)</p>", html, re.S).group(1)
    assert "woningen per jaar 30" in zin and not re.search(r"[a-z]_[a-z]", zin)


def test_legenda_van_de_bronnen_volgt_de_gemeente(leusden_2026, tmp_path):
    import datetime as dt
    from types import SimpleNamespace

    from simulatie.rapportage.html import rapport_html

    g, _, s = leusden_2026
    pad = tmp_path / "woudenberg.toml"
    pad.write_text('naam = "woudenberg"\ngemeente = "Woudenberg"  # [gebruiker]\nstand_start = 0  # [gebruiker]\n'
                   "[vraag]\nweigering_kans = 0.05  # aanname\n", encoding="utf-8")
    html = rapport_html(s, SimpleNamespace(sc=g.sc, pad=pad), gemaakt=dt.date(2026, 11, 28))
    i = html.index('id="aannames"')
    deel = html[i:html.index("</table>", i)]
    assert "Leusden" not in deel and "(2022)" not in deel
    html = rapport_html(s, g, gemaakt=dt.date(2026, 11, 28))  # Leusden's own file has [seed] values
    i = html.index('id="aannames"')
    assert "de stukken van\n    Leusden en de provincie" in html[i:html.index("</table>", i)] or \
        re.search(r"stukken van\s+Leusden en de provincie", html[i:])


# ---------------------------------------------------------------- small things

def test_ibt_regel_een_label_en_peildatum_niet_vandaag(leusden_2026, monkeypatch):
    import datetime as dt

    from simulatie.ibt import lees_historie
    from simulatie.rapportage import grafieken
    from simulatie.rapportage.html import rapport_uit_resultaten

    figuren = []
    echt = grafieken._svg
    monkeypatch.setattr(grafieken, "_svg", lambda fig, sleutel: figuren.append(fig) or echt(fig, sleutel))
    g, res, _ = leusden_2026
    html, _ = rapport_uit_resultaten(g, [res], ibt_invoer={"ladder": "utrecht", "huidige_trede": 3,
                                                           "historie": lees_historie("2025-1=niet,2025-2=niet")},
                                     gemaakt=dt.date(2026, 11, 28))
    i = html.index('id="ibt"')
    tekst = re.sub(r"<[^>]+>", " ", html[i:html.index("</section>", i)])
    assert "aanname: één trede" in open("simulatie/ibt_ladders.toml", encoding="utf-8").read()
    assert not re.search(r"aanname\s+aanname", tekst)
    assert re.search(r"aanname\s+één trede per beoordeling", tekst)
    legenda = [t.get_text() for f in figuren for ax in f.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    peil = [x for x in legenda if x.startswith("peildatum")]
    assert peil and all("vandaag" not in x for x in peil)


def test_aannames_met_het_gebruikte_aantal_replicaties_en_leesbare_sleutels():
    from pathlib import Path

    from simulatie.rapportage.html import aannames

    pad = Path("scenario's/leusden-2026.toml")
    w = {x["sleutel"]: x for x in aannames(pad, replicaties=100)["waarden"]}
    assert w["replicaties"]["waarde"] == "100" and "--replicaties" in w["replicaties"]["toelichting"]
    assert w["replicaties"]["bronnen"] == ["instelling"]
    w = {x["sleutel"]: x for x in aannames(pad)["waarden"]}
    assert w["replicaties"]["waarde"] != "100"
    for sleutel in ("aanbod.slaapkamers", "aanbod.huur"):
        assert w[sleutel]["waarde"].startswith("0 slaapkamers = "), w[sleutel]["waarde"]
        assert not re.search(r"(^|, )\d+ =", w[sleutel]["waarde"])
    assert "1 slaapkamer = 0.20" in w["aanbod.slaapkamers"]["waarde"]  # the value itself as in the file
