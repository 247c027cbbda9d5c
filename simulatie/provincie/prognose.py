"""Prognose per gemeente: the province's linear method, and beside it a forecast with uncertainty.

Three siblings, each labelled in the output (`methode`): `lineair` (always computed),
`tempomodel` (`tempo`) and `simulatie` (`via_simulatie`). This module picks one per gemeente
and summarises the draws (p10/p50/p90, the chance of meeting the totaalopgave).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
import numpy as np
from matching.bestanden import InvoerFout
from simulatie.uitvoerder import Serieel, Uitvoerder

from .lineair import LineairePrognose, lineaire_prognose
from .tabel import GemeenteRij, TabelPeriode, ProvincieTabel
from .tempo import TempoParameters, tempo_taak, tempomodel
from .via_simulatie import prognose_uit_simulatie, scenario_bestanden


KWANTIELEN = (0.1, 0.5, 0.9)


class Methode(StrEnum):
    """The forecast with uncertainty a row got (column `methode`); the linear prognose of the
    province is computed for every row beside it. Equal to the word in the outputs."""
    TEMPOMODEL = "tempomodel"
    SIMULATIE = "simulatie"
    GEEN_GEGEVENS = "geen gegevens"


# ---------------------------------------------------------------- summaries

def gehele_kwantielen(monsters: np.ndarray) -> dict[str, int]:
    """p10/p50/p90 as the smallest value whose empirical cdf reaches q (the definition a
    Poisson ppf uses), so the model can be checked against theory exactly."""
    q = np.quantile(monsters, KWANTIELEN, method="inverted_cdf")
    return {f"p{round(k * 100)}": int(v) for k, v in zip(KWANTIELEN, q)}


def kans_gehaald(monsters: np.ndarray, opgave: int | None) -> float | None:
    if opgave is None:
        return None
    return float(np.count_nonzero(monsters >= opgave)) / monsters.size


# ---------------------------------------------------------------- per gemeente

@dataclass
class PrognoseRij:
    rij: GemeenteRij
    lineair: LineairePrognose | None
    methode: str                          # a Methode, or for the Totaal row 'som van gemeenten (...)' or
                                          # 'tempomodel (totaalrij)'
    monsters: np.ndarray | None = field(default=None, repr=False)
    prognose: dict[str, int] | None = None
    kans: float | None = None             # kans_totaalopgave_gehaald
    kans_extra: float | None = None       # ... inclusief extra opgave
    ibt: dict | None = None               # IBT outlook after this period (vooruitzicht.py), with a trede


@dataclass
class ProvincieResultaat:
    tabel: ProvincieTabel
    rijen: list[PrognoseRij]
    totaal: PrognoseRij | None
    replicaties: int
    seed: int
    parameters: TempoParameters
    meldingen: list[str]


def _prognose_rij(rij: GemeenteRij, periode: TabelPeriode, monsters: np.ndarray | None, methode: str) -> PrognoseRij:
    uit = PrognoseRij(rij, lineaire_prognose(rij, periode), methode, monsters)
    if monsters is not None:
        uit.prognose = gehele_kwantielen(monsters)
        uit.kans = kans_gehaald(monsters, rij.totaalopgave)
        uit.kans_extra = kans_gehaald(monsters, rij.totaalopgave_extra)
    return uit


def bereken_prognoses(tabel: ProvincieTabel, replicaties: int = 1000, seed: int = 20221110,
                      uitvoerder: Uitvoerder | None = None, scenarios: str | Path | None = None,
                      parameters: TempoParameters = TempoParameters(), voortgang=None,
                      zet: dict[str, object] | None = None) -> ProvincieResultaat:
    """Every gemeente with numbers gets the linear prognose and a forecast with uncertainty:
    the simulation where a scenario file exists, else the pace model. The pace-model runs fan
    out through `uitvoerder` (results come back in task order, draws are keyed by gemeente).
    `zet`: overrides (`--zet`) set in every scenario file from `scenarios`."""
    if replicaties < 1:
        raise InvoerFout(None, "--replicaties moet minstens 1 zijn", veld="--replicaties")
    uitvoerder = uitvoerder or Serieel()
    periode = tabel.periode
    meldingen = list(tabel.meldingen)
    bestanden = scenario_bestanden(scenarios, tabel, zet)

    monsters: dict[str, np.ndarray] = {}
    methoden: dict[str, Methode] = {}
    for rij in tabel.gemeenten:
        if rij.heeft_cijfers and rij.gemeente in bestanden:
            monsters[rij.gemeente] = prognose_uit_simulatie(bestanden[rij.gemeente], rij, periode,
                                                            replicaties, seed, uitvoerder, zet)
            methoden[rij.gemeente] = Methode.SIMULATIE
            if voortgang:
                voortgang(1)
    tempo = [r for r in tabel.gemeenten if r.heeft_cijfers and r.gemeente not in monsters]
    if tabel.totaal is not None and not tabel.totaal_berekend and tabel.totaal.heeft_cijfers:
        tempo.append(tabel.totaal)
    taken = [tempo_taak(r, periode, replicaties, seed, parameters) for r in tempo]
    for r, m in zip(tempo, uitvoerder.map(tempomodel, taken, voortgang)):
        monsters[r.gemeente] = m
        methoden[r.gemeente] = Methode.TEMPOMODEL

    rijen = [_prognose_rij(r, periode, monsters.get(r.gemeente), methoden.get(r.gemeente, Methode.GEEN_GEGEVENS))
             for r in tabel.gemeenten]
    totaal = None
    if tabel.totaal is not None:
        if tabel.totaal_berekend:
            som = np.sum([monsters[r.gemeente] for r in tabel.gemeenten], axis=0)
            tel = {m: sum(1 for r in tabel.gemeenten if methoden[r.gemeente] == m)
                   for m in (Methode.TEMPOMODEL, Methode.SIMULATIE)}
            delen = ", ".join(f"{n} {m}" for m, n in tel.items() if n)
            totaal = _prognose_rij(tabel.totaal, periode, som, f"som van gemeenten ({delen})")
        elif tabel.totaal.heeft_cijfers:
            totaal = _prognose_rij(tabel.totaal, periode, monsters[tabel.totaal.gemeente],
                                   f"{Methode.TEMPOMODEL} (totaalrij)")
        else:
            totaal = _prognose_rij(tabel.totaal, periode, None, Methode.GEEN_GEGEVENS)
    return ProvincieResultaat(tabel, rijen, totaal, replicaties, seed, parameters, meldingen)
