"""An independent reference for the matching rules, written pair by pair in plain Python.

It shares no code with `matching` beyond the data classes and the policy object: bedrooms come
from an exhaustive search over ways to put children in rooms, admissibility from the rules as
DOMAIN.md and issue 3 state them, and the best plan from enumerating every assignment. The
property tests hold the engine's vectorised arrays and solvers against it. Also: hypothesis
strategies for random households, dwellings and policies.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import lru_cache
from math import ceil

import numpy as np
from hypothesis import strategies as st

from matching import Huishouden, Kind, Woning, laad_beleid

# ---------------------------------------------------------------- bedrooms


def kamer_mag(kinderen, per_kamer: int, gemengd_tot: int) -> bool:
    """May these children share one room? At most `per_kamer`; one child may always sleep
    alone; several share if all are younger than `gemengd_tot` (any gender), or if all are
    boys or all girls. An unknown gender (x) shares only where gender does not matter."""
    if len(kinderen) > per_kamer:
        return False
    if len(kinderen) <= 1:
        return True
    if all(k.leeftijd < gemengd_tot for k in kinderen):
        return True
    geslachten = {k.geslacht for k in kinderen}
    return len(geslachten) == 1 and geslachten <= {"j", "m"}


def partities(items: list):
    """Every way to split `items` into non-empty groups (Bell(7) = 877 for seven children)."""
    if not items:
        yield []
        return
    eerste, rest = items[0], items[1:]
    for p in partities(rest):
        yield [[eerste], *p]
        for i in range(len(p)):
            yield p[:i] + [[eerste, *p[i]]] + p[i + 1:]


@lru_cache(maxsize=None)
def _min_kamers(kinderen: tuple, per_kamer: int, gemengd_tot: int) -> int:
    return min(len(p) for p in partities(list(kinderen))
               if all(kamer_mag(groep, per_kamer, gemengd_tot) for groep in p))


def min_kinderkamers(kinderen, per_kamer: int, gemengd_tot: int) -> int:
    """Fewest rooms for these children, by trying every partition."""
    return _min_kamers(tuple(sorted(kinderen, key=lambda k: (k.geslacht, k.leeftijd))), per_kamer, gemengd_tot)


def personen_voor_maat(hh: Huishouden, beleid) -> int:
    """The household size the dwelling is chosen for: the whole family under `vooruit`."""
    return hh.personen + hh.nareizigers if beleid.nareizigers == "vooruit" else hh.personen


def slaapkamers_ruim_ref(hh: Huishouden, beleid) -> int:
    """The need without optional sharing: same-gender pairs of children, no parent sharing."""
    from types import SimpleNamespace
    p = beleid.ruim_kinderen_per_kamer
    streng = SimpleNamespace(**{**dict(beleid), "kinderen_per_kamer": p, "gemengd_tot_leeftijd": 0,
                                "ouder_deelt_met_kind": False,
                                "nareiziger_kinderen_per_kamer": p})
    return slaapkamers_ref(hh, streng)


def slaapkamers_ref(hh: Huishouden, beleid) -> int:
    volw = hh.volwassenen
    partners = volw >= 2 and hh.partners is not False
    onbekend = 0  # nareizigers who are not a partner: children of unknown gender and age
    if beleid.nareizigers == "vooruit" and hh.nareizigers:
        if volw == 1:
            volw, partners, onbekend = 2, True, hh.nareizigers - 1
        else:
            onbekend = hh.nareizigers
    volwassenkamers = volw - 1 if partners else volw  # the couple shares; other adults alone
    kinderen = list(hh.kinderen)
    p, g = beleid.kinderen_per_kamer, beleid.gemengd_tot_leeftijd
    kinderkamers = min_kinderkamers(kinderen, p, g)
    if beleid.ouder_deelt_met_kind and volw == 1:
        for i, kind in enumerate(kinderen):
            if kind.leeftijd < beleid.ouder_kind_tot_leeftijd:
                kinderkamers = min(kinderkamers, min_kinderkamers(kinderen[:i] + kinderen[i + 1:], p, g))
    return volwassenkamers + kinderkamers + ceil(onbekend / beleid.nareiziger_kinderen_per_kamer)


# ---------------------------------------------------------------- hard rules, one pair at a time


def horizon(peildatum: dt.date, maanden: int) -> dt.date:
    """The last availability date a reservation may have to be offered now: `maanden`
    calendar months after the peildatum; a day the month lacks becomes its last day."""
    jaar, maand = divmod(peildatum.year * 12 + peildatum.month - 1 + maanden, 12)
    for dagnr in range(peildatum.day, 27, -1):
        try:
            return dt.date(jaar, maand + 1, dagnr)
        except ValueError:
            continue
    return dt.date(jaar, maand + 1, peildatum.day)


def weigeringen(hh: Huishouden, w: Woning, beleid, peildatum: dt.date) -> set[str]:
    """Codes of every rule that refuses the pair (empty: the pair is admissible)."""
    uit = set()
    if hh.verblijf == "buitenland":
        uit.add("nog_niet_in_nederland")
    if beleid.nareizigers == "wachten" and hh.nareizigers > 0:
        uit.add("wacht_op_nareizigers")
    if w.beschikbaar > peildatum and w.soort not in beleid.soorten:
        uit.add("soort_niet_aangeboden")
    if w.beschikbaar > horizon(peildatum, beleid.vooruit_maanden):
        uit.add("nog_niet_beschikbaar")
    if w.kern not in beleid.kernen:
        uit.add("kern_niet_toegestaan")
    if hh.toegankelijk and not w.toegankelijk:
        uit.add("niet_toegankelijk")
    nodig = slaapkamers_ref(hh, beleid)
    maat = personen_voor_maat(hh, beleid)
    alleen = maat == 1
    kamers = w.slaapkamers
    if kamers < nodig and not (kamers == 0 and alleen and nodig == 1 and beleid.studio_voor_alleenstaande):
        uit.add("te_weinig_slaapkamers")
    if kamers - max(nodig, slaapkamers_ruim_ref(hh, beleid)) > beleid.max_extra_slaapkamers or (alleen and kamers > beleid.alleenstaande_max_slaapkamers):
        uit.add("te_veel_slaapkamers")
    if beleid.passend_toewijzen:
        grens = aftoppingsgrens(beleid, peildatum.year)
        if w.huur > (grens[0] if maat <= 2 else grens[1]):
            uit.add("huur_boven_aftoppingsgrens")
    return uit


def aftoppingsgrens(beleid, jaar: int) -> tuple[float, float]:
    jaren = sorted(beleid.aftoppingsgrenzen)
    kies = max([j for j in jaren if j <= jaar], default=jaren[0])
    g = beleid.aftoppingsgrenzen[kies]
    return g.laag, g.hoog


def mag(hh, w, beleid, peildatum) -> bool:
    return not weigeringen(hh, w, beleid, peildatum)


def toelaatbaar_ref(huishoudens, woningen, beleid, peildatum) -> np.ndarray:
    return np.array([[mag(h, w, beleid, peildatum) for w in woningen] for h in huishoudens],
                    bool).reshape(len(huishoudens), len(woningen))


# ---------------------------------------------------------------- objective and brute force


def wachtdagen(hh, peildatum) -> int:
    return max((peildatum - hh.koppeldatum).days, 0)


def niveaus(hh: Huishouden, w: Woning, beleid, peildatum) -> dict[str, int]:
    """What one placement adds to each level of the objective (higher is better)."""
    return {
        "personen": hh.personen,                               # count for the taakstelling
        "wachttijd": wachtdagen(hh, peildatum),                # longest waiting first
        "beschikbaarheid": -max((w.beschikbaar - peildatum).days, 0),  # a vacancy before a reservation
        "passing": -max(w.slaapkamers - slaapkamers_ref(hh, beleid), 0),  # fewest spare bedrooms
        "voorkeur": int(hh.voorkeur_kern is not None and hh.voorkeur_kern == w.kern),
    }


def score(plan: dict[int, int], huishoudens, woningen, beleid, peildatum) -> tuple[int, ...]:
    """A plan's objective as a tuple in the policy's order (`doel.volgorde`), to compare
    lexicographically: by default persons housed, days waited by those housed, days until the
    dwellings can be let (negated), spare bedrooms (negated), kern preferences met."""
    totaal: dict[str, int] = {}
    for h, w in plan.items():
        for niveau, v in niveaus(huishoudens[h], woningen[w], beleid, peildatum).items():
            totaal[niveau] = totaal.get(niveau, 0) + v
    return tuple(totaal.get(n, 0) for n in beleid.doel.volgorde)


def alle_plannen(ok: np.ndarray):
    """Every assignment: each household one admissible dwelling or none, no dwelling twice."""
    n_hh, n_w = ok.shape
    keuzes = [[-1] + [w for w in range(n_w) if ok[h, w]] for h in range(n_hh)]
    for combi in itertools.product(*keuzes):
        gekozen = [w for w in combi if w >= 0]
        if len(gekozen) == len(set(gekozen)):
            yield {h: w for h, w in enumerate(combi) if w >= 0}


# ---------------------------------------------------------------- random instances

PEILDATA = [dt.date(2023, 3, 1), dt.date(2024, 2, 15)]
HUREN = [452.0, 520.0, 600.0, 633.25, 647.19, 647.20, 650.43, 650.44, 678.66, 693.60, 693.61,
         697.07, 697.08, 720.0, 760.0]
HUREN_LAAG = [452.0, 480.0, 520.0, 560.0, 600.0, 640.0]  # under every limit: rent never decides


def _beleiden() -> dict:
    eigen = {
        "flex_wachten": {"basis": "flexibel", "nareizigers": "wachten"},
        "strikt_vooruit": {"basis": "strikt", "nareizigers": "vooruit", "kinderen_per_kamer": 1,
                           "ruim_kinderen_per_kamer": 1},
        # Loose rules: many admissible pairs, so households compete for the same dwellings.
        "ruim": {"basis": "flexibel", "max_extra_slaapkamers": 3, "alleenstaande_max_slaapkamers": 3,
                 "passend_toewijzen": False, "vooruit_maanden": 12},
    }
    return {n: laad_beleid(n, eigen) for n in ("strikt", "flexibel", "flex_wachten", "strikt_vooruit", "ruim")}


BELEIDEN = _beleiden()

# Strategies are built once here: building them inside a composite costs more than drawing.
kinderen_st = st.lists(st.builds(Kind, st.sampled_from("jjmmx"), st.integers(0, 17)), max_size=4).map(tuple)
_KINDEREN = st.one_of(st.lists(st.builds(Kind, st.sampled_from("jm"), st.integers(0, 17)), max_size=2).map(tuple),
                      kinderen_st)
_VOLWASSENEN = st.sampled_from([1, 1, 1, 2, 2, 3])
_NAREIZIGERS = st.sampled_from([0, 0, 0, 0, 1, 2, 3])
_VOORKEUR = st.sampled_from([None, None, "Leusden", "Achterveld"])
_TOEGANKELIJK_HH = st.sampled_from([False] * 7 + [True])
_VERBLIJF = st.sampled_from(["COA"] * 13 + ["TakeCareBNB", "buitenland"])
_PARTNERS = st.sampled_from([None, None, None, False])
_KERN = st.sampled_from(["Leusden", "Leusden", "Leusden", "Achterveld"])
_SLAAPKAMERS = st.sampled_from([0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 5])
_VERSCHUIVING = st.sampled_from([-45, -1, 0, 0, 0, 0, 0, 0, 0, 1, 60, 150, 200, 240])  # beschikbaar - peildatum
_SOORT = st.sampled_from(["vrij", "vrij", "gereserveerd", "nieuwbouw", "renovatie", "opzegging"])
_TOEGANKELIJK_W = st.sampled_from([False, False, True])
_HUREN = {}


def _huur_st(huren) -> st.SearchStrategy:
    sleutel = tuple(huren)
    if sleutel not in _HUREN:
        _HUREN[sleutel] = st.sampled_from(HUREN_LAAG * 3 + list(huren))
    return _HUREN[sleutel]


@st.composite
def huishouden_st(draw, hid: str, peildatum: dt.date, koppel_dagen: int = 400) -> Huishouden:
    """Mostly small households with few children, so random rounds have many admissible pairs."""
    volw = draw(_VOLWASSENEN)
    return Huishouden(
        id=hid,
        koppeldatum=peildatum - dt.timedelta(days=draw(st.integers(0, koppel_dagen))),
        volwassenen=volw,
        kinderen=draw(_KINDEREN),
        nareizigers=draw(_NAREIZIGERS),
        voorkeur_kern=draw(_VOORKEUR),
        toegankelijk=draw(_TOEGANKELIJK_HH),
        verblijf=draw(_VERBLIJF),
        partners=draw(_PARTNERS) if volw >= 2 else None,
    )


@st.composite
def woning_st(draw, wid: str, peildatum: dt.date, huren=HUREN) -> Woning:
    return Woning(
        id=wid,
        kern=draw(_KERN),
        slaapkamers=draw(_SLAAPKAMERS),
        huur=draw(_huur_st(huren)),
        beschikbaar=peildatum + dt.timedelta(days=draw(_VERSCHUIVING)),
        soort=draw(_SOORT),
        toegankelijk=draw(_TOEGANKELIJK_W),
    )


@st.composite
def ronde_st(draw, max_hh: int, max_w: int, beleiden=tuple(BELEIDEN), huren=HUREN, koppel_dagen: int = 400,
             min_hh: int = 1, min_w: int = 1):
    """(households, dwellings, policy, peildatum) of a random allocation round."""
    peildatum = draw(st.sampled_from(PEILDATA))
    n_hh = draw(st.integers(min_hh, max_hh))
    n_w = draw(st.integers(min_w, max_w))
    hh = [draw(huishouden_st(f"H{i:02d}", peildatum, koppel_dagen)) for i in range(n_hh)]
    ww = [draw(woning_st(f"W{j:02d}", peildatum, huren)) for j in range(n_w)]
    return hh, ww, BELEIDEN[draw(st.sampled_from(beleiden))], peildatum
