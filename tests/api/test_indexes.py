"""Every filter and sort the lists offer is backed by an index: EXPLAIN on PostgreSQL over a
generated database, with sequential scans priced out so a missing index shows as one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, text

from api.db import db
from tests.conftest import POSTGRES, postgres_app

ROOT = Path(__file__).resolve().parents[2]
# Not event_totals: one row per (type, status), read whole.
TABLES = (
    "events",
    "event_participants",
    "event_days",
    "event_months",
    "quotes",
    "mentions",
    "documents",
    "actors",
)
YEAR = {"date_from": "2018-01-01", "date_to": "2018-12-31"}


@pytest.fixture(scope="module", params=POSTGRES)
def generated(tmp_path_factory):
    """One generated database for the module: every test here only reads."""
    # Cache off: every request here must run its SQL for the plans to be seen.
    with postgres_app(tmp_path_factory, RESPONSE_CACHE_MB=0) as app:
        env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
        gen = [sys.executable, str(ROOT / "bench" / "generate.py"), "--documents", "2000"]
        subprocess.run(gen, env=env, check=True, capture_output=True)
        yield app


@pytest.fixture
def client(generated):
    return generated.test_client()


def plans(app, client, path, params, *, price_out=("seqscan",)) -> list[str]:
    captured = []
    with app.app_context():
        engine = db.engine

    def grab(conn, cursor, statement, parameters, *args):
        head = statement.lstrip().upper()
        if head.startswith(("SELECT", "WITH")) and "alembic_version" not in statement:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        resp = client.get(path, query_string=params)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    assert resp.status_code == 200, resp.get_json()
    assert captured, f"{path} ran no query"
    out = []
    with engine.connect() as conn:
        for node in price_out:
            conn.execute(text(f"SET enable_{node} = off"))
        for statement, parameters in captured:
            rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
            out.append("\n".join(r[0] for r in rows))
    return out


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/events", {"cursor": ""}),
        ("/api/v1/events", {"actor_id": 5, "cursor": ""}),
        ("/api/v1/events", {"source_id": 5, "target_id": 9, "cursor": ""}),
        (
            "/api/v1/events",
            {"type": "ASSAULT", "date_from": "2018-01-01", "date_to": "2018-03-01", "cursor": ""},
        ),
        ("/api/v1/events", {"document_id": 77, "cursor": ""}),
        ("/api/v1/events", {"sort": "-date", "page": 3}),
        ("/api/v1/events", {"q": "sanctions geneva", "cursor": ""}),
        ("/api/v1/quotes", {"speaker_id": 7, "cursor": ""}),
        ("/api/v1/quotes", {"document_id": 12, "cursor": ""}),
        ("/api/v1/actors/5/mentions", {"cursor": ""}),
        ("/api/v1/actors/5/events", {"cursor": ""}),
        ("/api/v1/documents", {"actor_id": 5, "cursor": ""}),
        ("/api/v1/documents", {"q": "talks", "cursor": ""}),
        ("/api/v1/events", {"type": "ASSAULT", **YEAR, "sort": "date", "page": 1}),
        ("/api/v1/stats/events", {"group_by": "type", "actor_id": 5}),
        ("/api/v1/stats/events", {"group_by": "date", "interval": "month", **YEAR}),
        (
            "/api/v1/stats/events",
            {"group_by": "date", "interval": "week", "type": "AGREE", "status": "future", **YEAR},
        ),
        ("/api/v1/stats/events", {"group_by": "date", "min_confidence": 0.5, **YEAR}),
    ],
)
def test_filtered_lists_use_indexes(generated, client, path, params):
    for plan in plans(generated, client, path, params):
        scans = [
            line
            for line in plan.splitlines()
            if "Seq Scan on" in line and any(f" {t} " in line + " " for t in TABLES)
        ]
        assert not scans, f"{path} {json.dumps(params)}:\n{plan}"


def test_big_offset_pages_estimate_their_total(generated, client):
    # A filter the rollups do not keep: past 10,000 matches the total is the planner's.
    big = {"min_confidence": 0.1}
    resp = client.get("/api/v1/events", query_string={**big, "page": 2, "page_size": 50})
    meta = json.loads(resp.headers["X-Pagination"])
    assert meta["total_estimated"] is True and meta["total"] > 10_000
    # Unfiltered, the totals rollup knows it exactly.
    exact = json.loads(client.get("/api/v1/events").headers["X-Pagination"])
    assert "total_estimated" not in exact and exact["total"] > 10_000
    assert len(resp.get_json()) == 50 and meta["next_page"] == 3
    small = client.get("/api/v1/events", query_string={"actor_id": 5, "page_size": 100})
    meta = json.loads(small.headers["X-Pagination"])
    assert "total_estimated" not in meta and meta["total"] == len(small.get_json()) < 100


@pytest.mark.parametrize("sort", [None, "-confidence", "type,-updated_at"])
def test_a_deep_cursor_starts_inside_the_index(generated, client, sort):
    """A cursor far into the list is an index bound (Index Cond), not a filter applied to
    every row before it: a walk's last page costs what its first does."""
    sorted_by = {"sort": sort} if sort else {}
    deep = client.get("/api/v1/events", query_string={**sorted_by, "page": 500, "page_size": 20})
    cursor = json.loads(deep.headers["X-Pagination"])["next_cursor"]
    (plan,) = plans(generated, client, "/api/v1/events", {**sorted_by, "cursor": cursor})
    lead = (sort or "document_id").split(",")[0].lstrip("-")
    conds = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any(lead in line for line in conds), plan


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/events", {"actor_id": 5, "cursor": ""}),
        ("/api/v1/events", {"actor_id": 5, **YEAR, "page": 1}),
        ("/api/v1/events", {"actor_id": [5, 9], "type": "ASSAULT", "cursor": ""}),
        ("/api/v1/actors/5/events", {"cursor": ""}),
    ],
)
def test_an_actors_events_walk_one_index_in_list_order(generated, client, path, params):
    """An actor's events in list order come off the participants' (actor, document, start)
    index with no sort: a page stops after its rows however many events the actor has.
    Sorts are priced out, so only a missing ordered path shows as one (on this small
    database sorting 20 rows is cheaper; at 1M events the planner walks the index itself)."""
    *_, plan = plans(generated, client, path, params, price_out=("seqscan", "sort"))
    assert "ix_event_participants_actor_order" in plan, plan
    assert "Sort" not in plan, plan


