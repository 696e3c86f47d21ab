"""Ingest jobs: a batch validated item by item and kept as a job; each brief then goes through
the one ingest path (api/ingest.py) in whichever worker takes it — a Celery worker on any
machine, or the embedded pool (api/dispatch.py) — and its outcome is recorded on its item."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import date
from itertools import islice
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import exists, insert, null, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from schemas.documents import DocumentInSchema

from .briefs import BriefIn, IngestError, check_fields, clean_text
from .db import db, utcnow
from .ingest import content_hash, ingest
from .job_models import SETTLED, UNSETTLED, IngestJob, IngestJobItem
from .models import Document

log = logging.getLogger(__name__)
FIELDS = ("source", "url", "section")
LOOKUP_BATCH = 500  # hashes looked up per query when a job is created


class BatchRejected(Exception):
    """Not one item of the batch is acceptable: nothing is queued."""

    def __init__(self, rejected: list[dict]) -> None:
        super().__init__(f"{len(rejected)} items rejected")
        self.rejected = rejected


def brief_to_json(brief: BriefIn) -> dict[str, Any]:
    data: dict[str, Any] = {"text": brief.text, "metadata": brief.metadata}
    data.update({k: getattr(brief, k) for k in FIELDS if getattr(brief, k) is not None})
    if brief.published is not None:
        data["published"] = brief.published.isoformat()
    return data


def brief_from_json(data: dict[str, Any]) -> BriefIn:
    published = date.fromisoformat(data["published"]) if data.get("published") else None
    fields = {k: data[k] for k in FIELDS if data.get(k) is not None}
    return BriefIn(
        text=data["text"], metadata=data.get("metadata") or {}, published=published, **fields
    )


def validate_items(items: list) -> tuple[list[tuple[int, BriefIn, str]], list[dict]]:
    """((index, brief, content hash) of every acceptable item, [{index, errors}] of the rest):
    the checks `POST /documents` makes, item by item."""
    schema = DocumentInSchema()
    good, rejected = [], []
    for index, raw in enumerate(items):
        if not isinstance(raw, dict):
            rejected.append({"index": index, "errors": {"_schema": ["Give a brief object."]}})
            continue
        try:
            data = schema.load(raw)
        except ValidationError as exc:
            rejected.append({"index": index, "errors": exc.normalized_messages()})
            continue
        fields = {k: data[k] for k in (*FIELDS, "published") if data.get(k) is not None}
        brief = BriefIn(text=data["text"], metadata=data.get("metadata") or {}, **fields)
        try:
            digest = content_hash(clean_text(brief.text))
            check_fields(brief)
        except IngestError as exc:
            rejected.append({"index": index, "errors": {exc.field: [str(exc)]}})
            continue
        good.append((index, brief, digest))
    return good, rejected


def _stored(session: Session, digests: list[str]) -> dict[str, int]:
    """Content hash -> document id of the texts stored already."""
    found: dict[str, int] = {}
    it = iter(dict.fromkeys(digests))
    while chunk := list(islice(it, LOOKUP_BATCH)):
        stmt = select(Document.content_hash, Document.id).where(Document.content_hash.in_(chunk))
        found.update(session.execute(stmt).all())
    return found


def create_job(
    session: Session, items: list, token_id: int | None
) -> tuple[IngestJob, list[dict], list[int]]:
    """(the job, the rejected items, ids of the items to run). Texts stored already are
    settled as duplicates at once, before any worker sees them."""
    good, rejected = validate_items(items)
    if not good:
        raise BatchRejected(rejected)
    now = utcnow()
    job = IngestJob(token_id=token_id, total=len(items), created_at=now)
    session.add(job)
    session.flush()
    stored = _stored(session, [digest for *_, digest in good])
    rows = []
    for index, brief, digest in good:
        row = {"job_id": job.id, "index": index, "content_hash": digest, "attempts": 0}
        if digest in stored:
            row.update(state="duplicate", document_id=stored[digest], settled_at=now)
        else:
            row.update(state="queued", brief=brief_to_json(brief))
        rows.append(row)
    for bad in rejected:
        error = "; ".join(
            f"{k}: {' '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in bad["errors"].items()
        )
        rows.append(
            {"job_id": job.id, "index": bad["index"], "state": "failed", "error": error}
            | {"attempts": 0, "settled_at": now}
        )
    session.execute(insert(IngestJobItem), sorted(rows, key=lambda r: r["index"]))
    if not any(r["state"] == "queued" for r in rows):
        job.started_at = job.finished_at = now
    session.commit()
    queued = select(IngestJobItem.id).where(
        IngestJobItem.job_id == job.id, IngestJobItem.state == "queued"
    )
    return job, rejected, list(session.scalars(queued.order_by(IngestJobItem.index)))


def discard_job(session: Session, job_id: int) -> None:
    """Remove a job whose briefs could not be queued (the broker is down): a task sent before
    the failure finds no item and does nothing."""
    session.rollback()
    session.execute(IngestJob.__table__.delete().where(IngestJob.id == job_id))
    session.commit()


def _settle(item_id: int, state: str, document_id: int | None = None, error: str | None = None):
    """Settle an item that is not settled yet (a redelivered task never overwrites)."""
    return (
        update(IngestJobItem)
        .where(IngestJobItem.id == item_id, IngestJobItem.state.in_(UNSETTLED))
        .values(
            state=state, document_id=document_id, error=error, brief=null(), settled_at=utcnow()
        )
    )


@contextmanager
def bookkeeping(engine):
    """A transaction of job bookkeeping only. On PostgreSQL it does not wait for its commit
    to reach the disk (`synchronous_commit = off`): a crash may lose its last marks of a
    brief taken up (its task, not yet acknowledged, is delivered again). What settles a brief
    or finishes a job waits for the disk as ever."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
        yield conn


