"""The pace model (gemeenten without a scenario file): placements as a Poisson process.

The daily rate is estimated from the realisatie so far, with the uncertainty of that estimate
(Gamma posterior under a Jeffreys prior); persons per placement 1 + Poisson(mu - 1) (mean
mu = 2.25 [seed]); known reservations (each lands before the period's end with a probability)
are a floor under the placements still to come.

Random numbers: one SeedSequence per (gemeente, purpose), keyed by the gemeente's name, so a
gemeente gets the same draws whatever the table order, the subset or the way work is spread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction
import numpy as np

from .koppen import normaliseer_kop
from .lineair import rond_half_op
from .tabel import GemeenteRij, TabelPeriode


GEMEENTE_STROMEN = ("tempo", "plaatsingen", "omvang", "reserveringen")


# ---------------------------------------------------------------- the pace model

@dataclass(frozen=True, slots=True)
class TempoParameters:
    """Assumptions of the pace model; all can be changed (none is a published fact except mu)."""

    personen_per_plaatsing: float = 2.25   # [seed] 2.25 persons per dwelling (Leusden 2023 plan)
    onzekerheid_tempo: bool = True         # False: the rate is known (= the linear estimate)
    prior_vorm: float = 0.5                # Gamma prior shape on the household rate (Jeffreys)
    prior_dagen: float = 0.0               # Gamma prior rate (pseudo-days observed)
    kans_reservering_op_tijd: float = 0.9  # a reserved dwelling is let before the period's end
    # How reservations combine with the pace. "ondergrens": the pace stands for all placements
    # still to come and the reserved persons are a floor under them (max of the two), since the
    # pace so far already included reservations that landed. "bovenop": reservations are extra
    # to the pace (placements beyond the known pipeline continue at the pace so far).
    reserveringen: str = "ondergrens"

    def __post_init__(self):
        if self.reserveringen not in ("ondergrens", "bovenop"):
            raise ValueError("reserveringen is 'ondergrens' of 'bovenop'")
        if not self.personen_per_plaatsing >= 1:
            raise ValueError("personen_per_plaatsing moet minstens 1 zijn")
        if not 0 <= self.kans_reservering_op_tijd <= 1:
            raise ValueError("kans_reservering_op_tijd ligt tussen 0 en 1")
        if self.prior_vorm < 0 or self.prior_dagen < 0:
            raise ValueError("prior_vorm en prior_dagen zijn niet negatief")


@dataclass(frozen=True, slots=True)
class TempoTaak:
    """One gemeente's pace-model run: picklable, so it can go to a worker or a Dask cluster."""

    gemeente: str
    realisatie: int
    dagen_verstreken: int
    dagen_periode: int
    gereserveerde_woningen: int
    gereserveerde_personen: int
    replicaties: int
    seed: int
    parameters: TempoParameters = TempoParameters()


def gemeente_sleutel(naam: str) -> int:
    """A stable 63-bit key from the gemeente's name (case, spacing and hyphens ignored)."""
    tekst = normaliseer_kop(naam).replace("-", " ").encode("utf-8")
    return int.from_bytes(hashlib.blake2b(tekst, digest_size=8).digest(), "big") >> 1


def gemeente_toevalsstroom(seed: int, gemeente: str, naam: str) -> np.random.Generator:
    """Common random numbers: one generator per (gemeente, purpose)."""
    ss = np.random.SeedSequence(seed, spawn_key=(gemeente_sleutel(gemeente), GEMEENTE_STROMEN.index(naam)))
    return np.random.default_rng(ss)


def personen_per_reservering(woningen: int, personen: int, mu: float) -> np.ndarray:
    """Persons per reserved dwelling, spread as evenly as whole persons allow. With only one of
    the two numbers known, the other follows from mu persons per dwelling."""
    if woningen <= 0 and personen <= 0:
        return np.zeros(0, dtype=np.int64)
    if woningen <= 0:
        woningen = min(personen, max(1, rond_half_op(Fraction(personen) / Fraction(str(mu)))))
    if personen <= 0:
        personen = max(woningen, rond_half_op(Fraction(woningen) * Fraction(str(mu))))
    basis, rest = divmod(personen, woningen)
    return np.array([basis + 1] * rest + [basis] * (woningen - rest), dtype=np.int64)


def tempomodel(taak: TempoTaak) -> np.ndarray:
    """Realisatie (persons) at the period's end, one value per replication.

    Households placed so far k = realisatie / mu over d elapsed days; the daily rate
    lambda ~ Gamma(prior_vorm + k, prior_dagen + d) (or exactly k/d without rate uncertainty);
    households in the remaining r days N ~ Poisson(lambda r); persons N + Poisson((mu - 1) N),
    i.e. each household 1 + Poisson(mu - 1); each reserved dwelling is let in time with
    probability `kans_reservering_op_tijd`, and the reserved persons are a floor under the
    placements still to come (or added to them, `reserveringen = "bovenop"`).
    """
    p = taak.parameters
    R = taak.replicaties
    d, D = taak.dagen_verstreken, taak.dagen_periode
    r = D - d
    eind = np.full(R, taak.realisatie, dtype=np.int64)
    if r <= 0:
        return eind  # peildatum at the period's end: nothing left to forecast
    mu = p.personen_per_plaatsing
    k = taak.realisatie / mu
    if p.onzekerheid_tempo:
        vorm, snelheid = p.prior_vorm + k, p.prior_dagen + d
        lam = gemeente_toevalsstroom(taak.seed, taak.gemeente, "tempo").gamma(vorm, 1.0 / snelheid, size=R) if vorm > 0 \
            else np.zeros(R)
    else:
        lam = np.full(R, k / d)
    n = gemeente_toevalsstroom(taak.seed, taak.gemeente, "plaatsingen").poisson(lam * r)
    tempo = n.astype(np.int64)
    if mu > 1:
        tempo += gemeente_toevalsstroom(taak.seed, taak.gemeente, "omvang").poisson((mu - 1) * n)
    per_woning = personen_per_reservering(taak.gereserveerde_woningen, taak.gereserveerde_personen, mu)
    if per_woning.size:
        op_tijd = gemeente_toevalsstroom(taak.seed, taak.gemeente, "reserveringen").random((R, per_woning.size)) \
            < p.kans_reservering_op_tijd
        gereserveerd = op_tijd.astype(np.int64) @ per_woning
        tempo = tempo + gereserveerd if p.reserveringen == "bovenop" else np.maximum(tempo, gereserveerd)
    return eind + tempo


def tempo_taak(rij: GemeenteRij, periode: TabelPeriode, replicaties: int, seed: int,
               parameters: TempoParameters) -> TempoTaak:
    return TempoTaak(rij.gemeente, rij.realisatie, periode.dagen_verstreken, periode.dagen,
                     rij.gereserveerde_woningen, rij.gereserveerde_personen, replicaties, seed, parameters)
