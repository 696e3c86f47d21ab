"""Event counts kept in step with events inside the ingest transaction: per day, type and
status (`event_days`, dated events) and per type and status (`event_totals`, every event).

Timelines and type counts over a million events would scan a hundred thousand index entries a
year; from the rollup they read one row per day, type and status. Only filters the rollups
keep (type, status, date range) can use them; any other filter counts events directly.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from .db import insert_for
from .models import Event, EventDay, EventTotal

# What a stats request may hold and still be answered from the rollup.
ROLLUP_ARGS = frozenset({"group_by", "interval", "limit", "type", "status", "date_from", "date_to"})
BACKFILL = (
    text("DELETE FROM event_days"),
    text(
        "INSERT INTO event_days (day, type, status, count) "
        "SELECT date, type, status, count(*) FROM events WHERE date IS NOT NULL "
        "GROUP BY date, type, status"
    ),
    text("DELETE FROM event_totals"),
    text(
        "INSERT INTO event_totals (type, status, count) "
        "SELECT type, status, count(*) FROM events GROUP BY type, status"
    ),
)


def rebuild(connection) -> None:
    """Recount both rollups from the events (after writing events behind the app's back)."""
    for statement in BACKFILL:
        connection.execute(statement)


def count_document(session: Session, document_id: int, sign: int) -> None:
    """Add (sign 1) or take away (sign -1) a document's events from both rollups."""
    dated = Event.date.is_not(None)
    _add(session, EventDay, document_id, sign, (Event.date, Event.type, Event.status), dated)
    _add(session, EventTotal, document_id, sign, (Event.type, Event.status))


def _add(session: Session, model: type, document_id: int, sign: int, groups, *where) -> None:
    """Add the document's events, counted by `groups` (the model's key, in column order),
    to the model's counts, creating the rows it lacks."""
    rows = (
        select(*groups, (func.count() * sign).label("n"))
        .where(Event.document_id == document_id, *where)
        .group_by(*groups)
        # One lock order for every writer: concurrent ingests touching the same rows queue
        # behind each other instead of deadlocking.
        .order_by(*groups)
    )
    keys = [c.key for c in model.__table__.primary_key.columns]
    stmt = insert_for(session, model).from_select([*keys, "count"], rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={"count": model.count + stmt.excluded.count}
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


def total(filters: dict) -> Select | None:
    """How many events an events list's filters match, exactly, from a rollup: the totals
    when the filters are type and status at most, the days when a date bound leaves out the
    undated events they do not count. None for any other filter. Counting a year of one type
    reads ~10,000 events (7 ms at a million), the whole list a million; the rollups hold
    ~1,000 and ~50 rows. A scalar SELECT, for the caller to run or embed."""
    present = {k for k, v in filters.items() if v is not None and v != []} - PAGING
    if not present <= COUNTABLE:
        return None
    model = _rollup_for(present)
    return _filtered(select(func.coalesce(func.sum(model.count), 0)), filters, model)


def types(args: dict):
    """Counts by type from a rollup (the days under a date bound, else the totals), most
    first; None when a filter is one the rollups do not keep."""
    if not usable(args):
        return None
    model = _rollup_for(args)
    n = func.sum(model.count).label("count")
    stmt = _filtered(select(model.type, n), args, model).group_by(model.type)
    return stmt.having(func.sum(model.count) > 0).order_by(n.desc(), model.type)


def _rollup_for(keys) -> type:
    """The days under a date bound (undated events are out anyway), else the totals."""
    return EventDay if {"date_from", "date_to"} & set(keys) else EventTotal


def _filtered(stmt, args: dict, model: type = EventDay):
    if args.get("type"):
        stmt = stmt.where(model.type.in_(args["type"]))
    if args.get("status"):
        stmt = stmt.where(model.status.in_(args["status"]))
    else:
        stmt = stmt.where(model.status != "negated")
    if "date_from" in args:
        stmt = stmt.where(EventDay.day >= args["date_from"])
    if "date_to" in args:
        stmt = stmt.where(EventDay.day <= args["date_to"])
    return stmt
