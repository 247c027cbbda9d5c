"""The comparison chart (issue 13, part 4): levels beside the paired differences, measures and rule
groups by their Dutch names, and the legend clear of every panel."""

from __future__ import annotations

import pytest

from simulatie.rapportage.namen import maat_naam, regel_naam
from simulatie.scenario import laad_scenario
from simulatie.vergelijking import vergelijk
from simulatie.vergelijking_grafiek import grafiek_png, maak_figuur


@pytest.fixture(scope="module")
def v():
    return vergelijk(laad_scenario("leusden-2023"), ["strikt", "flexibel"], 4, 11, attributie=True)


@pytest.fixture(scope="module")
def fig(v):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    f = maak_figuur(v)
    FigureCanvasAgg(f).draw()  # lays out the text, so the extents below are the drawn ones
    return f


def test_niveaus_naast_de_verschillen(v, fig):
    p = v.paren[0]
    niveau = next(ax for ax in fig.axes if ax.get_title(loc="left") == maat_naam("realisatie"))
    punten = sorted(round(float(line.get_xdata()[0]), 6) for line in niveau.get_lines())
    verwacht = sorted(round(per["maten"]["realisatie"][k], 6) for per in p["perioden"] for k in ("a", "b"))
    assert punten == verwacht  # every period's level under both policies, in persons
    kans = next(ax for ax in fig.axes if ax.get_title(loc="left").startswith(maat_naam("totaalopgave_gehaald")))
    assert max(float(line.get_xdata()[0]) for line in kans.get_lines()) <= 100.0  # in percent, not a fraction
    from simulatie.vergelijking_grafiek import _maten
    titels = [ax.get_title(loc="left") for ax in fig.axes]
    getekend = _maten(p)
    assert len(getekend) >= 3
    assert sum(t.startswith("gepaard verschil flexibel min strikt") for t in titels) == len(getekend)
    for m in getekend:  # each measure has its level panel, titled by its Dutch name
        assert any(t.startswith(maat_naam(m)[:40]) for t in titels), m


def test_nederlandse_namen_geen_codes(v, fig):
    teksten = [ax.get_title(loc="left") for ax in fig.axes]
    teksten += [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    teksten += [t.get_text() for t in fig.legends[0].get_texts()]
    assert not [t for t in teksten if "_" in t], teksten
    regels = fig.axes[-1]
    assert {t.get_text().replace("\n", " ") for t in regels.get_yticklabels()} == {
        regel_naam(r["regel"]) for r in v.attributie}


def test_legenda_vrij_van_elk_paneel(fig):
    renderer = fig.canvas.get_renderer()
    legenda = fig.legends[0].get_window_extent(renderer)
    for ax in fig.axes:
        assert not legenda.overlaps(ax.get_tightbbox(renderer)), ax.get_title(loc="left")
    assert {"strikt", "flexibel"} <= {t.get_text() for t in fig.legends[0].get_texts()}


def test_formaat_volgt_de_extensie(v):
    assert grafiek_png(v, "svg").lstrip().startswith(b"<?xml")
    assert grafiek_png(v, "pdf")[:5] == b"%PDF-"
