"""Loading a scenario in three steps, as Ciw does: read and fill defaults, cross-check, build an
immutable object. Relative paths (waitlist, dwellings) are resolved against the scenario file's
folder. A bare name (`leusden-2023`) is looked up among the bundled scenarios.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from importlib import resources
from pathlib import Path
from pydantic import ValidationError
from matching.beleid import Beleid, bekende_beleiden, laad_beleid
from matching.huishoudens import Huishouden, laad_huishoudens
from matching.bestanden import Fouten, InvoerFout, InvoerFouten
from matching.woningen import Woning, laad_woningen

from .meldingen import _regel, _regels_per_sleutel, _toml_fout, fouten_uit_validatie
from .schema import Scenario, gedateerde_delen
from .zet import fouten_met_zet, zet_toe


STANDAARD = "leusden-2023"


def vind_scenario(naam_of_pad: str | None) -> Path:
    if naam_of_pad is None:
        naam_of_pad = STANDAARD
    pad = Path(naam_of_pad)
    if pad.exists():
        return pad
    bundel = resources.files("huisvesting_scenarios")
    for kandidaat in (naam_of_pad, f"{naam_of_pad}.toml"):
        p = bundel.joinpath(kandidaat)
        if p.is_file():
            return Path(str(p))
    bekend = sorted(p.name.removesuffix(".toml") for p in bundel.iterdir() if p.name.endswith(".toml"))
    tip = difflib.get_close_matches(naam_of_pad, bekend, n=1)
    raise InvoerFout(naam_of_pad, "scenario niet gevonden" + (f"; bedoelt u '{tip[0]}'?" if tip else "")
                     + f" (meegeleverd: {', '.join(bekend)})")


def laad_scenario(naam_of_pad: str | None = None, verzamel: bool = False,
                  zet: dict[str, object] | None = None) -> "GeladenScenario":
    """Read, validate and load a scenario. Normally the first problem raises an `InvoerFout`;
    with `verzamel=True` (`huisvesting controleer`) every problem in the scenario and its
    files is found and raised together as `InvoerFouten`. `zet` ({"aanbod.woningen_per_jaar": 40},
    `--zet`) overrides keys for this load only, set in the raw TOML before validation; problems
    with them name `--zet <key>` (see `zet`); they are kept as `GeladenScenario.zet`, and so in
    the scenario's hash (`replicaties.scenario_hash`)."""
    pad = vind_scenario(naam_of_pad)
    try:
        tekst = pad.read_text(encoding="utf-8")
        ruw = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        raise _toml_fout(e, pad, tekst) from None
    except UnicodeDecodeError:
        raise InvoerFout(pad, "geen UTF-8 tekst; sla het scenario op als UTF-8") from None
    ruw.setdefault("naam", pad.stem)
    if zet:
        ruw = zet_toe(ruw, zet, pad)
    try:
        sc = Scenario(**ruw)
    except ValidationError as e:
        fouten = fouten_uit_validatie(e, pad, tekst)
        if zet:
            fouten = fouten_met_zet(fouten, zet, pad)
        if not verzamel:
            raise fouten[0] from None
        verzameld = Fouten(verzamel=True)
        for f in fouten:
            verzameld.meld(f)
        _controleer_bestanden_ruw(ruw, pad, verzameld)
        verzameld.klaar()
        raise  # not reached: klaar() raised
    if not zet:
        return GeladenScenario(sc, pad, verzamel=verzamel, tekst=tekst)
    try:
        g = GeladenScenario(sc, pad, verzamel=verzamel, tekst=tekst)
    except (InvoerFout, InvoerFouten) as f:
        raise fouten_met_zet(f, zet, pad) from None
    g.zet = dict(zet)
    return g


def _bestaat(pad: Path, sleutel: str, naam: str, regels: dict[tuple, int]) -> bool:
    """A file the scenario names exists; if not, the error points at the scenario's key."""
    if not (pad.parent / naam).is_file():
        raise InvoerFout(pad, f"bestand '{naam}' bestaat niet (gezocht in {pad.parent}); paden zijn relatief "
                              "aan de map van het scenario", veld=sleutel, regel=_regel(regels, (sleutel,)))
    return True


def _controleer_bestanden_ruw(ruw: dict, pad: Path, fouten: Fouten) -> None:
    """The scenario itself is invalid: still check the files it names, with what can be read."""
    kernen = ruw.get("kernen")
    kernen = list(kernen) if isinstance(kernen, list) and all(isinstance(k, str) for k in kernen) \
        else list(Scenario.model_fields["kernen"].default)
    start = ruw.get("startdatum") if isinstance(ruw.get("startdatum"), dt.date) else None
    regels = _regels_per_sleutel(pad.read_text(encoding="utf-8"))
    if isinstance(ruw.get("huishoudens"), str) and \
            fouten.probeer(_bestaat, pad, "huishoudens", ruw["huishoudens"], regels) is True:
        fouten.probeer(laad_huishoudens, pad.parent / ruw["huishoudens"], kernen, verzamel=True)
    if isinstance(ruw.get("woningen"), str) and \
            fouten.probeer(_bestaat, pad, "woningen", ruw["woningen"], regels) is True:
        fouten.probeer(laad_woningen, pad.parent / ruw["woningen"], kernen, niet_voor=start, verzamel=True)


