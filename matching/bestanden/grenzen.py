"""The limits on input size as data: `matching/grenzen.toml`, read once."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def grenzen() -> dict[str, int]:
    tekst = resources.files("matching").joinpath("grenzen.toml").read_text(encoding="utf-8")
    return tomllib.loads(tekst)
