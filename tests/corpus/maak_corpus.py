"""Builds the corpus of malformed inputs in this folder and its manifest `verwacht.toml`.

Each case is a small, otherwise valid file (taken from the bundled Leusden example) with one
thing wrong, or a few for `meerdere_fouten`. The files and the manifest are committed; run
`python tests/corpus/maak_corpus.py` after changing a case or a message, and review the diff.
`tests/test_controleer_corpus.py` runs every case through `huisvesting controleer` and through
the command that would consume it, and checks the message, exit code 2 and that nothing is written.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

MAP = Path(__file__).parent

HH_KOP = "id,koppeldatum,volwassenen,kinderen,nareizigers,nareizigers_verwacht,voorkeur_kern,toegankelijk,verblijf"
HH = [
    "H001,2022-06-14,1,,3,2023-05-01,,nee,COA",
    "H002,2022-07-02,2,j4 m7 j9 m11 j13,0,,Leusden,nee,COA",
    "H003,2022-07-20,1,,0,,,nee,TakeCareBNB",
    "H004,2022-08-03,2,m2 j5,0,,,nee,COA",
]
W_KOP = "id,kern,slaapkamers,oppervlakte,huur,beschikbaar,soort,toegankelijk"
W = [
    "W01,Leusden,1,42,498.50,2022-12-19,vrij,nee",
    "W02,Leusden,2,58,612.30,2022-12-28,vrij,nee",
    "W06,Leusden,2,62,640.00,2023-02-15,nieuwbouw,ja",
    "W08,Achterveld,2,60,589.90,2023-02-01,opzegging,nee",
]
SCENARIO = """naam = "corpus"
startdatum = 2023-01-01
beleid = "flexibel"
kernen = ["Leusden", "Achterveld"]
replicaties = 10
huishoudens = "data/huishoudens.csv"
woningen = "data/woningen.csv"

[[periode]]
naam = "2023-1"
taakstelling = 35

[[periode]]
naam = "2023-2"
taakstelling = 45

[toewijzing]
ronde_dagen = 7
oplosser = "auto"

