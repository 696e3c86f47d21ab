"""HTTP conventions (issue 19, item 6): Location on 201, Link with first/prev/next/last,
plain paging headers, and an index of links at `/` and `/api/v1`."""

from __future__ import annotations

import json

import pytest


def test_created_document_has_a_location_that_serves_it(client):
    resp = client.post("/api/v1/documents", json={"text": "Loc\n\nRussia met Ukraine."})
    assert resp.status_code == 201
    assert resp.headers["Location"] == f"/api/v1/documents/{resp.get_json()['id']}"
    assert client.get(resp.headers["Location"]).get_json() == resp.get_json()
    again = client.post("/api/v1/documents", json={"text": "Loc\n\nRussia met Ukraine."})
    assert again.status_code == 200 and again.headers["Location"] == resp.headers["Location"]


def _links(resp) -> dict[str, str]:
    out = {}
    for part in resp.headers["Link"].split(", "):
        url, rel = part.split("; ")
        out[rel.removeprefix('rel="').removesuffix('"')] = url.strip("<>")
    return out


@pytest.mark.parametrize(
    ("page", "rels"),
    [
        (1, {"first", "next", "last"}),
        (2, {"first", "prev", "next", "last"}),
        ("last", {"first", "prev", "last"}),
    ],
)
def test_offset_pages_link_first_prev_next_last(client, seed_doc, page, rels):
    total = int(client.get("/api/v1/events?page_size=2").headers["X-Total-Count"])
    last = (total + 1) // 2
    assert last >= 3, "the seed brief has enough events for three pages"
    number = last if page == "last" else page
    resp = client.get(f"/api/v1/events?page_size=2&page={number}")
    links = _links(resp)
    assert set(links) == rels
    assert links["first"].endswith("page=1") and links["last"].endswith(f"page={last}")
    meta = json.loads(resp.headers["X-Pagination"])
    assert int(resp.headers["X-Total-Count"]) == meta["total"] == total


def test_cursor_pages_link_first_and_next(client, seed_doc):
    resp = client.get("/api/v1/events?page_size=2&cursor=")
    links = _links(resp)
    assert set(links) == {"first", "next"}
    assert resp.headers["X-Next-Cursor"] in links["next"]


@pytest.mark.parametrize("path", ["/", "/api/v1", "/api/v1/"])
def test_index_links_to_docs_spec_and_collections(anonymous, path):
    resp = anonymous.get(path)
    assert resp.status_code == 200
    links = resp.get_json()["links"]
    for name in ("docs", "spec", "documents", "actors", "events", "quotes", "deletions"):
        assert anonymous.get(links[name]).status_code == 200, name
