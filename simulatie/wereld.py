"""Wereld: everything outside the municipality's control, drawn once per replication.

Vacancies, deliveries, koppelingen with their composition, nareizigers' arrival, refusals,
host stays and Nidos outflow are drawn here from their own streams, before any policy acts.
Every policy then runs on the identical world: that is what makes paired comparison exact
(identical policies differ by exactly 0) and keeps the SimPy model itself deterministic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np

from matching.huishoudens import Huishouden, Kind
from matching.woningen import Woning

from .scenario import Scenario
from .stromen import stroom


@dataclass(frozen=True, slots=True)
class KomendeWoning:
    """A dwelling that enters the statushouder pool on day `bekend` (sim days from start)."""
    bekend: int
    woning: Woning


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


@dataclass(frozen=True, slots=True)
class AMV:
    id: str
    kso_dag: int        # moved into Nidos small-scale housing (may be before the start)
    leeftijd_kso: int
    uitstroom_dag: int  # day of outflow to an own dwelling


@dataclass
class Wereld:
    replicatie: int
    woningen: list[KomendeWoning] = field(default_factory=list)
    huishoudens: list[KomendHuishouden] = field(default_factory=list)
    amvs: list[AMV] = field(default_factory=list)
    vacatures_per_jaar: float = 0.0


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


def trek_vacatures(sc: Scenario, seed: int, rep: int) -> tuple[list[KomendeWoning], float]:
    """WSL's re-lets: a Poisson process at a yearly rate drawn per replication from the
    scenario's range, thinned by the statushouder share (a rule, not a list) and by
    wijzigingen (fewer moves after a date). Some are announced ahead: reservable early."""
    rng = stroom(seed, rep, "vacatures")
    a = sc.aanbod
    lo, hi = a.vacatures_per_jaar
    per_jaar = float(rng.uniform(lo, hi)) if hi > lo else float(lo)
    fmax = max([1.0] + [w.factor for w in a.wijzigingen])
    eind = sc.horizon_dagen + a.aankondiging_dagen[1]
    n = int(rng.poisson(per_jaar / 365.0 * fmax * eind))
    dagen = np.sort(rng.uniform(0, eind, n)).astype(np.int64)
    factor = np.array([_factor(sc, int(d)) for d in dagen]) if a.wijzigingen else np.ones(n)
    behouden = rng.random(n) < factor / fmax
    voor_statushouders = rng.random(n) < a.aandeel_statushouders
    aangekondigd = rng.random(n) < a.aangekondigd_aandeel
    alo, ahi = a.aankondiging_dagen
    vooraf = np.where(aangekondigd, rng.integers(alo, ahi + 1, n), 0)
    attr = _trek_woningen(rng, sc, n)
    bekend = np.maximum(dagen - vooraf, 0)
    uit = []
    for i in np.nonzero(behouden & voor_statushouders & (bekend < sc.horizon_dagen))[0].tolist():
        w = _woning(sc, attr, i, f"#V{i:04d}", dagen[i], "opzegging" if aangekondigd[i] else "vrij")
        uit.append(KomendeWoning(int(bekend[i]), w))
    return uit, per_jaar


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
                       o.soort, o.toegankelijk)
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


def _gemiddelde_personen(sc: Scenario) -> float:
    mix = sc.vraag.samenstelling
    tot = sum(s.gewicht for s in mix)
    return sum(s.gewicht * (s.volwassenen + sum(s.kinderen) / 2) for s in mix) / tot


def trek_koppelingen(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden]) -> list[KomendHuishouden]:
    """COA's koppelingen: per period a Poisson process whose rate makes the expected linked
    persons equal koppeling_factor x taakstelling; each household's composition, nareizigers,
    refusal and stay are drawn when it is created, from their own streams."""
    v = sc.vraag
    r_k = stroom(seed, rep, "koppelingen")
    r_s = stroom(seed, rep, "samenstelling")
    r_n = stroom(seed, rep, "nareizigers")
    r_w = stroom(seed, rep, "weigeringen")
    r_v = stroom(seed, rep, "verblijf")
    r_b = stroom(seed, rep, "buitenland")
    r_l = stroom(seed, rep, "startlijst")
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
        return KomendHuishouden(dag, hh, weigert, nar_dag, nar_kinderen, in_nl, tcb if aangeboden else 0, reis)

    for hh in startlijst:
        uit.append(aanvullen(hh, min(_dagen(sc, hh.koppeldatum), 0), r_l))
    mix = sc.vraag.samenstelling
    if not mix:
        return uit
    gewichten = np.array([s.gewicht for s in mix], float)
    gewichten /= gewichten.sum()
    gem = _gemiddelde_personen(sc)
    teller = 0
    for p in sc.periode:
        a, b = max(_dagen(sc, p.start), 0), min(_dagen(sc, p.eind), sc.horizon_dagen)
        if b <= a:
            continue
        lengte = (p.eind - p.start).days
        verwacht = p.taakstelling * v.koppeling_factor / gem * (b - a) / lengte
        for d in np.sort(r_k.uniform(a, b, int(r_k.poisson(verwacht)))).tolist():
            s = mix[int(r_s.choice(len(mix), p=gewichten))]
            n_kind = _uniform_int(r_s, s.kinderen)
            kinderen = tuple(Kind("j" if r_s.random() < 0.5 else "m", int(r_s.integers(0, 18)))
                             for _ in range(n_kind))
            nar = _uniform_int(r_s, s.nareizigers)
            voorkeur = "Achterveld" if r_s.random() < v.voorkeur_achterveld and "Achterveld" in sc.kernen else None
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


def trek_wereld(sc: Scenario, seed: int, rep: int, startlijst: list[Huishouden],
                startwoningen: list[Woning]) -> Wereld:
    vacatures, per_jaar = trek_vacatures(sc, seed, rep)
    woningen = [KomendeWoning(0, w) for w in startwoningen] + trek_opleveringen(sc, seed, rep) + vacatures
    woningen.sort(key=lambda k: (k.bekend, k.woning.id))
    return Wereld(rep, woningen, trek_koppelingen(sc, seed, rep, startlijst), trek_amvs(sc, seed, rep), per_jaar)
