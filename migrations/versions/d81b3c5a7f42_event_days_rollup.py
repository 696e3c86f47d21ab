"""event_days: daily event counts per type and status, for timelines; filled from events

Revision ID: d81b3c5a7f42
Revises: c4f2a7d19e60
Create Date: 2026-11-28 03:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d81b3c5a7f42"
down_revision = "c4f2a7d19e60"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "type", "status", name=op.f("pk_event_days")),
    )
    op.execute(
        "INSERT INTO event_days (day, type, status, count) "
        "SELECT date, type, status, count(*) FROM events WHERE date IS NOT NULL "
        "GROUP BY date, type, status"
    )


def downgrade():
    op.drop_table("event_days")
