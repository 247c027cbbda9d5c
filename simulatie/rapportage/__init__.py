"""Rapportage: the self-contained HTML report for the college and the raad (`huisvesting
rapport`), the province's version (`huisvesting prognose --rapport`), and their SVG charts.

Everything here takes plain data: the summary dict of `samenvatting(res)`, the comparison
dict (`vergelijking_rapport.als_dict`), the province's prognose JSON, the IBT outlook
(`simulatie.ibt.vooruitzicht`) and the scenario object for its assumptions. Project modules
are imported inside functions, so a module that moves only changes an import line. The
package itself imports nothing heavy: cli.py loads `opdracht` (click options) at start-up.
"""

_NAMEN = {"provincie_html": "html", "rapport_html": "html", "rapport_uit_resultaten": "html",
          "MATEN": "namen", "REGELGROEPEN": "namen", "maat_naam": "namen", "regel_naam": "namen",
          "WACHTREDENEN": "namen", "wachtreden_naam": "namen"}


def __getattr__(naam: str):
    if naam in _NAMEN:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_NAMEN[naam]}"), naam)
    raise AttributeError(naam)
