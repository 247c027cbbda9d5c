"""Privacy and injection: columns that must never be sent, and cells that would run as a formula.
"""

from __future__ import annotations

import re


# Columns that would hold special categories of personal data (AVG art. 9), direct identifiers,
# or proxies for them. Matching must never depend on them, so a file that carries them is
# refused whole rather than having the column silently dropped: the user should not be sending it.
VERBODEN_KOLOMMEN = {
    "nationaliteit", "nationality", "herkomst", "herkomstland", "land_van_herkomst",
    "geboorteland", "afkomst", "etniciteit", "ethnicity", "etnische_achtergrond", "ras",
    "religie", "religion", "geloof", "godsdienst", "levensovertuiging", "taal", "moedertaal",
    "bsn", "naam", "voornaam", "achternaam", "geboortedatum", "v_nummer", "vnummer",
    "gezondheid", "medisch", "telefoon", "telefoonnummer", "email", "e-mail", "e_mail",
}
# Stems that mark the same kind of column under another name ("nationaliteit_hoofdaanvrager").
VERBODEN_STAMMEN = ("nationalit", "religi", "etnic", "etnisc", "ethnic", "herkomst", "afkomst",
                    "geboorte", "geloof", "godsdienst", "burgerservice", "seksu", "gezondheid",
                    "medisch", "strafrecht", "politiek")
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def verboden_kolom(naam: str) -> bool:
    return naam in VERBODEN_KOLOMMEN or any(s in naam for s in VERBODEN_STAMMEN)


# ---------------------------------------------------------------- field parsers

def formule_achtig(tekst: str) -> bool:
    """Text a spreadsheet would run as a formula (CSV injection): starts with = + - @ tab or CR."""
    return isinstance(tekst, str) and tekst[:1] in FORMULE_TEKENS


def veilige_cel(waarde):
    """Neutralise spreadsheet formulas (CSV injection) in text written for Excel users."""
    if isinstance(waarde, str) and waarde[:1] in FORMULE_TEKENS and not _is_getal(waarde):
        return "'" + waarde
    return waarde


def _is_getal(tekst: str) -> bool:
    return bool(re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", tekst.strip()))
