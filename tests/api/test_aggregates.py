"""Honest aggregates (issue 19, item 4): a timeline counts an event in a bucket only when its
date is at least as fine as the interval and reports coarser ones apart, fills every bucket of
the range, and never cuts a range short; an actor's network has the actor as a node, keeps
events with nobody on the other side, and types its edges (acted on, co-source, co-target).
Each is checked against what the events list itself says."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from api.db import db
from tests.conftest import BACKENDS, fresh_database, get_all, own_app

GOLD = Path(__file__).resolve().parent.parent / "gold"
TIMELINE = "/api/v1/stats/events"
RANK = {"day": 0, "reported": 0, "week": 1, "month": 2, "year": 3}


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    """A client of an app with the gold briefs, ingested once for the module: every test
    here only reads."""
    url = fresh_database(request.param, tmp_path_factory.mktemp("aggregates"), "aggregates")
    app, _ = own_app(url, "aggregates")
    assert app.test_cli_runner().invoke(args=["ingest", str(GOLD)]).exit_code == 0
    yield app.test_client()
    with app.app_context():
        db.engine.dispose()


def _start(interval: str, day: date) -> date:
    return {
        "day": day,
        "week": day - timedelta(days=day.weekday()),
        "month": day.replace(day=1),
        "year": day.replace(month=1, day=1),
    }[interval]


def _following(interval: str, day: date) -> date:
    if interval in ("day", "week"):
        return day + timedelta(days=7 if interval == "week" else 1)
    if interval == "month":
        return (day + timedelta(days=32)).replace(day=1)
    return day.replace(year=day.year + 1)


def expected_timeline(events: list[dict], interval: str, lo=None, hi=None) -> list[dict]:
    """The timeline the events list implies, computed here without the API's code."""
    counted, apart = Counter(), Counter()
    for e in events:
        if not e["date"]:
            continue
        day = date.fromisoformat(e["date"])
        if RANK[e["date_precision"]] <= RANK[interval]:
            counted[_start(interval, day)] += 1
        else:
            apart[(RANK[e["date_precision"]], day, e["date_precision"])] += 1
    lo = _start(interval, lo) if lo else min(counted, default=None)
    hi = _start(interval, hi) if hi else max(counted, default=None)
    rows, day = [], lo
    while day is not None and day <= hi:
        rows.append({"date": day.isoformat(), "precision": interval, "count": counted[day]})
        day = _following(interval, day)
    for (_, day, precision), n in sorted(apart.items()):
        rows.append({"date": day.isoformat(), "precision": precision, "count": n})
    return rows


@pytest.mark.parametrize(
    "query",
    [
        {"interval": "week", "date_from": "2016-01-01", "date_to": "2017-12-31"},
        {"interval": "month", "date_from": "2016-01-01", "date_to": "2024-12-31"},
        {"interval": "year"},
        {"interval": "day", "date_from": "2016-09-01", "date_to": "2016-10-31"},
        {"interval": "week", "date_from": "2016-09-15", "date_to": "2016-12-31", "type": "ASSAULT"},
        # a filter the rollups do not keep: counted off the events, the same answer
        {"interval": "month", "date_from": "2016-01-01", "min_confidence": 0},
        {"interval": "week", "date_from": "2024-01-01", "date_to": "2024-12-31", "limit": 60},
    ],
)
def test_timeline_is_what_the_events_say(client, query):
    rows = client.get(TIMELINE, query_string={"group_by": "date", **query}).get_json()
    filters = {k: v for k, v in query.items() if k not in ("interval", "limit")}
    filters.pop("min_confidence", None)
    events = get_all(client, "/api/v1/events", **filters)
    lo, hi = (
        date.fromisoformat(query[k]) if k in query else None for k in ("date_from", "date_to")
    )
    expected = expected_timeline(events, query["interval"], lo, hi)
    assert [{k: r[k] for k in ("date", "precision", "count")} for r in rows] == expected
    assert all(r["group"] == r["date"] for r in rows)
    assert sum(r["count"] for r in rows) == sum(1 for e in events if e["date"])


