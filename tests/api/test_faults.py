"""Faults: an unexpected error is a JSON 500 that changes nothing; a failure midway leaves no
partial document."""

from __future__ import annotations

import pytest

from api import ingest as ingest_module
from tests.conftest import get_all


@pytest.fixture
def quiet_errors(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield
    app.config["PROPAGATE_EXCEPTIONS"] = None


def test_unexpected_error_is_json_500_without_trace(client, monkeypatch, quiet_errors):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ingest_module, "extract", boom)
    resp = client.post("/api/v1/documents", json={"text": "T\n\nRussia said so."})
    assert resp.status_code == 500
    body = resp.get_json()
    assert body["code"] == 500 and "secret" not in resp.get_data(as_text=True)
    assert "Traceback" not in resp.get_data(as_text=True)
    assert get_all(client, "/api/v1/documents") == []


def test_failure_after_rows_were_written_leaves_nothing(client, monkeypatch, quiet_errors):
    real = ingest_module.store_extraction

    def store_then_fail(session, doc, x):
        real(session, doc, x)  # paragraphs, actors, mentions, events and quotes are flushed
        raise RuntimeError("database failed midway")

    monkeypatch.setattr(ingest_module, "store_extraction", store_then_fail)
    resp = client.post("/api/v1/documents", json={"text": "T\n\nRussia bombed Syria, France said."})
    assert resp.status_code == 500
    for path in ("/api/v1/documents", "/api/v1/actors", "/api/v1/events", "/api/v1/quotes"):
        assert get_all(client, path) == []
