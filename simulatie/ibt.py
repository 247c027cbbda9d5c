"""IBT-vooruitzicht: op welke trede van de interventieladder staat de gemeente na de volgende
beoordeling?

The ladder is data (`ibt_ladders.toml`, one preset per province plus 'standaard'); thresholds
that are not published are marked as assumptions there. Input: the current trede, the recent
history of met / not met (with 'verschoonbaar' where known) and the forecast. From the forecast
the outlook takes, per period, whether the totaalopgave (and the total including extra opgave)
is met: per replication when those are given (`per_replicatie`), which keeps the dependence
between periods; otherwise the summary's probabilities per period, taken as independent.

Everything here takes and returns plain data (dicts, lists, floats), so the report, `simuleer`
and `prognose` can all use it.
"""

from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .kalender import datum_tekst, halfjaar, totaalopgave

LADDERS_PAD = Path(__file__).with_name("ibt_ladders.toml")
VOORWAARDEN = ("gehaald", "extra_gehaald", "verschoonbaar", "reeks_vanaf", "reeks_tot")
GEVOLGEN = ("omhoog", "omlaag", "blijf", "naar")


class LadderFout(ValueError):
    """A ladder preset or an IBT input that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Regel:
    als: dict
    dan: str
    stap: int = 1
    trede: int | None = None
    hoogstens: int | None = None
    toelichting: str = ""
    bron: str = ""
    aanname: bool = True

    def past(self, gehaald: bool, extra_gehaald: bool, verschoonbaar: bool, reeks: int) -> bool:
        a = self.als
        return (a.get("gehaald", gehaald) == gehaald
                and a.get("extra_gehaald", extra_gehaald) == extra_gehaald
                and a.get("verschoonbaar", verschoonbaar) == verschoonbaar
                and reeks >= a.get("reeks_vanaf", reeks)
                and ("reeks_tot" not in a or reeks < a["reeks_tot"]))


@dataclass(frozen=True)
class Ladder:
    sleutel: str
    naam: str
    treden: int
    regels: tuple[Regel, ...]
    namen: dict[int, str] = field(default_factory=dict)
    drempel: float = 1.0
    aanname: bool = True
    bron: str = ""

    def volgende(self, trede: int, gehaald: bool, extra_gehaald: bool = False, verschoonbaar: bool = False,
                 reeks_voor: int = 0) -> tuple[int, int, Regel | None]:
        """(new trede, failed half-years in a row after this period, the rule applied).
        `reeks_voor` counts the failed half-years in a row before this period."""
        reeks = 0 if gehaald else reeks_voor + 1
        for r in self.regels:
            if r.past(gehaald, extra_gehaald, verschoonbaar, reeks):
                if r.dan == "omhoog":
                    nieuw = trede + r.stap
                    if r.hoogstens is not None:
                        nieuw = min(nieuw, max(r.hoogstens, trede))
                elif r.dan == "omlaag":
                    nieuw = trede - r.stap
                elif r.dan == "naar":
                    nieuw = int(r.trede)
                else:
                    nieuw = trede
                return max(1, min(self.treden, nieuw)), reeks, r
        return trede, reeks, None


def ladders(pad: Path | str | None = None) -> dict[str, Ladder]:
    """Every preset in the ladder file, checked."""
    pad = Path(pad) if pad else LADDERS_PAD
    ruw = tomllib.loads(pad.read_text(encoding="utf-8"))
    return {k: _ladder(k, v, pad) for k, v in ruw.items()}


def _ladder(sleutel: str, d: dict, pad: Path) -> Ladder:
    waar = f"{pad.name} [{sleutel}]"
    treden = d.get("treden")
    if not isinstance(treden, int) or not 2 <= treden <= 12:
        raise LadderFout(f"{waar}: treden moet een geheel getal van 2 tot 12 zijn")
    drempel = float(d.get("drempel", 1.0))
    if not 0 < drempel <= 2:
        raise LadderFout(f"{waar}: drempel {drempel} ligt niet tussen 0 en 2 (deel van de totaalopgave)")
    regels = []
    for i, r in enumerate(d.get("regels", []), start=1):
        als = dict(r.get("als", {}))
        onbekend = set(als) - set(VOORWAARDEN)
        if onbekend:
            raise LadderFout(f"{waar} regel {i}: onbekende voorwaarde {sorted(onbekend)[0]!r}; "
                             f"bekend: {', '.join(VOORWAARDEN)}")
        if r.get("dan") not in GEVOLGEN:
            raise LadderFout(f"{waar} regel {i}: dan = {r.get('dan')!r}; verwacht een van {', '.join(GEVOLGEN)}")
        if r["dan"] == "naar" and not (isinstance(r.get("trede"), int) and 1 <= r["trede"] <= treden):
            raise LadderFout(f"{waar} regel {i}: dan = \"naar\" vraagt trede = 1..{treden}")
        regels.append(Regel(als, r["dan"], int(r.get("stap", 1)), r.get("trede"), r.get("hoogstens"),
                            r.get("toelichting", ""), r.get("bron", ""), bool(r.get("aanname", True))))
    # Every outcome must be covered, or a forecast could fall through the ladder.
    lad = Ladder(sleutel, d.get("naam", sleutel), treden, tuple(regels),
                 {int(k): v for k, v in d.get("namen", {}).items()}, drempel, bool(d.get("aanname", True)),
                 d.get("bron", ""))
    for g in (True, False):
        for e in ((True, False) if g else (False,)):
            for v in (True, False):
                for reeks in range(0, 13):
                    if lad.volgende(1, g, e, v, reeks)[2] is None:
                        raise LadderFout(f"{waar}: geen regel voor gehaald={g}, extra_gehaald={e}, "
                                         f"verschoonbaar={v}, reeks={reeks + (0 if g else 1)}")
    return lad


def ladder(naam: str | None = None) -> Ladder:
    alle = ladders()
    naam = (naam or "standaard").strip().lower().replace(" ", "-").replace("_", "-")
    naam = {"brabant": "noord-brabant", "zh": "zuid-holland"}.get(naam, naam)
    if naam not in alle:
        raise LadderFout(f"onbekende ladder {naam!r}; kies uit {', '.join(sorted(alle))}")
    return alle[naam]


# ---------------------------------------------------------------- input

HISTORIE_WAARDEN = {"gehaald": (True, False), "ja": (True, False), "niet": (False, False), "nee": (False, False),
                    "niet_gehaald": (False, False), "verschoonbaar": (False, True)}


def lees_historie(tekst: str | None) -> list[dict]:
    """'2021-2=niet,2022-1=verschoonbaar' -> [{periode, gehaald, verschoonbaar}], oldest first."""
    uit = []
    for deel in (tekst or "").replace(";", ",").split(","):
        deel = deel.strip()
        if not deel:
            continue
        periode, _, waarde = deel.partition("=")
        w = waarde.strip().lower().replace(" ", "_").replace("-", "_")
        if w not in HISTORIE_WAARDEN:
            raise LadderFout(f"historie {deel!r}: verwacht PERIODE=gehaald, PERIODE=niet of PERIODE=verschoonbaar")
        g, v = HISTORIE_WAARDEN[w]
        uit.append({"periode": periode.strip(), "gehaald": g, "verschoonbaar": v})
    return sorted(uit, key=lambda h: h["periode"])


def reeks_uit_historie(historie: list[dict]) -> int:
    """Failed half-years in a row at the end of the history (oldest first)."""
    n = 0
    for h in reversed(historie):
        if h["gehaald"]:
            break
        n += 1
    return n


def per_replicatie(res, drempel: float = 1.0) -> dict:
    """Per replication and period: totaalopgave met (at `drempel` x totaalopgave), and the
    total including extra opgave met (only for a period with extra opgave). From a
    `SimResultaat`; plain lists out."""
    import numpy as np

    from simulatie.replicaties import standen  # lazy: the module may move

    sc = res.invoer.sc
    real, stand = standen(res)
    taak = np.array([p.taakstelling for p in sc.periode])
    extra = np.array([p.extra_opgave for p in sc.periode])
    opgave = totaalopgave(taak[None, :], stand)
    gehaald = real >= np.ceil(drempel * opgave - 1e-9) if drempel != 1.0 else real >= opgave
    extra_gehaald = (extra[None, :] > 0) & (real >= opgave + extra[None, :])
    return {"perioden": [p.naam for p in sc.periode],
            "gehaald": gehaald.astype(int).tolist(), "extra_gehaald": extra_gehaald.astype(int).tolist()}


# ---------------------------------------------------------------- the outlook

def _einddatum(naam: str) -> str | None:
    try:
        return halfjaar(naam)[1].isoformat()
    except (ValueError, TypeError):
        return None


def vooruitzicht(lad: Ladder | str, huidige_trede: int, perioden: list[dict], historie: list[dict] | None = None,
                 replicaties: dict | None = None, verschoonbaar: dict[str, float] | float = 0.0) -> dict:
    """P(each trede) after each assessment in the forecast, the first being the next one.

    `perioden`: the summary's periods (`samenvatting(res)["perioden"]`: kans_totaalopgave_gehaald,
    kans_inclusief_extra_opgave_gehaald, extra_opgave, volledig, verplicht). `replicaties`:
    `per_replicatie(res)`, used when given. `verschoonbaar`: probability (0..1) that a shortfall
    in a period is excusable, per period name or one for all; 0 = not excusable (assumption)."""
    if isinstance(lad, str):
        lad = ladder(lad)
    if not isinstance(huidige_trede, int) or not 1 <= huidige_trede <= lad.treden:
        raise LadderFout(f"huidige trede {huidige_trede!r}: verwacht 1..{lad.treden} ({lad.naam})")
    historie = list(historie or [])
    reeks0 = reeks_uit_historie(historie)
    if replicaties is None and lad.drempel != 1.0:
        raise LadderFout(f"ladder {lad.sleutel}: drempel {lad.drempel} vraagt uitkomsten per replicatie")

    def v_kans(naam: str) -> float:
        v = verschoonbaar.get(naam, 0.0) if isinstance(verschoonbaar, dict) else float(verschoonbaar)
        if not 0.0 <= v <= 1.0:
            raise LadderFout(f"verschoonbaar {naam}: {v} is geen kans tussen 0 en 1")
        return v

    # Which periods are assessed: complete and with an obligation.
    beoordeeld = []
    for j, p in enumerate(perioden):
        if not p.get("verplicht", True):
            beoordeeld.append((j, p, "geen taakstelling in deze periode: geen beoordeling"))
        elif not p.get("volledig", True):
            beoordeeld.append((j, p, "periode loopt voorbij het eind van de simulatie: niet beoordeeld"))
        else:
            beoordeeld.append((j, p, None))

    # Outcome paths with their weights: per replication (joint), or independent per period.
    if replicaties is not None:
        idx = {n: i for i, n in enumerate(replicaties["perioden"])}
        paden = Counter()
        for g_rij, e_rij in zip(replicaties["gehaald"], replicaties["extra_gehaald"]):
            paden[tuple((bool(g_rij[idx[p["periode"]]]), bool(e_rij[idx[p["periode"]]])) for p in perioden)] += 1
        totaal = sum(paden.values()) or 1
        toestanden = [(pad, {(huidige_trede, reeks0): n / totaal}) for pad, n in paden.items()]
        methode = f"per replicatie ({totaal}), met de samenhang tussen de perioden"
    else:
        toestanden = [((), {(huidige_trede, reeks0): 1.0})]
        methode = "kansen per periode uit de samenvatting, perioden onafhankelijk verondersteld"

    uit_perioden = []
    for j, p, reden in beoordeeld:
        if reden:
            uit_perioden.append({"periode": p["periode"], "beoordeeld": False, "reden": reden})
            continue
        v = v_kans(p["periode"])
        nieuw = []
        for pad, verdeling in toestanden:
            if replicaties is not None:
                g, e = pad[j]
                uitkomsten = [((g, e), 1.0)]
            else:
                pg = float(p.get("kans_totaalopgave_gehaald") or 0.0)
                pe = float(p.get("kans_inclusief_extra_opgave_gehaald") or 0.0) if p.get("extra_opgave") else 0.0
                pe = min(pe, pg)
                uitkomsten = [((True, True), pe), ((True, False), pg - pe), ((False, False), 1.0 - pg)]
            volgend: dict = defaultdict(float)
            for (trede, reeks), w in verdeling.items():
                for (g, e), pu in uitkomsten:
                    for vs, pv in ((True, v), (False, 1.0 - v)):
                        kans = w * pu * pv
                        if kans <= 0.0:
                            continue
                        t2, r2, _ = lad.volgende(trede, g, e, vs, reeks)
                        volgend[(t2, r2)] += kans
            nieuw.append((pad, dict(volgend)))
        toestanden = nieuw
        per_trede: dict[int, float] = defaultdict(float)
        for _, verdeling in toestanden:
            for (trede, _), w in verdeling.items():
                per_trede[trede] += w
        kansen = {str(t): round(per_trede.get(t, 0.0), 4) for t in range(1, lad.treden + 1)}
        verwacht = sum(t * w for t, w in per_trede.items())
        meest = max(per_trede.items(), key=lambda tw: (round(tw[1], 9), -tw[0]))[0]
        uit_perioden.append({
            "periode": p["periode"], "beoordeeld": True, "beoordeling_op": _einddatum(p["periode"]),
            "kans_gehaald": p.get("kans_totaalopgave_gehaald"),
            "kans_extra_gehaald": p.get("kans_inclusief_extra_opgave_gehaald") if p.get("extra_opgave") else None,
            "kans_verschoonbaar": v, "kans_trede": kansen, "verwachte_trede": round(verwacht, 3),
            "meest_waarschijnlijk": meest,
        })
    return {
        "ladder": lad.sleutel, "ladder_naam": lad.naam, "aanname": lad.aanname, "bron": lad.bron,
        "drempel": lad.drempel, "treden": lad.treden,
        "namen": {str(k): v for k, v in sorted(lad.namen.items())},
        "regels": [{"toelichting": r.toelichting, "bron": r.bron, "aanname": r.aanname} for r in lad.regels],
        "huidige_trede": huidige_trede, "historie": historie, "reeks_niet_gehaald": reeks0,
        "methode": methode, "beoordelingen": uit_perioden,
        "volgende": next((b for b in uit_perioden if b["beoordeeld"]), None),
    }


def zin(v: dict, gemeente: str = "de gemeente") -> str:
    """One Dutch sentence about the next assessment."""
    b = v.get("volgende")
    if not b:
        return f"Voor {gemeente} valt in de simulatie geen beoordeling binnen de horizon."
    kansen = sorted(((int(t), k) for t, k in b["kans_trede"].items() if k >= 0.005), key=lambda x: -x[1])
    delen = ", ".join(f"trede {t}: {k:.0%}" for t, k in kansen)
    datum = b.get("beoordeling_op")
    wanneer = f"bij de beoordeling van {b['periode']}" + (f" (op {datum_tekst(datum)})" if datum else "")
    return (f"{gemeente} staat nu op trede {v['huidige_trede']}; {wanneer} is de kans per trede volgens de "
            f"ladder '{v['ladder_naam']}'{' (aanname)' if v['aanname'] else ''}: {delen}.")


def als_tekst(v: dict, gemeente: str = "de gemeente") -> str:
    """A small table for the terminal (`simuleer --huidige-trede`)."""
    regels = [f"IBT-vooruitzicht ({v['ladder_naam']}{', aanname' if v['aanname'] else ''}): nu trede "
              f"{v['huidige_trede']}; {v['methode']}"]
    kop = "periode   kans gehaald  " + "  ".join(f"trede {t}" for t in range(1, v["treden"] + 1)) + "  verwacht"
    regels.append(kop)
    for b in v["beoordelingen"]:
        if not b["beoordeeld"]:
            regels.append(f"{b['periode']:<9} {b['reden']}")
            continue
        kansen = "  ".join(f"{b['kans_trede'][str(t)]:>7.0%}" for t in range(1, v["treden"] + 1))
        regels.append(f"{b['periode']:<9} {b['kans_gehaald'] or 0:>12.0%}  {kansen}  {b['verwachte_trede']:>8.1f}")
    regels.append(zin(v, gemeente))
    return "\n".join(regels) + "\n"
