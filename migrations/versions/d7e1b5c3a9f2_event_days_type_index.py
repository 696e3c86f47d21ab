"""event_days: a covering index led by type, for one type's counts over a date range

Revision ID: d7e1b5c3a9f2
Revises: c5d9a2e7f0b4
Create Date: 2026-11-28 10:30:00

"""

from alembic import op

revision = "d7e1b5c3a9f2"
down_revision = "c5d9a2e7f0b4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_days") as batch:
        batch.create_index(
            "ix_event_days_type_cover", ["type", "day", "status", "count"], unique=False
        )


def downgrade():
    with op.batch_alter_table("event_days") as batch:
        batch.drop_index("ix_event_days_type_cover")
