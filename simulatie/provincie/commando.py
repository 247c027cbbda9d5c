"""The logic behind `huisvesting prognose`: read, compute, write; the only part that touches files,
always through `schrijf_atomisch`.
"""

from __future__ import annotations

from matching.bestanden import InvoerFout, lees_datum, schrijf_atomisch
from matching.bestanden.csv_nl import als_bestand
from simulatie.uitvoerder import LokaleProcessen, Serieel
from simulatie.voortgang import Voortgang

from .grafiek import schrijf_grafieken
from .lezen import lees_provincietabel
from .prognose import bereken_prognoses
from .uitvoer import als_csv, als_json, als_tabel, als_xlsx
from .vooruitzicht import met_ibt


# ---------------------------------------------------------------- the command

def prognose_commando(tabel: str, peildatum: str, scenarios: str | None, replicaties: int, seed: int,
                      formaat: str, uitvoer: str | None, grafiek: str | None, dask: str | None,
                      workers: int | None, csv_stijl: str = "nl", ladder: str | None = None,
                      zet: dict[str, object] | None = None):
    """`huisvesting prognose`: read, forecast through the uitvoerder, write atomically; returns
    the result (for `--rapport`). `zet`: --zet overrides for every scenario from `scenarios`."""
    import click

    from simulatie.uitvoerder import maak_uitvoerder

    if grafiek:
        from matching.extras import vereis
        vereis("grafieken")
    if formaat == "xlsx" and not uitvoer:
        raise InvoerFout(None, "--format xlsx schrijft een werkmap: geef --uitvoer PAD.xlsx", veld="--uitvoer")
    datum = lees_datum(peildatum, None, None, "--peildatum")
    provincietabel = lees_provincietabel(tabel, datum)
    uitvoerder = maak_uitvoerder(workers, dask)
    click.echo(f"{len(provincietabel.gemeenten)} gemeenten, periode {provincietabel.periode.naam}; "
               f"uitvoerder: {uitvoerder.naam}", err=True)
    t = provincietabel
    aantal = sum(1 for r in t.gemeenten if r.heeft_cijfers) + int(
        t.totaal is not None and not t.totaal_berekend and t.totaal.heeft_cijfers)
    with Voortgang(aantal * replicaties, f"prognose {t.periode.naam}",
                   f"{aantal} rijen met cijfers x {replicaties} replicaties") as vg:
        res = bereken_prognoses(t, replicaties, seed, uitvoerder, scenarios, voortgang=lambda k: vg(k * replicaties),
                                zet=zet)
    met_ibt(res, ladder)  # P(each trede) after this period, where the table gives the trede
    if formaat == "xlsx":
        schrijf_atomisch(uitvoer, als_xlsx(res))
    else:
        tekst = {"tabel": als_tabel, "csv": lambda r: als_csv(r, csv_stijl), "json": als_json}[formaat](res)
        if uitvoer:
            schrijf_atomisch(uitvoer, als_bestand(tekst, csv_stijl) if formaat == "csv" else tekst)
        else:
            click.echo(tekst, nl=False)
    if uitvoer:
        click.echo(f"geschreven: {uitvoer}", err=True)
    if grafiek:
        # plots are local files: a local process pool, also when the forecast ran on Dask
        paden = schrijf_grafieken(res, grafiek, LokaleProcessen(workers) if (workers or 2) > 1 else Serieel())
        click.echo(f"geschreven: {len(paden)} grafieken in {grafiek}", err=True)
    if formaat != "tabel":
        for m in res.meldingen:
            click.echo(f"let op: {m}", err=True)
    return res
