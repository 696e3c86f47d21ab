"""Operator commands: `flask --app api ingest PATH...` and `flask --app api reextract`."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .db import db
from .ingest import BriefIn, IngestError, ingest, reextract

META_FIELDS = ("source", "url", "section")


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
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise IngestError(f"{meta_path.name} is not valid JSON") from exc
        if not isinstance(meta, dict):
            raise IngestError(f"{meta_path.name} must hold a JSON object")
        for key in META_FIELDS:
            value = meta.pop(key, None)
            setattr(brief, key, str(value) if value is not None else None)
        published = meta.pop("published", None)
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
def ingest_command(paths: tuple[str, ...]) -> None:
    """Ingest .txt briefs (files or folders; a NAME.meta.json sidecar is read when present)."""
    files = brief_paths(paths)
    failed, lines = 0, []
    bar = click.progressbar(files, label="ingesting") if len(files) > 1 else nullcontext(files)
    with bar as items:
        for path in items:
            try:
                doc, created = ingest(db.session, read_brief(path))
            except (IngestError, OSError, SQLAlchemyError) as exc:
                db.session.rollback()
                failed += 1
                lines.append(f"FAILED {path}: {exc}")
                continue
            state = "stored" if created else "already stored"
            lines.append(
                f"{state} {path} as document {doc.id}: {len(doc.mentions)} mentions, "
                f"{len(doc.events)} events, {len(doc.quotes)} quotes"
            )
    for line in lines:
        click.echo(line)
    click.echo(f"{len(files) - failed} of {len(files)} briefs stored")
    if failed:
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
        reextract(db.session, db.session.get(Document, doc_id))
        click.echo(f"re-extracted document {doc_id}")


def init_app(app: Flask) -> None:
    app.cli.add_command(ingest_command)
    app.cli.add_command(reextract_command)
