"""Het register: instellingen, gebeurtenissen en bewaarde boekingen."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "instellingen",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sleutel", sa.String(40), nullable=False, index=True),
        sa.Column("waarde", sa.Text, nullable=False),
        sa.Column("tijd", sa.DateTime, nullable=False),
        sa.Column("door", sa.String(80), nullable=False),
    )
    op.create_table(
        "gebeurtenissen",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("soort", sa.String(20), nullable=False, index=True),
        sa.Column("huishouden", sa.String(64), index=True),
        sa.Column("woning", sa.String(64), index=True),
        sa.Column("datum", sa.Date),
        sa.Column("personen", sa.Integer),
        sa.Column("code", sa.String(64)),
        sa.Column("redenen", sa.Text),
        sa.Column("gegevens", sa.Text),
        sa.Column("ronde", sa.Integer),
        sa.Column("corrigeert", sa.Integer, sa.ForeignKey("gebeurtenissen.id")),
        sa.Column("tijd", sa.DateTime, nullable=False),
        sa.Column("door", sa.String(80), nullable=False),
        sa.Column("beleid", sa.String(80), nullable=False),
    )
    op.create_table(
        "bewaarde_boekingen",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("datum", sa.Date, nullable=False),
        sa.Column("personen", sa.Integer, nullable=False),
        sa.Column("bron", sa.String(40), nullable=False),
        sa.Column("tijd", sa.DateTime, nullable=False),
        sa.Column("door", sa.String(80), nullable=False),
    )
