"""Solver dispatch: the exact optimum of a round, by the cheapest method that is exact for it.

- `leeg`: no admissible arc.
- `enkel`: one dwelling or one household: the best arc (argmax) is the optimum.
- `stroom`: OR-Tools min-cost flow on the admissible arcs only (pure 1:1 assignment).
- `scipy`: scipy's linear_sum_assignment on the dense matrix: exact while every objective sum
  stays below 2**52 (refused above that, also when asked for by name), and cheaper than the
  flow on every round but large sparse ones (`kies_oplosser`, measured crossover below); it
  is also the independent check on the flow.
- `trapsgewijs` (auto only): above 2**52, the lexicographic levels in stages that each stay
  below 2**52, every stage a scipy solve on the pairs that are still optimal, with exact
  integer duals as the proof (`matching/trappen.py`); exact only where `trappen.plan` finds
  such stages, and only then chosen.
- `cpsat`: CP-SAT, single worker and fixed seed, for side constraints a flow cannot carry
  (woningdelen: several single persons sharing one dwelling; `matching/woningdelen.py`).
Every backend returns the same optimum value; tests check that on random instances.

How the objective is built: below DICHT_CELLEN cells as arcs (`doel.bogen`: fewer numpy steps
on the simulation's small rounds), from there as one dense matrix (`doelmatrix`, the same
values; the arcs with their terms only when asked for, `Oplossing.bogen`). Measured (CPU,
benchmarks/bench_matching.py --kruispunt): arcs ÷ dense 0.65 at 60x80, 1.1 at 150x150, 2.0
at 300x300 (about 40% admissible), 4.5 at 1000x1000 (81%).

Dispatch (`kies_oplosser`), measured on this machine (2 cores, CPU time, Leusden mixes):
- bound below 2**52: scipy up to SCIPY_ALTIJD_CELLEN cells at any density, above that from
  SCIPY_MIN_DICHTHEID admissible; else the flow (measurements at the constants);
- bound from 2**52: trapsgewijs from `trapsgewijs_min_dichtheid` admissible (flow ÷
  trapsgewijs: 300x300: 5.7 at 83%, 1.4 at 25%, 0.9 at 8%; 500x500: 5.8 at 80%, 1.1 at 24%,
  0.5 at 8%; 1000x1000: 2.6 at 82%, 1.2 at 41%, 0.6 at 16%; 24x19 at 40%: 4.7), else the flow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

import numpy as np

from . import trappen
from .beleid import Beleid
from .doel import EXACT_FLOAT, GEEN_BELOFTE, Bogen, DoelTeGroot, bogen, grens_per_boog, niveaus, niveaus_van
from .doelmatrix import Doelmatrix, doelmatrix
from .regels import Ronde, kernargumenten, toelaatbaar
from .grenzen import controleer_omvang
from .kenmerktabel import toelaatbaar_in_tabellen
from .snelkern import GEEN_DAG, kernen
from .woningdelen import via_cpsat



class Oplosser(StrEnum):
    """A solver's name; equal to the word users give and read (`--oplosser`, the output)."""
    AUTO = "auto"
    STROOM = "stroom"
    SCIPY = "scipy"
    CPSAT = "cpsat"
    ENKEL = "enkel"   # chosen by auto only
    LEEG = "leeg"     # chosen by auto only
    TRAPSGEWIJS = "trapsgewijs"  # chosen by auto only


OPLOSSERS = ("auto", "stroom", "scipy", "cpsat")  # what a user may ask for, as plain strings

# Where auto prefers scipy's dense linear_sum_assignment to min-cost flow (when the objective's
# bound is below EXACT_FLOAT). Measured on this machine (2 cores, CPU time, flow ÷ scipy on the
# same arcs, Leusden mixes, lexicographic weights; benchmarks/bench_matching.py --kruispunt):
#   6x7 ... 600x600 at 10-85% admissible: 2.2-30x in scipy's favour (flow's fixed cost per call,
#   and cost scaling slows with the 2^30-2^55 weights); 300x300 at 0.3%: 2x;
#   1000x1000: 81%: 2.9x, 40%: 1.3x, 16%: 2.5x; but 9.6%: 0.89, 7.3%: 0.66, 5%: 0.52, 2%: 0.37;
#   2000x2000: 9.6%: 0.78, 5%: 0.47, 1.7%: 0.16; 500x500 at 1.7%: 0.68, at 0.9%: 1.2.
# The dense matrix costs scipy per cell, the flow per admissible arc: below about 100,000 cells
# scipy wins at any density; above that from about 12% admissible.
SCIPY_ALTIJD_CELLEN = 100_000
SCIPY_MIN_DICHTHEID = 0.12
DICHT_CELLEN = 20_000


