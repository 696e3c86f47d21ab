"""Changing what is stored: re-extraction and deletion. Each takes its document first, so
concurrent changes to one document queue, and runs again after a deadlock."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from extract import extract

from . import rollup
from .actor_rows import hold_actors, prune_actors
from .db import utcnow
from .ingest import RETRIES, RETRYABLE, store_extraction
from .models import (
    Deletion,
    Document,
    Event,
    EventParticipant,
    Media,
    Mention,
    Paragraph,
    PlaceMention,
    Quote,
)


def _clear(session: Session, document_id: int) -> None:
    """Take the document's events out of the rollups and delete everything extracted from it."""
    rollup.count_document(session, document_id, -1)
    event_ids = select(Event.id).where(Event.document_id == document_id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(event_ids)))
    # Place mentions go; the places they named stay (shared, never pruned).
    for model in (Mention, PlaceMention, Event, Quote, Paragraph, Media):
        session.execute(delete(model).where(model.document_id == document_id))


def _retrying(session: Session, work):
    """`work()` in a transaction of its own, again after a deadlock or serialization failure
    (PostgreSQL resolves a lock cycle by failing one side; its retry then goes through)."""
    for attempt in range(RETRIES):
        try:
            return work()
        except OperationalError as exc:
            session.rollback()
            code = getattr(getattr(exc, "orig", None), "sqlstate", None)
            if code not in RETRYABLE or attempt == RETRIES - 1:
                raise
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def _lock_document(session: Session, document_id: int) -> bool:
    """Take the document for this transaction; False when it is gone. A concurrent delete or
    re-extraction of it waits until this transaction ends, and then finds it gone or changed.
    PostgreSQL locks the row; SQLite has no row locks, but a write takes its database-wide
    write lock, so the first statement is one (touching the row, checking it is there)."""
    if session.get_bind().dialect.name == "postgresql":
        stmt = select(Document.id).where(Document.id == document_id).with_for_update()
        return session.scalar(stmt) is not None
    stmt = update(Document).where(Document.id == document_id).values(updated_at=utcnow())
    return session.execute(stmt.execution_options(synchronize_session=False)).rowcount == 1


def reextract(session: Session, document_id: int) -> bool:
    """Rerun extraction over a stored document, in place, in one transaction; False when the
    document is gone."""
    doc = session.get(Document, document_id)
    if doc is None:
        return False
    x = extract(doc.text, doc.published, doc.section, doc.source)

    def work() -> bool:
        if not _lock_document(session, document_id):
            session.rollback()
            return False
        doc = session.get(Document, document_id, populate_existing=True)
        held = hold_actors(session, document_id)
        _clear(session, document_id)
        session.expire(
            doc, ["paragraphs", "media", "mentions", "quotes", "events", "place_mentions"]
        )
        store_extraction(session, doc, x)
        prune_actors(session, held)
        session.commit()
        return True

    return _retrying(session, work)


def delete_document(session: Session, document_id: int) -> bool:
    """Delete a document with everything extracted from it, recorded for the sync feed;
    False when there is no such document. Exactly once: of concurrent deletes one deletes,
    subtracts its events from the rollups and records it; the others wait for it and find
    nothing (404)."""

    def work() -> bool:
        if not _lock_document(session, document_id):
            session.rollback()
            return False
        held = hold_actors(session, document_id)
        _clear(session, document_id)
        session.execute(delete(Document).where(Document.id == document_id))
        session.add(Deletion(resource="documents", resource_id=document_id))
        prune_actors(session, held)
        session.commit()
        return True

    return _retrying(session, work)
