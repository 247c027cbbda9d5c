"""The province: its progress table, the prognose per gemeente and the writers.

tabel          periods, the row per gemeente, the Totaal row (and the sign convention)
koppen         the province's headers mapped to fields
kolommen       the output columns: ours and the province's own (header text, value)
lezen          reading the table (csv, xlsx) with its checks
lineair        the province's linear method
tempo          the pace model
via_simulatie  the full simulation for gemeenten with a scenario
prognose       one method per gemeente, summaries
uitvoer        json, csv, xlsx, table; the province's table as csv
grafiek        a PNG per gemeente
commando       `huisvesting prognose`
synthetisch    synthetic tables for scale runs and tests
"""

from .kolommen import UITVOER_KOLOMMEN, standaard_kop
from .koppen import normaliseer_kop, veld_voor_kop
from .lezen import lees_provincietabel
from .lineair import LineairePrognose, lineaire_prognose, rond_half_op
from .prognose import (KWANTIELEN, Methode, PrognoseRij, ProvincieResultaat, bereken_prognoses, gehele_kwantielen,
                       kans_gehaald)
from ..kalender import MAANDEN, datum_tekst
from .tabel import GemeenteRij, ProvincieTabel, TabelPeriode, bereken_totaal, maak_tabel, periode_bij_peildatum
from .tempo import TempoParameters, TempoTaak, gemeente_sleutel, personen_per_reservering, tempo_taak, tempomodel
from .uitvoer import als_csv, als_json, als_tabel, als_xlsx, rij_als_dict, tabel_als_csv
from .via_simulatie import prognose_uit_simulatie, scenario_bestanden
