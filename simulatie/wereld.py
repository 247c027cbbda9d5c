"""Wereld: everything outside the municipality's control, drawn once per replication.

Vacancies, deliveries, koppelingen with their composition, nareizigers' arrival, refusals,
host stays and Nidos outflow are drawn here from their own streams, before any policy acts.
Every policy then runs on the identical world: that is what makes paired comparison exact
(identical policies differ by exactly 0) and keeps the SimPy model itself deterministic.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np

from matching.huishoudens import Huishouden, Kind
from matching.woningen import Woning

from .scenario import Scenario, gedateerde_delen
from .stromen import stroom


@dataclass(frozen=True, slots=True)
class KomendeWoning:
    """A dwelling that enters the statushouder pool on day `bekend` (sim days from start)."""
    bekend: int
    woning: Woning
    vervangbaar: bool = True  # part of the agreed number (a room under a voorrangsverbod is not)


@dataclass(frozen=True, slots=True)
class KomendHuishouden:
    dag: int                      # day of koppeling (<= 0: on the list at the start)
    hh: Huishouden
    weigert: bool                 # refuses the single offer (drawn at creation, not at the offer)
    nareizigers_dag: int | None   # day the family arrives, if any
    nareizigers_kinderen: tuple[Kind, ...]  # who arrives besides a partner (a single adult's first)
    in_nl_dag: int                # day the household is in the Netherlands (0: already)
    tcb_dagen: int                # length of a TakeCareBNB stay if offered one (0: not offered)
    visum_reis_dagen: int = 0     # travel time once a visa is granted (visa switch)
    doorstroom: bool = False      # goes to the doorstroomlocatie on koppeling if a place is free


@dataclass(frozen=True, slots=True)
class AMV:
    id: str
    kso_dag: int        # moved into Nidos small-scale housing (may be before the start)
    leeftijd_kso: int
    uitstroom_dag: int  # day of outflow to an own dwelling
    woning: Woning | None = None  # reserved by WSL after Nidos's signal, taken from the supply


@dataclass(frozen=True, slots=True)
class Vervanging:
    """The corporation's next re-let, offered in place of a dwelling nobody on the list fit."""
    na_dagen: int       # days after the return
    woning: Woning      # its `beschikbaar` is filled in when it is offered


@dataclass
class Wereld:
    replicatie: int
    woningen: list[KomendeWoning] = field(default_factory=list)
    huishoudens: list[KomendHuishouden] = field(default_factory=list)
    amvs: list[AMV] = field(default_factory=list)
    woningen_per_jaar: float = 0.0           # the agreed number drawn for this replication
    vervangingen: list[Vervanging] = field(default_factory=list)


def _dagen(sc: Scenario, d: dt.date) -> int:
    return (d - sc.startdatum).days


def _uniform_int(rng: np.random.Generator, bereik: tuple[int, int]) -> int:
    lo, hi = bereik
    return int(rng.integers(lo, hi + 1)) if hi > lo else int(lo)


def _factor(sc: Scenario, dag: int) -> float:
    f = 1.0
    for w in sorted(sc.aanbod.wijzigingen, key=lambda w: w.vanaf):
        if dag >= _dagen(sc, w.vanaf):
            f = w.factor
    return f


def _trek_woningen(rng: np.random.Generator, sc: Scenario, n: int) -> dict[str, np.ndarray]:
    """Attributes of n dwellings from the scenario's mix, drawn as whole arrays."""
    a = sc.aanbod
    kamers = np.array([int(k) for k in a.slaapkamers])
    p = np.array(list(a.slaapkamers.values()), float)
    kernen = np.array(list(a.kern), dtype=object)
    pk = np.array(list(a.kern.values()), float)
    k_idx = rng.choice(len(kamers), size=n, p=p / p.sum())
    kern_idx = rng.choice(len(kernen), size=n, p=pk / pk.sum())
    lo = np.array([a.huur[str(k)][0] for k in kamers])[k_idx]
    hi = np.array([a.huur[str(k)][1] for k in kamers])[k_idx]
    return {"slaapkamers": kamers[k_idx], "kern": kernen[kern_idx],
            "huur": np.round(lo + (hi - lo) * rng.random(n), 2),
            "toegankelijk": rng.random(n) < a.toegankelijk_aandeel}