def test_a_deep_cursor_into_an_actors_events_is_an_index_bound(generated, client):
    walked = client.get("/api/v1/events", query_string={"actor_id": 5, "page_size": 5})
    cursor = json.loads(walked.headers["X-Pagination"])["next_cursor"]
    (plan,) = plans(generated, client, "/api/v1/events", {"actor_id": 5, "cursor": cursor})
    conds = [line for line in plan.splitlines() if "Index Cond" in line and "actor_id" in line]
    assert any("ROW(document_id, start, event_id) >" in line for line in conds), plan


def _town(client, country: str) -> dict:
    """The busiest town of a generated country (bench/places.py ranks them)."""
    query = {"country": country, "feature": "city", "page_size": 1}
    return client.get("/api/v1/places", query_string=query).get_json()[0]


@pytest.mark.parametrize(
    ("params", "index", "condition"),
    [
        ({"country": "BR"}, "ix_events_country_order", "country_code"),
        ({"country": "BR", "type": "ASSAULT"}, "ix_events_country_order", "country_code"),
        ({"place_id": "town"}, "ix_events_place_order", "place_id"),
        ({"bbox": "town"}, "ix_events_lat_lon", "latitude"),
        ({"near": "town"}, "ix_events_lat_lon", "latitude"),
        ({"near": "town", "date_from": "2018-01-01"}, "ix_events_lat_lon", "latitude"),
    ],
)
def test_spatial_filters_are_index_conditions(generated, client, params, index, condition):
    """`country` and `place_id` walk their (key, document, start, id) index in list order;
    a city-size `bbox` and a 20 km `near` are a latitude range on the (latitude, longitude)
    index (its longitude checked in the index too), the exact distance only on what is in it.
    Sorts are priced out as for an actor's events: on this small database a busy country's
    events are dense enough that filtering the list order is as cheap; a rarer one's (Brazil,
    ~1% here) or a place's are what the index is for."""
    town = _town(client, "SY")
    lat, lon = town["latitude"], town["longitude"]
    values = {
        "place_id": town["id"],
        "bbox": f"{lon - 0.1},{lat - 0.1},{lon + 0.1},{lat + 0.1}",
        "near": f"{lat},{lon},20",
    }
    query = {k: values[k] if v == "town" else v for k, v in params.items()}
    ordered = ("seqscan", "sort", "incremental_sort") if condition != "latitude" else ("seqscan",)
    *_, plan = plans(
        generated, client, "/api/v1/events", {**query, "cursor": ""}, price_out=ordered
    )
    assert index in plan, plan
    conds = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any(condition in line for line in conds), plan
