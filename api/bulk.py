"""Bulk ingest: extraction in worker processes, storing in this one through the one ingest
path, a bounded number of briefs in flight (memory stays flat however many files), and
resumable: briefs whose text is stored already are skipped before any extraction."""

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

from extract import extract

from .ingest import BriefIn, IngestError, clean_text, content_hash, ingest
from .models import Document

HASH_BATCH = 500  # stored-text lookups per query


@dataclass
class Outcome:
    path: Path
    state: str  # stored | already stored | failed
    detail: str


def _prepared(paths: list[Path], read: Callable[[Path], BriefIn]) -> Iterator:
    """(path, brief, cleaned text, hash, error) for each path, in order."""
    for path in paths:
        try:
            brief = read(path)
            text = clean_text(brief.text)
            yield path, brief, text, content_hash(text), None
        except (IngestError, OSError) as exc:
            yield path, None, None, None, str(exc)


def _stored(session: Session, digests: list[str]) -> set[str]:
    found = session.scalars(select(Document.content_hash).where(Document.content_hash.in_(digests)))
    return set(found)


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def ingest_files(
    session: Session, paths: list[Path], read: Callable[[Path], BriefIn], workers: int
) -> Iterator[Outcome]:
    """Ingest every path, yielding one outcome per path, in order, as each is settled."""
    pool = None
    if workers > 1:
        # spawn: workers start clean, holding neither database connections nor app state.
        ctx = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(workers, mp_context=ctx, max_tasks_per_child=1000)
    window = workers * 4  # briefs read and extracted ahead of storing
    pending: deque[tuple] = deque()
    try:
        for chunk in _chunks(_prepared(paths, read), HASH_BATCH):
            stored = _stored(session, [digest for *_, digest, error in chunk if not error])
            for path, brief, text, digest, error in chunk:
                if error:
                    pending.append((path, None, None, error))
                elif digest in stored:
                    pending.append((path, None, None, None))
                else:
                    stored.add(digest)  # the same text twice in one run: extract it once
                    job = (
                        pool.submit(extract, text, brief.published, brief.section) if pool else None
                    )
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
    try:
        extraction = job.result() if job else None
        doc, created = ingest(session, brief, extraction)
    except (IngestError, SQLAlchemyError) as exc:
        session.rollback()
        return Outcome(path, "failed", str(exc))
    detail = (
        f"document {doc.id}: {len(doc.mentions)} mentions, {len(doc.events)} events, "
        f"{len(doc.quotes)} quotes"
    )
    return Outcome(path, "stored" if created else "already stored", detail)
