"""Synthetic province tables for scale runs and tests: Utrecht's 26 gemeenten and a national table.

Deterministic from a seed. Numbers that the seed or public sources give are used as such;
everything else is synthetic and labelled so:
- Utrecht 2022-2: the 26 names and tredes from the seed; Leusden and Utrecht with the seed's
  numbers; the other 24 share what the seed's Totaal row leaves (achterstand 415 - 26 - 207,
  taakstelling 1054 - 24 - 275, extra opgave 502 - 11 - 133, realisatie 1120 - 31 - 438), so the
  computed Totaal row equals the province's. Taakstelling and extra opgave by population share
  (art. 29 Huisvestingswet: a gemeente's share of inhabitants); achterstand and realisatie with
  synthetic spread. Populations are rounded, indicative 2022 figures, used only as weights.
- Nationaal: 344 synthetic gemeenten with lognormal populations; 2022-2 totals from public
  figures (taakstelling 13,500; extra opgave 20,000; achterstand 1,810 = the national stand of
  -1,810 at the end of 2022-1; realisatie 17,126 over the period, of which the share up to the
  peildatum). Names are synthetic ("Gemeente 001").
"""

from __future__ import annotations

import datetime as dt
import numpy as np

from .tabel import GemeenteRij, ProvincieTabel, maak_tabel, periode_bij_peildatum


PEILDATUM_2022_2 = dt.date(2022, 11, 10)

# name, trede 2022-1 [seed], inhabitants (rounded, indicative 2022; weights only)
UTRECHT: tuple[tuple[str, int | None, int], ...] = (
    ("Amersfoort", 2, 158_000), ("Baarn", 2, 25_000), ("Bunnik", 2, 15_500), ("Bunschoten", 2, 22_000),
    ("De Bilt", 2, 43_500), ("De Ronde Venen", 1, 45_000), ("Eemnes", 1, 9_700), ("Houten", None, 50_500),
    ("IJsselstein", None, 34_500), ("Leusden", 3, 30_500), ("Lopik", 1, 14_700), ("Montfoort", 2, 14_000),
    ("Nieuwegein", 1, 64_000), ("Oudewater", None, 10_300), ("Renswoude", None, 5_600), ("Rhenen", 2, 20_300),
    ("Soest", 1, 47_000), ("Stichtse Vecht", None, 65_000), ("Utrecht", 3, 361_000),
    ("Utrechtse Heuvelrug", None, 50_000), ("Veenendaal", None, 67_000), ("Vijfheerenlanden", None, 57_000),
    ("Wijk bij Duurstede", 2, 24_000), ("Woerden", 1, 53_000), ("Woudenberg", 1, 14_000), ("Zeist", 1, 65_500),
)
# [seed] the rows with numbers: achterstand, taakstelling, extra opgave, realisatie tot 10 nov 2022
UTRECHT_SEED = {"Leusden": (26, 24, 11, 31), "Utrecht": (207, 275, 133, 438)}
UTRECHT_TOTAAL = (415, 1054, 502, 1120)

# [publiek] national 2022-2 figures (openkamer.org; schulinck.nl); extra opgave Aug 2022 (seed)
NATIONAAL_2022_2 = {"taakstelling": 13_500, "extra_opgave": 20_000, "achterstand": 1_810, "realisatie": 17_126}
INWONERS_NL = 17_590_000


def verdeel(totaal: int, gewichten) -> np.ndarray:
    """Whole numbers >= 0 proportional to `gewichten` that sum exactly to `totaal`
    (largest remainder, ties by position)."""
    w = np.asarray(gewichten, dtype=float)
    return afronden_op_som(totaal * w / w.sum(), totaal)


def afronden_op_som(ruw, totaal: int) -> np.ndarray:
    """Round real numbers to integers with exactly this sum: shift them so they sum to `totaal`,
    floor, and give the remaining units to the largest fractional parts."""
    ruw = np.asarray(ruw, dtype=float)
    ruw = ruw + (totaal - ruw.sum()) / ruw.size
    basis = np.floor(ruw)
    rest = int(round(totaal - basis.sum()))
    volgorde = np.argsort(-(ruw - basis), kind="stable")
    basis[volgorde[:rest]] += 1
    return basis.astype(np.int64)


def utrecht_synthetisch(seed: int = 2022, peildatum: dt.date = PEILDATUM_2022_2) -> ProvincieTabel:
    rng = np.random.default_rng(seed)
    overig = [(n, t, inw) for n, t, inw in UTRECHT if n not in UTRECHT_SEED]
    rest = [tot - sum(v[i] for v in UTRECHT_SEED.values()) for i, tot in enumerate(UTRECHT_TOTAAL)]
    inw = np.array([x[2] for x in overig], dtype=float)
    taak = verdeel(rest[1], inw)
    extra = verdeel(rest[2], inw)
    achter = afronden_op_som(rest[0] * inw / inw.sum() + rng.normal(0, 0.25, inw.size) * taak, rest[0])
    real = verdeel(rest[3], inw * rng.lognormal(0, 0.35, inw.size))
    cijfers = {n: (int(a), int(t), int(e), int(r)) for (n, _, _), a, t, e, r in zip(overig, achter, taak, extra, real)}
    cijfers.update(UTRECHT_SEED)
    rijen = [GemeenteRij(gemeente=n, rij=i + 2, trede=trede, achterstand=cijfers[n][0], taakstelling=cijfers[n][1],
                         extra_opgave=cijfers[n][2], realisatie=cijfers[n][3])
             for i, (n, trede, _) in enumerate(UTRECHT)]
    return maak_tabel(rijen, periode_bij_peildatum(peildatum), "synthetisch: provincie Utrecht 2022-2",
                      titel="Synthetische tabel provincie Utrecht 2022-2 (Leusden en Utrecht uit de bron)")


def nationaal_synthetisch(seed: int = 2022, gemeenten: int = 344,
                          peildatum: dt.date = PEILDATUM_2022_2) -> ProvincieTabel:
    rng = np.random.default_rng(seed)
    periode = periode_bij_peildatum(peildatum)
    inw = np.clip(rng.lognormal(np.log(28_000), 0.85, gemeenten), 900, 950_000)
    inw = inw * INWONERS_NL / inw.sum()
    taak = verdeel(NATIONAAL_2022_2["taakstelling"], inw)
    extra = verdeel(NATIONAAL_2022_2["extra_opgave"], inw)
    achter = afronden_op_som(NATIONAAL_2022_2["achterstand"] * inw / inw.sum()
                             + rng.normal(0, 0.4, gemeenten) * taak, NATIONAAL_2022_2["achterstand"])
    tot_peildatum = round(NATIONAAL_2022_2["realisatie"] * periode.dagen_verstreken / periode.dagen)
    real = verdeel(tot_peildatum, inw * rng.lognormal(0, 0.4, gemeenten))
    trede = rng.choice([1, 2, 3], size=gemeenten, p=[0.5, 0.35, 0.15])
    rijen = [GemeenteRij(gemeente=f"Gemeente {i + 1:03d}", rij=i + 2, trede=int(trede[i]),
                         achterstand=int(achter[i]), taakstelling=int(taak[i]), extra_opgave=int(extra[i]),
                         realisatie=int(real[i]))
             for i in range(gemeenten)]
    return maak_tabel(rijen, periode, f"synthetisch: {gemeenten} gemeenten {periode.naam}",
                      titel=f"Synthetische landelijke tabel {periode.naam} ({gemeenten} gemeenten)")
