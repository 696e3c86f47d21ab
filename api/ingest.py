"""The one ingest path (CLI, HTTP and seeding): extract, then store all of a document or none."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from extract import ExtractionTooLong, extract, nlp
from extract.records import Extraction

from . import rollup
from .actor_rows import resolve_actors
from .briefs import BriefIn, IngestError, check_fields, clean_text
from .db import TITLE_MAX, fit, utcnow
from .models import (
    Document,
    Event,
    EventParticipant,
    Media,
    Mention,
    Paragraph,
    PlaceMention,
    Quote,
)
from .place_rows import resolve_places

__all__ = ["BriefIn", "IngestError", "ingest", "store_extraction", "warm_up"]

# Seconds one brief may take to extract, below gunicorn's worker timeout (60 s): a brief past
# it is refused with a clear 422 instead of holding (and losing) a worker. Extraction is linear
# in the text: about 30 s is a megabyte of dense prose on one core here (bench/growth.py).
EXTRACT_TIME_BUDGET = float(os.environ.get("EXTRACT_TIME_BUDGET", 30)) or None


def warm_up() -> None:
    """Load what extraction needs once, up front (gunicorn calls this as a worker starts):
    otherwise the first ingest in each worker pays for it."""
    nlp.pipeline()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_by_hash(session: Session, digest: str) -> Document | None:
    return session.scalar(select(Document).where(Document.content_hash == digest))


def ingest(
    session: Session, brief: BriefIn, on_store: Callable[[Session, Document], None] | None = None
) -> tuple[Document, bool]:
    """Store a brief with everything extracted from it; (document, created).

    `on_store` runs inside the storing transaction, before its commit: a queue worker records
    its job item there, so a task redelivered after the commit finds its brief settled (and
    no crash between the two can leave a stored brief marked unsettled)."""
    text = clean_text(brief.text)
    check_fields(brief)
    digest = content_hash(text)
    existing = find_by_hash(session, digest)
    if existing is not None:
        return existing, False
    try:
        extraction = extract(
            text, brief.published, brief.section, brief.source, budget=EXTRACT_TIME_BUDGET
        )
    except ExtractionTooLong as exc:
        raise IngestError(
            f"{exc}: the brief is too long to extract in time ({len(text):,} characters); "
            "split it into shorter briefs"
        ) from exc
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
            return _store(session, doc, extraction, digest, on_store)
        except OperationalError as exc:
            session.rollback()
            code = getattr(getattr(exc, "orig", None), "sqlstate", None)
            if code not in RETRYABLE or attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


RETRIES = 3
RETRYABLE = {"40P01", "40001"}  # deadlock detected, serialization failure


def _store(
    session: Session, doc: Document, extraction: Extraction, digest: str, on_store=None
) -> tuple[Document, bool]:
    session.add(doc)
    try:
        store_extraction(session, doc, extraction)
        if on_store is not None:
            on_store(session, doc)
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
    doc.title, doc.subtitle, doc.kicker = (
        fit(layout.title, TITLE_MAX),
        layout.subtitle,
        layout.kicker,
    )
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
    places = resolve_places(session, x.places)
    records = {p.key: p for p in x.places}
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
            "place_id": places.get(m.place) if m.place else None,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "kind": m.kind,
            "confidence": m.confidence,
        }
        for m in x.place_mentions
    ]
    _insert(session, PlaceMention, rows)
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
            **_where(e, records, places),
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
    session.expire(doc, ["mentions", "quotes", "events", "place_mentions"])
    rollup.count_document(session, doc.id, 1)


# Precisions whose place is a point on a map (a town, its outskirts, a province's seat or
# centre): only these events get coordinates. A country's or a region's representative point
# drawn as if it were a town is what every user of GDELT learned to distrust.
MAPPED = frozenset({"city", "near_city", "admin1"})


def _where(e, records: dict, places: dict[str, int]) -> dict:
    """An event's place columns: its place, precision, the place's country, and coordinates
    only at a precision a map can show."""
    place = records.get(e.place) if e.place else None
    if place is None or e.place not in places:
        return {
            "place_id": None,
            "geo_precision": None,
            "country_code": None,
            "latitude": None,
            "longitude": None,
        }
    mapped = e.geo_precision in MAPPED and place.latitude is not None
    return {
        "place_id": places[e.place],
        "geo_precision": e.geo_precision,
        "country_code": place.country_code,
        "latitude": place.latitude if mapped else None,
        "longitude": place.longitude if mapped else None,
    }


def _insert(session: Session, model: type, rows: list[dict], returning: bool = False) -> list:
    if not rows:
        return []
    if returning:
        stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(session.scalars(stmt, rows))
    session.execute(insert(model), rows)
    return []
