"""`huisvesting register ...`: the register's commands, and `toewijzen --register`.

Every command opens the register itself (path or URL), so a missing extra, a missing file or a
wrong URL ends in one Dutch line (exit 2) before any work.
"""

from __future__ import annotations

import datetime as dt
import os

import click

from matching.bestanden import InvoerFout, schrijf_atomisch

from .opslag import fout  # no third-party import: safe without the extra

_DOOR = click.option("--door", default=None, help="wie dit vastlegt (standaard de gebruiker van de omgeving)")


def vandaag() -> dt.date:
    """Today; HUISVESTING_VANDAAG=JJJJ-MM-DD fixes it (as for `toewijzen`)."""
    vast = os.environ.get("HUISVESTING_VANDAAG")
    return _datum(vast, "HUISVESTING_VANDAAG") if vast else dt.date.today()


def _datum(tekst: str, veld: str) -> dt.date:
    from matching.bestanden import lees_datum
    return lees_datum(tekst, None, None, veld)


def _open(db: str):
    from .opslag import open_register
    return open_register(db)


def scenario_van(reg):
    from .openen import scenario_van as sv
    return sv(reg)


def _staat(reg):
    from .openen import staat_van
    return staat_van(reg)


def _schrijf(tekst: str | bytes, uitvoer: str | None, stijl: str | None = None) -> None:
    if uitvoer:
        if stijl:
            from matching.bestanden.csv_nl import als_bestand
            tekst = als_bestand(tekst, stijl)
        schrijf_atomisch(uitvoer, tekst)
        click.echo(f"geschreven: {uitvoer}", err=True)
    else:
        click.echo(tekst, nl=False)


@click.group("register")
def register():
    """Register van toewijzingsrondes: voorstellen, aanbiedingen, uitkomsten, stand en pijplijn."""
    from .opslag import vereist
    vereist()


@register.command("init")
@click.argument("db")
@click.option("--scenario", default=None, help="scenario (naam of .toml) met gemeente, kernen, perioden en "
              "taakstelling; standaard het meegeleverde voorbeeld")
@_DOOR
def init(db, scenario, door):
    """Maak een leeg register (DB: een pad voor SQLite, of een database-URL)."""
    from pathlib import Path

    from simulatie.scenario import laad_scenario, vind_scenario
    from .boeken import instelling, zet_instelling
    from .opslag import door as wie, maak_register

    laad_scenario(scenario)  # a wrong scenario is refused before anything is created
    # A file is kept by its full path (found from anywhere later), a bundled one by its name.
    gevonden = vind_scenario(scenario)
    pad = str(gevonden.resolve()) if scenario and Path(scenario).suffix == ".toml" else gevonden.stem
    reg = maak_register(db)
    if instelling(reg, "scenario") is not None:
        raise fout(db, "bevat al een register")
    zet_instelling(reg, "scenario", pad, wie(door))
    reg.sluit()
    click.echo(f"register gemaakt: {db}")


@register.command("importeer")
@click.argument("db")
@click.option("--huishoudens", "huishoudens_pad", required=True, type=click.Path(dir_okay=False))
@click.option("--woningen", "woningen_pad", required=True, type=click.Path(dir_okay=False))
@click.option("--datum", default=None, help="datum van de bestanden (JJJJ-MM-DD); woningen die eerder vrijkwamen "
              "worden geweigerd zoals bij toewijzen")
@click.option("--blad", default=None, help="werkblad van een Excel-werkmap; staan beide lijsten in één werkmap, "
              "dan geldt het voor de lijst op dat blad")
