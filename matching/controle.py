"""Controle: `huisvesting controleer FILE...` checks input files without running anything.

Each file's kind is recognised (a scenario by its `.toml` extension, a table by its columns,
or given with `--soort`). Every problem in every file is listed, one line each with file, row
(or TOML line), field and what was expected; the command then exits with code 2. Files in
order get one line saying so and what was detected (encoding, delimiter, xlsx, Dutch dates,
decimal commas), so a user sees that their Excel export was understood.

Kinds are entries in `SOORTEN`; a new input (the province's table) is added with `registreer`.
The check for a kind is the loader the commands use, run in its collecting mode, so
`controleer` and `toewijzen` can never disagree about what is wrong.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click

from .invoer import (Fouten, InvoerFout, InvoerFouten, Tabel, is_nl_datum, lees_datum, lees_tabel, ruwe_cellen)


@dataclass
class Context:
    """What a check may need besides the file: the scenario's kernen, a peildatum.

    `scenario_gecontroleerd`: the scenario is itself among the files; if it is broken, its
    problems are listed there, and the tables are checked without kernen instead of repeating them.
    """
    scenario_naam: str | None = None
    peildatum: dt.date | None = None
    scenario_gecontroleerd: bool = False
    blad: str | None = None                 # the sheet of an xlsx to read (--blad)
    _kernen: list[str] | None = None
    _fout: InvoerFout | None = None

    def kernen(self) -> list[str] | None:
        from simulatie.scenario import laad_scenario
        if self._kernen is None and self._fout is None:
            try:
                self._kernen = list(laad_scenario(self.scenario_naam).sc.kernen)
            except InvoerFout as f:
                self._fout = InvoerFout(f.bestand, f"kernen niet te bepalen, het scenario heeft fouten: {f.melding}",
                                        f.rij, f.veld, f.regel)
                self._kernen = _kernen_ruw(self.scenario_naam)
        if self._fout is not None and not self.scenario_gecontroleerd:
            raise self._fout
        return self._kernen


def _kernen_ruw(pad: str | None) -> list[str] | None:
    """`kernen` of a scenario that does not validate: as written in the TOML, or the default."""
    import tomllib
    from simulatie.scenario import Scenario
    try:
        kernen = tomllib.loads(Path(pad).read_text(encoding="utf-8")).get("kernen") if pad else None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        kernen = None
    if isinstance(kernen, list) and kernen and all(isinstance(k, str) for k in kernen):
        return kernen
    return list(Scenario.model_fields["kernen"].default)


@dataclass(frozen=True)
class Soort:
    """A kind of input file.

    herken(pad, tabel) -> score: how sure a table is of this kind (0 = not at all).
    controleer(pad, tabel, fouten, context) -> summary text for a file in order; problems go to
    `fouten` (which collects them) or are raised. `tabel` is None for non-table kinds.
    eigen_lezer: the kind reads the file itself (the province's table, with its title and
    merged header rows), so problems `lees_tabel` found in the layout are not its problems.
    """
    naam: str
    omschrijving: str
    controleer: Callable[[Path, Tabel | None, Fouten, Context], str]
    herken: Callable[[Path, Tabel], int] | None = None
    extensies: tuple[str, ...] = ()
    eigen_lezer: bool = False


SOORTEN: dict[str, Soort] = {}


def registreer(soort: Soort) -> None:
    SOORTEN[soort.naam] = soort


def _meervoud(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def _nl_notities(tabel: Tabel, datums: tuple[str, ...], bedragen: tuple[str, ...]) -> list[str]:
    notities = []
    waarden = [r for _, r in tabel.rijen]
    if any(is_nl_datum(r.get(k, "")) for r in waarden for k in datums):
        notities.append("datums als 10-11-2022")
    if any("," in r.get(k, "") for r in waarden for k in bedragen):
        notities.append("bedragen met decimale komma")
    return notities


def _kolom_score(tabel: Tabel, kolommen: list[str]) -> int:
    return len(set(tabel.kolommen) & (set(kolommen) - {"id"}))


# ---------------------------------------------------------------- households and dwellings

def _controleer_huishoudens(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    from .huishoudens import huishoudens_uit_tabel
    kernen = fouten.probeer(ctx.kernen)
    hh = huishoudens_uit_tabel(tabel, kernen if isinstance(kernen, list) else None, fouten=fouten)
    if len(fouten):
        return ""
    personen = sum(h.personen for h in hh)
    notities = tabel.herkend + _nl_notities(tabel, ("koppeldatum", "nareizigers_verwacht"), ())
    return (f"{_meervoud(len(hh), 'huishouden', 'huishoudens')} ({_meervoud(personen, 'persoon', 'personen')} "
            f"aanwezig, {sum(h.nareizigers for h in hh)} nareizigers); {', '.join(notities)}")


def _controleer_woningen(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    from .woningen import woningen_uit_tabel
    kernen = fouten.probeer(ctx.kernen)
    ww = woningen_uit_tabel(tabel, kernen if isinstance(kernen, list) else None, fouten=fouten)
    if len(fouten):
        return ""
    notities = tabel.herkend + _nl_notities(tabel, ("beschikbaar",), ("huur", "oppervlakte"))
    return f"{_meervoud(len(ww), 'woning', 'woningen')}; {', '.join(notities)}"


def _controleer_scenario(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    from simulatie.scenario import laad_scenario
    g = fouten.probeer(laad_scenario, str(pad), verzamel=True)
    if len(fouten):
        return ""
    sc = g.sc
    delen = [f"scenario {sc.naam}: {_meervoud(len(sc.periode), 'periode', 'perioden')} "
             f"({sc.startdatum} tot {sc.einddatum}), beleid {sc.beleid}"]
    if sc.huishoudens:
        delen.append(f"{sc.huishoudens}: {_meervoud(len(g.huishoudens), 'huishouden', 'huishoudens')}")
    if sc.woningen:
        delen.append(f"{sc.woningen}: {_meervoud(len(g.woningen), 'woning', 'woningen')}")
    return "; ".join(delen)


def _herken_huishoudens(pad: Path, tabel: Tabel) -> int:
    from .huishoudens import OPTIONEEL, VERPLICHT
    return _kolom_score(tabel, VERPLICHT + OPTIONEEL)


def _herken_woningen(pad: Path, tabel: Tabel) -> int:
    from .woningen import OPTIONEEL, VERPLICHT
    return _kolom_score(tabel, VERPLICHT + OPTIONEEL)


registreer(Soort("huishoudens", "wachtlijst van huishoudens (id, koppeldatum, volwassenen, kinderen, nareizigers)",
                 _controleer_huishoudens, _herken_huishoudens))
registreer(Soort("woningen", "woningen (id, kern, slaapkamers, huur, beschikbaar, soort)",
                 _controleer_woningen, _herken_woningen))
registreer(Soort("scenario", "scenario (.toml)", _controleer_scenario, None, (".toml",)))


# ---------------------------------------------------------------- the province's table

_PEILDATUM = re.compile(r"\btot (\d{1,2}) (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                        r"november|december) (\d{4})\b")
_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december")


def _herken_provincie(pad: Path, tabel: Tabel) -> int:
    """The province's header is not in row 1: look for gemeente, taakstelling and realisatie
    among the cells of the first rows (merged group headers split them over two rows)."""
    try:
        from simulatie.provincie import veld_voor_kop
    except ImportError:
        return 0
    velden = set()
    for rij in ruwe_cellen(pad):
        for cel in rij:
            v = veld_voor_kop(cel) if cel else None
            if v:
                velden.add(v[0])
    return 10 + len(velden) if {"gemeente", "taakstelling", "realisatie"} <= velden else 0


def peildatum_uit_kop(pad: Path) -> dt.date | None:
    """The peildatum the province's header names ("Realisatie 2022-2 tot 10 november 2022")."""
    from simulatie.provincie import normaliseer_kop
    for rij in ruwe_cellen(pad):
        for cel in rij:
            m = _PEILDATUM.search(normaliseer_kop(cel)) if cel else None
            if m:
                try:
                    return dt.date(int(m.group(3)), _MAANDEN.index(m.group(2)) + 1, int(m.group(1)))
                except ValueError:
                    return None
    return None


