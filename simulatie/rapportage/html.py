"""The HTML reports: Jinja2 templates (autoescape on) filled with plain data, charts inline as SVG.

`rapport_html` is the gemeente's report (answer first, fan chart, plan beside simulation,
policy comparison, IBT outlook, assumptions with their sources, the method); `provincie_html`
the province's table, one row per gemeente, sortable without network. Neither refers to any
other host: the file opens from a USB stick.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

from simulatie.kalender import datum_tekst

from . import grafieken
from .namen import BRONNEN, MATEN, PRIJS, decimale_komma, getal, in_woorden, maat_naam, regel_naam, verschil_getal

SJABLONEN = Path(__file__).with_name("sjablonen")


def _omgeving():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(SJABLONEN), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    from simulatie.replicaties import getoonde_stappen

    env.filters.update(pct=pct, getal=getal, datum=datum_tekst, iv=interval_tekst,
                       getoonde_stappen=getoonde_stappen, komma=decimale_komma, woorden=in_woorden)
    return env


# ---------------------------------------------------------------- number formats (Dutch)

def pct(x, decimalen: int = 0) -> str:
    return "–" if x is None else f"{getal(x * 100, decimalen)}%"


def interval_tekst(d: dict | None, schaal: float = 1.0, decimalen: int = 1, teken: bool = True) -> str:
    if not d or d.get("gemiddeld") is None:
        return "–"
    f = (lambda v: verschil_getal(v * schaal, decimalen) if teken else getal(v * schaal, decimalen))
    return f"{f(d['gemiddeld'])} ({f(d['ondergrens'])} tot {f(d['bovengrens'])})"


# ---------------------------------------------------------------- the answer

def zin_periode(p: dict, gemeente: str) -> str:
    """One Dutch sentence per period, the answer to the wethouder's question."""
    q = p["realisatie"]
    verwacht = (f"verwacht {getal(q['gemiddeld'])} personen (80%-interval {getal(q['p10'])}-{getal(q['p90'])})")
    if not p.get("verplicht", True):
        return f"In {p['periode']} geldt voor {gemeente} geen taakstelling; {verwacht}."
    zin = (f"De kans dat {gemeente} de totaalopgave van {p['periode']} haalt is {pct(p['kans_totaalopgave_gehaald'])}; "
           f"{verwacht}")
    if p.get("extra_opgave"):
        zin += (f"; de totaalopgave inclusief extra opgave ({getal(p['totaalopgave'] + p['extra_opgave'])}) haalt "
                f"{gemeente} met kans {pct(p['kans_inclusief_extra_opgave_gehaald'])}")
    if not p.get("volledig", True):
        zin += " (de simulatie stopt vóór het eind van deze periode)"
    return zin + "."


# ---------------------------------------------------------------- assumptions from the scenario file

_BRON_TAGS = (("[seed]", "seed"), ("[publiek", "publiek"), ("[gebruiker]", "gebruiker"), ("aanname", "aanname"))
_OVERSLAAN = {"naam", "omschrijving", "gemeente"}
# Settings of the run, not claims about the world: no source needed.
_INSTELLINGEN = {"startdatum", "einddatum", "seed", "replicaties", "beleid", "kernen", "huishoudens", "woningen"}


def _bronnen(tekst: str) -> list[str]:
    """The sources a comment names. One that opens with "aanname" ("aanname: 46 + 22 ... plan 2023
    had 35 [seed]") says the value is assumed, the tags after it are of figures it mentions; one
    that opens with a source and assumes something of it ("[seed] plan 2023; aanname dat dit in 2026
    nog geldt") has both."""
    t = tekst.lower()
    if t.lstrip().startswith("aanname"):
        return ["aanname"]
    return [b for tag, b in _BRON_TAGS if tag in t]


def _commentaar(regel: str) -> tuple[str, str]:
    """(code, comment) of one TOML line; a '#' inside a string is not a comment."""
    in_str = None
    for i, c in enumerate(regel):
        if in_str:
            if c == in_str:
                in_str = None
        elif c in "\"'":
            in_str = c
        elif c == "#":
            return regel[:i].rstrip(), regel[i + 1:].strip()
    return regel.rstrip(), ""


def _getalsleutel(tabel: str, sleutel: str) -> str:
    """A number as key ([aanbod.slaapkamers] "0" = 0.04) in words: 0 slaapkamers."""
    if tabel.split(".")[-1] in ("slaapkamers", "huur"):
        return f"{sleutel} slaapkamer{'' if sleutel == '1' else 's'}"
    return f"bij {sleutel}"


