"""Timelines, counts by type and list totals read the rollups (event_days, event_months,
event_totals) when they can: through ingest, reextract and delete they answer exactly what
counting the events does."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from api.db import db
from api.models import Event, EventDay, EventMonth, EventTotal
from tests.conftest import get_all

GOLD = Path(__file__).resolve().parent.parent / "gold"
TIMELINE = "/api/v1/stats/events"

# min_confidence=0 holds for every event: it changes no count but sends the request to the
# events table, so each row below compares the rollup with a direct count.
QUERIES = [
    # A timeline holds every bucket of its range (at most 1000): days need a range.
    {"interval": "day", "date_from": "2016-01-01", "date_to": "2018-09-26"},
    {"interval": "week"},
    {"interval": "month"},
    {"interval": "year"},
    {"interval": "month", "type": ["ASSAULT", "ACCUSE"]},
    {"interval": "day", "status": ["negated"], "date_from": "2022-01-01", "date_to": "2024-09-26"},
    {"interval": "day", "status": ["asserted", "future"], "date_to": "2018-09-26"},
    {"interval": "week", "date_from": "2016-01-01", "date_to": "2024-12-31"},
    {"interval": "year", "limit": 20},
    {"interval": "year", "date_to": "2017-06-30", "limit": 3},
    # Monthly and yearly timelines read whole months, and days at ragged ends.
    {"interval": "month", "date_from": "2016-09-15", "date_to": "2024-05-01"},
    {"interval": "year", "date_from": "2016-09-15"},
    {"interval": "month", "date_from": "2024-04-30", "date_to": "2024-05-01"},
    {"interval": "week", "date_from": "2016-09-15", "date_to": "2024-05-01"},
    {"interval": "month", "date_from": "2000-01-01", "date_to": "2049-12-31"},
]


# Events lists whose totals the rollups can give (type, status and date filters at most) and
# some they cannot: either way the total is what counting the events says.
LIST_QUERIES = [
    ({}, {"event_totals"}),
    ({"type": ["ASSAULT", "ACCUSE", "AGREE"]}, {"event_totals"}),  # undated events count too
    ({"status": ["negated"], "sort": "-confidence"}, {"event_totals"}),
    ({"date_from": "2016-01-01"}, {"event_months"}),
    ({"date_to": "2030-12-31", "type": ["ASSAULT", "ACCUSE", "AGREE"]}, {"event_months"}),
    ({"date_from": "2000-01-01", "date_to": "2030-12-31", "status": ["negated"]}, {"event_months"}),
    (
        {"date_from": "2000-01-01", "status": ["asserted", "future"], "sort": "-date"},
        {"event_months"},
    ),
    # Ragged ends: whole months from event_months, the days either side from event_days.
    ({"date_from": "2016-09-15", "date_to": "2024-05-01"}, {"event_months", "event_days"}),
    ({"date_from": "2016-10-03", "date_to": "2024-04-30"}, {"event_months", "event_days"}),
    ({"date_from": "2024-04-30", "date_to": "2024-05-01"}, {"event_days"}),  # no whole month
    ({"date_to": "9999-12-31"}, {"event_months"}),
    ({"location": "a"}, set()),
    ({"date_from": "2000-01-01", "location": "a"}, set()),
]
ROLLUPS = ("event_days", "event_months", "event_totals")


def timeline(client, query: dict, direct: bool, group_by: str = "date") -> list[dict]:
    params = {"group_by": group_by, **query, **({"min_confidence": 0} if direct else {})}
    resp = client.get(TIMELINE, query_string=params)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def assert_rollup_matches(app, client) -> None:
    for query in QUERIES:
        assert timeline(client, query, direct=False) == timeline(client, query, direct=True)
        # Counts by type: from the days under a date bound, else from the totals.
        by_type = [timeline(client, query, direct=d, group_by="type") for d in (False, True)]
        assert by_type[0] == by_type[1], query
    with app.app_context():
        engine = db.engine
    for query, from_rollup in LIST_QUERIES:
        statements = []

        def grab(conn, cursor, statement, *args, seen=statements):
            # The schema guard's lookup (pg_catalog, cached 10 s) comes and goes with its cache.
            if "pg_catalog" not in statement:
                seen.append(statement)

        event.listen(engine, "before_cursor_execute", grab)
        try:
            resp = client.get("/api/v1/events", query_string={**query, "page_size": 1})
        finally:
            event.remove(engine, "before_cursor_execute", grab)
        direct = client.get("/api/v1/events", query_string={**query, "min_confidence": 0})
        totals = [json.loads(r.headers["X-Pagination"])["total"] for r in (resp, direct)]
        assert totals[0] == totals[1] == len(get_all(client, "/api/v1/events", **query)), query
        read = {t for t in ROLLUPS for s in statements if t in s}
        assert read == from_rollup, query
        if resp.get_json():  # the total, from a rollup or counted, rides in the page's statement
            assert len(statements) == 1, statements
        # Past the last page no row carries the total: it is still exact.
        past = client.get(
            "/api/v1/events", query_string={**query, "page_size": 1, "page": totals[0] + 1}
        )
        assert past.get_json() == []
        assert json.loads(past.headers["X-Pagination"])["total"] == totals[0], query
    with app.app_context():
        precision = func.coalesce(Event.date_precision, "day")  # as the rollups count it
        expected = db.session.execute(
            select(Event.date, Event.type, Event.status, precision, func.count())
            .where(Event.date.is_not(None))
            .group_by(Event.date, Event.type, Event.status, precision)
        ).all()
        day_key = (EventDay.day, EventDay.type, EventDay.status, EventDay.date_precision)
        stored = db.session.execute(
            select(*day_key, EventDay.count).where(EventDay.count != 0)
        ).all()
        assert min((r.count for r in db.session.scalars(select(EventDay))), default=0) >= 0
    assert sorted(map(tuple, stored)) == sorted(map(tuple, expected))
    months = Counter()
    for day, type_, status, precision, n in expected:
        months[(day.replace(day=1), type_, status, precision)] += n
    with app.app_context():
        month_key = (EventMonth.month, EventMonth.type, EventMonth.status)
        stored = db.session.execute(
            select(*month_key, EventMonth.date_precision, EventMonth.count).where(
                EventMonth.count != 0
            )
        ).all()
        assert min((r.count for r in db.session.scalars(select(EventMonth))), default=0) >= 0
    assert sorted(map(tuple, stored)) == sorted((*k, n) for k, n in months.items())
    with app.app_context():
        expected = db.session.execute(
            select(Event.type, Event.status, func.count()).group_by(Event.type, Event.status)
        ).all()
        stored = db.session.execute(
            select(EventTotal.type, EventTotal.status, EventTotal.count).where(
                EventTotal.count != 0
            )
        ).all()
        assert min((r.count for r in db.session.scalars(select(EventTotal))), default=0) >= 0
    assert sorted(map(tuple, stored)) == sorted(map(tuple, expected))


@pytest.fixture
def corpus(runner):
    assert runner.invoke(args=["ingest", str(GOLD)]).exit_code == 0


def test_rollup_after_ingest(app, client, corpus):
    assert timeline(client, {"interval": "year"}, direct=False)  # there is something to count
    assert_rollup_matches(app, client)


def test_rollup_after_delete_and_reextract(app, client, runner, corpus):
    docs = client.get("/api/v1/documents", query_string={"page_size": 100}).get_json()
    assert client.delete(f"/api/v1/documents/{docs[0]['id']}").status_code == 204
    assert runner.invoke(args=["reextract", "--document", str(docs[1]["id"])]).exit_code == 0
    assert_rollup_matches(app, client)
    for doc in docs[1:]:
        assert client.delete(f"/api/v1/documents/{doc['id']}").status_code == 204
    assert timeline(client, {"interval": "day"}, direct=False) == []
