"""Drawing the demand side of the world: the household mix, COA links per window, AMVs and their dwellings.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from matching.huishoudens import Huishouden, Kind

from .scenario import Scenario
from .per_scenario import per_scenario
from .stromen import Trekker, dubbels, kans_cdf, toevalsstroom
from .aanbod import _dagen, _uniform_int
from .kalender import totaalopgave
from .snelbouw import bouwer
from .wereld_records import AMV, KomendHuishouden, KomendeWoning

_Kind, _Huishouden, _KomendHuishouden = bouwer(Kind), bouwer(Huishouden), bouwer(KomendHuishouden)


def _personen_per_soort(sc: Scenario) -> np.ndarray:
    """Expected persons of each household type, nareizigers included (they count on arrival)."""
    return np.array([s.volwassenen + sum(s.kinderen) / 2 + sum(s.nareizigers) / 2 for s in sc.vraag.samenstelling])


def mix_gewichten(sc: Scenario) -> np.ndarray:
    """The household mix, tilted to the plan's persons per dwelling when the scenario states it.

    Exponential tilting: w_i' ~ w_i exp(theta m_i), with m_i the expected persons of type i and
    theta such that the mean is the plan's. Of all mixes with that mean it is the one closest to
    the stated mix (least Kullback-Leibler divergence), so the shares keep their order within
    small and within large households; the mean is increasing in theta, so bisection finds it."""
    gewichten = tuple(float(s.gewicht) for s in sc.vraag.samenstelling)
    personen = tuple(float(x) for x in _personen_per_soort(sc))
    return np.array(_gekantelde_mix(gewichten, personen, sc.vraag.personen_per_woning))


@lru_cache(maxsize=64)
def _gekantelde_mix(gewichten: tuple[float, ...], personen: tuple[float, ...], doel: float | None) -> tuple[float, ...]:
    """Cached: the same for every replication of a scenario, and 200 bisection steps each time
    cost more than drawing the replication's households."""
    w = np.array(gewichten, float)
    w = w / w.sum()
    if doel is None:
        return tuple(w.tolist())
    m = np.array(personen, float)
    if not m[w > 0].min() < doel < m[w > 0].max():
        raise ValueError(f"personen_per_woning {doel} ligt niet tussen de kleinste ({m[w > 0].min():.2f}) en de "
                         f"grootste ({m[w > 0].max():.2f}) huishoudsoort van vraag.samenstelling")

    def gekanteld(theta: float) -> np.ndarray:
        z = np.log(np.where(w > 0, w, 1.0)) + theta * m
        z = np.where(w > 0, z - z[w > 0].max(), -np.inf)
        e = np.exp(z)
        return e / e.sum()

    lo, hi = -50.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if float(gekanteld(mid) @ m) < doel:
            lo = mid
        else:
            hi = mid
    return tuple(gekanteld((lo + hi) / 2).tolist())


def gemiddelde_personen(sc: Scenario) -> float:
    return float(mix_gewichten(sc) @ _personen_per_soort(sc))


def _maanden_later(d: dt.date, maanden: int) -> dt.date:
    j, m = divmod(d.month - 1 + maanden, 12)
    return dt.date(d.year + j, m + 1, 1) if d.day == 1 else dt.date(d.year + j, m + 1, min(d.day, 28))


def koppelvensters(sc: Scenario, startpersonen: int, amvs: list["AMV"] = ()) -> list[tuple[int, int, float]]:
    """(first day, last day, persons) COA links per period, so that the start list, the persons
    linked and the AMVs who count within the horizon cover the totaalopgave x koppeling_factor.

    The first period's target is what remains of its totaalopgave (taakstelling - stand_start -
    realisatie so far); each later period's is its taakstelling (an achterstand that builds up
    during the horizon is made of households already linked and still waiting). A period's
    koppelingen fall in its first `koppelen_binnen_maanden` months (COA must have linked enough by
    1 April / 1 October); a target already covered carries its surplus to the next period."""
    grenzen, perioden = _vensters(sc)
    horizon = sc.horizon_dagen
    nidos = np.zeros(len(perioden))
    for amv in amvs:
        telt_bij_kso = amv.leeftijd_kso >= sc.nidos.telt_vanaf_leeftijd
        d = amv.kso_dag if telt_bij_kso else amv.uitstroom_dag
        if 0 <= d < horizon:
            nidos[bisect_right(grenzen, d) - 1] += 1
    uit = []
    tekort = -float(startpersonen)
    for i, (a, b, basis) in enumerate(perioden):
        personen = basis + tekort - nidos[i]
        tekort = min(personen, 0.0)
        uit.append((a, b, max(personen, 0.0)))
    return uit


