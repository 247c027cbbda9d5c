"""Writing: atomically (a temporary file renamed into place), never a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from .fouten import SchrijfFout


# ---------------------------------------------------------------- output

def schrijf_atomisch(pad: str | os.PathLike, inhoud: str | bytes) -> None:
    """Write through a temporary file in the same folder and rename, so an interrupted
    run never leaves a half-written output behind."""
    schrijf_atomisch_in_stukken(pad, (inhoud,))


def schrijf_atomisch_in_stukken(pad: str | os.PathLike, stukken: Iterable[str | bytes | Callable[[BinaryIO], None]]
                                ) -> None:
    """`schrijf_atomisch` for an output made piece by piece (a CSV of a million rows): each
    piece goes to the temporary file as it comes, so memory holds one piece, not the file;
    renamed into place only once the last piece is written. An error while making a piece
    leaves nothing behind either. A piece may also be a function that writes into the
    temporary file itself (binary, seekable: a workbook's zip)."""
    pad = Path(pad)
    try:
        pad.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
    except OSError as e:
        raise SchrijfFout(pad, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            for stuk in stukken:
                if callable(stuk):
                    stuk(f)
                else:
                    f.write(stuk.encode("utf-8") if isinstance(stuk, str) else stuk)
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
