"""Strict requests (issue 19, item 2): a parameter the operation does not take is a 422
naming it, a media type it cannot serve is a 406 listing what it can; no silent fallback, and
nothing changes."""

from __future__ import annotations

import pytest

from tests.conftest import get_all
from tests.consistency import fields_of

LISTS = ("application/json", "text/csv", "application/x-ndjson")
EVENT_LISTS = (*LISTS, "application/geo+json")  # a map too (issue 23)


@pytest.mark.parametrize(
    ("method", "path", "query", "unknown"),
    [
        ("get", "/api/v1/events", "actorid=3", ["actorid"]),  # a typo for actor_id
        ("get", "/api/v1/events", "type=ASSAULT&colour=red&Type=x", ["Type", "colour"]),
        ("get", "/api/v1/events/1", "format=csv", ["format"]),
        ("get", "/api/v1/documents/1", "fields=title", ["fields"]),
        ("get", "/api/v1/actors/1/network", "page=2", ["page"]),
        ("get", "/api/v1/stats/events", "group_by=type&format=csv", ["format"]),
        ("get", "/api/v1/deletions", "since=2020-01-01T00:00:00Z&resource_id=1", ["resource_id"]),
        ("get", "/api/v1/quotes", "speaker=4", ["speaker"]),
        ("post", "/api/v1/documents", "sauce=Wire", ["sauce"]),
        ("delete", "/api/v1/documents/1", "force=1", ["force"]),
    ],
)
def test_unknown_parameters_are_named_and_change_nothing(
    client, seed_doc, method, path, query, unknown
):
    before = client.get("/api/v1/documents").get_json()
    resp = getattr(client, method)(
        f"{path}?{query}", json={"text": "A brief\n\nRussia met Ukraine."}
    )
    assert resp.status_code == 422, resp.get_data(as_text=True)
    body = resp.get_json()
    assert sorted(fields_of(body, "query")) == unknown
    for name in unknown:
        assert name in body["message"]
    assert client.get("/api/v1/documents").get_json() == before


@pytest.mark.parametrize(
    ("path", "accept", "status", "served"),
    [
        ("/api/v1/events", "application/xml", 406, EVENT_LISTS),
        ("/api/v1/events", "text/html", 406, EVENT_LISTS),
        ("/api/v1/quotes", "application/geo+json", 406, LISTS),
        ("/api/v1/events", "application/geo+json", 200, None),
        ("/api/v1/events/1", "text/csv", 406, LISTS[:1]),
        ("/api/v1/stats/events?group_by=type", "application/x-ndjson", 406, LISTS[:1]),
        ("/api/v1/actors/1/network", "text/csv", 406, LISTS[:1]),
        ("/api/v1/events", "text/csv", 200, None),
        ("/api/v1/events", "application/xml, text/csv;q=0.5", 200, None),
        ("/api/v1/events/1", "application/xml, */*;q=0.1", 200, None),
        ("/api/v1/events/1", "application/*", 200, None),
        ("/api/v1/documents/1", "", 200, None),
    ],
)
def test_accept_an_operation_cannot_serve_is_a_406(client, seed_doc, path, accept, status, served):
    resp = client.get(path, headers={"Accept": accept} if accept else {})
    # Read to the end: an export streams from an open server-side cursor until then.
    body = resp.get_data(as_text=True)
    assert resp.status_code == status, body
    if served:
        message = resp.get_json()["message"]
        assert message.endswith("serves: " + ", ".join(served) + ".")


def test_a_write_with_an_unacceptable_accept_stores_nothing(client):
    resp = client.post(
        "/api/v1/documents",
        json={"text": "A brief\n\nRussia met Ukraine."},
        headers={"Accept": "application/xml"},
    )
    assert resp.status_code == 406
    assert get_all(client, "/api/v1/documents") == []


def test_every_known_parameter_still_passes(client, seed_doc):
    """The check knows each operation's own parameters: the README's kind of request works."""
    for url in (
        "/api/v1/events?type=ASSAULT&fields=type,date&sort=-date&page=1&page_size=5",
        "/api/v1/events?cursor=&format=ndjson",
        "/api/v1/actors?kind=country&q=russia",
        "/api/v1/stats/events?group_by=date&interval=month&type=SANCTION",
        "/api/v1/deletions?since=2020-01-01T00:00:00Z&resource=documents",
    ):
        resp = client.get(url)
        assert resp.status_code == 200, url
        resp.get_data()  # an export streams from an open server-side cursor until read
