"""huisvesting: command line for matching, simulation, comparison and the province's table.

Bad input ends with one line per problem on stderr and exit code 2, never a traceback;
output files are written atomically, so an interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import sys

import click

from matching.doel import DoelTeGroot
from matching.bestanden import InvoerFout, InvoerFouten, schrijf_atomisch
from simulatie.rapportage.opdracht import ibt_opties, maak_rapport_commando, prognose_rapport_opties
from simulatie.voortgang import Voortgang as _Voortgang

FORMATEN = ["tabel", "csv", "json"]
_ZET = click.option("--zet", "zet", multiple=True, metavar="SLEUTEL=WAARDE",
                    help="overschrijf een sleutel van het scenario voor deze run (herhaalbaar), "
                         "bv. --zet aanbod.woningen_per_jaar=40")
_CSV_STIJL = click.option("--csv-stijl", "csv_stijl", type=click.Choice(["nl", "internationaal"]), default="nl",
                          show_default=True, help="csv voor Nederlandse Excel (; en decimale komma) of internationaal")


def _uit(tekst: str, uitvoer: str | None, csv_stijl: str | None = None) -> None:
    """To the file (a CSV with a BOM for Dutch Excel when `csv_stijl` is nl) or the screen."""
    if uitvoer:
        from matching.bestanden.csv_nl import als_bestand
        schrijf_atomisch(uitvoer, als_bestand(tekst, csv_stijl) if csv_stijl else tekst)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        click.echo(tekst, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="huisvesting")
def huisvesting():
    """Huisvesting van vergunninghouders: toewijzen, simuleren, vergelijken en prognose."""


@huisvesting.command()
@click.option("--huishoudens", "huishoudens_pad", type=click.Path(dir_okay=False), help="huishoudens.csv of .xlsx")
@click.option("--woningen", "woningen_pad", type=click.Path(dir_okay=False), help="woningen.csv of .xlsx")
@click.option("--beleid", "beleiden", multiple=True, help="strikt, flexibel of een beleid uit het scenario; "
              "twee keer geven vergelijkt ze")
@click.option("--scenario", default=None, help="scenario (naam of .toml): kernen, beleidsregels, peildatum, bestanden")
@click.option("--peildatum", default=None, help="datum van de toewijzingsronde (JJJJ-MM-DD); standaard vandaag "
              "(met eigen bestanden) of de startdatum van het voorbeeld")
@click.option("--blad", default=None, help="werkblad van een Excel-werkmap (standaard: het blad met de kolommen)")
@click.option("--oplosser", type=click.Choice(["auto", "stroom", "scipy", "cpsat"]), default="auto", show_default=True)
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm")
@_CSV_STIJL
def toewijzen(huishoudens_pad, woningen_pad, beleiden, scenario, peildatum, blad, oplosser, formaat, uitvoer,
              csv_stijl):
    """Wijs huishoudens toe aan woningen, met redenen per plaatsing en per niet-plaatsing."""
    import datetime as dt

    from matching import laad_huishoudens, laad_woningen, verschil_beleid, wijs_toe
    from matching.bestanden import lees_datum
    from matching.uitvoer import VOORBEELD, als_csv, als_json, als_tabel
    from simulatie.scenario import laad_scenario

    if bool(huishoudens_pad) != bool(woningen_pad):
        mist, gegeven = ("--woningen", "--huishoudens") if huishoudens_pad else ("--huishoudens", "--woningen")
        raise InvoerFout(None, f"{gegeven} gegeven zonder {mist}: geef beide bestanden (of geen van beide voor het "
                               "voorbeeld); eigen huishoudens worden nooit in voorbeeldwoningen geplaatst", veld=mist)
    sc = laad_scenario(scenario)
    kernen = list(sc.sc.kernen)
    voorbeeld = not huishoudens_pad
    if voorbeeld:
        huishoudens, woningen = sc.huishoudens, sc.woningen
    else:
        huishoudens = laad_huishoudens(huishoudens_pad, kernen, blad=blad)
        woningen = laad_woningen(woningen_pad, kernen, blad=blad)
    if peildatum:
        datum = lees_datum(peildatum, None, None, "--peildatum")
    else:
        datum = sc.sc.startdatum if voorbeeld else vandaag()
    for h in huishoudens:
        if h.koppeldatum > datum:
            raise InvoerFout(huishoudens_pad or sc.pad, f"huishouden {h.id}: koppeldatum {h.koppeldatum.isoformat()} "
                                                        f"ligt na de peildatum {datum.isoformat()}; geef --peildatum "
                                                        "op of na de laatste koppeldatum", veld="koppeldatum")
    namen = list(beleiden) or (["strikt", "flexibel"] if not scenario else [sc.sc.beleid])
    resultaten = [wijs_toe(huishoudens, woningen, sc.beleid(n), datum, oplosser) for n in namen]
    verschillen = [verschil_beleid(a, b) for a, b in zip(resultaten, resultaten[1:])]
    tekst = {"tabel": lambda: als_tabel(resultaten, verschillen, voorbeeld=voorbeeld),
             "csv": lambda: als_csv(resultaten, voorbeeld=voorbeeld, stijl=csv_stijl),
             "json": lambda: als_json(resultaten, verschillen, voorbeeld=voorbeeld)}[formaat]()
    _uit(tekst, uitvoer, csv_stijl if formaat == "csv" else None)
    if voorbeeld and uitvoer:
        click.echo(f"let op: {VOORBEELD}", err=True)


def vandaag() -> "dt.date":
    """Today's date; HUISVESTING_VANDAAG=JJJJ-MM-DD fixes it (for tests and reruns of a past round)."""
    import datetime as dt
    import os

    vast = os.environ.get("HUISVESTING_VANDAAG")
    if vast:
        from matching.bestanden import lees_datum
        return lees_datum(vast, None, None, "HUISVESTING_VANDAAG")
    return dt.date.today()


