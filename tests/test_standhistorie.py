"""Leusden 2016-2022 against the stand rule stand(next) = stand + geplaatst - taakstelling (seed)."""

from simulatie.standhistorie import (LEUSDEN_2022_TOT_10_OKTOBER, LEUSDEN_2022_VERWACHT, LEUSDEN_HISTORIE,
                                     controleer_reeks, realisatie_uit_standen, volgende_stand)


def test_volgende_stand_leusden_2019():
    assert volgende_stand(-4, realisatie=31, taakstelling=22) == 5


def test_leusden_2016_tot_2021_klopt_elk_jaar():
    uit = {c.jaar: c for c in controleer_reeks(LEUSDEN_HISTORIE)}
    assert [(j, uit[j].berekend, uit[j].gegeven) for j in range(2016, 2022)] == [
        (2016, -10, -10), (2017, 3, 3), (2018, -4, -4), (2019, 5, 5), (2020, -1, -1), (2021, -21, -21)]
    assert all(uit[j].klopt and uit[j].verschil == 0 for j in range(2016, 2022))


def test_2022_is_niet_te_controleren_en_de_verwachting_geeft_een_voorsprong():
    c = controleer_reeks(LEUSDEN_HISTORIE)[-1]
    assert (c.jaar, c.geplaatst, c.klopt) == (2022, None, None)
    # with the 70 expected for 2022 the stand on 1 January 2023 would be +7 (a lead);
    # with the 42 placed by 10 October it would still be -21
    assert volgende_stand(-21, LEUSDEN_2022_VERWACHT, 42) == 7
    assert volgende_stand(-21, LEUSDEN_2022_TOT_10_OKTOBER, 42) == -21


def test_halfjaar_2022_1_uit_de_tabel_van_de_provincie():
    # stand 1 jan 2022 -21 (plan), stand 1 jul 2022 -26 (province), taakstelling 2022-1 = 42 - 24
    assert realisatie_uit_standen(-21, -26, 42 - 24) == 13


def test_een_jaar_dat_niet_klopt_wordt_gemeld_niet_verbeterd():
    reeks = ((2030, 0, 10, 8), (2031, 0, 10, 10))
    c = controleer_reeks(reeks)[0]
    assert (c.berekend, c.gegeven, c.klopt, c.verschil) == (-2, 0, False, 2)
