"""Ingest jobs: a batch of briefs and each brief's outcome, kept in the database (not only in a
broker's result backend) so any web process answers for them and they survive a broker
restart."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column

from .db import UTCDateTime, db, utcnow

# An item's life: queued -> running -> stored | duplicate | failed. A redelivered task finds
# its item settled and does nothing.
UNSETTLED = ("queued", "running")
SETTLED = ("stored", "duplicate", "failed")
ITEM_STATES = UNSETTLED + SETTLED
JOB_STATES = ("queued", "running", "done", "failed")


class IngestJob(db.Model):
    __tablename__ = "ingest_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Who may see it (with admin tokens); null for the operator's CLI or with auth off.
    token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_tokens.id", ondelete="SET NULL"), index=True
    )
    total: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def counts(self) -> dict[str, int]:
        return job_counts(self)

    @property
    def status(self) -> str:
        return job_status(self, self.counts)

    @property
    def results_url(self) -> str:
        return f"/api/v1/ingest-jobs/{self.id}/results"


class IngestJobItem(db.Model):
    """One brief of a job, by its position in the batch."""

    __tablename__ = "ingest_job_items"
    __table_args__ = (
        UniqueConstraint("job_id", "index"),
        # Counts per job and state (a job's status), and unsettled items for metrics.
        Index("ix_ingest_job_items_job_id_state", "job_id", "state"),
        Index("ix_ingest_job_items_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("ingest_jobs.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    content_hash: Mapped[str | None] = mapped_column(String(64))
    # The brief as validated, until it is settled (then dropped: the document holds it).
    brief: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Stored: the new document; duplicate: the document that held the text already. No
    # foreign key: a result is a record of what happened, and deleting a document later
    # must not have to touch every job that named it.
    document_id: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    @property
    def duplicate_of(self) -> int | None:
        return self.document_id if self.state == "duplicate" else None


def _count(state: str):
    """How many of a job's briefs are in `state`: one index lookup on (job_id, state)."""
    stmt = select(func.count()).where(
        IngestJobItem.job_id == IngestJob.id, IngestJobItem.state == state
    )
    return column_property(stmt.correlate_except(IngestJobItem).scalar_subquery())


# Counts are read from the items, never kept on the job row: workers settling briefs of one
# job in parallel would otherwise all update (and queue behind) that one row.
for _state in ITEM_STATES:
    setattr(IngestJob, f"n_{_state}", _count(_state))


def job_counts(job: IngestJob) -> dict[str, int]:
    return {"total": job.total} | {s: getattr(job, f"n_{s}") for s in ITEM_STATES}


def job_status(job: IngestJob, counts: dict[str, int]) -> str:
    if counts["queued"] + counts["running"] == 0:
        return "done" if counts["stored"] + counts["duplicate"] else "failed"
    return "queued" if job.started_at is None else "running"
