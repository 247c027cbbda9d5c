"""Kenmerktabellen: the per-household and per-dwelling rows of the rules, kept across rounds.

The simulation holds a round every week on much the same households and dwellings. Building a
`Ronde` from Python objects every time (ten loops over the list) cost more than solving it.
Here each household's row is written once when it enters, rewritten only by an event that
changes it (nareizigers arriving, a status change, a vervolg move), and a round takes its rows
by index: one fancy index per field, no Python loop over households.

    tabel = HuishoudenTabel()
    rij = tabel.voeg_toe(hh, personen=..., personen_huur=..., nodig=..., nodig_ruim=...,
                         koppeldag=..., blokkade=...)        # when the household enters
    tabel.zet(rij, blokkade=GEEN_BLOKKADE)                   # on an event
    r = Ronde(tabel.kies(rijen, toegezegd), woningtabel.kies(w_rijen, vrij_tot=dag), peildag)

`kies` gives exactly what `bouw_huishouden_kenmerken` / `woning_kenmerken` give for the same
values (tests/test_kenmerktabel.py checks field by field).
"""

from __future__ import annotations

import numpy as np

from .huishoudens import Huishouden
from .grenzen import controleer_omvang
from .regels import (HuishoudenKenmerken, Ronde, WoningKenmerken, kernargumenten, dag, kerncode, kerncodes,
                     toelaatbaar)
from .snelkern import kernen
from .woningen import SOORTEN, Woning, WoningSoort

VRIJ = SOORTEN.index(WoningSoort.VRIJ)


class _Tabel:
    VELDEN: dict[str, type] = {}

    def __init__(self, capaciteit: int = 64):
        self.n = 0
        self._kol = {k: np.zeros(capaciteit, t) if t is not object else np.empty(capaciteit, object)
                     for k, t in self.VELDEN.items()}

    def __len__(self) -> int:
        return self.n

    @property
    def kolommen(self) -> dict[str, np.ndarray]:
        """The columns by field name, as stored (rows beyond `n` hold nothing): for kernels that
        read rows by number. Read only: rows change through `voeg_toe` and `zet`."""
        return self._kol

    def _nieuwe_rij(self) -> int:
        if self.n == len(self._kol["ids"]):
            for k, a in self._kol.items():
                groter = np.zeros(2 * len(a), a.dtype) if a.dtype != object else np.empty(2 * len(a), object)
                groter[:self.n] = a[:self.n]
                self._kol[k] = groter
        self.n += 1
        return self.n - 1

    def zet(self, rij: int, **velden) -> None:
        """Rewrite fields of one row (after an event); unknown names are an error, not ignored."""
        if not 0 <= rij < self.n:
            raise IndexError(f"rij {rij} bestaat niet (tabel heeft {self.n} rijen)")
        for k, v in velden.items():
            self._kol[k][rij] = v
        self._afgeleid(rij, velden)

    def _afgeleid(self, rij: int, velden: dict) -> None:
        pass

    CODES: dict[str, str] = {}  # kern code column: its name column

    # Kern codes hold within one process: sent to another (a worker), they are made there again.
    def __setstate__(self, staat):
        self.__dict__.update(staat)
        for code, naam in self.CODES.items():
            self._kol[code][:self.n] = kerncodes(self._kol[naam][:self.n])

    def rijnummers(self, index) -> np.ndarray:
        """Row numbers (a short list) as an index array, each checked to be a row."""
        # (checked in Python: cheaper than two reductions)
        if len(index) and (min(index) < 0 or max(index) >= self.n):
            raise IndexError(f"rij buiten de tabel ({self.n} rijen)")
        return np.asarray(index, np.int64)

    def _kies(self, index) -> dict[str, np.ndarray]:
        index = self.rijnummers(index)
        return {k: a[index] for k, a in self._kol.items()}


class HuishoudenTabel(_Tabel):
    VELDEN = {"ids": object, "personen": np.int64, "personen_huur": np.int64, "nodig": np.int64,
              "nodig_ruim": np.int64, "alleen": bool, "toegankelijk": bool, "koppeldag": np.int64,
              "voorkeur": object, "voorkeur_code": np.int64, "blokkade": np.int64, "gezin": np.int64}
    CODES = {"voorkeur_code": "voorkeur"}

    def voeg_toe(self, hh: Huishouden, *, personen: int, personen_huur: int, nodig: int, nodig_ruim: int,
                 koppeldag: int, blokkade: int) -> int:
        """A household's row: what depends on where it comes from is given (as to
        `bouw_huishouden_kenmerken`), the rest is read from the household. Returns the row."""
        # (column by column, not through `zet`: a household enters in most rounds)
        rij = self._nieuwe_rij()
        k = self._kol
        k["ids"][rij], k["toegankelijk"][rij] = hh.id, hh.toegankelijk
        k["voorkeur"][rij], k["voorkeur_code"][rij] = hh.voorkeur_kern, kerncode(hh.voorkeur_kern)
        k["personen"][rij], k["personen_huur"][rij], k["alleen"][rij] = personen, personen_huur, personen_huur == 1
        k["nodig"][rij], k["nodig_ruim"][rij], k["koppeldag"][rij] = nodig, nodig_ruim, koppeldag
        k["blokkade"][rij], k["gezin"][rij] = blokkade, hh.personen_totaal
        return rij

    def _afgeleid(self, rij: int, velden: dict) -> None:
        if "personen_huur" in velden:
            self._kol["alleen"][rij] = velden["personen_huur"] == 1
        if "voorkeur" in velden:
            self._kol["voorkeur_code"][rij] = kerncode(velden["voorkeur"])

    def kies(self, index, toegezegd: int = 0) -> HuishoudenKenmerken:
        """The round's households, in the order of `index` (row numbers); `toegezegd`: the last
        this many already hold a promised reservation."""
        n = len(index)
        velden = self._kies(index)
        velden["toegezegd"] = (np.arange(n) >= n - toegezegd) if toegezegd else None
        return HuishoudenKenmerken.uit_velden(velden)