def _te_veel_delen(pad: Path, delen: float, totaal: float, sc: Scenario, regels: dict[tuple, int],
                  tabel: str = "aanbod") -> None:
    """The dated parts of the supply exceed the agreed total: one of the two is wrong."""
    if tabel == "voorrangsverbod":
        raise InvoerFout(pad, f"de woningen met een datum vanaf het voorrangsverbod ({delen:g}: startlijst, "
                              f"opleveringen, renovaties) zijn meer dan het niveau na het verbod over die tijd "
                              f"({totaal:g}); zij zijn delen van dat niveau, niet erbovenop: verhoog "
                              "voorrangsverbod.woningen_per_jaar of aandeel, of schrap een deel",
                         veld="voorrangsverbod", regel=_regel(regels, ("voorrangsverbod",)))
    raise InvoerFout(pad, f"de woningen met een datum ({delen:g}: startlijst, opleveringen, renovaties) zijn meer dan "
                          f"aanbod.woningen_per_jaar over de horizon ({totaal:g}); zij zijn delen van dat totaal, "
                          "niet erbovenop: verhoog woningen_per_jaar of schrap een deel",
                     veld="aanbod.woningen_per_jaar", regel=_regel(regels, ("aanbod", "woningen_per_jaar")))


class GeladenScenario:
    """A validated scenario with its files loaded and policies resolved."""

    def __init__(self, sc: Scenario, pad: Path, verzamel: bool = False, tekst: str | None = None):
        self.sc = sc
        self.pad = pad
        self.zet: dict[str, object] = {}  # the --zet overrides applied (`laad_scenario`)
        map_ = pad.parent
        fouten = Fouten(verzamel)
        self._regels = _regels_per_sleutel(tekst) if tekst else {}
        self.huishoudens: list[Huishouden] = []
        self.woningen: list[Woning] = []
        if sc.huishoudens and fouten.probeer(_bestaat, pad, "huishoudens", sc.huishoudens, self._regels) is True:
            self.huishoudens = fouten.probeer(laad_huishoudens, map_ / sc.huishoudens, list(sc.kernen),
                                              verzamel=verzamel)
        if sc.woningen and fouten.probeer(_bestaat, pad, "woningen", sc.woningen, self._regels) is True:
            self.woningen = fouten.probeer(laad_woningen, map_ / sc.woningen, list(sc.kernen),
                                           niet_voor=sc.startdatum, verzamel=verzamel)
        lijst = self.woningen if isinstance(self.woningen, list) else []
        verbod = sc.verbod_dag()
        grens = sc.startdatum + dt.timedelta(days=verbod) if verbod is not None else sc.einddatum
        delen = gedateerde_delen(sc, lijst, tot=grens)
        totaal = sc.aanbod.woningen_bereik[0] * (grens - sc.startdatum).days / 365.0
        if delen > totaal + 1e-9:
            fouten.probeer(_te_veel_delen, pad, delen, totaal, sc, self._regels)
        if verbod is not None:
            delen = gedateerde_delen(sc, lijst, van=grens)
            totaal = sc.voorrangsverbod.niveau(sc.aanbod) * (sc.einddatum - grens).days / 365.0
            if delen > totaal + 1e-9:
                fouten.probeer(_te_veel_delen, pad, delen, totaal, sc, self._regels, "voorrangsverbod")
        # Fail early on an unknown default policy; `controleer` checks every policy the scenario defines.
        for naam in dict.fromkeys([sc.beleid, *(sc.beleidsregels if verzamel else [])]):
            fouten.probeer(self.beleid, naam)
        fouten.klaar()

    def beleid(self, naam: str | None = None) -> Beleid:
        naam = naam or self.sc.beleid
        try:
            b = laad_beleid(naam, self.sc.beleidsregels, str(self.pad), kernen=self.sc.kernen)
        except InvoerFout as f:
            raise self._met_regel(f, naam) from None
        onbekend = [k for k in b.kernen if k not in self.sc.kernen]
        if onbekend:
            raise InvoerFout(self.pad, f"beleid '{b.naam}' noemt kern '{onbekend[0]}' die niet in kernen "
                                       f"({', '.join(self.sc.kernen)}) staat",
                             veld=f"beleidsregels.{b.naam}.kernen" if b.naam in self.sc.beleidsregels else "kernen",
                             regel=_regel(getattr(self, "_regels", {}), ("beleidsregels", b.naam, "kernen")))
        return b

    def _met_regel(self, f: InvoerFout, naam: str) -> InvoerFout:
        """A policy error with the line of the scenario it comes from, where that can be found."""
        regels = getattr(self, "_regels", {})
        if f.regel is not None or not regels or f.bestand != str(self.pad):
            return f
        if f.veld == "beleid":
            loc: tuple = ("beleid",) if naam == self.sc.beleid else ("beleidsregels", naam)
        elif f.veld:
            loc = ("beleidsregels", naam, *f.veld.split("."))
        else:
            loc = ("beleidsregels", naam)
        return InvoerFout(f.bestand, f.melding, f.rij, f.veld, regel=_regel(regels, loc))

    def beleiden(self) -> list[str]:
        return bekende_beleiden(self.sc.beleidsregels)