@per_scenario
def _vensters(sc: Scenario) -> tuple[list[int], list[tuple[int, int, float]]]:
    """The periods' first days (and the last one's end), and per period its linking window and
    the persons to link before the start list and the AMVs are counted."""
    v = sc.vraag
    horizon = sc.horizon_dagen
    grenzen = [_dagen(sc, p.start) for p in sc.periode] + [_dagen(sc, sc.periode[-1].eind)]
    perioden = []
    for i, p in enumerate(sc.periode):
        doel = p.taakstelling + (p.extra_opgave if v.extra_opgave_meetellen else 0)
        if not sc.verplicht(p):
            # No obligation any more: COA is assumed to keep linking at the stated taakstelling,
            # which now reads as the expected inflow (no stand, no extra opgave).
            doel = p.taakstelling - (p.realisatie if i == 0 else 0)
        elif i == 0:
            doel = totaalopgave(doel, sc.stand_start) - p.realisatie
        a = max(_dagen(sc, p.start), 0)
        b = _dagen(sc, _maanden_later(p.start, v.koppelen_binnen_maanden))
        if b <= a + 14:  # the window has passed (a re-forecast late in the period): link within a month
            b = a + 30
        deel = (min(b, horizon) - a) / (b - a) if b > a else 0.0
        perioden.append((a, min(b, horizon), v.koppeling_factor * max(doel, 0) * max(deel, 0.0)))
    return grenzen, perioden


def trek_samenstelling(sc: Scenario, r_s: np.random.Generator | Trekker, gewichten: np.ndarray):
    """One household's type, children and nareizigers from the demand mix (also the sample of
    expected households for look-ahead, on its own stream). The draws of `choice(n, p=gewichten)`
    and `integers`: the same numbers from a Generator or a `Trekker` on the same stream."""
    return _samenstelling(sc.vraag.samenstelling, _cdf_van(gewichten), r_s)


_CDF: dict[bytes, list[float]] = {}


def _cdf_van(gewichten: np.ndarray) -> list[float]:
    sleutel = np.asarray(gewichten).dtype.str.encode() + np.asarray(gewichten).tobytes()
    cdf = _CDF.get(sleutel)
    if cdf is None:
        if len(_CDF) >= 64:
            _CDF.clear()
        cdf = _CDF[sleutel] = kans_cdf(gewichten)
    return cdf


def _samenstelling(soorten, cdf: list[float], r):
    s = soorten[r.kies(cdf) if type(r) is Trekker else bisect_right(cdf, r.random())]
    lo, hi = s.kinderen
    n_kind = int(r.integers(lo, hi + 1)) if hi > lo else int(lo)
    kinderen = tuple(_Kind("j" if r.random() < 0.5 else "m", int(r.integers(0, 18)))
                     for _ in range(n_kind)) if n_kind > 0 else ()
    lo, hi = s.nareizigers
    return s, kinderen, int(r.integers(lo, hi + 1)) if hi > lo else int(lo)


@dataclass(frozen=True)
class _Mix:
    """The demand mix of a scenario, the same in every replication."""
    soorten: tuple
    cdf: list[float]
    gem: float


@per_scenario
def _mix(sc: Scenario) -> _Mix:
    return _Mix(tuple(sc.vraag.samenstelling), kans_cdf(mix_gewichten(sc)), gemiddelde_personen(sc))


