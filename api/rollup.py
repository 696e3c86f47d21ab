"""Daily event counts (`event_days`), kept in step with events inside the ingest transaction.

Timelines and type counts over a million events would scan a hundred thousand index entries a
year; from the rollup they read one row per day, type and status. Only filters the rollup
keeps (type, status, date range) can use it; any other filter counts events directly.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from .db import insert_for
from .models import Event, EventDay

# What a stats request may hold and still be answered from the rollup.
ROLLUP_ARGS = frozenset({"group_by", "interval", "limit", "type", "status", "date_from", "date_to"})
BACKFILL = text(
    "INSERT INTO event_days (day, type, status, count) "
    "SELECT date, type, status, count(*) FROM events WHERE date IS NOT NULL "
    "GROUP BY date, type, status"
)


def count_document(session: Session, document_id: int, sign: int) -> None:
    """Add (sign 1) or take away (sign -1) a document's events from the daily counts."""
    rows = (
        select(Event.date, Event.type, Event.status, (func.count() * sign).label("n"))
        .where(Event.document_id == document_id, Event.date.is_not(None))
        .group_by(Event.date, Event.type, Event.status)
        # One lock order for every writer: concurrent ingests touching the same days queue
        # behind each other instead of deadlocking.
        .order_by(Event.date, Event.type, Event.status)
    )
    stmt = insert_for(session, EventDay).from_select(["day", "type", "status", "count"], rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["day", "type", "status"],
        set_={"count": EventDay.count + stmt.excluded.count},
    )
    session.execute(stmt)


def usable(args: dict) -> bool:
    return set(args) <= ROLLUP_ARGS


def days(args: dict):
    """(day, n) rows from the rollup under the request's type, status and date filters."""
    # Summed per day here: the caller truncates a year's 365 days to periods, not the
    # year's ~17,000 (day, type, status) rows.
    stmt = select(EventDay.day.label("day"), func.sum(EventDay.count).label("n"))
    return _filtered(stmt, args).where(EventDay.count > 0).group_by(EventDay.day)


# List arguments that shape the page, not which events match.
PAGING = frozenset({"page", "page_size", "sort", "fields_", "format", "cursor"})
COUNTABLE = frozenset({"type", "status", "date_from", "date_to"})


def total(session: Session, filters: dict) -> int | None:
    """How many events an events list's filters match, exactly, from the rollup: when every
    filter is one the rollup keeps and a date bound leaves out the undated events it does not
    count. None otherwise. A year of one type is ~10,000 events to count one by one (7 ms at
    a million events) and ~1,000 rollup rows to sum."""
    present = {k for k, v in filters.items() if v is not None and v != []} - PAGING
    if not present <= COUNTABLE or not present & {"date_from", "date_to"}:
        return None
    stmt = _filtered(select(func.coalesce(func.sum(EventDay.count), 0)), filters)
    return int(session.scalar(stmt))


def _filtered(stmt, args: dict):
    if args.get("type"):
        stmt = stmt.where(EventDay.type.in_(args["type"]))
    if args.get("status"):
        stmt = stmt.where(EventDay.status.in_(args["status"]))
    else:
        stmt = stmt.where(EventDay.status != "negated")
    if "date_from" in args:
        stmt = stmt.where(EventDay.day >= args["date_from"])
    if "date_to" in args:
        stmt = stmt.where(EventDay.day <= args["date_to"])
    return stmt
