"""Operator commands: `flask --app api ingest PATH...` and `flask --app api reextract`."""

from __future__ import annotations

import os
from collections import Counter
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from .briefs import BriefIn, IngestError, loads
from .bulk import ingest_files
from .changes import reextract
from .db import db

META_FIELDS = ("source", "url", "section")
MAX_LINES = 1000  # past this many files only failures get a line of their own


def read_brief(path: Path) -> BriefIn:
    """A `.txt` brief and its optional `NAME.meta.json` sidecar."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError("not valid UTF-8") from exc
    brief = BriefIn(text=text)
    meta_path = path.with_name(path.stem + ".meta.json")
    if meta_path.exists():
        try:
            meta = loads(meta_path.read_bytes())
        except IngestError as exc:
            raise IngestError(f"{meta_path.name}: {exc}") from exc
        except ValueError as exc:  # malformed JSON, or not UTF-8
            raise IngestError(f"{meta_path.name} is not valid JSON") from exc
        if not isinstance(meta, dict):
            raise IngestError(f"{meta_path.name} must hold a JSON object")
        for key in META_FIELDS:
            value = meta.pop(key, None)
            setattr(brief, key, str(value) if value is not None else None)
        # `published_at` as the API names it; `published` as the gold format's meta files do.
        published = meta.pop("published_at", None) or meta.pop("published", None)
        meta.pop("published", None)
        if published is not None:
            try:
                brief.published = date.fromisoformat(str(published))
            except ValueError as exc:
                raise IngestError(f"published must be YYYY-MM-DD, not {published!r}") from exc
        brief.metadata = meta
    return brief


def brief_paths(paths: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(x for x in p.rglob("*.txt") if x.is_file())
        elif p.suffix == ".txt" and p.is_file():
            out.append(p)
        elif not p.exists():
            raise click.BadParameter(f"{raw} does not exist", param_hint="PATH")
    return out


@click.command("ingest")
@with_appcontext
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="CPU count",
    help="Processes that extract and store briefs (1: this one alone).",
)
@click.option(
    "--queue",
    "queued",
    is_flag=True,
    help="Enqueue as ingest jobs (Celery workers, or the embedded pool) and follow them.",
)
def ingest_command(paths: tuple[str, ...], workers: int, queued: bool) -> None:
    """Ingest .txt briefs (files or folders; a NAME.meta.json sidecar is read when present).

    Briefs whose text is stored already are skipped before extraction, so an interrupted run
    resumes where it stopped when started again.
    """
    files = brief_paths(paths)
    if queued:
        from .follow import ingest_queued

        counts, lines = ingest_queued(files, read_brief)
        _report(files, counts, lines)
        return
    workers = min(workers, max(1, len(files) // 4))  # a handful of files: no pool to start
    counts, lines = Counter(), []
    bar = click.progressbar(length=len(files), label="ingesting") if len(files) > 1 else None
    with bar or nullcontext():
        url = db.engine.url.render_as_string(hide_password=False)
        for outcome in ingest_files(db.session, files, read_brief, workers, url):
            counts[outcome.state] += 1
            if outcome.state == "failed":
                lines.append(f"FAILED {outcome.path}: {outcome.detail}")
            else:
                lines.append(f"{outcome.state} {outcome.path} {outcome.detail}".rstrip())
            if bar:
                bar.update(1)
    _report(files, counts, lines)


def _report(files: list[Path], counts: Counter, lines: list[str]) -> None:
    for line in lines:
        if len(files) <= MAX_LINES or line.startswith("FAILED"):
            click.echo(line)
    stored = counts["stored"] + counts["already stored"]
    click.echo(
        f"{stored} of {len(files)} briefs stored "
        f"({counts['stored']} new, {counts['already stored']} already stored, "
        f"{counts['failed']} failed)"
    )
    if counts["failed"]:
        raise SystemExit(1)


@click.command("reextract")
@with_appcontext
@click.option("--document", "document_id", type=int, help="Only this document.")
def reextract_command(document_id: int | None) -> None:
    """Rerun extraction over stored documents, each in its own transaction."""
    from .models import Document

    stmt = select(Document.id).order_by(Document.id)
    if document_id is not None:
        stmt = stmt.where(Document.id == document_id)
    ids = list(db.session.scalars(stmt))
    if document_id is not None and not ids:
        raise click.ClickException(f"no document {document_id}")
    for doc_id in ids:
        if reextract(db.session, doc_id):
            click.echo(f"re-extracted document {doc_id}")
        else:
            click.echo(f"document {doc_id} was deleted meanwhile")


@click.command(
    "worker", context_settings={"ignore_unknown_options": True, "allow_extra_args": True}
)
@with_appcontext
@click.argument("celery_args", nargs=-1, type=click.UNPROCESSED)
def worker_command(celery_args: tuple[str, ...]) -> None:
    """Run a Celery ingest worker (INGEST_BROKER_URL); arguments go to `celery worker`."""
    if not current_app.config["INGEST_BROKER_URL"]:
        raise click.ClickException(
            "INGEST_BROKER_URL is not set: without a broker, jobs run inside the web process"
        )
    from .worker import celery

    celery.worker_main(["worker", *celery_args])


def init_app(app: Flask) -> None:
    app.cli.add_command(ingest_command)
    app.cli.add_command(worker_command)
    from .follow import requeue_command

    app.cli.add_command(requeue_command)
    app.cli.add_command(reextract_command)