@huisvesting.command()
@click.argument("scenario", required=False)
@click.option("--replicaties", type=click.IntRange(1, 1_000_000), default=None,
              help="aantal replicaties (standaard uit het scenario: 1000)")
@click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard uit het scenario)")
@click.option("--beleid", default=None, help="strikt, flexibel of een beleid uit het scenario")
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm")
@click.option("--grafiek", default=None, help="waaier van cumulatieve realisatie: .png, .svg of .pdf")
@_ZET
@_CSV_STIJL
@ibt_opties
def simuleer(scenario, replicaties, seed, beleid, workers, dask, formaat, uitvoer, grafiek, zet, csv_stijl, **ibt):
    """Simuleer het jaar: kans dat de taakstelling per periode wordt gehaald."""
    from simulatie.grafiek import grafiek_formaat, waaier_png
    from simulatie.rapport import als_csv, als_json, als_tabel
    from simulatie.replicaties import simuleer as simuleer_
    from simulatie.scenario import laad_scenario
    from simulatie.scenario import hash_met_zet, lees_zet, zet_json, zet_tekst
    from simulatie.uitvoerder import maak_uitvoerder
    from simulatie.rapportage.commando import ibt_invoer, ibt_simuleer

    zet, ibt = lees_zet(zet), ibt_invoer(**ibt)
    soort = grafiek_formaat(grafiek) if grafiek else None  # refused before any work
    g = laad_scenario(scenario, zet=zet)
    b = g.beleid(beleid)
    n = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    with _Voortgang(n, f"{g.sc.naam}, beleid {b.naam}", f"{n} replicaties x 1 beleid") as voortgang:
        res = simuleer_(g, b, n, seed, uitvoerder, voortgang, bewaar=False, curven=bool(grafiek))
    res.scenario_hash = hash_met_zet(res.scenario_hash, zet)
    ibt, ibt_tekst = ibt_simuleer(res, ibt, formaat, g.sc.gemeente or g.sc.naam)  # only with --huidige-trede
    extra = ({"overschreven": zet_json(zet)} if zet else {}) | ibt
    tekst = {"tabel": lambda: als_tabel([res], overschreven=zet_tekst(zet) if zet else None) + ibt_tekst,
             "json": lambda: als_json([res], extra or None), "csv": lambda: als_csv([res], csv_stijl)}[formaat]()
    if zet and formaat == "csv":
        click.echo(f"overschreven: {zet_tekst(zet)}", err=True)
    png = waaier_png(res, formaat=soort) if grafiek else None
    _uit(tekst, uitvoer, csv_stijl if formaat == "csv" else None)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)


