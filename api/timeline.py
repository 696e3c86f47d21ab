"""Timelines (`/stats/events?group_by=date`) that do not mislead.

An event counts in a bucket only when its date is at least as fine as the bucket: a day's
(or a publication date standing in, `reported`) in any bucket, a week's in weeks, months and
years, a month's in months and years. An event dated more coarsely than the interval is
reported apart, in its own period: rows with `precision` coarser than the interval ("last
month" is a `month` row dated the month's first day, never the week of that day). The
buckets come zero-filled over the requested range (`date_from`..`date_to`, or the first and
last bucket with events where a bound is not given), in date order, then the coarser rows
by precision and date. A range of more buckets than `limit` (default 1000) is a 422 naming
how many: a timeline is never silently cut short.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_smorest import abort
from sqlalchemy import case, func, literal, select

from . import rollup
from .db import db
from .models import Event
from .queries import filter_events

RANK = {"day": 0, "reported": 0, "week": 1, "month": 2, "year": 3}
MAX_BUCKETS = 1000


def _finer(interval: str) -> list[str]:
    """The precisions an `interval` bucket may count: as fine as it or finer."""
    return [p for p, r in RANK.items() if r <= RANK[interval]]


def start_of(interval: str, day: date) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


def _count(interval: str, lo: date, hi: date) -> int:
    """How many buckets from the one starting `lo` to the one starting `hi`, both included."""
    if interval in ("day", "week"):
        return (hi - lo).days // (7 if interval == "week" else 1) + 1
    if interval == "month":
        return (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    return hi.year - lo.year + 1


def _buckets(interval: str, lo: date, n: int):
    day = lo
    for i in range(n):
        yield day
        if i + 1 < n:
            if interval in ("day", "week"):
                day += timedelta(days=7 if interval == "week" else 1)
            elif interval == "month":
                day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            else:
                day = date(day.year + 1, 1, 1)


def _counts(args: dict, interval: str):
    """(period, precision, count) rows: events fine enough for the interval under the
    interval's period and precision, the others under their own date and precision."""
    if rollup.usable(args):
        days = rollup.days(args, interval).subquery()
    else:
        days = filter_events(
            select(
                Event.date.label("day"),
                rollup.PRECISION.label("date_precision"),
                func.count().label("n"),
            )
            .where(Event.date.is_not(None))
            .group_by(Event.date, rollup.PRECISION),
            args,
        ).subquery()
    dialect = db.session.get_bind().dialect.name
    fine = days.c.date_precision.in_(_finer(interval))
    period = case((fine, rollup.period(interval, days.c.day, dialect)), else_=days.c.day)
    precision = case((fine, literal(interval)), else_=days.c.date_precision)
    # Labels no column of `days` has: PostgreSQL's GROUP BY takes an input column first.
    period, precision = period.label("bucket"), precision.label("bucket_precision")
    stmt = select(period, precision, func.sum(days.c.n).label("count"))
    return db.session.execute(stmt.group_by(period, precision)).all()


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def timeline(args: dict) -> list[dict]:
    interval = args.get("interval", "day")
    limit = args.get("limit") or MAX_BUCKETS
    counted, apart = {}, []
    for period, precision, n in _counts(args, interval):
        if precision == interval:
            counted[_day(period)] = int(n)
        else:
            apart.append((RANK[precision], _day(period), precision, int(n)))
    lo = (
        start_of(interval, args["date_from"])
        if args.get("date_from")
        else min(counted, default=None)
    )
    hi = start_of(interval, args["date_to"]) if args.get("date_to") else max(counted, default=None)
    lo, hi = lo or hi, hi or lo
    rows = []
    if lo is not None:
        n = _count(interval, lo, hi)
        if n > limit:
            abort(
                422,
                message=(
                    f"{n} {interval} buckets from {lo} to {hi}, more than {limit}: narrow "
                    "date_from/date_to, choose a longer interval, or raise limit (at most 1000)."
                ),
                errors={"query": {"limit": [f"The range holds {n} buckets."]}},
            )
        for day in _buckets(interval, lo, n):
            rows.append(_row(day, interval, counted.get(day, 0)))
    rows += [_row(day, precision, n) for _, day, precision, n in sorted(apart)]
    return rows


def _row(day: date, precision: str, count: int) -> dict:
    iso = day.isoformat()
    return {"group": iso, "date": iso, "precision": precision, "count": count}
