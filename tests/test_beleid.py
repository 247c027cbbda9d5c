"""Policies are data: presets load, scenarios override and chain them, mistakes get a clear
error with a suggestion."""

import pytest

from matching import InvoerFout, bekende_beleiden, laad_beleid


def test_presets_laden_met_de_praktijk_uit_de_seed():
    strikt, flexibel = laad_beleid("strikt"), laad_beleid("flexibel")
    assert (strikt.naam, flexibel.naam) == ("strikt", "flexibel")
    # Old practice: fitting, vacant only, no Achterveld, no sharing with a parent.
    assert strikt.kernen == ("Leusden",) and strikt.soorten == ("vrij",) and strikt.vooruit_maanden == 0
    assert strikt.kinderen_per_kamer == 2 and not strikt.ouder_deelt_met_kind and strikt.nareizigers == "nu"
    # New practice: reservations, children share more, single parent with a child, Achterveld.
    assert set(flexibel.kernen) == {"Leusden", "Achterveld"}
    assert set(flexibel.soorten) == {"vrij", "gereserveerd", "nieuwbouw", "renovatie", "opzegging"}
    assert flexibel.vooruit_maanden > 0 and flexibel.kinderen_per_kamer > strikt.kinderen_per_kamer
    assert flexibel.ouder_deelt_met_kind and flexibel.gemengd_tot_leeftijd == 12
    # flexibel inherits what it does not set from strikt (basis = "strikt").
    assert flexibel.passend_toewijzen == strikt.passend_toewijzen
    assert flexibel.regels == strikt.regels
    assert {"strikt", "flexibel"} <= set(bekende_beleiden())


def test_aftoppingsgrenzen_2023_2025():
    b = laad_beleid("strikt")
    assert (b.aftoppingsgrens(2023).laag, b.aftoppingsgrens(2023).hoog) == (647.19, 693.60)
    assert (b.aftoppingsgrens(2024).laag, b.aftoppingsgrens(2024).hoog) == (650.43, 697.07)
    assert (b.aftoppingsgrens(2025).laag, b.aftoppingsgrens(2025).hoog) == (682.96, 731.93)
    assert b.aftoppingsgrens(2030) == b.aftoppingsgrens(2025)


def test_geleende_aftoppingsgrenzen_worden_gemeld():
    """A year the table lacks borrows another's limits: said, once per year, with the year and the
    amounts used; nothing for known years or without passend toewijzen."""
    b = laad_beleid("strikt")
    assert b.aftopping_geleend([2023, 2024, 2025]) == []
    m = b.aftopping_geleend([2026, 2025, 2026, 2021])
    assert len(m) == 2
    assert m[0].startswith("aftoppingsgrenzen 2021 onbekend") and "die van 2022" in m[0] and "633,25" in m[0]
    assert m[1].startswith("aftoppingsgrenzen 2026 onbekend") and "die van 2025" in m[1]
    assert "682,96" in m[1] and "731,93" in m[1] and "[aftoppingsgrenzen.2026]" in m[1]
    assert laad_beleid("strikt", {"strikt": {"passend_toewijzen": False}}).aftopping_geleend([2026]) == []
    eigen = laad_beleid("strikt", {"strikt": {"aftoppingsgrenzen": {"2026": {"laag": 700.0, "hoog": 750.0}}}})
    assert eigen.aftopping_geleend([2026]) == []


def test_scenario_overschrijft_een_sleutel():
    b = laad_beleid("flexibel", {"flexibel": {"vooruit_maanden": 3, "kernen": ["Leusden"]}})
    assert b.vooruit_maanden == 3 and b.kernen == ("Leusden",)
    assert b.kinderen_per_kamer == laad_beleid("flexibel").kinderen_per_kamer  # the rest stays
    assert laad_beleid("flexibel").vooruit_maanden == 6  # the preset itself is untouched


def test_scenario_overschrijft_genest_doel():
    b = laad_beleid("strikt", {"strikt": {"doel": {"lexicografisch": False}}})
    assert b.doel.lexicografisch is False
    assert b.doel.volgorde == laad_beleid("strikt").doel.volgorde  # merged, not replaced


def test_basis_ketens():
    eigen = {
        "ruim": {"basis": "flexibel", "max_extra_slaapkamers": 2},
        "ruimer": {"basis": "ruim", "passend_toewijzen": False},
    }
    b = laad_beleid("ruimer", eigen)
    assert b.naam == "ruimer"
    assert b.max_extra_slaapkamers == 2            # from ruim
    assert b.passend_toewijzen is False            # own
    assert b.kernen == ("Leusden", "Achterveld")   # from flexibel
    assert b.studio_voor_alleenstaande is True     # from strikt, three links up
    assert set(bekende_beleiden(eigen)) >= {"strikt", "flexibel", "ruim", "ruimer"}


def test_basis_kring_is_een_fout():
    with pytest.raises(InvoerFout, match="naar zichzelf"):
        laad_beleid("a", {"a": {"basis": "b"}, "b": {"basis": "a"}})


@pytest.mark.parametrize("fout,tip", [
    ({"kinderen_per_kmer": 2}, "kinderen_per_kamer"),
    ({"vooruit_maand": 2}, "vooruit_maanden"),
    ({"doel": {"volgordee": ["personen"]}}, "volgorde"),
])
def test_verkeerd_gespelde_sleutel_krijgt_suggestie(fout, tip):
    with pytest.raises(InvoerFout) as e:
        laad_beleid("eigen", {"eigen": {"basis": "strikt", **fout}})
    assert f"bedoelt u '{tip}'?" in str(e.value)
    assert "\n" not in str(e.value)


def test_onbekend_beleid_noemt_de_bekende():
    with pytest.raises(InvoerFout) as e:
        laad_beleid("flexibl")
    tekst = str(e.value)
    assert "onbekend beleid 'flexibl'" in tekst and "bedoelt u 'flexibel'?" in tekst
    assert "strikt" in tekst and "flexibel" in tekst
    with pytest.raises(InvoerFout, match="eigen"):
        laad_beleid("nergens", {"eigen": {"basis": "strikt"}})  # scenario policies are listed too


@pytest.mark.parametrize("fout", [
    {"kinderen_per_kamer": 0},
    {"nareizigers": "later"},
    {"soorten": ["vrij", "kraakpand"]},
    {"regels": ["kern_niet_toegestaan"]},              # every rule needs a place in the order
    {"doel": {"gewichten": {"personen": -1}}},
])
def test_ongeldige_waarde_is_invoerfout(fout):
    with pytest.raises(InvoerFout):
        laad_beleid("strikt", {"strikt": fout})


def test_met_maakt_gevalideerde_kopie():
    b = laad_beleid("strikt")
    c = b.met(max_extra_slaapkamers=0)
    assert c.max_extra_slaapkamers == 0 and b.max_extra_slaapkamers == 1 and c.naam == "strikt"
    with pytest.raises(InvoerFout):
        b.met(max_extra_slaapkamers=-1)


def test_foute_waarden_in_beleid_krijgen_een_nederlandse_melding():
    from matching.beleid import laad_beleid
    from matching.bestanden import InvoerFout
    for eigen, verwacht in (({"kinderen_per_kamer": 0}, "verwacht een waarde van minstens 1 (gegeven: 0)"),
                            ({"nareizigers": "later"}, "verwacht een van 'nu', 'wachten' of 'vooruit'"),
                            ({"studio_voor_alleenstaande": "misschien"}, "verwacht true of false")):
        with pytest.raises(InvoerFout, match=verwacht.replace("(", r"\(").replace(")", r"\)")):
            laad_beleid("flexibel", {"flexibel": eigen})
