"""Frozen records built without their dataclass `__init__`, for the hundreds a world draws.

A frozen dataclass's `__init__` sets each field through `object.__setattr__` (frozen forbids
plain assignment), which costs about as much as drawing the record's numbers. `bouwer(cls)`
makes a constructor that fills the same slots on a twin class (the same slots in the same
order, not frozen, so plain assignments) and then gives the object the record's class: the
object is then an ordinary `cls` instance, equal to `cls(...)` with the same arguments. Same
positional arguments, keywords and defaults; it refuses a class it would not build exactly as
`cls(...)` does (not a frozen slots dataclass, a `__post_init__`, a field outside `__init__` or
with a default factory). tests/test_simulatie_vraag.py checks records built both ways are equal
and pickle to the same bytes.
"""

from __future__ import annotations

from dataclasses import MISSING, fields, is_dataclass
from typing import Callable, TypeVar

T = TypeVar("T")


def bouwer(cls: type[T]) -> Callable[..., T]:
    if not (is_dataclass(cls) and cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__):
        raise TypeError(f"{cls.__name__}: geen bevroren dataclass met slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: heeft __post_init__")
    velden = fields(cls)
    if any(not f.init or f.default_factory is not MISSING for f in velden):
        raise TypeError(f"{cls.__name__}: veld buiten __init__ of met default_factory")
    if tuple(cls.__slots__) != tuple(f.name for f in velden) or cls.__bases__ != (object,):
        raise TypeError(f"{cls.__name__}: slots anders dan de velden")
    tweeling = type(f"_{cls.__name__}_tweeling", (object,), {"__slots__": cls.__slots__})
    tweeling.__new__(tweeling).__class__ = cls  # raises now if the layouts differ
    ns: dict = {"_nieuw__": object.__new__, "_tweeling__": tweeling, "_cls__": cls}
    params, regels = [], []
    for i, f in enumerate(velden):
        if f.default is MISSING:
            params.append(f.name)
        else:
            ns[f"_standaard{i}__"] = f.default
            params.append(f"{f.name}=_standaard{i}__")
        regels.append(f"    _o__.{f.name} = {f.name}\n")
    exec(f"def bouw({', '.join(params)}):\n    _o__ = _nieuw__(_tweeling__)\n{''.join(regels)}"
         f"    _o__.__class__ = _cls__\n    return _o__\n", ns)
    bouw = ns["bouw"]
    bouw.__qualname__ = bouw.__name__ = f"bouw_{cls.__name__}"
    return bouw
