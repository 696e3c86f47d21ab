"""event_days covering index: a timeline reads the rollup index-only

Revision ID: f3d6b8a1c927
Revises: e5a9c2f0b318
Create Date: 2026-11-28 04:00:00

"""

from alembic import op

revision = "f3d6b8a1c927"
down_revision = "e5a9c2f0b318"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_event_days_cover", "event_days", ["day", "type", "status", "count"], unique=False
    )


def downgrade():
    op.drop_index("ix_event_days_cover", table_name="event_days")
