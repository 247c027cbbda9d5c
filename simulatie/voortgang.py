"""Progress on stderr for long runs, never silent: a bar in a terminal; when stderr is piped or
redirected (a scheduler, a log file), plain lines: a start line with the work to do, an estimate
after the first chunk, and a line at each 10%."""

from __future__ import annotations

import sys
import time


def _duur(seconden: float) -> str:
    seconden = max(0, round(seconden))
    if seconden < 60:
        return f"{seconden} s"
    minuten, s = divmod(seconden, 60)
    if minuten < 60:
        return f"{minuten} min {s:02d} s"
    uren, m = divmod(minuten, 60)
    return f"{uren} u {m:02d} min"


class Voortgang:
    """`with Voortgang(totaal, omschrijving, werk) as v: ... v(n)` for every n units done.
    `werk` says what the units are ("1000 replicaties x 18 runs"); runs under `minimaal`
    units stay quiet (they are over before anyone wonders)."""

    def __init__(self, totaal: int, omschrijving: str, werk: str | None = None, minimaal: int = 50):
        self.balk = None
        self.regels = False
        self.totaal, self.gedaan, self.omschrijving = totaal, 0, omschrijving
        self.werk = werk or f"{totaal} runs"
        if totaal < minimaal:
            return
        if sys.stderr.isatty():
            from rich.progress import Progress
            self.balk = Progress(transient=True)
            self.taak = self.balk.add_task(omschrijving, total=totaal)
        else:
            self.regels = True

    def _regel(self, tekst: str) -> None:
        print(f"voortgang: {tekst}", file=sys.stderr, flush=True)

    def __enter__(self):
        self.start = time.monotonic()
        if self.balk:
            self.balk.start()
        elif self.regels:
            self._regel(f"{self.omschrijving}: {self.werk} te doen")
        return self

    def __call__(self, n: int) -> None:
        if self.balk:
            self.balk.advance(self.taak, n)
            return
        if not self.regels or n <= 0:
            return
        voor, self.gedaan = self.gedaan, min(self.gedaan + n, self.totaal)
        verstreken = time.monotonic() - self.start
        rest = verstreken / self.gedaan * (self.totaal - self.gedaan)
        if voor == 0:
            # The first replication also pays for loading the solvers: from a small first chunk,
            # an estimate would be far too high, so it waits for the first 10%.
            schatting = f"geschat nog {_duur(rest)}" if self.gedaan * 20 >= self.totaal else "schatting bij 10%"
            self._regel(f"eerste deel klaar na {_duur(verstreken)}; {schatting}")
        tiende = self.gedaan * 10 // self.totaal
        if tiende > voor * 10 // self.totaal:  # one line, also when a chunk passes several tenths
            self._regel(f"{tiende * 10}% ({self.gedaan} van {self.totaal}), "
                        + ("klaar" if self.gedaan >= self.totaal else f"geschat nog {_duur(rest)}")
                        + f" (na {_duur(verstreken)})")

    def __exit__(self, *exc):
        if self.balk:
            self.balk.stop()
