"""Prognose per gemeente: the province's linear method, and beside it a forecast with uncertainty.

Three siblings, each labelled in the output (`methode`):

- ``lineair`` (the province's method, reproduced exactly; always computed):
  prognose = realisatie x dagen_periode / dagen_verstreken, rounded half up to whole persons;
  the percentages divide the UNROUNDED prognose by the totaalopgave (with and without extra
  opgave) and round half up. Seed check (2022-2, peildatum 10 Nov 2022, 132 of 184 days):
  Leusden 31 -> 43.21 -> 43, 86%, 71% (43/61 would give 70%: the province divides the unrounded
  value); Utrecht 438 -> 610.55 -> 611, 127%, 99%; Totaal 1120 -> 1561.2 -> 1561, 106%, 79%.
- ``tempomodel`` (gemeenten without a scenario file): placements of households as a Poisson
  process whose daily rate is estimated from the realisatie so far, with the uncertainty of that
  estimate (Gamma posterior under a Jeffreys prior), persons per placement 1 + Poisson(mu - 1)
  (mean mu = 2.25 [seed]), and known reservations (each lands before the period's end with a
  probability) as a floor under the placements still to come. Gives p10/p50/p90 of realisatie
  at the period's end and the chance of meeting the totaalopgave, with and without extra opgave.
- ``simulatie`` (gemeenten with a scenario file in --scenarios): the full SimPy simulation of
  issue 4 (`simulatie.replicaties.simuleer`), reached through `prognose_uit_simulatie`.

Random numbers: one SeedSequence per (gemeente, purpose), keyed by the gemeente's name rather
than by its position, so a gemeente gets the same draws whatever the table order, the subset
of rows or the way the work is spread over processes or a Dask cluster.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np

from matching.bestanden import InvoerFout
from simulatie.provincie import GemeenteRij, Periode, ProvincieTabel, normaliseer_kop
from simulatie.uitvoerder import Serieel, Uitvoerder

STROMEN = ("tempo", "plaatsingen", "omvang", "reserveringen")
KWANTIELEN = (0.1, 0.5, 0.9)


# ---------------------------------------------------------------- the province's method

def rond_half_op(x: Fraction) -> int:
    """Round half away from zero, as Excel's ROUND and its display do (not Python's round)."""
    if x >= 0:
        return math.floor(x + Fraction(1, 2))
    return -math.floor(-x + Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class LineairePrognose:
    exact: Fraction          # realisatie x dagen / verstreken, unrounded
    prognose: int
    pct: int | None          # of totaalopgave; None when the totaalopgave is 0 or less
    pct_extra: int | None    # of totaalopgave inclusief extra opgave


def lineaire_prognose(rij: GemeenteRij, periode: Periode) -> LineairePrognose | None:
    if not rij.heeft_cijfers:
        return None
    exact = Fraction(rij.realisatie * periode.dagen, periode.dagen_verstreken)

    def pct(noemer):
        return rond_half_op(exact * 100 / noemer) if noemer and noemer > 0 else None
    return LineairePrognose(exact, rond_half_op(exact), pct(rij.totaalopgave), pct(rij.totaalopgave_extra))


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


def stroom(seed: int, gemeente: str, naam: str) -> np.random.Generator:
    """Common random numbers: one generator per (gemeente, purpose)."""
    ss = np.random.SeedSequence(seed, spawn_key=(gemeente_sleutel(gemeente), STROMEN.index(naam)))
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
        lam = stroom(taak.seed, taak.gemeente, "tempo").gamma(vorm, 1.0 / snelheid, size=R) if vorm > 0 \
            else np.zeros(R)
    else:
        lam = np.full(R, k / d)
    n = stroom(taak.seed, taak.gemeente, "plaatsingen").poisson(lam * r)
    tempo = n.astype(np.int64)
    if mu > 1:
        tempo += stroom(taak.seed, taak.gemeente, "omvang").poisson((mu - 1) * n)
    per_woning = personen_per_reservering(taak.gereserveerde_woningen, taak.gereserveerde_personen, mu)
    if per_woning.size:
        op_tijd = stroom(taak.seed, taak.gemeente, "reserveringen").random((R, per_woning.size)) \
            < p.kans_reservering_op_tijd
        gereserveerd = op_tijd.astype(np.int64) @ per_woning
        tempo = tempo + gereserveerd if p.reserveringen == "bovenop" else np.maximum(tempo, gereserveerd)
    return eind + tempo


# ---------------------------------------------------------------- summaries

def kwantielen(monsters: np.ndarray) -> dict[str, int]:
    """p10/p50/p90 as the smallest value whose empirical cdf reaches q (the definition a
    Poisson ppf uses), so the model can be checked against theory exactly."""
    q = np.quantile(monsters, KWANTIELEN, method="inverted_cdf")
    return {f"p{round(k * 100)}": int(v) for k, v in zip(KWANTIELEN, q)}


def kans_gehaald(monsters: np.ndarray, opgave: int | None) -> float | None:
    if opgave is None:
        return None
    return float(np.count_nonzero(monsters >= opgave)) / monsters.size


# ---------------------------------------------------------------- the full simulation (issue 4)

def scenario_bestanden(map_: str | Path | None, tabel: ProvincieTabel) -> dict[str, Path]:
    """Scenario files per gemeente for the table's period: `<gemeente>-<periode>.toml`
    (lowercase, spaces as '-': `leusden-2022-2.toml`, `wijk-bij-duurstede-2022-2.toml`), or any
    TOML whose `gemeente` key names the gemeente and that has a period named like the table's."""
    if not map_:
        return {}
    from simulatie.scenario import laad_scenario

    map_ = Path(map_)
    if not map_.is_dir():
        raise InvoerFout(map_, "--scenarios is geen map")
    namen = {_slug(r.gemeente): r.gemeente for r in tabel.gemeenten}
    uit: dict[str, Path] = {}
    for pad in sorted(map_.glob("*.toml")):
        gemeente = None
        stem = pad.stem.lower()
        if stem.endswith(f"-{tabel.periode.naam}") and stem.removesuffix(f"-{tabel.periode.naam}") in namen:
            gemeente = namen[stem.removesuffix(f"-{tabel.periode.naam}")]
            sc = laad_scenario(pad).sc
            if not any(p.naam == tabel.periode.naam for p in sc.periode):
                raise InvoerFout(pad, f"de bestandsnaam noemt periode {tabel.periode.naam}, maar het scenario "
                                      "heeft geen periode met die naam", veld="periode")
        else:
            sc = laad_scenario(pad).sc
            if sc.gemeente and _slug(sc.gemeente) in namen and any(p.naam == tabel.periode.naam for p in sc.periode):
                gemeente = namen[_slug(sc.gemeente)]
        if gemeente is None:
            continue
        if gemeente in uit:
            raise InvoerFout(pad, f"tweede scenario voor {gemeente} in periode {tabel.periode.naam} "
                                  f"(ook {uit[gemeente].name})", veld="gemeente")
        uit[gemeente] = pad
    return uit


