"""Drawing the supply side of the world: vacancies, replacements, deliveries, rooms; per-venster re-lettings.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from matching.beleid import Beleid
from matching.grenzen import controleer_omvang
from matching.kenmerktabel import HuishoudenTabel, toelaatbaar_op_rijen
from matching.regels import Ronde, WoningKenmerken, kerncodes, toelaatbaar
from matching.snelkern import kernen
from matching.woningen import SOORTEN, Woning, WoningSoort

from .kalender import simdag
from .scenario import Scenario, gedateerde_delen
from .per_scenario import per_scenario
from .stromen import Trekker, kans_cdf, toevalsstroom
from .snelbouw import bouwer
from .wereld_records import KomendeWoning, Vervanging

VRIJ = SOORTEN.index(WoningSoort.VRIJ)
_Woning, _KomendeWoning = bouwer(Woning), bouwer(KomendeWoning)


def _dagen(sc: Scenario, d: dt.date) -> int:
    return simdag(sc.startdatum, d)


def _uniform_int(rng: np.random.Generator, bereik: tuple[int, int]) -> int:
    lo, hi = bereik
    return int(rng.integers(lo, hi + 1)) if hi > lo else int(lo)


@dataclass(frozen=True)
class _Aanbod:
    """The supply mix of a scenario, the same in every replication: bedroom counts and kernen
    with the cumulative distributions `choice(p=)` searches, rent bounds per bedroom count, and
    the wijzigingen as (day, factor), by date: on a day the last one in force applies."""
    kamers: np.ndarray
    cdf_kamers: np.ndarray
    kernen: np.ndarray
    cdf_kernen: np.ndarray
    huur_lo: np.ndarray
    huur_hi: np.ndarray
    wijzigingen: tuple[tuple[int, float], ...]
    start_ord: int
    lijsten: tuple[list, ...] = ()  # the six arrays above as lists, for a few dwellings at a time
    huur_f: tuple[np.ndarray, np.ndarray] = ()  # lo and hi - lo as float64, as the rent's sum casts them


@per_scenario
def _aanbod(sc: Scenario) -> _Aanbod:
    a = sc.aanbod
    kamers = np.array([int(k) for k in a.slaapkamers])
    p = np.array(list(a.slaapkamers.values()), float)
    pk = np.array(list(a.kern.values()), float)
    arrays = (kamers, np.array(kans_cdf(p / p.sum())), np.array(list(a.kern), dtype=object),
              np.array(kans_cdf(pk / pk.sum())), np.array([a.huur[str(k)][0] for k in kamers]),
              np.array([a.huur[str(k)][1] for k in kamers]))
    return _Aanbod(*arrays,
                   tuple((_dagen(sc, w.vanaf), w.factor) for w in sorted(a.wijzigingen, key=lambda w: w.vanaf)),
                   sc.startdatum.toordinal(), tuple(x.tolist() for x in arrays),
                   (arrays[4].astype(np.float64), (arrays[5] - arrays[4]).astype(np.float64)))


def _trek_woningen(rng: np.random.Generator, sc: Scenario, n: int) -> dict[str, np.ndarray]:
    """Attributes of n dwellings from the scenario's mix, drawn as whole arrays: the draws of
    choice(p=) for bedrooms and for kern, then rents, then accessibility, n doubles each, so
    taken as one block of 4n."""
    v = _aanbod(sc)
    u = rng.random(4 * n)
    k_idx = v.cdf_kamers.searchsorted(u[:n], side="right")
    lo, breed = v.huur_f
    return {"slaapkamers": v.kamers[k_idx], "kern": v.kernen[v.cdf_kernen.searchsorted(u[n:2 * n], side="right")],
            "huur": np.round(lo[k_idx] + breed[k_idx] * u[2 * n:3 * n], 2),
            "toegankelijk": u[3 * n:] < sc.aanbod.toegankelijk_aandeel}


def _attributen(v: _Aanbod, u: list[float], n: int, i: int, toegankelijk_aandeel: float) -> tuple:
    """Dwelling i of `_trek_woningen`'s n from its block of 4n doubles `u`, without the arrays:
    kern, slaapkamers, huur, toegankelijk. The rent rounded as np.round(x, 2) does it: x * 100,
    rounded half to even, / 100."""
    kamers, cdf_kamers, kernen, cdf_kernen, huur_lo, huur_hi = v.lijsten
    k = bisect_right(cdf_kamers, u[i])
    lo, hi = huur_lo[k], huur_hi[k]
    return (kernen[bisect_right(cdf_kernen, u[n + i])], kamers[k],
            round((lo + (hi - lo) * u[2 * n + i]) * 100.0) / 100.0, u[3 * n + i] < toegankelijk_aandeel)


def _woning(sc: Scenario, attr: dict[str, np.ndarray], i: int, wid: str, beschikbaar: int, soort: str) -> Woning:
    return _Woning(wid, str(attr["kern"][i]), int(attr["slaapkamers"][i]), float(attr["huur"][i]),
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
    rng = toevalsstroom(seed, rep, "vacatures")
    a = sc.aanbod
    v = _aanbod(sc)
    lo, hi = a.woningen_bereik
    per_jaar = float(rng.uniform(lo, hi)) if hi > lo else float(lo)
    # Rate per day in each window (before / after a voorrangsverbod); the rate after the horizon
    # (announced re-lets known before its end) is the last window's.
    tempi = [n / max(d, 1) for n, d in hervermietingen_per_venster(sc, per_jaar, list(startwoningen))]
    verbod = sc.verbod_dag()
    fmax = max([1.0] + [w.factor for w in a.wijzigingen])
    tmax = max(tempi)
    horizon = sc.horizon_dagen
    eind = horizon + a.aankondiging_dagen[1]
    n = int(rng.poisson(tmax * fmax * eind))
    dagen = np.sort(rng.uniform(0, eind, n)).astype(np.int64).tolist()
    # Then n doubles (kept?), n doubles (announced?), n announcement periods and the n
    # dwellings' 4n doubles (`_trek_woningen`); worked out per dwelling in plain Python, as the
    # array code did (factor: the last wijziging in force, times the window's rate / tmax).
    u = rng.random(2 * n).tolist()
    alo, ahi = a.aankondiging_dagen
    vooraf = rng.integers(alo, ahi + 1, n).tolist()
    w_u = rng.random(4 * n).tolist()
    aandeel, toegankelijk = a.aangekondigd_aandeel, a.toegankelijk_aandeel
    met_verbod = verbod is not None and tmax > 0
    datum, start = dt.date.fromordinal, v.start_ord
    uit = []
    for i, d in enumerate(dagen):
        f = 1.0
        for vanaf, fw in v.wijzigingen:
            if d >= vanaf:
                f = fw
        if met_verbod:
            f = f * (tempi[0] if d < verbod else tempi[-1]) / tmax
        aangekondigd = u[n + i] < aandeel
        bekend = max(d - vooraf[i], 0) if aangekondigd else d
        if not (u[i] < f / fmax and bekend < horizon):
            continue
        kern, kamers, huur, toeg = _attributen(v, w_u, n, i, toegankelijk)
        w = _Woning(f"#V{i:04d}", kern, kamers, huur, datum(start + d),
                    WoningSoort.OPZEGGING if aangekondigd else WoningSoort.VRIJ, toeg)
        uit.append(_KomendeWoning(bekend, w))
    return uit, per_jaar


def trek_vervangingen(sc: Scenario, seed: int, rep: int, n: int = 512) -> "Vervangingen | list":
    """The corporation's next re-lets, in order, for dwellings that go back to regular letting;
    drawn before any policy acts, so every policy gets the same k-th replacement."""
    if not sc.aanbod.vervangen:
        return []
    rng = toevalsstroom(seed, rep, "vervanging")
    gemiddeld = 365.0 / sc.aanbod.alle_vacatures_per_jaar
    wachten = np.ceil(rng.exponential(gemiddeld, n)).astype(np.int64)
    return Vervangingen(sc, wachten, _trek_woningen(rng, sc, n))


class Vervangingen(Sequence):
    """The drawn replacements, made into `Vervanging` records only when one is offered: most
    replications need a handful of the hundreds drawn, and the search judges them straight
    from the drawn arrays (`kenmerken`)."""

    def __init__(self, sc: Scenario, wachten: np.ndarray, attr: dict[str, np.ndarray],
                 lijst: Sequence[Vervanging] | None = None):
        self._sc, self._wachten, self._attr = sc, wachten, attr
        self._lijst = lijst
        self._vast: dict[str, np.ndarray] | None = None
        self._vrij = np.zeros(0, np.int64)
        self.wachten = wachten  # days after the previous re-let (after the return, for the first)
        # voor[j]: the days of re-lets 0..j-1 added up (one longer than the list)
        self.voor = np.concatenate(([0], np.cumsum(wachten)))
        self.voor_lijst = self.voor.tolist()  # the same as Python ints: a walk looks up a few at a time

    @classmethod
    def uit_lijst(cls, sc: Scenario, lijst: Sequence[Vervanging]) -> "Vervangingen":
        """The same from records (a test's hand-made world)."""
        if isinstance(lijst, Vervangingen):
            return lijst
        w = [v.woning for v in lijst]
        attr = {"slaapkamers": np.array([x.slaapkamers for x in w], np.int64),
                "kern": np.array([x.kern for x in w], dtype=object), "huur": np.array([x.huur for x in w], float),
                "toegankelijk": np.array([x.toegankelijk for x in w], bool),
                "min_personen": np.array([x.min_personen for x in w], np.int64)}
        return cls(sc, np.array([v.na_dagen for v in lijst], np.int64), attr, list(lijst))

    def __len__(self) -> int:
        return len(self._wachten)

    def _id(self, i: int) -> str:
        return f"#X{i:03d}" if self._lijst is None else self._lijst[i].woning.id

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i = i % len(self)
        if self._lijst is not None:
            return self._lijst[i]
        return Vervanging(int(self._wachten[i]), _woning(self._sc, self._attr, i, f"#X{i:03d}", 0, WoningSoort.VRIJ))

    def eerste_passend(self, ht: HuishoudenTabel, hi: list[int], begin: int, eind: int, dagen: list[int],
                       beleid: Beleid) -> int:
        """The first of re-lets begin..eind-1, free from `dagen` (day numbers, in order), that
        one of the households in rows `hi` of `ht` may take on the last of those days (the
        round's rules on these dwellings), as its distance from `begin`; -1: none. With the
        compiled kernels straight from the drawn columns: a re-let free by the peildag passes
        every date rule whatever its day, so the days themselves are not needed."""
        peildag = dagen[-1]
        kern = kernen()
        if kern is None:
            w = self.kenmerken(begin, eind, np.array(dagen, np.int64))
            past = toelaatbaar(Ronde(ht.kies(hi), w, peildag), beleid).any(axis=0)
            return int(np.argmax(past)) if past.any() else -1
        self._voorraad(eind)
        if len(self._vrij) < len(self._vast["kern"]):
            self._vrij = np.zeros(len(self._vast["kern"]), np.int64)  # (free since day 0: by any peildag)
        controleer_omvang(len(hi), eind - begin)
        return toelaatbaar_op_rijen(kern, ht.kolommen, ht.rijnummers(hi), self._vast, self._vrij,
                                    np.arange(begin, eind, dtype=np.int64), peildag, beleid, eerste=True)

    def kenmerken(self, begin: int, eind: int, beschikbaar: np.ndarray) -> WoningKenmerken:
        """Re-lets begin..eind-1 as a round's dwellings, vacant from `beschikbaar` (day numbers):
        what `woning_kenmerken` gives for the same dwellings, without making them."""
        self._voorraad(eind)
        v = {k: x[begin:eind] for k, x in self._vast.items()}
        v["ids"] = np.array([self._id(i) for i in range(begin, eind)], dtype=object)
        v["beschikbaar"] = beschikbaar
        return WoningKenmerken.uit_velden(v)

    def _voorraad(self, eind: int) -> None:
        a = self._attr
        klaar = 0 if self._vast is None else len(self._vast["kern"])
        if klaar < eind:
            # The re-lets looked at so far as a round's dwellings (all but their ids, which the
            # rules never read, and the day they come free), made once each (a walk looks ahead).
            m = min(max(2 * eind, 32), len(self))
            kern = a["kern"][klaar:m]
            erbij = {"kern": kern, "kern_code": kerncodes(kern),
                     "slaapkamers": a["slaapkamers"][klaar:m].astype(np.int64),
                     "huur": a["huur"][klaar:m].astype(np.float64),
                     "soort": np.full(m - klaar, VRIJ, np.int64),
                     "toegankelijk": a["toegankelijk"][klaar:m].astype(bool),
                     "min_personen": a["min_personen"][klaar:m].astype(np.int64) if "min_personen" in a
                     else np.zeros(m - klaar, np.int64)}
            self._vast = erbij if self._vast is None else {k: np.concatenate((self._vast[k], v))
                                                            for k, v in erbij.items()}

    def woning(self, i: int, dag: int) -> Woning:
        """Re-let i as the dwelling offered, free from sim day `dag`."""
        if self._lijst is not None:
            return replace(self._lijst[i].woning, beschikbaar=self._sc.startdatum + dt.timedelta(days=dag))
        return _woning(self._sc, self._attr, i, f"#X{i:03d}", dag, WoningSoort.VRIJ)

    def __eq__(self, ander) -> bool:
        return list(self) == list(ander)

    def __repr__(self) -> str:
        return repr(list(self))


def trek_opleveringen(sc: Scenario, seed: int, rep: int) -> list[KomendeWoning]:
    """New-build and renovation deliveries known at the start, with building delays; plus
    renovations that add a bedroom, started through the year and reservable while under way."""
    rng = Trekker(seed, rep, "opleveringen")
    start, datum = sc.startdatum.toordinal(), dt.date.fromordinal
    uit = []
    for i, o in enumerate(sc.oplevering):
        vertraging = _uniform_int(rng, o.vertraging_dagen)
        dag = _dagen(sc, o.datum) + vertraging
        for j, k in enumerate(o.slaapkamers):
            w = _Woning(f"#N{i:02d}{j:02d}", o.kern, int(k), float(o.huur), datum(start + dag),
                       o.soort, o.toegankelijk, min_personen=sc.min_personen_groot if o.grote_gezinnen else 0)
            uit.append(_KomendeWoning(0, w))
    rng = toevalsstroom(seed, rep, "renovaties")
    r = sc.renovatie
    n = int(rng.poisson(r.per_jaar * sc.horizon_dagen / 365.0))
    w_u = rng.random(4 * n).tolist()  # `_trek_woningen`'s draws
    starts = np.sort(rng.uniform(0, sc.horizon_dagen, n)).tolist()
    # Then per renovation choice(slaapkamers_na) and uniform(rent bounds), alternating: as numpy
    # draws them (only double draws so far, so the Trekker may take over).
    t = Trekker(seed, rep, "renovaties", rng=rng)
    huur = sc.aanbod.huur
    na = r.slaapkamers_na
    v, toegankelijk = _aanbod(sc), sc.aanbod.toegankelijk_aandeel
    for i, begin in enumerate(starts):
        kern, _, _, toeg = _attributen(v, w_u, n, i, toegankelijk)
        k = int(na[t.integers(0, len(na))])
        lo, hi = huur.get(str(k), huur[max(huur, key=int)])
        w = _Woning(f"#R{i:03d}", kern, k, round(t.uniform(lo, hi), 2),
                    datum(start + int(begin) + r.doorloop_dagen), WoningSoort.RENOVATIE, toeg)
        uit.append(_KomendeWoning(int(begin), w))
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
    rng = toevalsstroom(seed, rep, "kamers")
    eind = min(_dagen(sc, maanden_later(vv.vanaf, vv.kamers_maanden)), sc.horizon_dagen)
    begin = max(_dagen(sc, vv.vanaf), 0)
    if eind <= begin:
        return []
    n = int(rng.poisson(vv.kamers_per_jaar * (eind - begin) / 365.0))
    dagen = np.sort(rng.uniform(begin, eind, n)).astype(np.int64)
    lo, hi = sc.aanbod.huur["0"]
    # np.round(lo + (hi - lo) * u, 2) per room, as `_attributen` rounds
    huur = [round((lo + (hi - lo) * x) * 100.0) / 100.0 for x in rng.random(n).tolist()]
    start, datum, kern = sc.startdatum.toordinal(), dt.date.fromordinal, sc.hoofdkern
    return [_KomendeWoning(d, _Woning(f"#K{i:03d}", kern, 0, h, datum(start + d), WoningSoort.VRIJ), vervangbaar=False)
            for i, (d, h) in enumerate(zip(dagen.tolist(), huur))]


def maanden_later(d: dt.date, maanden: int) -> dt.date:
    """The same day `maanden` calendar months later (a day the month lacks: its last day)."""
    j, m = divmod(d.month - 1 + maanden, 12)
    jaar, maand = d.year + j, m + 1
    return dt.date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))
