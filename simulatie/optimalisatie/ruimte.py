"""Zoekruimte: which rules of a policy may vary, with which choices, and what each means in words.

A rule is a group of policy parameters (like `[regelgroepen]` in matching/beleid.toml) with a
list of choices; a choice sets those parameters and says in Dutch what it means. A candidate
policy is one choice per rule on top of the basis policy (`basis = "strikt"`, derived with
`Beleid.met` as `vergelijk`'s attribution does). The default space is `ruimte.toml` here.
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from matching.beleid import Beleid, kernen_van
from matching.bestanden import InvoerFout

from .maten import MATEN


@dataclass(frozen=True)
class Keuze:
    waarden: dict          # policy parameter -> value (kernen as "hoofdkern"/"alle" or names)
    tekst: str


@dataclass(frozen=True)
class Regel:
    naam: str
    keuzes: tuple[Keuze, ...]


@dataclass(frozen=True)
class Ruimte:
    basis: str
    doelen: tuple[str, ...]
    regels: tuple[Regel, ...]
    bron: str

    @property
    def grootte(self) -> int:
        n = 1
        for r in self.regels:
            n *= len(r.keuzes)
        return n

    def rooster(self) -> list[tuple[int, ...]]:
        """Every candidate as a tuple of choice indices, in a fixed order."""
        return list(itertools.product(*(range(len(r.keuzes)) for r in self.regels)))

    def parameters(self, keuze: tuple[int, ...]) -> dict:
        uit: dict = {}
        for r, i in zip(self.regels, keuze):
            uit.update(r.keuzes[i].waarden)
        return uit

    def in_woorden(self, keuze: tuple[int, ...]) -> list[str]:
        return [r.keuzes[i].tekst for r, i in zip(self.regels, keuze)]

    def beleid(self, basis: Beleid, keuze: tuple[int, ...], kernen: tuple[str, ...], naam: str) -> Beleid:
        """The candidate policy (raises InvoerFout when its parameters do not validate)."""
        p = self.parameters(keuze)
        if "kernen" in p:
            p["kernen"] = tuple(kernen_van(p["kernen"], kernen))
        if "soorten" in p:
            p["soorten"] = tuple(p["soorten"])
        return basis.met(naam=naam, **p)

    def keuze_van(self, b: Beleid, kernen: tuple[str, ...]) -> tuple[int | None, ...]:
        """Where a given policy (strikt, flexibel) lies in the space: per rule the index of the
        choice it matches, None where it matches none."""
        uit = []
        for r in self.regels:
            gevonden = None
            for i, k in enumerate(r.keuzes):
                if all(_gelijk(getattr(b, p), v, kernen) for p, v in k.waarden.items()):
                    gevonden = i
                    break
            uit.append(gevonden)
        return tuple(uit)


def _gelijk(waarde, keuze, kernen) -> bool:
    if isinstance(waarde, tuple):
        return tuple(kernen_van(keuze, kernen)) == waarde if isinstance(keuze, str) else tuple(keuze) == waarde
    return waarde == keuze


def laad_ruimte(pad: str | Path | None = None, basis_beleid=None, kernen: tuple[str, ...] = ()) -> Ruimte:
    """The space from `pad` (default: the shipped ruimte.toml). `basis_beleid(naam)` returns a
    policy by name, so every choice is checked against the policy rules (and the scenario's
    `kernen`) at load time."""
    if pad is None:
        bron, tekst = "ruimte.toml", resources.files("simulatie.optimalisatie").joinpath("ruimte.toml").read_text("utf-8")
    else:
        bron = str(pad)
        try:
            tekst = Path(pad).read_text(encoding="utf-8")
        except OSError as e:
            raise InvoerFout(bron, f"kan de zoekruimte niet lezen ({e.strerror})") from None
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        from simulatie.scenario.meldingen import _toml_fout
        raise _toml_fout(e, bron, tekst) from None
    onbekend = set(data) - {"basis", "doelen", "regel"}
    if onbekend:
        raise InvoerFout(bron, f"onbekende sleutel '{sorted(onbekend)[0]}' (bekend: basis, doelen, regel)")
    doelen = tuple(data.get("doelen", ()))
    if not doelen:
        raise InvoerFout(bron, "doelen: noem minstens één maat", veld="doelen")
    for d in doelen:
        if d not in MATEN:
            raise InvoerFout(bron, f"onbekende maat '{d}' (bekend: {', '.join(MATEN)})", veld="doelen")
    regels = tuple(_regel(r, i, bron) for i, r in enumerate(data.get("regel", []), 1))
    if not regels:
        raise InvoerFout(bron, "geen [[regel]]: de ruimte moet minstens één regel laten variëren", veld="regel")
    ruimte = Ruimte(str(data.get("basis", "strikt")), doelen, regels, bron)
    if basis_beleid is not None:
        b = basis_beleid(ruimte.basis)
        for r in regels:
            for k in r.keuzes:
                try:
                    ruimte.beleid(b, tuple(r.keuzes.index(k) if x is r else 0 for x in regels), kernen, "controle")
                except InvoerFout as f:
                    raise InvoerFout(bron, f"regel '{r.naam}', keuze '{k.tekst}': {f.melding}", veld=f.veld) from None
    return ruimte


def _regel(r: dict, nr: int, bron: str) -> Regel:
    naam = r.get("naam") or f"regel {nr}"
    if "keuzes" in r:
        keuzes = []
        for k in r["keuzes"]:
            if not isinstance(k, dict) or not isinstance(k.get("waarden"), dict) or not k["waarden"] or "tekst" not in k:
                raise InvoerFout(bron, f"regel '{naam}': elke keuze heeft waarden = {{...}} en tekst", veld="keuzes")
            keuzes.append(Keuze(dict(k["waarden"]), str(k["tekst"])))
    elif {"parameter", "van", "tot"} <= set(r):
        van, tot = r["van"], r["tot"]
        if not (isinstance(van, int) and isinstance(tot, int)) or van > tot:
            raise InvoerFout(bron, f"regel '{naam}': van en tot zijn gehele getallen met van <= tot", veld="van")
        tekst = str(r.get("tekst", r["parameter"] + " = {}"))
        keuzes = [Keuze({r["parameter"]: v}, tekst.format(v)) for v in range(van, tot + 1)]
    else:
        raise InvoerFout(bron, f"regel '{naam}': geef keuzes, of parameter met van en tot", veld="regel")
    if len(keuzes) < 1:
        raise InvoerFout(bron, f"regel '{naam}': geen keuzes", veld="keuzes")
    return Regel(naam, tuple(keuzes))