def _slug(naam: str) -> str:
    return normaliseer_kop(naam).replace(" ", "-")


def prognose_uit_simulatie(pad: Path, rij: GemeenteRij, periode: Periode, replicaties: int, seed: int,
                           uitvoerder: Uitvoerder) -> np.ndarray:
    """The link to issue 4: realisatie at the period's end from the full SimPy simulation.

    Runs `simulatie.replicaties.simuleer(scenario, its own beleid, replicaties, seed, uitvoerder)`
    and takes, per replication, the realisatie of the period with the table's name. The scenario
    must cover that period up to its end, and start either at the half-year's start, or at the
    table's peildatum carrying the table's realisatie so far (`realisatie` of its first period),
    which the simulation then includes: it is never added twice.
    """
    from simulatie.replicaties import simuleer, standen
    from simulatie.scenario import laad_scenario

    geladen = laad_scenario(pad)
    sc = geladen.sc
    namen = [p.naam for p in sc.periode]
    if periode.naam not in namen:
        raise InvoerFout(pad, f"scenario heeft geen periode {periode.naam}", veld="periode")
    sc_periode = sc.periode[namen.index(periode.naam)]
    if sc_periode.eind != periode.eind or sc.einddatum < periode.eind:
        raise InvoerFout(pad, f"periode {periode.naam} van het scenario loopt niet tot {periode.eind.isoformat()}",
                         veld="periode")
    if sc_periode.start != periode.start:
        raise InvoerFout(pad, f"periode {periode.naam} van het scenario begint op {sc_periode.start.isoformat()}; "
                              f"verwacht {periode.start.isoformat()}", veld="periode")
    if sc.startdatum not in (periode.start, periode.peildatum):
        raise InvoerFout(pad, f"scenario begint op {sc.startdatum.isoformat()}; verwacht de start van de periode "
                              f"({periode.start.isoformat()}) of de peildatum ({periode.peildatum.isoformat()})",
                         veld="startdatum")
    if sc.startdatum > periode.start and sc_periode.realisatie != rij.realisatie:
        raise InvoerFout(pad, f"periode {periode.naam}: realisatie vóór de start is {sc_periode.realisatie}, de tabel "
                              f"zegt {rij.realisatie} tot de peildatum", veld="periode.realisatie")
    resultaat = simuleer(geladen, sc.beleid, replicaties, seed, uitvoerder)
    realisatie, _ = standen(resultaat)
    return realisatie[:, namen.index(periode.naam)].astype(np.int64)