def aannames(pad: str | Path, replicaties: int | None = None) -> dict:
    """Every value of the scenario file with its source, read from the file's comments:
    `[seed]`, `[publiek ...]`, `[gebruiker]`, or else an assumption (aanname). A comment on the
    value's line decides; without one, the comment block right above it (or above its table).
    Returns {"inleiding": the file's opening comment, "waarden": [...]}."""
    tekst = Path(pad).read_text(encoding="utf-8")
    ruw = tomllib.loads(tekst)
    regels = tekst.splitlines()
    inleiding, blok, tabel, tabel_blok = [], [], "", []
    teller: dict[str, int] = {}
    waarden = []
    gezien_sleutel = False
    i = 0
    while i < len(regels):
        regel = regels[i].strip()
        i += 1
        if not regel:
            if not gezien_sleutel and blok:
                inleiding.extend(blok)
            blok = []
            continue
        if regel.startswith("#"):
            blok.append(regel.lstrip("#").strip())
            continue
        code, opm = _commentaar(regel)
        m = re.match(r"^\[\[\s*([^\]]+?)\s*\]\]$|^\[\s*([^\]]+?)\s*\]$", code)
        if m:
            naam = m.group(1) or m.group(2)
            if m.group(1):
                teller[naam] = teller.get(naam, 0) + 1
                tabel = f"{naam}[{teller[naam]}]"
            else:
                tabel = naam
            tabel_blok = blok + ([opm] if opm else [])
            blok = []
            continue
        if "=" not in code:
            blok = []
            continue
        gezien_sleutel = True
        sleutel, _, waarde = code.partition("=")
        waarde = waarde.strip()
        # A value over several lines (an array): read on until the brackets close.
        while waarde.count("[") > waarde.count("]") and i < len(regels):
            verder, o = _commentaar(regels[i].strip())
            waarde += " " + verder
            opm = (opm + " " + o).strip()
            i += 1
        sleutel = sleutel.strip().strip('"')
        volledig = f"{tabel}.{sleutel}" if tabel else sleutel
        if sleutel in _OVERSLAAN and not tabel:
            if not inleiding and not waarden:
                inleiding.extend(blok)  # the file's opening comment, right above naam
            blok = []
            continue
        toelichting = " ".join(x for x in [*blok, opm] if x)
        weergave = _getalsleutel(tabel, sleutel) if sleutel.isdigit() else sleutel  # "0" = 0.04 reads as nothing
        # A sub-table or an entry of an array of tables ([aanbod.kern], [[vraag.samenstelling]]) is one row.
        groeperen = bool(tabel) and ("." in tabel or "[" in tabel)
        if groeperen and waarden and waarden[-1]["sleutel"] == tabel:
            rij = waarden[-1]
            rij["waarde"] += f", {weergave} = {waarde}"
            rij["toelichting"] = " ".join(x for x in (rij["toelichting"], toelichting) if x)
            nieuw = _bronnen(toelichting)
            if nieuw:
                rij["bronnen"] = [b for b in dict.fromkeys([*rij["bronnen"], *nieuw])
                                  if b not in ("aanname", "instelling") or b in nieuw]
            rij["bron"] = "; ".join(BRONNEN[b] for b in rij["bronnen"])
            blok = []
            continue
        if groeperen:
            volledig, waarde = tabel, f"{weergave} = {waarde}"
        bronnen = (_bronnen(opm) or _bronnen(" ".join(blok)) or _bronnen(" ".join(tabel_blok))
                   or (["instelling"] if (sleutel in _INSTELLINGEN and not tabel) or (sleutel == "bron" and not groeperen)
                       else ["aanname"]))
        if not toelichting and tabel_blok:
            toelichting = " ".join(tabel_blok)
        waarden.append({"sleutel": volledig, "waarde": waarde, "bronnen": bronnen,
                        "bron": "; ".join(BRONNEN[b] for b in bronnen), "toelichting": toelichting})
        blok = []
    if replicaties is not None and replicaties != ruw.get("replicaties"):
        # The run's own number of replications (--replicaties), not the file's.
        rij = next((w for w in waarden if w["sleutel"] == "replicaties"), None)
        if rij is None:
            rij = {"sleutel": "replicaties", "bronnen": ["instelling"], "bron": BRONNEN["instelling"]}
            waarden.append(rij)
        rij["waarde"] = str(replicaties)
        rij["toelichting"] = ("opgegeven bij het maken van dit rapport (--replicaties)"
                              + (f"; in het scenariobestand {ruw['replicaties']}" if "replicaties" in ruw else ""))
    return {"inleiding": " ".join(inleiding), "waarden": waarden, "naam": ruw.get("naam", Path(pad).stem),
            "gemeente": ruw.get("gemeente"),
            "gebruikt": sorted({b for w in waarden for b in w["bronnen"]})}


# ---------------------------------------------------------------- comparison

