"""Alembic environment: the connection is handed in by `register.opslag.migreer`."""

from alembic import context

from register.schema import metadata

verbinding = context.config.attributes["verbinding"]
context.configure(connection=verbinding, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