def _woning(sc: Scenario, attr: dict[str, np.ndarray], i: int, wid: str, beschikbaar: int, soort: str) -> Woning:
    return Woning(wid, str(attr["kern"][i]), int(attr["slaapkamers"][i]), float(attr["huur"][i]),
                  sc.startdatum + dt.timedelta(days=int(beschikbaar)), soort, bool(attr["toegankelijk"][i]))


def hervermietingen_verwacht(sc: Scenario, woningen_per_jaar: float, startwoningen: list[Woning]) -> float:
    """Re-lets still to come in the horizon: the agreed total minus its dated parts (under a
    voorrangsverbod, each window's total minus the dated parts of that window)."""
    return sum(n for n, _ in hervermietingen_per_venster(sc, woningen_per_jaar, startwoningen))


def hervermietingen_per_venster(sc: Scenario, woningen_per_jaar: float, startwoningen: list[Woning]
                                ) -> list[tuple[float, int]]:
    """(expected re-lets, days) before and after a voorrangsverbod. Before it: the agreed
    `woningen_per_jaar` over those days minus the dated parts dated before it; after it: the
    verbod's level minus the dated parts dated after it. Without a verbod one window."""
    h = sc.horizon_dagen
    v = sc.verbod_dag()
    if v is None:
        return [(max(woningen_per_jaar * h / 365.0 - gedateerde_delen(sc, startwoningen), 0.0), h)]
    grens = sc.startdatum + dt.timedelta(days=v)
    voor = max(woningen_per_jaar * v / 365.0 - gedateerde_delen(sc, startwoningen, tot=grens), 0.0)
    niveau = sc.voorrangsverbod.niveau(sc.aanbod)
    na = max(niveau * (h - v) / 365.0 - gedateerde_delen(sc, startwoningen, van=grens), 0.0)
    return [(voor, v), (na, h - v)]


def trek_vacatures(sc: Scenario, seed: int, rep: int, startwoningen: list[Woning] = ()) -> tuple[list[KomendeWoning], float]:
    """Re-lets for statushouders: what remains of the agreed `woningen_per_jaar` once the dated
    parts are in, as a Poisson process over the horizon (and a little beyond, so that dwellings
    announced before the horizon's end can be reserved), shaped by wijzigingen (fewer moves
    after a date). Some tenants announce leaving ahead: reservable early."""
    rng = stroom(seed, rep, "vacatures")
    a = sc.aanbod
    lo, hi = a.woningen_bereik
    per_jaar = float(rng.uniform(lo, hi)) if hi > lo else float(lo)
    # Rate per day in each window (before / after a voorrangsverbod); the rate after the horizon
    # (announced re-lets known before its end) is the last window's.
    tempi = [n / max(d, 1) for n, d in hervermietingen_per_venster(sc, per_jaar, list(startwoningen))]
    verbod = sc.verbod_dag()
    fmax = max([1.0] + [w.factor for w in a.wijzigingen])
    tmax = max(tempi)
    eind = sc.horizon_dagen + a.aankondiging_dagen[1]
    n = int(rng.poisson(tmax * fmax * eind))
    dagen = np.sort(rng.uniform(0, eind, n)).astype(np.int64)
    factor = np.array([_factor(sc, int(d)) for d in dagen]) if a.wijzigingen else np.ones(n)
    if verbod is not None and tmax > 0:
        factor = factor * np.where(dagen < verbod, tempi[0], tempi[-1]) / tmax
    behouden = rng.random(n) < factor / fmax
    aangekondigd = rng.random(n) < a.aangekondigd_aandeel
    alo, ahi = a.aankondiging_dagen
    vooraf = np.where(aangekondigd, rng.integers(alo, ahi + 1, n), 0)
    attr = _trek_woningen(rng, sc, n)
    bekend = np.maximum(dagen - vooraf, 0)
    uit = []
    for i in np.nonzero(behouden & (bekend < sc.horizon_dagen))[0].tolist():
        w = _woning(sc, attr, i, f"#V{i:04d}", dagen[i], "opzegging" if aangekondigd[i] else "vrij")
        uit.append(KomendeWoning(int(bekend[i]), w))
    return uit, per_jaar


