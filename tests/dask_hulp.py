"""A replication task that kills its own Dask worker process once (for the fault test)."""

from __future__ import annotations

import os
from pathlib import Path


def taak_die_eenmaal_sterft(invoer, beleid, merk: str, rep: int):
    from simulatie.model import simuleer_replicatie
    if rep == 5 and not Path(merk).exists():
        Path(merk).write_text("gestorven")
        os._exit(1)  # the worker process dies mid-run, as on an out-of-memory kill
    return simuleer_replicatie(invoer, beleid, rep)