def _niveau(v: dict, beleid: str, periode: str, maat: str) -> float | None:
    """A policy's level of one measure in one period, from the first pair it is part of: the
    value the paired table shows as a or b for that period."""
    for paar in v.get("paren", []):
        kant = "a" if paar["a"] == beleid else "b" if paar["b"] == beleid else None
        if kant is None:
            continue
        for per in paar["perioden"]:
            if per["periode"] == periode and maat in per["maten"]:
                return per["maten"][maat].get(kant)
    return None


# Decimals of a measure's level and difference in the comparison tables.
_DECIMALEN = {"kinderen_per_slaapkamer": 2}


def vergelijking_tabellen(v: dict) -> dict:
    """Levels per policy and paired differences with intervals, rule groups by their Dutch
    names with their price; from the comparison dict (`als_dict`)."""
    niveaus = []
    for s in v["beleiden"]:
        for p in s["perioden"]:
            # Per period, the same figures as the paired table below (not the whole horizon's kpi).
            niveaus.append({"beleid": s["beleid"], "periode": p["periode"], "realisatie": p["realisatie"],
                            "kans": p["kans_totaalopgave_gehaald"],
                            "wachtweken": _niveau(v, s["beleid"], p["periode"], "wachtweken_mediaan"),
                            "kinderen_per_slaapkamer": _niveau(v, s["beleid"], p["periode"],
                                                               "kinderen_per_slaapkamer")})
    paren = []
    for paar in v["paren"]:
        rijen = []
        for per in paar["perioden"]:
            for maat, d in per["maten"].items():
                if d["verschil"].get("gemiddeld") is None:
                    continue
                kans = maat == "totaalopgave_gehaald"
                dec = _DECIMALEN.get(maat, 1)
                rijen.append({"periode": per["periode"], "maat": maat_naam(maat), "eenheid": MATEN.get(maat, ("", ""))[1],
                              "a": pct(d["a"]) if kans else getal(d["a"], dec),
                              "b": pct(d["b"]) if kans else getal(d["b"], dec),
                              "verschil": interval_tekst(d["verschil"], 100.0 if kans else 1.0, 1 if kans else dec)})
        paren.append({"a": paar["a"], "b": paar["b"], "rijen": rijen})
    regels = []
    if v.get("attributie") and v.get("paren"):
        a, b = v["paren"][0]["a"], v["paren"][0]["b"]
        for r in v["attributie"]:
            aan = r.get(f"aan_vanuit_{a}", [])
            uit = r.get(f"uit_vanuit_{b}", [])
            totaal = next((p for p in aan if p["periode"] == "totaal"), None)
            totaal_uit = next((p for p in uit if p["periode"] == "totaal"), None)
            prijs = []
            for maat in PRIJS:
                if totaal and maat in totaal["maten"]:
                    prijs.append(interval_tekst(totaal["maten"][maat]["verschil"], 1.0, 1))
                else:
                    eerste = next((p for p in aan if p["periode"] != "totaal" and maat in p["maten"]), None)
                    prijs.append(interval_tekst(eerste["maten"][maat]["verschil"], 1.0, 1) if eerste else "–")
            regels.append({
                "sleutel": r["regel"], "naam": regel_naam(r["regel"]),
                "aan": interval_tekst(totaal["maten"]["realisatie"]["verschil"], 1.0, 1) if totaal else "–",
                "uit": interval_tekst(totaal_uit["maten"]["realisatie"]["verschil"], 1.0, 1) if totaal_uit else "–",
                "prijs": prijs,
            })
    eerste_periode = v["paren"][0]["perioden"][0]["periode"] if v.get("paren") else ""
    totaal_maten = set(next((p["maten"] for p in v["paren"][0]["perioden"] if p["periode"] == "totaal"), {})) \
        if v.get("paren") else set()
    prijs_koppen = [(maat_naam(m), "hele horizon" if m in totaal_maten else eerste_periode) for m in PRIJS]
    return {"niveaus": niveaus, "paren": paren, "regels": regels, "prijs_koppen": prijs_koppen,
            "eerste": v["paren"][0]["a"] if v.get("paren") else None,
            "tweede": v["paren"][0]["b"] if v.get("paren") else None,
            "replicaties": v.get("replicaties")}


# ---------------------------------------------------------------- the gemeente's report

