"""The register's tables (SQLAlchemy Core). Append-only: rows are inserted, never updated;
`opschonen` is the one deletion (retention), after moving the counts to `bewaarde_boekingen`.

Only pseudonymous ids and counts: a household is its id from the gemeente's own file with the
fields matching needs (composition, koppeldatum, kern), as in the files `toewijzen` reads.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

# Settings, latest row per key wins: the scenario the register belongs to (gemeente, kernen,
# periods with their taakstelling, stand at the start).
instellingen = Table(
    "instellingen", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sleutel", String(40), nullable=False, index=True),
    Column("waarde", Text, nullable=False),
    Column("tijd", DateTime, nullable=False),
    Column("door", String(80), nullable=False),
)

# One log of everything that happened, in the order it was recorded. `soort`:
# huishouden / woning (an imported record, `gegevens` JSON), ronde, voorstel (with every reason),
# aanbod, acceptatie (sleuteldatum in `datum`), weigering (`code`), nareizigers (`personen`
# arrived on `datum`), vervolg (a housed household back on the list for vervolghuisvesting),
# vervallen (voids the entry in `corrigeert`), opgeschoond (households housed before `datum`
# removed, `personen` = how many). A correction is an entry of the same soort whose
# `corrigeert` points at the entry it replaces.
gebeurtenissen = Table(
    "gebeurtenissen", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("soort", String(20), nullable=False, index=True),
    Column("huishouden", String(64), index=True),
    Column("woning", String(64), index=True),
    Column("datum", Date, index=True),
    Column("personen", Integer),
    Column("code", String(64)),
    Column("redenen", Text),
    Column("gegevens", Text),
    Column("ronde", Integer),
    Column("corrigeert", Integer, ForeignKey("gebeurtenissen.id")),
    Column("tijd", DateTime, nullable=False),
    Column("door", String(80), nullable=False),
    Column("beleid", String(80), nullable=False),
)

# Counts kept when households are removed after the retention period: no household id.
bewaarde_boekingen = Table(
    "bewaarde_boekingen", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("datum", Date, nullable=False),
    Column("personen", Integer, nullable=False),
    Column("bron", String(40), nullable=False),
    Column("tijd", DateTime, nullable=False),
    Column("door", String(80), nullable=False),
)
