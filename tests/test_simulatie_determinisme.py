"""Same scenario and seed give byte-identical output, on one worker or several."""

from simulatie.rapport import als_csv, als_json
from simulatie.replicaties import simuleer
from simulatie.scenario import laad_scenario
from simulatie.uitvoerder import LokaleProcessen, Serieel


def test_een_en_twee_workers_geven_identieke_uitvoer():
    g = laad_scenario()
    a = simuleer(g, "flexibel", 24, 99, Serieel())
    b = simuleer(g, "flexibel", 24, 99, LokaleProcessen(2))
    assert als_json([a]) == als_json([b])
    assert als_csv([a]) == als_csv([b])


def test_andere_seed_andere_wereld():
    g = laad_scenario()
    a = simuleer(g, "flexibel", 8, 1)
    b = simuleer(g, "flexibel", 8, 2)
    assert als_csv([a]) != als_csv([b])


def test_gelijke_beleiden_zien_dezelfde_wereld():
    # Common random numbers: the world of replication i does not depend on the policy.
    from simulatie.wereld import trek_wereld
    g = laad_scenario()
    w1 = trek_wereld(g.sc, 5, 3, g.huishoudens, g.woningen)
    w2 = trek_wereld(g.sc, 5, 3, g.huishoudens, g.woningen)
    assert w1 == w2
    assert trek_wereld(g.sc, 5, 4, g.huishoudens, g.woningen) != w1
