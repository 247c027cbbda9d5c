"""The IBT outlook per gemeente in `prognose`: from the trede in the province's table and the
forecast's replications, P(each trede) after the assessment at the end of the table's period.

The table holds no history of earlier half-years, so a ladder rule that counts failed half-years
in a row sees only this one (said in the output's meldingen when the ladder has such a rule).
"""

from __future__ import annotations

import math

import numpy as np

from .prognose import PrognoseRij, ProvincieResultaat


def ibt_voor_rij(p: PrognoseRij, lad, periode: str) -> dict | None:
    """The outlook for one row, or None without a trede or a forecast."""
    from simulatie.ibt import vooruitzicht  # lazy: the module may move

    r = p.rij
    if r.trede is None or p.monsters is None or r.totaalopgave is None:
        return None
    m = np.asarray(p.monsters)
    # The same test as per_replicatie: met at drempel x totaalopgave, persons being whole.
    grens = r.totaalopgave if lad.drempel == 1.0 else math.ceil(lad.drempel * r.totaalopgave - 1e-9)
    gehaald = m >= grens
    extra = r.extra_opgave or 0
    extra_gehaald = (m >= r.totaalopgave_extra) if extra > 0 and r.totaalopgave_extra is not None else np.zeros_like(
        gehaald)
    v = vooruitzicht(lad, r.trede, [{"periode": periode, "extra_opgave": extra, "volledig": True, "verplicht": True}],
                     None, {"perioden": [periode], "gehaald": gehaald.astype(int)[:, None].tolist(),
                            "extra_gehaald": extra_gehaald.astype(int)[:, None].tolist()})
    b = v["volgende"]
    return {"ladder": lad.sleutel, "huidige_trede": r.trede, "beoordeling_op": b["beoordeling_op"],
            "kans_trede": b["kans_trede"], "verwachte_trede": b["verwachte_trede"],
            "meest_waarschijnlijk": b["meest_waarschijnlijk"]}


def met_ibt(res: ProvincieResultaat, ladder_naam: str | None) -> ProvincieResultaat:
    """Every gemeente with a trede and a forecast gets its outlook (`PrognoseRij.ibt`); a trede
    outside the ladder is named in the meldingen and gets none."""
    from simulatie.ibt import ladder

    lad = ladder(ladder_naam)
    for p in res.rijen:
        if p.rij.trede is not None and not 1 <= p.rij.trede <= lad.treden:
            res.meldingen.append(f"{p.rij.gemeente}: trede {p.rij.trede} ligt buiten de ladder {lad.sleutel} "
                                 f"(1..{lad.treden}): geen IBT-vooruitzicht")
            continue
        p.ibt = ibt_voor_rij(p, lad, res.tabel.periode.naam)
    if any(p.ibt for p in res.rijen) and any("reeks_vanaf" in r.als or "reeks_tot" in r.als for r in lad.regels):
        res.meldingen.append(f"IBT-ladder {lad.sleutel} telt niet-gehaalde halfjaren op rij; de tabel kent alleen "
                             "deze periode, dus eerdere halfjaren tellen niet mee")
    return res
