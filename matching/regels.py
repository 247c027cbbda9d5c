"""Hard rules as whole-matrix checks: which (household, dwelling) pairs a policy allows.

A round is a `Ronde`: the waiting households and offered dwellings as arrays. Each rule
returns a boolean "refuses" array that broadcasts to (households, dwellings); no Python loop
over pairs. `toelaatbaar` is the hot path the simulation calls every allocation round;
`eerste_bezwaar` gives, per pair, the first rule in policy order that refuses it, which is how
a refusal is explained to the adviser.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .beleid import REGELCODES, Beleid
from .bezetting import slaapkamers_nodig
from .dagen import jaar_van, dag, horizon_dag
from .grenzen import controleer_omvang
from .huishoudens import Huishouden
from .snelkern import kernen
from .woningen import SOORTEN, Woning

GEEN_BLOKKADE, NIET_IN_NL, WACHT_NAREIZIGERS = 0, 1, 2


# Kern names as small integers, the same code for the same name everywhere in the process, so
# rules and the preference term compare integers, not Python strings. None (no preference) is -1.
_KERNCODES: dict[str, int] = {}


def kerncode(kern: str | None) -> int:
    if kern is None:
        return -1
    code = _KERNCODES.get(kern)
    if code is None:
        code = _KERNCODES.setdefault(kern, len(_KERNCODES))
    return code


def kerncodes(kernen) -> np.ndarray:
    namen = kernen.tolist() if isinstance(kernen, np.ndarray) else list(kernen)
    # Each name asked once, in the order first seen (new names get their codes in that order).
    codes = {k: kerncode(k) for k in dict.fromkeys(namen)}
    return np.array([codes[k] for k in namen], np.int64)


@dataclass(frozen=True)
class HuishoudenKenmerken:
    """Per-household arrays a policy needs; built once per household list and policy."""
    ids: np.ndarray            # object
    personen: np.ndarray       # present persons: count for the taakstelling when housed
    personen_huur: np.ndarray  # size used for passend toewijzen (the family under `vooruit`)
    nodig: np.ndarray          # bedrooms needed under the policy
    nodig_ruim: np.ndarray     # need without optional sharing: the spare-bedroom limit counts from it
    alleen: np.ndarray         # a one-person household as sized
    toegankelijk: np.ndarray
    koppeldag: np.ndarray
    voorkeur: np.ndarray       # object: kern name or None
    blokkade: np.ndarray       # GEEN_BLOKKADE, NIET_IN_NL, WACHT_NAREIZIGERS
    # Households already promised a (reserved) dwelling: they must stay placed, but may be
    # moved to a sooner one. None when nobody is.
    toegezegd: np.ndarray | None = None
    # The family the dwelling is for: present persons plus the nareizigers still expected (a
    # dwelling for large families may go to a household that becomes large when they arrive).
    # None: personen_huur.
    gezin: np.ndarray | None = None
    voorkeur_code: np.ndarray | None = None  # `voorkeur` as kerncode; filled in when not given

    def __post_init__(self):
        if self.voorkeur_code is None:
            object.__setattr__(self, "voorkeur_code", kerncodes(self.voorkeur))

    # Kern codes hold within one process: sent to another (a worker), they are made there again.
    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_grenzen"} | {"voorkeur_code": None}

    def __setstate__(self, staat):
        self.__dict__.update(staat)
        self.__post_init__()

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def uit_velden(cls, velden: dict) -> "HuishoudenKenmerken":
        """From every field at once (the simulation's row tables, each round): the same object,
        without the frozen dataclass's field-by-field __init__."""
        return _uit_velden(cls, velden)

    def deel(self, index) -> "HuishoudenKenmerken":
        return HuishoudenKenmerken(**{k: (None if getattr(self, k) is None else getattr(self, k)[index])
                                      for k in self.__dataclass_fields__})


@dataclass(frozen=True)
class WoningKenmerken:
    ids: np.ndarray
    kern: np.ndarray        # object
    slaapkamers: np.ndarray
    huur: np.ndarray
    beschikbaar: np.ndarray  # day number
    soort: np.ndarray       # index into SOORTEN
    toegankelijk: np.ndarray
    min_personen: np.ndarray | None = None  # only for households this large (grote gezinnen); None: 0
    kern_code: np.ndarray | None = None     # `kern` as kerncode; filled in when not given

    def __post_init__(self):
        if self.kern_code is None:
            object.__setattr__(self, "kern_code", kerncodes(self.kern))

    def __getstate__(self):
        return self.__dict__ | {"kern_code": None}

    def __setstate__(self, staat):
        self.__dict__.update(staat)
        self.__post_init__()

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def uit_velden(cls, velden: dict) -> "WoningKenmerken":
        """See `HuishoudenKenmerken.uit_velden`."""
        return _uit_velden(cls, velden)

    def deel(self, index) -> "WoningKenmerken":
        return WoningKenmerken(**{k: (None if getattr(self, k) is None else getattr(self, k)[index])
                                  for k in self.__dataclass_fields__})


def _uit_velden(cls, velden: dict):
    if velden.keys() != cls.__dataclass_fields__.keys():
        raise TypeError(f"{cls.__name__}: velden {sorted(velden)} in plaats van {sorted(cls.__dataclass_fields__)}")
    k = object.__new__(cls)
    k.__dict__.update(velden)
    return k


def blokkade(hh: Huishouden, beleid: Beleid, nareizigers_aanwezig: bool = False) -> int:
    if hh.verblijf == "buitenland":
        return NIET_IN_NL
    if beleid.nareizigers == "wachten" and hh.nareizigers > 0 and not nareizigers_aanwezig:
        return WACHT_NAREIZIGERS
    return GEEN_BLOKKADE


def bouw_huishouden_kenmerken(huishoudens: list[Huishouden], *, personen, personen_huur, nodig,
                              nodig_ruim, koppeldag, blokkade,
                              toegezegd: int = 0) -> HuishoudenKenmerken:
    """The one place that builds the per-household arrays. The caller gives what depends on
    where the households come from (an adviser's list or a simulation's state) as iterables in
    list order; the rest follows from the households themselves. `toegezegd`: the last this
    many households already hold a promised reservation."""
    n = len(huishoudens)
    personen_huur = np.fromiter(personen_huur, np.int64, n)
    return HuishoudenKenmerken(
        ids=np.array([h.id for h in huishoudens], dtype=object),
        personen=np.fromiter(personen, np.int64, n),
        personen_huur=personen_huur,
        nodig=np.fromiter(nodig, np.int64, n),
        nodig_ruim=np.fromiter(nodig_ruim, np.int64, n),
        alleen=personen_huur == 1,
        toegankelijk=np.fromiter((h.toegankelijk for h in huishoudens), bool, n),
        koppeldag=np.fromiter(koppeldag, np.int64, n),
        voorkeur=np.array([h.voorkeur_kern for h in huishoudens], dtype=object),
        blokkade=np.fromiter(blokkade, np.int64, n),
        toegezegd=(np.arange(n) >= n - toegezegd) if toegezegd else None,
        gezin=np.fromiter((h.personen_totaal for h in huishoudens), np.int64, n),
    )


def huishouden_kenmerken(huishoudens: list[Huishouden], beleid: Beleid) -> HuishoudenKenmerken:
    vooruit = beleid.nareizigers == "vooruit"
    return bouw_huishouden_kenmerken(
        huishoudens,
        personen=(h.personen for h in huishoudens),
        personen_huur=(h.personen_totaal if vooruit else h.personen for h in huishoudens),
        nodig=(slaapkamers_nodig(h, beleid) for h in huishoudens),
        nodig_ruim=(slaapkamers_nodig(h, beleid, ruim=True) for h in huishoudens),
        koppeldag=(dag(h.koppeldatum) for h in huishoudens),
        blokkade=(blokkade(h, beleid) for h in huishoudens),
    )


def woning_kenmerken(woningen: list[Woning], beschikbaar=None, soort=None) -> WoningKenmerken:
    """The one place that builds the per-dwelling arrays. `beschikbaar` (day numbers) and
    `soort` (indices into SOORTEN) as iterables in list order when the caller knows better than
    the dwellings themselves (the simulation: its own calendar, reservations become vacant)."""
    n = len(woningen)
    if beschikbaar is None:
        beschikbaar = (dag(w.beschikbaar) for w in woningen)
    if soort is None:
        soort = (SOORTEN.index(w.soort) for w in woningen)
    return WoningKenmerken(
        ids=np.array([w.id for w in woningen], dtype=object),
        kern=np.array([w.kern for w in woningen], dtype=object),
        slaapkamers=np.fromiter((w.slaapkamers for w in woningen), np.int64, n),
        huur=np.fromiter((w.huur for w in woningen), np.float64, n),
        beschikbaar=np.fromiter(beschikbaar, np.int64, n),
        soort=np.fromiter(soort, np.int64, n),
        toegankelijk=np.fromiter((w.toegankelijk for w in woningen), bool, n),
        min_personen=np.fromiter((w.min_personen for w in woningen), np.int64, n),
    )


@dataclass(frozen=True)
class Ronde:
    """One allocation round: who waits, what is offered, on which day."""
    hh: HuishoudenKenmerken
    w: WoningKenmerken
    peildag: int

    def __post_init__(self):
        controleer_omvang(len(self.hh), len(self.w))  # before any (households x dwellings) matrix


@lru_cache(maxsize=64)
def _soorten_masker(soorten: tuple[str, ...]) -> np.ndarray:
    return np.array([s in soorten for s in SOORTEN])


@lru_cache(maxsize=256)
def _kernen_masker(kernen: tuple[str, ...], n_codes: int) -> np.ndarray:
    """Per kerncode whether the policy allows that kern; the last entry is for code -1 (None)."""
    namen = sorted(_KERNCODES, key=_KERNCODES.__getitem__)[:n_codes]
    return np.array([k in kernen for k in namen] + [None in kernen])


def kern_toegestaan(w: "WoningKenmerken", kernen: tuple[str, ...]) -> np.ndarray:
    return _kernen_masker(tuple(kernen), len(_KERNCODES))[w.kern_code]


def bezwaren(r: Ronde, beleid: Beleid) -> dict[str, np.ndarray]:
    """Every rule's refusals, keyed by reason code; arrays broadcast to (hh, w)."""
    hh, w = r.hh, r.w
    grens = _aftopping(beleid, jaar_van(r.peildag))
    kamers = w.slaapkamers[None, :]
    studio_ok = beleid.studio_voor_alleenstaande & hh.alleen[:, None] & (kamers == 0)
    effectief = np.where(studio_ok, 1, kamers)
    extra = kamers - np.maximum(hh.nodig, hh.nodig_ruim)[:, None]
    te_groot = (extra > beleid.max_extra_slaapkamers) | (hh.alleen[:, None] & (kamers > beleid.alleenstaande_max_slaapkamers))
    if beleid.passend_toewijzen:
        limiet = np.where(hh.personen_huur <= 2, grens.laag, grens.hoog)
        huur = w.huur[None, :] > limiet[:, None] + 1e-9
    else:
        huur = np.zeros((1, 1), bool)
    soorten_ok = _soorten_masker(beleid.soorten)
    if w.min_personen is not None and w.min_personen.any():
        gezin = hh.gezin if hh.gezin is not None else hh.personen_huur
        te_klein = gezin[:, None] < w.min_personen[None, :]
    else:
        te_klein = np.zeros((1, 1), bool)
    return {
        "nog_niet_in_nederland": (hh.blokkade == NIET_IN_NL)[:, None],
        "wacht_op_nareizigers": (hh.blokkade == WACHT_NAREIZIGERS)[:, None],
        # A reservation's soort matters only until it is available; then it is simply vacant.
        "soort_niet_aangeboden": (~soorten_ok[w.soort] & (w.beschikbaar > r.peildag))[None, :],
        "nog_niet_beschikbaar": (w.beschikbaar > horizon_dag(r.peildag, beleid.vooruit_maanden))[None, :],
        "kern_niet_toegestaan": ~kern_toegestaan(w, beleid.kernen)[None, :],
        "niet_toegankelijk": hh.toegankelijk[:, None] & ~w.toegankelijk[None, :],
        "te_weinig_slaapkamers": effectief < hh.nodig[:, None],
        "te_veel_slaapkamers": te_groot,
        "huur_boven_aftoppingsgrens": huur,
        "alleen_grote_gezinnen": te_klein,
    }


_GEEN = 2**62  # more bedrooms than any dwelling has
_LEEG = (np.zeros(0, np.int64),)  # a kernel's unused input


_AFTOPPING: dict[tuple[int, int], tuple] = {}


def _aftopping(beleid: Beleid, jaar: int):
    """The policy's rent limits for `jaar`, looked up once per policy and year (every round asks)."""
    bewaard = _AFTOPPING.get((id(beleid), jaar))
    if bewaard is None or bewaard[0] is not beleid:
        bewaard = _AFTOPPING[(id(beleid), jaar)] = (beleid, beleid.aftoppingsgrens(jaar))
    return bewaard[1]


def _rijgrenzen(hh: HuishoudenKenmerken, beleid: Beleid, jaar: int) -> tuple:
    """Per household the admissible range of bedroom counts [laag, hoog] (a household refused
    by a household-only rule needs more rooms than any dwelling has), the rent limit (None
    without passend toewijzen) and whether anyone needs an accessible dwelling. The same
    households take part in round after round: kept on their arrays per policy and year."""
    bewaard = hh.__dict__.get("_grenzen")
    if bewaard is not None and bewaard[0] is beleid and bewaard[1] == jaar:
        return bewaard[2]
    # te_weinig_slaapkamers: a studio counts as one room for a single person.
    laag = hh.nodig
    if beleid.studio_voor_alleenstaande:
        laag = np.where(hh.alleen & (hh.nodig <= 1), 0, laag)
    # te_veel_slaapkamers
    hoog = np.maximum(hh.nodig, hh.nodig_ruim) + beleid.max_extra_slaapkamers
    hoog = np.where(hh.alleen, np.minimum(hoog, beleid.alleenstaande_max_slaapkamers), hoog)
    rij = (hh.blokkade != NIET_IN_NL) & (hh.blokkade != WACHT_NAREIZIGERS)
    laag = np.where(rij, laag, _GEEN)[:, None]
    limiet = None
    if beleid.passend_toewijzen:
        grens = _aftopping(beleid, jaar)
        limiet = (np.where(hh.personen_huur <= 2, grens.laag, grens.hoog) + 1e-9)[:, None]
    uit = (laag, hoog[:, None], limiet, hh.toegankelijk[:, None] if np.count_nonzero(hh.toegankelijk) else None)
    hh.__dict__["_grenzen"] = (beleid, jaar, uit)
    return uit


class Kernargumenten(NamedTuple):
    """What the compiled `toelaatbaar` takes from a policy on a day."""
    beleid: Beleid              # (to tell a reused id)
    scalairen: tuple            # studio, max extra rooms, single's max rooms, passend, rent limits low/high
    soort_ok: np.ndarray        # per soort: offered under the policy
    horizon: int                # last day a reservation may become available and still be offered
    kern_ok: np.ndarray         # per kern code known now (and None last): allowed


_KERNARGUMENTEN: dict[tuple[int, int, int], Kernargumenten] = {}


def kernargumenten(beleid: Beleid, peildag: int) -> Kernargumenten:
    """What the compiled `toelaatbaar` takes from the policy and the day, worked out once per
    policy and day (the simulation asks every round)."""
    sleutel = (id(beleid), peildag, len(_KERNCODES))
    a = _KERNARGUMENTEN.get(sleutel)
    if a is None or a[0] is not beleid:
        if len(_KERNARGUMENTEN) > 20_000:
            _KERNARGUMENTEN.clear()
        grens = _aftopping(beleid, jaar_van(peildag)) if beleid.passend_toewijzen else None
        scalairen = (beleid.studio_voor_alleenstaande, beleid.max_extra_slaapkamers, beleid.alleenstaande_max_slaapkamers,
                     grens is not None, 0.0 if grens is None else grens.laag, 0.0 if grens is None else grens.hoog)
        a = _KERNARGUMENTEN[sleutel] = Kernargumenten(beleid, scalairen, _soorten_masker(beleid.soorten),
                                                      horizon_dag(peildag, beleid.vooruit_maanden),
                                                      _kernen_masker(beleid.kernen, len(_KERNCODES)))
    return a


def toelaatbaar(r: Ronde, beleid: Beleid) -> np.ndarray:
    """(hh, w) boolean: the pair meets every hard rule; the same as no rule in `bezwaren`
    refusing it, in fewer whole-matrix steps (the simulation calls this every round).

    Per household the bedroom rules become one admissible range of bedroom counts
    [laag, hoog], per dwelling the dwelling-only rules one flag: the matrix work is a few
    comparisons of a row against a column."""
    hh, w, p = r.hh, r.w, r.peildag
    kern = kernen()
    if kern is not None:
        met_min = w.min_personen is not None
        a = kernargumenten(beleid, p)
        return kern["toelaatbaar"](
            hh.nodig, hh.nodig_ruim, hh.alleen, hh.blokkade, hh.personen_huur, hh.toegankelijk,
            (hh.gezin if hh.gezin is not None else hh.personen_huur), *a.scalairen,
            w.slaapkamers, w.huur, w.toegankelijk, w.min_personen if met_min else _LEEG[0], met_min,
            a.soort_ok, w.soort, w.beschikbaar, p, a.horizon, a.kern_ok, w.kern_code, np.empty((len(hh), len(w)), np.bool_))
    laag, hoog, limiet, toegankelijk = _rijgrenzen(hh, beleid, jaar_van(p))
    # A dwelling refused by a dwelling-only rule has fewer rooms than anyone needs (laag >= 0):
    # a reservation's soort matters only until it is available; the months ahead; the kern.
    kolom = (_soorten_masker(beleid.soorten)[w.soort] | (w.beschikbaar <= p)) \
        & (w.beschikbaar <= horizon_dag(p, beleid.vooruit_maanden)) & _kernen_masker(beleid.kernen, len(_KERNCODES))[w.kern_code]
    kamers = np.where(kolom, w.slaapkamers, -_GEEN)
    ok = (kamers >= laag) & (kamers <= hoog)
    if limiet is not None:
        ok &= w.huur <= limiet
    if toegankelijk is not None:
        ok &= ~(toegankelijk & ~w.toegankelijk)
    # (count_nonzero: a fraction of .any()'s cost on arrays this small)
    if w.min_personen is not None and np.count_nonzero(w.min_personen):
        gezin = hh.gezin if hh.gezin is not None else hh.personen_huur
        ok &= ~(gezin[:, None] < w.min_personen[None, :])
    return ok


def eerste_bezwaar(r: Ronde, beleid: Beleid) -> np.ndarray:
    """(hh, w) int: index into REGELCODES of the first refusing rule in policy order, -1 if none."""
    vorm = (len(r.hh), len(r.w))
    alle = bezwaren(r, beleid)
    regels = beleid.regels
    stapel = np.empty((len(regels), *vorm), bool)  # rule k of the policy refuses pair (h, w)
    for k, code in enumerate(regels):
        stapel[k] = alle[code]
    codes = np.array([REGELCODES.index(c) for c in regels] + [-1], np.int64)
    # (argmax: the first True; a pair no rule refuses points past the last rule, to -1)
    return codes[np.where(stapel.any(0), stapel.argmax(0), len(regels))] if regels else np.full(vorm, -1, np.int64)


def meest_bezwaar(bezwaar: np.ndarray) -> np.ndarray:
    """Per household (row of `eerste_bezwaar`): the code that refuses most of its dwellings;
    of codes refusing as many, the one met first along the row (as `Counter.most_common` counts a row)."""
    n, m = bezwaar.shape
    if m == 0:
        return np.full(n, -1, np.int64)
    codes = np.unique(bezwaar)
    gelijk = bezwaar[:, :, None] == codes  # (household, dwelling, code)
    # more dwellings first; then the earlier first dwelling (a code not in the row scores 0, below any present)
    sleutel = gelijk.sum(1) * (m + 1) - gelijk.argmax(1)
    return codes[sleutel.argmax(1)]
