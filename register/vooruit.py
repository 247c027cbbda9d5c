"""`simuleer --register DB --peildatum D`: the forecast from the register's state.

The register's scenario is written anew for a start on the peildatum: its periods from the one
holding the peildatum, the stand at that period's start and the realisatie so far in it from the
register (the simulation adds to it, as for any re-forecast in the middle of a period), the
waitlist and the dwellings known to the register as its files. Reserved dwellings (offer open or
accepted, keys on or after the peildatum) go in with their household and the expected key date,
so the rounds place them again. Left out, because the simulation cannot tell them apart: a
household waiting for vervolghuisvesting (its move would count again) and households linked after
the peildatum (the simulation draws its own koppelingen).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import tomllib
from contextlib import contextmanager
from pathlib import Path

from matching.bestanden import InvoerFout
from matching.huishoudens import schrijf_kinderen
from simulatie.scenario.zet import toml_sleutel, toml_waarde

from .stand import bereken_stand

_JANEE = {True: "ja", False: "nee"}


def _schrijf_huishoudens(pad: Path, huishoudens) -> None:
    with open(pad, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "koppeldatum", "volwassenen", "kinderen", "nareizigers", "nareizigers_verwacht",
                    "voorkeur_kern", "toegankelijk", "verblijf"])
        for h in huishoudens:
            w.writerow([h.id, h.koppeldatum.isoformat(), h.volwassenen, schrijf_kinderen(h.kinderen), h.nareizigers,
                        h.nareizigers_verwacht.isoformat() if h.nareizigers_verwacht else "", h.voorkeur_kern or "",
                        _JANEE[h.toegankelijk], h.verblijf])


def _schrijf_woningen(pad: Path, woningen) -> None:
    with open(pad, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kern", "slaapkamers", "oppervlakte", "huur", "beschikbaar", "soort", "toegankelijk"])
        for x, beschikbaar in woningen:
            w.writerow([x.id, x.kern, x.slaapkamers, "" if x.oppervlakte is None else x.oppervlakte, f"{x.huur:.2f}",
                        beschikbaar.isoformat(), x.soort, _JANEE[x.toegankelijk]])


def startstand(staat, sc, peildatum: dt.date) -> tuple[list, list, int, int, list[str]]:
    """(households, (dwelling, available from) pairs, stand at the start of the peildatum's period,
    realisatie in that period before the peildatum, names of the periods kept)."""
    st = bereken_stand(staat, sc, peildatum)
    perioden = [p for p in st.perioden if p.eind > peildatum]
    if peildatum < sc.startdatum or not perioden:
        raise InvoerFout(None, f"peildatum {peildatum.isoformat()} valt buiten de perioden van het register "
                               f"({sc.startdatum.isoformat()} tot {sc.periode[-1].eind.isoformat()})",
                         veld="--peildatum")
    eerste = perioden[0]
    huishoudens = [h for h in staat.wachtlijst(peildatum) if not staat.huishoudens[h.id].vervolg]
    woningen = [(w, max(w.beschikbaar, peildatum)) for w in staat.vrije_woningen()]
    for r in st.pijplijn:
        s = staat.huishoudens[r.huishouden]
        huishoudens.append(s.samenstelling)
        woningen.append((staat.woningen[r.woning], max(r.sleuteldatum, peildatum)))
    huishoudens.sort(key=lambda h: h.id)
    woningen.sort(key=lambda x: x[0].id)
    return huishoudens, woningen, eerste.stand_start, eerste.realisatie, [p.naam for p in perioden]


def _toml(ruw: dict) -> str:
    return "".join(f"{toml_sleutel(k)} = {toml_waarde(v)}\n" for k, v in ruw.items())


def schrijf_scenario(db: str, peildatum: dt.date, map_: Path) -> Path:
    """Write the register's scenario for a start on `peildatum` into `map_` (TOML and its two files)."""
    from .openen import open_met_scenario, staat_van

    reg, g = open_met_scenario(db)
    staat = staat_van(reg)
    reg.sluit()
    huishoudens, woningen, stand, realisatie, namen = startstand(staat, g.sc, peildatum)
    ruw = tomllib.loads(g.pad.read_text(encoding="utf-8"))
    ruw["naam"] = f"{g.sc.naam}-register-{peildatum.isoformat()}"
    ruw["startdatum"] = peildatum
    ruw["stand_start"] = stand
    if ruw.get("einddatum") and ruw["einddatum"] <= peildatum:
        ruw.pop("einddatum")
    perioden = [dict(p) for p in ruw["periode"] if p["naam"] in namen]
    for p in perioden:
        p.pop("realisatie", None)
    perioden[0]["realisatie"] = realisatie
    ruw["periode"] = perioden
    ruw.pop("huishoudens", None)
    ruw.pop("woningen", None)
    if huishoudens:
        _schrijf_huishoudens(map_ / f"{ruw['naam']}-huishoudens.csv", huishoudens)
        ruw["huishoudens"] = f"{ruw['naam']}-huishoudens.csv"
    if woningen:
        _schrijf_woningen(map_ / f"{ruw['naam']}-woningen.csv", woningen)
        ruw["woningen"] = f"{ruw['naam']}-woningen.csv"
    pad = map_ / f"{ruw['naam']}.toml"
    pad.write_text(_toml(ruw), encoding="utf-8")
    return pad


@contextmanager
def scenario_uit_register(db: str, peildatum: dt.date):
    """The register's scenario for a start on `peildatum`, in a directory removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="huisvesting-register-") as map_:
        yield schrijf_scenario(db, peildatum, Path(map_))


@contextmanager
def scenarios_met_registers(registers: str, scenarios: str | None, peildatum: dt.date):
    """`prognose --registers MAP`: one scenario per register (*.db) in MAP, next to the scenarios of
    --scenarios (copied with their files named by full path), in one directory for `prognose`."""
    bestanden = sorted(Path(registers).glob("*.db"))
    if not Path(registers).is_dir() or not bestanden:
        raise InvoerFout(registers, "geen map met registers (*.db)", veld="--registers")
    with tempfile.TemporaryDirectory(prefix="huisvesting-registers-") as map_:
        map_ = Path(map_)
        for pad in sorted(Path(scenarios).glob("*.toml")) if scenarios else []:
            try:
                ruw = tomllib.loads(pad.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                (map_ / pad.name).write_bytes(pad.read_bytes())  # prognose reports it as usual
                continue
            for sleutel in ("huishoudens", "woningen"):
                if isinstance(ruw.get(sleutel), str):
                    ruw[sleutel] = str((pad.parent / ruw[sleutel]).resolve())
            ruw.setdefault("naam", pad.stem)
            (map_ / pad.name).write_text(_toml(ruw), encoding="utf-8")
        for db in bestanden:
            schrijf_scenario(str(db), peildatum, map_)
        yield map_
