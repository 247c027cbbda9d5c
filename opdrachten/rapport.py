"""`huisvesting rapport`: the HTML report for college and raad (built in simulatie/rapportage/opdracht.py
with the progress bar, today's date and --zet that all commands share)."""

from __future__ import annotations

from opdrachten.gemeen import ZET, vandaag
from simulatie.rapportage.opdracht import maak_rapport_commando
from simulatie.voortgang import Voortgang

rapport = maak_rapport_commando(Voortgang, vandaag, ZET)