@click.option("--blad-huishoudens", default=None, help="werkblad met de huishoudens")
@click.option("--blad-woningen", default=None, help="werkblad met de woningen")
@_DOOR
def importeer(db, huishoudens_pad, woningen_pad, datum, blad, blad_huishoudens, blad_woningen, door):
    """Laad of werk de wachtlijst en de woningen bij uit de bestanden die toewijzen leest."""
    from matching import laad_huishoudens, laad_woningen
    from matching.bladen import bladen_voor_lijsten
    from .boeken import importeer as importeer_
    from .opslag import door as wie

    reg = _open(db)
    g = scenario_van(reg)
    kernen = list(g.sc.kernen)
    d = _datum(datum, "--datum") if datum else None
    blad_h, blad_w = bladen_voor_lijsten(huishoudens_pad, woningen_pad, blad, blad_huishoudens, blad_woningen)
    huishoudens = laad_huishoudens(huishoudens_pad, kernen, blad=blad_h)
    woningen = laad_woningen(woningen_pad, kernen, niet_voor=d, blad=blad_w)
    nh, nw = importeer_(reg, huishoudens, woningen, wie(door), g.sc.beleid)
    click.echo(f"ingelezen: {nh} huishoudens en {nw} woningen nieuw of gewijzigd "
               f"({len(huishoudens)} en {len(woningen)} in de bestanden)")


def toewijzen_register(db, peildatum, beleiden, oplosser, formaat, uitvoer, csv_stijl, door=None):
    """`toewijzen --register DB`: a round on the register's waitlist and free dwellings, recorded."""
    from .opslag import vereist
    vereist()
    from matching import wijs_toe
    from matching.uitvoer import als_csv, als_json, als_tabel
    from .boeken import leg_ronde_vast
    from .opslag import door as wie

    if len(beleiden) > 1:
        raise InvoerFout(None, "met --register telt één beleid: de ronde wordt vastgelegd", veld="--beleid")
    reg = _open(db)
    g = scenario_van(reg)
    datum = _datum(peildatum, "--peildatum") if peildatum else vandaag()
    beleid = g.beleid(beleiden[0] if beleiden else None)
    staat = _staat(reg)
    wachtlijst, woningen = staat.wachtlijst(datum), staat.vrije_woningen()
    if not wachtlijst:  # a quiet week is no error (a weekly job must not fail on it); nothing recorded
        click.echo(f"geen wachtende huishoudens op {datum.isoformat()}: geen ronde vastgelegd", err=True)
        return
    t = wijs_toe(wachtlijst, woningen, beleid, datum, oplosser)
    ronde = leg_ronde_vast(reg, t, staat, wie(door))
    tekst = {"tabel": lambda: als_tabel([t], []), "csv": lambda: als_csv([t], stijl=csv_stijl),
             "json": lambda: als_json([t], [])}[formaat]()
    _schrijf(tekst, uitvoer, csv_stijl if formaat == "csv" else None)
    click.echo(f"vastgelegd in {db}: ronde {ronde}, {len(t.toewijzingen)} aanbiedingen", err=True)


@register.command("uitkomst")
@click.argument("db")
@click.option("--huishouden", required=True)
@click.option("--woning", required=True)
@click.option("--geaccepteerd", "geaccepteerd", flag_value=True, default=None)
@click.option("--geweigerd", "geaccepteerd", flag_value=False)
@click.option("--sleuteldatum", default=None, help="datum van de sleuteloverdracht (bij --geaccepteerd)")
@click.option("--reden", default=None, help="redencode van de weigering, bv. te_ver_van_school")
@_DOOR
def uitkomst(db, huishouden, woning, geaccepteerd, sleuteldatum, reden, door):
    """Leg vast wat er met een aanbod gebeurde: geaccepteerd met sleuteldatum, of geweigerd met reden."""
    import re

    from .boeken import uitkomst as uitkomst_
    from .opslag import door as wie

    if geaccepteerd is None:
        raise InvoerFout(None, "geef --geaccepteerd --sleuteldatum D of --geweigerd --reden CODE", veld="--geaccepteerd")
    if geaccepteerd and (not sleuteldatum or reden):
        raise InvoerFout(None, "--geaccepteerd vraagt --sleuteldatum (en geen --reden)", veld="--sleuteldatum")
    if not geaccepteerd and (not reden or sleuteldatum):
        raise InvoerFout(None, "--geweigerd vraagt --reden CODE (en geen --sleuteldatum)", veld="--reden")
    if reden is not None and not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", reden):
        raise InvoerFout(None, f"redencode '{reden[:40]}': verwacht kleine letters, cijfers en _, "
                               "bv. te_ver_van_school", veld="--reden")
    datum = _datum(sleuteldatum, "--sleuteldatum") if sleuteldatum else None
    reg = _open(db)
    g = scenario_van(reg)
    nr = uitkomst_(reg, huishouden, woning, geaccepteerd, datum, reden, wie(door), g.sc.beleid, g.sc.startdatum)
    click.echo(f"vastgelegd: gebeurtenis {nr}")


