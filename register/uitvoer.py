"""Writers for the register: the stand (tabel, json, csv, xlsx), a household's trail, and the
gemeente's row in the province's own table layout (read back by `prognose`)."""

from __future__ import annotations

import io
import json

from matching.bestanden.csv_nl import csv_tekst

from .stand import RegisterStand

KOP = ["periode", "start", "eind", "taakstelling", "stand_start", "totaalopgave", "realisatie"]
PIJPLIJN_KOP = ["woning", "huishouden", "personen", "sleuteldatum", "status"]


def _perioden(st: RegisterStand, periode: str | None):
    return [p for p in st.perioden if periode is None or p.naam == periode]


def stand_dict(st: RegisterStand, periode: str | None = None) -> dict:
    return {
        "gemeente": st.gemeente, "peildatum": st.peildatum.isoformat(), "wachtend": st.wachtend,
        "realisatie_per_bron": st.per_bron,
        "perioden": [{"periode": p.naam, "start": p.start.isoformat(), "eind": p.eind.isoformat(),
                      "taakstelling": p.taakstelling, "stand_start": p.stand_start,
                      "totaalopgave": p.totaalopgave, "realisatie": p.realisatie} for p in _perioden(st, periode)],
        "pijplijn": [{"woning": r.woning, "huishouden": r.huishouden, "personen": r.personen,
                      "sleuteldatum": r.sleuteldatum.isoformat(), "status": r.status} for r in st.pijplijn],
    }


def stand_json(st: RegisterStand, periode: str | None = None) -> str:
    return json.dumps(stand_dict(st, periode), ensure_ascii=False, indent=2) + "\n"


def stand_csv(st: RegisterStand, periode: str | None = None, stijl: str = "nl") -> str:
    rijen = [(p.naam, p.start, p.eind, p.taakstelling, p.stand_start, p.totaalopgave, p.realisatie)
             for p in _perioden(st, periode)]
    return csv_tekst(KOP, rijen, stijl, [f"# {st.gemeente}, peildatum {st.peildatum.isoformat()}"])


def stand_tabel(st: RegisterStand, periode: str | None = None) -> str:
    regels = [f"Register {st.gemeente}, peildatum {st.peildatum.isoformat()} "
              f"({st.wachtend} huishoudens wachtend)", "",
              f"{'periode':<9}{'taakstelling':>13}{'stand begin':>13}{'totaalopgave':>14}{'realisatie':>12}"]
    for p in _perioden(st, periode):
        regels.append(f"{p.naam:<9}{p.taakstelling:>13}{p.stand_start:>13}{p.totaalopgave:>14}{p.realisatie:>12}")
    regels += ["", f"Pijplijn: {len(st.pijplijn)} woningen, {sum(r.personen for r in st.pijplijn)} personen"]
    for r in st.pijplijn:
        regels.append(f"  {r.sleuteldatum.isoformat()}  woning {r.woning:<12} huishouden {r.huishouden:<12} "
                      f"{r.personen:>3} personen  {r.status}")
    return "\n".join(regels) + "\n"


def stand_xlsx(st: RegisterStand, periode: str | None = None) -> bytes:
    import openpyxl
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.title = "stand"
    blad.append(KOP)
    for p in _perioden(st, periode):
        blad.append([p.naam, p.start, p.eind, p.taakstelling, p.stand_start, p.totaalopgave, p.realisatie])
    pijp = boek.create_sheet("pijplijn")
    pijp.append(PIJPLIJN_KOP)
    for r in st.pijplijn:
        pijp.append([r.woning, r.huishouden, r.personen, r.sleuteldatum, r.status])
    buf = io.BytesIO()
    boek.save(buf)
    return buf.getvalue()


def geschiedenis_tabel(rijen: list) -> str:
    """One line per entry: number, when recorded, by whom, under which policy, what."""
    uit = []
    for r in rijen:
        wat = r.soort
        if r.woning:
            wat += f" woning {r.woning}"
        if r.datum:
            wat += f" op {r.datum.isoformat()}"
        if r.personen is not None and r.soort != "woning":
            wat += f", {r.personen} personen"
        if r.code:
            wat += f", reden {r.code}"
        if r.corrigeert:
            wat += f" (corrigeert {r.corrigeert})"
        if r.redenen:
            wat += ": " + "; ".join(x["tekst"] for x in json.loads(r.redenen))
        uit.append(f"{r.id:>6}  {r.tijd.isoformat(sep=' ')}  {r.door:<12} {r.beleid:<10} {wat}")
    return "\n".join(uit) + "\n"


def export_csv(st: RegisterStand, periode_naam: str) -> str:
    """The gemeente's row in the province's columns and headers (`tabel_als_csv`)."""
    from simulatie.provincie.tabel import GemeenteRij, maak_tabel, periode_bij_peildatum
    from simulatie.provincie.uitvoer import tabel_als_csv

    p = st.periode(periode_naam)
    tp = periode_bij_peildatum(st.peildatum)
    gereserveerd = [r for r in st.pijplijn if r.sleuteldatum < p.eind]
    rij = GemeenteRij(gemeente=st.gemeente, rij=1, achterstand=-p.stand_start, taakstelling=p.taakstelling,
                      realisatie=p.realisatie, gereserveerde_woningen=len(gereserveerd),
                      gereserveerde_personen=sum(r.personen for r in gereserveerd))
    return tabel_als_csv(maak_tabel([rij], tp))
