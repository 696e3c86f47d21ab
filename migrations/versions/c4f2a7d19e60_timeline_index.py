"""timeline index: (date, status) serves timelines index-only; it and (date, id) make the
single-column date index redundant

Revision ID: c4f2a7d19e60
Revises: b9a1e8209386
Create Date: 2026-11-28 03:10:00

"""

from alembic import op

revision = "c4f2a7d19e60"
down_revision = "b9a1e8209386"
branch_labels = None
depends_on = None


def upgrade():
    # Plain index operations: SQLite runs them in place, no batch table copy (which would
    # drop the FTS triggers).
    op.create_index("ix_events_date_status", "events", ["date", "status"], unique=False)
    op.drop_index("ix_events_date", table_name="events")


def downgrade():
    op.create_index("ix_events_date", "events", ["date"], unique=False)
    op.drop_index("ix_events_date_status", table_name="events")