@register.command("nareizigers")
@click.argument("db")
@click.option("--huishouden", required=True)
@click.option("--aantal", required=True, type=click.IntRange(1, 50))
@click.option("--datum", required=True, help="datum van aankomst")
@click.option("--kinderen", default=None, help="de kinderen onder hen, zoals in het bestand: \"j4 m7\" "
              "(de anderen zijn volwassenen)")
@_DOOR
def nareizigers(db, huishouden, aantal, datum, kinderen, door):
    """Leg de aankomst van nareizigers vast (telt bij aankomst als het huishouden al een woning heeft)."""
    from matching.huishoudens import lees_kinderen
    from .boeken import nareizigers as nareizigers_
    from .opslag import door as wie

    d = _datum(datum, "--datum")
    kids = lees_kinderen(kinderen, None, None) if kinderen else ()
    reg = _open(db)
    g = scenario_van(reg)
    if d < g.sc.startdatum:
        raise fout(db, f"datum {d.isoformat()} ligt vóór de start van het register "
                             f"({g.sc.startdatum.isoformat()})", veld="--datum")
    click.echo(f"vastgelegd: gebeurtenis {nareizigers_(reg, huishouden, aantal, d, wie(door), g.sc.beleid, kids)}")


@register.command("vervolg")
@click.argument("db")
@click.option("--huishouden", required=True)
@click.option("--datum", required=True)
@_DOOR
def vervolg(db, huishouden, datum, door):
    """Zet een gehuisvest huishouden terug op de lijst voor vervolghuisvesting (telt niet opnieuw)."""
    from .boeken import vervolg as vervolg_
    from .opslag import door as wie

    d = _datum(datum, "--datum")
    reg = _open(db)
    g = scenario_van(reg)
    click.echo(f"vastgelegd: gebeurtenis {vervolg_(reg, huishouden, d, wie(door), g.sc.beleid)}")


@register.command("corrigeer")
@click.argument("db")
@click.option("--gebeurtenis", required=True, type=click.IntRange(1))
@click.option("--datum", default=None, help="de juiste datum (sleuteldatum, aankomst)")
@click.option("--vervalt", is_flag=True, help="de gebeurtenis telt niet (vergissing)")
@_DOOR
def corrigeer(db, gebeurtenis, datum, vervalt, door):
    """Corrigeer een gebeurtenis met een nieuwe die ernaar wijst; er wordt niets overschreven."""
    from .boeken import corrigeer_datum, vervallen
    from .opslag import door as wie

    if bool(datum) == vervalt:
        raise InvoerFout(None, "geef --datum D of --vervalt", veld="--datum")
    reg = _open(db)
    g = scenario_van(reg)
    if vervalt:
        nr = vervallen(reg, gebeurtenis, wie(door), g.sc.beleid)
    else:
        nr = corrigeer_datum(reg, gebeurtenis, _datum(datum, "--datum"), wie(door), g.sc.beleid)
    click.echo(f"vastgelegd: gebeurtenis {nr} corrigeert {gebeurtenis}")


def register_stand(db: str, peildatum: dt.date):
    from .stand import bereken_stand
    reg = _open(db)
    g = scenario_van(reg)
    return bereken_stand(_staat(reg), g.sc, peildatum), g


