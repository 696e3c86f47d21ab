"""Event counts kept in step with events inside the ingest transaction: per day, type, status
and date precision (`event_days`), per month, type, status and precision (`event_months`),
both of dated events, and per type and status (`event_totals`, every event).

Timelines and type counts over a million events would scan a hundred thousand index entries a
year; from the rollups they read a dozen rows a year per type and status for whole months, and
a row per day only at a date range's ragged ends. Only filters the rollups keep (type, status,
date range) can use them; any other filter counts events directly.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import (
    Date,
    Select,
    and_,
    cast,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
)
from sqlalchemy import union_all as sql_union_all
from sqlalchemy.orm import Session

from .db import insert_for
from .models import Event, EventDay, EventMonth, EventTotal

# What a stats request may hold and still be answered from the rollup.
ROLLUP_ARGS = frozenset({"group_by", "interval", "limit", "type", "status", "date_from", "date_to"})


def period(interval: str, day, dialect: str):
    """The first day of `day`'s day, week (Monday), month or year, on either engine."""
    if dialect == "postgresql":
        # A literal unit, so GROUP BY and SELECT are one expression to the planner.
        return cast(func.date_trunc(literal_column(f"'{interval}'"), day), Date)
    return {
        "day": func.date(day),
        "week": func.date(day, "-6 days", "weekday 1"),
        "month": func.strftime("%Y-%m-01", day),
        "year": func.strftime("%Y-01-01", day),
    }[interval]


# An event's date precision as the rollups keep it: a dated event without one is a day's.
PRECISION = func.coalesce(Event.date_precision, "day")


def _rollups(dialect: str):
    """(rollup, the event columns it counts by — its key, in column order — and which events)."""
    dated = (Event.date.is_not(None),)
    month = period("month", Event.date, dialect)
    return (
        (EventDay, (Event.date, Event.type, Event.status, PRECISION), dated),
        (EventMonth, (month, Event.type, Event.status, PRECISION), dated),
        (EventTotal, (Event.type, Event.status), ()),
    )


def rebuild(connection) -> None:
    """Recount every rollup from the events (after writing events behind the app's back)."""
    for model, groups, where in _rollups(connection.dialect.name):
        keys = [c.key for c in model.__table__.primary_key.columns]
        counted = select(*groups, func.count()).where(*where).group_by(*groups)
        connection.execute(delete(model))
        connection.execute(insert(model).from_select([*keys, "count"], counted))


def count_document(session: Session, document_id: int, sign: int) -> None:
    """Add (sign 1) or take away (sign -1) a document's events from every rollup."""
    for model, groups, where in _rollups(session.get_bind().dialect.name):
        _add(session, model, document_id, sign, groups, *where)


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


def days(args: dict, interval: str = "day"):
    """(day, precision, n) rows counting the dated events under the request's type, status
    and date filters. For a monthly or yearly timeline a whole month comes as one row per
    precision dated its first day (truncating it to its month or year is exact); a week can
    straddle months, so days."""
    stmt = _dated(
        args,
        lambda m, day: [day.label("day"), m.date_precision.label("date_precision")],
        months=interval in ("month", "year"),
    )
    # Summed per day here: the caller truncates a year's 365 days to periods, not the
    # year's ~17,000 (day, type, status) rows.
    n = func.sum(stmt.c.n).label("n")
    precision = stmt.c.date_precision
    return select(stmt.c.day, precision, n).group_by(stmt.c.day, precision)


# List arguments that shape the page, not which events match.
PAGING = frozenset({"page", "page_size", "sort", "fields_", "format", "cursor"})
COUNTABLE = frozenset({"type", "status", "date_from", "date_to"})
DATES = frozenset({"date_from", "date_to"})


def total(filters: dict) -> Select | None:
    """How many events an events list's filters match, exactly, from the rollups: the totals
    when the filters are type and status at most (undated events count), else months and
    days for the date range. None for any other filter. Counting a year of one type reads
    ~10,000 events (7 ms at a million); the rollups hold ~50 rows for it. A scalar SELECT,
    for the caller to run or embed."""
    present = {k for k, v in filters.items() if v is not None and v != []} - PAGING
    if not present <= COUNTABLE:
        return None
    if not present & DATES:
        return _filtered(select(func.coalesce(func.sum(EventTotal.count), 0)), filters, EventTotal)
    rows = _dated(filters, lambda m, day: [])
    return select(func.coalesce(func.sum(rows.c.n), 0))


def types(args: dict):
    """Counts by type from the rollups (the totals, or months and days under a date bound),
    most first; None when a filter is one the rollups do not keep."""
    if not usable(args):
        return None
    if not set(args) & DATES:
        n = func.sum(EventTotal.count).label("count")
        stmt = _filtered(select(EventTotal.type, n), args, EventTotal).group_by(EventTotal.type)
        return stmt.having(n > 0).order_by(n.desc(), EventTotal.type)
    rows = _dated(args, lambda m, day: [m.type.label("type")])
    n = func.sum(rows.c.n).label("count")
    stmt = select(rows.c.type, n).group_by(rows.c.type).having(func.sum(rows.c.n) > 0)
    return stmt.order_by(n.desc(), rows.c.type)


def _dated(args: dict, keys, months: bool = True):
    """A subquery of (*keys(rollup, its date column), n) over the rollup rows that count each
    dated event in the request's date range exactly once: the whole months inside it from
    `event_months` (with `months`), the days at its ragged ends — or all of it, without —
    from `event_days`."""
    parts = []
    for model, column, where in _parts(args.get("date_from"), args.get("date_to"), months):
        stmt = select(*keys(model, column), model.count.label("n")).where(where, model.count > 0)
        parts.append(_filtered(stmt, args, model))
    return (parts[0] if len(parts) == 1 else sql_union_all(*parts)).subquery()


def _parts(frm: date | None, to: date | None, months: bool):
    """(rollup, its date column, condition) covering [frm, to] (None: unbounded) once."""
    lo = frm if frm is None or frm.day == 1 else _next_month(frm)
    hi = None if to is None else _next_month(to) if _last_day(to) else to.replace(day=1)
    if not months or (lo is not None and hi is not None and lo >= hi) or (frm and lo is None):
        return [(EventDay, EventDay.day, _between(EventDay.day, frm, to))]
    whole = (EventMonth, EventMonth.month, _between(EventMonth.month, lo, hi, upper_open=True))
    edges = []
    if frm is not None and frm < lo:
        edges.append(_between(EventDay.day, frm, lo, upper_open=True))
    if hi is not None and hi <= to:
        edges.append(_between(EventDay.day, hi, to))
    return [whole] + ([(EventDay, EventDay.day, or_(*edges))] if edges else [])


def _between(column, lo, hi, upper_open: bool = False):
    bounds = [] if lo is None else [column >= lo]
    if hi is not None:
        bounds.append(column < hi if upper_open else column <= hi)
    return and_(*bounds) if bounds else column.is_not(None)


def _next_month(day: date) -> date | None:
    """The first day of the month after `day`'s (None past the calendar's end)."""
    try:
        return (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    except OverflowError:
        return None


def _last_day(day: date) -> bool:
    return day == date.max or (day + timedelta(days=1)).day == 1


def _filtered(stmt, args: dict, model: type):
    if args.get("type"):
        stmt = stmt.where(model.type.in_(args["type"]))
    if args.get("status"):
        stmt = stmt.where(model.status.in_(args["status"]))
    else:
        stmt = stmt.where(model.status != "negated")
    return stmt
