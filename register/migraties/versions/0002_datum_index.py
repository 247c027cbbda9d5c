"""Index op de datum van gebeurtenissen: stand en pijplijn zoeken op (sleutel)datum."""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_index("ix_gebeurtenissen_datum", "gebeurtenissen", ["datum"])
