"""type-and-dates index: (type, date, status) lists and counts a type over a date range
without visiting other types' rows; it makes the single-column type index redundant

Revision ID: e5a9c2f0b318
Revises: d81b3c5a7f42
Create Date: 2026-11-28 03:25:00

"""

from alembic import op

revision = "e5a9c2f0b318"
down_revision = "d81b3c5a7f42"
branch_labels = None
depends_on = None


def upgrade():
    # Plain index operations: no batch table copy on SQLite (it would drop the FTS triggers).
    op.create_index("ix_events_type_date", "events", ["type", "date", "status"], unique=False)
    op.drop_index("ix_events_type", table_name="events")


def downgrade():
    op.create_index("ix_events_type", "events", ["type"], unique=False)
    op.drop_index("ix_events_type_date", table_name="events")
