"""`huisvesting toewijzen`: households to dwellings in one round, with reasons."""

from __future__ import annotations

import click

from matching.bestanden.fouten import InvoerFout
from opdrachten.gemeen import CSV_STIJL, FORMATEN, meld_aftopping, uit, vandaag, xlsx_vraagt_bestand
from register.koppeling import met_register_toewijzen


@met_register_toewijzen  # --register (register/koppeling.py)
@click.command()
@click.option("--huishoudens", "huishoudens_pad", type=click.Path(dir_okay=False), help="huishoudens.csv of .xlsx")
@click.option("--woningen", "woningen_pad", type=click.Path(dir_okay=False), help="woningen.csv of .xlsx")
@click.option("--beleid", "beleiden", multiple=True, help="strikt, flexibel of een beleid uit het scenario; "
              "twee keer geven vergelijkt ze")
@click.option("--scenario", default=None, help="scenario (naam of .toml): kernen, beleidsregels, peildatum, bestanden")
@click.option("--peildatum", default=None, help="datum van de toewijzingsronde (JJJJ-MM-DD); standaard vandaag "
              "(met eigen bestanden) of de startdatum van het voorbeeld")
@click.option("--blad", default=None, help="werkblad van een Excel-werkmap (standaard: het blad met de kolommen); "
              "staan beide lijsten in één werkmap, dan geldt het voor de lijst op dat blad")
@click.option("--blad-huishoudens", default=None, help="werkblad met de huishoudens")
@click.option("--blad-woningen", default=None, help="werkblad met de woningen")
@click.option("--oplosser", type=click.Choice(["auto", "stroom", "scipy", "cpsat"]), default="auto", show_default=True)
@click.option("--format", "formaat", type=click.Choice(FORMATEN), default="tabel", show_default=True)
@click.option("--uitvoer", default=None, help="bestand; standaard het scherm")
@CSV_STIJL
def toewijzen(huishoudens_pad, woningen_pad, beleiden, scenario, peildatum, blad, blad_huishoudens, blad_woningen,
              oplosser, formaat, uitvoer, csv_stijl):
    """Wijs huishoudens toe aan woningen, met redenen per plaatsing en per niet-plaatsing."""
    xlsx_vraagt_bestand(formaat, uitvoer)  # before any import or work
    import datetime as dt

    from matching import laad_huishoudens, laad_woningen, verschil_beleid, wijs_toe
    from matching.bestanden import lees_datum
    from matching.bladen import bladen_voor_lijsten
    from matching.uitvoer import VOORBEELD, als_csv, als_json, als_tabel, als_xlsx
    from simulatie.scenario import laad_scenario

    if bool(huishoudens_pad) != bool(woningen_pad):
        mist, gegeven = ("--woningen", "--huishoudens") if huishoudens_pad else ("--huishoudens", "--woningen")
        raise InvoerFout(None, f"{gegeven} gegeven zonder {mist}: geef beide bestanden (of geen van beide voor het "
                               "voorbeeld); eigen huishoudens worden nooit in voorbeeldwoningen geplaatst", veld=mist)
    sc = laad_scenario(scenario)
    kernen = list(sc.sc.kernen)
    voorbeeld = not huishoudens_pad
    if peildatum:
        datum = lees_datum(peildatum, None, None, "--peildatum")
    else:
        datum = sc.sc.startdatum if voorbeeld else vandaag()
    if voorbeeld:
        huishoudens, woningen = sc.huishoudens, sc.woningen
        te_laat = [h for h in huishoudens if h.koppeldatum > datum]
        if te_laat and sc.sc.huishoudens:  # read again with the peildatum, so the message names the row
            laad_huishoudens(sc.pad.parent / sc.sc.huishoudens, kernen, niet_na=datum)
        for h in te_laat:
            raise InvoerFout(sc.pad, f"huishouden {h.id}: koppeldatum {h.koppeldatum.isoformat()} ligt na de "
                                     f"peildatum {datum.isoformat()}; geef --peildatum op of na de laatste "
                                     "koppeldatum", veld="koppeldatum")
    else:
        # The peildatum goes into the reading so a koppeldatum after it is reported with its row.
        blad_h, blad_w = bladen_voor_lijsten(huishoudens_pad, woningen_pad, blad, blad_huishoudens, blad_woningen)
        huishoudens = laad_huishoudens(huishoudens_pad, kernen, blad=blad_h, niet_na=datum)
        woningen = laad_woningen(woningen_pad, kernen, blad=blad_w)
    namen = list(beleiden) or (["strikt", "flexibel"] if not scenario else [sc.sc.beleid])
    resultaten = [wijs_toe(huishoudens, woningen, sc.beleid(n), datum, oplosser) for n in namen]
    meld_aftopping([sc.beleid(n) for n in namen], [datum.year])
    verschillen = [verschil_beleid(a, b) for a, b in zip(resultaten, resultaten[1:])]
    tekst = {"tabel": lambda: als_tabel(resultaten, verschillen, voorbeeld=voorbeeld),
             "csv": lambda: als_csv(resultaten, voorbeeld=voorbeeld, stijl=csv_stijl),
             "json": lambda: als_json(resultaten, verschillen, voorbeeld=voorbeeld),
             "xlsx": lambda: als_xlsx(resultaten, voorbeeld=voorbeeld)}[formaat]()
    uit(tekst, uitvoer, csv_stijl if formaat == "csv" else None)
    if voorbeeld and uitvoer:
        click.echo(f"let op: {VOORBEELD}", err=True)
