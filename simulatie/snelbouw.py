"""Frozen records built without their dataclass `__init__`, for the hundreds a world draws.

A frozen dataclass's `__init__` sets each field through `object.__setattr__` (frozen forbids
plain assignment); setting each slot through its own descriptor does the same at half the cost,
and records are about a third of drawing a world. `bouwer(cls)` makes such a constructor:
the same positional arguments and defaults, and it refuses a class it would not build exactly
as `cls(...)` does (not a frozen slots dataclass, a `__post_init__`, a field outside `__init__`
or with a default factory). tests/test_simulatie_vraag.py checks records built both ways are
equal and pickle to the same bytes.
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
    ns: dict = {"_nieuw__": object.__new__, "_cls__": cls}
    params, regels = [], []
    for i, f in enumerate(velden):
        ns[f"_zet{i}__"] = cls.__dict__[f.name].__set__
        if f.default is MISSING:
            params.append(f.name)
        else:
            ns[f"_standaard{i}__"] = f.default
            params.append(f"{f.name}=_standaard{i}__")
        regels.append(f"    _zet{i}__(_o__, {f.name})\n")
    exec(f"def bouw({', '.join(params)}):\n    _o__ = _nieuw__(_cls__)\n{''.join(regels)}    return _o__\n", ns)
    bouw = ns["bouw"]
    bouw.__qualname__ = bouw.__name__ = f"bouw_{cls.__name__}"
    return bouw
