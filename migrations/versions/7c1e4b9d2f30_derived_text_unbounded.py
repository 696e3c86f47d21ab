"""Derived text of any length on PostgreSQL: kickers, media credits, actor titles, mention
text, events' date text and location, quote cues

A valid brief can make any of these longer than the VARCHAR(n) they were created with (an
all-caps lead of 300 characters read as a kicker, a long place after "in"), and PostgreSQL
refused the whole brief while SQLite stored it. They become text. Indexed columns (actor
names, keys and aliases) and the title (in the search vector) keep their length instead:
the ingest cuts them at a word boundary (api/db.fit).

SQLite never enforced these lengths, and changing a declared type there means recreating
tables that other tables reference (and the search triggers on them): its declarations stay
(the models say so with `unbounded(n)`), and this migration changes nothing there, up or down.
Downgrading on PostgreSQL cuts values to the old lengths first.

Revision ID: 7c1e4b9d2f30
Revises: e2b7d4f9a1c6
Create Date: 2026-12-06 12:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7c1e4b9d2f30"
down_revision = "e2b7d4f9a1c6"
branch_labels = None
depends_on = None

COLUMNS = [
    ("documents", "kicker", 100),
    ("media", "credit", 500),
    ("media", "photographer", 200),
    ("media", "agency", 200),
    ("actors", "title", 300),
    ("mentions", "text", 300),
    ("events", "date_text", 100),
    ("events", "location", 200),
    ("quotes", "cue", 50),
]


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    if not _postgres():
        return
    for table, column, length in COLUMNS:
        # varchar(n) -> text is binary-coercible: no table rewrite, no index rebuild.
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))


def downgrade():
    if not _postgres():
        return
    for table, column, length in COLUMNS:
        op.execute(
            f'UPDATE {table} SET "{column}" = left("{column}", {length}) '
            f'WHERE length("{column}") > {length}'
        )
        op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text())