def _koppeldagen(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden], amvs: list[AMV]) -> list[float]:
    """The koppelingen's days: per window a Poisson number, uniform over it, sorted."""
    if not sc.vraag.samenstelling:
        return []
    gem = _mix(sc).gem
    r_k = None
    dagen: list[float] = []
    for a, b, personen in koppelvensters(sc, sum(h.personen_totaal for h in startlijst), amvs):
        if b <= a or personen <= 0:
            continue
        if r_k is None:
            r_k = toevalsstroom(seed, rep, "koppelingen")
        dagen += np.sort(r_k.uniform(a, b, int(r_k.poisson(personen / gem)))).tolist()
    return dagen


def trek_koppelingen(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden],
                     amvs: list[AMV] = ()) -> list[KomendHuishouden]:
    """COA's koppelingen: per period a Poisson process over its linking window, whose expected
    persons are those `koppelvensters` gives; each household's composition, nareizigers,
    refusal and stay are drawn when it is created, from their own streams.

    The streams are independent, so the days come first: then the number of households is
    known, and the streams that draw the same per household (refusal, doorstroom: a double;
    TakeCareBNB: the stay's length, then whether offered) draw them as one block, the same
    numbers in the same order."""
    v = sc.vraag
    ds = sc.doorstroomlocatie
    dagen = _koppeldagen(sc, seed, rep, startlijst, amvs)
    n = len(startlijst) + len(dagen)
    weigert = [x < v.weigering_kans for x in dubbels(seed, rep, "weigeringen", n)]
    doorstroom = [x < ds.kans for x in dubbels(seed, rep, "doorstroom", n)] if ds is not None else [False] * n
    tcb_lo, tcb_hi = sc.takecarebnb.verblijf_dagen
    if tcb_hi > tcb_lo:
        tcb, tcb_u = Trekker(seed, rep, "verblijf").paren(n, tcb_lo, tcb_hi + 1)
    else:
        tcb, tcb_u = [int(tcb_lo)] * n, dubbels(seed, rep, "verblijf", n)
    tcb_kans = sc.takecarebnb.kans
    r_s, r_n, r_b, r_l = (Trekker(seed, rep, naam) for naam in ("samenstelling", "nareizigers", "buitenland", "startlijst"))
    reis_lo, reis_hi = v.visum_reis_dagen
    start = sc.startdatum
    uit: list[KomendHuishouden] = []

    def aanvullen(hh: Huishouden, dag: int, r_nar: Trekker) -> KomendHuishouden:
        j = len(uit)
        nar_dag = None
        n_nar = hh.nareizigers - (1 if hh.volwassenen == 1 else 0)
        nar_kinderen = tuple(_Kind("j" if r_nar.random() < 0.5 else "m", r_nar.integers(0, 18))
                             for _ in range(n_nar)) if n_nar > 0 else ()
        reis = r_nar.integers(reis_lo, reis_hi + 1) if reis_hi > reis_lo else int(reis_lo)
        if hh.nareizigers:
            if hh.nareizigers_verwacht is not None:
                nar_dag = max((hh.nareizigers_verwacht - start).days, dag)
            else:
                nar_dag = max(dag, 0) + _uniform_int(r_nar, v.nareizigers_vertraging_dagen)
        aangeboden = tcb_u[j] < tcb_kans and hh.personen <= 2
        in_nl = 0
        if hh.verblijf == "buitenland":
            in_nl = max(dag, 0) + _uniform_int(r_b, v.buitenland_vertraging_dagen)
        # One draw per household whatever the policy; whether a place is free is the simulation's.
        return _KomendHuishouden(dag, hh, weigert[j], nar_dag, nar_kinderen, in_nl, tcb[j] if aangeboden else 0,
                                 reis, doorstroom[j])

    for hh in startlijst:
        uit.append(aanvullen(hh, min((hh.koppeldatum - start).days, 0), r_l))
    if not dagen:
        return uit
    mix = _mix(sc)
    soorten, cdf = mix.soorten, mix.cdf
    tweede = sc.kernen[1] if len(sc.kernen) > 1 else None
    voorkeur_kans, buitenland_kans, toegankelijk_kans = v.voorkeur_achterveld, v.buitenland_aandeel, v.toegankelijk_aandeel
    start_ord = start.toordinal()
    datum = dt.date.fromordinal
    nv_lo, nv_hi = v.nareizigers_vertraging_dagen
    j = len(uit)
    for teller, d in enumerate(dagen, 1):
        s, kinderen, nar = _samenstelling(soorten, cdf, r_s)
        voorkeur = tweede if tweede and r_s.random() < voorkeur_kans else None
        buitenland = r_s.random() < buitenland_kans
        dag = int(d)
        volwassenen = s.volwassenen
        hh = _Huishouden(f"K{teller:04d}", datum(start_ord + dag), volwassenen, kinderen,
                         nar, None, voorkeur, r_s.random() < toegankelijk_kans,
                         "buitenland" if buitenland else "COA")
        # `aanvullen`, inline for a household just drawn (no expected date for nareizigers).
        n_nar = nar - (1 if volwassenen == 1 else 0)
        nar_kinderen = tuple(_Kind("j" if r_n.random() < 0.5 else "m", r_n.integers(0, 18))
                             for _ in range(n_nar)) if n_nar > 0 else ()
        reis = r_n.integers(reis_lo, reis_hi + 1) if reis_hi > reis_lo else int(reis_lo)
        nar_dag = None
        if nar:
            nar_dag = max(dag, 0) + (r_n.integers(nv_lo, nv_hi + 1) if nv_hi > nv_lo else int(nv_lo))
        in_nl = max(dag, 0) + _uniform_int(r_b, v.buitenland_vertraging_dagen) if buitenland else 0
        aangeboden = tcb_u[j] < tcb_kans and volwassenen + len(kinderen) <= 2
        uit.append(_KomendHuishouden(dag, hh, weigert[j], nar_dag, nar_kinderen, in_nl, tcb[j] if aangeboden else 0,
                                     reis, doorstroom[j]))
        j += 1
    return uit


