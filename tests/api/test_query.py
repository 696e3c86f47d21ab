"""Query power: search, composable filters, sort, projection, cursors, sync, stats, exports,
HTTP caching and CORS — on every backend."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from api.cache import bump
from api.db import db
from tests.conftest import get_all

GOLD = Path(__file__).parent.parent / "gold"


def ingest(client, stem: str) -> dict:
    meta_path = GOLD / f"{stem}.meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    body = {
        "text": (GOLD / f"{stem}.txt").read_text(),
        **{k: meta[k] for k in ("source", "published") if k in meta},
    }
    resp = client.post("/api/v1/documents", json=body)
    assert resp.status_code in (200, 201)
    return resp.get_json()


@pytest.fixture
def corpus(client):
    stems = sorted(p.name[: -len(".txt")] for p in GOLD.glob("*.txt"))
    return [ingest(client, s) for s in stems]


@pytest.mark.parametrize(
    ("path", "q", "field"),
    [
        ("/api/v1/documents", "ceasefire", "text"),
        ("/api/v1/quotes", "convoy", "text"),
        ("/api/v1/events", "bombing", "sentence"),
    ],
)
def test_search_ranks_and_highlights(client, corpus, path, q, field):
    hits = client.get(path, query_string={"q": q}).get_json()
    assert hits
    for hit in hits:
        assert "<mark>" in hit["search"]["snippet"]
        if field in hit:
            for m in hit["search"]["matches"]:
                assert hit[field][m["start"] : m["end"]].lower().startswith(q[:4])


@pytest.mark.parametrize(
    "q", ['"unbalanced', "AND", "*", "(((", "bomb*) OR (", "'; DROP TABLE events; --", "ü∑ 漢字"]
)
def test_search_syntax_is_never_an_error(client, corpus, q):
    for path in ("/api/v1/documents", "/api/v1/quotes", "/api/v1/events"):
        resp = client.get(path, query_string={"q": q})
        assert resp.status_code == 200, (path, q, resp.get_json())
    assert len(get_all(client, "/api/v1/documents")) == len(corpus)


def test_filters_compose(client, corpus):
    both = get_all(client, "/api/v1/events", type=["ASSAULT", "ACCUSE"])
    assert {e["type"] for e in both} == {"ASSAULT", "ACCUSE"}
    assault = get_all(client, "/api/v1/events", type="ASSAULT", min_confidence=0.8, cameo="19")
    assert assault and all(
        e["type"] == "ASSAULT" and e["confidence"] >= 0.8 and e["cameo"].startswith("19")
        for e in assault
    )
    actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
    pair = get_all(client, "/api/v1/events", actor_id=[actors["United States"], actors["Russia"]])
    assert pair and all(
        {actors["United States"], actors["Russia"]}
        <= {a["id"] for a in e["sources"] + e["targets"]}
        for e in pair
    )
    people = get_all(
        client, "/api/v1/actors", kind=["person"], affiliation_id=actors["United States"]
    )
    assert "John Kerry" in {a["name"] for a in people} and all(
        a["kind"] == "person" for a in people
    )
    quotes = get_all(client, "/api/v1/quotes", kind=["direct"], cue="said", date_from="2020-01-01")
    assert quotes and all(q["kind"] == "direct" and q["cue"] == "said" for q in quotes)


@pytest.mark.parametrize(
    ("codes", "prefixes"),
    [
        (["USA"], ("USA",)),
        (["usa"], ("USA",)),
        (["USAGOV"], ("USAGOV",)),
        (["RUS", "USA"], ("RUS", "USA")),
    ],
)
def test_actors_by_cameo_code_prefix(client, corpus, codes, prefixes):
    every = get_all(client, "/api/v1/actors")
    want = {a["id"] for a in every if (a["code"] or "").startswith(prefixes)}
    got = get_all(client, "/api/v1/actors", code=codes)
    assert want and {a["id"] for a in got} == want
    assert all(a["code"].startswith(prefixes) for a in got)


def test_sort_and_projection(client, corpus):
    rows = client.get(
        "/api/v1/events", query_string={"sort": "-date", "fields": "date,type", "page_size": 100}
    ).get_json()
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates, reverse=True)
    assert all(set(r) == {"id", "date", "type"} for r in rows)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/events", {"sort": "colour"}, "sort"),
        ("/api/v1/events", {"fields": "id,secret"}, "fields"),
        ("/api/v1/events", {"min_confidence": 2}, "min_confidence"),
        ("/api/v1/events", {"cameo": "abc"}, "cameo"),
        ("/api/v1/events", {"page": 2, "cursor": ""}, "cursor"),
        ("/api/v1/events", {"cursor": "not-a-cursor"}, "cursor"),
        ("/api/v1/events", {"cursor": "", "sort": "date"}, "sort"),
        ("/api/v1/documents", {"updated_since": "yesterday"}, "updated_since"),
        ("/api/v1/stats/events", {"group_by": "colour"}, "group_by"),
        ("/api/v1/stats/events", {}, "group_by"),
        ("/api/v1/documents", {"format": "xml"}, "format"),
        ("/api/v1/actors", {"code": "RUS%"}, "code"),
        ("/api/v1/actors", {"code": ""}, "code"),
    ],
)
def test_invalid_query_is_422_naming_the_parameter(client, corpus, path, params, field):
    resp = client.get(path, query_string=params)
    assert resp.status_code == 422, resp.get_json()
    assert field in json.dumps(resp.get_json()["errors"])


def test_cursor_walk_is_complete_and_stable_under_inserts(client, corpus):
    before = {e["id"] for e in get_all(client, "/api/v1/events")}
    seen, cursor, inserted = [], "", 0
    while True:
        resp = client.get("/api/v1/events", query_string={"cursor": cursor, "page_size": 7})
        assert resp.status_code == 200
        seen += [e["id"] for e in resp.get_json()]
        meta = json.loads(resp.headers["X-Pagination"])
        # Another client ingests a brief between our pages.
        text = f"Insert {inserted}\n\nFrance accused Germany of spying on Monday, officials said. Ref {inserted}."
        client.post("/api/v1/documents", json={"text": text, "published": "2024-01-08"})
        inserted += 1
        if "next_cursor" not in meta:
            assert 'rel="next"' not in resp.headers["Link"]
            assert "X-Next-Cursor" not in resp.headers
            break
        assert 'rel="next"' in resp.headers["Link"]
        assert resp.headers["X-Next-Cursor"] == meta["next_cursor"]
        cursor = meta["next_cursor"]
    assert len(seen) == len(set(seen)), "duplicates in the walk"
    assert before <= set(seen), "the walk missed events that existed when it began"


def _walk(client, path: str, **params) -> list[int]:
    """The ids of a cursor walk through `path`, page by page."""
    walked, cursor = [], ""
    while True:
        resp = client.get(path, query_string={**params, "cursor": cursor, "page_size": 2})
        assert resp.status_code == 200, resp.get_json()
        walked += [e["id"] for e in resp.get_json()]
        cursor = json.loads(resp.headers["X-Pagination"]).get("next_cursor")
        if not cursor:
            return walked


@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("/api/v1/events", None),
        ("/api/v1/events", "-confidence"),
        ("/api/v1/events", "type,-updated_at"),
        ("/api/v1/events", "-document_id,confidence"),
        ("/api/v1/quotes", "-confidence"),
        ("/api/v1/documents", "created_at,-updated_at"),
    ],
)
def test_cursor_walk_follows_the_offset_order(client, corpus, path, sort):
    sorted_by = {"sort": sort} if sort else {}
    expected = [e["id"] for e in get_all(client, path, **sorted_by)]
    assert _walk(client, path, **sorted_by) == expected


def _names(event: dict, actor_id: int) -> bool:
    return any(a["id"] == actor_id for a in event["sources"] + event["targets"])


@pytest.mark.parametrize("sort", [None, "-document_id", "-date"])
def test_an_actors_events_are_every_event_naming_them_once(app, client, corpus, sort):
    """Filtered by an actor, lists walk the participants' copy of the list order (or, for other
    sorts, the actor's event ids): either way, exactly the events naming the actor, each once —
    also when the actor is both source and target of one event — in the list's own order."""
    everything = get_all(client, "/api/v1/events", **({"sort": sort} if sort else {}))
    event = next(e for e in everything if e["sources"] and e["targets"])
    actor = event["sources"][0]
    # Make the source also a target of the same event, behind the app's back.
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO event_participants (event_id, actor_id, role, document_id, start) "
                "SELECT id, :actor, 'target', document_id, start FROM events WHERE id = :event"
            ),
            {"actor": actor["id"], "event": event["id"]},
        )
        bump(conn)
    everything = get_all(client, "/api/v1/events", **({"sort": sort} if sort else {}))
    assert actor in next(e for e in everything if e["id"] == event["id"])["targets"]
    sorted_by = {"sort": sort} if sort else {}
    for other in {actor["id"], *(a["id"] for e in everything for a in e["sources"])}:
        expected = [e["id"] for e in everything if _names(e, other)]
        listed = get_all(client, "/api/v1/events", actor_id=other, **sorted_by)
        assert [e["id"] for e in listed] == expected
        if not sort:  # an actor's own list sorts by id only
            assert [e["id"] for e in get_all(client, f"/api/v1/actors/{other}/events")] == expected
        if sort != "-date":  # a nullable sort pages by offset only
            assert _walk(client, "/api/v1/events", actor_id=other, **sorted_by) == expected


