"""Opening a register: a path (SQLite, WAL mode) or a database URL (PostgreSQL), migrated to
the newest schema with Alembic on `init` and on open when older.

Writers serialise: SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE, so two writers never
both read a state and then both write), PostgreSQL takes a transaction-level advisory lock. A
check such as "this offer is still open" and the entry that follows are one transaction.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from contextlib import contextmanager
from pathlib import Path

from matching.bestanden import InvoerFout

_SCHRIJFSLOT = 15  # advisory lock id on PostgreSQL (the number; any constant will do)


def vereist() -> None:
    """The register's extra is installed, or one Dutch line on how to install it."""
    _sqlalchemy()


def _sqlalchemy():
    from matching.extras import ontbreekt, vereis
    vereis("register")
    try:
        import alembic  # noqa: F401
        import sqlalchemy
    except ImportError:  # found but broken, or half installed
        raise ontbreekt("register") from None
    return sqlalchemy


def is_url(db: str) -> bool:
    return "://" in db


def fout(db: str, melding: str, veld: str | None = None) -> InvoerFout:
    """An error about a register: named by its file, or by its URL without the password."""
    if not is_url(db):
        return InvoerFout(db, melding, veld=veld)
    try:
        from sqlalchemy.engine import make_url
        naam = make_url(db).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: name only its scheme
        naam = db.split("://")[0] + "://..."
    return InvoerFout(None, f"{naam}: {melding}", veld=veld)


def _url(db: str, nieuw: bool) -> str:
    if is_url(db):
        return db
    pad = Path(db)
    if not nieuw and not pad.is_file():
        raise fout(db, "register niet gevonden; maak het eerst met: huisvesting register init " + db)
    if nieuw and pad.exists():
        raise fout(db, "bestaat al; kies een nieuw bestand voor een nieuw register")
    if nieuw and not pad.parent.is_dir():
        raise fout(db, f"map {pad.parent} bestaat niet")
    return f"sqlite:///{pad.resolve()}"


def _motor(url: str):
    sa = _sqlalchemy()
    try:
        motor = sa.create_engine(url, future=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as e:
        raise InvoerFout(None, f"ongeldige database-URL '{url.split('@')[-1]}' ({e.__class__.__name__}); "
                               "geef een pad of postgresql+psycopg://gebruiker@host/database") from None
    if motor.dialect.name == "sqlite":
        @sa.event.listens_for(motor, "connect")
        def _verbonden(dbapi, _record):
            dbapi.isolation_level = None  # we issue BEGIN ourselves (see the module docstring)
            cur = dbapi.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @sa.event.listens_for(motor, "begin")
        def _begin(verbinding):
            verbinding.exec_driver_sql("BEGIN IMMEDIATE")
    return motor


def _alembic_config(verbinding):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migraties"))
    cfg.attributes["verbinding"] = verbinding
    return cfg


def schema_versie(verbinding) -> str | None:
    from alembic.runtime.migration import MigrationContext
    return MigrationContext.configure(verbinding).get_current_revision()


def nieuwste_versie() -> str:
    from alembic.script import ScriptDirectory
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migraties"))
    return ScriptDirectory.from_config(cfg).get_current_head()


def migreer(motor) -> None:
    """Bring the schema to the newest version (nothing to do when it is already)."""
    from alembic import command
    with motor.connect() as verbinding:
        if schema_versie(verbinding) == nieuwste_versie():
            return
    with motor.begin() as verbinding:
        if schema_versie(verbinding) != nieuwste_versie():  # another process may have done it meanwhile
            command.upgrade(_alembic_config(verbinding), "head")


class Register:
    """An open register: `schrijf()` gives a serialised write transaction, `lees()` a read."""

    def __init__(self, db: str, nieuw: bool = False):
        self.db = db
        self.motor = _motor(_url(db, nieuw))
        sa = _sqlalchemy()
        try:
            if nieuw:
                migreer(self.motor)
            else:
                with self.motor.connect() as v:
                    versie = schema_versie(v)
                if versie is None:
                    raise fout(db, "geen register (geen schema); maak het met: huisvesting register init")
                if versie != nieuwste_versie():
                    migreer(self.motor)
        except sa.exc.OperationalError as e:
            reden = (str(e.orig).strip().splitlines() or [""])[0].split("FATAL:")[-1].strip()
            raise fout(db, f"database niet bereikbaar of geen register ({reden[:160]})") from None
        except sa.exc.DatabaseError:
            raise fout(db, "geen register (geen SQLite-database)") from None

    @contextmanager
    def schrijf(self):
        with self.motor.begin() as v:
            if self.motor.dialect.name == "postgresql":
                v.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHRIJFSLOT})")
            yield v

    @contextmanager
    def lees(self):
        with self.motor.connect() as v:
            yield v

    def sluit(self) -> None:
        self.motor.dispose()


def open_register(db: str) -> Register:
    return Register(db)


def maak_register(db: str) -> Register:
    return Register(db, nieuw=True)


def door(gegeven: str | None) -> str:
    """Who records: `--door`, else the user of the environment."""
    if gegeven and gegeven.strip():
        return gegeven.strip()[:80]
    try:
        return getpass.getuser()[:80]
    except (KeyError, OSError):
        return os.environ.get("USER", "onbekend")[:80]


def nu() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
