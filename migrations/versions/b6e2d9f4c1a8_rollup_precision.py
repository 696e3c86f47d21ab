"""event_days and event_months keep each event's date precision: a timeline counts an event in
a bucket only when its date is at least as fine as the bucket (issue 19, item 4)

Both rollups are rebuilt from the events with the precision in their key (a dated event
without one counts as `day`, as api/rollup.py counts it); a downgrade rebuilds them without.

Revision ID: b6e2d9f4c1a8
Revises: f8a2c6e1d4b9
Create Date: 2026-12-06 18:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b6e2d9f4c1a8"
down_revision = "f8a2c6e1d4b9"
branch_labels = None
depends_on = None

PRECISION = "coalesce(date_precision, 'day')"


def _month(postgres: bool) -> str:
    return "CAST(date_trunc('month', date) AS DATE)" if postgres else "strftime('%Y-%m-01', date)"


def _create(with_precision: bool) -> None:
    """Both rollups, empty, in the shape of one side of this revision, with their indexes."""
    extra = ["date_precision"] if with_precision else []
    for table, column in (("event_days", "day"), ("event_months", "month")):
        columns = [
            sa.Column(column, sa.Date(), nullable=False),
            sa.Column("type", sa.String(length=20), nullable=False),
            sa.Column("status", sa.String(length=20), nullable=False),
        ]
        if with_precision:
            columns.append(sa.Column("date_precision", sa.String(length=10), nullable=False))
        key = [column, "type", "status", *extra]
        op.create_table(
            table,
            *columns,
            sa.Column("count", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint(*key, name=op.f(f"pk_{table}")),
        )
    op.create_index(
        "ix_event_days_cover", "event_days", ["day", "type", "status", *extra, "count"]
    )
    op.create_index(
        "ix_event_days_type_cover", "event_days", ["type", "day", "status", *extra, "count"]
    )
    op.create_index(
        "ix_event_months_cover", "event_months", ["type", "month", "status", *extra, "count"]
    )


def _fill(with_precision: bool) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, column, period in (
        ("event_days", "day", "date"),
        ("event_months", "month", _month(postgres)),
    ):
        keys = f"{column}, type, status" + (", date_precision" if with_precision else "")
        groups = f"{period}, type, status" + (f", {PRECISION}" if with_precision else "")
        op.execute(
            f"INSERT INTO {table} ({keys}, count) SELECT {groups}, count(*) FROM events "
            f"WHERE date IS NOT NULL GROUP BY {groups}"
        )


def _rebuild(with_precision: bool) -> None:
    op.drop_table("event_days")
    op.drop_table("event_months")
    _create(with_precision)
    _fill(with_precision)


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