def trek_vervangingen(sc: Scenario, seed: int, rep: int, n: int = 512) -> list[Vervanging]:
    """The corporation's next re-lets, in order, for dwellings that go back to regular letting;
    drawn before any policy acts, so every policy gets the same k-th replacement."""
    if not sc.aanbod.vervangen:
        return []
    rng = stroom(seed, rep, "vervanging")
    gemiddeld = 365.0 / sc.aanbod.alle_vacatures_per_jaar
    wachten = np.ceil(rng.exponential(gemiddeld, n)).astype(np.int64)
    attr = _trek_woningen(rng, sc, n)
    return [Vervanging(int(wachten[i]), _woning(sc, attr, i, f"#X{i:03d}", 0, "vrij")) for i in range(n)]


def trek_opleveringen(sc: Scenario, seed: int, rep: int) -> list[KomendeWoning]:
    """New-build and renovation deliveries known at the start, with building delays; plus
    renovations that add a bedroom, started through the year and reservable while under way."""
    rng = stroom(seed, rep, "opleveringen")
    uit = []
    for i, o in enumerate(sc.oplevering):
        vertraging = _uniform_int(rng, o.vertraging_dagen)
        dag = _dagen(sc, o.datum) + vertraging
        for j, k in enumerate(o.slaapkamers):
            w = Woning(f"#N{i:02d}{j:02d}", o.kern, int(k), float(o.huur), sc.startdatum + dt.timedelta(days=dag),
                       o.soort, o.toegankelijk, min_personen=sc.min_personen_groot if o.grote_gezinnen else 0)
            uit.append(KomendeWoning(0, w))
    rng = stroom(seed, rep, "renovaties")
    r = sc.renovatie
    n = int(rng.poisson(r.per_jaar * sc.horizon_dagen / 365.0))
    attr = _trek_woningen(rng, sc, n)
    for i, start in enumerate(np.sort(rng.uniform(0, sc.horizon_dagen, n)).tolist()):
        k = int(rng.choice(r.slaapkamers_na))
        basis = _woning(sc, attr, i, f"#R{i:03d}", int(start) + r.doorloop_dagen, "renovatie")
        lo, hi = sc.aanbod.huur.get(str(k), sc.aanbod.huur[max(sc.aanbod.huur, key=int)])
        uit.append(KomendeWoning(int(start), replace(basis, slaapkamers=k, huur=round(float(rng.uniform(lo, hi)), 2))))
    return uit


def trek_kamers(sc: Scenario, seed: int, rep: int) -> list[KomendeWoning]:
    """Rooms and shared housing that keep priority under a voorrangsverbod: a Poisson process of
    `kamers_per_jaar` from its date for `kamers_maanden` months (within the horizon). A room has
    0 slaapkamers (so it goes to one person), lies in the hoofdkern, rent from aanbod.huur["0"];
    it is beside the verbod's level, and not replaced when it goes back to regular letting."""
    vv = sc.voorrangsverbod
    v = sc.verbod_dag()
    if vv is None or v is None or vv.kamers_per_jaar <= 0 or vv.kamers_maanden <= 0:
        return []
    rng = stroom(seed, rep, "kamers")
    eind = min(_dagen(sc, maanden_later(vv.vanaf, vv.kamers_maanden)), sc.horizon_dagen)
    begin = max(_dagen(sc, vv.vanaf), 0)
    if eind <= begin:
        return []
    n = int(rng.poisson(vv.kamers_per_jaar * (eind - begin) / 365.0))
    dagen = np.sort(rng.uniform(begin, eind, n)).astype(np.int64)
    lo, hi = sc.aanbod.huur["0"]
    huur = np.round(lo + (hi - lo) * rng.random(n), 2)
    return [KomendeWoning(int(d), Woning(f"#K{i:03d}", sc.hoofdkern, 0, float(huur[i]),
                                         sc.startdatum + dt.timedelta(days=int(d)), "vrij"), vervangbaar=False)
            for i, d in enumerate(dagen.tolist())]


def maanden_later(d: dt.date, maanden: int) -> dt.date:
    """The same day `maanden` calendar months later (a day the month lacks: its last day)."""
    j, m = divmod(d.month - 1 + maanden, 12)
    jaar, maand = d.year + j, m + 1
    return dt.date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