@register.command("stand")
@click.argument("db")
@click.option("--peildatum", default=None, help="tot waar de realisatie telt (JJJJ-MM-DD); standaard vandaag")
@click.option("--periode", default=None, help="alleen dit halfjaar, bv. 2023-1")
@click.option("--format", "formaat", type=click.Choice(["tabel", "json", "csv", "xlsx"]), default="tabel",
              show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm (xlsx vraagt een bestand)")
@click.option("--csv-stijl", "csv_stijl", type=click.Choice(["nl", "internationaal"]), default="nl", show_default=True)
def stand(db, peildatum, periode, formaat, uitvoer, csv_stijl):
    """Realisatie tot nu per halfjaar, de stand, en de pijplijn van gereserveerde woningen."""
    from .uitvoer import stand_csv, stand_json, stand_tabel, stand_xlsx

    if formaat == "xlsx" and not uitvoer:
        raise InvoerFout(None, "--format xlsx vraagt --uitvoer BESTAND.xlsx", veld="--uitvoer")
    d = _datum(peildatum, "--peildatum") if peildatum else vandaag()
    st, g = register_stand(db, d)
    if periode is not None and st.periode(periode) is None:
        raise InvoerFout(None, f"periode '{periode}' staat niet in het scenario van het register "
                               f"({', '.join(p.naam for p in st.perioden)})", veld="--periode")
    if formaat == "xlsx":
        _schrijf(stand_xlsx(st, periode), uitvoer)
        return
    tekst = {"tabel": lambda: stand_tabel(st, periode), "json": lambda: stand_json(st, periode),
             "csv": lambda: stand_csv(st, periode, csv_stijl)}[formaat]()
    _schrijf(tekst, uitvoer, csv_stijl if formaat == "csv" else None)


@register.command("geschiedenis")
@click.argument("db")
@click.option("--huishouden", required=True)
def geschiedenis(db, huishouden):
    """Het spoor van één huishouden: elke gebeurtenis met wanneer, door wie, onder welk beleid, en waarom."""
    from sqlalchemy import select

    from .schema import gebeurtenissen
    from .uitvoer import geschiedenis_tabel

    reg = _open(db)
    with reg.lees() as v:
        rijen = v.execute(select(gebeurtenissen).where(gebeurtenissen.c.huishouden == huishouden)
                          .order_by(gebeurtenissen.c.id)).all()
    if not rijen:
        raise fout(db, f"huishouden '{huishouden}' staat niet in het register", veld="--huishouden")
    click.echo(geschiedenis_tabel(rijen), nl=False)


@register.command("export")
@click.argument("db")
@click.option("--peildatum", required=True, help="tot waar de realisatie telt (JJJJ-MM-DD); bepaalt het halfjaar")
@click.option("--uitvoer", default=None, help="bestand (.csv); standaard het scherm")
def export(db, peildatum, uitvoer):
    """De rij van de gemeente voor de provincie, in de kolommen van de provinciale tabel."""
    from simulatie.kalender import halfjaar_bij_peildatum
    from .uitvoer import export_csv

    d = _datum(peildatum, "--peildatum")
    st, _ = register_stand(db, d)
    naam = halfjaar_bij_peildatum(d)
    if st.periode(naam) is None:
        raise InvoerFout(None, f"peildatum {d.isoformat()}: halfjaar {naam} staat niet in het scenario van het "
                               "register", veld="--peildatum")
    _schrijf(export_csv(st, naam), uitvoer, "nl" if uitvoer else None)


@register.command("opschonen")
@click.argument("db")
@click.option("--voor", required=True, help="verwijder huishoudens gehuisvest vóór deze datum (bewaartermijn)")
@_DOOR
def opschonen(db, voor, door):
    """Verwijder huishoudens die vóór een datum gehuisvest zijn; de tellingen per periode blijven."""
    from .boeken import opschonen as opschonen_
    from .opslag import door as wie

    d = _datum(voor, "--voor")
    n, rijen = opschonen_(_open(db), d, wie(door))
    click.echo(f"verwijderd: {n} huishoudens ({rijen} gebeurtenissen); tellingen per periode bewaard")