@huisvesting.command()
@click.argument("tabel", type=click.Path(dir_okay=False))
@click.option("--peildatum", required=True, help="datum tot waar de realisatie telt (JJJJ-MM-DD); bepaalt de periode")
@click.option("--scenarios", default=None, type=click.Path(file_okay=False),
              help="map met scenario's per gemeente (leusden-2022-2.toml): volledige simulatie")
@click.option("--replicaties", type=click.IntRange(1, 1_000_000), default=1000, show_default=True)
@click.option("--seed", type=click.IntRange(0), default=20221110, show_default=True)
@click.option("--format", "formaat", type=click.Choice(["tabel", "csv", "json", "xlsx"]), default="tabel",
              show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--grafiek", default=None, type=click.Path(file_okay=False), help="map voor een PNG per gemeente")
@click.option("--dask", default=None, help="tcp://host:poort van een Dask-cluster, of 'local'")
@click.option("--workers", type=click.IntRange(1, 1024), default=None, help="processen; standaard alle kernen")
@prognose_rapport_opties
@_ZET
@_CSV_STIJL
def prognose(tabel, peildatum, scenarios, replicaties, seed, formaat, uitvoer, grafiek, dask, workers, zet, csv_stijl,
             **rapport):
    """Prognose per gemeente naast de lineaire methode van de provincie (tabel van de provincie, csv of xlsx)."""
    from simulatie.provincie.commando import prognose_commando
    from simulatie.rapportage.commando import prognose_rapport
    from simulatie.scenario import lees_zet, zet_tekst, zet_voor_alle

    zet = lees_zet(zet)
    if zet and not scenarios:
        raise InvoerFout(None, "--zet geldt voor de scenario's uit --scenarios; geef ook --scenarios MAP", veld="--zet")
    if zet:
        click.echo(f"overschreven in elk scenario uit --scenarios: {zet_tekst(zet)}", err=True)
    with zet_voor_alle(zet):  # every scenario file prognose loads from --scenarios
        res = prognose_commando(tabel, peildatum, scenarios, replicaties, seed, formaat, uitvoer, grafiek, dask, workers,
                                csv_stijl)
    prognose_rapport(res, **rapport, gemaakt=vandaag())  # --rapport provincie.html


@huisvesting.command()
@click.argument("scenario", required=False)
@click.option("--beleid", "beleiden", multiple=True, help="twee of meer beleiden (standaard: strikt en flexibel)")
@click.option("--replicaties", type=click.IntRange(2, 1_000_000), default=None,
              help="aantal replicaties (standaard uit het scenario)")
@click.option("--seed", type=click.IntRange(0), default=None)
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="lokale processen (standaard: aantal kernen)")
@click.option("--dask", default=None, help="Dask-cluster: tcp://host:poort, of 'local'")
@click.option("--attributie/--geen-attributie", default=True, show_default=True,
              help="per regel: aan vanuit het eerste beleid, uit vanuit het tweede")