@dataclass(frozen=True)
class Oplossing:
    plaats: np.ndarray   # per household: dwelling index, or -1
    doelwaarde: int
    oplosser: Oplosser
    status: str          # OPTIMAL, or FEASIBLE when a time limit cut CP-SAT short
    # The arcs with their values and terms (doel.bogen), made when first asked for: the
    # explanations and checks read them, a simulated round never does.
    maak_bogen: Callable[[], Bogen] = field(repr=False, compare=False)

    @cached_property
    def bogen(self) -> Bogen:
        return self.maak_bogen()

    @property
    def geplaatst(self) -> np.ndarray:
        return np.nonzero(self.plaats >= 0)[0]


def _uit_bogen(n_hh: int, hi: np.ndarray, wi: np.ndarray, waarde: np.ndarray,
               gekozen: np.ndarray) -> tuple[np.ndarray, int]:
    plaats = np.full(n_hh, -1, np.int64)
    plaats[hi[gekozen]] = wi[gekozen]
    return plaats, int(waarde[gekozen].sum())


def via_enkel(d: Doelmatrix) -> tuple[np.ndarray, int, str]:
    """One household or one dwelling: the best admissible pair, the first in row-major order
    among equals (the order of the arcs)."""
    cel = int(np.argmax(np.where(d.ok, d.waarde, np.iinfo(np.int64).min)))
    h, w = divmod(cel, d.ok.shape[1])
    plaats = np.full(d.ok.shape[0], -1, np.int64)
    plaats[h] = w
    return plaats, int(d.waarde[h, w]), "OPTIMAL"


def _stroom(n_hh: int, n_w: int, hi: np.ndarray, wi: np.ndarray, waarde: np.ndarray) -> tuple[np.ndarray, int, str]:
    from ortools.graph.python import min_cost_flow

    # Nodes: households 0..n_hh-1, dwellings n_hh.., sink last. Each household sends one
    # unit, through a dwelling (cost -value) or straight to the sink ("geen woning", cost 0).
    put = n_hh + n_w
    m = min_cost_flow.SimpleMinCostFlow()
    staart = np.concatenate([hi, np.arange(n_w) + n_hh, np.arange(n_hh)])
    kop = np.concatenate([wi + n_hh, np.full(n_w, put), np.full(n_hh, put)])
    kosten = np.concatenate([-waarde, np.zeros(n_w + n_hh, np.int64)])
    m.add_arcs_with_capacity_and_unit_cost(staart, kop, np.ones(len(staart), np.int64), kosten)
    aanbod = np.zeros(put + 1, np.int64)
    aanbod[:n_hh] = 1
    aanbod[put] = -n_hh
    m.set_nodes_supplies(np.arange(put + 1), aanbod)
    status = m.solve()
    if status == m.BAD_COST_RANGE:
        raise DoelTeGroot("doelwaarden te groot voor min-cost flow; zet doel.lexicografisch = false")
    if status != m.OPTIMAL:
        raise RuntimeError(f"min-cost flow gaf status {status}")
    stromen = m.flows(np.arange(len(hi)))
    return (*_uit_bogen(n_hh, hi, wi, waarde, np.nonzero(stromen > 0)[0]), "OPTIMAL")


def via_stroom(n_hh: int, n_w: int, b: Bogen | Doelmatrix) -> tuple[np.ndarray, int, str]:
    hi, wi, waarde = b.bogen() if isinstance(b, Doelmatrix) else (b.hh, b.w, b.waarde)
    return _stroom(n_hh, n_w, hi, wi, waarde)