[aanbod]
woningen_per_jaar = 35
[aanbod.kern]
Leusden = 0.92
Achterveld = 0.08
"""

GEVALLEN: list[dict] = []


def _kop(kop: str) -> list[str]:
    return kop.split(",")


def tabel(kop: str, rijen: list[str], rij: int | None = None, veld: str | None = None, waarde: str = "") -> str:
    """The table as CSV text, with `veld` of data row `rij` (Excel numbering: header = 1) replaced."""
    rijen = list(rijen)
    if rij is not None:
        cellen = rijen[rij - 2].split(",")
        cellen[_kop(kop).index(veld)] = waarde
        rijen[rij - 2] = ",".join(cellen)
    return "\n".join([kop, *rijen]) + "\n"


def hh(rij=None, veld=None, waarde="") -> str:
    return tabel(HH_KOP, HH, rij, veld, waarde)


def w(rij=None, veld=None, waarde="") -> str:
    return tabel(W_KOP, W, rij, veld, waarde)


def xlsx(tekst: str, extra: dict[tuple[int, int], str] | None = None) -> bytes:
    import openpyxl
    boek = openpyxl.Workbook()
    blad = boek.active
    for regel in tekst.splitlines():
        blad.append(regel.split(",") if regel else [])
    for (r, c), waarde in (extra or {}).items():
        blad.cell(row=r, column=c, value=waarde)
    buf = io.BytesIO()
    boek.save(buf)
    return buf.getvalue()


def geval(pad: str, inhoud: str | bytes, fout: str, wat: str, alle: list[str] | None = None,
          codering: str = "utf-8") -> None:
    data = inhoud.encode(codering) if isinstance(inhoud, str) else inhoud
    (MAP / pad).parent.mkdir(parents=True, exist_ok=True)
    if not _zelfde_werkmap(MAP / pad, data):  # openpyxl stamps the time: keep an unchanged workbook
        (MAP / pad).write_bytes(data)
    GEVALLEN.append({"pad": pad, "fout": fout, "wat": wat, "alle": alle or []})


def _zelfde_werkmap(pad: Path, data: bytes) -> bool:
    if pad.suffix != ".xlsx" or not pad.exists() or not data.startswith(b"PK"):
        return False
    import openpyxl

    def cellen(bron) -> list:
        try:
            boek = openpyxl.load_workbook(bron, read_only=True)
            return [list(r) for b in boek.worksheets for r in b.iter_rows(values_only=True)]
        except Exception:
            return [None]
    return cellen(pad) == cellen(io.BytesIO(data))


def maak_huishoudens() -> None:
    geval("huishoudens/leeg.csv", b"", "leeg.csv: bestand is leeg", "empty file")
    geval("huishoudens/alleen_witruimte.csv", "\r\n   \r\n", "alleen_witruimte.csv: bestand is leeg",
          "only blank lines")
    geval("huishoudens/alleen_kopregel.csv", HH_KOP + "\n", "alleen_kopregel.csv: alleen een kopregel, geen gegevens",
          "header only")
    zonder = [",".join(c for i, c in enumerate(r.split(",")) if i != 4) for r in [HH_KOP, *HH]]
    geval("huishoudens/kolom_ontbreekt.csv", "\n".join(zonder) + "\n",
          "kolom_ontbreekt.csv, rij 1, veld 'nareizigers': verplichte kolom 'nareizigers' ontbreekt",
          "missing column")
    geval("huishoudens/kolom_verschreven.csv", hh().replace("koppeldatum", "koppeldatm", 1),
          "kolom_verschreven.csv, rij 1, veld 'koppeldatum': verplichte kolom 'koppeldatum' ontbreekt; "
          "kolom 'koppeldatm' is misschien een tikfout", "misspelt required column")
    geval("huishoudens/kolom_extra_verschreven.csv", hh().replace("voorkeur_kern", "voorkeurkern", 1),
          "kolom_extra_verschreven.csv, rij 1, veld 'voorkeurkern': onbekende kolom 'voorkeurkern'; "
          "bedoelt u 'voorkeur_kern'?", "extra unknown column gets a suggestion")
    geval("huishoudens/kolom_extra_onbekend.csv",
          "\n".join([HH_KOP + ",wachtnummer"] + [r + f",{i}" for i, r in enumerate(HH)]) + "\n",
          "kolom_extra_onbekend.csv, rij 1, veld 'wachtnummer': onbekende kolom 'wachtnummer'; toegestaan: id, "
          "koppeldatum", "extra column without a close match lists the allowed ones")
    geval("huishoudens/kolom_dubbel.csv",
          "\n".join([HH_KOP + ",volwassenen"] + [r + ",1" for r in HH]) + "\n",
          "kolom_dubbel.csv, rij 1, veld 'volwassenen': kolom 'volwassenen' staat er twee keer in", "duplicate column")
    rijen = list(HH)
    rijen[1] += ",extra"
    geval("huishoudens/te_veel_velden.csv", "\n".join([HH_KOP, *rijen]) + "\n",
          "te_veel_velden.csv, rij 3: 10 velden, kopregel heeft er 9", "row with too many fields")
    geval("huishoudens/waarde_zonder_kolomnaam.xlsx", xlsx(hh(), {(3, 10): "extra"}),
          "waarde_zonder_kolomnaam.xlsx, rij 3: waarde 'extra' in kolom 10, die geen kopnaam heeft",
          "xlsx row with a value beyond the header")
    geval("huishoudens/kinderen_puntkomma_zonder_aanhalingstekens.csv",
          hh(3, "kinderen", "j4;m7").replace(",", ";"),
          "kinderen_puntkomma_zonder_aanhalingstekens.csv, rij 3: 10 velden, kopregel heeft er 9",
          "';' inside an unquoted field of a ';' file")
    geval("huishoudens/aanhalingsteken_open.csv", hh(3, "kinderen", '"j4 m7'),
          "aanhalingsteken_open.csv, rij 3, veld 'kinderen': waarde loopt over meerdere regels",
          "unclosed quote swallows the following rows")
    geval("huishoudens/dubbel_id.csv", hh(4, "id", "H002"),
          "dubbel_id.csv, rij 4, veld 'id': id 'H002' komt al voor op rij 3", "duplicate id")
    geval("huishoudens/leeg_id.csv", hh(3, "id", ""),
          "leeg_id.csv, rij 3, veld 'id': leeg; elk huishouden heeft een id",
          "empty id")
    geval("huishoudens/bsn_als_id.csv", hh(3, "id", "123456782"),
          "bsn_als_id.csv, rij 3, veld 'id': id lijkt op een BSN", "BSN-like id (passes the elfproef)")
    geval("huishoudens/formule_id.csv", hh(3, "id", "=cmd|'/C calc'!A0"),
          "formule_id.csv, rij 3, veld 'id': id '=cmd|'/C calc'!A0' begint met '=': Excel leest dat als formule",
          "formula in an id (CSV injection)")
    geval("huishoudens/formule_id_apenstaart.csv", hh(3, "id", "@SUM(A1)"),
          "formule_id_apenstaart.csv, rij 3, veld 'id': id '@SUM(A1)' begint met '@'", "formula with @ in an id")
    geval("huishoudens/volwassenen_0.csv", hh(3, "volwassenen", "0"),
          "volwassenen_0.csv, rij 3, veld 'volwassenen': 0 is kleiner dan 1; verwacht een geheel getal van 1 t/m 20",
          "household of 0 persons")
    geval("huishoudens/volwassenen_400.csv", hh(3, "volwassenen", "400"),
          "volwassenen_400.csv, rij 3, veld 'volwassenen': 400 is onwaarschijnlijk groot; verwacht een geheel getal "
          "van 1 t/m 20", "household of 400 persons")
    geval("huishoudens/volwassenen_negatief.csv", hh(3, "volwassenen", "-2"),
          "volwassenen_negatief.csv, rij 3, veld 'volwassenen': -2 is kleiner dan 1", "negative number")
    geval("huishoudens/volwassenen_tekst.csv", hh(3, "volwassenen", "twee"),
          "volwassenen_tekst.csv, rij 3, veld 'volwassenen': 'twee' is geen geheel getal", "text in a number field")
    geval("huishoudens/volwassenen_tekst.xlsx", xlsx(hh(3, "volwassenen", "twee")),
          "volwassenen_tekst.xlsx, rij 3, veld 'volwassenen': 'twee' is geen geheel getal",
          "text in a number field (xlsx)")
    geval("huishoudens/volwassenen_decimaal.csv", hh(3, "volwassenen", '"1,5"'),
          "volwassenen_decimaal.csv, rij 3, veld 'volwassenen': '1,5' is geen geheel getal", "fraction of a person")
    geval("huishoudens/personen_totaal.csv",
          hh(3, "nareizigers", "15").replace("H002,2022-07-02,2,", "H002,2022-07-02,10,"),
          "personen_totaal.csv, rij 3, veld 'volwassenen': 10 volwassenen + 5 kinderen + 15 nareizigers = 30 personen "
          "is onwaarschijnlijk", "absurd household size in total")
    geval("huishoudens/kind_40.csv", hh(3, "kinderen", "j4 m40"),
          "kind_40.csv, rij 3, veld 'kinderen': kind van 40 jaar: 18+ telt als volwassene", "a child aged 40")
    geval("huishoudens/kind_onleesbaar.csv", hh(3, "kinderen", "jongen 7"),
          "kind_onleesbaar.csv, rij 3, veld 'kinderen': 'jongen' is geen kind; verwacht per kind geslacht j/m/x",
          "children not in the documented format")
    geval("huishoudens/nareizigers_negatief.csv", hh(3, "nareizigers", "-1"),
          "nareizigers_negatief.csv, rij 3, veld 'nareizigers': -1 is kleiner dan 0", "negative nareizigers")
    geval("huishoudens/datum_30_februari.csv", hh(3, "koppeldatum", "2023-02-30"),
          "datum_30_februari.csv, rij 3, veld 'koppeldatum': '2023-02-30' bestaat niet als datum (februari 2023 "
          "heeft 28 dagen)", "impossible date")
    geval("huishoudens/datum_31_april_nl.csv", hh(3, "koppeldatum", "31-04-2022"),
          "datum_31_april_nl.csv, rij 3, veld 'koppeldatum': '31-04-2022' bestaat niet als datum (april 2022 heeft "
          "30 dagen)", "impossible date, Dutch notation")
    geval("huishoudens/datum_tekst.csv", hh(3, "koppeldatum", "vorige week"),
          "datum_tekst.csv, rij 3, veld 'koppeldatum': 'vorige week' is geen datum; verwacht een datum als 2022-11-10 "
          "of 10-11-2022", "text in a date field")
    geval("huishoudens/datum_excelgetal.csv", hh(3, "koppeldatum", "44875"),
          "datum_excelgetal.csv, rij 3, veld 'koppeldatum': '44875' is een Excel-datumgetal (= 10-11-2022)",
          "Excel serial number instead of a date")
    geval("huishoudens/datum_jaar_twee_cijfers.csv", hh(3, "koppeldatum", "10-11-22"),
          "datum_jaar_twee_cijfers.csv, rij 3, veld 'koppeldatum': '10-11-22' heeft een jaartal van twee cijfers",
          "two-digit year")
    geval("huishoudens/datum_jaar_1922.csv", hh(3, "koppeldatum", "1922-07-02"),
          "datum_jaar_1922.csv, rij 3, veld 'koppeldatum': jaar 1922 in '1922-07-02' is onwaarschijnlijk",
          "absurd year (typo)")
    geval("huishoudens/nareizigers_verwacht_maand_13.csv", hh(2, "nareizigers_verwacht", "2023-13-01"),
          "nareizigers_verwacht_maand_13.csv, rij 2, veld 'nareizigers_verwacht': '2023-13-01' bestaat niet als "
          "datum (maand 13)", "month 13")
    geval("huishoudens/kern_onbekend.csv", hh(3, "voorkeur_kern", "Amersfoort"),
          "kern_onbekend.csv, rij 3, veld 'voorkeur_kern': onbekende kern 'Amersfoort' (bekend: Leusden, Achterveld)",
          "unknown kern")
    geval("huishoudens/kern_verschreven.csv", hh(3, "voorkeur_kern", "Leusdn"),
          "kern_verschreven.csv, rij 3, veld 'voorkeur_kern': onbekende kern 'Leusdn'; bedoelt u 'Leusden'?",
          "misspelt kern")
    geval("huishoudens/verblijf_onbekend.csv", hh(3, "verblijf", "hotel"),
          "verblijf_onbekend.csv, rij 3, veld 'verblijf': onbekend verblijf 'hotel' (bekend: COA, TakeCareBNB",
          "unknown verblijf")
    geval("huishoudens/verblijf_verschreven.csv", hh(4, "verblijf", "TakeCare"),
          "verblijf_verschreven.csv, rij 4, veld 'verblijf': onbekend verblijf 'TakeCare'; bedoelt u 'TakeCareBNB'?",
          "misspelt verblijf")
    geval("huishoudens/toegankelijk_onzin.csv", hh(3, "toegankelijk", "misschien"),
          "toegankelijk_onzin.csv, rij 3, veld 'toegankelijk': 'misschien' is geen ja/nee", "not a yes/no")
    for kolom, naam in (("nationaliteit", "nationaliteit.csv"), ("religie", "religie.csv"),
                        ("geboortedatum", "geboortedatum.csv"),
                        ("Nationaliteit hoofdaanvrager", "nationaliteit_hoofdaanvrager.csv")):
        veld = kolom.lower().replace(" ", "_")
        geval(f"huishoudens/{naam}", "\n".join([HH_KOP + f",{kolom}"] + [r + ",x" for r in HH]) + "\n",
              f"{naam}, rij 1, veld '{veld}': kolom '{veld}' bevat een beschermd persoonskenmerk",
              f"protected-attribute column {kolom}")
    geval("huishoudens/etniciteit.xlsx", xlsx("\n".join([HH_KOP + ",Etniciteit"] + [r + ",x" for r in HH])),
          "etniciteit.xlsx, rij 1, veld 'etniciteit': kolom 'etniciteit' bevat een beschermd persoonskenmerk",
          "protected-attribute column (xlsx)")
    geval("huishoudens/opmerking.csv", "\n".join([HH_KOP + ",opmerking"] + [r + ",belt vaak" for r in HH]) + "\n",
          "opmerking.csv, rij 1, veld 'opmerking': kolom 'opmerking' met vrije tekst over personen hoort niet in de "
          "wachtlijst", "free-text column about persons")
    geval("huishoudens/onleesbare_bytes.csv", hh().encode("utf-8").replace(b"H003", b"H\x81\x8d3"),
          "onleesbare_bytes.csv: tekens niet te lezen op byte", "undecodable bytes (neither UTF-8 nor cp1252)")
    geval("huishoudens/binair.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
          "binair.csv: geen tekstbestand", "binary file")
    geval("huishoudens/oud_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
          "oud_excel.xls: oud Excel-formaat (.xls)", "old .xls workbook")
    geval("huishoudens/kapot.xlsx", b"PK\x03\x04" + b"kapot" * 20, "kapot.xlsx: geen leesbaar Excel-bestand",
          "damaged xlsx")
    meer = hh(2, "volwassenen", "0")
    meer = meer.replace("H003,2022-07-20,1,,0,,,nee,TakeCareBNB", "H003,2023-02-30,1,j40,0,,Amersfoort,nee,hotel")
    geval("huishoudens/meerdere_fouten.csv", meer,
          "meerdere_fouten.csv, rij 2, veld 'volwassenen': 0 is kleiner dan 1", "several problems: all listed",
          alle=["meerdere_fouten.csv, rij 2, veld 'volwassenen'",
                "meerdere_fouten.csv, rij 4, veld 'koppeldatum'",
                "meerdere_fouten.csv, rij 4, veld 'kinderen'",
                "meerdere_fouten.csv, rij 4, veld 'voorkeur_kern'",
                "meerdere_fouten.csv, rij 4, veld 'verblijf'"])


def maak_woningen() -> None:
    import openpyxl
    boek = openpyxl.Workbook()
    buf = io.BytesIO()
    boek.save(buf)
    geval("woningen/leeg.xlsx", buf.getvalue(), "leeg.xlsx: werkblad is leeg", "empty workbook")
    geval("woningen/alleen_kopregel.xlsx", xlsx(W_KOP), "alleen_kopregel.xlsx: alleen een kopregel, geen gegevens",
          "header only (xlsx)")
    zonder = [",".join(c for i, c in enumerate(r.split(",")) if i != 4) for r in [W_KOP, *W]]
    geval("woningen/kolom_ontbreekt.csv", "\n".join(zonder) + "\n",
          "kolom_ontbreekt.csv, rij 1, veld 'huur': verplichte kolom 'huur' ontbreekt", "missing column")
    geval("woningen/slaapkamers_negatief.csv", w(3, "slaapkamers", "-1"),
          "slaapkamers_negatief.csv, rij 3, veld 'slaapkamers': -1 is kleiner dan 0", "negative bedrooms")
    geval("woningen/slaapkamers_40.csv", w(3, "slaapkamers", "40"),
          "slaapkamers_40.csv, rij 3, veld 'slaapkamers': 40 is onwaarschijnlijk groot; verwacht een geheel getal van "
          "0 t/m 10", "absurd number of bedrooms")
    geval("woningen/slaapkamers_tekst.csv", w(3, "slaapkamers", "drie"),
          "slaapkamers_tekst.csv, rij 3, veld 'slaapkamers': 'drie' is geen geheel getal", "text in a number field")
    geval("woningen/huur_tekst.csv", w(3, "huur", "n.t.b."),
          "huur_tekst.csv, rij 3, veld 'huur': 'n.t.b.' is geen bedrag", "text in a rent")
    geval("woningen/huur_negatief.csv", w(3, "huur", '"-612,30"'),
          "huur_negatief.csv, rij 3, veld 'huur': '-612,30' is negatief", "negative rent")
    geval("woningen/huur_absurd.csv", w(3, "huur", "65000"),
          "huur_absurd.csv, rij 3, veld 'huur': 65000 is onwaarschijnlijk hoog", "absurd rent")
    geval("woningen/huur_duizendtal.csv", w(3, "huur", "12.345"),
          "huur_duizendtal.csv, rij 3, veld 'huur': '12.345' (gelezen als 12345) is onwaarschijnlijk hoog; verwacht "
          "een bedrag van 100 t/m 5000", "a dot before three digits is a thousands dot: 12.345 is 12345, too high")
    geval("woningen/huur_punt_in_de_euros.csv", w(3, "huur", '"6.12,30"'),
          "huur_punt_in_de_euros.csv, rij 3, veld 'huur': '6.12,30' is geen bedrag; verwacht bijvoorbeeld 612,30 of "
          "1.234,50: een komma voor de decimalen, een punt alleen tussen groepen van drie cijfers",
          "a dot that separates no group of three digits (not read as 612,30)")
    geval("woningen/huur_engelse_notatie.csv", w(3, "huur", '"1,234.50"'),
          "huur_engelse_notatie.csv, rij 3, veld 'huur': '1,234.50' is geen bedrag; verwacht bijvoorbeeld 612,30 of "
          "1.234,50", "English thousands comma and decimal point")
    geval("woningen/huur_komma_in_kommabestand.csv", w(3, "huur", "612,30"),
          "huur_komma_in_kommabestand.csv, rij 3: 9 velden, kopregel heeft er 8; staat er een komma in een getal",
          "unquoted decimal comma in a comma-separated file")
    geval("woningen/oppervlakte_tekst.csv", w(3, "oppervlakte", "groot"),
          "oppervlakte_tekst.csv, rij 3, veld 'oppervlakte': 'groot' is geen oppervlakte in m²", "text in an area")
    geval("woningen/soort_onbekend.csv", w(3, "soort", "sociaal"),
          "soort_onbekend.csv, rij 3, veld 'soort': onbekende soort 'sociaal' (bekend: vrij, gereserveerd",
          "unknown soort")
    geval("woningen/soort_verschreven.csv", w(4, "soort", "nieuwbow"),
          "soort_verschreven.csv, rij 4, veld 'soort': onbekende soort 'nieuwbow'; bedoelt u 'nieuwbouw'?",
          "misspelt soort")
    geval("woningen/kern_onbekend.csv", w(3, "kern", "Amersfoort"),
          "kern_onbekend.csv, rij 3, veld 'kern': onbekende kern 'Amersfoort' (bekend: Leusden, Achterveld)",
          "unknown kern")
    geval("woningen/kern_leeg.csv", w(3, "kern", ""), "kern_leeg.csv, rij 3, veld 'kern': leeg; verwacht een kern",
          "empty kern")
    geval("woningen/beschikbaar_31_april.csv", w(3, "beschikbaar", "2023-04-31"),
          "beschikbaar_31_april.csv, rij 3, veld 'beschikbaar': '2023-04-31' bestaat niet als datum (april 2023 heeft "
          "30 dagen)", "impossible date")
    geval("woningen/dubbel_id.csv", w(4, "id", "W02"),
          "dubbel_id.csv, rij 4, veld 'id': id 'W02' komt al voor op rij 3", "duplicate id")
    geval("woningen/formule_id.csv", w(3, "id", "-1+1"),
          "formule_id.csv, rij 3, veld 'id': id '-1+1' begint met '-'", "formula in a dwelling id")
    geval("woningen/toegankelijk_onzin.xlsx", xlsx(w(3, "toegankelijk", "soms")),
          "toegankelijk_onzin.xlsx, rij 3, veld 'toegankelijk': 'soms' is geen ja/nee", "not a yes/no (xlsx)")


def scenario(naam: str, tekst: str, fout: str, wat: str, alle: list[str] | None = None) -> None:
    geval(f"scenario/{naam}", tekst, fout, wat, alle)


def maak_scenarios() -> None:
    data = MAP / "scenario" / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "huishoudens.csv").write_text(hh(), encoding="utf-8")
    (data / "woningen.csv").write_text(w(), encoding="utf-8")
    (data / "woningen_reservering_voor_start.csv").write_text(w(4, "beschikbaar", "2022-12-01"), encoding="utf-8")
    (data / "huishoudens_kind_40.csv").write_text(hh(3, "kinderen", "j4 m40"), encoding="utf-8")
    s = SCENARIO
    scenario("kapot.toml", s.replace('naam = "corpus"', 'naam = "corpus'),
             "kapot.toml, regel 1, veld 'naam': geen geldige TOML: tekst niet gesloten op deze regel", "broken TOML")
    scenario("sleutel_verschreven.toml", s.replace("replicaties = 10", "replicatis = 10"),
             "sleutel_verschreven.toml, regel 5, veld 'replicatis': onbekende sleutel 'replicatis'; bedoelt u "
             "'replicaties'?", "misspelt key gets the right one")
    scenario("geneste_sleutel_verschreven.toml", s.replace("ronde_dagen = 7", "ronde_dagn = 7"),
             "geneste_sleutel_verschreven.toml, regel 18, veld 'toewijzing.ronde_dagn': onbekende sleutel "
             "'ronde_dagn'; bedoelt u 'ronde_dagen'?", "misspelt key in a table")
    scenario("beleid_onbekend.toml", s.replace('beleid = "flexibel"', 'beleid = "strict"'),
             "beleid_onbekend.toml, regel 3, veld 'beleid': onbekend beleid 'strict'; bedoelt u 'strikt'?",
             "unknown policy")
    scenario("beleidsregel_verschreven.toml", s + "\n[beleidsregels.flexibel]\nkinderen_per_kamr = 3\n",
             "beleidsregel_verschreven.toml, regel 28, veld 'kinderen_per_kamr': beleid 'flexibel': onbekende sleutel "
             "'kinderen_per_kamr'; bedoelt u 'kinderen_per_kamer'?", "misspelt policy key")
    scenario("oplosser_onbekend.toml", s.replace('oplosser = "auto"', 'oplosser = "snel"'),
             "oplosser_onbekend.toml, regel 19, veld 'toewijzing.oplosser': verwacht een van 'auto', 'stroom', 'scipy' "
             "of 'cpsat' (gegeven: 'snel')", "unknown solver")
    scenario("perioden_overlap.toml", s.replace('naam = "2023-2"', 'naam = "2023-2"\nstart = 2023-06-01'),
             "perioden_overlap.toml, regel 9, veld 'periode': perioden 2023-1 en 2023-2 overlappen: 2023-2 begint op "
             "2023-06-01", "periods that overlap")
    scenario("perioden_gat.toml", s.replace('naam = "2023-2"', 'naam = "2023-2"\nstart = 2023-08-01'),
             "perioden_gat.toml, regel 9, veld 'periode': tussen perioden 2023-1 en 2023-2 zit een gat",
             "periods with a gap")
    scenario("startdatum_naast_periode.toml", s.replace("startdatum = 2023-01-01", "startdatum = 2023-08-01"),
             "startdatum_naast_periode.toml, regel 2, veld 'startdatum': startdatum 2023-08-01 valt niet in de "
             "eerste periode 2023-1", "start date not at the first period")
    scenario("periode_naam.toml", s.replace('naam = "2023-2"', 'naam = "2023-3"'),
             "periode_naam.toml, regel 13, veld 'periode[2]': periode '2023-3': noem een halfjaar als JJJJ-1 of JJJJ-2",
             "period name that is no half-year")
    scenario("taakstelling_negatief.toml", s.replace("taakstelling = 35", "taakstelling = -35"),
             "taakstelling_negatief.toml, regel 11, veld 'periode[1].taakstelling': verwacht een waarde van minstens 0 "
             "(gegeven: -35)", "negative taakstelling")
    scenario("replicaties_tekst.toml", s.replace("replicaties = 10", 'replicaties = "veel"'),
             "replicaties_tekst.toml, regel 5, veld 'replicaties': verwacht een geheel getal (gegeven: 'veel')",
             "text in a number")
    scenario("kern_onbekend.toml", s.replace("Achterveld = 0.08", "Amersfoort = 0.08"),
             "kern_onbekend.toml, regel 23, veld 'aanbod.kern': kern 'Amersfoort' staat niet in kernen", "unknown kern")
    scenario("kern_aandeel_oneindig.toml", s.replace("Leusden = 0.92", "Leusden = inf"),
             "kern_aandeel_oneindig.toml, regel 24, veld 'aanbod.kern.Leusden': verwacht een eindig getal (gegeven: inf)",
             "TOML's inf as a share (no sheet means it as a number)")
    scenario("woningen_nan.toml", s.replace("woningen_per_jaar = 35", "woningen_per_jaar = nan"),
             "woningen_nan.toml, regel 22, veld 'aanbod.woningen_per_jaar': verwacht een eindig getal of een lijst "
             "tussen [ ], bijvoorbeeld [1, 2] (gegeven: nan)",
             "TOML's nan where a number or [low, high] is expected: one line naming both forms")
    scenario("woningen_lijst_tekst.toml", s.replace("woningen_per_jaar = 35", 'woningen_per_jaar = [30, "veertig"]'),
             "woningen_lijst_tekst.toml, regel 22, veld 'aanbod.woningen_per_jaar[2]': verwacht een getal "
             "(gegeven: 'veertig')", "a [low, high] range with text in it: the element named, not the other form")
    scenario("woningen_drie_waarden.toml", s.replace("woningen_per_jaar = 35", "woningen_per_jaar = [30, 35, 40]"),
             "woningen_drie_waarden.toml, regel 22, veld 'aanbod.woningen_per_jaar': verwacht een getal of een lijst "
             "van 2 waarden", "a range of three: both forms named")
    scenario("sleutel_als_typenaam.toml", s.replace("ronde_dagen = 7", "ronde_dagen = 7\nint = 3"),
             "sleutel_als_typenaam.toml, regel 19, veld 'toewijzing.int': onbekende sleutel 'int'",
             "an unknown key that looks like a type name stays an unknown key, on its own line")
    scenario("startdatum_ongeldig.toml", s.replace("startdatum = 2023-01-01", "startdatum = 2023-02-30"),
             "startdatum_ongeldig.toml, regel 2, veld 'startdatum': geen geldige TOML: datum 2023-02-30 bestaat niet; "
             "verwacht JJJJ-MM-DD",
             "impossible date in TOML")
    scenario("startdatum_ontbreekt.toml", s.replace("startdatum = 2023-01-01\n", ""),
             "startdatum_ontbreekt.toml, veld 'startdatum': sleutel 'startdatum' ontbreekt", "missing key")
    scenario("bestand_ontbreekt.toml", s.replace("data/huishoudens.csv", "data/weg.csv"),
             "bestand_ontbreekt.toml, regel 6, veld 'huishoudens': bestand 'data/weg.csv' bestaat niet",
             "waitlist file named by the scenario is missing")
    scenario("reservering_voor_start.toml", s.replace("data/woningen.csv", "data/woningen_reservering_voor_start.csv"),
             "woningen_reservering_voor_start.csv, rij 4, veld 'beschikbaar': reservering (nieuwbouw) beschikbaar op "
             "2022-12-01, vóór de start van het scenario (2023-01-01)",
             "dwelling available before the scenario's start")
    scenario("huishoudens_fout.toml", s.replace("data/huishoudens.csv", "data/huishoudens_kind_40.csv"),
             "huishoudens_kind_40.csv, rij 3, veld 'kinderen': kind van 40 jaar", "error in a file the scenario names")
    scenario("meerdere_fouten.toml",
             s.replace("replicaties = 10", "replicatis = 10").replace("ronde_dagen = 7", "ronde_dagen = 0")
             .replace("data/huishoudens.csv", "data/huishoudens_kind_40.csv"),
             "meerdere_fouten.toml, regel 5, veld 'replicatis'", "several problems in a scenario and its file",
             alle=["meerdere_fouten.toml, regel 5, veld 'replicatis'",
                   "meerdere_fouten.toml, regel 18, veld 'toewijzing.ronde_dagen': verwacht een waarde van minstens 1",
                   "huishoudens_kind_40.csv, rij 3, veld 'kinderen'"])


def maak_provincie() -> None:
    """The province's table (tests/fixtures, Utrecht 2022-2) with one thing wrong."""
    import csv
    import openpyxl
    bron = MAP.parent / "fixtures" / "provincie-utrecht-2022-2.csv"
    tekst = bron.read_text(encoding="utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))

    def als_csv(rijen: list[list[str]]) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rijen)
        return buf.getvalue().encode("utf-8-sig")

    leusden = next(i for i, r in enumerate(rijen) if r and r[0] == "Leusden")
    dubbel = rijen[: leusden + 1] + [rijen[leusden]] + rijen[leusden + 1:]
    geval("provincie/gemeente_twee_keer.csv", als_csv(dubbel),
          f"gemeente_twee_keer.csv, rij {leusden + 2}, veld 'gemeente': gemeente 'Leusden' staat er twee keer in "
          f"(ook rij {leusden + 1})", "a gemeente twice in the province's table")
    tekst_getal = [list(r) for r in rijen]
    tekst_getal[leusden][7] = "ruim dertig"
    geval("provincie/tekst_in_getal.csv", als_csv(tekst_getal),
          f"tekst_in_getal.csv, rij {leusden + 1}, veld 'Realisatie 2022‐2 tot 10 november 2022': 'ruim dertig' "
          "is geen geheel getal", 
          "text in a number of the province's table")
    geval("provincie/alleen_koppen.csv", als_csv([r for r in rijen[:3]]),
          "alleen_koppen.csv, rij 3: alleen een kopregel, geen gemeenten", "province's table with headers only")
    boek = openpyxl.load_workbook(MAP.parent / "fixtures" / "provincie-utrecht-2022-2.xlsx")
    blad = boek.worksheets[0]
    for rij in blad.iter_rows():
        if rij[0].value == "Utrecht":
            rij[0].value = "Leusden"
            utrecht = rij[0].row
    buf = io.BytesIO()
    boek.save(buf)
    geval("provincie/gemeente_twee_keer.xlsx", buf.getvalue(),
          f"gemeente_twee_keer.xlsx, rij {utrecht}, veld 'gemeente': gemeente 'Leusden' staat er twee keer in",
          "a gemeente twice (xlsx with merged header cells)")


