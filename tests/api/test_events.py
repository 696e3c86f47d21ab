"""Events over HTTP: the seed's events, their spans and the filters."""

from __future__ import annotations

import pytest

from tests.conftest import get_all

URL = "/api/v1/events"


def test_seed_events_point_at_their_trigger(client, seed_doc):
    events = get_all(client, URL, document_id=seed_doc["id"])
    text = seed_doc["text"]
    assert len(events) >= 9
    for e in events:
        assert text[e["start"] : e["end"]] == e["trigger"]
        assert e["sentence_start"] <= e["start"] < e["end"] <= e["sentence_end"]
        assert 0 < e["confidence"] <= 1
        assert e["sources"]
    suspend = next(e for e in events if e["trigger"].startswith("suspending"))
    assert (suspend["type"], suspend["cameo"], suspend["date"]) == ("SANCTION", "164", "2016-10-03")
    assert [a["name"] for a in suspend["targets"]] == ["Russia"]
    withdraw = next(e for e in events if "withdraw" in e["trigger"])
    assert withdraw["status"] == "future"
    alleged = [e for e in events if e["status"] == "alleged"]
    assert alleged and all(e["type"] == "ASSAULT" for e in alleged)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "ACCUSE"}, lambda e: e["type"] == "ACCUSE"),
        ({"status": "alleged"}, lambda e: e["status"] == "alleged"),
        ({"date_from": "2016-10-01"}, lambda e: e["date"] >= "2016-10-01"),
        ({"date_to": "2016-09-30"}, lambda e: e["date"] <= "2016-09-30"),
    ],
)
def test_event_filters(client, seed_doc, params, check):
    events = get_all(client, URL, **params)
    assert events
    assert all(check(e) for e in events)


def test_actor_role_filters(client, seed_doc):
    actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
    as_target = get_all(client, URL, target_id=actors["Russia"])
    assert as_target and all(actors["Russia"] in [a["id"] for a in e["targets"]] for e in as_target)
    as_source = get_all(client, URL, source_id=actors["United States"])
    assert as_source and all(
        actors["United States"] in [a["id"] for a in e["sources"]] for e in as_source
    )
    either = get_all(client, URL, actor_id=actors["Russia"])
    assert len(either) > len(as_target)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "BOMBING"},
        {"date_from": "yesterday"},
        {"date_from": "2016-10-02", "date_to": "2016-10-01"},
        {"document_id": "one"},
        {"document_id": 99999999999},
        {"unknown_filter": "x"},
    ],
)
def test_bad_event_filters(client, params):
    resp = client.get(URL, query_string=params)
    assert resp.status_code == 422
    assert next(iter(params)) in str(resp.get_json()["errors"])


def test_event_item(client, seed_doc):
    first = get_all(client, URL)[0]
    assert client.get(f"{URL}/{first['id']}").get_json() == first
    assert client.get(f"{URL}/424242").status_code == 404
