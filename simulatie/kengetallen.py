"""The kengetallen (KPIs) of `simuleer`, each declared once: its key in the JSON (`kpi` of the
summary), its label in the readable table, how its value is shown, the model counter it averages
(if it is one counter's mean per replication) and the scenario part it needs to be reported.

A new kengetal: declare one `Kengetal` below and put it in `JSON` (its place in the JSON) and,
to show it, in `TABEL`. One counter's mean needs nothing else: `replicaties.kpi` averages
`teller`; any other value is computed there under the same key. The table writer in `rapport.py`
reads only from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


def _getal(v, kpi: dict) -> str:
    return f"{v:.1f}" if isinstance(v, float) else str(v)


def _binnen_norm(v, kpi: dict) -> str:
    return f"{v:.0%} (≤ {kpi['norm_weken']} weken)"


@dataclass(frozen=True)
class Kengetal:
    """`tekst`: label in the table (None: JSON only); for a kengetal per kern (a dict) a template
    with `{naam}`, one row per entry. `opmaak(waarde, kpi)` formats a table cell. `teller`: the
    counter in `Uitkomst.tellers` this is the mean of per replication (None: computed in
    `replicaties.kpi`). `voorwaarde(scenario)`: reported only when true (the part is in the scenario)."""

    sleutel: str
    tekst: str | None
    teller: str | None = None
    voorwaarde: Callable[[object], object] | None = None
    opmaak: Callable[[object, dict], str] = _getal

    def geldt(self, sc) -> bool:
        return self.voorwaarde is None or bool(self.voorwaarde(sc))

    def rijen(self, kpi: dict) -> list[tuple[str, str]]:
        """(label, cell) rows of the table; none without a label or a value."""
        v = kpi.get(self.sleutel)
        if self.tekst is None or v is None:
            return []
        if isinstance(v, dict):
            return [(self.tekst.format(naam=naam), self.opmaak(x, kpi)) for naam, x in v.items()]
        return [(self.tekst, self.opmaak(v, kpi))]


def _doorstroom(sc) -> object:
    return sc.doorstroomlocatie


def _grote_gezinnen(sc) -> object:
    return sc.grote_gezinnen


WACHTWEKEN = Kengetal("wachtweken_mediaan", "mediaan weken van koppeling tot woning")
BINNEN_NORM = Kengetal("aandeel_binnen_norm", "aandeel binnen de norm", opmaak=_binnen_norm)
NORM_WEKEN = Kengetal("norm_weken", None)
PLAATSINGEN = Kengetal("plaatsingen", None)
PERSONEN_PER_KERN = Kengetal("personen_per_kern", "personen geplaatst in {naam}")
HUISHOUDENS_PER_KERN = Kengetal("huishoudens_per_kern", None)
VERVOLG_NODIG = Kengetal("vervolghuisvesting_nodig", "vervolghuisvesting: nodig geworden", "vervolg_nodig")
VERVOLG_VERHUIZINGEN = Kengetal("vervolghuisvesting_verhuizingen", "vervolghuisvesting: verhuizingen",
                                "vervolg_verhuizingen")
TCB_VERBLIJVEN = Kengetal("takecarebnb_verblijven", "TakeCareBNB: verblijven", "tcb_verblijven")
TCB_VERLOPEN = Kengetal("takecarebnb_verlopen", "TakeCareBNB: verblijf verlopen zonder woning", "tcb_verlopen")
WEIGERINGEN = Kengetal("weigeringen", "weigeringen van het aanbod", "weigeringen")
WONINGEN_AANGEBODEN = Kengetal("woningen_aangeboden", "woningen in het aanbod voor statushouders",
                               "woningen_aangeboden")
WONINGEN_TERUG = Kengetal("woningen_terug_regulier", "woningen terug naar reguliere verhuur (niemand paste)",
                          "woningen_terug_regulier")
KOPPELINGEN = Kengetal("koppelingen", "koppelingen door het COA", "koppelingen")
NIET_GEKOPPELD = Kengetal("niet_gekoppeld_wachtlijst_vol", "niet gekoppeld: wachtlijst vol", "niet_gekoppeld")
NAREIZIGERS = Kengetal("nareizigers_aangekomen", "nareizigers aangekomen (personen)", "nareizigers_aangekomen")
NIDOS = Kengetal("nidos_uitstroom", "Nidos: AMV's uitgestroomd naar eigen woning", "nidos_uitstroom")
DOORSTROOM_INSTROOM = Kengetal("doorstroom_instroom", "doorstroomlocatie: huishoudens ingestroomd",
                               "doorstroom_instroom", _doorstroom)
DOORSTROOM_PERSONEN = Kengetal("doorstroom_personen", "doorstroomlocatie: personen geteld bij instroom",
                               "doorstroom_personen", _doorstroom)
DOORSTROOM_VERLOPEN = Kengetal("doorstroom_verlopen", "doorstroomlocatie: verblijf verlopen zonder woning",
                               "doorstroom_verlopen", _doorstroom)
GROTE_GEZINNEN = Kengetal("grote_gezinnen_gehuisvest", "grote gezinnen gehuisvest vóór het eind van de regeling",
                          "grote_gezinnen_gehuisvest", _grote_gezinnen)
GROTE_GEZINNEN_BEDRAG = Kengetal("grote_gezinnen_bedrag", "Regeling Grote Gezinnen: bedrag (euro)",
                                 "grote_gezinnen_bedrag", _grote_gezinnen)
VISUM = Kengetal("visum_vrijgegeven", "visa vrijgegeven op de vrijgavedatum (huishoudens)", "visum_vrijgegeven",
                 lambda sc: sc.vraag.visum_vrijgave)
KINDEREN_PER_SLAAPKAMER = Kengetal("kinderen_per_slaapkamer", "kinderen per kinderslaapkamer")
OUDER_KIND_KAMERS = Kengetal("ouder_kind_kamers", "ouder en kind delen een kamer (huishoudens)", "ouder_kind_kamers")
WACHTEND_EIND = Kengetal("wachtend_eind", "huishoudens nog wachtend aan het eind")
# Its own table in the readable output (reason and households), so no label here.
WACHTEND_EIND_REDENEN = Kengetal("wachtend_eind_redenen", None)

JSON = (WACHTWEKEN, BINNEN_NORM, NORM_WEKEN, PLAATSINGEN, PERSONEN_PER_KERN, HUISHOUDENS_PER_KERN, VERVOLG_NODIG,
        VERVOLG_VERHUIZINGEN, TCB_VERBLIJVEN, TCB_VERLOPEN, WEIGERINGEN, WONINGEN_AANGEBODEN, WONINGEN_TERUG,
        KOPPELINGEN, NIET_GEKOPPELD, NAREIZIGERS, NIDOS, DOORSTROOM_INSTROOM, DOORSTROOM_PERSONEN,
        DOORSTROOM_VERLOPEN, GROTE_GEZINNEN, GROTE_GEZINNEN_BEDRAG, VISUM, KINDEREN_PER_SLAAPKAMER,
        OUDER_KIND_KAMERS, WACHTEND_EIND, WACHTEND_EIND_REDENEN)
TABEL = (WACHTWEKEN, BINNEN_NORM, VERVOLG_VERHUIZINGEN, VERVOLG_NODIG, TCB_VERBLIJVEN, TCB_VERLOPEN, WEIGERINGEN,
         WONINGEN_AANGEBODEN, WONINGEN_TERUG, KOPPELINGEN, NIET_GEKOPPELD, NAREIZIGERS, NIDOS, DOORSTROOM_INSTROOM,
         DOORSTROOM_PERSONEN, DOORSTROOM_VERLOPEN, GROTE_GEZINNEN, GROTE_GEZINNEN_BEDRAG, VISUM,
         KINDEREN_PER_SLAAPKAMER, OUDER_KIND_KAMERS, WACHTEND_EIND, PERSONEN_PER_KERN)