class Transient(Exception):
    """The database failed in a way worth retrying; the item is queued again."""


def run_item(item_id: int, final: bool = True) -> str | None:
    """Ingest one item of a job through the one ingest path; its settled state (None when
    there was nothing to do: the item is gone or settled). Job bookkeeping goes over Core
    connections of its own, outside the session: it changes no data that reads cache, so it
    does not raise the data version."""
    session, engine = db.session, db.engine
    with bookkeeping(engine) as conn:
        row = conn.execute(
            select(IngestJobItem.job_id, IngestJobItem.state, IngestJobItem.brief).where(
                IngestJobItem.id == item_id
            )
        ).first()
        if row is None:
            return None
        if row.state in SETTLED:  # a redelivery: finish the job if the first run could not
            _finish(conn, row.job_id)
            return None
        conn.execute(
            update(IngestJobItem)
            .where(IngestJobItem.id == item_id)
            .values(state="running", attempts=IngestJobItem.attempts + 1)
        )
        conn.execute(
            update(IngestJob)
            .where(IngestJob.id == row.job_id, IngestJob.started_at.is_(None))
            .values(started_at=utcnow())
        )

    def record(s: Session, doc: Document) -> None:  # in the document's own transaction
        s.execute(_settle(item_id, "stored", doc.id))

    state, document_id, error = "failed", None, None
    try:
        doc, created = ingest(session, brief_from_json(row.brief), on_store=record)
        state, document_id = ("stored" if created else "duplicate"), doc.id
        session.commit()
    except OperationalError as exc:
        session.rollback()
        if not final:
            with bookkeeping(engine) as conn:
                conn.execute(
                    update(IngestJobItem)
                    .where(IngestJobItem.id == item_id, IngestJobItem.state == "running")
                    .values(state="queued")
                )
            raise Transient(str(exc.orig or exc)) from exc
        error = f"the database failed: {type(exc.orig or exc).__name__}"
    except IngestError as exc:
        session.rollback()
        error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one brief's failure is its own, not the job's
        session.rollback()
        log.exception("ingest of job item %s failed", item_id)
        error = f"{type(exc).__name__}: {exc}"
    with engine.begin() as conn:
        if state != "stored":
            conn.execute(_settle(item_id, state, document_id, error))
        _finish(conn, row.job_id)
    return state


def _finish(conn, job_id: int) -> None:
    """Mark the job finished if none of its briefs is unsettled. Run after the item's own
    commit: whichever worker settles a job's last brief sees every other settled, so one of
    them always marks the job."""
    unsettled = exists().where(IngestJobItem.job_id == job_id, IngestJobItem.state.in_(UNSETTLED))
    conn.execute(
        update(IngestJob)
        .where(IngestJob.id == job_id, IngestJob.finished_at.is_(None), ~unsettled)
        .values(finished_at=utcnow())
    )
