"""What a world's draws need from a scenario that is the same for every replication, worked out
once per scenario object (mixes as cumulative distributions, rent bounds per bedroom count).

Cached by the object's identity: a Scenario is frozen but holds dicts, so it has no hash, and
hashing its values each replication would cost what the cache saves. The entry keeps the
scenario alive, so its id cannot be reused by another scenario while the entry exists; up to
16 scenarios are kept, then the cache starts afresh (a policy search makes many). The scenario
itself is untouched, so it pickles as before, and a worker process builds its own cache.
"""

from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")
_BEWAARD = 16


def per_scenario(f: Callable[[object], T]) -> Callable[[object], T]:
    cache: dict[int, tuple[object, T]] = {}

    @wraps(f)
    def g(sc) -> T:
        e = cache.get(id(sc))
        if e is not None and e[0] is sc:
            return e[1]
        v = f(sc)
        if len(cache) >= _BEWAARD:
            cache.clear()
        cache[id(sc)] = (sc, v)
        return v

    g.cache = cache
    return g
