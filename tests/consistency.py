"""The database's own consistency, checked after races: rollups equal counting, no orphan rows,
each document deleted once, and every document's mentions and quote speakers what extracting
its text again gives (nothing another transaction erased)."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from sqlalchemy import select, text

from api.db import db
from api.models import Actor, Document, Mention, Quote
from extract import extract

# (what is counted as an orphan, the query that finds them)
ORPHANS = {
    "paragraphs without document": "SELECT id FROM paragraphs WHERE document_id NOT IN (SELECT id FROM documents)",
    "media without document": "SELECT id FROM media WHERE document_id NOT IN (SELECT id FROM documents)",
    "mentions without document": "SELECT id FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)",
    "mentions without actor": "SELECT id FROM mentions WHERE actor_id NOT IN (SELECT id FROM actors)",
    "events without document": "SELECT id FROM events WHERE document_id NOT IN (SELECT id FROM documents)",
    "quotes without document": "SELECT id FROM quotes WHERE document_id NOT IN (SELECT id FROM documents)",
    "quotes with a missing speaker": "SELECT id FROM quotes WHERE speaker_id IS NOT NULL AND speaker_id NOT IN (SELECT id FROM actors)",
    "participants without event": "SELECT id FROM event_participants WHERE event_id NOT IN (SELECT id FROM events)",
    "participants without actor": "SELECT id FROM event_participants WHERE actor_id NOT IN (SELECT id FROM actors)",
    "aliases without actor": "SELECT id FROM actor_aliases WHERE actor_id NOT IN (SELECT id FROM actors)",
    # Nothing names them and they are no named actor's affiliation: pruning missed them.
    "actors nothing refers to": """
        SELECT a.id FROM actors a
        WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM event_participants p WHERE p.actor_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = a.id)
          AND NOT EXISTS (
            SELECT 1 FROM actors b WHERE b.affiliation_id = a.id AND (
              EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = b.id)
              OR EXISTS (SELECT 1 FROM event_participants p WHERE p.actor_id = b.id)
              OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = b.id)))
    """,
    "documents deleted twice": "SELECT resource_id FROM deletions WHERE resource = 'documents' GROUP BY resource_id HAVING count(*) > 1",
}

MONTH = {
    "postgresql": "CAST(date_trunc('month', date) AS DATE)",
    "sqlite": "strftime('%Y-%m-01', date)",
}


def _rollups(conn) -> list[str]:
    """Differences between each rollup and counting the events."""
    month = MONTH[conn.dialect.name]
    precision = "coalesce(date_precision, 'day')"  # as the rollups keep it
    counted = {
        "event_days": f"SELECT date, type, status, {precision}, count(*) FROM events WHERE date IS NOT NULL GROUP BY date, type, status, {precision}",
        "event_months": f"SELECT {month}, type, status, {precision}, count(*) FROM events WHERE date IS NOT NULL GROUP BY {month}, type, status, {precision}",
        "event_totals": "SELECT type, status, count(*) FROM events GROUP BY type, status",
    }
    kept = {
        "event_days": "SELECT day, type, status, date_precision, count FROM event_days",
        "event_months": "SELECT month, type, status, date_precision, count FROM event_months",
        "event_totals": "SELECT type, status, count FROM event_totals",
    }
    wrong = []
    for table, sql in counted.items():
        want = {tuple(str(v) for v in r[:-1]): r[-1] for r in conn.exec_driver_sql(sql)}
        have = {tuple(str(v) for v in r[:-1]): r[-1] for r in conn.exec_driver_sql(kept[table])}
        have = {k: v for k, v in have.items() if v != 0}  # a row counted down to 0 may stay
        if want != have:
            diff = {k: (have.get(k), want.get(k)) for k in set(want) | set(have)}
            wrong.append(f"{table}: " + str({k: v for k, v in diff.items() if v[0] != v[1]}))
    return wrong


def _extraction_intact(session) -> list[str]:
    """Each document's mentions and quote speakers against extracting its text again."""
    keys = dict(session.execute(select(Actor.id, Actor.key)).all())
    wrong = []
    for doc in session.scalars(select(Document).order_by(Document.id)):
        x = extract(doc.text, doc.published, doc.section)
        named = {a.key for a in x.actors}
        want = Counter((m.start, m.end) for m in x.mentions if m.key in named)
        have = Counter(
            session.execute(
                select(Mention.start, Mention.end).where(Mention.document_id == doc.id)
            ).all()
        )
        if want != have:
            wrong.append(f"document {doc.id}: mentions {sorted(have)} != {sorted(want)}")
        speakers = {
            (q.start, q.end): keys.get(q.speaker_id)
            for q in session.scalars(select(Quote).where(Quote.document_id == doc.id))
        }
        for q in x.quotes:
            stored = speakers.get((q.start, q.end), "missing quote")
            if q.speaker in named and stored is None:
                wrong.append(f"document {doc.id}: the quote at {q.start} lost its speaker")
            elif stored == "missing quote":
                wrong.append(f"document {doc.id}: no quote at {q.start}")
    return wrong


def assert_consistent(app) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.connect() as conn:
            problems = _rollups(conn)
            for what, sql in ORPHANS.items():
                ids = [r[0] for r in conn.exec_driver_sql(sql)]
                if ids:
                    problems.append(f"{what}: {ids}")
        problems += _extraction_intact(db.session)
        db.session.remove()
    assert not problems, "\n".join(problems)


def count_rows(app, tables, version: bool = False) -> dict[str, int]:
    """Rows per table (and with `version`, the data version: any commit raises it)."""
    with app.app_context(), db.engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
        if version:
            counts["data_version"] = conn.execute(text("SELECT version FROM data_version")).scalar()
        return counts


@contextmanager
def unchanged(app):
    """The database is the same after the block as before it: every table's rows, and the
    data version (which any commit raises)."""
    tables = ("documents", "paragraphs", "media", "actors", "actor_aliases", "mentions")
    tables += ("events", "event_participants", "quotes", "event_days", "event_months")
    tables += ("event_totals", "deletions", "api_tokens")
    before = count_rows(app, tables, version=True)
    yield
    assert count_rows(app, tables, version=True) == before


def assert_refused(resp, status: int) -> dict:
    """A problem of `status` (never HTML, never a 5xx unless asked for); its body."""
    assert resp.status_code == status, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/problem+json"
    body = resp.get_json()
    assert body["status"] == body["code"] == status and body["detail"] == body["message"]
    assert body["detail"] and body["type"] == "about:blank" and isinstance(body["errors"], list)
    return body


def fields_of(body: dict, location: str | None = None) -> set[str]:
    """The fields a problem's `errors` blame (in `location`, when given)."""
    return {e["field"] for e in body["errors"] if location is None or e["location"] == location}