def test_updated_since_and_deletions_feed(client, corpus):
    first = client.get("/api/v1/documents", query_string={"page_size": 1}).get_json()[0]
    stamp = first["updated_at"]
    newer = get_all(client, "/api/v1/documents", updated_since=stamp)
    assert first["id"] in {d["id"] for d in newer}
    assert get_all(client, "/api/v1/documents", updated_since="2999-01-01T00:00:00Z") == []
    victim = corpus[-1]["id"]
    assert client.delete(f"/api/v1/documents/{victim}").status_code == 204
    feed = get_all(client, "/api/v1/deletions", since=stamp)
    assert {"resource": "documents", "resource_id": victim} in [
        {k: d[k] for k in ("resource", "resource_id")} for d in feed
    ]
    assert get_all(client, "/api/v1/deletions", since="2999-01-01T00:00:00Z") == []


@pytest.mark.parametrize("group_by", ["type", "source", "target", "pair", "date"])
def test_event_stats(client, corpus, group_by):
    rows = client.get(
        "/api/v1/stats/events", query_string={"group_by": group_by, "interval": "month"}
    ).get_json()
    # A timeline's buckets are zero-filled (tests/api/test_aggregates.py); groups never are.
    assert rows and all(r["count"] > 0 or group_by == "date" for r in rows)
    total = len(get_all(client, "/api/v1/events"))
    if group_by in ("type", "date"):
        assert sum(r["count"] for r in rows) <= total
    if group_by == "type":
        assert sum(r["count"] for r in rows) == total
    if group_by == "date":
        assert all(r["date"].endswith("-01") for r in rows)
        buckets = [r["date"] for r in rows if r["precision"] == "month"]
        assert buckets == sorted(buckets) and rows[: len(buckets)] == [
            r for r in rows if r["precision"] == "month"
        ]


