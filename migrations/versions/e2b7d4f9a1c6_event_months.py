"""event_months: events per month, type and status, for timelines and totals over whole months

Revision ID: e2b7d4f9a1c6
Revises: d7e1b5c3a9f2
Create Date: 2026-11-28 12:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e2b7d4f9a1c6"
down_revision = "d7e1b5c3a9f2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "type", "status", name=op.f("pk_event_months")),
    )
    with op.batch_alter_table("event_months") as batch:
        batch.create_index(
            "ix_event_months_cover", ["type", "month", "status", "count"], unique=False
        )
    postgres = op.get_bind().dialect.name == "postgresql"
    month = "CAST(date_trunc('month', day) AS DATE)" if postgres else "strftime('%Y-%m-01', day)"
    op.execute(
        f"INSERT INTO event_months (month, type, status, count) "
        f"SELECT {month}, type, status, sum(count) FROM event_days "
        f"GROUP BY {month}, type, status"
    )


def downgrade():
    op.drop_table("event_months")
