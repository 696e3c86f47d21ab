"""Exports a client can join: a CSV row gives every reference to an actor by id beside its
name (`source_ids`, `target_ids`, `speaker_id`, `affiliation_id`), in the order of the names;
each NDJSON line is the JSON item, identical, on every list."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import get_all

URL = "/api/v1"


@pytest.fixture
def corpus(client, seed_doc):
    """The seed brief and one with several sources and targets, a third one deleted (for the
    deletions feed); the ids of an actor with events, one with quotes and one with mentions."""
    for text in (
        "Allies\n\nFrance and Germany accused Russia and Iran of spying on Monday.",
        "Gone\n\nFrance praised Germany.",
    ):
        assert client.post(f"{URL}/documents", json={"text": text}).status_code == 201
    assert client.delete(f"{URL}/documents/3").status_code == 204
    events = [e for e in get_all(client, f"{URL}/events") if e["sources"]]
    quotes = [q for q in get_all(client, f"{URL}/quotes") if q["speaker"]]
    affiliated = [a for a in get_all(client, f"{URL}/actors") if a["affiliation"]]
    assert events and quotes and affiliated
    return {
        "events": events[0]["sources"][0]["id"],
        "quotes": quotes[0]["speaker"]["id"],
        "mentions": affiliated[0]["id"],
    }


def _csv(client, path: str, **params) -> tuple[list[str], list[dict]]:
    resp = client.get(path, query_string={**params, "format": "csv"})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "text/csv"
    reader = csv.DictReader(io.StringIO(resp.get_data(as_text=True)))
    return list(reader.fieldnames or []), list(reader)


def _joined(value, key: str) -> str:
    if isinstance(value, list):
        return ";".join(str(v[key]) for v in value)
    return "" if value is None else str(value[key])


# (list, reference field, its ids column): every reference to an actor in every list.
REFERENCES = [
    ("/events", "sources", "source_ids"),
    ("/events", "targets", "target_ids"),
    ("/quotes", "speaker", "speaker_id"),
    ("/actors", "affiliation", "affiliation_id"),
    ("/actors/{events}/events", "sources", "source_ids"),
    ("/actors/{events}/events", "targets", "target_ids"),
    ("/actors/{quotes}/quotes", "speaker", "speaker_id"),
]


@pytest.mark.parametrize(("path", "field", "ids"), REFERENCES)
def test_csv_gives_ids_beside_names(client, corpus, path, field, ids):
    path = URL + path.format(**corpus)
    header, rows = _csv(client, path)
    items = get_all(client, path)
    assert header[header.index(field) + 1] == ids  # side by side
    assert [r["id"] for r in rows] == [str(i["id"]) for i in items]
    assert [r[field] for r in rows] == [_joined(i[field], "name") for i in items]
    assert [r[ids] for r in rows] == [_joined(i[field], "id") for i in items]
    assert any(r[ids] for r in rows)


@pytest.mark.parametrize(
    ("path", "fields", "header"),
    [
        ("/events", "targets,type", ["id", "targets", "target_ids", "type"]),
        ("/events", "sources", ["id", "sources", "source_ids"]),
        ("/quotes", "text,speaker", ["id", "text", "speaker", "speaker_id"]),
        ("/actors", "affiliation", ["id", "affiliation", "affiliation_id"]),
        ("/actors", "name", ["id", "name"]),
    ],
)
def test_projected_csv_keeps_ids_beside_names(client, corpus, path, fields, header):
    got, rows = _csv(client, URL + path, fields=fields)
    assert got == header and rows


def test_csv_ids_join_the_actors_list(client, corpus):
    """The point of the ids: every one of them is an actor of `/actors`, named as in the row."""
    actors = {str(a["id"]): a["name"] for a in get_all(client, f"{URL}/actors")}
    _, rows = _csv(client, f"{URL}/events")
    for row in rows:
        for names, ids in (
            (row["sources"], row["source_ids"]),
            (row["targets"], row["target_ids"]),
        ):
            pairs = list(zip(ids.split(";"), names.split(";"), strict=True)) if ids else []
            assert all(actors[i] == n for i, n in pairs), row


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/documents", {}),
        ("/documents", {"q": "Aleppo"}),
        ("/documents", {"fields": "title,published_at"}),
        ("/actors", {}),
        ("/actors", {"kind": "country"}),
        ("/events", {}),
        ("/events", {"q": "said", "sort": "-date"}),
        ("/quotes", {}),
        ("/quotes", {"fields": "speaker,text"}),
        ("/deletions", {}),
        ("/actors/{events}/events", {}),
        ("/actors/{quotes}/quotes", {}),
        ("/actors/{mentions}/mentions", {}),
    ],
)
def test_ndjson_lines_are_the_json_items(client, corpus, path, params):
    path = URL + path.format(**corpus)
    listed = get_all(client, path, **params)
    resp = client.get(path, query_string={**params, "format": "ndjson"})
    assert resp.status_code == 200 and resp.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in resp.get_data(as_text=True).splitlines()]
    assert lines and [list(x) for x in lines] == [list(x) for x in listed]  # key order too
    assert lines == listed
