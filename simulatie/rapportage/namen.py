"""Dutch names for code names, in one place: rule groups (`[regelgroepen]` in beleid.toml),
measures of a comparison, sources of a scenario's values, and why a household still waits at
the end of a simulation."""

from __future__ import annotations

import re

# Rule groups as the council discusses them.
REGELGROEPEN = {
    "reserveren": "woningen vooruit reserveren (nieuwbouw, renovatie, aangekondigde opzegging)",
    "kinderen_delen": "kinderen delen een slaapkamer",
    "ouder_kind": "een ouder deelt een slaapkamer met een jong kind",
    "andere_kernen": "ook huisvesten buiten de hoofdkern",
    "nareizigers": "de woning meteen passend voor het hele gezin, nareizigers inbegrepen",
    "alleenstaande_ruimer": "alleenstaanden ook in een woning met twee slaapkamers",
    "wachtlijst_verhuisklaar": "alleen verhuisklare huishoudens op de wachtlijst",
    "vooruitkijken": "een schaarse grote woning vasthouden voor een huishouden dat binnenkort komt",
}

# Measures of `huisvesting vergelijk` (keys of simulatie.vergelijking.MATEN), with their unit.
MATEN = {
    "realisatie": ("gehuisveste personen", "personen"),
    "totaalopgave_gehaald": ("kans dat de totaalopgave wordt gehaald", "procentpunt"),
    "wachtweken_mediaan": ("weken van koppeling tot woning (mediaan)", "weken"),
    "vervolghuisvesting": ("verhuizingen voor vervolghuisvesting", "verhuizingen"),
    "buiten_hoofdkern": ("huishoudens gehuisvest buiten de hoofdkern", "huishoudens"),
    "kinderen_per_slaapkamer": ("kinderen per kinderslaapkamer", "kinderen"),
    "ouder_kind_kamers": ("huishoudens waar ouder en kind een kamer delen", "huishoudens"),
}

# What a rule costs: the measures shown as its price.
PRIJS = ("kinderen_per_slaapkamer", "ouder_kind_kamers", "buiten_hoofdkern", "wachtweken_mediaan")

BRONNEN = {
    "seed": "plan van aanpak Leusden / tabel provincie / verslag (2022)",
    "publiek": "openbare bron",
    "gebruiker": "opgegeven door de gebruiker",
    "aanname": "aanname",
    "instelling": "instelling van de berekening",
}


# Why a household still waits at the end (`simulatie.model.Wachtreden`). The other reasons are
# rules (`matching.beleid.Regel`): they read as the rule's refusal, `matching.uitleg.BEZWAAR_TEKST`.
WACHTREDENEN = {
    "wacht_op_vervolghuisvesting": "wacht op vervolghuisvesting (de woning is te klein sinds de nareizigers er zijn)",
    "geen_woning_in_aanbod": "geen enkele woning in het aanbod",
    "passende_woning_in_aanbod": "een passende woning staat in het aanbod, nog niet toegewezen",
}


def wachtreden_naam(code: str) -> str:
    """A reason of `wachtend_eind_redenen` in words: a Wachtreden, or the refusal of a rule."""
    from matching.uitleg import BEZWAAR_TEKST  # lazy: the matching engine loads only when a table is made

    return WACHTREDENEN.get(code) or BEZWAAR_TEKST[code]


def regel_naam(sleutel: str) -> str:
    return REGELGROEPEN.get(sleutel, sleutel.replace("_", " "))


def maat_naam(sleutel: str) -> str:
    return MATEN.get(sleutel, (sleutel.replace("_", " "), ""))[0]


# ---------------------------------------------------------------- numbers as a Dutch reader reads them

def getal(x, decimalen: int = 0) -> str:
    """Decimal comma, a dot between thousands; never "-0,0"."""
    if x is None:
        return "–"
    if round(x, decimalen) == 0:
        x = 0.0  # no "-0,0"
    s = f"{x:,.{decimalen}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def verschil_getal(x, decimalen: int = 1) -> str:
    """A difference: "+" when it shows as more than 0, none for a 0 ("0,0", not "+0,0")."""
    return ("+" if round(x, decimalen) > 0 else "") + getal(x, decimalen)


_DECIMAAL = re.compile(r"(?<![\w.,])(\d+)\.(\d+)(?![.,]\d|\w)")


def decimale_komma(tekst: str) -> str:
    """Generated text with decimal points ("35.0 woningen x 2.25 personen") with decimal commas.
    Only a lone number with one point changes: dates, ids and version numbers (2023.01.01, 1.2.3)
    have more than one and stay as they are."""
    return _DECIMAAL.sub(r"\1,\2", tekst)


_CODEWOORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def in_woorden(tekst: str) -> str:
    """Code words in text for people (`woningen_per_jaar 30`) in words: woningen per jaar 30."""
    return _CODEWOORD.sub(lambda m: m.group(0).replace("_", " "), tekst)