def _scipy(kosten: np.ndarray) -> tuple[np.ndarray, int, str]:
    """`kosten`: minus the values, C-contiguous float64, 0 where not admissible (the same as
    leaving the household out): exactly what linear_sum_assignment(values, maximize=True)
    negates internally, so the same solve, and its wrapper neither converts nor copies."""
    rij, kol = trappen.lsa()(kosten)
    gekozen = kosten[rij, kol]
    # Only called below 2**52 (controleer_exact): the values, their sum and the solve are exact;
    # a pair not admissible (or worth 0) adds 0 and places nobody.
    waarde = -int(gekozen.sum())
    if len(rij) == kosten.shape[0]:   # every household has its row (no more households than dwellings)
        return np.where(gekozen < 0, kol, -1), waarde, "OPTIMAL"
    echt = gekozen < 0
    plaats = np.full(kosten.shape[0], -1, np.int64)
    plaats[rij[echt]] = kol[echt]
    return plaats, waarde, "OPTIMAL"


def via_scipy(n_hh: int, n_w: int, b: Bogen | Doelmatrix) -> tuple[np.ndarray, int, str]:
    if isinstance(b, Doelmatrix):
        return _scipy(b.kosten if b.kosten is not None else np.negative(b.waarde, dtype=np.float64))
    if b.kosten is not None:
        return _scipy(b.kosten)
    kosten = np.zeros(n_hh * n_w, np.float64)
    kosten[b.hh * n_w + b.w if b.cel is None else b.cel] = -b.waarde
    return _scipy(kosten.reshape(n_hh, n_w))


def via_trapsgewijs(d: Doelmatrix) -> tuple[np.ndarray, int, str] | None:
    """None when a stage's duals did not settle (the caller then takes min-cost flow)."""
    stappen = trappen.plan(d.niveaus, min(d.ok.shape), EXACT_FLOAT)
    plaats = None if stappen is None else trappen.via_trappen(d.waarde, stappen)
    if plaats is None:
        return None
    h = np.flatnonzero(plaats >= 0)
    return plaats, int(d.waarde[h, plaats[h]].sum()), "OPTIMAL"


def trapsgewijs_min_dichtheid(cellen: int) -> float:
    """Admissible share from which the exact stages beat min-cost flow (measured crossover:
    about 10% at 300x300, 23% at 500x500, 35% at 1000x1000)."""
    return min(0.35, max(0.10, 0.10 * (cellen / 90_000) ** 0.5))


def kies_oplosser(n_hh: int, n_w: int, b: Bogen | Doelmatrix, zijvoorwaarden: bool = False) -> Oplosser:
    """What auto picks: by the round's shape and density and the objective's bound, never by
    cell count alone. `trapsgewijs` needs the dense objective (a Doelmatrix) and a plan of
    stages that each stay below 2**52 (`trappen.plan`): only then is it exact."""
    if zijvoorwaarden:
        return Oplosser.CPSAT
    if len(b) == 0:
        return Oplosser.LEEG
    if n_hh == 1 or n_w == 1:
        return Oplosser.ENKEL
    cellen = n_hh * n_w
    if b.grens < EXACT_FLOAT:
        if cellen <= SCIPY_ALTIJD_CELLEN or len(b) >= SCIPY_MIN_DICHTHEID * cellen:
            return Oplosser.SCIPY
        return Oplosser.STROOM
    if (isinstance(b, Doelmatrix) and len(b) >= trapsgewijs_min_dichtheid(cellen) * cellen
            and trappen.plan(b.niveaus, min(n_hh, n_w), EXACT_FLOAT) is not None):
        return Oplosser.TRAPSGEWIJS
    return Oplosser.STROOM


class NietExact(DoelTeGroot):
    """A solver asked for by name cannot solve this round exactly."""


