"""Registers for tests: a SQLite file always, and a fresh database on a real PostgreSQL server
when HUISVESTING_TEST_PG names one (a URL such as postgresql+psycopg://postgres@/test?host=/tmp)."""

from __future__ import annotations

import os
import uuid

import pytest

PG = os.environ.get("HUISVESTING_TEST_PG")
SOORTEN = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG, reason="geen PostgreSQL-server (zet HUISVESTING_TEST_PG)"))]


def _pg_database():
    """A new, empty database on the server of HUISVESTING_TEST_PG; dropped by `_weg`."""
    import sqlalchemy as sa

    url = sa.engine.make_url(PG)
    naam = f"register_{uuid.uuid4().hex[:12]}"
    beheer = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with beheer.connect() as v:
        v.exec_driver_sql(f'CREATE DATABASE "{naam}"')
    beheer.dispose()
    return url.set(database=naam).render_as_string(hide_password=False), naam


def _weg(naam: str) -> None:
    import sqlalchemy as sa

    beheer = sa.create_engine(sa.engine.make_url(PG), isolation_level="AUTOCOMMIT")
    with beheer.connect() as v:
        v.exec_driver_sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    beheer.dispose()


@pytest.fixture(params=SOORTEN)
def db(request, tmp_path):
    """A register location not yet initialised: a path, or the URL of an empty database."""
    if request.param == "sqlite":
        yield str(tmp_path / "register.db")
        return
    url, naam = _pg_database()
    try:
        yield url
    finally:
        _weg(naam)