# ---------------------------------------------------------------- per gemeente

@dataclass
class PrognoseRij:
    rij: GemeenteRij
    lineair: LineairePrognose | None
    methode: str                          # tempomodel | simulatie | som van gemeenten (...) | geen gegevens
    monsters: np.ndarray | None = field(default=None, repr=False)
    prognose: dict[str, int] | None = None
    kans: float | None = None             # kans_totaalopgave_gehaald
    kans_extra: float | None = None       # ... inclusief extra opgave


@dataclass
class ProvincieResultaat:
    tabel: ProvincieTabel
    rijen: list[PrognoseRij]
    totaal: PrognoseRij | None
    replicaties: int
    seed: int
    parameters: TempoParameters
    meldingen: list[str]


def _prognose_rij(rij: GemeenteRij, periode: Periode, monsters: np.ndarray | None, methode: str) -> PrognoseRij:
    uit = PrognoseRij(rij, lineaire_prognose(rij, periode), methode, monsters)
    if monsters is not None:
        uit.prognose = kwantielen(monsters)
        uit.kans = kans_gehaald(monsters, rij.totaalopgave)
        uit.kans_extra = kans_gehaald(monsters, rij.totaalopgave_extra)
    return uit


def tempo_taak(rij: GemeenteRij, periode: Periode, replicaties: int, seed: int,
               parameters: TempoParameters) -> TempoTaak:
    return TempoTaak(rij.gemeente, rij.realisatie, periode.dagen_verstreken, periode.dagen,
                     rij.gereserveerde_woningen, rij.gereserveerde_personen, replicaties, seed, parameters)


def bereken_prognoses(tabel: ProvincieTabel, replicaties: int = 1000, seed: int = 20221110,
                      uitvoerder: Uitvoerder | None = None, scenarios: str | Path | None = None,
                      parameters: TempoParameters = TempoParameters()) -> ProvincieResultaat:
    """Every gemeente with numbers gets the linear prognose and a forecast with uncertainty:
    the simulation where a scenario file exists, else the pace model. The pace-model runs fan
    out through `uitvoerder` (results come back in task order, draws are keyed by gemeente)."""
    if replicaties < 1:
        raise InvoerFout(None, "--replicaties moet minstens 1 zijn", veld="--replicaties")
    uitvoerder = uitvoerder or Serieel()
    periode = tabel.periode
    meldingen = list(tabel.meldingen)
    bestanden = scenario_bestanden(scenarios, tabel)

    monsters: dict[str, np.ndarray] = {}
    methoden: dict[str, str] = {}
    for rij in tabel.gemeenten:
        if rij.heeft_cijfers and rij.gemeente in bestanden:
            monsters[rij.gemeente] = prognose_uit_simulatie(bestanden[rij.gemeente], rij, periode,
                                                            replicaties, seed, uitvoerder)
            methoden[rij.gemeente] = "simulatie"
    tempo = [r for r in tabel.gemeenten if r.heeft_cijfers and r.gemeente not in monsters]
    if tabel.totaal is not None and not tabel.totaal_berekend and tabel.totaal.heeft_cijfers:
        tempo.append(tabel.totaal)
    taken = [tempo_taak(r, periode, replicaties, seed, parameters) for r in tempo]
    for r, m in zip(tempo, uitvoerder.map(tempomodel, taken)):
        monsters[r.gemeente] = m
        methoden[r.gemeente] = "tempomodel"

    rijen = [_prognose_rij(r, periode, monsters.get(r.gemeente), methoden.get(r.gemeente, "geen gegevens"))
             for r in tabel.gemeenten]
    totaal = None
    if tabel.totaal is not None:
        if tabel.totaal_berekend:
            som = np.sum([monsters[r.gemeente] for r in tabel.gemeenten], axis=0)
            tel = {m: sum(1 for r in tabel.gemeenten if methoden[r.gemeente] == m) for m in ("tempomodel", "simulatie")}
            delen = ", ".join(f"{n} {m}" for m, n in tel.items() if n)
            totaal = _prognose_rij(tabel.totaal, periode, som, f"som van gemeenten ({delen})")
        elif tabel.totaal.heeft_cijfers:
            totaal = _prognose_rij(tabel.totaal, periode, monsters[tabel.totaal.gemeente], "tempomodel (totaalrij)")
        else:
            totaal = _prognose_rij(tabel.totaal, periode, None, "geen gegevens")
    return ProvincieResultaat(tabel, rijen, totaal, replicaties, seed, parameters, meldingen)
