"""WSL brings dwellings into the statushouder pool: re-lets (some announced before formal
notice, so reservable early), new-build and renovation deliveries."""

from __future__ import annotations

from .rondes import ronde
from ..toestand import SimWoning, Toestand
from ..wereld_records import KomendeWoning


def vacatures(env, t: Toestand, komende: list[KomendeWoning]):
    """Each dwelling enters the pool on the day it becomes known to the gemeente."""
    for k in komende:
        if k.bekend > env.now:
            yield env.timeout(k.bekend - env.now)
        beschikbaar = (k.woning.beschikbaar - t.sc.startdatum).days
        t.aanbod[k.woning.id] = SimWoning(k.woning, beschikbaar, k.bekend, vervangbaar=k.vervangbaar)
        t.tel("woningen_aangeboden")
        if t.sc.toewijzing.ronde_bij_vacature:
            ronde(env, t)
