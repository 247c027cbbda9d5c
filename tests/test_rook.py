
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


def test_dataframe_api_geeft_hetzelfde_plan_als_de_bestanden():
    import pandas as pd

    from matching import toewijzen_df
    from simulatie.scenario import vind_scenario

    map_ = vind_scenario("leusden-2023").parent / "leusden"
    hh = pd.read_csv(map_ / "huishoudens.csv", dtype=str, keep_default_na=False)
    ww = pd.read_csv(map_ / "woningen.csv", dtype=str, keep_default_na=False)
    plan, samen = toewijzen_df(hh, ww, "flexibel", "2023-01-01")
    sc = laad_scenario()
    t = wijs_toe(sc.huishoudens, sc.woningen, sc.beleid("flexibel"), sc.sc.startdatum)
    verwacht = {p.huishouden: p.woning for p in t.toewijzingen}
    geplaatst = plan[plan["woning"].notna()]
    assert dict(zip(geplaatst["huishouden"], geplaatst["woning"])) == verwacht
    assert len(plan) == len(sc.huishoudens)
    assert samen.set_index("methode").loc["optimaal", "personen_geplaatst"] == t.samenvatting["personen_geplaatst"]
