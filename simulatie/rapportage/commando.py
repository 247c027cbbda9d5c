"""The logic behind `huisvesting rapport` and `huisvesting prognose --rapport`; cli.py only
parses options. Files are written atomically."""

from __future__ import annotations

import datetime as dt
import json


def ibt_invoer(huidige_trede: int | None, ladder: str | None, ibt_historie: str | None,
               verschoonbaar: tuple[str, ...] | list[str] = ()) -> dict | None:
    """The IBT input from command-line options, checked; None without a current trede."""
    from matching.bestanden import InvoerFout
    from simulatie.ibt import LadderFout, lees_historie

    if huidige_trede is None:
        if ibt_historie or verschoonbaar:
            raise InvoerFout(None, "--ibt-historie en --verschoonbaar vragen ook --huidige-trede",
                             veld="--huidige-trede")
        return None
    lad = controleer_ladder(ladder)
    if huidige_trede > lad.treden:
        raise InvoerFout(None, f"trede {huidige_trede} bestaat niet in {lad.naam} (1-{lad.treden})",
                         veld="--huidige-trede")
    try:
        hist = lees_historie(ibt_historie)
    except LadderFout as e:
        raise InvoerFout(None, str(e), veld="--ibt-historie") from None
    return {"ladder": lad.sleutel, "huidige_trede": huidige_trede, "historie": hist,
            "verschoonbaar": {p: 1.0 for p in verschoonbaar}}


def controleer_ladder(naam: str | None):
    """The ladder preset, or a clear input error naming --ladder."""
    from matching.bestanden import InvoerFout
    from simulatie.ibt import LadderFout, ladder

    try:
        return ladder(naam)
    except LadderFout as e:
        raise InvoerFout(None, str(e), veld="--ladder") from None


def ibt_simuleer(res, invoer: dict | None, formaat: str, gemeente: str) -> tuple[dict, str]:
    """For `simuleer`: ({"ibt": outlook} for the JSON, a text block for the table); with csv the
    block goes to stderr. Nothing without a current trede."""
    import click

    from simulatie.ibt import als_tekst

    v = ibt_voor_resultaat(res, invoer)
    if not v:
        return {}, ""
    if formaat in ("csv", "xlsx"):
        click.echo(als_tekst(v, gemeente), err=True, nl=False)
    return {"ibt": v}, (als_tekst(v, gemeente) if formaat == "tabel" else "")


def prognose_rapport(res, rapport: str | None, ladder: str | None, gemaakt: dt.date | None) -> None:
    """For `prognose --rapport`: write the province's HTML when asked."""
    import click

    if rapport:
        click.echo(f"geschreven: {provincie_rapport(res, rapport, ladder, gemaakt)}", err=True)


def ibt_voor_resultaat(res, invoer: dict | None) -> dict | None:
    """The outlook for one simulation result (per replication), or None."""
    if not invoer:
        return None
    from simulatie.ibt import ladder, per_replicatie, vooruitzicht
    from simulatie.replicaties import samenvatting

    lad = ladder(invoer["ladder"])
    return vooruitzicht(lad, invoer["huidige_trede"], samenvatting(res)["perioden"], invoer.get("historie"),
                        per_replicatie(res, lad.drempel), invoer.get("verschoonbaar", 0.0))


def rapport_commando(scenario: str | None, beleiden: list[str], replicaties: int | None, seed: int | None,
                     workers: int | None, dask: str | None, ibt: dict | None, uitvoer: str | None,
                     zet: dict | None = None, voortgang=None, gemaakt: dt.date | None = None) -> str:
    """Simulate (one policy) or compare (two or more, paired, with what each rule adds), write the
    report; returns the path written. `voortgang(totaal, omschrijving)` gives a context manager."""
    from contextlib import nullcontext

    from matching.bestanden import schrijf_atomisch
    from simulatie.replicaties import simuleer
    from simulatie.scenario import laad_scenario
    from simulatie.uitvoerder import maak_uitvoerder

    from .html import rapport_uit_resultaten

    g = laad_scenario(scenario, zet=zet or None)
    namen = list(dict.fromkeys(beleiden)) or [g.sc.beleid]
    from opdrachten.gemeen import horizonjaren, meld_aftopping
    meld_aftopping([g.beleid(n) for n in namen], horizonjaren(g.sc))
    hoofd = g.beleid(g.sc.beleid).naam if g.sc.beleid in namen else g.beleid(namen[0]).naam
    n = replicaties or g.sc.replicaties
    uitvoerder = maak_uitvoerder(workers, dask)
    v = None
    if len(namen) >= 2:
        from simulatie.vergelijking import aantal_runs, vergelijk
        runs = aantal_runs(g, namen)
        with (voortgang(n * runs, f"{g.sc.naam}: {' / '.join(namen)}", f"{n} replicaties x {runs} runs")
              if voortgang else nullcontext()) as vg:
            v = vergelijk(g, namen, n, seed, uitvoerder, True, vg, curven=True)
        resultaten = v.resultaten
    else:
        with (voortgang(n, f"{g.sc.naam}, beleid {namen[0]}", f"{n} replicaties x 1 beleid")
              if voortgang else nullcontext()) as vg:
            resultaten = [simuleer(g, g.beleid(namen[0]), n, seed, uitvoerder, vg, bewaar=False, curven=True)]
    html, _ = rapport_uit_resultaten(g, resultaten, v, ibt, gemaakt=gemaakt, hoofdbeleid=hoofd)
    pad = uitvoer or f"rapport-{g.sc.naam}.html"
    schrijf_atomisch(pad, html)
    return pad


def provincie_rapport(res, pad: str, ladder: str | None = None, gemaakt: dt.date | None = None) -> str:
    """The province's HTML version of a prognose result (`ProvincieResultaat`), written atomically."""
    from matching.bestanden import schrijf_atomisch
    from simulatie.provincie import als_json

    from .html import provincie_html

    schrijf_atomisch(pad, provincie_html(json.loads(als_json(res)), ladder, gemaakt=gemaakt))
    return pad
