"""`fields` is a sparse fieldset (as JSON:API's): every item of a projected list carries exactly
the fields asked for, `id` first and then in the order asked, in every format. The item
schemas' `required` lists hold for full items only (README, "Projections"); the spec's `fields`
parameter says so, and schemathesis checks response schemas only where no `fields` was sent
(tests/contract/schemathesis_hooks.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import get_all

URL = "/api/v1"


@pytest.fixture
def data(client, seed_doc):
    """The seed brief, and a deleted second one (for the deletions feed); the ids of an actor
    with events, one with quotes and one with mentions."""
    other = client.post(f"{URL}/documents", json={"text": "Gone\n\nFrance praised Germany."})
    assert other.status_code == 201, other.get_json()
    assert client.delete(f"{URL}/documents/{other.get_json()['id']}").status_code == 204
    events = get_all(client, f"{URL}/events")
    quotes = [q for q in get_all(client, f"{URL}/quotes") if q["speaker"]]
    assert events and events[0]["sources"] and quotes
    return {
        "events": events[0]["sources"][0]["id"],
        "quotes": quotes[0]["speaker"]["id"],
        "mentions": events[0]["sources"][0]["id"],
    }


# (list, fields asked for): every list that projects, one field, several, `id` itself, and an
# order that is not the schema's.
CASES = [
    ("/documents", "title"),
    ("/documents", "published_at,title,source"),
    ("/documents", "id"),
    ("/actors", "name"),
    ("/actors", "affiliation,kind,name"),
    ("/events", "type"),
    ("/events", "date,type,targets,sources"),
    ("/events", "id,sentence"),
    ("/quotes", "speaker,text"),
    ("/quotes", "kind"),
    ("/deletions", "resource_id"),
    ("/deletions", "deleted_at,resource"),
    ("/actors/{events}/events", "type,date"),
    ("/actors/{quotes}/quotes", "text"),
    ("/actors/{mentions}/mentions", "text,start"),
    # `search` comes with `q` only: without it, asking for it adds nothing.
    ("/events", "type,search"),
]


ID_COLUMNS = {
    "sources": ("source_ids",),
    "targets": ("target_ids",),
    "speaker": ("speaker_id",),
    "affiliation": ("affiliation_id",),
}


def _expected(fields: str, q: str | None = None) -> list[str]:
    keys = list(dict.fromkeys(["id", *fields.split(",")]))
    return [k for k in keys if k != "search"] + (["search"] if q else [])


def _items(client, path: str, params: dict, fmt: str) -> list[dict] | list[list[str]]:
    resp = client.get(path, query_string={**params, "format": fmt, "page_size": 100})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    body = resp.get_data(as_text=True)
    if fmt == "json":
        return resp.get_json()
    if fmt == "ndjson":
        return [json.loads(line) for line in body.splitlines() if line]
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
@pytest.mark.parametrize(("path", "fields"), CASES)
def test_a_projection_returns_exactly_the_fields_asked_for(client, data, path, fields, fmt):
    items = _items(client, URL + path.format(**data), {"fields": fields}, fmt)
    assert items
    assert all(list(item) == _expected(fields) for item in items), items[0]


@pytest.mark.parametrize(("path", "fields"), CASES)
def test_a_projected_csv_has_exactly_the_columns_asked_for(client, data, path, fields):
    header, *rows = _items(client, URL + path.format(**data), {"fields": fields}, "csv")
    assert rows
    # A reference's ids come beside its names (tests/api/test_exports.py), asked for with it.
    assert header == [c for f in _expected(fields) for c in (f, *ID_COLUMNS.get(f, ()))]
    assert all(len(row) == len(header) for row in rows)


@pytest.mark.parametrize(
    ("path", "fields", "q"),
    [
        ("/documents", "title", "said"),
        ("/events", "type", "said"),
        ("/quotes", "text", "commitments"),
        ("/events", "search", "said"),
        ("/events", "type,search", "said"),
    ],
)
def test_a_projection_with_search_adds_only_the_match(client, data, path, fields, q):
    """`search` is the match, not a field of the item: it comes with `q`, projected or not."""
    items = _items(client, URL + path, {"fields": fields, "q": q}, "json")
    assert items
    assert all(list(item) == _expected(fields, q) for item in items), items[0]


@pytest.mark.parametrize(
    "path",
    [
        "/documents",
        "/actors",
        "/events",
        "/quotes",
        "/deletions",
        "/actors/{actor_id}/events",
        "/actors/{actor_id}/quotes",
        "/actors/{actor_id}/mentions",
    ],
)
def test_the_spec_states_the_projection_rule(client, path):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"][f"{URL}{path}"]["get"]
    (param,) = [p for p in operation["parameters"] if p["name"] == "fields"]
    assert "sparse fieldset" in param["description"]
    assert "`required` list holds for full items only" in param["description"]
