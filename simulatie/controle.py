"""The file kinds of `simulatie` for `huisvesting controleer`: the scenario and the province's table.

`matching.controle` holds the registry and the kinds of `matching` (households, dwellings); this
module registers the rest, and where the kernen of a scenario come from. Importing it registers.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

from matching.controle import Context, KernenBron, Soort, meervoud, registreer, registreer_kernen
from matching.bestanden import Fouten, InvoerFout, Tabel, ruwe_cellen

from .kalender import MAANDEN
from .provincie import lees_provincietabel, normaliseer_kop, veld_voor_kop
from .scenario import Scenario, laad_scenario


def _kernen(naam: str | None) -> list[str]:
    return list(laad_scenario(naam).sc.kernen)


def _kernen_ruw(pad: str | None) -> list[str] | None:
    """`kernen` of a scenario that does not validate: as written in the TOML, or the default."""
    try:
        kernen = tomllib.loads(Path(pad).read_text(encoding="utf-8")).get("kernen") if pad else None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        kernen = None
    if isinstance(kernen, list) and kernen and all(isinstance(k, str) for k in kernen):
        return kernen
    return list(Scenario.model_fields["kernen"].default)


def _controleer_scenario(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    g = fouten.probeer(laad_scenario, str(pad), verzamel=True)
    if len(fouten):
        return ""
    sc = g.sc
    delen = [f"scenario {sc.naam}: {meervoud(len(sc.periode), 'periode', 'perioden')} "
             f"({sc.startdatum} tot {sc.einddatum}), beleid {sc.beleid}"]
    if sc.huishoudens:
        delen.append(f"{sc.huishoudens}: {meervoud(len(g.huishoudens), 'huishouden', 'huishoudens')}")
    if sc.woningen:
        delen.append(f"{sc.woningen}: {meervoud(len(g.woningen), 'woning', 'woningen')}")
    return "; ".join(delen)


_PEILDATUM = re.compile(r"\btot (\d{1,2}) (" + "|".join(MAANDEN) + r") (\d{4})\b")


def _herken_provincie(pad: Path, tabel: Tabel) -> int:
    """The province's header is not in row 1: look for gemeente, taakstelling and realisatie
    among the cells of the first rows (merged group headers split them over two rows)."""
    velden = set()
    for rij in ruwe_cellen(pad):
        for cel in rij:
            v = veld_voor_kop(cel) if cel else None
            if v:
                velden.add(v[0])
    return 10 + len(velden) if {"gemeente", "taakstelling", "realisatie"} <= velden else 0


def peildatum_uit_kop(pad: Path) -> dt.date | None:
    """The peildatum the province's header names ("Realisatie 2022-2 tot 10 november 2022")."""
    for rij in ruwe_cellen(pad):
        for cel in rij:
            m = _PEILDATUM.search(normaliseer_kop(cel)) if cel else None
            if m:
                try:
                    return dt.date(int(m.group(3)), MAANDEN.index(m.group(2)) + 1, int(m.group(1)))
                except ValueError:
                    return None
    return None


def _controleer_provincie(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    datum, bron = ctx.peildatum, "--peildatum"
    if datum is None:
        datum, bron = peildatum_uit_kop(pad), "uit de kop"
    if datum is None:
        raise InvoerFout(pad, "peildatum niet gevonden in de koppen (zoals 'Realisatie 2022-2 tot 10 november "
                              "2022'); geef --peildatum JJJJ-MM-DD")
    t = fouten.probeer(lees_provincietabel, pad, datum)
    if len(fouten):
        return ""
    delen = [f"tabel van de provincie: {meervoud(len(t.gemeenten), 'gemeente', 'gemeenten')}, periode "
             f"{t.periode.naam}, peildatum {datum} ({bron})"]
    delen += [f"let op: {m}" for m in t.meldingen]
    return "; ".join(delen)


registreer_kernen(KernenBron(_kernen, _kernen_ruw))
registreer(Soort("scenario", "scenario (.toml)", _controleer_scenario, None, (".toml",)))
registreer(Soort("provincie", "voortgangstabel van de provincie (gemeente, stand/achterstand, taakstelling, "
                              "realisatie)", _controleer_provincie, _herken_provincie, eigen_lezer=True))