def test_the_corpus_has_coarse_dates_to_report_apart(client):
    """What the table above relies on: events dated to a month or a year, and empty weeks."""
    events = get_all(client, "/api/v1/events")
    assert {"month", "year"} & {e["date_precision"] for e in events}
    rows = client.get(
        TIMELINE, query_string={"group_by": "date", "interval": "week", "date_from": "2016-01-01"}
    ).get_json()
    assert any(r["count"] == 0 for r in rows) and any(r["precision"] != "week" for r in rows)


@pytest.mark.parametrize(
    "query",
    [
        {"interval": "day", "date_from": "2000-01-01", "date_to": "2016-12-31"},
        {"interval": "month", "date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"interval": "year", "date_from": "1990-01-01", "date_to": "2024-12-31", "limit": 3},
    ],
)
def test_a_range_of_more_buckets_than_the_limit_is_a_422(client, query):
    resp = client.get(TIMELINE, query_string={"group_by": "date", **query})
    assert resp.status_code == 422
    assert ("query", "limit") in {(e["location"], e["field"]) for e in resp.get_json()["errors"]}


def test_an_empty_range_is_its_zero_buckets(client):
    rows = client.get(
        TIMELINE,
        query_string={
            "group_by": "date",
            "interval": "month",
            "date_from": "2020-01-15",
            "date_to": "2020-03-01",
        },
    ).get_json()
    assert rows == [
        {"group": d, "date": d, "precision": "month", "count": 0}
        for d in ("2020-01-01", "2020-02-01", "2020-03-01")
    ]


def expected_network(events: list[dict], actor: int) -> tuple[Counter, Counter]:
    edges, unpaired = Counter(), Counter()
    for e in events:
        if e["status"] == "negated":
            continue
        sources = {a["id"] for a in e["sources"]}
        targets = {a["id"] for a in e["targets"]}
        seen = set()
        if actor in sources:
            seen |= {(actor, t, "acted_on") for t in targets}
            seen |= {(actor, s, "co_source") for s in sources - {actor}}
            if not targets:
                unpaired[("source", e["type"])] += 1
        if actor in targets:
            seen |= {(s, actor, "acted_on") for s in sources}
            seen |= {(actor, t, "co_target") for t in targets - {actor}}
            if not sources:
                unpaired[("target", e["type"])] += 1
        for src, dst, relation in seen:
            edges[(src, dst, e["type"], relation)] += 1
    return edges, unpaired


@pytest.mark.parametrize("name", ["Russia", "Syria"])
def test_network_is_what_the_events_say(client, name):
    actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
    actor = actors[name]
    net = client.get(f"/api/v1/actors/{actor}/network").get_json()
    events = get_all(client, "/api/v1/events", actor_id=actor)
    edges, unpaired = expected_network(events, actor)
    got = Counter(
        {(e["source"], e["target"], e["type"], e["relation"]): e["count"] for e in net["edges"]}
    )
    assert got == edges
    assert Counter({(u["role"], u["type"]): u["count"] for u in net["unpaired"]}) == unpaired
    node_ids = {n["id"] for n in net["nodes"]}
    assert actor in node_ids  # the focal actor: no edge dangles in a graph library
    assert node_ids == {actor} | {i for e in net["edges"] for i in (e["source"], e["target"])}


def test_network_types_every_relation(client):
    """Across the corpus' actors, each relation occurs, and events without a target are kept."""
    relations, unpaired = set(), 0
    for actor in get_all(client, "/api/v1/actors", kind="country"):
        net = client.get(f"/api/v1/actors/{actor['id']}/network").get_json()
        relations |= {e["relation"] for e in net["edges"]}
        unpaired += sum(u["count"] for u in net["unpaired"])
    assert relations == {"acted_on", "co_source", "co_target"} and unpaired > 0