def controleer_exact(oplosser: str, b: Bogen | Doelmatrix) -> None:
    """The float64 guard, on every path (auto never breaks it; a user's choice may): scipy
    works in float64, exact only while every objective sum stays below 2**52. A forced scipy
    is refused rather than silently swapped: whoever forces a solver wants that solver (to
    check another against it), and a wrong optimum must never pass as exact."""
    if oplosser == Oplosser.SCIPY and b.grens >= EXACT_FLOAT:
        raise NietExact(f"oplosser scipy rekent met float64 en is voor deze ronde niet exact: de doelwaarde kan "
                        f"{b.grens:.2e} bereiken, boven 2^52; kies oplosser auto of stroom")


def _op_bogen(n_hh: int, n_w: int, b: Bogen, oplosser: Oplosser) -> Oplossing:
    if len(b) == 0:
        return Oplossing(np.full(n_hh, -1, np.int64), 0, oplosser, "OPTIMAL", lambda: b)
    controleer_exact(oplosser, b)
    if oplosser == Oplosser.ENKEL:
        uit = (*_uit_bogen(n_hh, b.hh, b.w, b.waarde, np.array([int(np.argmax(b.waarde))])), "OPTIMAL")
    elif oplosser == Oplosser.SCIPY:
        uit = via_scipy(n_hh, n_w, b)
    else:
        uit = _stroom(n_hh, n_w, b.hh, b.w, b.waarde)
    return Oplossing(*uit[:2], oplosser, uit[2], lambda: b)


_OPLOSSER_CODE = (Oplosser.LEEG, Oplosser.ENKEL, Oplosser.SCIPY)
_VOLGORDE: dict[tuple[int, bool], tuple] = {}


def _klein(r: Ronde, beleid: Beleid, ok: np.ndarray) -> Oplossing | None:
    """A small round solved by auto in one compiled step (`snelkern.klein`: the same arcs,
    weights, solver choice and optimum as `bogen`, `kies_oplosser` and `_op_bogen`, without
    their Python steps between), or None where that does not apply: without the kernels, with
    weights that are not lexicographic, or where the kernel finds the round takes another path
    (the objective passes 2**52)."""
    kern = kernen()
    if kern is None or not beleid.doel.lexicografisch:
        return None
    hh, w = r.hh, r.w
    toegezegd = len(niveaus_van(hh)[1]) > 0
    n_hh, n_w = ok.shape
    plaats = np.empty(n_hh, np.int64)
    code, waarde = kern["klein"](ok, r.peildag, hh.personen, hh.koppeldag, hh.nodig, hh.voorkeur_code, w.beschikbaar,
                                 w.slaapkamers, w.kern_code, hh.toegezegd if toegezegd else GEEN_BELOFTE, toegezegd,
                                 *_volgorde(beleid, toegezegd), min(n_hh, n_w), grens_per_boog(n_hh + n_w + 1),
                                 EXACT_FLOAT, plaats)
    if code < 0:
        return None
    return Oplossing(plaats, int(waarde), _OPLOSSER_CODE[code], "OPTIMAL", lambda: bogen(r, ok, beleid))


def _volgorde(beleid: Beleid, toegezegd: bool) -> tuple[int, np.ndarray]:
    """The number of levels and doel.weeg's full order (the promise, then the policy's levels)
    as level indices, once per policy."""
    sleutel = (id(beleid), toegezegd)
    bewaard = _VOLGORDE.get(sleutel)
    if bewaard is None or bewaard[0] is not beleid:
        alle, boven = niveaus(toegezegd)
        volgorde = boven + tuple(beleid.doel.volgorde)
        bewaard = _VOLGORDE[sleutel] = (beleid, (len(alle), np.array([alle.index(n) for n in volgorde], np.int64)))
    return bewaard[1]


def _klein_pad(beleid: Beleid, oplosser: str, n_hh: int, n_w: int) -> bool:
    """Whether `los_op` would solve a round of this shape in one compiled step (`_klein`): under
    auto, without side constraints, below the dense size, with lexicographic weights."""
    return (oplosser == Oplosser.AUTO and not beleid.zijvoorwaarden and n_hh * n_w < DICHT_CELLEN
            and beleid.doel.lexicografisch)


