"""Controle: `huisvesting controleer FILE...` checks input files without running anything.

Each file's kind is recognised (a scenario by its `.toml` extension, a table by its columns,
or given with `--soort`); a workbook with lists on several sheets is checked sheet by sheet (all of
them, or only `--blad`). Every problem in every file is listed, one line each with file (and sheet), row
(or TOML line), field and what was expected; the command then exits with code 2. Files in
order get one line saying so and what was detected (encoding, delimiter, xlsx, Dutch dates,
decimal commas), so a user sees that their Excel export was understood.

Kinds are entries in `BESTANDSSOORTEN`: this module registers households and dwellings; each other
package registers its own kinds with `registreer` (`simulatie.controle`: the scenario and the
province's table, and where the kernen come from), so `matching` never imports `simulatie`.
The check for a kind is the loader the commands use, run in its collecting mode, so
`controleer` and `toewijzen` can never disagree about what is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click

from .bestanden import Fouten, InvoerFout, InvoerFouten, Tabel, is_nl_datum, koppen_per_blad, lees_datum, lees_tabel


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
        if KERNEN_BRON is None:
            return None
        if self._kernen is None and self._fout is None:
            try:
                self._kernen = KERNEN_BRON.kernen(self.scenario_naam)
            except InvoerFout as f:
                self._fout = InvoerFout(f.bestand, f"kernen niet te bepalen, het scenario heeft fouten: {f.melding}",
                                        f.rij, f.veld, f.regel)
                self._kernen = KERNEN_BRON.kernen_ruw(self.scenario_naam)
        if self._fout is not None and not self.scenario_gecontroleerd:
            raise self._fout
        return self._kernen


@dataclass(frozen=True)
class KernenBron:
    """Where the kernen of a scenario come from: registered by the package that owns scenarios.

    kernen(naam) -> the kernen of a scenario that loads (raises `InvoerFout` if it does not);
    kernen_ruw(naam) -> the kernen as written in a scenario that does not validate, or the default.
    """
    kernen: Callable[[str | None], list[str]]
    kernen_ruw: Callable[[str | None], list[str] | None]


KERNEN_BRON: KernenBron | None = None


def registreer_kernen(bron: KernenBron) -> None:
    global KERNEN_BRON
    KERNEN_BRON = bron


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


BESTANDSSOORTEN: dict[str, Soort] = {}


def registreer(soort: Soort) -> None:
    BESTANDSSOORTEN[soort.naam] = soort


def meervoud(n: int, enkel: str, meer: str) -> str:
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
    return (f"{meervoud(len(hh), 'huishouden', 'huishoudens')} ({meervoud(personen, 'persoon', 'personen')} "
            f"aanwezig, {sum(h.nareizigers for h in hh)} nareizigers); {', '.join(notities)}")


def _controleer_woningen(pad: Path, tabel: Tabel | None, fouten: Fouten, ctx: Context) -> str:
    from .woningen import woningen_uit_tabel
    kernen = fouten.probeer(ctx.kernen)
    ww = woningen_uit_tabel(tabel, kernen if isinstance(kernen, list) else None, fouten=fouten)
    if len(fouten):
        return ""
    notities = tabel.herkend + _nl_notities(tabel, ("beschikbaar",), ("huur", "oppervlakte"))
    return f"{meervoud(len(ww), 'woning', 'woningen')}; {', '.join(notities)}"


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


# ---------------------------------------------------------------- the command

@dataclass
class Uitslag:
    bestand: str
    blad: str | None = None       # the sheet checked, when each sheet of a workbook is checked on its own
    soort: str | None = None
    samenvatting: str = ""
    fouten: list[InvoerFout] = field(default_factory=list)


def _soort_van_tabel(pad: Path, tabel: Tabel) -> Soort:
    scores = {naam: s.herken(pad, tabel) for naam, s in BESTANDSSOORTEN.items() if s.herken is not None}
    beste = max(scores.values(), default=0)
    kandidaten = [n for n, v in scores.items() if v == beste and v > 0]
    if len(kandidaten) > 1:  # a tie: the file name decides ("woningen-2023.csv")
        op_naam = [n for n in kandidaten if n.rstrip("s")[:6] in pad.stem.lower()]
        kandidaten = op_naam or kandidaten
    if beste < 2 or len(kandidaten) != 1:
        soorten = "; ".join(s.omschrijving for s in BESTANDSSOORTEN.values())
        kolommen = ", ".join(k for k in tabel.kolommen if k) or "geen"
        raise InvoerFout(pad, f"soort bestand niet herkend aan de kolommen ({kolommen}); verwacht een van: "
                              f"{soorten}. Geef de soort mee met --soort", rij=tabel.kop_rij)
    return BESTANDSSOORTEN[kandidaten[0]]


def _bekende_kolommen() -> list[str]:
    from .huishoudens import OPTIONEEL as HH_OPT, VERPLICHT as HH
    from .woningen import OPTIONEEL as W_OPT, VERPLICHT as W
    return list(dict.fromkeys(HH + HH_OPT + W + W_OPT))


def _bladen_met_lijst(pad: Path, soort: str | None) -> list[str]:
    """The sheets of a workbook (of more than one sheet) that hold a recognisable table of a kind
    known by its columns (households, dwellings; only `soort` if given); [] otherwise."""
    if soort is not None and (soort not in BESTANDSSOORTEN or BESTANDSSOORTEN[soort].eigen_lezer
                              or BESTANDSSOORTEN[soort].herken is None):
        return []
    try:
        koppen = koppen_per_blad(pad, _bekende_kolommen())
    except InvoerFout:
        return []  # an unreadable workbook: the normal path says so
    if len(koppen) < 2:
        return []
    soorten = [BESTANDSSOORTEN[soort]] if soort else [s for s in BESTANDSSOORTEN.values()
                                                     if s.herken is not None and not s.eigen_lezer]
    return [naam for naam, kop in koppen.items()
            if kop and max(s.herken(pad, Tabel(str(pad), kop, [])) for s in soorten) >= 2]


def controleer_bladen(pad: str | Path, ctx: Context, soort: str | None = None) -> list[Uitslag]:
    """Check one file: a workbook of several sheets sheet by sheet, every sheet with a list (each with
    its own result, which names the sheet), anything else as one table. Every problem goes into the
    results, nothing is raised."""
    pad = Path(pad)
    bladen = _bladen_met_lijst(pad, soort) if ctx.blad is None and pad.is_file() else []
    if not bladen:
        return [controleer_bestand(pad, ctx, soort)]
    return [controleer_bestand(pad, ctx, soort, blad=b) for b in bladen]


def controleer_bestand(pad: str | Path, ctx: Context, soort: str | None = None, blad: str | None = None) -> Uitslag:
    """Check one file (of a workbook: sheet `blad`, or `ctx.blad`, or the one with the header); every
    problem goes into the result, nothing is raised."""
    pad = Path(pad)
    blad = blad if blad is not None else ctx.blad
    uitslag = Uitslag(str(pad), blad)
    fouten = Fouten(verzamel=True)
    try:
        gekozen = BESTANDSSOORTEN.get(soort) if soort else next(
            (s for s in BESTANDSSOORTEN.values() if pad.suffix.lower() in s.extensies), None)
        if soort and gekozen is None:
            raise InvoerFout(pad, f"onbekende soort '{soort}' (bekend: {', '.join(BESTANDSSOORTEN)})")
        tabel = None
        if gekozen is None or gekozen.herken is not None:
            indeling = Fouten(verzamel=True)  # layout problems: the kind decides whether they count
            tabel = _lees_met_kop(pad, indeling, blad)
            if tabel.blad is not None:
                fouten.bladen[tabel.bestand] = tabel.blad
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
    try:
        return lees_tabel(pad, fouten, verwacht=_bekende_kolommen(), blad=blad)
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
    per_bestand = [controleer_bladen(b, ctx, soort) for b in bestanden]
    uitslagen = [u for us in per_bestand for u in us]
    fout = [u for u in uitslagen if u.fouten]
    for u in uitslagen:
        if not u.fouten:
            click.echo(f"{Path(u.bestand).name}: in orde — {u.samenvatting}")  # names the sheet it read
    n_bestanden = meervoud(len(per_bestand), 'bestand', 'bestanden')
    if fout:
        n = sum(len(u.fouten) for u in fout)
        n_fout = sum(1 for us in per_bestand if any(u.fouten for u in us))
        click.echo(f"controle: {meervoud(n, 'probleem', 'problemen')} in {n_fout} van {n_bestanden}; "
                   "niets gedraaid", err=True)
        raise InvoerFouten([f for u in fout for f in u.fouten])
    bladen = [f"{Path(us[0].bestand).name}: werkbladen {', '.join(repr(u.blad) for u in us)}"
              for us in per_bestand if len(us) > 1]
    click.echo(f"alles in orde: {n_bestanden} gecontroleerd"
               + (f" ({'; '.join(bladen)})" if bladen else "") + ", niets gedraaid")
    return uitslagen
