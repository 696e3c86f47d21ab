"""A brief that takes longer than the extraction budget is refused with a clear 422 and stores
nothing; extraction is linear, so the budget bounds the size of what a worker takes on."""

from __future__ import annotations

import pytest

from api import ingest
from tests.conftest import get_all


@pytest.mark.parametrize(
    "text",
    [
        "A long brief\n\n" + "Russia bombed Syria on Monday, officials said. " * 3000,
        "A long brief\n\n" + '"' * 60_000,
        "A long brief\n\n" + "officials said the talks went on " * 4000,
    ],
    ids=["sentences", "quotation marks", "no punctuation"],
)
def test_a_brief_past_the_budget_is_a_422_and_changes_nothing(client, monkeypatch, text):
    before = get_all(client, "/api/v1/documents")
    monkeypatch.setattr(ingest, "EXTRACT_TIME_BUDGET", 0.05)
    resp = client.post("/api/v1/documents", json={"text": text})
    assert resp.status_code == 422, resp.get_json()
    body = resp.get_json()
    assert "too long to extract" in str(body) and "split it" in str(body)
    assert get_all(client, "/api/v1/documents") == before


def test_the_same_brief_within_the_budget_is_stored(client, monkeypatch):
    monkeypatch.setattr(ingest, "EXTRACT_TIME_BUDGET", 60)
    text = "A long brief\n\n" + "Russia bombed Syria on Monday, officials said. " * 300
    assert client.post("/api/v1/documents", json={"text": text}).status_code == 201