def klein_op_rijen(h: dict, hi: list[int], toegezegd: int, w: dict, wi: list[int], peildag: int, beleid: Beleid,
                   ok: np.ndarray, oplosser: str, maak_ronde: Callable[[], Ronde]) -> Oplossing | None:
    """What `los_op(maak_ronde(), beleid, oplosser, ok=ok)` gives, for a round whose households
    are rows `hi` of the columns `h` (the last `toegezegd` of them holding a promise) and whose
    dwellings rows `wi` of `w`, as the simulation's row tables hold them (`kenmerktabel`): the
    one compiled step, reading the columns by row number, without the round's own arrays. None
    where `los_op` takes another path: the caller then makes the round and calls it. The arcs,
    for an explanation, from `maak_ronde()` when asked."""
    n_hh, n_w = ok.shape
    kern = kernen()
    if kern is None or not _klein_pad(beleid, oplosser, n_hh, n_w):
        return None
    met_belofte = toegezegd > 0
    plaats = np.empty(n_hh, np.int64)
    code, waarde = kern["klein_rijen"](
        ok, peildag, h["personen"], h["koppeldag"], h["nodig"], h["voorkeur_code"], np.asarray(hi, np.int64),
        w["beschikbaar"], w["slaapkamers"], w["kern_code"], np.asarray(wi, np.int64),
        (np.arange(n_hh) >= n_hh - toegezegd) if met_belofte else GEEN_BELOFTE, met_belofte,
        *_volgorde(beleid, met_belofte), min(n_hh, n_w), grens_per_boog(n_hh + n_w + 1), EXACT_FLOAT, plaats)
    if code < 0:
        return None
    return Oplossing(plaats, int(waarde), _OPLOSSER_CODE[code], "OPTIMAL", lambda: bogen(maak_ronde(), ok, beleid))


class Rondeuitkomst(StrEnum):
    """What `ronde_op_rijen` found out about a simulated round in its one step."""
    VERGEEFS = "vergeefs"    # no waiting household may take a dwelling, no holder one in the pool
    OPGELOST = "opgelost"    # solved: `Rondestap.opl`
    VERDER = "verder"        # the caller goes on from the admissible pairs (`Rondestap.ok`)


@dataclass(slots=True)  # (not frozen: made every simulated round, read once)
class Rondestap:
    ok: np.ndarray
    uitkomst: Rondeuitkomst
    opl: Oplossing | None = None
    wissel: tuple | None = None  # VERGEEFS: (later, buiten) of `wisseling.wisseling_uit`, read by the kernel


def ronde_op_rijen(ht, hi: list[int], wt, wi: list[int], peildag: int, beleid: Beleid, n_k: int, n_a: int,
                   oplosser: str, oplossen: bool, maak_ronde: Callable[[], Ronde]) -> Rondestap:
    """A simulated round on the row tables (`kenmerktabel`) in one compiled step, where it can
    be: its households rows `hi` of `ht` (the first `n_k` waiting, then holders of a
    reservation), its dwellings rows `wi` of `wt` (the `n_a` in the pool, then each holder's
    own in the holders' order). The admissible pairs (`toelaatbaar_in_tabellen`) always; the
    round found futile (no waiting household may take a dwelling, no holder one from the pool),
    or, with `oplossen`, solved as `klein_op_rijen` solves it. Without the kernels, where a
    holder's own reservation no longer fits, or where `klein_op_rijen` would say None: VERDER,
    and the caller goes on from the pairs as it would without this step."""
    kern = kernen()
    if kern is None:
        return Rondestap(toelaatbaar_in_tabellen(ht, hi, wt, wi, peildag, beleid), Rondeuitkomst.VERDER)
    n_hh, n_w = len(hi), len(wi)
    controleer_omvang(n_hh, n_w)  # before the (households x dwellings) matrix
    if not (0 <= n_k <= n_hh and 0 <= n_a <= n_w and n_hh - n_k == n_w - n_a):
        # (the kernel reads each holder's own dwelling by position, without bounds checks)
        raise ValueError(f"ronde van {n_hh} huishoudens en {n_w} woningen: {n_hh - n_k} houders van een "
                         f"reservering, {n_w - n_a} eigen woningen")
    oplossen = oplossen and _klein_pad(beleid, oplosser, n_hh, n_w)
    h, w = ht.kolommen, wt.kolommen
    a = kernargumenten(beleid, peildag)
    ok = np.empty((n_hh, n_w), np.bool_)
    plaats, wissel = np.empty(n_hh, np.int64), np.empty(2, np.int64)
    code, waarde = kern["ronde_rijen"](
        h["nodig"], h["nodig_ruim"], h["alleen"], h["blokkade"], h["personen_huur"], h["toegankelijk"], h["gezin"],
        ht.rijnummers(hi), *a.scalairen, w["slaapkamers"], w["huur"], w["toegankelijk"], w["min_personen"], True,
        a.soort_ok, w["soort"], w["beschikbaar"], peildag, a.horizon, a.kern_ok, w["kern_code"], wt.rijnummers(wi), ok,
        n_k, n_a, h["personen"], h["koppeldag"], h["voorkeur_code"], oplossen, *_volgorde(beleid, n_hh > n_k),
        grens_per_boog(n_hh + n_w + 1), EXACT_FLOAT, plaats, wissel)
    if code == -3:
        return Rondestap(ok, Rondeuitkomst.VERGEEFS, None, tuple(None if d == GEEN_DAG else d for d in wissel.tolist()))
    if code < 0:
        return Rondestap(ok, Rondeuitkomst.VERDER)
    return Rondestap(ok, Rondeuitkomst.OPGELOST,
                     Oplossing(plaats, int(waarde), _OPLOSSER_CODE[code], "OPTIMAL", lambda: bogen(maak_ronde(), ok, beleid)))


