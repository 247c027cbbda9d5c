"""Progress on stderr for long runs: a bar in a terminal."""

from __future__ import annotations

import sys


class Voortgang:
    """A progress bar on stderr for long runs in a terminal; silent otherwise."""

    def __init__(self, totaal: int, omschrijving: str):
        self.balk = None
        if sys.stderr.isatty() and totaal >= 50:
            from rich.progress import Progress
            self.balk = Progress(transient=True)
            self.taak = self.balk.add_task(omschrijving, total=totaal)

    def __enter__(self):
        if self.balk:
            self.balk.start()
        return self

    def __call__(self, n: int) -> None:
        if self.balk:
            self.balk.advance(self.taak, n)

    def __exit__(self, *exc):
        if self.balk:
            self.balk.stop()
