
from matching import wijs_toe
from simulatie.scenario import laad_scenario


def test_voorbeeld_flexibel_huisvest_minstens_zoveel_als_strikt():
    sc = laad_scenario()
    uit = {n: wijs_toe(sc.huishoudens, sc.woningen, sc.beleid(n), sc.sc.startdatum)
           for n in ("strikt", "flexibel")}
    assert uit["flexibel"].samenvatting["personen_geplaatst"] >= uit["strikt"].samenvatting["personen_geplaatst"]
    for t in uit.values():
        woningen = [p.woning for p in t.toewijzingen]
        assert len(woningen) == len(set(woningen))