def _personen_per_soort(sc: Scenario) -> np.ndarray:
    """Expected persons of each household type, nareizigers included (they count on arrival)."""
    return np.array([s.volwassenen + sum(s.kinderen) / 2 + sum(s.nareizigers) / 2 for s in sc.vraag.samenstelling])


def mix_gewichten(sc: Scenario) -> np.ndarray:
    """The household mix, tilted to the plan's persons per dwelling when the scenario states it.

    Exponential tilting: w_i' ~ w_i exp(theta m_i), with m_i the expected persons of type i and
    theta such that the mean is the plan's. Of all mixes with that mean it is the one closest to
    the stated mix (least Kullback-Leibler divergence), so the shares keep their order within
    small and within large households; the mean is increasing in theta, so bisection finds it."""
    w = np.array([s.gewicht for s in sc.vraag.samenstelling], float)
    w = w / w.sum()
    doel = sc.vraag.personen_per_woning
    if doel is None:
        return w
    m = _personen_per_soort(sc)
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
    return gekanteld((lo + hi) / 2)


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
    v = sc.vraag
    horizon = sc.horizon_dagen
    nidos = np.zeros(len(sc.periode))
    grenzen = [_dagen(sc, p.start) for p in sc.periode] + [_dagen(sc, sc.periode[-1].eind)]
    for amv in amvs:
        telt_bij_kso = amv.leeftijd_kso >= sc.nidos.telt_vanaf_leeftijd
        d = amv.kso_dag if telt_bij_kso else amv.uitstroom_dag
        if 0 <= d < horizon:
            nidos[int(np.searchsorted(grenzen, d, side="right")) - 1] += 1
    uit = []
    tekort = -float(startpersonen)
    for i, p in enumerate(sc.periode):
        doel = p.taakstelling + (p.extra_opgave if v.extra_opgave_meetellen else 0)
        if not sc.verplicht(p):
            # No obligation any more: COA is assumed to keep linking at the stated taakstelling,
            # which now reads as the expected inflow (no stand, no extra opgave).
            doel = p.taakstelling - (p.realisatie if i == 0 else 0)
        elif i == 0:
            doel = doel - sc.stand_start - p.realisatie
        a = max(_dagen(sc, p.start), 0)
        b = _dagen(sc, _maanden_later(p.start, v.koppelen_binnen_maanden))
        if b <= a + 14:  # the window has passed (a re-forecast late in the period): link within a month
            b = a + 30
        deel = (min(b, horizon) - a) / (b - a) if b > a else 0.0
        personen = v.koppeling_factor * max(doel, 0) * max(deel, 0.0) + tekort - nidos[i]
        tekort = min(personen, 0.0)
        uit.append((a, min(b, horizon), max(personen, 0.0)))
    return uit


