"""Bulk ingest: worker processes each extract and store briefs through the one ingest path
(each in its own transaction, as concurrent HTTP ingests are), a bounded number of briefs in
flight (memory stays flat however many files), and resumable: briefs whose text is stored
already are skipped before any extraction."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .briefs import BriefIn, IngestError, clean_text
from .ingest import content_hash, ingest
from .models import Document

HASH_BATCH = 100  # briefs read ahead and looked up per query: memory is bounded by it


@dataclass
class Outcome:
    path: Path
    state: str  # stored | already stored | failed
    detail: str


def _prepared(paths: list[Path], read: Callable[[Path], BriefIn]) -> Iterator:
    """(path, brief, hash of its cleaned text, error) for each path, in order."""
    for path in paths:
        try:
            brief = read(path)
            text = clean_text(brief.text)
            yield path, brief, content_hash(text), None
        except (IngestError, OSError) as exc:
            yield path, None, None, str(exc)


def _stored(session: Session, digests: list[str]) -> set[str]:
    found = session.scalars(select(Document.content_hash).where(Document.content_hash.in_(digests)))
    return set(found)


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def ingest_files(
    session: Session,
    paths: list[Path],
    read: Callable[[Path], BriefIn],
    workers: int,
    database_url: str,
) -> Iterator[Outcome]:
    """Ingest every path, yielding one outcome per path, in order, as each is settled."""
    pool = None
    if workers > 1:
        # spawn: workers start clean, with a database connection of their own.
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(database_url,),
            max_tasks_per_child=1000,
        )
    window = workers * 4  # briefs in flight
    pending: deque[tuple] = deque()
    try:
        for chunk in _chunks(_prepared(paths, read), HASH_BATCH):
            stored = _stored(session, [digest for *_, digest, error in chunk if not error])
            for path, brief, digest, error in chunk:
                if error:
                    pending.append((path, None, None, error))
                elif digest in stored:
                    pending.append((path, None, None, None))
                else:
                    stored.add(digest)  # the same text twice in one run: store it once
                    job = pool.submit(_store_in_worker, brief) if pool else None
                    pending.append((path, brief, job, None))
                while len(pending) > window:
                    yield _settle(session, *pending.popleft())
        while pending:
            yield _settle(session, *pending.popleft())
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def _settle(session: Session, path: Path, brief, job: Future | None, error) -> Outcome:
    if brief is None:
        return Outcome(path, "failed", error) if error else Outcome(path, "already stored", "")
    if job is None:
        return Outcome(path, *_ingest_one(session, brief))
    try:
        return Outcome(path, *job.result())
    except Exception as exc:  # noqa: BLE001 - a worker that died fails its brief, not the run
        return Outcome(path, "failed", f"{type(exc).__name__}: {exc}")


def _ingest_one(session: Session, brief: BriefIn) -> tuple[str, str]:
    """(state, detail) of storing one brief through the one ingest path."""
    try:
        doc, created = ingest(session, brief)
    except (IngestError, SQLAlchemyError) as exc:
        session.rollback()
        return "failed", str(exc)
    detail = (
        f"document {doc.id}: {len(doc.mentions)} mentions, {len(doc.events)} events, "
        f"{len(doc.quotes)} quotes"
    )
    return ("stored" if created else "already stored"), detail


def _start_worker(database_url: str) -> None:
    from . import create_app  # the worker's own app, session and connection

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "JSON_LOGS": False})
    app.app_context().push()


def _store_in_worker(brief: BriefIn) -> tuple[str, str]:
    from .db import db

    return _ingest_one(db.session, brief)
