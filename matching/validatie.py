"""Pydantic's validation errors in the users' words: one Dutch line per problem."""

from __future__ import annotations

import difflib

TYPE_TEKST = {
    "int_parsing": "verwacht een geheel getal", "int_type": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal", "float_parsing": "verwacht een getal",
    "float_type": "verwacht een getal", "bool_parsing": "verwacht true of false",
    "bool_type": "verwacht true of false", "string_type": "verwacht tekst tussen aanhalingstekens",
    "date_parsing": "verwacht een datum als 2023-01-01 (zonder aanhalingstekens)",
    "date_type": "verwacht een datum als 2023-01-01 (zonder aanhalingstekens)",
    "date_from_datetime_parsing": "verwacht een bestaande datum als 2023-01-01",
    "date_from_datetime_inexact": "verwacht een datum zonder tijd, als 2023-01-01",
    "tuple_type": "verwacht een lijst tussen [ ], bijvoorbeeld [1, 2]",
    "list_type": "verwacht een lijst tussen [ ], bijvoorbeeld [1, 2]",
    "dict_type": "verwacht een tabel met sleutels", "model_type": "verwacht een tabel met sleutels",
    "finite_number": "verwacht een eindig getal",
}



def melding(err: dict, kandidaten: list[str], reserve: list[str] | None = None) -> str:
    """The Dutch text for one pydantic error. `kandidaten`: the keys valid where the error is,
    to suggest the intended one for a misspelt key (`reserve`: all keys, if none is close)."""
    soort, loc = err["type"], err["loc"]
    gegeven = err.get("input")
    als = f" (gegeven: {gegeven!r})" if gegeven is not None and not isinstance(gegeven, (dict, list, tuple)) else ""
    if soort == "extra_forbidden":
        tip = difflib.get_close_matches(str(loc[-1]), kandidaten, n=1) or \
            difflib.get_close_matches(str(loc[-1]), reserve or [], n=1)
        return f"onbekende sleutel '{loc[-1]}'" + (f"; bedoelt u '{tip[0]}'?" if tip else "")
    if soort == "missing":
        if isinstance(loc[-1], int):
            return f"te weinig waarden: waarde {loc[-1] + 1} ontbreekt"
        return f"sleutel '{loc[-1]}' ontbreekt"
    ctx = err.get("ctx") or {}
    if soort in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        grens = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        tekst = {"greater_than_equal": "minstens", "greater_than": "groter dan",
                 "less_than_equal": "hoogstens", "less_than": "kleiner dan"}[soort]
        return f"verwacht een waarde van {tekst} {grens}{als}"
    if soort == "literal_error":
        return f"verwacht een van {str(ctx.get('expected', '')).replace(' or ', ' of ')}{als}"
    if soort in ("too_short", "too_long"):
        return f"verwacht {ctx.get('min_length', ctx.get('max_length', ''))} waarden{als}".replace("  ", " ")
    if soort in TYPE_TEKST:
        return TYPE_TEKST[soort] + als
    return err["msg"].removeprefix("Value error, ") + als
