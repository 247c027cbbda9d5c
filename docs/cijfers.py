"""Every figure in the README, computed by the program itself.

    python docs/cijfers.py              # recompute and write them into README.md
    python docs/cijfers.py --controleer # recompute and exit 1 if README.md differs (the slow test)

Each block in the README sits between `<!-- cijfers:NAAM -->` and `<!-- /cijfers:NAAM -->`; this
script owns what is between the markers, the text around them is written by hand. Same
scenarios and seeds as the README's commands, so anyone can reproduce a number with the command
printed above it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPLICATIES = int(__import__('os').environ.get('HUISVESTING_CIJFERS_REPLICATIES', '1000'))


def _nl(x: float, d: int = 1) -> str:
    return f"{x:.{d}f}"


def _teken(x: float, d: int = 1) -> str:
    return f"{x:+.{d}f}".replace("-", "−")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _uitvoerder():
    from simulatie.uitvoerder import maak_uitvoerder
    return maak_uitvoerder(None)


def plan_tabel() -> str:
    """leusden-2023: the plan beside the simulation, for both policies."""
    from simulatie.replicaties import plan_vergelijking, simuleer
    from simulatie.scenario import laad_scenario

    g = laad_scenario("leusden-2023")
    rijen = {}
    for beleid in ("flexibel", "strikt"):
        res = simuleer(g, beleid, REPLICATIES, None, _uitvoerder())
        rijen[beleid] = plan_vergelijking(res)
    f, s = rijen["flexibel"], rijen["strikt"]

    def band(v: dict) -> str:
        return f"{_nl(v['gemiddeld'])} ({v['p10']:.0f}–{v['p90']:.0f})"

    regels = [
        f"`huisvesting simuleer` en `huisvesting simuleer --beleid strikt`, leusden-2023, {REPLICATIES} replicaties "
        f"(seed {g.sc.seed}); gemiddeld (p10–p90):",
        "",
        "| | plan | flexibel | strikt |",
        "|---|---|---|---|",
        f"| woningen gebruikt | {f['woningen_gebruikt']['plan']:g} | {band(f['woningen_gebruikt']['simulatie'])} | "
        f"{band(s['woningen_gebruikt']['simulatie'])} |",
        f"| personen per woning | {f['personen_per_woning']['plan']:g} | {_nl(f['personen_per_woning']['simulatie'], 2)} | "
        f"{_nl(s['personen_per_woning']['simulatie'], 2)} |",
        f"| personen in die woningen | {_nl(f['personen_in_plan_woningen']['plan'])} | "
        f"{band(f['personen_in_plan_woningen']['simulatie'])} | {band(s['personen_in_plan_woningen']['simulatie'])} |",
        f"| realisatie 2023 (taakstelling) | {f['realisatie']['plan']} | {band(f['realisatie']['simulatie'])} | "
        f"{band(s['realisatie']['simulatie'])} |",
        "",
        "Van het plan naar de simulatie (flexibel, personen): "
        + "; ".join(f"{st['stap']} {_teken(st['personen']) if i else _nl(st['personen'])}"
                    for i, st in enumerate(f["aansluiting"][:-1]))
        + f"; samen {_nl(f['aansluiting'][-1]['personen'])}.",
    ]
    return "\n".join(regels)


def vergelijking_tabel() -> str:
    """leusden-2023: strikt against flexibel, paired, with the contribution of every rule group."""
    from simulatie.scenario import laad_scenario
    from simulatie.vergelijking import vergelijk

    g = laad_scenario("leusden-2023")
    v = vergelijk(g, ["strikt", "flexibel"], REPLICATIES, None, _uitvoerder(), True)
    from simulatie.vergelijking_rapport import als_json
    import json
    data = json.loads(als_json(v))
    paar = data["paren"][0]
    regels = [f"`huisvesting vergelijk` op leusden-2023, {REPLICATIES} gepaarde replicaties (seed {g.sc.seed}):", "",
              "| periode | maat | strikt | flexibel | verschil [95%-interval] | ongepaard interval |",
              "|---|---|---|---|---|---|"]
    for p in paar["perioden"]:
        for maat, naam in (("realisatie", "realisatie (personen)"), ("totaalopgave_gehaald", "kans totaalopgave gehaald"),
                           ("wachtweken_mediaan", "mediaan weken koppeling tot woning"),
                           ("buiten_hoofdkern", "plaatsingen buiten de hoofdkern (huishoudens)"),
                           ("ouder_kind_kamers", "ouder en kind op één kamer (huishoudens)")):
            m = p["maten"].get(maat)
            if m is None or m["verschil"]["gemiddeld"] is None:
                continue
            if p["periode"] != "totaal" and maat in ("buiten_hoofdkern", "ouder_kind_kamers"):
                continue
            if p["periode"] == "totaal" and maat != "realisatie" and maat not in ("buiten_hoofdkern", "ouder_kind_kamers"):
                continue
            d = m["verschil"]
            if maat == "totaalopgave_gehaald":
                rij = (f"{_pct(m['a'])} | {_pct(m['b'])} | {_teken(100 * d['gemiddeld'])} pp "
                       f"[{_teken(100 * d['ondergrens'])}, {_teken(100 * d['bovengrens'])}] | |")
            else:
                o = m.get("ongepaard") or {}
                ong = f"[{_teken(o['ondergrens'])}, {_teken(o['bovengrens'])}]" if o.get("ondergrens") is not None \
                    and maat == "realisatie" else ""
                rij = (f"{_nl(m['a'])} | {_nl(m['b'])} | {_teken(d['gemiddeld'])} "
                       f"[{_teken(d['ondergrens'])}, {_teken(d['bovengrens'])}] | {ong} |")
            regels.append(f"| {'jaar' if p['periode'] == 'totaal' else p['periode']} | {naam} | {rij}")
    bijdragen = []
    for a in data.get("attributie", []):
        def jaar(kant: str) -> float | None:
            tot = [p for p in a[kant] if p["periode"] == "totaal"]
            return tot[0]["maten"]["realisatie"]["verschil"]["gemiddeld"] if tot else None
        aan, uit = jaar("aan_vanuit_strikt"), jaar("uit_vanuit_flexibel")
        if aan is None or uit is None:
            continue
        # Both are reported as what the rule adds (uit vanuit flexibel: flexibel minus flexibel
        # without the rule).
        bijdragen.append((a["regel"], aan, uit))
    bijdragen.sort(key=lambda x: -(x[1] + x[2]))
    regels += ["", "Wat elke regelgroep bijdraagt aan de realisatie over het jaar (personen; aan vanuit strikt / "
                   "uit vanuit flexibel): "
               + "; ".join(f"{r.replace('_', ' ')} {_teken(a)} / {_teken(u)}" for r, a, u in bijdragen) + "."]
    return "\n".join(regels)


def terugblik_2021() -> str:
    from simulatie.kalender import volgende_stand
    from simulatie.scenario import laad_scenario
    from simulatie.vergelijking import vergelijk
    from simulatie.vergelijking_rapport import als_json
    import json

    g = laad_scenario("leusden-2021")
    v = vergelijk(g, ["strikt", "flexibel"], REPLICATIES, None, _uitvoerder(), False)
    data = json.loads(als_json(v))
    tot = [p for p in data["paren"][0]["perioden"] if p["periode"] == "totaal"][0]["maten"]["realisatie"]
    taak = sum(p.taakstelling for p in g.sc.periode)
    eind = volgende_stand(g.sc.stand_start, tot["a"], taak)
    d = tot["verschil"]
    return (f"`huisvesting vergelijk leusden-2021 --geen-attributie`, {REPLICATIES} replicaties: onder strikt realisatie "
            f"{_nl(tot['a'])} van {taak}, stand eind 2021 ongeveer {_teken(eind, 0)} (werkelijk: 23 geplaatst, stand "
            f"−21). Flexibel had op dezelfde werelden {_nl(tot['b'])} personen gehuisvest ({_teken(d['gemiddeld'])} "
            f"[{_teken(d['ondergrens'])}, {_teken(d['bovengrens'])}]).")


def terugblik_2022() -> str:
    from simulatie.provincie import bereken_prognoses
    from simulatie.provincie import lees_provincietabel
    from simulatie.scenario import vind_scenario

    tabel = lees_provincietabel(ROOT / "tests" / "fixtures" / "provincie-utrecht-2022-2.csv", dt.date(2022, 11, 10))
    zonder = bereken_prognoses(tabel, REPLICATIES, 20221110, _uitvoerder())
    met = bereken_prognoses(tabel, REPLICATIES, 20221110, _uitvoerder(), scenarios=vind_scenario("leusden-2022-2").parent)
    z = next(r for r in zonder.rijen if r.rij.gemeente == "Leusden")
    m = next(r for r in met.rijen if r.rij.gemeente == "Leusden")
    lin = z.lineair

    def q(r) -> str:
        return f"p10 {r.prognose['p10']:.0f}, p50 {r.prognose['p50']:.0f}, p90 {r.prognose['p90']:.0f}"

    return "\n".join([
        f"`huisvesting prognose tests/fixtures/provincie-utrecht-2022-2.csv --peildatum 2022-11-10 [--scenarios ...]`, "
        f"{REPLICATIES} replicaties, seed 20221110:", "",
        "| methode | prognose realisatie 2022-2 | kans totaalopgave (50) | kans incl. extra opgave (61) |",
        "|---|---|---|---|",
        f"| provincie (lineair) | {lin.prognose} ({lin.pct}%, {lin.pct_extra}%) | – | – |",
        f"| tempomodel zonder reserveringen | {q(z)} | {_pct(z.kans)} | {_pct(z.kans_extra)} |",
        f"| simulatie (31 tot 10 november + reserveringen, wachtlijst en aanbod) | {q(m)} | {_pct(m.kans)} | "
        f"{_pct(m.kans_extra)} |",
        "| uitkomst (verslag 24-11-2022) | totaalopgave 50 gehaald op 24 november | | |",
    ])


def leusden_2026() -> str:
    from simulatie.replicaties import perioden, simuleer
    from simulatie.scenario import laad_scenario

    try:
        g = laad_scenario("leusden-2026")
    except Exception:
        return "(leusden-2026 is niet meegeleverd)"
    res = simuleer(g, None, REPLICATIES, None, _uitvoerder())
    delen = []
    for p in perioden(res):
        r = p["realisatie"]
        kans = p.get("kans_totaalopgave_gehaald")
        delen.append(f"{p['periode']}: totaalopgave {_nl(p['totaalopgave'], 0)}, verwacht {_nl(r['gemiddeld'])} "
                     f"(p10–p90 {r['p10']:.0f}–{r['p90']:.0f}), kans gehaald {_pct(kans)}")
    return f"`huisvesting simuleer leusden-2026`, {REPLICATIES} replicaties: " + "; ".join(delen) + "."


OPT_REPLICATIES = int(__import__('os').environ.get('HUISVESTING_CIJFERS_OPT_REPLICATIES', str(REPLICATIES)))
OPT_BUDGET = int(__import__('os').environ.get('HUISVESTING_CIJFERS_OPT_BUDGET', '100'))


def optimaliseer_frontier() -> str:
    """The frontier of leusden-2023 and leusden-2021 with its chart (docs/optimaliseer-NAAM.png),
    where flexibel lies, and every frontier point that dominates it, with its rules in words."""
    from matching.bestanden import schrijf_atomisch
    from simulatie.optimalisatie.grafiek import frontier_png
    from simulatie.optimalisatie.maten import MATEN
    from simulatie.optimalisatie.ruimte import laad_ruimte
    from simulatie.optimalisatie.uitvoer import als_dict, verschil_in_woorden
    from simulatie.optimalisatie.zoeken import optimaliseer
    from simulatie.scenario import laad_scenario

    regels = []
    for naam in ("leusden-2023", "leusden-2021"):
        g = laad_scenario(naam)
        o = optimaliseer(g, laad_ruimte(None, g.beleid, tuple(g.sc.kernen)), OPT_REPLICATIES, OPT_BUDGET, None,
                         _uitvoerder())
        d = als_dict(o)
        png = f"docs/optimaliseer-{naam}.png"
        schrijf_atomisch(ROOT / png, frontier_png(o))
        doelen = o.ruimte.doelen
        namen = {k.naam: k for k in o.eind}

        def cel(p: dict, m: str) -> str:
            v = p["maten"][m]["gemiddeld"]
            return "–" if v is None else (_pct(v) if MATEN[m].kans else _nl(v))

        regels += [
            f"`huisvesting optimaliseer {naam} --budget {OPT_BUDGET} --replicaties {OPT_REPLICATIES}` (seed {o.seed}): "
            f"{d['aantal_kandidaten']} kandidaten, successive halving "
            + " → ".join(f"{s['kandidaten']}×{s['replicaties']}" for s in d["sporten"])
            + f" replicaties, {_nl(d['gesimuleerde_jaren'], 0)} gesimuleerde jaren; frontier van "
            f"{len(d['frontier'])} punten (gemiddeld per replicatie):",
            "",
            "| # | regels (anders dan strikt) | " + " | ".join(MATEN[m].kort for m in doelen) + " |",
            "|---|---|" + "---|" * len(doelen),
        ]
        for i, p in enumerate(d["frontier"]):
            label = f"{i} ({p['naam']})" if p["naam"] in ("strikt", "flexibel") else str(i)
            regels.append(f"| {label} | {verschil_in_woorden(o, namen[p['naam']])} | "
                          + " | ".join(cel(p, m) for m in doelen) + " |")
        for ref in ("strikt", "flexibel"):
            p = d[ref]
            if p["op_frontier"]:
                regels.append(f"| {ref} | (op de frontier) | " + " | ".join(cel(p, m) for m in doelen) + " |")
            else:
                regels.append(f"| {ref} | gedomineerd door {', '.join(map(str, p['gedomineerd_door'])) or 'geen frontierpunt'} | "
                              + " | ".join(cel(p, m) for m in doelen) + " |")
        f = d["flexibel"]
        if f["op_frontier"]:
            regels += ["", "flexibel ligt op de frontier: geen kandidaat is op elk doel minstens zo goed en op één beter."]
        else:
            regels += ["", "flexibel wordt gedomineerd door: " + "; ".join(
                f"punt {i} ({verschil_in_woorden(o, namen[d['frontier'][i]['naam']])})" for i in f["gedomineerd_door"])
                + "."]
        regels += ["", f"![Frontier van {naam}: realisatie tegen elke prijs, strikt en flexibel gemarkeerd]({png})", ""]
    return "\n".join(regels).rstrip("\n")


BLOKKEN = {"plan": plan_tabel, "vergelijking": vergelijking_tabel, "terugblik-2021": terugblik_2021,
           "terugblik-2022": terugblik_2022, "leusden-2026": leusden_2026, "optimaliseer": optimaliseer_frontier}


def _patroon(naam: str) -> re.Pattern:
    return re.compile(rf"(<!-- cijfers:{re.escape(naam)} -->\n).*?(<!-- /cijfers:{re.escape(naam)} -->)", re.S)


def vul_in(tekst: str, blokken: dict[str, str]) -> str:
    for naam, inhoud in blokken.items():
        patroon = _patroon(naam)
        if not patroon.search(tekst):
            raise SystemExit(f"README.md mist de markering <!-- cijfers:{naam} -->")
        tekst = patroon.sub(lambda m: m.group(1) + inhoud + "\n" + m.group(2), tekst)
    return tekst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--controleer", action="store_true", help="niet schrijven; exit 1 als README.md afwijkt")
    ap.add_argument("blokken", nargs="*", help=f"alleen deze blokken ({', '.join(BLOKKEN)})")
    args = ap.parse_args()
    namen = args.blokken or list(BLOKKEN)
    readme = ROOT / "README.md"
    oud = readme.read_text(encoding="utf-8")
    ontbreekt = [n for n in namen if not _patroon(n).search(oud)]
    if ontbreekt:  # before hours of simulation, not after
        raise SystemExit(f"README.md mist de markering(en): {', '.join(ontbreekt)}")
    nieuw = vul_in(oud, {n: BLOKKEN[n]() for n in namen})
    if args.controleer:
        if nieuw != oud:
            print("README.md wijkt af van wat docs/cijfers.py berekent; draai python docs/cijfers.py", file=sys.stderr)
            return 1
        return 0
    if nieuw != oud:
        readme.write_text(nieuw, encoding="utf-8")
    print(f"README.md: {', '.join(namen)} bijgewerkt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
