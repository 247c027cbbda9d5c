"""Same prognose whatever runs it: serial, local processes, a Dask LocalCluster (2 worker processes)."""


from cli import main
from simulatie.provincie import bereken_prognoses
from simulatie.provincie import als_json
from simulatie.provincie import tabel_als_csv
from simulatie.provincie.synthetisch import utrecht_synthetisch
from simulatie.uitvoerder import LokaleProcessen, Serieel


def _json(capsys, *argv) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_dask_localcluster_geeft_dezelfde_json_als_serieel(tmp_path, capsys):
    tabel = tmp_path / "utrecht.csv"
    tabel.write_text(tabel_als_csv(utrecht_synthetisch()), encoding="utf-8-sig")
    basis = ["prognose", str(tabel), "--peildatum", "2022-11-10", "--format", "json", "--replicaties", "400", "--seed", "5"]
    serieel = _json(capsys, *basis, "--workers", "1")
    dask = _json(capsys, *basis, "--dask", "local", "--workers", "2")
    assert dask == serieel
    assert '"methode": "tempomodel"' in serieel and serieel.count('"gemeente"') == 27


def test_lokale_processen_geven_dezelfde_uitkomst_als_serieel():
    t = utrecht_synthetisch()
    a = als_json(bereken_prognoses(t, replicaties=300, seed=9, uitvoerder=Serieel()))
    b = als_json(bereken_prognoses(t, replicaties=300, seed=9, uitvoerder=LokaleProcessen(2)))
    assert a == b