@click.option("--format", "formaat", type=click.Choice(FORMATEN + ["xlsx"]), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--grafiek", default=None, help="verschillen en hun intervallen: .png, .svg of .pdf")
@_ZET
@_CSV_STIJL
def vergelijk(scenario, beleiden, replicaties, seed, workers, dask, attributie, formaat, uitvoer, grafiek, zet,
              csv_stijl):
    """Vergelijk beleiden gepaard op dezelfde gesimuleerde wereld, met wat elke regel bijdraagt."""
    import json

    from simulatie.scenario import laad_scenario
    from simulatie.scenario import hash_met_zet, lees_zet, zet_json, zet_tekst
    from simulatie.uitvoerder import maak_uitvoerder
    from simulatie.vergelijking import aantal_runs, vergelijk as vergelijk_
    from simulatie.grafiek import grafiek_formaat
    from simulatie.vergelijking_rapport import als_csv, als_dict, als_json, als_tabel, als_xlsx, grafiek_png

    if formaat == "xlsx" and not uitvoer:
        raise click.UsageError("--format xlsx vraagt --uitvoer BESTAND.xlsx")
    soort = grafiek_formaat(grafiek) if grafiek else None  # refused before any work
    zet = lees_zet(zet)
    g = laad_scenario(scenario, zet=zet)
    namen = list(beleiden) or ["strikt", "flexibel"]
    if len(namen) < 2:
        raise click.UsageError("geef minstens twee beleiden (--beleid A --beleid B)")
    for n in namen:
        g.beleid(n)
    reps = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    aantal = aantal_runs(g, namen, attributie)
    with _Voortgang(reps * aantal, f"{g.sc.naam}: {' / '.join(namen)}", f"{reps} replicaties x {aantal} runs") as voortgang:
        v = vergelijk_(g, namen, reps, seed, uitvoerder, attributie, voortgang)
    for r in v.resultaten:
        r.scenario_hash = hash_met_zet(r.scenario_hash, zet)
    if formaat == "xlsx":
        data = als_xlsx(v)
    else:
        data = {"tabel": lambda: als_tabel(v), "csv": lambda: als_csv(v, csv_stijl),
                "json": lambda: als_json(v) if not zet else json.dumps(
                    als_dict(v) | {"overschreven": zet_json(zet)}, ensure_ascii=False, indent=2) + "\n"}[formaat]()
    if zet and formaat == "tabel":
        data = f"overschreven: {zet_tekst(zet)}\n" + data
    elif zet and formaat in ("csv", "xlsx"):
        click.echo(f"overschreven: {zet_tekst(zet)}", err=True)
    png = grafiek_png(v, soort) if grafiek else None
    if isinstance(data, bytes):
        schrijf_atomisch(uitvoer, data)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        _uit(data, uitvoer, csv_stijl if formaat == "csv" else None)
    if png is not None:
        schrijf_atomisch(grafiek, png)
        click.echo(f"geschreven: {grafiek}", err=True)


@huisvesting.command()
@click.argument("bestanden", nargs=-1, required=True)
@click.option("--scenario", default=None, help="scenario (naam of .toml) waarvan de kernen gelden; standaard de "
              "ene .toml onder BESTANDEN, anders het meegeleverde scenario")
@click.option("--soort", default=None, help="huishoudens, woningen, scenario, ...: als de kolommen het niet verraden")
@click.option("--peildatum", default=None, help="peildatum (JJJJ-MM-DD) voor een tabel van de provincie")
@click.option("--blad", default=None, help="werkblad van een Excel-werkmap (standaard: het blad met de kolommen)")
def controleer(bestanden, scenario, soort, peildatum, blad):
    """Controleer invoerbestanden zonder iets te draaien; toont elk probleem op een eigen regel."""
    import simulatie.controle  # noqa: F401  registers the scenario and the province's table
    from matching.controle import controleer_bestanden
    controleer_bestanden(bestanden, scenario, soort, peildatum, blad)


@huisvesting.group()
def scenario():
    """Scenario's: een nieuw scenario voor elke gemeente, de meegeleverde tonen en kopiëren."""


@scenario.command("nieuw")
@click.option("--gemeente", required=True, help="naam van de gemeente")
@click.option("--kernen", default=None,
              help="kernen gescheiden door komma's, de hoofdkern eerst (standaard: de gemeente)")
@click.option("--start", required=True, help="startdatum (JJJJ-MM-DD); mag midden in de eerste periode liggen")
@click.option("--einde", default=None, help="einddatum (JJJJ-MM-DD); standaard het eind van de laatste periode")
@click.option("--taakstelling", required=True, help="personen per halfjaar, bv. \"2026-1=20,2026-2=22\"")
@click.option("--stand", type=int, default=None,
              help="stand aan het begin van de eerste periode (negatief = achterstand)")
@click.option("--realisatie", type=click.IntRange(0), default=None,
              help="personen al gehuisvest in de eerste periode vóór de startdatum")
@click.option("--woningen-per-jaar", type=click.FloatRange(0, 100_000), required=True,
              help="woningen per jaar voor statushouders, alle bronnen samen")
@click.option("--personen-per-woning", type=click.FloatRange(1, 15), default=None, help="gemiddeld, bv. 2.25")
@click.option("--kern-aandelen", default=None, help="aandeel van de woningen per kern, bv. \"A=0.9,B=0.1\"")
@click.option("--huishoudens", default=None, help="wachtlijst bij de start (csv of xlsx)")
@click.option("--woningen", default=None, help="woningen bekend bij de start (csv of xlsx)")
@click.option("--beleid", default=None, help="strikt of flexibel (standaard flexibel)")
@click.option("--seed", type=click.IntRange(0), default=None, help="seed (standaard de startdatum als getal)")
@click.option("--omschrijving", default=None, help="een regel over het scenario")
@click.option("--uitvoer", required=True, help="het nieuwe scenario, PAD.toml")
@click.option("--overschrijf", is_flag=True, help="een bestaand bestand overschrijven")
def scenario_nieuw(uitvoer, overschrijf, **opties):
    """Schrijf een volledig, toegelicht scenario voor een gemeente; gecontroleerd vóór het schrijven."""
    import shlex

    from simulatie.scenario.nieuw import lees_nieuw, scenario_nieuw as maak

    opdracht = "huisvesting " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:2] == ["scenario"] else ""
    inv = lees_nieuw(**opties, uitvoer=uitvoer, opdracht=opdracht)
    click.echo(str(maak(inv, uitvoer, overschrijf)))


