"""Pydantic's validation errors in the users' words: one Dutch line per problem."""

from __future__ import annotations

import difflib
import re

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



def _getal(x) -> str:
    """A bound as Dutch text: 0 (not 0.0), 0,5 (not 0.5)."""
    return f"{x:g}".replace(".", ",") if isinstance(x, float) else str(x)


def melding(err: dict, kandidaten: list[str], reserve: list[str] | None = None) -> str:
    """The Dutch text for one pydantic error. `kandidaten`: the keys valid where the error is,
    to suggest the intended one for a misspelt key (`reserve`: all keys, if none is close)."""
    soort, loc = err["type"], err["loc"]
    gegeven = err.get("input")
    als = f" (gegeven: {gegeven!r})" if gegeven is not None and not isinstance(gegeven, (dict, list, tuple)) else ""
    if "leden" in err:  # a union field (`per_veld`): every form it may take
        teksten = list(dict.fromkeys(melding({**lid, "input": None}, kandidaten, reserve) for lid in err["leden"]))
        return " of ".join([teksten[0]] + [t.removeprefix("verwacht ") for t in teksten[1:]]) + als
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
        return f"verwacht een waarde van {tekst} {_getal(grens)}{als}"
    if soort == "literal_error":
        return f"verwacht een van {str(ctx.get('expected', '')).replace(' or ', ' of ')}{als}"
    if soort in ("too_short", "too_long"):
        return f"verwacht een lijst van {ctx.get('min_length', ctx.get('max_length', ''))} waarden{als}".replace("  ", " ")
    if soort in TYPE_TEKST:
        return TYPE_TEKST[soort] + als
    return err["msg"].removeprefix("Value error, ") + als


# The member names pydantic puts in the location of an error under a union field (a number or
# [laag, hoog]: 'float', 'tuple[float, float]'). A key the user wrote may look like one ('int'):
# only names of two or more members at the same place are taken as a union's.
_UNIELID = re.compile(r"(float|int|str|bool|none|date|[a-z_]+\[.*\]|function-[a-z]+\[.*\])")


def per_veld(fouten: list[dict]) -> list[dict]:
    """Pydantic reports a value that fits no member of a union once per member, each with the
    member's name in its location. Here: where the value had a member's shape (a list whose
    element is wrong), only that member's errors, at the element; else one error at the field,
    whose text (`melding`) names every form that was expected."""
    def lid(err: dict) -> int | None:
        return next((i for i, x in enumerate(err["loc"]) if isinstance(x, str) and _UNIELID.fullmatch(x)), None)

    namen: dict[tuple, set] = {}
    for err in fouten:
        i = lid(err)
        if i is not None:
            namen.setdefault(tuple(err["loc"][:i]), set()).add(err["loc"][i])
    # Per field of a union its members' errors (with what follows the member name); every other
    # error on its own (keyed by its position). In the order each first appears.
    groepen: dict[object, list[tuple[tuple, dict]]] = {}
    for n, err in enumerate(fouten):
        loc, i = tuple(err["loc"]), lid(err)
        unie = i is not None and len(namen[loc[:i]]) >= 2
        groepen.setdefault(loc[:i] if unie else n, []).append((loc[i + 1:] if unie else (), err))
    klaar: list[dict] = []
    for veld, leden in groepen.items():
        if isinstance(veld, int):
            klaar.append(leden[0][1])
            continue
        binnen = [(rest, e) for rest, e in leden if rest]
        if binnen:
            klaar.extend({**e, "loc": veld + rest} for rest, e in binnen)
        else:
            klaar.append({**leden[0][1], "loc": veld, "leden": [e for _, e in leden]})
    return klaar
