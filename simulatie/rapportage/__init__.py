"""Rapportage: the self-contained HTML report for the college and the raad (`huisvesting
rapport`), the province's version (`huisvesting prognose --rapport`), and their SVG charts.

Everything here takes plain data: the summary dict of `samenvatting(res)`, the comparison
dict (`vergelijking_rapport.als_dict`), the province's prognose JSON, the IBT outlook
(`simulatie.ibt.vooruitzicht`) and the scenario object for its assumptions. Project modules
are imported inside functions, so a module that moves only changes an import line.
"""

from .html import provincie_html, rapport_html, rapport_uit_resultaten  # noqa: F401
from .namen import MATEN, REGELGROEPEN, maat_naam, regel_naam  # noqa: F401
