"""event_participants carry their event's list-order keys: an actor's events walk one index

Revision ID: b3e8f1c4d2a7
Revises: a7c3e9d2b6f1
Create Date: 2026-11-28 09:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b3e8f1c4d2a7"
down_revision = "a7c3e9d2b6f1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_participants") as batch:
        batch.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("start", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE event_participants p SET document_id = e.document_id, start = e.start "
            "FROM events e WHERE e.id = p.event_id"
        )
    else:
        op.execute(
            "UPDATE event_participants SET "
            "document_id = (SELECT document_id FROM events WHERE events.id = event_id), "
            "start = (SELECT start FROM events WHERE events.id = event_id)"
        )
    with op.batch_alter_table("event_participants") as batch:
        batch.alter_column("document_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("start", existing_type=sa.Integer(), nullable=False)
        batch.create_index(
            "ix_event_participants_actor_order",
            ["actor_id", "document_id", "start", "event_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("event_participants") as batch:
        batch.drop_index("ix_event_participants_actor_order")
        batch.drop_column("start")
        batch.drop_column("document_id")
