"""The bundled scenario leusden-2026 uses the rules of 2024-2026 where they apply, and runs."""

from simulatie.model import simuleer_replicatie
from simulatie.replicaties import maak_invoer
from simulatie.scenario import gedateerde_delen, laad_scenario, vind_scenario


def test_leusden_2026_laadt_met_de_regels_van_2024_2026():
    g = laad_scenario("leusden-2026")
    sc = g.sc
    assert [p.naam for p in sc.periode] == ["2026-1", "2026-2"] and sc.plan.taakstelling == 46
    assert sc.doorstroomlocatie is not None and sc.voorrangsverbod is not None and sc.grote_gezinnen is not None
    assert any(o.grote_gezinnen for o in sc.oplevering)
    assert not sc.vraag.visum_na_passende_woning and sc.taakstelling.afgeschaft_vanaf is None
    # Start list dwellings free on or after the start unless vacant ('vrij').
    assert all(w.soort == "vrij" or w.beschikbaar >= sc.startdatum for w in g.woningen)
    # The dated parts fit in the supply before and after the verbod.
    grens = sc.voorrangsverbod.vanaf
    assert gedateerde_delen(sc, g.woningen, tot=grens) <= 30 * 181 / 365
    assert gedateerde_delen(sc, g.woningen, van=grens) <= sc.voorrangsverbod.niveau(sc.aanbod) * 184 / 365
    tekst = vind_scenario("leusden-2026").read_text(encoding="utf-8")
    assert "aanname" in tekst and "[publiek]" in tekst and "[seed]" in tekst


def test_leusden_2026_draait():
    g = laad_scenario("leusden-2026")
    u = simuleer_replicatie(maak_invoer(g), g.beleid(), 0)
    assert len(u.realisatie) == 2 and u.per_bron.get("doorstroom", 0) > 0
    assert sum(u.realisatie) == sum(u.per_bron.values())
