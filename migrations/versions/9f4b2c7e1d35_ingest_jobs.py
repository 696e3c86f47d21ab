"""ingest_jobs and ingest_job_items: batches ingested by a queue, each brief's outcome

Revision ID: 9f4b2c7e1d35
Revises: 7c1e4b9d2f30
Create Date: 2026-12-06 15:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "9f4b2c7e1d35"
down_revision = "7c1e4b9d2f30"
branch_labels = None
depends_on = None

# Self-contained (no import of the app): the column type api.db.UTCDateTime renders as.
WHEN = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "ingest_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("started_at", WHEN, nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["api_tokens.id"],
            name=op.f("fk_ingest_jobs_token_id_api_tokens"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_jobs")),
    )
    op.create_index(op.f("ix_ingest_jobs_token_id"), "ingest_jobs", ["token_id"])
    op.create_table(
        "ingest_job_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("brief", sa.JSON(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("settled_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["ingest_jobs.id"],
            name=op.f("fk_ingest_job_items_job_id_ingest_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_job_items")),
        sa.UniqueConstraint("job_id", "index", name=op.f("uq_ingest_job_items_job_id")),
    )
    op.create_index("ix_ingest_job_items_job_id_state", "ingest_job_items", ["job_id", "state"])
    op.create_index("ix_ingest_job_items_state", "ingest_job_items", ["state"])
    op.create_index(op.f("ix_ingest_job_items_settled_at"), "ingest_job_items", ["settled_at"])


def downgrade():
    op.drop_table("ingest_job_items")
    op.drop_table("ingest_jobs")
