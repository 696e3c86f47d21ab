"""event_totals: events per type and status, dated or not, for exact list totals

Revision ID: c5d9a2e7f0b4
Revises: b3e8f1c4d2a7
Create Date: 2026-11-28 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c5d9a2e7f0b4"
down_revision = "b3e8f1c4d2a7"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_totals",
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("type", "status", name=op.f("pk_event_totals")),
    )
    op.execute(
        "INSERT INTO event_totals (type, status, count) "
        "SELECT type, status, count(*) FROM events GROUP BY type, status"
    )


def downgrade():
    op.drop_table("event_totals")
