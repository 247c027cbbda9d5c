"""The simulation route (gemeenten with a scenario file in --scenarios): the full SimPy simulation
(`simulatie.replicaties.simuleer`) for one gemeente's row of the province's table.
"""

from __future__ import annotations

from pathlib import Path
import numpy as np
from matching.bestanden import InvoerFout
from simulatie.uitvoerder import Uitvoerder

from .koppen import normaliseer_kop
from .tabel import GemeenteRij, TabelPeriode, ProvincieTabel


# ---------------------------------------------------------------- the full simulation (issue 4)

def scenario_bestanden(map_: str | Path | None, tabel: ProvincieTabel,
                       zet: dict[str, object] | None = None) -> dict[str, Path]:
    """Scenario files per gemeente for the table's period: `<gemeente>-<periode>.toml`
    (lowercase, spaces as '-': `leusden-2022-2.toml`, `wijk-bij-duurstede-2022-2.toml`), or any
    TOML whose `gemeente` key names the gemeente and that has a period named like the table's.
    Each is loaded with the overrides `zet`, so a wrong one is reported before anything runs."""
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
            sc = laad_scenario(pad, zet=zet).sc
            if not any(p.naam == tabel.periode.naam for p in sc.periode):
                raise InvoerFout(pad, f"de bestandsnaam noemt periode {tabel.periode.naam}, maar het scenario "
                                      "heeft geen periode met die naam", veld="periode")
        else:
            sc = laad_scenario(pad, zet=zet).sc
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


def prognose_uit_simulatie(pad: Path, rij: GemeenteRij, periode: TabelPeriode, replicaties: int, seed: int,
                           uitvoerder: Uitvoerder, zet: dict[str, object] | None = None) -> np.ndarray:
    """The link to issue 4: realisatie at the period's end from the full SimPy simulation.

    Runs `simulatie.replicaties.simuleer(scenario, its own beleid, replicaties, seed, uitvoerder)`
    and takes, per replication, the realisatie of the period with the table's name. The scenario
    must cover that period up to its end, and start either at the half-year's start, or at the
    table's peildatum carrying the table's realisatie so far (`realisatie` of its first period),
    which the simulation then includes: it is never added twice.
    """
    from simulatie.replicaties import simuleer, standen
    from simulatie.scenario import laad_scenario

    geladen = laad_scenario(pad, zet=zet)
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
    resultaat = simuleer(geladen, sc.beleid, replicaties, seed, uitvoerder, bewaar=False)
    realisatie, _ = standen(resultaat)
    return realisatie[:, namen.index(periode.naam)].astype(np.int64)
