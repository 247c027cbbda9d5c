"""`scenario nieuw` writes a complete, commented scenario for any gemeente.

From the few figures a gemeente knows (taakstelling per half-year, stand, dwellings a year,
persons per dwelling). Every value in it is marked: `[gebruiker]` given on the command line,
`[publiek]` a public fact, `aanname` a default without a source. The text is checked with the
real loader before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from matching.bestanden import InvoerFout, InvoerFouten, lees_datum, schrijf_atomisch
import os
import tempfile
from dataclasses import dataclass
from simulatie.vraag import mix_gewichten

from .laden import laad_scenario
from ..kalender import datum_tekst, halfjaar
from .zet import _getal, toml_sleutel, toml_waarde


# ---------------------------------------------------------------- scenario nieuw

@dataclass(frozen=True)
class NieuwInvoer:
    """What `scenario nieuw` was given, already read (strings parsed, paths absolute)."""
    naam: str
    gemeente: str
    kernen: tuple[str, ...]
    start: dt.date
    einde: dt.date | None
    perioden: tuple[tuple[str, int], ...]
    stand: int | None
    woningen_per_jaar: float
    personen_per_woning: float | None
    realisatie: int | None = None
    kern_aandelen: dict[str, float] | None = None
    huishoudens: Path | None = None
    woningen: Path | None = None
    beleid: str | None = None
    seed: int | None = None
    omschrijving: str | None = None
    opdracht: str = ""


# TOML key of the scenario -> the option of `scenario nieuw` it comes from (longest match wins)
OPTIE_VAN_SLEUTEL = {
    "naam": "--uitvoer", "gemeente": "--gemeente", "omschrijving": "--omschrijving", "startdatum": "--start",
    "einddatum": "--einde", "seed": "--seed", "beleid": "--beleid", "kernen": "--kernen",
    "huishoudens": "--huishoudens", "woningen": "--woningen", "stand_start": "--stand", "periode": "--taakstelling",
    "periode[1].realisatie": "--realisatie", "plan.woningen_per_jaar": "--woningen-per-jaar",
    "plan.personen_per_woning": "--personen-per-woning", "plan.taakstelling": "--taakstelling",
    "aanbod.woningen_per_jaar": "--woningen-per-jaar", "vraag.personen_per_woning": "--personen-per-woning",
    "aanbod.kern": "--kern-aandelen",
}

# Defaults of the household mix and the supply: Leusden's, with CBS's share of single persons.
SAMENSTELLING = (
    ("alleenstaand", 0.45, 1, None, None),
    ("alleenstaand met nareizigers", 0.12, 1, None, (1, 4)),
    ("stel", 0.08, 2, None, None),
    ("eenoudergezin", 0.10, 1, (1, 3), None),
    ("gezin", 0.15, 2, (1, 3), None),
    ("groot gezin", 0.07, 2, (4, 5), None),
    ("zeer groot gezin (7+)", 0.03, 2, (5, 7), None),
)
SLAAPKAMERS = {"0": 0.04, "1": 0.20, "2": 0.36, "3": 0.30, "4": 0.08, "5": 0.02}
HUUR = {"0": (420, 500), "1": (460, 620), "2": (560, 690), "3": (600, 720), "4": (640, 760), "5": (650, 780)}
VISUMREGEL = (dt.date(2022, 10, 1), dt.date(2024, 1, 1))  # [publiek] Oct 2022 - end 2023


def lees_lijst(tekst: str, optie: str) -> list[str]:
    delen = [d.strip() for d in tekst.split(",")]
    if not tekst.strip() or any(not d for d in delen):
        raise InvoerFout(None, f"lege naam in '{tekst}'; verwacht namen gescheiden door komma's", veld=optie)
    dubbel = next((d for i, d in enumerate(delen) if d.lower() in (x.lower() for x in delen[:i])), None)
    if dubbel:
        raise InvoerFout(None, f"'{dubbel}' staat er twee keer in", veld=optie)
    return delen


def _paren(tekst: str, optie: str, voorbeeld: str) -> list[tuple[str, str]]:
    """'A=1,B=2' (or 'A=0,9;B=0,1' with a decimal comma) -> [(A, 1), (B, 2)]."""
    scheiding = ";" if ";" in tekst else ","
    uit = []
    for deel in (d.strip() for d in tekst.split(scheiding)):
        if deel.count("=") != 1 or not deel.split("=")[0].strip() or not deel.split("=")[1].strip():
            raise InvoerFout(None, f"'{deel}' is geen NAAM=GETAL; verwacht bijvoorbeeld \"{voorbeeld}\"", veld=optie)
        naam, waarde = (x.strip() for x in deel.split("="))
        if any(naam == n for n, _ in uit):
            raise InvoerFout(None, f"'{naam}' staat er twee keer in", veld=optie)
        uit.append((naam, waarde.replace(",", ".") if scheiding == ";" else waarde))
    return uit


def lees_taakstelling(tekst: str) -> list[tuple[str, int]]:
    """'2026-1=20,2026-2=22' -> [('2026-1', 20), ('2026-2', 22)]: half-years named JJJJ-1/JJJJ-2."""
    uit = []
    for naam, waarde in _paren(tekst, "--taakstelling", "2026-1=20,2026-2=22"):
        try:
            halfjaar(naam)
        except ValueError:
            raise InvoerFout(None, f"periode '{naam}': noem een halfjaar als JJJJ-1 of JJJJ-2, bijvoorbeeld "
                                   "\"2026-1=20,2026-2=22\"", veld="--taakstelling") from None
        if not re.fullmatch(r"\d+", waarde):
            raise InvoerFout(None, f"periode {naam}: '{waarde}' is geen geheel aantal personen (0 of meer)",
                             veld="--taakstelling")
        uit.append((naam, int(waarde)))
    return sorted(uit, key=lambda p: halfjaar(p[0])[0])


def lees_aandelen(tekst: str) -> dict[str, float]:
    uit = {}
    for naam, waarde in _paren(tekst, "--kern-aandelen", "Leusden=0.92,Achterveld=0.08"):
        try:
            uit[naam] = float(waarde)
        except ValueError:
            raise InvoerFout(None, f"kern {naam}: '{waarde}' is geen getal", veld="--kern-aandelen") from None
    return uit


def _r(w: str, commentaar: str, breedte: int = 34) -> str:
    """A key line with its comment aligned."""
    return f"{w:<{breedte}} # {commentaar}" if commentaar else w


def scenario_tekst(inv: NieuwInvoer, huishoudens: str | None, woningen: str | None,
                   vandaag: dt.date | None = None) -> str:
    """The scenario as commented TOML. `huishoudens`/`woningen`: the paths as written in it."""
    vandaag = vandaag or dt.date.today()
    namen = [n for n, _ in inv.perioden]
    som = sum(t for _, t in inv.perioden)
    wpj = _getal(inv.woningen_per_jaar)
    eind_laatste = max(halfjaar(n)[1] for n in namen)
    einde = inv.einde or eind_laatste
    hoofdkern = inv.kernen[0]
    bereik = namen[0] if len(namen) == 1 else f"{namen[0]} t/m {namen[-1]}"
    omschrijving = inv.omschrijving or (f"{inv.gemeente} {bereik}: {wpj} woningen per jaar voor statushouders, "
                                        f"taakstelling {som} personen (scenario nieuw)")
    visum = inv.start < VISUMREGEL[1] and einde > VISUMREGEL[0]
    # Every comment below is Dutch: the report (`huisvesting rapport`, "Aannames en bronnen")
    # shows them as they are. The source tags `[gebruiker]`, `[publiek]` and `aanname` are read
    # by `rapportage.html.aannames`; any comment containing the word aanname counts as one, so the
    # word is only written where it is the tag.
    r = []
    a = r.append
    a(f"# {inv.gemeente} {bereik}: gemaakt met `huisvesting scenario nieuw` op {datum_tekst(vandaag)}.")
    if inv.opdracht:
        a(f"#   {' '.join(inv.opdracht.split())}")
    a("# Bij elke waarde staat waar ze vandaan komt:")
    a("#   [gebruiker]  opgegeven bij het maken van dit scenario: de eigen cijfers van de gemeente")
    a("#   [publiek]    een openbare bron (CBS, coa.nl, Huisvestingswet, IND)")
    a("#   aanname      een standaardwaarde zonder bron voor deze gemeente: controleer en pas hier aan")
    a("# Een wijziging voor één berekening proberen zonder dit bestand aan te passen, bijvoorbeeld:")
    a(f"#   huisvesting simuleer {inv.naam}.toml --zet aanbod.woningen_per_jaar={wpj + 5}")
    a(f"naam = {toml_waarde(inv.naam)}")
    a(_r(f"gemeente = {toml_waarde(inv.gemeente)}", "[gebruiker]"))
    a(f"omschrijving = {toml_waarde(omschrijving)}")
    a(_r(f"startdatum = {inv.start.isoformat()}", "[gebruiker]"))
    a(_r(f"einddatum = {einde.isoformat()}", "[gebruiker]" if inv.einde else
         "aanname: tot het eind van de laatste periode"))
    seed = inv.seed if inv.seed is not None else int(inv.start.strftime("%Y%m%d"))
    a(_r(f"seed = {seed}", "[gebruiker]" if inv.seed is not None else
         "aanname: de startdatum; een ander getal geeft een ander toevallig verloop"))
    a(_r("replicaties = 1000", "aanname: genoeg verlopen voor een stabiele band van 10-90%"))
    a(_r(f"beleid = {toml_waarde(inv.beleid or 'flexibel')}", "[gebruiker]" if inv.beleid else
         "aanname: de praktijk sinds voorjaar 2022 (vooruit reserveren, kamers delen, alle kernen)"))
    a(_r(f"kernen = {toml_waarde(list(inv.kernen))}", f"[gebruiker] de eerste ({hoofdkern}) is de hoofdkern"))
    if huishoudens:
        a(_r(f"huishoudens = {toml_waarde(huishoudens)}",
             "[gebruiker] wachtlijst bij de start; pad vanaf dit bestand"))
    else:
        a("# huishoudens = \"wachtlijst.csv\"     # de wachtlijst bij de start, als die bekend is (pad vanaf dit bestand)")
    if woningen:
        a(_r(f"woningen = {toml_waarde(woningen)}",
             "[gebruiker] woningen bekend bij de start; pad vanaf dit bestand"))
    else:
        a("# woningen = \"woningen.csv\"         # woningen bekend of gereserveerd bij de start, als die er zijn")
    a("")
    a("# Stand aan het begin van de eerste periode (personen; negatief = achterstand, positief = voorsprong).")
    if inv.realisatie:
        a("# De start ligt midden in de periode: dit is de stand vóór wat in de periode al is gerealiseerd.")
    a(_r(f"stand_start = {inv.stand if inv.stand is not None else 0}", "[gebruiker]" if inv.stand is not None else
         "aanname: geen stand opgegeven; 0 = geen achterstand en geen voorsprong"))
    a("")
    a("# Wat de gemeente zelf opgeeft [gebruiker]; `simuleer` zet de simulatie ernaast.")
    a("[plan]")
    a('bron = "opgegeven bij scenario nieuw"')
    a(_r(f"woningen_per_jaar = {wpj}", "[gebruiker] woningen per jaar voor statushouders"))
    if inv.personen_per_woning is not None:
        a(_r(f"personen_per_woning = {_getal(inv.personen_per_woning)}", "[gebruiker]"))
    else:
        a("# personen_per_woning: niet opgegeven; de samenstelling van de huishoudens hieronder geldt")
        a("# ongewijzigd (aanname)")
        a("")
    a(_r(f"taakstelling = {som}", "[gebruiker] de som van de perioden hieronder"))
    a("")
    a("# Taakstelling per halfjaar [gebruiker], in personen. [publiek] het landelijke totaal maal het aandeel")
    a("# inwoners van de gemeente (art. 29 Huisvestingswet 2014); een achterstand gaat vanzelf mee naar de")
    a("# volgende periode.")
    for i, (naam, taak) in enumerate(inv.perioden):
        a("[[periode]]")
        a(f"naam = {toml_waarde(naam)}")
        a(_r(f"taakstelling = {taak}", "[gebruiker]"))
        a(_r("extra_opgave = 0", "aanname: geen extra opgave bovenop de taakstelling"))
        if i == 0 and inv.realisatie:
            a(_r(f"realisatie = {inv.realisatie}", f"[gebruiker] personen gehuisvest in {naam} vóór de startdatum"))
        elif i == 0 and inv.start > halfjaar(naam)[0]:
            a(_r("realisatie = 0", "aanname: niemand gehuisvest in deze periode vóór de startdatum "
                                   "(geef --realisatie N)"))
        a("")
    a("[toewijzing]")
    a(_r("ronde_dagen = 7", "aanname: elke week een toewijzingsronde (corporatie en gemeente)"))
    a(_r("verhuis_dagen = 14", "[publiek] van geaccepteerd aanbod tot sleutel: 2 weken (coa.nl)"))
    a(_r("max_leegstand_dagen = 28", "aanname: een vrije woning waar geen statushouder in past, gaat terug "
                                     "naar de reguliere verhuur"))
    a(_r("norm_weken = 12", "[publiek] 10 weken om een woning te vinden + 2 voor de verhuizing (coa.nl)"))
    a("")
    a("[aanbod]")
    a("# [gebruiker] woningen per jaar voor statushouders, alle bronnen samen: de woningen op de startlijst,")
    a("# [[oplevering]] en renovaties horen erbij; de rest komt vrij als gewone huurwisseling.")
    a(f"woningen_per_jaar = {wpj}")
    a("# Alle sociale huurwoningen die per jaar vrijkomen bij de corporatie(s), alleen gebruikt om een")
    a("# woning te vervangen waar niemand in past. Standaard 10 x woningen_per_jaar ([publiek] ongeveer 10%")
    a("# van de vrijkomende sociale huurwoningen gaat naar statushouders).")
    a(f"# vacatures_per_jaar = {_getal(10 * inv.woningen_per_jaar)}")
    a("")
    a(_r("vervangen = true", "aanname: een woning waar niemand in past, wordt vervangen door de volgende "
                             "vrijkomende woning"))
    a(_r("aangekondigd_aandeel = 0.3", "aanname: huurders die hun vertrek melden vóór de formele opzegging"))
    a(_r("aankondiging_dagen = [30, 90]", "aanname: hoe lang van tevoren zij dat melden"))
    a(_r("toegankelijk_aandeel = 0.1", "aanname: toegankelijke woningen"))
    a(_r("[aanbod.slaapkamers]", "aanname: de verdeling van Leusden, deel voor statushouders (0 = studio)"))
    for k, p in SLAAPKAMERS.items():
        a(f'"{k}" = {p}')
    if inv.kern_aandelen:
        a(_r("[aanbod.kern]", "[gebruiker] aandeel van de woningen per kern"))
        for k, p in inv.kern_aandelen.items():
            a(f"{toml_sleutel(k)} = {_getal(p)}")
    else:
        a(_r("[aanbod.kern]", "aanname: alles in de hoofdkern (geef --kern-aandelen om te spreiden)"))
        a(f"{toml_sleutel(hoofdkern)} = 1.0")
    a(_r("[aanbod.huur]", "aanname: de kale huur van Leusden per aantal slaapkamers, van-tot (euro)"))
    for k, (lo, hi) in HUUR.items():
        a(f'"{k}" = [{lo}, {hi}]')
    a("")
    a("# Bekende nieuwbouw of renovaties voor statushouders: voeg ze hier toe (ze horen bij woningen_per_jaar).")
    a("# [[oplevering]]")
    a(f"# datum = {inv.start.isoformat()}")
    a("# slaapkamers = [2, 3]")
    a("# vertraging_dagen = [0, 60]")
    a("")
    a("[vraag]")
    a("# Het COA koppelt huishoudens zodat de startlijst en de koppelingen samen de totaalopgave dekken")
    a("# (taakstelling - stand), maal koppeling_factor.")
    a(_r("koppeling_factor = 1.0", "aanname: het COA koppelt precies genoeg"))
    a(_r("koppelen_binnen_maanden = 3", "[publiek] er moet genoeg gekoppeld zijn op 1 april / 1 oktober"))
    a(_r("weigering_kans = 0.01", "[publiek] ongeveer 1% van de aanbiedingen wordt geweigerd"))
    a(_r("nareizigers_vertraging_dagen = [90, 365]",
         "[publiek] aanvraag binnen 3 maanden, de IND beslist in 3 (+3), visum 90 dagen"))
    a(_r(f"visum_na_passende_woning = {toml_waarde(visum)}",
         "[publiek] okt 2022 - eind 2023: visum pas als het huishouden een passende woning heeft"))
    a(_r("visum_uiterlijk_dagen = 456", "[publiek] ... of na 15 maanden"))
    a(_r("visum_reis_dagen = [14, 90]", "[publiek] het inreisvisum is 90 dagen geldig"))
    a(_r("buitenland_aandeel = 0.0", "aanname: gekoppelde huishoudens die nog niet in Nederland zijn"))
    a(_r("toegankelijk_aandeel = 0.03", "aanname: huishoudens die een toegankelijke woning nodig hebben"))
    if len(inv.kernen) > 1:
        a(_r("voorkeur_achterveld = 0.0", f"aanname: huishoudens met een voorkeur voor de tweede kern "
                                          f"({inv.kernen[1]})"))
    a("")
    a("# Samenstelling van de huishoudens. [publiek] CBS 2023: ongeveer 57% alleenstaanden onder de gehuisveste")
    a("# huishoudens van statushouders (7.400 van 13.000); 2021: 32% gezinnen met kinderen. De andere gewichten")
    a("# zijn die van Leusden (aanname). Ze worden bijgesteld naar [plan] personen_per_woning.")
    for naam, gewicht, volw, kinderen, nar in SAMENSTELLING:
        a("[[vraag.samenstelling]]")
        a(f"naam = {toml_waarde(naam)}")
        a(f"gewicht = {gewicht}")
        a(f"volwassenen = {volw}")
        if kinderen:
            a(f"kinderen = {toml_waarde(list(kinderen))}")
        if nar:
            a(f"nareizigers = {toml_waarde(list(nar))}")
    a("")
    a("[takecarebnb]")
    a(_r("gastgezinnen = 0", "aanname: geen gastgezinnen bekend (Leusden: ongeveer 30)"))
    a(_r("kans = 0.0", "aanname: deel van de gekoppelde huishoudens van 1-2 personen dat een verblijf krijgt"))
    a(_r("verblijf_dagen = [90, 180]", "[publiek] hoogstens 3 maanden, te verlengen; telt pas mee bij een woning"))
    a("")
    a("[nidos]")
    a(_r("signaal_dagen = 182", "aanname (proef in Leusden): Nidos meldt de uitstroom 6 maanden vooraf"))
    a(_r("telt_vanaf_leeftijd = 15", "[publiek] AMV's van 15+ tellen mee bij de intrek in kleinschalige "
                                     "opvang"))
    a("# Bekende groepen AMV's in kleinschalige opvang van Nidos:")
    a("# [[nidos.groepen]]")
    a("# leeftijden = [15, 16, 17]")
    a(f"# kso_sinds = {inv.start.isoformat()}")
    return "\n".join(r) + "\n"


def _optie(veld: str | None) -> str | None:
    if not veld:
        return veld
    kandidaten = [k for k in OPTIE_VAN_SLEUTEL if veld == k or veld.startswith((k + ".", k + "["))]
    return OPTIE_VAN_SLEUTEL[max(kandidaten, key=len)] if kandidaten else veld


def _relatief(bestand: Path, map_: Path) -> str:
    """The path of `bestand` as written in a scenario in `map_`: relative (so the scenario keeps
    working when moved together with its files), absolute only across drives."""
    try:
        return Path(os.path.relpath(bestand.resolve(), map_.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return bestand.resolve().as_posix()


def _invoerpad(pad: str | None, optie: str) -> Path | None:
    if not pad:
        return None
    p = Path(pad)
    if not p.is_file():
        raise InvoerFout(pad, "bestand bestaat niet", veld=optie)
    return p.resolve()


def lees_nieuw(*, gemeente: str, kernen: str | None, start: str, einde: str | None, taakstelling: str,
               stand: int | None, woningen_per_jaar: float, personen_per_woning: float | None,
               realisatie: int | None, kern_aandelen: str | None, huishoudens: str | None, woningen: str | None,
               beleid: str | None, seed: int | None, omschrijving: str | None, uitvoer: str,
               opdracht: str = "") -> NieuwInvoer:
    """The options of `scenario nieuw`, read and checked one by one (the loader checks the rest)."""
    if not gemeente.strip():
        raise InvoerFout(None, "leeg; geef de naam van de gemeente", veld="--gemeente")
    if not str(uitvoer).lower().endswith(".toml"):
        raise InvoerFout(uitvoer, "een scenario is een .toml-bestand", veld="--uitvoer")
    return NieuwInvoer(
        naam=Path(uitvoer).stem,
        gemeente=gemeente.strip(),
        kernen=tuple(lees_lijst(kernen, "--kernen")) if kernen is not None else (gemeente.strip(),),
        start=lees_datum(start, None, None, "--start"),
        einde=lees_datum(einde, None, None, "--einde") if einde else None,
        perioden=tuple(lees_taakstelling(taakstelling)),
        stand=stand,
        woningen_per_jaar=woningen_per_jaar,
        personen_per_woning=personen_per_woning,
        realisatie=realisatie,
        kern_aandelen=lees_aandelen(kern_aandelen) if kern_aandelen else None,
        huishoudens=_invoerpad(huishoudens, "--huishoudens"),
        woningen=_invoerpad(woningen, "--woningen"),
        beleid=beleid,
        seed=seed,
        omschrijving=omschrijving,
        opdracht=opdracht,
    )


def _controleer(inv: NieuwInvoer, uitvoer: Path) -> None:
    """Load the scenario with the real loader, in a private folder (the files by absolute path),
    and check that the plan's persons per dwelling fits the household mix. Any problem becomes
    one `InvoerFout` naming the output file and the option it comes from."""

    tekst = scenario_tekst(inv, inv.huishoudens and inv.huishoudens.as_posix(),
                           inv.woningen and inv.woningen.as_posix())
    with tempfile.TemporaryDirectory(prefix="scenario-nieuw-") as map_:
        proef = Path(map_) / uitvoer.name
        proef.write_text(tekst, encoding="utf-8")
        try:
            g = laad_scenario(proef, zet={})
            mix_gewichten(g.sc)
        except InvoerFouten as e:
            f = e.fouten[0]
        except InvoerFout as e:
            f = e
        except ValueError as e:  # persons per dwelling outside the mix
            raise InvoerFout(uitvoer, str(e), veld="--personen-per-woning") from None
        else:
            return
    eigen = f.bestand == str(proef)
    raise InvoerFout(uitvoer if eigen else f.bestand, f.melding, f.rij, _optie(f.veld) if eigen else f.veld)


def scenario_nieuw(inv: NieuwInvoer, uitvoer: str | Path, overschrijf: bool = False) -> Path:
    """Check, then write the scenario atomically. Nothing is written on any problem."""
    uitvoer = Path(uitvoer)
    if uitvoer.exists() and not overschrijf:
        raise InvoerFout(uitvoer, "bestaat al; kies een andere naam of geef --overschrijf", veld="--uitvoer")
    if uitvoer.exists() and not uitvoer.is_file():
        raise InvoerFout(uitvoer, "is geen bestand", veld="--uitvoer")
    _controleer(inv, uitvoer)
    map_ = uitvoer.parent
    paden = {o: (_relatief(p, map_) if p else None) for o, p in (("huishoudens", inv.huishoudens),
                                                                  ("woningen", inv.woningen))}
    for optie, p in (("--huishoudens", inv.huishoudens), ("--woningen", inv.woningen)):
        rel = paden[optie[2:]]
        if p is not None and (map_ / rel).resolve() != p.resolve():
            raise InvoerFout(p, f"het pad vanaf {map_} ({rel}) wijst niet naar dit bestand", veld=optie)
    schrijf_atomisch(uitvoer, scenario_tekst(inv, paden["huishoudens"], paden["woningen"]))
    return uitvoer