@scenario.command("lijst")
@click.option("--format", "formaat", type=click.Choice(["tabel", "json"]), default="tabel", show_default=True)
def scenario_lijst(formaat):
    """Toon de meegeleverde scenario's: naam, gemeente, perioden en omschrijving."""
    from simulatie.scenario.bundel import bundel_scenarios, lijst_als_json, lijst_als_tabel

    lijst = bundel_scenarios()
    click.echo(lijst_als_json(lijst) if formaat == "json" else lijst_als_tabel(lijst), nl=False)


@scenario.command("kopieer")
@click.argument("naam")
@click.argument("map_", metavar="MAP")
def scenario_kopieer(naam, map_):
    """Kopieer een meegeleverd scenario met zijn bestanden naar MAP; de paden blijven kloppen."""
    from simulatie.scenario.bundel import kopieer_scenario

    click.echo(str(kopieer_scenario(naam, map_)))

huisvesting.add_command(maak_rapport_commando(_Voortgang, vandaag, _ZET))


class Beeindigd(BaseException):
    """SIGTERM (the usual stop signal of schedulers) handled like Ctrl-C: unwind, write nothing."""


def _bij_sigterm(signum, frame):
    raise Beeindigd()


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        vorige = signal.signal(signal.SIGTERM, _bij_sigterm)
    else:
        vorige = None
    try:
        return _main(argv)
    finally:
        if vorige is not None:
            signal.signal(signal.SIGTERM, vorige)


def _main(argv: list[str] | None) -> int:
    from matching.bestanden import SchrijfFout
    try:
        huisvesting.main(args=argv, standalone_mode=False, prog_name="huisvesting")
        return 0
    except Beeindigd:
        click.echo("beëindigd (SIGTERM): niets geschreven", err=True)
        return 143
    except SchrijfFout as e:
        click.echo(f"fout: {e}", err=True)
        return 1
    except InvoerFouten as e:
        for f in e.fouten:
            click.echo(f"fout: {f}", err=True)
        return 2
    except InvoerFout as e:
        click.echo(f"fout: {e}", err=True)
        return 2
    except DoelTeGroot as e:  # a round too big for the exact lexicographic objective
        click.echo(f"fout: {e}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("afgebroken: niets geschreven", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("afgebroken: niets geschreven", err=True)
        return 130
    except click.ClickException as e:  # click's own messages in Dutch
        from matching.klik_nl import toon
        toon(e)
        return e.exit_code
    except click.exceptions.Exit as e:
        return e.exit_code


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
