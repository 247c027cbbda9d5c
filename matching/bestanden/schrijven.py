"""Writing: atomically (a temporary file renamed into place), never a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .fouten import SchrijfFout


# ---------------------------------------------------------------- output

def schrijf_atomisch(pad: str | os.PathLike, inhoud: str | bytes) -> None:
    """Write through a temporary file in the same folder and rename, so an interrupted
    run never leaves a half-written output behind."""
    pad = Path(pad)
    data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
    except OSError as e:
        raise SchrijfFout(pad, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; give the file the permissions any new file would get.
        os.chmod(tijdelijk, 0o666 & ~_umask())
        os.replace(tijdelijk, pad)
    except BaseException as e:
        try:
            os.unlink(tijdelijk)
        except FileNotFoundError:
            pass
        if isinstance(e, OSError) and not isinstance(e, SchrijfFout):
            raise SchrijfFout(pad, e) from None
        raise


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig
