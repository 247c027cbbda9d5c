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
from ..kalender import halfjaar
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
    "periode.0.realisatie": "--realisatie", "plan.woningen_per_jaar": "--woningen-per-jaar",
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
    r = []
    a = r.append
    a(f"# {inv.gemeente} {bereik}: made by `huisvesting scenario nieuw` on {vandaag.isoformat()}.")
    if inv.opdracht:
        a(f"#   {' '.join(inv.opdracht.split())}")
    a("# Every value says where it comes from:")
    a("#   [gebruiker]  given on the command line: the gemeente's own figures")
    a("#   [publiek]    a public fact (CBS, coa.nl, Huisvestingswet, IND; see the domain brief)")
    a("#   aanname      a default without a source for this gemeente: check it and change it here")
    a("# Try a change for one run without editing this file, e.g.:")
    a(f"#   huisvesting simuleer {inv.naam}.toml --zet aanbod.woningen_per_jaar={wpj + 5}")
    a(f"naam = {toml_waarde(inv.naam)}")
    a(_r(f"gemeente = {toml_waarde(inv.gemeente)}", "[gebruiker]"))
    a(f"omschrijving = {toml_waarde(omschrijving)}")
    a(_r(f"startdatum = {inv.start.isoformat()}", "[gebruiker]"))
    a(_r(f"einddatum = {einde.isoformat()}", "[gebruiker]" if inv.einde else
         "aanname: to the end of the last period"))
    seed = inv.seed if inv.seed is not None else int(inv.start.strftime("%Y%m%d"))
    a(_r(f"seed = {seed}", "[gebruiker]" if inv.seed is not None else
         "aanname: the start date; another number gives another draw"))
    a(_r("replicaties = 1000", "aanname: enough for a stable 10-90% band"))
    a(_r(f"beleid = {toml_waarde(inv.beleid or 'flexibel')}", "[gebruiker]" if inv.beleid else
         "aanname: practice since spring 2022 (reserve ahead, share rooms, all kernen)"))
    a(_r(f"kernen = {toml_waarde(list(inv.kernen))}", f"[gebruiker] the first ({hoofdkern}) is the hoofdkern"))
    if huishoudens:
        a(_r(f"huishoudens = {toml_waarde(huishoudens)}", "[gebruiker] waitlist at the start; relative to this file"))
    else:
        a("# huishoudens = \"wachtlijst.csv\"     # the waitlist at the start, if known (relative to this file)")
    if woningen:
        a(_r(f"woningen = {toml_waarde(woningen)}", "[gebruiker] dwellings known at the start; relative to this file"))
    else:
        a("# woningen = \"woningen.csv\"         # dwellings known or reserved at the start, if any")
    a("# Stand at the start of the first period (persons; negative = achterstand, positive = voorsprong).")
    if inv.realisatie:
        a("# The start lies inside the period: this is the stand before the period's realisatie so far.")
    a(_r(f"stand_start = {inv.stand if inv.stand is not None else 0}", "[gebruiker]" if inv.stand is not None else
         "aanname: no stand given; 0 = neither achterstand nor voorsprong"))
    a("")
    a("# What the gemeente states [gebruiker]; `simuleer` shows the simulation beside it.")
    a("[plan]")
    a('bron = "opgegeven bij scenario nieuw"')
    a(_r(f"woningen_per_jaar = {wpj}", "[gebruiker] dwellings for statushouders a year"))
    if inv.personen_per_woning is not None:
        a(_r(f"personen_per_woning = {_getal(inv.personen_per_woning)}", "[gebruiker]"))
    else:
        a("# personen_per_woning: not given; the household mix below is used untilted (aanname)")
    a(_r(f"taakstelling = {som}", "[gebruiker] the sum of the periods below"))
    a("")
    a("# Taakstelling per half-year [gebruiker], persons. [publiek] the national total times the gemeente's")
    a("# share of inhabitants (art. 29 Huisvestingswet 2014); achterstand carries over automatically.")
    for i, (naam, taak) in enumerate(inv.perioden):
        a("[[periode]]")
        a(f"naam = {toml_waarde(naam)}")
        a(_r(f"taakstelling = {taak}", "[gebruiker]"))
        a(_r("extra_opgave = 0", "aanname: no extra opgave on top"))
        if i == 0 and inv.realisatie:
            a(_r(f"realisatie = {inv.realisatie}", f"[gebruiker] persons housed in {naam} before the startdatum"))
        elif i == 0 and inv.start > halfjaar(naam)[0]:
            a(_r("realisatie = 0", "aanname: nobody housed in this period before the startdatum "
                                   "(give --realisatie N)"))
        a("")
    a("[toewijzing]")
    a(_r("ronde_dagen = 7", "aanname: a weekly allocation round (corporation and gemeente)"))
    a(_r("verhuis_dagen = 14", "[publiek] offer accepted -> keys: 2 weeks (coa.nl)"))
    a(_r("max_leegstand_dagen = 28", "aanname: a vacancy no statushouder fits returns to regular letting"))
    a(_r("norm_weken = 12", "[publiek] 10 weeks to find a dwelling + 2 for the move (coa.nl)"))
    a("")
    a("[aanbod]")
    a("# [gebruiker] dwellings for statushouders a year, from all sources together: dwellings on the start")
    a("# list, [[oplevering]] and renovations are parts of it; the remainder arrives as re-lets.")
    a(f"woningen_per_jaar = {wpj}")
    a("# All social re-lets of the corporation(s) a year, only for replacing a dwelling nobody fits.")
    a("# Default 10 x woningen_per_jaar ([publiek] about 10% of social re-lets go to statushouders).")
    a(f"# vacatures_per_jaar = {_getal(10 * inv.woningen_per_jaar)}")
    a(_r("vervangen = true", "aanname: a dwelling nobody fits is replaced by the next re-let"))
    a(_r("aangekondigd_aandeel = 0.3", "aanname: tenants who announce leaving before formal notice"))
    a(_r("aankondiging_dagen = [30, 90]", "aanname: how long ahead they announce it"))
    a(_r("toegankelijk_aandeel = 0.1", "aanname: accessible dwellings"))
    a(_r("[aanbod.slaapkamers]", "aanname: Leusden's mix of the statushouder share (0 = studio)"))
    for k, p in SLAAPKAMERS.items():
        a(f'"{k}" = {p}')
    if inv.kern_aandelen:
        a(_r("[aanbod.kern]", "[gebruiker] share of the dwellings per kern"))
        for k, p in inv.kern_aandelen.items():
            a(f"{toml_sleutel(k)} = {_getal(p)}")
    else:
        a(_r("[aanbod.kern]", "aanname: all in the hoofdkern (give --kern-aandelen to spread them)"))
        a(f"{toml_sleutel(hoofdkern)} = 1.0")
    a(_r("[aanbod.huur]", "aanname: Leusden's kale huur range per bedroom count (EUR)"))
    for k, (lo, hi) in HUUR.items():
        a(f'"{k}" = [{lo}, {hi}]')
    a("")
    a("# Known new-builds or renovations for statushouders: add them here (parts of woningen_per_jaar).")
    a("# [[oplevering]]")
    a(f"# datum = {inv.start.isoformat()}")
    a("# slaapkamers = [2, 3]")
    a("# vertraging_dagen = [0, 60]")
    a("")
    a("[vraag]")
    a("# COA links households so that the start list plus the koppelingen cover the totaalopgave")
    a("# (taakstelling - stand), times koppeling_factor.")
    a(_r("koppeling_factor = 1.0", "aanname: COA links exactly enough"))
    a(_r("koppelen_binnen_maanden = 3", "[publiek] enough must be linked by 1 April / 1 October"))
    a(_r("weigering_kans = 0.01", "[publiek] about 1% of offers are refused"))
    a(_r("nareizigers_vertraging_dagen = [90, 365]",
         "[publiek] application within 3 months, IND decides in 3 (+3), visa 90 days"))
    a(_r(f"visum_na_passende_woning = {toml_waarde(visum)}",
         "[publiek] Oct 2022 - end 2023: visa only once the household has a fitting dwelling"))
    a(_r("visum_uiterlijk_dagen = 456", "[publiek] ... or after 15 months"))
    a(_r("visum_reis_dagen = [14, 90]", "[publiek] the entry visa is valid 90 days"))
    a(_r("buitenland_aandeel = 0.0", "aanname: linked households not yet in the Netherlands"))
    a(_r("toegankelijk_aandeel = 0.03", "aanname: households needing an accessible dwelling"))
    if len(inv.kernen) > 1:
        a(_r("voorkeur_achterveld = 0.0", f"aanname: households preferring the second kern ({inv.kernen[1]})"))
    a("")
    a("# Household mix. [publiek] CBS 2023: about 57% single persons among the statushouder households")
    a("# housed (7,400 of 13,000); 2021: 32% families with children. The other weights are Leusden's")
    a("# (aanname). They are tilted to [plan] personen_per_woning.")
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
    a(_r("gastgezinnen = 0", "aanname: no host families known (Leusden: about 30)"))
    a(_r("kans = 0.0", "aanname: share of linked 1-2 person households offered a stay"))
    a(_r("verblijf_dagen = [90, 180]", "[publiek] at most 3 months, extendable; no count until a dwelling"))
    a("")
    a("[nidos]")
    a(_r("signaal_dagen = 182", "aanname (Leusden's pilot): Nidos signals 6 months before outflow"))
    a(_r("telt_vanaf_leeftijd = 15", "[publiek] AMVs 15+ count at move-in into small-scale housing"))
    a("# Known AMV groups in Nidos small-scale housing:")
    a("# [[nidos.groepen]]")
    a("# leeftijden = [15, 16, 17]")
    a(f"# kso_sinds = {inv.start.isoformat()}")
    return "\n".join(r) + "\n"


def _optie(veld: str | None) -> str | None:
    if not veld:
        return veld
    kandidaten = [k for k in OPTIE_VAN_SLEUTEL if veld == k or veld.startswith(k + ".")]
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