def test_timeline_matches_filtered_list(client, corpus):
    rows = client.get(
        "/api/v1/stats/events",
        query_string={"group_by": "date", "interval": "week", "type": "ASSAULT"},
    ).get_json()
    listed = [e for e in get_all(client, "/api/v1/events", type="ASSAULT") if e["date"]]
    assert sum(r["count"] for r in rows) == len(listed)


def test_actor_network(client, corpus):
    actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
    net = client.get(f"/api/v1/actors/{actors['Russia']}/network").get_json()
    assert net["actor"]["name"] == "Russia"
    node_ids = {n["id"] for n in net["nodes"]}
    assert actors["United States"] in node_ids
    for edge in net["edges"]:
        assert actors["Russia"] in (edge["source"], edge["target"]) and edge["count"] >= 1
    assert any(
        e["source"] == actors["United States"] and e["target"] == actors["Russia"]
        for e in net["edges"]
    )


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({"query_string": {"format": "csv"}}, "csv"),
        ({"headers": {"Accept": "text/csv"}}, "csv"),
        ({"query_string": {"format": "ndjson"}}, "ndjson"),
        ({"headers": {"Accept": "application/x-ndjson"}}, "ndjson"),
    ],
)
def test_exports_stream_every_match(client, corpus, kwargs, kind):
    total = len(get_all(client, "/api/v1/events"))
    resp = client.get("/api/v1/events", **kwargs)
    assert resp.status_code == 200 and resp.is_streamed
    body = resp.get_data(as_text=True)
    if kind == "csv":
        assert resp.mimetype == "text/csv"
        rows = list(csv.DictReader(io.StringIO(body)))
        assert rows and "sources" in rows[0]
    else:
        assert resp.mimetype == "application/x-ndjson"
        rows = [json.loads(line) for line in body.splitlines()]
    assert len(rows) == total


def test_etag_and_cache_control(client, corpus):
    first = client.get("/api/v1/events", query_string={"page_size": 5})
    assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    again = client.get(
        "/api/v1/events",
        query_string={"page_size": 5},
        headers={"If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304 and again.get_data() == b""
    other = client.get(
        "/api/v1/events",
        query_string={"page_size": 6},
        headers={"If-None-Match": first.headers["ETag"]},
    )
    assert other.status_code == 200


def test_cors_allows_reads_from_any_origin(client, corpus):
    resp = client.get("/api/v1/documents", headers={"Origin": "https://example.org"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Pagination" in resp.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in resp.headers
    pre = client.options(
        "/api/v1/documents",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert pre.status_code == 200 and "GET" in pre.headers["Access-Control-Allow-Methods"]
    # Writes too: a bearer token is no ambient credential (issue 24).
    assert {"POST", "DELETE"} <= set(pre.headers["Access-Control-Allow-Methods"].split(", "))
