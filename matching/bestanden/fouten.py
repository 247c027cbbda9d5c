"""Errors in input: `InvoerFout` (one line naming file, row and field), `InvoerFouten`, and the `Fouten` collector.

On the normal path a loader raises the first problem at once; under `huisvesting controleer`
it collects every problem and raises them together as `InvoerFouten`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .grenzen import grenzen


# A hyphen (ASCII or the Unicode ones Excel puts in) that ends a line of a header: the word goes on.
_AFBREKING = re.compile(r"(?<=\S)([-\u2010\u2011\u2012\u2013\u2014\u2212])[ \t]*\r?\n\s*")


def veld_op_een_regel(veld: str) -> str:
    """A header with line breaks on one line, as in the file: 'Realisatie 2022‐\\n2 tot …' ->
    'Realisatie 2022‐2 tot …' (a hyphen at a line break joins, other breaks become a space)."""
    return " ".join(_AFBREKING.sub(r"\1", veld).split())


class InvoerFout(ValueError):
    """Bad input: names file (and the sheet of a workbook), row (or TOML line) and field, in one line."""

    def __init__(self, bestand: str | os.PathLike | None, melding: str, rij: int | None = None,
                 veld: str | None = None, regel: int | None = None, blad: str | None = None):
        self.bestand = str(bestand) if bestand is not None else None
        self.blad = blad
        self.rij = rij
        self.veld = veld
        self.melding = melding
        self.regel = regel
        super().__init__(str(self))

    def __str__(self) -> str:
        delen = []
        if self.bestand:
            delen.append(Path(self.bestand).name)
        if self.blad is not None:
            delen.append(f"werkblad '{self.blad}'")
        if self.rij is not None:
            delen.append(f"rij {self.rij}")
        if self.regel is not None:
            delen.append(f"regel {self.regel}")
        if self.veld:
            delen.append(f"veld '{veld_op_een_regel(self.veld)}'")
        plaats = ", ".join(delen)
        melding = " ".join(self.melding.splitlines())
        return f"{plaats}: {melding}" if plaats else melding


class SchrijfFout(OSError):
    """An output could not be written (disk full, no permission): nothing was changed."""

    def __init__(self, pad: str | os.PathLike, oorzaak: OSError):
        import errno
        wat = {errno.ENOSPC: "schijf vol", errno.EDQUOT: "schijfquotum vol", errno.EACCES: "geen schrijfrecht",
               errno.EROFS: "alleen-lezen bestandssysteem"}.get(oorzaak.errno, oorzaak.strerror or str(oorzaak))
        self.pad = str(pad)
        super().__init__(oorzaak.errno, f"kan {Path(pad).name} niet schrijven ({wat}); niets geschreven, een "
                                        "bestaand bestand is ongewijzigd")

    def __str__(self) -> str:
        return self.strerror


class InvoerFouten(ValueError):
    """Several problems in one go (used by `controleer`)."""

    def __init__(self, fouten: list[InvoerFout]):
        self.fouten = fouten
        super().__init__("\n".join(str(f) for f in fouten))


MISLUKT = object()  # what `Fouten.probeer` returns for a value that could not be read


class Fouten:
    """Problems found while reading one input.

    `verzamel=False` (every command that runs something) raises the first problem at once;
    `verzamel=True` (`huisvesting controleer`) records it and carries on, and `klaar()` raises
    all of them as one `InvoerFouten`. Beyond `maximum` problems only the count is kept.
    """

    def __init__(self, verzamel: bool = False, maximum: int | None = None):
        self.verzamel = verzamel
        self.maximum = maximum
        self.lijst: list[InvoerFout] = []
        self.aantal = 0
        self.bladen: dict[str, str] = {}  # file -> the sheet its table was read from (named in every problem)

    def meld(self, fout: InvoerFout | InvoerFouten) -> None:
        if isinstance(fout, InvoerFouten):
            for f in fout.fouten:
                self.meld(f)
            return
        if fout.blad is None and fout.bestand in self.bladen:
            fout.blad = self.bladen[fout.bestand]
            fout.args = (str(fout),)
        if not self.verzamel:
            raise fout
        self.aantal += 1
        grens = self.maximum if self.maximum is not None else _grens("max_getoonde_fouten", 200)
        if len(self.lijst) < grens:
            self.lijst.append(fout)

    def probeer(self, functie, *args, **kwargs):
        """functie(*args, **kwargs), or MISLUKT after recording the problem it raised."""
        try:
            return functie(*args, **kwargs)
        except (InvoerFout, InvoerFouten) as f:
            self.meld(f)
            return MISLUKT

    def __len__(self) -> int:
        return self.aantal

    def klaar(self) -> None:
        if not self.aantal:
            return
        # Whole-file and column problems first, then row by row (fields in column order).
        volgorde = {b: i for i, b in reversed(list(enumerate(f.bestand for f in self.lijst)))}
        lijst = sorted(self.lijst, key=lambda f: (volgorde[f.bestand], f.rij if f.rij is not None else 0))
        if self.aantal > len(lijst):
            lijst.append(InvoerFout(lijst[-1].bestand, f"en nog {self.aantal - len(lijst)} problemen "
                                                       f"(de eerste {len(lijst)} staan hierboven)"))
        raise InvoerFouten(lijst)


def _grens(naam: str, standaard: int) -> int:
    try:
        return int(grenzen()[naam])
    except (KeyError, FileNotFoundError):
        return standaard


def kort(tekst: str, n: int = 40) -> str:
    """A value quoted in a message, cut short so a stray paragraph does not flood the screen."""
    tekst = str(tekst)
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"