def _controleer_provincie(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    from simulatie.provincie import lees_provincietabel
    datum, bron = ctx.peildatum, "--peildatum"
    if datum is None:
        datum, bron = peildatum_uit_kop(pad), "uit de kop"
    if datum is None:
        raise InvoerFout(pad, "peildatum niet gevonden in de koppen (zoals 'Realisatie 2022-2 tot 10 november "
                              "2022'); geef --peildatum JJJJ-MM-DD")
    t = fouten.probeer(lees_provincietabel, pad, datum)
    if len(fouten):
        return ""
    delen = [f"tabel van de provincie: {_meervoud(len(t.gemeenten), 'gemeente', 'gemeenten')}, periode "
             f"{t.periode.naam}, peildatum {datum} ({bron})"]
    delen += [f"let op: {m}" for m in t.meldingen]
    return "; ".join(delen)


if importlib.util.find_spec("simulatie.provincie") is not None:
    registreer(Soort("provincie", "voortgangstabel van de provincie (gemeente, stand/achterstand, taakstelling, "
                                  "realisatie)", _controleer_provincie, _herken_provincie, eigen_lezer=True))


# ---------------------------------------------------------------- the command

@dataclass
class Uitslag:
    bestand: str
    soort: str | None = None
    samenvatting: str = ""
    fouten: list[InvoerFout] = field(default_factory=list)


def _soort_van_tabel(pad: Path, tabel: Tabel) -> Soort:
    scores = {naam: s.herken(pad, tabel) for naam, s in SOORTEN.items() if s.herken is not None}
    beste = max(scores.values(), default=0)
    kandidaten = [n for n, v in scores.items() if v == beste and v > 0]
    if len(kandidaten) > 1:  # a tie: the file name decides ("woningen-2023.csv")
        op_naam = [n for n in kandidaten if n.rstrip("s")[:6] in pad.stem.lower()]
        kandidaten = op_naam or kandidaten
    if beste < 2 or len(kandidaten) != 1:
        soorten = "; ".join(s.omschrijving for s in SOORTEN.values())
        kolommen = ", ".join(k for k in tabel.kolommen if k) or "geen"
        raise InvoerFout(pad, f"soort bestand niet herkend aan de kolommen ({kolommen}); verwacht een van: "
                              f"{soorten}. Geef de soort mee met --soort", rij=1)
    return SOORTEN[kandidaten[0]]


def controleer_bestand(pad: str | Path, ctx: Context, soort: str | None = None) -> Uitslag:
    """Check one file; every problem goes into the result, nothing is raised."""
    pad = Path(pad)
    uitslag = Uitslag(str(pad))
    fouten = Fouten(verzamel=True)
    try:
        gekozen = SOORTEN.get(soort) if soort else next(
            (s for s in SOORTEN.values() if pad.suffix.lower() in s.extensies), None)
        if soort and gekozen is None:
            raise InvoerFout(pad, f"onbekende soort '{soort}' (bekend: {', '.join(SOORTEN)})")
        tabel = None
        if gekozen is None or gekozen.herken is not None:
            indeling = Fouten(verzamel=True)  # layout problems: the kind decides whether they count
            tabel = _lees_met_kop(pad, indeling, ctx.blad)
            if gekozen is None:
                gekozen = _soort_van_tabel(pad, tabel)
            if not gekozen.eigen_lezer:
                for f in indeling.lijst:
                    fouten.meld(f)
        uitslag.soort = gekozen.naam
        uitslag.samenvatting = gekozen.controleer(pad, tabel, fouten, ctx)
    except (InvoerFout, InvoerFouten) as f:
        fouten.probeer(_gooi, f)
    try:
        fouten.klaar()
    except InvoerFouten as e:
        uitslag.fouten = e.fouten
    return uitslag


def _lees_met_kop(pad: Path, fouten: Fouten, blad: str | None) -> Tabel:
    """The table with its header found below title rows and on any sheet, by the column names of
    households and dwellings; a table without those (the province's) is read from its first row."""
    from .huishoudens import OPTIONEEL as HH_OPT, VERPLICHT as HH
    from .woningen import OPTIONEEL as W_OPT, VERPLICHT as W
    bekend = list(dict.fromkeys(HH + HH_OPT + W + W_OPT))
    try:
        return lees_tabel(pad, fouten, verwacht=bekend, blad=blad)
    except InvoerFout as f:
        if not f.melding.startswith("geen kopregel gevonden"):
            raise
        return lees_tabel(pad, fouten, blad=blad)


def _gooi(f: Exception) -> None:
    raise f


def controleer_bestanden(bestanden: list[str] | tuple[str, ...], scenario: str | None = None,
                         soort: str | None = None, peildatum: str | None = None,
                         blad: str | None = None) -> list[Uitslag]:
    """`huisvesting controleer`: a line per file in order on stdout; when anything is wrong,
    a count on stderr and every problem raised as `InvoerFouten` (exit code 2 in the CLI).

    Households and dwellings are checked against the kernen of `scenario`; without it, of the
    one scenario among `bestanden` if there is exactly one, else of the bundled scenario."""
    datum = lees_datum(peildatum, None, None, "--peildatum") if peildatum else None
    scenarios = [b for b in bestanden if Path(b).suffix.lower() == ".toml"]
    uit_bestanden = scenario is None and len(scenarios) == 1 and soort in (None, "scenario")
    ctx = Context(scenarios[0] if uit_bestanden else scenario, datum, scenario_gecontroleerd=uit_bestanden, blad=blad)
    uitslagen = [controleer_bestand(b, ctx, soort) for b in bestanden]
    fout = [u for u in uitslagen if u.fouten]
    for u in uitslagen:
        if not u.fouten:
            click.echo(f"{Path(u.bestand).name}: in orde — {u.samenvatting}")
    if fout:
        n = sum(len(u.fouten) for u in fout)
        click.echo(f"controle: {_meervoud(n, 'probleem', 'problemen')} in {len(fout)} van "
                   f"{_meervoud(len(uitslagen), 'bestand', 'bestanden')}; niets gedraaid", err=True)
        raise InvoerFouten([f for u in fout for f in u.fouten])
    click.echo(f"alles in orde: {_meervoud(len(uitslagen), 'bestand', 'bestanden')} gecontroleerd, niets gedraaid")
    return uitslagen
