"""The one ingest path (CLI, HTTP and seeding): extract, then store all of a document or none."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from extract import extract, normalize_text
from extract.records import Extraction

from . import rollup
from .actor_rows import prune_actors, resolve_actors
from .db import utcnow
from .models import (
    Deletion,
    Document,
    Event,
    EventParticipant,
    Media,
    Mention,
    Paragraph,
    Quote,
)

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 5 * 1024 * 1024


class IngestError(ValueError):
    """The brief cannot be stored as given; the message says why."""


@dataclass
class BriefIn:
    text: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    section: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def clean_text(raw: str) -> str:
    if not isinstance(raw, str):
        raise IngestError("text must be a string")
    text = normalize_text(raw)
    if not text.strip():
        raise IngestError("text must not be empty")
    if CONTROL_RE.search(text):
        raise IngestError("text contains NUL or other control characters")
    if len(text) > MAX_TEXT:
        raise IngestError(f"text is longer than {MAX_TEXT} characters")
    return text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_by_hash(session: Session, digest: str) -> Document | None:
    return session.scalar(select(Document).where(Document.content_hash == digest))


def ingest(session: Session, brief: BriefIn) -> tuple[Document, bool]:
    """Store a brief with everything extracted from it; (document, created)."""
    text = clean_text(brief.text)
    digest = content_hash(text)
    existing = find_by_hash(session, digest)
    if existing is not None:
        return existing, False
    extraction = extract(text, brief.published, brief.section)
    for attempt in range(RETRIES):
        doc = Document(
            text=text,
            content_hash=digest,
            source=brief.source,
            url=brief.url,
            published=brief.published,
            section=brief.section,
            extra=dict(brief.metadata),
            language="en",
        )
        try:
            return _store(session, doc, extraction, digest)
        except OperationalError as exc:
            session.rollback()
            code = getattr(getattr(exc, "orig", None), "sqlstate", None)
            if code not in RETRYABLE or attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


RETRIES = 3
RETRYABLE = {"40P01", "40001"}  # deadlock detected, serialization failure


def _store(
    session: Session, doc: Document, extraction: Extraction, digest: str
) -> tuple[Document, bool]:
    session.add(doc)
    try:
        store_extraction(session, doc, extraction)
        session.commit()
    except IntegrityError:
        # Another client stored the same text first: theirs is the document.
        session.rollback()
        existing = find_by_hash(session, digest)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        session.rollback()
        raise
    return doc, True


def store_extraction(session: Session, doc: Document, x: Extraction) -> None:
    layout = x.layout
    doc.title, doc.subtitle, doc.kicker = layout.title, layout.subtitle, layout.kicker
    doc.paragraphs = [
        Paragraph(index=p.index, kind=p.kind, text=p.text, start=p.start, end=p.end)
        for p in layout.paragraphs
    ]
    doc.media = [
        Media(caption=m.caption, credit=m.credit, photographer=m.photographer, agency=m.agency)
        for m in layout.media
    ]
    session.flush()
    actors = {k: a.id for k, a in resolve_actors(session, {a.key: a for a in x.actors}).items()}
    session.flush()
    # Bulk inserts (one statement per table), not a unit of work of a hundred ORM objects:
    # storing cost four times what extracting did.
    now = utcnow()
    rows = [
        {
            "document_id": doc.id,
            "actor_id": actors[m.key],
            "start": m.start,
            "end": m.end,
            "text": m.text,
        }
        for m in x.mentions
        if m.key in actors
    ]
    _insert(session, Mention, rows)
    rows = [
        {
            "document_id": doc.id,
            "speaker_id": actors.get(q.speaker) if q.speaker else None,
            "kind": q.kind,
            "cue": q.cue,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "confidence": q.confidence,
            "updated_at": now,
        }
        for q in x.quotes
    ]
    _insert(session, Quote, rows)
    rows = [
        {
            "document_id": doc.id,
            "type": e.type,
            "mode": e.mode,
            "cameo": e.cameo,
            "status": e.status,
            "trigger": e.trigger,
            "start": e.start,
            "end": e.end,
            "sentence_start": e.sentence_start,
            "sentence_end": e.sentence_end,
            "date": date.fromisoformat(e.date) if e.date else None,
            "date_precision": e.date_precision,
            "date_text": e.date_text,
            "location": e.location,
            "confidence": e.confidence,
            "sentence": doc.text[e.sentence_start : e.sentence_end],
            "updated_at": now,
        }
        for e in x.events
    ]
    event_ids = _insert(session, Event, rows, returning=True)
    rows = [
        {
            "event_id": event_id,
            "actor_id": actors[k],
            "role": role,
            "document_id": doc.id,
            "start": e.start,
        }
        for event_id, e in zip(event_ids, x.events, strict=True)
        for role, keys in (("source", e.sources), ("target", e.targets))
        for k in dict.fromkeys(keys)
        if k in actors
    ]
    _insert(session, EventParticipant, rows)
    # The document's collections were filled behind the ORM's back.
    session.expire(doc, ["mentions", "quotes", "events"])
    rollup.count_document(session, doc.id, 1)


def _insert(session: Session, model: type, rows: list[dict], returning: bool = False) -> list:
    if not rows:
        return []
    if returning:
        stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(session.scalars(stmt, rows))
    session.execute(insert(model), rows)
    return []


def clear_extraction(session: Session, doc: Document) -> None:
    rollup.count_document(session, doc.id, -1)
    event_ids = select(Event.id).where(Event.document_id == doc.id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(event_ids)))
    for model in (Mention, Event, Quote, Paragraph, Media):
        session.execute(delete(model).where(model.document_id == doc.id))
    session.expire(doc)


def reextract(session: Session, doc: Document) -> None:
    """Rerun extraction over a stored document, in place, in one transaction."""
    try:
        x = extract(doc.text, doc.published, doc.section)
        clear_extraction(session, doc)
        store_extraction(session, doc, x)
        prune_actors(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def delete_document(session: Session, doc: Document) -> None:
    """Delete a document with everything extracted from it, recorded for the sync feed."""
    session.add(Deletion(resource="documents", resource_id=doc.id))
    rollup.count_document(session, doc.id, -1)
    session.delete(doc)
    session.flush()
    prune_actors(session)
    session.commit()
