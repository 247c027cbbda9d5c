"""Writing to the register: every function appends entries in one serialised transaction,
after checking against the replayed state inside that same transaction (so two users at
once cannot both accept the same offer)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import delete, insert, select

from matching.bestanden import InvoerFout
from matching.huishoudens import Huishouden
from matching.woningen import Woning

from .opslag import Register, fout, nu
from .schema import bewaarde_boekingen, gebeurtenissen, instellingen
from .staat import Staat, huishouden_json, lees_staat, woning_json


def _voeg_toe(v, door: str, beleid: str, soort: str, **velden) -> int:
    res = v.execute(insert(gebeurtenissen).values(soort=soort, tijd=nu(), door=door, beleid=beleid, **velden))
    return int(res.inserted_primary_key[0])


def zet_instelling(reg: Register, sleutel: str, waarde: str, door: str) -> None:
    with reg.schrijf() as v:
        v.execute(insert(instellingen).values(sleutel=sleutel, waarde=waarde, tijd=nu(), door=door))


def instelling(reg: Register, sleutel: str) -> str | None:
    with reg.lees() as v:
        return v.execute(select(instellingen.c.waarde).where(instellingen.c.sleutel == sleutel)
                         .order_by(instellingen.c.id.desc()).limit(1)).scalar()


def importeer(reg: Register, huishoudens: list[Huishouden], woningen: list[Woning], door: str,
              beleid: str) -> tuple[int, int]:
    """New or changed records only (an unchanged row is not recorded again); nothing is removed."""
    nieuw_h = nieuw_w = 0
    with reg.schrijf() as v:
        laatste: dict[tuple[str, str], str] = {}
        for r in v.execute(select(gebeurtenissen.c.soort, gebeurtenissen.c.huishouden, gebeurtenissen.c.woning,
                                  gebeurtenissen.c.gegevens)
                           .where(gebeurtenissen.c.soort.in_(("huishouden", "woning")))
                           .order_by(gebeurtenissen.c.id)):
            laatste[(r.soort, r.huishouden or r.woning)] = r.gegevens
        for h in huishoudens:
            g = huishouden_json(h)
            if laatste.get(("huishouden", h.id)) != g:
                _voeg_toe(v, door, beleid, "huishouden", huishouden=h.id, datum=h.koppeldatum,
                          personen=h.personen, gegevens=g)
                nieuw_h += 1
        for w in woningen:
            g = woning_json(w)
            if laatste.get(("woning", w.id)) != g:
                _voeg_toe(v, door, beleid, "woning", woning=w.id, datum=w.beschikbaar, gegevens=g)
                nieuw_w += 1
    return nieuw_h, nieuw_w


def leg_ronde_vast(reg: Register, toewijzing, staat_voor: Staat, door: str) -> int:
    """A round: one `ronde` entry, a `voorstel` per household with every reason, an `aanbod` per placement."""
    with reg.schrijf() as v:
        staat = lees_staat(v)
        # The state may have moved since the round was computed (another user): refuse rather than double-book.
        if staat.bezette_woningen() != staat_voor.bezette_woningen() or len(staat.huishoudens) != len(
                staat_voor.huishoudens):
            raise fout(reg.db, "het register is tijdens de ronde gewijzigd; draai de ronde opnieuw")
        datum, beleid = toewijzing.peildatum, toewijzing.beleid
        ronde = _voeg_toe(v, door, beleid, "ronde", datum=datum,
                          gegevens=json.dumps(toewijzing.samenvatting, sort_keys=True, ensure_ascii=False))
        for p in toewijzing.toewijzingen + toewijzing.niet_geplaatst:
            s = staat.huishoudens[p.huishouden]
            personen = s.personen_op(datum + dt.timedelta(days=1))
            redenen = json.dumps([{"code": r.code, "tekst": r.tekst} for r in p.redenen], ensure_ascii=False)
            _voeg_toe(v, door, beleid, "voorstel", huishouden=p.huishouden, woning=p.woning, datum=datum,
                      personen=personen, redenen=redenen, ronde=ronde)
            if p.woning:
                _voeg_toe(v, door, beleid, "aanbod", huishouden=p.huishouden, woning=p.woning, datum=datum,
                          personen=personen, ronde=ronde)
    return ronde


def bied_aan(reg: Register, h: str, woning: str, datum: dt.date, door: str, beleid: str) -> int:
    """An offer made outside a computed round (an urgent case, or replaying a simulation)."""
    with reg.schrijf() as v:
        staat = lees_staat(v)
        s = _huishouden(staat, reg.db, h)
        if woning not in staat.woningen:
            raise fout(reg.db, f"woning '{woning}' staat niet in het register", veld="--woning")
        if woning in staat.bezette_woningen() or s.aanbod is not None:
            raise fout(reg.db, f"woning '{woning}' of huishouden '{h}' heeft al een open aanbod of reservering",
                             veld="--woning")
        return _voeg_toe(v, door, beleid, "aanbod", huishouden=h, woning=woning, datum=datum,
                         personen=s.personen_op(datum + dt.timedelta(days=1)))


def _huishouden(staat: Staat, db: str, h: str):
    s = staat.huishoudens.get(h)
    if s is None:
        raise fout(db, f"huishouden '{h}' staat niet in het register", veld="--huishouden")
    return s


def uitkomst(reg: Register, h: str, woning: str, geaccepteerd: bool, datum: dt.date | None, reden: str | None,
             door: str, beleid: str, start: dt.date | None = None) -> int:
    """Acceptance with key date, or refusal with a reason code, of the open offer of `woning` to `h`."""
    with reg.schrijf() as v:
        staat = lees_staat(v)
        s = _huishouden(staat, reg.db, h)
        if s.aanbod is None or s.aanbod[0] != woning:
            open_ = f"; open aanbod: woning {s.aanbod[0]}" if s.aanbod else "; er is geen open aanbod"
            raise fout(reg.db, f"huishouden '{h}' heeft geen open aanbod van woning '{woning}'{open_}",
                             veld="--woning")
        if not geaccepteerd:
            return _voeg_toe(v, door, beleid, "weigering", huishouden=h, woning=woning, code=reden)
        if start is not None and datum < start:
            raise fout(reg.db, f"sleuteldatum {datum.isoformat()} ligt vóór de start van het register "
                                     f"({start.isoformat()})", veld="--sleuteldatum")
        return _voeg_toe(v, door, beleid, "acceptatie", huishouden=h, woning=woning, datum=datum,
                         personen=s.personen_op(datum))


def nareizigers(reg: Register, h: str, aantal: int, datum: dt.date, door: str, beleid: str,
                kinderen: tuple = ()) -> int:
    """Arrival of `aantal` nareizigers, `kinderen` among them (the others adults)."""
    if len(kinderen) > aantal:
        raise InvoerFout(None, f"{len(kinderen)} kinderen bij {aantal} nareizigers; de kinderen horen bij het aantal",
                         veld="--kinderen")
    gegevens = json.dumps({"kinderen": [[k.geslacht, k.leeftijd] for k in kinderen]}) if kinderen else None
    with reg.schrijf() as v:
        _huishouden(lees_staat(v), reg.db, h)
        return _voeg_toe(v, door, beleid, "nareizigers", huishouden=h, datum=datum, personen=aantal,
                         gegevens=gegevens)


def vervolg(reg: Register, h: str, datum: dt.date, door: str, beleid: str) -> int:
    """A housed household back on the list for vervolghuisvesting (its move will not count again)."""
    with reg.schrijf() as v:
        s = _huishouden(lees_staat(v), reg.db, h)
        if s.woning is None:
            raise fout(reg.db, f"huishouden '{h}' heeft nog geen woning; vervolghuisvesting kan pas daarna",
                             veld="--huishouden")
        return _voeg_toe(v, door, beleid, "vervolg", huishouden=h, woning=s.woning, datum=datum)


def vervallen(reg: Register, nummer: int, door: str, beleid: str) -> int:
    """Void an entry by a new one that points at it (a correction; nothing is changed in place)."""
    with reg.schrijf() as v:
        r = v.execute(select(gebeurtenissen).where(gebeurtenissen.c.id == nummer)).first()
        if r is None:
            raise fout(reg.db, f"gebeurtenis {nummer} staat niet in het register", veld="--gebeurtenis")
        return _voeg_toe(v, door, beleid, "vervallen", huishouden=r.huishouden, woning=r.woning, corrigeert=nummer)


def corrigeer_datum(reg: Register, nummer: int, datum: dt.date, door: str, beleid: str) -> int:
    """A corrected date (key date, arrival): a copy of the entry with the new date, pointing at it."""
    with reg.schrijf() as v:
        r = v.execute(select(gebeurtenissen).where(gebeurtenissen.c.id == nummer)).first()
        if r is None or r.soort not in ("acceptatie", "nareizigers", "vervolg"):
            raise fout(reg.db, f"gebeurtenis {nummer}: geen acceptatie, nareizigers of vervolg om te "
                                     "corrigeren", veld="--gebeurtenis")
        velden = {k: getattr(r, k) for k in ("huishouden", "woning", "personen", "code", "redenen", "gegevens",
                                             "ronde")}
        return _voeg_toe(v, door, beleid, r.soort, datum=datum, corrigeert=nummer, **velden)


def opschonen(reg: Register, voor: dt.date, door: str) -> tuple[int, int]:
    """Remove households housed before `voor` (keys of their last dwelling before it): their
    bookings move to `bewaarde_boekingen` without id, so the counts per period stay."""
    with reg.schrijf() as v:
        staat = lees_staat(v)
        weg = sorted(h for h, s in staat.huishoudens.items()
                     if s.sleuteldatum is not None and s.sleuteldatum < voor and s.aanbod is None and not s.vervolg)
        if not weg:
            return 0, 0
        tijd = nu()
        for b in staat.boekingen:
            if b.huishouden in weg:
                v.execute(insert(bewaarde_boekingen).values(datum=b.datum, personen=b.personen, bron=b.bron,
                                                            tijd=tijd, door=door))
        ids = [r.id for r in v.execute(select(gebeurtenissen.c.id).where(gebeurtenissen.c.huishouden.in_(weg)))]
        # Corrections point at entries of the same household; remove the pointers' rows first.
        v.execute(delete(gebeurtenissen).where(gebeurtenissen.c.corrigeert.in_(ids)))
        res = v.execute(delete(gebeurtenissen).where(gebeurtenissen.c.id.in_(ids)))
        # The clean-up itself stays in the trail: when, by whom, up to which date, how many (no ids).
        _voeg_toe(v, door, "", "opgeschoond", datum=voor, personen=len(weg))
        return len(weg), res.rowcount
