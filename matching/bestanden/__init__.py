"""Every reader and writer of files, and the errors they raise.

Reading tables the way Dutch users save them, and refusing bad input clearly: every loader in
the project goes through `lees_tabel`, so a CSV saved by Dutch Excel (`;`, BOM, cp1252, CRLF,
decimal comma, dates as 10-11-2022), Excel's "Unicode-tekst" (UTF-16, tabs) and an xlsx give the
same rows. Errors are `InvoerFout`s: one line naming file, row and field, and what was expected;
the CLI turns them into exit code 2 without a traceback.

fouten      InvoerFout, InvoerFouten, SchrijfFout, the Fouten collector
decoderen   encoding, delimiter, CSV
xlsx        Excel workbooks, koppen_per_blad (the header of every sheet)
tabel       the table model, header search, column checks
lezen       lees_tabel, ruwe_cellen
velden      ids, numbers, amounts, dates, yes/no, choices
privacy     forbidden columns, formula-like cells
schrijven   atomic writing
grenzen     limits on input size (grenzen.toml)
"""

from .fouten import MISLUKT, Fouten, InvoerFout, InvoerFouten, SchrijfFout, kort
from .lezen import lees_tabel, ruwe_cellen
from .xlsx import koppen_per_blad
from .privacy import FORMULE_TEKENS, VERBODEN_KOLOMMEN, formule_achtig, veilige_cel, verboden_kolom
from .schrijven import schrijf_atomisch
from .tabel import Tabel, cel_als_tekst, controleer_kolommen, tabel_uit_dataframe
from .velden import (JAREN, MAANDEN, VERWACHT_DATUM, Ids, is_nl_datum, lees_bedrag, lees_datum, lees_decimaal,
                     lees_id, lees_int, lees_janee, lees_keuze)
