"""Uitvoerder: one interface to run independent tasks (replications, gemeenten) in parallel.

Results come back in task order whatever the engine, so output is byte-identical on one
worker, several local processes or a Dask cluster. Tasks must be picklable top-level calls.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Callable, Iterable, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Chunks of a serial run: enough for the progress shown to move smoothly.
SERIEEL_BROKKEN = 100


class Uitvoerder(Protocol):
    naam: str

    def map(self, functie: Callable[[T], R], taken: Iterable[T],
            voortgang: Callable[[int], None] | None = None) -> list[R]: ...

    def per_brok(self, functie: Callable[[list[T]], R], taken: Iterable[T],
                 voortgang: Callable[[int], None] | None = None) -> list[R]: ...


class Serieel:
    naam = "serieel"

    def map(self, functie, taken, voortgang=None):
        return _plat(self.per_brok(partial(_map_brok, functie), taken, voortgang))

    def per_brok(self, functie, taken, voortgang=None):
        """`functie` on consecutive chunks of the tasks; one result per chunk, in order. Small
        chunks here: the progress shown moves with them."""
        taken = _reeks(taken)
        uit = []
        for a, b in _brokken(len(taken), SERIEEL_BROKKEN):
            uit.append(functie(taken[a:b]))
            if voortgang:
                voortgang(b - a)
        return uit


class LokaleProcessen:
    """Local worker processes; chunks keep the pickling overhead per task small."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self.naam = f"lokaal ({self.workers} processen)"

    def map(self, functie, taken, voortgang=None):
        return _plat(self.per_brok(partial(_map_brok, functie), taken, voortgang))

    def per_brok(self, functie, taken, voortgang=None):
        """`functie` runs in the workers on a chunk of tasks each (so a chunk's results can be
        added up there); one result per chunk, in task order."""
        taken = _reeks(taken)
        if self.workers <= 1 or len(taken) <= 1:
            return Serieel().per_brok(functie, taken, voortgang)
        import multiprocessing as mp

        # forkserver/spawn would re-import everything per worker; fork is fine for pure tasks.
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        brokken = _brokken(len(taken), self.workers * 4)
        uit: list = [None] * len(brokken)
        from concurrent.futures import as_completed
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_werker_signalen)
        try:
            futures = {pool.submit(functie, taken[a:b]): (k, a, b) for k, (a, b) in enumerate(brokken)}
            for f in as_completed(futures):
                k, a, b = futures[f]
                uit[k] = f.result()
                if voortgang:
                    voortgang(b - a)
        except BaseException:
            # Ctrl-C, SIGTERM or a failed task: stop the workers now instead of waiting for
            # the chunks they are running.
            for proces in list((pool._processes or {}).values()):
                proces.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        return uit


class Dask:
    """A Dask distributed cluster: `adres` is tcp://host:port, or 'local' for a LocalCluster."""

    def __init__(self, adres: str = "local", workers: int | None = None):
        self.adres = adres
        self.workers = workers or os.cpu_count() or 1
        self.naam = f"dask ({adres})"

    def map(self, functie, taken, voortgang=None):
        return _plat(self.per_brok(partial(_map_brok, functie), taken, voortgang))

    def per_brok(self, functie, taken, voortgang=None):
        from dask.distributed import Client, LocalCluster, as_completed

        taken = _reeks(taken)
        cluster = None
        if self.adres == "local":
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(self.adres)
        try:
            brokken = _brokken(len(taken), max(self.workers, 1) * 4)
            futures = [client.submit(functie, taken[a:b], pure=False) for a, b in brokken]
            plek = {f.key: (k, a, b) for k, (f, (a, b)) in enumerate(zip(futures, brokken))}
            uit: list = [None] * len(brokken)
            for f in as_completed(futures):
                k, a, b = plek[f.key]
                uit[k] = f.result()
                if voortgang:
                    voortgang(b - a)
            return uit
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _werker_signalen() -> None:
    """A worker dies at SIGTERM and leaves Ctrl-C to the parent, which stops the run."""
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: die with the parent, even when it is killed outright (no orphaned workers)
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _reeks(taken):
    """Tasks as a sequence to slice in chunks. Replication numbers come as a range: kept as one
    (a slice of a range is a range), so neither the parent nor a chunk sent to a worker holds
    a list the size of the run."""
    return taken if isinstance(taken, range) else list(taken)


def _map_brok(functie, brok):
    return [functie(t) for t in brok]


def _plat(brokken: list[list]) -> list:
    return [x for brok in brokken for x in brok]


def _brokken(n: int, delen: int) -> list[tuple[int, int]]:
    delen = max(1, min(n, delen))
    grens = [round(i * n / delen) for i in range(delen + 1)]
    return [(a, b) for a, b in zip(grens, grens[1:]) if b > a]


def maak_uitvoerder(workers: int | None = 1, dask: str | None = None) -> Uitvoerder:
    if dask:
        from matching.extras import vereis
        vereis("dask")  # before any work: the scenario is checked, nothing simulated yet
        return Dask(dask, workers)
    if workers is None or workers > 1:
        return LokaleProcessen(workers)
    return Serieel()
