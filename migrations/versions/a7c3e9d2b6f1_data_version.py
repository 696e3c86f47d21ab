"""data_version: one row raised by every writing transaction; cached reads check it

Revision ID: a7c3e9d2b6f1
Revises: f3d6b8a1c927
Create Date: 2026-11-28 06:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a7c3e9d2b6f1"
down_revision = "f3d6b8a1c927"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])


def downgrade():
    op.drop_table("data_version")