class WoningTabel(_Tabel):
    VELDEN = {"ids": object, "kern": object, "kern_code": np.int64, "slaapkamers": np.int64, "huur": np.float64,
              "beschikbaar": np.int64, "soort": np.int64, "toegankelijk": bool, "min_personen": np.int64}
    CODES = {"kern_code": "kern"}

    def voeg_toe(self, w: Woning, beschikbaar: int | None = None, soort: int | None = None) -> int:
        """A dwelling's row; `beschikbaar` (absolute day number) and `soort` (index into SOORTEN)
        when the caller knows better than the dwelling itself, as for `woning_kenmerken`."""
        rij = self._nieuwe_rij()
        k = self._kol
        k["ids"][rij], k["kern"][rij], k["kern_code"][rij] = w.id, w.kern, kerncode(w.kern)
        k["slaapkamers"][rij], k["huur"][rij], k["toegankelijk"][rij] = w.slaapkamers, w.huur, w.toegankelijk
        k["beschikbaar"][rij] = dag(w.beschikbaar) if beschikbaar is None else beschikbaar
        k["soort"][rij] = SOORTEN.index(w.soort) if soort is None else soort
        k["min_personen"][rij] = w.min_personen
        return rij

    def _afgeleid(self, rij: int, velden: dict) -> None:
        if "kern" in velden:
            self._kol["kern_code"][rij] = kerncode(velden["kern"])

    def kies(self, index, vrij_tot: int | None = None) -> WoningKenmerken:
        """The round's dwellings in the order of `index`. `vrij_tot` (absolute day number): a
        reserved dwelling available on or before it is simply vacant (its soort becomes vrij)."""
        velden = self._kies(index)
        if vrij_tot is not None:
            # (in place: `_kies` gave a fresh copy)
            np.putmask(velden["soort"], velden["beschikbaar"] <= vrij_tot, VRIJ)
        return WoningKenmerken.uit_velden(velden)


def toelaatbaar_in_tabellen(ht: HuishoudenTabel, hi, wt: WoningTabel, wi, peildag: int, beleid) -> np.ndarray:
    """`regels.toelaatbaar(Ronde(ht.kies(hi), wt.kies(wi, vrij_tot=peildag), peildag), beleid)`:
    with the compiled kernels the rules read the tables' columns by row number, without
    selecting the rows first (a simulated round that turns out to have no admissible pair
    needs nothing more). The soort as stored: a reservation available by the peildag passes
    the soort rule either way, so `vrij_tot` changes nothing here."""
    controleer_omvang(len(hi), len(wi))  # before the (households x dwellings) matrix
    kern = kernen()
    if kern is None:
        return toelaatbaar(Ronde(ht.kies(hi), wt.kies(wi, vrij_tot=peildag), peildag), beleid)
    return toelaatbaar_op_rijen(kern, ht.kolommen, ht.rijnummers(hi), wt.kolommen, wt.kolommen["beschikbaar"], wt.rijnummers(wi), peildag,
                                beleid)


def toelaatbaar_op_rijen(kern: dict, h: dict, hi: np.ndarray, w: dict, beschikbaar: np.ndarray, wi: np.ndarray,
                         peildag: int, beleid, eerste: bool = False) -> np.ndarray | int:
    """The compiled rules on household columns `h` (rows `hi`) and dwelling columns `w` (rows
    `wi`, available from `beschikbaar`), as `HuishoudenTabel` and `WoningTabel` hold them.
    `eerste`: instead of the matrix, the first dwelling (position in `wi`) that some household
    may take, or -1."""
    a = kernargumenten(beleid, peildag)
    return kern["eerste_toelaatbaar_rijen" if eerste else "toelaatbaar_rijen"](
        h["nodig"], h["nodig_ruim"], h["alleen"], h["blokkade"], h["personen_huur"], h["toegankelijk"], h["gezin"], hi,
        *a.scalairen, w["slaapkamers"], w["huur"], w["toegankelijk"], w["min_personen"], True,
        a.soort_ok, w["soort"], beschikbaar, peildag, a.horizon, a.kern_ok, w["kern_code"], wi,
        np.empty((len(hi), len(wi)), np.bool_))
