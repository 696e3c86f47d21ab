"""Quotes over HTTP: kinds, speakers, spans and filters."""

from __future__ import annotations

import pytest

from tests.conftest import get_all

URL = "/api/v1/quotes"


def test_seed_quotes(client, seed_doc):
    quotes = get_all(client, URL, document_id=seed_doc["id"])
    text = seed_doc["text"]
    for q in quotes:
        assert text[q["start"] : q["end"]] == q["text"]
    blocks = [q for q in quotes if q["kind"] == "block"]
    assert len(blocks) == 2
    assert all(q["speaker"]["name"] == "U.S. State Department" for q in blocks)
    power = next(q for q in quotes if q["text"].startswith("the bombings destroyed"))
    assert (power["speaker"]["name"], power["cue"], power["kind"]) == (
        "Samantha Power",
        "said",
        "indirect",
    )


@pytest.mark.parametrize(
    ("params", "count_check"),
    [({"kind": "block"}, 2), ({"q": "three out of four"}, 1), ({"q": "no such words"}, 0)],
)
def test_quote_filters(client, seed_doc, params, count_check):
    assert len(get_all(client, URL, **params)) == count_check


def test_quotes_by_speaker(client, seed_doc):
    actors = {a["name"]: a["id"] for a in get_all(client, "/api/v1/actors")}
    quotes = get_all(client, URL, speaker_id=actors["Samantha Power"])
    assert [q["speaker"]["name"] for q in quotes] == ["Samantha Power"]
    assert client.get(URL, query_string={"kind": "shouted"}).status_code == 422