def rapport_html(samenvatting: dict, scenario, *, vergelijking: dict | None = None, ibt: dict | None = None,
                 waaier: dict | None = None, gemaakt: dt.date | None = None) -> str:
    """The report as one HTML text. `scenario`: the loaded scenario (`GeladenScenario`: `.sc`
    and `.pad`) or a `Scenario`; `waaier`: `grafieken.waaier_data(res)` for the fan chart."""
    sc = getattr(scenario, "sc", scenario)
    pad = getattr(scenario, "pad", None)
    gemeente = sc.gemeente or sc.naam
    from simulatie.ibt import zin as ibt_zin  # lazy: the module may move

    data = {
        "gemeente": gemeente, "scenario": sc, "s": samenvatting,
        "peildatum": sc.startdatum, "einddatum": sc.einddatum,
        "zinnen": [zin_periode(p, gemeente) for p in samenvatting["perioden"]],
        "waaier_svg": grafieken.waaier_svg(waaier, samenvatting["perioden"], gemeente) if waaier else None,
        "doelen": grafieken.doelen(samenvatting["perioden"]),
        "vergelijking": vergelijking_tabellen(vergelijking) if vergelijking and len(vergelijking.get("beleiden", [])) >= 2
        else None,
        "vergelijking_svg": grafieken.verschillen_svg(vergelijking) if vergelijking and vergelijking.get("paren") else None,
        "ibt": ibt, "ibt_zin": ibt_zin(ibt, gemeente) if ibt else None,
        "ibt_svg": grafieken.ibt_svg(ibt) if ibt and ibt.get("volgende") else None,
        "aannames": aannames(pad, samenvatting.get("replicaties")) if pad else None,
        "gemaakt": gemaakt or dt.date.today(),
    }
    return _omgeving().get_template("rapport.html.j2").render(**data)


def rapport_uit_resultaten(g, resultaten: list, vergelijking=None, ibt_invoer: dict | None = None,
                           gemaakt: dt.date | None = None, hoofdbeleid: str | None = None) -> tuple[str, dict]:
    """From simulation results to (HTML, the plain data it was made from). `resultaten`: one
    `SimResultaat` per policy, the first (or `hoofdbeleid`) is the report's; `vergelijking`: a `Vergelijking` for
    two or more; `ibt_invoer`: {"ladder", "huidige_trede", "historie", "verschoonbaar"}."""
    from simulatie.ibt import per_replicatie, vooruitzicht  # lazy: modules may move
    from simulatie.replicaties import samenvatting as samenvatten

    if hoofdbeleid is not None:  # the report's own policy first; the comparison keeps its order
        resultaten = sorted(resultaten, key=lambda r: r.beleid != hoofdbeleid)
    s = samenvatten(resultaten[0])
    v = None
    if vergelijking is not None:
        from simulatie.vergelijking_rapport import als_dict
        v = als_dict(vergelijking)
    ibt = None
    if ibt_invoer and ibt_invoer.get("huidige_trede") is not None:
        from simulatie.ibt import ladder
        lad = ladder(ibt_invoer.get("ladder"))
        ibt = vooruitzicht(lad, ibt_invoer["huidige_trede"], s["perioden"], ibt_invoer.get("historie"),
                           per_replicatie(resultaten[0], lad.drempel), ibt_invoer.get("verschoonbaar", 0.0))
    waaier = grafieken.waaier_data(resultaten[0])
    html = rapport_html(s, g, vergelijking=v, ibt=ibt, waaier=waaier, gemaakt=gemaakt)
    return html, {"samenvatting": s, "vergelijking": v, "ibt": ibt, "waaier": waaier}


# ---------------------------------------------------------------- the province's report

def provincie_html(prognose: dict, ladder: str | None = None, gemaakt: dt.date | None = None) -> str:
    """One row per gemeente from the prognose JSON (`prognose_uitvoer.als_json`, parsed): the
    province's linear prognose beside the forecast, P(met) and the IBT outlook from the trede in
    the table (no history known: the ladder's rules for one assessment)."""
    from simulatie.ibt import LadderFout, ladder as laad_ladder, vooruitzicht  # lazy

    lad = laad_ladder(ladder)
    rijen = []
    for r in prognose["rijen"]:
        ibt = None
        if r.get("trede") is not None and r.get("kans_totaalopgave_gehaald") is not None:
            try:
                ibt = vooruitzicht(lad, int(r["trede"]), [{
                    "periode": prognose["periode"], "kans_totaalopgave_gehaald": r["kans_totaalopgave_gehaald"],
                    "kans_inclusief_extra_opgave_gehaald": r.get("kans_totaalopgave_extra_gehaald"),
                    "extra_opgave": r.get("extra_opgave") or 0, "volledig": True, "verplicht": True}])
            except LadderFout:
                ibt = None
        kansen = []
        if ibt:
            kansen = sorted(((int(t), k) for t, k in ibt["volgende"]["kans_trede"].items() if k >= 0.005),
                            key=lambda x: -x[1])
        rijen.append({**r, "ibt": ibt, "ibt_kansen": kansen,
                      "ibt_verwacht": ibt["volgende"]["verwachte_trede"] if ibt else None})
    totaal = prognose.get("totaal")
    return _omgeving().get_template("provincie.html.j2").render(
        p=prognose, rijen=rijen, totaal=totaal, ladder=lad, gemaakt=gemaakt or dt.date.today())
