"""Toewijzing: one allocation round from households and dwellings to a plan with reasons.

`wijs_toe` takes and returns plain data; `toewijzen_df` is the same for notebooks with
pandas DataFrames. The greedy waitlist baseline is always computed beside the optimum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .beleid import Beleid, laad_beleid
from .huishoudens import Huishouden, huishoudens_uit_tabel
from .bestanden import tabel_uit_dataframe
from .oplossers import Oplossing, los_op
from .regels import Ronde, bezwaren, dag, eerste_bezwaar, huishouden_kenmerken, toelaatbaar, woning_kenmerken
from .uitleg import Reden, Redencode, redenen_niet_geplaatst, redenen_plaatsing, soort_naam
from .wachtlijst import wachtlijst
from .woningen import Woning, woningen_uit_tabel

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Plaatsing:
    huishouden: str
    woning: str | None
    personen: int
    redenen: list[Reden]
    passend: list[str]


@dataclass
class Toewijzing:
    beleid: str
    peildatum: dt.date
    oplosser: str
    status: str
    toewijzingen: list[Plaatsing]
    niet_geplaatst: list[Plaatsing]
    samenvatting: dict
    baseline: np.ndarray = field(repr=False, default=None)
    ronde: Ronde = field(repr=False, default=None)
    regels: Beleid = field(repr=False, default=None)

    def als_dict(self) -> dict:
        def p(x: Plaatsing, met_woning: bool) -> dict:
            d = {"huishouden": x.huishouden}
            if met_woning:
                d["woning"] = x.woning
            d.update(personen=x.personen, redenen=[{"code": r.code, "tekst": r.tekst} for r in x.redenen],
                     passend=x.passend)
            return d
        return {
            "beleid": self.beleid,
            "peildatum": self.peildatum.isoformat(),
            "oplosser": self.oplosser,
            "status": self.status,
            "toewijzingen": [p(x, True) for x in self.toewijzingen],
            "niet_geplaatst": [p(x, False) for x in self.niet_geplaatst],
            "samenvatting": self.samenvatting,
        }


def _telling(plaats: np.ndarray, personen: np.ndarray) -> dict:
    geplaatst = plaats >= 0
    return {
        "personen_geplaatst": int(personen[geplaatst].sum()),
        "huishoudens_geplaatst": int(geplaatst.sum()),
        "woningen_gebruikt": int(len(set(plaats[geplaatst].tolist()))),
    }


def wijs_toe(huishoudens: list[Huishouden], woningen: list[Woning], beleid: Beleid | str,
             peildatum: dt.date, oplosser: str = "auto", seed: int = 0) -> Toewijzing:
    if isinstance(beleid, str):
        beleid = laad_beleid(beleid)
    r = Ronde(huishouden_kenmerken(huishoudens, beleid), woning_kenmerken(woningen), dag(peildatum))
    ok = toelaatbaar(r, beleid)
    opl: Oplossing = los_op(r, beleid, oplosser, seed, ok=ok)
    bezwaar = eerste_bezwaar(r, beleid)
    greedy = wachtlijst(r, ok)
    plaatsingen, niet = [], []
    for h, hh in enumerate(huishoudens):
        passend = [str(x) for x in r.w.ids[ok[h]].tolist()]
        w = int(opl.plaats[h])
        if w >= 0:
            redenen = redenen_plaatsing(hh, h, w, r, beleid, soort_naam(r, w))
            plaatsingen.append(Plaatsing(hh.id, str(r.w.ids[w]), hh.personen, redenen, passend))
        else:
            redenen = redenen_niet_geplaatst(h, r, beleid, opl, ok, bezwaar)
            niet.append(Plaatsing(hh.id, None, hh.personen, redenen, passend))
    samenvatting = {**_telling(opl.plaats, r.hh.personen),
                    "huishoudens": len(huishoudens), "woningen": len(woningen),
                    "personen_wachtend": int(r.hh.personen.sum()),
                    "wachtlijst": _telling(greedy, r.hh.personen),
                    "doel_exact": list(opl.bogen.exact),
                    "doel_weggelaten": [n for n in beleid.doel.volgorde if n not in opl.bogen.exact]}
    return Toewijzing(beleid.naam, peildatum, opl.oplosser, opl.status, plaatsingen, niet, samenvatting,
                      greedy, r, beleid)


def verschil_beleid(a: Toewijzing, b: Toewijzing) -> dict:
    """What policy b changes against a. For each household b places and a does not, the
    rules of a that refuse the pair b chose: those rules made the difference. A pair a allows
    too points at competition: under a the household lost out to others."""
    geplaatst_a = {p.huishouden for p in a.toewijzingen}
    hh_index = {str(h): i for i, h in enumerate(a.ronde.hh.ids.tolist())}
    w_index = {str(w): j for j, w in enumerate(a.ronde.w.ids.tolist())}
    alle = bezwaren(a.ronde, a.regels)
    per_regel: dict[str, dict] = {}
    extra = [p for p in b.toewijzingen if p.huishouden not in geplaatst_a]
    for p in extra:
        h, w = hh_index[p.huishouden], w_index[p.woning]
        codes = [c for c in a.regels.regels if np.broadcast_to(alle[c], (len(a.ronde.hh), len(a.ronde.w)))[h, w]]
        for code in codes or [Redencode.CONCURRENTIE]:
            d = per_regel.setdefault(code, {"huishoudens": 0, "personen": 0})
            d["huishoudens"] += 1
            d["personen"] += p.personen
    return {
        "van": a.beleid, "naar": b.beleid,
        "personen_verschil": b.samenvatting["personen_geplaatst"] - a.samenvatting["personen_geplaatst"],
        "alleen_onder_" + b.beleid: [p.huishouden for p in extra],
        "doorslaggevende_regels": dict(sorted(per_regel.items(), key=lambda kv: (-kv[1]["personen"], kv[0]))),
    }


def toewijzen_df(huishoudens: pd.DataFrame, woningen: pd.DataFrame, beleid: Beleid | str = "flexibel",
                 peildatum: dt.date | str | None = None, oplosser: str = "auto") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Notebook entry: DataFrames with the CSV columns in, (plan, samenvatting) DataFrames out."""
    from .extras import vereis
    vereis("pandas")  # an extra: the commands themselves do not need pandas
    import pandas as pd

    hh = huishoudens_uit_tabel(tabel_uit_dataframe(huishoudens, "huishoudens"))
    ww = woningen_uit_tabel(tabel_uit_dataframe(woningen, "woningen"))
    if isinstance(peildatum, str):
        peildatum = dt.date.fromisoformat(peildatum)
    if peildatum is None:
        peildatum = min(w.beschikbaar for w in ww)
    t = wijs_toe(hh, ww, beleid, peildatum, oplosser)
    rijen = [{"huishouden": p.huishouden, "woning": p.woning, "personen": p.personen,
              "redenen": "; ".join(r.tekst for r in p.redenen), "codes": ",".join(r.code for r in p.redenen),
              "passend": ",".join(p.passend)}
             for p in t.toewijzingen + t.niet_geplaatst]
    samen = pd.DataFrame([{"methode": "optimaal", **{k: v for k, v in t.samenvatting.items() if k != "wachtlijst"}},
                          {"methode": "wachtlijst", **t.samenvatting["wachtlijst"]}])
    return pd.DataFrame(rijen), samen