def trek_amvs(sc: Scenario, seed: int, rep: int) -> list[AMV]:
    """Nidos AMVs: outflow when they reach the outflow age; the birthday within the year is
    unknown, so it is drawn."""
    rng = Trekker(seed, rep, "nidos")
    uit = []
    for g, groep in enumerate(sc.nidos.groepen):
        kso = _dagen(sc, groep.kso_sinds)
        for i, leeftijd in enumerate(groep.leeftijden):
            jaren = max(groep.uitstroom_leeftijd - leeftijd, 0)
            uitstroom = kso + int(jaren * 365.25 - rng.uniform(0, 365)) if jaren else kso
            uit.append(AMV(f"A{g}{i}", kso, leeftijd, max(uitstroom, kso)))
    return uit


def reserveer_voor_amvs(sc: Scenario, amvs: list[AMV], woningen: list[KomendeWoning]
                        ) -> tuple[list[AMV], list[KomendeWoning]]:
    """Nidos signals `signaal_dagen` before an AMV's outflow; WSL then reserves a dwelling for one
    person from the statushouder supply: the first studio or one-bedroom dwelling that comes free
    after the signal (the one free closest before the outflow, if any). It leaves the supply, so
    the regular list never sees it: the same supply is not counted twice."""
    vrij = list(woningen)
    uit = []
    # Dwellings for one person and their day free, once; those taken leave `vrij` and `klein`.
    klein = [k for k in vrij if k.woning.slaapkamers <= 1]
    start = sc.startdatum
    dag = {id(k): (k.woning.beschikbaar - start).days for k in klein}
    for amv in sorted(amvs, key=lambda a: (a.uitstroom_dag, a.id)):
        if not 0 <= amv.uitstroom_dag < sc.horizon_dagen:
            uit.append(amv)
            continue
        grens = max(amv.uitstroom_dag - sc.nidos.signaal_dagen, 0)
        passend = [k for k in klein if k.bekend >= grens]
        if not passend:
            uit.append(amv)
            continue
        voor = [k for k in passend if dag[id(k)] <= amv.uitstroom_dag]
        keuze = max(voor, key=lambda k: (dag[id(k)], k.woning.id)) if voor else \
            min(passend, key=lambda k: (dag[id(k)], k.woning.id))
        weg = vrij.pop(vrij.index(keuze))  # list.remove: the first equal one
        klein = [k for k in klein if k is not weg]
        uit.append(replace(amv, woning=keuze.woning))
    uit.sort(key=lambda a: a.id)
    return uit, vrij
