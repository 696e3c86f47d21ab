"""`flask --app api ingest PATH --queue`: the briefs go to the job queue (Celery workers, or
the embedded pool in this process), and the command follows the jobs with a progress bar."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from schemas.jobs import MAX_BATCH

from .briefs import BriefIn, IngestError
from .db import db, utcnow
from .dispatch import BrokerUnavailable, queue
from .job_models import SETTLED, UNSETTLED, IngestJob, IngestJobItem
from .queue import BatchRejected, brief_to_json, create_job, discard_job

POLL_SECONDS = 0.5
STATES = {"stored": "stored", "duplicate": "already stored", "failed": "failed"}


def ingest_queued(files: list[Path], read: Callable[[Path], BriefIn]) -> tuple[Counter, list[str]]:
    """(counts by outcome, one line per file) once every brief is settled."""
    counts, lines, jobs = Counter(), [], []
    items, paths = [], []
    for path in files:
        try:
            items.append(brief_to_json(read(path)))
            paths.append(path)
        except (IngestError, OSError) as exc:
            counts["failed"] += 1
            lines.append(f"FAILED {path}: {exc}")
    for start in range(0, len(items), MAX_BATCH):
        chunk = items[start : start + MAX_BATCH]
        chunk_paths = paths[start : start + MAX_BATCH]
        try:
            job, _, ids = create_job(db.session, chunk, None)
        except BatchRejected as exc:  # not one brief acceptable: no job
            counts["failed"] += len(exc.rejected)
            lines += [f"FAILED {chunk_paths[r['index']]}: {r['errors']}" for r in exc.rejected]
            continue
        try:
            queue().send(ids)
        except BrokerUnavailable as exc:
            discard_job(db.session, job.id)
            raise click.ClickException(f"the job queue is unavailable: {exc}") from exc
        click.echo(f"job {job.id}: {len(chunk)} briefs queued")
        jobs.append((job.id, chunk_paths))
    _follow([j for j, _ in jobs], sum(len(p) for _, p in jobs))
    for job_id, chunk_paths in jobs:
        rows = db.session.execute(
            select(IngestJobItem.index, IngestJobItem.state, IngestJobItem.document_id)
            .add_columns(IngestJobItem.error)
            .where(IngestJobItem.job_id == job_id)
            .order_by(IngestJobItem.index)
        )
        for index, state, document_id, error in rows:
            outcome = STATES.get(state, state)
            counts[outcome] += 1
            if state == "failed":
                lines.append(f"FAILED {chunk_paths[index]}: {error}")
            else:
                lines.append(f"{outcome} {chunk_paths[index]} document {document_id}")
    return counts, lines


def _settled(job_ids: list[int]) -> int:
    db.session.rollback()  # a fresh snapshot each time
    stmt = select(IngestJobItem.id).where(
        IngestJobItem.job_id.in_(job_ids), IngestJobItem.state.in_(SETTLED)
    )
    return db.session.scalar(select(db.func.count()).select_from(stmt.subquery()))


def _follow(job_ids: list[int], total: int) -> None:
    if not job_ids:
        return
    done = 0
    with click.progressbar(length=total, label="ingesting (queued)") as bar:
        while done < total:
            now = _settled(job_ids)
            bar.update(now - done)
            done = now
            if done < total:
                time.sleep(POLL_SECONDS)


@click.command("requeue")
@with_appcontext
@click.option(
    "--older-than",
    type=click.FloatRange(0),
    default=600,
    show_default=True,
    help="Seconds since the job was created: younger briefs may still be on their way.",
)
def requeue_command(older_than: float) -> None:
    """Send unsettled briefs of jobs to the workers again: after a broker lost its queue, or a
    web process running the embedded pool stopped. A brief settled meanwhile is skipped by
    its task, and one stored already settles as a duplicate: nothing is stored twice."""
    since = utcnow() - timedelta(seconds=older_than)
    stmt = (
        select(IngestJobItem.id)
        .join(IngestJob, IngestJob.id == IngestJobItem.job_id)
        .where(IngestJobItem.state.in_(UNSETTLED), IngestJob.created_at <= since)
        .order_by(IngestJobItem.id)
    )
    ids = list(db.session.scalars(stmt))
    db.session.rollback()
    try:
        queue().send(ids)
    except BrokerUnavailable as exc:
        raise click.ClickException(f"the job queue is unavailable: {exc}") from exc
    queue().drain(timeout=None)
    click.echo(f"{len(ids)} briefs sent again")