def trek_koppelingen(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden],
                     amvs: list[AMV] = ()) -> list[KomendHuishouden]:
    """COA's koppelingen: per period a Poisson process over its linking window, whose expected
    persons are those `koppelvensters` gives; each household's composition, nareizigers,
    refusal and stay are drawn when it is created, from their own streams."""
    v = sc.vraag
    r_k = stroom(seed, rep, "koppelingen")
    r_s = stroom(seed, rep, "samenstelling")
    r_n = stroom(seed, rep, "nareizigers")
    r_w = stroom(seed, rep, "weigeringen")
    r_v = stroom(seed, rep, "verblijf")
    r_b = stroom(seed, rep, "buitenland")
    r_l = stroom(seed, rep, "startlijst")
    r_d = stroom(seed, rep, "doorstroom")
    ds = sc.doorstroomlocatie
    uit: list[KomendHuishouden] = []

    def aanvullen(hh: Huishouden, dag: int, r_nar: np.random.Generator) -> KomendHuishouden:
        nar_dag = None
        partner = 1 if hh.volwassenen == 1 else 0
        nar_kinderen = tuple(Kind("j" if r_nar.random() < 0.5 else "m", int(r_nar.integers(0, 18)))
                             for _ in range(max(hh.nareizigers - partner, 0)))
        reis = _uniform_int(r_nar, v.visum_reis_dagen)
        if hh.nareizigers:
            if hh.nareizigers_verwacht is not None:
                nar_dag = max(_dagen(sc, hh.nareizigers_verwacht), dag)
            else:
                nar_dag = max(dag, 0) + _uniform_int(r_nar, v.nareizigers_vertraging_dagen)
        weigert = bool(r_w.random() < v.weigering_kans)
        tcb = _uniform_int(r_v, sc.takecarebnb.verblijf_dagen)
        aangeboden = r_v.random() < sc.takecarebnb.kans and hh.personen <= 2
        in_nl = 0
        if hh.verblijf == "buitenland":
            in_nl = max(dag, 0) + _uniform_int(r_b, v.buitenland_vertraging_dagen)
        # One draw per household whatever the policy; whether a place is free is the simulation's.
        doorstroom = ds is not None and bool(r_d.random() < ds.kans)
        return KomendHuishouden(dag, hh, weigert, nar_dag, nar_kinderen, in_nl, tcb if aangeboden else 0, reis,
                                doorstroom)

    for hh in startlijst:
        uit.append(aanvullen(hh, min(_dagen(sc, hh.koppeldatum), 0), r_l))
    mix = sc.vraag.samenstelling
    if not mix:
        return uit
    gewichten = mix_gewichten(sc)
    gem = gemiddelde_personen(sc)
    startpersonen = sum(h.personen_totaal for h in startlijst)
    teller = 0
    for a, b, personen in koppelvensters(sc, startpersonen, amvs):
        if b <= a or personen <= 0:
            continue
        for d in np.sort(r_k.uniform(a, b, int(r_k.poisson(personen / gem)))).tolist():
            s = mix[int(r_s.choice(len(mix), p=gewichten))]
            n_kind = _uniform_int(r_s, s.kinderen)
            kinderen = tuple(Kind("j" if r_s.random() < 0.5 else "m", int(r_s.integers(0, 18)))
                             for _ in range(n_kind))
            nar = _uniform_int(r_s, s.nareizigers)
            tweede = sc.kernen[1] if len(sc.kernen) > 1 else None
            voorkeur = tweede if tweede and r_s.random() < v.voorkeur_achterveld else None
            buitenland = r_s.random() < v.buitenland_aandeel
            teller += 1
            hh = Huishouden(f"K{teller:04d}", sc.startdatum + dt.timedelta(days=int(d)), s.volwassenen, kinderen,
                            nar, None, voorkeur, bool(r_s.random() < v.toegankelijk_aandeel),
                            "buitenland" if buitenland else "COA")
            uit.append(aanvullen(hh, int(d), r_n))
    return uit


def trek_amvs(sc: Scenario, seed: int, rep: int) -> list[AMV]:
    """Nidos AMVs: outflow when they reach the outflow age; the birthday within the year is
    unknown, so it is drawn."""
    rng = stroom(seed, rep, "nidos")
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
    for amv in sorted(amvs, key=lambda a: (a.uitstroom_dag, a.id)):
        if not 0 <= amv.uitstroom_dag < sc.horizon_dagen:
            uit.append(amv)
            continue
        signaal = amv.uitstroom_dag - sc.nidos.signaal_dagen
        passend = [k for k in vrij if k.woning.slaapkamers <= 1 and k.bekend >= max(signaal, 0)]
        if not passend:
            uit.append(amv)
            continue
        dag = {id(k): (k.woning.beschikbaar - sc.startdatum).days for k in passend}
        voor = [k for k in passend if dag[id(k)] <= amv.uitstroom_dag]
        keuze = max(voor, key=lambda k: (dag[id(k)], k.woning.id)) if voor else \
            min(passend, key=lambda k: (dag[id(k)], k.woning.id))
        vrij.remove(keuze)
        uit.append(replace(amv, woning=keuze.woning))
    uit.sort(key=lambda a: a.id)
    return uit, vrij


def trek_wereld(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden],
                startwoningen: list[Woning]) -> Wereld:
    vacatures, per_jaar = trek_vacatures(sc, seed, rep, startwoningen)
    woningen = ([KomendeWoning(0, w) for w in startwoningen] + trek_opleveringen(sc, seed, rep) + vacatures
                + trek_kamers(sc, seed, rep))
    woningen.sort(key=lambda k: (k.bekend, k.woning.id))
    amvs, woningen = reserveer_voor_amvs(sc, trek_amvs(sc, seed, rep), woningen)
    return Wereld(rep, woningen, trek_koppelingen(sc, seed, rep, startlijst, amvs), amvs, per_jaar,
                  trek_vervangingen(sc, seed, rep))