def los_op(r: Ronde, beleid: Beleid, oplosser: str = "auto", seed: int = 0,
           ok: np.ndarray | None = None, tijdslimiet: float | None = None) -> Oplossing:
    if oplosser not in OPLOSSERS:
        raise ValueError(f"onbekende oplosser '{oplosser}' (bekend: {', '.join(OPLOSSERS)})")
    if ok is None:
        ok = toelaatbaar(r, beleid)
    n_hh, n_w = len(r.hh), len(r.w)
    if oplosser == Oplosser.CPSAT or (oplosser == Oplosser.AUTO and beleid.zijvoorwaarden):
        b = bogen(r, ok, beleid)
        plaats, waarde, status, b = via_cpsat(r, beleid, ok, b, seed, tijdslimiet)
        return Oplossing(plaats, waarde, Oplosser.CPSAT, status, lambda: b)
    if n_hh * n_w < DICHT_CELLEN:
        if oplosser == Oplosser.AUTO:
            snel = _klein(r, beleid, ok)
            if snel is not None:
                return snel
        # Small rounds (the simulation's): the arcs take fewer numpy steps than the dense matrix.
        b = bogen(r, ok, beleid)
        keuze = kies_oplosser(n_hh, n_w, b) if oplosser == Oplosser.AUTO else Oplosser(oplosser)
        # Above 2**52 the exact stages may beat the flow; they need the dense matrix.
        if not (oplosser == Oplosser.AUTO and keuze == Oplosser.STROOM and b.grens >= EXACT_FLOAT):
            return _op_bogen(n_hh, n_w, b, keuze)
    d = doelmatrix(r, ok, beleid)
    oplosser = kies_oplosser(n_hh, n_w, d) if oplosser == Oplosser.AUTO else Oplosser(oplosser)

    def maak_bogen() -> Bogen:
        return bogen(r, ok, beleid)

    if d.aantal == 0:
        return Oplossing(np.full(n_hh, -1, np.int64), 0, oplosser, "OPTIMAL", maak_bogen)
    controleer_exact(oplosser, d)
    uit = None
    if oplosser == Oplosser.ENKEL:
        uit = via_enkel(d)
    elif oplosser == Oplosser.SCIPY:
        uit = via_scipy(n_hh, n_w, d)
    elif oplosser == Oplosser.TRAPSGEWIJS:
        uit = via_trapsgewijs(d)
        if uit is None:   # a stage's duals did not settle within their limit: the flow is exact too
            oplosser = Oplosser.STROOM
    if uit is None:
        uit = _stroom(n_hh, n_w, *d.bogen())
    return Oplossing(*uit[:2], oplosser, uit[2], maak_bogen)