def schrijf_manifest() -> None:
    regels = ["# Malformed inputs and the error each must give (tests/test_controleer_corpus.py).",
              "# Generated by maak_corpus.py. Per file: `fout` is a fragment of the first error line (file, row",
              "# or TOML line, field, message), given by `huisvesting controleer` and by the command that would",
              "# consume the file (toewijzen --huishoudens / --woningen / --scenario, prognose TABEL --peildatum,",
              "# by folder); `alle` lists",
              "# fragments that `controleer` must all show when a file has several problems.", ""]
    for g in GEVALLEN:
        regels.append(f"[{json.dumps(g['pad'])}]")
        regels.append(f"wat = {json.dumps(g['wat'], ensure_ascii=False)}")
        regels.append(f"fout = {json.dumps(g['fout'], ensure_ascii=False)}")
        if g["alle"]:
            regels.append("alle = [" + ", ".join(json.dumps(a, ensure_ascii=False) for a in g["alle"]) + "]")
        regels.append("")
    (MAP / "verwacht.toml").write_text("\n".join(regels), encoding="utf-8")


def main() -> None:
    maak_huishoudens()
    maak_woningen()
    maak_scenarios()
    maak_provincie()
    schrijf_manifest()
    gemaakt = {g["pad"] for g in GEVALLEN}
    for sub in ("huishoudens", "woningen", "scenario", "provincie"):
        for p in (MAP / sub).glob("*"):
            if p.is_file() and f"{sub}/{p.name}" not in gemaakt:
                p.unlink()  # a case that was removed
    print(f"{len(GEVALLEN)} gevallen geschreven in {MAP}")


if __name__ == "__main__":
    main()
